"""IDX files (MNIST's format): every header the format allows, every way a file can be wrong,
the folder of four files with its own split, and one images file with its labels.

Every file is written here from known arrays, so each test compares what was read with what was
written; each error test checks that the message is one line naming the file.
"""
from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from backpropviz.cli import main
from backpropviz.data import DatasetError, load_dataset
from backpropviz.data.idx import (FASHION_CLASSES, STANDARD_FILES, looks_like_idx, read_idx,
                                  read_idx_set)

TYPE_BYTES = {"u1": 0x08, "i1": 0x09, ">i2": 0x0B, ">i4": 0x0C, ">f4": 0x0D, ">f8": 0x0E}
FASHION = Path("/usr/share/datasets/fashion-mnist")
needs_fashion = pytest.mark.skipif(
    not (FASHION / "train-images-idx3-ubyte.gz").exists(),
    reason="Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist; make test "
           "installs it when run as root)")


def idx_bytes(a: np.ndarray, dtype: str = "u1") -> bytes:
    """The IDX encoding of ``a``: magic, big-endian dimensions, big-endian values."""
    a = np.asarray(a)
    head = bytes([0, 0, TYPE_BYTES[dtype], a.ndim])
    head += b"".join(int(n).to_bytes(4, "big") for n in a.shape)
    return head + a.astype(dtype).tobytes()


def write_idx(path: Path, a: np.ndarray, dtype: str = "u1", *, raw: bytes | None = None) -> Path:
    data = idx_bytes(a, dtype) if raw is None else raw
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    return path


def images(n: int, rows: int = 4, cols: int = 3, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (n, rows, cols), dtype=np.uint8)


def labels(n: int, k: int = 3) -> np.ndarray:
    return (np.arange(n) % k).astype(np.uint8)


def mnist_folder(folder: Path, n_train: int = 12, n_test: int = 6, gz: bool = True,
                 rows: int = 4, cols: int = 3) -> dict[str, np.ndarray]:
    """The four standard files in ``folder``; returns what was written."""
    folder.mkdir(parents=True, exist_ok=True)
    ext = ".gz" if gz else ""
    arrays = {STANDARD_FILES[0]: images(n_train, rows, cols, 1), STANDARD_FILES[1]: labels(n_train),
              STANDARD_FILES[2]: images(n_test, rows, cols, 2),
              STANDARD_FILES[3]: labels(n_test)[::-1].copy()}
    for stem, a in arrays.items():
        write_idx(folder / (stem + ext), a)
    return arrays


def error_of(path: Path, **kwargs) -> str:
    with pytest.raises(DatasetError) as e:
        load_dataset(path, **kwargs)
    message = str(e.value)
    assert "\n" not in message, "a DatasetError message must be one line"
    return message


# --- the format ---------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", list(TYPE_BYTES))
@pytest.mark.parametrize("shape", [(7,), (5, 3), (4, 3, 2), (2, 3, 2, 2)])
def test_every_type_and_rank_reads_back_what_was_written(tmp_path, dtype, shape):
    a = np.random.default_rng(3).integers(-100, 100, shape).astype(dtype)
    if dtype == "u1":
        a = np.abs(a).astype(dtype)
    got = read_idx(write_idx(tmp_path / "a.idx", a, dtype))
    assert got.shape == shape and got.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(got, a)


def test_gzipped_and_plain_files_read_the_same(tmp_path):
    a = images(9)
    plain = read_idx(write_idx(tmp_path / "x-images-idx3-ubyte", a))
    packed = read_idx(write_idx(tmp_path / "x-images-idx3-ubyte.gz", a))
    np.testing.assert_array_equal(plain, a)
    np.testing.assert_array_equal(packed, a)


