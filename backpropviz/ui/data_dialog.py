"""Open data: a preview of the file, the target and task to choose, then OK loads it.

The file is read by the data layer (``peek_table`` for the preview, ``load_dataset`` for the
real thing); a bad file shows the loader's own message here and changes nothing in the app.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox,
                               QFormLayout, QHeaderView, QLabel, QLineEdit, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)

from ..choices import TASKS
from ..data import PREVIEW_ROWS, Dataset, DatasetError, load_dataset, peek_table
from ..i18n import localized
from ..data.target_guess import ARRAY_Y, NAMED, ONLY_TEXT, guess_target
from .choice_box import ChoiceBox

DATA_FILTER = "Data files (*.csv *.tsv *.txt *.dat *.npy *.npz);;All files (*)"


def data_filter() -> str:
    """DATA_FILTER in the window's language."""
    return QCoreApplication.translate("DataDialog", "Data files (*.csv *.tsv *.txt *.dat *.npy *.npz);;"
                                      "All files (*)")


class DataDialog(QDialog):
    """Shows the first rows, delimiter, header and column types; lets a person choose the
    target column, the task, standardisation and the test fraction. ``dataset`` holds the
    loaded Dataset once the choices load without error."""

    def __init__(self, path: str | Path, parent=None, test_fraction: float = 0.2, seed: int = 0):
        super().__init__(parent)
        self.path = str(path)
        self.seed = seed
        self.dataset: Dataset | None = None
        self.setWindowTitle(self.tr("Open data: {name}").format(name=Path(path).name))
        self.resize(760, 560)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.target = QComboBox()
        self.target.setToolTip(self.tr("the column to predict; the others become the features"))
        self.guess = QLabel()
        self.guess.setWordWrap(True)
        self.guess.setStyleSheet("color: #555;")
        self.task = ChoiceBox(list(TASKS))
        self.task.setToolTip(self.tr("auto: text, yes/no and few whole-number targets are classes, "
                                     "anything else is regression"))
        self.standardize = QCheckBox(self.tr("Standardise the features (mean 0, std 1, from the "
                                             "training part)"))
        self.standardize.setChecked(True)
        self.standardize.setToolTip(self.tr("scale every feature to mean 0 and standard deviation 1 "
                                            "with the training part's statistics (a saved model "
                                            "carries them)"))
        self.test_fraction = QDoubleSpinBox()
        self.test_fraction.setRange(0.0, 0.9)
        self.test_fraction.setSingleStep(0.05)
        self.test_fraction.setValue(test_fraction)
        self.test_fraction.setToolTip(self.tr("the share of rows held out as the test set "
                                              "(stratified by class, seeded)"))
        self.image_shape = QLineEdit()
        self.image_shape.setPlaceholderText(self.tr("rows x cols, e.g. 28x28, if each sample is a "
                                                    "picture"))
        self.image_shape.setToolTip(self.tr("draw each sample as a picture of this shape "
                                            "(filled in for 64 and 784 features)"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00000;")
        self.error.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Target column"), self.target)
        form.addRow("", self.guess)
        form.addRow(self.tr("Task"), self.task)
        form.addRow(self.tr("Test fraction"), self.test_fraction)
        form.addRow("", self.standardize)
        form.addRow(self.tr("Image shape"), self.image_shape)
        lay = QVBoxLayout(self)
        lay.addWidget(self.info)
        lay.addWidget(self.table, 1)
        lay.addLayout(form)
        lay.addWidget(self.summary)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self._fill_preview()
        for sig in (self.target.currentIndexChanged, self.task.currentIndexChanged,
                    self.test_fraction.valueChanged, self.standardize.toggled):
            sig.connect(lambda *_: self._reload())
        self.image_shape.textEdited.connect(lambda *_: self._reload())
        self._reload()

    def _fill_preview(self) -> None:
        try:
            info = peek_table(self.path)
        except DatasetError as e:
            self.info.setText(Path(self.path).name)
            self.target.setEnabled(False)
            self._show_error(localized(e))
            self._peek_failed = True
            return
        self._peek_failed = False
        kind = {"csv": self.tr("text table"), "npy": self.tr("NumPy array (.npy)"),
                "npz": self.tr("NumPy arrays (.npz)")}.get(info.kind, info.kind)
        bits = [f"<b>{Path(self.path).name}</b>: {kind}"]
        if info.delimiter is not None:
            shown = {"\t": self.tr("tab"), ",": self.tr("comma"),
                     ";": self.tr("semicolon")}.get(info.delimiter, repr(info.delimiter))
            bits.append(self.tr("delimiter {delimiter}").format(delimiter=shown))
            bits.append(self.tr("header row") if info.has_header else self.tr("no header row"))
            if info.decimal == ",":
                bits.append(self.tr("decimal comma"))
        bits.append(self.tr("{n} rows").format(n=f"{info.n_rows:,}") if info.n_rows is not None else "")
        self.info.setText(" · ".join(b for b in bits if b))
        names = info.column_names
        self.table.setColumnCount(len(names))
        types = {"number": self.tr("number"), "text": self.tr("text")}
        self.table.setHorizontalHeaderLabels([f"{n}\n({types.get(t, t)})"
                                              for n, t in zip(names, info.column_types)])
        rows = info.preview[:PREVIEW_ROWS]
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(str(cell)))
        self.target.blockSignals(True)
        self.target.addItems(names)
        guessed, why = guess_target(info)
        self.target.setCurrentIndex(guessed)
        column = names[guessed]
        self.guess.setText({
            ARRAY_Y: self.tr("The target is the array y."),
            NAMED: self.tr("Guessed from its name: '{column}'. Choose another column above if "
                           "that is wrong."),
            ONLY_TEXT: self.tr("Guessed: '{column}', the only text column. Choose another "
                               "column above if that is wrong."),
        }.get(why, self.tr("Guessed: '{column}', the last column. Choose another column above "
                           "if that is wrong.")).format(column=column))
        self.target.setEnabled(info.kind == "csv" or info.kind == "npy")
        self.target.blockSignals(False)

    def choices(self) -> dict:
        """The load_dataset arguments the dialog's widgets say."""
        target = self.target.currentIndex() if self.target.isEnabled() and self.target.count() else None
        return {"target": target, "task": self.task.key(),
                "test_fraction": round(self.test_fraction.value(), 4),
                "standardize": self.standardize.isChecked(), "seed": self.seed}

    def _reload(self) -> None:
        self.dataset = None
        ok = self.buttons.button(QDialogButtonBox.Ok)
        if self._peek_failed:
            ok.setEnabled(False)
            return
        try:
            ds = load_dataset(self.path, **self.choices())
        except DatasetError as e:
            self._show_error(localized(e))
            ok.setEnabled(False)
            return
        if not self.image_shape.isModified() and ds.image_shape is not None:
            self.image_shape.setText(f"{ds.image_shape[0]}x{ds.image_shape[1]}")
        try:
            shape = parse_image_shape(self.image_shape.text(), ds.n_features)
        except ValueError as e:
            self._show_error(self.tr("Image shape: {error}").format(error=e))
            ok.setEnabled(False)
            return
        self.error.setText("")
        self.dataset = dataclasses.replace(ds, image_shape=shape)
        ok.setEnabled(True)
        self.summary.setText(describe(self.dataset))

    def _show_error(self, message: str) -> None:
        self.summary.setText("")
        self.error.setText(message)


def parse_image_shape(text: str, n_features: int) -> tuple[int, int] | None:
    """'28x28' (or '28 28', '28×28') -> (28, 28); empty -> None. The shape must hold exactly
    the data's features."""
    text = text.strip().lower().replace("×", "x").replace("*", "x")
    if not text:
        return None
    parts = [p for p in text.replace(",", "x").replace(" ", "x").split("x") if p]
    if len(parts) != 2 or not all(p.isdigit() and int(p) > 0 for p in parts):
        raise ValueError(QCoreApplication.translate(
            "DataDialog", "{text} is not rows x cols, e.g. 28x28").format(text=repr(text)))
    rows, cols = int(parts[0]), int(parts[1])
    if rows * cols != n_features:
        raise ValueError(QCoreApplication.translate(
            "DataDialog", "{rows}x{cols} = {pixels} pixels, but each sample has {features} "
            "features").format(rows=rows, cols=cols, pixels=rows * cols, features=n_features))
    return rows, cols


def describe(ds: Dataset) -> str:
    """What loading gave: the task, the features, and the class counts or the target's range."""
    head = QCoreApplication.translate("DataDialog", "{summary}.").format(summary=localized(ds.summary()))
    if ds.image_shape is not None:
        head += " " + QCoreApplication.translate(
            "DataDialog", "Each sample is drawn as a {rows}x{cols} picture.").format(
            rows=ds.image_shape[0], cols=ds.image_shape[1])
    if ds.task == "classification":
        y = np.concatenate([ds.y_train, ds.y_test])
        counts = np.bincount(y, minlength=len(ds.class_names))
        shown = ", ".join(f"{name}: {n}" for name, n in list(zip(ds.class_names, counts))[:12])
        more = "" if len(ds.class_names) <= 12 else QCoreApplication.translate(
            "DataDialog", ", … ({n} classes)").format(n=len(ds.class_names))
        return f"{head} " + QCoreApplication.translate("DataDialog", "Classes: {classes}.").format(
            classes=shown + more)
    y = np.concatenate([ds.y_train, ds.y_test])
    return f"{head} " + QCoreApplication.translate(
        "DataDialog", "Target {names} from {low} to {high}.").format(
        names=", ".join(ds.target_names), low=f"{y.min():.4g}", high=f"{y.max():.4g}")
