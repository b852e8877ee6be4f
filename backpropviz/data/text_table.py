"""Delimited text tables (CSV, TSV, semicolons with decimal commas): sniffing and reading.

:func:`peek_text` looks at the first 64 KB (delimiter, header row, column types) without parsing
the whole file; :func:`read_text` parses it all with ``pandas.read_csv(engine="c")``: never a
Python loop per cell, so a 100 MB file loads in seconds. Every check after parsing is a vectorised
mask; only once a bad cell is found does Python look at that one cell to word the message.
pandas is imported by the functions that parse, not with this module, so that opening the
program (or previewing a file) never waits for it.

Line numbers in messages count every physical line, the header included, as an editor does. A
quoted cell that spans several lines shifts the count, which pandas' own numbering does too.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..i18n import QT_TRANSLATE_NOOP, Message
from .errors import (CANNOT_READ, TOO_LARGE_ROWS, DatasetError, column_named, message, non_finite,
                     shown, where)
from .memory import check_memory
from .table import PREVIEW_ROWS, DataFile, TableInfo, default_names, target_column

if TYPE_CHECKING:
    import pandas as pd

SNIFF_BYTES = 64 * 1024   # how much of a text file decides its delimiter and header
SNIFF_LINES = 50
DELIMITERS = (",", "\t", ";")   # in order of preference when two fit equally well
READABLE = QT_TRANSLATE_NOOP("data", "backpropviz reads CSV/TSV/semicolon text (UTF-8), .npy and "
                             ".npz files")
_FIELDS_RE = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_NAN_WORDS = ("nan", "+nan", "-nan")
_INT64_MAX = np.iinfo(np.int64).max
_LINE_END_RE = re.compile(r"\r\n|\r|\n")
_BLANK_LINE_RE = re.compile(rb"^[ \t\r]*\n", re.MULTILINE)
_DECIMAL_COMMA_RE = re.compile(r"^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$")


def peek_text(f: DataFile) -> TableInfo:
    """What read_text would find, from the first 64 KB, without checking a cell: column types
    are guessed from the sampled rows; n_rows counts the non-blank lines below the header in the
    whole file; target_index is the last column."""
    data, _, delimiter, rows, decimal, has_header = _sniff(f)
    body = rows[1:] if has_header else rows
    n_cols = max(len(r) for r in rows)
    types = []
    for j in range(n_cols):
        cells = [r[j] for r in body if j < len(r) and r[j].strip()]
        types.append("number" if all(_is_number(c, decimal) for c in cells) else "text")
    n_lines = (data.count(b"\n") + (not data.endswith(b"\n"))
               - len(_BLANK_LINE_RE.findall(data)))  # few matches: fast on 100 MB
    return _info(f, delimiter, decimal, has_header, rows, n_cols, n_cols - 1, types,
                 n_lines - (1 if has_header else 0))


def read_text(f: DataFile, target: str | int | None) -> tuple[np.ndarray, np.ndarray, TableInfo]:
    """Raw features X (float64, (n, d)) and the target column as read (int64, float64, bool or
    str, (n,)) of a delimited text file, and its TableInfo."""
    data, leading_blank, delimiter, rows, decimal, has_header = _sniff(f)
    p = f.path
    n_lines = data.count(b"\n") + 1
    n_cols = max(len(r) for r in rows)
    # pandas holds a pointer per cell while it parses, then the columns, then X is made from
    # them: about three 8-byte numbers per cell beside the text itself
    check_memory(p, 24 * n_lines * n_cols,
                 message(QT_TRANSLATE_NOOP("data", "loading about {rows} rows x {columns} columns"),
                         rows=f"{n_lines:,}", columns=f"{n_cols:,}"))
    df = _parse(p, data, delimiter, decimal, has_header, leading_blank, rows)
    first_data_line = leading_blank + (2 if has_header else 1)
    # Blank lines (and rows of nothing but delimiters, which spreadsheets append) are skipped, but
    # the index keeps each row's place in the file, so messages can still name the line.
    blank = df.isna().all(axis=1).to_numpy()
    if blank.any():
        df = df[~blank]
    if len(df) == 0:
        if has_header:
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: the file has a header row but no "
                                                 "data rows; add rows of values below the header"),
                               file=where(p))
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: the file has no data rows; add rows of "
                                             "values below the header"), file=where(p))
    lines_of_rows = df.index.to_numpy() + first_data_line

    n_cols = df.shape[1]
    if n_cols < 2:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: found only one column; a data file "
                                             "needs feature columns and a target column"),
                           file=where(p))
    t = target_column(p, target, n_cols, _header_names(rows, n_cols) if has_header else None)
    info = _info(f, delimiter, decimal, has_header, rows, n_cols, t,
                 ["number" if _is_numeric(df.iloc[:, j]) else "text" for j in range(n_cols)],
                 len(df))
    names = info.column_names

    def column(j: int) -> Message:
        if has_header:
            return message(QT_TRANSLATE_NOOP("data", "{column} (#{number})"),
                           column=column_named(names[j]), number=j + 1)
        return message(QT_TRANSLATE_NOOP("data", "column #{number}"), number=j + 1)

    feature_cols = [j for j in range(n_cols) if j != t]
    X = _numeric_features(p, data, df, feature_cols, lines_of_rows, column, delimiter, n_cols)
    y = _target_values(p, df.iloc[:, t], lines_of_rows, column(t))
    return X, y, info


def _info(f: DataFile, delimiter: str, decimal: str, has_header: bool, rows: list[list[str]],
          n_cols: int, target: int, types: list[str], n_rows: int) -> TableInfo:
    """The one place a text table's TableInfo is made, for peek_text and read_text alike."""
    names = _header_names(rows, n_cols) if has_header else default_names(n_cols, target)
    body = rows[1:] if has_header else rows
    return TableInfo(path=f.path, kind="csv", delimiter=delimiter, has_header=has_header,
                     column_names=names, column_types=types, target_index=target, n_rows=n_rows,
                     preview=[list(r) for r in body[:PREVIEW_ROWS]], decimal=decimal)