def test_an_idx_file_is_recognised_by_its_name_or_its_magic(tmp_path):
    a = images(2)
    assert looks_like_idx(write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", a))
    assert looks_like_idx(write_idx(tmp_path / "oddly-named.bin", a))
    assert looks_like_idx(write_idx(tmp_path / "oddly-named.gz", a))
    assert looks_like_idx(tmp_path)                              # a folder
    (tmp_path / "table.csv").write_text("a,b\n1,2\n")
    assert not looks_like_idx(tmp_path / "table.csv")


# --- errors -------------------------------------------------------------------------------------
def test_wrong_magic_number(tmp_path):
    raw = bytearray(idx_bytes(images(3)))
    raw[0:4] = b"\x00\x01\x08\x03"
    path = write_idx(tmp_path / "train-images-idx3-ubyte", None, raw=bytes(raw))
    (tmp_path / "train-labels-idx1-ubyte").write_bytes(idx_bytes(labels(3)))
    msg = error_of(path)
    assert "train-images-idx3-ubyte" in msg and "magic number 0x00010803" in msg


@pytest.mark.parametrize("type_byte", [0x07, 0x0A, 0xFF])
def test_unknown_type_byte_is_a_wrong_magic_number(tmp_path, type_byte):
    raw = bytearray(idx_bytes(images(3)))
    raw[2] = type_byte
    path = write_idx(tmp_path / "a-images-idx3-ubyte", None, raw=bytes(raw))
    with pytest.raises(DatasetError, match="wrong magic number"):
        read_idx(path)


@pytest.mark.parametrize("cut, what", [(2, "truncated"), (9, "truncated inside its header"),
                                       (1, "only 35 bytes follow")])
def test_truncated_files(tmp_path, cut, what):
    raw = idx_bytes(images(3))        # 16 header + 36 pixel bytes
    keep = {2: 2, 9: 9, 1: len(raw) - 1}[cut]
    for name in ("cut-images-idx3-ubyte", "cut-images-idx3-ubyte.gz"):
        path = write_idx(tmp_path / name, None, raw=raw[:keep])
        with pytest.raises(DatasetError, match=what) as e:
            read_idx(path)
        assert name in str(e.value) and "\n" not in str(e.value)


def test_truncated_gzip_stream(tmp_path):
    path = tmp_path / "train-images-idx3-ubyte.gz"
    path.write_bytes(gzip.compress(idx_bytes(images(50)))[:-30])
    with pytest.raises(DatasetError, match="gzip data is truncated") as e:
        read_idx(path)
    assert path.name in str(e.value)


def test_bytes_beyond_what_the_header_describes(tmp_path):
    path = write_idx(tmp_path / "a-images-idx3-ubyte", None, raw=idx_bytes(images(3)) + b"\0\0")
    with pytest.raises(DatasetError, match="2 bytes more than its header"):
        read_idx(path)


def test_images_and_labels_of_different_counts(tmp_path):
    path = write_idx(tmp_path / "x-images-idx3-ubyte.gz", images(5))
    write_idx(tmp_path / "x-labels-idx1-ubyte.gz", labels(4))
    msg = error_of(path)
    assert "x-images-idx3-ubyte.gz" in msg and "5 images" in msg and "4 labels" in msg


def test_folder_with_test_counts_that_differ(tmp_path):
    mnist_folder(tmp_path)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", labels(5))
    msg = error_of(tmp_path)
    assert "t10k-images-idx3-ubyte.gz" in msg and "6 images" in msg and "5 labels" in msg


def test_label_file_where_images_are_expected(tmp_path):
    write_idx(tmp_path / "x-labels-idx1-ubyte", labels(4))
    msg = error_of(tmp_path / "x-labels-idx1-ubyte")
    assert "x-labels-idx1-ubyte" in msg and "holds labels" in msg and "not images" in msg


def test_images_file_where_labels_are_expected(tmp_path):
    path = write_idx(tmp_path / "a-images-idx3-ubyte", images(4))
    other = write_idx(tmp_path / "b-images-idx3-ubyte", images(4))
    msg = error_of(path, labels=other)
    assert "b-images-idx3-ubyte" in msg and "holds images, not labels" in msg


def test_images_of_another_type_than_bytes(tmp_path):
    path = write_idx(tmp_path / "a-images-idx3-ubyte", images(4), ">f4")
    write_idx(tmp_path / "a-labels-idx1-ubyte", labels(4))
    assert "must hold unsigned bytes" in error_of(path)


def test_folder_without_the_files(tmp_path):
    (tmp_path / "notes.txt").write_text("nothing here")
    msg = error_of(tmp_path)
    assert str(tmp_path) in msg and "folder without the IDX files" in msg


def test_folder_missing_one_file_names_it(tmp_path):
    mnist_folder(tmp_path)
    (tmp_path / "t10k-labels-idx1-ubyte.gz").unlink()
    msg = error_of(tmp_path)
    assert "lacks t10k-labels-idx1-ubyte" in msg and "train-labels" not in msg.split("needs")[0]


def test_images_file_without_labels_beside_it(tmp_path):
    path = write_idx(tmp_path / "train-images-idx3-ubyte.gz", images(4))
    msg = error_of(path)
    assert "train-images-idx3-ubyte.gz" in msg and "train-labels-idx1-ubyte" in msg
    assert "--labels" in msg


def test_labels_with_a_table_are_refused(tmp_path):
    (tmp_path / "t.csv").write_text("a,b\n1,0\n2,1\n3,0\n4,1\n")
    assert "labels file goes with IDX images only" in error_of(tmp_path / "t.csv", labels="x")


# --- data sets ----------------------------------------------------------------------------------
@pytest.mark.parametrize("gz", [True, False])
def test_folder_keeps_its_own_split_in_order(tmp_path, gz):
    written = mnist_folder(tmp_path / "digits", gz=gz)
    ds = load_dataset(tmp_path / "digits", standardize=False)
    assert (ds.n_train, ds.n_test) == (12, 6)
    assert ds.image_shape == (4, 3) and ds.n_features == 12
    assert ds.name == "digits" and ds.task == "classification"
    assert ds.class_names == ["0", "1", "2"]
    np.testing.assert_array_equal(ds.X_train, written[STANDARD_FILES[0]].reshape(12, 12) / 255.0)
    np.testing.assert_array_equal(ds.X_test, written[STANDARD_FILES[2]].reshape(6, 12) / 255.0)
    np.testing.assert_array_equal(ds.y_train, written[STANDARD_FILES[1]])
    np.testing.assert_array_equal(ds.y_test, written[STANDARD_FILES[3]])
    assert ds.X_train.dtype == np.float64 and ds.X_train.flags.c_contiguous
    assert ds.X_train.min() >= 0.0 and ds.X_train.max() <= 1.0


def test_folder_standardises_with_the_training_part_only(tmp_path):
    written = mnist_folder(tmp_path)
    ds = load_dataset(tmp_path)
    raw_train = written[STANDARD_FILES[0]].reshape(12, 12) / 255.0
    raw_test = written[STANDARD_FILES[2]].reshape(6, 12) / 255.0
    np.testing.assert_allclose(ds.mean, raw_train.mean(axis=0), rtol=1e-13)
    np.testing.assert_allclose(ds.std, raw_train.std(axis=0), rtol=1e-12)
    np.testing.assert_allclose(ds.X_train, (raw_train - ds.mean) / ds.std, atol=1e-12)
    np.testing.assert_allclose(ds.X_test, (raw_test - ds.mean) / ds.std, atol=1e-12)
    np.testing.assert_allclose(ds.to_raw(ds.X_test), raw_test, atol=1e-12)


def test_a_constant_pixel_gets_std_one(tmp_path):
    written = mnist_folder(tmp_path)
    train = written[STANDARD_FILES[0]]
    train[:, 0, 0] = 7
    write_idx(tmp_path / "train-images-idx3-ubyte.gz", train)
    ds = load_dataset(tmp_path)
    assert ds.std[0] == 1.0
    np.testing.assert_allclose(ds.X_train[:, 0], 0.0, atol=1e-15)


def test_folder_ignores_the_test_fraction_and_says_so_in_load_args(tmp_path):
    mnist_folder(tmp_path)
    a = load_dataset(tmp_path, test_fraction=0.5)
    b = load_dataset(tmp_path)
    assert (a.n_train, a.n_test) == (12, 6)
    np.testing.assert_array_equal(a.X_train, b.X_train)
    assert "test_fraction" not in a.load_args
    again = load_dataset(**a.load_args)
    np.testing.assert_array_equal(again.X_test, a.X_test)


def test_one_images_file_finds_its_labels_and_is_split(tmp_path):
    x = images(30)
    y = labels(30)
    path = write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", x)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte", y)          # the other compression: found too
    ds = load_dataset(path, test_fraction=0.2, standardize=False, seed=3)
    assert (ds.n_train, ds.n_test) == (24, 6)
    assert np.bincount(ds.y_test).tolist() == [2, 2, 2]          # stratified
    # every row is an image with its own label
    lookup = {x[i].tobytes(): int(y[i]) for i in range(30)}
    for X, Y in ((ds.X_train, ds.y_train), (ds.X_test, ds.y_test)):
        for row, label in zip(X, Y):
            assert lookup[np.round(row * 255).astype(np.uint8).tobytes()] == label
    assert ds.load_args["test_fraction"] == 0.2
    np.testing.assert_array_equal(load_dataset(**ds.load_args).X_test, ds.X_test)


