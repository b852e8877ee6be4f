"""Training throughput of this engine against plain NumPy and PyTorch (CPU, float64).

Two jobs, each run by every row from the same start, so the rows differ only in how they compute:

- ``tiny``: 2-8-8-1, tanh hidden, sigmoid output with bce, SGD, batch 10. A step is a few hundred
  multiply-adds, so the cost of a step is almost all overhead: this is what the window's live
  training of toy data sets looks like.
- ``mnist``: 784-128-10, ReLU hidden, softmax with cross-entropy, Adam, batch 64 on random data
  of MNIST's shape: here the matrix products dominate.

Every row starts from the same weights (``Network.build`` with the job's seed), visits the samples
in the same order (the ``Trainer``'s seeded shuffles, replayed) and runs the same maths, so the
last minibatch loss agrees between rows (engine and NumPy to ~1e-12; PyTorch to rounding).
A row's speed is samples per second of training (forward, loss, backward, update), the best of
a few repeats of the whole job; the engine's compile time is excluded by a warm-up call first.

``run`` prints the machine and the table; with ``gui`` it adds the window's measurements from
``backpropviz.ui.bench.gui_rows`` when that module exists. Nothing here imports Qt.
"""
from __future__ import annotations

import dataclasses
import functools
import math
import os
import platform
import time
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

from .engine import Network, OptimizerConfig
from .engine.reference import ReferenceTrainer
from .engine.train import Trainer

TORCH_VERSION = "2.13.0"   # the CPU wheel the Makefile installs for ``make bench``


@dataclass(frozen=True)
class Job:
    """One training job: a network, an optimiser, a batch size and random data of a given shape."""
    name: str
    title: str
    sizes: tuple[int, ...]
    activations: tuple[str, ...]
    loss: str
    optimizer: str
    lr: float
    batch: int
    samples: int
    epochs: int
    target: float          # the speed-up over PyTorch this engine aims for
    seed: int = 0

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """X (samples, n_in) and T (samples, n_out), float64: 0/1 targets for one output unit,
        one-hot targets for several. Made once per job and shared: callers must not write to them."""
        return _job_data(self)

    def _make_data(self) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng(1000 + self.seed)
        n_in, n_out = self.sizes[0], self.sizes[-1]
        if n_out == 1:
            X = rng.normal(size=(self.samples, n_in))
            T = rng.integers(0, 2, size=(self.samples, 1)).astype(np.float64)
        else:
            X = rng.random((self.samples, n_in))       # pixel-like values in [0, 1)
            T = np.eye(n_out)[rng.integers(0, n_out, self.samples)]
        return X, T

    def network(self) -> Network:
        return Network.build(self.sizes, list(self.activations), self.loss, seed=self.seed)

    def trainer(self, net: Network, X: np.ndarray, T: np.ndarray) -> Trainer:
        return Trainer(net, X, T, OptimizerConfig(self.optimizer, lr=self.lr),
                       batch=self.batch, seed=self.seed)

    def orders(self) -> list[np.ndarray]:
        """The sample order of each epoch, as the Trainer draws them (int64, (samples,))."""
        rng = np.random.default_rng(self.seed)
        return [rng.permutation(self.samples).astype(np.int64) for _ in range(self.epochs)]

    @property
    def work(self) -> int:
        """Samples trained on in one run of the job."""
        return self.samples * self.epochs

    def quick(self) -> "Job":
        """The same job on a few hundred samples: a smoke test, not a measurement."""
        return dataclasses.replace(self, samples=min(self.samples, 500), epochs=1)


@functools.cache
def _job_data(job: Job) -> tuple[np.ndarray, np.ndarray]:
    # Left writable: Numba compiles read-only arrays as another type, and the app trains on
    # writable ones.
    return job._make_data()


TINY = Job("tiny", "tiny 2-8-8-1, SGD, batch 10", (2, 8, 8, 1), ("tanh", "tanh", "sigmoid"),
           "bce", "sgd", 0.1, batch=10, samples=2_000, epochs=10, target=20.0)
MNIST = Job("mnist", "MNIST-shaped 784-128-10, Adam, batch 64", (784, 128, 10),
            ("relu", "softmax"), "cross_entropy", "adam", 1e-3, batch=64, samples=10_000,
            epochs=2, target=1.0)
JOBS = (TINY, MNIST)


@dataclass
class Rate:
    """What one row measured: samples per second (best repeat) and the loss of the last
    minibatch (before its update), which every row of a job should agree on."""
    samples_per_second: float
    final_loss: float
    note: str = ""


