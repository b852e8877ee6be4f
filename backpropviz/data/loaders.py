"""Readers for data files: delimited text (CSV, TSV, semicolon), NumPy ``.npy`` and ``.npz``.

:func:`read_table` returns the *raw* table: features as float64, the target column as it was
read (int, float, bool or str), and a :class:`TableInfo` that the preview dialog shows. Choosing
the task, encoding the classes, splitting and standardising happen in ``dataset.py``.

Text files are parsed by ``pandas.read_csv(engine="c")``: never a Python loop per cell, so a
100 MB file loads in seconds. Every check after parsing is a vectorised mask; only once a bad cell
is found does Python look at that one cell to word the message.

Line numbers in messages count every physical line, the header included, as an editor does. A
quoted cell that spans several lines shifts the count, which pandas' own numbering does too.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import DatasetError, shown, where

SNIFF_BYTES = 64 * 1024   # how much of a text file decides its delimiter and header
SNIFF_LINES = 50
PREVIEW_ROWS = 10
DELIMITERS = (",", "\t", ";")   # in order of preference when two fit equally well
NPY_MAGIC = b"\x93NUMPY"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
#: file types people try that we do not read, with the advice to give
UNSUPPORTED = {
    ".xlsx": "an Excel workbook", ".xls": "an Excel workbook", ".ods": "a spreadsheet",
    ".json": "JSON", ".parquet": "Parquet", ".feather": "Feather", ".h5": "HDF5",
    ".hdf5": "HDF5", ".pkl": "a pickle", ".pickle": "a pickle", ".mat": "a MATLAB file",
    ".zip": "a zip archive", ".gz": "a gzip archive", ".bz2": "a bzip2 archive",
    ".xz": "an xz archive", ".7z": "a 7-Zip archive",
}
READABLE = "backpropviz reads CSV/TSV/semicolon text (UTF-8), .npy and .npz files"
_FIELDS_RE = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_NAN_WORDS = ("nan", "+nan", "-nan")
_LINE_END_RE = re.compile(r"\r\n|\r|\n")
_BLANK_LINE_RE = re.compile(rb"^[ \t\r]*\n", re.MULTILINE)
_DECIMAL_COMMA_RE = re.compile(r"^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$")


@dataclass
class TableInfo:
    """What a data file turned out to hold; the preview dialog shows it before loading.

    column_names / column_types: every column in file order, the target included; a type is
    "number" or "text". feature_names: the columns that became X, in order. target_index: the
    target's position in column_names. preview: the first rows of the file as written (str cells).
    For .npz files the target columns follow the features in column_names.
    """
    path: Path
    kind: str                     # "csv" | "npy" | "npz"
    delimiter: str | None         # ",", "\t" or ";" for text; None for NumPy files
    has_header: bool
    feature_names: list[str]
    target_name: str
    column_types: list[str]
    n_rows: int
    preview: list[list[str]]
    column_names: list[str]
    target_index: int
    decimal: str = "."            # "," for text like "1,5;2,0;1" (semicolons, decimal commas)


def read_table(path: str | Path, target: str | int | None = None
               ) -> tuple[np.ndarray, np.ndarray, TableInfo]:
    """Read a data file into raw features and a raw target column.

    path: a .csv/.tsv/.txt (any delimited UTF-8 text), .npy or .npz file.
    target: the target column by header name or 0-based index (negative counts from the end);
        None means the last column. For .npz files the target is the array ``y``: leave it None.
    Returns X: float64, shape (n, d), C-contiguous, every value finite;
        y: shape (n,) as read (int64, float64, bool or str), or (n, k) float for a 2-D npz ``y``;
        info: a TableInfo.
    Raises DatasetError, with file, line and column where they apply, for anything unreadable.
    """
    p, head, kind = _identify(path)
    if kind == "npy":
        return _read_npy(p, head, target)
    if kind == "npz":
        return _read_npz(p, head, target)
    return _read_text(p, target)


def peek_table(path: str | Path) -> TableInfo:
    """What read_table would find, from the first 64 KB of a text file, without checking a cell:
    for a preview dialog to offer the columns (target_index is the last one) before loading.

    column_types are guessed from the sampled rows; n_rows counts the non-blank lines below the
    header in the whole file. NumPy files are read in full (they are checked as they load).
    Raises DatasetError if the file cannot be read at all (missing, empty, binary, one column).
    """
    p, head, kind = _identify(path)
    if kind == "npy":
        return _read_npy(p, head, None)[2]
    if kind == "npz":
        return _read_npz(p, head, None)[2]
    data, _, delimiter, rows, decimal, has_header = _sniff(p)
    body = rows[1:] if has_header else rows
    n_cols = max(len(r) for r in rows)
    if has_header:
        names = [c.strip() or f"column {j + 1}" for j, c in enumerate(rows[0])]
        names += [f"column {j + 1}" for j in range(len(names), n_cols)]
    else:
        names = [f"x{j + 1}" for j in range(n_cols - 1)] + ["y"]
    types = []
    for j in range(n_cols):
        cells = [r[j] for r in body if j < len(r) and r[j].strip()]
        types.append("number" if all(_is_number(c, decimal) for c in cells) else "text")
    n_lines = (data.count(b"\n") + (not data.endswith(b"\n"))
               - len(_BLANK_LINE_RE.findall(data)))  # few matches: fast on 100 MB
    return TableInfo(path=p, kind="csv", delimiter=delimiter, has_header=has_header,
                     feature_names=names[:-1], target_name=names[-1], column_types=types,
                     n_rows=n_lines - (1 if has_header else 0),
                     preview=[list(r) for r in body[:PREVIEW_ROWS]], column_names=names,
                     target_index=n_cols - 1, decimal=decimal)


def _identify(path: str | Path) -> tuple[Path, bytes, str]:
    """(path, first bytes, "npy" | "npz" | "text"), refusing types we do not read."""
    p = Path(path).expanduser()
    head = _read_head(p)
    suffix = p.suffix.lower()
    if suffix in UNSUPPORTED:
        raise DatasetError(f"{where(p)}: {UNSUPPORTED[suffix]} cannot be read; {READABLE}, "
                           "so export the data as CSV")
    if suffix == ".npy" or head.startswith(NPY_MAGIC):
        return p, head, "npy"
    if suffix == ".npz" or head.startswith(ZIP_MAGICS):
        return p, head, "npz"
    return p, head, "text"


# --- files on disk -----------------------------------------------------------------------------
def _read_head(p: Path) -> bytes:
    """The first few bytes of ``p``, after checking that it is a readable regular file."""
    try:
        if not p.exists():
            hint = ""
            if p.suffix == "" and not p.parent.parts:
                hint = f" (for a bundled data set write 'builtin:{p.name}')"
            raise DatasetError(f"{p}: no such file{hint}; check the path")
        if p.is_dir():
            raise DatasetError(f"{p}: is a folder, not a file; choose a data file inside it")
        with open(p, "rb") as f:
            return f.read(16)
    except PermissionError:
        raise DatasetError(f"{p}: permission denied; make the file readable") from None
    except ValueError as e:  # e.g. a NUL character in the path
        raise DatasetError(f"{shown(str(p))}: not a usable path ({e}); check the path") from None
    except OSError as e:
        raise DatasetError(f"{p}: cannot be opened ({e.strerror or e}); check the path") from None


def _read_bytes(p: Path) -> bytes:
    try:
        return p.read_bytes()
    except MemoryError:
        raise DatasetError(f"{where(p)}: too large to load into memory; use fewer rows") from None
    except OSError as e:
        raise DatasetError(f"{where(p)}: cannot be read ({e.strerror or e})") from None


# --- delimited text ----------------------------------------------------------------------------
def _checked_text(p: Path) -> bytes:
    """The file's bytes, BOM removed, after refusing empty, UTF-16 and binary (NUL) content."""
    data = _read_bytes(p)
    if not data.strip():
        raise DatasetError(f"{where(p)}: the file is empty; a data file needs rows of numbers "
                           "with the target in one column")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DatasetError(f"{where(p)}: the file is UTF-16 encoded; save it as UTF-8 "
                           "(e.g. 'CSV UTF-8' in a spreadsheet)")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DatasetError(f"{where(p, _line_at(data, nul))}: contains a NUL byte, so this looks "
                           f"like a binary file, not text; {READABLE}")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    return data


