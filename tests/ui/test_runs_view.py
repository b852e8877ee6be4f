"""Rewind a run on the timeline, resume it as a branch, and compare the runs."""
from __future__ import annotations

import csv
import io

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from backpropviz.engine import Network
from backpropviz.recipe import Architecture


def _train(qtbot, win, steps):
    with qtbot.waitSignal(win.training.finished, timeout=300_000):
        win.training._start(steps=steps)


def test_the_timeline_rewinds_the_network_and_resume_branches_a_new_run(qtbot, open_window):
    win = open_window("builtin:xor", Architecture([4], ["tanh"]))
    _train(qtbot, win, 40)
    session = win.training.session
    steps = win.timeline.steps
    assert steps[0] == 0 and steps[-1] == 40 and win.timeline.slider.isEnabled()
    final = win.state.net.params.copy()
    # drag the slider back to the first kept moment: the untrained weights are shown
    win.timeline.slider.setValue(0)
    cp0 = session.checkpoints.at(0)
    np.testing.assert_array_equal(win.state.net.params, cp0.params)
    np.testing.assert_array_equal(win.state.stepper.net_before().params, cp0.params)
    assert "step 0 of 40" in win.timeline.label.text()
    # to a middle moment, then resume: a new run branching from the first
    k = len(steps) // 2
    win.timeline.slider.setValue(k)
    mid = steps[k]
    assert 0 < mid < 40 and win.training.rewound == mid
    assert win.timeline.resume.isEnabled()
    qtbot.mouseClick(win.timeline.resume, Qt.LeftButton)
    runs = win.state.runs.runs
    assert len(runs) == 2 and runs[1].parent == (runs[0].number, mid)
    assert win.training.session.trainer.step == mid
    _train(qtbot, win, 40 - mid)                      # the same settings: the same weights
    np.testing.assert_array_equal(win.state.net.params, final)
    assert runs[0].total_steps == 40 and runs[1].total_steps == 40


def test_training_from_a_rewound_moment_is_a_branch_too(qtbot, open_window):
    win = open_window("builtin:xor", Architecture([4], ["tanh"]))
    _train(qtbot, win, 30)
    win.timeline.slider.setValue(1)
    _train(qtbot, win, 5)
    runs = win.state.runs.runs
    assert len(runs) == 2 and runs[1].parent[0] == runs[0].number
    branch_step = runs[1].parent[1]
    assert 0 < branch_step < 30
    assert runs[1].total_steps == branch_step + 5 and runs[0].total_steps == 30


def test_runs_are_compared_with_labels_naming_what_differs(qtbot, monkeypatch, tmp_path,
                                                          open_window):
    win = open_window("builtin:xor", Architecture([4], ["tanh"]))
    _train(qtbot, win, 20)
    win.training.reset()
    win.train_panel.lr.setValue(0.05)
    win.train_panel.lr.editingFinished.emit()
    _train(qtbot, win, 20)
    view = win.runs_view
    assert view.table.rowCount() == 2
    names = [view.table.item(r, 0).text() for r in range(2)]
    assert names == ["run 2: lr 0.05", "run 1: lr 0.01"]
    assert len(view.checked_runs()) == 2
    assert len(view.loss_plot.listDataItems()) == 2
    # the runs are named in a key above the plots, never in a legend over the curves
    assert "run 2: lr 0.05" in view.key.text() and "run 1: lr 0.01" in view.key.text()
    assert view.loss_plot.getPlotItem().legend is None
    # the table's numbers are the runs' last evaluations
    run = win.state.runs.get(2)
    assert view.table.item(0, 2).text() == f"{run.final('test_loss'):#.4g}"
    # accuracies as the Train panel writes them, in per cent (it showed 0.9986 beside 99.9%)
    assert view.table.item(0, 4).text() == f"{100 * run.final('test_accuracy'):.1f}%"
    # export: the table and the curves as CSV
    path = tmp_path / "runs.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    assert view.export_csv()
    rows = list(csv.DictReader(io.StringIO(path.read_text())))
    assert [r["lr"] for r in rows] == ["0.05", "0.01"] or [r["lr"] for r in rows] == ["0.01", "0.05"]
    curves = (tmp_path / "runs-curves.csv").read_text()
    assert curves.startswith("run,curve,step,value") and curves.count("minibatch_loss") == 40
    # open the first run's weights again
    first = Network.from_dict(win.state.runs.get(1).model).params
    assert not np.array_equal(win.state.net.params, first)
    view.table.selectRow(1)
    view.open_selected()
    np.testing.assert_array_equal(win.state.net.params, first)
