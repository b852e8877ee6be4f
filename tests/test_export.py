"""File > Export without a window: trace JSON, the worked-example Markdown, atomic writes."""
from __future__ import annotations

import json
import math

import numpy as np
import pytest

from backpropviz.engine import Network
from backpropviz.explain import fmt
from backpropviz.engine.history import History
from backpropviz.export import (MAX_NEURONS, SHOWN_NEURONS, history_csv, save_text, to_json_value,
                                trace_json, worked_example_markdown)


def mazur() -> Network:
    """Matt Mazur's "A Step by Step Backpropagation Example": 2-2-2 sigmoid, half_sse."""
    net = Network([2, 2, 2], "sigmoid", "half_sse")
    net.weights[0][...] = [[0.15, 0.20], [0.25, 0.30]]
    net.bias[0][...] = [0.35, 0.35]
    net.weights[1][...] = [[0.40, 0.45], [0.50, 0.55]]
    net.bias[1][...] = [0.60, 0.60]
    return net


MAZUR_SAMPLE = ([0.05, 0.10], [0.01, 0.99])


def small_nets():
    """Every head the engine has, on networks narrow enough to be shown in full."""
    rng = np.random.default_rng(7)
    cases = [([3, 4, 2], ["tanh", "linear"], "mse", rng.normal(size=2)),
             ([2, 3, 1], ["relu", "sigmoid"], "bce", [1.0]),
             ([4, 5, 3], ["leaky_relu", "softmax"], "cross_entropy", [0.0, 1.0, 0.0]),
             ([2, 3, 3, 2], ["sigmoid", "tanh", "sigmoid"], "half_sse", [0.2, 0.7])]
    for k, (sizes, acts, loss, target) in enumerate(cases):
        net = Network.build(sizes, acts, loss, seed=k)
        net.bias[0][...] = rng.normal(size=sizes[1])
        yield net, rng.normal(size=sizes[0]), np.asarray(target, dtype=float)


# --- JSON ---------------------------------------------------------------------------------------
def test_to_json_value_turns_arrays_numpy_scalars_and_non_finite_numbers_into_json():
    value = {"a": np.array([1.0, np.nan, np.inf]), "b": (np.float32(0.5), np.int64(3)),
             "c": np.bool_(True), "d": [float("-inf"), "text", None], "e": np.array([[1, 2]])}
    out = to_json_value(value)
    assert out == {"a": [1.0, None, None], "b": [0.5, 3], "c": True, "d": [None, "text", None],
                   "e": [[1, 2]]}
    assert type(out["b"][1]) is int and type(out["c"]) is bool
    json.dumps(out, allow_nan=False)


def test_trace_json_holds_every_number_of_the_trace():
    net = mazur()
    trace = net.trace(*MAZUR_SAMPLE, lr=0.5)
    text = trace_json(trace)
    assert text.endswith("\n")
    back = json.loads(text)
    assert back["loss"] == trace["loss"] and back["lr"] == 0.5
    np.testing.assert_array_equal(back["layers"][1]["grad_weights"], trace["layers"][1]["grad_weights"])
    assert back["updated"] == trace["updated"]


def test_trace_json_writes_a_diverged_trace_as_null_not_nan():
    net = Network([1, 1], "linear", "mse", params=np.array([1e200, 0.0]))
    trace = net.trace([1e200], [0.0], lr=0.1)
    assert not math.isfinite(trace["loss"])
    assert json.loads(trace_json(trace))["loss"] is None


def test_save_text_writes_the_file_and_leaves_no_temporary_behind(tmp_path):
    path = tmp_path / "worked.md"
    save_text(path, "# α\n")
    save_text(path, "# β\n")
    assert path.read_text(encoding="utf-8") == "# β\n"
    assert [p.name for p in tmp_path.iterdir()] == ["worked.md"]


# --- the worked example ---------------------------------------------------------------------------
def test_mazur_worked_example_carries_the_published_numbers():
    net = mazur()
    md = worked_example_markdown(net, net.trace(*MAZUR_SAMPLE, lr=0.5))
    for number in ["0.3775", "0.59327", "0.751365", "0.772928",   # z of h1, a of h1, o1, o2
                   "0.298371",                                    # the loss
                   "0.138499", "0.082167",                        # delta of o1, dL/dw5
                   "0.358916", "0.408666", "0.511301", "0.56137", # new w5..w8
                   "0.149781", "0.199561", "0.249751", "0.299502"]:  # new w1..w4
        assert number in md, number


