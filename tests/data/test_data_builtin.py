"""Built-in data sets: the catalogue, each generator's geometry, balance and seeding, and the
two bundled CSV files."""
from __future__ import annotations

import math

import numpy as np
import pytest

from backpropviz.data import DatasetError, list_builtins, load_dataset
from backpropviz.data import builtin
from backpropviz.data.builtin import (PLANE_A, PLANE_B, RESOURCES, circle, gaussians, moons, plane,
                                      sine, spiral, xor)

CLASSIFIERS = [circle, xor, gaussians, spiral, moons]
REGRESSORS = [plane, sine]


def test_catalogue_order_and_descriptions():
    entries = list_builtins()
    assert [name for name, _ in entries] == ["circle", "xor", "gaussians", "spiral", "moons",
                                             "plane", "sine", "iris", "digits"]
    for _, description in entries:
        assert description and "\n" not in description


@pytest.mark.parametrize("gen", CLASSIFIERS + REGRESSORS)
@pytest.mark.parametrize("n", [7, 100, 301])
def test_generator_shapes_and_dtypes(gen, n):
    X, y = gen(n, 0.1, 0)
    d = 1 if gen is sine else 2
    assert X.shape == (n, d) and X.dtype == np.float64 and X.flags.c_contiguous
    if gen in REGRESSORS:
        assert y.shape == (n, 1) and y.dtype == np.float64
    else:
        assert y.shape == (n,) and y.dtype == np.int64 and set(np.unique(y)) == {0, 1}
    assert np.isfinite(X).all() and np.isfinite(y).all()


@pytest.mark.parametrize("gen", CLASSIFIERS)
def test_two_class_generators_are_balanced(gen):
    for n in (200, 201):
        _, y = gen(n, 0.1, 3)
        assert abs(int(np.sum(y == 0)) - int(np.sum(y == 1))) <= 1


@pytest.mark.parametrize("gen", CLASSIFIERS + REGRESSORS)
def test_same_seed_same_arrays_other_seed_other_arrays(gen):
    X1, y1 = gen(150, 0.1, 42)
    X2, y2 = gen(150, 0.1, 42)
    X3, _ = gen(150, 0.1, 43)
    assert X1.tobytes() == X2.tobytes() and y1.tobytes() == y2.tobytes()
    assert not np.array_equal(X1, X3)


@pytest.mark.parametrize("gen", CLASSIFIERS)
def test_noise_spreads_the_points(gen):
    X0, y0 = gen(400, 0.0, 5)
    X1, y1 = gen(400, 0.5, 5)
    assert np.array_equal(y0, y1)               # noise moves points, never relabels them
    assert np.abs(X1 - X0).mean() > 0.1


def test_circle_without_noise_is_a_disc_inside_a_ring():
    X, y = circle(500, 0.0, 1)
    r = np.hypot(X[:, 0], X[:, 1])
    assert r[y == 0].max() <= 0.5
    assert r[y == 1].min() >= 0.7 and r[y == 1].max() <= 1.0


def test_circle_fills_its_disc_evenly():
    # an evenly filled disc has a quarter of its points within half its radius; drawing the
    # radius itself uniformly would crowd the centre with half of them
    X, y = circle(8000, 0.0, 3)
    r = np.hypot(X[:, 0], X[:, 1])[y == 0]
    assert 0.22 < np.mean(r < 0.25) < 0.28


def test_xor_without_noise_labels_opposite_signs_as_one():
    X, y = xor(400, 0.0, 1)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(np.int64))
    quadrants = {(bool(a > 0), bool(b > 0)) for a, b in X}
    assert len(quadrants) == 4 and np.abs(X).min() >= 0.05


def test_gaussians_are_two_blobs_on_either_side():
    X, y = gaussians(1000, 0.1, 2)
    m0, m1 = X[y == 0].mean(axis=0), X[y == 1].mean(axis=0)
    assert np.all(m0 < -0.4) and np.all(m1 > 0.4)


def test_spiral_arms_are_each_others_half_turn():
    X, y = spiral(600, 0.0, 4)
    r = np.hypot(X[:, 0], X[:, 1])
    t = (r - 0.05) / 0.95                           # position along the arm, from the radius
    expected = 3 * math.pi * t + math.pi * y
    diff = np.angle(np.exp(1j * (np.arctan2(X[:, 1], X[:, 0]) - expected)))
    np.testing.assert_allclose(diff, 0.0, atol=1e-9)
    assert r.min() >= 0.05 - 1e-12 and r.max() <= 1.0 + 1e-12