def _header_names(rows: list[list[str]], n_cols: int) -> list[str]:
    """The names in the header row (the first sampled row), stripped; an empty or missing name
    becomes "column J" (1-based)."""
    names = [c.strip() or f"column {j + 1}" for j, c in enumerate(rows[0][:n_cols])]
    return names + [f"column {j + 1}" for j in range(len(names), n_cols)]


def _checked_text(f: DataFile) -> bytes:
    """The file's bytes, BOM removed, after refusing empty, UTF-16 and binary (NUL) content."""
    p = f.path
    data = f.read_bytes()
    if not data.strip():
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: the file is empty; a data file needs "
                                             "rows of numbers with the target in one column"),
                           file=where(p))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: the file is UTF-16 encoded; save it as "
                                             "UTF-8 (e.g. 'CSV UTF-8' in a spreadsheet)"),
                           file=where(p))
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: contains a NUL byte, so this looks "
                                             "like a binary file, not text; {readable}"),
                           file=where(p, _line_at(data, nul)), readable=message(READABLE))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    return data


def _sniff(f: DataFile) -> tuple[bytes, int, str, list[list[str]], str, bool]:
    """The checked bytes of a text table and what its first 64 KB say: (data, leading blank
    lines, delimiter, sample rows, decimal mark, header row?)."""
    data = _checked_text(f)
    lines, leading_blank = _sample_lines(data)
    delimiter, rows, decimal = _sniff_delimiter(lines)
    if delimiter is None:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: found only one column (looked for ',', "
                                             "tab and ';' between values); a data file needs "
                                             "feature columns and a target column"),
                           file=where(f.path))
    return data, leading_blank, delimiter, rows, decimal, _looks_like_header(rows, decimal)


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
    return _unnamed_columns_header(first, below, texts, filled)


def _unnamed_columns_header(first: list[str], below: list[list[str]], texts: list[int],
                            filled: list[int]) -> bool:
    """True for a header as pandas writes it for a frame with unnamed columns: the numbered
    columns named 0, 1, 2, ... (or from 1), the named ones by text that never appears in their
    column below (so it is a name, not a label like the ones below)."""
    numbers = [first[j].strip() for j in filled if j not in texts]
    if not numbers or not all(c.isdigit() for c in numbers):
        return False
    start = int(numbers[0])
    if start not in (0, 1) or [int(c) for c in numbers] != list(range(start, start + len(numbers))):
        return False
    for j in texts:
        if first[j].strip() in {r[j].strip() for r in below if j < len(r)}:
            return False
    return True


