"""The seeds' job on real data, for ``make bench``: 784-128-10 on Fashion-MNIST.

``backpropviz train --data /usr/share/datasets/fashion-mnist --layers 128 --activation relu
--optimizer adam --lr 0.001 --batch 32 --epochs 10`` is run three ways on the same weights and
the same sample order: this engine (float64, BLAS threads chosen by ``ThreadPolicy``), PyTorch
in float32 (what a user would run; its faster of 1 and 2 threads) and PyTorch in float64. Each
row gives training samples per second (training only, no evaluation) and the final test
accuracy.

Two more measurements:

- a noisy neighbour: one epoch beside a bounded CPU-burning process (a busy loop in another
  process, killed after the row), with the thread policy and with two fixed BLAS threads, next
  to the engine alone;
- memory: the peak resident memory of ``backpropviz train`` on the 70,000 images (one epoch),
  from the IDX folder and from the same images as an .npz, each run in a fresh process that
  reports its own high-water mark (VmHWM; see ``_PEAK_CODE`` for why not ``ru_maxrss``).

Nothing here imports Qt. Without the data the section says how to get it.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from .data import load_dataset
from .data.idx import read_idx_set
from .engine import Network, OptimizerConfig
from .engine.threads import ThreadPolicy
from .engine.train import Trainer

FASHION = Path("/usr/share/datasets/fashion-mnist")
LAYERS, LR, BATCH, EPOCHS, SEED = [128], 1e-3, 32, 10, 0
MEMORY_TARGET_MIB = 1024
ACCURACY_TARGET = 0.88


def _job(ds, epochs: int, n: int | None):
    X = ds.X_train if n is None else np.ascontiguousarray(ds.X_train[:n])
    y = ds.y_train if n is None else ds.y_train[:n]
    T = np.eye(10)[y]
    net = Network.build([ds.n_features, *LAYERS, 10], ["relu", "softmax"], "cross_entropy",
                        seed=SEED)
    return X, y, T, net


def engine_row(ds, epochs: int, n: int | None = None, policy: ThreadPolicy | None = None
               ) -> tuple[float, float, str]:
    """(samples/s, test accuracy, settings) of this engine on the job."""
    X, _, T, net = _job(ds, epochs, n)
    trainer = Trainer(net, X, T, OptimizerConfig("adam", lr=LR), batch=BATCH, seed=SEED)
    policy = policy or ThreadPolicy()
    Trainer(net.copy(), X[:64], T[:64], OptimizerConfig("adam", lr=LR), batch=BATCH).run_steps(2)
    start = time.perf_counter()
    policy.run_epochs(trainer, epochs)
    seconds = time.perf_counter() - start
    acc = net.evaluate(ds.X_test, np.eye(10)[ds.y_test])[1]
    return len(X) * epochs / seconds, acc, policy.summary()


def torch_row(ds, epochs: int, dtype: str, threads: int, n: int | None = None
              ) -> tuple[float, float, str]:
    """(samples/s, test accuracy, settings) of PyTorch on the job: the same start weights and
    sample order as the engine, nn.Sequential, CrossEntropyLoss on logits, torch.optim.Adam."""
    import torch
    from torch import nn
    X, y, _, net = _job(ds, epochs, n)
    tdtype = {"float32": torch.float32, "float64": torch.float64}[dtype]
    Xt = torch.from_numpy(X).to(tdtype)
    yt = torch.from_numpy(y)
    layers: list[nn.Module] = []
    for k, (W, b) in enumerate(zip(net.weights, net.bias)):
        lin = nn.Linear(W.shape[1], W.shape[0], dtype=tdtype)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(W))
            lin.bias.copy_(torch.from_numpy(b))
        layers += [lin] + ([nn.ReLU()] if k < net.n_layers - 1 else [])
    model = nn.Sequential(*layers)
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    loss_fn = nn.CrossEntropyLoss()
    rng = np.random.default_rng(SEED)          # the Trainer's shuffles
    orders = [torch.from_numpy(rng.permutation(len(X)).astype(np.int64)) for _ in range(epochs)]
    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        start = time.perf_counter()
        for order in orders:
            Xp, yp = Xt[order], yt[order]
            for lo in range(0, len(X), BATCH):
                opt.zero_grad(set_to_none=True)
                loss_fn(model(Xp[lo:lo + BATCH]), yp[lo:lo + BATCH]).backward()
                opt.step()
        seconds = time.perf_counter() - start
        with torch.no_grad():
            pred = model(torch.from_numpy(ds.X_test).to(tdtype)).argmax(1).numpy()
    finally:
        torch.set_num_threads(before)
    return (len(X) * epochs / seconds, float(np.mean(pred == ds.y_test)),
            f"{dtype}, {threads} thread{'s' if threads != 1 else ''}")


def _burner(seconds: float) -> subprocess.Popen:
    """A neighbour: one process spinning on a core for at most ``seconds``."""
    code = f"import time\nend = time.time() + {seconds}\nwhile time.time() < end: pass\n"
    return subprocess.Popen([sys.executable, "-c", code])


def neighbour_rows(ds, n: int) -> list[tuple[str, float, str]]:
    """One epoch of n samples: alone, beside a burner with the policy, beside it with 2
    fixed threads. Returns (row, samples/s, settings)."""
    rows = []
    rate, _, how = engine_row(ds, 1, n)
    rows.append(("engine alone, thread policy", rate, how))
    for name, policy in (("engine beside a busy process, thread policy", ThreadPolicy()),
                         ("engine beside a busy process, 2 fixed BLAS threads",
                          ThreadPolicy(candidates=(2,)))):
        burner = _burner(120)
        try:
            rate, _, how = engine_row(ds, 1, n, policy)
        finally:
            burner.kill()
            burner.wait()
        rows.append((name, rate, how))
    return rows


#: The child reports its own memory's high-water mark, VmHWM of /proc/self/status: that of its
#: own address space since it started this program. ru_maxrss (getrusage RUSAGE_SELF, or
#: RUSAGE_CHILDREN in the parent) is no good here: Linux carries the high-water mark of the
#: address space a process had before exec over into it, and a child of ``subprocess`` starts
#: out sharing (vfork) or copying (fork) the parent's, so the child's ru_maxrss is at least
#: the benchmark's own peak (it had trained on the data with PyTorch loaded: 1,831 MiB
#: reported, while /usr/bin/time measured the same command at 691 MiB).
_PEAK_CODE = """\
import resource, sys
from backpropviz.cli import main
code = main(sys.argv[1:])
kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    with open('/proc/self/status') as f:
        kib = next(int(line.split()[1]) for line in f if line.startswith('VmHWM:'))
