"""The inspector's worked arithmetic: every formula, read back with the numbers as written,
gives the result as written (rounding must never make a formula look wrong)."""
import math
import re

import numpy as np
import pytest

from backpropviz import explain
from backpropviz.engine import Network
from backpropviz.engine.activations import LEAKY_SLOPE
from backpropviz.engine.stepper import Stepper

NUMBER = r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?"


def ln(x):
    return math.log(x)


FUNCS = {"σ": lambda z: 1 / (1 + math.exp(-z)), "tanh": math.tanh, "relu": lambda z: max(0.0, z),
         "lrelu": lambda z: z if z > 0 else LEAKY_SLOPE * z, "id": lambda z: z}


def evaluate(numeric: str) -> float:
    """Read a worked line's numbers as a person would and compute them."""
    e = numeric.replace("×", "*").replace("·", "*").replace("−", "-").replace("½", "0.5")
    e = e.replace("²", "**2").replace("[", "(").replace("]", ")")
    e = re.sub(rf"e\^(\({NUMBER}\)|{NUMBER})", r"exp(\1)", e)
    e = re.sub(rf"ln ({NUMBER})", r"ln(\1)", e)
    e = re.sub(r"(σ|tanh|lrelu|relu|id)\(", lambda m: f"F['{m.group(1)}'](", e)
    return eval(e, {"exp": math.exp, "ln": ln, "F": FUNCS, "__builtins__": {}})


def check(lines):
    for line in lines:
        if not line.numeric or line.value is None or line.numeric.startswith("z ="):
            continue
        shown = float(explain.fmt(line.value))
        again = evaluate(line.numeric)
        nums = [abs(float(x)) for x in re.findall(NUMBER, line.numeric)] + [abs(shown)]
        assert again == pytest.approx(shown, rel=1e-5, abs=1e-13 * max(nums)), line.text()


def every_line(net, x, t, lr=0.5):
    st = Stepper(net, x, t, lr=lr)
    st.run_to("full")
    trace, before = st.trace, st.net_before()
    out = []
    for j in range(net.sizes[0]):
        out += explain.input_lines(trace, j)
    out += explain.loss_lines(before, trace)
    for layer in range(1, net.n_layers + 1):
        for u in range(net.sizes[layer]):
            out += explain.forward_lines(before, trace, layer, u)
            out += explain.backward_lines(before, trace, layer, u)
            out += explain.update_lines(before, trace, layer, u)
    return out


@pytest.mark.parametrize("hidden, out, loss", [
    ("sigmoid", "sigmoid", "half_sse"), ("tanh", "linear", "mse"), ("relu", "sigmoid", "bce"),
    ("leaky_relu", "softmax", "cross_entropy"), ("linear", "softmax", "mse"),
    ("tanh", "softmax", "cross_entropy")])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_written_line_recomputes_to_its_shown_result(hidden, out, loss, seed):
    rng = np.random.default_rng(seed)
    sizes = [3, 12, 4, 3 if out == "softmax" else 2]     # 12 inputs to a layer: the "other terms"
    net = Network.build(sizes, [hidden, hidden, out], loss, seed=seed)
    net.params[...] = rng.normal(0, 1.5, net.params.shape)
    x = rng.normal(size=3)
    t = np.eye(sizes[-1])[1] if loss in ("cross_entropy", "bce") else rng.normal(size=sizes[-1])
    if loss == "bce":
        t = np.array([1.0, 0.0])
    check(every_line(net, x, t))


def test_a_nearly_certain_output_is_not_written_as_ln_1():
    """The issue's case: L = −(1·ln 1) = 9.52009e-8. The output has to be written with enough
    digits for its logarithm to give the loss."""
    net = Network.build([1, 2], ["softmax"], "cross_entropy", seed=0)
    net.weights[0][...] = [[8.0], [-8.0]]
    net.bias[0][...] = [0.0, 0.0]
    st = Stepper(net, [1.0], [1.0, 0.0], lr=0.1)
    st.run_to("forward")
    (line,) = explain.loss_lines(net, st.trace)
    assert "ln 1)" not in line.numeric
    assert line.text().endswith(explain.fmt(st.loss)) and 1e-8 < st.loss < 2e-7
    check([line])
    bce = Network.build([1, 1], ["sigmoid"], "bce", seed=0)
    bce.weights[0][...] = [[16.0]]
    st = Stepper(bce, [1.0], [1.0], lr=0.1)
    st.run_to("forward")
    (line,) = explain.loss_lines(bce, st.trace)
    assert "ln 1 " not in line.numeric and "ln 1)" not in line.numeric
    check([line])


def test_plain_numbers_keep_six_digits():
    net = Network.from_dict({"format": "backpropviz.model", "version": 1, "loss": "half_sse",
                             "layers": [{"activation": "sigmoid", "weights": [[0.15, 0.2]], "bias": [0.35]}]})
    st = Stepper(net, [0.05, 0.1], [0.01], lr=0.5)
    st.run_to("forward")
    z, a = explain.forward_lines(net, st.trace, 1, 0)
    assert z.text() == "z = w1·x1 + w2·x2 + b = 0.15×0.05 + 0.2×0.1 + 0.35 = 0.3775"
    assert a.text() == "a = σ(z) = 1 / (1 + e^−z) = σ(0.3775) = 0.59327"


def test_frozen_biases_are_said_to_stay():
    net = Network.build([2, 1], ["sigmoid"], "half_sse", seed=0)
    st = Stepper(net, [0.5, 0.1], [1.0], lr=0.5, train_biases=False)
    st.run_to("full")
    b = explain.update_lines(st.net_before(), st.trace, 1, 0)[-1]
    assert b.symbolic.startswith("b stays") and b.value == st.net_before().bias[0][0]


def test_frozen_biases_with_batch_norm_say_gamma_and_beta_stay_with_their_values():
    rng = np.random.default_rng(3)
    net = Network.build([2, 3, 1], ["tanh", "sigmoid"], "bce", seed=0, batch_norm=True)
    net.gamma[0][...], net.beta[0][...] = [0.9, 1.1, 1.2], [0.1, -0.2, 0.3]
    X = rng.normal(size=(4, 2))
    st = Stepper(net, X[0], [1.0], lr=0.5, train_biases=False, others=(X[1:], [[0.0], [1.0], [0.0]]))
    st.run_to("full")
    lines = explain.update_lines(st.net_before(), st.trace, 1, 2)
    by_start = {line.symbolic.split()[0]: line for line in lines}
    assert by_start["γ"].symbolic == "γ stays (Train biases is off)" and by_start["γ"].value == 1.2
    assert by_start["β"].symbolic == "β stays (Train biases is off)" and by_start["β"].value == 0.3
    assert net.gamma[0][2] == 1.2 and net.beta[0][2] == 0.3
    st.set_train_biases(True)
    st.prev()
    st.run_to("full")
    lines = explain.update_lines(st.net_before(), st.trace, 1, 2)
    assert any(line.symbolic.startswith("γ ← γ − η") for line in lines)


def test_short_labels_never_read_minus_zero_and_epochs_show_no_empty_decimals():
    assert explain.fmt_fixed(-0.004) == "0.00" and explain.fmt_fixed(-0.006) == "-0.01"
    assert explain.fmt_fixed(0.5) == "0.50" and explain.fmt_fixed(-123.4) == "-123"
    assert explain.fmt_epoch(19569, 0.0) == "19,569"
    assert explain.fmt_epoch(12, 0.375) == "12.38"
