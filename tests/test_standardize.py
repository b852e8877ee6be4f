"""The one standardisation formula, x_std = (x_raw - mean) / std, and everything that uses it:
the data set's own scaling and a trained network's scaling of raw inputs must agree with a
pencil."""
from __future__ import annotations

import numpy as np

from backpropviz.data import dataset_from_arrays
from backpropviz.engine.network import Network
from backpropviz.standardize import standardize, statistics, unstandardize

RAW = np.array([[1.0, 10.0], [3.0, 30.0], [5.0, 50.0]])   # mean (3, 30), std sqrt(8/3) * (1, 10)
SD = np.sqrt(8.0 / 3.0)


def test_statistics_are_the_population_mean_and_deviation_of_each_column():
    mean, std = statistics(RAW)
    np.testing.assert_allclose(mean, [3.0, 30.0], rtol=1e-15)
    np.testing.assert_allclose(std, [SD, 10 * SD], rtol=1e-15)


def test_a_constant_column_keeps_a_deviation_of_one():
    _, std = statistics(np.array([[2.0, 1.0], [2.0, 3.0]]))
    assert std[0] == 1.0 and std[1] == 1.0


def test_standardize_subtracts_the_mean_and_divides_by_the_deviation():
    X = standardize(RAW, np.array([3.0, 30.0]), np.array([2.0, 20.0]))
    np.testing.assert_array_equal(X, [[-1.0, -1.0], [0.0, 0.0], [1.0, 1.0]])
    assert X.flags.c_contiguous and X.dtype == np.float64
    np.testing.assert_array_equal(standardize(RAW[0], [3.0, 30.0], [2.0, 20.0]), [-1.0, -1.0])


def test_unstandardize_undoes_standardize():
    mean, std = np.array([0.5, -2.0]), np.array([4.0, 0.25])
    np.testing.assert_allclose(unstandardize(standardize(RAW, mean, std), mean, std), RAW)
    np.testing.assert_array_equal(unstandardize([[1.0, 2.0]], mean, std), [[4.5, -1.5]])


def test_a_network_scales_raw_inputs_with_its_own_statistics():
    net = Network.build([2, 1], "sigmoid", "half_sse", seed=0)
    net.normalization = {"mean": [3.0, 30.0], "std": [2.0, 20.0]}
    np.testing.assert_array_equal(net.normalize(RAW), [[-1.0, -1.0], [0.0, 0.0], [1.0, 1.0]])
    np.testing.assert_array_equal(net.normalize([7.0, 10.0]), [2.0, -1.0])


def test_the_data_set_and_a_model_trained_on_it_scale_a_raw_point_alike():
    ds = dataset_from_arrays("t", RAW, [0, 1, 1], task="classification", standardize=True)
    np.testing.assert_allclose(ds.X_train, np.array([[-2.0, -2.0], [0.0, 0.0], [2.0, 2.0]]) / SD,
                               rtol=1e-15)
    net = Network.build([2, 1], "sigmoid", "half_sse", seed=0)
    net.normalization = ds.normalization_dict()
    point = np.array([[4.0, 12.5]])
    np.testing.assert_array_equal(net.normalize(point), ds.transform(point))
    np.testing.assert_allclose(ds.to_raw(ds.transform(point)), point, rtol=1e-15)
    moved = ds.with_normalization([1.0, 10.0], [2.0, 20.0])
    np.testing.assert_allclose(moved.X_train, [[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]], atol=1e-15)
