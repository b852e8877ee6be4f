"""Numba kernels: forward pass, backward pass, whole minibatch steps and evaluation.

Layout (built by ``network.Layout``): all weights and biases live in one flat float64 vector
``params``. Layer k (0-based) maps ``sizes[k]`` inputs to ``sizes[k+1]`` units with

    W_k = params[w_off[k] : w_off[k] + n_out*n_in].reshape(n_out, n_in)      z = W_k a_prev + b_k
    b_k = params[b_off[k] : b_off[k] + n_out]

Per-sample buffers for z, a and delta are flat too: for a batch of ``bsz`` rows, layer k's block
is ``buf[bsz*u_off[k] : bsz*(u_off[k]+n_out)].reshape(bsz, n_out)`` — one row per sample.

Every function writes its results in place and allocates nothing per step. ``nogil=True`` lets a
worker thread train while the window's thread keeps drawing. Randomness comes in as data: the
shuffled sample ``order`` is made by the caller from a seeded generator.
"""
from __future__ import annotations

import math

import numpy as np

from . import activations, losses, optim
from ._jit import INLINE, JIT, njit

#: below this many multiply-adds a plain loop beats a BLAS call's overhead. A call costs
#: ~0.15 us and the loops ~0.3-1 ns per multiply-add, so the crossover, measured for all
#: three products on shapes from (10, 8, 2) to (64, 128, 10), lies between 300 and 700.
_BLAS_MIN_WORK = 512


@njit(**JIT)
def gemm_nt(A, W, out):
    """out = A @ W.T.  A: (m, k), W: (n, k), out: (m, n)."""
    m, k = A.shape
    n = W.shape[0]
    if m * n * k >= _BLAS_MIN_WORK:
        np.dot(A, W.T, out)
        return
    for r in range(m):
        for c in range(n):
            s = 0.0
            for i in range(k):
                s += A[r, i] * W[c, i]
            out[r, c] = s


@njit(**JIT)
def gemm_tn(D, A, out):
    """out = D.T @ A.  D: (m, n), A: (m, k), out: (n, k). Sums over the batch rows."""
    m, n = D.shape
    k = A.shape[1]
    if m * n * k >= _BLAS_MIN_WORK:
        np.dot(D.T, A, out)
        return
    for c in range(n):
        for i in range(k):
            out[c, i] = 0.0
    for r in range(m):
        for c in range(n):
            d = D[r, c]
            if d != 0.0:
                for i in range(k):
                    out[c, i] += d * A[r, i]


@njit(**JIT)
def gemm_nn(D, W, out):
    """out = D @ W.  D: (m, n), W: (n, k), out: (m, k)."""
    m, n = D.shape
    k = W.shape[1]
    if m * n * k >= _BLAS_MIN_WORK:
        np.dot(D, W, out)
        return
    for r in range(m):
        for i in range(k):
            out[r, i] = 0.0
        for c in range(n):
            d = D[r, c]
            if d != 0.0:
                for i in range(k):
                    out[r, i] += d * W[c, i]


@njit(**INLINE)
def _block(buf, bsz, u_off, n):
    return buf[bsz * u_off: bsz * (u_off + n)].reshape((bsz, n))


@njit(**JIT)
def forward(params, sizes, acts, w_off, b_off, u_off, X, bsz, zbuf, abuf):
    """Forward pass of rows 0..bsz-1 of X (float64, (>= bsz, sizes[0])) into zbuf, abuf."""
    n_layers = acts.shape[0]
    for k in range(n_layers):
        n_in, n_out = sizes[k], sizes[k + 1]
        W = params[w_off[k]: w_off[k] + n_out * n_in].reshape((n_out, n_in))
        b = params[b_off[k]: b_off[k] + n_out]
        Z = _block(zbuf, bsz, u_off[k], n_out)
        if k == 0:
            gemm_nt(X[:bsz], W, Z)
        else:
            gemm_nt(_block(abuf, bsz, u_off[k - 1], n_in), W, Z)
        for r in range(bsz):
            for c in range(n_out):
                Z[r, c] += b[c]
        lo, hi = bsz * u_off[k], bsz * (u_off[k] + n_out)
        activations.activate_rows(acts[k], zbuf[lo:hi], abuf[lo:hi], bsz, n_out)


