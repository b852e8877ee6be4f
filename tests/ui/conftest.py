import pytest

from backpropviz.data import load_dataset
from backpropviz.recipe import Architecture
from backpropviz.ui.main_window import MainWindow
from backpropviz.ui.state import AppState


@pytest.fixture
def open_window(qtbot):
    """Opens a shown, active window on a data set once its kernels are ready."""
    def make(spec: str = "builtin:circle", arch: Architecture | None = None) -> MainWindow:
        state = AppState(load_dataset(spec, seed=0), arch or Architecture([4, 4], ["tanh", "tanh"]))
        win = MainWindow(state)
        qtbot.addWidget(win)
        with qtbot.waitSignal(state.ready_changed, timeout=120_000):
            win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        return win
    return make
