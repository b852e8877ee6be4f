"""Seeing the gradient: the loss along one parameter with its tangent, the landscape over two
with the optimiser's path, one neuron's computation graph, and its activation's shape.

Each view is built from a bare AppState and listens to its signals; the numbers come from
``engine.landscape`` and ``engine.neuron_graph``, so everything shown here is tested without a
window. The parameter they look at is the state's selected parameter (a clicked connection or
bias), or the selected neuron's bias.
"""
from __future__ import annotations

import html
import math
import threading

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (QComboBox, QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView,
                               QGridLayout, QHBoxLayout, QLabel, QPushButton, QTabWidget,
                               QVBoxLayout, QWidget)

from ..choices import OPTIMIZERS
from ..engine import EngineError, OptimizerConfig
from ..i18n import localized
from ..engine.landscape import (activation_curve, loss_along, loss_landscape, optimizer_path,
                                parameter_index, parameter_name, slope_check)
from ..engine.neuron_graph import neuron_graph
from .colors import MUTED, NEGATIVE, POSITIVE, TEXT
from .state import AppState

#: the training set is subsampled to this many rows for curves and landscapes of big data
MAX_ROWS = 2000
GRID = 60
CURVE_POINTS = 81
#: the optimisers of the race, each with its colour
RACE = tuple(zip(OPTIMIZERS, ((31, 119, 180), (44, 160, 44), (214, 39, 40))))
VERDICT_COLORS = {"good": "#2a8f2a", "uncomfortable": "#b8860b", "suspicious": "#d2691e",
                  "wrong": "#c0392b"}


def verdict_text(verdict: str) -> str:
    """A gradient check's verdict in the window's language (the Slope view's and the
    inspector's words)."""
    return {"good": QCoreApplication.translate("SlopeView", "good"),
            "uncomfortable": QCoreApplication.translate("SlopeView", "uncomfortable"),
            "suspicious": QCoreApplication.translate("SlopeView", "suspicious"),
            "wrong": QCoreApplication.translate("SlopeView", "wrong")}.get(verdict, verdict)


def selected_parameter(state: AppState) -> tuple[int, int, int | None]:
    """(layer 1-based, neuron, input or None for the bias) the views look at."""
    p = getattr(state, "selected_parameter", None)
    net = state.net
    if p is not None:
        layer, unit, src = p
        if 1 <= layer <= net.n_layers and unit < net.sizes[layer] and \
                (src is None or src < net.sizes[layer - 1]):
            return p
    sel = state.selected
    if sel is not None and sel[0] >= 1:
        return sel[0], sel[1], None
    return net.n_layers, 0, 0


def _flat(state: AppState, p: tuple[int, int, int | None]) -> int:
    return parameter_index(state.net, p[0] - 1, p[1], p[2])


def _rows(state: AppState, scope: str) -> tuple[np.ndarray, np.ndarray, str]:
    """(X, T, words) of the scope: the stepped sample, a minibatch from it, or the training set
    (its first MAX_ROWS rows when bigger)."""
    ds = state.dataset
    n_out = state.net.sizes[-1]
    if scope == "sample":
        rows = state.step_batch_rows()
        if len(rows) > 1:
            # batch normalization steps the sample with the rest of its minibatch: the loss and
            # the slope are the ones the stepper shows, over those rows together
            T = ds.target_matrix("train", n_out)[rows]
            return ds.X_train[rows], T, QCoreApplication.translate(
                "SlopeView", " (the {n} samples stepped together)").format(n=len(rows))
        return state.sample_x.reshape(1, -1), state.sample_target.reshape(1, -1), ""
    T_all = ds.target_matrix("train", n_out)
    if scope == "batch":
        idx = (state.sample_index + np.arange(max(1, state.batch))) % ds.n_train
        return ds.X_train[idx], T_all[idx], ""
    n = min(ds.n_train, MAX_ROWS)
    return ds.X_train[:n], T_all[:n], ("" if n == ds.n_train else f" ({n:,} / {ds.n_train:,})")


