"""The network drawn as neurons in columns and connections between them.

Fill = the neuron's activation a (diverging colours, legend bottom left), ring = its delta once
the backward pass has reached it, line colour = the weight's sign and width = its size.
Items are made once per architecture (``network_changed``) and only restyled afterwards.
"""
from __future__ import annotations

import functools

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import (QBrush, QColor, QFont, QImage, QLinearGradient, QPainter, QPainterPath,
                           QPen, QPixmap)
from PySide6.QtWidgets import (QGraphicsEllipseItem, QGraphicsItem, QGraphicsLineItem,
                               QGraphicsPathItem, QGraphicsPixmapItem, QGraphicsRectItem, QGraphicsScene,
                               QGraphicsSimpleTextItem, QGraphicsView, QToolTip)

from ..explain import fmt, fmt_fixed
from . import colors
from .state import AppState

MAX_SHOWN = 16          # neurons drawn per layer; the rest are summarised as "+N more"
COL_GAP = 200.0
ROW_GAP = 74.0
RADIUS = 19.0
IMAGE_SIZE = 112.0
IMAGE_EDGE = colors.over_white(QColor(150, 150, 150), 150)


def shown_units(n: int) -> list[int]:
    """Which neurons of a layer of n are drawn."""
    return list(range(n)) if n <= MAX_SHOWN else list(range(MAX_SHOWN - 1))


class NeuronItem(QGraphicsEllipseItem):
    def __init__(self, column: int, unit: int, x: float, y: float):
        super().__init__(x - RADIUS, y - RADIUS, 2 * RADIUS, 2 * RADIUS)
        self.column, self.unit = column, unit
        self.center = QPointF(x, y)
        self.setZValue(2)
        self.setCursor(Qt.PointingHandCursor)
        # the neuron's output map (2-D data) is a child picture clipped to the circle
        self.setFlag(QGraphicsItem.ItemClipsChildrenToShape, True)
        self.map = QGraphicsPixmapItem(self)
        self.map.setPos(x - RADIUS, y - RADIUS)
        self.map.setZValue(-1)
        self.map.setVisible(False)


class EdgeItem(QGraphicsLineItem):
    def __init__(self, layer: int, dst: int, src: int | None, p1: QPointF, p2: QPointF):
        super().__init__(p1.x(), p1.y(), p2.x(), p2.y())
        self.layer, self.dst, self.src = layer, dst, src    # src None: from an input picture
        self.weight = float("nan")                           # what the pen was last set for
        self.setZValue(0)


EDGE_LEVELS = 48        # line widths and shades per sign: finer than the eye tells apart


@functools.lru_cache(maxsize=3 * (EDGE_LEVELS + 1))
def _edge_pen(positive: bool | None, level: int) -> QPen:
    mag = level / EDGE_LEVELS
    if positive is None:                 # from an input picture: grey, width by mean |w|
        return QPen(IMAGE_EDGE, 0.6 + 3.0 * mag)
    return QPen(colors.sign_color(1.0 if positive else -1.0, int(70 + 160 * mag), on_white=True),
                0.4 + 4.6 * mag)


def edge_pen(positive: bool | None, mag: float) -> QPen:
    """The pen of a connection: colour by sign (None: grey), width and shade by ``mag`` in
    [0, 1], the weight's size against the layer's largest. Pens are made once per level."""
    return _edge_pen(positive, int(round(min(max(mag, 0.0), 1.0) * EDGE_LEVELS)))


def neuron_map(values: np.ndarray, scale: float, size: int) -> QPixmap:
    """A (g, g) map of one neuron's activation (rows follow the second input upwards) as a
    size x size picture in the view's diverging colours."""
    t = np.clip(values / scale, -1.0, 1.0)[::-1]          # first row at the top = largest x2
    zero = np.array([colors.ZERO.red(), colors.ZERO.green(), colors.ZERO.blue()], float)
    pos = np.array([colors.POSITIVE.red(), colors.POSITIVE.green(), colors.POSITIVE.blue()], float)
    neg = np.array([colors.NEGATIVE.red(), colors.NEGATIVE.green(), colors.NEGATIVE.blue()], float)
    w = np.abs(t)[..., None]
    rgb = zero + (np.where(t[..., None] > 0, pos, neg) - zero) * w
    img = np.ascontiguousarray(rgb.astype(np.uint8))
    g_rows, g_cols = img.shape[:2]
    qimg = QImage(img.data, g_cols, g_rows, 3 * g_cols, QImage.Format_RGB888).copy()
    return QPixmap.fromImage(qimg).scaled(size, size, Qt.IgnoreAspectRatio, Qt.SmoothTransformation)


