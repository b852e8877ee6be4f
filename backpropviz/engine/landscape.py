"""The gradient seen as a slope: the loss along one parameter and over the plane of two.

Everything else fixed, the loss as a function of one parameter p is a curve whose slope at the
current value is backprop's dL/dp; over two parameters it is a landscape the optimiser walks on.
Parameters are named by their flat index into ``Network.params`` (``parameter_index`` turns a
layer, a neuron and an input into one). The grid is evaluated inside one jitted call, so a 60x60
landscape over a small training set takes milliseconds and the window never waits for Python.

``slope_check`` puts backprop's slope beside the central finite-difference slope, with their
relative error and a verdict in the usual bands (cs231n's): below 1e-7 "good", up to 1e-4
"uncomfortable" (fine only near a ReLU kink), up to 1e-2 "suspicious", above "wrong".

A network with batch normalization or skips does not fit the grid kernel (its shortcut moves one
unit's z and follows the plain layers); its loss is computed through ``Network.loss_value``
instead, one grid point at a time: slower, and the same numbers training sees. Batch
normalization then normalises with the statistics of the rows given (as training does, so the
slope is ``Network.gradients``'), and a single row is refused as it is in training.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _jit, activations, kernels, losses, numpy_path
from ._jit import INLINE, JIT, njit
from ..i18n import QT_TRANSLATE_NOOP
from .errors import EngineError
from .network import Network

#: relative-error bands of the verdict: (upper bound, word)
#: the difference quotient cannot tell slopes apart below about eps·L/h times this
RESOLUTION = 10.0
VERDICTS = ((1e-7, "good"), (1e-4, "uncomfortable"), (1e-2, "suspicious"), (math.inf, "wrong"))


def parameter_index(net: Network, layer: int, unit: int, input_index: int | None) -> int:
    """Flat index into ``net.params`` of weight W[unit, input_index] of ``layer`` (0-based), or of
    bias b[unit] when ``input_index`` is None."""
    if not 0 <= layer < net.n_layers:
        raise EngineError(QT_TRANSLATE_NOOP("engine", "layer {layer} does not exist; the network has "
                                            "{n} layers"), layer=layer, n=net.n_layers)
    n_in, n_out = net.sizes[layer], net.sizes[layer + 1]
    if not 0 <= unit < n_out:
        raise EngineError(QT_TRANSLATE_NOOP("engine", "layer {layer} has {n} neurons, not {unit}"),
                          layer=layer + 1, n=n_out, unit=unit + 1)
    if input_index is None:
        return int(net.layout.b_off[layer]) + unit
    if not 0 <= input_index < n_in:
        raise EngineError(QT_TRANSLATE_NOOP("engine", "layer {layer} has {n} inputs, not {input}"),
                          layer=layer + 1, n=n_in, input=input_index + 1)
    return int(net.layout.w_off[layer]) + unit * n_in + input_index


def parameter_name(net: Network, index: int) -> str:
    """'w[2]_1,3' style name of a flat parameter index (layer, neuron and input 1-based)."""
    k, unit, src = _where(net, index)
    return f"w[{k + 1}]_{unit + 1},{src + 1}" if src >= 0 else f"b[{k + 1}]_{unit + 1}"


@njit(**INLINE)
def _layer_row(params, sizes, acts, w_off, b_off, k, a_prev, z, a, activate=True):
    """One sample through layer k with plain loops: z = W a_prev + b, a = f(z) (only z when
    not ``activate``: the log losses need only the output layer's z)."""
    n_in, n_out = sizes[k], sizes[k + 1]
    for o in range(n_out):
        s = params[b_off[k] + o]
        base = w_off[k] + o * n_in
        for i in range(n_in):
            s += params[base + i] * a_prev[i]
        z[o] = s
    if activate:
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
    bce = loss_code == losses.BCE
    log_loss = bce or loss_code == losses.CROSS_ENTROPY     # they need only the output's z
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
                               ar[u_off[k]: u_off[k] + sizes[k + 1]], k < last or not log_loss)
                if bce:                 # written out, as in _loss_grid_split
                    v = 0.0
                    for j in range(zl.shape[0]):
                        v += losses.bce_term(zl[j], T[row, j])
                    total += v / zl.shape[0]
                else:
                    total += losses.loss(loss_code, acts[last], zl, al, T[row])
            grid[r, c] = total / n
        params[p2] = old2
    if p1 >= 0:
        params[p1] = old1


