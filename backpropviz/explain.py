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

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Sequence

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


def fmt(x: float, digits: int = 6) -> str:
    """A number as the inspector prints it: 6 (or ``digits``) significant digits, no trailing
    zeros; a value that rounds to zero is "0", never "-0"."""
    x = float(x)
    if x == 0:
        return "0"
    text = f"{x:.{digits}g}".replace("e-0", "e-").replace("e+0", "e+")
    return "0" if float(text) == 0 else text


def fmt_fixed(x: float, decimals: int = 2) -> str:
    """A short label with ``decimals`` places (``.0f`` from 100 on); a value that rounds to zero
    is "0.00", never "-0.00"."""
    x = float(x)
    text = f"{x:.{decimals}f}" if abs(x) < 100 else f"{x:.0f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def fmt_epoch(epoch: int, progress: float) -> str:
    """Epochs done, with two decimals of the current one only while one is under way:
    "19,569", not "19569.00" (one step per epoch never shows a part)."""
    if progress <= 0:
        return f"{epoch:,}"
    return f"{epoch + progress:,.2f}"


#: significant digits tried, in turn, for the operands of a worked line
_DIGITS = (6, 7, 8, 9, 10, 12, 14, 17)


class _Written:
    """An operand as written; the format spec "p" puts a negative one in parentheses."""

    def __init__(self, text: str):
        self.text = text

    def __format__(self, spec: str) -> str:
        return f"({self.text})" if spec == "p" and self.text.startswith("-") else self.text


def _agrees(again: float, result: float, scale: float) -> bool:
    """Does recomputing from the written operands give the result as printed (6 digits)?
    ``scale`` is the size of the operands: a result far below it (a cancellation) only has
    to agree to the operands' own precision."""
    if not math.isfinite(again):
        return False
    return abs(again - result) <= 5e-6 * abs(result) + 1e-15 * scale


def worked(template: str, values: Sequence[float], recompute: Callable[..., float],
           result: float) -> str:
    """``template`` (``{0}``, ``{1:p}``, ...) filled with ``values`` written to 6 significant
    digits, or to as many more as it takes for ``recompute(*written)`` to give ``result``:
    rounding must never make a formula look wrong, as "−(1·ln 1) = 9.52e-8" would."""
    values = [float(v) for v in values]
    scale = max([abs(v) for v in values] + [abs(result)])
    for digits in _DIGITS:
        texts = [fmt(v, digits) for v in values]
        try:
            again = float(recompute(*(float(t) for t in texts)))
        except (ArithmeticError, ValueError):
            continue
        if _agrees(again, float(result), scale):
            break
    return template.format(*(_Written(t) for t in texts))


# --- saturated units: terms written from z --------------------------------------------------------
def _paren(x: float) -> str:
    return format(_Written(fmt(x)), "p")


def _softplus(x: float) -> float:
    """ln(1 + e^x), without overflow."""
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


def _close(x: float, exact: float) -> bool:
    return math.isfinite(x) and abs(x - exact) <= 1e-9 * max(abs(exact), 1e-300)


def _bce_holds(a: float, t: float, z: float) -> bool:
    """Whether t·ln a + (1 − t)·ln(1 − a), from a as a float, gives the term the engine computed
    from z (it does not when a saturated to 0 or 1)."""
    with np.errstate(all="ignore"):
        try:
            from_a = _xlny(t, a) + _xlny(1 - t, 1 - a)
        except ValueError:
            return False
    return _close(from_a, -(t * _softplus(-z) + (1 - t) * _softplus(z)))


def _bce_term(a: float, t: float, z: float) -> str:
    """One bce term, from z where a cannot give it: ln a = −ln(1 + e^−z), ln(1 − a) = −ln(1 + e^z)."""
    if _bce_holds(a, t, z):
        return worked("[{1}·ln {0} + (1 − {1})·ln(1 − {0})]", [a, t],
                      lambda ai, ti: _xlny(ti, ai) + _xlny(1 - ti, 1 - ai),
                      -(t * _softplus(-z) + (1 - t) * _softplus(z)))
    return f"[{fmt(t)}·(−ln(1 + e^{_paren(-z)})) + (1 − {fmt(t)})·(−ln(1 + e^{_paren(z)}))]"


