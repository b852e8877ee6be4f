"""The gradient views on networks with batch normalization and skips: the loss along one
parameter and over two is the plain-NumPy reference's training loss at every point (the grid
kernel's shortcut only knows plain layers), its slope is backprop's; the neuron graph refuses
what it cannot draw."""
from __future__ import annotations

import numpy as np
import pytest

from backpropviz.engine import EngineError, Network, OptimizerConfig, reference
from backpropviz.engine.landscape import (loss_along, loss_landscape, optimizer_path,
                                          parameter_index, slope_check)
from backpropviz.engine.neuron_graph import neuron_graph

REMEDIES = [(True, False), (False, True), (True, True)]


def _net(residual, batch_norm, seed=0, n=9):
    rng = np.random.default_rng(seed)
    net = Network.build([3, 3, 3, 2], ["tanh", "sigmoid", "sigmoid"], "bce", seed=seed,
                        residual=[residual, residual, False],
                        batch_norm=[batch_norm, batch_norm, False])
    net.params[...] = rng.normal(scale=0.9, size=net.params.size)
    X = rng.normal(size=(n, 3))
    T = (rng.random((n, 2)) > 0.5).astype(float)
    return net, X, T


def _reference_loss(net, X, T):
    bn = [None if not net.batch_norm[k] else
          dict(gamma=net.gamma[k], beta=net.beta[k], running_mean=net.running_mean[k],
               running_var=net.running_var[k], eps=float(net.bn_eps[k]))
          for k in range(net.n_layers)]
    return reference.backprop(net.weights, net.bias, net.activations, net.loss, X, T,
                              net.residual, bn, training=True)["loss"]


@pytest.mark.parametrize("residual,batch_norm", REMEDIES)
def test_the_loss_along_a_parameter_is_the_reference_loss_with_remedies(residual, batch_norm):
    net, X, T = _net(residual, batch_norm)
    before, stats = net.params.copy(), net.bn_stats.copy()
    for layer, unit, inp in [(0, 1, 2), (0, 2, None), (1, 0, 1), (2, 1, 0)]:
        i = parameter_index(net, layer, unit, inp)
        values = np.linspace(-2.0, 2.0, 5)
        curve = loss_along(net, X, T, i, values)
        for v, loss in zip(values, curve):
            other = net.copy()
            other.params[i] = v
            assert loss == pytest.approx(_reference_loss(other, X, T), rel=1e-12)
    np.testing.assert_array_equal(net.params, before)
    np.testing.assert_array_equal(net.bn_stats, stats)        # nothing learned by looking


@pytest.mark.parametrize("residual,batch_norm", REMEDIES)
def test_the_landscape_with_remedies_holds_the_reference_loss_at_every_point(residual,
                                                                              batch_norm):
    net, X, T = _net(residual, batch_norm, seed=1)
    i = parameter_index(net, 1, 2, 0)
    j = parameter_index(net, 0, 0, None)            # an earlier layer than i: the grid turns
    xs, ys = np.linspace(-1, 1, 4), np.linspace(-3, 3, 3)
    grid = loss_landscape(net, X, T, i, xs, j, ys)
    assert grid.shape == (3, 4)
    for r in range(3):
        for c in range(4):
            other = net.copy()
            other.params[i], other.params[j] = xs[c], ys[r]
            assert grid[r, c] == pytest.approx(_reference_loss(other, X, T), rel=1e-12)


@pytest.mark.parametrize("residual,batch_norm", REMEDIES)
def test_the_slope_with_remedies_is_backprop_s_and_the_difference_quotient_s(residual,
                                                                             batch_norm):
    net, X, T = _net(residual, batch_norm, seed=2)
    for layer, unit, inp in [(0, 0, 1), (1, 2, None), (2, 0, 2)]:
        check = slope_check(net, X, T, parameter_index(net, layer, unit, inp))
        assert check.verdict == "good", check


def test_an_optimiser_path_with_batch_norm_goes_downhill_on_its_plane():
    net, X, T = _net(True, True, seed=3)
    i, j = parameter_index(net, 0, 0, 0), parameter_index(net, 1, 1, 2)
    path = optimizer_path(net, X, T, i, j, OptimizerConfig("sgd", lr=0.5), 20)
    start = loss_landscape(net, X, T, i, path[:1, 0], j, path[:1, 1])[0, 0]
    end = loss_landscape(net, X, T, i, path[-1:, 0], j, path[-1:, 1])[0, 0]
    assert end < start


def test_batch_norm_on_one_sample_is_refused_in_the_views_as_in_training():
    net, X, T = _net(False, True)
    with pytest.raises(EngineError, match="batch of one"):
        loss_along(net, X[:1], T[:1], parameter_index(net, 0, 0, 0), [0.0, 1.0])


@pytest.mark.parametrize("residual,batch_norm,layer", [(False, True, 2), (True, False, 0),
                                                       (True, False, 1)])
def test_the_neuron_graph_refuses_what_it_cannot_draw(residual, batch_norm, layer):
    net, X, T = _net(residual, batch_norm)
    trace = net.trace(X[:2], T[:2]) if batch_norm else net.trace(X[0], T[0])
    with pytest.raises(EngineError, match="Inspector"):
        neuron_graph(net, trace, layer, 0)


def test_the_neuron_graph_still_draws_a_layer_away_from_any_skip():
    net = Network.build([3, 4, 4, 2], ["tanh", "tanh", "sigmoid"], "bce", seed=0,
                        residual=[False, True, False])
    trace = net.trace(np.ones(3), np.zeros(2))
    g = neuron_graph(net, trace, 2, 1)         # the output layer: no skip in it or after it
    assert g.node("z").value == trace["layers"][2]["z"][1]


def test_the_bias_before_batch_norm_has_slope_zero_and_the_verdict_good():
    net, X, T = _net(False, True, seed=2)
    check = slope_check(net, X, T, parameter_index(net, 0, 1, None))
    assert abs(check.backprop) < 1e-15 and abs(check.numeric) < 1e-10
    assert check.verdict == "good" and check.relative_error == 0.0


def test_a_small_wrong_slope_is_still_told_apart_from_zero():
    from backpropviz.engine import landscape
    net, X, T = _net(False, False, seed=2)
    i = parameter_index(net, 0, 1, None)
    real = net.gradients(X, T)[1][i]
    assert abs(real) > 1e-6
    fake = net.gradients(X, T)[1]
    fake[i] = 0.0                               # backprop says flat where the slope is not
    original = Network.gradients
    try:
        Network.gradients = lambda self, X, T, training=True: (self.loss_value(X, T), fake)
        assert landscape.slope_check(net, X, T, i).verdict == "wrong"
    finally:
        Network.gradients = original
