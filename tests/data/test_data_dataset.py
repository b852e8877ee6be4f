"""load_dataset: task inference, class encoding, the stratified split, standardisation from the
training part only, target matrices, determinism and the option checks."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from backpropviz.data import Dataset, DatasetError, load_dataset


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    path.write_text("\n".join([",".join(header)] + [",".join(map(str, r)) for r in rows]) + "\n")
    return path


@pytest.fixture
def labelled(tmp_path) -> tuple[Path, np.ndarray, list[str]]:
    """A file whose first feature is a row id, so each split row can be traced to its label;
    classes of unequal size: 60 'ant', 30 'bee', 15 'cat'."""
    rng = np.random.default_rng(3)
    labels = ["ant"] * 60 + ["bee"] * 30 + ["cat"] * 15
    order = rng.permutation(len(labels))
    labels = [labels[i] for i in order]
    feats = np.round(rng.normal(5.0, 2.0, size=(len(labels), 2)), 5)
    rows = [[i, *feats[i].tolist(), lab] for i, lab in enumerate(labels)]
    path = write_csv(tmp_path / "bugs.csv", ["id", "f1", "f2", "kind"], rows)
    return path, feats, labels


# --- task and classes ---------------------------------------------------------------------------
def test_string_labels_become_sorted_classes_and_each_row_keeps_its_label(labelled):
    path, _, labels = labelled
    ds = load_dataset(path, standardize=False)
    assert ds.task == "classification"
    assert ds.class_names == sorted(set(labels)) and ds.n_classes == 3
    for X, y in [(ds.X_train, ds.y_train), (ds.X_test, ds.y_test)]:
        assert y.dtype == np.int64 and y.ndim == 1
        for row_id, cls in zip(X[:, 0].astype(int), y):
            assert ds.class_names[cls] == labels[row_id]
    assert ds.feature_names == ["id", "f1", "f2"] and ds.target_names == ["kind"]
    assert ds.name == "bugs.csv" and ds.source == str(path)


def test_integer_labels_are_classes_sorted_numerically(tmp_path):
    values = [10, 2, 1, 2, 10, 1, 2, 10, 1, 2]
    path = write_csv(tmp_path / "ints.csv", ["a", "y"], [[i, v] for i, v in enumerate(values)])
    ds = load_dataset(path, standardize=False, test_fraction=0)
    assert ds.task == "classification"
    assert ds.class_names == [str(v) for v in sorted(set(values))]
    decoded = [int(ds.class_names[c]) for c in ds.y_train]
    assert decoded == [values[int(i)] for i in ds.X_train[:, 0]]


def test_non_integer_float_target_is_regression(tmp_path):
    rng = np.random.default_rng(0)
    t = np.round(rng.normal(size=30), 6)
    path = write_csv(tmp_path / "reg.csv", ["a", "b", "price"],
                     [[i, 2.0 * i, v] for i, v in enumerate(t)])
    ds = load_dataset(path, standardize=False)
    assert ds.task == "regression" and ds.class_names is None and ds.n_classes == 0
    assert ds.y_train.dtype == np.float64 and ds.y_train.shape == (ds.n_train, 1)
    assert ds.target_names == ["price"]
    np.testing.assert_array_equal(ds.y_train[:, 0], t[ds.X_train[:, 0].astype(int)])


def test_integer_valued_float_target_is_classification(tmp_path):
    path = write_csv(tmp_path / "f.csv", ["a", "y"], [[i, f"{i % 2}.0"] for i in range(10)])
    ds = load_dataset(path)
    assert ds.task == "classification" and ds.class_names == ["0", "1"]


def test_task_classification_turns_distinct_floats_into_classes(tmp_path):
    values = [0.5, 1.5, 0.25] * 4
    path = write_csv(tmp_path / "f.csv", ["a", "y"], [[i, v] for i, v in enumerate(values)])
    ds = load_dataset(path, task="classification", test_fraction=0, standardize=False)
    assert ds.class_names == [repr(v) for v in sorted(set(values))]
    assert [float(ds.class_names[c]) for c in ds.y_train] == [values[int(i)] for i in ds.X_train[:, 0]]


def test_task_regression_on_integer_labels_gives_float_targets(tmp_path):
    path = write_csv(tmp_path / "i.csv", ["a", "y"], [[i, i % 3] for i in range(12)])
    ds = load_dataset(path, task="regression", test_fraction=0, standardize=False)
    assert ds.task == "regression" and ds.y_train.dtype == np.float64
    np.testing.assert_array_equal(ds.y_train[:, 0], ds.X_train[:, 0] % 3)


def test_many_distinct_integers_are_taken_as_regression_in_auto(tmp_path):
    path = write_csv(tmp_path / "ages.csv", ["a", "age"], [[i, 20 + i] for i in range(80)])
    assert load_dataset(path).task == "regression"
    assert load_dataset(path, task="classification").n_classes == 80


@pytest.mark.parametrize("distinct, task", [(50, "classification"), (51, "regression")])
def test_auto_takes_up_to_fifty_distinct_integers_as_classes(tmp_path, distinct, task):
    # the documented boundary, pinned on both sides: 50 distinct integer labels are classes,
    # 51 are a quantity to regress
    rows = [[i * 0.5, (i % distinct) * 3 - 40] for i in range(2 * distinct)]
    ds = load_dataset(write_csv(tmp_path / "labels.csv", ["x", "label"], rows))
    assert ds.task == task
    assert ds.n_classes == (distinct if task == "classification" else 0)


def test_task_regression_on_text_labels_is_refused(labelled):
    path, _, _ = labelled
    with pytest.raises(DatasetError, match="bugs.csv.*'kind'.*regression"):
        load_dataset(path, task="regression")


def test_single_class_target_is_refused_naming_file_and_column(tmp_path):
    path = write_csv(tmp_path / "same.csv", ["a", "label"], [[i, "yes"] for i in range(5)])
    with pytest.raises(DatasetError) as e:
        load_dataset(path)
    message = str(e.value)
    assert "same.csv" in message and "'label'" in message and "'yes'" in message


def test_npz_with_two_target_columns_is_multi_output_regression(tmp_path):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(20, 3))
    y = np.column_stack([X.sum(1), X[:, 0] * 2])
    path = tmp_path / "multi.npz"
    np.savez(path, X=X, y=y)
    ds = load_dataset(path, test_fraction=0, standardize=False)
    assert ds.task == "regression" and ds.y_train.shape == (20, 2)
    assert ds.target_names == ["y1", "y2"] and ds.n_targets == 2
    order = [int(np.flatnonzero((X == row).all(1))[0]) for row in ds.X_train]
    np.testing.assert_array_equal(ds.y_train, y[order])
    with pytest.raises(DatasetError, match="2 target columns"):
        load_dataset(path, task="classification")


# --- split --------------------------------------------------------------------------------------
@pytest.mark.parametrize("fraction", [0.1, 0.2, 0.5])
def test_split_is_stratified_and_partitions_the_rows(labelled, fraction):
    path, _, labels = labelled
    ds = load_dataset(path, test_fraction=fraction, seed=4, standardize=False)
    train_ids, test_ids = ds.X_train[:, 0].astype(int), ds.X_test[:, 0].astype(int)
    assert set(train_ids).isdisjoint(test_ids)
    assert sorted(np.concatenate([train_ids, test_ids])) == list(range(len(labels)))
    for c, name in enumerate(ds.class_names):
        count = labels.count(name)
        in_test = int(np.sum(ds.y_test == c))
        assert abs(in_test - fraction * count) <= 0.5 + 1e-9
        assert int(np.sum(ds.y_train == c)) == count - in_test


def test_split_mixes_the_classes_in_the_training_order(labelled):
    path, _, _ = labelled
    ds = load_dataset(path)
    changes = np.count_nonzero(np.diff(ds.y_train))
    assert changes > ds.n_classes * 3, "training rows look grouped by class"
    ids = load_dataset(path, standardize=False).X_train[:, 0]
    assert np.any(np.diff(ids) < 0), "training rows keep the file's order"


def test_regression_split_uses_the_fraction(tmp_path):
    path = write_csv(tmp_path / "r.csv", ["a", "t"], [[i, i * 0.37] for i in range(101)])
    ds = load_dataset(path, test_fraction=0.3, standardize=False)
    assert ds.n_test == round(0.3 * 101) and ds.n_train == 101 - ds.n_test
    assert set(ds.X_train[:, 0]).isdisjoint(ds.X_test[:, 0])


def test_test_fraction_zero_gives_empty_test_arrays(labelled):
    path, _, labels = labelled
    ds = load_dataset(path, test_fraction=0)
    assert ds.X_test.shape == (0, 3) and ds.y_test.shape == (0,)
    assert ds.n_train == len(labels)
    reg = load_dataset("builtin:sine", test_fraction=0)
    assert reg.X_test.shape == (0, 1) and reg.y_test.shape == (0, 1)
    assert reg.target_matrix("test", 1).shape == (0, 1)


def test_a_class_with_one_row_stays_in_training(tmp_path):
    rows = [[i, "a"] for i in range(10)] + [[10, "b"]]
    ds = load_dataset(write_csv(tmp_path / "rare.csv", ["x", "k"], rows), test_fraction=0.5)
    assert 1 in ds.y_train and 1 not in ds.y_test


@pytest.mark.parametrize("fraction", [1.0, -0.1, 1.5, float("nan"), "0.2", True])
def test_bad_test_fraction_is_refused(fraction):
    with pytest.raises(DatasetError, match="test_fraction"):
        load_dataset("builtin:circle", test_fraction=fraction)


# --- standardisation --------------------------------------------------------------------------
def test_standardisation_uses_training_statistics_only(labelled):
    path, _, _ = labelled
    raw = load_dataset(path, standardize=False, seed=5)
    std = load_dataset(path, standardize=True, seed=5)
    mean, sd = raw.X_train.mean(axis=0), raw.X_train.std(axis=0)
    np.testing.assert_allclose(std.mean, mean)
    np.testing.assert_allclose(std.std, sd)
    np.testing.assert_allclose(std.X_train.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(std.X_train.std(axis=0), 1.0)
    np.testing.assert_allclose(std.X_test, (raw.X_test - mean) / sd)
    # the test part is not standardised on its own statistics
    assert not np.allclose(std.X_test.mean(axis=0), 0.0, atol=1e-3)
    np.testing.assert_array_equal(std.y_train, raw.y_train)
    assert raw.mean is None and raw.std is None and raw.normalization_dict() is None


def test_constant_column_gets_std_one(tmp_path):
    rows = [[0.1, i * 1.5, i % 2] for i in range(20)]
    ds = load_dataset(write_csv(tmp_path / "flat.csv", ["c", "v", "y"], rows))
    assert ds.std[0] == 1.0
    assert np.all(np.isfinite(ds.X_train)) and np.allclose(ds.X_train[:, 0], 0.0)


def test_to_raw_and_transform_undo_each_other(labelled):
    path, _, _ = labelled
    raw = load_dataset(path, standardize=False, seed=2)
    ds = load_dataset(path, seed=2)
    np.testing.assert_allclose(ds.to_raw(ds.X_train), raw.X_train)
    np.testing.assert_allclose(ds.transform(raw.X_test), ds.X_test)
    norm = ds.normalization_dict()
    assert norm == {"mean": ds.mean.tolist(), "std": ds.std.tolist()}
    assert all(isinstance(v, float) for v in norm["mean"] + norm["std"])


def test_arrays_are_float64_c_contiguous(labelled):
    path, _, _ = labelled
    ds = load_dataset(path)
    for a in (ds.X_train, ds.X_test):
        assert a.dtype == np.float64 and a.flags.c_contiguous and a.ndim == 2
    assert ds.n_features == 3 and ds.n_train + ds.n_test == 105


# --- determinism --------------------------------------------------------------------------------
@pytest.mark.parametrize("spec", ["builtin:spiral", "builtin:plane", "builtin:iris"])
def test_same_seed_gives_bit_identical_data(spec):
    a, b = load_dataset(spec, seed=11), load_dataset(spec, seed=11)
    for name in ("X_train", "X_test", "y_train", "y_test", "mean", "std"):
        assert getattr(a, name).tobytes() == getattr(b, name).tobytes(), name


@pytest.mark.parametrize("spec", ["builtin:spiral", "builtin:iris"])
def test_different_seed_gives_a_different_split(spec):
    a, b = load_dataset(spec, seed=1), load_dataset(spec, seed=2)
    assert not np.array_equal(a.X_train, b.X_train)


def test_load_args_rebuild_the_same_dataset():
    ds = load_dataset("builtin:moons", n=120, noise=0.2, seed=9, test_fraction=0.25)
    again = load_dataset(**ds.load_args)
    assert again.X_train.tobytes() == ds.X_train.tobytes()
    assert again.y_test.tobytes() == ds.y_test.tobytes()


# --- target matrices ----------------------------------------------------------------------------
def test_binary_target_as_one_sigmoid_column():
    ds = load_dataset("builtin:xor")
    t = ds.target_matrix("train", 1)
    assert t.shape == (ds.n_train, 1) and t.dtype == np.float64 and t.flags.c_contiguous
    np.testing.assert_array_equal(t[:, 0], ds.y_train)


@pytest.mark.parametrize("which", ["train", "test"])
def test_one_hot_targets(which):
    ds = load_dataset("builtin:iris")
    t = ds.target_matrix(which, 3)
    y = ds.y_train if which == "train" else ds.y_test
    assert t.shape == (len(y), 3) and t.flags.c_contiguous
    np.testing.assert_array_equal(t.sum(axis=1), 1.0)
    np.testing.assert_array_equal(np.argmax(t, axis=1), y)
    assert set(np.unique(t)) == {0.0, 1.0}


def test_binary_target_one_hot_with_two_outputs():
    ds = load_dataset("builtin:circle")
    np.testing.assert_array_equal(ds.target_matrix("test", 2).argmax(axis=1), ds.y_test)


def test_regression_target_matrix_is_y_and_a_copy():
    ds = load_dataset("builtin:plane")
    t = ds.target_matrix("train", 1)
    np.testing.assert_array_equal(t, ds.y_train)
    t[:] = 0
    assert np.any(ds.y_train != 0)


@pytest.mark.parametrize("spec, outputs", [("builtin:iris", 1), ("builtin:iris", 2),
                                           ("builtin:circle", 3), ("builtin:plane", 2)])
def test_target_matrix_with_the_wrong_output_count_is_refused(spec, outputs):
    ds = load_dataset(spec)
    with pytest.raises(DatasetError, match=f"{outputs} outputs"):
        ds.target_matrix("train", outputs)


def test_target_matrix_which_must_be_train_or_test():
    with pytest.raises(DatasetError, match="'train' or 'test'"):
        load_dataset("builtin:iris").target_matrix("validation", 3)


# --- images -------------------------------------------------------------------------------------
@pytest.mark.parametrize("d, shape", [(64, (8, 8)), (784, (28, 28)), (10, None)])
def test_image_shape_follows_the_feature_count(tmp_path, d, shape):
    rng = np.random.default_rng(0)
    path = tmp_path / "img.npz"
    np.savez(path, X=rng.random((6, d)), y=np.arange(6) % 2)
    assert load_dataset(path).image_shape == shape


# --- option checks ------------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs, fragment", [
    (dict(task="clustering"), "task"),
    (dict(seed=-1), "seed"),
    (dict(seed=1.5), "seed"),
    (dict(target="x"), "target"),
    (dict(task="regression"), "classification"),
    (dict(n=2), "n must"),
    (dict(noise=-0.1), "noise"),
])
def test_bad_options_for_a_generator(kwargs, fragment):
    with pytest.raises(DatasetError, match=fragment):
        load_dataset("builtin:circle", **kwargs)


def test_n_and_noise_are_refused_for_files_and_bundled_sets(labelled):
    path, _, _ = labelled
    with pytest.raises(DatasetError, match="bugs.csv.*n and noise"):
        load_dataset(path, n=10)
    with pytest.raises(DatasetError, match="builtin:iris.*n and noise"):
        load_dataset("builtin:iris", noise=0.1)


def test_unknown_builtin_lists_the_known_ones():
    with pytest.raises(DatasetError) as e:
        load_dataset("builtin:mnist")
    message = str(e.value)
    assert "mnist" in message
    assert all(name in message for name in ["circle", "spiral", "iris", "digits"])


def test_path_objects_and_strings_load_alike(labelled):
    path, _, _ = labelled
    a, b = load_dataset(path), load_dataset(str(path))
    assert isinstance(a, Dataset) and a.X_train.tobytes() == b.X_train.tobytes()


def test_bundled_set_with_another_target_makes_the_label_a_feature():
    with pytest.raises(DatasetError, match="iris.csv.*'species'.*'setosa'.*not a number"):
        load_dataset("builtin:iris", target="petal_width", task="regression")
