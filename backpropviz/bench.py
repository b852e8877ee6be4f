"""Training throughput of this engine against plain NumPy and PyTorch (CPU, float64).

Two jobs:

- ``tiny``: 2-8-8-1, tanh hidden, sigmoid output with bce, SGD (lr 0.1), batch 10. A step is a
  few hundred multiply-adds, so its cost is almost all overhead: this is the window's live
  training on toy data.
- ``mnist``: 784-128-10, ReLU hidden, softmax with cross-entropy, Adam (lr 1e-3), batch 64, on
  random data of MNIST's shape: here the matrix products and the optimiser's sweep dominate.

Every row of a job starts from the same weights (``Network.build`` with the job's seed), visits
the samples in the same order (the ``Trainer``'s seeded shuffles, replayed) and runs the same
maths, so the rows also agree on the last minibatch's loss: a check that they did the same job.
A row's speed is training samples per second (forward, loss, backward, update), best of a few
runs of the whole job; the rows take turns, so a neighbour's load on the machine falls on all of
them alike. The engine's compile time is kept out by a warm-up call first.

``run`` prints the machine and the table, and the window's measurements when the caller hands
it a ``gui_rows`` function (the command line passes ``backpropviz.ui.bench.gui_rows``). Nothing
here imports Qt or the window.
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

from .choices import TORCH_VERSION
from .engine import Network, OptimizerConfig
from .engine.reference import ReferenceTrainer
from .engine.train import Trainer

ENGINE, NUMPY = "this engine (Numba)", "plain NumPy (reference)"


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
    target: float          # the speed-up over PyTorch the engine aims for
    seed: int = 0
    residual: tuple[bool, ...] | None = None     # per layer, as Network takes them
    batch_norm: tuple[bool, ...] | None = None

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """X (samples, n_in) and T (samples, n_out), float64: 0/1 targets for one output unit,
        one-hot targets for several. Made once per job and shared: do not write to them."""
        return _job_data(self)

    def network(self) -> Network:
        """The starting network (the same weights every call)."""
        return Network.build(self.sizes, list(self.activations), self.loss, seed=self.seed,
                             residual=self.residual, batch_norm=self.batch_norm)

    def trainer(self, net: Network, X: np.ndarray, T: np.ndarray) -> Trainer:
        return Trainer(net, X, T, OptimizerConfig(self.optimizer, lr=self.lr),
                       batch=self.batch, seed=self.seed)

    def orders(self) -> list[np.ndarray]:
        """Each epoch's sample order, drawn as the Trainer draws it (int64, (samples,))."""
        rng = np.random.default_rng(self.seed)
        return [rng.permutation(self.samples).astype(np.int64) for _ in range(self.epochs)]

    @property
    def work(self) -> int:
        """Samples trained on in one run of the job."""
        return self.samples * self.epochs

    def quick(self) -> "Job":
        """The same job on a few hundred samples for one epoch: a smoke test, not a measurement."""
        return dataclasses.replace(self, samples=min(self.samples, 500), epochs=1)


@functools.cache
def _job_data(job: Job) -> tuple[np.ndarray, np.ndarray]:
    # Left writable: Numba compiles read-only arrays as another type, and the app trains on
    # writable ones.
    rng = np.random.default_rng(1000 + job.seed)
    n_in, n_out = job.sizes[0], job.sizes[-1]
    if n_out == 1:
        X = rng.normal(size=(job.samples, n_in))
        T = rng.integers(0, 2, size=(job.samples, 1)).astype(np.float64)
    else:
        X = rng.random((job.samples, n_in))                 # pixel-like values in [0, 1)
        T = np.eye(n_out)[rng.integers(0, n_out, job.samples)]
    return X, T


TINY = Job("tiny", "tiny 2-8-8-1, SGD, batch 10", (2, 8, 8, 1), ("tanh", "tanh", "sigmoid"),
           "bce", "sgd", 0.1, batch=10, samples=2_000, epochs=10, target=20.0)
MNIST = Job("mnist", "MNIST-shaped 784-128-10, Adam, batch 64", (784, 128, 10),
            ("relu", "softmax"), "cross_entropy", "adam", 1e-3, batch=64, samples=10_000,
            epochs=2, target=1.0)
