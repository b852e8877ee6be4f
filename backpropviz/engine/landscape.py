"""The gradient seen as a slope: the loss along one parameter and over the plane of two.

Everything else fixed, the loss as a function of one parameter p is a curve whose slope at the
current value is backprop's dL/dp; over two parameters it is a landscape the optimiser walks on.
Parameters are named by their flat index into ``Network.params`` (``parameter_index`` turns a
layer, a neuron and an input into one). The grid is evaluated inside one jitted call, so a 60x60
landscape over a small training set takes milliseconds and the window never waits for Python.

``slope_check`` puts backprop's slope beside the central finite-difference slope, with their
relative error and a verdict in the usual bands (cs231n's): below 1e-7 "good", up to 1e-4
"uncomfortable" (fine only near a ReLU kink), up to 1e-2 "suspicious", above "wrong".
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numba import njit

from . import activations, kernels, losses
from ._jit import INLINE, JIT
from .errors import EngineError
from .network import Network

#: relative-error bands of the verdict: (upper bound, word)
VERDICTS = ((1e-7, "good"), (1e-4, "uncomfortable"), (1e-2, "suspicious"), (math.inf, "wrong"))


def parameter_index(net: Network, layer: int, unit: int, input_index: int | None) -> int:
    """Flat index into ``net.params`` of weight W[unit, input_index] of ``layer`` (0-based), or of
    bias b[unit] when ``input_index`` is None."""
    if not 0 <= layer < net.n_layers:
        raise EngineError(f"layer {layer} does not exist; the network has {net.n_layers} layers")
    n_in, n_out = net.sizes[layer], net.sizes[layer + 1]
    if not 0 <= unit < n_out:
        raise EngineError(f"layer {layer + 1} has {n_out} neurons, not {unit + 1}")
    if input_index is None:
        return int(net.layout.b_off[layer]) + unit
    if not 0 <= input_index < n_in:
        raise EngineError(f"layer {layer + 1} has {n_in} inputs, not {input_index + 1}")
    return int(net.layout.w_off[layer]) + unit * n_in + input_index


def parameter_name(net: Network, index: int) -> str:
    """'w[2]_1,3' style name of a flat parameter index (layer, neuron and input 1-based)."""
    k, unit, src = _where(net, index)
    return f"w[{k + 1}]_{unit + 1},{src + 1}" if src >= 0 else f"b[{k + 1}]_{unit + 1}"


@njit(**INLINE)
def _layer_row(params, sizes, acts, w_off, b_off, k, a_prev, z, a):
    """One sample through layer k with plain loops: z = W a_prev + b, a = f(z)."""
    n_in, n_out = sizes[k], sizes[k + 1]
    for o in range(n_out):
        s = params[b_off[k] + o]
        base = w_off[k] + o * n_in
        for i in range(n_in):
            s += params[base + i] * a_prev[i]
        z[o] = s
    activations.activate(acts[k], z, a)


@njit(**JIT)
def _loss_grid(params, sizes, acts, w_off, b_off, u_off, loss_code, X, T, zb, ab, zw, aw, zr, ar,
               p1, k1, xs, p2, k2, u2, c2, ys, grid):
    """grid[r, c] = mean loss over X, T with params[p1] = xs[c] and params[p2] = ys[r].

    p1 < 0: one column, only p2 varies. Layer k1 of p1 is at most layer k2 of p2; p2 is W[u2, c2]
    of layer k2 (c2 < 0: the bias b[u2]). The work that does not depend on p2 is done once per
    value of p1: the layers before k1 come from one forward pass (zb, ab), layers k1..k2+1 are
    recomputed into zw, aw. For each value of p2 only unit u2's z moves (by the change times its
    input), so the next layer's z moves by its weights' column u2 times the change of that one
    activation; the layers after are recomputed, one sample at a time in zr, ar. params is
    restored before returning.
    """
    n = X.shape[0]
    L = acts.shape[0]
    last = L - 1
    kernels.forward(params, sizes, acts, w_off, b_off, u_off, X, n, zb, ab)
    old1 = params[p1] if p1 >= 0 else 0.0
    old2 = params[p2]
    start = k1 if p1 >= 0 else k2
    width2 = sizes[k2 + 1]
    off2 = u_off[k2]
    softmax2 = acts[k2] == activations.SOFTMAX
    for c in range(grid.shape[1]):
        if p1 >= 0:
            params[p1] = xs[c]
        for row in range(n):
            for k in range(start, min(k2 + 2, L)):
                n_in, n_out = sizes[k], sizes[k + 1]
                if k == 0:
                    a_prev = X[row]
                elif k == start:
                    a_prev = kernels._block(ab, n, u_off[k - 1], n_in)[row]
                else:
                    a_prev = kernels._block(aw, n, u_off[k - 1], n_in)[row]
                _layer_row(params, sizes, acts, w_off, b_off, k, a_prev,
                           kernels._block(zw, n, u_off[k], n_out)[row],
                           kernels._block(aw, n, u_off[k], n_out)[row])
        Z2 = kernels._block(zw, n, off2, width2)
        A2 = kernels._block(aw, n, off2, width2)
        if k2 == 0:
            inputs = X
        elif k2 - 1 >= start:
            inputs = kernels._block(aw, n, u_off[k2 - 1], sizes[k2])
        else:
            inputs = kernels._block(ab, n, u_off[k2 - 1], sizes[k2])
        zl = zr[u_off[last]: u_off[last] + sizes[last + 1]]
        al = ar[u_off[last]: u_off[last] + sizes[last + 1]]
        z2 = zr[off2: off2 + width2]
        a2 = ar[off2: off2 + width2]
        has_next = k2 + 1 < L and not softmax2
        width3 = sizes[k2 + 2] if k2 + 1 < L else 0
        off3 = u_off[k2 + 1] if k2 + 1 < L else 0
        w3 = w_off[k2 + 1] if k2 + 1 < L else 0
        Z3 = kernels._block(zw, n, off3, width3)
        z3 = zr[off3: off3 + width3]
        a3 = ar[off3: off3 + width3]
        z2u = zr[off2 + u2: off2 + u2 + 1]
        a2u = ar[off2 + u2: off2 + u2 + 1]
        for r in range(grid.shape[0]):
            v2 = ys[r]
            params[p2] = v2
            total = 0.0
            for row in range(n):
                shift = v2 - old2 if c2 < 0 else (v2 - old2) * inputs[row, c2]
                for o in range(width2):
                    z2[o] = Z2[row, o]
                    a2[o] = A2[row, o]
                z2[u2] += shift
                if softmax2:
                    activations.activate(acts[k2], z2, a2)
                else:
                    activations.activate(acts[k2], z2u, a2u)
                first = k2 + 1
                if has_next:
                    # only unit u2 of layer k2 moved: the next layer's z moves along column u2
                    # of its weights (softmax is an output activation: no layer follows it)
                    da = a2[u2] - A2[row, u2]
                    for o in range(width3):
                        z3[o] = Z3[row, o] + params[w3 + o * width2 + u2] * da
                    activations.activate(acts[k2 + 1], z3, a3)
                    first = k2 + 2
                for k in range(first, L):
                    _layer_row(params, sizes, acts, w_off, b_off, k,
                               ar[u_off[k - 1]: u_off[k - 1] + sizes[k]],
                               zr[u_off[k]: u_off[k] + sizes[k + 1]],
                               ar[u_off[k]: u_off[k] + sizes[k + 1]])
                total += losses.loss(loss_code, acts[last], zl, al, T[row])
            grid[r, c] = total / n
        params[p2] = old2
    if p1 >= 0:
        params[p1] = old1


def _prepared(net: Network, X: Any, T: Any):
    X = net.check_inputs(X)
    T = net._check_targets(T, X.shape[0])
    if X.shape[0] == 0:
        raise EngineError("there are no samples to compute the loss on")
    return X, T


def _where(net: Network, index: int) -> tuple[int, int, int]:
    """(layer, neuron, input or -1 for a bias) of a flat parameter index."""
    lo = net.layout
    if not 0 <= index < lo.n_params:
        raise EngineError(f"parameter {index} does not exist; the network has {lo.n_params}")
    for k in range(net.n_layers):
        n_in, n_out = net.sizes[k], net.sizes[k + 1]
        if lo.w_off[k] <= index < lo.w_off[k] + n_in * n_out:
            r, c = divmod(index - int(lo.w_off[k]), n_in)
            return k, r, c
        if lo.b_off[k] <= index < lo.b_off[k] + n_out:
            return k, index - int(lo.b_off[k]), -1
    raise EngineError(f"parameter {index} does not exist")


def _grid(net: Network, X: np.ndarray, T: np.ndarray, i: int, xs: np.ndarray, j: int,
          ys: np.ndarray) -> np.ndarray:
    """Rows follow parameter j (ys), columns parameter i (xs); i < 0: one column of j."""
    kj, uj, cj = _where(net, j)
    ki = _where(net, i)[0] if i >= 0 else -1
    transpose = i >= 0 and ki > kj          # the kernel wants the earlier layer's parameter first
    if transpose:
        i, j, xs, ys = j, i, ys, xs
        ki, (kj, uj, cj) = kj, _where(net, j)
    n = X.shape[0]
    lo = net.layout
    bufs = [np.zeros(n * lo.n_units) for _ in range(4)]
    zr, ar = np.zeros(lo.n_units), np.zeros(lo.n_units)
    grid = np.empty((len(ys), len(xs) if i >= 0 else 1))
    _loss_grid(net.params, lo.sizes, lo.acts, lo.w_off, lo.b_off, lo.u_off, net.loss_code, X, T,
               *bufs, zr, ar, int(i), int(ki), np.ascontiguousarray(xs, np.float64), int(j),
               int(kj), int(uj), int(cj), np.ascontiguousarray(ys, np.float64), grid)
    return grid.T.copy() if transpose else grid


def loss_along(net: Network, X: Any, T: Any, index: int, values: Any) -> np.ndarray:
    """The mean loss over X, T as parameter ``index`` takes each of ``values`` (everything else
    as it is). Returns float64 (len(values),); ``net.params`` is left unchanged."""
    X, T = _prepared(net, X, T)
    values = np.asarray(values, dtype=np.float64).ravel()
    return _grid(net, X, T, -1, np.zeros(1), int(index), values)[:, 0].copy()


def loss_landscape(net: Network, X: Any, T: Any, i: int, xs: Any, j: int, ys: Any) -> np.ndarray:
    """The mean loss over X, T on the plane of parameters ``i`` (along xs) and ``j`` (along ys):
    float64 (len(ys), len(xs)), row r for ys[r]. ``net.params`` is left unchanged."""
    if int(i) == int(j):
        raise EngineError("a landscape needs two different parameters")
    X, T = _prepared(net, X, T)
    return _grid(net, X, T, int(i), np.asarray(xs, np.float64).ravel(), int(j),
                 np.asarray(ys, np.float64).ravel())


def span_around(value: float, grad: float = 0.0, lr: float = 0.0, points: int = 61,
                least: float = 1.0) -> np.ndarray:
    """Values of a parameter to plot around ``value``: wide enough to show the update step
    w - lr * grad and at least ``least`` either side."""
    half = max(least, 1.5 * abs(lr * grad), 0.5 * abs(value))
    return np.linspace(value - half, value + half, points)


@dataclass
class SlopeCheck:
    """Backprop's slope of the loss along one parameter beside finite differences."""
    index: int
    value: float             # the parameter's current value
    loss: float              # the loss there
    backprop: float          # dL/dp from backprop
    numeric: float           # central finite-difference slope
    relative_error: float    # |bp - fd| / max(|bp| + |fd|, floor)
    verdict: str             # good / uncomfortable / suspicious / wrong
    step: float              # h of the finite difference


