"""Which column of a table is the target: a guess the Open data dialog offers and names.

Files rarely put the label last when they were not written for us: iris exports put the
species first, spreadsheets add an id column at the end. The guess, in order:
a column named like a label (``label``, ``target``, ``class``, ``y``, ...), else the only text
column, else the last column.
"""
from __future__ import annotations

from .table import TableInfo

#: header names (lower case, stripped) that say "this is what to predict", most telling first
LABEL_NAMES = ("label", "labels", "target", "class", "classes", "y", "species", "category",
               "outcome", "digit", "output", "response")


#: why a column was guessed: its name, it is the only text column, it is the last, it is npz's y
NAMED, ONLY_TEXT, LAST, ARRAY_Y = "named", "only text", "last", "array y"


def guess_target(info: TableInfo) -> tuple[int, str]:
    """(0-based column index, why) for the target of ``info``; ``why`` is NAMED, ONLY_TEXT,
    LAST or ARRAY_Y, for the dialog to say in its own words."""
    names = info.column_names
    n = len(names)
    if info.kind == "npz":
        return info.target_index, ARRAY_Y
    if info.has_header:
        lowered = [name.strip().lower() for name in names]
        for wanted in LABEL_NAMES:
            if wanted in lowered:
                j = lowered.index(wanted)
                return j, NAMED
    text = [j for j, t in enumerate(info.column_types) if t == "text"]
    if len(text) == 1:
        return text[0], ONLY_TEXT
    return n - 1, LAST
