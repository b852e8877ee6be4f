"""Activation functions, each right beside its derivative.

Layers name their activation with a string (``"sigmoid"``); the kernels use the integer code.
Every function here is compiled by Numba and works on one row at a time:
``z``, ``a``: float64 arrays of shape (n,) holding one sample's pre-activations and activations.

The derivative functions turn ``g = dL/da`` into ``delta = dL/dz`` (written into ``out``), which
is the chain-rule step the inspector shows: ``delta = f'(z) * g`` for element-wise functions and
``delta = J_softmax^T g`` for softmax.
"""
from __future__ import annotations

import math

from ..i18n import QT_TRANSLATE_NOOP
from ._jit import INLINE, JIT, njit

LINEAR, SIGMOID, TANH, RELU, LEAKY_RELU, SOFTMAX = 0, 1, 2, 3, 4, 5
CODES = {"linear": LINEAR, "sigmoid": SIGMOID, "tanh": TANH, "relu": RELU,
         "leaky_relu": LEAKY_RELU, "softmax": SOFTMAX}
NAMES = {code: name for name, code in CODES.items()}
LEAKY_SLOPE = 0.01
#: activations that suit Glorot/Xavier initialisation; the ReLU family gets He.
XAVIER_FAMILY = ("sigmoid", "tanh", "linear", "softmax")


# --- sigmoid: a = 1 / (1 + e^-z);  da/dz = a (1 - a) ---------------------------------------
@njit(**INLINE)
def sigmoid(z, out):
    for j in range(z.shape[0]):
        # Two forms so that exp never overflows: saturated units give exactly 0 or 1, never NaN.
        if z[j] >= 0.0:
            out[j] = 1.0 / (1.0 + math.exp(-z[j]))
        else:
            e = math.exp(z[j])
            out[j] = e / (1.0 + e)


@njit(**INLINE)
def sigmoid_backward(z, a, g, out):
    for j in range(z.shape[0]):
        out[j] = g[j] * a[j] * (1.0 - a[j])


# --- tanh: a = tanh z;  da/dz = 1 - a^2 ---------------------------------------------------
@njit(**INLINE)
def tanh(z, out):
    for j in range(z.shape[0]):
        out[j] = math.tanh(z[j])


@njit(**INLINE)
def tanh_backward(z, a, g, out):
    for j in range(z.shape[0]):
        out[j] = g[j] * (1.0 - a[j] * a[j])


# --- relu: a = max(z, 0);  da/dz = 1 if z > 0 else 0 --------------------------------------
@njit(**INLINE)
def relu(z, out):
    for j in range(z.shape[0]):
        out[j] = z[j] if z[j] > 0.0 else 0.0


@njit(**INLINE)
def relu_backward(z, a, g, out):
    for j in range(z.shape[0]):
        out[j] = g[j] if z[j] > 0.0 else 0.0


# --- leaky relu: a = z if z > 0 else 0.01 z;  da/dz = 1 or 0.01 ---------------------------
@njit(**INLINE)
def leaky_relu(z, out):
    for j in range(z.shape[0]):
        out[j] = z[j] if z[j] > 0.0 else LEAKY_SLOPE * z[j]


@njit(**INLINE)
def leaky_relu_backward(z, a, g, out):
    for j in range(z.shape[0]):
        out[j] = g[j] if z[j] > 0.0 else LEAKY_SLOPE * g[j]


# --- linear: a = z;  da/dz = 1 -------------------------------------------------------------
@njit(**INLINE)
def linear(z, out):
    for j in range(z.shape[0]):
        out[j] = z[j]


@njit(**INLINE)
def linear_backward(z, a, g, out):
    for j in range(z.shape[0]):
        out[j] = g[j]


# --- softmax: a_j = e^{z_j} / sum_k e^{z_k};  da_j/dz_i = a_j (1[i=j] - a_i) -----------------
@njit(**INLINE)
def softmax(z, out):
    zmax = z[0]
    for j in range(1, z.shape[0]):
        if z[j] > zmax:
            zmax = z[j]
    total = 0.0
    for j in range(z.shape[0]):
        out[j] = math.exp(z[j] - zmax)  # shifted: large logits never overflow
        total += out[j]
    for j in range(z.shape[0]):
        out[j] /= total


@njit(**INLINE)
def softmax_backward(z, a, g, out):
    # delta_i = sum_j g_j a_j (1[i=j] - a_i) = a_i (g_i - sum_j g_j a_j)
    dot = 0.0
    for j in range(z.shape[0]):
        dot += g[j] * a[j]
    for j in range(z.shape[0]):
        out[j] = a[j] * (g[j] - dot)


@njit(**INLINE)
def activate(code, z, out):
    """a = f(z) for one row. code: one of CODES' values."""
    if code == SIGMOID:
        sigmoid(z, out)
    elif code == TANH:
        tanh(z, out)
    elif code == RELU:
        relu(z, out)
    elif code == LEAKY_RELU:
        leaky_relu(z, out)
    elif code == SOFTMAX:
        softmax(z, out)
    else:
        linear(z, out)


@njit(**INLINE)
def backward(code, z, a, g, out):
    """delta = dL/dz from g = dL/da for one row; ``out`` may be ``g`` itself."""
    if code == SIGMOID:
        sigmoid_backward(z, a, g, out)
    elif code == TANH:
        tanh_backward(z, a, g, out)
    elif code == RELU:
        relu_backward(z, a, g, out)
    elif code == LEAKY_RELU:
        leaky_relu_backward(z, a, g, out)
    elif code == SOFTMAX:
        softmax_backward(z, a, g, out)
    else:
        linear_backward(z, a, g, out)


def code_of(name: str) -> int:
    """The kernel code of an activation name; raises EngineError for an unknown name."""
    from .errors import EngineError
    try:
        return CODES[name]
    except (KeyError, TypeError):
        raise EngineError(QT_TRANSLATE_NOOP("engine", "unknown activation {name}; choose one of "
                                            "{known}"), name=repr(name), known=", ".join(CODES)) from None


@njit(**JIT)
def activate_rows(code, z, out, rows, n):
    """a = f(z) for ``rows`` samples of ``n`` units stored one after another in the 1-D z and
    out. Element-wise functions run over the whole block at once; softmax row by row."""
    if code == SOFTMAX:
        for r in range(rows):
            softmax(z[r * n:(r + 1) * n], out[r * n:(r + 1) * n])
    else:
        activate(code, z, out)


@njit(**JIT)
def backward_rows(code, z, a, g, out, rows, n):
    """delta = dL/dz from g = dL/da for ``rows`` samples stored as in activate_rows."""
    if code == SOFTMAX:
        for r in range(rows):
            lo, hi = r * n, (r + 1) * n
            softmax_backward(z[lo:hi], a[lo:hi], g[lo:hi], out[lo:hi])
    else:
        backward(code, z, a, g, out)
