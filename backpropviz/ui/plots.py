"""The data plot beside the network: points by class (2-D), the data and fit (1-D regression),
the sample's picture (images), or the first two principal components plus a feature table."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import (QCheckBox, QGraphicsItem, QHBoxLayout, QHeaderView, QLabel, QSlider,
                               QStackedWidget, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..engine.explain import fmt
from ..engine.history import ema_debiased
from ..recipe import probe_for
from .state import AppState

CLASS_COLORS = [(31, 119, 180), (232, 119, 34), (44, 160, 44), (214, 39, 40), (148, 103, 189),
                (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207)]

# Antialiased curves cost most of a frame in software rendering; only the data points use it.
pg.setConfigOptions(antialias=False, background="w", foreground="k", imageAxisOrder="row-major")
LAYER_COLORS = [(31, 119, 180), (232, 119, 34), (44, 160, 44), (214, 39, 40), (148, 103, 189),
                (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34)]


def cache_axes(widget: pg.PlotWidget) -> None:
    """Keep the plot's axes (tick text and grid lines) as pictures that are painted again only
    when the range changes: otherwise every new curve or image repaints them (~2.5 ms)."""
    for name in ("left", "bottom"):
        widget.getPlotItem().getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


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
        cache_axes(self.plot)
        self.scatter = pg.ScatterPlotItem(size=7, pxMode=True, hoverable=True, antialias=True)
        self.scatter.sigClicked.connect(self._on_points_clicked)
        self.marker = pg.ScatterPlotItem(size=18, pen=pg.mkPen((0, 0, 0), width=2.5), brush=None,
                                         symbol="o", antialias=True)
        self.boundary = pg.ImageItem()
        self.boundary.setZValue(-10)
        self.test_scatter = pg.ScatterPlotItem(size=7, pxMode=True, brush=None, antialias=True)
        self.fit = pg.PlotDataItem(pen=pg.mkPen((214, 39, 40), width=2.5))
        self.plot.addItem(self.boundary)
        self.plot.addItem(self.fit)
        self.plot.addItem(self.scatter)
        self.plot.addItem(self.test_scatter)
        self.plot.addItem(self.marker)
        self.discretize = QCheckBox("Discretise")
        self.discretize.setToolTip("show the decided class instead of the network's confidence")
        self.discretize.toggled.connect(lambda _: self._on_trained())
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
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.discretize)
        lay.addLayout(top)
        lay.addWidget(self.stack, 3)
        lay.addWidget(self.table, 2)
        state.data_changed.connect(self._on_data_changed)
        state.sample_changed.connect(self._on_sample_changed)
        state.trained.connect(self._on_trained)
        state.network_changed.connect(self._clear_fit)
        self._on_data_changed()

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
        if mode == "image":
            self.caption.setText(f"{ds.name}: the sample being stepped")
        elif mode == "curve":
            y = ds.y_train[:, 0] if ds.task == "regression" else ds.y_train
            self.points = np.column_stack([X[:, 0], y])
            self.caption.setText(f"{ds.name}: {ds.feature_names[0]} against {ds.target_names[0]}")
        elif mode == "scatter":
            self.points = X[:, :2]
            self.caption.setText(f"{ds.name}: {ds.feature_names[0]} against {ds.feature_names[1]}")
        else:
            self._pcs = principal_components(X)
            self.points = (X - X.mean(axis=0)) @ self._pcs
            self.caption.setText(f"{ds.name}: first two principal components of {ds.n_features} features")
        self.discretize.setVisible(mode == "scatter" and ds.task == "classification")
        self._clear_fit()
        if mode != "image":
            if ds.task == "classification":
                brushes = [pg.mkBrush(*CLASS_COLORS[int(c) % len(CLASS_COLORS)], 220) for c in ds.y_train]
            else:
                brushes = [pg.mkBrush(80, 80, 80, 170)] * len(X)
            self.scatter.setData(pos=self.points, brush=brushes, pen=pg.mkPen(255, 255, 255, 160),
                                 data=np.arange(len(X)))
            self._set_test_points()
            self.plot.autoRange()
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
            pens = [pg.mkPen(*CLASS_COLORS[int(c) % len(CLASS_COLORS)], width=1.6) for c in ds.y_test]
        else:
            pens = [pg.mkPen(80, 80, 80, width=1.4)] * len(Xt)
        self.test_scatter.setData(pos=pts, pen=pens, brush=None)

    def _clear_fit(self) -> None:
        self.boundary.clear()
        self.fit.setData([], [])

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
        """RGBA image (g, g, 4) uint8 of the outputs on the probe grid: class colours by
        confidence (classification) or a diverging map (regression)."""
        if classification:
            if out.shape[1] == 1:
                p = out[:, 0]
                probs = np.column_stack([1 - p, p])
            else:
                probs = out / np.maximum(out.sum(axis=1, keepdims=True), 1e-12)
            cls = probs.argmax(axis=1)
            conf = probs.max(axis=1)
            k = probs.shape[1]
            base = np.array(CLASS_COLORS[:k] if k <= len(CLASS_COLORS) else
                            [CLASS_COLORS[i % len(CLASS_COLORS)] for i in range(k)], float)
            strength = np.ones_like(conf) * 0.55 if discrete else np.clip((conf - 1 / k) / (1 - 1 / k), 0, 1) * 0.7
            rgb = 255 - (255 - base[cls]) * strength[:, None]
        else:
            v = out[:, 0]
            scale = np.abs(v).max() or 1.0
            t = np.clip(v / scale, -1, 1)[:, None]
            pos, neg = np.array(CLASS_COLORS[1], float), np.array(CLASS_COLORS[0], float)
            rgb = np.where(t >= 0, 255 - (255 - pos) * t * 0.7, 255 - (255 - neg) * (-t) * 0.7)
        img = np.empty((g, g, 4), np.uint8)
        img[..., :3] = rgb.reshape(g, g, 3).astype(np.uint8)
        img[..., 3] = 255
        return img

    def _on_sample_changed(self) -> None:
        ds = self.state.dataset
        i = self.state.sample_index
        if self.mode == "image":
            raw = ds.to_raw(ds.X_train[i:i + 1])[0]
            self.image.setImage(raw.reshape(ds.image_shape).T, levels=(float(raw.min()), float(raw.max()) or 1.0))
            self.image.setLookupTable(np.array([[255 - v] * 3 for v in range(256)], dtype=np.uint8))
        else:
            self.marker.setData(pos=self.points[i:i + 1])
        if self.table.isVisible():
            x = ds.X_train[i]
            raw = ds.to_raw(x.reshape(1, -1))[0]
            self.table.setRowCount(len(x))
            for r, (name, v) in enumerate(zip(ds.feature_names, raw)):
                self.table.setItem(r, 0, QTableWidgetItem(name))
                item = QTableWidgetItem(fmt(v))
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(r, 1, item)

    def _on_points_clicked(self, item, points, ev=None) -> None:
        if len(points):
            self.state.set_sample(int(points[0].data()))


class DecadeAxis(pg.AxisItem):
    """In log mode, labels only the powers of ten (pyqtgraph also labels 2..9 x 10^k, which
    crowd into an unreadable stack on a short axis)."""

    def tickStrings(self, values, scale, spacing):
        strings = super().tickStrings(values, scale, spacing)
        if not self.logMode:
            return strings
        return [s if abs(v - round(v)) < 1e-6 else "" for v, s in zip(values, strings)]


NICE_STEPS = (1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def nice_ceiling(x: float) -> float:
    """The smallest number of the form m x 10^k, m in NICE_STEPS, that is >= x (> 0)."""
    k = math.floor(math.log10(x))
    for m in NICE_STEPS:
        if m * 10.0 ** k >= x * (1 - 1e-12):
            return m * 10.0 ** k
    return 10.0 ** (k + 1)


def steady_span(current: tuple[float, float] | None, lo: float, hi: float,
                slack: float = 0.15) -> tuple[float, float]:
    """A y range for data in [lo, hi] that changes only when it must: the current one while
    it holds the data and is at most three times as tall, else the data plus ``slack`` of its
    height on each side. (Steady axes are only repainted when they change.)"""
    span = max(hi - lo, 1e-9 * max(1.0, abs(hi)), 1e-12)
    if current is not None and current[0] <= lo and hi <= current[1] and \
            current[1] - current[0] <= 3 * span * (1 + 2 * slack):
        return current
    return lo - slack * span, hi + slack * span


class FollowRange:
    """Follows the training in one history plot without moving the axes every frame.

    pyqtgraph's auto range moves both axes a little on every new point, and a moved axis is
    laid out and painted again (text, in software rendering: most of a plot's frame time).
    Here x runs from 0 to a round number ahead of the last step and y changes only when the
    data leaves it (``steady_span``); the axes are cached as pictures in between. Panning or
    zooming with the mouse stops the following; a double-click resumes it."""

    def __init__(self, widget: pg.PlotWidget, fixed_y: tuple[float, float] | None = None,
                 redraw=None):
        self.widget = widget
        self.fixed_y = fixed_y
        self.redraw = redraw            # called after a double-click: show the data now
        self.follow = True
        self._shown: tuple | None = None         # (x end, (y0, y1)) last set, None: not yet
        item = widget.getPlotItem()
        item.disableAutoRange()
        item.hideButtons()                 # the "A" button would hand the axes back to auto range
        cache_axes(widget)
        item.getViewBox().sigRangeChangedManually.connect(self._on_manual)
        widget.setToolTip("drag to pan, wheel to zoom; double-click to follow the training again")
        widget.mouseDoubleClickEvent = self._on_double_click

    def _on_manual(self, *_) -> None:
        self.follow = False

    def _on_double_click(self, event) -> None:
        self.resume()
        if self.redraw is not None:
            self.redraw()              # also while paused, when no frame would come
        event.accept()

    def resume(self) -> None:
        """Follow the training again (new data, another scale, or the user asks for it)."""
        self.follow = True
        self._shown = None

    def update(self, n_steps: int, y_lo: float, y_hi: float) -> None:
        """Show steps 0..n_steps and y in [y_lo, y_hi] (axis units: log10 on a log axis)."""
        if not self.follow:
            return
        was_x, was_y = self._shown or (None, None)
        x = nice_ceiling(max(n_steps, 10) * 1.05)
        if was_x is not None and n_steps <= was_x and x >= was_x / 2:
            x = was_x
        y = self.fixed_y
        if y is None:
            if math.isfinite(y_lo) and math.isfinite(y_hi):
                y = steady_span(was_y, y_lo, y_hi)
            else:
                y = was_y or (0.0, 1.0)
        if (x, y) != self._shown:
            self._shown = (x, y)
            # only the axis whose range changed is laid out and painted again
            self.widget.getPlotItem().getViewBox().setRange(
                xRange=(0, x) if x != was_x else None, yRange=y if y != was_y else None, padding=0)


FLOOR = 1e-12          # log axes cannot show 0: values are floored here


class _RunningBounds:
    """The smallest and largest positive minibatch loss (with the test losses) and gradient
    norm of the kept steps so far, read only from the rows added since the last call (all of
    them again when the history thinned its rows). A smoothed curve (a weighted mean of
    these) lies inside them too."""

    def __init__(self) -> None:
        self.key = None

    def update(self, h, steps, evals) -> "_RunningBounds":
        key = (h, steps.stride, evals.stride)
        if key != self.key or len(steps) < self.n or len(evals) < self.e:
            self.key, self.n, self.e = key, 0, 0
            self.loss = self.grad = (math.inf, -math.inf)
        self.loss = _extend(self.loss, steps.loss[self.n:])
        self.loss = _extend(self.loss, evals.test_loss[self.e:])
        self.grad = _extend(self.grad, steps.grad_norms[self.n:])
        self.n, self.e = len(steps), len(evals)
        return self


def _extend(bounds: tuple[float, float], values: np.ndarray) -> tuple[float, float]:
    """``bounds`` widened to the finite values > 0 (a log axis cannot show 0, and a layer of
    dead ReLUs at one step should not stretch it down to the floor)."""
    v = values[values > 0]
    v = v[np.isfinite(v)]
    if v.size == 0:
        return bounds
    return min(bounds[0], float(v.min())), max(bounds[1], float(v.max()))


def curve(plot: pg.PlotWidget, pen, name: str | None = None) -> pg.PlotDataItem:
    """A history curve: at most the smallest and largest value per pixel column are drawn
    ("peak" downsampling at one sample a pixel; pyqtgraph's default of five a pixel draws ten
    times the segments, and lines wider than 1 px cost ~2 us each in software rendering)."""
    c = plot.plot(pen=pen, name=name, autoDownsampleFactor=1.0)
    c.setDownsampling(auto=True, method="peak")
    return c


class TrainingPlots(QWidget):
    """Loss, accuracy and per-layer gradient norms against step, refreshed from each frame.
    Items are made once; each frame only calls setData."""

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.loss_plot = pg.PlotWidget(title="Loss", axisItems={"left": DecadeAxis("left")})
        self.acc_plot = pg.PlotWidget(title="Accuracy")
        self.grad_plot = pg.PlotWidget(title="Gradient norm |∂L/∂W|", axisItems={"left": DecadeAxis("left")})
        for p in (self.loss_plot, self.acc_plot, self.grad_plot):
            p.setMenuEnabled(False)
            p.showGrid(x=True, y=True, alpha=0.15)
            p.setLabel("bottom", "step")
            p.getPlotItem().setClipToView(True)
            p.setMinimumHeight(150)
        # curves fall from the top left (loss) or rise to the top right (accuracy): legends go
        # where the curves are not
        self.loss_plot.addLegend(offset=(6, -6))
        self.acc_plot.addLegend(offset=(-6, -6))
        self.grad_plot.addLegend(offset=(6, -6), colCount=3)
        self.train_raw = curve(self.loss_plot, pg.mkPen(31, 119, 180, 60))
        self.train_curve = curve(self.loss_plot, pg.mkPen(31, 119, 180, width=2), "train (minibatch)")
        self.test_curve = curve(self.loss_plot, pg.mkPen(232, 119, 34, width=2), "test")
        self.train_acc = curve(self.acc_plot, pg.mkPen(31, 119, 180, width=2), "train")
        self.test_acc = curve(self.acc_plot, pg.mkPen(232, 119, 34, width=2), "test")
        for c in (self.train_raw, self.train_curve):
            c.setSkipFiniteCheck(True)
        self.grad_plot.setLogMode(y=True)
        self.grad_curves: list = []
        self.log = QCheckBox("log scale")
        self.log.setChecked(True)
        self.log.toggled.connect(self._on_log_toggled)
        self.loss_plot.setLogMode(y=True)
        self.ranges = [FollowRange(self.loss_plot, redraw=self.refresh),
                       FollowRange(self.acc_plot, fixed_y=(0.0, 1.02), redraw=self.refresh),
                       FollowRange(self.grad_plot, redraw=self.refresh)]
        self._bounds = _RunningBounds()
        self.smoothing = QSlider(Qt.Horizontal)
        self.smoothing.setRange(0, 99)
        self.smoothing.setValue(90)
        self.smoothing.setToolTip("smoothing of the minibatch loss and gradient norms "
                                  "(a debiased moving average, as TensorBoard's)")
        self.smoothing.valueChanged.connect(lambda _: self.refresh())
        self.smooth_label = QLabel()
        controls = QHBoxLayout()
        controls.addWidget(self.log)
        controls.addWidget(QLabel("smoothing"))
        controls.addWidget(self.smoothing, 1)
        controls.addWidget(self.smooth_label)
        controls.addStretch(2)
        row = QHBoxLayout()
        row.addWidget(self.loss_plot)
        row.addWidget(self.acc_plot)
        row.addWidget(self.grad_plot)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(controls)
        lay.addLayout(row)
        state.trained.connect(self._on_trained)
        state.network_changed.connect(self._on_network_changed)
        state.data_changed.connect(self._on_network_changed)
        self._on_network_changed()

    def _on_trained(self) -> None:
        """History frames (every other frame of a run, see AppState.history_frame) redraw the
        three plots; the last frame of a run redraws them too."""
        f = self.state.frame
        if f is None or not f.running or self.state.history_frame():
            self.refresh()

    def _on_log_toggled(self, on: bool) -> None:
        self.loss_plot.setLogMode(y=on)
        self.ranges[0].resume()
        self.refresh(only=0)

    def _on_network_changed(self) -> None:
        for r in self.ranges:
            r.resume()
        for c in self.grad_curves:
            self.grad_plot.removeItem(c)
        self.grad_plot.getPlotItem().legend.clear()
        self.grad_curves = []
        for k in range(self.state.net.n_layers):
            self.grad_curves.append(curve(self.grad_plot, pg.mkPen(*LAYER_COLORS[k % len(LAYER_COLORS)],
                                                                   width=1.6), f"{k + 1}"))
        self.acc_plot.setVisible(self.state.dataset.task == "classification")
        for c in (self.train_raw, self.train_curve, self.test_curve, self.train_acc, self.test_acc):
            c.setData([], [])

    def refresh(self, only: int | None = None) -> None:
        """Feed the curves from the history; ``only``: 0 loss, 1 accuracy, 2 gradients."""
        h, f = self.state.history, self.state.frame
        b = self.smoothing.value() / 100
        self.smooth_label.setText(f"{b:.2f}")
        if h is None or f is None or f.steps is None or f.evals is None:
            for r in self.ranges:           # fresh weights: the next run is followed again
                r.resume()
            for c in (self.train_raw, self.train_curve, self.test_curve, self.train_acc,
                      self.test_acc, *self.grad_curves):
                c.setData([], [])
            return
        # the worker may be appending: read the views the frame carries
        n, kept, ev = f.step, f.steps, f.evals
        steps = kept.number
        bounds = self._bounds.update(h, kept, ev)
        if only in (None, 0):
            losses = kept.loss
            self.train_raw.setData(steps, losses)
            self.train_curve.setData(steps, ema_debiased(losses, b))
            self.test_curve.setData(ev.step, ev.test_loss)
            lo, hi = bounds.loss
            if lo > hi:
                lo = hi = math.nan                            # no positive loss yet
            elif self.log.isChecked():
                lo, hi = math.log10(lo), math.log10(hi)
            else:
                lo = 0.0                                      # losses are >= 0
            self.ranges[0].update(n, lo, hi)
        if only in (None, 1):
            self.train_acc.setData(ev.step, ev.train_accuracy)
            self.test_acc.setData(ev.step, ev.test_accuracy)
            self.ranges[1].update(n, 0.0, 1.0)
        if only not in (None, 2):
            return
        norms = kept.grad_norms
        for k, c in enumerate(self.grad_curves):
            if k < norms.shape[1]:
                # log axes cannot show 0 (a layer of dead ReLUs): floor it far below the rest
                c.setData(steps, np.maximum(ema_debiased(norms[:, k], b), FLOOR))
        lo, hi = bounds.grad
        if lo > hi:
            self.ranges[2].update(n, math.nan, math.nan)          # no positive norm yet
        else:
            self.ranges[2].update(n, math.log10(max(lo, FLOOR)), math.log10(max(hi, FLOOR)))
