"""One neuron's computation as a graph of scalars, as micrograd draws it.

For neuron j of layer k: each input a_i and weight w_i meet in a product w_i·a_i, the products
meet in a sum, the bias is added to give z, the activation gives a = f(z), and a goes on to the
next layer's neurons (their z) or, in the output layer, to the loss. Every node carries its value
and its gradient dL/d(node), read off a trace (``Network.trace``), so the graph is exactly the
stepped numbers arranged as the chain rule uses them:

    dL/dz = delta_j          dL/d(w_i·a_i) = dL/d(sum) = dL/db = delta_j
    dL/dw_i = delta_j · a_i  dL/da_i (through this neuron) = delta_j · w_i
    dL/da = sum over next neurons m of W_mj · delta_m   (output layer: dL/da from the loss)
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..i18n import QT_TRANSLATE_NOOP
from .errors import EngineError
from .network import Network

#: how many of the next layer's neurons are drawn (the rest are summed in one node)
MAX_NEXT = 6


@dataclass
class Node:
    """One scalar of the graph. ``kind``: input, weight, product, sum, bias, z, activation,
    next (a neuron of the next layer, its z and delta), rest (the next neurons not drawn), loss.
    ``forward``/``backward``: the 1-based layer whose forward / backward phase makes the value /
    the gradient known (0: known from the start, e.g. a weight's value or an input)."""
    key: str
    label: str
    kind: str
    value: float
    grad: float
    forward: int
    backward: int


@dataclass
class NeuronGraph:
    layer: int                   # 0-based layer of the neuron
    unit: int                    # 0-based neuron
    activation: str
    nodes: list[Node] = field(default_factory=list)
    edges: list[tuple[str, str]] = field(default_factory=list)   # (from key, to key)

    def node(self, key: str) -> Node:
        for n in self.nodes:
            if n.key == key:
                return n
        raise KeyError(key)


def graph_refusal(net: Network, layer: int) -> str:
    """Why this graph cannot show a neuron of ``layer`` (0-based) of ``net``, or "" when it can.
    The graph draws a = f(z) and dL/da from the next layer's deltas alone: batch normalization
    puts a batch's statistics between z and f, and a skip adds a_prev to a (and a second path
    for dL/da); the Inspector writes those numbers instead."""
    if net.bn_layers:
        return QT_TRANSLATE_NOOP("engine", "a batch-normalised network steps a minibatch whose "
                                 "samples are coupled; the neuron graph shows plain layers only: "
                                 "the Inspector writes the numbers")
    if net.residual[layer] or (layer + 1 < net.n_layers and net.residual[layer + 1]):
        return QT_TRANSLATE_NOOP("engine", "this neuron's layer or the next has a residual "
                                 "connection, which the neuron graph does not draw: the Inspector "
                                 "writes the two paths with their numbers")
    return ""


def neuron_graph(net: Network, trace: dict, layer: int, unit: int,
                 inputs: list[int] | None = None) -> NeuronGraph:
    """The graph of neuron ``unit`` of ``layer`` (both 0-based) for a trace of ``net``.
    ``inputs``: which inputs to draw (default all); their products still sum to the whole z."""
    L = net.n_layers
    if not 0 <= layer < L or not 0 <= unit < net.sizes[layer + 1]:
        raise EngineError(QT_TRANSLATE_NOOP("engine", "no neuron {unit} in layer {layer}"),
                          unit=unit + 1, layer=layer + 1)
    refusal = graph_refusal(net, layer)
    if refusal:
        raise EngineError(refusal)
    lay = trace["layers"][layer]
    a_prev = trace["input"] if layer == 0 else trace["layers"][layer - 1]["a"]
    W = net.weights[layer]
    delta = float(lay["delta"][unit])
    k1 = layer + 1                       # the phases name layers from 1
    back = k1
    g = NeuronGraph(layer, unit, net.activations[layer])
    shown = list(range(net.sizes[layer])) if inputs is None else list(inputs)
    src = "x" if layer == 0 else f"a[{layer}]"
    products = []
    for i in shown:
        w = float(W[unit, i])
        x = float(a_prev[i])
        g.nodes += [Node(f"in{i}", f"{src}_{i + 1}", "input", x, delta * w,
                         0 if layer == 0 else layer, back),
                    Node(f"w{i}", f"w_{unit + 1},{i + 1}", "weight", w,
                         float(lay["grad_weights"][unit, i]), 0, back),
                    Node(f"p{i}", "×", "product", w * x, delta, k1, back)]
        g.edges += [(f"in{i}", f"p{i}"), (f"w{i}", f"p{i}"), (f"p{i}", "sum")]
        products.append(w * x)
    z = float(lay["z"][unit])
    b = float(net.bias[layer][unit])
    g.nodes += [Node("sum", "Σ", "sum", z - b, delta, k1, back),
                Node("b", f"b_{unit + 1}", "bias", b, float(lay["grad_bias"][unit]), 0, back),
                Node("z", f"z[{k1}]_{unit + 1}", "z", z, delta, k1, back)]
    g.edges += [("sum", "z"), ("b", "z"), ("z", "a")]
    a = float(lay["a"][unit])
    if layer == L - 1:
        da = float(trace["output_grad"][unit])
        g.nodes += [Node("a", f"a[{k1}]_{unit + 1}", "activation", a, da, k1, L + 1),
                    Node("L", "L", "loss", float(trace["loss"]), 1.0, L + 1, L + 1)]
        g.edges.append(("a", "L"))
        return g
    nxt = trace["layers"][layer + 1]
    W_next = net.weights[layer + 1]
    d_next = np.asarray(nxt["delta"], dtype=np.float64)
    da = float(W_next[:, unit] @ d_next)
    g.nodes.append(Node("a", f"a[{k1}]_{unit + 1}", "activation", a, da, k1, k1 + 1))
    n_next = net.sizes[layer + 2]
    for m in range(min(n_next, MAX_NEXT)):
        g.nodes.append(Node(f"n{m}", f"z[{k1 + 1}]_{m + 1}", "next", float(nxt["z"][m]),
                            float(d_next[m]), k1 + 1, k1 + 1))
        g.edges.append(("a", f"n{m}"))
    if n_next > MAX_NEXT:
        rest = float(W_next[MAX_NEXT:, unit] @ d_next[MAX_NEXT:])
        g.nodes.append(Node("rest", f"+{n_next - MAX_NEXT}", "rest", float("nan"), rest,
                            k1 + 1, k1 + 1))
        g.edges.append(("a", "rest"))
    return g
