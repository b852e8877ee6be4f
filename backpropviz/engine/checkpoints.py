"""Checkpoints of a training run, to rewind it and to resume from any kept moment.

A checkpoint is everything a Trainer needs to go on exactly as it would have: the weights (and
batch-norm running statistics when the network has them), the optimiser's state, the step and
epoch counters, the epoch's shuffled order, the position in it and the shuffling generator's
state. Resuming from a checkpoint therefore repeats the original run bit for bit, or, with other
settings, starts a new branch from that moment.

Memory stays bounded however long the run: at most ``capacity`` checkpoints and ``budget``
bytes are kept. At first every checkpoint offered is kept; when either limit is reached every
other one is dropped (the first and the newest stay) and from then on only checkpoints at least
``spacing`` steps after the last kept one are taken, the spacing doubling each time, as the
history thins its curves.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import numpy as np

#: default limits: 256 checkpoints, 256 MiB
CAPACITY = 256
BUDGET = 256 << 20


@dataclass(frozen=True)
class Checkpoint:
    """One moment of a run (arrays are private copies; never change them)."""
    step: int
    epoch: int
    position: int               # samples of the current epoch used
    params: np.ndarray
    stats: np.ndarray | None    # batch-norm running statistics, if the network has them
    m: np.ndarray               # optimiser state (momentum / Adam's first moment)
    v: np.ndarray               # Adam's second moment
    t: int                      # optimiser steps taken (Adam's bias correction)
    order: np.ndarray           # the current epoch's shuffled sample order
    rng_state: dict[str, Any]   # the shuffling generator's state

    @property
    def nbytes(self) -> int:
        arrays = (self.params, self.m, self.v, self.order) + (() if self.stats is None else (self.stats,))
        return sum(a.nbytes for a in arrays)


def capture(trainer: Any) -> Checkpoint:
    """A checkpoint of ``trainer`` (an engine.train.Trainer) as it stands now."""
    stats = getattr(trainer.net, "bn_stats", None)
    return Checkpoint(trainer.step, trainer.epoch, trainer.position, trainer.net.params.copy(),
                      None if stats is None or stats.size == 0 else stats.copy(),
                      trainer._m.copy(), trainer._v.copy(), trainer._t, trainer._order.copy(),
                      copy.deepcopy(trainer.rng.bit_generator.state))


def restore(trainer: Any, cp: Checkpoint) -> None:
    """Put ``trainer`` (and its network) back to checkpoint ``cp``: the next steps are the ones
    that followed it."""
    if cp.params.shape != trainer.net.params.shape or cp.order.shape != trainer._order.shape:
        raise ValueError("the checkpoint belongs to another network or data set")
    trainer.net.params[...] = cp.params
    if cp.stats is not None:
        trainer.net.bn_stats[...] = cp.stats
    trainer._m[...] = cp.m
    trainer._v[...] = cp.v
    trainer._t = cp.t
    trainer._order = cp.order.copy()
    trainer._pos = cp.position
    trainer.step = cp.step
    trainer.epoch = cp.epoch
    trainer.rng.bit_generator.state = copy.deepcopy(cp.rng_state)


class Checkpoints:
    """The kept checkpoints of one run, oldest first (see the module docstring)."""

    def __init__(self, capacity: int = CAPACITY, budget: int = BUDGET):
        if capacity < 2:
            raise ValueError("capacity must be at least 2")
        self.capacity = capacity
        self.budget = budget
        self.spacing = 1
        self._kept: list[Checkpoint] = []
        self._tail: Checkpoint | None = None     # the newest moment, until a spaced one comes
        self.nbytes = 0

    def __len__(self) -> int:
        return len(self._all())

    def _all(self) -> list[Checkpoint]:
        return self._kept + ([self._tail] if self._tail is not None else [])

    @property
    def steps(self) -> list[int]:
        """The steps one can rewind to, oldest first; the newest offered is always among them."""
        return [cp.step for cp in self._all()]

    def wants(self, step: int) -> bool:
        """Whether a checkpoint at ``step`` would be kept (so a caller can skip the copying)."""
        return not self._kept or step - self._kept[-1].step >= self.spacing

    def offer(self, trainer: Any) -> bool:
        """Take a checkpoint of ``trainer``: kept for good if the spacing wants one (True), else
        held as the newest moment until the next offer (False)."""
        cp = capture(trainer)
        if self._kept and cp.step <= self._kept[-1].step:
            self.add(cp)
            return True
        if not self.wants(cp.step):
            self._tail = cp
            return False
        self.add(cp)
        return True

    def add(self, cp: Checkpoint) -> None:
        self._tail = None
        if self._kept and cp.step <= self._kept[-1].step:
            # a rewind and a new branch: what came after this moment belongs to the old branch
            self._kept = [k for k in self._kept if k.step < cp.step]
            self.nbytes = sum(k.nbytes for k in self._kept)
        self._kept.append(cp)
        self.nbytes += cp.nbytes
        while len(self._kept) > 2 and (len(self._kept) >= self.capacity or self.nbytes > self.budget):
            self._thin()

    def _thin(self) -> None:
        last = self._kept[-1]
        kept = self._kept[:-1][::2]
        if kept[-1] is not last:
            kept.append(last)
        self._kept = kept
        self.nbytes = sum(k.nbytes for k in kept)
        self.spacing *= 2

    def branch(self, step: int) -> "Checkpoints":
        """A new store for a run resumed at ``step``: the checkpoints up to it, this one kept."""
        other = Checkpoints(self.capacity, self.budget)
        other.spacing = self.spacing
        other._kept = [k for k in self._all() if k.step <= step]
        other.nbytes = sum(k.nbytes for k in other._kept)
        return other

    def at(self, step: int) -> Checkpoint:
        """The kept checkpoint nearest to ``step`` at or before it (the first if none is)."""
        kept = self._all()
        if not kept:
            raise LookupError("no checkpoint has been kept yet")
        best = kept[0]
        for cp in kept:
            if cp.step <= step:
                best = cp
            else:
                break
        return best

    def latest(self) -> Checkpoint:
        return self._all()[-1]
