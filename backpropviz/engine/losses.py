"""Loss functions for one sample, each beside its gradient.

``a``, ``t``, ``z``: float64 arrays of shape (n_out,) — the output layer's activation, the target
and the output layer's pre-activation. A batch's loss is the mean of its samples' losses.

- ``mse``          L = (1/n) sum_j (a_j - t_j)^2              dL/da_j = 2 (a_j - t_j) / n
- ``half_sse``     L = 1/2 sum_j (a_j - t_j)^2                dL/da_j = a_j - t_j
- ``bce``          L = (1/n) sum_j -[t_j log a_j + (1-t_j) log(1-a_j)]
                                                           dL/da_j = (a_j - t_j) / (a_j (1-a_j) n)
- ``cross_entropy`` L = -sum_j t_j log a_j                   dL/da_j = -t_j / a_j

The log losses are computed from z, never from a rounded a, so no saturated unit or large logit
gives NaN, inf or a flat loss with a non-zero slope:
- bce needs a sigmoid output: log a = -softplus(-z), log(1 - a) = -softplus(z); delta = (a - t)/n.
- cross_entropy needs softmax: log a_j = z_j - logsumexp(z); delta = a * sum(t) - t.
Other pairings are refused: bce treats output units as independent yes/no probabilities (a
softmax couples them), and -sum t log a over sigmoid units rewards the true class without ever
penalising the others, so it drives every output to 1.
"""
from __future__ import annotations

import math

from .activations import backward as activation_backward
from ._jit import INLINE, JIT, njit
from ..i18n import QT_TRANSLATE_NOOP
from .errors import EngineError

MSE, HALF_SSE, BCE, CROSS_ENTROPY = 0, 1, 2, 3
CODES = {"mse": MSE, "half_sse": HALF_SSE, "bce": BCE, "cross_entropy": CROSS_ENTROPY}
NAMES = {code: name for name, code in CODES.items()}
#: output activations each loss accepts (probabilities are needed for the log losses)
OUTPUTS_FOR = {"mse": None, "half_sse": None, "bce": ("sigmoid",), "cross_entropy": ("softmax",)}
EPS = 1e-12


@njit(**INLINE)
def _softplus(x):
    # log(1 + e^x) without overflow
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


@njit(**INLINE)
def bce_term(z, t):
    """One output's binary cross-entropy from its z: t softplus(-z) + (1 - t) softplus(z),
    with softplus(z) = z + softplus(-z)."""
    return _softplus(-z) + (1.0 - t) * z


@njit(**INLINE)
def _clip(a):
    return min(max(a, EPS), 1.0 - EPS)


@njit(**INLINE)
def loss(code, out_act, z, a, t):
    """L for one sample (see the module docstring for each formula)."""
    n = a.shape[0]
    total = 0.0
    if code == MSE or code == HALF_SSE:
        for j in range(n):
            d = a[j] - t[j]
            total += d * d
        return total / n if code == MSE else 0.5 * total
    if code == BCE:   # sigmoid output (checked by code_of)
        for j in range(n):
            total += bce_term(z[j], t[j])
        return total / n
    # cross-entropy (softmax output, checked by code_of)
    zmax = z[0]
    for j in range(1, n):
        zmax = max(zmax, z[j])
    s = 0.0
    for j in range(n):
        s += math.exp(z[j] - zmax)
    lse = zmax + math.log(s)
    for j in range(n):
        if t[j] != 0.0:
            total -= t[j] * (z[j] - lse)
    return total


@njit(**INLINE)
def grad_output(code, a, t, out):
    """dL/da for one sample, written into ``out`` (shown by the inspector for the output layer).
    For the log losses a is kept inside [EPS, 1 - EPS] here, so that a saturated unit shows a
    large finite slope; deltas never use this value (see output_delta)."""
    n = a.shape[0]
    for j in range(n):
        if code == MSE:
            out[j] = 2.0 * (a[j] - t[j]) / n
        elif code == HALF_SSE:
            out[j] = a[j] - t[j]
        elif code == BCE:
            p = _clip(a[j])
            out[j] = (p - t[j]) / (p * (1.0 - p) * n)
        else:
            out[j] = -t[j] / _clip(a[j])


@njit(**INLINE)
def output_delta(code, out_act, z, a, t, out):
    """delta = dL/dz of the output layer for one sample, written into ``out``."""
    n = a.shape[0]
    if code == BCE:
        for j in range(n):
            out[j] = (a[j] - t[j]) / n
    elif code == CROSS_ENTROPY:
        tsum = 0.0
        for j in range(n):
            tsum += t[j]
        for j in range(n):
            out[j] = a[j] * tsum - t[j]
    else:
        grad_output(code, a, t, out)
        activation_backward(out_act, z, a, out, out)


def code_of(name: str, output_activation: str | None = None) -> int:
    """The kernel code of a loss name, after checking it suits the output activation."""
    if name not in CODES:
        raise EngineError(QT_TRANSLATE_NOOP("engine", "unknown loss {name}; choose one of {known}"),
                          name=repr(name), known=", ".join(CODES))
    allowed = OUTPUTS_FOR[name]
    if output_activation is not None and allowed is not None and output_activation not in allowed:
        raise EngineError(QT_TRANSLATE_NOOP("engine", "loss {loss} needs a {allowed} output layer, not "
                                            "{output}"), loss=repr(name), allowed=" or ".join(allowed),
                          output=repr(output_activation))
    return CODES[name]


@njit(**JIT)
def batch_loss_and_delta(code, out_act, Z, A, T, D):
    """Sum over the rows of Z, A, T (each (rows, n_out)) of the loss; each row's output delta
    dL/dz written into the same row of D."""
    total = 0.0
    for r in range(A.shape[0]):
        total += loss(code, out_act, Z[r], A[r], T[r])
        output_delta(code, out_act, Z[r], A[r], T[r], D[r])
    return total
