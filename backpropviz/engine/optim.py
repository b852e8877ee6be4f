"""Optimisers: sgd, momentum, adam, with L2 weight decay and gradient clipping by global norm.

All parameters live in one flat float64 vector (see ``network.Layout``), so an optimiser is one
loop over it. For each parameter p with loss gradient g (the minibatch mean):

    g  <- g * min(1, clip / ||g||)        clipping by the global norm of all gradients (clip > 0)
    g  <- g + l2 * p                      weights only; biases are not decayed
    with train_biases off, biases keep their values: they take no step, and their gradients
    count in no norm (as frozen parameters in PyTorch, which have no .grad)
    sgd:       p <- p - lr g
    momentum:  v <- mu v + g;  p <- p - lr v                                  (PyTorch's form)
    adam:      m <- b1 m + (1-b1) g;  v <- b2 v + (1-b2) g^2;
               p <- p - lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)

A moment (m, v) that falls below the smallest normal float64 (``TINY``, 2.2e-308) is stored as
0. A parameter whose gradient is 0 (a dead relu unit's) has its m shrink by b1 a step, and
without this it sits among the subnormal numbers, which the processor handles ~100 times slower:
after some 30,000 steps of a 2-64-64-64-1 relu network a quarter of Adam's m was subnormal and
training ran 2.7 times slower per sample. What it drops changes a parameter by less than
lr * TINY / eps (~1e-303), as PyTorch's ``set_flush_denormal`` does.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..choices import OPTIMIZERS
from ._jit import INLINE, JIT, njit
from ..i18n import QT_TRANSLATE_NOOP
from .errors import LR_POSITIVE, EngineError

#: each optimiser's number in the kernels
CODES = {name: code for code, name in enumerate(OPTIMIZERS)}
SGD, MOMENTUM, ADAM = CODES["sgd"], CODES["momentum"], CODES["adam"]
#: the smallest normal float64: optimiser moments below it are stored as 0 (see above)
TINY = float(np.finfo(np.float64).tiny)


@dataclass
class OptimizerConfig:
    """Hyperparameters of one optimiser. ``clip`` 0 means no clipping; ``l2`` 0 means no decay."""
    name: str = "sgd"
    lr: float = 0.1
    momentum: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    l2: float = 0.0
    clip: float = 0.0
    train_biases: bool = True

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        if self.name not in CODES:
            raise EngineError(QT_TRANSLATE_NOOP("engine", "unknown optimizer {name}; choose one of "
                                                "{known}"),
                              name=repr(self.name), known=", ".join(CODES))
        if not (math.isfinite(self.lr) and self.lr > 0):
            raise EngineError(LR_POSITIVE, lr=self.lr)
        if not (math.isfinite(self.l2) and self.l2 >= 0):
            raise EngineError(QT_TRANSLATE_NOOP("engine", "L2 weight decay must be 0 or positive, not "
                                                "{l2}"), l2=self.l2)
        if not (math.isfinite(self.clip) and self.clip >= 0):
            raise EngineError(QT_TRANSLATE_NOOP("engine", "gradient clipping norm must be 0 (off) or "
                                                "positive, not {clip}"), clip=self.clip)
        if not (0 <= self.momentum < 1 and 0 <= self.beta1 < 1 and 0 <= self.beta2 < 1):
            raise EngineError(QT_TRANSLATE_NOOP("engine", "momentum and Adam betas must lie in "
                                                "[0, 1)"))

    @property
    def code(self) -> int:
        return CODES[self.name]

    def as_array(self) -> np.ndarray:
        """The hyperparameters as the kernels take them:
        [lr, momentum, beta1, beta2, eps, l2, clip, train_biases (1.0 or 0.0)]."""
        return np.array([self.lr, self.momentum, self.beta1, self.beta2, self.eps, self.l2,
                         self.clip, 1.0 if self.train_biases else 0.0], dtype=np.float64)


@njit(**JIT, fastmath={"reassoc"})
def global_norm(grads):
    s = 0.0
    for i in range(grads.shape[0]):
        s += grads[i] * grads[i]
    return math.sqrt(s)


@njit(**JIT, fastmath={"reassoc"})
def weights_norm(grads, decay_mask):
    """The norm of the weights' gradients alone (decay_mask 1.0 marks a weight)."""
    s = 0.0
    for i in range(grads.shape[0]):
        s += decay_mask[i] * grads[i] * grads[i]
    return math.sqrt(s)


