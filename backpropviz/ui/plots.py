"""The data plot beside the network: points by class (2-D), the data and fit (1-D regression),
the sample's picture (images), or the first two principal components plus a feature table."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHeaderView, QStackedWidget, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget, QLabel)

from ..engine.explain import fmt
from .state import AppState

CLASS_COLORS = [(31, 119, 180), (232, 119, 34), (44, 160, 44), (214, 39, 40), (148, 103, 189),
                (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207)]

pg.setConfigOptions(antialias=True, background="w", foreground="k")


def principal_components(X: np.ndarray, k: int = 2) -> np.ndarray:
    """The first k principal directions of X (rows are samples), shape (d, k)."""
    Xc = X - X.mean(axis=0)
    _, _, vt = np.linalg.svd(Xc, full_matrices=False)
    return vt[:k].T


class DataPlot(QWidget):
    """Shows the data set and marks the sample being stepped; clicking a point selects it."""

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.stack = QStackedWidget()
        self.plot = pg.PlotWidget()
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.scatter = pg.ScatterPlotItem(size=7, pxMode=True, hoverable=True)
        self.scatter.sigClicked.connect(self._on_points_clicked)
        self.marker = pg.ScatterPlotItem(size=18, pen=pg.mkPen((0, 0, 0), width=2.5), brush=None,
                                         symbol="o")
        self.plot.addItem(self.scatter)
        self.plot.addItem(self.marker)
        self.image_view = pg.PlotWidget()
        self.image_view.setAspectLocked(True)
        self.image_view.invertY(True)
        self.image_view.hideAxis("left")
        self.image_view.hideAxis("bottom")
        self.image = pg.ImageItem()
        self.image_view.addItem(self.image)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["feature", "value"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.table.verticalHeader().setVisible(False)
        for w in (self.plot, self.image_view):
            self.stack.addWidget(w)
        self.caption = QLabel()
        self.caption.setStyleSheet("color: #555;")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.caption)
        lay.addWidget(self.stack, 3)
        lay.addWidget(self.table, 2)
        state.data_changed.connect(self._on_data_changed)
        state.sample_changed.connect(self._on_sample_changed)
        self._on_data_changed()

    @property
    def mode(self) -> str:
        ds = self.state.dataset
        if ds.image_shape is not None and int(np.prod(ds.image_shape)) == ds.n_features:
            return "image"
        if ds.n_features == 1 and ds.task == "regression":
            return "curve"
        if ds.n_features == 2:
            return "scatter"
        return "pca"

    def _on_data_changed(self) -> None:
        ds = self.state.dataset
        mode = self.mode
        self.table.setVisible(mode == "pca")   # a picture or a plot says it better otherwise
        self.stack.setCurrentWidget(self.image_view if mode == "image" else self.plot)
        X = ds.X_train
        if mode == "image":
            self.caption.setText(f"{ds.name}: the sample being stepped")
        elif mode == "curve":
            self.points = np.column_stack([X[:, 0], ds.y_train[:, 0]])
            self.caption.setText(f"{ds.name}: {ds.feature_names[0]} against {ds.target_names[0]}")
        elif mode == "scatter":
            self.points = X[:, :2]
            self.caption.setText(f"{ds.name}: {ds.feature_names[0]} against {ds.feature_names[1]}")
        else:
            self._pcs = principal_components(X)
            self.points = (X - X.mean(axis=0)) @ self._pcs
            self.caption.setText(f"{ds.name}: first two principal components of {ds.n_features} features")
        if mode != "image":
            if ds.task == "classification":
                brushes = [pg.mkBrush(*CLASS_COLORS[int(c) % len(CLASS_COLORS)], 200) for c in ds.y_train]
            else:
                brushes = [pg.mkBrush(80, 80, 80, 170)] * len(X)
            self.scatter.setData(pos=self.points, brush=brushes, pen=pg.mkPen(255, 255, 255, 160),
                                 data=np.arange(len(X)))
            self.plot.autoRange()
        self._on_sample_changed()

    def _on_sample_changed(self) -> None:
        ds = self.state.dataset
        i = self.state.sample_index
        if self.mode == "image":
            raw = ds.to_raw(ds.X_train[i:i + 1])[0] if hasattr(ds, "to_raw") else ds.X_train[i]
            self.image.setImage(raw.reshape(ds.image_shape).T, levels=(float(raw.min()), float(raw.max()) or 1.0))
            self.image.setLookupTable(np.array([[255 - v] * 3 for v in range(256)], dtype=np.uint8))
        else:
            self.marker.setData(pos=self.points[i:i + 1])
        if self.table.isVisible():
            x = ds.X_train[i]
            raw = ds.to_raw(x.reshape(1, -1))[0] if hasattr(ds, "to_raw") else x
            self.table.setRowCount(len(x))
            for r, (name, v) in enumerate(zip(ds.feature_names, raw)):
                self.table.setItem(r, 0, QTableWidgetItem(name))
                item = QTableWidgetItem(fmt(v))
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(r, 1, item)

    def _on_points_clicked(self, item, points, ev=None) -> None:
        if len(points):
            self.state.set_sample(int(points[0].data()))
