"""The window's language: Qt translators for backpropviz and for Qt's own dialogs.

``set_language("zh_CN")`` installs ``backpropviz_zh_CN.qm`` (compiled from
``resources/i18n/backpropviz_zh_CN.ts`` by ``make i18n``) and Qt's ``qtbase_zh_CN.qm`` (the
standard dialogs' buttons), and points :func:`backpropviz.i18n.translate` at Qt. Installing a
translator sends every widget a LanguageChange event: widgets set their texts again in
``changeEvent`` (see ``MainWindow.retranslate``).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from .. import i18n

SETTINGS_KEY = "ui/language"

_installed: list[QTranslator] = []
_language = i18n.SOURCE_LANGUAGE


class TranslationMissing(FileNotFoundError):
    """The compiled catalogue of a language is not there (run ``make i18n``)."""


def system_language() -> str:
    """The language of the system's locale if backpropviz speaks it, else English."""
    for name in QLocale.system().uiLanguages():
        name = name.replace("-", "_")
        if name.startswith("zh") and not any(t in name for t in ("TW", "HK", "MO", "Hant")):
            return "zh_CN"
        if name.startswith("en"):
            return "en"
    return i18n.SOURCE_LANGUAGE


def language() -> str:
    """The language the window speaks now."""
    return _language


def set_language(lang: str) -> None:
    """Speak ``lang`` from now on: widgets receive LanguageChange (delivered before this returns)."""
    global _language
    if lang not in i18n.LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(i18n.LANGUAGES)}")
    app = QCoreApplication.instance()
    new: list[QTranslator] = []
    if lang != i18n.SOURCE_LANGUAGE:
        ours = QTranslator(app)
        path = i18n.qm_path(lang)
        if not ours.load(str(path)):
            raise TranslationMissing(f"{path}: the {i18n.LANGUAGES[lang]} translation is not "
                                     "compiled; run make i18n")
        qt = QTranslator(app)
        # Qt's own words (OK, Cancel, the file dialog); a Qt without them is not an error
        if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
            new.append(qt)
        new.append(ours)
    for t in _installed:
        QCoreApplication.removeTranslator(t)
    _installed[:] = new
    for t in new:
        QCoreApplication.installTranslator(t)
    _language = lang
    QLocale.setDefault(QLocale(lang))
    i18n.set_translator(QCoreApplication.translate)
    if not new:
        # removing translators posts LanguageChange too, but only when one was installed
        QCoreApplication.sendEvent(app, QEvent(QEvent.LanguageChange))
    QCoreApplication.sendPostedEvents(None, QEvent.LanguageChange)


def initial_language(requested: str | None, settings=None) -> str:
    """--lang if given, else the language chosen last time, else the system's."""
    if requested:
        return requested
    if settings is not None:
        saved = str(settings.value(SETTINGS_KEY, "") or "")
        if saved in i18n.LANGUAGES:
            return saved
    return system_language()
