"""Data in one click: a thumbnail of every built-in data set, noise and sample count for the
generated ones, and Open file / recent files beside them (as TensorFlow Playground's picker).

The picker only asks ``FileActions`` to load; the data set reaches the views through AppState.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (QDoubleSpinBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QSpinBox, QToolButton, QVBoxLayout)

import numpy as np

from ..data import BUILTINS, DatasetError, load_dataset
from ..data.builtin import RESOURCES
from ..i18n import QT_TRANSLATE_NOOP
from .colors import CLASS_COLORS

#: the built-ins' descriptions as the window shows them (translated in the "builtin" context)
DESCRIPTIONS = {
    "circle": QT_TRANSLATE_NOOP("builtin", "2-D classification: a disc inside a ring"),
    "xor": QT_TRANSLATE_NOOP("builtin", "2-D classification: four quadrants, opposite corners alike"),
    "gaussians": QT_TRANSLATE_NOOP("builtin", "2-D classification: two Gaussian blobs"),
    "spiral": QT_TRANSLATE_NOOP("builtin", "2-D classification: two interleaved spirals"),
    "moons": QT_TRANSLATE_NOOP("builtin", "2-D classification: two interleaving half-moons"),
    "plane": QT_TRANSLATE_NOOP("builtin", "regression: y = 1.5 x1 - 0.75 x2 + noise, 2 inputs"),
    "sine": QT_TRANSLATE_NOOP("builtin", "regression: y = sin(x) + noise, x in [-pi, pi], 1 input"),
    "iris": QT_TRANSLATE_NOOP("builtin", "iris flowers: 150 x 4 measurements in cm, 3 species"),
    "digits": QT_TRANSLATE_NOOP("builtin", "handwritten digits: 1797 8x8 images, pixels 0..16, 10 classes"),
}


def description(name: str) -> str:
    """The built-in's one-line description in the window's language."""
    text = DESCRIPTIONS.get(name)
    return QCoreApplication.translate("builtin", text) if text else BUILTINS[name].description


THUMB = 38                 # pixels, square
COLUMNS = 5
_thumbs: dict[str, QPixmap] = {}
# What the thumbnails of the bundled files (iris, digits) draw, kept small beside them: reading
# the files means pandas, a second the window would wait before its first paint. A test checks
# that they match the files; ``write_stored_thumbnails()`` makes them again.
STORED = RESOURCES / "thumbnails.npz"


def thumbnail_arrays(name: str) -> dict[str, np.ndarray]:
    """What the thumbnail of built-in ``name`` draws, from the data set at its default settings:
    {"image": (rows, cols)} (the first 2 of a set of images, as a 2 reads as a digit at any size
    where a 0 or a 1 could be anything), else {"points": (n, 2), "y": the targets} (a single
    input against the target, or the two most spread of many inputs)."""
    b = BUILTINS[name]
    ds = load_dataset(f"builtin:{name}", test_fraction=0.0, standardize=False,
                      **({"n": min(b.default_n, 160)} if b.is_generator else {}))
    X, y = ds.X_train, ds.y_train
    if ds.image_shape is not None:
        i = ds.class_names.index("2") if "2" in ds.class_names else 0
        return {"image": X[int(np.argmax(y == i))].reshape(ds.image_shape)}
    if X.shape[1] == 1:                        # sine: x against the target
        X = np.column_stack([X[:, 0], y[:, 0]])
    elif X.shape[1] > 2:                       # iris: its two most spread features
        X = X[:, np.argsort(X.std(axis=0))[-2:]]
    return {"points": X, "y": y}


def stored_thumbnail_arrays(name: str) -> dict[str, np.ndarray] | None:
    """thumbnail_arrays(name) of a bundled file as kept in STORED; None if it is not there."""
    try:
        with np.load(STORED) as stored:
            found = {key.split("/", 1)[1]: stored[key] for key in stored.files
                     if key.startswith(name + "/")}
    except (OSError, ValueError):
        return None
    return found or None


def write_stored_thumbnails(path=STORED) -> None:
    """Compute the bundled files' thumbnail arrays from the files and keep them in ``path``."""
    arrays = {f"{name}/{key}": value for name, b in BUILTINS.items() if not b.is_generator
              for key, value in thumbnail_arrays(name).items()}
    with open(path, "wb") as f:
        np.savez_compressed(f, **arrays)


