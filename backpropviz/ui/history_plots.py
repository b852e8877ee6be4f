"""The history plots under the network: loss, accuracy and per-layer gradient norms against
step, fed from the training frames."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from ..engine.history import ema_debiased
from .axes import DecadeAxis, FollowRange
from .colors import LAYER_COLORS
from .state import AppState


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
        self.log.setToolTip(self.tr("draw the loss on a logarithmic scale"))
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
