"""File > Export: the sample's trace, a worked example, the training history, pictures.

Exports only read: the state's numbers, or a picture of a view. Writes are atomic."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from .. import i18n
from ..engine import EngineError
from ..i18n import QT_TRANSLATE_NOOP, localized
from . import i18n as ui_i18n
from .dialogs import ask_path, fail
from .state import AppState

# the pictures File > Export offers besides the whole window: (key, menu text)
PICTURES = (("network", QT_TRANSLATE_NOOP("Exports", "&Network picture")),
            ("loss", QT_TRANSLATE_NOOP("Exports", "&Loss plot")),
            ("accuracy", QT_TRANSLATE_NOOP("Exports", "&Accuracy plot")),
            ("gradients", QT_TRANSLATE_NOOP("Exports", "&Gradient plot")),
            ("data", QT_TRANSLATE_NOOP("Exports", "&Data plot")))


class Exports(QObject):
    """The Export menu's commands. ``pictures`` maps each key of PICTURES to a function giving
    the widget shown (some are made only when first needed)."""

    def __init__(self, window: QWidget, state: AppState, last_dir: Callable[[], str],
                 pictures: dict[str, Callable[[], QWidget]]):
        super().__init__(window)
        self.window = window
        self.state = state
        self._last_dir = last_dir
        self.pictures = pictures

    def build_menu(self, menu: QMenu) -> None:
        def add(text, slot):
            a = QAction(text, menu)
            a.triggered.connect(lambda *_: slot())
            menu.addAction(a)
        add(self.tr("This sample's &trace (JSON)…"), self.export_trace)
        add(self.tr("&Worked example (Markdown)…"), self.export_markdown)
        for lang, name in i18n.LANGUAGES.items():      # the window's language is the one above
            if lang != ui_i18n.language():
                add(self.tr("Worked example in {language} (Markdown)…").format(language=name),
                    lambda lang=lang: self.export_markdown(lang))
        add(self.tr("Training &history (CSV)…"), self.export_history)
        add(self.tr("&PyTorch script…"), self.export_pytorch)
        add(self.tr("&Window as PNG…"), lambda: self.export_png("window"))
        for key, text in PICTURES:
            add(self.tr("{picture} as PNG…").format(picture=self.tr(text)),
                lambda key=key: self.export_png(key))

    def _export_text(self, caption: str, filter_: str, name: str, make_text) -> str | None:
        from ..export import save_text
        path = ask_path(self.window, True, caption, filter_, str(Path(self._last_dir()) / name))
        if not path:
            return None
        try:
            save_text(path, make_text())
        except OSError as e:
            fail(self.window, self.state, self.tr("Cannot export"), f"{path}: {e.strerror or e}")
            return None
        self.state.message.emit(self.tr("Exported {name}").format(name=Path(path).name))
        return path

    def _trace_and_net(self):
        st = self.state.stepper
        if st is None:
            raise EngineError(self.tr("the kernels are still being prepared"))
        return st.trace, st.net_before()

    def export_trace(self) -> str | None:
        from ..export import trace_json
        try:
            trace, _ = self._trace_and_net()
        except EngineError as e:
            fail(self.window, self.state, self.tr("Cannot export"), e)
            return None
        return self._export_text(self.tr("Export trace"), "JSON (*.json)", "trace.json",
                                 lambda: trace_json(trace))

    def export_markdown(self, lang: str | None = None) -> str | None:
        """The worked example as Markdown, in ``lang`` (default: the window's language)."""
        from ..export import worked_example_markdown
        try:
            trace, before = self._trace_and_net()
        except EngineError as e:
            fail(self.window, self.state, self.tr("Cannot export"), e)
            return None
        lang = lang or ui_i18n.language()

        def text() -> str:
            with i18n.use(lang):
                title = i18n.translate("Exports", "Backpropagation, worked: sample {index} of "
                                       "{data}").format(index=self.state.sample_index,
                                                        data=self.state.dataset.name)
                return worked_example_markdown(before, trace, title=title)
        name = "worked-example.md" if lang == i18n.SOURCE_LANGUAGE else f"worked-example-{lang}.md"
        return self._export_text(self.tr("Export worked example"), "Markdown (*.md)", name, text)

    def export_history(self) -> str | None:
        from ..export import history_csv
        h = self.state.history
        if h is None:
            fail(self.window, self.state, self.tr("Nothing to export"),
                 self.tr("there is no training history yet: train first"))
            return None
        return self._export_text(self.tr("Export training history"), "CSV (*.csv)", "history.csv",
                                 lambda: history_csv(h, self.state.dataset.task == "classification"))

    def export_pytorch(self, epochs: int | None = None) -> str | None:
        """The network as it is now, trained for ``epochs`` (asked when None) with the window's
        data, optimiser, batch size and seed, as a standalone PyTorch script."""
        from ..export_pytorch import pytorch_script
        st = self.state
        if epochs is None:
            from PySide6.QtWidgets import QInputDialog
            epochs, ok = QInputDialog.getInt(
                self.window, self.tr("Export PyTorch script"),
                self.tr("The script trains this network from its current weights, with this "
                        "data, optimiser, batch size and seed, for how many epochs?"), 10, 1, 100000)
            if not ok:
                return None
        try:
            text = pytorch_script(st.net, st.dataset, st.optimizer, batch=st.batch,
                                  epochs=int(epochs), seed=st.architecture.seed,
                                  schedule=st.schedule,
                                  command=self.tr("the backpropviz window"))
        except EngineError as e:
            fail(self.window, self.state, self.tr("Cannot export"), e)
            return None
        return self._export_text(self.tr("Export PyTorch script"), self.tr("Python (*.py)"),
                                 "train_torch.py", lambda: text)

    def export_png(self, what: str) -> str | None:
        """Save a picture of ``what`` ("window" or a key of ``pictures``) as PNG."""
        widget = self.window if what == "window" else self.pictures[what]()
        path = ask_path(self.window, True, self.tr("Export picture"), "PNG (*.png)",
                        str(Path(self._last_dir()) / f"{what}.png"))
        if not path:
            return None
        if not path.lower().endswith(".png"):
            path += ".png"
        tmp = Path(path).with_name(f".{Path(path).name}.tmp.png")
        try:
            if not widget.grab().save(str(tmp), "PNG"):
                raise OSError(self.tr("cannot write the picture"))
            tmp.replace(path)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            fail(self.window, self.state, self.tr("Cannot export"),
                 f"{path}: {getattr(e, 'strerror', None) or e}")
            return None
        self.state.message.emit(self.tr("Exported {name}").format(name=Path(path).name))
        return path