def verdict_of(relative_error: float) -> str:
    for bound, word in VERDICTS:
        if relative_error < bound:
            return word
    return "wrong"             # NaN


def slope_check(net: Network, X: Any, T: Any, index: int, h: float = 1e-4,
                floor: float = 1e-12) -> SlopeCheck:
    """Backprop's dL/dp for parameter ``index`` on the batch X, T against the fourth-order
    central difference (L(p-2h) - 8 L(p-h) + 8 L(p+h) - L(p+2h)) / 12h (see gradcheck.py for
    why this stencil). ``floor`` keeps a slope of exactly 0 on both sides from dividing by 0."""
    X, T = _prepared(net, X, T)
    loss, grads = net.gradients(X, T)
    p = float(net.params[index])
    f = loss_along(net, X, T, index, [p - 2 * h, p - h, p + h, p + 2 * h])
    numeric = float((f[0] - 8 * f[1] + 8 * f[2] - f[3]) / (12 * h))
    bp = float(grads[index])
    rel = abs(bp - numeric) / max(abs(bp) + abs(numeric), floor)
    return SlopeCheck(int(index), p, float(loss), bp, numeric, rel, verdict_of(rel), h)


def activation_curve(name: str, z: Any) -> tuple[np.ndarray, np.ndarray]:
    """f(z) and f'(z) of an element-wise activation over the values z (float64 arrays like z),
    computed by the same compiled functions the network uses. Softmax has no curve of one
    variable: it is refused."""
    if name == "softmax":
        raise EngineError("softmax couples its outputs; it has no curve f(z) of one variable")
    code = activations.code_of(name)
    z = np.ascontiguousarray(z, dtype=np.float64).ravel()
    a = np.empty_like(z)
    d = np.empty_like(z)
    activations.activate_rows(code, z, a, 1, z.size)
    activations.backward_rows(code, z, a, np.ones_like(z), d, 1, z.size)
    return a, d


