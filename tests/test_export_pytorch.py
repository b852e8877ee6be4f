"""train --export-pytorch: the script repeats the app's run in PyTorch, epoch loss for epoch loss."""
from __future__ import annotations

import ast
import base64
import importlib.util
import json
import zlib
import subprocess
import sys

import numpy as np
import pytest

from backpropviz.cli import main
from backpropviz.data import load_dataset
from backpropviz.engine import EngineError, OptimizerConfig
from backpropviz.engine.schedule import LRSchedule
from backpropviz.engine.train import Trainer
from backpropviz.export_pytorch import pytorch_script
from backpropviz.recipe import Architecture

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
    assert last["test_accuracy"] is None
    assert last["test_loss"] == pytest.approx(res["test_loss"], rel=1e-9)


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


# --- the remedies: batch normalization, residual connections, learning-rate schedules ----------
def _embedded_layers(text):
    """The script's LAYERS, read without torch: its ``unpack`` and ``LAYERS = [...]`` run alone."""
    tree = ast.parse(text)
    keep = [node for node in tree.body
            if (isinstance(node, ast.FunctionDef) and node.name == "unpack")
            or (isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "LAYERS")]
    space = {"np": np, "base64": base64, "zlib": zlib}
    exec(compile(ast.Module(keep, type_ignores=[]), "<script>", "exec"), space)
    return space["LAYERS"]


def _moons_bn_net(layers=(2, 2)):
    """Moons (2 features) with batch normalization and a skip around every hidden layer (2
    wide: the first layer's skip adds the input itself), its BN state moved off the defaults
    (gamma 1, beta 0, running 0 and 1, momentum 0.1, eps 1e-5) so that a script that left any
    of it out would differ."""
    ds = load_dataset("builtin:moons", seed=0)
    net = Architecture(list(layers), "tanh", residual=True, batch_norm=True).build(ds)
    rng = np.random.default_rng(7)
    for k in net.bn_layers:
        n = net.sizes[k + 1]
        net.gamma[k][...] = rng.uniform(0.5, 1.5, n)
        net.beta[k][...] = rng.normal(0, 0.3, n)
        net.running_mean[k][...] = rng.normal(0, 0.5, n)
        net.running_var[k][...] = rng.uniform(0.5, 2.0, n)
        net.bn_momentum[k] = 0.02 + 0.03 * k   # small: the start still counts after 100 steps
        net.bn_eps[k] = 1e-3
    return ds, net


def test_the_script_embeds_the_batch_norm_state_and_the_skips_bit_for_bit():
    ds, net = _moons_bn_net()
    assert net.residual[:2] == [True, True] and net.bn_layers == [0, 1]
    text = pytorch_script(net, ds, OptimizerConfig("adam", lr=0.01), batch=16, epochs=2, seed=0,
                          schedule=LRSchedule.parse("cosine:5"))
    compile(text, "run.py", "exec")
    layers = _embedded_layers(text)
    assert [d["residual"] for d in layers] == net.residual
    for k, d in enumerate(layers):
        np.testing.assert_array_equal(d["W"], net.weights[k])
        if not net.batch_norm[k]:
            assert d["batch_norm"] is None
            continue
        bn = d["batch_norm"]
        for key in ("gamma", "beta", "running_mean", "running_var"):
            np.testing.assert_array_equal(bn[key], getattr(net, key)[k])
        assert (bn["momentum"], bn["eps"]) == (net.bn_momentum[k], net.bn_eps[k])
    assert "SCHEDULE = ('cosine', 5, 1.0)" in text


def test_the_script_refuses_what_the_app_refuses_to_train_a_batch_of_one_sample():
    ds, net = _moons_bn_net()
    # 240 training samples in minibatches of 239 leave one over at the end of each epoch
    with pytest.raises(EngineError) as caught:
        pytorch_script(net, ds, OptimizerConfig(), batch=239, epochs=1, seed=0)
    text = str(caught.value)
    assert "one sample" in text and "239" in text and "\n" not in text
    with pytest.raises(EngineError):
        pytorch_script(net, ds, OptimizerConfig(), batch=1, epochs=1, seed=0)


def test_the_command_refuses_a_batch_norm_run_with_a_minibatch_of_one_in_one_line(capsys, tmp_path):
    code = main(["train", "--data", "builtin:moons", "--batch-norm", "--batch", "239",
                 "--epochs", "1", "--export-pytorch", str(tmp_path / "run.py")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "one sample" in err
    assert not (tmp_path / "run.py").exists()


@needs_torch
def test_the_script_repeats_batch_norm_and_residual_with_adam_and_step_decay(capsys, tmp_path):
    res, script = _train(capsys, tmp_path, "--data", "builtin:moons", "--layers", "8,8",
                         "--residual", "--batch-norm", "--activation", "relu", "--optimizer",
                         "adam", "--lr", "0.02", "--lr-schedule", "step:2:0.5", "--epochs", "6",
                         "--batch", "16")
    assert res["batch_norm"] == [True, True, False] and res["residual"] == [False, True, False]
    losses, last = _run_script(script)
    np.testing.assert_allclose(losses, res["epoch_losses"], rtol=1e-9)
    assert last["test_accuracy"] == pytest.approx(res["test_accuracy"], abs=1e-12)
    # the test loss runs on the running statistics the 90 steps left
    assert last["test_loss"] == pytest.approx(res["test_loss"], rel=1e-9)


@needs_torch
def test_the_script_repeats_frozen_biases_gamma_and_beta_with_sgd_clipping_l2_and_cosine(tmp_path):
    ds, net = _moons_bn_net()
    cfg = OptimizerConfig("sgd", lr=0.3, l2=0.01, clip=0.2, train_biases=False)
    schedule = LRSchedule.parse("cosine:4")
    text = pytorch_script(net, ds, cfg, batch=12, epochs=5, seed=3, schedule=schedule)
    frozen = np.concatenate([*net.bias, *[g for g in net.gamma if g is not None],
                             *[b for b in net.beta if b is not None]])
    trainer = Trainer(net, ds.X_train, ds.target_matrix("train", 1), cfg, batch=12, seed=3,
                      schedule=schedule)
    app = [float(np.mean(snap.losses)) for snap in trainer.epochs(5)]
    np.testing.assert_array_equal(
        np.concatenate([*net.bias, *[g for g in net.gamma if g is not None],
                        *[b for b in net.beta if b is not None]]), frozen)
    test_loss, test_acc = net.evaluate(ds.X_test, ds.target_matrix("test", 1))
    script = tmp_path / "run.py"
    script.write_text(text)
    losses, last = _run_script(script)
    np.testing.assert_allclose(losses, app, rtol=1e-9)
    assert last["test_accuracy"] == pytest.approx(test_acc, abs=1e-12)
    assert last["test_loss"] == pytest.approx(test_loss, rel=1e-9)