def _sniff(p: Path) -> tuple[bytes, int, str, list[list[str]], str, bool]:
    """The checked bytes of a text table and what its first 64 KB say: (data, leading blank
    lines, delimiter, sample rows, decimal mark, header row?)."""
    data = _checked_text(p)
    lines, leading_blank = _sample_lines(data)
    delimiter, rows, decimal = _sniff_delimiter(lines)
    if delimiter is None:
        raise DatasetError(f"{where(p)}: found only one column (looked for ',', tab and ';' "
                           "between values); a data file needs feature columns and a target column")
    return data, leading_blank, delimiter, rows, decimal, _looks_like_header(rows, decimal)


def _read_text(p: Path, target: str | int | None) -> tuple[np.ndarray, np.ndarray, TableInfo]:
    data, leading_blank, delimiter, rows, decimal, has_header = _sniff(p)
    df = _parse(p, data, delimiter, decimal, has_header, leading_blank, rows)
    first_data_line = leading_blank + (2 if has_header else 1)
    # Blank lines (and rows of nothing but delimiters, which spreadsheets append) are skipped, but
    # the index keeps each row's place in the file, so messages can still name the line.
    blank = df.isna().all(axis=1).to_numpy()
    if blank.any():
        df = df[~blank]
    if len(df) == 0:
        what = "has a header row but no data rows" if has_header else "has no data rows"
        raise DatasetError(f"{where(p)}: the file {what}; add rows of values below the header")
    lines_of_rows = df.index.to_numpy() + first_data_line

    n_cols = df.shape[1]
    if n_cols < 2:
        raise DatasetError(f"{where(p)}: found only one column; a data file needs feature columns "
                           "and a target column")
    header_names = _clean_names(df.columns) if has_header else None
    t = _target_index(p, target, n_cols, header_names)
    if header_names is not None:
        names = header_names
    else:
        names = _default_names(n_cols, t)

    def column(j: int) -> str:
        return f"column {shown(names[j])} (#{j + 1})" if has_header else f"column #{j + 1}"

    feature_cols = [j for j in range(n_cols) if j != t]
    X = _numeric_features(p, data, df, feature_cols, lines_of_rows, column, delimiter, n_cols)
    y = _target_values(p, df.iloc[:, t], lines_of_rows, column(t))

    column_types = ["number" if _is_numeric(df.iloc[:, j]) else "text" for j in range(n_cols)]
    body = rows[1:] if has_header else rows
    info = TableInfo(path=p, kind="csv", delimiter=delimiter, has_header=has_header,
                     feature_names=[names[j] for j in feature_cols], target_name=names[t],
                     column_types=column_types, n_rows=len(df),
                     preview=[list(r) for r in body[:PREVIEW_ROWS]],
                     column_names=list(names), target_index=t, decimal=decimal)
    return X, y, info