def _network_at_cycle_start(state: AppState):
    """The weights the stepped numbers were computed on (before this cycle's update)."""
    st = state.stepper
    return st.net_before() if st is not None else state.net.copy()


class SlopeView(QWidget):
    """The loss along the selected parameter, its tangent (slope = backprop's dL/dp), the finite-
    difference slope with its verdict, and the update step as an arrow."""
    computed = Signal()

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.scope = QComboBox()
        for key in ("sample", "batch", "train"):
            self.scope.addItem("", key)
        self.scope.currentIndexChanged.connect(lambda *_: self.refresh())
        self.plot = pg.PlotWidget(enableMenu=False)
        self.plot.setMinimumSize(120, 100)      # the page fits a small panel instead of scrolling
        self.plot.setBackground("w")
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).enableAutoSIPrefix(False)
        self.curve = self.plot.plot(pen=pg.mkPen((60, 60, 60), width=2))
        self.tangent = self.plot.plot(pen=pg.mkPen(POSITIVE, width=2, style=Qt.DashLine))
        self.point = pg.ScatterPlotItem(size=10, brush=pg.mkBrush(POSITIVE), pen=pg.mkPen("k"))
        self.after = pg.ScatterPlotItem(size=9, brush=pg.mkBrush(NEGATIVE), pen=pg.mkPen("k"))
        self.arrow = self.plot.plot(pen=pg.mkPen(NEGATIVE, width=2))
        self.head = pg.ArrowItem(angle=0, headLen=12, brush=pg.mkBrush(NEGATIVE), pen=None)
        for item in (self.point, self.after, self.head):
            self.plot.addItem(item)
        self.title = QLabel()
        self.numbers = QLabel()
        self.numbers.setWordWrap(True)
        self.numbers.setTextFormat(Qt.RichText)
        self.numbers.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.scope_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.scope_label)
        top.addWidget(self.scope)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.numbers)
        self.check = None
        self._pending = False
        for sig in (state.stepped, state.selection_changed, state.network_changed,
                    state.data_changed, state.ready_changed):
            sig.connect(self._schedule)
        self.retranslate()

    def retranslate(self) -> None:
        for k, text in enumerate((self.tr("this sample"), self.tr("a minibatch"),
                                  self.tr("the training set"))):
            self.scope.setItemText(k, text)
        self.scope.setToolTip(self.tr("the loss over the stepped sample, over a minibatch "
                                      "starting at it, or over the training set"))
        self.scope_label.setText(self.tr("loss over"))
        self._schedule()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _schedule(self, *_) -> None:
        """Recompute on the next turn of the event loop, once however many signals came."""
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.refresh)      # (cancelled if the view goes first)

    def refresh(self) -> None:
        self._pending = False
        state = self.state
        if not state.ready or not self.isVisible():
            return
        p = selected_parameter(state)
        scope = self.scope.currentData()
        net = _network_at_cycle_start(state) if not state.training else state.net.copy()
        try:
            i = _flat(state, p)
            X, T, rows = _rows(state, scope)
            check = slope_check(net, X, T, i)
        except EngineError as e:
            self.numbers.setText(localized(e))
            return
        name = parameter_name(net, i)
        lr = state.step_lr if scope == "sample" and not state.training else state.optimizer.lr
        w, g = check.value, check.backprop
        half = max(1.0, 1.6 * abs(lr * g), 0.25 * abs(w))
        xs = np.linspace(w - half, w + half, CURVE_POINTS)
        ys = loss_along(net, X, T, i, xs)
        w_new = w - lr * g
        loss_new = float(loss_along(net, X, T, i, [w_new])[0])
        self.curve.setData(xs, ys)
        span = 0.35 * half
        self.tangent.setData([w - span, w + span], [check.loss - g * span, check.loss + g * span])
        self.point.setData([w], [check.loss])
        self.after.setData([w_new], [loss_new])
        self.arrow.setData([w, w_new], [check.loss, check.loss])
        self.head.setPos(w_new, check.loss)
        self.head.setStyle(angle=0 if w_new < w else 180)
        self.head.setVisible(w_new != w)
        self.plot.setLabel("bottom", name)
        self.plot.setLabel("left", self.tr("loss L"))
        self.title.setText(f"<b>L({name})</b>{rows}")
        color = VERDICT_COLORS.get(check.verdict, "#000")
        self.numbers.setText(
            f"{name} = {w:.6g}&nbsp;&nbsp; L = {check.loss:.6g}<br>"
            + self.tr("slope from backprop") + f" ∂L/∂{name} = <b>{g:.6g}</b><br>"
            + self.tr("slope from finite differences") + f" = {check.numeric:.6g}"
            + f"&nbsp;&nbsp; " + self.tr("relative error") + f" {check.relative_error:.1e} "
            + f"<b style='color:{color}'>{self.verdict_text(check.verdict)}</b><br>"
            + self.tr("update") + f" {name} − η·∂L/∂{name} = {w:.6g} − {lr:g}×{g:.6g} = "
            + f"{w_new:.6g}, L = {loss_new:.6g}")
        self.check = check
        self.computed.emit()

    def verdict_text(self, verdict: str) -> str:
        return verdict_text(verdict)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._schedule()