def _parse(p: Path, data: bytes, delimiter: str, decimal: str, has_header: bool,
           leading_blank: int, rows: list[list[str]]) -> pd.DataFrame:
    """pandas' C parser over the whole file; its exceptions come back as DatasetError."""
    import pandas as pd

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
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: byte {byte} is not UTF-8 text; save "
                                             "the file as UTF-8 (e.g. 'CSV UTF-8' in a spreadsheet)"),
                           file=where(p, _line_at(data, pos)), byte=byte) from None
    except pd.errors.EmptyDataError:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: the file holds no columns; a data file "
                                             "needs rows of values"), file=where(p)) from None
    except pd.errors.ParserError as e:
        m = _FIELDS_RE.search(str(e))
        if m:
            expected, line, saw = (int(g) for g in m.groups())
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: has {saw} fields but the lines "
                                                 "above have {expected}; every row needs the same "
                                                 "number of values (look for a stray or missing "
                                                 "delimiter)"),
                               file=where(p, line), saw=saw, expected=expected) from None
        msg = str(e).replace("Error tokenizing data. C error: ", "").strip()
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: cannot be parsed as delimited text "
                                             "({reason}); check the quotes and delimiters"),
                           file=where(p), reason=msg) from None
    except pd.errors.ParserWarning:
        n_names = len(rows[0]) if rows else 0
        line, n_fields = _first_overlong_line(data, delimiter, n_names)
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: has {saw} fields but the header names "
                                             "only {names} columns; name every column in the header "
                                             "or remove the extra values"),
                           file=where(p, line), saw=n_fields, names=n_names) from None
    except MemoryError:
        raise DatasetError(TOO_LARGE_ROWS, file=where(p)) from None
    except (ValueError, OSError) as e:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: cannot be read as a table ({reason}); "
                                             "{readable}"),
                           file=where(p), reason=e, readable=message(READABLE)) from None


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


def _is_numeric(col: pd.Series) -> bool:
    import pandas as pd
    return pd.api.types.is_numeric_dtype(col.dtype) or pd.api.types.is_bool_dtype(col.dtype)


def _numeric_features(p: Path, data: bytes, df: pd.DataFrame, feature_cols: list[int],
                      lines_of_rows: np.ndarray, column, delimiter: str,
                      n_cols: int) -> np.ndarray:
    """Feature columns as float64 (n, d); the first empty, NaN, infinite or text cell in file
    order is reported with its line and column."""
    import pandas as pd

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
                raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: has {values} values but the file "
                                                     "has {columns} columns, so {column} is missing; "
                                                     "fill in every value or remove the row"),
                                   file=where(p, line), values=len(fields), columns=n_cols,
                                   column=column(j))
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: the cell is empty (a missing value); "
                                                 "fill it in or remove the row"), file=loc)
        text = str(cell).strip()
        value = float(X[row, k]) if _is_numeric(df.iloc[:, j]) else _as_float(text)
        if value is None or np.isfinite(value):
            # pandas did not take it as a number (Python's float() may, e.g. '1_000').
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: {value} is not a number; feature "
                                                 "columns must be numeric (pick another target "
                                                 "column or remove the text)"),
                               file=loc, value=shown(text))
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: the value {value} is {kind}; every "
                                             "feature value must be a finite number, so fix or "
                                             "remove the row"),
                           file=loc, value=shown(text), kind=non_finite(value))
    return X


def _target_values(p: Path, col: pd.Series, lines_of_rows: np.ndarray, column: Message) -> np.ndarray:
    """The target column as int64, float64, bool or str, shape (n,); empty or non-finite cells
    are errors."""
    import pandas as pd

    missing = col.isna().to_numpy()
    if missing.any():
        row = int(np.argmax(missing))
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: the target cell is empty; every row "
                                             "needs a target value, so fill it in or remove the "
                                             "row"), file=where(p, int(lines_of_rows[row]), column))
    if pd.api.types.is_bool_dtype(col.dtype):
        return col.to_numpy(dtype=bool)
    if pd.api.types.is_integer_dtype(col.dtype):
        if pd.api.types.is_unsigned_integer_dtype(col.dtype) and int(col.max()) > _INT64_MAX:
            # beyond int64 they would wrap to negative numbers: keep them exact, as labels
            return np.asarray(col.astype(str).to_numpy(dtype=object), dtype=str)
        return col.to_numpy(dtype=np.int64)
    if _is_numeric(col):
        y = col.to_numpy(dtype=np.float64)
    else:
        text = col.astype(str).str.strip()
        numbers = pd.to_numeric(text, errors="coerce")
        words = text.str.lower().isin(_NAN_WORDS)
        if (numbers.isna() & ~words).any() or text.str.fullmatch(r"[+-]?\d+").all():
            # labels; whole numbers here are ones pandas found too big for int64, which as
            # floats would lose digits (two labels could become one)
            return np.asarray(text.to_numpy(dtype=object), dtype=str)
        # A numeric column with 'nan'/'inf' words in it: report them as numbers.
        y = numbers.to_numpy(dtype=np.float64, na_value=np.nan)
    bad = ~np.isfinite(y)
    if bad.any():
        row = int(np.argmax(bad))
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: the target value {value} is {kind}; "
                                             "every target must be a finite number or a label"),
                           file=where(p, int(lines_of_rows[row]), column),
                           value=shown(str(col.iloc[row]).strip()), kind=non_finite(y[row]))
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