REMEDIES = Job("remedies", "784-128-128-10, BN + a residual layer, Adam, batch 64",
               (784, 128, 128, 10), ("relu", "relu", "softmax"), "cross_entropy", "adam", 1e-3,
               batch=64, samples=10_000, epochs=2, target=1.5,
               residual=(False, True, False), batch_norm=(True, True, False))
JOBS = (TINY, MNIST, REMEDIES)


def reference_bn(net: Network) -> list[dict | None] | None:
    """The network's batch normalisation as ReferenceTrainer takes it (copies), or None."""
    if not net.bn_layers:
        return None
    return [None if not net.batch_norm[k] else
            dict(gamma=net.gamma[k].copy(), beta=net.beta[k].copy(),
                 running_mean=net.running_mean[k].copy(), running_var=net.running_var[k].copy(),
                 eps=float(net.bn_eps[k]), momentum=float(net.bn_momentum[k]))
            for k in range(net.n_layers)]


def torch_model(net: Network, output: bool = False) -> Any:
    """The same network as a float64 PyTorch module with the same weights: per layer Linear,
    BatchNorm1d where the layer normalises, the activation, and the skip where it has one.
    The output activation is left out (the loss applies it) unless ``output``."""
    import torch
    from torch import nn
    acts = {"tanh": nn.Tanh, "relu": nn.ReLU, "sigmoid": nn.Sigmoid, "linear": nn.Identity,
            "leaky_relu": lambda: nn.LeakyReLU(0.01), "softmax": lambda: nn.Softmax(dim=1)}

    class Skip(nn.Module):
        """a = f(...) + a_prev around the layer's own modules."""
        def __init__(self, inner: nn.Module):
            super().__init__()
            self.inner = inner

        def forward(self, a):
            return self.inner(a) + a

    modules: list[nn.Module] = []
    for k, (W, b) in enumerate(zip(net.weights, net.bias)):
        layer: list[nn.Module] = [nn.Linear(W.shape[1], W.shape[0], dtype=torch.float64)]
        with torch.no_grad():
            layer[0].weight.copy_(torch.from_numpy(W))
            layer[0].bias.copy_(torch.from_numpy(b))
            if net.batch_norm[k]:
                bn = nn.BatchNorm1d(W.shape[0], eps=float(net.bn_eps[k]),
                                    momentum=float(net.bn_momentum[k]), dtype=torch.float64)
                bn.weight.copy_(torch.from_numpy(net.gamma[k]))
                bn.bias.copy_(torch.from_numpy(net.beta[k]))
                bn.running_mean.copy_(torch.from_numpy(net.running_mean[k]))
                bn.running_var.copy_(torch.from_numpy(net.running_var[k]))
                layer.append(bn)
        if k < net.n_layers - 1 or output:
            layer.append(acts[net.activations[k]]())
        # plain layers stay flat in the Sequential: no extra module call per layer
        modules += [Skip(nn.Sequential(*layer))] if net.residual[k] else layer
    return nn.Sequential(*modules)


@dataclass
class Rate:
    """What a row measured: samples per second of its best run, the loss of the job's last
    minibatch (before its update) and the settings it ran with."""
    samples_per_second: float
    final_loss: float
    settings: str = ""


def _best_of(once: Callable[[], tuple[float, float]], work: int, repeats: int) -> Rate:
    """Run ``once`` (returns seconds taken, final loss) ``repeats`` times; keep the fastest."""
    best, loss = math.inf, math.nan
    for _ in range(repeats):
        seconds, loss = once()
        best = min(best, seconds)
    return Rate(work / best, float(loss))


# --- the rows: each runs a job and returns its Rate -------------------------------------------
def engine_rate(job: Job, repeats: int = 5) -> Rate:
    """This engine: ``Trainer.run_epochs``, one jitted call per epoch."""
    X, T = job.data()
    job.trainer(job.network(), X[:2 * job.batch], T[:2 * job.batch]).run_steps(2)   # compile

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
                               optimizer=job.optimizer, lr=job.lr, residual=net.residual,
                               bn=reference_bn(net))
        start = time.perf_counter()
        for order in orders:
            losses = ref.epoch(X, T, order, job.batch)
        return time.perf_counter() - start, losses[-1]
    return _best_of(once, job.work, repeats)


def torch_version() -> str | None:
    """PyTorch's version, or None when it cannot be imported."""
    try:
        import torch
    except ImportError:
        return None
    return str(torch.__version__)


