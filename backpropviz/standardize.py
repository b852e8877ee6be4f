"""Standardised features, x_std = (x_raw - mean) / std: the one home of the formula.

The data layer standardises a data set with its training part's statistics, and a network
standardises raw inputs with the statistics it was trained with (its model file carries them);
both come here, so the two can never drift apart. NumPy only; imports nothing of the package,
so the engine and the data layer may both use it.
"""
from __future__ import annotations

import numpy as np


def statistics(X_train: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-feature mean and standard deviation (ddof 0) of X_train (n, d): two new float64 (d,)
    arrays. A constant column (std 0, or only rounding error) gets std 1, so it stays finite."""
    X_train = np.asarray(X_train, dtype=np.float64)
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    flat = std <= 1e-12 * np.maximum(1.0, np.abs(mean))
    std[flat] = 1.0
    return mean, std


def standardize(X_raw: np.ndarray, mean: np.ndarray, std: np.ndarray) -> np.ndarray:
    """(X_raw - mean) / std, a new C-contiguous float64 array of X_raw's shape.

    X_raw: (d,) or (n, d) raw features; mean, std: (d,), std > 0.
    """
    X = np.asarray(X_raw, dtype=np.float64)
    return np.ascontiguousarray((X - np.asarray(mean, dtype=np.float64))
                                / np.asarray(std, dtype=np.float64))


def unstandardize(X: np.ndarray, mean: np.ndarray, std: np.ndarray) -> np.ndarray:
    """The inverse, X * std + mean: standardised features back to raw units, a new C-contiguous
    float64 array of X's shape."""
    X = np.asarray(X, dtype=np.float64)
    return np.ascontiguousarray(X * np.asarray(std, dtype=np.float64)
                                + np.asarray(mean, dtype=np.float64))