@njit(**JIT)
def update(code, hyper, params, grads, decay_mask, state_m, state_v, t):
    """One optimiser step in place. ``hyper`` as OptimizerConfig.as_array(); ``t`` the 1-based
    step count (Adam's bias correction); ``decay_mask`` 1.0 for weights, 0.0 for biases; with
    hyper[7] == 0.0 the biases are left as they are. Returns the global gradient norm (of the
    parameters that train) before clipping."""
    biases = hyper[7] != 0.0
    norm = global_norm(grads) if biases else weights_norm(grads, decay_mask)
    update_with_norm(code, hyper, params, grads, decay_mask, state_m, state_v, t, norm)
    return norm


@njit(**JIT)
def update_with_norm(code, hyper, params, grads, decay_mask, state_m, state_v, t, norm):
    """``update`` with the global norm of the gradients that train already known (the training
    kernel sums it while it averages the gradients, saving a pass over all of them)."""
    lr, mu, b1, b2, eps, l2, clip = hyper[0], hyper[1], hyper[2], hyper[3], hyper[4], hyper[5], hyper[6]
    biases = hyper[7] != 0.0
    scale = 1.0
    if clip > 0.0 and norm > clip:
        scale = clip / norm
    # Adam's bias corrections as a step size and a factor: lr (m / c1) / (sqrt(v / c2) + eps)
    # computed as (lr / c1) m / (sqrt(v (1 / c2)) + eps), equal but for rounding, with one
    # division a parameter instead of three (divisions and square roots are the slow part)
    step, inv_c2 = lr, 1.0
    if code == ADAM:
        step = lr / (1.0 - b1 ** t)
        inv_c2 = 1.0 / (1.0 - b2 ** t)
    if biases and l2 == 0.0:
        # the common case, with nothing per parameter but the update: no mask to read (a
        # pass over as many numbers as the weights), one loop the compiler vectorises
        if code == ADAM:
            _adam(params, grads, state_m, state_v, step, inv_c2, b1, b2, eps, scale)
            return
        if code == SGD:
            for i in range(params.shape[0]):
                params[i] -= lr * (grads[i] * scale)
            return
    for i in range(params.shape[0]):
        if not biases and decay_mask[i] == 0.0:
            continue
        g = grads[i] * scale + l2 * decay_mask[i] * params[i]
        if code == SGD:
            params[i] -= lr * g
        elif code == MOMENTUM:
            m = mu * state_m[i] + g
            if abs(m) < TINY:        # (a NaN stays: the comparison is False)
                m = 0.0
            state_m[i] = m
            params[i] -= lr * m
        else:
            params[i], state_m[i], state_v[i] = _adam_one(params[i], g, state_m[i], state_v[i],
                                                          step, inv_c2, b1, b2, eps)


@njit(**JIT)
def _adam(params, grads, state_m, state_v, step, inv_c2, b1, b2, eps, scale):
    """Adam's step on every parameter, no decay: the same arithmetic as update's general loop
    (where l2 is 0), in one pass reading p, g, m, v once each."""
    for i in range(params.shape[0]):
        params[i], state_m[i], state_v[i] = _adam_one(params[i], grads[i] * scale, state_m[i],
                                                      state_v[i], step, inv_c2, b1, b2, eps)


@njit(**INLINE)
def _adam_one(p, g, m, v, step, inv_c2, b1, b2, eps):
    """One parameter's Adam step: (new p, new m, new v); inlined into both loops."""
    m = b1 * m + (1.0 - b1) * g
    v = b2 * v + (1.0 - b2) * g * g
    if abs(m) < TINY:            # never subnormal (see the module docstring)
        m = 0.0
    if v < TINY:
        v = 0.0
    return p - step * m / (math.sqrt(v * inv_c2) + eps), m, v
