"""From a data set and a few choices to a network that fits it: shared by the CLI and the window."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .engine import EngineError, Network
from .i18n import QT_TRANSLATE_NOOP

#: the decision boundary is sampled on PROBE_GRID x PROBE_GRID points
PROBE_GRID = 48


def choose_head(dataset: Any, output: str = "auto", loss: str = "auto") -> tuple[str, str, int]:
    """(output activation, loss, number of output units) for a data set. 'auto' picks softmax +
    cross_entropy for three or more classes, sigmoid + bce for two, linear + mse for regression;
    an auto output follows an explicit loss (cross_entropy takes softmax, bce sigmoid)."""
    if dataset.task == "regression":
        n_out = dataset.y_train.shape[1]
        out_act = "linear" if output == "auto" else output
        loss = "mse" if loss == "auto" else loss
        if loss in ("bce", "cross_entropy"):
            raise EngineError(QT_TRANSLATE_NOOP("engine", "loss {loss} is for classes; this data set is "
                                                "a regression task"), loss=loss)
        if out_act == "softmax":
            raise EngineError(QT_TRANSLATE_NOOP("engine", "a softmax output sums to 1 and cannot fit "
                                                "regression targets; use a linear output"))
        return out_act, loss, n_out
    k = dataset.n_classes
    if output == "auto":
        out_act = {"cross_entropy": "softmax", "bce": "sigmoid"}.get(loss, "softmax" if k > 2 else "sigmoid")
    else:
        out_act = output
    if loss == "auto":
        loss = {"softmax": "cross_entropy", "sigmoid": "bce"}.get(out_act, "mse")
    n_out = 1 if (k == 2 and out_act != "softmax") else k
    return out_act, loss, n_out


def check_fits(net: Network, dataset: Any) -> None:
    """EngineError unless ``net`` takes ``dataset``'s features and gives the outputs its
    targets need (with the net's own output activation and loss)."""
    _, _, n_out = choose_head(dataset, net.activations[-1], net.loss)
    if net.sizes[0] != dataset.n_features or net.sizes[-1] != n_out:
        raise EngineError(QT_TRANSLATE_NOOP("engine", "the model takes {inputs} inputs and gives "
                                            "{outputs} outputs; the data '{data}' has {features} "
                                            "features and needs {needed} outputs"),
                          inputs=net.sizes[0], outputs=net.sizes[-1], data=dataset.name,
                          features=dataset.n_features, needed=n_out)


@dataclass
class Architecture:
    """What a person chooses about a network; the data set fixes its input and output sizes."""
    hidden: list[int] = field(default_factory=lambda: [4, 4])
    activations: list[str] = field(default_factory=lambda: ["tanh", "tanh"])
    output: str = "auto"
    loss: str = "auto"
    init: str = "auto"
    seed: int = 0
    #: skips: True around every hidden layer whose widths allow one, or one bool per hidden layer
    residual: bool | list[bool] = False
    #: batch normalization: True in every hidden layer, or one bool per hidden layer
    batch_norm: bool | list[bool] = False

    def __post_init__(self) -> None:
        if isinstance(self.activations, str):
            self.activations = [self.activations] * len(self.hidden)
        if len(self.activations) != len(self.hidden):
            raise EngineError(QT_TRANSLATE_NOOP("engine", "{n} hidden layers need {n} activations"),
                              n=len(self.hidden))

    def sizes(self, dataset: Any) -> list[int]:
        """The layer sizes a network of these choices has on ``dataset``: inputs, hidden, outputs."""
        return [dataset.n_features, *self.hidden, choose_head(dataset, self.output, self.loss)[2]]

    def build(self, dataset: Any) -> Network:
        """A fresh network fitted to ``dataset``, carrying its names and normalisation so that a
        saved model can be used on raw data."""
        out_act, loss, n_out = choose_head(dataset, self.output, self.loss)
        sizes = [dataset.n_features, *self.hidden, n_out]
        net = Network.build(sizes, [*self.activations, out_act], loss,
                            init=None if self.init == "auto" else self.init, seed=self.seed,
                            residual=self.residual, batch_norm=self.batch_norm)
        net.input_names = list(dataset.feature_names)
        if dataset.task == "classification":
            net.output_names = list(dataset.class_names) if n_out > 1 else [dataset.class_names[-1]]
        else:
            net.output_names = list(dataset.target_names)
        net.normalization = dataset.normalization_dict()
        return net

    @classmethod
    def of(cls, net: Network, seed: int = 0) -> "Architecture":
        """The choices that describe an existing network (for a loaded model)."""
        return cls(list(net.sizes[1:-1]), list(net.activations[:-1]), net.activations[-1],
                   net.loss, "auto", seed, list(net.residual[:-1]), list(net.batch_norm[:-1]))


def probe_for(dataset: Any) -> tuple[np.ndarray, tuple] | tuple[None, None]:
    """Inputs on which live training evaluates the network: a grid over the plane of 2-D data
    (rows follow the second feature, columns the first), or a line across 1-D data.
    Returns (inputs, extent) with extent (x0, y0, x1, y1) or (x0, x1); (None, None) otherwise."""
    X = np.vstack([dataset.X_train, dataset.X_test]) if len(dataset.X_test) else dataset.X_train
    if X.shape[1] == 2:
        lo, hi = X.min(axis=0), X.max(axis=0)
        pad = 0.08 * (hi - lo) + 1e-9
        lo, hi = lo - pad, hi + pad
        xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], PROBE_GRID), np.linspace(lo[1], hi[1], PROBE_GRID))
        return np.column_stack([xx.ravel(), yy.ravel()]), (lo[0], lo[1], hi[0], hi[1])
    if X.shape[1] == 1:
        return np.linspace(X.min(), X.max(), 200).reshape(-1, 1), (float(X.min()), float(X.max()))
    return None, None
