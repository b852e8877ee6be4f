"""Training: epochs and minibatches over a network, driven from Python, computed in the kernels.

``Trainer`` keeps the optimiser state, the shuffled order of the current epoch and the counters;
``run_steps(n)`` and ``run_epochs(n)`` hand whole runs of minibatch steps to one jitted call per
epoch segment and return a ``Snapshot``. It knows nothing of windows: the window's worker thread
calls the same methods.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterator

import numpy as np

from . import kernels, memory
from .errors import EngineError
from .network import Network
from .optim import OptimizerConfig


@dataclass
class Snapshot:
    """What a run of steps produced. ``losses`` (n,) are the minibatch losses in order, each
    before its update; ``grad_norms`` (n, L) the norm of each layer's weight gradient."""
    step: int                    # optimiser steps taken so far in total
    epoch: int                   # whole epochs completed
    epoch_progress: float        # fraction of the current epoch done, in [0, 1)
    losses: np.ndarray
    grad_norms: np.ndarray
    diverged: bool = False
    message: str = ""

    @property
    def train_loss(self) -> float:
        """Mean minibatch loss over the steps of this snapshot (NaN if none)."""
        good = self.losses[np.isfinite(self.losses)]
        return float(good.mean()) if good.size else float("nan")


@dataclass
class Trainer:
    """Minibatch training of ``net`` on X (n, n_in), T (n, n_out), both float64."""
    net: Network
    X: np.ndarray
    T: np.ndarray
    config: OptimizerConfig = field(default_factory=OptimizerConfig)
    batch: int = 32
    seed: int = 0

    def __post_init__(self) -> None:
        self.X = self.net.check_inputs(self.X, "training data")
        self.T = self.net._check_targets(self.T, self.X.shape[0])
        if self.X.shape[0] == 0:
            raise EngineError("there are no training samples")
        self.set_batch(self.batch)
        self.config.validate()
        rows = max(self.batch, min(memory.EVAL_CHUNK, self.X.shape[0]))
        memory.require(self.net.sizes, memory.training_bytes(self.net.sizes, rows), "training")
        self.rng = np.random.default_rng(self.seed)
        self.step = 0
        self.epoch = 0
        self._pos = 0            # next index into self._order
        self._order = self.rng.permutation(self.X.shape[0]).astype(np.int64)
        self.reset_optimizer()

    # --- settings ---------------------------------------------------------------------------
    def set_batch(self, batch: Any) -> None:
        if isinstance(batch, bool) or not isinstance(batch, (int, np.integer)) or batch < 1:
            raise EngineError(f"batch size must be a whole number of at least 1, not {batch!r}")
        self.batch = int(batch)
        self._ws = None

    def reset_optimizer(self) -> None:
        """Forget momentum / Adam state (after new weights or a new optimiser)."""
        n = self.net.layout.n_params
        self._m = np.zeros(n)
        self._v = np.zeros(n)
        self._t = 0

    @property
    def steps_per_epoch(self) -> int:
        return math.ceil(self.X.shape[0] / self.batch)

    @property
    def position(self) -> int:
        """How many samples of the current epoch have been used."""
        return self._pos

    def steps_to_finish(self, epochs: int = 1) -> int:
        """Steps that complete the current epoch and then ``epochs - 1`` more."""
        return math.ceil((self.X.shape[0] - self._pos) / self.batch) + (epochs - 1) * self.steps_per_epoch

    # --- running ----------------------------------------------------------------------------
    def run_steps(self, n_steps: int) -> Snapshot:
        """Take n_steps minibatch steps (crossing epoch boundaries, reshuffling at each)."""
        L = self.net.n_layers
        losses = np.full(n_steps, np.nan)
        norms = np.full((n_steps, L), np.nan)
        done = 0
        n = self.X.shape[0]
        ws = self.net.workspace(self.batch)
        lo = self.net.layout
        cfg = self.config
        hyper = cfg.as_array()
        while done < n_steps:
            want = min(n_steps - done, math.ceil((n - self._pos) / self.batch))
            params_before = self.net.params.copy() if want > 0 else None
            took = kernels.train_steps(
                self.net.params, lo.sizes, lo.acts, lo.w_off, lo.b_off, lo.u_off, self.net.loss_code,
                self.X, self.T, self._order, self._pos, want, self.batch,
                cfg.code, hyper, self.net.decay_mask, self._m, self._v, self._t,
                ws.grads, ws.x, ws.t, ws.z, ws.a, ws.delta,
                losses[done:done + want], norms[done:done + want])
            if not np.all(np.isfinite(self.net.params)):
                # An update overflowed a weight: go back to the weights this call started from,
                # and forget its steps too, so that counters and history match the weights.
                self.net.params[...] = params_before
                self.reset_optimizer()
                return self._snapshot(losses[:done], norms[:done], diverged=True)
            self._t += took
            self.step += took
            self._pos = min(self._pos + took * self.batch, n)
            done += took
            if took < want:
                # the kernel stopped before a non-finite loss or gradient: nothing was applied
                return self._snapshot(losses[:done + 1], norms[:done + 1], diverged=True)
            if self._pos >= n:
                self.epoch += 1
                self._pos = 0
                self._order = self.rng.permutation(n).astype(np.int64)
        return self._snapshot(losses, norms)

    def run_epochs(self, n_epochs: int = 1) -> Snapshot:
        """Finish the current epoch, then run n_epochs - 1 more whole ones."""
        return self.run_steps(self.steps_to_finish(n_epochs))

    def epochs(self, n_epochs: int) -> Iterator[Snapshot]:
        """Yield one Snapshot per epoch; stops early if training diverges."""
        for _ in range(n_epochs):
            snap = self.run_epochs(1)
            yield snap
            if snap.diverged:
                return

    def _snapshot(self, losses: np.ndarray, norms: np.ndarray, diverged: bool = False) -> Snapshot:
        msg = ""
        if diverged:
            msg = (f"training diverged at step {self.step + 1} (the loss became NaN or infinite); "
                   f"the last good weights are kept. Try a lower learning rate "
                   f"(now {self.config.lr:g}) or gradient clipping.")
        return Snapshot(self.step, self.epoch, self._pos / self.X.shape[0], losses, norms,
                        diverged, msg)
