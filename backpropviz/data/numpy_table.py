"""NumPy data files: a 2-D ``.npy`` array (target in a column, the last by default) and an
``.npz`` archive of arrays ``X`` (2-D) and ``y`` (1-D, or 2-D for several regression targets).

Each array's header (shape, dtype) is read and checked before its data: pickled and object
arrays are never loaded (that could run code), a member that is not a .npy file is named, and an
array too big for the memory left is refused before a byte of it is allocated, however small
the compressed archive. While reading and checking, no more than about twice the array is held.
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import BinaryIO

import numpy as np
from numpy.lib import format as npy_format

from ..i18n import QT_TRANSLATE_NOOP, Message
from .errors import TOO_LARGE, DatasetError, message, non_finite, where
from .memory import check_memory
from .table import PREVIEW_ROWS, DataFile, TableInfo, default_names, target_column

NPY_MAGIC = b"\x93NUMPY"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
SAVE_NPZ = message(QT_TRANSLATE_NOOP("data", "save it with numpy.savez(path, X=features, y=targets)"))
_INT64_MAX = np.iinfo(np.int64).max
_KINDS_HELD = {"U": QT_TRANSLATE_NOOP("data", "text"), "S": QT_TRANSLATE_NOOP("data", "bytes"),
               "V": QT_TRANSLATE_NOOP("data", "records (a structured dtype)"),
               "c": QT_TRANSLATE_NOOP("data", "complex numbers"),
               "O": QT_TRANSLATE_NOOP("data", "Python objects"),
               "M": QT_TRANSLATE_NOOP("data", "dates"), "m": QT_TRANSLATE_NOOP("data", "time spans")}
#: the arrays messages name
THE_ARRAY = message(QT_TRANSLATE_NOOP("data", "the array"))
ARRAY_X = message(QT_TRANSLATE_NOOP("data", "array {name}"), name="'X'")
ARRAY_Y = message(QT_TRANSLATE_NOOP("data", "array {name}"), name="'y'")
ARRAY_Y_2D = message(QT_TRANSLATE_NOOP("data", "array 'y' (2-D, so regression targets)"))


class _Header:
    """What a .npy header declares: shape, dtype and memory order, read without the data."""

    def __init__(self, shape: tuple[int, ...], fortran: bool, dtype: np.dtype) -> None:
        self.shape, self.fortran, self.dtype = tuple(int(s) for s in shape), fortran, dtype

    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def nbytes(self) -> int:
        return int(np.prod(self.shape, dtype=object)) * self.dtype.itemsize


def _read_header(p: Path, fh: BinaryIO, what: Message) -> _Header:
    """The header of the .npy data that ``fh`` starts with; DatasetError if there is none."""
    try:
        version = npy_format.read_magic(fh)
    except Exception:  # the magic string is not there: text, or anything else, named X.npy
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: {what} is not a NumPy array (no .npy "
                                             "header); {advice}"),
                           file=where(p), what=what, advice=SAVE_NPZ) from None
    try:
        if version == (1, 0):
            shape, fortran, dtype = npy_format.read_array_header_1_0(fh)
        elif version == (2, 0):
            shape, fortran, dtype = npy_format.read_array_header_2_0(fh)
        else:  # 3.0 only differs in the header's text encoding
            shape, fortran, dtype = npy_format._read_array_header(fh, version)
    except Exception as e:  # a damaged header makes NumPy raise nearly anything
        raise _load_error(p, e, what) from None
    return _Header(shape, fortran, dtype)


def _load_error(p: Path, e: Exception, what: Message) -> DatasetError:
    text = str(e)
    if "pickle" in text.lower() or "object arrays" in text.lower():
        return DatasetError(QT_TRANSLATE_NOOP("data", "{file}: {what} holds Python objects (a pickled "
                                              "or object array), which are never loaded because "
                                              "that could run code; save plain numeric arrays"),
                            file=where(p), what=what)
    return DatasetError(QT_TRANSLATE_NOOP("data", "{file}: {what} cannot be read ({reason}); save it "
                                          "again with numpy.save / numpy.savez"),
                        file=where(p), what=what, reason=text)


def _check_dtype(p: Path, dtype: np.dtype, what: Message, kinds: str) -> None:
    if dtype.hasobject:
        raise _load_error(p, ValueError("object arrays"), what)
    if dtype.kind not in kinds:
        kind = message(_KINDS_HELD[dtype.kind]) if dtype.kind in _KINDS_HELD else str(dtype)
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: {what} holds {kind}; it must hold "
                                             "plain numbers"), file=where(p), what=what, kind=kind)


def _first_nonfinite(p: Path, a: np.ndarray, what: Message, columns: list[int] | None = None) -> None:
    """Raise for the first NaN or infinite value of a 1-D or 2-D float array (rows 1-based).

    columns: the file's column of each column of ``a`` (of ``a`` itself, for 1-D), if not its own.
    """
    if a.dtype.kind != "f" or np.isfinite(a).all():   # one boolean array: 1/8 of ``a``
        return
    bad = ~np.isfinite(a)
    if a.ndim == 1:
        row, col = int(np.argmax(bad)), None
        value = a[row]
        if columns is not None:
            col = columns[0]
    else:
        row = int(np.argmax(bad.any(axis=1)))
        col = int(np.argmax(bad[row]))
        value = a[row, col]
        if columns is not None:
            col = columns[col]
    if col is None:
        at = message(QT_TRANSLATE_NOOP("data", "{file}, {what} row {row}"), file=where(p), what=what,
                     row=row + 1)
    else:
        at = message(QT_TRANSLATE_NOOP("data", "{file}, {what} row {row}, column {column}"),
                     file=where(p), what=what, row=row + 1, column=col + 1)
    raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: the value is {kind}; every value must be a "
                                         "finite number"), file=at, kind=non_finite(value))


def _labels(y: np.ndarray) -> np.ndarray:
    """Integer targets as int64, except integers beyond int64 (uint64 above 2**63 - 1), which stay
    exact as text labels instead of wrapping to negative numbers."""
    if y.dtype.kind == "u" and y.size and int(y.max()) > _INT64_MAX:
        return y.astype(str)
    if y.dtype.kind in "iu":
        return y.astype(np.int64)
    return y


def _number_text(v: object) -> str:
    return f"{v:g}" if isinstance(v, (float, np.floating)) else str(v)


def read_npy(f: DataFile, target: str | int | None
             ) -> tuple[np.ndarray, np.ndarray, TableInfo]:
    """Raw features X (float64, (n, d)) and the target column (int64, float64, bool, or str for
    integers beyond int64; (n,)) of a 2-D .npy array, and its TableInfo."""
    p = f.path
    if not f.head.startswith(NPY_MAGIC):
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: not a NumPy .npy file (its header is "
                                             "missing); save it with numpy.save, or give a CSV "
                                             "file"), file=where(p))
    with f.open() as fh:
        h = _read_header(p, fh, THE_ARRAY)
    _check_dtype(p, h.dtype, THE_ARRAY, "biuf")
    if h.ndim != 2:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: the array has shape {shape}; a .npy "
                                             "data file must be 2-D, one row per sample, with the "
                                             "target in the last column"),
                           file=where(p), shape=h.shape)
    n, n_cols = h.shape
    if n == 0:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: the array has no rows; it needs one row "
                                             "per sample"), file=where(p))
    if n_cols < 2:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: the array has one column; it needs "
                                             "feature columns and a target column (the last)"),
                           file=where(p))
    t = target_column(p, target, n_cols, None)
    # A file on disk is mapped, not read: only X, converted to float64, takes memory.
    held = h.nbytes if f.content is not None else 0
    check_memory(p, held + n * (n_cols - 1) * 8,
                 message(QT_TRANSLATE_NOOP("data", "loading {rows} rows x {columns} columns"),
                         rows=f"{n:,}", columns=f"{n_cols:,}"))
    try:
        if f.content is not None:
            with f.open() as fh:
                a = np.load(fh, allow_pickle=False)
        else:
            a = np.load(p, mmap_mode="r", allow_pickle=False)
        X = np.empty((n, n_cols - 1), dtype=np.float64)
        X[:, :t] = a[:, :t]
        X[:, t:] = a[:, t + 1:]
        y = _labels(np.array(a[:, t]))
        preview = [[_number_text(v) for v in row] for row in a[:PREVIEW_ROWS].tolist()]
    except MemoryError:
        raise DatasetError(TOO_LARGE, file=where(p)) from None
    except Exception as e:  # a damaged or truncated file makes NumPy raise nearly anything
        raise _load_error(p, e, THE_ARRAY) from None
    del a
    feature_cols = [j for j in range(n_cols) if j != t]
    _first_nonfinite(p, X, THE_ARRAY, feature_cols)
    _first_nonfinite(p, y, THE_ARRAY, [t])
    info = TableInfo(path=p, kind="npy", delimiter=None, has_header=False,
                     column_names=default_names(n_cols, t), column_types=["number"] * n_cols,
                     target_index=t, n_rows=n, preview=preview)
    return X, y, info


def read_npz(f: DataFile, target: str | int | None
             ) -> tuple[np.ndarray, np.ndarray, TableInfo]:
    """Raw features X (float64, (n, d)) and y (int64, float64, bool or str; (n,) or (n, k)) of an
    .npz archive, and its TableInfo."""
    p = f.path
    if target is not None:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: an .npz file carries its target in the "
                                             "array 'y'; leave the target column unset"),
                           file=where(p))
    if not f.head.startswith(ZIP_MAGICS):
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: not a NumPy .npz archive; {advice}"),
                           file=where(p), advice=SAVE_NPZ)
    try:
        with f.open() as fh, zipfile.ZipFile(fh) as z:
            X, y = _read_npz_members(p, z)
    except DatasetError:
        raise
    except MemoryError:
        raise DatasetError(TOO_LARGE, file=where(p)) from None
    except Exception as e:  # zipfile.BadZipFile, ValueError, OSError, EOFError, ...
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: not a readable .npz archive ({reason}); "
                                             "{advice}"),
                           file=where(p), reason=e, advice=SAVE_NPZ) from None
    _first_nonfinite(p, X, ARRAY_X)
    _first_nonfinite(p, y, ARRAY_Y)
    n, d = X.shape
    k = 1 if y.ndim == 1 else y.shape[1]
    feature_names = [f"x{j + 1}" for j in range(d)]
    target_names = ["y"] if k == 1 else [f"y{j + 1}" for j in range(k)]
    y_cols = y.reshape(n, -1)
    preview = [[_number_text(v) for v in xr] + [_number_text(v) for v in yr]
               for xr, yr in zip(X[:PREVIEW_ROWS].tolist(), y_cols[:PREVIEW_ROWS].tolist())]
    y_type = "text" if y.dtype.kind == "U" else "number"
    info = TableInfo(path=p, kind="npz", delimiter=None, has_header=False,
                     column_names=feature_names + target_names,
                     column_types=["number"] * d + [y_type] * k, target_index=d, n_rows=n,
                     preview=preview, n_targets=k)
    return X, y, info


def _read_npz_members(p: Path, z: zipfile.ZipFile) -> tuple[np.ndarray, np.ndarray]:
    """X as float64 (n, d) and y as int64/float64/bool/str, after checking both headers."""
    # numpy.savez stores array X as the member "X.npy"; NumPy also takes a bare "X"
    members = {(n[:-4] if n.endswith(".npy") else n): n for n in z.namelist()}
    for key in ("X", "y"):
        if key not in members:
            if members:
                raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: has no array named {name} (it "
                                                     "holds {held}); {advice}"),
                                   file=where(p), name=repr(key), advice=SAVE_NPZ,
                                   held=", ".join(repr(m) for m in list(members)[:8]))
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: has no array named {name} (it holds "
                                                 "nothing); {advice}"),
                               file=where(p), name=repr(key), advice=SAVE_NPZ)
    headers = {}
    for key, what in (("X", ARRAY_X), ("y", ARRAY_Y)):
        with z.open(members[key]) as m:
            headers[key] = _read_header(p, m, what)
    hx, hy = headers["X"], headers["y"]
    _check_dtype(p, hx.dtype, ARRAY_X, "biuf")
    if hx.ndim != 2:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: array 'X' has shape {shape}; it must be "
                                             "2-D (samples, features)"),
                           file=where(p), shape=hx.shape)
    if hy.ndim == 2:
        _check_dtype(p, hy.dtype, ARRAY_Y_2D, "biuf")
    else:
        _check_dtype(p, hy.dtype, ARRAY_Y, "biufUS")
    if hy.ndim not in (1, 2):
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: array 'y' has shape {shape}; it must be "
                                             "1-D (one target per sample) or 2-D (samples, "
                                             "outputs)"), file=where(p), shape=hy.shape)
    if hx.shape[0] != hy.shape[0]:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: array 'X' has {x_rows} rows but 'y' has "
                                             "{y_rows}; they need one row per sample each"),
                           file=where(p), x_rows=hx.shape[0], y_rows=hy.shape[0])
    if hx.shape[0] == 0 or hx.shape[1] == 0 or (hy.ndim == 2 and hy.shape[1] == 0):
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: arrays of shape {x_shape} and {y_shape} "
                                             "hold no data; X needs rows and feature columns"),
                           file=where(p), x_shape=hx.shape, y_shape=hy.shape)
    n, d = hx.shape
    as_float = 0 if hx.dtype == np.float64 and not hx.fortran else n * d * 8
    check_memory(p, hx.nbytes + as_float + 2 * hy.nbytes,
                 message(QT_TRANSLATE_NOOP("data", "loading array 'X' of {rows} rows x {columns} "
                                           "columns"), rows=f"{n:,}", columns=f"{d:,}"))
    X = _read_member(p, z, members["X"], ARRAY_X)
    X = np.ascontiguousarray(X, dtype=np.float64)   # no copy when it is float64 already
    y = _read_member(p, z, members["y"], ARRAY_Y)
    if y.dtype.kind == "S":
        y = np.char.decode(y, "utf-8", errors="replace")
    return X, _labels(y)


def _read_member(p: Path, z: zipfile.ZipFile, name: str, what: Message) -> np.ndarray:
    """One member's array, read in chunks straight into its final buffer."""
    try:
        with z.open(name) as m:
            return npy_format.read_array(m, allow_pickle=False)
    except MemoryError:
        raise DatasetError(TOO_LARGE, file=where(p)) from None
    except Exception as e:  # damaged members raise nearly anything
        raise _load_error(p, e, what) from None
