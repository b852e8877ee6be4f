"""The data plot beside the network: points by class (2-D), the data and fit (1-D regression),
the sample's picture (images), or the first two principal components plus a feature table."""
from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QHeaderView, QLabel, QSizePolicy,
                               QStackedWidget, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..explain import fmt
from ..recipe import probe_for
from .axes import cache_axes, set_axis_font
from .colors import CLASS_COLORS, class_rgb, output_rgb

#: regression targets: low to high (perceptually uniform, readable by the colour-blind)
TARGET_MAP = pg.colormap.get("viridis")
from .pyqtgraph_words import retranslate_plot
from .state import AppState


def principal_components(X: np.ndarray, k: int = 2) -> np.ndarray:
    """The first k principal directions of X (rows are samples), shape (d, k)."""
    Xc = X - X.mean(axis=0)
    _, _, vt = np.linalg.svd(Xc, full_matrices=False)
    return vt[:k].T


def _per_class(y: np.ndarray, make) -> list:
    """``make(colour)`` of each point's class, one object a class shared by its points."""
    styles = [make(color) for color in CLASS_COLORS]
    return [styles[int(c) % len(styles)] for c in y]


class DataPlot(QWidget):
    """Shows the data set and marks the sample being stepped; clicking a point selects it."""

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.stack = QStackedWidget()
        self.plot = pg.PlotWidget(enableMenu=False)
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        cache_axes(self.plot)
        self.scatter = pg.ScatterPlotItem(size=7, pxMode=True, hoverable=True, antialias=True)
        self.scatter.sigClicked.connect(self._on_points_clicked)
        self.marker = pg.ScatterPlotItem(size=18, pen=pg.mkPen((0, 0, 0), width=2.5), brush=None,
                                         symbol="o", antialias=True)
        # batch normalization steps the sample with the rest of a small minibatch: those
        # samples get a thinner dashed ring, so one sees whose statistics the sample shares
        self.batch_marker = pg.ScatterPlotItem(
            size=15, pen=pg.mkPen((0, 0, 0), width=1.5, style=Qt.DashLine), brush=None,
            symbol="o", antialias=True)
        self.boundary = pg.ImageItem()
        self.boundary.setZValue(-10)
        self.test_scatter = pg.ScatterPlotItem(size=7, pxMode=True, brush=None, antialias=True)
        self.fit = pg.PlotDataItem(pen=pg.mkPen((214, 39, 40), width=2.5))
        self.plot.addItem(self.boundary)
        self.plot.addItem(self.fit)
        self.plot.addItem(self.scatter)
        self.plot.addItem(self.test_scatter)
        self.plot.addItem(self.batch_marker)
        self.plot.addItem(self.marker)
        self.discretize = QCheckBox()
        self.discretize.toggled.connect(lambda _: self._on_trained())
        self._image_view: pg.PlotWidget | None = None     # image data's picture: see _picture
        self._image: pg.ImageItem | None = None
        self.table = QTableWidget(0, 2)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.stack.addWidget(self.plot)
        self.caption = QLabel()
        self.caption.setStyleSheet("color: #555;")
        self.caption.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        # the legend sits under the plot, never over the points: classes by name (filled =
        # training, ring = test), or the colour bar of a regression target
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.RichText)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.discretize)
        lay.addLayout(top)
        lay.addWidget(self.stack, 3)
        lay.addWidget(self.legend)
        lay.addWidget(self.table, 2)
        state.data_changed.connect(self._on_data_changed)
        state.sample_changed.connect(self._on_sample_changed)
        state.trained.connect(self._on_trained)
        state.network_changed.connect(self._clear_fit)
        state.network_changed.connect(self._on_batch_changed)
        state.step_batch_changed.connect(self._on_batch_changed)
        self._on_data_changed()
        self.retranslate()

    @property
    def image_view(self) -> pg.PlotWidget:
        """The plot showing the sample's picture (image data)."""
        return self._picture()[0]

    @property
    def image(self) -> pg.ImageItem:
        """The sample's picture in image_view."""
        return self._picture()[1]

    def _picture(self) -> tuple[pg.PlotWidget, pg.ImageItem]:
        """image_view and its image, made the first time image data is shown or they are
        asked for: a window that starts on points never pays for them."""
        if self._image_view is None:
            view = pg.PlotWidget()
            view.setAspectLocked(True)
            view.invertY(True)
            view.hideAxis("left")
            view.hideAxis("bottom")
            self._image = pg.ImageItem()
            view.addItem(self._image)
            self.stack.addWidget(view)
            retranslate_plot(view)
            self._image_view = view
        return self._image_view, self._image

    @property
    def mode(self) -> str:
        ds = self.state.dataset
        if ds.image_shape is not None and int(np.prod(ds.image_shape)) == ds.n_features:
            return "image"
        if ds.n_features == 1:
            return "curve"        # x against the target (or the class): the fit is a line
        if ds.n_features == 2:
            return "scatter"
        return "pca"

    def _on_data_changed(self) -> None:
        ds = self.state.dataset
        mode = self.mode
        self.extent = probe_for(ds)[1]     # where training's probe outputs lie
        self.table.setVisible(mode == "pca")   # a picture or a plot says it better otherwise
        self.stack.setCurrentWidget(self.image_view if mode == "image" else self.plot)
        X = ds.X_train
        self._show_caption()
        if mode == "curve":
            y = ds.y_train[:, 0] if ds.task == "regression" else ds.y_train
            self.points = np.column_stack([X[:, 0], y])
        elif mode == "scatter":
            self.points = X[:, :2]
        elif mode == "pca":
            self._pcs = principal_components(X)
            self.points = (X - X.mean(axis=0)) @ self._pcs
        self.discretize.setVisible(mode == "scatter" and ds.task == "classification")
        self._clear_fit()
        if mode != "image":
            if ds.task == "classification":
                # one brush a class, shared: pyqtgraph draws a symbol once per brush object
                # (a brush a point drew every point's symbol anew, a tenth of the window's start)
                brushes = _per_class(ds.y_train, lambda color: pg.mkBrush(*color, 220))
            elif mode == "curve":
                brushes = [pg.mkBrush(80, 80, 80, 170)] * len(X)     # the height is the target
            else:
                brushes = [pg.mkBrush(c) for c in self._target_colors(ds.y_train[:, 0])]
            self.scatter.setData(pos=self.points, brush=brushes, pen=pg.mkPen(255, 255, 255, 160),
                                 data=np.arange(len(X)))
            self._set_test_points()
            self._show_all()
        self._show_legend()
        self._on_sample_changed()

    def _set_test_points(self) -> None:
        """Test points: hollow rings (training points are filled)."""
        ds = self.state.dataset
        mode = self.mode
        if len(ds.X_test) == 0 or mode == "image":
            self.test_scatter.setData([])
            return
        Xt = ds.X_test
        if mode == "curve":
            pts = np.column_stack([Xt[:, 0], ds.y_test[:, 0] if ds.task == "regression" else ds.y_test])
        elif mode == "scatter":
            pts = Xt[:, :2]
        else:
            pts = (Xt - ds.X_train.mean(axis=0)) @ self._pcs
        if ds.task == "classification":
            pens = _per_class(ds.y_test, lambda color: pg.mkPen(*color, width=1.6))
        elif mode == "curve":
            pens = [pg.mkPen(80, 80, 80, width=1.4)] * len(Xt)
        else:
            pens = [pg.mkPen(c, width=1.6) for c in self._target_colors(ds.y_test[:, 0])]
        self.test_scatter.setData(pos=pts, pen=pens, brush=None)

    def _target_range(self) -> tuple[float, float]:
        ds = self.state.dataset
        y = np.concatenate([ds.y_train[:, 0], ds.y_test[:, 0]]) if len(ds.y_test) else ds.y_train[:, 0]
        lo, hi = float(y.min()), float(y.max())
        return lo, hi if hi > lo else lo + 1.0

    def _target_colors(self, y: np.ndarray) -> list:
        """Regression points coloured by their target on TARGET_MAP (the legend's colour bar)."""
        lo, hi = self._target_range()
        return TARGET_MAP.map((y - lo) / (hi - lo), mode="qcolor")

    def _show_legend(self) -> None:
        ds = self.state.dataset
        if self.mode == "image":
            self.legend.setText("")
            self.legend.setVisible(False)
            return
        self.legend.setVisible(True)
        rings = self.tr("filled: training set, ring: test set") if len(ds.X_test) else \
            self.tr("training set")
        if self.batch_rows():
            rings += "; " + self.tr("dashed rings: the samples stepped with it (batch normalization)")
        if ds.task == "classification":
            keys = "&nbsp;&nbsp; ".join(
                f"<span style='color: rgb{tuple(CLASS_COLORS[i % len(CLASS_COLORS)])}'>●</span>"
                f"&nbsp;{html.escape(name)}" for i, name in enumerate(ds.class_names))
            self.legend.setText(f"{keys}<br><span style='color: #666'>{rings}</span>")
        elif self.mode == "curve":
            self.legend.setText("<span style='color: #666'>" + self.tr("{rings}; red line: the network")
                                .format(rings=rings) + "</span>")
        else:
            lo, hi = self._target_range()
            stops = "".join(f"<td style='background: {TARGET_MAP.map(t, mode='qcolor').name()}'>"
                            "&nbsp;&nbsp;</td>" for t in np.linspace(0, 1, 8))
            self.legend.setText(
                self.tr("colour: {target}").format(target=html.escape(ds.target_names[0])) +
                f"<table cellspacing=0 cellpadding=0><tr>"
                f"<td>{fmt(lo)}&nbsp;</td>{stops}<td>&nbsp;{fmt(hi)}</td></tr></table>"
                f"<span style='color: #666'>{rings}</span>")

    def _show_all(self) -> None:
        """Every point in view; on 2-D data exactly the plane the network's map covers, so the
        map reaches the axes. A single point sits in the middle of a unit square."""
        if self.mode == "scatter" and self.extent is not None:
            x0, y0, x1, y1 = self.extent
        else:
            pts = self.points
            (x0, y0), (x1, y1) = pts.min(axis=0), pts.max(axis=0)
            px, py = 0.08 * (x1 - x0), 0.08 * (y1 - y0)
            x0, x1, y0, y1 = x0 - px, x1 + px, y0 - py, y1 + py
        if x1 - x0 < 1e-6:
            x0, x1 = (x0 + x1) / 2 - 1, (x0 + x1) / 2 + 1
        if y1 - y0 < 1e-6:
            y0, y1 = (y0 + y1) / 2 - 1, (y0 + y1) / 2 + 1
        self.plot.getPlotItem().getViewBox().setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    def _clear_fit(self) -> None:
        self.boundary.clear()
        self.fit.setData([], [])

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            for plot in (self.plot,):
                set_axis_font(plot, self.font())
        elif event.type() == QEvent.LanguageChange:
            self.retranslate()

    def retranslate(self) -> None:
        self.discretize.setText(self.tr("Discretise"))
        self.discretize.setToolTip(self.tr("show the decided class instead of the network's "
                                           "confidence"))
        self.table.setHorizontalHeaderLabels([self.tr("feature"), self.tr("value")])
        for plot in (self.plot, self._image_view):
            if plot is not None:
                retranslate_plot(plot)
        self._show_caption()
        self._show_legend()

    def _show_caption(self) -> None:
        ds = self.state.dataset
        mode = self.mode
        if mode == "image":
            text = self.tr("{data}: the sample being stepped").format(data=ds.name)
            i = self.state.sample_index
            if ds.task == "classification" and ds.class_names:
                # say which image: a test image picked among the mistakes is not training row i
                test = self.state.sample_part == "test"
                y = ds.y_test if test else ds.y_train
                if 0 <= i < len(y):
                    text = (self.tr("{data}: test image {index} ({label}), being stepped") if test
                            else self.tr("{data}: training image {index} ({label}), being "
                                         "stepped")).format(data=ds.name, index=i,
                                                            label=ds.class_names[int(y[i])])
            others = len(self.batch_rows())
            if others:
                text += " " + (self.tr("with the next training image (batch normalization)")
                               if others == 1 else
                               self.tr("with the next {n} training images (batch "
                                       "normalization)").format(n=others))
        elif mode in ("curve", "scatter"):
            y = ds.target_names[0] if mode == "curve" else ds.feature_names[1]
            # the plot's custom: what is drawn upwards "against" what runs across
            text = self.tr("{data}: {y} against {x}").format(data=ds.name, x=ds.feature_names[0], y=y)
        else:
            text = self.tr("{data}: first two principal components of {n} features").format(
                data=ds.name, n=ds.n_features)
        self.caption.setText(text)

    def _on_trained(self) -> None:
        """The network's output over the plane (2-D) or along the line (1-D), from the latest
        training frame's probe."""
        frame = self.state.frame
        if frame is None or frame.probe is None or self.extent is None:
            if frame is None:
                self._clear_fit()
            return
        if self.state.history_frame():
            return
        out = frame.probe[-1]
        mode = self.mode
        ds = self.state.dataset
        if mode == "curve":
            x0, x1 = self.extent
            self.fit.setData(np.linspace(x0, x1, len(out)), out[:, 0])
            return
        if mode != "scatter":
            return
        g = int(round(np.sqrt(len(out))))
        x0, y0, x1, y1 = self.extent
        self.boundary.setImage(self.boundary_rgba(out, g, ds.task == "classification",
                                                  self.discretize.isChecked()), levels=None,
                               autoLevels=False)
        self.boundary.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))

    @staticmethod
    def boundary_rgba(out: np.ndarray, g: int, classification: bool, discrete: bool) -> np.ndarray:
        """RGBA image (g, g, 4) uint8 of the outputs on the probe grid: the winning class's
        colour by confidence (classification) or a diverging map (regression), as
        ``colors.output_rgb`` paints each output neuron (the network view's output maps)."""
        rgb = output_rgb(out, classification)
        if classification and out.shape[1] > 1:
            probs = out / np.maximum(out.sum(axis=1, keepdims=True), 1e-12)
            cls = probs.argmax(axis=1)
            rgb = rgb[np.arange(len(out)), cls]
            if discrete:
                rgb = 255 - (255 - class_rgb(out.shape[1])[cls]) * 0.55
        else:
            rgb = rgb[:, 0]
            if classification and discrete:
                cls = (out[:, 0] > 1 - out[:, 0]).astype(int)
                rgb = 255 - (255 - class_rgb(2)[cls]) * 0.55
        img = np.empty((g, g, 4), np.uint8)
        img[..., :3] = rgb.reshape(g, g, 3).astype(np.uint8)
        img[..., 3] = 255
        return img

    def _on_sample_changed(self) -> None:
        ds = self.state.dataset
        i = self.state.sample_index
        if self.mode == "image":
            self._show_caption()
            raw = ds.to_raw(self.state.sample_x.reshape(1, -1))[0]
            # row-major, as pg.setConfigOptions says: row r of the picture is row r on screen
            self.image.setImage(raw.reshape(ds.image_shape), levels=(float(raw.min()), float(raw.max()) or 1.0))
            self.image.setLookupTable(np.array([[255 - v] * 3 for v in range(256)], dtype=np.uint8))
        else:
            self.marker.setData(pos=self.points[i:i + 1])
        self._mark_batch()
        if self.table.isVisible():
            x = self.state.sample_x
            raw = ds.to_raw(x.reshape(1, -1))[0]
            self.table.setRowCount(len(x))
            for r, (name, v) in enumerate(zip(ds.feature_names, raw)):
                self.table.setItem(r, 0, QTableWidgetItem(name))
                item = QTableWidgetItem(fmt(v))
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(r, 1, item)

    def batch_rows(self) -> list[int]:
        """The training rows stepped with the selected sample (batch normalization), else []."""
        return self.state.step_batch_rows()[1:]

    def _mark_batch(self) -> None:
        rows = [r for r in self.batch_rows() if r < len(self.points)] if self.mode != "image" else []
        self.batch_marker.setData(pos=self.points[rows] if rows else np.empty((0, 2)))

    def _on_batch_changed(self) -> None:
        self._mark_batch()
        self._show_caption()
        self._show_legend()

    def _on_points_clicked(self, item, points, ev=None) -> None:
        if len(points):
            self.state.set_sample(int(points[0].data()))