def _lse(z: np.ndarray) -> float:
    zmax = float(np.max(z))
    return zmax + math.log(float(np.sum(np.exp(z - zmax))))


def _ce_holds(a: float, t: float, j: int, z: np.ndarray) -> bool:
    if t == 0:
        return True
    try:
        return _close(t * math.log(a), t * (float(z[j]) - _lse(z)))
    except ValueError:
        return False


def _ce_term(a: float, t: float, j: int, z: np.ndarray) -> str:
    """t·ln a_j, from z where a_j cannot give it: ln a_j = z_j − ln Σ_k e^z_k."""
    if _ce_holds(a, t, j, z):
        return worked("{1}·ln {0}", [a, t], lambda ai, ti: _xlny(ti, ai),
                      t * (float(z[j]) - _lse(z)))
    return f"{fmt(t)}·({fmt(z[j])} − ln({' + '.join('e^' + _paren(zk) for zk in z)}))"


def _slots(start: int, n: int, spec: str = "p") -> list[str]:
    return [f"{{{start + i}:{spec}}}" if spec else f"{{{start + i}}}" for i in range(n)]


def _xlny(x: float, y: float) -> float:
    """x·ln y with 0·ln 0 = 0, as a person reads the cross-entropy's terms."""
    return 0.0 if x == 0 else x * math.log(y)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


_ACT_FUNC = {"sigmoid": _sigmoid, "tanh": math.tanh, "relu": lambda z: max(0.0, z),
             "leaky_relu": lambda z: z if z > 0 else LEAKY_SLOPE * z, "linear": lambda z: z}


@dataclass
class Line:
    """One line of worked arithmetic: ``symbolic = numeric = value``."""
    title: str
    symbolic: str
    numeric: str
    value: float | None
    latex: str = ""
    # the value is dL/dp of this parameter on the sample: (layer 0-based, neuron, input or None
    # for the bias), so a finite difference can check it (a neuron's delta is its dL/db)
    grad_of: tuple[int, int, int | None] | None = None

    def text(self) -> str:
        parts = [self.symbolic]
        if self.numeric:
            parts.append(self.numeric)
        if self.value is not None:
            parts.append(fmt(self.value))
        return " = ".join(parts)


def _terms(weights: np.ndarray, inputs: np.ndarray, in_sym: str, w_sym: str = "w"):
    """Symbolic sum of w_i·x_i terms, its numeric template and the template's values (w, x
    pairs, then the sum of the rest if any); the largest |w x| first when there are many."""
    n = len(weights)
    idx = list(range(n))
    rest = []
    if n > MAX_TERMS:
        order = np.argsort(-np.abs(weights * inputs), kind="stable")
        idx = sorted(order[:MAX_TERMS - 1].tolist())
        rest = sorted(order[MAX_TERMS - 1:].tolist())
    sym = [f"{w_sym}{i + 1}·{in_sym}{i + 1}" for i in idx]
    num = [f"{{{2 * j}:p}}×{{{2 * j + 1}:p}}" for j in range(len(idx))]
    values = [v for i in idx for v in (weights[i], inputs[i])]
    if rest:
        sym.append(translate("explain", "(the other {n} terms)").format(n=len(rest)))
        num.append(f"{{{len(values)}:p}}")
        values.append(float(np.sum(weights[rest] * inputs[rest])))
    return sym, num, values