@njit(**JIT)
def loss_and_output_delta(loss_code, sizes, acts, u_off, T, bsz, zbuf, abuf, dbuf):
    """Mean loss over rows 0..bsz-1 of T; writes each row's output delta dL/dz into dbuf."""
    last = acts.shape[0] - 1
    n_out = sizes[last + 1]
    Z = _block(zbuf, bsz, u_off[last], n_out)
    A = _block(abuf, bsz, u_off[last], n_out)
    D = _block(dbuf, bsz, u_off[last], n_out)
    return losses.batch_loss_and_delta(loss_code, acts[last], Z, A, T[:bsz], D) / bsz


@njit(**JIT)
def backward(params, sizes, acts, w_off, b_off, u_off, X, bsz, zbuf, abuf, dbuf, grads):
    """Backward pass from the output deltas in dbuf: fills every layer's delta (dbuf) and
    grads = mean over the bsz rows of dL/dW, dL/db (same layout as params)."""
    backward_sums(params, sizes, acts, w_off, b_off, u_off, X, bsz, zbuf, abuf, dbuf, grads)
    inv = 1.0 / bsz
    for k in range(acts.shape[0]):
        for i in range(w_off[k], w_off[k] + sizes[k] * sizes[k + 1]):
            grads[i] *= inv


@njit(**JIT)
def backward_sums(params, sizes, acts, w_off, b_off, u_off, X, bsz, zbuf, abuf, dbuf, grads):
    """``backward``, but with the weights' gradients left as sums over the bsz rows (the
    biases' are means already); the training kernel averages them in its pass that sums their
    squares."""
    n_layers = acts.shape[0]
    inv = 1.0 / bsz
    for k in range(n_layers - 1, -1, -1):
        n_in, n_out = sizes[k], sizes[k + 1]
        D = _block(dbuf, bsz, u_off[k], n_out)
        gW = grads[w_off[k]: w_off[k] + n_out * n_in].reshape((n_out, n_in))
        gb = grads[b_off[k]: b_off[k] + n_out]
        A_prev = X[:bsz] if k == 0 else _block(abuf, bsz, u_off[k - 1], n_in)
        gemm_tn(D, A_prev, gW)
        for c in range(n_out):
            s = 0.0
            for r in range(bsz):
                s += D[r, c]
            gb[c] = s * inv
        if k > 0:
            # dL/da_prev = D W, then through the previous layer's activation: delta_prev
            W = params[w_off[k]: w_off[k] + n_out * n_in].reshape((n_out, n_in))
            G = _block(dbuf, bsz, u_off[k - 1], n_in)
            gemm_nn(D, W, G)
            lo, hi = bsz * u_off[k - 1], bsz * (u_off[k - 1] + n_in)
            activations.backward_rows(acts[k - 1], zbuf[lo:hi], abuf[lo:hi], dbuf[lo:hi],
                                      dbuf[lo:hi], bsz, n_in)


@njit(**JIT, fastmath={"reassoc"})
def _layer_grad_norms(sizes, w_off, grads, out):
    """out[k] = the norm of layer k's weight gradient (the remedies' training kernel)."""
    for k in range(out.shape[0]):
        s = 0.0
        for i in range(w_off[k], w_off[k] + sizes[k] * sizes[k + 1]):
            s += grads[i] * grads[i]
        out[k] = math.sqrt(s)


@njit(**JIT, fastmath={"reassoc"})
def _mean_grads_and_norms(sizes, w_off, b_off, grads, inv, norms):
    """Weight gradients (sums over the batch, from backward_sums) times ``inv`` in place, in one
    pass that also sums their squares: norms[k] gets layer k's weight-gradient norm. Returns
    (sum of squares of all weights' gradients, of all biases')."""
    weights = 0.0
    biases = 0.0
    for k in range(norms.shape[0]):
        s = 0.0
        for i in range(w_off[k], w_off[k] + sizes[k] * sizes[k + 1]):
            g = grads[i] * inv
            grads[i] = g
            s += g * g
        norms[k] = math.sqrt(s)
        weights += s
        for i in range(b_off[k], b_off[k] + sizes[k + 1]):
            biases += grads[i] * grads[i]
    return weights, biases


