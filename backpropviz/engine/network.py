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

from .. import choices
from ..standardize import standardize
from . import _jit, activations, kernels, losses, memory, model_file, numpy_path
from ..i18n import QT_TRANSLATE_NOOP
from .errors import LR_POSITIVE, EngineError, ModelFileError, message

#: what ``check_inputs`` names
INPUT = QT_TRANSLATE_NOOP("engine", "input")
TRAINING_DATA = QT_TRANSLATE_NOOP("engine", "training data")

#: PyTorch's BatchNorm1d defaults
BN_MOMENTUM = 0.1
BN_EPS = 1e-5
BN_BATCH_OF_ONE = QT_TRANSLATE_NOOP(
    "engine", "batch normalization cannot normalise a batch of one sample: its variance is 0 and "
    "every normalised value would be 0; use at least 2 samples a minibatch")


def parse_init(init: str | None) -> tuple[str, float]:
    """("auto" | "xavier" | "he" | "uniform" | "normal" | "zeros", sigma) from an init name
    such as "he" or "normal:0.01" (sigma is 0 but for normal); raises EngineError."""
    if init is None or init == "auto":
        return "auto", 0.0
    name, _, arg = str(init).partition(":")
    if name == "normal":
        try:
            sigma = float(arg)
        except ValueError:
            sigma = float("nan")
        if not (math.isfinite(sigma) and sigma > 0):
            raise EngineError(QT_TRANSLATE_NOOP("engine", "initialisation {init}: normal needs a "
                                                "positive standard deviation, e.g. normal:0.01"),
                              init=repr(init))
        return "normal", sigma
    if name in choices.INIT_KINDS and name != "normal" and not arg:
        return name, 0.0
    raise EngineError(QT_TRANSLATE_NOOP("engine", "unknown initialisation {name}; choose one of "
                                        "{known}"), name=repr(init), known=choices.INIT_SYNTAX)


def residual_refusal(sizes: Sequence[int], k: int) -> str:
    """Why layer k (0-based) of a network with these sizes can take no residual connection,
    or "" when it can."""
    if k == len(sizes) - 2:
        return "the output layer takes no residual connection"
    if sizes[k] != sizes[k + 1]:
        return (f"no residual connection: the skip adds the layer's {sizes[k]} inputs to its "
                f"{sizes[k + 1]} outputs, so both must be as many")
    return ""


