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


def guess_target(info: TableInfo) -> tuple[int, str]:
    """(0-based column index, why) for the target of ``info``; ``why`` is a short phrase
    such as "the column named 'species'" for the dialog to show."""
    names = info.column_names
    n = len(names)
    if info.kind == "npz":
        return info.target_index, "the array y"
    if info.has_header:
        lowered = [name.strip().lower() for name in names]
        for wanted in LABEL_NAMES:
            if wanted in lowered:
                j = lowered.index(wanted)
                return j, f"the column named '{names[j]}'"
    text = [j for j, t in enumerate(info.column_types) if t == "text"]
    if len(text) == 1:
        return text[0], f"the only text column, '{names[text[0]]}'"
    return n - 1, f"the last column, '{names[-1]}'"
