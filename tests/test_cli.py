"""The command line as a user meets it: train, trace, gradcheck, datasets, and every error a user
can cause (one line on stderr, exit code 2, never a traceback).

Most cases call ``main([...])`` in this process (fast); a representative few run
``python -m backpropviz`` in a real subprocess, since the process boundary is what users see.
"""
from __future__ import annotations

import fcntl
import json
import math
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
import time

import numpy as np
import pytest

from backpropviz.cli import main
from backpropviz.data import BUILTINS, load_dataset
from backpropviz.engine import Network

BUILTIN_NAMES = ["circle", "xor", "gaussians", "spiral", "moons", "plane", "sine", "iris", "digits"]
JSON_KEYS = {"train_loss", "test_loss", "train_accuracy", "test_accuracy", "epochs", "steps",
             "train_seconds"}

# Matt Mazur's worked example (mattmazur.com, "A Step by Step Backpropagation Example"):
# 2-2-2, sigmoid everywhere, E = 1/2 sum (t - a)^2, x = (.05, .10), t = (.01, .99), lr 0.5.
MAZUR = {"format": "backpropviz.model", "version": 1, "loss": "half_sse",
         "layers": [{"activation": "sigmoid", "weights": [[0.15, 0.20], [0.25, 0.30]],
                     "bias": [0.35, 0.35]},
                    {"activation": "sigmoid", "weights": [[0.40, 0.45], [0.50, 0.55]],
                     "bias": [0.60, 0.60]}]}
MAZUR_ARGS = ["--input", "0.05,0.10", "--target", "0.01,0.99"]


# --- helpers ----------------------------------------------------------------------------------
def run_main(capsys, *argv: str) -> tuple[int, str, str]:
    """main(argv) in this process: (exit code, stdout, stderr). A SystemExit counts as its code,
    as it would for the console script."""
    try:
        code = main(list(argv))
    except SystemExit as e:
        code = e.code
    out, err = capsys.readouterr()
    return code, out, err


def run_cli(*argv: str, **kwargs) -> subprocess.CompletedProcess:
    """``python -m backpropviz argv`` in a fresh process, text output captured."""
    return subprocess.run([sys.executable, "-m", "backpropviz", *argv], capture_output=True,
                          text=True, timeout=120, **kwargs)


def assert_user_error(code: int, out: str, err: str, *words: str) -> None:
    """Exit code 2, nothing on stdout, exactly one non-empty line on stderr that names the
    problem (each of ``words``, case-insensitive), and no traceback."""
    assert "Traceback" not in err
    assert code == 2, (code, err)
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].strip(), err
    assert err.endswith("\n")
    for w in words:
        assert w.lower() in lines[0].lower(), (w, lines[0])


def strict_json(text: str):
    """Parse JSON as other tools do: NaN and Infinity are not JSON."""
    def refuse(token):
        raise ValueError(f"{token} is not JSON")
    return json.loads(text, parse_constant=refuse)


def train_json(capsys, *argv: str) -> dict:
    code, out, err = run_main(capsys, "train", "--json", *argv)
    assert code == 0, err
    return strict_json(out)         # the whole of stdout is one JSON object


def write_model(path, net_or_dict) -> str:
    d = net_or_dict.to_dict() if isinstance(net_or_dict, Network) else net_or_dict
    path.write_text(json.dumps(d))
    return str(path)


def assert_json_close(a, b, path="") -> None:
    """a (parsed JSON) equals b (a trace dict with arrays) to float precision, key by key."""
    if isinstance(b, dict):
        assert isinstance(a, dict), path
        for k in b:
            assert k in a, f"{path}.{k} missing"
            assert_json_close(a[k], b[k], f"{path}.{k}")
    elif isinstance(b, list) and b and isinstance(b[0], dict):
        assert isinstance(a, list) and len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b)):
            assert_json_close(x, y, f"{path}[{i}]")
    elif isinstance(b, (str, type(None))):
        assert a == b, path
    else:
        np.testing.assert_allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float),
                                   rtol=1e-12, atol=1e-15, err_msg=path)


@pytest.fixture(scope="module")
def models(tmp_path_factory) -> dict[str, str]:
    """Model files: Mazur's example and a few random networks of different heads."""
    d = tmp_path_factory.mktemp("models")
    return {
        "mazur": write_model(d / "mazur.json", MAZUR),
        "softmax": write_model(d / "softmax.json", Network.build(
            [3, 5, 3], ["tanh", "softmax"], "cross_entropy", seed=3)),
        "bce": write_model(d / "bce.json", Network.build(
            [4, 6, 4, 1], ["leaky_relu", "sigmoid", "sigmoid"], "bce", init="uniform", seed=7)),
        "linear": write_model(d / "linear.json", Network.build(
            [2, 3, 2], ["sigmoid", "linear"], "mse", seed=11)),
    }


