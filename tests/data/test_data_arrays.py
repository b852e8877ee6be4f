"""dataset_from_arrays: a Dataset from arrays in memory, as a lesson's hand-made sample needs."""
from __future__ import annotations

import numpy as np
import pytest

from backpropviz.data import DatasetError, dataset_from_arrays


def test_one_regression_sample_stays_raw_and_has_an_empty_test_part():
    ds = dataset_from_arrays("one", [[0.05, 0.10]], [[0.01, 0.99]], task="regression",
                             feature_names=["i1", "i2"], target_names=["o1", "o2"])
    assert ds.task == "regression" and ds.n_train == 1 and ds.n_test == 0
    np.testing.assert_array_equal(ds.X_train, [[0.05, 0.10]])
    assert ds.X_test.shape == (0, 2) and ds.y_test.shape == (0, 2)
    np.testing.assert_array_equal(ds.target_matrix("train", 2), [[0.01, 0.99]])
    assert ds.mean is None and ds.normalization_dict() is None
    assert ds.feature_names == ["i1", "i2"] and ds.target_names == ["o1", "o2"]
    assert ds.class_names is None and ds.source == "memory:one"


def test_regression_target_of_shape_n_becomes_one_column():
    ds = dataset_from_arrays("line", [[0.0], [1.0], [2.0]], [1.0, 3.0, 5.0], task="regression")
    assert ds.y_train.shape == (3, 1) and ds.target_names == ["y"] and ds.feature_names == ["x1"]
    np.testing.assert_array_equal(ds.y_train[:, 0], [1.0, 3.0, 5.0])   # order kept


def test_string_labels_become_sorted_classes():
    X = np.arange(8.0).reshape(4, 2)
    ds = dataset_from_arrays("pets", X, ["dog", "cat", "dog", "cat"], task="classification")
    assert ds.class_names == ["cat", "dog"]
    np.testing.assert_array_equal(ds.y_train, [1, 0, 1, 0])
    assert ds.y_train.dtype == np.int64 and ds.X_test.shape == (0, 2)


def test_class_names_fix_the_order_and_may_include_a_class_without_rows():
    ds = dataset_from_arrays("one", [[1.0, 2.0]], [2], task="classification",
                             class_names=["a", "b", "c"])
    assert ds.n_classes == 3
    np.testing.assert_array_equal(ds.target_matrix("train", 3), [[0.0, 0.0, 1.0]])
    ds2 = dataset_from_arrays("one", [[1.0, 2.0]], ["b"], task="classification",
                              class_names=["a", "b", "c"])
    np.testing.assert_array_equal(ds2.y_train, [1])


def test_split_and_standardisation_use_the_training_part_like_load_dataset():
    rng = np.random.default_rng(0)
    X = rng.normal(3.0, 2.0, (100, 2))
    y = (X[:, 0] > 3.0).astype(int)
    ds = dataset_from_arrays("blobs", X, y, task="classification", standardize=True,
                             test_fraction=0.2, seed=4)
    assert ds.n_train == 80 and ds.n_test == 20
    np.testing.assert_allclose(ds.X_train.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(ds.X_train.std(axis=0), 1.0)
    np.testing.assert_allclose(ds.to_raw(np.vstack([ds.X_train, ds.X_test])).sum(axis=0),
                               X.sum(axis=0))
    again = dataset_from_arrays("blobs", X, y, task="classification", standardize=True,
                                test_fraction=0.2, seed=4)
    np.testing.assert_array_equal(again.X_test, ds.X_test)


@pytest.mark.parametrize("kwargs, words", [
    (dict(X=[[1.0], [2.0]], y=[1.0], task="regression"), "2 rows"),
    (dict(X=[[1.0, np.nan]], y=[1.0], task="regression"), "finite"),
    (dict(X=[[1.0]], y=[1.0], task="auto"), "task"),
    (dict(X=[[1.0], [2.0]], y=[0, 0], task="classification"), "same class"),
    (dict(X=[[1.0]], y=["z"], task="classification", class_names=["a", "b"]), "not one of"),
    (dict(X=[[1.0]], y=[5], task="classification", class_names=["a", "b"]), "outside"),
    (dict(X=[[1.0]], y=[1.0], task="regression", feature_names=["a", "b"]), "feature names"),
    (dict(X=[[1.0]], y=[1.0], task="regression", test_fraction=1.0), "test_fraction"),
])
def test_bad_arrays_raise_a_dataset_error_that_says_what_is_wrong(kwargs, words):
    with pytest.raises(DatasetError, match=words):
        dataset_from_arrays("bad", **kwargs)
