"""The gradient views, each built from a bare AppState and driven by selection and stepping."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from backpropviz.data import load_dataset
from backpropviz.engine.landscape import loss_landscape, parameter_index
from backpropviz.recipe import Architecture
from backpropviz.ui.gradient_views import (ActivationView, LandscapeView, NeuronGraphView,
                                           SlopeView)
from backpropviz.ui.network_view import EdgeItem, NetworkView
from backpropviz.ui.state import AppState


@pytest.fixture
def state(qtbot):
    s = AppState(load_dataset("builtin:xor", seed=0, n=60), Architecture([3, 3], ["tanh", "tanh"]))
    s.set_ready()
    return s


def _show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(420, 420)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_tangent_s_slope_is_the_traced_gradient_and_the_arrow_the_update(qtbot, state):
    view = _show(qtbot, SlopeView(state))
    with qtbot.waitSignal(view.computed, timeout=30_000):
        state.select_parameter(2, 1, 2)            # w[2]_2,3: layer 2, neuron 2, input 3
    trace = state.stepper.trace
    g = trace["layers"][1]["grad_weights"][1, 2]
    assert view.check.backprop == g
    (x0, x1), (y0, y1) = view.tangent.getData()
    assert (y1 - y0) / (x1 - x0) == pytest.approx(g, rel=1e-9)
    assert "good" in view.numbers.text()
    # the arrow ends where the stepper's update puts the weight
    for _ in range(state.stepper.n_phases - 1):
        with qtbot.waitSignal(view.computed, timeout=30_000):
            state.next_phase()
    ax, _ = view.after.getData()
    assert ax[0] == pytest.approx(state.net.weights[1][1, 2], rel=1e-12)
    curve_x, curve_y = view.curve.getData()
    assert curve_y[len(curve_y) // 2] == pytest.approx(view.check.loss, rel=1e-9)


def test_the_scope_switch_computes_the_loss_over_the_training_set(qtbot, state):
    view = _show(qtbot, SlopeView(state))
    with qtbot.waitSignal(view.computed, timeout=30_000):
        view.scope.setCurrentIndex(2)
    ds = state.dataset
    loss, _ = state.stepper.net_before().evaluate(ds.X_train, ds.target_matrix("train", 1))
    assert view.check.loss == pytest.approx(loss, rel=1e-12)


def test_clicking_a_connection_selects_its_weight(qtbot, state):
    view = NetworkView(state)
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    edge = next(e for e in view.scene().items() if isinstance(e, EdgeItem) and e.src is not None
                and e.layer == 1 and e.dst == 2 and e.src == 0)
    line = edge.line()
    mid = view.mapFromScene(line.pointAt(0.6))
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=QPoint(mid.x(), mid.y()))
    assert state.selected_parameter == (2, 2, 0)


def test_the_landscape_holds_the_engine_s_loss_and_the_race_starts_at_the_weights(qtbot, state):
    view = _show(qtbot, LandscapeView(state))
    with qtbot.waitSignal(view.computed, timeout=60_000):
        state.select_parameter(1, 0, 1)
    xs, ys, i, j = view.result
    ds = state.dataset
    T = ds.target_matrix("train", 1)
    assert j == parameter_index(state.net, 0, 0, 1)
    want = loss_landscape(state.net, ds.X_train, T, i, xs[[0, -1]], j, ys[[0, -1]])
    np.testing.assert_allclose(view.grid[[0, -1]][:, [0, -1]], want, rtol=1e-12)
    with qtbot.waitSignal(view.computed, timeout=60_000):
        qtbot.mouseClick(view.race, Qt.LeftButton)
    assert [name for name, _, _ in view.paths] == ["sgd", "momentum", "adam"]
    # the key names the paths under the map; nothing is drawn over the map but the paths
    assert view.key.isVisible() and all(n in view.key.text() for n in ("sgd", "momentum", "adam"))
    assert view.plot.getPlotItem().legend is None
    for _, path, end in view.paths:
        assert tuple(path[0]) == (state.net.params[i], state.net.params[j])
        assert end < view.grid.max()


def test_the_graph_fills_in_phase_by_phase(qtbot, state):
    view = _show(qtbot, NeuronGraphView(state))
    state.select(2, 1)                               # layer 2, neuron 2
    assert "?" in view.texts["z"]                    # nothing computed at the input phase
    while state.stepper.forward_done() < 2:
        state.next_phase()
    z = state.stepper.trace["layers"][1]["z"][1]
    assert f"{z:.4g}" in view.texts["z"] and view.texts["z"].endswith("?")
    while state.stepper.backward_done() < 2:         # the output layer, then layer 2
        state.next_phase()
    delta = state.stepper.trace["layers"][1]["delta"][1]
    assert view.texts["z"].endswith(f"{delta:.4g}")
    assert view.graph.node("a").value == state.stepper.trace["layers"][1]["a"][1]


def test_a_hidden_graph_waits_and_catches_up_when_shown(qtbot, state):
    """Behind another tab the graph is not rebuilt at every step (training's frames would pay
    for it); shown, it describes the phase reached meanwhile."""
    view = NeuronGraphView(state)
    qtbot.addWidget(view)
    state.select(2, 1)
    while state.stepper.forward_done() < 2:
        state.next_phase()
    assert view.texts == {}                          # nothing built while hidden
    _show(qtbot, view)
    z = state.stepper.trace["layers"][1]["z"][1]
    assert f"{z:.4g}" in view.texts["z"] and view.texts["z"].endswith("?")


def test_the_activation_view_marks_the_neuron_s_z(qtbot, state):
    view = _show(qtbot, ActivationView(state))
    state.select(1, 2)
    while state.stepper.forward_done() < 1:
        state.next_phase()
    z = state.stepper.trace["layers"][0]["z"][2]
    mx, my = view.mark.getData()
    assert mx[0] == z and my[0] == pytest.approx(np.tanh(z), rel=1e-14)
    assert "f'(z)" in view.text.text()


def test_the_race_lesson_opens_the_landscape_with_three_paths(qtbot, open_window):
    win = open_window()
    panel = win.gradient_panel
    with qtbot.waitSignal(panel.landscape.computed, timeout=60_000):
        win.files.open_lesson("optimizer-race")
    assert win.right_tabs.currentWidget() is win.gradient_page and panel.isVisible()
    assert panel.currentWidget() is panel.landscape
    assert [name for name, _, _ in panel.landscape.paths] == ["sgd", "momentum", "adam"]
    L = win.state.net.n_layers
    assert win.state.selected_parameter == (L, 0, 1) and panel.landscape.x_param == (L, 0, 0)


@pytest.fixture
def bn_state(qtbot):
    s = AppState(load_dataset("builtin:xor", seed=0, n=60),
                 Architecture([3, 3], ["tanh", "tanh"], batch_norm=True, residual=True))
    s.set_ready()
    return s


def test_a_bn_network_s_slope_is_over_the_stepped_minibatch_and_is_its_gradient(qtbot,
                                                                               bn_state):
    state = bn_state
    assert state.net.bn_layers and any(state.net.residual)
    view = _show(qtbot, SlopeView(state))
    with qtbot.waitSignal(view.computed, timeout=30_000):
        state.select_parameter(2, 1, 2)            # w[2]_2,3: in the layer with the skip
    rows = state.step_batch_rows()
    assert len(rows) == state.stepper.batch_size > 1
    trace = state.stepper.trace
    assert view.check.backprop == pytest.approx(trace["layers"][1]["grad_weights"][1, 2],
                                                rel=1e-12)
    assert view.check.loss == pytest.approx(trace["loss"], rel=1e-12)
    assert "good" in view.numbers.text() and f"{len(rows)} samples" in view.title.text()
    curve_x, curve_y = view.curve.getData()
    ds = state.dataset
    other = state.stepper.net_before()
    other.params[view.check.index] = curve_x[0]
    want = other.loss_value(ds.X_train[rows], ds.target_matrix("train", 1)[rows])
    assert curve_y[0] == pytest.approx(want, rel=1e-12)


def test_the_neuron_graph_of_a_bn_network_says_why_it_is_not_drawn(qtbot, bn_state):
    view = _show(qtbot, NeuronGraphView(bn_state))
    bn_state.select(1, 0)
    assert view.graph is None
    texts = [i.text() for i in view.scene().items() if hasattr(i, "text")]
    assert any("Inspector" in t for t in texts)


def test_a_slope_view_closed_with_a_refresh_pending_is_not_called_after_it_is_gone(qtbot, state):
    """A language change schedules a refresh; a window closed before it ran raised
    "Internal C++ object (SlopeView) already deleted" from the event loop."""
    import shiboken6
    from PySide6.QtWidgets import QApplication
    view = SlopeView(state)
    view._schedule()
    shiboken6.delete(view)
    QApplication.processEvents()                       # no exception from the event loop
