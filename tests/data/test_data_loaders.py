"""read_table on good files of every kind, and on each kind of bad file.

Every file is written here from known values, so each test compares what was read with what
was written, and each error test checks that the one-line message names the file and, where it
applies, the line and column.
"""
from __future__ import annotations


from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backpropviz.data import (DatasetError, TableInfo, load_dataset, peek_table,
                              read_table)


def write_rows(path: Path, rows: list[list[object]], delimiter: str = ",", *,
               header: list[str] | None = None, newline: str = "\n", bom: bool = False) -> Path:
    lines = [] if header is None else [delimiter.join(header)]
    lines += [delimiter.join(str(v) for v in row) for row in rows]
    text = newline.join(lines) + newline
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


@pytest.fixture
def table() -> tuple[np.ndarray, np.ndarray]:
    """12 rows of 3 float features (as written, 6 significant digits) and int labels 0..2."""
    rng = np.random.default_rng(7)
    X = np.round(rng.normal(size=(12, 3)), 6)
    y = np.arange(12) % 3
    return X, y


def rows_of(X: np.ndarray, y) -> list[list[object]]:
    return [list(map(repr, x)) + [t] for x, t in zip(X.tolist(), list(y))]


def error_of(path: Path, **kwargs) -> str:
    with pytest.raises(DatasetError) as e:
        read_table(path, **kwargs)
    message = str(e.value)
    assert "\n" not in message, "a DatasetError message must be one line"
    assert path.name in message, f"message does not name the file: {message}"
    return message


# --- good input ---------------------------------------------------------------------------------
@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_delimited_file_with_header_reads_back_the_written_values(tmp_path, table, delimiter):
    X, y = table
    path = write_rows(tmp_path / "data.txt", rows_of(X, y), delimiter, header=["a", "b", "c", "label"])
    Xr, yr, info = read_table(path)
    np.testing.assert_array_equal(Xr, X)
    np.testing.assert_array_equal(yr, y)
    assert Xr.dtype == np.float64 and Xr.flags.c_contiguous and Xr.shape == (12, 3)
    assert yr.dtype == np.int64
    assert isinstance(info, TableInfo)
    assert info.delimiter == delimiter and info.has_header and info.kind == "csv"
    assert info.feature_names == ["a", "b", "c"] and info.target_name == "label"
    assert info.column_names == ["a", "b", "c", "label"] and info.target_index == 3
    assert info.column_types == ["number"] * 4 and info.n_rows == 12


def test_semicolons_with_decimal_commas(tmp_path, table):
    X, y = table
    rows = [[repr(v).replace(".", ",") for v in x] + [t] for x, t in zip(X.tolist(), y)]
    path = write_rows(tmp_path / "euro.csv", rows, ";", header=["a", "b", "c", "klasse"])
    Xr, yr, info = read_table(path)
    assert info.delimiter == ";" and info.decimal == "," and info.has_header
    np.testing.assert_array_equal(Xr, X)
    np.testing.assert_array_equal(yr, y)


def test_semicolons_with_decimal_points_keep_the_point(tmp_path, table):
    X, y = table
    _, _, info = read_table(write_rows(tmp_path / "semi.csv", rows_of(X, y), ";"))
    assert info.delimiter == ";" and info.decimal == "."


def test_file_without_header_names_columns_x1_to_xd_and_y(tmp_path, table):
    X, y = table
    path = write_rows(tmp_path / "plain.csv", rows_of(X, y))
    Xr, yr, info = read_table(path)
    np.testing.assert_array_equal(Xr, X)
    np.testing.assert_array_equal(yr, y)
    assert not info.has_header
    assert info.feature_names == ["x1", "x2", "x3"] and info.target_name == "y"


def test_headerless_file_whose_first_row_has_a_text_label_is_data(tmp_path):
    rows = [[1.5, 2.0, "cat"], [0.5, 1.0, "dog"], [2.5, 0.0, "cat"]]
    _, y, info = read_table(write_rows(tmp_path / "pets.csv", rows))
    assert not info.has_header
    assert y.tolist() == ["cat", "dog", "cat"]