def test_labels_given_by_path(tmp_path):
    path = write_idx(tmp_path / "pictures.idx3", images(10))
    write_idx(tmp_path / "answers.idx1", np.array([5, 7] * 5, dtype=np.uint8))
    ds = load_dataset(path, labels=tmp_path / "answers.idx1", test_fraction=0.0)
    assert ds.class_names == ["5", "7"] and ds.n_train == 10
    assert np.bincount(ds.y_train).tolist() == [5, 5]


def test_fashion_mnist_folder_gets_its_class_names(tmp_path):
    mnist_folder(tmp_path / "fashion-mnist")
    ds = load_dataset(tmp_path / "fashion-mnist")
    assert ds.class_names == list(FASHION_CLASSES[:3])


def test_read_idx_set_returns_the_bytes_without_copying_to_float(tmp_path):
    mnist_folder(tmp_path)
    s = read_idx_set(tmp_path)
    assert s.train_images.dtype == np.uint8 and s.test_images.shape == (6, 4, 3)
    assert s.image_shape == (4, 3) and len(s.files) == 4


# --- the command line ---------------------------------------------------------------------------
def test_train_on_a_folder_reports_the_given_split(tmp_path, capsys):
    import json
    mnist_folder(tmp_path, n_train=40, n_test=9)
    code = main(["train", "--data", str(tmp_path), "--layers", "4", "--epochs", "2",
                 "--test-fraction", "0.5", "--json"])
    out, err = capsys.readouterr()
    assert code == 0
    result = json.loads(out)
    assert result["test_samples"] == 9 and result["train_samples"] == 40
    assert result["train_seconds"] > 0
    assert "own train/test split" in err and "--test-fraction does not apply" in err


