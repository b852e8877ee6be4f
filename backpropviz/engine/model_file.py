"""The model file: the ``backpropviz.model`` JSON format, read and written.

A model file is a JSON object::

    {"format": "backpropviz.model", "version": 1, "loss": "bce",
     "layers": [{"activation": "tanh", "weights": [[...], ...], "bias": [...]}, ...],
     "input_names": [...], "output_names": [...],                 (optional)
     "normalization": {"mean": [...], "std": [...]}}             (optional)

Version 2 adds two optional keys to a hidden layer: ``"residual": true`` (a skip, a = f + a_prev)
and ``"batch_norm": {"gamma": [...], "beta": [...], "running_mean": [...], "running_var": [...],
"momentum": 0.1, "eps": 1e-5}``. A model without either is written as version 1, so files that
older versions read stay readable by them; version 1 files read unchanged.

A layer's ``weights`` have one row per neuron and one column per input (z = W a_prev + b).
This module knows the format, not the maths: it turns a file or dict into a ``ModelSpec`` of
checked arrays and back; ``Network.from_spec`` / ``Network.spec`` cross over to the network.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import activations, losses
from .atomic_file import write_json_atomic
from ..i18n import QT_TRANSLATE_NOOP, Message
from .errors import EngineError, ModelFileError, message

MUST_BE = QT_TRANSLATE_NOOP("engine", "{what} must be {kind}")
#: what Python's json module says is wrong with a text, in words the window can translate
JSON_REASONS = {
    "Expecting value": QT_TRANSLATE_NOOP("engine", "Expecting value"),
    "Expecting property name enclosed in double quotes":
        QT_TRANSLATE_NOOP("engine", "Expecting property name enclosed in double quotes"),
    "Expecting ':' delimiter": QT_TRANSLATE_NOOP("engine", "Expecting ':' delimiter"),
    "Expecting ',' delimiter": QT_TRANSLATE_NOOP("engine", "Expecting ',' delimiter"),
    "Unterminated string starting at": QT_TRANSLATE_NOOP("engine", "Unterminated string starting at"),
    "Extra data": QT_TRANSLATE_NOOP("engine", "Extra data"),
    "Invalid control character at": QT_TRANSLATE_NOOP("engine", "Invalid control character at"),
}

FORMAT = "backpropviz.model"
VERSION = 2                 # the newest version this reads
BN_KEYS = ("gamma", "beta", "running_mean", "running_var", "momentum", "eps")


@dataclass
class ModelSpec:
    """Everything a model file holds, checked. weights[k]: float64 (n_out, n_in); bias[k]: (n_out,)."""
    loss: str
    activations: list[str]
    weights: list[np.ndarray]
    bias: list[np.ndarray]
    input_names: list[str] | None = None
    output_names: list[str] | None = None
    normalization: dict[str, list[float]] | None = None
    #: version 2: per layer, a skip or not
    residual: list[bool] | None = None
    #: version 2: per layer, None or {"gamma", "beta", "running_mean", "running_var": (n_out,)
    #: arrays, "momentum", "eps": floats}
    batch_norm: list[dict | None] | None = None

    @property
    def sizes(self) -> list[int]:
        return [self.weights[0].shape[1], *(w.shape[0] for w in self.weights)]


def to_dict(spec: ModelSpec) -> dict:
    """The model as a JSON-ready dict (plain lists and floats)."""
    layers = [{"activation": a, "weights": w.tolist(), "bias": b.tolist()}
              for a, w, b in zip(spec.activations, spec.weights, spec.bias)]
    v2 = False
    for k, layer in enumerate(layers):
        if spec.residual and spec.residual[k]:
            layer["residual"] = True
            v2 = True
        if spec.batch_norm and spec.batch_norm[k] is not None:
            bn = spec.batch_norm[k]
            layer["batch_norm"] = {key: (float(bn[key]) if key in ("momentum", "eps")
                                         else np.asarray(bn[key], dtype=float).tolist())
                                   for key in BN_KEYS}
            v2 = True
    d: dict[str, Any] = {"format": FORMAT, "version": 2 if v2 else 1, "loss": spec.loss,
                         "layers": layers}
    if spec.input_names is not None:
        d["input_names"] = list(spec.input_names)
    if spec.output_names is not None:
        d["output_names"] = list(spec.output_names)
    if spec.normalization is not None:
        d["normalization"] = {k: list(map(float, v)) for k, v in spec.normalization.items()}
    return d


def from_dict(d: Any) -> ModelSpec:
    """A checked ModelSpec from a model dict; raises ModelFileError saying what is wrong."""
    if not isinstance(d, dict):
        raise ModelFileError(QT_TRANSLATE_NOOP("engine", "a model must be a JSON object"))
    if d.get("format") != FORMAT:
        raise ModelFileError(QT_TRANSLATE_NOOP("engine", "not a backpropviz model (format is {format}, "
                                               "expected {expected})"),
                             format=repr(d.get("format")), expected=repr(FORMAT))
    version = d.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ModelFileError(QT_TRANSLATE_NOOP("engine", "model version must be a whole number, not "
                                               "{version}"), version=repr(version))
    if version > VERSION:
        raise ModelFileError(QT_TRANSLATE_NOOP("engine", "model version {version} is newer than this "
                                               "backpropviz reads (version {known}); update "
                                               "backpropviz"), version=version, known=VERSION)
    layers = d.get("layers")
    if not isinstance(layers, list) or not layers:
        raise ModelFileError(QT_TRANSLATE_NOOP("engine", "model has no layers"))
    sizes: list[int] = []
    acts, ws, bs, residual, batch_norm = [], [], [], [], []
    for k, layer in enumerate(layers, start=1):
        if not isinstance(layer, dict):
            raise ModelFileError(QT_TRANSLATE_NOOP("engine", "layer {k} is not a JSON object"), k=k)
        for key in ("activation", "weights", "bias"):
            if key not in layer:
                raise ModelFileError(QT_TRANSLATE_NOOP("engine", "layer {k} has no {key}"), k=k,
                                     key=repr(key))
        act = layer["activation"]
        if act not in activations.CODES:
            raise ModelFileError(QT_TRANSLATE_NOOP("engine", "layer {k}: unknown activation {name}; "
                                                   "known: {known}"),
                                 k=k, name=repr(act), known=", ".join(activations.CODES))
        w = _numbers(layer["weights"], message(QT_TRANSLATE_NOOP("engine", "layer {k} weights"), k=k),
                     ndim=2)
        b = _numbers(layer["bias"], message(QT_TRANSLATE_NOOP("engine", "layer {k} bias"), k=k), ndim=1)
        if w.shape[0] != b.shape[0]:
            raise ModelFileError(QT_TRANSLATE_NOOP("engine", "layer {k}: weights have {rows} rows "
                                                   "(neurons) but bias has {n} values"),
                                 k=k, rows=w.shape[0], n=b.shape[0])
        if sizes and w.shape[1] != sizes[-1]:
            raise ModelFileError(QT_TRANSLATE_NOOP("engine", "layer {k}: weights have {columns} columns "
                                                   "but the layer before has {n} neurons"),
                                 k=k, columns=w.shape[1], n=sizes[-1])
        if not sizes:
            sizes.append(w.shape[1])
        sizes.append(w.shape[0])
        acts.append(act)
        ws.append(w)
        bs.append(b)
        for key in ("residual", "batch_norm"):
            if key in layer and version < 2:
                raise ModelFileError(QT_TRANSLATE_NOOP("engine", "layer {k}: {key} needs model "
                                                       "version 2, the file says version {version}"),
                                     k=k, key=repr(key), version=version)
        skip = layer.get("residual", False)
        if not isinstance(skip, bool):
            raise ModelFileError(QT_TRANSLATE_NOOP("engine", "layer {k}: 'residual' must be true or "
                                                   "false, not {value}"), k=k, value=repr(skip))
        residual.append(skip)
        batch_norm.append(_batch_norm(layer.get("batch_norm"), k, w.shape[0]))
    loss = d.get("loss")
    if loss not in losses.CODES:
        raise ModelFileError(QT_TRANSLATE_NOOP("engine", "unknown loss {name}; known: {known}"),
                             name=repr(loss), known=", ".join(losses.CODES))
    try:
        losses.code_of(loss, acts[-1])           # e.g. bce needs a sigmoid output
    except EngineError as e:
        raise ModelFileError(e.message) from None
    spec = ModelSpec(loss, acts, ws, bs)
    if any(residual) or any(bn is not None for bn in batch_norm):
        spec.residual, spec.batch_norm = residual, batch_norm
    for key, n in (("input_names", sizes[0]), ("output_names", None)):
        names = d.get(key)
        if names is not None:
            if not isinstance(names, list) or not all(isinstance(s, str) for s in names):
                raise ModelFileError(QT_TRANSLATE_NOOP("engine", "{key} must be a list of strings"),
                                     key=key)
            if n is not None and len(names) != n:
                raise ModelFileError(QT_TRANSLATE_NOOP("engine", "{key} has {names} names for {n} "
                                                       "inputs"), key=key, names=len(names), n=n)
            setattr(spec, key, list(names))
    norm = d.get("normalization")
    if norm is not None:
        if not isinstance(norm, dict) or set(norm) != {"mean", "std"}:
            raise ModelFileError(QT_TRANSLATE_NOOP("engine", "normalization must hold 'mean' and 'std'"))
        mean = _numbers(norm["mean"], message(QT_TRANSLATE_NOOP("engine", "normalization mean")),
                        ndim=1)
        std = _numbers(norm["std"], message(QT_TRANSLATE_NOOP("engine", "normalization std")), ndim=1)
        if mean.shape != (sizes[0],) or std.shape != (sizes[0],):
            raise ModelFileError(QT_TRANSLATE_NOOP("engine", "normalization needs {n} values for mean "
                                                   "and std"), n=sizes[0])
        if np.any(std <= 0):
            raise ModelFileError(QT_TRANSLATE_NOOP("engine", "normalization std must be positive"))
        spec.normalization = {"mean": mean.tolist(), "std": std.tolist()}
    return spec


def _batch_norm(bn: Any, k: int, n: int) -> dict | None:
    """Layer k's checked "batch_norm" entry (n units), or None when it has none."""
    if bn is None:
        return None
    keys = ", ".join(BN_KEYS)
    if not isinstance(bn, dict):
        raise ModelFileError(QT_TRANSLATE_NOOP("engine", "layer {k} batch_norm must be a JSON object "
                                               "with {keys}"), k=k, keys=keys)
    missing = [key for key in BN_KEYS if key not in bn]
    extra = sorted(set(bn) - set(BN_KEYS))
    if missing:
        raise ModelFileError(QT_TRANSLATE_NOOP("engine", "layer {k} batch_norm has no {key}; it "
                                               "holds {keys}"), k=k, key=repr(missing[0]), keys=keys)
    if extra:
        raise ModelFileError(QT_TRANSLATE_NOOP("engine", "layer {k} batch_norm has an unknown key "
                                               "{key}; it holds {keys}"),
                             k=k, key=repr(extra[0]), keys=keys)
    out: dict[str, Any] = {}
    for key in BN_KEYS[:4]:
        arr = _numbers(bn[key], message(QT_TRANSLATE_NOOP("engine", "layer {k} batch_norm {key}"),
                                        k=k, key=key), ndim=1)
        if arr.shape != (n,):
            raise ModelFileError(QT_TRANSLATE_NOOP("engine", "layer {k} batch_norm {key} has {size} "
                                                   "values for the layer's {n} neurons"),
                                 k=k, key=key, size=arr.size, n=n)
        out[key] = arr
    if np.any(out["running_var"] < 0):
        raise ModelFileError(QT_TRANSLATE_NOOP("engine", "layer {k} batch_norm running_var must not "
                                               "be negative"), k=k)
    for key, ok, rule in (("momentum", lambda v: 0 <= v <= 1,
                           QT_TRANSLATE_NOOP("engine", "between 0 and 1")),
                          ("eps", lambda v: v > 0, QT_TRANSLATE_NOOP("engine", "positive"))):
        v = bn[key]
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not np.isfinite(v) or not ok(v):
            raise ModelFileError(QT_TRANSLATE_NOOP("engine", "layer {k} batch_norm {key} must be a "
                                                   "number {rule}, not {value}"),
                                 k=k, key=key, rule=message(rule), value=repr(v))
        out[key] = float(v)
    return out