def torch_rate(job: Job, repeats: int = 5, threads: int | None = None) -> Rate:
    """PyTorch on the CPU in float64, a plain loop: ``nn.Sequential``, pre-built tensors, each
    epoch's batches sliced from one permuted copy of the data, ``zero_grad(set_to_none=True)``,
    the optimiser's default implementation (``foreach`` and ``fused`` were tried: no faster here).
    The output activation is folded into the loss, which is the same maths: ``BCEWithLogitsLoss``
    for sigmoid + bce, ``CrossEntropyLoss`` on class indices for softmax + cross-entropy.

    threads: ``torch.set_num_threads`` for this row (None: PyTorch's default); restored after.
    """
    import torch
    from torch import nn

    X, T = job.data()
    orders = [torch.from_numpy(o) for o in job.orders()]
    Xt = torch.from_numpy(X)
    if job.loss == "cross_entropy":
        Tt = torch.from_numpy(T.argmax(axis=1))
        loss_fn: nn.Module = nn.CrossEntropyLoss()
    else:
        Tt = torch.from_numpy(T)
        loss_fn = nn.BCEWithLogitsLoss()
    def once() -> tuple[float, float]:
        model = torch_model(job.network())
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
    rate.settings = f"{n} thread{'s' if n != 1 else ''}" + (" (default)" if threads is None else "")
    return rate


# --- the report ---------------------------------------------------------------------------------
@dataclass
class Row:
    job: Job
    name: str
    rate: Rate
    speedup: float = 1.0          # the engine's samples/s over this row's
    target: float | None = None   # the speed-up the engine aims for over this row


def measure(job: Job, quick: bool = False, torch: bool = True) -> list[Row]:
    """The engine, NumPy and (when ``torch`` and it imports) PyTorch rows of one job.

    The rows take turns, one run each per round, and keep their best round. PyTorch runs at one
    thread and at its default, and its row is the faster of the two.
    """
    if quick:
        job = job.quick()
    runs: dict[str, Callable[[], Rate]] = {ENGINE: lambda: engine_rate(job, 1),
                                           NUMPY: lambda: numpy_rate(job, 1)}
    version = torch_version() if torch else None
    if version:
        import torch as torch_
        runs["torch 1"] = lambda: torch_rate(job, 1, threads=1)
        if torch_.get_num_threads() != 1:
            runs["torch default"] = lambda: torch_rate(job, 1)
    best: dict[str, Rate] = {}
    for _ in range(2 if quick else 5):
        for name, once in runs.items():
            rate = once()
            if name not in best or rate.samples_per_second > best[name].samples_per_second:
                best[name] = rate
    rows = [Row(job, ENGINE, best.pop(ENGINE)), Row(job, NUMPY, best.pop(NUMPY))]
    if best:
        fastest = max(best.values(), key=lambda r: r.samples_per_second)
        rows.append(Row(job, f"PyTorch {version}", fastest, target=job.target))
    for row in rows[1:]:
        row.speedup = rows[0].rate.samples_per_second / row.rate.samples_per_second
    return rows


def machine() -> dict[str, str]:
    """CPU model, cores and the versions that matter, for the lines above the table."""
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
            "PyTorch": torch_version() or f"not installed (pip install torch=={TORCH_VERSION})"}


def _table(header: Sequence[str], body: Sequence[Sequence[str]], right: Sequence[bool],
           markdown: bool) -> str:
    if markdown:
        rule = ["---:" if r else "---" for r in right]
        return "\n".join("| " + " | ".join(cells) + " |" for cells in [header, rule, *body])
    widths = [max(len(c) for c in column) for column in zip(header, *body)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.rjust(w) if r else c.ljust(w)
                         for c, w, r in zip(cells, widths, right)).rstrip()
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, body)])


def training_table(rows: Sequence[Row], markdown: bool = False) -> str:
    """One line per row; "engine speed-up" is the engine's samples/s over that row's."""
    body = []
    for i, row in enumerate(rows):
        target = ""
        if row.target is not None:
            target = f">= {row.target:g}x " + ("met" if row.speedup >= row.target else "MISSED")
        body.append(["" if i and rows[i - 1].job == row.job else row.job.title, row.name,
                     f"{row.rate.samples_per_second:,.0f}", f"{row.rate.final_loss:.12f}",
                     "" if row.name == ENGINE else f"{row.speedup:.2f}x", target,
                     row.rate.settings])
    header = ["job", "row", "samples/s", "final loss", "engine speed-up", "target", "settings"]
    return _table(header, body, [False, False, True, True, True, False, False], markdown)