#: beyond this |z| the two exponentials of ``_loss_grid_split``'s factorised tanh/sigmoid could
#: overflow in their product (e^(2*175) * e^(2*175) < e^709); such points are computed directly
_SPLIT_LIMIT = 175.0


@njit(**INLINE)
def _factor(code, z):
    """The factor e^(-2z) (tanh) or e^(-z) (sigmoid) whose product over two summands of z
    gives the factor of their sum (used only where |z| <= _SPLIT_LIMIT: no overflow)."""
    z = min(max(z, -_SPLIT_LIMIT), _SPLIT_LIMIT)
    return math.exp(-2.0 * z) if code == activations.TANH else math.exp(-z)


@njit(**INLINE)
def _layers_after(params, sizes, acts, w_off, b_off, u_off, first, activate_last, zr, ar):
    """One sample through layers first..L-1 in zr, ar (each (n_units,), layer first - 1 already
    there), by index rather than by slices: this runs once per sample and point of the plane.
    The output layer gets its activation only if ``activate_last``."""
    L = acts.shape[0]
    for j in range(first, L):
        n_in, n_out = sizes[j], sizes[j + 1]
        pin, po = u_off[j - 1], u_off[j]
        for o in range(n_out):
            s = params[b_off[j] + o]
            base = w_off[j] + o * n_in
            for i in range(n_in):
                s += params[base + i] * ar[pin + i]
            zr[po + o] = s
        if j < L - 1 or activate_last:
            activations.activate(acts[j], zr[po: po + n_out], ar[po: po + n_out])


