"""A data set is held once: loading never makes a second full float64 copy of the features.

70,000 MNIST images are 439 MB as float64; a second copy (a split into new train and test
arrays, a temporary while converting or standardising) would take the training run past 1 GiB.
These tests load sets that are sizeable (tens of MB as float64) but quick, and measure the
peak of what NumPy allocates while loading with tracemalloc: one float64 copy plus the file's
bytes and blocks of a few MB, never two copies. Not a timed test.
"""
from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from backpropviz.data import load_dataset
from backpropviz.data.dataset import reorder_rows_in_place

from backpropviz.data.idx import STANDARD_FILES

N, D = 24_000, 196          # 37.6 MB as float64
#: allowed peak while loading beyond the file's own values, in float64 copies of the data
#: (blocks, index maps, labels); a second float64 copy makes it at least 1 more
SLACK = 0.4


def limit(itemsize: int) -> float:
    """One float64 copy, plus the values as the file holds them when they are not float64."""
    return 1.0 + (itemsize / 8 if itemsize < 8 else 0.0) + SLACK


def peak_copies(load, n: int = N, d: int = D) -> tuple[float, object]:
    """(peak bytes allocated by ``load()`` in units of one float64 copy of n x d, its result)."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        result = load()
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    return peak / (n * d * 8), result


def data(dtype) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(3)
    X = rng.integers(0, 256, (N, D)).astype(dtype)
    return X, (np.arange(N) % 10).astype(np.int64)


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.uint8])
def test_npz_is_held_once_while_split_and_standardised(tmp_path, dtype):
    X, y = data(dtype)
    np.savez(tmp_path / "d.npz", X=X, y=y)
    copies, ds = peak_copies(lambda: load_dataset(tmp_path / "d.npz", test_fraction=0.25))
    assert copies < limit(X.itemsize), f"loading peaked at {copies:.2f} float64 copies of the data"
    # and it is the right data: rows train_rows / test_rows of the file, standardised
    raw = np.concatenate([X[ds.train_rows], X[ds.test_rows]]).astype(np.float64)
    got = np.concatenate([ds.X_train, ds.X_test]) * ds.std + ds.mean
    np.testing.assert_allclose(got, raw, atol=1e-9)
    assert ds.X_train.flags.c_contiguous and ds.X_test.flags.c_contiguous


def test_compressed_npz_is_held_once(tmp_path):
    X, y = data(np.float64)
    np.savez_compressed(tmp_path / "d.npz", X=X, y=y)
    copies, _ = peak_copies(lambda: load_dataset(tmp_path / "d.npz"))
    assert copies < limit(8), f"loading peaked at {copies:.2f} float64 copies of the data"


def test_idx_folder_is_held_once(tmp_path):
    n_train, n_test, side = 20_000, 4_000, 14
    rng = np.random.default_rng(4)
    arrays = [rng.integers(0, 256, (n_train, side, side), dtype=np.uint8),
              (np.arange(n_train) % 10).astype(np.uint8),
              rng.integers(0, 256, (n_test, side, side), dtype=np.uint8),
              (np.arange(n_test) % 10).astype(np.uint8)]
    for stem, a in zip(STANDARD_FILES, arrays):     # IDX: magic, big-endian sizes, the bytes
        head = bytes([0, 0, 0x08, a.ndim]) + b"".join(int(k).to_bytes(4, "big") for k in a.shape)
        (tmp_path / stem).write_bytes(head + a.tobytes())
    copies, ds = peak_copies(lambda: load_dataset(tmp_path), n_train + n_test, side * side)
    assert copies < limit(1), f"loading peaked at {copies:.2f} float64 copies of the data"
    assert ds.X_train.shape == (n_train, side * side)


@pytest.mark.parametrize("n, d, block", [(1, 3, None), (10, 2, 3), (1000, 5, 7), (1000, 5, 1),
                                         (1000, 5, 1000), (5000, 1, 64), (777, 9, None)])
def test_reorder_rows_in_place_is_fancy_indexing(n, d, block):
    rng = np.random.default_rng(n + d)
    for _ in range(3):
        X = rng.normal(size=(n, d))
        order = rng.permutation(n)
        expected = X[order]
        reorder_rows_in_place(X, order, block)
        np.testing.assert_array_equal(X, expected)


def test_reorder_keeps_an_identity_order():
    X = np.arange(40.0).reshape(20, 2)
    reorder_rows_in_place(X, np.arange(20), 6)
    np.testing.assert_array_equal(X, np.arange(40.0).reshape(20, 2))
