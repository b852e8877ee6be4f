"""Saturated units: where a is 0 or 1 in floats no number of its digits gives ln a or ln(1 − a);
the loss is then written from z, and the written numbers, worked out, still give the value shown."""
from __future__ import annotations

import math
import re

import numpy as np
import pytest

from backpropviz import explain
from backpropviz.engine import Network
from backpropviz.export import worked_example_markdown


def pencil(text: str) -> float:
    """Work out a line's written arithmetic as a reader would (ln, e^, ², ½, ·, ×)."""
    s = (text.replace("−", "-").replace("·", "*").replace("×", "*").replace("[", "(")
         .replace("]", ")").replace("½", "0.5").replace("²", "**2"))
    s = re.sub(r"e\^(\([^()]*\)|[-+0-9.e]+)", r"exp(\1)", s)
    s = re.sub(r"ln ([-+0-9.e]+)", r"log(\1)", s).replace("ln(1 + ", "log1p(").replace("ln(", "log(")
    # (ln(1 + x) as log1p: a float adding 1 + 4e-18 loses what paper keeps)
    return eval(s, {"__builtins__": {}, "exp": math.exp, "log": math.log,  # noqa: S307
                    "log1p": math.log1p})


def _holds(line) -> None:
    assert pencil(line.numeric) == pytest.approx(line.value, rel=1e-4, abs=1e-300), \
        f"{line.numeric} = {line.value}"


def _one_layer(act: str, loss: str, z: list[float]) -> Network:
    """A network of one layer whose output pre-activations on input [1] are z."""
    net = Network.build([1, len(z)], [act], loss, seed=0)
    net.weights[0][:, 0] = z
    net.bias[0][:] = 0.0
    return net


@pytest.mark.parametrize("z,t", [(40.0, 0.0),      # confidently wrong: a prints as 1
                                 (-40.0, 1.0),      # confidently wrong the other way
                                 (40.0, 1.0),       # confidently right: the loss is 4e-18
                                 (16.0, 0.0),       # a = 0.99999989, printed 1
                                 (0.3775, 0.01),    # an ordinary unit
                                 (800.0, 0.0)])     # beyond any e^z a float holds
def test_the_bce_loss_of_a_sigmoid_holds_with_a_pencil(z, t):
    net = _one_layer("sigmoid", "bce", [z])
    trace = net.trace([1.0], [t])
    line = explain.loss_lines(net, trace)[0]
    assert math.isfinite(line.value)
    if abs(z) < 700:       # (e^800 is beyond a float for the pencil here too, not for paper)
        _holds(line)
    assert not re.search(r"ln\(1 − 1\)|ln 0(?![.\d])", line.numeric), line.numeric


@pytest.mark.parametrize("z,t", [([800.0, 0.0, 0.0], [0, 1, 0]),    # a_2 underflows to 0
                                 ([30.0, 0.0, -5.0], [0, 0, 1]),
                                 ([0.5, 0.2, -0.1], [1, 0, 0])])
def test_the_cross_entropy_of_a_softmax_holds_with_a_pencil(z, t):
    net = _one_layer("softmax", "cross_entropy", z)
    line = explain.loss_lines(net, net.trace([1.0], t))[0]
    assert math.isfinite(line.value)
    if max(z) < 700:
        _holds(line)
    else:
        assert not re.search(r"ln 0(?![.\d])", line.numeric), line.numeric


@pytest.mark.parametrize("a,t", [(0.9999999, 1.0), (0.25, 0.5), (1e-9, 0.0)])
def test_the_squared_error_holds_with_a_pencil_when_a_is_within_six_digits_of_t(a, t):
    net = _one_layer("linear", "mse", [a])
    _holds(explain.loss_lines(net, net.trace([1.0], [t]))[0])


@pytest.mark.parametrize("z", [16.0, 0.3775, -16.0, 40.0])
def test_the_sigmoid_slope_holds_with_a_pencil(z):
    a = 1 / (1 + math.exp(-z))
    _holds(explain._derivative_line("sigmoid", z, a))


def test_the_markdown_writes_the_saturated_loss_from_z():
    net = _one_layer("sigmoid", "bce", [40.0])
    md = worked_example_markdown(net, net.trace([1.0], [0.0]))
    assert "ln(1 − 1)" not in md and "ln(1 + e^40)" in md