def _best_of(once: Callable[[], tuple[float, float]], work: int, repeats: int) -> Rate:
    """Run ``once`` (returns (seconds, final loss)) ``repeats`` times; keep the fastest."""
    best, loss = math.inf, math.nan
    for _ in range(repeats):
        seconds, loss = once()
        best = min(best, seconds)
    return Rate(work / best, float(loss))


# --- the rows -----------------------------------------------------------------------------------
def engine_rate(job: Job, repeats: int = 5) -> Rate:
    """This engine: ``Trainer.run_epochs`` (one jitted call per epoch)."""
    X, T = job.data()
    job.trainer(job.network(), X[:job.batch * 2], T[:job.batch * 2]).run_steps(2)   # compile

    def once() -> tuple[float, float]:
        trainer = job.trainer(job.network(), X, T)
        start = time.perf_counter()
        snap = trainer.run_epochs(job.epochs)
        return time.perf_counter() - start, snap.losses[-1]
    return _best_of(once, job.work, repeats)


def numpy_rate(job: Job, repeats: int = 5) -> Rate:
    """Plain NumPy: the tests' oracle, ``ReferenceTrainer.epoch``."""
    X, T = job.data()
    orders = job.orders()

    def once() -> tuple[float, float]:
        net = job.network()
        ref = ReferenceTrainer(net.weights, net.bias, net.activations, net.loss,
                               optimizer=job.optimizer, lr=job.lr)
        start = time.perf_counter()
        for order in orders:
            losses = ref.epoch(X, T, order, job.batch)
        return time.perf_counter() - start, losses[-1]
    return _best_of(once, job.work, repeats)


def torch_available() -> str | None:
    """PyTorch's version, or None when it cannot be imported."""
    try:
        import torch
    except ImportError:
        return None
    return str(torch.__version__)


def torch_rate(job: Job, repeats: int = 5, threads: int | None = None) -> Rate:
    """PyTorch on the CPU in float64, a plain loop: ``nn.Sequential``, pre-built tensors, each
    epoch's batches sliced from one permuted copy of the data, ``zero_grad(set_to_none=True)``.
    The output activation is folded into the loss (``BCEWithLogitsLoss`` for sigmoid + bce,
    ``CrossEntropyLoss`` on class indices for softmax + cross-entropy): the same maths.

    threads: ``torch.set_num_threads`` for this row (None: PyTorch's default); restored after.
    """
    import torch
    from torch import nn

    X, T = job.data()
    orders = [torch.from_numpy(o) for o in job.orders()]
    Xt = torch.from_numpy(X)
    if job.loss == "cross_entropy":
        Tt = torch.from_numpy(T.argmax(axis=1))          # class indices: torch's fast path
        loss_fn: nn.Module = nn.CrossEntropyLoss()
    else:
        Tt = torch.from_numpy(T)
        loss_fn = nn.BCEWithLogitsLoss()
    hidden = {"tanh": nn.Tanh, "relu": nn.ReLU, "sigmoid": nn.Sigmoid}

    def model_from(net: Network) -> nn.Sequential:
        layers: list[nn.Module] = []
        for k, (W, b) in enumerate(zip(net.weights, net.bias)):
            lin = nn.Linear(W.shape[1], W.shape[0], dtype=torch.float64)
            with torch.no_grad():
                lin.weight.copy_(torch.from_numpy(W))
                lin.bias.copy_(torch.from_numpy(b))
            layers.append(lin)
            if k < net.n_layers - 1:
                layers.append(hidden[net.activations[k]]())
        return nn.Sequential(*layers)

    def once() -> tuple[float, float]:
        model = model_from(job.network())
        if job.optimizer == "adam":
            opt: torch.optim.Optimizer = torch.optim.Adam(model.parameters(), lr=job.lr)
        else:
            opt = torch.optim.SGD(model.parameters(), lr=job.lr)
        start = time.perf_counter()
        for order in orders:
            Xp, Tp = Xt[order], Tt[order]
            for lo in range(0, job.samples, job.batch):
                opt.zero_grad(set_to_none=True)
                loss = loss_fn(model(Xp[lo:lo + job.batch]), Tp[lo:lo + job.batch])
                loss.backward()
                opt.step()
        return time.perf_counter() - start, loss.item()

    before = torch.get_num_threads()
    if threads is not None:
        torch.set_num_threads(threads)
    try:
        rate = _best_of(once, job.work, repeats)
        n = torch.get_num_threads()
    finally:
        torch.set_num_threads(before)
    rate.note = f"{n} thread{'s' if n != 1 else ''}" + (" (default)" if threads is None else "")
    return rate


# --- the report ---------------------------------------------------------------------------------
@dataclass
class Row:
    job: Job
    name: str
    rate: Rate
    speedup: float = math.nan     # engine samples/s over this row's
    target: float = math.nan


