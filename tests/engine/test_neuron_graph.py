"""A neuron's graph holds the trace's numbers, arranged as the chain rule uses them."""
from __future__ import annotations

import numpy as np
import pytest

from backpropviz.engine import EngineError, Network
from backpropviz.engine.landscape import activation_curve
from backpropviz.engine.neuron_graph import MAX_NEXT, neuron_graph


def _setup(seed=0):
    rng = np.random.default_rng(seed)
    net = Network.build([3, 4, 9, 2], ["tanh", "sigmoid", "softmax"], "cross_entropy", seed=seed)
    x, t = rng.normal(size=3), np.array([0.0, 1.0])
    return net, net.trace(x, t), x, t


@pytest.mark.parametrize("layer,unit", [(0, 0), (0, 3), (1, 5), (2, 1)])
def test_node_values_and_gradients_equal_the_trace(layer, unit):
    net, trace, x, t = _setup()
    g = neuron_graph(net, trace, layer, unit)
    lay = trace["layers"][layer]
    a_prev = x if layer == 0 else trace["layers"][layer - 1]["a"]
    delta = lay["delta"][unit]
    for i in range(net.sizes[layer]):
        assert g.node(f"w{i}").value == net.weights[layer][unit, i]
        assert g.node(f"w{i}").grad == lay["grad_weights"][unit, i]
        assert g.node(f"in{i}").value == a_prev[i]
        assert g.node(f"in{i}").grad == pytest.approx(delta * net.weights[layer][unit, i], rel=1e-15)
        assert g.node(f"p{i}").grad == delta
    assert g.node("z").value == lay["z"][unit] and g.node("z").grad == delta
    assert g.node("sum").value + g.node("b").value == pytest.approx(lay["z"][unit], rel=1e-14)
    assert g.node("sum").value == pytest.approx(sum(g.node(f"p{i}").value
                                                    for i in range(net.sizes[layer])), rel=1e-13)
    assert g.node("b").grad == lay["grad_bias"][unit]
    assert g.node("a").value == lay["a"][unit]


@pytest.mark.parametrize("unit", range(9))
def test_a_hidden_activation_s_gradient_times_the_slope_is_its_delta(unit):
    """dL/da from the next layer, times f'(z), is the neuron's delta: the chain rule closes."""
    net, trace, _, _ = _setup(seed=2)
    g = neuron_graph(net, trace, 1, unit)
    _, slope = activation_curve("sigmoid", [trace["layers"][1]["z"][unit]])
    assert g.node("a").grad * slope[0] == pytest.approx(trace["layers"][1]["delta"][unit],
                                                        rel=1e-12)
    nexts = [n for n in g.nodes if n.kind == "next"]
    assert [n.grad for n in nexts] == list(trace["layers"][2]["delta"][:MAX_NEXT])


def test_the_output_neuron_leads_to_the_loss():
    net, trace, _, _ = _setup()
    g = neuron_graph(net, trace, 2, 0)
    assert g.node("L").value == trace["loss"] and ("a", "L") in g.edges
    assert g.node("a").grad == trace["output_grad"][0]


def test_a_wide_next_layer_is_summed_in_one_node():
    net = Network.build([2, 1, 10, 1], ["tanh", "tanh", "sigmoid"], "bce", seed=1)
    trace = net.trace([0.3, -0.2], [1.0])
    g = neuron_graph(net, trace, 0, 0)
    nexts = [n for n in g.nodes if n.kind == "next"]
    rest = g.node("rest")
    assert len(nexts) == MAX_NEXT
    assert sum(net.weights[1][m, 0] * n.grad for m, n in enumerate(nexts)) + rest.grad == \
        pytest.approx(g.node("a").grad, rel=1e-13)


def test_no_such_neuron_is_refused():
    net, trace, _, _ = _setup()
    with pytest.raises(EngineError):
        neuron_graph(net, trace, 1, 9)
