"""The loss along a parameter and over two: the slope is backprop's gradient, the values the loss."""
from __future__ import annotations

import numpy as np
import pytest

from backpropviz.engine import EngineError, Network
from backpropviz.engine.landscape import (activation_curve, loss_along, loss_landscape,
                                          parameter_index, parameter_name, slope_check,
                                          verdict_of)
from backpropviz.engine import reference


def _net_and_data(seed=0, acts=("tanh", "sigmoid"), loss="bce", sizes=(3, 5, 1), n=17):
    rng = np.random.default_rng(seed)
    net = Network.build(list(sizes), list(acts), loss, seed=seed)
    X = rng.normal(size=(n, sizes[0]))
    T = (rng.random((n, sizes[-1])) > 0.5).astype(float)
    return net, X, T


def test_the_loss_along_a_parameter_is_the_engine_s_loss_at_each_value():
    net, X, T = _net_and_data()
    i = parameter_index(net, 0, 2, 1)
    before = net.params.copy()
    values = np.linspace(-2, 2, 9)
    curve = loss_along(net, X, T, i, values)
    np.testing.assert_array_equal(net.params, before)         # left as it was
    for v, loss in zip(values, curve):
        other = net.copy()
        other.params[i] = v
        assert loss == pytest.approx(other.evaluate(X, T)[0], rel=1e-12)


def test_the_landscape_holds_the_loss_at_every_point_of_the_plane():
    net, X, T = _net_and_data(sizes=(2, 4, 3, 1), acts=("relu", "tanh", "sigmoid"))
    i = parameter_index(net, 0, 1, 0)
    j = parameter_index(net, 2, 0, None)          # a bias of another layer
    xs, ys = np.linspace(-1, 1, 7), np.linspace(-3, 3, 5)
    grid = loss_landscape(net, X, T, i, xs, j, ys)
    assert grid.shape == (5, 7)
    for r in (0, 2, 4):
        for c in (0, 3, 6):
            other = net.copy()
            other.params[i], other.params[j] = xs[c], ys[r]
            assert grid[r, c] == pytest.approx(other.evaluate(X, T)[0], rel=1e-12)


@pytest.mark.parametrize("seed", range(4))
def test_every_slope_equals_the_trace_gradient(seed):
    rng = np.random.default_rng(seed)
    sizes = [int(rng.integers(1, 5)) for _ in range(3)] + [2]
    acts = [str(rng.choice(["tanh", "sigmoid"])) for _ in range(2)] + ["softmax"]
    net = Network.build(sizes, acts, "cross_entropy", seed=seed)
    x = rng.normal(size=sizes[0])
    t = np.eye(2)[int(rng.integers(2))]
    trace = net.trace(x, t)
    for k, layer in enumerate(trace["layers"]):
        for unit in range(sizes[k + 1]):
            for inp in [None, *range(sizes[k])]:
                i = parameter_index(net, k, unit, inp)
                check = slope_check(net, x, t, i)
                want = layer["grad_bias"][unit] if inp is None else layer["grad_weights"][unit, inp]
                assert check.backprop == want
                assert check.numeric == pytest.approx(want, rel=1e-9, abs=1e-12)
                assert check.verdict == "good"


def test_a_wrong_gradient_gets_the_verdict_wrong():
    assert verdict_of(1e-9) == "good"
    assert verdict_of(1e-5) == "uncomfortable"
    assert verdict_of(1e-3) == "suspicious"
    assert verdict_of(0.5) == "wrong"
    assert verdict_of(float("nan")) == "wrong"