@njit(**JIT)
def train_steps(params, sizes, acts, w_off, b_off, u_off, loss_code,
                X, T, order, start, n_steps, batch,
                opt_code, hyper, decay_mask, state_m, state_v, t0,
                grads, xb, tb, zbuf, abuf, dbuf, losses_out, norms_out):
    """Run up to n_steps minibatch steps (forward, loss, backward, update) in one call.

    Step s takes the samples order[start + s*batch : start + (s+1)*batch] (the last may be
    short). t0 is the optimiser's step count before the first step. losses_out[s] gets the
    step's mean loss (before its update) and norms_out[s, k] the norm of layer k's weight
    gradient. Stops early, before updating, when a loss or gradient is not finite, so that
    params always hold the last good weights. Returns the number of steps taken.
    """
    n = order.shape[0]
    n_in = sizes[0]
    n_out = sizes[sizes.shape[0] - 1]
    for s in range(n_steps):
        lo = start + s * batch
        if lo >= n:
            return s
        bsz = min(batch, n - lo)
        for r in range(bsz):
            i = order[lo + r]
            for c in range(n_in):
                xb[r, c] = X[i, c]
            for c in range(n_out):
                tb[r, c] = T[i, c]
        forward(params, sizes, acts, w_off, b_off, u_off, xb, bsz, zbuf, abuf)
        loss = loss_and_output_delta(loss_code, sizes, acts, u_off, tb, bsz, zbuf, abuf, dbuf)
        losses_out[s] = loss
        if not math.isfinite(loss):
            return s
        backward_sums(params, sizes, acts, w_off, b_off, u_off, xb, bsz, zbuf, abuf, dbuf, grads)
        weights, biases = _mean_grads_and_norms(sizes, w_off, b_off, grads, 1.0 / bsz,
                                                norms_out[s])
        if not math.isfinite(weights + biases):
            losses_out[s] = np.nan
            return s
        # the norm clipping uses: of every parameter that trains
        norm = math.sqrt(weights + biases if hyper[7] != 0.0 else weights)
        optim.update_with_norm(opt_code, hyper, params, grads, decay_mask, state_m, state_v,
                               t0 + s + 1, norm)
    return n_steps


@njit(**JIT)
def _score(loss_code, out_act, Z, A, Tc, out, lo, total):
    """One chunk of outputs Z, A against targets Tc: ``total`` plus the chunk's losses (added
    row by row, so chunks sum as one loop over all rows would) and the chunk's number of correct
    predictions; copies A into out[lo:]. Correct: the argmax of the output matches the argmax
    of the target (one output unit: both on the same side of 0.5)."""
    correct = 0
    n_out = A.shape[1]
    for r in range(A.shape[0]):
        total += losses.loss(loss_code, out_act, Z[r], A[r], Tc[r])
        for c in range(n_out):
            out[lo + r, c] = A[r, c]
        if n_out == 1:
            if (A[r, 0] > 0.5) == (Tc[r, 0] > 0.5):
                correct += 1
        else:
            best_a, best_t = 0, 0
            for c in range(1, n_out):
                if A[r, c] > A[r, best_a]:
                    best_a = c
                if Tc[r, c] > Tc[r, best_t]:
                    best_t = c
            if best_a == best_t:
                correct += 1
    return total, correct


@njit(**JIT)
def evaluate(params, sizes, acts, w_off, b_off, u_off, loss_code, X, T, chunk,
             zbuf, abuf, dbuf, out):
    """Mean loss and number of correct predictions over all rows of X, T, in chunks of ``chunk``
    rows (the buffers' capacity). A prediction is correct when the argmax of the output matches
    the argmax of the target (one output unit: both on the same side of 0.5). The network's
    outputs are written into ``out`` (rows of X, n_out). Returns (mean loss, n correct)."""
    n = X.shape[0]
    last = acts.shape[0] - 1
    n_out = sizes[last + 1]
    total = 0.0
    correct = 0
    for lo in range(0, n, chunk):
        bsz = min(chunk, n - lo)
        forward(params, sizes, acts, w_off, b_off, u_off, X[lo: lo + bsz], bsz, zbuf, abuf)
        total, c = _score(loss_code, acts[last], _block(zbuf, bsz, u_off[last], n_out),
                          _block(abuf, bsz, u_off[last], n_out), T[lo: lo + bsz], out, lo, total)
        correct += c
    return total / max(n, 1), correct