@njit(**JIT)
def _loss_grid_split(params, sizes, acts, w_off, b_off, u_off, loss_code, X, T, zb, ab,
                     k, u1, c1, xs, u2, c2, ys, P, Q, EP, EQ, zr, ar, grid):
    """grid[r, c] = mean loss over X, T with p1 = xs[c] and p2 = ys[r], for two parameters of
    different neurons u1 != u2 of the same layer k, which is not the output layer: p1 is
    W[u1, c1] of layer k (c1 < 0: the bias b[u1]), p2 likewise of neuron u2.

    Neuron u1's activation then depends only on the column (and the sample), neuron u2's only
    on the row, so layer k+1 receives z = P[c] + Q[r] with P = z_before + W[:, u1] (a_u1(xs[c])
    - a_u1) and Q = W[:, u2] (a_u2(ys[r]) - a_u2): per sample both take len(xs) + len(ys)
    activations, not one per point of the plane. A tanh or sigmoid layer k+1 that is not the
    output then needs no exponential per point either: e^(-2(P+Q)) = e^(-2P) e^(-2Q),
    tanh = (1 - e) / (1 + e), sigmoid = 1 / (1 + e^(-P) e^(-Q)), equal to math.tanh and the
    engine's sigmoid to a few units in the last place (a point with a summand beyond
    _SPLIT_LIMIT, where the product could overflow, is computed directly). The layers after
    k+1 are computed per sample and point.
    The loop runs over samples outermost, so what belongs to one sample is found once; each
    point still adds its samples' losses in the engine's order. P, EP: float64 (len(xs),
    sizes[k+2]); Q, EQ: (len(ys), sizes[k+2]); zr, ar: (n_units,) scratch. ``params`` is only
    read.
    """
    n = X.shape[0]
    L = acts.shape[0]
    last = L - 1
    kernels.forward(params, sizes, acts, w_off, b_off, u_off, X, n, zb, ab)
    n_in, width = sizes[k], sizes[k + 1]
    nxt = sizes[k + 2]
    inputs = X if k == 0 else kernels._block(ab, n, u_off[k - 1], n_in)
    Zk = kernels._block(zb, n, u_off[k], width)
    Ak = kernels._block(ab, n, u_off[k], width)
    Znext = kernels._block(zb, n, u_off[k + 1], nxt)
    wn = w_off[k + 1]
    old1 = params[b_off[k] + u1] if c1 < 0 else params[w_off[k] + u1 * n_in + c1]
    old2 = params[b_off[k] + u2] if c2 < 0 else params[w_off[k] + u2 * n_in + c2]
    code = acts[k + 1]
    tanh = code == activations.TANH
    split = k + 1 < last and (tanh or code == activations.SIGMOID)
    needs_a = loss_code == losses.MSE or loss_code == losses.HALF_SSE
    bce = loss_code == losses.BCE
    off = u_off[k + 1]
    zn = zr[off: off + nxt]
    an = ar[off: off + nxt]
    zl = zr[u_off[last]: u_off[last] + sizes[last + 1]]
    al = ar[u_off[last]: u_off[last] + sizes[last + 1]]
    one_z = np.empty(1)
    one_a = np.empty(1)
    ncol = xs.shape[0]
    inside = np.empty(ncol + ys.shape[0], dtype=np.bool_)   # every factor of a column/row in range
    grid[:, :] = 0.0
    for s in range(n):
        x1 = 1.0 if c1 < 0 else inputs[s, c1]
        x2 = 1.0 if c2 < 0 else inputs[s, c2]
        for c in range(xs.shape[0]):
            one_z[0] = Zk[s, u1] + (xs[c] - old1) * x1
            activations.activate(acts[k], one_z, one_a)
            da = one_a[0] - Ak[s, u1]
            inside[c] = True
            for o in range(nxt):
                P[c, o] = Znext[s, o] + params[wn + o * width + u1] * da
                if split:
                    EP[c, o] = _factor(code, P[c, o])
                    inside[c] &= abs(P[c, o]) <= _SPLIT_LIMIT
        for r in range(ys.shape[0]):
            one_z[0] = Zk[s, u2] + (ys[r] - old2) * x2
            activations.activate(acts[k], one_z, one_a)
            da = one_a[0] - Ak[s, u2]
            inside[ncol + r] = True
            for o in range(nxt):
                Q[r, o] = params[wn + o * width + u2] * da
                if split:
                    EQ[r, o] = _factor(code, Q[r, o])
                    inside[ncol + r] &= abs(Q[r, o]) <= _SPLIT_LIMIT
        t = T[s]
        for r in range(ys.shape[0]):
            for c in range(xs.shape[0]):
                if split and inside[c] and inside[ncol + r]:
                    if tanh:
                        for o in range(nxt):
                            e = EP[c, o] * EQ[r, o]
                            an[o] = (1.0 - e) / (1.0 + e)
                    else:
                        for o in range(nxt):
                            an[o] = 1.0 / (1.0 + EP[c, o] * EQ[r, o])
                else:
                    for o in range(nxt):
                        zn[o] = P[c, o] + Q[r, o]
                    if k + 1 < last or needs_a:
                        activations.activate(code, zn, an)
                _layers_after(params, sizes, acts, w_off, b_off, u_off, k + 2, needs_a, zr, ar)
                if bce:
                    # binary cross-entropy written out: through losses.loss's dispatch the
                    # plane took three times as long (measured: 35 ms against 12 ms for
                    # 720,000 losses), and this runs once per sample and point
                    v = 0.0
                    for j in range(zl.shape[0]):
                        v += losses.bce_term(zl[j], t[j])
                    grid[r, c] += v / zl.shape[0]
                else:
                    grid[r, c] += losses.loss(loss_code, acts[last], zl, al, t)
    for r in range(grid.shape[0]):
        for c in range(grid.shape[1]):
            grid[r, c] /= n


def _prepared(net: Network, X: Any, T: Any):
    X = net.check_inputs(X)
    T = net._check_targets(T, X.shape[0])
    if X.shape[0] == 0:
        raise EngineError(QT_TRANSLATE_NOOP("engine", "there are no samples to compute the loss on"))
    return X, T


