"""Pages made when first seen: the window paints its first view without building what that
view hides (hidden tabs, the plots of tabs not chosen)."""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyPage(QWidget):
    """Holds the widget ``build()`` makes, made the first time the page is shown or
    ``content()`` is asked for."""

    def __init__(self, build: Callable[[], QWidget], parent=None):
        super().__init__(parent)
        self._build = build
        self._content: QWidget | None = None
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)

    def content(self) -> QWidget:
        if self._content is None:
            self._content = self._build()
            self.layout().addWidget(self._content)
            self._content.show()        # (a child added to a shown widget stays hidden otherwise)
        return self._content

    def built(self) -> QWidget | None:
        """The content if it has been made, else None (asking never makes it)."""
        return self._content

    def showEvent(self, event) -> None:
        self.content()
        super().showEvent(event)
