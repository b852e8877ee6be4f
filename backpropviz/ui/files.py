"""The File menu: open data and models, save models, examples, recent files (exports: exports.py).

Everything that touches disk goes through the data layer, the engine's model file or
``backpropviz.export``; their error messages are shown as they are, and a failure leaves the
app as it was. Saves are atomic (a temporary file, then a rename).
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox, QWidget

from ..i18n import QT_TRANSLATE_NOOP, localized
from ..data import BUILTINS, DatasetError, load_dataset
from ..data.idx import looks_like_idx
from ..engine import EngineError, ModelFileError, Network, OptimizerConfig
from ..engine.schedule import LRSchedule
from ..recipe import Architecture, check_fits, choose_head
from .dataset_picker import description
from .dialogs import ask_path, fail
from .exports import Exports
from .state import AppState

if TYPE_CHECKING:
    from .data_dialog import DataDialog

MAX_RECENT = 8
MODEL_SUFFIXES = (".json",)


class FileActions(QObject):
    """Builds the File menu on ``window`` and carries out its commands."""

    lesson_opened = Signal(object)      # a lessons.Lesson

    def __init__(self, window: QWidget, state: AppState, settings: QSettings | None = None,
                 pictures: dict[str, Callable[[], QWidget]] | None = None):
        super().__init__(window)
        self.window = window
        self.state = state
        self.settings = settings
        self.model_path: str | None = None
        self.data_dialog: DataDialog | None = None
        # made here, not in build_menu, so that the data picker's Recent button can share it
        self.recent_menu = QMenu(self.tr("&Recent files"), window)
        self.builtin_menu = QMenu(self.tr("&Built-in data"), window)
        self.exports = Exports(window, state, self._last_dir, pictures or {})

    # --- the menu --------------------------------------------------------------------------------
    def build_menu(self, menu: QMenu) -> None:
        def add(text, slot, key=None, target=menu):
            a = QAction(text, target)
            if key:
                a.setShortcut(QKeySequence(key))
            a.triggered.connect(lambda *_: slot())
            target.addAction(a)
            return a
        add(self.tr("&Open data…"), self.open_data, "Ctrl+O")
        add(self.tr("Open data &folder (IDX images)…"), self.open_data_folder)
        # the two shared menus are kept (the data picker holds Recent) and filled afresh
        self.builtin_menu.clear()
        self.builtin_menu.setTitle(self.tr("&Built-in data"))
        self.recent_menu.setTitle(self.tr("&Recent files"))
        menu.addMenu(self.builtin_menu)
        for name in BUILTINS:
            kind = re.split("[:：]", description(name))[0]         # "2-D classification"
            a = add(f"{name}  ({kind})", lambda n=name: self.open_builtin(n), target=self.builtin_menu)
            a.setToolTip(description(name))
        self.builtin_menu.setToolTipsVisible(True)
        add(self.tr("Open &model…"), self.open_model)
        add(self.tr("&Save model"), self.save_model, "Ctrl+S")
        add(self.tr("Save model &as…"), self.save_model_as, "Ctrl+Shift+S")
        menu.addSeparator()
        self.exports.build_menu(menu.addMenu(self.tr("&Export")))
        self.examples_menu = menu.addMenu(self.tr("E&xamples"))
        self._fill_examples()
        menu.addMenu(self.recent_menu)
        self._fill_recent()
        menu.addSeparator()

    def _fill_examples(self) -> None:
        from ..lessons import LESSONS
        for lesson in LESSONS:
            a = QAction(QCoreApplication.translate("lessons", lesson.title), self.window)
            a.triggered.connect(lambda *_, key=lesson.key: self.open_lesson(key))
            self.examples_menu.addAction(a)

    def model_filter(self) -> str:
        return self.tr("backpropviz models (*.json);;All files (*)")

    # --- messages --------------------------------------------------------------------------------
    def _fail(self, title: str, message: object) -> None:
        fail(self.window, self.state, title, message)

    def _ask_path(self, save: bool, caption: str, filter_: str, suggested: str = "") -> str | None:
        return ask_path(self.window, save, caption, filter_, suggested)

    # --- data ------------------------------------------------------------------------------------
    def _ask_data_path(self) -> str | None:
        """The file dialog for data; it also takes a typed name that is no file, so that
        builtin:NAME can be typed into it (a plain open dialog answers "file not found")."""
        from .data_dialog import data_filter     # (the dialogs load when first asked for)
        dlg = QFileDialog(self.window, self.tr("Open data (or type builtin:NAME)"), self._last_dir(),
                          data_filter())
        dlg.setAcceptMode(QFileDialog.AcceptOpen)
        dlg.setFileMode(QFileDialog.AnyFile)
        dlg.setOption(QFileDialog.DontUseNativeDialog, True)
        dlg.setLabelText(QFileDialog.FileName, self.tr("File or builtin:NAME"))
        self.file_dialog = dlg
        if dlg.exec() != QDialog.Accepted or not dlg.selectedFiles():
            return None
        return dlg.selectedFiles()[0]

    def open_data_folder(self) -> DataDialog | None:
        """Ask for a folder (MNIST's four IDX files), then show its preview."""
        path = QFileDialog.getExistingDirectory(self.window, self.tr("Open a folder of IDX "
                                                                     "images"), self._last_dir())
        return self.open_data(path) if path else None

    def open_data(self, path: str | None = None) -> DataDialog | None:
        """Ask for a file (unless given), then show its preview; OK loads it. A name of the
        form builtin:NAME (typed alone or after a folder) loads that built-in set at once."""
        path = path or self._ask_data_path()
        if not path:
            return None
        name = builtin_name(path)
        if name is not None:
            self.open_builtin(name)
            return None
        frac = (self.state.dataset.load_args or {}).get("test_fraction", 0.2)
        from .data_dialog import DataDialog
        from .images_dialog import ImagesDialog
        dialog = ImagesDialog if looks_like_idx(path) else DataDialog
        dlg = dialog(path, self.window, test_fraction=frac, seed=self.state.architecture.seed)
        self.data_dialog = dlg
        dlg.accepted.connect(lambda: self._use_dataset(dlg))
        dlg.open()
        return dlg

    def _use_dataset(self, dlg: DataDialog) -> None:
        ds = dlg.dataset
        if ds is None:
            return
        try:
            self.state.set_dataset(ds)
        except EngineError as e:
            self._fail(self.tr("Cannot use this data"), self.tr("{file}: {problem}").format(
                file=Path(dlg.path).name, problem=localized(e)))
            return
        self._remember(dlg.path, "data", dlg.choices())
        self.state.message.emit(self.tr("Loaded {what}").format(what=localized(ds.summary())))

    def open_builtin(self, name: str, n: int | None = None, noise: float | None = None) -> bool:
        """Load built-in ``name`` (n and noise for the generated ones; None: its defaults) with
        the current test share and seed; the hidden layers are kept, the output fits the data."""
        frac = (self.state.dataset.load_args or {}).get("test_fraction", 0.2)
        choices = {"n": n, "noise": noise, "test_fraction": frac, "seed": self.state.architecture.seed}
        try:
            ds = load_dataset(f"builtin:{name}", **choices)
            self.state.set_dataset(ds, self._fitting(ds))
        except (DatasetError, EngineError) as e:
            self._fail(self.tr("Cannot open the data set"), e)
            return False
        self._remember(f"builtin:{name}", "data", choices)
        self.state.message.emit(self.tr("Loaded {what}").format(what=localized(ds.summary())))
        return True

    def _fitting(self, ds) -> Architecture:
        """The current architecture, with an automatic output and loss when its own do not
        suit ``ds`` (another task, or a head that refuses the data)."""
        arch = self.state.architecture
        try:
            if ds.task == self.state.dataset.task:
                choose_head(ds, arch.output, arch.loss)
                return arch
        except EngineError:
            pass
        return dataclasses.replace(arch, output="auto", loss="auto")

    def open_recent_data(self, path: str, choices: dict) -> None:
        try:
            ds = load_dataset(path, **choices)
            self.state.set_dataset(ds, self._fitting(ds))
        except TypeError:          # remembered by another version: open it afresh
            self.open_data(path)
            return
        except (DatasetError, EngineError) as e:
            self._fail(self.tr("Cannot open data"), e)
            return
        self._remember(path, "data", choices)

    # --- models ----------------------------------------------------------------------------------
    def open_model(self, path: str | None = None) -> bool:
        path = path or self._ask_path(False, self.tr("Open model"), self.model_filter(), self._last_dir())
        if not path:
            return False
        try:
            net = Network.load(path)
        except ModelFileError as e:
            self._fail(self.tr("Cannot open the model"), e)
            return False
        return self.use_model(net, path)

    def use_model(self, net: Network, path: str | None = None) -> bool:
        """Use a model; if its sizes do not fit the data, offer its architecture with fresh
        weights instead (or cancel)."""
        try:
            check_fits(net, self.state.dataset)
        except EngineError as e:
            why = localized(e)
            answer = QMessageBox.question(
                self.window, self.tr("The model does not fit the data"),
                self.tr("{why}.").format(why=why[:1].upper() + why[1:]) + "\n\n" +
                self.tr("Keep the model's hidden layers with fresh weights for this data?"),
                QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel)
            if answer != QMessageBox.Yes:
                return False
            arch = Architecture(list(net.sizes[1:-1]), list(net.activations[:-1]),
                                seed=self.state.architecture.seed)
            try:
                self.state.set_architecture(arch)
            except EngineError as e:
                self._fail(self.tr("Cannot use the model"), e)
                return False
            self.state.message.emit(self.tr("Using the model's architecture with fresh weights"))
            return True
        try:
            self.state.set_network(net)
        except EngineError as e:
            self._fail(self.tr("Cannot use the model"), e)
            return False
        if path:
            self.model_path = path
            self._remember(path, "model")
            self.state.message.emit(self.tr("Opened {name}").format(name=Path(path).name))
        return True

    def save_model(self) -> bool:
        if self.model_path is None:
            return self.save_model_as()
        return self._save_model(self.model_path)

    def save_model_as(self) -> bool:
        path = self._ask_path(True, self.tr("Save model"), self.model_filter(), self.model_path or
                              str(Path(self._last_dir()) / "model.json"))
        if not path:
            return False
        if not Path(path).suffix:
            path += ".json"
        return self._save_model(path)

    def _save_model(self, path: str) -> bool:
        try:
            self.state.net.save(path)
        except (OSError, ValueError) as e:
            self._fail(self.tr("Cannot save the model"), self.tr("{file}: {problem}").format(
                file=path, problem=getattr(e, "strerror", None) or localized(e)))
            return False
        self.model_path = path
        self._remember(path, "model")
        self.state.message.emit(self.tr("Saved {name}").format(name=Path(path).name))
        return True

    # --- lessons ---------------------------------------------------------------------------------
    def open_lesson(self, key: str) -> None:
        from ..lessons import get
        lesson = get(key)
        try:
            ds = lesson.dataset()
            net = lesson.network(ds) if lesson.model is not None else None   # before any change
            with self.state.undo.change(QT_TRANSLATE_NOOP("undo", "open a lesson")):
                self.state.set_dataset(ds, lesson.architecture)
                if net is not None:
                    self.state.set_network(net)
        except (DatasetError, EngineError) as e:
            self._fail(self.tr("Cannot open the example"), e)
            return
        self.state.set_step_lr(lesson.step_lr)
        self.state.set_optimizer(OptimizerConfig(lesson.optimizer, lr=lesson.lr,
                                                   train_biases=lesson.train_biases), lesson.batch,
                                 LRSchedule.parse(lesson.schedule))
        self.state.set_speed(lesson.speed)
        self.model_path = None
        self.lesson_opened.emit(lesson)

    # --- settings and recent files ---------------------------------------------------------------
    def _last_dir(self) -> str:
        if self.settings is None:
            return ""
        return str(self.settings.value("files/last_dir", ""))

    def recent(self) -> list[dict]:
        if self.settings is None:
            return []
        import json
        try:
            items = json.loads(str(self.settings.value("files/recent", "[]")))
        except ValueError:
            return []
        return [i for i in items if isinstance(i, dict) and "path" in i][:MAX_RECENT]

    def _remember(self, path: str, kind: str, choices: dict | None = None) -> None:
        if self.settings is None:
            return
        import json
        builtin = builtin_name(path) is not None
        path = path if builtin else str(Path(path).resolve())
        items = [i for i in self.recent() if i["path"] != path]
        items.insert(0, {"path": path, "kind": kind, "choices": choices or {}})
        self.settings.setValue("files/recent", json.dumps(items[:MAX_RECENT]))
        if not builtin:
            self.settings.setValue("files/last_dir", str(Path(path).parent))
        if kind == "data":
            self.settings.setValue("files/last_data", json.dumps({"path": path, "choices": choices or {}}))
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        items = self.recent()
        self.recent_menu.setEnabled(bool(items))
        for item in items:
            kind = {"model": self.tr("model"), "data": self.tr("data")}.get(item["kind"], item["kind"])
            a = QAction(f"{Path(item['path']).name}  ({kind})", self.window)
            a.setToolTip(item["path"])
            if item["kind"] == "model":
                a.triggered.connect(lambda *_, p=item["path"]: self.open_model(p))
            else:
                a.triggered.connect(lambda *_, p=item["path"], c=item.get("choices", {}):
                                    self.open_recent_data(p, c))
            self.recent_menu.addAction(a)


def builtin_name(path: str) -> str | None:
    """NAME if ``path`` says builtin:NAME (alone, or as typed into a file dialog, which puts
    its folder in front), else None."""
    tail = str(path).replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not tail.lower().startswith("builtin:"):
        return None
    return tail[len("builtin:"):].strip().lower()
