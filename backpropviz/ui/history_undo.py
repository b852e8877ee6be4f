"""Undo and redo for what a click can throw away: the data set, the architecture, the weights
(a reset, new weights, a hand edit, a loaded model) and the training history that went with them.

AppState wraps each such change in ``with state.undo.change("what"):``; the snapshot of the
state before it is kept only if the change went through (an EngineError leaves no entry), and
changes nested inside one another (a lesson sets data, then its network) make one entry.
A snapshot holds a copy of the network and references to the rest, which are replaced, never
changed in place, by the state.
"""
from __future__ import annotations

import dataclasses
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

from PySide6.QtCore import QObject, Signal

#: how many changes can be undone
MAX_UNDO = 50


@dataclass
class Snapshot:
    """What the window showed before a change."""
    label: str                     # the change that came after it, e.g. "new weights"
    dataset: Any
    architecture: Any
    net: Any                       # a copy, with its own parameter array
    sample_index: int
    selected: tuple[int, int] | None
    frame: Any
    history: Any


class UndoHistory(QObject):
    """Two stacks of Snapshots of one AppState; ``changed`` says the labels may have changed."""

    changed = Signal()

    def __init__(self, state):
        super().__init__(state)
        self.state = state
        self.undo_stack: list[Snapshot] = []
        self.redo_stack: list[Snapshot] = []
        self._depth = 0

    def snapshot(self, label: str) -> Snapshot:
        s = self.state
        return Snapshot(label, s.dataset, dataclasses.replace(
            s.architecture, hidden=list(s.architecture.hidden),
            activations=list(s.architecture.activations)), s.net.copy(),
            s.sample_index, s.selected, s.frame, s.history)

    @contextmanager
    def change(self, label: str) -> Iterator[None]:
        """Record the state before the body as one undo step, if the body does not raise."""
        self._depth += 1
        before = self.snapshot(label) if self._depth == 1 else None
        try:
            yield
        finally:
            self._depth -= 1
        if before is not None:
            self.undo_stack.append(before)
            del self.undo_stack[:-MAX_UNDO]
            self.redo_stack.clear()
            self.changed.emit()

    @property
    def can_undo(self) -> bool:
        return bool(self.undo_stack)

    @property
    def can_redo(self) -> bool:
        return bool(self.redo_stack)

    def undo_label(self) -> str | None:
        return self.undo_stack[-1].label if self.undo_stack else None

    def redo_label(self) -> str | None:
        return self.redo_stack[-1].label if self.redo_stack else None

    def undo(self) -> bool:
        """Go back to the state before the last change; False if there is none."""
        return self._move(self.undo_stack, self.redo_stack)

    def redo(self) -> bool:
        """Make the last undone change again; False if there is none."""
        return self._move(self.redo_stack, self.undo_stack)

    def _move(self, source: list[Snapshot], target: list[Snapshot]) -> bool:
        if not source or self._depth:
            return False
        snap = source.pop()
        target.append(self.snapshot(snap.label))
        self.state.restore(snap)
        self.changed.emit()
        return True
