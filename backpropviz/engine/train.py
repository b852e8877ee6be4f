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
from ..i18n import QT_TRANSLATE_NOOP, Message
from .errors import EngineError, message
from .network import BN_BATCH_OF_ONE, TRAINING_DATA, Network
from .optim import OptimizerConfig
from .schedule import LRSchedule


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
    message: Message | str = ""   # why training stopped (a Message: English as str())
    lr: float = float("nan")     # the learning rate of the epoch the run ended in
    #: (n,) the learning rate each step was taken with (its epoch's, see schedule.py)
    rates: np.ndarray | None = None

    @property
    def train_loss(self) -> float:
        """Mean minibatch loss over the steps of this snapshot (NaN if none)."""
        good = self.losses[np.isfinite(self.losses)]
        return float(good.mean()) if good.size else float("nan")


#: The loss has run away when it is not finite, or above RUNAWAY times where it started (the
#: loss of the first minibatch on the first weights, or 1 if that was smaller: a loss near 0 at
#: the start must not make ordinary noise look like a runaway).
RUNAWAY = 1e3


def check_bn_batch(net: Network, n: int, batch: int) -> None:
    """Raise EngineError when minibatches of ``batch`` over ``n`` training samples would hand a
    batch-normalised layer of ``net`` a batch of one sample (the whole batch, or the last one
    of an epoch), which it cannot normalise."""
    if not net.bn_layers:
        return
    if batch == 1 or n == 1:
        raise EngineError(BN_BATCH_OF_ONE)
    if n % batch == 1:
        raise EngineError(QT_TRANSLATE_NOOP(
            "engine", "batch normalization cannot normalise a batch of one sample, and {n} "
            "training samples in minibatches of {batch} leave one over at the end of each "
            "epoch; choose another batch size"), n=n, batch=batch)


