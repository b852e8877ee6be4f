"""Undo / redo (Ctrl+Z / Ctrl+Shift+Z): a click never silently discards a trained network.
Driven by clicks and keys; what comes back is compared bit for bit."""
import numpy as np
import pytest
from PySide6.QtCore import Qt

from backpropviz.engine import EngineError
from backpropviz.recipe import Architecture


@pytest.fixture
def window(open_window):
    return open_window(arch=Architecture([3], ["tanh"]))


def undo(qtbot, win):
    qtbot.keyClick(win.network_view, Qt.Key_Z, Qt.ControlModifier)


def redo(qtbot, win):
    qtbot.keyClick(win.network_view, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)


def test_reset_after_training_is_undone_with_its_history_and_redone(qtbot, window):
    state = window.state
    window.training.run_steps_now(40)
    trained, history = state.net.params.copy(), state.history
    assert state.frame.step == 40
    qtbot.mouseClick(window.train_panel.reset_button, Qt.LeftButton)
    fresh = state.net.params.copy()
    assert not np.array_equal(fresh, trained) and state.history is None
    assert window.undo_action.text() == "&Undo reset the weights"
    undo(qtbot, window)
    np.testing.assert_array_equal(state.net.params, trained)
    assert state.history is history and state.frame.step == 40
    assert window.train_panel.status.text().startswith("epoch")     # not "not trained yet"
    # the stepper walks the sample through the trained weights
    trace = state.net.copy().trace(state.sample_x, state.sample_target, lr=state.step_lr)
    assert state.stepper.numbers["loss"] == trace["loss"]
    redo(qtbot, window)
    np.testing.assert_array_equal(state.net.params, fresh)
    assert state.history is None
    undo(qtbot, window)
    np.testing.assert_array_equal(state.net.params, trained)


def test_an_added_layer_and_new_weights_are_undone_in_turn(qtbot, window):
    state, builder = window.state, window.builder
    before = state.net.params.copy()
    qtbot.mouseClick(builder.add, Qt.LeftButton)
    assert state.net.sizes == [2, 3, 3, 1]
    qtbot.mouseClick(builder.reinit, Qt.LeftButton)
    assert builder.seed.value() == 1
    assert window.undo_action.text() == "&Undo new weights"
    seed1 = state.net.params.copy()
    undo(qtbot, window)
    assert builder.seed.value() == 0 and state.net.sizes == [2, 3, 3, 1]
    undo(qtbot, window)
    assert state.net.sizes == [2, 3, 1] and len(builder.rows) == 1
    np.testing.assert_array_equal(state.net.params, before)
    assert not window.undo_action.isEnabled()
    undo(qtbot, window)                                       # nothing left: nothing happens
    np.testing.assert_array_equal(state.net.params, before)
    redo(qtbot, window)
    redo(qtbot, window)
    np.testing.assert_array_equal(state.net.params, seed1)
    assert not window.redo_action.isEnabled()


def test_a_data_change_is_undone_back_to_the_same_data_and_weights(qtbot, window):
    state = window.state
    old_data, old_params = state.dataset, state.net.params.copy()
    qtbot.mouseClick(window.data_picker.buttons["iris"], Qt.LeftButton)
    assert state.net.sizes == [4, 3, 3]
    undo(qtbot, window)
    assert state.dataset is old_data and window.data_picker.buttons["circle"].isChecked()
    np.testing.assert_array_equal(state.net.params, old_params)
    assert state.stepper.x.shape == (2,)
    redo(qtbot, window)
    assert state.dataset.source == "builtin:iris" and state.net.sizes == [4, 3, 3]


def test_a_hand_edit_recomputes_the_sample_and_is_undone(qtbot, window):
    state = window.state
    before = state.net.params.copy()
    state.next_phase()
    state.set_parameter(1, 2, 0, 1.25)                        # w[2, 0] of layer 1
    assert state.net.weights[0][2, 0] == 1.25
    assert state.stepper.index == 1                           # walked again to its phase
    trace = state.net.copy().trace(state.sample_x, state.sample_target, lr=state.step_lr)
    assert state.stepper.numbers["layers"][0]["z"][2] == trace["layers"][0]["z"][2]
    state.set_parameter(2, 0, None, -0.5)                     # the output bias
    assert state.net.bias[1][0] == -0.5
    assert window.undo_action.text() == "&Undo edit a bias"
    undo(qtbot, window)
    undo(qtbot, window)
    np.testing.assert_array_equal(state.net.params, before)
    with pytest.raises(EngineError):
        state.set_parameter(1, 3, 0, 1.0)                     # layer 1 has 3 neurons
    with pytest.raises(EngineError):
        state.set_parameter(1, 0, 0, float("nan"))


def test_a_refused_change_leaves_no_undo_step(qtbot, window):
    state = window.state
    n = len(state.undo.undo_stack)
    with pytest.raises(EngineError):
        state.set_architecture(Architecture([3], ["tanh"], output="softmax", loss="bce"))
    assert len(state.undo.undo_stack) == n


def test_a_lesson_is_one_undo_step(qtbot, window):
    state = window.state
    old_data, old_params = state.dataset, state.net.params.copy()
    window.files.open_lesson("worked-example")
    assert state.net.sizes == [2, 2, 2]
    undo(qtbot, window)
    assert state.dataset is old_data
    np.testing.assert_array_equal(state.net.params, old_params)


def test_a_weight_typed_after_a_double_click_is_undone_with_ctrl_z(qtbot, window):
    state, view = window.state, window.network_view
    before = state.net.params.copy()
    edge = next(e for e in view.edges[0] if e.src == 1 and e.dst == 2)
    pos = view.mapFromScene(edge.line().pointAt(0.5))
    qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=pos)
    editor = view.editor
    editor.field.selectAll()
    qtbot.keyClicks(editor.field, "1.5")
    with qtbot.waitSignal(state.stepped, timeout=2000):
        qtbot.keyClick(editor.field, Qt.Key_Return)
    assert state.net.weights[0][2, 1] == 1.5
    assert window.undo_action.text() == "&Undo edit a weight"
    undo(qtbot, window)
    np.testing.assert_array_equal(state.net.params, before)
    redo(qtbot, window)
    assert state.net.weights[0][2, 1] == 1.5


def test_a_new_test_share_after_training_is_undone_with_the_trained_network_and_history(qtbot, window):
    state = window.state
    window.training.run_steps_now(30)
    old_data, trained, history = state.dataset, state.net.params.copy(), state.history
    box = window.train_panel.test_fraction
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "0.5")
    qtbot.keyClick(box, Qt.Key_Return)
    assert state.dataset is not old_data and state.history is None
    undo(qtbot, window)
    assert state.dataset is old_data and state.history is history
    np.testing.assert_array_equal(state.net.params, trained)
    assert box.value() == pytest.approx(0.2)