def test_string_labels_come_back_as_stripped_str(tmp_path, table):
    X, _ = table
    labels = ["setosa", "virginica", "versicolor"] * 4
    path = tmp_path / "flowers.csv"
    lines = ["a, b, c, species"] + [", ".join(map(repr, x)) + ", " + s
                                     for x, s in zip(X.tolist(), labels)]
    path.write_text("\n".join(lines) + "\n")
    Xr, yr, info = read_table(path)
    np.testing.assert_array_equal(Xr, X)
    assert yr.dtype.kind == "U" and yr.tolist() == labels
    assert info.column_types == ["number", "number", "number", "text"]
    assert info.feature_names == ["a", "b", "c"]


def test_float_target_is_read_as_float(tmp_path, table):
    X, _ = table
    t = np.round(np.linspace(-1, 1, 12) * 3.3, 4)
    _, yr, _ = read_table(write_rows(tmp_path / "reg.csv", rows_of(X, t.tolist()),
                                     header=["a", "b", "c", "price"]))
    assert yr.dtype == np.float64
    np.testing.assert_array_equal(yr, t)


@pytest.mark.parametrize("target, column", [("b", 1), (1, 1), (-3, 1), (0, 0), ("label", 3), (-1, 3)])
def test_target_by_name_or_index_takes_that_column(tmp_path, table, target, column):
    X, y = table
    full = np.column_stack([X, y])
    path = write_rows(tmp_path / "pick.csv", full.tolist(), header=["a", "b", "c", "label"])
    Xr, yr, info = read_table(path, target=target)
    np.testing.assert_array_equal(yr, full[:, column])
    np.testing.assert_array_equal(Xr, np.delete(full, column, axis=1))
    names = ["a", "b", "c", "label"]
    assert info.target_name == names[column]
    assert info.feature_names == [n for j, n in enumerate(names) if j != column]


def test_digit_string_target_is_an_index_unless_a_column_has_that_name(tmp_path, table):
    X, y = table
    full = np.column_stack([X, y])
    path = write_rows(tmp_path / "named.csv", full.tolist(), header=["a", "b", "c", "label"])
    _, yr, info = read_table(path, target="1")
    assert info.target_name == "b"
    np.testing.assert_array_equal(yr, full[:, 1])
    numbered = write_rows(tmp_path / "numbered.csv", full.tolist(), header=["0", "1", "2", "lab"])
    assert read_table(numbered, target="2")[2].target_name == "2"
    assert read_table(numbered, target="-1")[2].target_name == "lab"
    arr = tmp_path / "arr.npy"
    np.save(arr, full)
    np.testing.assert_array_equal(read_table(arr, target="0")[1], full[:, 0])


def test_utf8_bom_and_crlf_line_ends_are_read(tmp_path, table):
    X, y = table
    path = write_rows(tmp_path / "excel.csv", rows_of(X, y), header=["a", "b", "c", "label"],
                      newline="\r\n", bom=True)
    Xr, yr, info = read_table(path)
    assert info.feature_names == ["a", "b", "c"]   # no BOM glued to 'a'
    np.testing.assert_array_equal(Xr, X)
    np.testing.assert_array_equal(yr, y)


def test_utf8_bom_before_a_headerless_file_keeps_the_first_row_as_data(tmp_path, table):
    X, y = table
    Xr, yr, info = read_table(write_rows(tmp_path / "bom.csv", rows_of(X, y), bom=True))
    assert not info.has_header and info.n_rows == 12
    np.testing.assert_array_equal(Xr, X)


def test_blank_lines_and_delimiter_only_rows_are_skipped(tmp_path, table):
    X, y = table
    body = [",".join(map(str, r)) for r in rows_of(X, y)]
    text = "\n".join(["", "a,b,c,y"] + body[:5] + ["", ",,,"] + body[5:] + ["", ""])
    path = tmp_path / "gaps.csv"
    path.write_text(text)
    Xr, yr, info = read_table(path)
    np.testing.assert_array_equal(Xr, X)
    np.testing.assert_array_equal(yr, y)
    assert info.n_rows == 12


def test_quoted_cells_may_hold_the_delimiter(tmp_path):
    path = tmp_path / "quoted.csv"
    path.write_text('size,weight,kind\n1,2,"big, red"\n3,4,"small, blue"\n')
    _, y, info = read_table(path)
    assert y.tolist() == ["big, red", "small, blue"] and info.delimiter == ","


def test_preview_shows_the_first_rows_as_written(tmp_path, table):
    X, y = table
    rows = rows_of(X, y)
    _, _, info = read_table(write_rows(tmp_path / "p.csv", rows, header=["a", "b", "c", "label"]))
    assert info.preview == [[str(v) for v in r] for r in rows[:10]]