def thumbnail(name: str, size: int = THUMB) -> QPixmap:
    """A small picture of built-in ``name`` at its default settings (see thumbnail_arrays): the
    points coloured by class (or by target value for regression), or the image."""
    key = f"{name}@{size}"
    if key in _thumbs:
        return _thumbs[key]
    b = BUILTINS[name]
    pix = QPixmap(size, size)
    pix.fill(QColor(250, 250, 250))
    p = QPainter(pix)
    p.setRenderHint(QPainter.Antialiasing)
    try:
        arrays = None if b.is_generator else stored_thumbnail_arrays(name)
        arrays = arrays or thumbnail_arrays(name)
        if "image" in arrays:
            _draw_image(p, arrays["image"], size)
        else:
            _draw_points(p, arrays["points"], arrays["y"], b.task, size)
    except DatasetError:                 # a missing bundled file: an empty square, never a crash
        pass
    p.setPen(QColor(190, 190, 190))
    p.setBrush(Qt.NoBrush)
    p.drawRect(0, 0, size - 1, size - 1)
    p.end()
    _thumbs[key] = pix
    return pix


def _draw_image(p: QPainter, img: np.ndarray, size: int) -> None:
    rows, cols = img.shape
    lo, hi = float(img.min()), float(img.max())
    cell = (size - 4) / max(rows, cols)
    p.setPen(Qt.NoPen)
    for r in range(rows):
        for c in range(cols):
            v = 0.0 if hi == lo else (img[r, c] - lo) / (hi - lo)
            g = round(255 * (1 - v))
            p.setBrush(QColor(g, g, g))
            p.drawRect(QRectF(2 + c * cell, 2 + r * cell, cell + 0.5, cell + 0.5))


def _draw_points(p: QPainter, X: np.ndarray, y: np.ndarray, task: str, size: int) -> None:
    lo, hi = X.min(axis=0), X.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    pts = 3 + (X - lo) / span * (size - 6)
    if task == "classification":
        palette = [QColor(*c) for c in CLASS_COLORS]       # one colour a class, made once
        colors = [palette[c % len(palette)] for c in y.astype(int).tolist()]
    else:
        t = y[:, 0]
        t = (t - t.min()) / (np.ptp(t) or 1.0)
        a, b = np.array(CLASS_COLORS[0], float), np.array(CLASS_COLORS[1], float)
        colors = [QColor(*rgb) for rgb in np.round(a + (b - a) * t[:, None]).astype(int).tolist()]
    p.setPen(Qt.NoPen)
    brush = None
    for (px, py), c in zip(pts.tolist(), colors):     # in order: a later point covers an earlier
        if c is not brush:
            p.setBrush(c)
            brush = c
        p.drawEllipse(QPointF(px, size - py), 1.6, 1.6)