def test_mazur_worked_example_is_in_order_and_names_the_network():
    net = mazur()
    md = worked_example_markdown(net, net.trace(*MAZUR_SAMPLE, lr=0.5), title="Mazur by hand")
    assert md.startswith("# Mazur by hand\n") and md.endswith("\n")
    heads = [line for line in md.splitlines() if line.startswith("## ")]
    assert heads == ["## The network", "## The sample", "## 1. Forward pass", "## 2. Loss",
                     "## 3. Backward pass", "## 4. Update"]
    assert "2 inputs → 2 sigmoid → 2 sigmoid" in md and "η = 0.5" in md
    assert "x = (0.05, 0.1)" in md and "t = (0.01, 0.99)" in md
    backward = md.split("## 3. Backward pass")[1]
    assert backward.index("### Layer 2") < backward.index("### Layer 1")   # from the output back


def number_of_every_kind(net: Network, trace: dict) -> list[str]:
    nums = [fmt(trace["loss"])]
    for k, layer in enumerate(trace["layers"]):
        for key in ("z", "a", "delta", "grad_weights", "grad_bias"):
            nums += [fmt(v) for v in np.ravel(layer[key])]
        up = trace["updated"]["layers"][k]
        nums += [fmt(v) for v in np.ravel(up["weights"])] + [fmt(v) for v in up["bias"]]
    return nums


@pytest.mark.parametrize("case", range(4))
def test_every_number_of_a_small_network_appears_in_the_markdown(case):
    net, x, t = list(small_nets())[case]
    trace = net.trace(x, t, lr=0.3)
    md = worked_example_markdown(net, trace)
    missing = [n for n in number_of_every_kind(net, trace) if n not in md]
    assert not missing


def test_the_markdown_maths_stands_in_display_blocks_and_nowhere_else():
    net, x, t = list(small_nets())[2]
    md = worked_example_markdown(net, net.trace(x, t, lr=0.1))
    lines = md.splitlines()
    opens = [i for i, line in enumerate(lines) if line == "$$"]
    assert len(opens) >= 8 and len(opens) % 2 == 0
    maths = set()
    for i, j in zip(opens[::2], opens[1::2]):
        assert j == i + 2 and lines[i - 1] == "" and lines[j + 1] == ""   # one formula line
        maths.add(i + 1)
    # outside the displays, no dollar sign a renderer could take for maths
    assert not any("$" in line for i, line in enumerate(lines) if i not in maths and line != "$$")
    assert "nan" not in md.lower()


def test_a_wide_layer_shows_a_few_neurons_in_full_and_the_values_of_the_rest():
    net = Network.build([12, 20, 10], ["relu", "softmax"], "cross_entropy", seed=3)
    rng = np.random.default_rng(1)
    trace = net.trace(rng.normal(size=12), np.eye(10)[4], lr=0.1)
    md = worked_example_markdown(net, trace)
    forward = md.split("## 1. Forward pass")[1].split("## 2. Loss")[0]
    assert forward.count("**Neuron 1**") == 2 and "**Neuron 4**" not in forward
    assert f"The other {20 - SHOWN_NEURONS} neurons" in forward
    assert f"The other {10 - SHOWN_NEURONS} neurons" in forward
    for k in range(2):
        for v in np.concatenate([trace["layers"][k]["z"], trace["layers"][k]["a"],
                                 trace["layers"][k]["delta"]]):
            assert fmt(v) in md
    assert "too many to list" in md and 20 > MAX_NEURONS
    # a neuron with 12 inputs shows its 7 largest terms and the sum of the other 5
    assert "(the other 5 terms)" in md


def test_importing_export_pulls_in_neither_numba_nor_the_engine():
    """The command line imports to_json_value at start-up; --help must stay quick."""
    import subprocess
    import sys
    code = ("import sys, backpropviz.export; "
            "print([m for m in sys.modules if m.startswith(('numba', 'backpropviz.engine'))])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_history_csv_has_one_row_per_evaluation():
    h = History(2)
    h.add_eval(10, 0.5, (0.7, 0.6), (0.8, 0.55))
    h.add_eval(20, 1.0, (0.5, 0.75), (0.6, 0.7))
    lines = history_csv(h).strip().splitlines()
    assert lines[0] == "step,epoch,train_loss,test_loss,train_accuracy,test_accuracy"
    assert lines[2].split(",")[:4] == ["20", "1.0000", "0.5", "0.6"]
    assert history_csv(h, classification=False).strip().splitlines()[1].endswith(",,")


def test_history_csv_holds_the_evaluations_history_kept():
    h = History(1, eval_capacity=8)
    for i in range(1, 101):
        h.add_eval(10 * i, i / 10, (1.0 / i, 0.5), (2.0 / i, 0.4))
    v = h.eval_view()
    rows = history_csv(h).strip().splitlines()[1:]
    assert [int(r.split(",")[0]) for r in rows] == list(10 * v.number)