def _sum_of_products(*v: float) -> float:
    """w1·x1 + w2·x2 + ... (+ a last lone term when the count is odd)."""
    total = sum(v[i] * v[i + 1] for i in range(0, len(v) - 1, 2))
    return total + (v[-1] if len(v) % 2 else 0.0)


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
    sym, num, values = _terms(W, a_prev, "x" if k == 0 else "a")
    z = float(t["z"][unit])
    if len(values) % 2:                    # the rest's sum is a lone term already: b is another
        numeric = worked(" + ".join(num + [f"{{{len(values)}:p}}"]), values + [b],
                         lambda *v: _sum_of_products(*v[:-2]) + v[-2] + v[-1], z)
    else:
        numeric = worked(" + ".join(num + [f"{{{len(values)}:p}}"]), values + [b],
                         _sum_of_products, z)
    z_line = Line("Weighted input", "z = " + " + ".join(sym + ["b"]), numeric, z,
                  latex=r"z = \sum_i w_i a_i + b")
    act = net.activations[k]
    f = _ACT_SYMBOL[act]
    lines = [z_line]
    pre_sym, pre = "z", t["z"]
    if net.batch_norm[k]:
        lines += _bn_forward_lines(trace, k, unit, float(net.bn_eps[k]))
        pre_sym, pre = "y", t["bn_out"]
    out_sym = "f" if net.residual[k] else "a"
    out = float((t["f"] if net.residual[k] else t["a"])[unit])
    if act == "softmax":
        zs = [float(v) for v in pre]
        n = len(zs)
        top = max(zs)
        numeric = worked(f"e^{{{n}:p}} / (" + " + ".join("e^" + s for s in _slots(0, n)) + ")",
                         zs + [zs[unit]],
                         lambda *v: math.exp(v[-1] - top) / sum(math.exp(x - top) for x in v[:-1]), out)
        a_line = Line("Activation", f"{out_sym} = softmax({pre_sym})_{unit + 1} = "
                      f"e^{pre_sym}{unit + 1} / Σ_k e^{pre_sym}_k",
                      numeric, out, latex=r"a_j = e^{z_j} / \sum_k e^{z_k}")
    else:
        a_line = Line("Activation", f"{out_sym} = {f}({pre_sym}) = "
                      f"{_act_formula(act).replace('z', pre_sym)}",
                      worked(f"{f}({{0}})", [float(pre[unit])], _ACT_FUNC[act], out), out,
                      latex=rf"{out_sym} = {_ACT_LATEX[act]}({pre_sym})")
    lines.append(a_line)
    if net.residual[k]:
        src = "x" if k == 0 else "a′"
        lines.append(Line("Skip", f"a = f + {src}{unit + 1}  (the layer's input, added unchanged)",
                          worked("{0} + {1:p}", [t["f"][unit], a_prev[unit]], lambda x, y: x + y,
                                 float(t["a"][unit])), float(t["a"][unit]),
                          latex=r"a = f + a_{\text{prev}}"))
    return lines


def _paren(x: float) -> str:
    """x to 6 significant digits, in parentheses when negative (the remedies' lines)."""
    s = fmt(x)
    return f"({s})" if s.startswith("-") else s


def _batch_terms(values: np.ndarray, limit: int = MAX_TERMS) -> str:
    """(v1 + v2 + ...) of a batch's values, the first ``limit`` of them and the rest summed."""
    shown = [_paren(v) for v in values[:limit]]
    if len(values) > limit:
        shown.append(f"(the other {len(values) - limit}: {_paren(np.sum(values[limit:]))})")
    return " + ".join(shown)


