"""The kernels' arithmetic in plain NumPy, in the kernels' own order, for a window that paints
before Numba is loaded (see _jit.defer): the same functions, arguments and buffers as
kernels.py, so ``Network`` calls one or the other.

Same order means same numbers: each sum runs over the same terms in the same sequence as the
kernel's loop (a NumPy reduction would add pairwise and differ in the last bits), where the
kernel calls BLAS this calls BLAS, and exp, log1p and tanh are the C library's, as in the
compiled kernels (NumPy's vectorised exp may round differently). It is slow for big batches:
it serves one sample's trace and the evaluations of the first view, never training.
"""
from __future__ import annotations

import math

import numpy as np

from .activations import LEAKY_SLOPE, LEAKY_RELU, LINEAR, RELU, SIGMOID, SOFTMAX, TANH
from .kernels import _BLAS_MIN_WORK
from .losses import BCE, CROSS_ENTROPY, EPS, HALF_SSE, MSE


def _libm(func, x: np.ndarray) -> np.ndarray:
    """func (a ``math`` function: the C library's) applied to each element of x."""
    return np.fromiter(map(func, x.ravel().tolist()), dtype=np.float64, count=x.size).reshape(x.shape)


def _sum_rows(M: np.ndarray) -> np.ndarray:
    """Column sums of M (rows, n) added row after row, as a kernel's loop adds them."""
    s = np.zeros(M.shape[1])
    for row in M:
        s += row
    return s


def _sum(values: np.ndarray) -> float:
    total = 0.0
    for v in values.tolist():
        total += v
    return total


# --- the products (kernels.gemm_*) ------------------------------------------------------------
def gemm_nt(A, W, out):
    """out = A @ W.T.  A: (m, k), W: (n, k), out: (m, n)."""
    m, k = A.shape
    n = W.shape[0]
    if m * n * k >= _BLAS_MIN_WORK:
        np.dot(A, W.T, out)
        return
    out[...] = 0.0
    for i in range(k):
        out += A[:, i, None] * W[None, :, i]


def gemm_tn(D, A, out):
    """out = D.T @ A.  D: (m, n), A: (m, k), out: (n, k); rows with d == 0 add nothing."""
    m, n = D.shape
    k = A.shape[1]
    if m * n * k >= _BLAS_MIN_WORK:
        np.dot(D.T, A, out)
        return
    out[...] = 0.0
    for r in range(m):
        term = D[r, :, None] * A[r, None, :]
        term[D[r] == 0.0] = 0.0
        out += term


def gemm_nn(D, W, out):
    """out = D @ W.  D: (m, n), W: (n, k), out: (m, k); entries with d == 0 add nothing."""
    m, n = D.shape
    k = W.shape[1]
    if m * n * k >= _BLAS_MIN_WORK:
        np.dot(D, W, out)
        return
    out[...] = 0.0
    for c in range(n):
        term = D[:, c, None] * W[None, c, :]
        term[D[:, c] == 0.0] = 0.0
        out += term


# --- activations (activations.activate_rows, backward_rows) -----------------------------------
def _softmax_row(z: np.ndarray, out: np.ndarray) -> None:
    zmax = z[0]
    for v in z[1:]:
        if v > zmax:
            zmax = v
    e = _libm(math.exp, z - zmax)
    out[...] = e / _sum(e)


def activate_rows(code, z, out, rows, n):
    """a = f(z) for ``rows`` samples of ``n`` units stored one after another in z and out."""
    if code == SIGMOID:
        pos = z >= 0.0
        e = _libm(math.exp, np.where(pos, -z, z))
        out[...] = np.where(pos, 1.0 / (1.0 + e), e / (1.0 + e))
    elif code == TANH:
        out[...] = _libm(math.tanh, z)
    elif code == RELU:
        out[...] = np.where(z > 0.0, z, 0.0)
    elif code == LEAKY_RELU:
        out[...] = np.where(z > 0.0, z, LEAKY_SLOPE * z)
    elif code == SOFTMAX:
        for r in range(rows):
            _softmax_row(z[r * n:(r + 1) * n], out[r * n:(r + 1) * n])
    else:
        out[...] = z


def backward_rows(code, z, a, g, out, rows, n):
    """delta = dL/dz from g = dL/da for ``rows`` samples stored as in activate_rows."""
    if code == SIGMOID:
        out[...] = g * a * (1.0 - a)
    elif code == TANH:
        out[...] = g * (1.0 - a * a)
    elif code == RELU:
        out[...] = np.where(z > 0.0, g, 0.0)
    elif code == LEAKY_RELU:
        out[...] = np.where(z > 0.0, g, LEAKY_SLOPE * g)
    elif code == SOFTMAX:
        for r in range(rows):
            lo, hi = r * n, (r + 1) * n
            dot = _sum(g[lo:hi] * a[lo:hi])
            out[lo:hi] = a[lo:hi] * (g[lo:hi] - dot)
    else:
        out[...] = g


# --- losses (losses.loss, grad_output, output_delta) for rows (rows, n_out) -------------------
def _softplus(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0.0) + _libm(math.log1p, _libm(math.exp, -np.abs(x)))


def _row_losses(code, Z, A, T) -> np.ndarray:
    rows, n = A.shape
    total = np.zeros(rows)
    if code == MSE or code == HALF_SSE:
        for j in range(n):
            d = A[:, j] - T[:, j]
            total += d * d
        return total / n if code == MSE else 0.5 * total
    if code == BCE:
        for j in range(n):
            total += _softplus(-Z[:, j]) + (1.0 - T[:, j]) * Z[:, j]
        return total / n
    zmax = Z[:, 0].copy()
    for j in range(1, n):
        zmax = np.maximum(zmax, Z[:, j])
    s = np.zeros(rows)
    for j in range(n):
        s += _libm(math.exp, Z[:, j] - zmax)
    lse = zmax + _libm(math.log, s)
    for j in range(n):
        total -= np.where(T[:, j] != 0.0, T[:, j] * (Z[:, j] - lse), 0.0)
    return total


