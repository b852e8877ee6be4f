"""Training history in preallocated buffers that double when full (as pyqtgraph's scrolling
examples keep theirs): per-step minibatch losses and gradient norms, and evaluations."""
from __future__ import annotations

import csv
import io
import math

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


class History:
    """What training produced, step by step and evaluation by evaluation."""

    def __init__(self, n_layers: int):
        self.n_layers = n_layers
        self.step_loss = Buffer()                 # minibatch loss of step i+1 (before its update)
        self.grad_norms = Buffer(n_layers)        # |dL/dW| of each layer at that step
        self.eval_step = Buffer(dtype=np.int64)   # the step count at an evaluation
        self.eval_epoch = Buffer()                # epochs done then (fractional)
        self.train_loss = Buffer()
        self.test_loss = Buffer()
        self.train_accuracy = Buffer()
        self.test_accuracy = Buffer()

    @property
    def steps(self) -> int:
        return len(self.step_loss)

    @property
    def evals(self) -> int:
        return len(self.eval_step)

    def add_steps(self, losses: np.ndarray, grad_norms: np.ndarray) -> None:
        self.step_loss.extend(losses)
        self.grad_norms.extend(grad_norms)

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
