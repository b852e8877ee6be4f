"""The phase strip alone, from a bare AppState: its labels fit however deep the network is."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QHBoxLayout, QWidget

from backpropviz.data import load_dataset
from backpropviz.recipe import Architecture
from backpropviz.ui.panels import PhaseStrip
from backpropviz.ui.state import AppState


def strip_for(qtbot, hidden, width):
    state = AppState(load_dataset("builtin:circle", seed=0), Architecture(hidden, ["tanh"] * len(hidden)))
    state.set_ready()
    holder = QWidget()                    # as in the window: a child given a width
    qtbot.addWidget(holder)
    strip = PhaseStrip(state, holder)
    QHBoxLayout(holder).addWidget(strip)
    holder.resize(width, 40)
    holder.show()
    qtbot.waitExposed(holder)
    strip.holder = holder                 # kept alive as long as the strip
    return state, strip


def labels_fit(strip):
    assert strip.buttons[-1].geometry().right() <= strip.width()      # none runs off the strip
    for b in strip.buttons:
        font = b.font()
        font.setBold(True)
        assert b.text() and QFontMetricsF(font).horizontalAdvance(b.text()) <= b.width() - 4, b.text()


def test_eight_hidden_layers_show_every_layer_number_in_a_narrow_strip(qtbot):
    state, strip = strip_for(qtbot, [4] * 8, 580)
    assert len(strip.buttons) == 2 * 9 + 3
    labels_fit(strip)
    numbers = [b.text().strip("→←") for b in strip.buttons[1:10]]
    assert numbers == [str(i) for i in range(1, 10)]            # forward 1 .. 9
    assert [b.text().strip("→←") for b in strip.buttons[11:20]] == [str(i) for i in range(9, 0, -1)]
    assert strip.buttons[1].font().pointSizeF() >= 9
    qtbot.mouseClick(strip.buttons[12], Qt.LeftButton)           # backward 8
    assert state.stepper.index == 12 and strip.buttons[12].isChecked()


def test_a_wide_strip_uses_the_words(qtbot):
    state, strip = strip_for(qtbot, [4], 700)
    labels_fit(strip)
    assert [b.text() for b in strip.buttons] == ["input", "→1", "→2", "loss", "←2", "←1", "update"]