# --- train ------------------------------------------------------------------------------------
def test_train_json_on_circle_reaches_high_test_accuracy(capsys):
    start = time.perf_counter()
    res = train_json(capsys, "--data", "builtin:circle")
    wall = time.perf_counter() - start
    assert JSON_KEYS <= res.keys()
    assert res["test_accuracy"] >= 0.9
    assert res["train_accuracy"] >= 0.9
    # two classes: auto takes one sigmoid output with bce
    assert res["activations"][-1] == "sigmoid" and res["loss"] == "bce"
    n_train = load_dataset("builtin:circle").n_train
    assert res["epochs"] == 100
    assert res["steps"] == 100 * math.ceil(n_train / 32)
    assert 0 < res["train_seconds"] < wall


def test_train_json_on_iris_takes_softmax_and_cross_entropy(capsys):
    res = train_json(capsys, "--data", "builtin:iris", "--layers", "8")
    assert res["activations"] == ["tanh", "softmax"] and res["loss"] == "cross_entropy"
    assert res["architecture"] == "4-8-3"
    assert res["test_accuracy"] >= 0.85


def test_train_cross_entropy_on_two_classes_learns(capsys):
    # cross_entropy over one sigmoid unit ignores class 0 and learns nothing (loss ~0 at 50 %);
    # with --output auto it must take softmax over both classes
    res = train_json(capsys, "--data", "builtin:circle", "--loss", "cross_entropy")
    assert res["activations"][-1] == "softmax" and res["architecture"].endswith("-2")
    assert res["test_accuracy"] >= 0.9


def test_train_regression_on_sine_has_null_accuracy_and_small_loss(capsys):
    res = train_json(capsys, "--data", "builtin:sine")
    assert res["train_accuracy"] is None and res["test_accuracy"] is None
    assert res["activations"][-1] == "linear" and res["loss"] == "mse"
    variance = float(load_dataset("builtin:sine").y_test.var())
    assert res["test_loss"] < 0.1 * variance
    assert res["train_loss"] < 0.1 * variance


def test_saved_model_reproduces_train_loss_and_carries_names_and_normalization(capsys, tmp_path):
    path = tmp_path / "model.json"
    res = train_json(capsys, "--data", "builtin:iris", "--layers", "6", "--epochs", "20",
                     "--seed", "4", "--test-fraction", "0.3", "--save", str(path))
    assert sorted(os.listdir(tmp_path)) == ["model.json"]     # no temporary file left behind
    net = Network.load(path)
    ds = load_dataset("builtin:iris", seed=4, test_fraction=0.3)
    loss, acc = net.evaluate(ds.X_train, ds.target_matrix("train", net.sizes[-1]))
    assert loss == pytest.approx(res["train_loss"], rel=1e-12)
    assert acc == pytest.approx(res["train_accuracy"], rel=1e-12)
    assert net.input_names == ds.feature_names
    assert net.output_names == ds.class_names
    np.testing.assert_allclose(net.normalization["mean"], ds.mean, rtol=1e-15)
    np.testing.assert_allclose(net.normalization["std"], ds.std, rtol=1e-15)
    raw = json.loads(path.read_text())
    assert {"input_names", "output_names", "normalization"} <= raw.keys()


def test_same_seed_gives_identical_losses_and_another_seed_does_not(capsys):
    args = ("--data", "builtin:moons", "--epochs", "15", "--layers", "8,8")
    a = train_json(capsys, *args, "--seed", "5")
    b = train_json(capsys, *args, "--seed", "5")
    c = train_json(capsys, *args, "--seed", "6")
    for key in ("train_loss", "test_loss", "train_accuracy", "test_accuracy", "steps"):
        assert a[key] == b[key], key
    assert a["train_loss"] != c["train_loss"]


def test_batch_larger_than_the_data_is_the_whole_data(capsys):
    n_train = load_dataset("builtin:xor").n_train
    args = ("--data", "builtin:xor", "--epochs", "5", "--layers", "4")
    whole = train_json(capsys, *args, "--batch", str(n_train))
    huge = train_json(capsys, *args, "--batch", "100000000000")
    assert huge["steps"] == whole["steps"] == 5
    assert huge["train_loss"] == whole["train_loss"]


def test_diverged_training_still_prints_strict_json_with_a_warning(capsys):
    res = train_json(capsys, "--data", "builtin:sine", "--optimizer", "sgd", "--lr", "1000",
                     "--epochs", "50")
    assert "diverged" in res["warning"]
    assert res["epochs"] < 50
    code, out, err = run_main(capsys, "train", "--data", "builtin:sine", "--optimizer", "sgd",
                              "--lr", "1000", "--epochs", "50")
    assert code == 0 and "Traceback" not in err
    assert len(err.splitlines()) == 1 and "diverged" in err