def _sample_lines(data: bytes) -> tuple[list[str], int]:
    """The first non-blank lines of the file (for sniffing) and the count of blank lines before
    them. Decoding errors are replaced here; strict decoding is left to the real parse."""
    chunk = data[:SNIFF_BYTES]
    text = chunk.decode("utf-8", errors="replace")
    lines = _LINE_END_RE.split(text)   # pandas ends lines at \r too
    if len(chunk) == SNIFF_BYTES and len(lines) > 1:
        lines.pop()  # cut mid-line
    leading_blank = 0
    while leading_blank < len(lines) and not lines[leading_blank].strip():
        leading_blank += 1
    content = [ln for ln in lines[leading_blank:] if ln.strip()][:SNIFF_LINES]
    return content, leading_blank


def _sniff_delimiter(lines: list[str]) -> tuple[str | None, list[list[str]], str]:
    """The delimiter that splits the sample lines most consistently into two or more fields, the
    lines split by it, and the decimal mark ("." or ",").

    Each candidate splits every line (csv rules, so quoted delimiters do not count) and is scored
    by: the share of lines having the most common field count; then the share of cells below the
    first line that read as numbers (this is what tells "1,5;2,0;1" apart: semicolons between
    values with decimal commas); then that field count; then the order of DELIMITERS. A ragged file
    still gets its delimiter; the parse then reports the ragged line. Returns (None, [], ".") if
    no candidate yields two fields.
    """
    best, best_key, best_rows = None, None, []
    for rank, d in enumerate(DELIMITERS):
        rows = _split_lines(lines, d)
        counts = [len(r) for r in rows]
        if not counts:
            continue
        mode = max(set(counts), key=lambda c: (counts.count(c), c))
        if mode < 2:
            continue
        cells = [c for r in (rows[1:] or rows) for c in r if c.strip()]
        numeric = sum(_is_number(c, "," if d != "," else ".") for c in cells) / max(len(cells), 1)
        key = (counts.count(mode) / len(counts), numeric, mode, -rank)
        if best_key is None or key > best_key:
            best, best_key, best_rows = d, key, rows
    decimal = "."
    if best is not None and best != ",":
        cells = [c.strip() for r in best_rows for c in r]
        if any(_DECIMAL_COMMA_RE.match(c) for c in cells) and not any(_as_float(c) is not None
                                                                       and "." in c for c in cells):
            decimal = ","
    return best, best_rows, decimal