def _bn_forward_lines(trace: dict, k: int, unit: int, eps: float) -> list[Line]:
    """Batch normalisation of one neuron: its mean and variance (the batch's in training mode,
    the running ones in evaluation), x̂ and y = γ x̂ + β."""
    t = trace["layers"][k]
    mu, var = float(t["bn_mean"][unit]), float(t["bn_var"][unit])
    lines = []
    if "batch" in trace:
        zs = trace["batch"]["layers"][k]["z"][:, unit]
        B = len(zs)
        lines.append(Line("Batch mean", f"μ = (1/B) Σ_s z_s,  B = {B}", f"({_batch_terms(zs)}) / {B}",
                          mu, latex=r"\mu_B = \frac{1}{B}\sum_s z_s"))
        lines.append(Line("Batch variance", "σ² = (1/B) Σ_s (z_s − μ)²",
                          f"({_batch_terms((zs - mu) ** 2)}) / {B}", var,
                          latex=r"\sigma_B^2 = \frac{1}{B}\sum_s (z_s - \mu_B)^2"))
    else:
        lines.append(Line("Running mean", "μ = running mean of z (evaluation mode)", "", mu,
                          latex=r"\mu = \text{running mean}"))
        lines.append(Line("Running variance", "σ² = running variance of z (evaluation mode)", "",
                          var, latex=r"\sigma^2 = \text{running variance}"))
    lines.append(Line("Normalised", "x̂ = (z − μ) / √(σ² + ε)",
                      f"({fmt(t['z'][unit])} − {_paren(mu)}) / √({fmt(var)} + {fmt(eps)})",
                      float(t["bn_xhat"][unit]), latex=r"\hat x = (z - \mu)/\sqrt{\sigma^2 + \epsilon}"))
    lines.append(Line("Scale and shift", "y = γ x̂ + β",
                      f"{fmt(t['gamma'][unit])}×{_paren(t['bn_xhat'][unit])} + {_paren(t['beta'][unit])}",
                      float(t["bn_out"][unit]), latex=r"y = \gamma \hat x + \beta"))
    return lines


