"""A combo box of the names in ``choices.py``, each shown in the window's language.

The item's data is the name itself (what the engine and the command line take: "auto",
"momentum"); the text is its translation in the context "choices" (the same name in English).
Read it with :meth:`ChoiceBox.key`, set it with :meth:`ChoiceBox.set_key`, and listen to
``chosen``: a change of language changes the texts, never the choice, so ``currentTextChanged``
is not the signal to follow.
"""
from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QComboBox

from ..i18n import QT_TRANSLATE_NOOP

#: the names that read as words (the others, tanh, relu, sgd..., stay as they are)
WORDS = (QT_TRANSLATE_NOOP("choices", "auto"), QT_TRANSLATE_NOOP("choices", "linear"),
         QT_TRANSLATE_NOOP("choices", "uniform"), QT_TRANSLATE_NOOP("choices", "momentum"),
         QT_TRANSLATE_NOOP("choices", "mse"), QT_TRANSLATE_NOOP("choices", "half_sse"),
         QT_TRANSLATE_NOOP("choices", "bce"), QT_TRANSLATE_NOOP("choices", "cross_entropy"),
         QT_TRANSLATE_NOOP("choices", "xavier"), QT_TRANSLATE_NOOP("choices", "he"),
         QT_TRANSLATE_NOOP("choices", "leaky_relu"), QT_TRANSLATE_NOOP("choices", "zeros"),
         QT_TRANSLATE_NOOP("choices", "normal:1"), QT_TRANSLATE_NOOP("choices", "normal:0.01"),
         QT_TRANSLATE_NOOP("choices", "classification"), QT_TRANSLATE_NOOP("choices", "regression"))


def choice_text(key: str) -> str:
    """A choice's name as the window shows it."""
    return QCoreApplication.translate("choices", key)


class ChoiceBox(QComboBox):
    chosen = Signal(str)          # the name of the newly chosen item

    def __init__(self, keys: Iterable[str], parent=None):
        super().__init__(parent)
        for key in keys:
            self.addItem(choice_text(key), key)
        self.currentIndexChanged.connect(lambda _: self.chosen.emit(self.key()))

    def key(self) -> str:
        return self.currentData()

    def set_key(self, key: str) -> None:
        """Choose ``key``; a name that is not offered leaves the choice as it was (as
        ``setCurrentText`` does)."""
        i = self.findData(key)
        if i >= 0:
            self.setCurrentIndex(i)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            for i in range(self.count()):
                self.setItemText(i, choice_text(self.itemData(i)))
        super().changeEvent(event)