def loss(code, out_act, z, a, t) -> float:
    """L for one sample (losses.loss)."""
    return float(_row_losses(code, z.reshape(1, -1), a.reshape(1, -1), t.reshape(1, -1))[0])


def _clip(a: np.ndarray) -> np.ndarray:
    return np.minimum(np.maximum(a, EPS), 1.0 - EPS)


def grad_output(code, a, t, out):
    """dL/da (one sample's or rows'), written into ``out``."""
    n = a.shape[-1]
    if code == MSE:
        out[...] = 2.0 * (a - t) / n
    elif code == HALF_SSE:
        out[...] = a - t
    elif code == BCE:
        p = _clip(a)
        out[...] = (p - t) / (p * (1.0 - p) * n)
    else:
        out[...] = -t / _clip(a)


def _output_delta(code, out_act, Z, A, T, D) -> None:
    n = A.shape[1]
    if code == BCE:
        D[...] = (A - T) / n
    elif code == CROSS_ENTROPY:
        tsum = np.zeros(A.shape[0])
        for j in range(n):
            tsum += T[:, j]
        D[...] = A * tsum[:, None] - T
    else:
        grad_output(code, A, T, D)
        rows = A.shape[0]
        backward_rows(out_act, Z.ravel(), A.ravel(), D.ravel(), D.reshape(-1), rows, n)


# --- the kernels Network calls --------------------------------------------------------------
def _block(buf, bsz, u_off, n):
    return buf[bsz * u_off: bsz * (u_off + n)].reshape((bsz, n))


def forward(params, sizes, acts, w_off, b_off, u_off, X, bsz, zbuf, abuf):
    """As kernels.forward."""
    for k in range(acts.shape[0]):
        n_in, n_out = sizes[k], sizes[k + 1]
        W = params[w_off[k]: w_off[k] + n_out * n_in].reshape((n_out, n_in))
        b = params[b_off[k]: b_off[k] + n_out]
        Z = _block(zbuf, bsz, u_off[k], n_out)
        gemm_nt(X[:bsz] if k == 0 else _block(abuf, bsz, u_off[k - 1], n_in), W, Z)
        Z += b
        lo, hi = bsz * u_off[k], bsz * (u_off[k] + n_out)
        activate_rows(acts[k], zbuf[lo:hi], abuf[lo:hi], bsz, n_out)


def loss_and_output_delta(loss_code, sizes, acts, u_off, T, bsz, zbuf, abuf, dbuf):
    """As kernels.loss_and_output_delta."""
    last = acts.shape[0] - 1
    n_out = sizes[last + 1]
    Z = _block(zbuf, bsz, u_off[last], n_out)
    A = _block(abuf, bsz, u_off[last], n_out)
    D = _block(dbuf, bsz, u_off[last], n_out)
    _output_delta(loss_code, acts[last], Z, A, T[:bsz], D)
    return _sum(_row_losses(loss_code, Z, A, T[:bsz])) / bsz


def backward(params, sizes, acts, w_off, b_off, u_off, X, bsz, zbuf, abuf, dbuf, grads):
    """As kernels.backward."""
    inv = 1.0 / bsz
    for k in range(acts.shape[0] - 1, -1, -1):
        n_in, n_out = sizes[k], sizes[k + 1]
        D = _block(dbuf, bsz, u_off[k], n_out)
        gW = grads[w_off[k]: w_off[k] + n_out * n_in].reshape((n_out, n_in))
        A_prev = X[:bsz] if k == 0 else _block(abuf, bsz, u_off[k - 1], n_in)
        gemm_tn(D, A_prev, gW)
        grads[b_off[k]: b_off[k] + n_out] = _sum_rows(D) * inv
        gW *= inv
        if k > 0:
            W = params[w_off[k]: w_off[k] + n_out * n_in].reshape((n_out, n_in))
            gemm_nn(D, W, _block(dbuf, bsz, u_off[k - 1], n_in))
            lo, hi = bsz * u_off[k - 1], bsz * (u_off[k - 1] + n_in)
            backward_rows(acts[k - 1], zbuf[lo:hi], abuf[lo:hi], dbuf[lo:hi], dbuf[lo:hi], bsz, n_in)


def evaluate(params, sizes, acts, w_off, b_off, u_off, loss_code, X, T, chunk,
             zbuf, abuf, dbuf, out):
    """As kernels.evaluate: (mean loss, number of correct predictions); outputs into ``out``."""
    n = X.shape[0]
    last = acts.shape[0] - 1
    n_out = sizes[last + 1]
    total = 0.0
    correct = 0
    for lo in range(0, n, chunk):
        bsz = min(chunk, n - lo)
        Tc = T[lo: lo + bsz]
        forward(params, sizes, acts, w_off, b_off, u_off, X[lo: lo + bsz], bsz, zbuf, abuf)
        Z = _block(zbuf, bsz, u_off[last], n_out)
        A = _block(abuf, bsz, u_off[last], n_out)
        for v in _row_losses(loss_code, Z, A, Tc).tolist():
            total += v
        out[lo: lo + bsz] = A
        if n_out == 1:
            correct += int(np.count_nonzero((A[:, 0] > 0.5) == (Tc[:, 0] > 0.5)))
        else:
            correct += int(np.count_nonzero(np.argmax(A, axis=1) == np.argmax(Tc, axis=1)))
    return total / max(n, 1), correct