def read(path: str | os.PathLike) -> ModelSpec:
    """Read a model file; any problem becomes a ModelFileError naming the file."""
    name = str(path)
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        raise ModelFileError(QT_TRANSLATE_NOOP("engine", "{file}: no such file"), file=name) from None
    except IsADirectoryError:
        raise ModelFileError(QT_TRANSLATE_NOOP("engine", "{file}: is a directory, not a model file"),
                             file=name) from None
    except OSError as e:
        raise ModelFileError(QT_TRANSLATE_NOOP("engine", "{file}: cannot read ({reason})"),
                             file=name, reason=e.strerror) from None
    try:
        d = json.loads(raw.decode("utf-8-sig"))     # a byte-order mark, as some editors write
    except UnicodeDecodeError:
        raise ModelFileError(QT_TRANSLATE_NOOP("engine", "{file}: not a text file (a model is JSON)"),
                             file=name) from None
    except json.JSONDecodeError as e:
        raise ModelFileError(QT_TRANSLATE_NOOP("engine", "{file}, line {line}, column {column}: not "
                                               "valid JSON ({reason})"),
                             file=name, line=e.lineno, column=e.colno,
                             reason=message(JSON_REASONS[e.msg]) if e.msg in JSON_REASONS else e.msg
                             ) from None
    except RecursionError:
        raise ModelFileError(QT_TRANSLATE_NOOP("engine", "{file}: nested too deeply to be a model "
                                               "file"), file=name) from None
    try:
        return from_dict(d)
    except ModelFileError as e:
        raise ModelFileError(QT_TRANSLATE_NOOP("engine", "{file}: {problem}"), file=name,
                             problem=e) from None


