"""The remedies in the window: per-layer skip and BN switches, a minibatch stepped through a
batch-normalised network, the learning-rate schedule, the skips drawn."""
import numpy as np
from PySide6.QtCore import Qt

from backpropviz.recipe import Architecture


def test_the_network_panel_switches_skips_and_bn_per_layer_and_says_why_not(qtbot, open_window):
    win = open_window(arch=Architecture([3, 3], ["tanh", "tanh"]))
    rows = win.builder.rows
    # layer 1 takes the 2 inputs of the circle into 3 neurons: no skip, and the switch says why
    assert not rows[0].skip.isEnabled() and "2 inputs and 3 neurons" in rows[0].skip.toolTip()
    assert rows[1].skip.isEnabled()
    qtbot.mouseClick(rows[1].skip, Qt.LeftButton)
    assert win.state.net.residual == [False, True, False]
    rows = win.builder.rows                                  # rebuilt from the new network
    qtbot.waitUntil(lambda: rows[0].bn.isVisible() and rows[0].bn.width() > 10)
    qtbot.mouseClick(rows[0].bn, Qt.LeftButton)
    assert win.state.net.batch_norm == [True, False, False]
    assert win.state.net.residual == [False, True, False]
    assert len(win.network_view.remedy_items) == 3          # the arc, its "+" and the BN tag
    rows = win.builder.rows                                  # the panel shows what was built
    assert rows[1].skip.isChecked() and rows[0].bn.isChecked()
    rows[1].size.setValue(4)                                 # widths differ now: the skip goes
    assert not win.builder.rows[1].skip.isEnabled() and win.state.net.residual == [False] * 3


def test_a_bn_network_steps_a_minibatch_of_the_panels_size(qtbot, open_window):
    win = open_window(arch=Architecture([3, 3], ["tanh", "tanh"], batch_norm=True))
    state = win.state
    panel = win.step_panel
    assert panel.batch.isVisibleTo(win) and panel.batch.value() == 4
    assert state.stepper.batch_size == 4 and state.stepper.numbers["mode"] == "training"
    assert state.step_batch_rows()[0] == state.sample_index
    panel.batch.setValue(3)
    assert state.stepper.batch_size == 3
    stats = state.net.bn_stats.copy()
    state.go_to_phase(state.stepper.n_phases - 1)           # through the update
    assert not np.array_equal(state.net.bn_stats, stats)    # the running statistics moved
    state.prev_phase()
    np.testing.assert_array_equal(state.net.bn_stats, stats)


def _ringed(plot) -> np.ndarray:
    """The data-plot positions of the dashed rings (the rest of the stepped minibatch)."""
    x, y = plot.batch_marker.getData()
    return np.column_stack([x, y])


def test_the_data_plot_rings_the_samples_stepped_with_the_selected_one(qtbot, open_window):
    win = open_window(arch=Architecture([3, 3], ["tanh", "tanh"], batch_norm=True))
    state, plot = win.state, win.data_plot
    X = state.dataset.X_train

    def rows_ringed():
        ringed = _ringed(plot)
        return sorted(int(np.flatnonzero((X[:, :2] == p).all(axis=1))[0]) for p in ringed)

    n = state.n_samples
    assert rows_ringed() == sorted((state.sample_index + k) % n for k in (1, 2, 3))
    assert "dashed rings" in plot.legend.text()
    state.set_sample(n - 1)                                 # the minibatch wraps round
    assert rows_ringed() == [0, 1, 2]
    # the rows the data plot rings are the rows the stepper stepped with the sample
    np.testing.assert_array_equal(state.stepper.others[0], X[[0, 1, 2]])
    win.step_panel.batch.setValue(2)
    assert rows_ringed() == [0]
    # without batch normalization one sample is stepped: no rings, no words about them
    for k in (0, 1):
        win.builder.rows[k].bn.click()                      # the panel rebuilds its rows
    assert not state.net.bn_layers
    assert len(_ringed(plot)) == 0 and "dashed rings" not in plot.legend.text()


def test_the_plain_network_offers_no_bn_batch(qtbot, open_window):
    win = open_window()
    assert not win.step_panel.batch.isVisibleTo(win)
    assert win.state.stepper.batch_size == 1