def test_parameter_names_and_indices_agree_with_the_layout():
    net, _, _ = _net_and_data()
    i = parameter_index(net, 1, 0, 4)
    assert net.weights[1][0, 4] == net.params[i]
    assert parameter_name(net, i) == "w[2]_1,5"
    assert parameter_name(net, parameter_index(net, 0, 3, None)) == "b[1]_4"
    with pytest.raises(EngineError):
        parameter_index(net, 0, 5, 0)
    with pytest.raises(EngineError):
        loss_landscape(net, np.zeros((2, 3)), np.zeros((2, 1)), i, [0], i, [0])


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu", "linear"])
def test_activation_curves_are_the_function_and_its_derivative(name):
    z = np.linspace(-4, 4, 33) + 0.01             # off the ReLU kink
    f, d = activation_curve(name, z)
    np.testing.assert_allclose(f, reference.activate(name, z.reshape(1, -1))[0], rtol=1e-14)
    h = 1e-6
    fp, _ = activation_curve(name, z + h)
    fm, _ = activation_curve(name, z - h)
    np.testing.assert_allclose(d, (fp - fm) / (2 * h), rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("pair", [((0, 1, 0), (0, 2, None)),    # the same layer, weight and bias
                                  ((0, 0, 1), (1, 2, 0)),       # a hidden layer follows each
                                  ((2, 1, 3), (0, 0, 0)),       # later layer first: transposed
                                  ((1, 3, 2), (2, 0, None)),    # softmax output layer
                                  ((2, 2, 1), (2, 2, 0))])      # one output neuron twice
def test_every_shortcut_of_the_landscape_gives_the_engine_s_loss(pair):
    net, X, T = _net_and_data(seed=5, sizes=(3, 4, 5, 3), acts=("tanh", "leaky_relu", "softmax"),
                              loss="cross_entropy", n=11)
    T = np.eye(3)[np.arange(11) % 3]
    i, j = (parameter_index(net, *p) for p in pair)
    xs, ys = np.linspace(-2, 1.5, 4), np.linspace(-1, 2.5, 3)
    grid = loss_landscape(net, X, T, i, xs, j, ys)
    for r in range(3):
        for c in range(4):
            other = net.copy()
            other.params[i], other.params[j] = xs[c], ys[r]
            assert grid[r, c] == pytest.approx(other.evaluate(X, T)[0], rel=1e-12)
    np.testing.assert_allclose(loss_along(net, X, T, j, ys),
                               [_loss_at(net, X, T, j, v) for v in ys], rtol=1e-12)


def _loss_at(net, X, T, index, value):
    other = net.copy()
    other.params[index] = value
    return other.evaluate(X, T)[0]


@pytest.mark.parametrize("opt", ["sgd", "momentum", "adam"])
def test_an_optimiser_path_is_that_optimiser_on_two_parameters(opt):
    from backpropviz.engine import OptimizerConfig
    from backpropviz.engine.landscape import optimizer_path
    net, X, T = _net_and_data(seed=3)
    i, j = parameter_index(net, 0, 0, 0), parameter_index(net, 1, 0, None)
    before = net.params.copy()
    cfg = OptimizerConfig(opt, lr=0.1, l2=0.01)
    path = optimizer_path(net, X, T, i, j, cfg, 5)
    np.testing.assert_array_equal(net.params, before)
    assert path.shape == (6, 2) and tuple(path[0]) == (before[i], before[j])
    # the same by hand: the whole network's update rule, with every other gradient zeroed
    work, m, v = net.copy(), np.zeros(net.layout.n_params), np.zeros(net.layout.n_params)
    mask = np.zeros(net.layout.n_params)
    mask[[i, j]] = 1.0
    for t in range(1, 6):
        _, g = work.gradients(X, T)
        g *= mask
        lr, l2 = cfg.lr, cfg.l2
        for p in (i, j):
            gp = g[p] + l2 * net.decay_mask[p] * work.params[p]
            if opt == "sgd":
                work.params[p] -= lr * gp
            elif opt == "momentum":
                m[p] = cfg.momentum * m[p] + gp
                work.params[p] -= lr * m[p]
            else:
                m[p] = cfg.beta1 * m[p] + (1 - cfg.beta1) * gp
                v[p] = cfg.beta2 * v[p] + (1 - cfg.beta2) * gp * gp
                work.params[p] -= lr * (m[p] / (1 - cfg.beta1 ** t)) / (
                    np.sqrt(v[p] / (1 - cfg.beta2 ** t)) + cfg.eps)
        np.testing.assert_allclose(path[t], [work.params[i], work.params[j]], rtol=1e-12)
    losses = loss_landscape(net, X, T, i, path[:, 0], j, path[:, 1]).diagonal()
    assert losses[-1] < losses[0]           # it went downhill on the plane drawn


def _assert_landscape_is_the_engine_loss(net, X, T, i, j, xs, ys):
    grid = loss_landscape(net, X, T, i, xs, j, ys)
    want = np.array([[_loss_at2(net, X, T, i, x, j, y) for x in xs] for y in ys])
    np.testing.assert_allclose(grid, want, rtol=1e-12, atol=0)


def _loss_at2(net, X, T, i, x, j, y):
    other = net.copy()
    other.params[i], other.params[j] = x, y
    return other.evaluate(X, T)[0]


@pytest.mark.parametrize("pair", [((0, 0, 0), (0, 1, 1)),         # the bench's first layer
                                  ((1, 0, 0), (1, 2, 3)),         # its last hidden layer
                                  ((0, 3, None), (0, 5, 1)),      # a bias and a weight
                                  ((1, 7, None), (1, 1, None))])  # two biases
def test_two_neurons_of_one_layer_give_the_engine_s_loss(pair):
    """The plane of two parameters of different neurons of one layer is computed from the
    two neurons' activations alone (and e^(-2P) e^(-2Q) for the tanh layer after)."""
    net, X, T = _net_and_data(seed=7, sizes=(2, 8, 8, 1), acts=("tanh", "tanh", "sigmoid"), n=23)
    i, j = (parameter_index(net, *p) for p in pair)
    _assert_landscape_is_the_engine_loss(net, X, T, i, j, np.linspace(-3, 3, 6),
                                         np.linspace(-2.5, 3.5, 5))


@pytest.mark.parametrize("loss,acts", [("mse", ("sigmoid", "sigmoid", "tanh", "linear")),
                                       ("bce", ("relu", "sigmoid", "tanh", "sigmoid"))])
def test_a_sigmoid_layer_after_the_two_neurons_gives_the_engine_s_loss(loss, acts):
    net, X, T = _net_and_data(seed=2, sizes=(3, 5, 4, 3, 1), acts=acts, loss=loss, n=13)
    i, j = parameter_index(net, 0, 1, 2), parameter_index(net, 0, 4, None)
    _assert_landscape_is_the_engine_loss(net, X, T, i, j, np.linspace(-4, 2, 5),
                                         np.linspace(-1, 3, 4))


@pytest.mark.parametrize("act", ["tanh", "sigmoid"])
def test_saturated_neurons_far_out_on_the_plane_give_the_engine_s_loss(act):
    """Weights of 200 after the two neurons put e^(-2z) beyond what a product of two factors
    may reach: those points are computed directly, and still equal the engine's loss."""
    net, X, T = _net_and_data(seed=4, sizes=(2, 3, 3, 1), acts=("tanh", act, "sigmoid"), n=9)
    k1 = net.layout.w_off[1]
    net.params[k1: k1 + 9] = 200.0 * np.sign(net.params[k1: k1 + 9])
    i, j = parameter_index(net, 0, 0, 1), parameter_index(net, 0, 2, 0)
    _assert_landscape_is_the_engine_loss(net, X, T, i, j, np.linspace(-30, 30, 7),
                                         np.linspace(-30, 30, 5))
