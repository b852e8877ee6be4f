"""Network: a dense multi-layer perceptron in float64 that owns its parameters and calls the kernels.

Layer k has ``weights[k]`` (float64, shape (n_out, n_in): one row per neuron, one column per
input) and ``bias[k]`` (shape (n_out,)), so z = W a_prev + b and a = f(z). Both are views into
one flat vector ``params``; the optimisers and kernels work on that vector.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from ..choices import INIT_NAMES
from ..standardize import standardize
from . import activations, kernels, losses, memory, model_file
from ..i18n import QT_TRANSLATE_NOOP
from .errors import LR_POSITIVE, EngineError, ModelFileError, message

#: what ``check_inputs`` names
INPUT = QT_TRANSLATE_NOOP("engine", "input")
TRAINING_DATA = QT_TRANSLATE_NOOP("engine", "training data")


@dataclass(frozen=True)
class Layout:
    """Where each layer's numbers live in the flat parameter and per-sample vectors."""
    sizes: np.ndarray   # int64, (L+1,)
    acts: np.ndarray    # int64, (L,) activation codes
    w_off: np.ndarray   # int64, (L,) offset of W_k in params
    b_off: np.ndarray   # int64, (L,) offset of b_k in params
    u_off: np.ndarray   # int64, (L,) offset of layer k's units in a per-sample vector
    n_params: int
    n_units: int

    @classmethod
    def of(cls, sizes: Sequence[int], act_codes: Sequence[int]) -> "Layout":
        w_off, b_off, u_off = [], [], []
        p = u = 0
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            w_off.append(p)
            p += n_out * n_in
            b_off.append(p)
            p += n_out
            u_off.append(u)
            u += n_out
        i64 = lambda v: np.ascontiguousarray(v, dtype=np.int64)  # noqa: E731
        return cls(i64(sizes), i64(act_codes), i64(w_off), i64(b_off), i64(u_off), p, u)


class Workspace:
    """Preallocated per-sample buffers for up to ``rows`` samples at once."""

    def __init__(self, layout: Layout, rows: int):
        self.rows = rows
        n_in, n_out = int(layout.sizes[0]), int(layout.sizes[-1])
        self.z = np.zeros(rows * layout.n_units)
        self.a = np.zeros(rows * layout.n_units)
        self.delta = np.zeros(rows * layout.n_units)
        self.x = np.zeros((rows, n_in))
        self.t = np.zeros((rows, n_out))
        self.grads = np.zeros(layout.n_params)


def _as_sizes(sizes: Sequence[int]) -> list[int]:
    try:
        out = [int(s) for s in sizes]
    except (TypeError, ValueError):
        raise EngineError(QT_TRANSLATE_NOOP("engine", "layer sizes must be whole numbers, not "
                                            "{sizes}"), sizes=repr(sizes)) from None
    if len(out) < 2:
        raise EngineError(QT_TRANSLATE_NOOP("engine", "a network needs at least an input size and an "
                                            "output size"))
    if any(s < 1 for s in out) or any(float(s) != float(r) for s, r in zip(out, sizes)):
        raise EngineError(QT_TRANSLATE_NOOP("engine", "every layer needs at least one neuron: "
                                            "{sizes}"), sizes=list(sizes))
    return out


