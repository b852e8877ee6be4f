"""The window driven as a person would: keys, clicks, signals; what it shows is checked against
the engine's trace of the same sample."""
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from backpropviz.data import load_dataset
from backpropviz.explain import fmt
from backpropviz.recipe import Architecture
from backpropviz.ui import colors
from backpropviz.ui.main_window import MainWindow
from backpropviz.ui.state import AppState


@pytest.fixture
def window(open_window):
    return open_window(arch=Architecture([3, 2], ["tanh", "tanh"]))


def press(qtbot, win, key, times=1):
    for _ in range(times):
        qtbot.keyClick(win.network_view, key)


def test_opens_ready_on_the_circle_example(window):
    st = window.state.stepper
    assert st is not None and st.phase.kind == "input"
    assert window.state.net.sizes == [2, 3, 2, 1]
    assert {item.brush().color().rgba() for item in window.network_view.neurons[1]} == {colors.UNKNOWN.rgba()}


def test_every_phase_by_keys_shows_the_trace(qtbot, window):
    state = window.state
    net = state.net
    view = window.network_view
    trace = net.copy().trace(state.sample_x, state.sample_target, lr=state.step_lr)
    state.select(1, 2)                                     # hidden layer 1, neuron 3
    L = net.n_layers
    for i in range(1, 2 * L + 3):
        press(qtbot, window, Qt.Key_Right)
        st = state.stepper
        assert st.index == i
        text = window.inspector.toPlainText()
        for c in range(1, L + 1):
            layer = trace["layers"][c - 1]
            shown_rings = {item.unit: ring.pen().color().rgba()
                           for item, ring in zip(view.neurons[c], view.rings[c]) if ring.isVisible()}
            if c - 1 < st.forward_done():
                for item in view.neurons[c]:
                    assert item.brush().color() == colors.diverging(layer["a"][item.unit])
            else:
                assert {item.brush().color().rgba() for item in view.neurons[c]} == {colors.UNKNOWN.rgba()}
            if c - 1 >= L - st.backward_done():
                assert shown_rings == {u: colors.sign_color(layer["delta"][u]).rgba() for u in range(net.sizes[c])}
            else:
                assert shown_rings == {}
        sel = trace["layers"][0]
        if st.forward_done() >= 1:
            assert f"= {fmt(sel['z'][2])}" in text and f"= {fmt(sel['a'][2])}" in text
        if st.backward_done() == L:
            assert f"= {fmt(sel['delta'][2])}" in text
            for i_in in range(2):
                assert f"= {fmt(sel['grad_weights'][2, i_in])}" in text
        else:
            assert "Backward" not in text
    assert state.stepper.updated
    text = window.inspector.toPlainText()
    new_w = trace["updated"]["layers"][0]["weights"][2]
    assert f"= {fmt(new_w[0])}" in text and f"= {fmt(new_w[1])}" in text
    np.testing.assert_array_equal(net.weights[0][2], new_w)
    assert "loss" in window.phase_label.text()


def test_left_key_restores_the_earlier_numbers(qtbot, window):
    state = window.state
    before = state.net.params.copy()
    press(qtbot, window, Qt.Key_Right, state.stepper.n_phases - 1)     # through the update
    assert not np.array_equal(state.net.params, before)
    view = window.network_view
    after_update_fill = [item.brush().color() for item in view.neurons[1]]
    press(qtbot, window, Qt.Key_Left)
    np.testing.assert_array_equal(state.net.params, before)
    assert any(ring.isVisible() for ring in view.rings[1])
    press(qtbot, window, Qt.Key_Left, state.stepper.index)
    assert state.stepper.index == 0
    assert {item.brush().color().rgba() for item in view.neurons[1]} == {colors.UNKNOWN.rgba()}
    press(qtbot, window, Qt.Key_Right)
    assert [item.brush().color() for item in view.neurons[1]] == after_update_fill


def test_clicking_a_neuron_selects_it_and_the_inspector_follows(qtbot, window):
    view = window.network_view
    item = view.neuron_item(2, 1)
    pos = view.mapFromScene(item.center)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=pos)
    assert window.state.selected == (2, 1)
    assert "Hidden layer 2, neuron 2" in window.inspector.toPlainText()


