"""Backprop against central finite differences and against the plain-NumPy reference."""
import itertools

import numpy as np
import pytest

from backpropviz.engine import Network, reference
from backpropviz.engine.gradcheck import gradcheck

HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "linear", "softmax"]
HEADS = [("mse", "linear"), ("mse", "sigmoid"), ("mse", "tanh"), ("mse", "softmax"),
         ("half_sse", "linear"), ("half_sse", "sigmoid"), ("half_sse", "relu"),
         ("half_sse", "leaky_relu"),
         ("bce", "sigmoid"),
         ("cross_entropy", "softmax")]


def _random_case(seed, hidden, loss, out_act):
    """A random network and batch whose ReLU units all sit at least 0.01 from their kink
    (finite differences are not valid across a kink; see gradcheck)."""
    for attempt in range(100):
        net, X, T = _draw(seed * 100 + attempt, hidden, loss, out_act)
        zs, _ = reference.forward(net.weights, net.bias, net.activations, X)
        if all(np.abs(z).min() > 1e-2 for z, f in zip(zs, net.activations) if "relu" in f):
            return net, X, T
    raise AssertionError("no kink-free case found")


def _draw(seed, hidden, loss, out_act):
    rng = np.random.default_rng(seed)
    n_layers = rng.integers(1, 4)
    sizes = [int(rng.integers(1, 6))] + [int(rng.integers(2, 6)) for _ in range(n_layers - 1)]
    n_out = int(rng.integers(2, 5)) if out_act == "softmax" else int(rng.integers(1, 5))
    sizes.append(n_out)
    acts = [hidden] * (len(sizes) - 2) + [out_act]
    net = Network.build(sizes, acts, loss, seed=seed)
    net.params[...] = rng.normal(scale=0.8, size=net.params.size)   # biases non-zero too
    B = int(rng.integers(1, 5))
    X = rng.normal(size=(B, sizes[0]))
    if loss == "cross_entropy":
        T = np.zeros((B, n_out))
        T[np.arange(B), rng.integers(0, n_out, B)] = 1.0
    elif loss == "bce":
        T = rng.uniform(0, 1, size=(B, n_out))
    else:
        T = rng.normal(size=(B, n_out))
    return net, X, T


CASES = list(itertools.product(HIDDEN, HEADS))


@pytest.mark.parametrize("hidden,head", CASES)
def test_backprop_matches_finite_differences(hidden, head):
    loss, out_act = head
    for seed in range(8):
        net, X, T = _random_case(100 * CASES.index((hidden, head)) + seed, hidden, loss, out_act)
        before = net.params.copy()
        res = gradcheck(net, X, T)
        assert res.kink_distance > 1e-2
        assert res.worst_relative < 1e-5, (net, res.worst_relative, res.worst_index)
        assert np.array_equal(net.params, before)