class TagItem(QGraphicsRectItem):
    """A small text on a light rounded background, readable where lines cross it."""

    def __init__(self, font: QFont, color: QColor, owner: QGraphicsItem | None = None):
        super().__init__()
        self.owner = owner              # clicks and hovers on the tag mean its neuron
        self.setPen(Qt.NoPen)
        self.setBrush(QColor(255, 255, 255, 215))
        self.text = QGraphicsSimpleTextItem("", self)
        self.text.setFont(font)
        self.text.setBrush(color)
        self.setZValue(3)

    def set_text(self, text: str, center_x: float, top: float, middle: bool = False) -> None:
        """Show ``text`` centred on center_x, from ``top`` (or centred on it when ``middle``)."""
        self.text.setText(text)
        self.setVisible(bool(text))
        r = self.text.boundingRect()
        if middle:
            top -= r.height() / 2
        self.setRect(center_x - r.width() / 2 - 2, top, r.width() + 4, r.height())
        self.text.setPos(center_x - r.width() / 2, top)


class NetworkView(QGraphicsView):
    """Shows ``state.net`` and what the stepper knows at the current phase."""


    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        self.setDragMode(QGraphicsView.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.BoundingRectViewportUpdate)
        self.setBackgroundBrush(QColor(255, 255, 255))
        self.setMinimumSize(480, 320)
        self._user_zoomed = False
        self.neurons: list[list[NeuronItem]] = []
        self.edges: list[list[EdgeItem]] = []
        state.network_changed.connect(self._on_network_changed)
        state.data_changed.connect(self._on_network_changed)
        state.weights_changed.connect(self._on_weights_changed)
        state.stepped.connect(self._on_stepped)
        state.selection_changed.connect(self._on_selection_changed)
        state.sample_changed.connect(self._on_stepped)
        state.trained.connect(self._on_trained)
        self.show_maps = True
        self._map_params: np.ndarray | None = None
        self._on_network_changed()

    # --- building the items once ---------------------------------------------------------------
    def _on_network_changed(self) -> None:
        self.scene().clear()
        net = self.state.net
        ds = self.state.dataset
        self.image_input = ds.image_shape is not None and \
            int(np.prod(ds.image_shape)) == net.sizes[0]
        self.small_font = QFont()
        self.small_font.setPointSizeF(7.5)
        self._place()
        self._add_highlight()
        self._add_edges()
        self._add_neurons()
        self._add_labels()
        self._add_selection()
        # room on the right for the targets and the loss, which are empty until stepped
        rect = self.scene().itemsBoundingRect().adjusted(-30, -20, 30, 30)
        rect.setRight(max(rect.right(), net.n_layers * COL_GAP + 170))
        self.scene().setSceneRect(rect)
        self._user_zoomed = False
        self._fit()
        self._on_weights_changed()
        self._on_stepped()
        self._on_selection_changed()

    def _place(self) -> None:
        """Where each drawn neuron sits: ``positions[c][i]`` for ``shown[c][i]``."""
        sizes = self.state.net.sizes
        self.shown = [shown_units(n) for n in sizes]
        self.positions: list[list[QPointF]] = []
        for c, n in enumerate(sizes):
            x = c * COL_GAP
            if c == 0 and self.image_input:
                self.positions.append([QPointF(x, 0)])
                continue
            units = self.shown[c]
            rows = len(units) + (1 if len(units) < n else 0)
            top = -(rows - 1) * ROW_GAP / 2
            self.positions.append([QPointF(x, top + i * ROW_GAP) for i in range(len(units))])

    def _add_highlight(self) -> None:
        """The band behind the current column (made first so it sits underneath)."""
        self.highlight = QGraphicsPathItem()
        self.highlight.setBrush(colors.HIGHLIGHT)
        self.highlight.setPen(Qt.NoPen)
        self.highlight.setZValue(-1)
        self.scene().addItem(self.highlight)

    def _add_edges(self) -> None:
        """One line per drawn connection; an input picture has one line to each neuron."""
        scene = self.scene()
        self.edges = []
        for k in range(self.state.net.n_layers):
            layer_edges = []
            dst_pos = self.positions[k + 1]
            if k == 0 and self.image_input:
                sources = [(None, QPointF(IMAGE_SIZE / 2, 0))]
            else:
                sources = list(zip(self.shown[k], self.positions[k]))
            for j, unit in enumerate(self.shown[k + 1]):
                for src, p1 in sources:
                    e = EdgeItem(k, unit, src, p1, dst_pos[j])
                    scene.addItem(e)
                    layer_edges.append(e)
            self.edges.append(layer_edges)

    def _add_neurons(self) -> None:
        """Neurons with their value tags, delta rings and delta texts; the input picture; a
        "+N more" under a layer too wide to draw."""
        scene = self.scene()
        self.neurons, self.values, self.deltas, self.rings = [], [], [], []
        for c, n in enumerate(self.state.net.sizes):
            col_items, col_vals, col_deltas, col_rings = [], [], [], []
            picture = c == 0 and self.image_input
            if picture:
                self.picture = QGraphicsPixmapItem()
                self.picture.setZValue(2)
                scene.addItem(self.picture)
            for unit, p in zip([] if picture else self.shown[c], self.positions[c]):
                ring = QGraphicsEllipseItem(p.x() - RADIUS - 5, p.y() - RADIUS - 5,
                                            2 * RADIUS + 10, 2 * RADIUS + 10)
                ring.setBrush(Qt.NoBrush)
                ring.setZValue(1)
                ring.setVisible(False)
                scene.addItem(ring)
                item = NeuronItem(c, unit, p.x(), p.y())
                scene.addItem(item)
                val = TagItem(self.small_font, colors.TEXT, owner=item)
                scene.addItem(val)
                dtext = TagItem(self.small_font, colors.MUTED)
                scene.addItem(dtext)
                col_items.append(item)
                col_vals.append(val)
                col_deltas.append(dtext)
                col_rings.append(ring)
            if len(self.shown[c]) < n and not picture:
                more = QGraphicsSimpleTextItem(f"+{n - len(self.shown[c])} more")
                more.setFont(self.small_font)
                more.setBrush(colors.MUTED)
                last = self.positions[c][-1]
                more.setPos(last.x() - more.boundingRect().width() / 2, last.y() + ROW_GAP * 0.55)
                scene.addItem(more)
            self.neurons.append(col_items)
            self.values.append(col_vals)
            self.deltas.append(col_deltas)
            self.rings.append(col_rings)

    def _add_labels(self) -> None:
        """Column headers, the targets beside the outputs and the loss under them."""
        scene = self.scene()
        net = self.state.net
        label_font = QFont()
        label_font.setPointSizeF(9.5)
        label_font.setBold(True)
        self.headers = []
        top_y = min(p.y() for col in self.positions for p in col) - RADIUS - 44
        if self.image_input:
            top_y = min(top_y, -IMAGE_SIZE / 2 - 44)
        for c, n in enumerate(net.sizes):
            if c == 0:
                title = f"Input\n{n} {'pixels' if self.image_input else 'features'}"
            elif c == net.n_layers:
                title = f"Output\n{n} {net.activations[c - 1]}"
            else:
                title = f"Hidden {c}\n{n} {net.activations[c - 1]}"
            h = QGraphicsSimpleTextItem(title)
            h.setFont(label_font)
            h.setBrush(colors.TEXT)
            h.setPos(c * COL_GAP - h.boundingRect().width() / 2, top_y)
            scene.addItem(h)
            self.headers.append(h)

        out_c = net.n_layers
        self.target_texts = []
        for p in self.positions[out_c]:
            t = QGraphicsSimpleTextItem("")
            t.setFont(self.small_font)
            t.setBrush(colors.MUTED)
            t.setPos(p.x() + RADIUS + 16, p.y() - 7)
            scene.addItem(t)
            self.target_texts.append(t)
        loss_font = QFont()
        loss_font.setPointSizeF(10.5)
        loss_font.setBold(True)
        self.loss_text = QGraphicsSimpleTextItem("")
        self.loss_text.setFont(loss_font)
        self.loss_text.setBrush(colors.TEXT)
        bottom = max(p.y() for p in self.positions[out_c]) + RADIUS + 26
        self.loss_text.setPos(out_c * COL_GAP - 30, bottom)
        scene.addItem(self.loss_text)

    def _add_selection(self) -> None:
        self.selection = QGraphicsEllipseItem()
        self.selection.setPen(QPen(colors.SELECT, 2.5, Qt.DashLine))
        self.selection.setBrush(Qt.NoBrush)
        self.selection.setZValue(4)
        self.scene().addItem(self.selection)

    # --- restyling on every change ------------------------------------------------------------
    # --- neuron output maps over the input plane (2-D data, from the training probe) -------------
    def set_show_maps(self, on: bool) -> None:
        self.show_maps = on
        if on:
            self._on_trained()
        else:
            self._hide_maps()

    def _hide_maps(self) -> None:
        self._map_params = None
        for col in self.neurons[1:]:
            for item in col:
                item.map.setVisible(False)

    def _on_trained(self) -> None:
        """Paint each neuron's activation over the input plane (as TensorFlow Playground does)."""
        frame = self.state.frame
        if (not self.show_maps or frame is None or frame.probe is None
                or self.state.dataset.n_features != 2 or self.state.history_frame()):
            return
        g = int(round(np.sqrt(frame.probe[0].shape[0])))
        if g * g != frame.probe[0].shape[0]:
            return
        size = int(2 * RADIUS)
        for c in range(1, len(self.neurons)):
            acts = frame.probe[c - 1]
            scale = 1.0 if self.state.net.activations[c - 1] in ("tanh", "sigmoid", "softmax") \
                else max(float(np.abs(acts).max()), 1e-12)
            for item in self.neurons[c]:
                item.map.setPixmap(neuron_map(acts[:, item.unit].reshape(g, g), scale, size))
                item.map.setVisible(True)
        self._map_params = frame.params

    def _on_weights_changed(self) -> None:
        net = self.state.net
        if self._map_params is not None and not np.array_equal(self._map_params, net.params):
            self._hide_maps()        # the maps show other weights than these: never stale
        for k, layer_edges in enumerate(self.edges):
            W = net.weights[k]
            scale = float(np.abs(W).max()) or 1.0
            for e in layer_edges:
                if e.src is None:
                    w = float(np.abs(W[e.dst]).mean())
                    pen = edge_pen(None, w / scale)
                else:
                    w = float(W[e.dst, e.src])
                    pen = edge_pen(w >= 0, abs(w) / scale)
                e.weight = w
                e.setPen(pen)

    @property
    def edge_weights(self) -> list[dict[tuple[int, int], float]]:
        """The weight each line was last drawn for, per layer: {(dst, src): w}."""
        return [{(e.dst, e.src): e.weight for e in layer if e.src is not None} for layer in self.edges]

    def _on_stepped(self) -> None:
        state = self.state
        net = state.net
        st = state.stepper
        x = state.sample_x
        # inputs are known from the start
        if self.image_input:
            self._set_picture(x)
        else:
            for item, val, unit in zip(self.neurons[0], self.values[0], self.shown[0]):
                self._style_neuron(item, val, float(x[unit]))
        for c in range(1, net.n_layers + 1):
            known = st.known(c - 1) if st is not None else {}
            a, delta = known.get("a"), known.get("delta")
            dscale = float(np.abs(delta).max()) if delta is not None else 1.0
            for item, val, dtext, ring, unit in zip(self.neurons[c], self.values[c], self.deltas[c],
                                                    self.rings[c], self.shown[c]):
                self._style_neuron(item, val, None if a is None else float(a[unit]))
                if delta is None:
                    ring.setVisible(False)
                    dtext.set_text("", 0, 0)
                else:
                    d = float(delta[unit])
                    ring.setPen(QPen(colors.sign_color(d), 1.0 + 5.0 * abs(d) / (dscale or 1.0)))
                    ring.setVisible(True)
                    dtext.set_text(f"δ {fmt(d)}", item.center.x(), item.center.y() + RADIUS + 6)
        target = state.sample_target
        for t, unit in zip(self.target_texts, self.shown[net.n_layers]):
            t.setText(f"t = {fmt(target[unit])}")
        if st is not None and st.loss is not None:
            self.loss_text.setText(f"L = {fmt(st.loss)}  ({net.loss})")
        else:
            self.loss_text.setText("")
        self._move_highlight()

    def _style_neuron(self, item: NeuronItem, label: "TagItem", value: float | None) -> None:
        if value is None:
            item.setBrush(colors.UNKNOWN)
            item.setPen(QPen(colors.MUTED, 1.0, Qt.DashLine))
            label.set_text("", 0, 0)
            return
        item.setBrush(colors.diverging(value))
        item.setPen(QPen(QColor(90, 90, 90), 1.0))
        # on a light backdrop: readable on any fill and on a neuron's output map
        label.set_text(fmt_fixed(value),
                       item.center.x(), item.center.y(), middle=True)

    def _set_picture(self, x: np.ndarray) -> None:
        shape = self.state.dataset.image_shape
        raw = self.state.dataset.to_raw(x.reshape(1, -1))[0]
        img = np.asarray(raw, dtype=float).reshape(shape)
        lo, hi = float(img.min()), float(img.max())
        g = np.zeros(shape, np.uint8) if hi <= lo else ((img - lo) / (hi - lo) * 255).astype(np.uint8)
        g = np.ascontiguousarray(255 - g)      # dark ink on light paper
        qimg = QImage(g.data, shape[1], shape[0], shape[1], QImage.Format_Grayscale8).copy()
        pix = QPixmap.fromImage(qimg).scaled(int(IMAGE_SIZE), int(IMAGE_SIZE), Qt.KeepAspectRatio,
                                             Qt.FastTransformation)
        self.picture.setPixmap(pix)
        self.picture.setPos(-pix.width() / 2, -pix.height() / 2)

    def _move_highlight(self) -> None:
        st = self.state.stepper
        path = QPainterPath()
        if st is not None:
            ph = st.phase
            net = self.state.net
            cols = []
            if ph.kind in ("forward", "backward"):
                cols = [ph.layer]
            elif ph.kind == "loss":
                cols = [net.n_layers]
            elif ph.kind == "update":
                cols = list(range(1, net.n_layers + 1))
            elif ph.kind == "input":
                cols = [0]
            for c in cols:
                ys = [p.y() for p in self.positions[c]]
                half = IMAGE_SIZE / 2 if (c == 0 and self.image_input) else RADIUS
                rect = QRectF(c * COL_GAP - RADIUS - 22, min(ys) - half - 18,
                              2 * RADIUS + 44, max(ys) - min(ys) + 2 * half + 36)
                if ph.kind == "loss":
                    rect = rect.adjusted(0, 0, 110, 40)
                path.addRoundedRect(rect, 14, 14)
        self.highlight.setPath(path)

    def _on_selection_changed(self) -> None:
        sel = self.state.selected
        item = self.neuron_item(*sel) if sel is not None else None
        if item is None:
            self.selection.setVisible(False)
            return
        c = item.center
        r = RADIUS + 10
        self.selection.setRect(c.x() - r, c.y() - r, 2 * r, 2 * r)
        self.selection.setVisible(True)

    def neuron_item(self, column: int, unit: int) -> NeuronItem | None:
        if column >= len(self.neurons):
            return None
        for item in self.neurons[column]:
            if item.unit == unit:
                return item
        return None

    # --- interaction -----------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        item = self._owner(self.itemAt(event.position().toPoint()))
        if isinstance(item, NeuronItem) and event.button() == Qt.LeftButton:
            self.state.select(item.column, item.unit)
            event.accept()
            return
        super().mousePressEvent(event)

    @staticmethod
    def _owner(item: QGraphicsItem | None) -> QGraphicsItem | None:
        """The neuron or connection an item under the mouse belongs to (a label, a map)."""
        while item is not None and not isinstance(item, (NeuronItem, EdgeItem)):
            item = getattr(item, "owner", None) or item.parentItem()
        return item

    def mouseDoubleClickEvent(self, event) -> None:
        self._user_zoomed = False
        self._fit()

    def wheelEvent(self, event) -> None:
        factor = 1.15 ** (event.angleDelta().y() / 120)
        self.scale(factor, factor)
        self._user_zoomed = True

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._user_zoomed:
            self._fit()

    def _fit(self) -> None:
        self.fitInView(self.scene().sceneRect(), Qt.KeepAspectRatio)
        if self.transform().m11() > 2.2:          # a tiny network should not fill the screen
            self.resetTransform()
            self.scale(2.2, 2.2)

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.ToolTip:
            item = self.itemAt(event.pos())
            text = self.tooltip_for(item)
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def tooltip_for(self, item: QGraphicsItem | None) -> str:
        """The hover text for a neuron (z, a, delta, bias) or a connection (w, dL/dw)."""
        item = self._owner(item)
        net = self.state.net
        st = self.state.stepper
        if isinstance(item, NeuronItem):
            if item.column == 0:
                name = (net.input_names or [f"x{i + 1}" for i in range(net.sizes[0])])[item.unit]
                return f"input {item.unit + 1} ({name})\nx = {fmt(self.state.sample_x[item.unit])}"
            k = item.column - 1
            lines = [f"layer {item.column}, neuron {item.unit + 1} ({net.activations[k]})"]
            known = st.known(k) if st is not None else {}
            for key, label in (("z", "z"), ("a", "a"), ("delta", "δ")):
                lines.append(f"{label} = {fmt(known[key][item.unit])}" if key in known
                             else f"{label} = (not computed yet)")
            lines.append(f"b = {fmt(net.bias[k][item.unit])}")
            return "\n".join(lines)
        if isinstance(item, EdgeItem) and item.src is not None:
            k = item.layer
            w = float(net.weights[k][item.dst, item.src])
            known = st.known(k) if st is not None else {}
            g = known.get("grad_weights")
            text = (f"weight from neuron {item.src + 1} of layer {k} to neuron {item.dst + 1} of "
                    f"layer {k + 1}\nw = {fmt(w)}")
            text += f"\n∂L/∂w = {fmt(g[item.dst, item.src])}" if g is not None else "\n∂L/∂w = (not computed yet)"
            return text
        return ""

    # --- the legend, drawn over the view in screen coordinates ----------------------------------
    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        painter.save()
        painter.resetTransform()
        h = self.viewport().height()
        x0, y0, w = 14, h - 46, 150
        grad = QLinearGradient(x0, 0, x0 + w, 0)
        grad.setColorAt(0.0, colors.NEGATIVE)
        grad.setColorAt(0.5, colors.ZERO)
        grad.setColorAt(1.0, colors.POSITIVE)
        painter.setPen(QPen(colors.MUTED, 0.8))
        painter.setBrush(QBrush(grad))
        painter.drawRect(QRectF(x0, y0, w, 10))
        f = QFont()
        f.setPointSizeF(8)
        painter.setFont(f)
        painter.setPen(colors.TEXT)
        painter.drawText(QPointF(x0 - 2, y0 + 24), "−1")
        painter.drawText(QPointF(x0 + w / 2 - 3, y0 + 24), "0")
        painter.drawText(QPointF(x0 + w - 10, y0 + 24), "+1")
        painter.drawText(QPointF(x0, y0 - 6), "fill: activation a   ring: error δ   line: weight")
        painter.restore()