# --- the remedies: residual connections and batch normalization ----------------------------
#
# A network with any residual or batch-normalised layer runs these *_ex kernels; one without
# keeps the plain ones above, untouched, so their speed does not change. Hidden layer k may
#
#   batch-normalise (bn[k] = 1):  z = W a_prev + b,  xhat = (z - mu) / sqrt(var + eps),
#                                 y = gamma xhat + beta,  f = act(y)
#   skip (res[k] = 1):            a = f + a_prev      (needs n_in == n_out)
#
# gamma_k = params[g_off[k] : g_off[k] + n_out] and beta_k follows it; they are parameters the
# optimiser updates. The running mean and variance are not: they live in ``stats`` (running
# mean at s_off[k], running variance right after it). In training mode mu and var are the
# batch's (biased variance), in evaluation mode the running ones (PyTorch's BatchNorm1d).
#
# ``ext`` holds five more per-sample buffers laid out like zbuf; ``bstat`` three per-unit rows.
EXT_Y, EXT_XHAT, EXT_F, EXT_GA, EXT_DY = 0, 1, 2, 3, 4   # y, xhat, act(y or z), dL/da, dL/dy
N_EXT = 5
BSTAT_MEAN, BSTAT_VAR, BSTAT_INV = 0, 1, 2               # mu, var used, 1/sqrt(var + eps)


@njit(**JIT)
def forward_ex(params, sizes, acts, w_off, b_off, u_off, res, bn, g_off, s_off, bn_eps, stats,
               training, X, bsz, zbuf, abuf, ext, bstat):
    """Forward pass of rows 0..bsz-1 of X with residual and batch-normalised layers. Writes z,
    a (zbuf, abuf), y, xhat, f (ext) and each BN layer's mu, var, 1/sqrt(var + eps) (bstat).
    ``training``: 1 normalises with the batch's statistics, 0 with the running ones. The running
    statistics are not changed here (see update_running_stats)."""
    n_layers = acts.shape[0]
    for k in range(n_layers):
        n_in, n_out = sizes[k], sizes[k + 1]
        W = params[w_off[k]: w_off[k] + n_out * n_in].reshape((n_out, n_in))
        b = params[b_off[k]: b_off[k] + n_out]
        Z = _block(zbuf, bsz, u_off[k], n_out)
        if k == 0:
            gemm_nt(X[:bsz], W, Z)
        else:
            gemm_nt(_block(abuf, bsz, u_off[k - 1], n_in), W, Z)
        for r in range(bsz):
            for c in range(n_out):
                Z[r, c] += b[c]
        lo, hi = bsz * u_off[k], bsz * (u_off[k] + n_out)
        pre = zbuf[lo:hi]
        if bn[k]:
            _bn_forward(params, g_off[k], s_off[k], bn_eps[k], stats, training, Z,
                        _block(ext[EXT_XHAT], bsz, u_off[k], n_out),
                        _block(ext[EXT_Y], bsz, u_off[k], n_out),
                        bstat[:, u_off[k]: u_off[k] + n_out], bsz, n_out)
            pre = ext[EXT_Y][lo:hi]
        if res[k]:
            f = ext[EXT_F][lo:hi]
            activations.activate_rows(acts[k], pre, f, bsz, n_out)
            A = _block(abuf, bsz, u_off[k], n_out)
            Fb = _block(ext[EXT_F], bsz, u_off[k], n_out)
            for r in range(bsz):
                for c in range(n_out):
                    prev = X[r, c] if k == 0 else abuf[bsz * u_off[k - 1] + r * n_in + c]
                    A[r, c] = Fb[r, c] + prev
        else:
            activations.activate_rows(acts[k], pre, abuf[lo:hi], bsz, n_out)


@njit(**JIT)
def _bn_forward(params, g0, s0, eps, stats, training, Z, H, Y, bs, bsz, n):
    """One layer's batch normalisation: H = xhat, Y = gamma xhat + beta; bs rows get mu, var
    and 1/sqrt(var + eps) per unit."""
    for c in range(n):
        if training:
            mu = 0.0
            for r in range(bsz):
                mu += Z[r, c]
            mu /= bsz
            var = 0.0
            for r in range(bsz):
                d = Z[r, c] - mu
                var += d * d
            var /= bsz
        else:
            mu = stats[s0 + c]
            var = stats[s0 + n + c]
        bs[BSTAT_MEAN, c] = mu
        bs[BSTAT_VAR, c] = var
        bs[BSTAT_INV, c] = 1.0 / math.sqrt(var + eps)
    for r in range(bsz):
        for c in range(n):
            xh = (Z[r, c] - bs[BSTAT_MEAN, c]) * bs[BSTAT_INV, c]
            H[r, c] = xh
            Y[r, c] = params[g0 + c] * xh + params[g0 + n + c]


