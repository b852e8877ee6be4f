"""Compile (or load from Numba's cache) every kernel the app uses, before anyone waits on one."""
from __future__ import annotations

import time

import numpy as np

from .network import Network
from .optim import OptimizerConfig
from .train import Trainer


def warmup() -> float:
    """Run each kernel once on tiny inputs. Returns the seconds taken."""
    start = time.perf_counter()
    rng = np.random.default_rng(0)
    X = rng.normal(size=(16, 2))
    T = (X[:, :1] > 0).astype(float)
    for sizes, batch in (([2, 3, 1], 4), ([2, 80, 1], 16)):    # the loop and the BLAS paths
        net = Network.build(sizes, ["tanh", "sigmoid"], "bce", seed=0)
        Trainer(net, X, T, OptimizerConfig("adam", lr=0.01), batch=batch).run_steps(3)
        net.trace(X[0], T[0])
        net.evaluate(X, T)
    return time.perf_counter() - start
