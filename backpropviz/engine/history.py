"""Training history: per-step minibatch losses and gradient norms, and evaluations.

Steps can come at 100,000 a second (a tiny network) and evaluations at 50, so at most
``STEP_CAPACITY`` steps and ``EVAL_CAPACITY`` evaluations are kept: when full, every other one
is dropped and from then on only every ``stride``-th is kept, as TensorBoard samples its
scalars. Memory stays bounded and a frame's work on the curves stays bounded too.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._jit import JIT, njit


class Buffer:
    """Rows in an array of fixed capacity; ``view()`` is the filled part (no copy). Rows once
    written are never written again, so a view handed out earlier keeps its values."""

    def __init__(self, width: int | None = None, capacity: int = 1024, dtype=np.float64):
        self._data = np.empty((capacity,) if width is None else (capacity, width), dtype=dtype)
        self.n = 0

    def extend(self, rows: np.ndarray) -> None:
        rows = np.asarray(rows)
        need = self.n + len(rows)
        if need > len(self._data):
            raise ValueError(f"a buffer of {len(self._data)} rows cannot take {need}")
        self._data[self.n:need] = rows
        self.n = need

    def view(self) -> np.ndarray:
        return self._data[:self.n]

    def head(self, n: int) -> np.ndarray:
        """The first n rows: safe to read from another thread while rows are being appended,
        as long as n is a count the writer had reached."""
        return self._data[:n]

    def __len__(self) -> int:
        return self.n


STEP_CAPACITY = 1 << 15
EVAL_CAPACITY = 1 << 12


@dataclass(frozen=True)
class View:
    """A thinned table's kept rows at one moment, read-only and never changed afterwards (safe
    to read on another thread): ``number[i]`` is the row's number (1-based; every ``stride``-th
    was kept), and each column is an attribute (``view.loss``, ``view.grad_norms``, ...)."""
    number: np.ndarray
    stride: int
    columns: dict

    def __getattr__(self, name: str) -> np.ndarray:
        try:
            return self.columns[name]
        except KeyError:
            raise AttributeError(name) from None

    def __len__(self) -> int:
        return len(self.number)


class Thinned:
    """Rows numbered 1, 2, 3, ... of which at most ``capacity`` are kept: when full, every
    other kept row is dropped, and from then on only every ``stride``-th row is kept (rows
    1, 1 + stride, 1 + 2 stride, ...). ``columns``: name -> (width or None, dtype). Buffers
    are replaced, never rewritten, so a View handed out earlier keeps its rows."""

    def __init__(self, columns: dict, capacity: int):
        if capacity < 2 or capacity % 2:
            raise ValueError("capacity must be an even number of at least 2")
        self.spec = columns
        self.capacity = capacity
        self.count = 0            # rows added, kept or not
        self.stride = 1
        self._new_buffers()

    def _new_buffers(self) -> None:
        self.number = Buffer(capacity=self.capacity, dtype=np.int64)
        self.data = {name: Buffer(width, capacity=self.capacity, dtype=dtype)
                     for name, (width, dtype) in self.spec.items()}

    def add(self, **columns: np.ndarray) -> None:
        """The next rows: one array per column, all of the same length."""
        cols = {name: np.asarray(columns[name]) for name in self.spec}
        n = len(next(iter(cols.values())))
        numbers = self.count + 1 + np.arange(n)
        self.count += n
        while True:
            keep = (numbers - 1) % self.stride == 0
            numbers = numbers[keep]
            cols = {name: v[keep] for name, v in cols.items()}
            if len(self.number) + len(numbers) <= self.capacity:
                break
            self._thin()
        self.number.extend(numbers)
        for name, v in cols.items():
            self.data[name].extend(v)

    def _thin(self) -> None:
        """Keep every other kept row (those at multiples of twice the stride)."""
        old_number = self.number.view()
        old = {name: b.view() for name, b in self.data.items()}
        self.stride *= 2
        keep = (old_number - 1) % self.stride == 0
        self._new_buffers()
        self.number.extend(old_number[keep])
        for name, v in old.items():
            self.data[name].extend(v[keep])

    def view(self) -> View:
        """The kept rows now (the writer's thread takes it; any thread may read it)."""
        n = len(self.number)
        return View(_read_only(self.number.head(n)), self.stride,
                    {name: _read_only(b.head(n)) for name, b in self.data.items()})


def _read_only(a: np.ndarray) -> np.ndarray:
    v = a.view()
    v.flags.writeable = False
    return v


class History:
    """What training produced, step by step and evaluation by evaluation. Steps: minibatch
    loss (before the step's update), each layer's |dL/dW| and the learning rate, at most
    ``capacity`` kept.
    Evaluations: the step and epoch they were made at, train and test loss and accuracy."""

    def __init__(self, n_layers: int, capacity: int = STEP_CAPACITY,
                 eval_capacity: int = EVAL_CAPACITY):
        self.n_layers = n_layers
        self.step_rows = Thinned({"loss": (None, np.float64), "grad_norms": (n_layers, np.float64),
                                  "lr": (None, np.float64)}, capacity)
        self.eval_rows = Thinned({"step": (None, np.int64), "epoch": (None, np.float64),
                                  "train_loss": (None, np.float64), "test_loss": (None, np.float64),
                                  "train_accuracy": (None, np.float64),
                                  "test_accuracy": (None, np.float64)}, eval_capacity)

    @property
    def steps(self) -> int:
        """Steps seen, kept or not."""
        return self.step_rows.count

    @property
    def evals(self) -> int:
        """Evaluations made, kept or not."""
        return self.eval_rows.count

    def add_steps(self, losses: np.ndarray, grad_norms: np.ndarray,
                  rates: np.ndarray | None = None) -> None:
        """The next len(losses) steps' minibatch losses, (n, L) gradient norms and the learning
        rates they were taken with (NaN when not given)."""
        losses = np.asarray(losses, dtype=np.float64)
        rates = np.full(len(losses), np.nan) if rates is None else \
            np.asarray(rates, dtype=np.float64)
        self.step_rows.add(loss=losses, grad_norms=grad_norms, lr=rates)

    def step_view(self) -> View:
        """The kept steps: ``number`` is the step, ``loss``, ``grad_norms``, ``lr``."""
        return self.step_rows.view()

    def add_eval(self, step: int, epoch: float, train: tuple[float, float],
                 test: tuple[float, float]) -> None:
        self.eval_rows.add(step=[step], epoch=[epoch], train_loss=[train[0]], test_loss=[test[0]],
                           train_accuracy=[train[1]], test_accuracy=[test[1]])

    def eval_view(self) -> View:
        """The kept evaluations: ``step``, ``epoch``, ``train_loss``, ``test_loss``, ..."""
        return self.eval_rows.view()

    def branch(self, step: int) -> "History":
        """A new history that holds this one's rows up to ``step`` and goes on from there (a run
        resumed from a rewind): its next step is step + 1."""
        new = History(self.n_layers, self.step_rows.capacity, self.eval_rows.capacity)
        steps = self.step_view()
        _copy_rows(new.step_rows, self.step_rows, steps.number <= step, count=int(step))
        evals = self.eval_view()
        keep = evals.step <= step
        _copy_rows(new.eval_rows, self.eval_rows, keep,
                   count=int(evals.number[keep][-1]) if keep.any() else 0)
        return new


def _copy_rows(dst: Thinned, src: Thinned, keep: np.ndarray, count: int) -> None:
    """dst takes src's kept rows where ``keep``, its stride, and ``count`` rows seen."""
    view = src.view()
    dst.stride = src.stride
    dst.number.extend(view.number[keep])
    for name in dst.spec:
        dst.data[name].extend(view.columns[name][keep])
    dst.count = count


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