def test_a_diverged_run_saves_the_weights_from_before_the_loss_ran_away(capsys, tmp_path):
    path = tmp_path / "m.json"
    args = ("--data", "builtin:iris", "--epochs", "20", "--save", str(path))
    assert run_main(capsys, "train", *args)[0] == 0                 # a good model, then ...
    code, out, err = run_main(capsys, "train", *args, "--lr", "1e6", "--seed", "1")
    assert code == 0 and "diverged" in err and "before the loss ran away" in out
    net = Network.load(path)
    ds = load_dataset("builtin:iris", seed=1)
    loss, _ = net.evaluate(ds.X_train, ds.target_matrix("train", 3))    # (standardised data)
    assert math.isfinite(loss) and loss < 10                          # not 1e6 x, not inf
    assert max(np.abs(w).max() for w in net.weights) < 100


def test_weights_that_are_not_finite_are_never_saved_over_a_model(tmp_path):
    from backpropviz.engine import ModelFileError
    path = tmp_path / "m.json"
    good = Network.build([2, 3, 1], ["tanh", "sigmoid"], "bce", seed=0)
    good.save(path)
    before = path.read_bytes()
    bad = good.copy()
    bad.params[4] = math.inf
    with pytest.raises(ModelFileError, match="m.json: not saved, layer 1"):
        bad.save(path)
    assert path.read_bytes() == before


def test_train_text_output_and_save(capsys, tmp_path):
    path = tmp_path / "m.json"
    code, out, err = run_main(capsys, "train", "--data", "builtin:gaussians", "--epochs", "3",
                              "--optimizer", "sgd", "--save", str(path))
    assert code == 0 and err == ""
    assert "train loss" in out and "test accuracy" in out and f"saved {path}" in out
    assert "sgd lr 0.1" in out
    Network.load(path)


def test_failed_save_prints_no_result_and_writes_nothing(capsys, tmp_path):
    target = tmp_path / "missing" / "m.json"
    code, out, err = run_main(capsys, "train", "--data", "builtin:circle", "--epochs", "1",
                              "--json", "--save", str(target))
    assert_user_error(code, out, err, str(target))
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("spelling", ["same", "dotted", "hard link", "symlink"])
def test_save_over_the_data_file_is_refused_and_the_data_kept(capsys, tmp_path, monkeypatch,
                                                              spelling):
    data = tmp_path / "precious.csv"
    rows = "\n".join(f"{i % 7},{(i * 3) % 5},{'ab'[i % 2]}" for i in range(40))
    data.write_text("x1,x2,label\n" + rows + "\n")
    original = data.read_bytes()
    monkeypatch.chdir(tmp_path)
    save = {"same": str(data), "dotted": "./sub/../precious.csv",
            "hard link": str(tmp_path / "link.csv"), "symlink": str(tmp_path / "sym.csv")}[spelling]
    (tmp_path / "sub").mkdir()
    if spelling == "hard link":
        os.link(data, save)
    elif spelling == "symlink":
        os.symlink(data, save)
    code, out, err = run_main(capsys, "train", "--data", "precious.csv", "--epochs", "1",
                              "--save", save)
    assert_user_error(code, out, err, save)
    assert "data file" in err
    assert data.read_bytes() == original


def test_no_progress_bar_when_stderr_is_not_a_terminal():
    p = run_cli("train", "--data", "builtin:xor", "--epochs", "3", "--json")
    assert p.returncode == 0 and p.stderr == ""
    assert JSON_KEYS <= json.loads(p.stdout).keys()


def test_progress_bar_on_a_terminal_keeps_stdout_pure_json():
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # tqdm needs columns
    chunks: list[bytes] = []

    def read() -> None:
        try:
            while chunk := os.read(master, 65536):
                chunks.append(chunk)
        except OSError:          # EIO once the child has closed the terminal
            pass

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        p = subprocess.run([sys.executable, "-m", "backpropviz", "train", "--data", "builtin:xor",
                            "--epochs", "20", "--json"], stdout=subprocess.PIPE, stderr=slave,
                           timeout=120)
    finally:
        os.close(slave)
    reader.join(10)
    os.close(master)
    assert p.returncode == 0
    assert json.loads(p.stdout)["epochs"] == 20
    assert "/20" in b"".join(chunks).decode("utf-8", "replace")


