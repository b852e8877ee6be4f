"""The inspector's gradient lines checked on demand, as a reader would: click "check" beside a
line, read the finite-difference slope, relative error and verdict that appear under it."""
import re

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from backpropviz import explain
from backpropviz.data import load_dataset
from backpropviz.engine.landscape import compare, finite_difference, parameter_index
from backpropviz.recipe import Architecture
from backpropviz.ui.inspector import Inspector
from backpropviz.ui.state import AppState

SHOWN = re.compile(r"finite differences (\S+), relative error (\S+) (good|uncomfortable|"
                   r"suspicious|wrong)")


@pytest.fixture
def inspector(qtbot):
    state = AppState(load_dataset("builtin:circle", seed=0), Architecture([3], ["tanh"]))
    state.set_ready()
    ins = Inspector(state)
    qtbot.addWidget(ins)
    ins.resize(420, 640)
    ins.show()
    qtbot.waitExposed(ins)
    state.select(1, 2)                                 # hidden neuron 3
    state.go_to_phase(state.stepper.n_phases - 2)      # back through layer 1: its gradients
    return ins


def _links(ins):
    """Document positions of the "check" links, in reading order."""
    doc = ins.document()
    cur = QTextCursor(doc)
    found, last = [], None
    for pos in range(1, doc.characterCount()):
        cur.setPosition(pos)
        href = cur.charFormat().anchorHref()
        if href.startswith("check:") and href != last:
            found.append(pos)
        last = href if href.startswith("check:") else None
    return found


def _click_first_check(qtbot, ins):
    pos = _links(ins)[0]
    cur = QTextCursor(ins.document())
    cur.setPosition(pos + 1)                           # inside the word "check"
    ins.setTextCursor(cur)
    ins.ensureCursorVisible()                          # scrolled to it, as a reader would
    at = ins.cursorRect(cur).center()
    with qtbot.waitSignal(ins.checked, timeout=10_000) as blocker:
        qtbot.mouseClick(ins.viewport(), Qt.LeftButton, pos=at)
    return blocker.args[0]


def test_every_gradient_line_checked_shows_the_engine_s_finite_difference(qtbot, inspector):
    ins, state = inspector, inspector.state
    st = state.stepper
    net = st.net_before()
    wanted = [line.grad_of for line in explain.backward_lines(net, st.numbers, 1, 2)
              if line.grad_of is not None]
    assert wanted == [(0, 2, None), (0, 2, 0), (0, 2, 1), (0, 2, None)]   # δ, w1, w2, b
    assert len(_links(ins)) == len(wanted)
    for n in range(len(wanted)):
        _click_first_check(qtbot, ins)
        assert len(_links(ins)) == len(wanted) - n - 1
    shown = SHOWN.findall(ins.toPlainText())
    assert len(shown) == len(wanted)
    trace = st.numbers["layers"][0]
    backprop = [trace["delta"][2], trace["grad_weights"][2, 0], trace["grad_weights"][2, 1],
                trace["grad_bias"][2]]
    for (fd_text, rel_text, verdict), p, bp in zip(shown, wanted, backprop):
        fd = finite_difference(net, state.sample_x.reshape(1, -1),
                               state.sample_target.reshape(1, -1), parameter_index(net, *p))
        assert float(fd_text) == pytest.approx(fd, rel=1e-8)
        rel, want = compare(bp, fd)
        assert float(rel_text) == pytest.approx(rel, rel=0.06)     # shown with 2 digits
        assert verdict == want == "good"
    # the next step's numbers are new: the checks are gone, the links back
    state.next_phase()
    state.go_to_phase(state.stepper.n_phases - 2)
    assert not SHOWN.findall(ins.toPlainText()) and len(_links(ins)) == len(wanted)


def test_a_wrong_gradient_line_is_called_wrong(qtbot, inspector, monkeypatch):
    """A planted bug: the first weight's gradient line is 10% off."""
    right = explain.backward_lines

    def planted(*args):
        lines = right(*args)
        for line in lines:
            if line.grad_of is not None and line.grad_of[2] == 0:
                line.value *= 1.1
        return lines
    monkeypatch.setattr(explain, "backward_lines", planted)
    ins = inspector
    ins.refresh()
    for _ in range(2):                                  # δ, then the planted w1
        result = _click_first_check(qtbot, ins)
    assert result.parameter == (0, 2, 0) and result.verdict == "wrong"
    verdicts = [v for *_, v in SHOWN.findall(ins.toPlainText())]
    assert verdicts == ["good", "wrong"]


def test_a_bn_network_s_checks_are_the_minibatch_gradients_and_good(qtbot):
    """Batch normalization steps a minibatch: the checkable lines are the batch's gradients
    (one sample's δ is no parameter's slope there), checked over the stepped rows."""
    state = AppState(load_dataset("builtin:circle", seed=0),
                     Architecture([3, 3], ["tanh", "tanh"], batch_norm=True))
    state.set_ready()
    ins = Inspector(state)
    qtbot.addWidget(ins)
    ins.resize(420, 900)
    ins.show()
    qtbot.waitExposed(ins)
    state.select(1, 2)
    state.go_to_phase(state.stepper.n_phases - 2)      # back through layer 1
    st = state.stepper
    net = st.net_before()
    wanted = [line.grad_of for line in explain.backward_lines(net, st.numbers, 1, 2)
              if line.grad_of is not None]
    assert wanted == [(0, 2, 0), (0, 2, 1), (0, 2, None)]       # w1, w2, b: no δ
    for _ in wanted:
        _click_first_check(qtbot, ins)
    shown = SHOWN.findall(ins.toPlainText())
    rows = state.step_batch_rows()
    assert len(rows) > 1
    ds = state.dataset
    X, T = ds.X_train[rows], ds.target_matrix("train", net.sizes[-1])[rows]
    batch = st.numbers["batch"]["layers"][0]
    backprop = [batch["grad_weights"][2, 0], batch["grad_weights"][2, 1], batch["grad_bias"][2]]
    for (fd_text, _, verdict), p, bp in zip(shown, wanted, backprop):
        fd = finite_difference(net, X, T, parameter_index(net, *p))
        assert float(fd_text) == pytest.approx(fd, rel=1e-8, abs=1e-12)
        assert verdict == "good"
    assert abs(backprop[2]) < 1e-15         # the bias before BN: the batch mean takes it away
