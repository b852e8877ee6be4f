"""The inspector's arithmetic and the Markdown worked example through batch normalization and
residual connections: every line's value is the engine's number, and the numbers a reader
would combine give it back."""
import re

import numpy as np
import pytest

from backpropviz import explain
from backpropviz.engine import Network
from backpropviz.engine.stepper import Stepper
from backpropviz.export import worked_example_markdown


def case(batch: bool):
    rng = np.random.default_rng(11)
    net = Network.build([2, 3, 3, 2], ["tanh", "sigmoid", "linear"], "mse", seed=11,
                        residual=True, batch_norm=True)
    net.params[...] = rng.normal(scale=0.7, size=net.params.size)
    net.bn_stats[...] = rng.uniform(0.5, 1.5, size=net.bn_stats.size)
    X, T = rng.normal(size=(4, 2)), rng.normal(size=(4, 2))
    st = Stepper(net, X[0], T[0], lr=0.2, others=(X[1:], T[1:]) if batch else None)
    return net, st.trace, st.net_before()


def lines_by_title(lines):
    out = {}
    for ln in lines:
        out.setdefault(ln.title, []).append(ln)
    return out


def evaluate(numeric: str) -> float:
    """The arithmetic of a line as a reader would do it (×, −, √, powers)."""
    expr = numeric.replace("×", "*").replace("−", "-").replace("√", "np.sqrt").replace("²", "**2")
    return float(eval(expr, {"np": np}))


@pytest.mark.parametrize("batch", [False, True])
def test_forward_lines_walk_through_normalisation_and_the_skip(batch):
    net, tr, before = case(batch)
    for unit in range(3):
        lines = lines_by_title(explain.forward_lines(before, tr, 2, unit))
        t = tr["layers"][1]
        assert lines["Normalised"][0].value == t["bn_xhat"][unit]
        assert lines["Scale and shift"][0].value == t["bn_out"][unit]
        assert lines["Activation"][0].value == t["f"][unit]
        assert lines["Skip"][0].value == t["a"][unit]
        for title in ("Normalised", "Scale and shift", "Skip"):
            ln = lines[title][0]
            assert evaluate(ln.numeric) == pytest.approx(ln.value, rel=1e-4, abs=1e-5), ln.text()
        names = set(lines)
        assert ({"Batch mean", "Batch variance"} <= names) == batch
        assert ({"Running mean", "Running variance"} <= names) == (not batch)
        if batch:
            for title in ("Batch mean", "Batch variance"):
                ln = lines[title][0]
                assert evaluate(ln.numeric) == pytest.approx(ln.value, rel=1e-4, abs=1e-5)


@pytest.mark.parametrize("batch", [False, True])
def test_backward_lines_show_both_paths_and_the_batch_coupling(batch):
    net, tr, before = case(batch)
    for unit in range(3):
        lines = lines_by_title(explain.backward_lines(before, tr, 1, unit))
        t = tr["layers"][0]
        both = lines["Both paths"][0]            # layer 2 has a skip: two paths into layer 1
        assert both.value == pytest.approx(t["grad_a"][unit], rel=1e-12)
        assert evaluate(both.numeric) == pytest.approx(both.value, rel=1e-4, abs=1e-5)
        signal = lines["Error signal"][-1]
        assert signal.value == t["delta"][unit]
        assert evaluate(signal.numeric) == pytest.approx(signal.value, rel=1e-4, abs=1e-5)
        assert ("Batch coupling" in lines) == batch
        assert lines["γ gradient"][0].value == t["grad_gamma"][unit]
        for ln in lines["Weight gradient"] + lines["Bias gradient"][:1]:
            if ln.numeric:
                assert evaluate(ln.numeric) == pytest.approx(ln.value, rel=1e-4, abs=1e-5)


def test_update_lines_move_gamma_and_beta():
    net, tr, before = case(True)
    lines = explain.update_lines(before, tr, 1, 0)
    gam = [ln for ln in lines if ln.symbolic.startswith("γ")][0]
    assert gam.value == pytest.approx(tr["updated"]["layers"][0]["batch_norm"]["gamma"][0])
    assert evaluate(gam.numeric) == pytest.approx(gam.value, rel=1e-5)


@pytest.mark.parametrize("batch", [False, True])
def test_the_worked_example_covers_the_new_layers(batch):
    net, tr, before = case(batch)
    md = worked_example_markdown(before, tr)
    t = tr["layers"][1]
    for key in ("bn_xhat", "bn_out", "f", "grad_gamma", "grad_beta"):
        for v in np.ravel(t[key]):
            assert explain.fmt(v) in md, key
    assert "batch-normalised" in md and "with a skip" in md
    assert ("minibatch of 4" in md) == batch
    assert "nan" not in md.lower()