# --- trace ------------------------------------------------------------------------------------
def test_trace_of_mazur_example_matches_the_worked_numbers(capsys, models):
    code, out, err = run_main(capsys, "trace", models["mazur"], *MAZUR_ARGS, "--lr", "0.5")
    assert code == 0 and err == ""
    tr = strict_json(out)
    assert tr["loss"] == pytest.approx(0.298371109, abs=1e-9)
    np.testing.assert_allclose(tr["layers"][0]["a"], [0.593269992, 0.596884378], atol=1e-9)
    np.testing.assert_allclose(tr["layers"][1]["a"], [0.75136507, 0.772928465], atol=1e-8)
    w = tr["updated"]["layers"]
    assert w[1]["weights"][0][0] == pytest.approx(0.35891648, abs=1e-8)            # w5
    np.testing.assert_allclose(w[1]["weights"], [[0.35891648, 0.408666186],
                                                 [0.511301270, 0.561370121]], atol=1e-8)
    np.testing.assert_allclose(w[0]["weights"], [[0.149780716, 0.19956143],
                                                 [0.24975114, 0.29950229]], atol=1e-8)
    assert set(tr) >= {"input", "target", "loss", "layers", "updated"}
    assert all(set(layer) >= {"z", "a", "delta", "grad_weights", "grad_bias"}
               for layer in tr["layers"])
    Network.from_dict(tr["updated"])        # "updated" is a loadable model


@pytest.mark.parametrize("name, x, t", [
    ("softmax", [0.3, -1.2, 2.0], [0, 1, 0]),
    ("bce", [-0.5, 0.1, 0.9, -2.0], [1]),
    ("linear", [-0.05, 0.7], [0.2, -0.4]),
])
def test_trace_equals_network_trace(capsys, models, name, x, t):
    fmt = lambda v: ",".join(repr(float(e)) for e in v)  # noqa: E731
    # "--input=..." is not needed: a leading minus sign is a number, not an option
    code, out, err = run_main(capsys, "trace", models[name], "--input", fmt(x),
                              "--target", fmt(t), "--lr", "0.3")
    assert code == 0, err
    expected = Network.load(models[name]).trace(x, t, lr=0.3)
    assert_json_close(json.loads(out), expected)


def test_trace_updated_model_is_one_sgd_step_with_the_given_lr(capsys, models):
    for lr in ("0.1", "2.5"):
        code, out, _ = run_main(capsys, "trace", models["linear"], "--input", "1,-2",
                                "--target", "0.5,0.5", "--lr", lr)
        assert code == 0
        tr = json.loads(out)
        before = Network.load(models["linear"])
        for k, layer in enumerate(tr["updated"]["layers"]):
            grads = tr["layers"][k]
            np.testing.assert_allclose(
                layer["weights"], before.weights[k] - float(lr) * np.array(grads["grad_weights"]),
                rtol=1e-12, atol=1e-15)
            np.testing.assert_allclose(
                layer["bias"], before.bias[k] - float(lr) * np.array(grads["grad_bias"]),
                rtol=1e-12, atol=1e-15)


def test_trace_in_a_subprocess_prints_well_formed_json(models):
    p = run_cli("trace", models["mazur"], *MAZUR_ARGS, "--lr", "0.5")
    assert p.returncode == 0 and p.stderr == ""
    tr = json.loads(p.stdout)
    assert_json_close(tr, Network.load(models["mazur"]).trace([0.05, 0.10], [0.01, 0.99], lr=0.5))


# --- gradcheck --------------------------------------------------------------------------------
@pytest.mark.parametrize("name, x, t", [
    ("mazur", "0.05,0.10", "0.01,0.99"),
    ("softmax", "0.3,-1.2,2.0", "0,0,1"),
    ("bce", "-0.5,0.1,0.9,-2.0", "0"),
    ("linear", "1.5,-0.25", "0.2,-0.4"),
])
def test_gradcheck_reports_a_tiny_difference(capsys, models, name, x, t):
    code, out, err = run_main(capsys, "gradcheck", models[name], "--input", x, "--target", t)
    assert code == 0 and err == ""
    worst = float(re.search(r"differences: ([0-9.eE+-]+)", out).group(1))
    assert worst < 1e-6
    n_params = Network.load(models[name]).params.size
    assert f"{n_params} parameters" in out and "OK" in out
    code, out, err = run_main(capsys, "gradcheck", models[name], "--input", x, "--target", t,
                              "--json")
    res = json.loads(out)
    assert code == 0 and res["ok"] is True and res["worst_relative_difference"] < 1e-6
    assert res["parameters"] == n_params


def test_gradcheck_at_a_relu_kink_reports_a_mismatch_with_exit_1(capsys, tmp_path):
    # z of the hidden ReLU unit is exactly 0, where the slope is undefined and the finite
    # difference sees half of it: a mismatch that is the input's fault, not a user error
    kink = {"format": "backpropviz.model", "version": 1, "loss": "mse",
            "layers": [{"activation": "relu", "weights": [[1.0]], "bias": [0.0]},
                       {"activation": "linear", "weights": [[2.0]], "bias": [0.5]}]}
    path = write_model(tmp_path / "kink.json", kink)
    code, out, err = run_main(capsys, "gradcheck", path, "--input", "0", "--target", "3")
    assert code == 1 and err == ""
    assert "MISMATCH" in out and "kink" in out
    code, out, err = run_main(capsys, "gradcheck", path, "--input", "0.5", "--target", "3")
    assert code == 0 and "OK" in out