def _cover(grid: np.ndarray, values: np.ndarray) -> np.ndarray:
    """A grid like ``grid`` (as many points) widened to hold ``values`` with a margin."""
    lo, hi = min(grid[0], values.min()), max(grid[-1], values.max())
    pad = 0.08 * (hi - lo)
    return np.linspace(lo - pad, hi + pad, len(grid))


class _LandscapeJob(QObject):
    """Computes a landscape on a copy of the network in a Python thread (the kernel releases
    the GIL), so the window never waits; ``done`` carries the result to the window's thread."""
    done = Signal(object)

    def start(self, net, X, T, i, j, xs, ys, paths_for=()) -> None:
        def work():
            try:
                paths = []
                for name, cfg, steps in paths_for:
                    path = optimizer_path(net, X, T, i, j, cfg, steps)
                    end = float(loss_landscape(net, X, T, i, path[-1:, 0], j, path[-1:, 1])[0, 0])
                    paths.append((name, path, end))
                gx, gy = xs, ys
                if paths:                     # the plane drawn holds every path whole
                    every = np.vstack([p for _, p, _ in paths])
                    gx = _cover(xs, every[:, 0])
                    gy = _cover(ys, every[:, 1])
                grid = loss_landscape(net, X, T, i, gx, j, gy)
                self.done.emit((grid, gx, gy, paths, i, j))
            except (EngineError, FloatingPointError) as e:
                self.done.emit(e)
        threading.Thread(target=work, daemon=True, name="backpropviz-landscape").start()