def _as_float(cell: str) -> float | None:
    try:
        return float(cell)
    except ValueError:
        return None


def _split_lines(lines: list[str], delimiter: str) -> list[list[str]]:
    """Each line split into fields by csv rules; naive splitting where csv gives up."""
    try:
        return list(csv.reader(lines, delimiter=delimiter, skipinitialspace=True))
    except csv.Error:
        return [ln.split(delimiter) for ln in lines]


def _is_number(cell: str, decimal: str = ".") -> bool:
    """True if ``cell`` reads as a number (with ``decimal`` as the decimal mark)."""
    if decimal == "," and _DECIMAL_COMMA_RE.match(cell.strip()):
        return True
    return _as_float(cell) is not None


def _looks_like_header(rows: list[list[str]], decimal: str = ".") -> bool:
    """True if the first row names the columns.

    It does when every non-empty cell of it is text, or when one of its text cells sits above a
    column that is numeric in the rows below (a header over numbers). A first row of numbers, or
    one whose text cells head text columns (string labels in row 1), is data.
    """
    if not rows:
        return False
    first, below = rows[0], rows[1:]
    filled = [j for j, c in enumerate(first) if c.strip()]
    texts = [j for j in filled if not _is_number(first[j], decimal)]
    if not texts:
        return False
    if len(texts) == len(filled):
        return True
    for j in texts:
        values = [r[j] for r in below if j < len(r) and r[j].strip()]
        if values and all(_is_number(v, decimal) for v in values):
            return True
    return False


