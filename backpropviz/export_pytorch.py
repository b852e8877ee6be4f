"""File > Export > PyTorch script, and ``train --export-pytorch``: the same run as standalone code.

The script needs only torch and numpy. It builds the same network in float64 with the same
initial weights (embedded), reads the same data (the file, parsed with the resolved delimiter,
header and columns; a built-in's arrays are embedded), applies the same train/test split (the row
indices, embedded) and the same standardisation (the app's mean and std, embedded bit for bit),
and feeds the same minibatches in the same order: the app shuffles each epoch with
``numpy.random.default_rng(seed).permutation``, which the script calls the same way and checks
against the first indices the app drew. The optimiser follows the app's semantics, which differ
from PyTorch's defaults in two places the script comments on: clipping by the exact global norm
(no 1e-6 as in ``clip_grad_norm_``) before L2, and L2 on weights only (``weight_decay`` would
decay biases too). With the biases not trained, they (and batch normalization's gamma and beta)
are frozen. The remedies come along: batch normalization as ``torch.nn.BatchNorm1d`` (the app's
gamma, beta, running statistics, momentum and eps copied in; evaluation in ``eval()`` mode),
residual connections as ``a = f(z) + a_prev``, and the learning-rate schedule as a
``LambdaLR`` with the app's own formula (the same rates, bit for bit, as the engine sets).

It prints one JSON line per epoch, ``{"epoch": k, "loss": mean_minibatch_loss}`` (k from 1), and
at the end ``{"test_accuracy": ..., "test_loss": ...}`` (accuracy null for regression, both
without a test part): the same numbers as ``backpropviz train --json``'s ``epoch_losses``,
``test_accuracy`` and ``test_loss`` (which, with batch normalization, depends on the running
statistics the run kept).
"""
from __future__ import annotations

import base64
import zlib
from pathlib import Path
from typing import Any

import numpy as np

from . import __version__
from .data.dataset import Dataset
from .engine import EngineError, Network, OptimizerConfig
from .engine.schedule import LRSchedule
from .engine.train import check_bn_batch
from .i18n import QT_TRANSLATE_NOOP

#: how many of the first epoch's shuffled indices the script checks against NumPy's stream
ORDER_CHECK = 16


class ExportError(EngineError):
    """A run that the PyTorch script cannot reproduce (said in one line)."""


def _pack(a: np.ndarray) -> str:
    """An array as compressed base64 text (its dtype and shape are written beside it)."""
    a = np.ascontiguousarray(a)
    text = base64.b64encode(zlib.compress(a.tobytes(), 9)).decode("ascii")
    return "\n".join(text[i:i + 96] for i in range(0, len(text), 96))


def _array_literal(a: np.ndarray) -> str:
    a = np.ascontiguousarray(a)
    return f'unpack("""\n{_pack(a)}\n""", "{a.dtype.str}", {tuple(a.shape)!r})'


def _data_section(ds: Dataset) -> str:
    """Python source that says where the data come from: the file and how to read it, or the
    embedded arrays (raw features, class indices or targets)."""
    info = ds.info
    lines = []
    if info is not None and info.kind in ("csv", "npy", "npz") and not str(ds.source).startswith("builtin:"):
        path = str(Path(info.path).resolve())
        feature_cols = [j for j in range(len(info.column_names)) if j != info.target_index]
        lines += [f"DATA_FILE = {path!r}",
                  f"DATA_KIND = {info.kind!r}",
                  f"DELIMITER = {info.delimiter!r}",
                  f"DECIMAL = {info.decimal!r}",
                  f"HAS_HEADER = {info.has_header!r}",
                  f"FEATURE_COLUMNS = {feature_cols!r}",
                  f"TARGET_COLUMN = {info.target_index!r}",
                  "EMBEDDED = None"]
    else:
        # generated, bundled or in-memory data: embedded, train part then test part
        X_raw = _raw_features(ds)
        lines += ["DATA_FILE = None",
                  f"# {ds.source}: generated or bundled data, embedded here as the app made it",
                  f"EMBEDDED = ({_array_literal(X_raw)},",
                  f"            {_array_literal(np.ascontiguousarray(ds.y_all()))})"]
    return "\n".join(lines)