except (OSError, StopIteration, ValueError):
    pass
print(kib, file=sys.stderr)
sys.exit(code)
"""


def peak_memory_mib(data: Path, *options: str) -> tuple[float, int, int]:
    """(peak resident memory in MiB, training samples, test samples) of ``backpropviz train
    --json`` on ``data`` (one epoch of the seeds' job, ``options`` added), in a fresh process
    measuring itself (see _PEAK_CODE)."""
    args = ["train", "--data", str(data), "--layers", "128", "--activation", "relu",
            "--optimizer", "adam", "--lr", "0.001", "--batch", "32", "--epochs", "1", "--json",
            *options]
    out = subprocess.run([sys.executable, "-c", _PEAK_CODE, *args], capture_output=True,
                         text=True, check=True)
    kib = int(out.stderr.strip().splitlines()[-1])
    report = json.loads(out.stdout)
    return kib / 1024, int(report["train_samples"]), int(report["test_samples"])


def _as_npz(folder: Path, path: Path) -> None:
    """The 70,000 images of ``folder`` as one .npz (X float64 in [0, 1], (70000, 784); y), as
    a user who converted MNIST would have it: the harder case, 439 MB of float64 to read."""
    s = read_idx_set(folder)
    n_train, n = len(s.train_images), len(s.train_images) + len(s.test_images)
    X = np.empty((n, s.train_images[0].size))
    X[:n_train] = s.train_images.reshape(n_train, -1)
    X[n_train:] = s.test_images.reshape(n - n_train, -1)
    X /= 255.0
    np.savez(path, X=X, y=np.concatenate([s.train_labels, s.test_labels]))


def memory_rows(folder: Path) -> list[list[str]]:
    """Peak memory of train on the IDX folder and on the same images as an .npz."""
    rows = []

    def row(what: str, mib: float, n_train: int, n_test: int) -> list[str]:
        met = "met" if mib <= MEMORY_TARGET_MIB else "MISSED"
        return [f"peak memory, train on {what}, {n_train:,} + {n_test:,} images (one epoch)",
                f"{mib:,.0f}", "MiB", f"<= {MEMORY_TARGET_MIB} {met}"]

    rows.append(row("the IDX folder", *peak_memory_mib(folder)))
    with tempfile.TemporaryDirectory() as tmp:
        npz = Path(tmp) / "fashion-mnist.npz"
        _as_npz(folder, npz)
        rows.append(row("them as .npz (X float64)",
                        *peak_memory_mib(npz, "--test-fraction", f"{1 / 7:.10f}")))
    return rows


def section(quick: bool = False, markdown: bool = False, table=None) -> str:
    """The section's text: the job's rows, the neighbour rows and the memory row."""
    if not (FASHION / "train-images-idx3-ubyte.gz").exists():
        return ("Fashion-MNIST rows skipped: the data is not installed "
                "(sudo apt-get install dataset-fashion-mnist)")
    ds = load_dataset(FASHION)
    epochs, n = (1, 5000) if quick else (EPOCHS, None)
    body = []
    rate, acc, how = engine_row(ds, epochs, n)
    body.append(["this engine (Numba), float64", f"{rate:,.0f}", f"{acc:.4f}", "", how])
    engine_rate = rate
    try:
        import torch  # noqa: F401
    except ImportError:
        body.append(["PyTorch", "-", "-", "", "not installed"])
    else:
        for dtype in ("float32", "float64"):
            best = max((torch_row(ds, epochs, dtype, t, n) for t in (1, 2)),
                       key=lambda r: r[0])
            target = ""
            if dtype == "float32":
                target = ">= 1x " + ("met" if engine_rate >= best[0] else "MISSED")
            body.append([f"PyTorch {torch.__version__}", f"{best[0]:,.0f}", f"{best[1]:.4f}",
                         f"{engine_rate / best[0]:.2f}x {target}".strip(), best[2]])
    lines = [f"Fashion-MNIST 784-128-10 relu, Adam lr {LR:g}, batch {BATCH}, {epochs} epochs"
             f"{' on 5,000 samples (--quick)' if quick else ''}; accuracy target >= "
             f"{ACCURACY_TARGET}", ""]
    lines.append(table(["row", "samples/s", "test accuracy", "engine speed-up", "settings"],
                       body, [False, True, True, False, False], markdown))
    lines.append("")
    n_neighbour = 5000 if quick else 60_000
    nb = [[name, f"{rate:,.0f}", how] for name, rate, how in neighbour_rows(ds, n_neighbour)]
    lines.append(table(["one epoch of %s samples" % f"{n_neighbour:,}", "samples/s", "settings"],
                       nb, [False, True, False], markdown))
    lines.append("")
    del ds
    lines.append(table(["measurement", "value", "unit", "target"], memory_rows(FASHION),
                       [False, True, False, False], markdown))
    return "\n".join(lines)
