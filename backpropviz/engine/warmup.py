"""Compile (or load from Numba's cache) every kernel the app uses, before anyone waits on one.

A cold compile takes about half a minute, so it runs in stages that each compile a part (the
small kernels before the ones that call them, which then reuse them) and report their progress:
the command line draws a bar, the window a progress indicator.
"""
from __future__ import annotations

import time
from typing import Callable

import numpy as np

from . import _jit, optim
from ._jit import defer, use_numpy  # noqa: F401  (re-exported: warmup() ends what defer() starts)
from .network import Network
from .optim import OptimizerConfig
from .train import Trainer

#: progress(work done, work in all, the stage now running ("" at the end)); work is counted
#: in the stages' weights, about the seconds each took to compile cold on two cores
Progress = Callable[[int, int, str], None]


def _stages() -> list[tuple[str, int, Callable[[], None]]]:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(16, 2))
    T = (X[:, :1] > 0).astype(float)
    net = Network.build([2, 3, 1], ["tanh", "sigmoid"], "bce", seed=0)
    wide = Network.build([2, 80, 1], ["tanh", "sigmoid"], "bce", seed=0)
    remedies = Network.build([2, 3, 3, 1], ["tanh", "tanh", "sigmoid"], "bce", seed=0,
                             residual=True, batch_norm=True)

    def skips_and_batch_norm() -> None:
        Trainer(remedies, X, T, OptimizerConfig("adam", lr=0.01), batch=4).run_steps(3)
        remedies.trace(X[:4], T[:4])            # a minibatch (training mode)
        remedies.trace(X[0], T[0])              # one sample (evaluation mode)
        remedies.evaluate(X, T)

    def optimiser() -> None:
        p = np.zeros(net.layout.n_params)
        cfg = OptimizerConfig("adam", lr=0.01)
        optim.update(cfg.code, cfg.as_array(), p, np.ones_like(p), net.decay_mask,
                     np.zeros_like(p), np.zeros_like(p), 1)

    return [
        ("optimisers", 4, optimiser),
        ("forward pass", 18, lambda: net.forward(X)),
        ("backward pass", 20, lambda: net.gradients(X, T)),
        ("training steps", 8, lambda: Trainer(net, X, T, OptimizerConfig("adam", lr=0.01),
                                              batch=4).run_steps(3)),
        ("evaluation", 1, lambda: net.evaluate(X, T)),
        ("one sample's trace", 1, lambda: net.trace(X[0], T[0])),
        ("wide layers", 1, lambda: (Trainer(wide, X, T, OptimizerConfig("adam", lr=0.01), batch=16)
                                    .run_steps(3), wide.trace(X[0], T[0]), wide.evaluate(X, T))),
        ("residual connections and batch normalization", 30, skips_and_batch_norm),
    ]


def warmup(progress: Progress | None = None) -> float:
    """Run each kernel once on tiny inputs (the loop and the BLAS paths), calling
    ``progress(done, total, stage)`` before each stage and ``progress(total, total, "")`` at
    the end. Returns the seconds taken."""
    start = time.perf_counter()
    stages = _stages()
    total = sum(weight for _, weight, _ in stages)
    done = 0
    with _jit.compiling():          # the kernels themselves, even on a deferring window's thread
        for name, weight, run in stages:
            if progress is not None:
                progress(done, total, name)
            run()
            done += weight
    _jit.mark_warm()                # from now on a deferring window calls the kernels
    if progress is not None:
        progress(total, total, "")
    return time.perf_counter() - start