def test_train_without_test_fraction_prints_no_note(tmp_path, capsys):
    mnist_folder(tmp_path)
    assert main(["train", "--data", str(tmp_path), "--layers", "4", "--epochs", "1"]) == 0
    assert "does not apply" not in capsys.readouterr().err


def test_train_with_labels_option(tmp_path, capsys):
    path = write_idx(tmp_path / "pics.idx3", images(20))
    write_idx(tmp_path / "answers.idx1", labels(20))
    assert main(["train", "--data", str(path), "--labels", str(tmp_path / "answers.idx1"),
                 "--layers", "4", "--epochs", "1"]) == 0


def test_cli_error_is_one_line_exit_2(tmp_path, capsys):
    code = main(["train", "--data", str(tmp_path), "--epochs", "1"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "folder without the IDX files" in err


# --- the real thing -----------------------------------------------------------------------------
@needs_fashion
def test_fashion_mnist_as_debian_ships_it():
    ds = load_dataset(FASHION)
    assert (ds.n_train, ds.n_test, ds.n_features) == (60_000, 10_000, 784)
    assert ds.image_shape == (28, 28) and ds.class_names == list(FASHION_CLASSES)
    assert np.bincount(ds.y_train).tolist() == [6000] * 10
    assert np.bincount(ds.y_test).tolist() == [1000] * 10
    assert abs(float(ds.X_train[:1000].mean())) < 0.1


def test_reading_an_idx_file_as_a_table_says_what_it_is(tmp_path):
    from backpropviz.data import peek_table, read_table
    path = write_idx(tmp_path / "train-images-idx3-ubyte.gz", images(3))
    for read in (read_table, peek_table):
        with pytest.raises(DatasetError, match="holds IDX images"):
            read(path)