def _parse(p: Path, data: bytes, delimiter: str, decimal: str, has_header: bool,
           leading_blank: int, rows: list[list[str]]) -> pd.DataFrame:
    """pandas' C parser over the whole file; its exceptions come back as DatasetError."""
    try:
        with warnings.catch_warnings():
            # A header shorter than the data rows makes pandas drop the extra fields with only a
            # warning; that silently loses a column, so it is an error here.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            warnings.simplefilter("ignore", pd.errors.DtypeWarning)
            return pd.read_csv(
                io.BytesIO(data), sep=delimiter, decimal=decimal, header=0 if has_header else None,
                engine="c",
                keep_default_na=False, na_values=[""], skip_blank_lines=False,
                skiprows=leading_blank, index_col=False, skipinitialspace=True,
                encoding="utf-8", encoding_errors="strict", low_memory=False)
    except UnicodeDecodeError:
        try:
            data.decode("utf-8")
            pos, byte = 0, "?"
        except UnicodeDecodeError as e:
            pos, byte = e.start, f"0x{data[e.start]:02x}"
        raise DatasetError(f"{where(p, _line_at(data, pos))}: byte {byte} is not UTF-8 text; "
                           "save the file as UTF-8 (e.g. 'CSV UTF-8' in a spreadsheet)") from None
    except pd.errors.EmptyDataError:
        raise DatasetError(f"{where(p)}: the file holds no columns; a data file needs rows of "
                           "values") from None
    except pd.errors.ParserError as e:
        m = _FIELDS_RE.search(str(e))
        if m:
            expected, line, saw = (int(g) for g in m.groups())
            raise DatasetError(
                f"{where(p, line)}: has {saw} fields but the lines above have {expected}; every "
                "row needs the same number of values (look for a stray or missing delimiter)"
            ) from None
        msg = str(e).replace("Error tokenizing data. C error: ", "").strip()
        raise DatasetError(f"{where(p)}: cannot be parsed as delimited text ({msg}); check the "
                           "quotes and delimiters") from None
    except pd.errors.ParserWarning:
        n_names = len(rows[0]) if rows else 0
        line, n_fields = _first_overlong_line(data, delimiter, n_names)
        raise DatasetError(
            f"{where(p, line)}: has {n_fields} fields but the header names only {n_names} columns; "
            "name every column in the header or remove the extra values") from None
    except MemoryError:
        raise DatasetError(f"{where(p)}: too large to load into memory; use fewer rows") from None
    except (ValueError, OSError) as e:
        raise DatasetError(f"{where(p)}: cannot be read as a table ({e}); {READABLE}") from None


def _first_overlong_line(data: bytes, delimiter: str, n_names: int) -> tuple[int | None, int]:
    """The first line with a non-empty value beyond the header's columns, and its field count;
    a Python loop over the file, so only called to word an error."""
    text = io.StringIO(data.decode("utf-8", errors="replace"), newline="")
    reader = csv.reader(text, delimiter=delimiter, skipinitialspace=True)
    try:
        for fields in reader:
            if len(fields) > n_names and any(f.strip() for f in fields[n_names:]):
                return reader.line_num, len(fields)
    except csv.Error:
        pass
    return None, n_names + 1


def _default_names(n_cols: int, target: int) -> list[str]:
    """Names for a table without a header: x1, x2, ... for the features, y for the target."""
    names, k = [], 0
    for j in range(n_cols):
        if j == target:
            names.append("y")
        else:
            k += 1
            names.append(f"x{k}")
    return names


def _clean_names(columns: pd.Index) -> list[str]:
    names = [str(c) for c in columns]
    stripped = [n.strip() for n in names]
    return stripped if len(set(stripped)) == len(stripped) else names


def _target_index(p: Path, target: str | int | None, n_cols: int,
                  names: list[str] | None) -> int:
    """The 0-based column of the target, from a name, an index (negative allowed) or None.

    A string of digits that names no column is taken as an index, so "--target 2" on the
    command line works like target=2.
    """
    if target is None:
        return n_cols - 1
    if isinstance(target, str) and (names is None or target.strip() not in names) \
            and re.fullmatch(r"[+-]?\d+", target.strip()):
        target = int(target)
    if isinstance(target, (int, np.integer)) and not isinstance(target, bool):
        if -n_cols <= target < n_cols:
            return int(target) % n_cols
        raise DatasetError(f"{where(p)}: target column index {target} is out of range; the file "
                           f"has {n_cols} columns (0..{n_cols - 1}, or -1 for the last)")
    if isinstance(target, str):
        if names is None:
            raise DatasetError(f"{where(p)}: the file has no header row (or is a .npy array), so "
                               f"no column is named {shown(target)}; give the target as a 0-based "
                               "column index")
        if target in names:
            return names.index(target)
        if target.strip() in names:
            return names.index(target.strip())
        listed = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
        raise DatasetError(f"{where(p)}: no column named {shown(target)}; the columns are "
                           f"{listed} (or give a 0-based index)")
    raise DatasetError(f"{where(p)}: target must be a column name or an index, "
                       f"not {type(target).__name__}")


