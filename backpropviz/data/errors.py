"""The data layer's one error type, and the helpers that word its messages.

Every problem with a data set, from a missing file to a text cell in a numeric column, reaches the
caller as a :class:`DatasetError` whose message is one line: which file, where in it (line and
column, counted as a text editor counts them, the header being line 1) and what to do. The CLI and
the window show that line as it is, never a traceback.
"""
from __future__ import annotations

from pathlib import Path


class DatasetError(Exception):
    """A data set that cannot be built: a bad file, a bad cell, a bad option or an unknown name."""

    def __init__(self, message: str) -> None:
        # One line, always: offending cell text may carry a newline or a tab, and a message that
        # wraps would break the status bar and the CLI's one-line error report.
        super().__init__(" ".join(str(message).split()))


def shown(text: object, limit: int = 40) -> str:
    """``text`` quoted for a message: repr-style, so control characters stay visible, and cut
    to about ``limit`` characters so that a runaway cell cannot flood the message."""
    s = str(text)
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    return repr(s)


def where(path: str | Path, line: int | None = None, column: str | None = None) -> str:
    """The location prefix of a message: ``"data.csv, line 5, column 'x2' (#2)"``.

    path: the file (only its name is shown); line: 1-based as in an editor; column: already worded.
    """
    parts = [Path(path).name or str(path)]
    if line is not None:
        parts.append(f"line {line}")
    if column is not None:
        parts.append(column)
    return ", ".join(parts)