class LandscapeView(QWidget):
    """A contour map of the training loss over two parameters (the rest fixed), with the
    training's path on it, or the paths of sgd, momentum and adam racing from the same start."""
    computed = Signal()

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.x_param: tuple[int, int, int | None] | None = None
        self.plot = pg.PlotWidget(enableMenu=False)
        self.plot.setMinimumSize(120, 100)      # the page fits a small panel instead of scrolling
        self.plot.setBackground("w")
        self.image = pg.ImageItem()
        self.image.setColorMap(pg.colormap.get("viridis"))
        self.plot.addItem(self.image)
        self.contours = []
        self.path = self.plot.plot(pen=pg.mkPen((255, 255, 255), width=2), symbol="o",
                                   symbolSize=3, symbolBrush="w", symbolPen=None)
        self.here = pg.ScatterPlotItem(size=11, brush=pg.mkBrush(POSITIVE), pen=pg.mkPen("k"))
        self.plot.addItem(self.here)
        self.race_curves = []
        # the race's key sits under the map, never over the paths it names
        self.key = QLabel()
        self.key.setTextFormat(Qt.RichText)
        self.key.setVisible(False)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.pin = QPushButton()
        self.pin.clicked.connect(self.pin_selected)
        self.race = QPushButton()
        self.race.clicked.connect(lambda: self.compute(race=True))
        self.recompute = QPushButton()
        self.recompute.clicked.connect(lambda: self.compute())
        buttons = QGridLayout()              # two rows: the panel may be narrow on a projector
        buttons.addWidget(self.pin, 0, 0)
        buttons.addWidget(self.recompute, 0, 1)
        buttons.addWidget(self.race, 1, 0, 1, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(buttons)
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.key)
        lay.addWidget(self.info)
        self.job = _LandscapeJob()
        self.job.done.connect(self._on_done)
        self.busy = False
        self._again = None
        self.result = None
        self.grid = None
        self.trail: list[tuple[float, float]] = []
        self.paths: list[tuple[str, np.ndarray]] = []
        self._last_training_compute = -1
        state.network_changed.connect(self._on_network_changed)
        state.data_changed.connect(self._on_network_changed)
        state.selection_changed.connect(lambda: self.compute() if self.isVisible() else None)
        state.trained.connect(self._on_trained)
        state.weights_changed.connect(self._on_weights_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.pin.setText(self.tr("Pin as x axis"))
        self.pin.setToolTip(self.tr("keep the selected parameter on the x axis; then select "
                                    "another (click a connection) for the y axis"))
        self.race.setText(self.tr("Race the optimisers"))
        self.race.setToolTip(self.tr("sgd, momentum and adam train only these two parameters "
                                     "from the same start; their paths are drawn side by side"))
        self.recompute.setText(self.tr("Recompute"))
        self.recompute.setToolTip(self.tr("draw the landscape again around the current weights"))
        self._write_info()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _write_info(self) -> None:
        if self.result is None:
            return
        words = self.tr("training loss (log10, colour) over two parameters, the rest fixed")
        if self.paths:
            ends = ", ".join(f"{name} L = {end:.4g}" for name, _, end in self.paths)
            words += "<br>" + self.tr("after 150 steps at the same learning rate:") + " " + ends
        self.info.setText(words + self._rows_words)

    # --- which two parameters ------------------------------------------------------------------
    def pin_selected(self) -> None:
        self.x_param = selected_parameter(self.state)
        self.compute()

    def axes_params(self) -> tuple[tuple, tuple]:
        net = self.state.net
        y = selected_parameter(self.state)
        x = self.x_param
        if x is None or x == y or not (1 <= x[0] <= net.n_layers) or x[1] >= net.sizes[x[0]] or \
                (x[2] is not None and x[2] >= net.sizes[x[0] - 1]):
            # default: another parameter of the same neuron (its first weight, or its bias)
            layer, unit, src = y
            x = (layer, unit, 0 if src is None else None)
        return x, y

    # --- computing -----------------------------------------------------------------------------
    def compute(self, race: bool = False) -> None:
        state = self.state
        if not state.ready:
            return
        if self.busy:
            self._again = "race" if race or self._again == "race" else "plain"
            return
        self._again = None
        try:
            (px, py) = self.axes_params()
            i, j = _flat(state, px), _flat(state, py)
        except EngineError as e:
            self.info.setText(localized(e))
            return
        net = state.net.copy()
        X, T, rows = _rows(state, "train")
        wi, wj = float(net.params[i]), float(net.params[j])
        hx, hy = max(1.0, 1.5 * abs(wi)), max(1.0, 1.5 * abs(wj))
        xs = np.linspace(wi - hx, wi + hx, GRID)
        ys = np.linspace(wj - hy, wj + hy, GRID)
        paths_for = ()
        if race:
            lr = state.optimizer.lr
            paths_for = tuple((name, OptimizerConfig(name, lr=lr), 150) for name, _ in RACE)
        self.busy = True
        self._rows_words = rows
        self._race = race
        self.job.start(net, X, T, i, j, xs, ys, paths_for)

    def _on_done(self, result) -> None:
        self.busy = False
        if self._again:
            again, self._again = self._again, None
            self.compute(race=again == "race")      # the choice changed while this was computed
            return
        if isinstance(result, Exception):
            self.info.setText(localized(result))
            return
        grid, xs, ys, paths, i, j = result
        self.result = (xs, ys, i, j)
        self.grid = grid
        net = self.state.net
        shown = np.log10(np.maximum(grid, 1e-12))
        self.image.setImage(shown.T, autoLevels=True)
        self.image.setRect(QRectF(xs[0], ys[0], xs[-1] - xs[0], ys[-1] - ys[0]))
        for c in self.contours:
            self.plot.removeItem(c)
        self.contours = []
        lo, hi = float(shown.min()), float(shown.max())
        if hi > lo:
            for level in np.linspace(lo, hi, 10)[1:-1]:
                iso = pg.IsocurveItem(data=shown.T, level=float(level),
                                      pen=pg.mkPen((255, 255, 255, 110), width=1))
                iso.setParentItem(self.image)
                self.contours.append(iso)
        for c in self.race_curves:
            self.plot.removeItem(c)
        self.race_curves = []
        self.paths = paths
        keys = []
        for (name, path, _), (_, color) in zip(paths, RACE):
            c = self.plot.plot(path[:, 0], path[:, 1], pen=pg.mkPen(color, width=2))
            self.race_curves.append(c)
            keys.append(f"<span style='color: rgb{tuple(color)}'>━━</span>&nbsp;{html.escape(name)}")
        self.key.setText("&nbsp;&nbsp;&nbsp;".join(keys))
        self.key.setVisible(bool(paths))
        self.path.setVisible(not paths)
        self.here.setData([float(net.params[i])], [float(net.params[j])])
        self.plot.setLabel("bottom", parameter_name(net, i))
        self.plot.setLabel("left", parameter_name(net, j))
        self.plot.setRange(xRange=(xs[0], xs[-1]), yRange=(ys[0], ys[-1]), padding=0)
        self._write_info()
        self.computed.emit()

    # --- following the weights -------------------------------------------------------------------
    def _on_network_changed(self) -> None:
        self.x_param = None
        self.trail = []
        self.path.setData([], [])
        if self.isVisible():
            self.compute()

    def _on_weights_changed(self) -> None:
        if self.result is None:
            return
        _, _, i, j = self.result
        net = self.state.net
        if i < net.layout.n_params and j < net.layout.n_params:
            self.here.setData([float(net.params[i])], [float(net.params[j])])

    def _on_trained(self) -> None:
        """While training, the path of the two parameters grows frame by frame; the surface is
        drawn again now and then (the other weights move too)."""
        frame = self.state.frame
        if frame is None or self.result is None:
            self.trail = []
            return
        _, _, i, j = self.result
        if i >= frame.params.size or j >= frame.params.size:
            return
        self.trail.append((float(frame.params[i]), float(frame.params[j])))
        t = np.array(self.trail)
        self.path.setData(t[:, 0], t[:, 1])
        if self.isVisible() and frame.step - self._last_training_compute >= 2000 and not self.busy:
            self._last_training_compute = frame.step
            self.compute()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # (one under way draws: asked again now, a race a lesson started would be dropped
        # for a plain landscape)
        if self.result is None and not self.busy:
            self.compute()


class NeuronGraphView(QGraphicsView):
    """The selected neuron's scalar graph as micrograd draws it: boxes of value and gradient,
    filled in phase by phase while stepping."""
    MAX_INPUTS = 8

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.Antialiasing)
        self.setBackgroundBrush(QColor("white"))
        self.graph = None
        self.texts: dict[str, str] = {}
        self._stale = True
        for sig in (state.stepped, state.selection_changed, state.network_changed,
                    state.weights_changed):
            sig.connect(self.refresh)
        self.refresh()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.refresh()
        super().changeEvent(event)

    def _known(self, node, phase_index: int, L: int) -> tuple[bool, bool]:
        forward = phase_index >= node.forward
        back_at = L + 1 if node.backward == L + 1 else 2 * L + 2 - node.backward
        return forward, phase_index >= back_at

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self, *_) -> None:
        # a hidden tab waits until it is shown: rebuilt at every training frame, it cost the
        # training thread its share of the interpreter
        self._stale = not self.isVisible()
        if self._stale:
            return
        state, scene = self.state, self.scene()
        scene.clear()
        self.texts = {}
        st = state.stepper
        sel = state.selected
        if st is None or sel is None or sel[0] < 1:
            scene.addSimpleText(self.tr("select a neuron of a layer (click it) to see its graph"))
            self.graph = None
            return
        layer, unit = sel[0] - 1, sel[1]
        net = st.net_before()
        trace = st.numbers
        a_prev = trace["input"] if layer == 0 else trace["layers"][layer - 1]["a"]
        W = net.weights[layer]
        inputs = list(range(net.sizes[layer]))
        if len(inputs) > self.MAX_INPUTS:
            inputs = sorted(np.argsort(-np.abs(W[unit] * a_prev))[:self.MAX_INPUTS].tolist())
        try:
            g = neuron_graph(net, trace, layer, unit, inputs)
        except EngineError as e:
            scene.addSimpleText(localized(e))
            self.graph = None
            return
        self.graph = g
        L = net.n_layers
        idx = st.index if not state.training else st.n_phases - 1
        pos = {}
        row_h = 50
        for r, i in enumerate(inputs):
            pos[f"in{i}"] = (0, r * row_h * 2)
            pos[f"w{i}"] = (0, r * row_h * 2 + row_h)
            pos[f"p{i}"] = (125, r * row_h * 2 + row_h / 2)
        mid = (len(inputs) * 2 - 1) * row_h / 2
        pos["sum"] = (250, mid - row_h / 2)
        pos["b"] = (250, mid + row_h)
        pos["z"] = (375, mid + row_h / 4)
        pos["a"] = (500, mid + row_h / 4)
        others = [n for n in g.nodes if n.kind in ("next", "rest", "loss")]
        for r, n in enumerate(others):
            pos[n.key] = (625, mid + row_h / 4 - (len(others) - 1) * row_h / 2 + r * row_h)
        boxes = {}
        for n in g.nodes:
            fw, bw = self._known(n, idx, L)
            val = f"{n.value:.4g}" if fw and n.value == n.value else "?"
            grad = f"{n.grad:.4g}" if bw else "?"
            text = f"{n.label}\n" + self.tr("data") + f" {val}\n" + self.tr("grad") + f" {grad}"
            if n.kind == "rest":
                text = f"{n.label}\n" + self.tr("grad") + f" {grad}"
            self.texts[n.key] = text
            boxes[n.key] = self._box(pos[n.key], text, n.kind, bw)
        if len(inputs) < net.sizes[layer]:
            more = scene.addSimpleText(self.tr("the {} inputs with the largest |w·a| of {}")
                                       .format(len(inputs), net.sizes[layer]))
            more.setPos(0, -28)
        pen = QPen(MUTED, 1.2)
        for a, b in g.edges:
            ra, rb = boxes[a], boxes[b]
            scene.addLine(ra.right(), ra.center().y(), rb.left(), rb.center().y(), pen)
        self._fit()

    def _fit(self) -> None:
        """Fit the graph, but never below 80 %: a big one scrolls instead of shrinking to
        unreadable text."""
        rect = self.scene().itemsBoundingRect().adjusted(-8, -8, 8, 8)
        self.setSceneRect(rect)
        self.resetTransform()
        if rect.width() > 0 and rect.height() > 0:
            k = min(self.viewport().width() / rect.width(), self.viewport().height() / rect.height())
            k = max(0.8, min(1.4, k))
            self.scale(k, k)

    def _box(self, xy, text: str, kind: str, grad_known: bool) -> QRectF:
        scene = self.scene()
        t = QGraphicsSimpleTextItem(text)
        f = QFont()
        f.setPointSize(9)
        t.setFont(f)
        r = t.boundingRect()
        rect = QRectF(xy[0], xy[1], max(105, r.width() + 10), r.height() + 6)
        fill = {"weight": QColor(255, 240, 220), "bias": QColor(255, 240, 220),
                "input": QColor(225, 236, 250), "loss": QColor(250, 225, 225)}.get(kind, QColor(245, 245, 245))
        scene.addRect(rect, QPen(TEXT if grad_known else MUTED, 1.2), QBrush(fill))
        t.setPos(rect.left() + 6, rect.top() + 4)
        scene.addItem(t)
        return rect

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.scene().items():
            self._fit()


