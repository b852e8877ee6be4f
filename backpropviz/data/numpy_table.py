"""NumPy data files: a 2-D ``.npy`` array (target in a column, the last by default) and an
``.npz`` archive of arrays ``X`` (2-D) and ``y`` (1-D, or 2-D for several regression targets).

Pickled and object arrays are never loaded: loading them could run code.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from .errors import DatasetError, where
from .table import PREVIEW_ROWS, DataFile, TableInfo, default_names, target_column

NPY_MAGIC = b"\x93NUMPY"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")


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


def read_npy(f: DataFile, target: str | int | None
             ) -> tuple[np.ndarray, np.ndarray, TableInfo]:
    """Raw features X (float64, (n, d)) and the target column (int64, float64 or bool, (n,)) of a
    2-D .npy array, and its TableInfo."""
    p = f.path
    if not f.head.startswith(NPY_MAGIC):
        raise DatasetError(f"{where(p)}: not a NumPy .npy file (its header is missing); save it "
                           "with numpy.save, or give a CSV file")
    try:
        with f.open() as fh:
            a = np.load(fh, allow_pickle=False)
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
    t = target_column(p, target, n_cols, None)
    feature_cols = [j for j in range(n_cols) if j != t]
    X = np.ascontiguousarray(a[:, feature_cols], dtype=np.float64)
    y = a[:, t].copy()
    if y.dtype.kind in "iu":
        y = y.astype(np.int64)
    _first_nonfinite(p, a, "the array")
    info = TableInfo(path=p, kind="npy", delimiter=None, has_header=False,
                     column_names=default_names(n_cols, t), column_types=["number"] * n_cols,
                     target_index=t, n_rows=n,
                     preview=[[_number_text(v) for v in row] for row in a[:PREVIEW_ROWS].tolist()])
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
        raise DatasetError(f"{where(p)}: not a NumPy .npz archive; save it with "
                           "numpy.savez(path, X=features, y=targets)")
    arrays = {}
    try:
        with f.open() as fh, np.load(fh, allow_pickle=False) as z:
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
    target_names = ["y"] if k == 1 else [f"y{j + 1}" for j in range(k)]
    y_cols = y.reshape(len(y), -1)
    preview = [[_number_text(v) for v in xr] + [_number_text(v) for v in yr]
               for xr, yr in zip(X[:PREVIEW_ROWS].tolist(), y_cols[:PREVIEW_ROWS].tolist())]
    y_type = "text" if y.dtype.kind == "U" else "number"
    info = TableInfo(path=p, kind="npz", delimiter=None, has_header=False,
                     column_names=feature_names + target_names,
                     column_types=["number"] * d + [y_type] * k, target_index=d, n_rows=X.shape[0],
                     preview=preview, n_targets=k)
    return Xf, y, info