def _where(net: Network, index: int) -> tuple[int, int, int]:
    """(layer, neuron, input or -1 for a bias) of a flat parameter index."""
    lo = net.layout
    if not 0 <= index < lo.n_params:
        raise EngineError(QT_TRANSLATE_NOOP("engine", "parameter {index} does not exist; the network "
                                            "has {n}"), index=index, n=lo.n_params)
    for k in range(net.n_layers):
        n_in, n_out = net.sizes[k], net.sizes[k + 1]
        if lo.w_off[k] <= index < lo.w_off[k] + n_in * n_out:
            r, c = divmod(index - int(lo.w_off[k]), n_in)
            return k, r, c
        if lo.b_off[k] <= index < lo.b_off[k] + n_out:
            return k, index - int(lo.b_off[k]), -1
    raise EngineError(QT_TRANSLATE_NOOP("engine", "parameter {index} does not exist"), index=index)


def _grid(net: Network, X: np.ndarray, T: np.ndarray, i: int, xs: np.ndarray, j: int,
          ys: np.ndarray) -> np.ndarray:
    """Rows follow parameter j (ys), columns parameter i (xs); i < 0: one column of j."""
    kj, uj, cj = _where(net, j)
    ki = _where(net, i)[0] if i >= 0 else -1
    transpose = i >= 0 and ki > kj          # the kernel wants the earlier layer's parameter first
    if transpose:
        i, j, xs, ys = j, i, ys, xs
        ki, (kj, uj, cj) = kj, _where(net, j)
    if not net.layout.plain:
        grid = _grid_through_network(net, X, T, i, xs, j, ys)
        return grid.T.copy() if transpose else grid
    n = X.shape[0]
    lo = net.layout
    zr, ar = np.zeros(lo.n_units), np.zeros(lo.n_units)
    grid = np.empty((len(ys), len(xs) if i >= 0 else 1))
    xs = np.ascontiguousarray(xs, np.float64)
    ys = np.ascontiguousarray(ys, np.float64)
    if i >= 0 and ki == kj and kj < net.n_layers - 1:
        ui, ci = _where(net, i)[1:]
        if ui != uj:
            P, Q = np.empty((len(xs), net.sizes[kj + 2])), np.empty((len(ys), net.sizes[kj + 2]))
            EP, EQ = np.empty_like(P), np.empty_like(Q)
            _loss_grid_split(net.params, lo.sizes, lo.acts, lo.w_off, lo.b_off, lo.u_off,
                             net.loss_code, X, T, np.zeros(n * lo.n_units),
                             np.zeros(n * lo.n_units), int(kj), int(ui), int(ci), xs, int(uj),
                             int(cj), ys, P, Q, EP, EQ, zr, ar, grid)
            return grid
    bufs = [np.zeros(n * lo.n_units) for _ in range(4)]
    _loss_grid(net.params, lo.sizes, lo.acts, lo.w_off, lo.b_off, lo.u_off, net.loss_code, X, T,
               *bufs, zr, ar, int(i), int(ki), xs, int(j), int(kj), int(uj), int(cj), ys, grid)
    return grid.T.copy() if transpose else grid


def _grid_through_network(net: Network, X: np.ndarray, T: np.ndarray, i: int, xs: np.ndarray,
                          j: int, ys: np.ndarray) -> np.ndarray:
    """_grid for networks with batch normalization or skips (i's layer is at most j's). The
    layers before the first one whose parameter moves give the same outputs at every point:
    they are computed once (training mode: the batch statistics of X), and the rest of the
    network runs on them, through the grid kernel if that part is plain, else point by point
    through its own loss."""
    k0 = _where(net, i)[0] if i >= 0 else _where(net, j)[0]
    if k0 > 0:
        net._require_batch(X.shape[0])
        ws = net.run_forward(X, X.shape[0], training=True)
        X = np.ascontiguousarray(net.layer_block(ws.a, k0 - 1, X.shape[0]))
    rest = _layers_from(net, k0)
    shift = int(net.layout.w_off[k0])
    i = i - shift if i >= 0 else i
    j = j - shift
    if rest.layout.plain:
        return _grid(rest, X, T, i, xs, j, ys)
    grid = np.empty((len(ys), len(xs) if i >= 0 else 1))
    for c in range(grid.shape[1]):
        if i >= 0:
            rest.params[i] = xs[c]
        for r in range(grid.shape[0]):
            rest.params[j] = ys[r]
            grid[r, c] = rest.loss_value(X, T, training=True)
    return grid