class DatasetPicker(QGroupBox):
    """One button per built-in set (a click loads it), noise and samples for the generated
    ones (applied on Enter or leaving the field), Open file… and Recent files."""

    def __init__(self, state, files, parent=None):
        super().__init__(parent)
        self.state = state
        self.files = files
        self.buttons: dict[str, QToolButton] = {}
        grid = QGridLayout()
        grid.setSpacing(3)
        for i, (name, b) in enumerate(BUILTINS.items()):
            btn = QToolButton()
            btn.setIcon(QIcon(thumbnail(name)))
            btn.setIconSize(QSize(THUMB, THUMB))
            btn.setCheckable(True)
            btn.setAutoRaise(True)
            btn.setToolButtonStyle(Qt.ToolButtonIconOnly)
            btn.setAccessibleName(name)
            btn.clicked.connect(lambda _=False, n=name: self.load(n))
            grid.addWidget(btn, i // COLUMNS, i % COLUMNS)
            self.buttons[name] = btn
        self.noise = QDoubleSpinBox()
        self.noise.setDecimals(2)
        self.noise.setRange(0.0, 2.0)
        self.noise.setSingleStep(0.05)
        self.noise.setKeyboardTracking(False)
        self.samples = QSpinBox()
        self.samples.setRange(4, 100_000)
        self.samples.setSingleStep(50)
        self.samples.setKeyboardTracking(False)
        row = QHBoxLayout()
        self.noise_label, self.samples_label = QLabel(), QLabel()
        row.addWidget(self.noise_label)
        row.addWidget(self.noise, 1)
        row.addWidget(self.samples_label)
        row.addWidget(self.samples, 1)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(lambda: self.files.open_data())
        self.recent_button = QToolButton()
        self.recent_button.setPopupMode(QToolButton.InstantPopup)
        self.recent_button.setMenu(self.files.recent_menu)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button, 1)
        buttons.addWidget(self.recent_button)
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addLayout(row)
        lay.addLayout(buttons)
        self.noise.valueChanged.connect(lambda _: self._on_settings_edited())
        self.samples.valueChanged.connect(lambda _: self._on_settings_edited())
        state.data_changed.connect(self._show_current)
        self.retranslate()
        self._show_current()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Data"))
        for name, btn in self.buttons.items():
            btn.setToolTip(f"<b>{name}</b>: {description(name)}")
        self.noise_label.setText(self.tr("Noise"))
        self.samples_label.setText(self.tr("Samples"))
        self.noise.setToolTip(self.tr("standard deviation of the Gaussian noise added to a "
                                      "generated set (applied on Enter or when you leave the field)"))
        self.samples.setToolTip(self.tr("number of points of a generated set, train and test "
                                        "together (applied on Enter or when you leave the field)"))
        self.open_button.setText(self.tr("Open file…"))
        self.open_button.setToolTip(self.tr("open a CSV, TSV, .npy or .npz file (Ctrl+O), or type "
                                            "builtin:NAME in the file dialog"))
        self.recent_button.setText(self.tr("Recent"))
        self.recent_button.setToolTip(self.tr("files and data sets opened before"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def current(self) -> str | None:
        """The built-in set the window shows, or None for a file or a lesson's own data."""
        source = self.state.dataset.source or ""
        return source[len("builtin:"):] if source.startswith("builtin:") else None

    def load(self, name: str) -> None:
        """Load built-in ``name``: a generated set with this panel's noise and samples when it
        is the one shown (so they can be varied), else with its own defaults."""
        b = BUILTINS[name]
        n = noise = None
        if b.is_generator and name == self.current():
            n, noise = self.samples.value(), round(self.noise.value(), 4)
        self.files.open_builtin(name, n=n, noise=noise)
        self._show_current()

    def _on_settings_edited(self) -> None:
        name = self.current()
        if name is None or not BUILTINS[name].is_generator:
            return
        args = self.state.dataset.load_args or {}
        b = BUILTINS[name]
        shown = (args.get("n") or b.default_n, args.get("noise") if args.get("noise") is not None
                 else b.default_noise)
        if shown != (self.samples.value(), round(self.noise.value(), 4)):
            self.load(name)

    def _show_current(self) -> None:
        name = self.current()
        for n, btn in self.buttons.items():
            btn.setChecked(n == name)
        b = BUILTINS.get(name) if name else None
        gen = b is not None and b.is_generator
        args = self.state.dataset.load_args or {}
        for w in (self.noise, self.samples):
            w.blockSignals(True)
        # a set that is not generated shows its own size and no noise (not another set's)
        self.noise.setSpecialValueText("" if gen else "–")
        self.samples.setMinimum(4 if gen else 1)          # (Mazur's lesson has one sample)
        if gen:
            self.noise.setValue(args.get("noise") if args.get("noise") is not None else b.default_noise)
            self.samples.setValue(args.get("n") or b.default_n)
        else:
            ds = self.state.dataset
            self.noise.setValue(self.noise.minimum())
            self.samples.setValue(min(ds.n_train + ds.n_test, self.samples.maximum()))
        for w in (self.noise, self.samples):
            w.blockSignals(False)
            w.setEnabled(gen)