def test_npy_last_column_is_the_target(tmp_path, table):
    X, y = table
    path = tmp_path / "arr.npy"
    np.save(path, np.column_stack([X, y]))
    Xr, yr, info = read_table(path)
    np.testing.assert_array_equal(Xr, X)
    np.testing.assert_array_equal(yr, y)
    assert info.kind == "npy" and info.delimiter is None and info.n_rows == 12
    assert Xr.flags.c_contiguous and Xr.dtype == np.float64


def test_npy_target_by_index(tmp_path, table):
    X, y = table
    path = tmp_path / "arr.npy"
    np.save(path, np.column_stack([y, X]))
    Xr, yr, _ = read_table(path, target=0)
    np.testing.assert_array_equal(Xr, X)
    np.testing.assert_array_equal(yr, y)


@pytest.mark.parametrize("y_kind", ["int", "str", "2d"])
def test_npz_reads_X_and_y(tmp_path, table, y_kind):
    X, y = table
    target = {"int": y, "str": np.array(["a", "b", "c"])[y],
              "2d": np.column_stack([X[:, 0] * 2, X[:, 1] - 1])}[y_kind]
    path = tmp_path / "arrays.npz"
    np.savez(path, X=X, y=target)
    Xr, yr, info = read_table(path)
    np.testing.assert_array_equal(Xr, X)
    np.testing.assert_array_equal(yr, target)
    assert info.kind == "npz" and info.n_rows == 12 and info.feature_names == ["x1", "x2", "x3"]


def test_peek_offers_the_columns_of_a_file_that_would_not_load(tmp_path):
    path = tmp_path / "raw.csv"
    path.write_text("\n".join(["name,height,kind"] + [f"n{i},{i * 1.5},{'ab'[i % 2]}"
                                                      for i in range(30)] + ["", ""]))
    with pytest.raises(DatasetError, match="'name'"):
        read_table(path)                 # 'name' is text, so it cannot be a feature
    info = peek_table(path)
    assert info.column_names == ["name", "height", "kind"] and info.target_index == 2
    assert info.column_types == ["text", "number", "text"] and info.n_rows == 30
    assert info.preview[0] == ["n0", "0.0", "a"] and len(info.preview) == 10


def test_peek_agrees_with_read_table_on_a_good_file(tmp_path, table):
    X, y = table
    path = write_rows(tmp_path / "ok.tsv", rows_of(X, y), "\t", header=["a", "b", "c", "label"])
    _, _, full = read_table(path)
    assert peek_table(path) == full


# --- bad input ---------------------------------------------------------------------------------
def test_missing_path(tmp_path):
    path = tmp_path / "nowhere.csv"
    assert "no such file" in error_of(path)


def test_bare_builtin_name_hints_at_the_builtin_prefix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DatasetError, match="builtin:iris"):
        load_dataset("iris")


def test_directory(tmp_path):
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    assert "folder" in error_of(folder)


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    assert "empty" in error_of(path)


def test_header_only(tmp_path):
    path = tmp_path / "head.csv"
    path.write_text("a,b,label\n")
    assert "no data rows" in error_of(path)