class Network:
    """A dense network: ``sizes`` (inputs, hidden..., outputs), one activation per layer, a loss."""

    def __init__(self, sizes: Sequence[int], activations_: Sequence[str], loss: str,
                 params: np.ndarray | None = None):
        self.sizes = _as_sizes(sizes)
        if isinstance(activations_, str):
            activations_ = [activations_] * (len(self.sizes) - 1)
        self.activations = list(activations_)
        if len(self.activations) != len(self.sizes) - 1:
            raise EngineError(QT_TRANSLATE_NOOP("engine", "{layers} layers need {layers} activations, "
                                                "got {got}"),
                              layers=len(self.sizes) - 1, got=len(self.activations))
        codes = [activations.code_of(a) for a in self.activations]
        self.loss = loss
        self.loss_code = losses.code_of(loss, self.activations[-1])
        if params is None:          # (given params already exist: only their copy is new)
            memory.require(self.sizes, memory.network_bytes(self.sizes), memory.HOLDING_WEIGHTS)
        self.layout = Layout.of(self.sizes, codes)
        self.params = np.zeros(self.layout.n_params) if params is None else \
            np.ascontiguousarray(params, dtype=np.float64)
        if self.params.shape != (self.layout.n_params,):
            raise EngineError(QT_TRANSLATE_NOOP("engine", "expected {n} parameters, got {shape}"),
                              n=self.layout.n_params, shape=self.params.shape)
        # decay_mask: 1 for weights, 0 for biases (L2 decays weights only)
        self.decay_mask = np.zeros(self.layout.n_params)
        for k in range(self.n_layers):
            o = self.layout.w_off[k]
            self.decay_mask[o: o + self.sizes[k] * self.sizes[k + 1]] = 1.0
        self.input_names: list[str] | None = None
        self.output_names: list[str] | None = None
        self.normalization: dict[str, list[float]] | None = None
        self._ws: Workspace | None = None

    # --- construction ---------------------------------------------------------------------
    @classmethod
    def build(cls, sizes: Sequence[int], activations: str | Sequence[str], loss: str,
              init: str | None = None, seed: int = 0) -> "Network":
        """A new network with weights drawn from ``init`` using ``seed`` (same seed, same bits).

        init: "xavier" (Glorot uniform, U(-r, r) with r = sqrt(6 / (n_in + n_out))), "he"
        (U(-r, r) with r = sqrt(6 / n_in)), "uniform" (weights and biases U(-0.1, 0.1)), or
        None / "auto": xavier for sigmoid, tanh, linear and softmax layers, he for the ReLU family.
        Xavier and He start biases at 0.
        """
        net = cls(sizes, activations, loss)
        net.initialize(init, seed)
        return net

    def initialize(self, init: str | None = None, seed: int = 0) -> None:
        """Redraw all weights and biases in place (see ``build``)."""
        if init not in (None, "auto", *INIT_NAMES):
            raise EngineError(QT_TRANSLATE_NOOP("engine", "unknown initialisation {name}; choose one "
                                                "of auto, {known}"),
                              name=repr(init), known=", ".join(INIT_NAMES))
        rng = np.random.default_rng(seed)
        for k in range(self.n_layers):
            n_in, n_out = self.sizes[k], self.sizes[k + 1]
            kind = init
            if kind in (None, "auto"):
                kind = "xavier" if self.activations[k] in activations.XAVIER_FAMILY else "he"
            if kind == "uniform":
                self.weights[k][...] = rng.uniform(-0.1, 0.1, size=(n_out, n_in))
                self.bias[k][...] = rng.uniform(-0.1, 0.1, size=n_out)
            else:
                r = math.sqrt(6.0 / (n_in + n_out)) if kind == "xavier" else math.sqrt(6.0 / n_in)
                self.weights[k][...] = rng.uniform(-r, r, size=(n_out, n_in))
                self.bias[k][...] = 0.0

    # --- structure ------------------------------------------------------------------------
    @property
    def n_layers(self) -> int:
        return len(self.sizes) - 1

    @property
    def weights(self) -> list[np.ndarray]:
        """Views of each layer's weights, shape (n_out, n_in); writing to them changes the network."""
        lo = self.layout
        return [self.params[lo.w_off[k]: lo.w_off[k] + self.sizes[k] * self.sizes[k + 1]]
                .reshape(self.sizes[k + 1], self.sizes[k]) for k in range(self.n_layers)]

    @property
    def bias(self) -> list[np.ndarray]:
        """Views of each layer's biases, shape (n_out,)."""
        lo = self.layout
        return [self.params[lo.b_off[k]: lo.b_off[k] + self.sizes[k + 1]] for k in range(self.n_layers)]

    def split(self, flat: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Views of a flat vector laid out like ``params`` (e.g. gradients) as (weights, biases)."""
        lo = self.layout
        ws = [flat[lo.w_off[k]: lo.w_off[k] + self.sizes[k] * self.sizes[k + 1]]
              .reshape(self.sizes[k + 1], self.sizes[k]) for k in range(self.n_layers)]
        bs = [flat[lo.b_off[k]: lo.b_off[k] + self.sizes[k + 1]] for k in range(self.n_layers)]
        return ws, bs

    def layer_block(self, buf: np.ndarray, k: int, rows: int) -> np.ndarray:
        """Layer k's rows of a per-sample buffer (z, a or delta) filled for ``rows`` samples."""
        lo = self.layout
        return buf[rows * lo.u_off[k]: rows * (lo.u_off[k] + self.sizes[k + 1])].reshape(rows, self.sizes[k + 1])

    def copy(self) -> "Network":
        other = Network(self.sizes, self.activations, self.loss, self.params.copy())
        other.input_names = None if self.input_names is None else list(self.input_names)
        other.output_names = None if self.output_names is None else list(self.output_names)
        other.normalization = None if self.normalization is None else \
            {k: list(v) for k, v in self.normalization.items()}
        return other

    def workspace(self, rows: int) -> Workspace:
        """A reusable workspace for at least ``rows`` samples (kept between calls)."""
        if self._ws is None or self._ws.rows < rows:
            self._ws = Workspace(self.layout, rows)
        return self._ws

    # --- computing ------------------------------------------------------------------------
    def check_inputs(self, X: Any, what: str = INPUT) -> np.ndarray:
        """X as a contiguous float64 (n, n_in) array (one sample may come as (n_in,)); an
        EngineError naming ``what`` (INPUT or TRAINING_DATA) if its width is not the network's
        input size."""
        X = np.ascontiguousarray(X, dtype=np.float64)
        if X.ndim == 1:
            X = X.reshape(1, -1)
        if X.ndim != 2 or X.shape[1] != self.sizes[0]:
            raise EngineError(QT_TRANSLATE_NOOP("engine", "{what} has {n} values, the network expects "
                                                "{expected}"),
                              what=message(what), n=X.shape[-1] if X.ndim else 0,
                              expected=self.sizes[0])
        return X

    def _check_targets(self, T: Any, rows: int) -> np.ndarray:
        T = np.ascontiguousarray(T, dtype=np.float64)
        if T.ndim == 1:
            T = T.reshape(1, -1) if rows == 1 else T.reshape(-1, 1)
        if T.shape != (rows, self.sizes[-1]):
            raise EngineError(QT_TRANSLATE_NOOP("engine", "target has {n} values, the network has "
                                                "{outputs} outputs"),
                              n=T.shape[-1], outputs=self.sizes[-1])
        return T

    def normalize(self, X: Any) -> np.ndarray:
        """Raw features as the network sees them: (X - mean) / std with the model's own
        normalization, or X unchanged when it has none. X: (n_in,) or (n, n_in)."""
        X = np.asarray(X, dtype=np.float64)
        if self.normalization is None:
            return X
        if X.shape[-1] != self.sizes[0]:
            raise EngineError(QT_TRANSLATE_NOOP("engine", "{what} has {n} values, the network expects "
                                                "{expected}"),
                              what=message(INPUT), n=X.shape[-1], expected=self.sizes[0])
        return standardize(X, self.normalization["mean"], self.normalization["std"])

    def forward(self, X: Any, chunk: int = memory.EVAL_CHUNK) -> np.ndarray:
        """The network's outputs for rows of X (float64, (n, n_in)) → (n, n_out)."""
        X = self.check_inputs(X)
        out = np.empty((X.shape[0], self.sizes[-1]))
        T = np.zeros_like(out)
        self.evaluate(X, T, out=out, chunk=chunk)
        return out

    def evaluate(self, X: Any, T: Any, out: np.ndarray | None = None,
                 chunk: int = memory.EVAL_CHUNK) -> tuple[float, float]:
        """(mean loss, accuracy) of the network on X, T; accuracy as in kernels.evaluate."""
        X = self.check_inputs(X)
        T = self._check_targets(T, X.shape[0])
        if out is None:
            out = np.empty((X.shape[0], self.sizes[-1]))
        if X.shape[0] == 0:
            return float("nan"), float("nan")
        rows = min(chunk, X.shape[0])
        ws = self.workspace(rows)
        lo = self.layout
        loss, correct = kernels.evaluate(self.params, lo.sizes, lo.acts, lo.w_off, lo.b_off, lo.u_off,
                                         self.loss_code, X, T, ws.rows, ws.z, ws.a, ws.delta, out)
        return float(loss), correct / X.shape[0]

    def layer_outputs(self, X: Any, chunk: int = memory.EVAL_CHUNK) -> list[np.ndarray]:
        """Every layer's activations for rows of X: a list of (n, units) arrays, one per layer."""
        X = self.check_inputs(X)
        n = X.shape[0]
        out = [np.empty((n, units)) for units in self.sizes[1:]]
        lo = self.layout
        for start in range(0, n, chunk):
            rows = min(chunk, n - start)
            ws = self.workspace(rows)
            kernels.forward(self.params, lo.sizes, lo.acts, lo.w_off, lo.b_off, lo.u_off,
                            X[start:start + rows], rows, ws.z, ws.a)
            for k in range(self.n_layers):
                out[k][start:start + rows] = self.layer_block(ws.a, k, rows)
        return out

    def gradients(self, X: Any, T: Any) -> tuple[float, np.ndarray]:
        """(mean loss, gradient) over a batch; the gradient is a new flat vector like params."""
        X = self.check_inputs(X)
        T = self._check_targets(T, X.shape[0])
        ws = self.workspace(X.shape[0])
        lo = self.layout
        bsz = X.shape[0]
        kernels.forward(self.params, lo.sizes, lo.acts, lo.w_off, lo.b_off, lo.u_off, X, bsz, ws.z, ws.a)
        loss = kernels.loss_and_output_delta(self.loss_code, lo.sizes, lo.acts, lo.u_off, T, bsz,
                                             ws.z, ws.a, ws.delta)
        grads = np.zeros(lo.n_params)
        kernels.backward(self.params, lo.sizes, lo.acts, lo.w_off, lo.b_off, lo.u_off, X, bsz,
                         ws.z, ws.a, ws.delta, grads)
        return float(loss), grads

    def trace(self, x: Any, target: Any, lr: float = 0.1, updated: bool = True) -> dict:
        """Every number of one sample's forward and backward pass, and the model after one plain
        SGD step with ``lr``. Keys: input, target, loss, output_grad (dL/da of the output layer),
        layers (per layer: z, a, delta = dL/dz, grad_weights = dL/dW, grad_bias = dL/db),
        updated (the model dict after W <- W - lr dL/dW, b <- b - lr dL/db; left out when
        ``updated`` is False, as the stepper does while training refreshes it many times a
        second). Values are arrays.
        """
        x = self.check_inputs(x)
        if x.shape[0] != 1:
            raise EngineError(QT_TRANSLATE_NOOP("engine", "trace takes one sample"))
        t = self._check_targets(target, 1)
        if not (math.isfinite(lr) and lr > 0):
            raise EngineError(LR_POSITIVE, lr=lr)
        loss, grads = self.gradients(x, t)
        ws = self._ws
        gw, gb = self.split(grads)
        layers = [{"z": self.layer_block(ws.z, k, 1)[0].copy(),
                   "a": self.layer_block(ws.a, k, 1)[0].copy(),
                   "delta": self.layer_block(ws.delta, k, 1)[0].copy(),
                   "grad_weights": gw[k], "grad_bias": gb[k]} for k in range(self.n_layers)]
        out_grad = np.empty(self.sizes[-1])
        losses.grad_output(self.loss_code, layers[-1]["a"], t[0], out_grad)
        out = {"input": x[0].copy(), "target": t[0].copy(), "loss": loss, "lr": float(lr),
               "output_grad": out_grad, "layers": layers}
        if updated:
            out["updated"] = self.sgd_updated(grads, lr).to_dict()
        return out

    def sgd_updated(self, grads: np.ndarray, lr: float, train_biases: bool = True) -> "Network":
        """A copy of this network after one plain SGD step: params - lr * grads (the biases
        kept as they are when ``train_biases`` is False)."""
        new = self.copy()
        new.params -= lr * (grads if train_biases else grads * self.decay_mask)
        return new

    # --- the model file (its format lives in model_file) -----------------------------------
    def spec(self) -> model_file.ModelSpec:
        """What a model file holds about this network (copies of its weights)."""
        return model_file.ModelSpec(
            self.loss, list(self.activations), [w.copy() for w in self.weights],
            [b.copy() for b in self.bias],
            None if self.input_names is None else list(self.input_names),
            None if self.output_names is None else list(self.output_names),
            None if self.normalization is None else
            {k: list(v) for k, v in self.normalization.items()})

    @classmethod
    def from_spec(cls, spec: model_file.ModelSpec) -> "Network":
        """A network holding a checked ModelSpec's weights, names and normalisation."""
        try:
            net = cls(spec.sizes, spec.activations, spec.loss)
        except EngineError as e:
            raise ModelFileError(e.message) from None
        for k in range(net.n_layers):
            net.weights[k][...] = spec.weights[k]
            net.bias[k][...] = spec.bias[k]
        net.input_names = spec.input_names
        net.output_names = spec.output_names
        net.normalization = spec.normalization
        return net

    def to_dict(self) -> dict:
        """The model in the ``backpropviz.model`` JSON format (plain lists and floats)."""
        return model_file.to_dict(self.spec())

    @classmethod
    def from_dict(cls, d: Any) -> "Network":
        """A network from a model dict; raises ModelFileError saying what is wrong."""
        return cls.from_spec(model_file.from_dict(d))

    def save(self, path: str | os.PathLike) -> None:
        """Write the model file atomically: a temporary file beside it, then a rename."""
        model_file.write(path, self.spec())

    @classmethod
    def load(cls, path: str | os.PathLike) -> "Network":
        """Read a model file; any problem becomes a ModelFileError naming the file."""
        return cls.from_spec(model_file.read(path))

    def __repr__(self) -> str:
        arch = "-".join(map(str, self.sizes))
        return f"Network({arch}, {'/'.join(self.activations)}, loss={self.loss})"

