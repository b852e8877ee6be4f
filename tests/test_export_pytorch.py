"""train --export-pytorch: the script repeats the app's run in PyTorch, epoch loss for epoch loss."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import numpy as np
import pytest

from backpropviz.cli import main

HAS_TORCH = importlib.util.find_spec("torch") is not None
needs_torch = pytest.mark.skipif(not HAS_TORCH, reason="torch is not installed (make bench "
                                 "installs the CPU wheel); the script cannot be run")


def _train(capsys, tmp_path, *args):
    script = tmp_path / "run.py"
    code = main(["train", *args, "--json", "--export-pytorch", str(script)])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out), script


def _run_script(script, *extra):
    done = subprocess.run([sys.executable, str(script), *extra], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    return [d["loss"] for d in lines if "epoch" in d], lines[-1]


def _iris_like_csv(path, rng):
    """Three text classes, a header, the label in the first column (not the last)."""
    rows = ["species,a,b,c"]
    for k, name in enumerate(["setosa", "versicolor", "virginica"]):
        for _ in range(25):
            a, b, c = rng.normal(loc=k, size=3)
            rows.append(f"{name},{a:.6f},{b:.6f},{c:.6f}")
    path.write_text("\n".join(rows) + "\n")


def test_json_reports_the_mean_minibatch_loss_of_each_epoch(capsys, tmp_path):
    res, script = _train(capsys, tmp_path, "--data", "builtin:xor", "--layers", "4",
                         "--epochs", "3", "--batch", "16", "--optimizer", "sgd")
    assert len(res["epoch_losses"]) == 3
    # the same run by hand: the Trainer's snapshots, one per epoch
    from backpropviz.data import load_dataset
    from backpropviz.engine import OptimizerConfig
    from backpropviz.engine.train import Trainer
    from backpropviz.recipe import Architecture
    ds = load_dataset("builtin:xor", seed=0)
    net = Architecture([4], "tanh").build(ds)
    tr = Trainer(net, ds.X_train, ds.target_matrix("train", net.sizes[-1]),
                 OptimizerConfig("sgd", lr=0.1), batch=16, seed=0)
    expected = [float(np.mean(s.losses)) for s in tr.epochs(3)]
    np.testing.assert_allclose(res["epoch_losses"], expected, rtol=1e-12)
    assert res["epoch_losses"][0] != res["epoch_losses"][1]     # not one number repeated
    compile(script.read_text(), str(script), "exec")              # the script is valid Python


@needs_torch
def test_the_script_repeats_a_csv_run_with_adam(capsys, tmp_path):
    data = tmp_path / "flowers.csv"
    _iris_like_csv(data, np.random.default_rng(3))
    res, script = _train(capsys, tmp_path, "--data", str(data), "--target", "species",
                         "--layers", "6,5", "--activation", "relu", "--optimizer", "adam",
                         "--lr", "0.02", "--epochs", "6", "--batch", "7", "--seed", "4")
    losses, last = _run_script(script)
    np.testing.assert_allclose(losses, res["epoch_losses"], rtol=1e-9)
    assert last["test_accuracy"] == pytest.approx(res["test_accuracy"], abs=1e-12)


@needs_torch
def test_the_script_repeats_momentum_with_l2_and_clipping_on_embedded_data(capsys, tmp_path):
    # clip small enough to act on most steps: the exact global norm and the order clip-then-L2
    # (weights only) are what make the losses agree
    res, script = _train(capsys, tmp_path, "--data", "builtin:moons", "--layers", "8",
                         "--activation", "sigmoid", "--optimizer", "momentum", "--lr", "0.3",
                         "--l2", "0.01", "--clip", "0.05", "--epochs", "5", "--batch", "10")
    losses, last = _run_script(script)
    np.testing.assert_allclose(losses, res["epoch_losses"], rtol=1e-9)
    assert last["test_accuracy"] == pytest.approx(res["test_accuracy"], abs=1e-12)


@needs_torch
def test_the_script_repeats_a_regression_run_and_reports_no_accuracy(capsys, tmp_path):
    res, script = _train(capsys, tmp_path, "--data", "builtin:sine", "--layers", "10",
                         "--activation", "leaky_relu", "--optimizer", "sgd", "--lr", "0.05",
                         "--epochs", "4", "--batch", "8")
    losses, last = _run_script(script)
    np.testing.assert_allclose(losses, res["epoch_losses"], rtol=1e-9)
    assert last == {"test_accuracy": None}


@needs_torch
def test_the_script_refuses_data_that_differ_from_the_app_s(capsys, tmp_path):
    data = tmp_path / "flowers.csv"
    _iris_like_csv(data, np.random.default_rng(3))
    _, script = _train(capsys, tmp_path, "--data", str(data), "--target", "species",
                       "--epochs", "1")
    other = tmp_path / "other.csv"
    _iris_like_csv(other, np.random.default_rng(4))
    done = subprocess.run([sys.executable, str(script), "--data", str(other)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode != 0 and "differ" in done.stderr


def test_an_unwritable_script_path_is_one_line(capsys, tmp_path):
    code = main(["train", "--data", "builtin:xor", "--epochs", "1",
                 "--export-pytorch", str(tmp_path / "no" / "run.py")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "run.py" in err