def test_single_column_file(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("a\n1\n2\n3\n")
    assert "one column" in error_of(path)


def test_ragged_row_with_too_many_fields_names_its_line(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("a,b,y\n1,2,0\n3,4,1\n5,6,7,1\n8,9,0\n")
    message = error_of(path)
    assert "line 4" in message and "4 fields" in message


def test_ragged_line_number_counts_blank_lines(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("a,b,y\n1,2,0\n\n\n3,4,1,9\n")
    assert "line 5" in error_of(path)


def test_row_with_too_few_fields_names_its_line_and_the_missing_column(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("a,b,c,y\n1,2,3,0\n4,5\n")
    message = error_of(path)
    assert "line 3" in message and "'c'" in message and "2 values" in message


def test_trailing_delimiters_after_every_row_are_ignored(tmp_path):
    path = tmp_path / "trailing.csv"
    path.write_text("a,b,y\n1,2,0,\n3,4,1,\n")
    X, y, info = read_table(path)
    assert X.tolist() == [[1, 2], [3, 4]] and y.tolist() == [0, 1] and info.target_name == "y"


def test_values_beyond_the_header_name_their_line(tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text("a,b,y\n1,2,0,\n3,4,1,\n5,6,1,7\n")
    message = error_of(path)
    assert "line 4" in message and "header" in message and "4 fields" in message


def test_text_in_a_feature_column_names_line_column_and_text(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("x1,x2,y\n1,2,0\n3,4,1\n5,6,0\n7,abc,1\n")
    message = error_of(path)
    assert "line 5" in message and "'x2'" in message and "'abc'" in message
    assert "not a number" in message


def test_first_bad_cell_in_file_order_is_reported(tmp_path):
    path = tmp_path / "two_bad.csv"
    path.write_text("a,b,y\n1,2,0\n3,oops,1\nfoo,6,0\n")
    message = error_of(path)
    assert "line 3" in message and "'oops'" in message


def test_text_cell_in_headerless_file_names_column_number(tmp_path):
    path = tmp_path / "nohead.csv"
    path.write_text("1,2,0\n3,4,1\n5,x,0\n")
    message = error_of(path)
    assert "line 3" in message and "column #2" in message


def test_empty_feature_cell_is_a_missing_value(tmp_path):
    path = tmp_path / "holes.csv"
    path.write_text("a,b,c,y\n1,2,3,0\n4,,6,1\n")
    message = error_of(path)
    assert "line 3" in message and "'b'" in message and "missing" in message


@pytest.mark.parametrize("cell, word", [("nan", "NaN"), ("NaN", "NaN"), ("inf", "infinite"),
                                        ("-Infinity", "infinite"), ("1e999", "infinite")])
def test_nan_and_inf_in_features_are_reported_as_such(tmp_path, cell, word):
    path = tmp_path / "weird.csv"
    path.write_text(f"a,b,y\n1,2,0\n3,{cell},1\n")
    message = error_of(path)
    assert "line 3" in message and "'b'" in message and word in message


def test_empty_target_cell(tmp_path):
    path = tmp_path / "nolabel.csv"
    path.write_text("a,b,species\n1,2,cat\n3,4,\n5,6,dog\n")
    message = error_of(path)
    assert "line 3" in message and "'species'" in message and "target" in message


def test_nan_in_numeric_target(tmp_path):
    path = tmp_path / "nantarget.csv"
    path.write_text("a,b,price\n1,2,0.5\n3,4,1.5\n5,6,nan\n")
    message = error_of(path)
    assert "line 4" in message and "'price'" in message and "NaN" in message


def test_non_utf8_text_names_the_line(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("a,b,city\n1,2,Paris\n3,4,Zürich\n".encode("latin-1"))
    message = error_of(path)
    assert "line 3" in message and "UTF-8" in message


def test_utf16_text_is_refused_with_advice(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_bytes("a,b,y\n1,2,0\n".encode("utf-16"))
    assert "UTF-8" in error_of(path)


def test_binary_junk_with_nul_bytes(tmp_path):
    path = tmp_path / "junk.csv"
    path.write_bytes(b"a,b,y\n1,2,0\n\x00\x01\x02\xff\n")
    message = error_of(path)
    assert "line 3" in message and "binary" in message


def test_unreadable_extension(tmp_path):
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"PK\x03\x04 whatever")
    message = error_of(path)
    assert "Excel" in message and "CSV" in message


def test_unknown_target_name_lists_the_columns(tmp_path, table):
    X, y = table
    path = write_rows(tmp_path / "cols.csv", rows_of(X, y), header=["a", "b", "c", "label"])
    message = error_of(path, target="lable")
    assert "'lable'" in message and "label" in message and "a, b, c" in message


@pytest.mark.parametrize("target", [4, -5, 100])
def test_out_of_range_target_index(tmp_path, table, target):
    X, y = table
    path = write_rows(tmp_path / "cols.csv", rows_of(X, y), header=["a", "b", "c", "label"])
    message = error_of(path, target=target)
    assert str(target) in message and "4 columns" in message


def test_target_name_in_headerless_file(tmp_path, table):
    X, y = table
    path = write_rows(tmp_path / "nohead.csv", rows_of(X, y))
    assert "no header" in error_of(path, target="label")


def test_unclosed_quote(tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text('a,b,y\n1,2,0\n3,"4,1\n5,6,0\n')
    assert "quote" in error_of(path)


# --- bad NumPy files ------------------------------------------------------------------------------
@pytest.mark.parametrize("shape", [(10,), (2, 3, 4)])
def test_npy_must_be_two_dimensional(tmp_path, shape):
    path = tmp_path / "bad.npy"
    np.save(path, np.zeros(shape))
    assert str(shape) in error_of(path)


def test_npy_with_one_column(tmp_path):
    path = tmp_path / "col.npy"
    np.save(path, np.zeros((5, 1)))
    assert "one column" in error_of(path)


def test_npy_object_array_is_never_unpickled(tmp_path):
    path = tmp_path / "objects.npy"
    np.save(path, np.array([[1, "a"], [2, {"evil": 1}]], dtype=object), allow_pickle=True)
    assert "pickle" in error_of(path)


def test_npy_text_array(tmp_path):
    path = tmp_path / "words.npy"
    np.save(path, np.array([["a", "b"], ["c", "d"]]))
    assert "text" in error_of(path)


def test_npy_nan_names_row_and_column(tmp_path):
    a = np.ones((5, 3))
    a[3, 1] = np.nan
    path = tmp_path / "holes.npy"
    np.save(path, a)
    message = error_of(path)
    assert "row 4" in message and "column 2" in message and "NaN" in message


def test_npy_target_by_name_is_refused(tmp_path):
    path = tmp_path / "arr.npy"
    np.save(path, np.zeros((3, 3)))
    assert "index" in error_of(path, target="label")


def test_npy_extension_with_other_content(tmp_path):
    path = tmp_path / "fake.npy"
    path.write_text("1,2,3\n")
    assert ".npy" in error_of(path)


@pytest.mark.parametrize("missing", ["X", "y"])
def test_npz_without_X_or_y(tmp_path, missing):
    path = tmp_path / "partial.npz"
    arrays = {"X": np.zeros((4, 2)), "y": np.zeros(4), "other": np.zeros(1)}
    del arrays[missing]
    np.savez(path, **arrays)
    message = error_of(path)
    assert f"'{missing}'" in message and "savez" in message


def test_npz_length_mismatch(tmp_path):
    path = tmp_path / "mismatch.npz"
    np.savez(path, X=np.zeros((5, 2)), y=np.zeros(4))
    message = error_of(path)
    assert "5 rows" in message and "4" in message


def test_npz_X_not_two_dimensional(tmp_path):
    path = tmp_path / "flat.npz"
    np.savez(path, X=np.zeros(5), y=np.zeros(5))
    assert "'X'" in error_of(path)


def test_npz_object_array_is_never_unpickled(tmp_path):
    path = tmp_path / "objects.npz"
    np.savez(path, X=np.zeros((2, 2)), y=np.array([None, {"a": 1}], dtype=object))
    assert "pickle" in error_of(path)


def test_damaged_npz(tmp_path):
    path = tmp_path / "broken.npz"
    good = tmp_path / "good.npz"
    np.savez(good, X=np.zeros((50, 2)), y=np.zeros(50))
    raw = good.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    error_of(path)


def test_npz_extension_with_text_content(tmp_path):
    path = tmp_path / "fake.npz"
    path.write_text("a,b\n1,2\n")
    assert ".npz" in error_of(path)


def test_npz_rejects_a_target_column(tmp_path):
    path = tmp_path / "ok.npz"
    np.savez(path, X=np.zeros((4, 2)), y=np.zeros(4))
    assert "'y'" in error_of(path, target=0)


# --- robustness ---------------------------------------------------------------------------------
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=300))
def test_random_bytes_give_a_table_or_a_dataset_error(tmp_path, content):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(content)
    try:
        X, y, info = read_table(path)
    except DatasetError as e:
        assert "\n" not in str(e) and "fuzz.csv" in str(e)
    else:
        assert X.ndim == 2 and len(X) == len(y) == info.n_rows and np.isfinite(X).all()


cell = st.one_of(st.integers(-5, 5).map(str), st.floats(-10, 10).map(repr),
                 st.sampled_from(["", "nan", "inf", "abc", " ", '"', "x,y", "1e999", "-"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cell, min_size=1, max_size=4), min_size=0, max_size=6),
       delimiter=st.sampled_from([",", "\t", ";"]))
def test_random_tables_give_a_table_or_a_dataset_error(tmp_path, rows, delimiter):
    path = tmp_path / "cells.csv"
    path.write_text("\n".join(delimiter.join(r) for r in rows))
    try:
        X, y, info = read_table(path)
    except DatasetError as e:
        assert "\n" not in str(e) and "cells.csv" in str(e)
    else:
        assert X.dtype == np.float64 and np.isfinite(X).all() and len(X) == len(y)