@pytest.mark.parametrize("hidden,head", list(itertools.product(HIDDEN, HEADS)))
def test_kernels_match_numpy_reference(hidden, head):
    loss, out_act = head
    net, X, T = _random_case(7, hidden, loss, out_act)
    value, grads = net.gradients(X, T)
    ref_value, ref_gw, ref_gb, ref_deltas = reference.gradients(net.weights, net.bias,
                                                                net.activations, loss, X, T)
    gw, gb = net.split(grads)
    assert value == pytest.approx(ref_value, rel=1e-12, abs=1e-14)
    for k in range(net.n_layers):
        np.testing.assert_allclose(gw[k], ref_gw[k], rtol=1e-10, atol=1e-13)
        np.testing.assert_allclose(gb[k], ref_gb[k], rtol=1e-10, atol=1e-13)
    # per-sample deltas through trace
    tr = net.trace(X[0], T[0])
    _, _, _, deltas0 = reference.gradients(net.weights, net.bias, net.activations, loss, X[:1], T[:1])
    zs, as_ = reference.forward(net.weights, net.bias, net.activations, X[:1])
    for k, layer in enumerate(tr["layers"]):
        np.testing.assert_allclose(layer["z"], zs[k][0], rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(layer["a"], as_[k][0], rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(layer["delta"], deltas0[k][0], rtol=1e-10, atol=1e-13)


def test_gradcheck_detects_a_wrong_gradient(monkeypatch):
    """The check itself can fail: corrupt one backprop entry and it must be found."""
    net, X, T = _random_case(1, "tanh", "mse", "linear")
    real = Network.gradients

    def corrupted(self, X, T, training=True):
        value, g = real(self, X, T, training)
        g[3] *= 1.001
        return value, g
    monkeypatch.setattr(Network, "gradients", corrupted)
    res = gradcheck(net, X, T)
    assert res.worst_index == 3 and res.worst_relative > 1e-4


def test_large_batch_uses_blas_path_and_still_matches_reference():
    rng = np.random.default_rng(3)
    net = Network.build([30, 40, 5], ["relu", "softmax"], "cross_entropy", seed=3)
    X = rng.normal(size=(64, 30))
    T = np.eye(5)[rng.integers(0, 5, 64)]
    value, grads = net.gradients(X, T)
    ref_value, ref_gw, ref_gb, _ = reference.gradients(net.weights, net.bias, net.activations,
                                                        "cross_entropy", X, T)
    gw, gb = net.split(grads)
    assert value == pytest.approx(ref_value, rel=1e-12)
    for k in range(2):
        np.testing.assert_allclose(gw[k], ref_gw[k], rtol=1e-10, atol=1e-13)
        np.testing.assert_allclose(gb[k], ref_gb[k], rtol=1e-10, atol=1e-13)


def test_mazur_worked_example_numbers():
    """The published step-by-step example (Matt Mazur, 'A Step by Step Backpropagation Example'):
    total error 0.298371109, w5 -> 0.35891648, w1 -> 0.149780716 after one step with lr 0.5."""
    d = {"format": "backpropviz.model", "version": 1, "loss": "half_sse",
         "layers": [{"activation": "sigmoid", "weights": [[0.15, 0.20], [0.25, 0.30]], "bias": [0.35, 0.35]},
                    {"activation": "sigmoid", "weights": [[0.40, 0.45], [0.50, 0.55]], "bias": [0.60, 0.60]}]}
    tr = Network.from_dict(d).trace([0.05, 0.10], [0.01, 0.99], lr=0.5)
    assert tr["loss"] == pytest.approx(0.298371109, abs=1e-9)
    assert tr["layers"][0]["a"][0] == pytest.approx(0.593269992, abs=1e-9)
    assert tr["layers"][1]["a"][0] == pytest.approx(0.75136507, abs=1e-8)
    up = tr["updated"]["layers"]
    assert up[1]["weights"][0][0] == pytest.approx(0.35891648, abs=1e-8)
    assert up[1]["weights"][1][1] == pytest.approx(0.561370121, abs=1e-9)
    assert up[0]["weights"][0][0] == pytest.approx(0.149780716, abs=1e-9)
    assert up[0]["weights"][1][1] == pytest.approx(0.29950229, abs=1e-8)


@pytest.mark.parametrize("loss,out_act", [("bce", "sigmoid"), ("cross_entropy", "softmax"),
                                          ("mse", "sigmoid")])
def test_saturated_outputs_give_finite_loss_and_gradients(loss, out_act):
    n_out = 3
    net = Network.build([2, n_out], [out_act], loss, seed=0)
    net.weights[0][...] = [[800.0, 0.0], [-800.0, 0.0], [0.0, 0.0]]
    X = np.array([[1.0, 0.0], [-1.0, 0.0]])
    T = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])   # confidently wrong
    value, grads = net.gradients(X, T)
    assert np.isfinite(value)
    assert value > (0.5 if loss == "mse" else 100.0)     # log losses grow with the logit
    assert np.all(np.isfinite(grads))
    tr = net.trace(X[0], T[0])
    assert np.all(np.isfinite(tr["output_grad"]))


def test_log_losses_refuse_outputs_they_cannot_train():
    from backpropviz.engine import EngineError
    with pytest.raises(EngineError, match="bce.*sigmoid"):
        Network.build([2, 3], ["softmax"], "bce")
    with pytest.raises(EngineError, match="cross_entropy.*softmax"):
        Network.build([2, 3], ["sigmoid"], "cross_entropy")


def test_sigmoid_bce_loss_from_logits_is_exact_where_probabilities_round_to_one():
    net = Network.build([1, 1], ["sigmoid"], "bce", seed=0)
    net.weights[0][0, 0] = 1.0
    value, _ = net.gradients([[40.0]], [[0.0]])     # sigmoid(40) == 1.0 in float64
    assert value == pytest.approx(40.0, rel=1e-12)   # -log(1 - sigmoid(40)) = softplus(40)
