"""Odd files as users make them: each gets one clear line, never a traceback nor a silent misread.

Archives whose members are not arrays, arrays too big for the memory left (declared in a few
bytes of header), headers made of numbers, labels beyond int64, ambiguous column names, data
piped in, and the promise that opening the data layer does not import pandas.
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import numpy as np
import pytest
from numpy.lib import format as npy_format

from backpropviz.cli import main
from backpropviz.data import DatasetError, load_dataset, memory, peek_table, read_table


def one_line_error(call, *args, **kwargs) -> str:
    with pytest.raises(DatasetError) as e:
        call(*args, **kwargs)
    message = str(e.value)
    assert "\n" not in message
    return message


def cli(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    _, err = capsys.readouterr()
    return code, err


def npy_header(shape: tuple[int, ...], dtype: str = "<f8") -> bytes:
    """The bytes of a .npy header declaring ``shape`` (no data follows it)."""
    buf = io.BytesIO()
    npy_format.write_array_header_1_0(buf, {"descr": dtype, "fortran_order": False,
                                            "shape": shape})
    return buf.getvalue()


# --- .npz members that are not .npy files ------------------------------------------------------
@pytest.fixture
def text_npz(tmp_path) -> Path:
    path = tmp_path / "text.npz"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("X.npy", "1,2\n3,4\n")
        z.writestr("y.npy", "0\n1\n")
    return path


def test_npz_member_holding_text_is_named_when_loading_and_previewing(text_npz):
    for call in (read_table, peek_table):     # peek_table: what the Open data dialog shows
        message = one_line_error(call, text_npz)
        assert "text.npz" in message and "'X'" in message and "not a NumPy array" in message


def test_npz_member_holding_text_is_one_line_on_the_command_line(capsys, text_npz):
    code, err = cli(capsys, "train", "--data", str(text_npz), "--epochs", "1")
    assert code == 2
    assert err.count("\n") == 1 and "text.npz" in err and "not a NumPy array" in err


# --- memory --------------------------------------------------------------------------------------
def test_a_table_too_big_for_the_memory_left_is_refused_saying_how_much_it_needs(
        tmp_path, monkeypatch):
    path = tmp_path / "wide.csv"
    path.write_text("a,b,c\n" + "".join(f"{i},{i * 2},{i % 2}\n" for i in range(2000)))
    assert load_dataset(path).n_train == 1600
    monkeypatch.setattr(memory, "available_bytes", lambda: 100_000)
    message = one_line_error(load_dataset, path)
    assert "wide.csv" in message and "KB of memory" in message and "100 KB is free" in message


@pytest.mark.parametrize("kind", ["npy", "npz"])
def test_numpy_files_are_checked_against_the_memory_left_before_loading(tmp_path, monkeypatch,
                                                                         kind):
    path = tmp_path / f"a.{kind}"
    X = np.arange(3000.0).reshape(1000, 3)
    if kind == "npy":
        np.save(path, X)
    else:
        np.savez(path, X=X, y=np.arange(1000) % 2)
    monkeypatch.setattr(memory, "available_bytes", lambda: 10_000)
    message = one_line_error(read_table, path)
    assert path.name in message and "KB of memory" in message and "10 KB is free" in message


def test_a_huge_array_declared_in_a_small_npz_is_refused_before_loading(tmp_path):
    # 10 million x 100,000 float64 is 8 TB; the archive holds only the headers
    path = tmp_path / "bomb.npz"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("X.npy", npy_header((10_000_000, 100_000)))
        z.writestr("y.npy", npy_header((10_000_000,), "<i8"))
    message = one_line_error(read_table, path)
    assert "bomb.npz" in message and "TB of memory" in message


def test_a_huge_array_declared_in_a_small_npy_is_refused_before_loading(tmp_path):
    path = tmp_path / "bomb.npy"
    path.write_bytes(npy_header((10_000_000, 100_000)))
    assert "TB of memory" in one_line_error(read_table, path)


def test_a_compressed_array_is_loaded_and_split_holding_about_twice_its_size(tmp_path):
    # 250,000 x 32 zeros: 64 MB of float64 in a file of a few hundred KB
    n, d = 250_000, 32
    path = tmp_path / "zeros.npz"
    np.savez_compressed(path, X=np.zeros((n, d)), y=np.arange(n) % 2)
    assert path.stat().st_size < 1_000_000
    size = n * d * 8
    peaks = []
    for call in (read_table, load_dataset):
        tracemalloc.start()
        try:
            result = call(path)
            peaks.append(tracemalloc.get_traced_memory()[1] / size)
        finally:
            tracemalloc.stop()
        del result
    assert peaks[0] < 1.3, f"reading and checking held {peaks[0]:.2f} times the array"
    assert peaks[1] < 2.3, f"loading, splitting and standardising held {peaks[1]:.2f} times"


# --- headers and labels ------------------------------------------------------------------------
def test_a_header_of_numbers_as_pandas_writes_unnamed_columns_is_a_header(tmp_path):
    path = tmp_path / "unnamed.csv"
    path.write_text("0,1,label\n" + "".join(f"{i * 0.5},{i % 3},{'ab'[i % 2]}\n"
                                            for i in range(20)))
    X, y, info = read_table(path)
    assert info.has_header and info.column_names == ["0", "1", "label"]
    assert X.shape == (20, 2) and sorted(set(y.tolist())) == ["a", "b"]
    assert load_dataset(path).class_names == ["a", "b"]        # no class called 'label'
    assert peek_table(path).has_header


def test_with_the_index_column_pandas_writes_too(tmp_path):
    path = tmp_path / "indexed.csv"
    path.write_text(",0,1,label\n" + "".join(f"{i},{i * 0.5},{i % 3},{'ab'[i % 2]}\n"
                                             for i in range(20)))
    _, y, info = read_table(path)
    assert info.has_header and "label" not in y.tolist()


def test_a_first_row_of_numbers_and_a_label_seen_below_is_data(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("0,1,yes\n1,0,no\n1,1,yes\n0,0,no\n")
    X, y, info = read_table(path)
    assert not info.has_header and X.shape == (4, 2) and y.tolist() == ["yes", "no", "yes", "no"]


@pytest.mark.parametrize("labels", [
    [2**63, 2**63 + 1, 1],                            # pandas reads these as uint64
    [10**22, 10**22 + 1, 1],                          # and these as Python ints (object)
    [-(2**63) - 1, 2**64 - 1, 1],                     # and these as text
])
def test_integer_labels_beyond_int64_stay_exact_as_text(tmp_path, labels):
    path = tmp_path / "big.csv"
    path.write_text("x,id\n" + "".join(f"{i}.5,{labels[i % 3]}\n" for i in range(9)))
    _, y, _ = read_table(path)
    assert y.tolist() == [str(labels[i % 3]) for i in range(9)]
    ds = load_dataset(path)
    assert sorted(ds.class_names) == sorted(str(v) for v in labels)


def test_uint64_labels_beyond_int64_in_numpy_files_stay_exact(tmp_path):
    labels = np.array([2**63, 2**63 + 1, 3] * 4, dtype=np.uint64)
    np.savez(tmp_path / "big.npz", X=np.arange(12.0).reshape(12, 1), y=labels)
    _, y, _ = read_table(tmp_path / "big.npz")
    assert y.tolist() == [str(v) for v in labels.tolist()]


def test_a_target_name_that_several_columns_share_is_refused_naming_them(tmp_path, capsys):
    path = tmp_path / "dup.csv"
    path.write_text("a,b,a\n" + "".join(f"{i},{i * 2},{i % 2}\n" for i in range(10)))
    message = one_line_error(read_table, path, target="a")
    assert "#1 and #3" in message and "'a'" in message
    code, err = cli(capsys, "train", "--data", str(path), "--target", "a", "--epochs", "1")
    assert code == 2 and "#1 and #3" in err
    assert read_table(path, target="b")[2].feature_names == ["a", "a"]   # unambiguous: fine


# --- pipes ---------------------------------------------------------------------------------------
def table_text(rows: int = 1200) -> str:
    """A table of ``rows`` rows, over 4 KB, whose header and first rows a sniff could eat."""
    return "alpha,beta,label\n" + "".join(f"{i * 0.25:.2f},{i % 7},{'xy'[i % 2]}\n"
                                          for i in range(rows))


@pytest.mark.parametrize("spec", ["-", "/dev/stdin"])
def test_data_piped_in_is_read_once_and_whole(spec):
    text = table_text()
    assert len(text) > 8192
    code = ("import sys; from backpropviz.data import load_dataset, peek_table; "
            f"info = peek_table({spec!r}); ds = load_dataset({spec!r}); "
            "print(info.column_names, ds.n_train + ds.n_test, ds.feature_names, ds.class_names)")
    out = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "['alpha', 'beta', 'label'] 1200 ['alpha', 'beta'] ['x', 'y']"


def test_the_command_line_trains_on_data_from_a_pipe():
    p = subprocess.run([sys.executable, "-m", "backpropviz", "train", "--data", "-",
                        "--epochs", "1", "--json"], input=table_text(), capture_output=True,
                       text=True)
    assert p.returncode == 0, p.stderr
    res = json.loads(p.stdout)
    # 1200 rows, batch 32 by default: 30 steps over the 960 training rows; two inputs
    assert res["architecture"].startswith("2-") and res["steps"] == 30


# --- starting fast -------------------------------------------------------------------------------
def test_the_data_layer_imports_pandas_only_when_a_file_needs_it(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(table_text(20))
    code = ("import sys, backpropviz.data as d; a = 'pandas' in sys.modules; "
            "d.load_dataset('builtin:circle'); d.load_dataset('builtin:xor'); "
            "b = 'pandas' in sys.modules; "
            f"d.peek_table({str(path)!r}); c = 'pandas' in sys.modules; "
            f"d.load_dataset({str(path)!r}); print(a, b, c, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == ["False", "False", "False", "True"]
