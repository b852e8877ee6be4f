"""The languages backpropviz speaks, for code that must not import Qt (lessons, explain, export).

The window translates with Qt (``QTranslator``, ``.qm`` files compiled from
``resources/i18n/backpropviz_<lang>.ts``). Text written outside ``ui/`` goes through
:func:`translate` here, which the window points at Qt's ``QCoreApplication.translate``; without
a window (the command line) :func:`use` reads the same ``.ts`` file directly, so both speak
from one catalogue.

``pyside6-lupdate`` collects every ``translate("context", "text")`` and
``QT_TRANSLATE_NOOP("context", "text")`` call it finds, so the literal context and text must be
written in the call. Text with values uses ``{name}`` fields filled by ``.format`` after
translating (the translation keeps the fields).
"""
from __future__ import annotations

import contextlib
import xml.etree.ElementTree as ET
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Callable, Iterator

#: language code -> its name in itself (the View > Language menu, ``--lang``)
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
#: the language the sources are written in
SOURCE_LANGUAGE = "en"
def _i18n_dir() -> Path:
    """resources/i18n of the repository, installed as package data of backpropviz._resources
    (pyproject.toml; setup.py compiles the .qm into a wheel); beside the package in a checkout
    that was never installed."""
    try:
        return Path(str(files("backpropviz._resources"))) / "i18n"
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[1] / "resources" / "i18n"


I18N_DIR = _i18n_dir()

Translate = Callable[[str, str], str]


def ts_path(lang: str) -> Path:
    return I18N_DIR / f"backpropviz_{lang}.ts"


def qm_path(lang: str) -> Path:
    return I18N_DIR / f"backpropviz_{lang}.qm"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate knows)
    """Marks ``text`` for translation in ``context`` and returns it unchanged; it is translated
    where it is shown (a lesson's title is data here and words in the window)."""
    return text


def _identity(context: str, text: str) -> str:
    return text


_current: Translate = _identity


def translate(context: str, text: str) -> str:
    """``text`` in the current language (the window's, or the one chosen with :func:`use`)."""
    return _current(context, text)


def set_translator(fn: Translate | None) -> None:
    """Route :func:`translate` through ``fn`` (the window passes QCoreApplication.translate);
    None: the source language."""
    global _current
    _current = fn or _identity


def catalog(lang: str) -> Translate:
    """A translate function for ``lang`` read from its ``.ts`` file (no Qt needed). Unfinished
    entries fall back to the source text, as Qt does."""
    if lang == SOURCE_LANGUAGE:
        return _identity
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    table = _read_ts(str(ts_path(lang)))
    return lambda context, text: table.get((context, text), text)


@lru_cache(maxsize=4)
def _read_ts(path: str) -> dict[tuple[str, str], str]:
    table = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name", "")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished") or not tr.text:
                continue
            table[(name, msg.findtext("source", ""))] = tr.text
    return table


class Message:
    """A sentence for a person, kept as its template and values so that each reader gets it in
    their language: ``str()`` is English (the command line, logs, tests), :func:`localized` the
    current language (the window). The data and engine layers word their errors and notes as
    Messages without knowing of any window.

    ``template`` is marked where it is written, ``QT_TRANSLATE_NOOP(context, "...")``, so that
    lupdate collects it; its ``{name}`` fields are filled after translating, each value shown in
    the same language (a value may itself be a Message, or an error carrying one).
    """

    __slots__ = ("context", "template", "fields", "one_line")

    def __init__(self, context: str, template: str, /, **fields: object) -> None:
        self.context = context
        self.template = template
        self.fields = fields
        self.one_line = False

    def render(self, tr: Translate) -> str:
        """The sentence with ``tr`` translating the template and every Message among the values."""
        text = tr(self.context, self.template)
        if self.fields:     # a text without fields is whole (and may hold braces: a file name)
            text = text.format(**{k: _render(v, tr) for k, v in self.fields.items()})
        # one line, always, where asked: a cell's text may carry a newline or a tab, and a
        # message that wraps breaks the status bar and the command line's one-line report
        return " ".join(text.split()) if self.one_line else text

    def __str__(self) -> str:
        return self.render(_identity)

    def __repr__(self) -> str:
        return f"Message({self.context!r}, {self.template!r}, **{self.fields!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.context, self.template, self.fields) == \
            (other.context, other.template, other.fields)

    __hash__ = None  # type: ignore[assignment]


def message_of(thing: object) -> Message | None:
    """The Message a thing carries: itself, or an error's ``message``; None for anything else."""
    if isinstance(thing, Message):
        return thing
    m = getattr(thing, "message", None) if isinstance(thing, BaseException) else None
    return m if isinstance(m, Message) else None


def _render(value: object, tr: Translate) -> str:
    m = message_of(value)
    return m.render(tr) if m is not None else str(value)


def localized(thing: object) -> str:
    """What the window shows for ``thing`` in its language: a Message or an error carrying one
    translated, anything else (a text already translated, another error) as ``str()``."""
    return _render(thing, translate)


@contextlib.contextmanager
def use(lang: str) -> Iterator[None]:
    """Within the block, :func:`translate` speaks ``lang`` (read from its ``.ts``)."""
    global _current
    was = _current
    _current = catalog(lang)
    try:
        yield
    finally:
        _current = was
