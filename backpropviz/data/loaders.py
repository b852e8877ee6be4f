"""Opening a data file: find out what kind of file it is and hand it to its reader.

:func:`read_table` returns the *raw* table: features as float64, the target column as it was
read (int, float, bool or str), and a :class:`TableInfo` that the preview dialog shows. Choosing
the task, encoding the classes, splitting and standardising happen in ``dataset.py``.

The readers: delimited text in ``text_table.py``, NumPy ``.npy``/``.npz`` in ``numpy_table.py``.
Each takes a :class:`DataFile` and a target choice and returns ``(X, y, info)``.
"""
from __future__ import annotations

import stat
import sys
from pathlib import Path

import numpy as np

from . import numpy_table, text_table
from ..i18n import QT_TRANSLATE_NOOP
from .errors import CANNOT_READ, PERMISSION_DENIED, TOO_LARGE_ROWS, DatasetError, message, shown, where
from .idx import looks_like_idx
from .numpy_table import NPY_MAGIC, ZIP_MAGICS
from .table import DataFile, TableInfo
from .text_table import READABLE

#: file types people try that we do not read, with the advice to give
UNSUPPORTED = {
    ".xlsx": QT_TRANSLATE_NOOP("data", "an Excel workbook"),
    ".xls": QT_TRANSLATE_NOOP("data", "an Excel workbook"),
    ".ods": QT_TRANSLATE_NOOP("data", "a spreadsheet"),
    ".json": "JSON", ".parquet": "Parquet", ".feather": "Feather", ".h5": "HDF5", ".hdf5": "HDF5",
    ".pkl": QT_TRANSLATE_NOOP("data", "a pickle"), ".pickle": QT_TRANSLATE_NOOP("data", "a pickle"),
    ".mat": QT_TRANSLATE_NOOP("data", "a MATLAB file"),
    ".zip": QT_TRANSLATE_NOOP("data", "a zip archive"),
    ".gz": QT_TRANSLATE_NOOP("data", "a gzip archive"),
    ".bz2": QT_TRANSLATE_NOOP("data", "a bzip2 archive"),
    ".xz": QT_TRANSLATE_NOOP("data", "an xz archive"),
    ".7z": QT_TRANSLATE_NOOP("data", "a 7-Zip archive"),
}

#: the spec that reads standard input, as in most command-line tools
STDIN = "-"
#: what was read from each pipe (or "-"), so that reading the same spec again (the preview, then
#: the load, then a reload with other options) sees the same data, as it would from a file
_STREAMS: dict[str, bytes] = {}

#: the reader of each kind of file: read(f, target) -> (X, y, info)
READERS = {"npy": numpy_table.read_npy, "npz": numpy_table.read_npz, "csv": text_table.read_text}


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
    f, kind = _identify(path)
    return READERS[kind](f, target)


def peek_table(path: str | Path) -> TableInfo:
    """What read_table would find, from the first 64 KB of a text file, without checking a cell:
    for a preview dialog to offer the columns (target_index is the last one) before loading.

    column_types are guessed from the sampled rows; n_rows counts the non-blank lines below the
    header in the whole file. Other files are read in full (they are checked as they load).
    Raises DatasetError if the file cannot be read at all (missing, empty, binary, one column).
    """
    f, kind = _identify(path)
    if kind == "csv":
        return text_table.peek_text(f)
    return READERS[kind](f, None)[2]


def _identify(path: str | Path) -> tuple[DataFile, str]:
    """The file and its kind ("npy", "npz" or "csv"), refusing types we do not read."""
    if str(path).strip() == STDIN:
        if STDIN not in _STREAMS:
            _STREAMS[STDIN] = _read_stream(Path("<stdin>"), sys.stdin.buffer)
        p = Path("<stdin>")
        f = DataFile(p, _STREAMS[STDIN][:16], _STREAMS[STDIN])
    else:
        p = Path(path).expanduser()
        if not p.is_dir() and looks_like_idx(p):
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: holds IDX images (MNIST's "
                                                 "format), not a table; open it as a data set "
                                                 "(--data, File > Open data folder), which reads its "
                                                 "labels too"), file=where(p))
        f = _open(p)
    suffix = p.suffix.lower()
    if suffix in UNSUPPORTED:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: {kind} cannot be read; {readable}, "
                                             "so export the data as CSV"),
                           file=where(p), kind=message(UNSUPPORTED[suffix]), readable=message(READABLE))
    head = f.head
    if suffix == ".npy" or head.startswith(NPY_MAGIC):
        return f, "npy"
    if suffix == ".npz" or head.startswith(ZIP_MAGICS):
        return f, "npz"
    return f, "csv"


def _open(p: Path) -> DataFile:
    """``p`` with its first bytes, after checking that it can be read. A pipe (``/dev/stdin``,
    ``<(command)``) is read whole, once: peeking at its first bytes would lose them."""
    try:
        if not p.exists():
            if p.suffix == "" and not p.parent.parts:
                raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: no such file (for a bundled "
                                                     "data set write 'builtin:{name}'); check the "
                                                     "path"), file=p, name=p.name)
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: no such file; check the path"), file=p)
        if p.is_dir():
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: is a folder, not a file; choose a "
                                                 "data file inside it"), file=p)
        if not stat.S_ISREG(p.stat().st_mode):
            key = str(p)
            if key not in _STREAMS:
                with open(p, "rb") as fh:
                    _STREAMS[key] = _read_stream(p, fh)
            return DataFile(p, _STREAMS[key][:16], _STREAMS[key])
        with open(p, "rb") as fh:
            return DataFile(p, fh.read(16))
    except PermissionError:
        raise DatasetError(PERMISSION_DENIED, file=p) from None
    except ValueError as e:  # e.g. a NUL character in the path
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: not a usable path ({reason}); check the "
                                             "path"), file=shown(str(p)), reason=e) from None
    except OSError as e:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: cannot be opened ({reason}); check the "
                                             "path"), file=p, reason=e.strerror or e) from None


def _read_stream(p: Path, fh) -> bytes:
    """Everything a pipe holds, read to its end."""
    try:
        return fh.read()
    except MemoryError:
        raise DatasetError(TOO_LARGE_ROWS, file=where(p)) from None
    except OSError as e:
        raise DatasetError(CANNOT_READ, file=where(p), reason=e.strerror or e) from None
