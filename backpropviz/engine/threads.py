"""How many BLAS threads a training run uses, chosen by measuring, so a busy neighbour cannot
collapse it.

OpenBLAS's worker threads wait for work by spinning. On a machine whose cores are all taken
(2 cores, and another program busy on one of them) a matrix product split over two threads
waits each time for the thread that is not running: the engine trained about 10x slower with
two BLAS threads than with one. With one thread a neighbour can at most take its share of
the machine. Alone, two threads are faster on large products.

:class:`ThreadPolicy` therefore trains in segments of about ``SEGMENT_SECONDS`` and measures
samples per second of each segment. It runs with the thread count whose latest measurement
was fastest, and every ``PROBE_EVERY`` segments it tries the other counts once more, so it
goes back to two threads when the neighbour leaves. A collapse lasts at most one segment.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import ThreadpoolController

from .train import Snapshot, Trainer

SEGMENT_SECONDS = 0.25
PROBE_EVERY = 8


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


@dataclass
class ThreadPolicy:
    """Runs a Trainer's steps with the fastest BLAS thread count as measured recently.

    candidates: the thread counts to choose from (default 1 and the usable cores, at most 2:
    more threads do not speed up the small products of minibatch training).
    rates: samples per second measured for each candidate (absent: not measured yet): the
    median of its last ``memory`` segments (1: the latest, right for segments of a quarter of a
    second; a window's 30 ms chunks are often cut short by a preemption, and one slow chunk
    must not switch the count).
    choices: the thread count of every segment run, in order (for the benchmark and tests).
    """
    candidates: tuple[int, ...] = field(
        default_factory=lambda: tuple(sorted({1, min(2, usable_cores())})))
    segment_seconds: float = SEGMENT_SECONDS
    probe_every: int = PROBE_EVERY
    rates: dict[int, float] = field(default_factory=dict)
    choices: list[int] = field(default_factory=list)
    memory: int = 1
    _recent: dict[int, list[float]] = field(default_factory=dict, repr=False)
    _steps: int = 64          # steps per segment, adapted to take about segment_seconds
    _controller: ThreadpoolController | None = field(default=None, repr=False)

    def current(self) -> int:
        """The thread count the next segment runs with."""
        untried = [c for c in self.candidates if c not in self.rates]
        if untried:
            return untried[0]
        n = len(self.choices)
        if len(self.candidates) > 1 and n and n % self.probe_every == 0:
            best = max(self.rates, key=self.rates.get)
            others = [c for c in self.candidates if c != best]
            return others[(n // self.probe_every - 1) % len(others)]
        return max(self.rates, key=self.rates.get)

    def best(self) -> int:
        """The count measured fastest (before any measurement, the first to be measured)."""
        return max(self.rates, key=self.rates.get) if self.rates else self.current()

    def trying(self, threads: int) -> bool:
        """Whether a segment with ``threads`` is a try of a count not measured fastest (a
        caller may keep such a segment short: it may be the collapse)."""
        return bool(self.rates) and threads != self.best()

    def limit(self, threads: int):
        """A context in which the BLAS libraries use ``threads`` threads. The libraries are
        looked up once (threadpoolctl's ``threadpool_limits`` looks them up at every call,
        ~1 ms: too much for the window's 30 ms chunks)."""
        if self._controller is None:
            self._controller = ThreadpoolController()
        return self._controller.limit(limits=threads, user_api="blas")

    def record(self, threads: int, samples: int, seconds: float) -> None:
        """A segment ran ``samples`` samples in ``seconds`` with ``threads`` BLAS threads."""
        self.choices.append(threads)
        if seconds > 0:
            recent = self._recent.setdefault(threads, [])
            recent.append(samples / seconds)
            del recent[:-self.memory]
            self.rates[threads] = float(np.median(recent))

    def run_steps(self, trainer: Trainer, n_steps: int) -> Snapshot:
        """``trainer.run_steps(n_steps)``, in measured segments; one Snapshot for them all."""
        losses, norms, rates = [], [], []
        done = 0
        snap = None
        while done < n_steps:
            threads = self.current()
            want = min(self._steps, n_steps - done)
            start = time.perf_counter()
            with self.limit(threads):
                snap = trainer.run_steps(want)
            seconds = time.perf_counter() - start
            took = len(snap.losses)
            losses.append(snap.losses)
            norms.append(snap.grad_norms)
            rates.append(snap.rates)
            done += took
            if snap.diverged:
                break
            self.record(threads, took * trainer.batch, seconds)
            if seconds > 0:
                scale = self.segment_seconds / seconds
                self._steps = int(min(max(self._steps * min(max(scale, 0.5), 2.0), 8), 100_000))
        if snap is None:
            return trainer.run_steps(0)
        return Snapshot(snap.step, snap.epoch, snap.epoch_progress, np.concatenate(losses),
                        np.concatenate(norms), snap.diverged, snap.message, snap.lr,
                        np.concatenate(rates))

    def run_epochs(self, trainer: Trainer, n_epochs: int = 1) -> Snapshot:
        """Finish the current epoch, then n_epochs - 1 more, as ``Trainer.run_epochs``."""
        return self.run_steps(trainer, trainer.steps_to_finish(n_epochs))

    def epochs(self, trainer: Trainer, n_epochs: int) -> Iterator[Snapshot]:
        """One Snapshot per epoch, as ``Trainer.epochs``; stops early if training diverges."""
        for _ in range(n_epochs):
            snap = self.run_epochs(trainer, 1)
            yield snap
            if snap.diverged:
                return

    def summary(self) -> str:
        """e.g. "1 BLAS thread in 37 of 40 segments"."""
        if not self.choices:
            return "no segments run"
        common = max(set(self.choices), key=self.choices.count)
        return (f"{common} BLAS thread{'s' if common != 1 else ''} in "
                f"{self.choices.count(common)} of {len(self.choices)} segments")
