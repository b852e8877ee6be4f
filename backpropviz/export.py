"""What File > Export writes, without Qt: a trace as JSON, a worked example as Markdown,

and the training history as CSV; every text is written with :func:`save_text`.
Importing this module pulls in NumPy only (the engine, and so Numba, when a function needs it),
so the command line can use ``to_json_value`` without slowing ``--help``.
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from .i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from .engine.history import History
    from .explain import Line
    from .engine.network import Network

#: a layer with more neurons than this shows its first SHOWN_NEURONS neurons worked out in full
#: and the rest as a table of their values
MAX_NEURONS = 8
SHOWN_NEURONS = 3
#: weight tables are printed for layers with at most this many inputs (columns)
MAX_TABLE_INPUTS = 8

_LOSS_NAMES = {"mse": QT_TRANSLATE_NOOP("export", "mean squared error"),
               "half_sse": QT_TRANSLATE_NOOP("export", "half the sum of squared errors"),
               "bce": QT_TRANSLATE_NOOP("export", "binary cross-entropy"),
               "cross_entropy": QT_TRANSLATE_NOOP("export", "cross-entropy")}
#: what each activation is, beside the a = f(z) the explain lines carry
_ACT_DEFINITION = {"sigmoid": r"\sigma(z) = \frac{1}{1 + e^{-z}}",
                   "tanh": r"\tanh z = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
                   "relu": r"\mathrm{relu}(z) = \max(0, z)",
                   "leaky_relu": r"\mathrm{lrelu}(z) = \max(%(slope)s z, z)",
                   "linear": r"\mathrm{id}(z) = z",
                   "softmax": ""}


def _definition(activation: str) -> str:
    """What an activation is, in LaTeX, with the engine's own leaky-ReLU slope."""
    from .engine.activations import LEAKY_SLOPE
    return _ACT_DEFINITION.get(activation, "").replace("%(slope)s", f"{LEAKY_SLOPE:g}")