def test_tooltips_give_z_a_delta_and_w(qtbot, window):
    view = window.network_view
    press(qtbot, window, Qt.Key_Right, 2 * window.state.net.n_layers + 1)   # whole backward pass
    trace = window.state.stepper.trace
    tip = view.tooltip_for(view.neuron_item(1, 0))
    layer = trace["layers"][0]
    for v in (layer["z"][0], layer["a"][0], layer["delta"][0]):
        assert fmt(v) in tip
    edge = next(e for e in view.edges[1] if e.src == 1 and e.dst == 0)
    tip = view.tooltip_for(edge)
    assert fmt(window.state.net.weights[1][0, 1]) in tip
    assert fmt(trace["layers"][1]["grad_weights"][0, 1]) in tip


def test_builder_panel_rebuilds_the_network(qtbot, window):
    b = window.builder
    qtbot.mouseClick(b.add, Qt.LeftButton)
    assert window.state.net.sizes == [2, 3, 2, 2, 1]
    b.rows[0].size.setValue(5)
    b.rows[1].act.setCurrentText("relu")
    assert window.state.net.sizes == [2, 5, 2, 2, 1]
    assert window.state.net.activations == ["tanh", "relu", "tanh", "sigmoid"]
    assert len(window.network_view.neurons[1]) == 5
    assert len(window.phase_strip.buttons) == 2 * 4 + 3
    qtbot.mouseClick(b.rows[2].remove, Qt.LeftButton)
    assert window.state.net.sizes == [2, 5, 2, 1]
    b.output.setCurrentText("softmax")
    assert window.state.net.sizes[-1] == 2 and window.state.net.loss == "cross_entropy"
    b.loss.setCurrentText("bce")                     # softmax with bce is refused, visibly
    assert "bce" in b.note.text() and window.state.net.loss == "cross_entropy"


def test_random_sample_and_data_plot_click_change_the_sample(qtbot, window):
    state = window.state
    plot = window.data_plot
    target = 17
    pt = plot.points[target]
    vb = plot.plot.getPlotItem().vb
    scene_pt = vb.mapViewToScene(pg_point(pt))
    view_pt = plot.plot.mapFromScene(scene_pt)
    with qtbot.waitSignal(state.sample_changed, timeout=5000):
        qtbot.mouseClick(plot.plot.viewport(), Qt.LeftButton, pos=QPoint(int(view_pt.x()), int(view_pt.y())))
    assert np.allclose(plot.points[state.sample_index], pt, atol=0.05)
    np.testing.assert_array_equal(plot.marker.getData()[0], [plot.points[state.sample_index][0]])
    assert state.stepper.phase.kind == "input"
    np.testing.assert_array_equal(state.stepper.x, state.dataset.X_train[state.sample_index])


def pg_point(p):
    from PySide6.QtCore import QPointF
    return QPointF(float(p[0]), float(p[1]))


def test_image_inputs_are_drawn_as_a_picture_and_big_layers_summarised(qtbot):
    state = AppState(load_dataset("builtin:digits", seed=0), Architecture([32], ["relu"]))
    win = MainWindow(state, warm=False)
    qtbot.addWidget(win)
    view = win.network_view
    assert view.image_input and view.neurons[0] == []
    assert not view.picture.pixmap().isNull()
    shown = len(view.neurons[1])                          # the first neurons, then a group
    assert 1 <= shown < 32 and len(view.groups[1].hidden) == 32 - shown


def test_gui_screenshot_writes_a_picture_that_is_not_blank(tmp_path):
    out = tmp_path / "shot.png"
    proc = subprocess.run([sys.executable, "-m", "backpropviz", "gui", "--step", "backward",
                           "--screenshot", str(out)], capture_output=True, text=True, timeout=300,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr
    img = QImage(str(out))
    assert img.width() >= 1280 and img.height() >= 800
    colours = {img.pixel(x, y) for x in range(0, img.width(), 37) for y in range(0, img.height(), 29)}
    assert len(colours) > 50


def test_gui_screenshot_that_cannot_be_written_is_one_line(qtbot, tmp_path, capsys):
    from backpropviz.cli import main
    target = tmp_path / "missing-folder" / "shot.png"
    assert main(["gui", "--screenshot", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write the screenshot" in err and str(target) in err


def test_restyling_the_view_keeps_python_refcounts_intact(qtbot, window):
    """PySide6 6.12.0 decremented None's refcount on every setPen/setBrush, so the window
    aborted after minutes of live training; this pins that no Qt call we repeat does that."""
    view = window.network_view
    view._on_weights_changed()
    view._on_stepped()
    before = sys.getrefcount(None)
    for _ in range(200):
        view._on_weights_changed()
        view._on_stepped()
    assert sys.getrefcount(None) - before > -100