def window_table(rows: Sequence[tuple[str, Any, str, Any]], markdown: bool = False) -> str:
    """The window's (name, value, unit, target) rows."""
    body = [[str(name), f"{value:.3g}" if isinstance(value, float) else str(value), str(unit),
             "" if target is None else str(target)] for name, value, unit, target in rows]
    return _table(["measurement", "value", "unit", "target"], body,
                  [False, True, False, False], markdown)


def landscape_rows(quick: bool = False) -> list[tuple[str, str, str, str]]:
    """The loss landscape over two parameters of a 2-8-8-1 tanh network on its 200 training
    points, 60 x 60: the median wall time of a few computations, their spread, and the median
    CPU time of the computing thread (what a shared machine's neighbours cannot inflate), for
    two weights of the first layer, of the last hidden layer and of the output neuron (the
    optimiser race's plane)."""
    from .engine.landscape import loss_landscape, parameter_index
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 2))
    T = (np.hypot(X[:, :1], X[:, 1:]) < 1.0).astype(np.float64)
    net = Network.build([2, 8, 8, 1], ["tanh", "tanh", "sigmoid"], "bce", seed=0)
    grid = np.linspace(-3, 3, 60)
    rows = []
    for where, (i, j) in (("first layer", ((0, 0, 0), (0, 1, 1))),
                          ("last hidden layer", ((1, 0, 0), (1, 2, 3))),
                          ("output neuron", ((2, 0, 0), (2, 0, 1)))):
        a, b = parameter_index(net, *i), parameter_index(net, *j)
        loss_landscape(net, X, T, a, grid, b, grid)          # compile / load the kernel
        wall, cpu = [], []
        for _ in range(3 if quick else 9):
            start, start_cpu = time.perf_counter(), time.thread_time()
            loss_landscape(net, X, T, a, grid, b, grid)
            wall.append(time.perf_counter() - start)
            cpu.append(time.thread_time() - start_cpu)
        ms = 1000 * np.array(wall)
        rows.append((f"60x60 loss landscape, 2-8-8-1 on 200 points, two weights of the {where}",
                     f"{float(np.median(ms)):.1f}",
                     f"ms ({ms.min():.1f} to {ms.max():.1f}; CPU {1000 * np.median(cpu):.1f})",
                     "<= 50 ms"))
    return rows


def pytorch_export_rows(quick: bool = False) -> list[tuple[str, str, str, str]]:
    """The script of ``--export-pytorch`` run with the PyTorch installed here: its per-epoch
    losses against the app's own run of the same job, plain (moons, 2-8-8-1 tanh, Adam, L2,
    clipping) and with the remedies (batch normalization, a residual layer, step decay)."""
    from .engine.schedule import LRSchedule
    plain = ("moons 2-8-8-1 Adam + L2 + clipping", dict(layers=[8, 8], activation="tanh"),
             OptimizerConfig("adam", lr=0.01, l2=1e-3, clip=0.5), LRSchedule())
    remedies = ("moons 2-8-8-1 ReLU, batch norm + residual, Adam + step:2:0.5",
                dict(layers=[8, 8], activation="relu", batch_norm=True, residual=True),
                OptimizerConfig("adam", lr=0.02), LRSchedule.parse("step:2:0.5"))
    return [_pytorch_export_row(*case, epochs=3 if quick else 20 if case is plain else 6)
            for case in (plain, remedies)]


