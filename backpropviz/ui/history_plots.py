"""The history plots under the network: loss, accuracy and per-layer gradient norms against
step, fed from the training frames."""
from __future__ import annotations

import html
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QSlider,
                               QStackedWidget, QTabWidget, QVBoxLayout, QWidget)

from ..engine.history import ema_debiased
from ..i18n import QT_TRANSLATE_NOOP
from .axes import DecadeAxis, FollowRange, nice_ceiling, set_axis_font
from .colors import LAYER_COLORS
from .lazy import LazyPage
from .pyqtgraph_words import retranslate_plot
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


TRAIN_COLOR, TEST_COLOR = LAYER_COLORS[0], LAYER_COLORS[1]
LR_COLOR = (120, 120, 120)      # the learning rate: grey, dashed, beside the loss curves
ROW_MIN_WIDTH = 300      # below this width a plot each, the plots go into tabs


def key_html(title: str, entries) -> str:
    """A plot's title with its legend: a coloured line before each name."""
    # a line and its name never part; a narrow plot's key breaks between entries
    keys = "&nbsp; ".join(f"<span style='color: rgb{tuple(c)}'>━━</span>&nbsp;{html.escape(name)}"
                          for name, c in entries)
    return f"<b>{html.escape(title)}</b>&nbsp;&nbsp; {keys}" if title else keys


def plot_key(title: str, entries) -> QLabel:
    label = QLabel(key_html(title, entries))
    label.setAlignment(Qt.AlignCenter)
    label.setWordWrap(True)           # (a deep network's nine or twenty-one layers were cut)
    policy = QSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
    policy.setHeightForWidth(True)
    label.setSizePolicy(policy)
    return label


def titled(key: QLabel, plot: pg.PlotWidget) -> QWidget:
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(0)
    lay.addWidget(key)
    lay.addWidget(plot, 1)
    return box


def history_plot(log_y: bool) -> pg.PlotWidget:
    """One history plot, without pyqtgraph's context menu (made only to be turned off, it
    cost about 6 ms a plot)."""
    p = pg.PlotWidget(axisItems={"left": DecadeAxis("left")} if log_y else None, enableMenu=False)
    p.showGrid(x=True, y=True, alpha=0.15)
    p.getPlotItem().setClipToView(True)
    p.setMinimumSize(160, 110)
    return p


LOSS, ACCURACY, GRADIENTS = range(3)