def loss_lines(net: Network, trace: dict) -> list[Line]:
    """The loss of the sample, term by term."""
    a = trace["layers"][-1]["a"]
    t = trace["target"]
    n = len(a)
    loss = net.loss
    value = float(trace.get("sample_loss", trace["loss"]))   # a minibatch's: this sample's
    pairs = [v for ai, ti in zip(a, t) for v in (float(ai), float(ti))]   # a1, t1, a2, t2, ...

    def each(f):
        return lambda *v: sum(f(v[i], v[i + 1]) for i in range(0, len(v), 2))
    if loss in ("mse", "half_sse"):
        terms = " + ".join(f"({{{2 * j}}} − {{{2 * j + 1}:p}})²" for j in range(n))
        sym = "L = (1/n) Σ_j (a_j − t_j)²" if loss == "mse" else "L = ½ Σ_j (a_j − t_j)²"
        num = (f"(1/{n})·[{terms}]" if loss == "mse" else f"½·[{terms}]")
        factor = 1.0 / n if loss == "mse" else 0.5
        num = worked(num, pairs, lambda *v: factor * each(lambda ai, ti: (ai - ti) ** 2)(*v), value)
        tex = r"L = \frac{1}{n}\sum_j (a_j - t_j)^2" if loss == "mse" else r"L = \frac{1}{2}\sum_j (a_j - t_j)^2"
    elif loss == "bce":
        terms = " + ".join(f"[{{{2 * j + 1}}}·ln {{{2 * j}}} + (1 − {{{2 * j + 1}}})·ln(1 − {{{2 * j}}})]"
                           for j in range(n))
        sym = "L = −(1/n) Σ_j [t_j ln a_j + (1 − t_j) ln(1 − a_j)]"
        num = worked(f"−(1/{n})·({terms})", pairs, lambda *v: -each(
            lambda ai, ti: _xlny(ti, ai) + _xlny(1 - ti, 1 - ai))(*v) / n, value)
        z = [float(zi) for zi in trace["layers"][-1]["z"]]
        if not all(_bce_holds(float(ai), float(ti), zi) for ai, ti, zi in zip(a, t, z)):
            # a saturated unit: no number of digits of a gives ln(1 − a) when a is 1 in floats
            num = f"−(1/{n})·(" + " + ".join(
                _bce_term(float(ai), float(ti), zi) for ai, ti, zi in zip(a, t, z)) + ")"
        tex = r"L = -\frac{1}{n}\sum_j \left[t_j \ln a_j + (1-t_j)\ln(1-a_j)\right]"
    else:
        nz = [v for ai, ti in zip(a, t) if ti != 0 for v in (float(ai), float(ti))]
        terms = " + ".join(f"{{{2 * j + 1}}}·ln {{{2 * j}}}" for j in range(len(nz) // 2)) or "0"
        sym = "L = −Σ_j t_j ln a_j"
        num = worked(f"−({terms})", nz, lambda *v: -each(lambda ai, ti: _xlny(ti, ai))(*v), value)
        z = np.asarray(trace["layers"][-1]["z"], dtype=np.float64)
        if not all(_ce_holds(float(ai), float(ti), j, z) for j, (ai, ti) in enumerate(zip(a, t))):
            # an output that underflowed to 0 in floats: write ln a_j from z
            num = "−(" + (" + ".join(_ce_term(float(ai), float(ti), j, z)
                                     for j, (ai, ti) in enumerate(zip(a, t)) if ti != 0) or "0") + ")"
        tex = r"L = -\sum_j t_j \ln a_j"
    if "batch" not in trace:
        return [Line("Loss", sym, num, value, latex=tex)]
    losses = trace["batch"]["sample_loss"]
    B = len(losses)
    return [Line("Loss", sym, num, value, latex=tex),
            Line("Batch loss", "L_B = (1/B) Σ_s L_s", f"({_batch_terms(losses)}) / {B}",
                 float(trace["loss"]), latex=r"L_B = \frac{1}{B}\sum_s L_s")]


def _derivative_line(act: str, z: float, a: float) -> Line:
    if act == "sigmoid":
        return Line("Slope", "σ'(z) = a(1 − a)", worked("{0}×(1 − {0})", [a], lambda x: x * (1 - x),
                                                       a * (1 - a)), a * (1 - a),
                    latex=r"\sigma'(z) = a(1-a)")
    if act == "tanh":
        return Line("Slope", "tanh'(z) = 1 − a²", worked("1 − {0:p}²", [a], lambda x: 1 - x * x,
                                                        1 - a * a), 1 - a * a,
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
    # one sample's δ is its loss's slope along the bias b; in a minibatch (batch norm) the
    # checkable slopes are the batch's gradients, not one sample's δ
    delta_check = (k, unit, None) if trace.get("batch") is None else None
    if k == L - 1:
        tgt = float(trace["target"][unit])
        n = len(t_layer["a"])
        g = float(trace["output_grad"][unit])
        loss = net.loss
        if loss == "bce":
            lines.append(Line("Error signal",
                              translate("explain", "δ = ∂L/∂z = (a − t) / n  (σ and bce together)"),
                              worked(f"({{0}} − {{1:p}}) / {n}", [a, tgt], lambda x, y: (x - y) / n, delta),
                              delta, latex=r"\delta = (a - t)/n", grad_of=delta_check))
        elif loss == "cross_entropy":          # always with softmax
            tsum = float(np.sum(trace["target"]))
            lhs = worked("{0} − {2:p}" if tsum == 1 else "{0}×{1} − {2:p}", [a, tsum, tgt],
                         (lambda x, s, y: x - y) if tsum == 1 else (lambda x, s, y: x * s - y), delta)
            lines.append(Line("Error signal", translate(
                "explain", "δ = ∂L/∂z = a − t  (softmax and cross-entropy together)"),
                              lhs, delta, latex=r"\delta = a - t", grad_of=delta_check))
        else:
            if loss == "mse":
                lines.append(Line("Output slope", "∂L/∂a = 2(a − t) / n",
                                  worked(f"2×({{0}} − {{1:p}}) / {n}", [a, tgt],
                                         lambda x, y: 2 * (x - y) / n, g),
                                  g, latex=r"\partial L/\partial a = 2(a-t)/n"))
            else:
                lines.append(Line("Output slope", "∂L/∂a = a − t",
                                  worked("{0} − {1:p}", [a, tgt], lambda x, y: x - y, g), g,
                                  latex=r"\partial L/\partial a = a - t"))
            if act == "softmax":
                ga = float(np.dot(trace["output_grad"], t_layer["a"]))
                lines.append(Line("Error signal", "δ = a (∂L/∂a − Σ_j ∂L/∂a_j · a_j)",
                                  worked("{0}×({1:p} − {2:p})", [a, g, ga],
                                         lambda x, y, w: x * (y - w), delta), delta,
                                  latex=r"\delta_i = a_i\,(g_i - \sum_j g_j a_j)", grad_of=delta_check))
            else:
                d = _derivative_line(act, z, a)
                lines.append(d)
                lines.append(Line("Error signal", f"δ = ∂L/∂a · {d.symbolic.split(' = ')[0]}",
                                  worked("{0:p}×{1:p}", [g, d.value], lambda x, y: x * y, delta), delta,
                                  latex=r"\delta = \frac{\partial L}{\partial a}\, f'(z)", grad_of=delta_check))
    else:
        W_next = net.weights[k + 1][:, unit]
        d_next = trace["layers"][k + 1]["delta"]
        sym, num, values = _terms(W_next, d_next, "δ")
        back = float(np.dot(W_next, d_next))
        lines.append(Line("Error from above", "Σ_k w_k δ_k = " + " + ".join(sym),
                          worked(" + ".join(num), values, _sum_of_products, back), back,
                          latex=r"\sum_k w_{k} \delta_k"))
        g = back
        g_sym = "Σ_k w_k δ_k"
        if net.residual[k + 1]:
            # the layer above adds this layer's a to its own output: dL/da of that output
            # arrives here unchanged, beside the path through its weights
            skip = float(trace["layers"][k + 1]["grad_a"][unit])
            g = float(t_layer["grad_a"][unit])
            lines.append(Line("Along the skip", "∂L/∂a′ = the layer above's ∂L/∂a (its skip adds a)",
                              "", skip, latex=r"\partial L/\partial a_{\text{above}}"))
            lines.append(Line("Both paths", "∂L/∂a = Σ_k w_k δ_k + ∂L/∂a′",
                              f"{_paren(back)} + {_paren(skip)}", g,
                              latex=r"\frac{\partial L}{\partial a} = \sum_k w_k \delta_k + \frac{\partial L}{\partial a'}"))
            g_sym = "∂L/∂a"
        f_out = float(t_layer["f"][unit]) if net.residual[k] else a
        pre = float(t_layer["bn_out"][unit]) if net.batch_norm[k] else z
        if act == "softmax":
            g_all = net.weights[k + 1].T @ d_next           # dL/da of every unit in this layer
            if net.residual[k + 1]:
                g_all = g_all + trace["layers"][k + 1]["grad_a"]
            outs = t_layer["f"] if net.residual[k] else t_layer["a"]
            ga = float(np.dot(g_all, outs))
            dy = float(t_layer["grad_bn_out"][unit]) if net.batch_norm[k] else delta
            lines.append(Line("Error signal", f"δ = a (g − Σ_j g_j a_j),  g = {g_sym}",
                              worked("{0}×({1:p} − {2:p})", [f_out, g, ga],
                                     lambda x, y, w: x * (y - w), dy), dy,
                              latex=r"\delta_i = a_i\,(g_i - \sum_j g_j a_j)", grad_of=delta_check))
        else:
            d = _derivative_line(act, pre, f_out)
            lines.append(d)
            slope = d.symbolic.split(' = ')[0]
            if net.batch_norm[k]:
                dy = float(t_layer["grad_bn_out"][unit])
                lines.append(Line("Error at y", f"∂L/∂y = {slope} · {g_sym}",
                                  worked("{0:p}×{1:p}", [d.value, g], lambda x, y: x * y, dy), dy,
                                  latex=r"\frac{\partial L}{\partial y} = f'(y)\,\frac{\partial L}{\partial a}"))
            else:
                lines.append(Line("Error signal", f"δ = {slope} · {g_sym}",
                                  worked("{0:p}×{1:p}", [d.value, g], lambda x, y: x * y, delta), delta,
                                  latex=r"\delta = f'(z) \sum_k w_k \delta_k", grad_of=delta_check))
        if net.batch_norm[k]:
            lines += _bn_backward_lines(net, trace, k, unit)
    a_prev = trace["input"] if k == 0 else trace["layers"][k - 1]["a"]
    gw = t_layer["grad_weights"][unit]
    idx = _largest(gw)
    src = "x" if k == 0 else "a"
    batch = trace.get("batch")
    if batch is None:
        for i in idx:
            lines.append(Line("Weight gradient", f"∂L/∂w{i + 1} = δ · {src}{i + 1}",
                              worked("{0:p}×{1:p}", [delta, a_prev[i]], lambda x, y: x * y,
                                     float(gw[i])), float(gw[i]),
                              latex=r"\partial L/\partial w_i = \delta\, a_i",
                              grad_of=(k, unit, int(i))))
        lines.append(Line("Bias gradient", "∂L/∂b = δ", "", float(t_layer["grad_bias"][unit]),
                          latex=r"\partial L/\partial b = \delta", grad_of=(k, unit, None)))
        return lines
    # a minibatch: each gradient is the mean over its samples
    ds = batch["layers"][k]["delta"][:, unit]
    A = batch["input"] if k == 0 else batch["layers"][k - 1]["a"]
    B = len(ds)
    for i in idx:
        terms = " + ".join(f"{_paren(d_)}×{_paren(a_)}" for d_, a_ in zip(ds[:MAX_TERMS], A[:MAX_TERMS, i]))
        lines.append(Line("Weight gradient", f"∂L/∂w{i + 1} = (1/B) Σ_s δ_s · {src}{i + 1},s",
                          f"({terms}) / {B}", float(gw[i]),
                          latex=r"\partial L/\partial w_i = \frac{1}{B}\sum_s \delta_s\, a_{i,s}",
                          grad_of=(k, unit, int(i))))
    lines.append(Line("Bias gradient", "∂L/∂b = (1/B) Σ_s δ_s", f"({_batch_terms(ds)}) / {B}",
                      float(t_layer["grad_bias"][unit]),
                      latex=r"\partial L/\partial b = \frac{1}{B}\sum_s \delta_s", grad_of=(k, unit, None)))
    return lines


def _bn_backward_lines(net: Network, trace: dict, k: int, unit: int) -> list[Line]:
    """From ∂L/∂y back through batch normalisation to δ = ∂L/∂z, and ∂L/∂γ, ∂L/∂β. In training
    mode μ and σ² depend on every sample of the batch, so each sample's δ depends on the
    others' ∂L/∂y: the two batch means below are those coupling terms."""
    t = trace["layers"][k]
    gamma, var = float(t["gamma"][unit]), float(t["bn_var"][unit])
    eps = float(net.bn_eps[k])
    scale = gamma / float(np.sqrt(var + eps))
    dy, xh, delta = float(t["grad_bn_out"][unit]), float(t["bn_xhat"][unit]), float(t["delta"][unit])
    lines = [Line("Scale", "γ / √(σ² + ε)", f"{fmt(gamma)} / √({fmt(var)} + {fmt(eps)})", scale,
                  latex=r"\gamma/\sqrt{\sigma^2+\epsilon}")]
    batch = trace.get("batch")
    if batch is not None and trace["mode"] == "training":
        gs = batch["layers"][k]["grad_bn_out"][:, unit]
        xs = batch["layers"][k]["bn_xhat"][:, unit]
        B = len(gs)
        m_g, m_gx = float(gs.mean()), float((gs * xs).mean())
        lines.append(Line("Batch coupling", "mean_s ∂L/∂y_s", f"({_batch_terms(gs)}) / {B}", m_g,
                          latex=r"\overline{g} = \frac{1}{B}\sum_s g_s"))
        lines.append(Line("Batch coupling", "mean_s ∂L/∂y_s · x̂_s",
                          f"({_batch_terms(gs * xs)}) / {B}", m_gx,
                          latex=r"\overline{g\hat x} = \frac{1}{B}\sum_s g_s \hat x_s"))
        lines.append(Line("Error signal", "δ = γ/√(σ² + ε) · (∂L/∂y − mean ∂L/∂y − x̂ · mean ∂L/∂y x̂)",
                          f"{fmt(scale)}×({_paren(dy)} − {_paren(m_g)} − {_paren(xh)}×{_paren(m_gx)})",
                          delta, latex=r"\delta = \frac{\gamma}{\sqrt{\sigma^2+\epsilon}}"
                          r"\left(g - \overline{g} - \hat x\,\overline{g\hat x}\right)"))
        lines.append(Line("γ gradient", "∂L/∂γ = mean_s ∂L/∂y_s · x̂_s", "", float(t["grad_gamma"][unit]),
                          latex=r"\partial L/\partial\gamma = \overline{g\hat x}"))
        lines.append(Line("β gradient", "∂L/∂β = mean_s ∂L/∂y_s", "", float(t["grad_beta"][unit]),
                          latex=r"\partial L/\partial\beta = \overline{g}"))
    else:
        lines.append(Line("Error signal", "δ = γ/√(σ² + ε) · ∂L/∂y  (running statistics: no coupling)",
                          f"{fmt(scale)}×{_paren(dy)}", delta,
                          latex=r"\delta = \frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\, g"))
        lines.append(Line("γ gradient", "∂L/∂γ = ∂L/∂y · x̂", f"{_paren(dy)}×{_paren(xh)}",
                          float(t["grad_gamma"][unit]), latex=r"\partial L/\partial\gamma = g\,\hat x"))
        lines.append(Line("β gradient", "∂L/∂β = ∂L/∂y", "", float(t["grad_beta"][unit]),
                          latex=r"\partial L/\partial\beta = g"))
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
    def step(old: float, g: float, new: float) -> str:
        return worked("{0} − {1}×{2:p}", [old, lr, g], lambda w, e, d: w - e * d, new)
    lines = [Line("Update", f"w{i + 1} ← w{i + 1} − η ∂L/∂w{i + 1}",
                  step(W[i], gw[i], float(new_w[i])), float(new_w[i]),
                  latex=r"w \leftarrow w - \eta\, \partial L/\partial w") for i in idx]
    if trace.get("train_biases", True):
        lines.append(Line("Update", "b ← b − η ∂L/∂b", step(b, gb, float(new_b)), float(new_b),
                          latex=r"b \leftarrow b - \eta\, \partial L/\partial b"))
    else:
        lines.append(Line("Update", translate("explain", "b stays (Train biases is off)"), "", float(new_b),
                          latex=r"b \text{ stays}"))
    bn = trace["updated"]["layers"][k].get("batch_norm")
    if bn is not None and trace.get("train_biases", True):
        t = trace["layers"][k]
        for sym, old, grad, new in (("γ", net_before.gamma[k][unit], t["grad_gamma"][unit], bn["gamma"][unit]),
                                    ("β", net_before.beta[k][unit], t["grad_beta"][unit], bn["beta"][unit])):
            lines.append(Line("Update", f"{sym} ← {sym} − η ∂L/∂{sym}", step(old, grad, float(new)),
                              float(new), latex=rf"\{'gamma' if sym == 'γ' else 'beta'} \leftarrow "
                              rf"\{'gamma' if sym == 'γ' else 'beta'} - \eta\, \partial L/\partial"
                              rf"\{'gamma' if sym == 'γ' else 'beta'}"))
    elif bn is not None:        # the switch keeps every parameter but the weights: b, γ and β
        for sym, name, value in (("γ", "gamma", bn["gamma"][unit]), ("β", "beta", bn["beta"][unit])):
            lines.append(Line("Update", translate("explain", "{sym} stays (Train biases is off)")
                              .format(sym=sym), "", float(value),
                              latex=rf"\{name} \text{{ stays}}"))
    return lines