@njit(**JIT)
def update_running_stats(sizes, bn, u_off, s_off, bn_momentum, stats, bstat, bsz):
    """After a training-mode forward pass of bsz >= 2 rows: running <- (1 - m) running + m batch,
    with the unbiased variance var * bsz / (bsz - 1) for the running estimate (as PyTorch)."""
    for k in range(bn.shape[0]):
        if bn[k]:
            n = sizes[k + 1]
            m = bn_momentum[k]
            s0 = s_off[k]
            unbias = bsz / (bsz - 1.0)
            for c in range(n):
                mu = bstat[BSTAT_MEAN, u_off[k] + c]
                var = bstat[BSTAT_VAR, u_off[k] + c]
                stats[s0 + c] = (1.0 - m) * stats[s0 + c] + m * mu
                stats[s0 + n + c] = (1.0 - m) * stats[s0 + n + c] + m * var * unbias


@njit(**JIT)
def backward_ex(params, sizes, acts, w_off, b_off, u_off, res, bn, g_off, training,
                X, bsz, zbuf, abuf, dbuf, ext, bstat, grads):
    """Backward pass from the output deltas in dbuf (as ``backward``), through skips and batch
    normalisation. Fills dbuf with dL/dz, ext[EXT_GA] with dL/da and ext[EXT_DY] with dL/dy of
    every hidden layer (all per sample, i.e. bsz times the batch-mean loss's derivative), and
    grads with the batch means of dL/dW, dL/db, dL/dgamma, dL/dbeta."""
    n_layers = acts.shape[0]
    inv = 1.0 / bsz
    for k in range(n_layers - 1, -1, -1):
        n_in, n_out = sizes[k], sizes[k + 1]
        lo, hi = bsz * u_off[k], bsz * (u_off[k] + n_out)
        D = _block(dbuf, bsz, u_off[k], n_out)
        if k < n_layers - 1:
            # dL/da is in ext[EXT_GA]; back through the activation (and the normalisation)
            fa = ext[EXT_F][lo:hi] if res[k] else abuf[lo:hi]
            if bn[k]:
                activations.backward_rows(acts[k], ext[EXT_Y][lo:hi], fa, ext[EXT_GA][lo:hi],
                                          ext[EXT_DY][lo:hi], bsz, n_out)
                _bn_backward(params, grads, g_off[k], training,
                             _block(ext[EXT_DY], bsz, u_off[k], n_out),
                             _block(ext[EXT_XHAT], bsz, u_off[k], n_out), D,
                             bstat[:, u_off[k]: u_off[k] + n_out], bsz, n_out)
            else:
                activations.backward_rows(acts[k], zbuf[lo:hi], fa, ext[EXT_GA][lo:hi],
                                          dbuf[lo:hi], bsz, n_out)
        gW = grads[w_off[k]: w_off[k] + n_out * n_in].reshape((n_out, n_in))
        gb = grads[b_off[k]: b_off[k] + n_out]
        A_prev = X[:bsz] if k == 0 else _block(abuf, bsz, u_off[k - 1], n_in)
        gemm_tn(D, A_prev, gW)
        for c in range(n_out):
            s = 0.0
            for r in range(bsz):
                s += D[r, c]
            gb[c] = s * inv
        for i in range(w_off[k], w_off[k] + n_out * n_in):
            grads[i] *= inv
        if k > 0:
            # dL/da_prev = D W, plus dL/da along the skip when this layer has one
            W = params[w_off[k]: w_off[k] + n_out * n_in].reshape((n_out, n_in))
            G = _block(ext[EXT_GA], bsz, u_off[k - 1], n_in)
            gemm_nn(D, W, G)
            if res[k]:
                plo = bsz * u_off[k - 1]
                for i in range(bsz * n_in):
                    ext[EXT_GA][plo + i] += ext[EXT_GA][lo + i]