class TrainingPlots(QWidget):
    """Loss, accuracy and per-layer gradient norms against step, refreshed from each frame.
    Items are made once; each frame only calls setData.

    The loss plot is made at once; the accuracy and gradient plots the first time they are
    shown (side by side, or their tab chosen) or asked for, and are then fed what the history
    holds: in tabs, the window's first view shows the loss alone."""

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self._fonts_changed = False            # a FontChange reached the plots (View > Zoom)
        self.loss_plot = history_plot(log_y=True)
        self._plots: list[pg.PlotWidget | None] = [self.loss_plot, None, None]
        self.train_acc = self.test_acc = None
        self._grad_curves: list = []
        # each plot's title and legend sit above it, never over the curves
        self.loss_key = plot_key("", ())          # worded in retranslate
        self.acc_key = plot_key("", ())
        self.grad_key = plot_key("", ())
        self._pages = {ACCURACY: LazyPage(lambda: self._make_plot(ACCURACY)),
                       GRADIENTS: LazyPage(lambda: self._make_plot(GRADIENTS))}
        self.panels = [titled(self.loss_key, self.loss_plot),
                       titled(self.acc_key, self._pages[ACCURACY]),
                       titled(self.grad_key, self._pages[GRADIENTS])]
        self.tab_names = [QT_TRANSLATE_NOOP("TrainingPlots", "Loss"),
                          QT_TRANSLATE_NOOP("TrainingPlots", "Accuracy"),
                          QT_TRANSLATE_NOOP("TrainingPlots", "Gradients")]
        self.train_raw = curve(self.loss_plot, pg.mkPen(*TRAIN_COLOR, 60))
        self.train_curve = curve(self.loss_plot, pg.mkPen(*TRAIN_COLOR, width=2))
        self.test_curve = curve(self.loss_plot, pg.mkPen(*TEST_COLOR, width=2))
        for c in (self.train_raw, self.train_curve):
            c.setSkipFiniteCheck(True)
        # the learning rate each step was taken with, on an axis of its own at the right of the
        # loss plot (linear, from 0), shown while a schedule changes it
        loss_item = self.loss_plot.getPlotItem()
        self.lr_box = pg.ViewBox(enableMenu=False)
        self.lr_box.setMouseEnabled(False, False)
        loss_item.scene().addItem(self.lr_box)
        loss_item.getAxis("right").linkToView(self.lr_box)
        self.lr_box.setXLink(loss_item)
        self.lr_curve = pg.PlotDataItem(pen=pg.mkPen(*LR_COLOR, width=1.5, style=Qt.DashLine))
        self.lr_box.addItem(self.lr_curve)
        loss_item.getViewBox().sigResized.connect(self._fit_lr_box)
        self._lr_top: float | None = None
        self.lr_shown = False
        self._show_lr(False)
        self.log = QCheckBox()
        self.log.setChecked(True)
        self.log.toggled.connect(self._on_log_toggled)
        self._loss_log(True)
        self.ranges: list[FollowRange | None] = [FollowRange(self.loss_plot, redraw=self.refresh),
                                                 None, None]
        self._bounds = _RunningBounds()
        self.smoothing = QSlider(Qt.Horizontal)
        self.smoothing.setRange(0, 99)
        self.smoothing.setValue(90)
        self.smoothing.valueChanged.connect(lambda _: self.refresh())
        self.smooth_label = QLabel()
        controls = QHBoxLayout()
        controls.addWidget(self.log)
        self.smoothing_title = QLabel()
        controls.addWidget(self.smoothing_title)
        controls.addWidget(self.smoothing, 1)
        controls.addWidget(self.smooth_label)
        controls.addStretch(2)
        # side by side where each plot keeps a usable width, else one tab each
        self.row = QWidget()
        self.row_layout = QHBoxLayout(self.row)
        self.row_layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.row)
        self.stack.addWidget(self.tabs)
        # the plots go into tabs when narrow, so the row's width (300 px a plot) is no minimum:
        # before the first resize (a window sized before it is shown, as gui --size does) it
        # made a 1024 px wide window open 1090 px wide
        policy = self.stack.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Ignored)
        self.stack.setSizePolicy(policy)
        self.tabbed: bool | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(controls)
        lay.addWidget(self.stack, 1)
        self._arrange(tabbed=False)
        state.trained.connect(self._on_trained)
        state.network_changed.connect(self._on_network_changed)
        state.data_changed.connect(self._on_network_changed)
        self._on_network_changed()
        self.retranslate()

    @property
    def acc_plot(self) -> pg.PlotWidget:
        return self._pages[ACCURACY].content()

    @property
    def grad_plot(self) -> pg.PlotWidget:
        return self._pages[GRADIENTS].content()

    @property
    def grad_curves(self) -> list:
        """The gradient plot's curves, one a layer (the plot is made if it was not)."""
        self._pages[GRADIENTS].content()
        return self._grad_curves

    def _made(self) -> list[int]:
        """The plots made so far (LOSS, ACCURACY, GRADIENTS)."""
        return [i for i, p in enumerate(self._plots) if p is not None]

    def _make_plot(self, which: int) -> pg.PlotWidget:
        """The accuracy or the gradient plot, dressed as the others are now and fed the history."""
        p = history_plot(log_y=which == GRADIENTS)
        self._plots[which] = p
        if which == ACCURACY:
            self.train_acc = curve(p, pg.mkPen(*TRAIN_COLOR, width=2))
            self.test_acc = curve(p, pg.mkPen(*TEST_COLOR, width=2))
            self.ranges[which] = FollowRange(p, fixed_y=(0.0, 1.02), redraw=self.refresh)
        else:
            p.setLogMode(y=True)
            self.ranges[which] = FollowRange(p, redraw=self.refresh)
            self._make_grad_curves()
        self._retranslate_plot(which)
        if self._fonts_changed:
            set_axis_font(p, self.font())
        self._feed([which], self.smoothing.value() / 100)
        return p

    def _make_grad_curves(self) -> None:
        """A curve a layer of the network, in the layers' colours."""
        for c in self._grad_curves:
            self._plots[GRADIENTS].removeItem(c)
        self._grad_curves = [curve(self._plots[GRADIENTS], pg.mkPen(*color, width=1.6))
                             for color in self._layer_colors()]

    def _layer_colors(self) -> list:
        return [LAYER_COLORS[k % len(LAYER_COLORS)] for k in range(self.state.net.n_layers)]

    def _loss_log(self, on: bool) -> None:
        """The loss on a log or linear axis; the rate's axis at its right stays linear (the
        plot's log mode reaches every axis of it)."""
        self.loss_plot.setLogMode(y=on)
        self.loss_plot.getPlotItem().getAxis("right").setLogMode(False)

    def _fit_lr_box(self, *_) -> None:
        vb = self.loss_plot.getPlotItem().getViewBox()
        self.lr_box.setGeometry(vb.sceneBoundingRect())
        self.lr_box.linkedViewChanged(vb, self.lr_box.XAxis)

    def _show_lr(self, shown: bool) -> None:
        """Show or hide the learning-rate curve and its axis (and its entry in the key)."""
        shown = bool(shown)
        self.lr_shown = shown
        item = self.loss_plot.getPlotItem()
        item.showAxis("right", shown)
        self.lr_curve.setVisible(shown)
        if not shown:
            self.lr_curve.setData([], [])
            self._lr_top = None
        self._loss_key_text()
        self._fit_lr_box()

    def _loss_key_text(self) -> None:
        entries = [(self.tr("train (minibatch)"), TRAIN_COLOR), (self.tr("test"), TEST_COLOR)]
        if self.lr_shown:
            entries.append((self.tr("learning rate η (right axis)"), LR_COLOR))
        self.loss_key.setText(key_html(self.tr("Loss"), entries))

    def retranslate(self) -> None:
        self._loss_key_text()
        self.acc_key.setText(key_html(self.tr("Accuracy"), ((self.tr("train"), TRAIN_COLOR),
                                                             (self.tr("test"), TEST_COLOR))))
        self._show_grad_key()
        for which in self._made():
            self._retranslate_plot(which)
        self.log.setText(self.tr("log scale"))
        self.log.setToolTip(self.tr("draw the loss on a logarithmic scale"))
        self.smoothing_title.setText(self.tr("smoothing"))
        self.smoothing.setToolTip(self.tr("smoothing of the minibatch loss and gradient norms "
                                          "(a debiased moving average, as TensorBoard's)"))
        if self.tabbed:
            self._arrange(True)                   # the tabs' names

    def _retranslate_plot(self, which: int) -> None:
        self._plots[which].setLabel("bottom", self.tr("step"))
        retranslate_plot(self._plots[which])
        self.ranges[which].retranslate()

    def _show_grad_key(self) -> None:
        self.grad_key.setText(key_html(self.tr("Gradient norm |∂L/∂W|, layer"),
                                       [(f"{k + 1}", c) for k, c in enumerate(self._layer_colors())]))

    def _shown_panels(self) -> list[int]:
        classes = self.state.dataset.task == "classification"
        return [i for i in range(3) if i != 1 or classes]      # no accuracy for regression

    def _arrange(self, tabbed: bool) -> None:
        """Put the plots side by side or in tabs (keeping the tab that was open)."""
        current = self.tabs.currentIndex() if self.tabbed else 0
        self.tabbed = tabbed
        shown = self._shown_panels()
        self.tabs.clear()
        for i, panel in enumerate(self.panels):
            # into the row first: shown while it had no parent, a panel became a window of its
            # own for a moment (and a hidden plot was made)
            if not tabbed and self.row_layout.indexOf(panel) < 0:
                self.row_layout.insertWidget(i, panel, 1)
            panel.setVisible(i in shown)
        if tabbed:
            tips = (self.tr("the loss at each step: the minibatch's (thin), smoothed (thick) and "
                            "the test set's"),
                    self.tr("the share of the training and the test set classified right"),
                    self.tr("each layer's gradient norm |∂L/∂W| at each step: vanishing and "
                            "exploding gradients show here"))
            for i in shown:
                k = self.tabs.addTab(self.panels[i], self.tr(self.tab_names[i]))
                self.tabs.setTabToolTip(k, tips[i])
            self.tabs.setCurrentIndex(min(current, self.tabs.count() - 1))
        self.stack.setCurrentWidget(self.tabs if tabbed else self.row)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        tabbed = event.size().width() < ROW_MIN_WIDTH * len(self._shown_panels())
        if tabbed != self.tabbed:
            self._arrange(tabbed)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            self._fonts_changed = True
            for which in self._made():
                set_axis_font(self._plots[which], self.font())
            right = self.loss_plot.getPlotItem().getAxis("right")
            right.setStyle(tickFont=self.font())
            right.setWidth()
        elif event.type() == QEvent.LanguageChange:
            self.retranslate()

    def _on_trained(self) -> None:
        """History frames (every other frame of a run, see AppState.history_frame) redraw the
        three plots; the last frame of a run redraws them too."""
        f = self.state.frame
        if f is None or not f.running or self.state.history_frame():
            self.refresh()

    def _on_log_toggled(self, on: bool) -> None:
        self._loss_log(on)
        self.ranges[0].resume()
        self.refresh(only=LOSS)

    def _on_network_changed(self) -> None:
        made = self._made()
        for which in made:
            self.ranges[which].show_empty()
        if GRADIENTS in made:
            self._make_grad_curves()
        self._show_grad_key()
        self._arrange(self.tabbed)
        for c in self._curves(made, grads=False):
            c.setData([], [])
        self._show_lr(False)

    def _curves(self, plots: list[int], grads: bool = True) -> list:
        """The curves of ``plots`` (made ones), the gradient norms' only if ``grads``."""
        curves = {LOSS: [self.train_raw, self.train_curve, self.test_curve],
                  ACCURACY: [self.train_acc, self.test_acc],
                  GRADIENTS: self._grad_curves if grads else []}
        return [c for which in plots for c in curves[which] if c is not None]

    def refresh(self, only: int | None = None) -> None:
        """Feed the curves (of the plots made) from the history; ``only``: LOSS, ACCURACY or
        GRADIENTS."""
        b = self.smoothing.value() / 100
        self.smooth_label.setText(f"{b:.2f}")
        self._feed([which for which in self._made() if only in (None, which)], b)

    def _feed(self, fed: list[int], b: float) -> None:
        """Feed the curves of the plots ``fed`` from the history, smoothed with ``b``."""
        h, f = self.state.history, self.state.frame
        if h is None or f is None or f.steps is None or f.evals is None:
            for which in fed:               # fresh weights: empty axes, followed again
                self.ranges[which].show_empty()
            for c in self._curves(fed):
                c.setData([], [])
            if LOSS in fed:
                self._show_lr(False)
            return
        # the worker may be appending: read the views the frame carries
        n, kept, ev = f.step, f.steps, f.evals
        steps = kept.number
        bounds = self._bounds.update(h, kept, ev)
        if LOSS in fed:
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
            self._refresh_lr(steps, kept.lr)
        if ACCURACY in fed:
            self.train_acc.setData(ev.step, ev.train_accuracy)
            self.test_acc.setData(ev.step, ev.test_accuracy)
            self.ranges[1].update(n, 0.0, 1.0)
        if GRADIENTS not in fed:
            return
        norms = kept.grad_norms
        for k, c in enumerate(self._grad_curves):
            if k < norms.shape[1]:
                # log axes cannot show 0 (a layer of dead ReLUs): floor it far below the rest
                c.setData(steps, np.maximum(ema_debiased(norms[:, k], b), FLOOR))
        lo, hi = bounds.grad
        if lo > hi:
            self.ranges[2].update(n, math.nan, math.nan)          # no positive norm yet
        else:
            self.ranges[2].update(n, math.log10(max(lo, FLOOR)), math.log10(max(hi, FLOOR)))

    def _refresh_lr(self, steps: np.ndarray, rates: np.ndarray) -> None:
        """The rate curve, shown when a schedule sets the rates or they were not all one."""
        finite = rates[np.isfinite(rates)]
        varies = bool(finite.size > 0 and (finite.min() != finite.max()
                                           or self.state.schedule.kind != "constant"))
        if varies != self.lr_shown:
            self._show_lr(varies)
        if not varies:
            return
        self.lr_curve.setData(steps, rates)
        top = nice_ceiling(float(finite.max()))
        if top != self._lr_top:            # the right axis is laid out again only on a change
            self._lr_top = top
            self.lr_box.setYRange(0.0, top, padding=0)