# --- datasets ---------------------------------------------------------------------------------
def test_datasets_lists_every_builtin(capsys):
    code, out, err = run_main(capsys, "datasets")
    assert code == 0 and err == ""
    listed = re.findall(r"^builtin:(\w+)", out, flags=re.MULTILINE)
    assert set(BUILTIN_NAMES) <= set(listed)
    assert sorted(listed) == sorted(BUILTINS)
    assert len(out.splitlines()) == len(BUILTINS)


def test_warmup_reports_ready_after_one_plain_progress_line_a_stage(capsys):
    """Without a terminal (a log, CI) the progress is plain lines on stderr, never on stdout."""
    from backpropviz.engine.warmup import _stages
    code, out, err = run_main(capsys, "warmup")
    assert code == 0 and out.startswith("kernels ready")
    lines = err.splitlines()
    assert len(lines) == len(_stages()) and lines[0].startswith("compiling the kernels:   0%")
    assert [line.split("%  ")[1] for line in lines] == [name for name, _, _ in _stages()]


# --- user errors ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def files(tmp_path_factory, models) -> dict[str, str]:
    d = tmp_path_factory.mktemp("files")
    (d / "labels.csv").write_text("x1,x2,label\n1,2,cat\n2,3,dog\n3,1,cat\n4,0,dog\n5,5,cat\n")
    (d / "one_class.csv").write_text("x,y\n1,0\n2,0\n3,0\n")
    (d / "empty.csv").write_text("")
    (d / "garbage.json").write_text('{"format": "backpropviz.model", "layers": [')
    (d / "not_a_model.json").write_text('{"name": "a recipe", "layers": [1, 2]}')
    (d / "list.json").write_text("[1, 2, 3]")
    (d / "binary.json").write_bytes(bytes(range(256)) * 4)
    (d / "deep.json").write_text("[" * 50000 + "]" * 50000)
    bad = json.loads(json.dumps(MAZUR))
    bad["layers"][1]["bias"] = [0.6, 0.6, 0.6]
    (d / "bad_shapes.json").write_text(json.dumps(bad))
    nan = json.loads(json.dumps(MAZUR))
    nan["layers"][0]["weights"][0][0] = math.nan          # json writes the bare token NaN
    (d / "nan_weight.json").write_text(json.dumps(nan))
    quoted = json.loads(json.dumps(MAZUR))
    quoted["layers"][0]["weights"][0][1] = "0.5"
    (d / "quoted_weight.json").write_text(json.dumps(quoted))
    (d / "folder").mkdir()
    return {p.name: str(p) for p in d.iterdir()} | {"dir": str(d), "mazur": models["mazur"]}


def fill(argv: list[str], files: dict[str, str]) -> list[str]:
    """Replace each {name} in argv by the path of that test file."""
    return [re.sub(r"\{([^}]+)\}", lambda m: files[m.group(1)], a) for a in argv]


