"""Live training in the window: keys, the worker's frames, plots, divergence, responsiveness."""

import numpy as np
import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QImage

from backpropviz.engine import Network
from backpropviz.recipe import Architecture


def key(qtbot, win, k):
    qtbot.keyClick(win.network_view, k)


def wait_stopped(qtbot, win, timeout=30_000):
    qtbot.waitUntil(lambda: not win.state.training, timeout=timeout)


def test_play_pause_by_space_trains_and_everything_shows_it(qtbot, open_window):
    win = open_window()
    state = win.state
    before = state.net.params.copy()
    with qtbot.waitSignal(state.trained, timeout=10_000):
        key(qtbot, win, Qt.Key_Space)
    assert state.training and win.train_panel.play.text() == "Pause"
    qtbot.wait(300)
    key(qtbot, win, Qt.Key_Space)
    wait_stopped(qtbot, win)
    f = state.frame
    assert f.step > 0 and not f.running
    assert state.history.steps == f.step
    plots = win.training_plots          # xData: the full data (getData() is downsampled)
    xs = plots.train_curve.xData           # every stride-th step, up to the last one
    stride = f.steps.stride
    assert xs[0] == 1 and f.step - stride < xs[-1] <= f.step
    np.testing.assert_array_equal(np.diff(xs), stride)
    np.testing.assert_array_equal(plots.train_raw.yData, state.history.step_view().loss)
    assert len(plots.test_curve.xData) == len(state.history.eval_view()) >= 1
    assert len(plots.grad_curves) == state.net.n_layers
    np.testing.assert_array_equal(plots.grad_curves[0].xData, xs)
    np.testing.assert_array_equal(state.net.params, f.params)
    assert not np.array_equal(state.net.params, before)
    view = win.network_view
    for k, layer in enumerate(view.edge_weights):
        for (dst, src), w in layer.items():
            assert w == state.net.weights[k][dst, src]
    assert win.data_plot.boundary.image is not None
    assert "samples/s" in win.train_panel.status.text()