@dataclass(frozen=True)
class Layout:
    """Where each layer's numbers live in the flat parameter, statistics and per-sample vectors.

    A batch-normalised layer k keeps gamma_k at ``params[g_off[k]:]`` and beta_k right after it
    (parameters: the optimiser updates them), its running mean at ``stats[s_off[k]:]`` and
    running variance right after it (not parameters); g_off and s_off are -1 elsewhere."""
    sizes: np.ndarray   # int64, (L+1,)
    acts: np.ndarray    # int64, (L,) activation codes
    w_off: np.ndarray   # int64, (L,) offset of W_k in params
    b_off: np.ndarray   # int64, (L,) offset of b_k in params
    u_off: np.ndarray   # int64, (L,) offset of layer k's units in a per-sample vector
    n_params: int
    n_units: int
    res: np.ndarray = None     # int64, (L,) 1 where a_k = f(...) + a_{k-1}
    bn: np.ndarray = None      # int64, (L,) 1 where layer k is batch-normalised
    g_off: np.ndarray = None   # int64, (L,) offset of gamma_k in params, or -1
    s_off: np.ndarray = None   # int64, (L,) offset of layer k's running mean in stats, or -1
    n_stats: int = 0

    @property
    def plain(self) -> bool:
        """No residual or batch-normalised layer: the plain (faster) kernels apply."""
        return not (self.res.any() or self.bn.any())

    @classmethod
    def of(cls, sizes: Sequence[int], act_codes: Sequence[int],
           residual: Sequence[bool] | None = None,
           batch_norm: Sequence[bool] | None = None) -> "Layout":
        n_layers = len(sizes) - 1
        residual = [False] * n_layers if residual is None else list(residual)
        batch_norm = [False] * n_layers if batch_norm is None else list(batch_norm)
        w_off, b_off, u_off, g_off, s_off = [], [], [], [], []
        p = u = s = 0
        for k, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
            w_off.append(p)
            p += n_out * n_in
            b_off.append(p)
            p += n_out
            if batch_norm[k]:
                g_off.append(p)
                p += 2 * n_out
                s_off.append(s)
                s += 2 * n_out
            else:
                g_off.append(-1)
                s_off.append(-1)
            u_off.append(u)
            u += n_out
        i64 = lambda v: np.ascontiguousarray(v, dtype=np.int64)  # noqa: E731
        return cls(i64(sizes), i64(act_codes), i64(w_off), i64(b_off), i64(u_off), p, u,
                   i64(residual), i64(batch_norm), i64(g_off), i64(s_off), s)


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
        # y, xhat, act(y), dL/da, dL/dy per sample and mu, var, 1/sqrt(var+eps) per unit:
        # only the kernels of residual and batch-normalised networks use them
        ext_len = 0 if layout.plain else rows * layout.n_units
        self.ext = np.zeros((kernels.N_EXT, ext_len))
        self.bstat = np.zeros((3, 0 if layout.plain else layout.n_units))


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
    """A dense network: ``sizes`` (inputs, hidden..., outputs), one activation per layer, a loss.

    ``residual`` and ``batch_norm`` choose the remedies per layer: None or False for none, True
    for every hidden layer that can take it (a skip needs as many outputs as inputs), or one
    bool per layer (the output layer never takes either)."""

    def __init__(self, sizes: Sequence[int], activations_: Sequence[str], loss: str,
                 params: np.ndarray | None = None,
                 residual: bool | Sequence[bool] | None = None,
                 batch_norm: bool | Sequence[bool] | None = None):
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
        self.residual = self._per_layer(residual, "residual connection")
        self.batch_norm = self._per_layer(batch_norm, "batch normalization")
        self.layout = Layout.of(self.sizes, codes, self.residual, self.batch_norm)
        if params is None:          # (given params already exist: only their copy is new)
            memory.require(self.sizes, memory.network_bytes(self.sizes, self.bn_units),
                           memory.HOLDING_WEIGHTS)
        self.params = np.zeros(self.layout.n_params) if params is None else \
            np.ascontiguousarray(params, dtype=np.float64)
        if self.params.shape != (self.layout.n_params,):
            raise EngineError(QT_TRANSLATE_NOOP("engine", "expected {n} parameters, got {shape}"),
                              n=self.layout.n_params, shape=self.params.shape)
        #: per layer: the running statistics' momentum and the eps added to the variance
        self.bn_momentum = np.full(self.n_layers, BN_MOMENTUM)
        self.bn_eps = np.full(self.n_layers, BN_EPS)
        #: running means and variances of the batch-normalised layers (see Layout)
        self.bn_stats = np.zeros(self.layout.n_stats)
        for k in self.bn_layers:
            self.running_var[k][...] = 1.0
            if params is None:
                self.gamma[k][...] = 1.0
        # decay_mask: 1 for weights, 0 for biases, gamma and beta (L2 decays weights only)
        self.decay_mask = np.zeros(self.layout.n_params)
        for k in range(self.n_layers):
            o = self.layout.w_off[k]
            self.decay_mask[o: o + self.sizes[k] * self.sizes[k + 1]] = 1.0
        self.input_names: list[str] | None = None
        self.output_names: list[str] | None = None
        self.normalization: dict[str, list[float]] | None = None
        self._ws: Workspace | None = None

    def _per_layer(self, choice: bool | Sequence[bool] | None, what: str) -> list[bool]:
        L = len(self.sizes) - 1
        skip = what.startswith("residual")
        fits = [k < L - 1 and (not skip or self.sizes[k] == self.sizes[k + 1]) for k in range(L)]
        if choice is None or choice is False:
            return [False] * L
        if choice is True:
            return fits
        flags = [bool(c) for c in choice]
        if len(flags) == L - 1:
            flags.append(False)
        if len(flags) != L:
            raise EngineError(QT_TRANSLATE_NOOP("engine", "{what}: expected one choice per layer "
                                                "({layers}), got {got}"),
                              what=what, layers=L, got=len(flags))
        for k, (want, ok) in enumerate(zip(flags, fits)):
            if want and not ok:
                if not skip or k == L - 1:
                    raise EngineError(QT_TRANSLATE_NOOP("engine", "layer {layer}: the output layer "
                                                        "takes no {what}"), layer=k + 1, what=what)
                raise EngineError(QT_TRANSLATE_NOOP(
                    "engine", "layer {layer}: no residual connection: the skip adds the layer's "
                    "{n_in} inputs to its {n_out} outputs, so both must be as many"),
                    layer=k + 1, n_in=self.sizes[k], n_out=self.sizes[k + 1])
        return flags

    # --- construction ---------------------------------------------------------------------
    @classmethod
    def build(cls, sizes: Sequence[int], activations: str | Sequence[str], loss: str,
              init: str | None = None, seed: int = 0,
              residual: bool | Sequence[bool] | None = None,
              batch_norm: bool | Sequence[bool] | None = None) -> "Network":
        """A new network with weights drawn from ``init`` using ``seed`` (same seed, same bits).

        init: "xavier" (Glorot uniform, U(-r, r) with r = sqrt(6 / (n_in + n_out))), "he"
        (U(-r, r) with r = sqrt(6 / n_in)), "uniform" (weights and biases U(-0.1, 0.1)),
        "normal:SIGMA" (weights N(0, SIGMA^2)), "zeros" (every weight and bias 0), or
        None / "auto": xavier for sigmoid, tanh, linear and softmax layers, he for the ReLU
        family. All but uniform start biases at 0. Batch normalisation starts at gamma 1,
        beta 0, running mean 0 and running variance 1 whatever the init.
        """
        net = cls(sizes, activations, loss, residual=residual, batch_norm=batch_norm)
        net.initialize(init, seed)
        return net

    def initialize(self, init: str | None = None, seed: int = 0) -> None:
        """Redraw all weights and biases in place (see ``build``); batch normalisation starts
        again from gamma 1, beta 0 and running statistics 0 and 1."""
        kind_all, sigma = parse_init(init)
        rng = np.random.default_rng(seed)
        for k in range(self.n_layers):
            n_in, n_out = self.sizes[k], self.sizes[k + 1]
            kind = kind_all
            if kind == "auto":
                kind = "xavier" if self.activations[k] in activations.XAVIER_FAMILY else "he"
            if kind == "uniform":
                self.weights[k][...] = rng.uniform(-0.1, 0.1, size=(n_out, n_in))
                self.bias[k][...] = rng.uniform(-0.1, 0.1, size=n_out)
            elif kind == "normal":
                self.weights[k][...] = rng.normal(0.0, sigma, size=(n_out, n_in))
                self.bias[k][...] = 0.0
            elif kind == "zeros":
                self.weights[k][...] = 0.0
                self.bias[k][...] = 0.0
            else:
                r = math.sqrt(6.0 / (n_in + n_out)) if kind == "xavier" else math.sqrt(6.0 / n_in)
                self.weights[k][...] = rng.uniform(-r, r, size=(n_out, n_in))
                self.bias[k][...] = 0.0
        for k in self.bn_layers:
            self.gamma[k][...] = 1.0
            self.beta[k][...] = 0.0
            self.running_mean[k][...] = 0.0
            self.running_var[k][...] = 1.0

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

    @property
    def bn_layers(self) -> list[int]:
        """The batch-normalised layers (0-based)."""
        return [k for k in range(self.n_layers) if self.batch_norm[k]]

    @property
    def bn_units(self) -> int:
        """How many units are batch-normalised (each has a gamma, a beta and two running
        statistics): what memory's estimates add for batch normalisation."""
        return sum(self.sizes[k + 1] for k in self.bn_layers)

    @property
    def plain(self) -> bool:
        """No residual or batch-normalised layer."""
        return self.layout.plain

    def _bn_views(self, flat: np.ndarray, offsets: np.ndarray, part: int) -> list[np.ndarray | None]:
        return [None if offsets[k] < 0 else
                flat[offsets[k] + part * self.sizes[k + 1]: offsets[k] + (part + 1) * self.sizes[k + 1]]
                for k in range(self.n_layers)]

    @property
    def gamma(self) -> list[np.ndarray | None]:
        """Per layer: views of the batch normalisation's scale gamma (n_out,), None without BN."""
        return self._bn_views(self.params, self.layout.g_off, 0)

    @property
    def beta(self) -> list[np.ndarray | None]:
        """Per layer: views of the batch normalisation's shift beta (n_out,), None without BN."""
        return self._bn_views(self.params, self.layout.g_off, 1)

    @property
    def running_mean(self) -> list[np.ndarray | None]:
        """Per layer: views of the running mean of z (n_out,), None without BN."""
        return self._bn_views(self.bn_stats, self.layout.s_off, 0)

    @property
    def running_var(self) -> list[np.ndarray | None]:
        """Per layer: views of the running (unbiased) variance of z (n_out,), None without BN."""
        return self._bn_views(self.bn_stats, self.layout.s_off, 1)

    def split_bn(self, flat: np.ndarray) -> tuple[list[np.ndarray | None], list[np.ndarray | None]]:
        """Views of a flat vector laid out like ``params`` as (gammas, betas), None without BN."""
        return self._bn_views(flat, self.layout.g_off, 0), self._bn_views(flat, self.layout.g_off, 1)

    def copy(self) -> "Network":
        other = Network(self.sizes, self.activations, self.loss, self.params.copy(),
                        self.residual, self.batch_norm)
        other.bn_stats[...] = self.bn_stats
        other.bn_momentum[...] = self.bn_momentum
        other.bn_eps[...] = self.bn_eps
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
        """(mean loss, accuracy) of the network on X, T; accuracy as in kernels.evaluate.
        Batch normalisation uses the running statistics (evaluation mode)."""
        X = self.check_inputs(X)
        T = self._check_targets(T, X.shape[0])
        if out is None:
            out = np.empty((X.shape[0], self.sizes[-1]))
        if X.shape[0] == 0:
            return float("nan"), float("nan")
        rows = min(chunk, X.shape[0])
        ws = self.workspace(rows)
        lo = self.layout
        if lo.plain:
            loss, correct = self._arithmetic().evaluate(self.params, lo.sizes, lo.acts, lo.w_off, lo.b_off,
                                             lo.u_off, self.loss_code, X, T, ws.rows,
                                             ws.z, ws.a, ws.delta, out)
        else:
            loss, correct = kernels.evaluate_ex(
                self.params, lo.sizes, lo.acts, lo.w_off, lo.b_off, lo.u_off, lo.res, lo.bn,
                lo.g_off, lo.s_off, self.bn_eps, self.bn_stats, self.loss_code, X, T, ws.rows,
                ws.z, ws.a, ws.delta, ws.ext, ws.bstat, out)
        return float(loss), correct / X.shape[0]

    def _arithmetic(self):
        """The compiled kernels, or their plain-NumPy twin while a window has deferred loading
        them (see _jit.defer): the same numbers. The twin knows plain layers only."""
        return numpy_path if self.layout.plain and _jit.use_numpy() else kernels

    def run_forward(self, X: np.ndarray, rows: int, training: bool = False) -> Workspace:
        """Forward pass of the first ``rows`` rows of X (checked, contiguous) into the
        workspace, which it returns. ``training``: batch normalisation uses the batch's
        statistics (else the running ones); the running statistics do not change."""
        ws = self.workspace(rows)
        lo = self.layout
        if lo.plain:
            self._arithmetic().forward(self.params, lo.sizes, lo.acts, lo.w_off, lo.b_off, lo.u_off,
                            X, rows, ws.z, ws.a)
        else:
            if training:
                self._require_batch(rows)
            kernels.forward_ex(self.params, lo.sizes, lo.acts, lo.w_off, lo.b_off, lo.u_off,
                               lo.res, lo.bn, lo.g_off, lo.s_off, self.bn_eps, self.bn_stats,
                               int(training), X, rows, ws.z, ws.a, ws.ext, ws.bstat)
        return ws

    def _require_batch(self, rows: int) -> None:
        if rows < 2 and self.bn_layers:
            raise EngineError(BN_BATCH_OF_ONE)

    def layer_outputs(self, X: Any, chunk: int = memory.EVAL_CHUNK) -> list[np.ndarray]:
        """Every layer's activations for rows of X: a list of (n, units) arrays, one per layer
        (evaluation mode)."""
        X = self.check_inputs(X)
        n = X.shape[0]
        out = [np.empty((n, units)) for units in self.sizes[1:]]
        for start in range(0, n, chunk):
            rows = min(chunk, n - start)
            ws = self.run_forward(X[start:start + rows], rows)
            for k in range(self.n_layers):
                out[k][start:start + rows] = self.layer_block(ws.a, k, rows)
        return out

    def loss_value(self, X: Any, T: Any, training: bool = True) -> float:
        """Mean loss over a batch; ``training`` as in ``gradients``. Changes nothing."""
        X = self.check_inputs(X)
        T = self._check_targets(T, X.shape[0])
        if self.plain or not training:
            return self.evaluate(X, T)[0]
        bsz = X.shape[0]
        ws = self.run_forward(X, bsz, training=True)
        lo = self.layout
        return float(self._arithmetic().loss_and_output_delta(self.loss_code, lo.sizes, lo.acts, lo.u_off, T,
                                                   bsz, ws.z, ws.a, ws.delta))

    def gradients(self, X: Any, T: Any, training: bool = True) -> tuple[float, np.ndarray]:
        """(mean loss, gradient) over a batch; the gradient is a new flat vector like params.
        ``training``: batch normalisation normalises with the batch's own statistics, as
        training does (it needs at least 2 rows); False uses the running statistics."""
        X = self.check_inputs(X)
        T = self._check_targets(T, X.shape[0])
        bsz = X.shape[0]
        ws = self.run_forward(X, bsz, training)
        lo = self.layout
        loss = self._arithmetic().loss_and_output_delta(self.loss_code, lo.sizes, lo.acts, lo.u_off, T, bsz,
                                             ws.z, ws.a, ws.delta)
        grads = np.zeros(lo.n_params)
        if lo.plain:
            self._arithmetic().backward(self.params, lo.sizes, lo.acts, lo.w_off, lo.b_off, lo.u_off, X, bsz,
                             ws.z, ws.a, ws.delta, grads)
        else:
            kernels.backward_ex(self.params, lo.sizes, lo.acts, lo.w_off, lo.b_off, lo.u_off,
                                lo.res, lo.bn, lo.g_off, int(training), X, bsz, ws.z, ws.a,
                                ws.delta, ws.ext, ws.bstat, grads)
        return float(loss), grads

    def trace(self, x: Any, target: Any, lr: float = 0.1, updated: bool = True,
              training: bool | None = None) -> dict:
        """Every number of a forward and backward pass, and the model after one plain SGD step
        with ``lr``. x, target: one sample (n_in,) or a minibatch (B, n_in).

        Keys: input, target, loss (the batch mean), mode ("training" or "evaluation"), note
        (why evaluation mode, or ""), output_grad (dL/da of the output layer), layers (per
        layer: z, a, delta = dL/dz, grad_weights = dL/dW, grad_bias = dL/db), updated (the model
        dict after W <- W - lr dL/dW, b <- b - lr dL/db; left out when ``updated`` is False, as
        the stepper does while training refreshes it many times a second). Per-sample values
        are vectors for one sample, (B, n) arrays for a minibatch; deltas are each sample's own
        dL/dz (B times the batch mean's derivative), gradients the batch means.

        A residual layer adds f (the activation's output before the skip adds a_prev), skip
        (that a_prev) and grad_a (dL/da, which the skip hands down to the layer below unchanged);
        every hidden layer of a network with a skip carries grad_a. A batch-normalised layer
        adds gamma, beta, bn_mean and bn_var (the statistics it normalised with), bn_xhat,
        bn_out (y = gamma xhat + beta, the activation's input), grad_bn_out (dL/dy), grad_gamma,
        grad_beta. ``training`` None: training mode for a minibatch, evaluation mode (running
        statistics) for one sample, which has no batch statistics to normalise with.
        """
        single = np.ndim(x) == 1
        x = self.check_inputs(x)
        rows = x.shape[0]
        t = self._check_targets(target, rows)
        if not (math.isfinite(lr) and lr > 0):
            raise EngineError(LR_POSITIVE, lr=lr)
        if training is None:
            training = rows > 1
        note = ""
        if self.bn_layers and not training:
            note = ("batch normalization used its running statistics (evaluation mode)"
                    + (": one sample has no batch statistics to normalise with" if rows == 1 else ""))
        loss, grads = self.gradients(x, t, training=training)
        ws = self._ws
        gw, gb = self.split(grads)
        gg, gbeta = self.split_bn(grads)
        one = (lambda v: v[0].copy()) if single else (lambda v: v.copy())
        ext = (lambda i, k: one(self.layer_block(ws.ext[i], k, rows)))
        skips = any(self.residual)
        layers = []
        for k in range(self.n_layers):
            layer = {"z": one(self.layer_block(ws.z, k, rows)),
                     "a": one(self.layer_block(ws.a, k, rows)),
                     "delta": one(self.layer_block(ws.delta, k, rows)),
                     "grad_weights": gw[k], "grad_bias": gb[k]}
            if skips and k < self.n_layers - 1:
                layer["grad_a"] = ext(kernels.EXT_GA, k)
            if self.residual[k]:
                layer["f"] = ext(kernels.EXT_F, k)
                layer["skip"] = x[0].copy() if single and k == 0 else \
                    (x.copy() if k == 0 else one(self.layer_block(ws.a, k - 1, rows)))
            if self.batch_norm[k]:
                u = slice(self.layout.u_off[k], self.layout.u_off[k] + self.sizes[k + 1])
                layer.update(gamma=self.gamma[k].copy(), beta=self.beta[k].copy(),
                             bn_mean=ws.bstat[kernels.BSTAT_MEAN, u].copy(),
                             bn_var=ws.bstat[kernels.BSTAT_VAR, u].copy(),
                             bn_xhat=ext(kernels.EXT_XHAT, k), bn_out=ext(kernels.EXT_Y, k),
                             grad_bn_out=ext(kernels.EXT_DY, k),
                             grad_gamma=gg[k], grad_beta=gbeta[k])
            layers.append(layer)
        out_grad = np.empty((rows, self.sizes[-1]))
        sample_loss = np.empty(rows)
        last = self.n_layers - 1
        A_out = self.layer_block(ws.a, last, rows)
        Z_out = self.layer_block(ws.z, last, rows)
        for r in range(rows):
            per_row = numpy_path if self._arithmetic() is numpy_path else losses
            per_row.grad_output(self.loss_code, A_out[r].copy(), t[r], out_grad[r])
            sample_loss[r] = per_row.loss(self.loss_code, int(self.layout.acts[last]),
                                         Z_out[r].copy(), A_out[r].copy(), t[r].copy())
        out = {"input": one(x), "target": one(t), "loss": loss, "lr": float(lr),
               "mode": "training" if training else "evaluation", "note": note,
               "output_grad": one(out_grad), "layers": layers}
        if not single:
            out["sample_loss"] = sample_loss
        if updated:
            new = self.sgd_updated(grads, lr)
            if training:
                new.bn_stats[...] = self.running_stats_after(out)
            out["updated"] = new.to_dict()
        return out

    def running_stats_after(self, trace: dict) -> np.ndarray:
        """The running statistics (flat, like ``bn_stats``) after the training-mode minibatch
        of ``trace``: running <- (1 - m) running + m batch, with the batch's unbiased variance
        var B / (B - 1), as training updates them (kernels.update_running_stats)."""
        stats = self.bn_stats.copy()
        if trace["mode"] != "training":
            return stats
        rows = np.shape(trace["input"])[0] if np.ndim(trace["input"]) == 2 else 1
        for k in self.bn_layers:
            m = self.bn_momentum[k]
            n = self.sizes[k + 1]
            s0 = self.layout.s_off[k]
            layer = trace["layers"][k]
            stats[s0:s0 + n] = (1 - m) * stats[s0:s0 + n] + m * layer["bn_mean"]
            stats[s0 + n:s0 + 2 * n] = ((1 - m) * stats[s0 + n:s0 + 2 * n]
                                        + m * layer["bn_var"] * rows / (rows - 1))
        return stats

    def flat_gradients(self, trace: dict) -> np.ndarray:
        """A trace's gradients as one flat vector laid out like ``params``."""
        grads = np.zeros(self.layout.n_params)
        gw, gb = self.split(grads)
        gg, gbeta = self.split_bn(grads)
        for k, layer in enumerate(trace["layers"]):
            gw[k][...] = layer["grad_weights"]
            gb[k][...] = layer["grad_bias"]
            if gg[k] is not None:
                gg[k][...] = layer["grad_gamma"]
                gbeta[k][...] = layer["grad_beta"]
        return grads

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
            {k: list(v) for k, v in self.normalization.items()},
            None if self.plain else list(self.residual),
            None if self.plain else
            [None if not self.batch_norm[k] else
             {"gamma": self.gamma[k].copy(), "beta": self.beta[k].copy(),
              "running_mean": self.running_mean[k].copy(),
              "running_var": self.running_var[k].copy(),
              "momentum": float(self.bn_momentum[k]), "eps": float(self.bn_eps[k])}
             for k in range(self.n_layers)])

    @classmethod
    def from_spec(cls, spec: model_file.ModelSpec) -> "Network":
        """A network holding a checked ModelSpec's weights, names and normalisation."""
        bn = spec.batch_norm or [None] * len(spec.weights)
        try:
            net = cls(spec.sizes, spec.activations, spec.loss, residual=spec.residual,
                      batch_norm=[p is not None for p in bn])
        except EngineError as e:
            raise ModelFileError(e.message) from None
        for k in range(net.n_layers):
            net.weights[k][...] = spec.weights[k]
            net.bias[k][...] = spec.bias[k]
            if bn[k] is not None:
                net.gamma[k][...] = bn[k]["gamma"]
                net.beta[k][...] = bn[k]["beta"]
                net.running_mean[k][...] = bn[k]["running_mean"]
                net.running_var[k][...] = bn[k]["running_var"]
                net.bn_momentum[k] = bn[k]["momentum"]
                net.bn_eps[k] = bn[k]["eps"]
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