class ActivationView(QWidget):
    """f(z) and f'(z) of the selected neuron's activation, its z marked, the tangent drawn: a
    saturated sigmoid's slope, and so what it passes back, is almost nothing."""

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.plot = pg.PlotWidget(enableMenu=False)
        self.plot.setMinimumSize(120, 100)      # the page fits a small panel instead of scrolling
        self.plot.setBackground("w")
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.addLegend(offset=(5, 5))
        self.f = self.plot.plot(pen=pg.mkPen((40, 40, 40), width=2), name="f(z)")
        self.d = self.plot.plot(pen=pg.mkPen(POSITIVE, width=2), name="f'(z)")
        self.tangent = self.plot.plot(pen=pg.mkPen(NEGATIVE, width=1.5, style=Qt.DashLine))
        self.mark = pg.ScatterPlotItem(size=10, brush=pg.mkBrush(NEGATIVE), pen=pg.mkPen("k"))
        self.plot.addItem(self.mark)
        self.text = QLabel()
        self.text.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.text)
        self.z = None
        self._stale = True
        for sig in (state.stepped, state.selection_changed, state.network_changed):
            sig.connect(self.refresh)
        self.refresh()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.refresh()
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self, *_) -> None:
        self._stale = not self.isVisible()      # a hidden tab catches up when shown
        if self._stale:
            return
        state, st, sel = self.state, self.state.stepper, self.state.selected
        if st is None or sel is None or sel[0] < 1:
            self.text.setText(self.tr("select a neuron of a layer to see its activation"))
            return
        layer, unit = sel[0] - 1, sel[1]
        name = state.net.activations[layer]
        if name == "softmax":
            self.text.setText(self.tr("softmax couples its outputs: it has no curve of one z"))
            for c in (self.f, self.d, self.tangent):
                c.setData([], [])
            self.mark.setData([], [])
            return
        z = float(st.numbers["layers"][layer]["z"][unit])
        half = max(5.0, abs(z) * 1.3)
        zs = np.linspace(-half, half, 301)
        f, d = activation_curve(name, zs)
        fz, dz = activation_curve(name, [z])
        self.f.setData(zs, f)
        self.d.setData(zs, d)
        span = 0.2 * half
        self.tangent.setData([z - span, z + span], [fz[0] - dz[0] * span, fz[0] + dz[0] * span])
        self.mark.setData([z], [fz[0]])
        self.z = z
        known = st.forward_done() > layer
        self.text.setText((f"{name}: z = {z:.6g}, f(z) = {fz[0]:.6g}, f'(z) = {dz[0]:.6g}. "
                           if known else self.tr("z is known once the forward step reaches this layer. "))
                          + self.tr("The neuron's δ is f'(z) times what comes back to it, so "
                                    "where f' is nearly 0 the neuron passes back almost nothing."))


class GradientPanel(QTabWidget):
    """The four views in tabs, shown beside the inspector."""

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.slope = SlopeView(state)
        self.landscape = LandscapeView(state)
        self.graph = NeuronGraphView(state)
        self.activation = ActivationView(state)
        self.setUsesScrollButtons(True)
        for page in (self.slope, self.landscape, self.graph, self.activation):
            self.addTab(page, "")
        self.retranslate()

    def retranslate(self) -> None:
        for k, (title, tip) in enumerate((
                (self.tr("Slope"), self.tr("the loss along the selected weight: its slope is the gradient")),
                (self.tr("Landscape"), self.tr("the loss over two weights, and the optimiser's path on it")),
                (self.tr("Graph"), self.tr("the selected neuron's computation, value and gradient of each step")),
                (self.tr("f(z)"), self.tr("the selected neuron's activation and its slope")))):
            self.setTabText(k, title)
            self.setTabToolTip(k, tip)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_view(self, view: QWidget) -> None:
        """Bring the tab holding ``view`` to the front."""
        self.setCurrentWidget(view)
