"""Starting fast: the first view paints without Numba, SciPy or pandas (about three seconds of
imports between them), nor training's modules. Its numbers come from the kernels' NumPy twin,
the very numbers the kernels give; the hidden tabs and plots are built when first shown. (How
fast is measured by make bench, never here.)"""
import os
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import Qt

from backpropviz.data import load_dataset
from backpropviz.engine import _jit
from backpropviz.recipe import Architecture
from backpropviz.ui.main_window import MainWindow
from backpropviz.ui.state import AppState

# threadpoolctl too: only training needs it (with the training session's other modules)
HEAVY = ("numba", "scipy", "pandas", "llvmlite", "threadpoolctl")
REPORT = ("import sys; print(sorted({m.split('.')[0] for m in sys.modules} & set(%r)))" % (HEAVY,))


def _heavy_modules_after(code: str) -> str:
    proc = subprocess.run([sys.executable, "-c", code + "\n" + REPORT], capture_output=True,
                          text=True, timeout=300, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip().splitlines()[-1]


def test_importing_the_window_imports_neither_numba_nor_scipy_nor_pandas():
    assert _heavy_modules_after("import backpropviz.ui.main_window") == "[]"


def test_a_screenshot_of_the_first_view_imports_neither_numba_nor_scipy_nor_pandas(tmp_path):
    shot = tmp_path / "shot.png"
    code = ("from backpropviz.cli import main\n"
            f"assert main(['gui', '--screenshot', {str(shot)!r}]) == 0")
    assert _heavy_modules_after(code) == "[]"
    assert shot.stat().st_size > 10_000


def _shown_numbers(win, state) -> list[str]:
    """What the window says at each phase of one sample's cycle, for each neuron."""
    texts = []
    state.go_to_phase(0)
    for phase in range(state.stepper.n_phases):
        state.go_to_phase(phase)
        for column, units in enumerate(state.net.sizes):
            for unit in range(units):
                state.select(column, unit)
                texts.append(win.inspector.toPlainText())
        win.train_panel._show_current_numbers()      # (what its timer does after a step)
        texts += [label.text() for label in win.train_panel.numbers.values()]
    return texts


def test_the_first_view_before_the_kernels_shows_what_the_kernels_show(qtbot, monkeypatch):
    monkeypatch.setattr(_jit, "_warm", False)
    _jit.defer()                                   # as gui --screenshot does
    state = AppState(load_dataset("builtin:circle", seed=0), Architecture([4, 3], ["tanh", "relu"]))
    state.set_ready()
    win = MainWindow(state, warm=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert _jit.use_numpy()
    before = _shown_numbers(win, state)
    _jit.mark_warm()                               # the kernels from now on
    state.set_sample(0)
    assert not _jit.use_numpy()
    after = _shown_numbers(win, state)
    assert any("=" in text for text in before)     # numbers were shown, not only "not reached"
    assert before == after


def test_the_gradient_runs_and_image_tabs_are_built_when_first_shown(qtbot):
    state = AppState(load_dataset("builtin:circle", seed=0), Architecture([3], ["tanh"]))
    state.set_ready()
    win = MainWindow(state, warm=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.gradient_page._content is None and win.runs_page._content is None
    # points, not images: the weight pictures and the confusion matrix are never shown
    views = win.image_views
    assert views._weights_page.built() is None and views._confusion_page.built() is None
    bar = win.right_tabs.tabBar()
    qtbot.mouseClick(bar, Qt.LeftButton,
                     pos=bar.tabRect(win.right_tabs.indexOf(win.gradient_page)).center())
    assert win.right_tabs.currentWidget() is win.gradient_page
    panel = win.gradient_page._content
    assert panel is not None and panel.isVisible() and panel is win.gradient_panel
    assert win.runs_page._content is None


def test_the_accuracy_and_gradient_plots_are_made_when_their_tab_is_chosen_and_show_the_run(
        qtbot, open_window):
    from backpropviz.engine.history import ema_debiased
    from backpropviz.ui.history_plots import ACCURACY, FLOOR, GRADIENTS, LOSS
    win = open_window()
    plots, state = win.training_plots, win.state
    qtbot.waitUntil(lambda: plots.tabbed is True)          # 1440 px: one tab a plot
    assert plots._made() == [LOSS]
    win.training.run_steps_now(40)
    bar = plots.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(GRADIENTS).center())
    assert plots._made() == [LOSS, GRADIENTS] and plots.grad_plot.isVisible()
    f = state.frame
    smoothing = plots.smoothing.value() / 100
    assert len(plots.grad_curves) == state.net.n_layers
    for k, c in enumerate(plots.grad_curves):     # the run so far, as the loss plot shows it
        np.testing.assert_array_equal(c.xData, plots.train_curve.xData)
        np.testing.assert_array_equal(c.yData, np.maximum(
            ema_debiased(f.steps.grad_norms[:, k], smoothing), FLOOR))
    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(ACCURACY).center())
    assert plots.acc_plot.isVisible()
    np.testing.assert_array_equal(plots.train_acc.xData, f.evals.step)
    np.testing.assert_array_equal(plots.test_acc.yData, f.evals.test_accuracy)
    assert len(f.evals.step) >= 1