# --- JSON -----------------------------------------------------------------------------------------
def to_json_value(obj: Any) -> Any:
    """obj as plain JSON values: arrays become lists, tuples lists, NumPy scalars Python numbers,
    and non-finite floats (NaN, ±inf, which JSON cannot hold) None. Dicts and lists are copied."""
    if isinstance(obj, dict):
        return {k: to_json_value(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_json_value(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return to_json_value(obj.tolist())
    if isinstance(obj, (bool, np.bool_)):
        return bool(obj)
    if isinstance(obj, (float, np.floating)):
        return float(obj) if math.isfinite(obj) else None
    if isinstance(obj, np.integer):
        return int(obj)
    return obj


def trace_json(trace: dict) -> str:
    """A trace of ``Network.trace`` as indented JSON text ending in a newline (the format of
    ``backpropviz trace``); values that are not finite become null."""
    return json.dumps(to_json_value(trace), indent=1, allow_nan=False) + "\n"


def save_text(path: str | os.PathLike, text: str) -> None:
    """Write text (UTF-8) atomically: a crash never leaves half a file."""
    from .engine.atomic_file import write_text_atomic
    write_text_atomic(path, text)


# --- the training history -----------------------------------------------------------------------
def history_csv(history: History, classification: bool = True) -> str:
    """The kept evaluations of ``history`` as CSV: step, epoch, train and test loss and accuracy
    (accuracy left empty for regression, a value that is not finite left empty)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["step", "epoch", "train_loss", "test_loss", "train_accuracy", "test_accuracy"])
    v = history.eval_view()
    cols = [v.step, v.epoch, v.train_loss, v.test_loss, v.train_accuracy, v.test_accuracy]
    for row in zip(*cols):
        vals = [int(row[0]), f"{row[1]:.4f}"] + ["" if not math.isfinite(x) else repr(float(x))
                                                 for x in row[2:]]
        if not classification:
            vals[4] = vals[5] = ""
        w.writerow(vals)
    return out.getvalue()


# --- the worked example ---------------------------------------------------------------------------
def worked_example_markdown(net: Network, trace: dict, *, title: str | None = None) -> str:
    """One sample's forward pass, loss, backward pass and SGD update, every number worked out,
    as a Markdown page to hand to students.

    net: the network holding the weights the trace was computed with (before the update).
    trace: ``net.trace(x, target, lr)``. Formulas are LaTeX (``$$...$$``), the arithmetic plain
    text lines, so the page renders with MathJax/KaTeX and still reads as plain text. Layers with
    more than MAX_NEURONS neurons show the first SHOWN_NEURONS in full and the rest in a table.
    The words are in the current language of ``backpropviz.i18n`` (``with i18n.use("zh_CN"):``).
    """
    from . import explain
    from .explain import fmt
    L = net.n_layers
    lr = float(trace["lr"])
    title = title or translate("export", "One step of backpropagation, worked by hand")
    out: list[str] = [f"# {title}", ""]
    out += [translate("export", "Every number below comes from backpropviz's engine for one "
                      "training sample, rounded to 6 significant digits. Layer 1 is the first "
                      "layer after the inputs; in each neuron, w1, w2, … are the weights of its "
                      "inputs (x1, x2, … in layer 1, the previous layer's outputs a1, a2, … "
                      "further on) and b is its bias."), ""]

    # the network
    shape = " → ".join([translate("export", "{n} inputs").format(n=net.sizes[0])] +
                       [f"{n} {act}" for n, act in zip(net.sizes[1:], net.activations)])
    loss_name = translate("export", _LOSS_NAMES[net.loss]) if net.loss in _LOSS_NAMES else net.loss
    out += ["## " + translate("export", "The network"), "",
            "- " + translate("export", "Layers: {shape} (sizes {sizes})").format(
                shape=shape, sizes="-".join(map(str, net.sizes))),
            "- " + translate("export", "Loss: {loss} ({name})").format(loss=net.loss, name=loss_name),
            "- " + translate("export", "Learning rate: η = {lr}, one step of plain gradient "
                             "descent").format(lr=fmt(lr)), ""]
    loss = explain.loss_lines(net, trace)
    out += _display([ln.latex for ln in loss])
    out += ["### " + translate("export", "Weights and biases before the step"), ""]
    for k in range(L):
        out += _weight_table(net, k)

    # the sample
    out += ["## " + translate("export", "The sample"), ""]
    if net.normalization is not None:
        out += [translate("export", "These are the inputs as the network sees them: each feature "
                          "standardised with the mean and standard deviation of the training "
                          "data."), ""]
    out += ["- " + translate("export", "Input: {vector}").format(
                vector=_vector(trace['input'], 'x', net.input_names)),
            "- " + translate("export", "Target: {vector}").format(
                vector=_vector(trace['target'], 't', net.output_names)), ""]
    if "batch" in trace:
        out += [translate("export", "Batch normalization needs a batch: this sample is sample "
                          "{sample} of a minibatch of {size}, normalised with the batch's mean "
                          "and variance, and the gradients below are means over the "
                          "minibatch.").format(sample=trace["sample"] + 1, size=trace["batch_size"]), ""]
    elif trace.get("note"):
        out += [translate("export", "Note: {note}.").format(note=trace["note"]), ""]

    # forward
    out += ["## " + translate("export", "1. Forward pass"), "",
            translate("export", "Each neuron adds up its weighted inputs and its bias (z), then "
                      "applies its activation (a)."), ""]
    for k in range(L):
        layer = k + 1
        lines_of = [explain.forward_lines(net, trace, layer, j) for j in range(net.sizes[layer])]
        out += [_layer_heading(net, k), ""]
        formulas = [ln.latex for ln in lines_of[0]] + [_definition(net.activations[k])]
        out += _display(formulas)
        out += _neurons(lines_of, trace["layers"][k], [("z", "z"), ("a", "a")])

    # loss
    out += ["## " + translate("export", "2. Loss"), "",
            translate("export", "How far the outputs are from the target:"), ""]
    out += [f"- {ln.text()}" for ln in loss] + [""]
    out += [translate("export", "The loss of this sample is **{loss}**.").format(
        loss=fmt(trace.get("sample_loss", trace["loss"]))), ""]

    # backward
    out += ["## " + translate("export", "3. Backward pass"), "",
            translate("export", "From the output back to layer 1: each neuron's error signal "
                      "δ = ∂L/∂z, then the gradients of its weights and bias. A hidden neuron's δ "
                      "collects the δ of the layer above through the weights that connect them: "
                      "in Σ_k w_k δ_k, w_k is the weight from this neuron into neuron k of the "
                      "layer above (before the update)."), ""]
    for k in reversed(range(L)):
        layer = k + 1
        lines_of = [explain.backward_lines(net, trace, layer, j) for j in range(net.sizes[layer])]
        out += [_layer_heading(net, k), ""]
        grads = ("Weight gradient", "Bias gradient")
        out += _display([ln.latex for ln in lines_of[0] if ln.title not in grads])
        out += _display([ln.latex for ln in lines_of[0] if ln.title in grads])
        out += _neurons(lines_of, trace["layers"][k], [("δ", "delta"), ("∂L/∂b", "grad_bias")])

    # update
    out += ["## " + translate("export", "4. Update"), "",
            translate("export", "Every weight and bias takes a step against its gradient, with "
                      "learning rate η = {lr}:").format(lr=fmt(lr)), ""]
    out += _display([r"w \leftarrow w - \eta\,\frac{\partial L}{\partial w} \qquad "
                     r"b \leftarrow b - \eta\,\frac{\partial L}{\partial b}"])
    updated = trace["updated"]["layers"]
    for k in range(L):
        layer = k + 1
        lines_of = [explain.update_lines(net, trace, layer, j) for j in range(net.sizes[layer])]
        out += [_layer_heading(net, k), ""]
        values = {"b_before": net.bias[k], "b": np.asarray(updated[k]["bias"])}
        out += _neurons(lines_of, values, [(translate("export", "b before"), "b_before"),
                                           (translate("export", "b after"), "b")])
        if net.sizes[k] > explain.MAX_TERMS:
            out += [translate("export", "(Each neuron has {n} weights; the {shown} with the largest "
                              "gradients are shown. The others change the same way.)").format(
                n=net.sizes[k], shown=explain.MAX_TERMS), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _display(formulas: Sequence[str]) -> list[str]:
    """Display-maths lines: the distinct formulas that state an equation (or an update), three
    to a line; nothing for no formulas."""
    seen: list[str] = []
    for f in formulas:
        if f and ("=" in f or r"\leftarrow" in f) and f not in seen:
            seen.append(f)
    out: list[str] = []
    for i in range(0, len(seen), 3):
        out += ["$$", r" \qquad ".join(seen[i:i + 3]), "$$", ""]
    return out


def _layer_heading(net: Network, k: int) -> str:
    """'### Layer 2: output layer, 2 sigmoid neurons'."""
    n, act = net.sizes[k + 1], net.activations[k]
    if k == net.n_layers - 1:
        words = translate("export", "output layer, {n} {activation} neurons") if n != 1 else \
            translate("export", "output layer, 1 {activation} neuron")
    else:
        words = translate("export", "hidden layer, {n} {activation} neurons") if n != 1 else \
            translate("export", "hidden layer, 1 {activation} neuron")
    words = words.format(n=n, activation=act)
    if net.batch_norm[k]:
        words += translate("export", ", batch-normalised")
    if net.residual[k]:
        words += translate("export", ", with a skip (a = f + the layer's input)")
    return "### " + translate("export", "Layer {layer}: {words}").format(layer=k + 1, words=words)


def _vector(values: np.ndarray, sym: str, names: Sequence[str] | None) -> str:
    """"x = (0.05, 0.1) for i1, i2": the values, then the data's names of a short vector when
    they say more than x1, x2."""
    from .explain import fmt
    n = len(values)
    text = f"{sym} = ({', '.join(fmt(v) for v in values)})"
    if names is not None and len(names) == n <= MAX_NEURONS \
            and list(names) != [f"{sym}{i + 1}" for i in range(n)]:
        text += translate("export", " for {names}").format(names=", ".join(names))
    return text


def _neurons(lines_of: list[list[Line]], values: dict, columns: list[tuple[str, str]]) -> list[str]:
    """Each neuron's worked lines; past MAX_NEURONS, the first few in full and a table of the rest
    (columns: (heading, key into ``values``), one value per neuron)."""
    from .explain import fmt
    n = len(lines_of)
    shown = n if n <= MAX_NEURONS else SHOWN_NEURONS
    out: list[str] = []
    for j in range(shown):
        out += ["**" + translate("export", "Neuron {n}").format(n=j + 1) + "**", ""]
        out += [f"- {ln.text()}" for ln in lines_of[j]] + [""]
    if shown < n:
        out += [translate("export", "The other {n} neurons of this layer are worked out the same "
                          "way; their values:").format(n=n - shown), ""]
        out += ["| " + translate("export", "neuron") + " | " + " | ".join(h for h, _ in columns) + " |",
                "|---:|" + "---:|" * len(columns)]
        for j in range(shown, n):
            cells = " | ".join(fmt(values[key][j]) for _, key in columns)
            out.append(f"| {j + 1} | {cells} |")
        out.append("")
    return out


def _weight_table(net: Network, k: int) -> list[str]:
    from .explain import fmt
    n_in, n_out = net.sizes[k], net.sizes[k + 1]
    head = translate("export", "Layer {layer} ({activation}), one row per neuron:").format(
        layer=k + 1, activation=net.activations[k])
    if n_in > MAX_TABLE_INPUTS or n_out > MAX_NEURONS:
        return [translate("export", "Layer {layer} ({activation}): {n_out} neurons × {n_in} weights, "
                          "too many to list here; each neuron's weights appear where they are "
                          "used.").format(layer=k + 1, activation=net.activations[k], n_out=n_out,
                                          n_in=n_in), ""]
    src = "x" if k == 0 else "a"
    heads = " | ".join(translate("export", "w{i} (from {source})").format(i=i + 1, source=f"{src}{i + 1}")
                       for i in range(n_in))
    rows = [head, "", "| " + translate("export", "neuron") + f" | {heads} | b |",
            "|---:|" + "---:|" * (n_in + 1)]
    W, b = net.weights[k], net.bias[k]
    for j in range(n_out):
        rows.append(f"| {j + 1} | " + " | ".join(fmt(w) for w in W[j]) + f" | {fmt(b[j])} |")
    return rows + [""]
