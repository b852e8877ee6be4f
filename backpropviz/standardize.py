"""Standardised features, x_std = (x_raw - mean) / std: the one home of the formula.

The data layer standardises a data set with its training part's statistics, and a network
standardises raw inputs with the statistics it was trained with (its model file carries them);
both come here, so the two can never drift apart. NumPy only; imports nothing of the package,
so the engine and the data layer may both use it.
"""
from __future__ import annotations

import numpy as np


#: rows per block when summing squared deviations: numpy's std would make a whole copy of X
BLOCK_BYTES = 1 << 20


def statistics(X_train: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-feature mean and standard deviation (ddof 0) of X_train (n, d), n >= 1: two new
    float64 (d,) arrays. A constant column (std 0, or only rounding error) gets std 1, so it
    stays finite. The deviations are summed block by block, so a large X is never copied."""
    X_train = np.asarray(X_train, dtype=np.float64)
    n, d = X_train.shape
    mean = X_train.mean(axis=0)
    squares = np.zeros(d)
    rows = max(1, BLOCK_BYTES // (8 * max(d, 1)))
    for start in range(0, n, rows):
        dev = X_train[start:start + rows] - mean
        squares += np.einsum("ij,ij->j", dev, dev)
    std = np.sqrt(squares / n)
    flat = std <= 1e-12 * np.maximum(1.0, np.abs(mean))
    std[flat] = 1.0
    return mean, std


def standardize(X_raw: np.ndarray, mean: np.ndarray, std: np.ndarray,
                in_place: bool = False) -> np.ndarray:
    """(X_raw - mean) / std, a new C-contiguous float64 array of X_raw's shape.

    X_raw: (d,) or (n, d) raw features; mean, std: (d,), std > 0.
    in_place: overwrite X_raw itself (a float64 array) and return it, so that a large data set
        is not held twice.
    """
    mean = np.asarray(mean, dtype=np.float64)
    std = np.asarray(std, dtype=np.float64)
    if in_place:
        np.subtract(X_raw, mean, out=X_raw)
        np.divide(X_raw, std, out=X_raw)
        return X_raw
    X = np.asarray(X_raw, dtype=np.float64)
    return np.ascontiguousarray((X - mean) / std)


def unstandardize(X: np.ndarray, mean: np.ndarray, std: np.ndarray) -> np.ndarray:
    """The inverse, X * std + mean: standardised features back to raw units, a new C-contiguous
    float64 array of X's shape."""
    X = np.asarray(X, dtype=np.float64)
    return np.ascontiguousarray(X * np.asarray(std, dtype=np.float64)
                                + np.asarray(mean, dtype=np.float64))
