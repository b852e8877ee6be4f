"""The two questions every file command asks: which file, and (when it fails) telling why."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..i18n import localized
from .state import AppState


def fail(window: QWidget, state: AppState, title: str, message: object) -> None:
    """Say what went wrong in the status bar and in a message box, in the window's language:
    ``message`` is a translated text, or an error (or Message) from the data or engine layer."""
    text = localized(message)
    state.message.emit(text)
    QMessageBox.warning(window, title, text)


def ask_path(window: QWidget, save: bool, caption: str, filter_: str, suggested: str = "") -> str | None:
    """A file to open or save, or None if the person cancelled."""
    if save:
        path, _ = QFileDialog.getSaveFileName(window, caption, suggested, filter_)
    else:
        path, _ = QFileDialog.getOpenFileName(window, caption, suggested, filter_)
    return path or None