def _error_cases():
    """(id, argv, words the message must contain); {name} is filled in from ``files``."""
    T = ["train", "--data", "builtin:circle", "--epochs", "1"]
    tr = ["trace", "{mazur}"]
    return [
        # data
        ("missing data file", ["train", "--data", "{dir}/nope.csv"], ["nope.csv", "no such file"]),
        ("data is a directory", ["train", "--data", "{folder}"], ["folder"]),
        ("empty data file", ["train", "--data", "{empty.csv}"], ["empty"]),
        ("empty --data", ["train", "--data", ""], ["data"]),
        ("unknown builtin", ["train", "--data", "builtin:nope"], ["builtin:nope", "circle"]),
        ("unknown target column", ["train", "--data", "{labels.csv}", "--target", "species"],
         ["species", "label"]),
        ("target index out of range", ["train", "--data", "{labels.csv}", "--target", "9"], ["9"]),
        ("target on a generated set", T + ["--target", "0"], ["target"]),
        ("network too big for memory", T + ["--layers", "100000000"],
         ["2-100000000-1", "would need", "GB", "available"]),
        ("regression on text labels", ["train", "--data", "{labels.csv}", "--task", "regression"],
         ["text labels"]),
        ("one class only", ["train", "--data", "{one_class.csv}", "--task", "classification"],
         ["same class"]),
        ("regression on a classification builtin", T + ["--task", "regression"],
         ["classification"]),
        # hyperparameters
        ("lr 0", T + ["--lr", "0"], ["--lr"]),
        ("lr negative", T + ["--lr", "-0.1"], ["--lr"]),
        ("lr nan", T + ["--lr", "nan"], ["--lr"]),
        ("lr word", T + ["--lr", "fast"], ["--lr"]),
        ("batch 0", T + ["--batch", "0"], ["--batch"]),
        ("batch fraction", T + ["--batch", "2.5"], ["--batch"]),
        ("epochs 0", T + ["--epochs", "0"], ["--epochs"]),
        ("test fraction 1", T + ["--test-fraction", "1"], ["--test-fraction"]),
        ("test fraction negative", T + ["--test-fraction", "-0.2"], ["--test-fraction"]),
        ("l2 negative", T + ["--l2", "-1"], ["--l2"]),
        ("clip inf", T + ["--clip", "inf"], ["--clip"]),
        ("seed negative", T + ["--seed", "-1"], ["seed"]),
        ("layers letters", T + ["--layers", "4,x"], ["--layers"]),
        ("layers empty part", T + ["--layers", "4,,4"], ["--layers"]),
        ("layers negative", T + ["--layers=-3"], ["--layers"]),
        ("layers fraction", T + ["--layers", "1.5"], ["--layers"]),
        ("layers zero inside", T + ["--layers", "8,0"], ["--layers"]),
        ("layers too large for memory", T + ["--layers", "1000000000000000"], ["memory"]),
        ("unknown activation", T + ["--activation", "swish"], ["swish"]),
        ("unknown activation without hidden layers",
         T + ["--layers", "none", "--activation", "swish"], ["swish"]),
        ("unknown optimizer", T + ["--optimizer", "lbfgs"], ["--optimizer"]),
        ("unknown init", T + ["--init", "ones"], ["--init"]),
        # heads that cannot work
        ("linear output with bce", T + ["--output", "linear", "--loss", "bce"], ["bce", "sigmoid"]),
        ("softmax output with bce", T + ["--output", "softmax", "--loss", "bce"], ["bce"]),
        ("sigmoid output with cross_entropy",
         T + ["--output", "sigmoid", "--loss", "cross_entropy"],
         ["cross_entropy", "softmax"]),
        ("bce on regression", ["train", "--data", "builtin:sine", "--loss", "bce"], ["regression"]),
        ("softmax on regression", ["train", "--data", "builtin:plane", "--output", "softmax"],
         ["softmax", "regression"]),
        # --save
        ("save into a missing folder", T + ["--save", "{dir}/no/such/m.json"], ["m.json"]),
        ("save onto a directory", T + ["--save", "{folder}"], ["folder"]),
        ("save below a file", T + ["--save", "{labels.csv}/m.json"], ["labels.csv"]),
        ("save with an empty name", T + ["--save", ""], ["--save"]),
        # model files
        ("missing model", ["trace", "{dir}/nope.json", *MAZUR_ARGS], ["nope.json", "no such file"]),
        ("model is a directory", ["trace", "{folder}", *MAZUR_ARGS], ["directory"]),
        ("model not JSON", ["trace", "{garbage.json}", *MAZUR_ARGS], ["garbage.json", "JSON"]),
        ("model binary", ["trace", "{binary.json}", *MAZUR_ARGS], ["binary.json"]),
        ("JSON but not a model", ["trace", "{not_a_model.json}", *MAZUR_ARGS],
         ["not a backpropviz model"]),
        ("JSON list", ["gradcheck", "{list.json}", *MAZUR_ARGS], ["list.json"]),
        ("deeply nested JSON", ["trace", "{deep.json}", *MAZUR_ARGS], ["deep.json"]),
        ("model with bad shapes", ["trace", "{bad_shapes.json}", *MAZUR_ARGS], ["bias"]),
        ("model with a NaN weight", ["gradcheck", "{nan_weight.json}", *MAZUR_ARGS], ["finite"]),
        ("model with a weight in quotes", ["trace", "{quoted_weight.json}", *MAZUR_ARGS],
         ["quoted_weight.json", "layer 1 weights", "'0.5'", "without quotes"]),
        # inputs and targets
        ("trace input too long", tr + ["--input", "1,2,3", "--target", "0,1"], ["input", "3", "2"]),
        ("trace input too short", tr + ["--input", "1", "--target", "0,1"], ["input"]),
        ("trace target too short", tr + ["--input", "1,2", "--target", "0.5"],
         ["target", "1", "2"]),
        ("trace target too long", tr + ["--input", "1,2", "--target", "0,1,0"], ["target"]),
        ("gradcheck input wrong length", ["gradcheck", "{mazur}", "--input", "1,2,3",
                                          "--target", "0,1"], ["input"]),
        ("gradcheck target wrong length", ["gradcheck", "{mazur}", "--input", "1,2",
                                           "--target", "1"], ["target"]),
        ("trace input not numbers", tr + ["--input", "1,x", "--target", "0,1"], ["--input"]),
        ("trace input nan", tr + ["--input", "nan,1", "--target", "0,1"], ["--input"]),
        ("trace input empty", tr + ["--input", "", "--target", "0,1"], ["--input"]),
        ("trace lr 0", tr + MAZUR_ARGS + ["--lr", "0"], ["--lr"]),
        ("trace lr negative", tr + MAZUR_ARGS + ["--lr", "-1"], ["--lr"]),
        # nonsense arguments
        ("unknown command", ["fly"], ["fly"]),
        ("unknown flag", T + ["--speed", "3"], ["--speed"]),
        ("train without --data", ["train"], ["--data"]),
        ("trace without a model", ["trace", *MAZUR_ARGS], ["MODEL"]),
        ("trace without --input", ["trace", "{mazur}", "--target", "0,1"], ["--input"]),
        ("datasets with an argument", ["datasets", "extra"], ["extra"]),
        ("gui with a bad step", ["gui", "--step", "sideways"], ["--step"]),
    ]