def _pytorch_export_row(what: str, arch: dict, cfg: OptimizerConfig, schedule,
                        epochs: int) -> tuple[str, str, str, str]:
    import json
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from .data import load_dataset
    from .export_pytorch import pytorch_script
    from .recipe import Architecture
    name = f"PyTorch script (--export-pytorch), {what}: per-epoch loss"
    if torch_version() is None:
        return (name, "PyTorch not installed", "", "<= 1e-9 relative")
    ds = load_dataset("builtin:moons", seed=0)
    arch = dict(arch)
    net = Architecture(arch.pop("layers"), arch.pop("activation"), **arch).build(ds)
    text = pytorch_script(net, ds, cfg, batch=16, epochs=epochs, seed=0, schedule=schedule)
    trainer = Trainer(net, ds.X_train, ds.target_matrix("train", net.sizes[-1]), cfg, batch=16,
                      seed=0, schedule=schedule)
    app = np.array([float(np.mean(snap.losses)) for snap in trainer.epochs(epochs)])
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "run.py"
        script.write_text(text)
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    if done.returncode != 0:
        return (name, "the script failed: " + done.stderr.strip().splitlines()[-1], "", "")
    torch_losses = np.array([json.loads(line)["loss"] for line in done.stdout.splitlines()
                             if line.startswith('{"epoch"')])
    worst = float(np.max(np.abs(torch_losses - app) / np.abs(app)))
    return (name + f", {epochs} epochs", f"{worst:.1e}", "max relative difference",
            "<= 1e-9 " + ("met" if worst <= 1e-9 else "MISSED"))


#: a bare PySide6 + pyqtgraph window of the same size saving the same kind of screenshot: what
#: any window of this kind costs to start, against which ``backpropviz gui`` is measured
BARE_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(pg.PlotWidget())
window.resize(1440, 900)
window.show()
for _ in range(5):
    app.processEvents()
window.grab().save(sys.argv[1])
"""


def startup_rows(quick: bool = False) -> list[tuple[str, str, str, str]]:
    """A warm start (kernels cached) of ``backpropviz gui --screenshot`` against the bare window:
    each a fresh process, taking turns, median of a few; the ratio is the row that matters."""
    import subprocess
    import sys
    import tempfile
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # a warm start has its bytecode too (pip compiles it; a checkout writes it on the first run):
    # without it every start would compile the package's sources again
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as tmp:
        png = os.path.join(tmp, "shot.png")
        commands = {"app": [sys.executable, "-m", "backpropviz", "gui", "--screenshot", png],
                    "bare": [sys.executable, "-c", BARE_WINDOW, png]}
        subprocess.run(commands["app"], env=env, capture_output=True, check=True)   # warm
        times: dict[str, list[float]] = {"app": [], "bare": []}
        for _ in range(3 if quick else 7):
            for name, cmd in commands.items():
                start = time.perf_counter()
                subprocess.run(cmd, env=env, capture_output=True, check=True)
                times[name].append(time.perf_counter() - start)
    app, bare = float(np.median(times["app"])), float(np.median(times["bare"]))
    return [("warm start of gui --screenshot", f"{app:.2f}", "s", ""),
            ("bare PySide6 + pyqtgraph window saving a screenshot", f"{bare:.2f}", "s", ""),
            ("start-up: gui --screenshot / bare window", f"{app / bare:.2f}", "x", "<= 1.5x")]


def run(quick: bool = False, gui_rows: Callable[[bool], list] | None = None,
        markdown: bool = False) -> int:
    """Measure and print; returns the exit code (0: a benchmark reports, it does not judge).

    gui_rows: called with ``quick``, returns the window's rows (name, value, unit, target);
    None leaves them out."""
    info = machine()
    if markdown:
        print("Machine: " + "; ".join(f"{k} {v}" for k, v in info.items()) + "\n")
    else:
        print("\n".join(f"{key + ':':<9}{value}" for key, value in info.items()) + "\n")
    rows = [row for job in JOBS for row in measure(job, quick)]
    print("### training\n" if markdown else "training (float64)")
    print(training_table(rows, markdown))
    if quick:
        print("\n(--quick: a smoke test on 500 samples; these numbers mean little)")
    print("\n### the gradient views\n" if markdown else "\nthe gradient views")
    print(window_table(landscape_rows(quick), markdown))
    print("\n### PyTorch export\n" if markdown else "\nPyTorch export")
    print(window_table(pytorch_export_rows(quick), markdown))
    from .bench_mnist import section
    print("\n### the seeds' job on Fashion-MNIST\n" if markdown else "\nthe seeds' job")
    print(section(quick, markdown, _table))
    if gui_rows is not None:
        print()
        try:
            window_rows = gui_rows(quick)
        except ImportError as e:
            print(f"window benchmarks are not available ({e})")
        else:
            print("### window\n" if markdown else "window")
            print(window_table(window_rows, markdown))
        print()
        print("### start-up\n" if markdown else "start-up")
        print(window_table(startup_rows(quick), markdown))
    return 0