@njit(**JIT)
def _bn_backward(params, grads, g0, training, DY, H, D, bs, bsz, n):
    """From DY = dL/dy (per sample) to D = dL/dz and the batch means of dL/dgamma, dL/dbeta.
    Training mode couples the samples through mu and var:
        dL/dz_r = gamma / sqrt(var + eps) (dy_r - mean(dy) - xhat_r mean(dy xhat));
    evaluation mode does not: dL/dz_r = gamma / sqrt(var + eps) dy_r."""
    inv = 1.0 / bsz
    for c in range(n):
        s_dy = 0.0
        s_dyx = 0.0
        for r in range(bsz):
            s_dy += DY[r, c]
            s_dyx += DY[r, c] * H[r, c]
        grads[g0 + c] = s_dyx * inv
        grads[g0 + n + c] = s_dy * inv
        scale = params[g0 + c] * bs[BSTAT_INV, c]
        if training:
            m_dy = s_dy * inv
            m_dyx = s_dyx * inv
            for r in range(bsz):
                D[r, c] = scale * (DY[r, c] - m_dy - H[r, c] * m_dyx)
        else:
            for r in range(bsz):
                D[r, c] = scale * DY[r, c]


@njit(**JIT)
def train_steps_ex(params, sizes, acts, w_off, b_off, u_off, res, bn, g_off, s_off, bn_eps,
                   bn_momentum, stats, loss_code,
                   X, T, order, start, n_steps, batch,
                   opt_code, hyper, decay_mask, state_m, state_v, t0,
                   grads, xb, tb, zbuf, abuf, dbuf, ext, bstat, losses_out, norms_out):
    """``train_steps`` for networks with residual or batch-normalised layers: the same steps,
    in training mode, and each accepted step also moves the running statistics. Every
    minibatch must have at least 2 rows when a layer normalises (the caller checks)."""
    n = order.shape[0]
    n_in = sizes[0]
    n_out = sizes[sizes.shape[0] - 1]
    for s in range(n_steps):
        lo = start + s * batch
        if lo >= n:
            return s
        bsz = min(batch, n - lo)
        for r in range(bsz):
            i = order[lo + r]
            for c in range(n_in):
                xb[r, c] = X[i, c]
            for c in range(n_out):
                tb[r, c] = T[i, c]
        forward_ex(params, sizes, acts, w_off, b_off, u_off, res, bn, g_off, s_off, bn_eps,
                   stats, 1, xb, bsz, zbuf, abuf, ext, bstat)
        loss = loss_and_output_delta(loss_code, sizes, acts, u_off, tb, bsz, zbuf, abuf, dbuf)
        losses_out[s] = loss
        if not math.isfinite(loss):
            return s
        backward_ex(params, sizes, acts, w_off, b_off, u_off, res, bn, g_off, 1,
                    xb, bsz, zbuf, abuf, dbuf, ext, bstat, grads)
        _layer_grad_norms(sizes, w_off, grads, norms_out[s])
        if not math.isfinite(optim.global_norm(grads)):
            losses_out[s] = np.nan
            return s
        update_running_stats(sizes, bn, u_off, s_off, bn_momentum, stats, bstat, bsz)
        optim.update(opt_code, hyper, params, grads, decay_mask, state_m, state_v, t0 + s + 1)
    return n_steps


@njit(**JIT)
def evaluate_ex(params, sizes, acts, w_off, b_off, u_off, res, bn, g_off, s_off, bn_eps, stats,
                loss_code, X, T, chunk, zbuf, abuf, dbuf, ext, bstat, out):
    """``evaluate`` for networks with residual or batch-normalised layers, in evaluation mode
    (batch normalisation uses the running statistics)."""
    n = X.shape[0]
    last = acts.shape[0] - 1
    n_out = sizes[last + 1]
    total = 0.0
    correct = 0
    for lo in range(0, n, chunk):
        bsz = min(chunk, n - lo)
        forward_ex(params, sizes, acts, w_off, b_off, u_off, res, bn, g_off, s_off, bn_eps,
                   stats, 0, X[lo: lo + bsz], bsz, zbuf, abuf, ext, bstat)
        total, c = _score(loss_code, acts[last], _block(zbuf, bsz, u_off[last], n_out),
                          _block(abuf, bsz, u_off[last], n_out), T[lo: lo + bsz], out, lo,
                          total)
        correct += c
    return total / max(n, 1), correct
