"""The data layer's one error type, and the helpers that word its messages.

Every problem with a data set, from a missing file to a text cell in a numeric column, reaches the
caller as a :class:`DatasetError` whose message is one line: which file, where in it (line and
column, counted as a text editor counts them, the header being line 1) and what to do. The CLI and
the window show that line as it is, never a traceback: ``str(error)`` in English, the window in its
own language (the message is an :class:`~backpropviz.i18n.Message`, a marked template and its
values)::

    raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: the file is empty"), file=where(p))
"""
from __future__ import annotations

from pathlib import Path

from ..i18n import QT_TRANSLATE_NOOP, Message

#: the translation context of every data message (tests/ui/test_i18n.py checks the raise sites)
CONTEXT = "data"


def message(template: str, /, **fields: object) -> Message:
    """A data-layer Message (a note or a piece of one); ``template`` marked with context "data"."""
    return Message(CONTEXT, template, **fields)


class DatasetError(Exception):
    """A data set that cannot be built: a bad file, a bad cell, a bad option or an unknown name."""

    def __init__(self, message: str | Message, /, **fields: object) -> None:
        self.message = message if isinstance(message, Message) else Message(CONTEXT, message, **fields)
        self.message.one_line = True
        super().__init__(str(self.message))


def shown(text: object, limit: int = 40) -> str:
    """``text`` quoted for a message: repr-style, so control characters stay visible, and cut
    to about ``limit`` characters so that a runaway cell cannot flood the message."""
    s = str(text)
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    return repr(s)


def where(path: str | Path, line: int | None = None, column: object = None) -> Message | str:
    """The location prefix of a message: ``"data.csv, line 5, column 'x2' (#2)"``.

    path: the file (only its name is shown); line: 1-based as in an editor; column: already
    worded (a Message such as :func:`column_named`).
    """
    name = Path(path).name or str(path)
    if line is None and column is None:
        return name
    if column is None:
        return message(QT_TRANSLATE_NOOP("data", "{file}, line {line}"), file=name, line=line)
    if line is None:
        return message(QT_TRANSLATE_NOOP("data", "{file}, {column}"), file=name, column=column)
    return message(QT_TRANSLATE_NOOP("data", "{file}, line {line}, {column}"), file=name, line=line,
                   column=column)


def column_named(name: object) -> Message:
    """``column 'x2'``: a column by its header name."""
    return message(QT_TRANSLATE_NOOP("data", "column {name}"), name=shown(name))


#: why a value cannot be used, for messages about one cell
NAN = QT_TRANSLATE_NOOP("data", "NaN (not a number)")
INFINITE = QT_TRANSLATE_NOOP("data", "infinite")


def non_finite(value: float) -> Message:
    """'NaN (not a number)' or 'infinite', for a value that is not a finite number."""
    return message(NAN if value != value else INFINITE)


#: messages several readers give
TOO_LARGE = QT_TRANSLATE_NOOP("data", "{file}: too large to load into memory")
TOO_LARGE_ROWS = QT_TRANSLATE_NOOP("data", "{file}: too large to load into memory; use fewer rows")
CANNOT_READ = QT_TRANSLATE_NOOP("data", "{file}: cannot be read ({reason})")
PERMISSION_DENIED = QT_TRANSLATE_NOOP("data", "{file}: permission denied; make the file readable")
