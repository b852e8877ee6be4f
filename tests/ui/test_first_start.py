"""First start: while the kernels compile, the window shows their progress and can be used
for everything that does not run them; stepping and training wait."""
from PySide6.QtCore import Qt

from backpropviz.data import load_dataset
from backpropviz.recipe import Architecture
from backpropviz.ui.main_window import MainWindow
from backpropviz.ui.state import AppState


def test_the_window_builds_and_loads_while_the_kernels_compile_and_shows_progress(qtbot):
    state = AppState(load_dataset("builtin:circle", seed=0), Architecture([3], ["tanh"]))
    win = MainWindow(state)                 # the warm-up thread starts here
    qtbot.addWidget(win)
    reports = []
    win.warmup.progress.connect(lambda done, total, stage: reports.append((done, total, stage)))
    win.show()
    bar = win.warmup_bar
    assert not state.ready and bar.isVisible()
    assert not win.train_panel.play.isEnabled() and not win.step_panel.fwd.isEnabled()
    # building and loading need no kernel: they work at once
    qtbot.mouseClick(win.builder.add, Qt.LeftButton)
    qtbot.mouseClick(win.data_picker.buttons["iris"], Qt.LeftButton)
    assert state.net.sizes == [4, 3, 3, 3] and state.stepper is None
    with qtbot.waitSignal(state.ready_changed, timeout=600_000):
        pass
    assert reports and reports[-1][0] == reports[-1][1] and reports[-1][2] == ""
    assert win.warmup_bar is None                                   # the indicator is gone
    assert state.stepper is not None and state.stepper.x.shape == (4,)
    assert win.train_panel.play.isEnabled() and win.step_panel.fwd.isEnabled()