def test_one_minibatch_and_one_epoch_advance_exactly(qtbot, open_window):
    win = open_window()
    state = win.state
    win.train_panel.batch.setValue(20)                    # 240 training samples: 12 steps
    n = state.dataset.X_train.shape[0]
    with qtbot.waitSignal(win.training.finished, timeout=10_000):
        key(qtbot, win, Qt.Key_S)
    assert state.frame.step == 1 and state.history.steps == 1
    with qtbot.waitSignal(win.training.finished, timeout=10_000):
        key(qtbot, win, Qt.Key_E)
    assert state.frame.epoch == 1 and state.frame.epoch_progress == 0
    assert state.frame.step == -(-n // 20)
    with qtbot.waitSignal(win.training.finished, timeout=10_000):
        key(qtbot, win, Qt.Key_E)
    assert state.frame.step == 2 * -(-n // 20)


def test_huge_learning_rate_pauses_with_a_message_and_finite_weights(qtbot, open_window):
    # regression with a linear output: nothing saturates, so lr 1e6 overflows the loss.
    # (With tanh/sigmoid + bce the loss stays finite however large the weights: no NaN.)
    win = open_window("builtin:plane")
    panel = win.train_panel
    panel.optimizer.setCurrentText("sgd")
    panel.lr.setValue(1e6)
    with qtbot.waitSignal(win.training.diverged, timeout=20_000):
        key(qtbot, win, Qt.Key_Space)
    wait_stopped(qtbot, win)
    assert np.all(np.isfinite(win.state.net.params))
    assert panel.warning.isVisible() and "learning rate" in panel.warning.text()
    assert panel.play.text() == "Train"


def test_stepping_after_a_pause_and_training_resumes_from_the_stepped_weights(qtbot, open_window):
    import copy
    win = open_window()
    state = win.state
    with qtbot.waitSignal(win.training.finished, timeout=10_000):
        key(qtbot, win, Qt.Key_E)
    for _ in range(state.stepper.n_phases - 1):          # through the update
        key(qtbot, win, Qt.Key_Right)
    assert state.stepper.updated
    stepped = state.net.params.copy()
    # replay: the session's trainer as it is now, continuing from the stepped weights
    replay = copy.deepcopy(win.training.session.trainer)
    replay.net.params[...] = stepped
    replay.run_steps(1)
    with qtbot.waitSignal(win.training.finished, timeout=10_000):
        key(qtbot, win, Qt.Key_S)
    np.testing.assert_array_equal(state.net.params, replay.net.params)
    assert state.stepper is not None and not state.training
    key(qtbot, win, Qt.Key_Right)
    assert state.stepper.index == 1


def test_right_key_does_nothing_while_training(qtbot, open_window):
    win = open_window()
    with qtbot.waitSignal(win.state.trained, timeout=10_000):
        key(qtbot, win, Qt.Key_Space)
    index = win.state.stepper.index
    key(qtbot, win, Qt.Key_Right)
    assert win.state.stepper.index == index
    key(qtbot, win, Qt.Key_Space)
    wait_stopped(qtbot, win)


def test_reset_gives_the_seeds_weights_and_a_fresh_history(qtbot, open_window):
    win = open_window()
    state = win.state
    with qtbot.waitSignal(win.training.finished, timeout=10_000):
        key(qtbot, win, Qt.Key_E)
    key(qtbot, win, Qt.Key_R)
    fresh = Network.build(state.net.sizes, state.net.activations, state.net.loss, seed=0)
    np.testing.assert_array_equal(state.net.params, fresh.params)
    assert state.history is None and win.training.session is None
    with qtbot.waitSignal(win.training.finished, timeout=10_000):
        key(qtbot, win, Qt.Key_S)
    assert state.frame.step == 1


def test_window_stays_responsive_while_training_a_big_network(qtbot, open_window):
    """The event loop keeps turning while 64-128-10 trains at full speed on digits (the
    precise number, with 784 inputs, is in the benchmark)."""
    win = open_window("builtin:digits", Architecture([128], ["relu"]))
    gaps = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick():
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now
    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(5)
    key(qtbot, win, Qt.Key_Space)
    # wait on what the test means, not on wall time: training has gone on for a while and the
    # timer kept firing meanwhile (a window that froze would not tick until training stopped)
    qtbot.waitUntil(lambda: win.state.frame is not None and win.state.frame.step > 200
                    and len(gaps) > 60, timeout=120_000)
    key(qtbot, win, Qt.Key_Space)
    wait_stopped(qtbot, win)
    timer.stop()
    # the largest pause of the event loop: tens of ms on a quiet machine (the benchmark), under
    # a second even on a machine loaded ten times over; a frozen window pauses for the whole run
    assert max(gaps[5:]) < 1000, max(gaps)


def test_a_window_slow_to_draw_takes_fewer_frames_and_still_shows_the_last(qtbot, open_window,
                                                                           monkeypatch):
    """Drawing a frame holds the interpreter the training thread needs: when drawing costs
    more than the window's budget, frames are taken less often (never less than a few a
    second), and the frame a run ends with is always shown."""
    from backpropviz.ui import training
    monkeypatch.setattr(training, "UI_BUDGET", 0.0)     # every frame drawn is over budget
    win = open_window()
    state, ctrl = win.state, win.training
    drawn = []
    state.trained.connect(lambda: drawn.append(state.frame.step))
    key(qtbot, win, Qt.Key_Space)
    qtbot.waitUntil(lambda: ctrl.frame_interval == training.MAX_FRAME_SECONDS, timeout=60_000)
    n = len(drawn)
    qtbot.waitUntil(lambda: len(drawn) >= n + 2, timeout=60_000)   # and it keeps drawing
    key(qtbot, win, Qt.Key_Space)
    wait_stopped(qtbot, win)
    assert not state.frame.running and state.frame.step == ctrl.session.trainer.step
    np.testing.assert_array_equal(state.net.params, ctrl.session.net.params)


def test_the_test_share_resplits_the_data(qtbot, open_window):
    win = open_window()
    state = win.state
    n = len(state.dataset.X_train) + len(state.dataset.X_test)
    box = win.train_panel.test_fraction
    assert box.value() == pytest.approx(0.2)
    box.setValue(0.5)
    box.editingFinished.emit()
    assert len(state.dataset.X_test) == pytest.approx(n / 2, abs=2)
    assert len(state.dataset.X_train) + len(state.dataset.X_test) == n
    assert state.stepper is not None and state.history is None


def test_neuron_maps_show_each_neurons_output_over_the_plane(qtbot, open_window):
    win = open_window()
    state, view = win.state, win.network_view
    with qtbot.waitSignal(win.training.finished, timeout=10_000):
        key(qtbot, win, Qt.Key_E)
    probe = state.frame.probe
    item = view.neuron_item(1, 2)
    assert item.map.isVisible() and not item.map.pixmap().isNull()
    # neuron 3 of layer 1 shows layer 1's third activation column over the probe grid
    # (not another neuron's, not another layer's), in the view's colour map
    from backpropviz.ui.network_view import neuron_maps
    g = int(np.sqrt(len(probe[0])))
    size = item.map.pixmap().width()
    shown = item.map.pixmap().toImage()

    def picture(column):
        rgba = np.ascontiguousarray(neuron_maps(column[:, None], g, 1.0, size)[0])
        return QImage(rgba.data, size, size, 4 * size, QImage.Format_RGBA8888).convertToFormat(shown.format())
    assert picture(probe[0][:, 2]) == shown
    assert picture(probe[0][:, 0]) != shown
    win.maps_box.setChecked(False)
    assert not item.map.isVisible()
    win.maps_box.setChecked(True)
    assert item.map.isVisible()
    for _ in range(state.stepper.n_phases - 1):      # a step's update changes the weights
        key(qtbot, win, Qt.Key_Right)
    assert not item.map.isVisible()                  # so the maps (old weights) are hidden


def test_neuron_maps_stay_shown_while_training_runs(qtbot, open_window, monkeypatch):
    """The maps follow training a few times a second; the frames between do not hide them
    (they did, at every frame whose weights were newer than the maps: a flicker)."""
    from backpropviz.ui import network_view
    monkeypatch.setattr(network_view, "MAP_SECONDS", 3600.0)   # drawn once, then only kept
    win = open_window()
    state, view = win.state, win.network_view
    seen = []
    state.trained.connect(lambda: seen.append(view.neuron_item(1, 0).map.isVisible())
                          if state.training else None)
    key(qtbot, win, Qt.Key_Space)
    qtbot.waitUntil(lambda: True in seen and len(seen) - seen.index(True) >= 12, timeout=60_000)
    key(qtbot, win, Qt.Key_Space)
    wait_stopped(qtbot, win)
    first = seen.index(True)
    assert all(seen[first:]), seen
    assert view.neuron_item(1, 0).map.isVisible()


def test_phase_clicks_while_training_do_nothing_and_never_hang(qtbot, open_window):
    win = open_window()
    with qtbot.waitSignal(win.state.trained, timeout=10_000):
        key(qtbot, win, Qt.Key_Space)
    strip = win.phase_strip
    assert not any(b.isEnabled() for b in strip.buttons)
    before = win.state.stepper.index
    win.state.go_to_phase(4)                       # as a click would; must return at once
    assert win.state.stepper.index == before
    key(qtbot, win, Qt.Key_Space)
    wait_stopped(qtbot, win)
    assert all(b.isEnabled() for b in strip.buttons)


def test_during_training_the_inspector_adds_up(qtbot, open_window):
    """Every frame, the weights in the network equal the ones the shown trace used."""
    win = open_window()
    state = win.state
    state.select(1, 1)
    key(qtbot, win, Qt.Key_Right)                  # forward 1 is shown while training
    checked = 0
    def check():
        nonlocal checked
        st = state.stepper
        z = st.trace["layers"][0]["z"]
        np.testing.assert_allclose(state.net.weights[0] @ st.x + state.net.bias[0], z,
                                   rtol=1e-12, atol=1e-12)
        checked += 1
    state.trained.connect(check)
    key(qtbot, win, Qt.Key_Space)
    qtbot.waitUntil(lambda: checked >= 12, timeout=10_000)
    key(qtbot, win, Qt.Key_Space)
    wait_stopped(qtbot, win)
    state.trained.disconnect(check)


def test_changing_a_setting_mid_run_keeps_training_and_loses_nothing(qtbot, open_window):
    win = open_window()
    state = win.state
    with qtbot.waitSignal(state.trained, timeout=10_000):
        key(qtbot, win, Qt.Key_Space)
    qtbot.wait(200)
    win.train_panel.lr.setValue(0.02)              # applied while running
    qtbot.wait(300)
    assert state.training and win.training.running
    assert win.training.session.config.lr == 0.02
    key(qtbot, win, Qt.Key_Space)
    wait_stopped(qtbot, win)
    session = win.training.session
    np.testing.assert_array_equal(state.net.params, session.net.params)
    assert state.frame.step == session.trainer.step == session.history.steps


def test_one_feature_classification_data_plots_and_trains(qtbot, open_window, tmp_path):
    path = tmp_path / "one.csv"
    rng = np.random.default_rng(0)
    x = rng.normal(size=80)
    path.write_text("x,label\n" + "".join(f"{v:.4f},{'yes' if v > 0 else 'no'}\n" for v in x))
    win = open_window(str(path))
    assert win.data_plot.mode == "curve"
    assert win.data_plot.points.shape == (len(win.state.dataset.X_train), 2)
    with qtbot.waitSignal(win.training.finished, timeout=10_000):
        key(qtbot, win, Qt.Key_E)
    assert len(win.data_plot.fit.xData) == 200


def test_a_model_brings_its_own_input_scaling(qtbot, open_window, tmp_path):
    from backpropviz.data import load_dataset
    win = open_window("builtin:iris")
    path = tmp_path / "iris.json"
    win.state.net.save(path)
    model = Network.load(path)
    other = load_dataset("builtin:iris", seed=0, test_fraction=0.5)    # other training part
    win.state.set_dataset(other)
    assert not np.allclose(win.state.dataset.mean, model.normalization["mean"])
    win.state.set_network(model)
    np.testing.assert_allclose(win.state.dataset.mean, model.normalization["mean"])
    raw = other.to_raw(other.X_train)
    np.testing.assert_allclose(win.state.dataset.to_raw(win.state.dataset.X_train), raw, atol=1e-12)


def test_round_numbers_and_steady_spans():
    from backpropviz.ui.axes import nice_ceiling, steady_span
    assert [nice_ceiling(x) for x in (1, 1.01, 2.5, 4, 7, 10, 10.5, 0.031)] == \
        pytest.approx([1, 1.5, 3, 4, 8, 10, 15, 0.04])
    # a range that holds the data and is not much taller stays; else it is made anew
    assert steady_span((0.0, 10.0), 2.0, 8.0) == (0.0, 10.0)
    assert steady_span((0.0, 10.0), -1.0, 8.0) == pytest.approx((-2.35, 9.35))
    assert steady_span((0.0, 10.0), 4.0, 5.0) == pytest.approx((3.85, 5.15))     # too tall
    assert steady_span(None, 1.0, 1.0)[0] < 1.0 < steady_span(None, 1.0, 1.0)[1]


def test_history_plots_follow_the_training_with_steady_axes(qtbot, open_window):
    """The plots show all steps and all losses, and their axes move only when the data leaves
    them (each move repaints an axis), not on every frame. Panning stops the following; a
    double-click resumes it."""
    import math
    win = open_window()
    plots = win.training_plots
    box = plots.loss_plot.getPlotItem().getViewBox()
    moves = []
    box.sigRangeChanged.connect(lambda *_: moves.append(1))
    frames = []
    win.state.trained.connect(lambda: frames.append(1))
    key(qtbot, win, Qt.Key_Space)
    qtbot.waitUntil(lambda: len(frames) >= 40, timeout=60_000)     # frames, not seconds
    key(qtbot, win, Qt.Key_Space)
    wait_stopped(qtbot, win)
    n = win.state.frame.step
    losses = win.state.history.step_view().loss
    (x0, x1), (y0, y1) = box.viewRange()
    assert x0 == 0 and n <= x1 <= 2.1 * n
    assert y0 <= math.log10(losses.min()) and math.log10(losses.max()) <= y1
    assert len(moves) < len(frames) / 2, (len(moves), len(frames))
    # zooming with the wheel: the plot stays where the user put it while training goes on
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication
    vp = plots.loss_plot.viewport()
    at = QPointF(vp.rect().center())
    QApplication.sendEvent(vp, QWheelEvent(at, QPointF(vp.mapToGlobal(at.toPoint())), QPoint(0, 0),
                                           QPoint(0, 120), Qt.NoButton, Qt.NoModifier,
                                           Qt.NoScrollPhase, False))
    shown = box.viewRange()
    assert shown != [[x0, x1], [y0, y1]]
    seen = len(frames)
    key(qtbot, win, Qt.Key_Space)
    qtbot.waitUntil(lambda: len(frames) >= seen + 10, timeout=60_000)
    key(qtbot, win, Qt.Key_Space)
    wait_stopped(qtbot, win)
    assert box.viewRange() == shown
    qtbot.mouseDClick(plots.loss_plot.viewport(), Qt.LeftButton)    # while paused
    assert box.viewRange()[0][1] >= win.state.frame.step


def test_the_benchmarks_window_rows_measure_what_they_say(qtbot, open_window):
    """bench.throughput pairs each window run with the command line's loop alone."""
    from backpropviz.ui import bench
    win = open_window("builtin:digits", Architecture([32], ["relu"]))
    t = bench.throughput(win, "builtin:digits", [32], seconds=1.0, rounds=2, default_threads=1)
    for k in ("window", "alone", "alone_1"):
        assert np.isfinite(t[k]) and t[k] > 1000, t
    assert 0 < t["ratio"] < 3 and t["max_gap"] >= t["p99_gap"] > 0
    assert win.state.frame.step > 0 and not win.state.training


def test_plots_take_a_history_without_any_usable_loss(qtbot, open_window):
    """A run that diverged at its first step has no positive loss to scale a log axis by."""
    from backpropviz.engine.history import History
    from backpropviz.engine.session import Frame
    win = open_window()
    state = win.state
    h = History(state.net.n_layers)
    h.add_steps(np.array([np.nan]), np.full((1, state.net.n_layers), np.nan))
    h.add_eval(0, 0.0, (np.nan, np.nan), (np.nan, np.nan))
    state.frame = Frame(0, 0, 0.0, state.net.params.copy(), 0.0, steps=h.step_view(),
                        evals=h.eval_view(), running=False, diverged=True)
    state.history = h
    for log in (True, False):
        win.training_plots.log.setChecked(log)
        win.training_plots.refresh()
    assert len(win.training_plots.train_raw.xData) == 1


@pytest.mark.parametrize("spec,arch", [("builtin:xor", Architecture([4], ["tanh"])),
                                       ("builtin:gaussians", Architecture([4], ["tanh"])),
                                       ("builtin:spiral", Architecture([6], ["tanh"], output="softmax")),
                                       ("builtin:plane", Architecture([4], ["tanh"]))])
def test_the_output_neurons_show_the_data_plots_picture(qtbot, open_window, spec, arch):
    """A sigmoid output near 0.5 drew one even orange in the activations' colours: no map to
    see. The output neurons show what the data plot paints: a lone output its whole picture;
    with a neuron a class, each neuron its class's colour where its class wins; a regression
    output the data plot's diverging colours."""
    win = open_window(spec, arch)
    state, view = win.state, win.network_view
    with qtbot.waitSignal(win.training.finished, timeout=10_000):
        key(qtbot, win, Qt.Key_E)
    out = state.frame.probe[-1]
    g = int(np.sqrt(len(out)))
    painted = win.data_plot.boundary.image             # (g, g, 4): row r follows the second input
    assert painted is not None and painted.shape[:2] == (g, g)
    k = out.shape[1]
    winner = (out[:, 0] > 0.5).astype(int) if k == 1 else out.argmax(axis=1)
    checked = 0
    for unit in range(k):
        item = view.neuron_item(state.net.n_layers, unit)
        assert item.map.isVisible()
        shown = item.map.pixmap().toImage()
        size = shown.width()
        for fx, fy in ((0.5, 0.5), (0.25, 0.5), (0.75, 0.5), (0.5, 0.25), (0.5, 0.75),
                       (0.3, 0.3), (0.7, 0.7), (0.3, 0.7), (0.7, 0.3)):
            # the probe point nearest to a grid point of the map's interpolation (every 2nd)
            col, row = 2 * round(fx * (g - 1) / 2), 2 * round(fy * (g - 1) / 2)
            if k > 1 and winner[row * g + col] != unit:
                continue                               # another class's colour is painted there
            nodes = (g + 1) // 2
            px = round(col / 2 * (size - 1) / (nodes - 1))
            py = size - 1 - round(row / 2 * (size - 1) / (nodes - 1))
            c = shown.pixelColor(px, py)
            expected = painted[row, col, :3].astype(int)
            assert np.abs(np.array([c.red(), c.green(), c.blue()]) - expected).max() <= 12, \
                (unit, fx, fy, (c.red(), c.green(), c.blue()), expected)
            checked += 1
    assert checked >= 5
