"""File > Export: the sample's trace, a worked example, the training history, pictures.

Exports only read: the state's numbers, or a picture of a view. Writes are atomic."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from ..engine import EngineError
from .dialogs import ask_path, fail
from .state import AppState

#: the pictures File > Export offers besides the whole window: (key, menu text)
PICTURES = (("network", "&Network picture"), ("loss", "&Loss plot"), ("accuracy", "&Accuracy plot"),
            ("gradients", "&Gradient plot"), ("data", "&Data plot"))


class Exports(QObject):
    """The Export menu's commands. ``pictures`` maps each key of PICTURES to the widget shown."""

    def __init__(self, window: QWidget, state: AppState, last_dir: Callable[[], str],
                 pictures: dict[str, QWidget]):
        super().__init__(window)
        self.window = window
        self.state = state
        self._last_dir = last_dir
        self.pictures = pictures

    def build_menu(self, menu: QMenu) -> None:
        def add(text, slot):
            a = QAction(text, self.window)
            a.triggered.connect(lambda *_: slot())
            menu.addAction(a)
        add("This sample's &trace (JSON)…", self.export_trace)
        add("&Worked example (Markdown)…", self.export_markdown)
        add("Training &history (CSV)…", self.export_history)
        add(self.tr("&PyTorch script…"), self.export_pytorch)
        add("&Window as PNG…", lambda: self.export_png("window"))
        for key, text in PICTURES:
            add(f"{text} as PNG…", lambda key=key: self.export_png(key))

    def _export_text(self, caption: str, filter_: str, name: str, make_text) -> str | None:
        from ..export import save_text
        path = ask_path(self.window, True, caption, filter_, str(Path(self._last_dir()) / name))
        if not path:
            return None
        try:
            save_text(path, make_text())
        except OSError as e:
            fail(self.window, self.state, "Cannot export", f"{path}: {e.strerror or e}")
            return None
        self.state.message.emit(f"Exported {Path(path).name}")
        return path

    def _trace_and_net(self):
        st = self.state.stepper
        if st is None:
            raise EngineError("the kernels are still being prepared")
        return st.trace, st.net_before()

    def export_trace(self) -> str | None:
        from ..export import trace_json
        try:
            trace, _ = self._trace_and_net()
        except EngineError as e:
            fail(self.window, self.state, "Cannot export", str(e))
            return None
        return self._export_text("Export trace", "JSON (*.json)", "trace.json", lambda: trace_json(trace))

    def export_markdown(self) -> str | None:
        from ..export import worked_example_markdown
        try:
            trace, before = self._trace_and_net()
        except EngineError as e:
            fail(self.window, self.state, "Cannot export", str(e))
            return None
        title = f"Backpropagation, worked: sample {self.state.sample_index} of {self.state.dataset.name}"
        return self._export_text("Export worked example", "Markdown (*.md)", "worked-example.md",
                                 lambda: worked_example_markdown(before, trace, title=title))

    def export_history(self) -> str | None:
        from ..export import history_csv
        h = self.state.history
        if h is None:
            fail(self.window, self.state, "Nothing to export", "there is no training history yet: train first")
            return None
        return self._export_text("Export training history", "CSV (*.csv)", "history.csv",
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
                                  command=self.tr("the backpropviz window"))
        except EngineError as e:
            fail(self.window, self.state, self.tr("Cannot export"), str(e))
            return None
        return self._export_text(self.tr("Export PyTorch script"), self.tr("Python (*.py)"),
                                 "train_torch.py", lambda: text)

    def export_png(self, what: str) -> str | None:
        """Save a picture of ``what`` ("window" or a key of ``pictures``) as PNG."""
        widget = self.window if what == "window" else self.pictures[what]
        path = ask_path(self.window, True, "Export picture", "PNG (*.png)",
                        str(Path(self._last_dir()) / f"{what}.png"))
        if not path:
            return None
        if not path.lower().endswith(".png"):
            path += ".png"
        tmp = Path(path).with_name(f".{Path(path).name}.tmp.png")
        try:
            if not widget.grab().save(str(tmp), "PNG"):
                raise OSError("cannot write the picture")
            tmp.replace(path)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            fail(self.window, self.state, "Cannot export", f"{path}: {getattr(e, 'strerror', None) or e}")
            return None
        self.state.message.emit(f"Exported {Path(path).name}")
        return path