def test_the_train_panel_schedule_sets_each_epochs_rate(qtbot, open_window):
    win = open_window()
    panel = win.train_panel
    panel.schedule.setText("step:1:0.5")
    panel.schedule.editingFinished.emit()
    assert str(win.state.schedule) == "step:1:0.5"
    lr = win.state.optimizer.lr
    with qtbot.waitSignal(win.training.finished, timeout=300_000):
        win.training.one_epoch()
    assert win.state.frame.lr == lr * 0.5                    # the rate of the next epoch
    assert f"{lr * 0.5:.4g}" in panel.status.text()


def test_training_a_bn_network_carries_its_running_statistics_to_the_window(qtbot, open_window):
    win = open_window(arch=Architecture([3], ["tanh"], batch_norm=True))
    state = win.state
    with qtbot.waitSignal(win.training.finished, timeout=300_000):
        win.training.one_epoch()
    session_net = win.training.session.net
    np.testing.assert_array_equal(state.net.bn_stats, session_net.bn_stats)
    assert not np.allclose(state.net.running_var[0], 1.0)


def test_a_batch_of_one_for_a_bn_network_is_refused_with_a_message(qtbot, open_window):
    win = open_window(arch=Architecture([3], ["tanh"], batch_norm=True))
    panel = win.train_panel
    messages = []
    win.state.message.connect(messages.append)
    panel.batch.setValue(1)
    win.training.one_batch()
    assert not win.state.training
    assert any("batch of one sample" in m for m in messages)


def test_the_rate_of_each_step_is_drawn_beside_the_loss_on_an_axis_of_its_own(qtbot,
                                                                             open_window):
    win = open_window()
    plots = win.training_plots
    assert not plots.lr_shown                                # a constant rate: no curve
    with qtbot.waitSignal(win.training.finished, timeout=300_000):
        win.training.one_epoch()
    assert not plots.lr_shown and not plots.loss_plot.getPlotItem().getAxis("right").isVisible()
    panel = win.train_panel
    panel.schedule.setText("step:1:0.5")
    panel.schedule.editingFinished.emit()
    lr = win.state.optimizer.lr
    for _ in range(2):
        with qtbot.waitSignal(win.training.finished, timeout=300_000):
            win.training.one_epoch()
    h = win.state.history.step_view()
    assert plots.lr_shown and plots.loss_plot.getPlotItem().getAxis("right").isVisible()
    assert "η" in plots.loss_key.text()
    np.testing.assert_array_equal(plots.lr_curve.xData, h.number)
    np.testing.assert_array_equal(plots.lr_curve.yData, h.lr)
    # epoch 1 at the panel's rate, the next two halved each time (the schedule counts epochs
    # from the start of the run)
    assert set(np.unique(h.lr)) == {lr, lr * 0.5, lr * 0.25}
    assert np.all(np.diff(h.lr) <= 0) and h.lr[0] == lr and h.lr[-1] == lr * 0.25
    top = plots.lr_box.viewRange()[1]
    assert top[0] == 0.0 and lr <= top[1] <= 2 * lr          # the rates fit their axis
    assert not plots.loss_plot.getPlotItem().getAxis("right").logMode   # linear, not the loss's


def test_skips_and_bn_tags_have_their_room_a_small_layer_is_never_collapsed_for_them(qtbot,
                                                                                    open_window):
    win = open_window("builtin:moons", Architecture([4, 4], ["tanh", "tanh"], residual=True,
                                                   batch_norm=True))
    win.resize(1280, 720)
    view = win.network_view
    qtbot.waitUntil(lambda: win.size().width() == 1280 and view._laid_out_for is not None
                    and view._laid_out_for[0] == view._viewport_size())
    assert [col.units for col in view.columns[1:3]] == [[0, 1, 2, 3]] * 2
    assert not view.verticalScrollBar().isVisible()
    # the arc, its "+" and the tags lie below every neuron and above the legend's band
    lowest = max(p.y() for col in view.positions for p in col) + view.radius
    for item in view.remedy_items:
        r = item.sceneBoundingRect()
        assert r.top() > lowest and r.bottom() <= view.scene_bottom - view.band_height


def test_gui_takes_residual_and_batch_norm_from_the_command_line():
    from backpropviz.cli import build_parser
    from backpropviz.ui.app import build_state
    args = build_parser().parse_args(["gui", "--data", "builtin:moons", "--layers", "3,3",
                                      "--residual", "--batch-norm"])
    net = build_state(args).net
    assert net.sizes == [2, 3, 3, 1]
    assert net.batch_norm == [True, True, False] and net.residual == [False, True, False]
    plain = build_state(build_parser().parse_args(["gui", "--data", "builtin:moons"])).net
    assert not plain.bn_layers and not any(plain.residual)
