"""Window benchmarks for ``backpropviz bench``: redraw after a step, event-loop stalls while
training, throughput with the window open, and the frame time of all plots together.

Everything runs offscreen in this process; painting is forced with ``repaint()`` of each
view's viewport so the times include Qt's drawing, not only our handlers.
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
    from ..engine.warmup import warmup
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
    """Train at full speed for ``seconds`` in a running event loop (as the app's), with a 5 ms
    timer measuring the gaps between its turns: a gap beyond 5 ms is a stall."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    app = _app()
    from ..engine import OptimizerConfig
    win.state.set_optimizer(OptimizerConfig("adam", lr=0.001), batch)
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick():
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now
    win.training.play()
    while win.training.session is None or win.training.session.trainer.step == 0:
        app.processEvents()            # the first chunk: the rate counts from here
    step0, t_start = win.training.session.trainer.step, time.perf_counter()
    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(5)
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    cpu0 = time.thread_time()            # the window's own thread: what drawing costs
    loop.exec()
    ui_cpu = time.thread_time() - cpu0
    steps = win.training.session.trainer.step - step0
    elapsed = time.perf_counter() - t_start
    timer.stop()
    win.training.pause()
    g = np.array(gaps[10:]) if len(gaps) > 20 else np.array(gaps)
    return {"max_gap": float(g.max()), "p99_gap": float(np.percentile(g, 99)),
            "rate": steps * batch / elapsed, "ui_cpu": ui_cpu / elapsed}


def _trainer_rate(spec: str, hidden: list[int], seconds: float, batch: int,
                  policy: bool = False) -> float:
    """Samples a second of the command line's loop alone; ``policy``: with the BLAS thread
    count chosen by measuring, as ``backpropviz train`` (and the window) run it."""
    from ..data import load_dataset
    from ..engine import OptimizerConfig
    from ..engine.threads import ThreadPolicy
    from ..engine.train import Trainer
    from ..recipe import Architecture
    ds = load_dataset(spec, seed=0)
    net = Architecture(hidden, ["relu"] * len(hidden)).build(ds)
    tr = Trainer(net, ds.X_train, ds.target_matrix("train", net.sizes[-1]),
                 OptimizerConfig("adam", lr=0.001), batch=batch)
    tr.run_steps(5)
    chooser = ThreadPolicy(segment_seconds=min(0.25, seconds / 8)) if policy else None
    t0 = time.perf_counter()
    s0 = tr.step
    while time.perf_counter() - t0 < seconds:
        chooser.run_epochs(tr, 1) if chooser is not None else tr.run_epochs(1)
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
    frame = Frame(history_steps, 10, 0.0, state.net.params.copy(), 0.0, steps=h.step_view(),
                  evals=h.eval_view(), running=False)
    state.frame, state.history = frame, h
    views = [win.training_plots.loss_plot, win.training_plots.acc_plot,
             win.training_plots.grad_plot, win.data_plot.plot]
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        win.training_plots.refresh()
        win.data_plot._on_trained()
        for v in views:
            v.viewport().repaint()
        times.append(time.perf_counter() - t0)
    return 1000 * float(np.median(times))


def gui_rows(quick: bool = False) -> list[tuple[str, object, str, str]]:
    """(what, value, unit, target) rows for the benchmark's window table."""
    _app()
    from threadpoolctl import threadpool_info
    default_threads = max((i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"),
                          default=1)
    steps = 10 if quick else 60
    seconds = 1.5 if quick else 8.0
    rows = []
    tiny = _window("builtin:circle", [8, 8], "tanh")
    rows.append(("network view redraw after a step, 2-8-8-1", f"{redraw_ms(tiny, steps):.1f}", "ms", "<= 16 ms"))
    rows.append(("history plots + data plot, one frame, after 1,000,000 steps",
                 f"{plots_frame_ms(tiny, 1_000_000, 5 if quick else 20):.1f}", "ms", "(33 ms frame budget)"))
    tiny.close()
    # the neuron maps' cost: one map per drawn neuron of three 64-wide layers on 2-D data
    deep = _window("builtin:circle", [64, 64, 64], "relu")
    maps = {}
    for on in (True, False):
        deep.maps_box.setChecked(on)
        maps[on] = throughput(deep, "builtin:circle", [64, 64, 64], seconds / 2,
                              rounds=2 if quick else 4, default_threads=default_threads, batch=16)
        deep.training.reset()            # the same fresh start (and history length) for both
    deep.close()
    for on in (True, False):
        m = maps[on]
        rows.append((f"throughput window / command line, 2-64-64-64-1 circle, batch 16, neuron maps "
                     f"{'on' if on else 'off'} (median of rounds, their range)",
                     f"{m['window']:,.0f} / {m['alone']:,.0f} = {m['ratio']:.2f}x "
                     f"({m['spread'][0]:.2f}-{m['spread'][1]:.2f})", "samples/s",
                     ">= 0.8x, maps on ~ maps off" if on else ">= 0.8x"))
    rows.append(("the window's own CPU while it trains 2-64-64-64-1, neuron maps on / off",
                 f"{100 * maps[True]['ui_cpu']:.0f} / {100 * maps[False]['ui_cpu']:.0f}", "% of a core", ""))
    with tempfile.TemporaryDirectory() as tmp:
        data = str(_mnist_like(Path(tmp) / "mnist_like.npz", n=2000 if quick else 10_000))
        big = _window(data, [128, 64], "relu")
        rows.append(("network view redraw after a step, 784-128-64-10",
                     f"{redraw_ms(big, steps):.1f}", "ms", "<= 33 ms"))
        big.close()
        win = _window(data, [128], "relu")
        t = throughput(win, data, [128], seconds, rounds=2 if quick else 4,
                       default_threads=default_threads)
        win.close()
    rows.append(("largest event-loop stall, training 784-128-10 on 10,000 samples",
                 f"{t['max_gap']:.0f} (p99 {t['p99_gap']:.0f})", "ms", "< 50 ms"))
    rows.append(("throughput with the window open / command line alone (BLAS threads chosen as "
                 "train chooses them; median of rounds, their range)",
                 f"{t['window']:,.0f} / {t['alone']:,.0f} = {t['ratio']:.2f}x "
                 f"({t['spread'][0]:.2f}-{t['spread'][1]:.2f})", "samples/s", ">= 0.8x"))
    rows.append(("the same, command line alone with one BLAS thread",
                 f"{t['window']:,.0f} / {t['alone_1']:,.0f} = {t['ratio_1']:.2f}x", "samples/s", ""))
    if hasattr(os, "getloadavg"):        # the ratios above mean little on a machine this busy
        rows.append(("load average after measuring (1 min), cores", f"{os.getloadavg()[0]:.1f}, "
                     f"{os.cpu_count()}", "", ""))
    return rows


def throughput(win, data: str, hidden: list[int], seconds: float, rounds: int,
               default_threads: int, batch: int = 64) -> dict:
    """Training throughput with the window open against the command line's loop alone.

    Rounds alternate (window, alone with the BLAS threads chosen as ``train`` chooses them,
    alone with one), so that
    every ratio compares runs seconds apart: on this shared 2-core machine the second core's
    speed changes by a third from one minute to the next. Reports the medians of the rates
    and of the per-round ratios, and the largest stall of the event loop over all rounds."""
    from threadpoolctl import threadpool_limits
    share = seconds / rounds
    win_rates, alone, alone_1, gaps = [], [], [], []
    for _ in range(rounds):
        t = training_in_window(win, share, batch)
        win_rates.append(t["rate"])
        gaps.append(t)
        alone.append(_trainer_rate(data, hidden, share / 2, batch, policy=True))
        with threadpool_limits(1, user_api="blas"):
            alone_1.append(_trainer_rate(data, hidden, share / 2, batch))
    w, a, a1 = np.array(win_rates), np.array(alone), np.array(alone_1)
    return {"window": float(np.median(w)), "alone": float(np.median(a)), "alone_1": float(np.median(a1)),
            "ratio": float(np.median(w / a)), "ratio_1": float(np.median(w / a1)),
            "spread": (float(np.min(w / a)), float(np.max(w / a))),
            "max_gap": max(g["max_gap"] for g in gaps), "p99_gap": max(g["p99_gap"] for g in gaps),
            "ui_cpu": float(np.median([g["ui_cpu"] for g in gaps]))}