def _is_numeric(col: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(col.dtype) or pd.api.types.is_bool_dtype(col.dtype)


def _numeric_features(p: Path, data: bytes, df: pd.DataFrame, feature_cols: list[int],
                      lines_of_rows: np.ndarray, column, delimiter: str,
                      n_cols: int) -> np.ndarray:
    """Feature columns as float64 (n, d); the first empty, NaN, infinite or text cell in file
    order is reported with its line and column."""
    parts = []
    for j in feature_cols:
        col = df.iloc[:, j]
        if _is_numeric(col):
            parts.append(col.to_numpy(dtype=np.float64, na_value=np.nan))
        else:
            # Text in the column: numbers, "nan"/"inf" words and stray text all become floats
            # here (text -> NaN), so one mask finds every bad cell; the message tells them apart.
            parts.append(pd.to_numeric(col, errors="coerce").to_numpy(dtype=np.float64,
                                                                      na_value=np.nan))
    X = np.empty((len(df), len(feature_cols)), dtype=np.float64)
    for k, values in enumerate(parts):
        X[:, k] = values
    bad = ~np.isfinite(X)
    if bad.any():
        row = int(np.argmax(bad.any(axis=1)))
        k = int(np.argmax(bad[row]))
        j = feature_cols[k]
        cell = df.iloc[row, j]
        line = int(lines_of_rows[row])
        loc = where(p, line, column(j))
        if pd.isna(cell):
            fields = _fields_on_line(data, line, delimiter)
            if fields is not None and len(fields) < n_cols:
                raise DatasetError(f"{where(p, line)}: has {len(fields)} values but the file has "
                                   f"{n_cols} columns, so {column(j)} is missing; fill in every "
                                   "value or remove the row")
            raise DatasetError(f"{loc}: the cell is empty (a missing value); fill it in or "
                               "remove the row")
        text = str(cell).strip()
        value = float(X[row, k]) if _is_numeric(df.iloc[:, j]) else _as_float(text)
        if value is None or np.isfinite(value):
            # pandas did not take it as a number (Python's float() may, e.g. '1_000').
            raise DatasetError(f"{loc}: {shown(text)} is not a number; feature columns must be "
                               "numeric (pick another target column or remove the text)")
        kind = "NaN (not a number)" if np.isnan(value) else "infinite"
        raise DatasetError(f"{loc}: the value {shown(text)} is {kind}; every feature value must "
                           "be a finite number, so fix or remove the row")
    return X


def _target_values(p: Path, col: pd.Series, lines_of_rows: np.ndarray, column: str) -> np.ndarray:
    """The target column as int64, float64, bool or str, shape (n,); empty or non-finite cells
    are errors."""
    missing = col.isna().to_numpy()
    if missing.any():
        row = int(np.argmax(missing))
        raise DatasetError(f"{where(p, int(lines_of_rows[row]), column)}: the target cell is "
                           "empty; every row needs a target value, so fill it in or remove the row")
    if pd.api.types.is_bool_dtype(col.dtype):
        return col.to_numpy(dtype=bool)
    if pd.api.types.is_integer_dtype(col.dtype):
        return col.to_numpy(dtype=np.int64)
    if _is_numeric(col):
        y = col.to_numpy(dtype=np.float64)
    else:
        text = col.astype(str).str.strip()
        numbers = pd.to_numeric(text, errors="coerce")
        words = text.str.lower().isin(_NAN_WORDS)
        if (numbers.isna() & ~words).any():
            return np.asarray(text.to_numpy(dtype=object), dtype=str)  # labels
        # A numeric column with 'nan'/'inf' words in it: report them as numbers.
        y = numbers.to_numpy(dtype=np.float64, na_value=np.nan)
    bad = ~np.isfinite(y)
    if bad.any():
        row = int(np.argmax(bad))
        kind = "NaN (not a number)" if np.isnan(y[row]) else "infinite"
        raise DatasetError(f"{where(p, int(lines_of_rows[row]), column)}: the target value "
                           f"{shown(str(col.iloc[row]).strip())} is {kind}; every target must be "
                           "a finite number or a label")
    return y


def _line_at(data: bytes, pos: int) -> int:
    """1-based line number of byte offset ``pos``."""
    return data.count(b"\n", 0, pos) + 1


def _fields_on_line(data: bytes, line: int, delimiter: str) -> list[str] | None:
    """The fields on physical line ``line`` (1-based); only called to word an error."""
    start = 0
    for _ in range(line - 1):
        start = data.find(b"\n", start) + 1
        if start == 0:
            return None
    end = data.find(b"\n", start)
    raw = data[start:end if end >= 0 else len(data)].decode("utf-8", errors="replace").rstrip("\r")
    return (_split_lines([raw], delimiter) or [[]])[0]


# --- NumPy files --------------------------------------------------------------------------------
def _load_error(p: Path, e: Exception, what: str) -> DatasetError:
    text = str(e)
    if "pickle" in text.lower() or "object arrays" in text.lower():
        return DatasetError(f"{where(p)}: {what} holds Python objects (a pickled or object array), "
                            "which are never loaded because that could run code; save plain "
                            "numeric arrays")
    return DatasetError(f"{where(p)}: {what} cannot be read ({text}); save it again with "
                        "numpy.save / numpy.savez")


def _check_array(p: Path, a: np.ndarray, what: str, kinds: str) -> None:
    if a.dtype.kind not in kinds:
        kinds_held = {"U": "text", "S": "bytes", "V": "records (a structured dtype)",
                      "c": "complex numbers", "O": "Python objects", "M": "dates",
                      "m": "time spans"}
        kind = kinds_held.get(a.dtype.kind, str(a.dtype))
        raise DatasetError(f"{where(p)}: {what} holds {kind}; it must hold plain numbers")


def _first_nonfinite(p: Path, a: np.ndarray, what: str) -> None:
    """Raise for the first NaN or infinite value of a 1-D or 2-D float array (rows 1-based)."""
    if a.dtype.kind != "f":
        return
    bad = ~np.isfinite(a)
    if not bad.any():
        return
    if a.ndim == 1:
        row, col, value = int(np.argmax(bad)), None, a[int(np.argmax(bad))]
    else:
        row = int(np.argmax(bad.any(axis=1)))
        col = int(np.argmax(bad[row]))
        value = a[row, col]
    kind = "NaN (not a number)" if np.isnan(value) else "infinite"
    at = f"row {row + 1}" + (f", column {col + 1}" if col is not None else "")
    raise DatasetError(f"{where(p)}, {what} {at}: the value is {kind}; every value must be a "
                       "finite number")


def _number_text(v: object) -> str:
    return f"{v:g}" if isinstance(v, (float, np.floating)) else str(v)


def _read_npy(p: Path, head: bytes, target: str | int | None
              ) -> tuple[np.ndarray, np.ndarray, TableInfo]:
    if not head.startswith(NPY_MAGIC):
        raise DatasetError(f"{where(p)}: not a NumPy .npy file (its header is missing); save it "
                           "with numpy.save, or give a CSV file")
    try:
        a = np.load(p, allow_pickle=False)
    except MemoryError:
        raise DatasetError(f"{where(p)}: too large to load into memory") from None
    except Exception as e:  # a damaged header makes NumPy raise nearly anything (even TokenError)
        raise _load_error(p, e, "the array") from None
    _check_array(p, a, "the array", "biuf")
    if a.ndim != 2:
        raise DatasetError(f"{where(p)}: the array has shape {a.shape}; a .npy data file must be "
                           "2-D, one row per sample, with the target in the last column")
    n, n_cols = a.shape
    if n == 0:
        raise DatasetError(f"{where(p)}: the array has no rows; it needs one row per sample")
    if n_cols < 2:
        raise DatasetError(f"{where(p)}: the array has one column; it needs feature columns and "
                           "a target column (the last)")
    t = _target_index(p, target, n_cols, None)
    feature_cols = [j for j in range(n_cols) if j != t]
    X = np.ascontiguousarray(a[:, feature_cols], dtype=np.float64)
    y = a[:, t].copy()
    if y.dtype.kind in "iu":
        y = y.astype(np.int64)
    _first_nonfinite(p, a, "the array")
    names = _default_names(n_cols, t)
    info = TableInfo(path=p, kind="npy", delimiter=None, has_header=False,
                     feature_names=[names[j] for j in feature_cols], target_name="y",
                     column_types=["number"] * n_cols, n_rows=n,
                     preview=[[_number_text(v) for v in row] for row in a[:PREVIEW_ROWS].tolist()],
                     column_names=names, target_index=t)
    return X, y, info


def _read_npz(p: Path, head: bytes, target: str | int | None
              ) -> tuple[np.ndarray, np.ndarray, TableInfo]:
    if target is not None:
        raise DatasetError(f"{where(p)}: an .npz file carries its target in the array 'y'; leave "
                           "the target column unset")
    if not head.startswith(ZIP_MAGICS):
        raise DatasetError(f"{where(p)}: not a NumPy .npz archive; save it with "
                           "numpy.savez(path, X=features, y=targets)")
    arrays = {}
    try:
        with np.load(p, allow_pickle=False) as z:
            for key in ("X", "y"):
                if key not in z.files:
                    held = ", ".join(repr(f) for f in z.files[:8]) or "nothing"
                    raise DatasetError(f"{where(p)}: has no array named {key!r} (it holds {held}); "
                                       "save it with numpy.savez(path, X=features, y=targets)")
                try:
                    arrays[key] = z[key]
                except MemoryError:
                    raise DatasetError(f"{where(p)}: too large to load into memory") from None
                except Exception as e:  # damaged members raise nearly anything
                    raise _load_error(p, e, f"array {key!r}") from None
    except DatasetError:
        raise
    except Exception as e:  # zipfile.BadZipFile, ValueError, OSError, EOFError, ...
        raise DatasetError(f"{where(p)}: not a readable .npz archive ({e}); save it with "
                           "numpy.savez(path, X=features, y=targets)") from None
    X, y = arrays["X"], arrays["y"]
    _check_array(p, X, "array 'X'", "biuf")
    if X.ndim != 2:
        raise DatasetError(f"{where(p)}: array 'X' has shape {X.shape}; it must be 2-D "
                           "(samples, features)")
    if y.ndim == 2:
        _check_array(p, y, "array 'y' (2-D, so regression targets)", "biuf")
    else:
        _check_array(p, y, "array 'y'", "biufUS")
    if y.ndim not in (1, 2):
        raise DatasetError(f"{where(p)}: array 'y' has shape {y.shape}; it must be 1-D (one "
                           "target per sample) or 2-D (samples, outputs)")
    if X.shape[0] != y.shape[0]:
        raise DatasetError(f"{where(p)}: array 'X' has {X.shape[0]} rows but 'y' has "
                           f"{y.shape[0]}; they need one row per sample each")
    if X.shape[0] == 0 or X.shape[1] == 0 or (y.ndim == 2 and y.shape[1] == 0):
        raise DatasetError(f"{where(p)}: arrays of shape {X.shape} and {y.shape} hold no data; "
                           "X needs rows and feature columns")
    Xf = np.ascontiguousarray(X, dtype=np.float64)
    _first_nonfinite(p, Xf, "array 'X'")
    if y.dtype.kind == "S":
        y = np.char.decode(y, "utf-8", errors="replace")
    if y.dtype.kind in "iu":
        y = y.astype(np.int64)
    _first_nonfinite(p, y, "array 'y'")
    d = X.shape[1]
    k = 1 if y.ndim == 1 else y.shape[1]
    feature_names = [f"x{j + 1}" for j in range(d)]
    target_names = ["y"] if k == 1 and y.ndim == 1 else [f"y{j + 1}" for j in range(k)]
    y_cols = y.reshape(len(y), -1)
    preview = [[_number_text(v) for v in xr] + [_number_text(v) for v in yr]
               for xr, yr in zip(X[:PREVIEW_ROWS].tolist(), y_cols[:PREVIEW_ROWS].tolist())]
    y_type = "text" if y.dtype.kind == "U" else "number"
    info = TableInfo(path=p, kind="npz", delimiter=None, has_header=False,
                     feature_names=feature_names, target_name="y",
                     column_types=["number"] * d + [y_type] * k, n_rows=X.shape[0],
                     preview=preview, column_names=feature_names + target_names, target_index=d)
    return Xf, y, info
