"""Help > Guide, and a tooltip on every control a person can use."""
import pytest
from PySide6.QtWidgets import (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QApplication,
                               QComboBox, QLineEdit, QTabBar, QTabWidget, QTextBrowser)

from backpropviz.recipe import Architecture

CONTROLS = (QAbstractButton, QComboBox, QAbstractSpinBox, QLineEdit, QAbstractSlider, QTabBar)


def controls_without_tooltip(win):
    missing = []
    from PySide6.QtWidgets import QWidget
    for w in win.findChildren(QWidget):
        if not isinstance(w, CONTROLS):
            continue
        if not w.isEnabled() or not w.isVisibleTo(win):
            continue
        if isinstance(w, QLineEdit) and isinstance(w.parent(), (QAbstractSpinBox, QComboBox)):
            continue                                    # the spin box's own editor
        if type(w).__name__ in ("QScrollBar",) or isinstance(w.parent(), QTabBar):
            continue                                    # scroll bars and tab scroll arrows
        if isinstance(w, QTabBar):                      # a tab is clicked: it says what it holds
            missing += [f"tab {w.tabText(i)!r}" for i in range(w.count())
                        if w.isTabVisible(i) and not w.tabToolTip(i).strip()]
            continue
        if not w.toolTip().strip():
            text = getattr(w, "text", lambda: "")()
            missing.append(f"{type(w).__name__} {w.objectName()!r} {text!r} in "
                           f"{type(w.parent()).__name__}")
    return missing


@pytest.fixture
def window(open_window):
    return open_window(arch=Architecture([3], ["tanh"]))


def test_every_enabled_control_has_a_tooltip(qtbot, window):
    assert not controls_without_tooltip(window), "\n".join(controls_without_tooltip(window))


def test_the_walk_finds_a_control_without_a_tooltip(qtbot, window):
    window.data_picker.open_button.setToolTip("")       # the bug the walk is there to find
    assert any("Open file" in m for m in controls_without_tooltip(window))


def test_help_guide_opens_a_page_that_explains_the_pictures(qtbot, window):
    action = window.guide_action
    assert action.shortcut().toString() == "Shift+F1"
    action.trigger()
    dlg = window.guide
    qtbot.waitExposed(dlg)
    page = dlg.findChild(QTextBrowser).toPlainText()
    for words in ("Fill", "Ring", "width", "orange", "blue", "inspector", "Space", "→"):
        assert words in page, words


@pytest.mark.parametrize("lesson", ["digits", "worked-example", "optimizer-race"])
def test_every_control_of_a_lesson_and_of_every_tab_has_a_tooltip(qtbot, open_window, lesson):
    """The walk of the bare window missed the lesson note's close button, the Data tab beside
    the image tabs and the confusion table's corner button."""
    win = open_window()
    win.files.open_lesson(lesson)
    win.resize(1920, 1080)
    QApplication.processEvents()
    missing = set(controls_without_tooltip(win))
    for tabs in win.findChildren(QTabWidget):
        if tabs.isVisibleTo(win):
            for i in range(tabs.count()):
                if tabs.isTabVisible(i):
                    tabs.setCurrentIndex(i)
                    QApplication.processEvents()
                    missing |= set(controls_without_tooltip(win))
    assert not missing, "\n".join(sorted(missing))
