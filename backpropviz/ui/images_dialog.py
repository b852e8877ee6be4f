"""Open IDX images (MNIST's format): a preview of the first pictures, the class counts and the
split, then OK loads them. A folder of the four standard files keeps its own train/test split;
one images file is split by the test fraction chosen here.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel,
                               QVBoxLayout)

from ..data import Dataset, DatasetError, load_dataset
from ..data.idx import read_idx_set
from ..i18n import localized
from .. import predictions as P

PREVIEW_IMAGES = 24


class ImagesDialog(QDialog):
    """``dataset`` holds the loaded Dataset after OK (None when it could not be loaded)."""

    def __init__(self, path: str | Path, parent=None, test_fraction: float = 0.2, seed: int = 0):
        super().__init__(parent)
        self.path = str(path)
        self.seed = seed
        self.dataset: Dataset | None = None
        self.images = None
        self.setWindowTitle(self.tr("Open images: {name}").format(name=Path(path).name))
        self.resize(620, 520)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.preview = pg.GraphicsLayoutWidget()
        self.preview.setBackground("w")
        box = self.preview.addViewBox(lockAspect=True, invertY=True, enableMouse=False)
        self.picture = pg.ImageItem(axisOrder="row-major")
        self.picture.setLookupTable(np.repeat(np.arange(255, -1, -1, dtype=np.uint8)[:, None], 3, 1))
        box.addItem(self.picture)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.test_fraction = QDoubleSpinBox()
        self.test_fraction.setRange(0.0, 0.9)
        self.test_fraction.setSingleStep(0.05)
        self.test_fraction.setValue(test_fraction)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00000;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self._load)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        self.fraction_label = QLabel(self.tr("Test fraction"))
        form.addRow(self.fraction_label, self.test_fraction)
        lay = QVBoxLayout(self)
        lay.addWidget(self.info)
        lay.addWidget(self.preview, 1)
        lay.addWidget(self.counts)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self._fill_preview()

    def _fill_preview(self) -> None:
        try:
            s = read_idx_set(self.path)
        except DatasetError as e:
            self.error.setText(localized(e))
            self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)
            self.info.setText(Path(self.path).name)
            return
        self.images = s
        rows, cols = s.image_shape
        own_split = s.test_images is not None
        n_test = len(s.test_images) if own_split else 0
        self.info.setText(self.tr("<b>{name}</b>: {n} images of {rows}x{cols} pixels in IDX files "
                                  "({files}).").format(
            name=s.name, n=f"{len(s.train_images) + n_test:,}", rows=rows, cols=cols,
            files=", ".join(f.name for f in s.files)))
        first = s.train_images[:PREVIEW_IMAGES].astype(np.float64)
        self.picture.setImage(P.mosaic(first, 8, fill=0.0), levels=(0, 255))
        labels = s.train_labels if not own_split else np.concatenate([s.train_labels,
                                                                      s.test_labels])
        values, counts = np.unique(labels, return_counts=True)
        names = s.class_names
        shown = ", ".join(f"{names[v] if names and 0 <= v < len(names) else v}: {c:,}"
                          for v, c in zip(values.tolist(), counts.tolist()))
        text = self.tr("Classes: {counts}.").format(counts=shown)
        if own_split:
            text += " " + self.tr("The files bring their own split: {train} training and "
                                  "{test} test images.").format(train=f"{len(s.train_images):,}",
                                                                test=f"{n_test:,}")
        self.counts.setText(text)
        self.test_fraction.setVisible(not own_split)
        self.fraction_label.setVisible(not own_split)

    def choices(self) -> dict:
        """The load_dataset arguments this dialog loads with (kept with the recent files)."""
        return {"test_fraction": round(self.test_fraction.value(), 4), "seed": self.seed}

    def _load(self) -> None:
        try:
            self.dataset = load_dataset(self.path, **self.choices())
        except DatasetError as e:
            self.error.setText(localized(e))
            return
        self.accept()