def optimizer_path(net: Network, X: Any, T: Any, i: int, j: int, config: Any,
                   steps: int) -> np.ndarray:
    """The path of parameters ``i`` and ``j`` when only they are trained, on the whole batch
    X, T, with ``config`` (an OptimizerConfig: its update rule, rate, L2 and clipping applied
    to these two alone), everything else fixed: so the path lies on ``loss_landscape``'s plane.
    Returns float64 (steps + 1, 2), the start first. ``net.params`` is left unchanged. Stops
    early (the path shorter) if the loss stops being finite."""
    from . import optim
    X, T = _prepared(net, X, T)
    config.validate()
    work = net.copy()
    idx = np.array([int(i), int(j)])
    for p in idx:
        _where(net, int(p))
    p2 = work.params[idx].copy()
    decay = np.ascontiguousarray(net.decay_mask[idx])
    m, v = np.zeros(2), np.zeros(2)
    hyper = config.as_array()
    path = [p2.copy()]
    for t in range(1, int(steps) + 1):
        work.params[idx] = p2
        loss, grads = work.gradients(X, T)
        g2 = np.ascontiguousarray(grads[idx])
        if not (math.isfinite(loss) and np.all(np.isfinite(g2))):
            break
        optim.update(config.code, hyper, p2, g2, decay, m, v, t)
        if not np.all(np.isfinite(p2)):
            break
        path.append(p2.copy())
    return np.array(path)
