"""What the image views show, computed without a window: the network's class probabilities on
the test part, its confusion matrix, its most confident mistakes, and the first layer's weights
as pictures tiled into one mosaic.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .data import Dataset
from .engine import Network


@dataclass
class TestPredictions:
    """probabilities: float64 (n_test, n_classes), each row sums to 1; predicted: int64 (n_test,)
    the most probable class; confusion: int64 (n_classes, n_classes), rows the true class,
    columns the predicted one."""
    probabilities: np.ndarray
    predicted: np.ndarray
    confusion: np.ndarray

    @property
    def accuracy(self) -> float:
        total = self.confusion.sum()
        return float(np.trace(self.confusion) / total) if total else float("nan")


def predict_test_part(net: Network, ds: Dataset) -> TestPredictions:
    """The network's class probabilities for every test row of a classification data set.

    A softmax output gives them directly; one sigmoid output p for two classes gives (1 - p, p);
    several sigmoid outputs are normalised to sum to one (their argmax is kept).
    """
    k = ds.n_classes
    out = net.forward(ds.X_test) if ds.n_test else np.zeros((0, net.sizes[-1]))
    if out.shape[1] == 1:
        probs = np.column_stack([1.0 - out[:, 0], out[:, 0]])
    else:
        total = out.sum(axis=1, keepdims=True)
        probs = out / np.where(total > 0, total, 1.0)
    predicted = probs.argmax(axis=1).astype(np.int64)
    confusion = np.bincount(ds.y_test * k + predicted, minlength=k * k).reshape(k, k)
    return TestPredictions(probs, predicted, confusion.astype(np.int64))


def cell_rows(ds: Dataset, pred: TestPredictions, true_class: int, predicted_class: int
              ) -> np.ndarray:
    """Test rows (int64, in order) of one confusion-matrix cell."""
    return np.flatnonzero((ds.y_test == true_class) & (pred.predicted == predicted_class))


def mistakes(ds: Dataset, pred: TestPredictions, limit: int = 60) -> np.ndarray:
    """Test rows the network gets wrong, the most confidently wrong first, at most ``limit``."""
    wrong = np.flatnonzero(pred.predicted != ds.y_test)
    confidence = pred.probabilities[wrong, pred.predicted[wrong]]
    return wrong[np.argsort(-confidence, kind="stable")][:limit]


def pictures(ds: Dataset, X: np.ndarray) -> np.ndarray:
    """Rows of network inputs (n, d) as pictures in the file's units, (n, rows, cols)."""
    rows, cols = ds.image_shape
    return ds.to_raw(X).reshape(len(X), rows, cols)


def weight_images(net: Network, shape: tuple[int, int]) -> np.ndarray:
    """The first layer's incoming weights, one picture per neuron: (units, rows, cols)."""
    W = net.weights[0]
    return W.reshape(W.shape[0], *shape)


def mosaic(images: np.ndarray, columns: int, pad: int = 1, fill: float = np.nan) -> np.ndarray:
    """Pictures (n, rows, cols) tiled row by row into one array, ``columns`` to a row, with
    ``pad`` cells of ``fill`` between them. Returns (R * (rows + pad) - pad, C * (cols + pad) - pad)
    with R = ceil(n / columns) and C = min(n, columns). Tile i starts at
    ((i // columns) * (rows + pad), (i % columns) * (cols + pad))."""
    n, h, w = images.shape
    if n == 0:
        return np.full((h, w), fill)
    c = min(n, columns)
    r = -(-n // c)
    out = np.full((r, h + pad, c, w + pad), fill, dtype=np.float64)
    padded = np.full((r * c, h, w), fill)
    padded[:n] = images
    out[:, :h, :, :w] = padded.reshape(r, c, h, w).transpose(0, 2, 1, 3)
    return out.reshape(r * (h + pad), c * (w + pad))[:r * (h + pad) - pad, :c * (w + pad) - pad]


def tile_at(n: int, columns: int, shape: tuple[int, int], row: float, col: float,
            pad: int = 1) -> int | None:
    """The index of the tile at mosaic cell (row, col), or None between tiles or past the last."""
    h, w = shape
    if row < 0 or col < 0:
        return None
    r, dr = divmod(int(row), h + pad)
    c, dc = divmod(int(col), w + pad)
    if dr >= h or dc >= w or c >= min(n, columns):
        return None
    i = r * min(n, columns) + c
    return i if i < n else None


def grid_columns(n: int, shape: tuple[int, int], width: float, height: float, pad: int = 1
                 ) -> int:
    """How many of ``n`` tiles of ``shape`` (rows, cols) to put in a row so that the mosaic,
    scaled to fit a ``width`` x ``height`` area, draws its tiles largest (the fewest columns
    among equals)."""
    h, w = shape
    best, best_scale = 1, -1.0
    for c in range(1, max(n, 1) + 1):
        r = -(-n // c)
        scale = min(width / (c * (w + pad) - pad), height / (r * (h + pad) - pad))
        if scale > best_scale * (1 + 1e-9):
            best, best_scale = c, scale
    return best
