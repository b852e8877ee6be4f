"""What every reader of a data file hands back: :class:`TableInfo`, and the column naming and
target choice that delimited text and NumPy files share."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

from ..i18n import QT_TRANSLATE_NOOP
from .errors import CANNOT_READ, TOO_LARGE_ROWS, DatasetError, message, shown, where
from .memory import check_memory, size_text

#: how many rows of a file the preview (TableInfo.preview, the Open data dialog) shows
PREVIEW_ROWS = 10


@dataclass
class TableInfo:
    """What a data file turned out to hold; the preview dialog shows it before loading.

    column_names / column_types: every column in file order, the target included; a type is
    "number" or "text". target_index: the target's position in column_names; n_targets: how many
    columns from there on are targets (more than 1 only for an .npz whose ``y`` is 2-D, whose
    target columns follow the features). preview: the first rows of the file as written (str
    cells). feature_names and target_name are read off column_names, never stored twice.
    """
    path: Path
    kind: str                     # "csv" | "npy" | "npz"
    delimiter: str | None         # ",", "\t" or ";" for text; None for NumPy files
    has_header: bool
    column_names: list[str]
    column_types: list[str]
    target_index: int
    n_rows: int
    preview: list[list[str]]
    decimal: str = "."            # "," for text like "1,5;2,0;1" (semicolons, decimal commas)
    n_targets: int = 1

    @property
    def feature_names(self) -> list[str]:
        """The columns that became X, in file order."""
        end = self.target_index + self.n_targets
        return [n for j, n in enumerate(self.column_names) if not self.target_index <= j < end]

    @property
    def target_name(self) -> str:
        """The target column's name; for several target columns (y1, y2, ...) their stem (y)."""
        name = self.column_names[self.target_index]
        return name if self.n_targets == 1 else name.rstrip("0123456789") or name


def default_names(n_cols: int, target: int) -> list[str]:
    """Names for a table without a header: x1, x2, ... for the features, y for the target."""
    names, k = [], 0
    for j in range(n_cols):
        if j == target:
            names.append("y")
        else:
            k += 1
            names.append(f"x{k}")
    return names


def target_column(p: Path, target: str | int | None, n_cols: int,
                  names: list[str] | None) -> int:
    """The 0-based column of the target, from a name, an index (negative allowed) or None.

    A string of digits that names no column is taken as an index, so "--target 2" on the
    command line works like target=2. A name that several columns share is refused: picking
    one of them would be a guess.
    """
    if target is None:
        return n_cols - 1
    if isinstance(target, str) and (names is None or target.strip() not in names) \
            and re.fullmatch(r"[+-]?\d+", target.strip()):
        target = int(target)
    if isinstance(target, (int, np.integer)) and not isinstance(target, bool):
        if -n_cols <= target < n_cols:
            return int(target) % n_cols
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: target column index {target} is out "
                                             "of range; the file has {n} columns (0..{last}, or -1 "
                                             "for the last)"),
                           file=where(p), target=target, n=n_cols, last=n_cols - 1)
    if isinstance(target, str):
        if names is None:
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: the file has no header row (or is "
                                                 "a .npy array), so no column is named {name}; give "
                                                 "the target as a 0-based column index"),
                               file=where(p), name=shown(target))
        for wanted in (target, target.strip()):
            hits = [j for j, n in enumerate(names) if n == wanted]
            if len(hits) > 1:
                columns = message(QT_TRANSLATE_NOOP("data", "{columns} and {last}"),
                                  columns=", ".join(f"#{j + 1}" for j in hits[:-1]),
                                  last=f"#{hits[-1] + 1}")
                raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: columns {columns} are all named "
                                                     "{name}, so the target is ambiguous; rename them "
                                                     "in the header or give the target as a 0-based "
                                                     "column index"),
                                   file=where(p), columns=columns, name=shown(wanted))
            if hits:
                return hits[0]
        listed = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: no column named {name}; the columns "
                                             "are {columns} (or give a 0-based index)"),
                           file=where(p), name=shown(target), columns=listed)
    raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: target must be a column name or an index, "
                                         "not {type}"), file=where(p), type=type(target).__name__)


@dataclass(frozen=True)
class DataFile:
    """A data file as the readers see it: its path (named in every message), its first bytes
    (which tell the file type) and, when it came from a pipe, its whole content, read once, since
    a pipe cannot be read twice."""
    path: Path
    head: bytes
    content: bytes | None = None

    def open(self) -> BinaryIO:
        """The file's bytes as a binary file object (the caller closes it)."""
        if self.content is not None:
            return io.BytesIO(self.content)
        return open(self.path, "rb")

    def read_bytes(self) -> bytes:
        """The whole file, as bytes."""
        if self.content is not None:
            return self.content
        try:
            size = self.path.stat().st_size
        except OSError:
            size = 0
        check_memory(self.path, size, message(QT_TRANSLATE_NOOP("data", "reading this {size} file"),
                                              size=size_text(size)))
        try:
            return self.path.read_bytes()
        except MemoryError:
            raise DatasetError(TOO_LARGE_ROWS, file=where(self.path)) from None
        except OSError as e:
            raise DatasetError(CANNOT_READ, file=where(self.path), reason=e.strerror or e) from None
