"""Each view built alone from a bare AppState (napari's way: one view, one model), driven
through the state, showing what the state says."""
import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from backpropviz.data import load_dataset
from backpropviz.engine import Network
from backpropviz.explain import fmt
from backpropviz.recipe import Architecture
from backpropviz.ui.data_plot import DataPlot
from backpropviz.ui.inspector import Inspector
from backpropviz.ui.state import AppState


@pytest.fixture
def state():
    s = AppState(load_dataset("builtin:circle", seed=0), Architecture([3], ["tanh"]))
    s.set_ready()
    return s


def test_the_inspector_follows_the_state_phase_by_phase(qtbot, state):
    ins = Inspector(state)
    qtbot.addWidget(ins)
    state.select(1, 2)                             # hidden neuron 3
    assert "Not reached yet" in ins.toPlainText()
    state.next_phase()                             # forward 1: its z and a are known
    trace = state.stepper.numbers
    text = ins.toPlainText()
    assert "Hidden layer 1, neuron 3" in text and "Forward" in text
    assert fmt(trace["layers"][0]["a"][2]) in text and "Backward" not in text
    state.go_to_phase(state.stepper.n_phases - 2)  # back through layer 1
    assert fmt(trace["layers"][0]["delta"][2]) in ins.toPlainText()
    state.select(2, 0)
    assert "Output, neuron 1" in ins.toPlainText() and "Loss" in ins.toPlainText()


def test_the_data_plot_shows_every_point_and_picks_the_clicked_one(qtbot, state):
    plot = DataPlot(state)
    qtbot.addWidget(plot)
    plot.resize(400, 400)
    plot.show()
    qtbot.waitExposed(plot)
    ds = state.dataset
    x, y = plot.scatter.getData()
    np.testing.assert_array_equal(np.column_stack([x, y]), ds.X_train[:, :2])
    assert len(plot.test_scatter.getData()[0]) == len(ds.X_test)
    np.testing.assert_array_equal(plot.marker.getData()[0], ds.X_train[:1, 0])
    # a click on sample 17 steps it
    vb = plot.plot.getPlotItem().getViewBox()
    at = plot.plot.mapFromScene(vb.mapViewToScene(QPointF(*ds.X_train[17, :2])))
    qtbot.mouseClick(plot.plot.viewport(), Qt.LeftButton, pos=at)
    assert state.sample_index == 17
    np.testing.assert_array_equal(plot.marker.getData()[0], ds.X_train[17:18, 0])


def test_the_data_plot_follows_a_new_data_set(qtbot, state):
    plot = DataPlot(state)
    qtbot.addWidget(plot)
    state.set_dataset(load_dataset("builtin:sine", seed=0))
    assert plot.mode == "curve"
    assert len(plot.scatter.getData()[0]) == state.n_samples
    assert state.dataset.name in plot.caption.text()
    # what is drawn upwards against what runs across: the target against x ("x against y" was
    # backwards)
    assert plot.caption.text() == "sine: y against x"
    state.set_dataset(load_dataset("builtin:moons", seed=0))
    assert plot.caption.text() == "moons: x2 against x1"


def test_the_shortcut_list_is_read_off_the_menus(qtbot):
    from PySide6.QtGui import QAction, QKeySequence
    from backpropviz.ui.main_window import MainWindow
    win = MainWindow(AppState(load_dataset("builtin:circle", seed=0)), warm=False)
    qtbot.addWidget(win)
    rows = dict(win.shortcuts())
    assert rows["Space"] == "Train / pause" and rows["Right"] == "Next phase"
    assert rows["Ctrl+O"] == "Open data" and rows["F1"] == "Keyboard shortcuts"
    extra = QAction("&Frobnicate", win)
    extra.setShortcut(QKeySequence("Ctrl+K"))
    win.step_menu.addAction(extra)
    assert dict(win.shortcuts())["Ctrl+K"] == "Frobnicate"