@pytest.mark.parametrize("argv, words", [c[1:] for c in _error_cases()],
                         ids=[c[0] for c in _error_cases()])
def test_user_error_is_one_line_and_exit_code_2(capsys, files, argv, words):
    code, out, err = run_main(capsys, *fill(argv, files))
    assert_user_error(code, out, err, *words)


@pytest.mark.parametrize("argv, words", [
    (["train", "--data", "{dir}/nope.csv"], ["nope.csv"]),
    (["train", "--data", "builtin:circle", "--lr", "0"], ["--lr"]),
    (["train", "--data", "builtin:circle", "--save", "{dir}/no/m.json"], ["m.json"]),
    (["trace", "{mazur}", "--input", "1,2,3", "--target", "0,1"], ["input"]),
    (["trace", "{not_a_model.json}", *MAZUR_ARGS], ["not a backpropviz model"]),
    (["gradcheck", "{deep.json}", *MAZUR_ARGS], ["deep.json"]),
    (["explode"], ["explode"]),
], ids=["missing data", "lr 0", "unwritable save", "input length", "not a model", "deep JSON",
        "unknown command"])
def test_user_error_across_the_process_boundary(files, argv, words):
    p = run_cli(*fill(argv, files))
    assert_user_error(p.returncode, p.stdout, p.stderr, *words)


def test_closed_stdout_is_not_a_traceback(models):
    # the reader of a pipe has gone (as with `backpropviz trace ... | head -c 10`)
    p = subprocess.Popen([sys.executable, "-m", "backpropviz", "trace", models["mazur"],
                          *MAZUR_ARGS], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.close()
    err = p.stderr.read().decode()
    p.wait(timeout=120)
    assert "Traceback" not in err and "Error" not in err, err
    assert p.returncode != 0


def test_trace_standardises_raw_input_with_the_models_normalization(tmp_path):
    """A trained model carries mean and std: trace takes raw features, as a user has them."""
    import json as _json
    from backpropviz.cli import main
    from backpropviz.data import load_dataset
    from backpropviz.engine import Network
    model = tmp_path / "iris.json"
    assert main(["train", "--data", "builtin:iris", "--layers", "8", "--epochs", "30",
                 "--save", str(model), "--json"]) == 0
    net = Network.load(model)
    ds = load_dataset("builtin:iris", seed=0)
    raw = ds.to_raw(ds.X_train[:1])[0]
    target = ds.target_matrix("train", 3)[0]
    import contextlib, io
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["trace", str(model), "--input", ",".join(repr(float(v)) for v in raw),
                     "--target", ",".join(str(v) for v in target)]) == 0
    got = _json.loads(out.getvalue())
    np.testing.assert_allclose(got["raw_input"], raw)
    np.testing.assert_allclose(got["input"], ds.X_train[0], rtol=1e-12, atol=1e-12)
    want = net.trace(ds.X_train[0], target)
    np.testing.assert_allclose(got["layers"][-1]["a"], want["layers"][-1]["a"], rtol=1e-12)


# --- the remedies: --residual, --batch-norm, --lr-schedule, inits, minibatch traces -------
def bn_model(tmp_path) -> str:
    net = Network.build([2, 3, 3, 1], ["tanh", "tanh", "sigmoid"], "bce", seed=2,
                        residual=True, batch_norm=True)
    net.running_mean[0][...] = [0.1, -0.2, 0.3]
    net.running_var[0][...] = [0.5, 2.0, 1.5]
    return write_model(tmp_path / "bn.json", net)


