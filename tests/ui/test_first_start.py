"""First start: the window paints at once and steps with the kernels' NumPy twin while the
kernels load or compile in a thread started after the first paint, their progress in the status
bar; training waits for them."""
import threading

import pytest
from PySide6.QtCore import Qt

from backpropviz.data import load_dataset
from backpropviz.engine import _jit, warmup
from backpropviz.recipe import Architecture
from backpropviz.ui.main_window import MainWindow
from backpropviz.ui.state import AppState


@pytest.fixture
def fresh_process(monkeypatch):
    """As in a process that has not warmed the kernels yet (other tests of this one have, so
    the warm-up would end at once): the warm-up waits until the test releases it."""
    monkeypatch.setattr(_jit, "_warm", False)
    release = threading.Event()
    real = warmup.warmup

    def held(progress=None):
        release.wait(timeout=600)
        return real(progress)
    monkeypatch.setattr(warmup, "warmup", held)
    return release


def test_the_window_steps_while_the_kernels_load_and_shows_progress(qtbot, fresh_process):
    state = AppState(load_dataset("builtin:circle", seed=0), Architecture([3], ["tanh"]))
    win = MainWindow(state)
    qtbot.addWidget(win)
    reports = []
    win.warmup.progress.connect(lambda done, total, stage: reports.append((done, total, stage)))
    assert not win.warmup.isRunning()           # not before the window has painted
    with qtbot.waitSignal(win.warmup.started, timeout=60_000):
        win.show()
    bar = win.warmup_bar
    assert not state.ready and bar.isVisible()
    assert not win.train_panel.play.isEnabled()                      # training waits
    # building, loading and stepping need no kernel: they work at once
    qtbot.mouseClick(win.builder.add, Qt.LeftButton)
    qtbot.mouseClick(win.data_picker.buttons["iris"], Qt.LeftButton)
    assert state.net.sizes == [4, 3, 3, 3] and state.stepper.x.shape == (4,)
    assert win.step_panel.fwd.isEnabled()
    qtbot.mouseClick(win.step_panel.fwd, Qt.LeftButton)
    qtbot.mouseClick(win.step_panel.fwd, Qt.LeftButton)
    stepper = state.stepper
    state.select(1, 0)                                              # a neuron of layer 1
    assert stepper.index == 2 and "z = " in win.inspector.toPlainText()
    L = state.net.n_layers
    state.go_to_phase(L + 2)                                        # the output layer's δ
    state.select(L, 0)
    assert "∂L/∂w" in win.inspector.toPlainText()
    assert "check:" not in win.inspector.toHtml()    # finite differences run kernels: later
    state.go_to_phase(2)
    with qtbot.waitSignal(state.ready_changed, timeout=600_000):
        fresh_process.set()                                         # the warm-up may run now
    assert reports and reports[-1][0] == reports[-1][1] and reports[-1][2] == ""
    assert win.warmup_bar is None                                   # the indicator is gone
    assert state.stepper is stepper and stepper.index == 2          # still where it was
    assert win.train_panel.play.isEnabled() and win.step_panel.fwd.isEnabled()
    state.go_to_phase(L + 2)
    assert "check:" in win.inspector.toHtml()


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_compiling_message_fits_beside_the_progress_bar_on_a_small_screen(qtbot, fresh_process, lang):
    """At 1024x768 the long message ran under the permanent widgets: "... and step meansample 0"."""
    from PySide6.QtWidgets import QApplication
    from backpropviz.ui import i18n as ui_i18n
    ui_i18n.set_language(lang)
    try:
        state = AppState(load_dataset("builtin:circle", seed=0), Architecture([3], ["tanh"]))
        win = MainWindow(state)
        qtbot.addWidget(win)
        win.resize(1024, 768)
        with qtbot.waitSignal(win.warmup.started, timeout=60_000):
            win.show()
        for _ in range(state.net.n_layers + 1):
            state.next_phase()                              # the longest phase text: the loss
        QApplication.processEvents()
        bar = win.statusBar()
        message = bar.currentMessage()
        assert message and win.warmup_bar.isVisible()
        room = min(w.x() for w in (win.phase_label, win.warmup_bar)) - 8
        assert bar.fontMetrics().horizontalAdvance(message) <= room, message
        assert len(win.warmup_bar.toolTip()) > len(message)     # the whole story is a hover away
    finally:
        with qtbot.waitSignal(state.ready_changed, timeout=600_000):
            fresh_process.set()
        ui_i18n.set_language("en")