def _raw_features(ds: Dataset) -> np.ndarray:
    """Training then test rows before standardisation, bit for bit as the app read them."""
    if ds.mean is None:
        return np.ascontiguousarray(ds.X_all())
    if ds.load_args:
        from .data import load_dataset
        raw = load_dataset(**{**ds.load_args, "standardize": False})
        return np.ascontiguousarray(raw.X_all())
    return np.ascontiguousarray(ds.to_raw(ds.X_all()))


def _split_indices(ds: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """The rows of the data (in file order) that make the app's training and test parts; the
    embedded data of a built-in or an in-memory set is stored training part first."""
    if ds.info is not None and ds.train_rows is not None and \
            not str(ds.source).startswith("builtin:"):
        return np.asarray(ds.train_rows, np.int64), np.asarray(ds.test_rows, np.int64)
    return (np.arange(ds.n_train, dtype=np.int64),
            np.arange(ds.n_train, ds.n_train + ds.n_test, dtype=np.int64))


def _layer_literal(net: Network, k: int) -> str:
    """Python source of layer k's dict: weights (n_out, n_in), bias, activation, whether a skip
    adds its input, and its batch normalization (None, or gamma, beta, running statistics,
    momentum and eps as the app holds them now)."""
    bn = "None"
    if net.batch_norm[k]:
        bn = (f"dict(gamma={_array_literal(net.gamma[k])},\n"
              f"              beta={_array_literal(net.beta[k])},\n"
              f"              running_mean={_array_literal(net.running_mean[k])},\n"
              f"              running_var={_array_literal(net.running_var[k])},\n"
              f"              momentum={float(net.bn_momentum[k])!r}, "
              f"eps={float(net.bn_eps[k])!r})")
    return (f"dict(W={_array_literal(net.weights[k])},\n"
            f"         b={_array_literal(net.bias[k])},\n"
            f"         activation={net.activations[k]!r}, residual={bool(net.residual[k])!r},\n"
            f"         batch_norm={bn})")


def pytorch_script(net: Network, ds: Dataset, config: OptimizerConfig, *, batch: int, epochs: int,
                   seed: int, command: str = "", schedule: LRSchedule | None = None) -> str:
    """The standalone script (text) that trains ``net`` (its current weights and running
    statistics are the start) on ``ds`` as ``Trainer(net, X_train, T_train, config,
    batch=batch, seed=seed, schedule=schedule)`` does for ``epochs`` epochs."""
    schedule = LRSchedule() if schedule is None else schedule
    n_out = net.sizes[-1]
    train_rows, test_rows = _split_indices(ds)
    if len(train_rows) != ds.n_train or len(test_rows) != ds.n_test:
        raise ExportError(QT_TRANSLATE_NOOP("engine", "{name}: could not rebuild the app's train/test "
                                            "split for the script"), name=ds.name)
    batch = min(int(batch), ds.n_train)
    check_bn_batch(net, ds.n_train, batch)      # what the app refuses to train, the script too
    first_order = np.random.default_rng(seed).permutation(ds.n_train)[:ORDER_CHECK]
    layers = ",\n    ".join(_layer_literal(net, k) for k in range(net.n_layers))
    mean = "None" if ds.mean is None else _array_literal(ds.mean)
    std = "None" if ds.std is None else _array_literal(ds.std)
    if ds.task == "classification":
        target_kind = "onehot" if n_out > 1 else "binary"
    else:
        target_kind = "regression"
    class_names = list(ds.class_names) if ds.class_names else None
    x_check = float(ds.X_train.sum())
    remedies = [w for w, on in (("batch norm", net.bn_layers), ("residual", any(net.residual)))
                if on]
    return _TEMPLATE.format(
        version=__version__, command=command or "the backpropviz window",
        arch="-".join(map(str, net.sizes)), acts="/".join(net.activations), loss=net.loss,
        remedies="".join(f" + {r}" for r in remedies),
        data=_data_section(ds), train_rows=_array_literal(train_rows.astype(np.int64)),
        test_rows=_array_literal(test_rows.astype(np.int64)), mean=mean, std=std,
        task=ds.task, class_names=class_names, target_kind=target_kind, n_out=n_out,
        layers=layers, loss_name=net.loss, optimizer=config.name, lr=config.lr,
        momentum=config.momentum, beta1=config.beta1, beta2=config.beta2, eps=config.eps,
        l2=config.l2, clip=config.clip, train_biases=bool(config.train_biases),
        schedule=(schedule.kind, schedule.epochs, schedule.factor), schedule_text=str(schedule),
        batch=batch, epochs=int(epochs), seed=int(seed),
        first_order=first_order.tolist(), x_check=repr(x_check), n_train=ds.n_train)


_TEMPLATE = '''#!/usr/bin/env python3
"""The backpropviz run as PyTorch code: {arch} ({acts}{remedies}), loss {loss}.

Written by backpropviz {version} from: {command}
Needs only torch and numpy:   python this_file.py   [--data PATH to read the data file elsewhere]

It computes in float64 and repeats the app's run step for step: the same initial weights, the
same data, split and standardisation, the same minibatches in the same order, the same
optimiser and learning-rate schedule, so its per-epoch losses equal the app's to about 1e-12. It prints one JSON line per
epoch, {{"epoch": k, "loss": mean minibatch loss}}, and at the end {{"test_accuracy": ...,
"test_loss": ...}}.
"""
import argparse
import base64
import csv
import json
import math
import sys
import zlib

import numpy as np
import torch

torch.set_default_dtype(torch.float64)


def unpack(text, dtype, shape):
    """An array stored as base64 text of its zlib-compressed bytes."""
    raw = zlib.decompress(base64.b64decode("".join(text.split())))
    return np.frombuffer(raw, dtype=np.dtype(dtype)).reshape(shape).copy()


# --- the data ------------------------------------------------------------------------------------
{data}
TASK = {task!r}
CLASS_NAMES = {class_names!r}
TARGET_KIND = {target_kind!r}      # binary: one sigmoid output; onehot: one output per class
N_OUTPUTS = {n_out}
# the app's train/test split: rows of the data (in file order) for each part, in the app's order
TRAIN_ROWS = {train_rows}
TEST_ROWS = {test_rows}
# the app standardises with the training part's mean and std (None: no standardisation)
MEAN = {mean}
STD = {std}
X_TRAIN_SUM = {x_check}   # a check that the data were read as the app read them


def label_text(cell, numeric):
    """A class label as the app names it: integral numbers without '.0'."""
    if numeric:
        v = float(cell)
        return str(int(v)) if v.is_integer() and abs(v) < 2 ** 53 else repr(v)
    return str(cell).strip()


def read_data(path):
    """Raw features (n, d) float64 and raw targets of the data file, rows in file order."""
    if DATA_KIND == "npy":
        a = np.load(path, allow_pickle=False)
        return a[:, FEATURE_COLUMNS].astype(np.float64), a[:, TARGET_COLUMN]
    if DATA_KIND == "npz":
        with np.load(path, allow_pickle=False) as z:
            y = z["y"]
            if y.dtype.kind == "S":
                y = np.char.decode(y, "utf-8")
            return z["X"].astype(np.float64), y
    rows = []
    with open(path, newline="", encoding="utf-8-sig") as f:
        for fields in csv.reader(f, delimiter=DELIMITER, skipinitialspace=True):
            if any(c.strip() for c in fields):
                rows.append(fields)
    if HAS_HEADER:
        rows = rows[1:]

    def number(cell):
        cell = cell.strip()
        return float(cell.replace(",", ".") if DECIMAL == "," else cell)

    X = np.array([[number(r[j]) for j in FEATURE_COLUMNS] for r in rows], dtype=np.float64)
    y = [r[TARGET_COLUMN] for r in rows]
    return X, y


def load():
    """(X_train, T_train, X_test, T_test) as the app trains and tests on them."""
    if DATA_FILE is None:
        X, y = EMBEDDED
    else:
        X, y = read_data(args.data or DATA_FILE)
    if TASK == "classification":
        if DATA_FILE is None:
            y = np.asarray(y, dtype=np.int64)            # embedded: class indices already
        else:
            cells = [str(v) for v in np.asarray(y).tolist()]
            try:
                [float(c) for c in cells]
                numeric = True
            except ValueError:
                numeric = False
            index = {{name: i for i, name in enumerate(CLASS_NAMES)}}
            y = np.array([index[label_text(c, numeric)] for c in cells], dtype=np.int64)
        if TARGET_KIND == "binary":
            T = y.astype(np.float64).reshape(-1, 1)
        else:
            T = np.zeros((len(y), N_OUTPUTS))
            T[np.arange(len(y)), y] = 1.0
    else:
        T = np.asarray(y, dtype=np.float64).reshape(len(X), -1)
    X_train, X_test = X[TRAIN_ROWS], X[TEST_ROWS]
    if MEAN is not None:
        X_train, X_test = (X_train - MEAN) / STD, (X_test - MEAN) / STD
    if not math.isclose(float(X_train.sum()), X_TRAIN_SUM, rel_tol=1e-9, abs_tol=1e-9):
        sys.exit("the data differ from what backpropviz trained on (another file, or changed?)")
    return (torch.from_numpy(np.ascontiguousarray(X_train)), torch.from_numpy(T[TRAIN_ROWS]),
            torch.from_numpy(np.ascontiguousarray(X_test)), torch.from_numpy(T[TEST_ROWS]))


# --- the network ---------------------------------------------------------------------------------
# per layer, as the app holds it when the script was written: weights W (n_out, n_in), bias b
# (n_out,), the activation, whether a residual connection adds the layer's input to its output
# (a = f(z) + a_prev), and its batch normalization (None, or gamma, beta, the running mean and
# variance, momentum and eps: torch.nn.BatchNorm1d's weight, bias, buffers and arguments)
LAYERS = [
    {layers},
]
ACTIVATIONS = {{
    "sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu, "linear": lambda z: z,
    "leaky_relu": lambda z: torch.nn.functional.leaky_relu(z, 0.01),
    "softmax": lambda z: torch.softmax(z, dim=1),
}}


class Layer(torch.nn.Module):
    """z = W a_prev + b; batch normalization of z (if any) between it and the activation."""

    def __init__(self, spec):
        super().__init__()
        W, b, bn = spec["W"], spec["b"], spec["batch_norm"]
        self.linear = torch.nn.Linear(W.shape[1], W.shape[0])
        self.norm = None
        with torch.no_grad():
            self.linear.weight.copy_(torch.from_numpy(W))
            self.linear.bias.copy_(torch.from_numpy(b))
            if bn is not None:
                # training normalises with the batch's mean and biased variance and moves the
                # running statistics by momentum, with the unbiased variance; eval() normalises
                # with the running ones: the app's batch normalization
                self.norm = torch.nn.BatchNorm1d(W.shape[0], eps=bn["eps"], momentum=bn["momentum"])
                self.norm.weight.copy_(torch.from_numpy(bn["gamma"]))
                self.norm.bias.copy_(torch.from_numpy(bn["beta"]))
                self.norm.running_mean.copy_(torch.from_numpy(bn["running_mean"]))
                self.norm.running_var.copy_(torch.from_numpy(bn["running_var"]))
        self.activation = spec["activation"]
        self.residual = spec["residual"]

    def forward(self, a_prev):
        z = self.linear(a_prev)
        f = ACTIVATIONS[self.activation](z if self.norm is None else self.norm(z))
        return f + a_prev if self.residual else f


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = torch.nn.ModuleList(Layer(spec) for spec in LAYERS)

    def forward(self, x):
        """The output layer's z (the loss works from z, as the app's log losses do)."""
        for layer in self.layers[:-1]:
            x = layer(x)
        return self.layers[-1].linear(x)

    def output(self, z):
        return ACTIVATIONS[self.layers[-1].activation](z)


LOSS = {loss_name!r}


def loss_of(net, z, t):
    """The mean loss over the batch, as the app defines it."""
    F = torch.nn.functional
    if LOSS == "mse":                       # mean over outputs and samples
        return ((net.output(z) - t) ** 2).mean()
    if LOSS == "half_sse":                  # 1/2 sum over outputs, mean over samples
        return 0.5 * ((net.output(z) - t) ** 2).sum(dim=1).mean()
    if LOSS == "bce":                       # from z, never from a rounded sigmoid
        return F.binary_cross_entropy_with_logits(z, t)
    return -(t * F.log_softmax(z, dim=1)).sum(dim=1).mean()      # cross_entropy, softmax


# --- training ------------------------------------------------------------------------------------
OPTIMIZER, LR = {optimizer!r}, {lr!r}
MOMENTUM, BETA1, BETA2, EPS = {momentum!r}, {beta1!r}, {beta2!r}, {eps!r}
L2, CLIP = {l2!r}, {clip!r}
TRAIN_BIASES = {train_biases!r}   # False: biases (and batch normalization's gamma, beta) stay put
SCHEDULE = {schedule!r}   # {schedule_text}: (kind, epochs, factor)
BATCH, EPOCHS, SEED = {batch}, {epochs}, {seed}
FIRST_ORDER = {first_order!r}   # the app's first shuffled indices, to check NumPy's stream


def rate_factor(epoch):
    """The learning rate of epoch ``epoch`` (from 0) over LR, as the app's schedule sets it:
    step as StepLR, exp as ExponentialLR, cosine as CosineAnnealingLR with eta_min 0. Those
    multiply the rate epoch by epoch, which rounds differently; this formula is the app's."""
    kind, epochs, factor = SCHEDULE
    if kind == "step":
        return factor ** (epoch // epochs)
    if kind == "exp":
        return factor ** epoch
    if kind == "cosine":
        return (1.0 + math.cos(math.pi * epoch / epochs)) / 2.0
    return 1.0


def accuracy(net, X, T):
    """Share of rows whose prediction matches: one output on the same side of 0.5 as the target,
    several outputs by the largest one. Batch normalization uses its running statistics."""
    net.eval()
    with torch.no_grad():
        a = net.output(net(X))
    if a.shape[1] == 1:
        return float(((a[:, 0] > 0.5) == (T[:, 0] > 0.5)).double().mean())
    return float((a.argmax(dim=1) == T.argmax(dim=1)).double().mean())


def test_loss(net, X, T):
    """The mean loss over the test part (None without one), in evaluation mode."""
    if not len(X):
        return None
    net.eval()
    with torch.no_grad():
        return loss_of(net, net(X), T).item()


def main():
    X_train, T_train, X_test, T_test = load()
    net = Net()
    weights = [layer.linear.weight for layer in net.layers]
    if not TRAIN_BIASES:
        for layer in net.layers:
            frozen = [layer.linear.bias] + ([] if layer.norm is None else list(layer.norm.parameters()))
            for p in frozen:
                p.requires_grad_(False)
    params = [p for p in net.parameters() if p.requires_grad]
    if OPTIMIZER == "sgd":
        opt = torch.optim.SGD(params, lr=LR)
    elif OPTIMIZER == "momentum":           # v <- mu v + g; p <- p - lr v (dampening 0)
        opt = torch.optim.SGD(params, lr=LR, momentum=MOMENTUM)
    else:
        opt = torch.optim.Adam(params, lr=LR, betas=(BETA1, BETA2), eps=EPS)
    # the rate of epoch e is LR * rate_factor(e); step() after each epoch
    scheduler = torch.optim.lr_scheduler.LambdaLR(opt, rate_factor)
    rng = np.random.default_rng(SEED)
    n = X_train.shape[0]
    order = rng.permutation(n)
    if order[:len(FIRST_ORDER)].tolist() != FIRST_ORDER:
        sys.exit("this NumPy shuffles differently from the one backpropviz used; the minibatches "
                 "would differ")
    for epoch in range(1, EPOCHS + 1):
        net.train()
        losses = []
        for start in range(0, n, BATCH):
            idx = torch.from_numpy(order[start:start + BATCH])
            opt.zero_grad()
            loss = loss_of(net, net(X_train[idx]), T_train[idx])
            if not math.isfinite(loss.item()):
                print(json.dumps({{"warning": "the loss became NaN or infinite"}}))
                return
            losses.append(loss.item())
            loss.backward()
            with torch.no_grad():
                # Clip by the exact global norm of the gradients that train (torch's
                # clip_grad_norm_ adds 1e-6 to the norm), then add L2 to the weights only
                # (weight_decay would also decay the biases, gamma and beta): the app's order
                # and semantics.
                if CLIP > 0:
                    norm = math.sqrt(sum(float((p.grad ** 2).sum()) for p in params))
                    if norm > CLIP:
                        for p in params:
                            p.grad.mul_(CLIP / norm)
                if L2 > 0:
                    for W in weights:
                        W.grad.add_(W, alpha=L2)
            opt.step()
        print(json.dumps({{"epoch": epoch, "loss": sum(losses) / len(losses)}}), flush=True)
        scheduler.step()
        order = rng.permutation(n)
    acc = accuracy(net, X_test, T_test) if TASK == "classification" and len(X_test) else None
    print(json.dumps({{"test_accuracy": acc, "test_loss": test_loss(net, X_test, T_test)}}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="the data file, if it is no longer at " + repr(DATA_FILE))
    args = parser.parse_args()
    main()
'''