def test_train_with_both_remedies_and_a_schedule_saves_a_version_2_model(capsys, tmp_path):
    path = tmp_path / "m.json"
    r = train_json(capsys, "--data", "builtin:circle", "--layers", "6,6", "--residual",
                   "--batch-norm", "--epochs", "4", "--lr-schedule", "step:2:0.1",
                   "--init", "normal:0.3", "--save", str(path))
    assert r["residual"] == [False, True, False] and r["batch_norm"] == [True, True, False]
    assert r["final_lr"] == pytest.approx(0.01 * 0.1 ** 2)
    d = json.loads(path.read_text())
    assert d["version"] == 2 and d["layers"][1]["residual"] is True
    net = Network.load(path)
    assert not np.allclose(net.running_var[0], 1.0)          # the running statistics moved
    assert r["train_loss"] == pytest.approx(0.0, abs=10)      # a number, not null


def test_a_minibatch_trace_normalises_with_the_batch_statistics(capsys, tmp_path):
    model = bn_model(tmp_path)
    code, out, err = run_main(capsys, "trace", model, "--input", "0.1,0.2;0.3,-1;2,1",
                              "--target", "1;0;1")
    assert code == 0, err
    tr = strict_json(out)
    want = Network.load(model).trace(np.array([[0.1, 0.2], [0.3, -1], [2, 1]]),
                                     np.array([[1.0], [0.0], [1.0]]))
    assert tr["mode"] == "training" and tr["note"] == ""
    layer = tr["layers"][0]
    for key in ("bn_mean", "bn_var", "bn_xhat", "bn_out", "grad_gamma", "grad_beta"):
        np.testing.assert_allclose(layer[key], want["layers"][0][key], rtol=1e-12)
    assert len(layer["bn_xhat"]) == 3 and len(layer["z"]) == 3
    np.testing.assert_allclose(layer["bn_mean"], np.mean(layer["z"], axis=0), rtol=1e-12)


def test_a_single_sample_trace_of_a_bn_model_uses_running_statistics_and_says_so(capsys, tmp_path):
    model = bn_model(tmp_path)
    code, out, err = run_main(capsys, "trace", model, "--input", "0.1,0.2", "--target", "1")
    assert code == 0, err
    tr = strict_json(out)
    assert tr["mode"] == "evaluation" and "running statistics" in tr["note"]
    assert "running statistics" in err
    np.testing.assert_allclose(tr["layers"][0]["bn_mean"], [0.1, -0.2, 0.3])
    np.testing.assert_allclose(tr["layers"][0]["bn_var"], [0.5, 2.0, 1.5])


def test_gradcheck_of_a_minibatch_through_batch_norm_agrees(capsys, tmp_path):
    code, out, err = run_main(capsys, "gradcheck", bn_model(tmp_path), "--input",
                              "0.1,0.2;0.3,-1;2,1", "--target", "1;0;1", "--json")
    assert code == 0 and strict_json(out)["ok"]


@pytest.mark.parametrize("argv,words", [
    (["train", "--data", "builtin:circle", "--batch-norm", "--batch", "1"], ["batch of one"]),
    (["train", "--data", "builtin:circle", "--init", "normal:0"], ["--init", "normal"]),
    (["train", "--data", "builtin:circle", "--init", "gauss"], ["--init", "normal:SIGMA"]),
    (["train", "--data", "builtin:circle", "--lr-schedule", "cosine"], ["cosine:EPOCHS"]),
    (["train", "--data", "builtin:circle", "--lr-schedule", "exp:0"], ["positive"]),
    (["trace", "MODEL", "--input", "1,2;3", "--target", "1;0"], ["different numbers"]),
    (["trace", "MODEL", "--input", "1,2;3,4", "--target", "1"], ["2 samples", "1"]),
    (["trace", "MODEL", "--input", "1,x", "--target", "1"], ["';'"]),
])
def test_remedy_mistakes_are_one_line_and_exit_2(capsys, tmp_path, argv, words):
    argv = [bn_model(tmp_path) if a == "MODEL" else a for a in argv]
    assert_user_error(*run_main(capsys, *argv, *(["--epochs", "1"] if argv[0] == "train" else [])),
                      *words)


@pytest.mark.parametrize("extra,words", [
    (["--batch-norm", "--residual", "--layers", "4,4"], ["batch_norm=dict(", "residual=True"]),
    (["--lr-schedule", "exp:0.9"], ["SCHEDULE = ('exp', 0, 0.9)"])])
def test_pytorch_export_carries_the_remedies_and_the_schedule(capsys, tmp_path, extra, words):
    out = tmp_path / "run.py"
    code, _, err = run_main(capsys, "train", "--data", "builtin:circle", "--epochs", "1",
                            "--export-pytorch", str(out), *extra)
    assert code == 0, err
    text = out.read_text()
    compile(text, str(out), "exec")
    assert all(w in text for w in words)
