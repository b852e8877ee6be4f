"""The engine's error types. Each carries a one-line message a user can act on.

The message is an :class:`~backpropviz.i18n.Message`: ``str(error)`` is English, and the window
shows it in its own language. Raise them with a marked template and its values::

    raise EngineError(QT_TRANSLATE_NOOP("engine", "learning rate must be positive, not {lr}"), lr=lr)
"""
from __future__ import annotations

from ..i18n import QT_TRANSLATE_NOOP, Message

#: the translation context of every engine message (tests/ui/test_i18n.py checks the raise sites)
CONTEXT = "engine"


class EngineError(ValueError):
    """A request the engine cannot honour: a bad architecture, hyperparameter or input."""

    def __init__(self, message: str | Message, /, **fields: object) -> None:
        self.message = message if isinstance(message, Message) else Message(CONTEXT, message, **fields)
        super().__init__(str(self.message))


class ModelFileError(EngineError):
    """A model file or model dict that cannot be read: wrong format, shapes or numbers."""


def message(template: str, /, **fields: object) -> Message:
    """An engine Message (a note, or a piece of one); ``template`` marked with context "engine"."""
    return Message(CONTEXT, template, **fields)


#: messages given in more than one place
LR_POSITIVE = QT_TRANSLATE_NOOP("engine", "learning rate must be a positive number, not {lr}")