def measure(job: Job, quick: bool = False, torch: bool = True) -> list[Row]:
    """The engine, NumPy and (when importable and ``torch``) PyTorch rows of one job.

    The rows take turns, one run of the job each per round, so that a neighbour's load on the
    machine falls on all of them alike; each keeps its best round. PyTorch runs both at one thread
    and at its default and keeps the faster.
    """
    if quick:
        job = job.quick()
    runs: dict[str, Callable[[], Rate]] = {
        "this engine (Numba)": lambda: engine_rate(job, 1),
        "plain NumPy (reference)": lambda: numpy_rate(job, 1)}
    version = torch_available() if torch else None
    if version:
        import torch as _torch
        runs["torch 1"] = lambda: torch_rate(job, 1, threads=1)
        if _torch.get_num_threads() != 1:
            runs["torch default"] = lambda: torch_rate(job, 1)
    best: dict[str, Rate] = {}
    for _ in range(2 if quick else 5):
        for name, once in runs.items():
            rate = once()
            if name not in best or rate.samples_per_second > best[name].samples_per_second:
                best[name] = rate
    engine = best["this engine (Numba)"]
    rows = [Row(job, name, best[name]) for name in list(runs)[:2]]
    if version:
        fastest = max((r for name, r in best.items() if name.startswith("torch ")),
                      key=lambda r: r.samples_per_second)
        rows.append(Row(job, f"PyTorch {version}", fastest, target=job.target))
    for row in rows:
        row.speedup = engine.samples_per_second / row.rate.samples_per_second
    return rows


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 1
    import numba
    return {"CPU": cpu, "cores": f"{usable} usable of {os.cpu_count()}",
            "Python": platform.python_version(), "NumPy": np.__version__,
            "Numba": numba.__version__,
            "PyTorch": torch_available() or f"not installed (pip install torch=={TORCH_VERSION})"}


def _table(header: Sequence[str], body: Sequence[Sequence[str]], markdown: bool,
           right: Sequence[bool]) -> str:
    if markdown:
        rule = ["---:" if r else "---" for r in right]
        return "\n".join("| " + " | ".join(cells) + " |" for cells in [header, rule, *body])
    widths = [max(len(c) for c in col) for col in zip(header, *body)]
    fmt = lambda cells: "  ".join(c.rjust(w) if r else c.ljust(w)          # noqa: E731
                                  for c, w, r in zip(cells, widths, right)).rstrip()
    return "\n".join([fmt(header), fmt(["-" * w for w in widths]), *map(fmt, body)])


def training_table(rows: Sequence[Row], markdown: bool = False) -> str:
    """One line per row; "engine speed-up" is the engine's samples/s over that row's."""
    header = ["job", "row", "samples/s", "final loss", "engine speed-up", "target", "settings"]
    body = []
    for i, row in enumerate(rows):
        target = ""
        if math.isfinite(row.target):
            target = f">= {row.target:g}x: " + ("met" if row.speedup >= row.target else "MISSED")
        body.append(["" if i and rows[i - 1].job == row.job else row.job.title, row.name,
                     f"{row.rate.samples_per_second:,.0f}", f"{row.rate.final_loss:.12f}",
                     "" if i == 0 or row.speedup == 1.0 and rows[i - 1].job != row.job
                     else f"{row.speedup:.2f}x", target, row.rate.note])
    return _table(header, body, markdown, [False, False, True, True, True, False, False])


def window_table(rows: Sequence[tuple[str, Any, str, Any]], markdown: bool = False) -> str:
    body = [[str(name), f"{value:.3g}" if isinstance(value, float) else str(value), str(unit),
             "" if target is None else str(target)] for name, value, unit, target in rows]
    return _table(["measurement", "value", "unit", "target"], body, markdown,
                  [False, True, False, False])


def run(quick: bool = False, gui: bool = True, markdown: bool = False) -> int:
    """Measure and print. Returns the exit code (0: a benchmark reports, it does not judge)."""
    info = machine()
    if markdown:
        print("Machine: " + "; ".join(f"{k} {v}" for k, v in info.items()) + "\n")
    else:
        for key, value in info.items():
            print(f"{key + ':':<9}{value}")
        print()
    rows = [row for job in JOBS for row in measure(job, quick)]
    print(("### training\n\n" if markdown else "training (samples per second, float64)\n")
          + training_table(rows, markdown))
    if quick:
        print("(--quick: a smoke test on a few hundred samples; the numbers mean little)")
    if gui:
        print()
        try:
            from .ui.bench import gui_rows
        except ImportError as e:
            print(f"window benchmarks are not available yet ({e})")
        else:
            print(("### window\n\n" if markdown else "window\n") + window_table(gui_rows(quick), markdown))
    return 0