def test_moons_without_noise_lie_on_two_unit_half_circles():
    X, y = moons(400, 0.0, 6)
    P = X + np.array([0.5, 0.25])                  # undo the centring
    upper, lower = P[y == 0], P[y == 1]
    np.testing.assert_allclose(np.hypot(upper[:, 0], upper[:, 1]), 1.0)
    assert np.all(upper[:, 1] >= -1e-12)
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1.0, lower[:, 1] - 0.5), 1.0)
    assert np.all(lower[:, 1] <= 0.5 + 1e-12)


def test_plane_without_noise_is_exactly_the_plane():
    X, y = plane(300, 0.0, 1)
    np.testing.assert_allclose(y[:, 0], PLANE_A * X[:, 0] + PLANE_B * X[:, 1])
    assert X.min() >= -1.0 and X.max() <= 1.0


def test_sine_without_noise_is_the_sine_on_minus_pi_to_pi():
    X, y = sine(300, 0.0, 1)
    np.testing.assert_allclose(y[:, 0], np.sin(X[:, 0]))
    assert X.min() >= -math.pi and X.max() <= math.pi
    _, noisy = sine(3000, 0.2, 1)
    Xn, _ = sine(3000, 0.2, 1)
    assert 0.15 < np.std(noisy[:, 0] - np.sin(Xn[:, 0])) < 0.25


@pytest.mark.parametrize("name", ["circle", "xor", "gaussians", "spiral", "moons", "plane", "sine"])
def test_load_dataset_uses_n_noise_and_names(name):
    ds = load_dataset(f"builtin:{name}", n=50, noise=0.0, test_fraction=0.2)
    assert ds.n_train + ds.n_test == 50
    assert ds.name == name and ds.source == f"builtin:{name}"
    if ds.task == "classification":
        assert ds.class_names == ["0", "1"] and ds.feature_names == ["x1", "x2"]
    else:
        assert ds.target_names == ["y"] and ds.feature_names == (["x"] if name == "sine" else ["x1", "x2"])
    default = load_dataset(f"builtin:{name}")
    assert 200 <= default.n_train + default.n_test <= 400


@pytest.mark.parametrize("n", [0, 3, -5, 2.5, True, 10**7])
def test_bad_n_is_refused(n):
    with pytest.raises(DatasetError, match="builtin:spiral.*n must"):
        load_dataset("builtin:spiral", n=n)


def test_bad_noise_is_refused():
    for noise in (-1.0, float("inf"), float("nan"), "0.1"):
        with pytest.raises(DatasetError, match="noise"):
            load_dataset("builtin:moons", noise=noise)


# --- bundled files ------------------------------------------------------------------------------
def test_iris_has_150_rows_4_features_and_50_of_each_species():
    ds = load_dataset("builtin:iris", standardize=False)
    assert ds.n_train + ds.n_test == 150 and ds.n_features == 4
    assert ds.class_names == ["setosa", "versicolor", "virginica"]
    assert np.bincount(ds.y_all()).tolist() == [50, 50, 50]
    assert np.bincount(ds.y_test).tolist() == [10, 10, 10]
    assert ds.feature_names == ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    X = ds.X_all()
    assert X.min() > 0 and X.max() < 10     # centimetres
    assert ds.image_shape is None


def test_digits_has_1797_images_of_8x8_pixels_0_to_16():
    ds = load_dataset("builtin:digits", standardize=False, test_fraction=0)
    assert ds.X_train.shape == (1797, 64) and ds.image_shape == (8, 8)
    assert ds.class_names == [str(k) for k in range(10)]
    counts = np.bincount(ds.y_train, minlength=10)
    assert counts.sum() == 1797 and counts.min() >= 170
    assert ds.X_train.min() == 0 and ds.X_train.max() == 16
    np.testing.assert_array_equal(ds.X_train, np.round(ds.X_train))
    assert ds.feature_names[:2] == ["p0", "p1"] and ds.feature_names[-1] == "p63"


def test_bundled_files_and_their_readme_are_where_the_loader_looks():
    for name in ("iris.csv", "digits.csv", "README.md"):
        assert (RESOURCES / name).is_file(), name
    readme = (RESOURCES / "README.md").read_text()
    for word in ("UCI", "scikit-learn", "BSD", "CC BY 4.0", "iris.csv", "digits.csv"):
        assert word in readme, word


def test_get_builtin_rejects_unknown_names():
    with pytest.raises(DatasetError, match="builtin:nope.*circle"):
        builtin.get_builtin("nope")
