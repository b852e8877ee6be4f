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

from .errors import DatasetError, where
from .memory import check_memory
from .table import PREVIEW_ROWS, DataFile, TableInfo, default_names, target_column

NPY_MAGIC = b"\x93NUMPY"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
SAVE_NPZ = "save it with numpy.savez(path, X=features, y=targets)"
_INT64_MAX = np.iinfo(np.int64).max
_KINDS_HELD = {"U": "text", "S": "bytes", "V": "records (a structured dtype)",
               "c": "complex numbers", "O": "Python objects", "M": "dates", "m": "time spans"}


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


def _read_header(p: Path, fh: BinaryIO, what: str) -> _Header:
    """The header of the .npy data that ``fh`` starts with; DatasetError if there is none."""
    try:
        version = npy_format.read_magic(fh)
    except Exception:  # the magic string is not there: text, or anything else, named X.npy
        raise DatasetError(f"{where(p)}: {what} is not a NumPy array (no .npy header); "
                           f"{SAVE_NPZ}") from None
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


def _load_error(p: Path, e: Exception, what: str) -> DatasetError:
    text = str(e)
    if "pickle" in text.lower() or "object arrays" in text.lower():
        return DatasetError(f"{where(p)}: {what} holds Python objects (a pickled or object array), "
                            "which are never loaded because that could run code; save plain "
                            "numeric arrays")
    return DatasetError(f"{where(p)}: {what} cannot be read ({text}); save it again with "
                        "numpy.save / numpy.savez")


def _check_dtype(p: Path, dtype: np.dtype, what: str, kinds: str) -> None:
    if dtype.hasobject:
        raise _load_error(p, ValueError("object arrays"), what)
    if dtype.kind not in kinds:
        kind = _KINDS_HELD.get(dtype.kind, str(dtype))
        raise DatasetError(f"{where(p)}: {what} holds {kind}; it must hold plain numbers")


def _first_nonfinite(p: Path, a: np.ndarray, what: str, columns: list[int] | None = None) -> None:
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
    kind = "NaN (not a number)" if np.isnan(value) else "infinite"
    at = f"row {row + 1}" + (f", column {col + 1}" if col is not None else "")
    raise DatasetError(f"{where(p)}, {what} {at}: the value is {kind}; every value must be a "
                       "finite number")


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
        raise DatasetError(f"{where(p)}: not a NumPy .npy file (its header is missing); save it "
                           "with numpy.save, or give a CSV file")
    with f.open() as fh:
        h = _read_header(p, fh, "the array")
    _check_dtype(p, h.dtype, "the array", "biuf")
    if h.ndim != 2:
        raise DatasetError(f"{where(p)}: the array has shape {h.shape}; a .npy data file must be "
                           "2-D, one row per sample, with the target in the last column")
    n, n_cols = h.shape
    if n == 0:
        raise DatasetError(f"{where(p)}: the array has no rows; it needs one row per sample")
    if n_cols < 2:
        raise DatasetError(f"{where(p)}: the array has one column; it needs feature columns and "
                           "a target column (the last)")
    t = target_column(p, target, n_cols, None)
    # A file on disk is mapped, not read: only X, converted to float64, takes memory.
    held = h.nbytes if f.content is not None else 0
    check_memory(p, held + n * (n_cols - 1) * 8,
                 f"loading {n:,} rows x {n_cols:,} columns")
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
        raise DatasetError(f"{where(p)}: too large to load into memory") from None
    except Exception as e:  # a damaged or truncated file makes NumPy raise nearly anything
        raise _load_error(p, e, "the array") from None
    del a
    feature_cols = [j for j in range(n_cols) if j != t]
    _first_nonfinite(p, X, "the array", feature_cols)
    _first_nonfinite(p, y, "the array", [t])
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
        raise DatasetError(f"{where(p)}: an .npz file carries its target in the array 'y'; leave "
                           "the target column unset")
    if not f.head.startswith(ZIP_MAGICS):
        raise DatasetError(f"{where(p)}: not a NumPy .npz archive; {SAVE_NPZ}")
    try:
        with f.open() as fh, zipfile.ZipFile(fh) as z:
            X, y = _read_npz_members(p, z)
    except DatasetError:
        raise
    except MemoryError:
        raise DatasetError(f"{where(p)}: too large to load into memory") from None
    except Exception as e:  # zipfile.BadZipFile, ValueError, OSError, EOFError, ...
        raise DatasetError(f"{where(p)}: not a readable .npz archive ({e}); {SAVE_NPZ}") from None
    _first_nonfinite(p, X, "array 'X'")
    _first_nonfinite(p, y, "array 'y'")
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
            held = ", ".join(repr(m) for m in list(members)[:8]) or "nothing"
            raise DatasetError(f"{where(p)}: has no array named {key!r} (it holds {held}); "
                               f"{SAVE_NPZ}")
    headers = {}
    for key in ("X", "y"):
        with z.open(members[key]) as m:
            headers[key] = _read_header(p, m, f"array {key!r}")
    hx, hy = headers["X"], headers["y"]
    _check_dtype(p, hx.dtype, "array 'X'", "biuf")
    if hx.ndim != 2:
        raise DatasetError(f"{where(p)}: array 'X' has shape {hx.shape}; it must be 2-D "
                           "(samples, features)")
    if hy.ndim == 2:
        _check_dtype(p, hy.dtype, "array 'y' (2-D, so regression targets)", "biuf")
    else:
        _check_dtype(p, hy.dtype, "array 'y'", "biufUS")
    if hy.ndim not in (1, 2):
        raise DatasetError(f"{where(p)}: array 'y' has shape {hy.shape}; it must be 1-D (one "
                           "target per sample) or 2-D (samples, outputs)")
    if hx.shape[0] != hy.shape[0]:
        raise DatasetError(f"{where(p)}: array 'X' has {hx.shape[0]} rows but 'y' has "
                           f"{hy.shape[0]}; they need one row per sample each")
    if hx.shape[0] == 0 or hx.shape[1] == 0 or (hy.ndim == 2 and hy.shape[1] == 0):
        raise DatasetError(f"{where(p)}: arrays of shape {hx.shape} and {hy.shape} hold no data; "
                           "X needs rows and feature columns")
    n, d = hx.shape
    as_float = 0 if hx.dtype == np.float64 and not hx.fortran else n * d * 8
    check_memory(p, hx.nbytes + as_float + 2 * hy.nbytes,
                 f"loading array 'X' of {n:,} rows x {d:,} columns")
    X = _read_member(p, z, members["X"], "array 'X'")
    X = np.ascontiguousarray(X, dtype=np.float64)   # no copy when it is float64 already
    y = _read_member(p, z, members["y"], "array 'y'")
    if y.dtype.kind == "S":
        y = np.char.decode(y, "utf-8", errors="replace")
    return X, _labels(y)


def _read_member(p: Path, z: zipfile.ZipFile, name: str, what: str) -> np.ndarray:
    """One member's array, read in chunks straight into its final buffer."""
    try:
        with z.open(name) as m:
            return npy_format.read_array(m, allow_pickle=False)
    except MemoryError:
        raise DatasetError(f"{where(p)}: too large to load into memory") from None
    except Exception as e:  # damaged members raise nearly anything
        raise _load_error(p, e, what) from None