def write(path: str | os.PathLike, spec: ModelSpec) -> None:
    """Write the model as JSON atomically (see atomic_file). Weights that are not finite are
    refused: such a file could not be read back, and must never replace a good one."""
    for k, (w, b) in enumerate(zip(spec.weights, spec.bias), start=1):
        if not (np.all(np.isfinite(w)) and np.all(np.isfinite(b))):
            raise ModelFileError(QT_TRANSLATE_NOOP("engine", "{file}: not saved, layer {k} holds weights "
                                                   "that are not finite (NaN or infinity)"),
                                 file=path, k=k)
    write_json_atomic(path, to_dict(spec))


def _numbers(value: Any, what: Message, ndim: int) -> np.ndarray:
    """A model file's list (ndim 1) or list of rows (ndim 2) of JSON numbers as float64. Text
    such as "0.5" is refused, not converted: a file that quotes its numbers was not written by
    backpropviz, and what else it holds is anyone's guess."""
    kind = message(QT_TRANSLATE_NOOP("engine", "a list of rows of numbers") if ndim == 2
                   else QT_TRANSLATE_NOOP("engine", "a list of numbers"))
    if isinstance(value, np.ndarray) and value.dtype.kind in "fiu":
        arr = value.astype(np.float64)
    else:
        rows = value if ndim == 2 else [value]
        if not isinstance(value, list) or not all(isinstance(r, list) for r in rows):
            raise ModelFileError(MUST_BE, what=what, kind=kind)
        for row in rows:
            for v in row:
                if isinstance(v, str):
                    raise ModelFileError(QT_TRANSLATE_NOOP("engine", "{what} hold the text {text} where "
                                                           "a number belongs; write numbers without "
                                                           "quotes"), what=what, text=repr(v))
                if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, float, np.number)):
                    if isinstance(v, list) and ndim == 1:
                        break                          # a nested list: the shape check says so
                    raise ModelFileError(QT_TRANSLATE_NOOP("engine", "{what} must be {kind}, not {type} "
                                                           "values"),
                                         what=what, kind=kind, type=type(v).__name__)
        try:
            arr = np.array(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise ModelFileError(MUST_BE, what=what, kind=kind) from None
    if arr.ndim != ndim or arr.size == 0:
        if ndim == 2:
            raise ModelFileError(QT_TRANSLATE_NOOP("engine", "{what} must be a non-empty list of "
                                                   "equal-length rows of numbers"), what=what)
        raise ModelFileError(QT_TRANSLATE_NOOP("engine", "{what} must be a non-empty list of numbers"),
                             what=what)
    if not np.all(np.isfinite(arr)):
        raise ModelFileError(QT_TRANSLATE_NOOP("engine", "{what} hold a number that is not finite (NaN "
                                               "or infinity)"), what=what)
    return arr