@dataclass
class Trainer:
    """Minibatch training of ``net`` on X (n, n_in), T (n, n_out), both float64."""
    net: Network
    X: np.ndarray
    T: np.ndarray
    config: OptimizerConfig = field(default_factory=OptimizerConfig)
    batch: int = 32
    seed: int = 0
    #: the learning rate of each epoch, from config.lr (see schedule.py)
    schedule: LRSchedule = field(default_factory=LRSchedule)

    def __post_init__(self) -> None:
        self.X = self.net.check_inputs(self.X, TRAINING_DATA)
        self.T = self.net._check_targets(self.T, self.X.shape[0])
        if self.X.shape[0] == 0:
            raise EngineError(QT_TRANSLATE_NOOP("engine", "there are no training samples"))
        self.set_batch(self.batch)
        self.config.validate()
        rows = max(self.batch, min(memory.EVAL_CHUNK, self.X.shape[0]))
        memory.require(self.net.sizes, memory.training_bytes(
            self.net.sizes, rows, self.net.bn_units, not self.net.plain), memory.TRAINING)
        self.rng = np.random.default_rng(self.seed)
        self.step = 0
        self.epoch = 0
        self._pos = 0            # next index into self._order
        self._order = self.rng.permutation(self.X.shape[0]).astype(np.int64)
        self.start_loss = math.nan     # the first minibatch's loss, on the weights given
        # the last weights known good (the first loss computed on them did not run away), with
        # the counters that go with them: where a run of steps that runs away at once goes back to
        self._good: tuple | None = None
        self.reset_optimizer()

    # --- settings ---------------------------------------------------------------------------
    def set_batch(self, batch: Any) -> None:
        if isinstance(batch, bool) or not isinstance(batch, (int, np.integer)) or batch < 1:
            raise EngineError(QT_TRANSLATE_NOOP("engine", "batch size must be a whole number of at least "
                                                "1, not {batch}"), batch=repr(batch))
        check_bn_batch(self.net, self.X.shape[0], batch)
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

    @property
    def lr(self) -> float:
        """The learning rate of the current epoch."""
        return self.schedule.lr(self.config.lr, self.epoch)

    # --- running ----------------------------------------------------------------------------
    def run_steps(self, n_steps: int) -> Snapshot:
        """Take n_steps minibatch steps (crossing epoch boundaries, reshuffling at each).

        If the loss runs away (see RUNAWAY) or an update overflows a weight, training stops with
        the last weights whose loss had not run away, and the step counters that go with them;
        the snapshot says ``diverged`` and why, and its losses end where those weights are."""
        L = self.net.n_layers
        losses = np.full(n_steps, np.nan)
        norms = np.full((n_steps, L), np.nan)
        rates = np.full(n_steps, np.nan)
        done = 0
        n = self.X.shape[0]
        first_step = self.step
        while done < n_steps:
            want = min(n_steps - done, math.ceil((n - self._pos) / self.batch))
            before = (self.net.params.copy(), self._m.copy(), self._v.copy(), self._t,
                      self.net.bn_stats.copy())
            counters = (self.step, self.epoch, self._pos, self._order)
            rates[done:done + want] = self.lr        # a call stays within one epoch
            took = self._kernel(want, losses[done:done + want], norms[done:done + want])
            # the losses this call computed: one per step taken, and the non-finite one it
            # stopped before, if it stopped early
            computed = losses[done:done + min(want, took + 1)]
            if math.isnan(self.start_loss) and computed.size and math.isfinite(computed[0]):
                self.start_loss = float(computed[0])
            bad = self._first_runaway(computed)
            if bad is not None or took < want or not np.all(np.isfinite(self.net.params)):
                snap = self._diverged(losses, norms, done, want, took, bad, computed, before,
                                      first_step)
                snap.rates = rates[:len(snap.losses)]
                return snap
            # its first loss was fine: its starting weights (gamma and beta among them) and
            # running statistics are good
            self._good = (before[0], before[4], *counters)
            self._t += took
            self.step += took
            self._pos = min(self._pos + took * self.batch, n)
            done += took
            if self._pos >= n:
                self.epoch += 1
                self._pos = 0
                self._order = self.rng.permutation(n).astype(np.int64)
        snap = self._snapshot(losses, norms)
        snap.rates = rates
        return snap

    def _kernel(self, steps: int, losses: np.ndarray, norms: np.ndarray) -> int:
        """``steps`` minibatch steps from the current position, in one jitted call, at the
        current epoch's learning rate; returns how many it took (fewer when a loss or gradient
        is not finite: that step is not applied). Batch-normalised layers update their running
        statistics at each step."""
        net = self.net
        ws = net.workspace(self.batch)
        lo = net.layout
        hyper = self.config.as_array()
        hyper[0] = self.lr
        if lo.plain:
            return kernels.train_steps(
                net.params, lo.sizes, lo.acts, lo.w_off, lo.b_off, lo.u_off, net.loss_code,
                self.X, self.T, self._order, self._pos, steps, self.batch,
                self.config.code, hyper, net.decay_mask, self._m, self._v,
                self._t, ws.grads, ws.x, ws.t, ws.z, ws.a, ws.delta, losses, norms)
        return kernels.train_steps_ex(
            net.params, lo.sizes, lo.acts, lo.w_off, lo.b_off, lo.u_off, lo.res, lo.bn,
            lo.g_off, lo.s_off, net.bn_eps, net.bn_momentum, net.bn_stats, net.loss_code,
            self.X, self.T, self._order, self._pos, steps, self.batch,
            self.config.code, hyper, net.decay_mask, self._m, self._v, self._t,
            ws.grads, ws.x, ws.t, ws.z, ws.a, ws.delta, ws.ext, ws.bstat, losses, norms)

    def _first_runaway(self, computed: np.ndarray) -> int | None:
        """Index of the first loss that has run away (see RUNAWAY), or None."""
        limit = RUNAWAY * max(self.start_loss, 1.0) if math.isfinite(self.start_loss) else math.inf
        bad = np.flatnonzero(~np.isfinite(computed) | (computed > limit))
        return int(bad[0]) if bad.size else None

    def _diverged(self, losses: np.ndarray, norms: np.ndarray, done: int, want: int, took: int,
                  bad: int | None, computed: np.ndarray, before: tuple, first_step: int) -> Snapshot:
        """Stop with the last good weights of the call that ran away: the weights of its step
        ``keep``, found again by replaying its first ``keep`` steps from where it started (the
        same minibatches, the same arithmetic). Counters and the snapshot's losses match them."""
        at_step = self.step + (bad if bad is not None else len(computed) - 1) + 1
        if bad is not None:
            keep = bad - 1        # loss[i] is computed on the weights after i updates
        elif took < want:
            keep = took           # a gradient was not finite; its update was not applied
        else:
            keep = took - 1       # the last update overflowed a weight
        params, m, v, t, stats = before
        self.net.params[...] = params
        self.net.bn_stats[...] = stats
        if keep >= 0:
            self._m[...], self._v[...] = m, v
            self._t = t
            if keep > 0:
                self._kernel(keep, losses[done:done + keep], norms[done:done + keep])
            self.step += keep
            self._pos += keep * self.batch
            done += keep
        elif self._good is not None:
            # the weights this call started from already ran away: the start of the call
            # before it is the last good point
            params, stats, step, epoch, pos, order = self._good
            self.net.params[...] = params
            self.net.bn_stats[...] = stats
            if step >= first_step:            # that call was part of this run: forget it too
                done -= self.step - step
                self.step, self.epoch, self._pos, self._order = step, epoch, pos, order
        kept_step = self.step if keep >= 0 or self._good is None else self._good[2]
        self._good = None
        self.reset_optimizer()
        if bad is not None and math.isfinite(computed[bad]):
            why = message(QT_TRANSLATE_NOOP("engine", "the loss rose to {loss}, over {times} times its "
                                            "start {start}"),
                          loss=f"{computed[bad]:.3g}", times=f"{RUNAWAY:g}",
                          start=f"{self.start_loss:.3g}")
        elif bad is not None:
            why = message(QT_TRANSLATE_NOOP("engine", "the loss became NaN or infinite"))
        else:
            why = message(QT_TRANSLATE_NOOP("engine", "an update overflowed a weight"))
        msg = message(QT_TRANSLATE_NOOP("engine", "training diverged at step {step} ({why}); the "
                                        "weights of step {kept}, from before the loss ran away, are "
                                        "kept. Try a lower learning rate (now {lr}) or gradient "
                                        "clipping."),
                      step=at_step, why=why, kept=kept_step, lr=f"{self.lr:g}")
        return Snapshot(self.step, self.epoch, self._pos / self.X.shape[0], losses[:done],
                        norms[:done], True, msg, self.lr)

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

    def _snapshot(self, losses: np.ndarray, norms: np.ndarray) -> Snapshot:
        return Snapshot(self.step, self.epoch, self._pos / self.X.shape[0], losses, norms,
                        lr=self.lr)
