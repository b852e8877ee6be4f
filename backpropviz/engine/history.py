"""Training history: per-step minibatch losses and gradient norms, and evaluations.

Evaluations go into buffers that double when full (as pyqtgraph's scrolling examples keep
theirs); they are spaced out in time, so they stay few. Steps can come at 100,000 a second
(a tiny network), so at most ``STEP_CAPACITY`` of them are kept: when full, every other one
is dropped and from then on only every ``stride``-th step is kept, as TensorBoard samples its
scalars. Memory stays bounded and a frame's work on the curves stays bounded too.
"""
from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass

import numpy as np
from numba import njit

from ._jit import JIT


class Buffer:
    """A growable array of rows; ``view()`` is the filled part (no copy). Appending never moves
    rows already handed out in an earlier view: a full buffer is replaced by a larger copy."""

    def __init__(self, width: int | None = None, capacity: int = 1024, dtype=np.float64):
        shape = (capacity,) if width is None else (capacity, width)
        self._fill = np.nan if np.issubdtype(dtype, np.floating) else 0
        self._data = np.full(shape, self._fill, dtype=dtype)
        self.n = 0

    def extend(self, rows: np.ndarray) -> None:
        rows = np.asarray(rows)
        need = self.n + len(rows)
        if need > len(self._data):
            cap = len(self._data)
            while cap < need:
                cap *= 2
            bigger = np.full((cap, *self._data.shape[1:]), self._fill, dtype=self._data.dtype)
            bigger[:self.n] = self._data[:self.n]
            self._data = bigger
        self._data[self.n:need] = rows
        self.n = need

    def append(self, row) -> None:
        self.extend(np.asarray(row)[None])

    def view(self) -> np.ndarray:
        return self._data[:self.n]

    def head(self, n: int) -> np.ndarray:
        """The first n rows: safe to read from another thread while rows are being appended,
        as long as n is a count the writer had reached (a Frame's counts are)."""
        return self._data[:n]

    def __len__(self) -> int:
        return self.n


STEP_CAPACITY = 1 << 15


@dataclass(frozen=True)
class StepView:
    """The kept steps at one moment: arrays no writer changes afterwards (safe to read on
    another thread). ``step[i]`` is the step number (1-based) whose minibatch loss (before its
    update) is ``loss[i]`` and layer gradient norms ``grad_norms[i]``; every ``stride``-th step
    was kept."""
    step: np.ndarray
    loss: np.ndarray
    grad_norms: np.ndarray
    stride: int

    def __len__(self) -> int:
        return len(self.step)


class History:
    """What training produced, step by step and evaluation by evaluation."""

    def __init__(self, n_layers: int, capacity: int = STEP_CAPACITY):
        if capacity < 2 or capacity % 2:
            raise ValueError("capacity must be an even number of at least 2")
        self.n_layers = n_layers
        self.capacity = capacity
        self.steps = 0                            # steps seen, kept or not
        self.stride = 1                           # every stride-th step is kept
        self._new_step_buffers()
        self.eval_step = Buffer(dtype=np.int64)   # the step count at an evaluation
        self.eval_epoch = Buffer()                # epochs done then (fractional)
        self.train_loss = Buffer()
        self.test_loss = Buffer()
        self.train_accuracy = Buffer()
        self.test_accuracy = Buffer()

    def _new_step_buffers(self) -> None:
        # replaced, never rewritten: views handed out earlier keep their rows
        self.step_number = Buffer(capacity=self.capacity, dtype=np.int64)
        self.step_loss = Buffer(capacity=self.capacity)    # minibatch loss, before its update
        self.grad_norms = Buffer(self.n_layers, capacity=self.capacity)   # |dL/dW| per layer

    @property
    def evals(self) -> int:
        return len(self.eval_step)

    def add_steps(self, losses: np.ndarray, grad_norms: np.ndarray) -> None:
        """The next len(losses) steps' minibatch losses and (n, L) gradient norms."""
        losses = np.asarray(losses, dtype=np.float64)
        numbers = self.steps + 1 + np.arange(len(losses))
        self.steps += len(losses)
        keep = (numbers - 1) % self.stride == 0
        numbers, losses, grad_norms = numbers[keep], losses[keep], np.asarray(grad_norms)[keep]
        while len(self.step_loss) + len(numbers) > self.capacity:
            self._thin()
            keep = (numbers - 1) % self.stride == 0
            numbers, losses, grad_norms = numbers[keep], losses[keep], grad_norms[keep]
        self.step_number.extend(numbers)
        self.step_loss.extend(losses)
        self.grad_norms.extend(grad_norms)

    def _thin(self) -> None:
        """Keep every other kept step (those at multiples of twice the stride)."""
        old = (self.step_number.view(), self.step_loss.view(), self.grad_norms.view())
        self.stride *= 2
        keep = (old[0] - 1) % self.stride == 0
        self._new_step_buffers()
        self.step_number.extend(old[0][keep])
        self.step_loss.extend(old[1][keep])
        self.grad_norms.extend(old[2][keep])

    def step_view(self) -> StepView:
        """The kept steps now (the writer's thread takes it; any thread may read it)."""
        n = len(self.step_loss)
        return StepView(self.step_number.head(n), self.step_loss.head(n), self.grad_norms.head(n),
                        self.stride)

    def add_eval(self, step: int, epoch: float, train: tuple[float, float],
                 test: tuple[float, float]) -> None:
        self.eval_step.append(step)
        self.eval_epoch.append(epoch)
        self.train_loss.append(train[0])
        self.train_accuracy.append(train[1])
        self.test_loss.append(test[0])
        self.test_accuracy.append(test[1])

    def to_csv(self, classification: bool = True) -> str:
        """The evaluations as CSV: step, epoch, train and test loss and accuracy."""
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["step", "epoch", "train_loss", "test_loss", "train_accuracy", "test_accuracy"])
        cols = [self.eval_step.view(), self.eval_epoch.view(), self.train_loss.view(),
                self.test_loss.view(), self.train_accuracy.view(), self.test_accuracy.view()]
        for row in zip(*cols):
            vals = [int(row[0]), f"{row[1]:.4f}"] + ["" if not math.isfinite(v) else repr(float(v))
                                                     for v in row[2:]]
            if not classification:
                vals[4] = vals[5] = ""
            w.writerow(vals)
        return out.getvalue()


def ema_debiased(x: np.ndarray, smoothing: float) -> np.ndarray:
    """Exponential moving average with TensorBoard's bias correction:
    s_t = b s_{t-1} + (1 - b) x_t, s_0 = 0, shown as s_t / (1 - b^t). smoothing = b in [0, 1)."""
    x = np.ascontiguousarray(x, dtype=np.float64)
    if smoothing <= 0 or len(x) == 0:
        return x.copy()
    out = np.empty_like(x)
    _ema_debiased(x, min(float(smoothing), 0.999), out)
    return out


@njit(**JIT)
def _ema_debiased(x, b, out):
    # (scipy.signal.lfilter does the same but costs 0.6 s of import at start-up)
    s = 0.0
    correction = 1.0
    for t in range(x.shape[0]):
        v = x[t] if np.isfinite(x[t]) else 0.0
        s = b * s + (1.0 - b) * v
        correction *= b
        out[t] = s / (1.0 - correction)
