"""Rewinding a run and comparing runs: the timeline under the plots and the Runs tab.

The timeline lists the moments the training session kept (engine.checkpoints): dragging it shows
the network as it was then (network view, maps, boundary, inspector and stepper all follow the
state's weights), and "Resume from here" continues training from that moment as a new branch,
the old run kept. The Runs tab lists the runs of this window (runs.RunList in the state): tick
them to overlay their curves, the legend naming only the settings that differ; open a run's
weights again; save a run; export the table and the curves as CSV.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLabel, QPushButton, QSlider, QSplitter,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..engine import EngineError, Network
from ..i18n import localized
from ..runs import differing, label, save_run
from .colors import LAYER_COLORS
from .history_plots import key_html, plot_key
from .dialogs import ask_path, fail
from .state import AppState


class Timeline(QWidget):
    """A slider over the kept moments of the current run, and Resume from here."""

    def __init__(self, state: AppState, controller, parent=None):
        super().__init__(parent)
        self.state = state
        self.controller = controller
        self.slider = QSlider(Qt.Horizontal)
        self.slider.valueChanged.connect(self._on_moved)
        self.label = QLabel()
        self.label.setMinimumWidth(90)
        self.resume = QPushButton()
        self.resume.clicked.connect(self._on_resume)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 0, 4, 0)
        lay.addWidget(self.slider, 1)
        lay.addWidget(self.label)
        lay.addWidget(self.resume)
        self.steps: list[int] = []
        self._setting = False
        state.trained.connect(self.refresh)
        state.training_changed.connect(lambda *_: self.refresh())
        state.network_changed.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        self.slider.setToolTip(self.tr("Timeline: drag back to see the network as it was at an "
                                       "earlier step of this run"))
        self.resume.setText(self.tr("Resume from here"))
        self.resume.setToolTip(self.tr("train on from this moment as a new run; the run it "
                                       "branches from stays in the Runs tab"))
        self.refresh()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self, *_) -> None:
        session = self.controller.session
        self.steps = session.checkpoints.steps if session is not None else []
        rewound = self.controller.rewound
        self._setting = True
        self.slider.setRange(0, max(0, len(self.steps) - 1))
        if rewound is not None and rewound in self.steps:
            self.slider.setValue(self.steps.index(rewound))
        else:
            self.slider.setValue(len(self.steps) - 1)
        self._setting = False
        self.slider.setEnabled(len(self.steps) > 1 and not self.state.training)
        self.resume.setEnabled(rewound is not None and not self.state.training)
        self._label()

    def _label(self) -> None:
        if not self.steps:
            self.label.setText(self.tr("no steps yet"))
            return
        step = self.steps[self.slider.value()]
        self.label.setText(self.tr("step {0:,} of {1:,}").format(step, self.steps[-1]))

    def _on_moved(self, index: int) -> None:
        if self._setting or not self.steps:
            return
        self.controller.rewind(self.steps[index])
        self._label()
        self.resume.setEnabled(self.controller.rewound is not None)

    def _on_resume(self) -> None:
        if self.controller.rewound is not None:
            self.controller.resume_from(self.controller.rewound)


class RunsView(QWidget):
    """The table of runs and the overlay of the ticked runs' curves."""

    COLUMNS = ("run", "train loss", "test loss", "train acc.", "test acc.", "steps", "s")

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.itemChanged.connect(lambda *_: self._draw())
        self.loss_plot = pg.PlotWidget(enableMenu=False)
        self.acc_plot = pg.PlotWidget(enableMenu=False)
        for plot in (self.loss_plot, self.acc_plot):
            plot.setBackground("w")
            plot.showGrid(x=True, y=True, alpha=0.2)
        self.loss_plot.setLogMode(y=True)
        # the runs' names above the plots, wrapping: a legend inside covered the curves
        self.key = plot_key("", ())
        buttons = QGridLayout()              # two rows: the panel may be narrow on a projector
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_selected)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_selected)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_csv)
        for k, b in enumerate((self.open_button, self.remove_button, self.save_button,
                               self.export_button)):
            buttons.addWidget(b, k // 2, k % 2)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.table)
        plots = QWidget()
        pl = QHBoxLayout()
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(self.loss_plot)
        pl.addWidget(self.acc_plot)
        keyed = QVBoxLayout(plots)
        keyed.setContentsMargins(0, 0, 0, 0)
        keyed.setSpacing(0)
        keyed.addWidget(self.key)
        keyed.addLayout(pl, 1)
        split.addWidget(plots)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(buttons)
        lay.addWidget(split, 1)
        self.ticked: set[int] = set()
        self.seen: set[int] = set()
        state.runs_changed.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("run"), self.tr("train loss"),
                                              self.tr("test loss"), self.tr("train acc."),
                                              self.tr("test acc."), self.tr("steps"), self.tr("s")])
        for plot, title in ((self.loss_plot, self.tr("minibatch loss")),
                            (self.acc_plot, self.tr("test accuracy"))):
            plot.setTitle(title, color="k", size="9pt")
            plot.setLabel("bottom", self.tr("step"))
        for button, text, tip in (
                (self.open_button, self.tr("Open weights"),
                 self.tr("put the selected run's final weights in the network")),
                (self.remove_button, self.tr("Remove"), self.tr("forget the selected run")),
                (self.save_button, self.tr("Save…"),
                 self.tr("save the selected run (settings, curves, weights) as JSON")),
                (self.export_button, self.tr("Export CSV…"),
                 self.tr("write the table of runs and their curves as two CSV files"))):
            button.setText(text)
            button.setToolTip(tip)
        self.refresh()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- the table ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        runs = self.state.runs.runs
        keys = differing(runs)
        self.table.blockSignals(True)
        self.table.setRowCount(len(runs))
        for r, run in enumerate(reversed(runs)):          # newest first
            name = QTableWidgetItem(self._label(run, keys))
            name.setData(Qt.UserRole, run.number)
            name.setFlags(name.flags() | Qt.ItemIsUserCheckable)
            checked = run.number in self.ticked or run.number not in self.seen   # new: ticked
            name.setCheckState(Qt.Checked if checked else Qt.Unchecked)
            if run.parent:
                name.setToolTip(self.tr("resumed from run {0} at step {1:,}").format(*run.parent))
            self.table.setItem(r, 0, name)
            values = (run.final("train_loss"), run.final("test_loss"),
                      run.final("train_accuracy"), run.final("test_accuracy"))
            for c, v in enumerate(values, start=1):
                # as the Train panel writes them: losses to 4 digits, accuracies in per cent
                text = "–" if v != v else f"{100 * v:.1f}%" if c >= 3 else f"{v:#.4g}"
                self.table.setItem(r, c, QTableWidgetItem(text))
            self.table.setItem(r, 5, QTableWidgetItem(f"{run.total_steps:,}"))
            self.table.setItem(r, 6, QTableWidgetItem(f"{run.seconds:.1f}"))
        self.table.blockSignals(False)
        self.seen |= {run.number for run in runs}
        self.table.resizeColumnsToContents()
        self._draw()

    def _label(self, run, keys) -> str:
        """runs.label with its word 'run' in the window's language (settings keep their names)."""
        return self.tr("run") + label(run, keys)[len("run"):]

    def checked_runs(self):
        out = []
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and item.checkState() == Qt.Checked:
                out.append(self.state.runs.get(item.data(Qt.UserRole)))
        return out

    def _selected_run(self):
        rows = {i.row() for i in self.table.selectedItems()}
        if not rows:
            return None
        item = self.table.item(min(rows), 0)
        try:
            return self.state.runs.get(item.data(Qt.UserRole))
        except KeyError:
            return None

    def _draw(self) -> None:
        runs = self.checked_runs()
        self.ticked = {run.number for run in runs}
        keys = differing(runs)
        self.loss_plot.clear()
        self.acc_plot.clear()
        entries = []
        for k, run in enumerate(runs):
            color = LAYER_COLORS[k % len(LAYER_COLORS)]
            pen = pg.mkPen(color, width=1.5)
            ok = np.isfinite(run.losses) & (run.losses > 0)
            self.loss_plot.plot(run.steps[ok], run.losses[ok], pen=pen)
            acc = np.isfinite(run.test_accuracy)
            self.acc_plot.plot(run.eval_steps[acc], run.test_accuracy[acc], pen=pen)
            entries.append((self._label(run, keys), color))
        self.key.setText(key_html("", entries))

    # --- commands ----------------------------------------------------------------------------------
    def open_selected(self) -> None:
        run = self._selected_run()
        if run is None or run.model is None:
            return
        try:
            self.state.set_network(Network.from_dict(run.model))
        except EngineError as e:
            fail(self, self.state, self.tr("Cannot open the run's weights"), e)

    def remove_selected(self) -> None:
        run = self._selected_run()
        if run is not None:
            self.state.runs.remove(run.number)
            self.state.runs_changed.emit()

    def save_selected(self) -> str | None:
        run = self._selected_run()
        if run is None:
            return None
        path = ask_path(self, True, self.tr("Save run"), "JSON (*.json)", f"run-{run.number}.json")
        if not path:
            return None
        try:
            save_run(run, path)
        except OSError as e:
            fail(self, self.state, self.tr("Cannot save"), f"{path}: {e.strerror or e}")
            return None
        return path

    def export_csv(self) -> str | None:
        """Two files: NAME.csv (the table) and NAME-curves.csv (every curve, long format)."""
        from ..export import save_text
        path = ask_path(self, True, self.tr("Export runs"), "CSV (*.csv)", "runs.csv")
        if not path:
            return None
        p = Path(path)
        if p.suffix.lower() != ".csv":
            p = p.with_name(p.name + ".csv")
        runs = self.checked_runs() or self.state.runs.runs
        try:
            save_text(p, self.state.runs.table_csv(runs))
            save_text(p.with_name(p.stem + "-curves.csv"), self.state.runs.curves_csv(runs))
        except OSError as e:
            fail(self, self.state, self.tr("Cannot export"), f"{p}: {e.strerror or e}")
            return None
        self.state.message.emit(self.tr("Exported {0} and its curves").format(p.name))
        return str(p)
