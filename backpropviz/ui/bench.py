"""Window benchmarks for ``backpropviz bench``: redraw after a step, event-loop stalls while
training, throughput with the window open, and the frame time of all plots together.

Everything runs offscreen in this process; painting is forced with ``repaint()`` so the times
include Qt's drawing, not only our handlers.
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import numpy as np


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    return QApplication.instance() or QApplication([])


def _mnist_like(path: Path, n: int = 10_000, seed: int = 0) -> Path:
    """Random 784-feature data with 10 classes, saved as .npz (loaded like a user's file)."""
    rng = np.random.default_rng(seed)
    X = rng.random((n, 784))
    y = rng.integers(0, 10, n)
    np.savez(path, X=X, y=y)
    return path


def _window(spec: str, hidden: list[int], activation: str):
    from ..cli import warmup
    from ..data import load_dataset
    from ..recipe import Architecture
    from .main_window import MainWindow
    from .state import AppState
    warmup()
    state = AppState(load_dataset(spec, seed=0), Architecture(hidden, [activation] * len(hidden)))
    win = MainWindow(state, warm=False)
    state.set_ready()
    win.resize(1440, 900)
    win.show()
    _app().processEvents()
    return win


def redraw_ms(win, steps: int) -> float:
    """Median wall time of one phase step: the state's handlers plus painting the view."""
    app = _app()
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        win.state.next_phase()
        win.network_view.viewport().repaint()
        times.append(time.perf_counter() - t0)
        app.processEvents()
    return 1000 * float(np.median(times))


def training_in_window(win, seconds: float, batch: int = 64) -> dict:
    """Train at full speed for ``seconds`` with a 5 ms timer watching the event loop."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    app = _app()
    win.train_panel.set_values("adam", 0.001, batch)
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick():
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now
    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(5)
    win.training.play()
    t0 = time.perf_counter()
    while win.training.session is None or win.training.session.trainer.step == 0:
        app.processEvents()
    step0, t_start = win.training.session.trainer.step, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        app.processEvents()
        time.sleep(0.001)
    steps = win.training.session.trainer.step - step0
    elapsed = time.perf_counter() - t_start
    win.training.pause()
    timer.stop()
    g = np.array(gaps[10:]) if len(gaps) > 20 else np.array(gaps)
    return {"max_gap": float(g.max()), "p99_gap": float(np.percentile(g, 99)),
            "rate": steps * batch / elapsed}


def trainer_alone_rate(spec: str, hidden: list[int], seconds: float, batch: int = 64,
                       blas_threads: int | None = None) -> float:
    """The same job without any window: samples per second of Trainer.run_epochs, with BLAS
    at ``blas_threads`` (None: the library's default, as the command line runs)."""
    from threadpoolctl import threadpool_limits
    rounds = 5      # two-thread BLAS varies by +-30% run to run on this machine: take the median
    with threadpool_limits(blas_threads, user_api="blas"):
        return float(np.median([_trainer_rate(spec, hidden, seconds / rounds, batch)
                                for _ in range(rounds)]))


def _trainer_rate(spec: str, hidden: list[int], seconds: float, batch: int) -> float:
    from ..data import load_dataset
    from ..engine import OptimizerConfig
    from ..engine.train import Trainer
    from ..recipe import Architecture
    ds = load_dataset(spec, seed=0)
    net = Architecture(hidden, ["relu"] * len(hidden)).build(ds)
    tr = Trainer(net, ds.X_train, ds.target_matrix("train", net.sizes[-1]),
                 OptimizerConfig("adam", lr=0.001), batch=batch)
    tr.run_steps(5)
    t0 = time.perf_counter()
    s0 = tr.step
    while time.perf_counter() - t0 < seconds:
        tr.run_epochs(1)
    return (tr.step - s0) * batch / (time.perf_counter() - t0)


def plots_frame_ms(win, history_steps: int, repeats: int) -> float:
    """All history plots and the data plot fed and painted at once, with a long history."""
    from ..engine.history import History
    from ..engine.session import Frame
    state = win.state
    rng = np.random.default_rng(0)
    h = History(state.net.n_layers)
    h.add_steps(np.exp(-np.linspace(0, 3, history_steps)) + 0.05 * rng.random(history_steps),
                rng.random((history_steps, state.net.n_layers)))
    for i in range(0, history_steps, max(1, history_steps // 200)):
        h.add_eval(i, i / 100, (0.5, 0.8), (0.6, 0.75))
    frame = Frame(history_steps, 10, 0.0, state.net.params.copy(), 0.0, n_evals=h.evals, running=False)
    state.frame, state.history = frame, h
    widgets = [win.training_plots.loss_plot, win.training_plots.acc_plot,
               win.training_plots.grad_plot, win.data_plot]
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        win.training_plots.refresh()
        win.data_plot._on_trained()
        for w in widgets:
            w.repaint()
        times.append(time.perf_counter() - t0)
    return 1000 * float(np.median(times))


def gui_rows(quick: bool = False) -> list[tuple[str, object, str, str]]:
    """(what, value, unit, target) rows for the benchmark's window table."""
    _app()
    from threadpoolctl import threadpool_info
    # read before any window exists: each window's controller limits BLAS to one thread
    default_threads = max((i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"),
                          default=1)
    steps = 10 if quick else 60
    seconds = 1.5 if quick else 8.0
    rows = []
    tiny = _window("builtin:circle", [8, 8], "tanh")
    rows.append(("network view redraw after a step, 2-8-8-1", f"{redraw_ms(tiny, steps):.1f}", "ms", "<= 16 ms"))
    rows.append(("history plots + data plot, one frame, 20,000 steps",
                 f"{plots_frame_ms(tiny, 20_000, 5 if quick else 20):.1f}", "ms", "(33 ms frame budget)"))
    tiny.close()
    with tempfile.TemporaryDirectory() as tmp:
        data = str(_mnist_like(Path(tmp) / "mnist_like.npz", n=2000 if quick else 10_000))
        big = _window(data, [128, 64], "relu")
        rows.append(("network view redraw after a step, 784-128-64-10",
                     f"{redraw_ms(big, steps):.1f}", "ms", "<= 33 ms"))
        big.close()
        win = _window(data, [128], "relu")
        t = training_in_window(win, seconds)
        win.close()
        alone = trainer_alone_rate(data, [128], seconds / 2, blas_threads=default_threads)
        alone_1 = trainer_alone_rate(data, [128], seconds / 2, blas_threads=1)
    rows.append(("largest event-loop stall, training 784-128-10 on 10,000 samples",
                 f"{t['max_gap']:.0f} (p99 {t['p99_gap']:.0f})", "ms", "< 50 ms"))
    rows.append((f"throughput with the window open / command line alone ({default_threads} BLAS threads)",
                 f"{t['rate']:,.0f} / {alone:,.0f} = {t['rate'] / alone:.2f}x", "samples/s", ">= 0.8x"))
    rows.append(("the same, command line alone with one BLAS thread (as the window)",
                 f"{t['rate']:,.0f} / {alone_1:,.0f} = {t['rate'] / alone_1:.2f}x", "samples/s", ""))
    return rows