def _layers_from(net: Network, k0: int) -> Network:
    """A copy of layers k0.. of ``net`` as a network of their own (its input: a_{k0-1}). The
    flat layout puts each layer's numbers after the previous layer's, so its parameters and
    running statistics are the tails of ``net``'s."""
    s_first = [int(o) for o in net.layout.s_off[k0:] if o >= 0]
    rest = Network(net.sizes[k0:], net.activations[k0:], net.loss,
                   net.params[int(net.layout.w_off[k0]):].copy(),
                   net.residual[k0:], net.batch_norm[k0:])
    if s_first:
        rest.bn_stats[...] = net.bn_stats[s_first[0]:]
    rest.bn_eps[...] = net.bn_eps[k0:]
    rest.bn_momentum[...] = net.bn_momentum[k0:]
    return rest


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
        raise EngineError(QT_TRANSLATE_NOOP("engine", "a landscape needs two different parameters"))
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


def finite_difference(net: Network, X: Any, T: Any, index: int, h: float = 1e-4) -> float:
    """The slope of the mean loss over X, T along parameter ``index`` by the fourth-order
    central difference (L(p-2h) - 8 L(p-h) + 8 L(p+h) - L(p+2h)) / 12h (see gradcheck.py for
    why this stencil). The Slope view and the inspector's checks both use it."""
    X, T = _prepared(net, X, T)
    p = float(net.params[index])
    f = loss_along(net, X, T, index, [p - 2 * h, p - h, p + h, p + 2 * h])
    return float((f[0] - 8 * f[1] + 8 * f[2] - f[3]) / (12 * h))


def compare(backprop: float, numeric: float, floor: float = 1e-12, loss: float = 1.0,
            h: float = 1e-4) -> tuple[float, str]:
    """(relative error, verdict) of a gradient against its finite-difference slope:
    |bp - fd| / max(|bp| + |fd|, floor); ``floor`` keeps a slope of exactly 0 on both sides
    from dividing by 0.

    A slope that is 0 (the bias of a batch-normalised layer: the batch's mean takes it away
    again) comes out of the difference quotient as rounding noise of about eps·L/h (``loss``:
    the loss the slope is of, ``h`` its step); when both slopes are within ``RESOLUTION`` times
    that of 0 they agree (relative error 0), instead of the noise being divided by the noise."""
    noise = RESOLUTION * np.finfo(np.float64).eps * max(abs(float(loss)), 1.0) / h
    if abs(backprop) + abs(numeric) <= noise:
        return 0.0, verdict_of(0.0)
    rel = abs(backprop - numeric) / max(abs(backprop) + abs(numeric), floor)
    return rel, verdict_of(rel)


def slope_check(net: Network, X: Any, T: Any, index: int, h: float = 1e-4,
                floor: float = 1e-12) -> SlopeCheck:
    """Backprop's dL/dp for parameter ``index`` on the batch X, T against ``finite_difference``."""
    X, T = _prepared(net, X, T)
    loss, grads = net.gradients(X, T)
    numeric = finite_difference(net, X, T, index, h)
    bp = float(grads[index])
    rel, verdict = compare(bp, numeric, floor, float(loss), h)
    return SlopeCheck(int(index), float(net.params[index]), float(loss), bp, numeric, rel,
                      verdict, h)


def activation_curve(name: str, z: Any) -> tuple[np.ndarray, np.ndarray]:
    """f(z) and f'(z) of an element-wise activation over the values z (float64 arrays like z),
    computed by the same functions the network uses. Softmax has no curve of one
    variable: it is refused."""
    if name == "softmax":
        raise EngineError(QT_TRANSLATE_NOOP("engine", "softmax couples its outputs; it has no curve "
                                            "f(z) of one variable"))
    code = activations.code_of(name)
    z = np.ascontiguousarray(z, dtype=np.float64).ravel()
    a = np.empty_like(z)
    d = np.empty_like(z)
    f = numpy_path if _jit.use_numpy() else activations    # (the same numbers, see _jit.defer)
    f.activate_rows(code, z, a, 1, z.size)
    f.backward_rows(code, z, a, np.ones_like(z), d, 1, z.size)
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
