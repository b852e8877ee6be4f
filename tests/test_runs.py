"""Runs side by side: labels name what differs, the list keeps the newest, files round-trip."""
from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest

from backpropviz.runs import MAX_RUNS, Run, RunList, differing, label, load_run, save_run


def _run(rl, **settings):
    base = {"data": "builtin:circle", "architecture": [2, 4, 1], "optimizer": "adam", "lr": 0.01,
            "batch": 16, "seed": 0}
    run = rl.new({**base, **settings})
    run.steps = np.arange(1, 6)
    run.losses = np.linspace(1, 0.5, 5) * (1 + run.number)
    run.eval_steps = np.array([2, 5])
    run.train_loss = np.array([0.9, 0.6]) * run.number
    run.test_loss = np.array([1.0, 0.7]) * run.number
    run.train_accuracy = np.array([0.5, 0.75])
    run.test_accuracy = np.array([0.5, np.nan])
    run.seconds = 1.5
    return run


def test_labels_name_only_the_settings_that_differ():
    rl = RunList()
    a, b, c = _run(rl), _run(rl, lr=0.1), _run(rl, lr=0.1, optimizer="sgd")
    assert differing([a, b, c]) == ["optimizer", "lr"]
    keys = differing([a, b])
    assert keys == ["lr"]
    assert label(a, keys) == "run 1: lr 0.01" and label(b, keys) == "run 2: lr 0.1"
    assert label(c, differing([c])) == "run 3"


def test_the_list_keeps_the_newest_runs_and_numbers_never_repeat():
    rl = RunList()
    for i in range(MAX_RUNS + 5):
        _run(rl, seed=i)
    assert len(rl) == MAX_RUNS
    assert [r.number for r in rl.runs] == list(range(6, MAX_RUNS + 6))
    rl.remove(10)
    assert 10 not in [r.number for r in rl.runs]
    assert _run(rl).number == MAX_RUNS + 6
    with pytest.raises(KeyError):
        rl.get(10)


def test_the_table_holds_the_last_measured_values():
    rl = RunList()
    _run(rl)
    _run(rl, batch=32)
    rows = rl.table()
    assert rows[1]["batch"] == "32" and rows[1]["label"] == "run 2: batch 32"
    assert rows[1]["test_loss"] == pytest.approx(1.4)
    assert rows[0]["test_accuracy"] == 0.5            # NaN at the end: the last measured one
    assert rows[0]["steps"] == 5
    table = list(csv.DictReader(io.StringIO(rl.table_csv())))
    assert [r["run"] for r in table] == ["1", "2"] and float(table[1]["train_loss"]) == 1.2
    curves = list(csv.DictReader(io.StringIO(rl.curves_csv())))
    mine = [r for r in curves if r["run"] == "2" and r["curve"] == "minibatch_loss"]
    assert [float(r["value"]) for r in mine] == pytest.approx(list(np.linspace(1, 0.5, 5) * 3))
    assert not [r for r in curves if r["curve"] == "test_accuracy" and r["step"] == "5"]


def test_a_saved_run_loads_back_the_same(tmp_path):
    rl = RunList()
    run = _run(rl, lr=0.5)
    run.model = {"format": "backpropviz.model", "layers": []}
    run.parent = (1, 40)
    save_run(run, tmp_path / "r.json")
    back = load_run(tmp_path / "r.json")
    assert back.settings == run.settings and back.parent == (1, 40) and back.model == run.model
    np.testing.assert_array_equal(back.losses, run.losses)
    np.testing.assert_array_equal(back.test_accuracy, run.test_accuracy)   # NaN survives


def test_a_broken_run_file_is_one_clear_line(tmp_path):
    p = tmp_path / "bad.json"
    p.write_text(json.dumps({"format": "backpropviz.run", "steps": [1, 2], "losses": [0.5]}))
    with pytest.raises(ValueError, match=r"bad.json: 'steps' and 'losses' differ"):
        load_run(p)
    p.write_text("{")
    with pytest.raises(ValueError, match="bad.json, line 1: not valid JSON"):
        load_run(p)
    with pytest.raises(ValueError, match="no such file"):
        load_run(tmp_path / "none.json")
