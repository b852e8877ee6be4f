"""The Train biases switch: off in Mazur's lesson, where the second pass then shows the
article's error; off, neither a step nor training moves a bias."""
import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from backpropviz.recipe import Architecture


def click_box(qtbot, box):
    """Click a check box on its indicator (its centre may be empty space past the text)."""
    qtbot.mouseClick(box, Qt.LeftButton, pos=QPoint(8, box.height() // 2))


@pytest.fixture
def window(open_window):
    return open_window(arch=Architecture([3], ["tanh"]))


def test_mazurs_lesson_turns_biases_off_and_its_second_pass_gives_0_291027774(qtbot, window):
    state = window.state
    assert window.train_panel.biases.isChecked()                 # on by default
    window.files.open_lesson("worked-example")
    assert not window.train_panel.biases.isChecked()
    n = state.stepper.n_phases
    for _ in range(n - 1):                                       # the first cycle, update included
        qtbot.keyClick(window.network_view, Qt.Key_Right)
    np.testing.assert_array_equal(np.concatenate(state.net.bias), [0.35, 0.35, 0.60, 0.60])
    for _ in range(1 + state.net.n_layers + 1):                  # into the second pass, to its loss
        qtbot.keyClick(window.network_view, Qt.Key_Right)
    assert state.stepper.phase.kind == "loss"
    assert round(state.stepper.loss, 9) == 0.291027774
    assert "0.291028" in window.step_panel.where.text()
    # the nine digits the note asks to compare are on the screen: the status bar's loss
    assert "loss 0.291027774" in window.phase_label.text()
    # switched on, the same walk moves the biases and the second loss differs
    click_box(qtbot, window.train_panel.biases)
    assert state.optimizer.train_biases and state.stepper.index == 0
    for _ in range(n - 1):
        qtbot.keyClick(window.network_view, Qt.Key_Right)
    assert not np.array_equal(np.concatenate(state.net.bias), [0.35, 0.35, 0.60, 0.60])


def test_training_with_biases_off_keeps_every_bias(qtbot, window):
    state = window.state
    state.net.bias[0][...] = [0.1, -0.2, 0.3]
    state.weights_touched()
    click_box(qtbot, window.train_panel.biases)    # off
    assert state.optimizer.train_biases is False
    weights_before = state.net.weights[0].copy()
    window.training.run_steps_now(20)
    np.testing.assert_array_equal(state.net.bias[0], [0.1, -0.2, 0.3])
    np.testing.assert_array_equal(state.net.bias[1], [0.0])
    assert not np.array_equal(state.net.weights[0], weights_before)
