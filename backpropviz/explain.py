"""The worked arithmetic behind every number of a trace, as a person would write it by hand.

For neuron ``unit`` of layer ``layer`` (1-based; layer 0 is the input) this builds the lines the
inspector shows and the Markdown export prints, e.g.

    z = w1·a1 + w2·a2 + b = 0.15×0.05 + 0.2×0.1 + 0.35 = 0.3775
    a = σ(z) = 1 / (1 + e^-z) = 0.59327

A line's ``title`` is its English name (one of ``TITLES``; the inspector and the export
translate it where they show it); the words inside formulas are in the current language of
``backpropviz.i18n``. Every number comes from the trace (``Network.trace``) and the network's
weights; nothing is recomputed here except the sums a reader would do (printed to check
against the engine's value).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import numpy as np

from .engine.activations import LEAKY_SLOPE
from .i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from .engine.network import Network

#: a neuron with more inputs than this shows its largest terms and the sum of the rest
MAX_TERMS = 8

#: every line's title: its English name, translated where it is shown (context "explain")
TITLES = (QT_TRANSLATE_NOOP("explain", "Input"), QT_TRANSLATE_NOOP("explain", "Weighted input"),
          QT_TRANSLATE_NOOP("explain", "Activation"), QT_TRANSLATE_NOOP("explain", "Loss"),
          QT_TRANSLATE_NOOP("explain", "Slope"), QT_TRANSLATE_NOOP("explain", "Output slope"),
          QT_TRANSLATE_NOOP("explain", "Error signal"), QT_TRANSLATE_NOOP("explain", "Error from above"),
          QT_TRANSLATE_NOOP("explain", "Weight gradient"), QT_TRANSLATE_NOOP("explain", "Bias gradient"),
          QT_TRANSLATE_NOOP("explain", "Update"))

_ACT_SYMBOL = {"sigmoid": "σ", "tanh": "tanh", "relu": "relu", "leaky_relu": "lrelu",
               "linear": "id", "softmax": "softmax"}
_ACT_FORMULA = {"sigmoid": "1 / (1 + e^−z)", "tanh": "(e^z − e^−z) / (e^z + e^−z)",
                "relu": "max(0, z)", "linear": "z",
                "leaky_relu": QT_TRANSLATE_NOOP("explain", "z if z > 0 else {slope}·z"),
                "softmax": "e^z_j / Σ_k e^z_k"}
_ACT_LATEX = {"sigmoid": r"\sigma", "tanh": r"\tanh", "relu": r"\mathrm{relu}",
              "leaky_relu": r"\mathrm{lrelu}", "linear": r"\mathrm{id}", "softmax": r"\mathrm{softmax}"}


def _act_formula(act: str) -> str:
    return translate("explain", _ACT_FORMULA[act]).format(slope=f"{LEAKY_SLOPE:g}")


def fmt(x: float) -> str:
    """A number as the inspector prints it: 6 significant digits, no trailing zeros."""
    x = float(x)
    if x == 0:
        return "0"
    return f"{x:.6g}".replace("e-0", "e-").replace("e+0", "e+")


def _paren(x: float) -> str:
    s = fmt(x)
    return f"({s})" if s.startswith("-") else s


@dataclass
class Line:
    """One line of worked arithmetic: ``symbolic = numeric = value``."""
    title: str
    symbolic: str
    numeric: str
    value: float | None
    latex: str = ""

    def text(self) -> str:
        parts = [self.symbolic]
        if self.numeric:
            parts.append(self.numeric)
        if self.value is not None:
            parts.append(fmt(self.value))
        return " = ".join(parts)


def _terms(weights: np.ndarray, inputs: np.ndarray, in_sym: str, w_sym: str = "w"):
    """Symbolic and numeric sum of w_i·x_i terms; the largest |w x| first when there are many."""
    n = len(weights)
    idx = list(range(n))
    rest = []
    if n > MAX_TERMS:
        order = np.argsort(-np.abs(weights * inputs), kind="stable")
        idx = sorted(order[:MAX_TERMS - 1].tolist())
        rest = sorted(order[MAX_TERMS - 1:].tolist())
    sym = [f"{w_sym}{i + 1}·{in_sym}{i + 1}" for i in idx]
    num = [f"{_paren(weights[i])}×{_paren(inputs[i])}" for i in idx]
    if rest:
        rest_sum = float(np.sum(weights[rest] * inputs[rest]))
        sym.append(translate("explain", "(the other {n} terms)").format(n=len(rest)))
        num.append(_paren(rest_sum))
    return sym, num


def _largest(values: np.ndarray) -> list[int]:
    """Indices to show: all of them, or the MAX_TERMS largest in size, in their own order."""
    if len(values) <= MAX_TERMS:
        return list(range(len(values)))
    return sorted(np.argsort(-np.abs(values), kind="stable")[:MAX_TERMS].tolist())


def input_lines(trace: dict, unit: int, names: Sequence[str] | None = None) -> list[Line]:
    name = names[unit] if names else f"x{unit + 1}"
    return [Line("Input", f"a{unit + 1} = {name}", "", float(trace["input"][unit]))]


def forward_lines(net: Network, trace: dict, layer: int, unit: int) -> list[Line]:
    """z and a of neuron ``unit`` in layer ``layer`` (1-based)."""
    k = layer - 1
    W, b = net.weights[k][unit], net.bias[k][unit]
    a_prev = trace["input"] if k == 0 else trace["layers"][k - 1]["a"]
    t = trace["layers"][k]
    sym, num = _terms(W, a_prev, "x" if k == 0 else "a")
    z_line = Line("Weighted input", "z = " + " + ".join(sym + ["b"]),
                  " + ".join(num + [_paren(b)]), float(t["z"][unit]),
                  latex=r"z = \sum_i w_i a_i + b")
    act = net.activations[k]
    f = _ACT_SYMBOL[act]
    if act == "softmax":
        a_line = Line("Activation", f"a = softmax(z)_{unit + 1} = e^z{unit + 1} / Σ_k e^z_k",
                      f"e^{_paren(t['z'][unit])} / ({' + '.join('e^' + _paren(z) for z in t['z'])})",
                      float(t["a"][unit]), latex=r"a_j = e^{z_j} / \sum_k e^{z_k}")
    else:
        a_line = Line("Activation", f"a = {f}(z) = {_act_formula(act)}", f"{f}({fmt(t['z'][unit])})",
                      float(t["a"][unit]), latex=rf"a = {_ACT_LATEX[act]}(z)")
    return [z_line, a_line]


def loss_lines(net: Network, trace: dict) -> list[Line]:
    """The loss of the sample, term by term."""
    a = trace["layers"][-1]["a"]
    t = trace["target"]
    n = len(a)
    loss = net.loss
    if loss in ("mse", "half_sse"):
        terms = " + ".join(f"({fmt(ai)} − {_paren(ti)})²" for ai, ti in zip(a, t))
        sym = "L = (1/n) Σ_j (a_j − t_j)²" if loss == "mse" else "L = ½ Σ_j (a_j − t_j)²"
        num = (f"(1/{n})·[{terms}]" if loss == "mse" else f"½·[{terms}]")
        tex = r"L = \frac{1}{n}\sum_j (a_j - t_j)^2" if loss == "mse" else r"L = \frac{1}{2}\sum_j (a_j - t_j)^2"
    elif loss == "bce":
        terms = " + ".join(f"[{fmt(ti)}·ln {fmt(ai)} + (1 − {fmt(ti)})·ln(1 − {fmt(ai)})]" for ai, ti in zip(a, t))
        sym = "L = −(1/n) Σ_j [t_j ln a_j + (1 − t_j) ln(1 − a_j)]"
        num = f"−(1/{n})·({terms})"
        tex = r"L = -\frac{1}{n}\sum_j \left[t_j \ln a_j + (1-t_j)\ln(1-a_j)\right]"
    else:
        nz = [(ai, ti) for ai, ti in zip(a, t) if ti != 0]
        terms = " + ".join(f"{fmt(ti)}·ln {fmt(ai)}" for ai, ti in nz) or "0"
        sym = "L = −Σ_j t_j ln a_j"
        num = f"−({terms})"
        tex = r"L = -\sum_j t_j \ln a_j"
    return [Line("Loss", sym, num, float(trace["loss"]), latex=tex)]


def _derivative_line(act: str, z: float, a: float) -> Line:
    if act == "sigmoid":
        return Line("Slope", "σ'(z) = a(1 − a)", f"{fmt(a)}×(1 − {fmt(a)})", a * (1 - a),
                    latex=r"\sigma'(z) = a(1-a)")
    if act == "tanh":
        return Line("Slope", "tanh'(z) = 1 − a²", f"1 − {_paren(a)}²", 1 - a * a,
                    latex=r"\tanh'(z) = 1 - a^2")
    if act == "relu":
        return Line("Slope", translate("explain", "relu'(z) = 1 if z > 0 else 0"), f"z = {fmt(z)}",
                    1.0 if z > 0 else 0.0,
                    latex=r"\mathrm{relu}'(z) = [z > 0]")
    if act == "leaky_relu":
        return Line("Slope", translate("explain", "lrelu'(z) = 1 if z > 0 else {slope}").format(
                        slope=f"{LEAKY_SLOPE:g}"), f"z = {fmt(z)}",
                    1.0 if z > 0 else LEAKY_SLOPE,
                    latex=rf"\mathrm{{lrelu}}'(z) = 1 \text{{ or }} {LEAKY_SLOPE:g}")
    return Line("Slope", "id'(z) = 1", "", 1.0, latex=r"\mathrm{id}'(z) = 1")


def backward_lines(net: Network, trace: dict, layer: int, unit: int) -> list[Line]:
    """delta, dL/dw and dL/db of neuron ``unit`` in layer ``layer`` (1-based)."""
    k = layer - 1
    L = net.n_layers
    t_layer = trace["layers"][k]
    z, a = float(t_layer["z"][unit]), float(t_layer["a"][unit])
    delta = float(t_layer["delta"][unit])
    act = net.activations[k]
    lines: list[Line] = []
    if k == L - 1:
        tgt = float(trace["target"][unit])
        n = len(t_layer["a"])
        g = float(trace["output_grad"][unit])
        loss = net.loss
        if loss == "bce":
            lines.append(Line("Error signal",
                              translate("explain", "δ = ∂L/∂z = (a − t) / n  (σ and bce together)"),
                              f"({fmt(a)} − {_paren(tgt)}) / {n}", delta, latex=r"\delta = (a - t)/n"))
        elif loss == "cross_entropy":          # always with softmax
            tsum = float(np.sum(trace["target"]))
            lhs = f"{fmt(a)} − {_paren(tgt)}" if tsum == 1 else f"{fmt(a)}×{fmt(tsum)} − {_paren(tgt)}"
            lines.append(Line("Error signal", translate(
                "explain", "δ = ∂L/∂z = a − t  (softmax and cross-entropy together)"),
                              lhs, delta, latex=r"\delta = a - t"))
        else:
            if loss == "mse":
                lines.append(Line("Output slope", "∂L/∂a = 2(a − t) / n", f"2×({fmt(a)} − {_paren(tgt)}) / {n}",
                                  g, latex=r"\partial L/\partial a = 2(a-t)/n"))
            else:
                lines.append(Line("Output slope", "∂L/∂a = a − t", f"{fmt(a)} − {_paren(tgt)}", g,
                                  latex=r"\partial L/\partial a = a - t"))
            if act == "softmax":
                ga = float(np.dot(trace["output_grad"], t_layer["a"]))
                lines.append(Line("Error signal", "δ = a (∂L/∂a − Σ_j ∂L/∂a_j · a_j)",
                                  f"{fmt(a)}×({_paren(g)} − {_paren(ga)})", delta,
                                  latex=r"\delta_i = a_i\,(g_i - \sum_j g_j a_j)"))
            else:
                d = _derivative_line(act, z, a)
                lines.append(d)
                lines.append(Line("Error signal", f"δ = ∂L/∂a · {d.symbolic.split(' = ')[0]}",
                                  f"{_paren(g)}×{_paren(d.value)}", delta,
                                  latex=r"\delta = \frac{\partial L}{\partial a}\, f'(z)"))
    else:
        W_next = net.weights[k + 1][:, unit]
        d_next = trace["layers"][k + 1]["delta"]
        sym, num = _terms(W_next, d_next, "δ")
        back = float(np.dot(W_next, d_next))
        lines.append(Line("Error from above", "Σ_k w_k δ_k = " + " + ".join(sym), " + ".join(num), back,
                          latex=r"\sum_k w_{k} \delta_k"))
        if act == "softmax":
            g = back
            g_all = net.weights[k + 1].T @ d_next           # dL/da of every unit in this layer
            ga = float(np.dot(g_all, t_layer["a"]))
            lines.append(Line("Error signal", "δ = a (g − Σ_j g_j a_j),  g = Σ_k w_k δ_k",
                              f"{fmt(a)}×({_paren(g)} − {_paren(ga)})", delta,
                              latex=r"\delta_i = a_i\,(g_i - \sum_j g_j a_j)"))
        else:
            d = _derivative_line(act, z, a)
            lines.append(d)
            lines.append(Line("Error signal", f"δ = {d.symbolic.split(' = ')[0]} · Σ_k w_k δ_k",
                              f"{_paren(d.value)}×{_paren(back)}", delta,
                              latex=r"\delta = f'(z) \sum_k w_k \delta_k"))
    a_prev = trace["input"] if k == 0 else trace["layers"][k - 1]["a"]
    gw = t_layer["grad_weights"][unit]
    idx = _largest(gw)
    src = "x" if k == 0 else "a"
    for i in idx:
        lines.append(Line("Weight gradient", f"∂L/∂w{i + 1} = δ · {src}{i + 1}",
                          f"{_paren(delta)}×{_paren(a_prev[i])}", float(gw[i]),
                          latex=r"\partial L/\partial w_i = \delta\, a_i"))
    lines.append(Line("Bias gradient", "∂L/∂b = δ", "", float(t_layer["grad_bias"][unit]),
                      latex=r"\partial L/\partial b = \delta"))
    return lines


def update_lines(net_before: Network, trace: dict, layer: int, unit: int) -> list[Line]:
    """w <- w - lr dL/dw for the neuron's weights (largest gradients first) and its bias.
    ``net_before`` holds the weights before the update."""
    k = layer - 1
    lr = trace["lr"]
    W = net_before.weights[k][unit]
    b = float(net_before.bias[k][unit])
    gw = trace["layers"][k]["grad_weights"][unit]
    gb = float(trace["layers"][k]["grad_bias"][unit])
    new_w = trace["updated"]["layers"][k]["weights"][unit]
    new_b = trace["updated"]["layers"][k]["bias"][unit]
    idx = _largest(gw)
    lines = [Line("Update", f"w{i + 1} ← w{i + 1} − η ∂L/∂w{i + 1}",
                  f"{fmt(W[i])} − {fmt(lr)}×{_paren(gw[i])}", float(new_w[i]),
                  latex=r"w \leftarrow w - \eta\, \partial L/\partial w") for i in idx]
    lines.append(Line("Update", "b ← b − η ∂L/∂b", f"{fmt(b)} − {fmt(lr)}×{_paren(gb)}", float(new_b),
                      latex=r"b \leftarrow b - \eta\, \partial L/\partial b"))
    return lines
