"""The network drawn as neurons in columns and connections between them.

Fill = the neuron's activation a (diverging colours, legend bottom left), ring = its delta once
the backward pass has reached it, line colour = the weight's sign and width = its size.

The drawing is laid out for the view's size at 1:1, from the font's own metrics, so that every
label keeps the window's font size (never below 9 pt) however many layers there are: columns
share the width, and a layer taller than the view shows its first neurons and a collapsed group
(a small cell per hidden neuron, coloured like the fills) that a click expands. An input that is
an image (the data set knows its shape) is drawn as the picture itself. Items are made once per
layout (architecture, data, size, font, expanded layer) and only restyled afterwards.
"""
from __future__ import annotations

import functools
import math
import time
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import (QBrush, QColor, QDoubleValidator, QFont, QFontMetricsF, QImage,
                           QLinearGradient, QPainter, QPainterPath, QPainterPathStroker, QPen, QPixmap)
from PySide6.QtWidgets import (QApplication, QGraphicsEllipseItem, QGraphicsItem, QGraphicsLineItem,
                               QGraphicsPathItem, QGraphicsPixmapItem, QGraphicsRectItem, QGraphicsScene,
                               QGraphicsSimpleTextItem, QGraphicsView, QLabel, QLineEdit, QVBoxLayout,
                               QFrame, QToolTip)

from ..engine import EngineError
from ..i18n import localized
from ..explain import fmt, fmt_fixed
from . import colors
from .image_views import weights_picture_html
from .skips import add_remedy_items, remedy_room
from .state import AppState

MIN_POINT_SIZE = 9.0    # no text of the view is smaller at 100% zoom (at zoom z: z times it)
MAX_COL_GAP = 190.0     # a small network is spread no wider, then magnified (up to MAX_MAGNIFY)
MAX_MAGNIFY = 2.0
MAX_PICTURE = 120.0     # the input picture's size, at most
MAP_SECONDS = 0.25      # neuron maps are repainted at most this often while training runs
IMAGE_EDGE = colors.over_white(QColor(150, 150, 150), 150)
EDGE_LEVELS = 48        # line widths and shades per sign: finer than the eye tells apart

_SHORT_ACT = {"sigmoid": "sigm", "leaky_relu": "lrelu", "softmax": "smax", "linear": "lin"}


# --- colours, vectorised -------------------------------------------------------------------------
def _rgb(c: QColor) -> np.ndarray:
    return np.array([c.red(), c.green(), c.blue()], float)


_ZERO, _POSITIVE, _NEGATIVE, _UNKNOWN = (_rgb(c) for c in (colors.ZERO, colors.POSITIVE,
                                                          colors.NEGATIVE, colors.UNKNOWN))


def diverging_rgb(values: np.ndarray, scale: float = 1.0) -> np.ndarray:
    """``colors.diverging`` for an array: (..., 3) uint8, NaN (not computed) in UNKNOWN grey."""
    v = np.asarray(values, float)
    t = np.clip(np.nan_to_num(v / scale if scale > 0 else v * 0.0), -1.0, 1.0)[..., None]
    end = np.where(t > 0, _POSITIVE, _NEGATIVE)
    rgb = np.round(_ZERO + (end - _ZERO) * np.abs(t))
    rgb = np.where(np.isnan(v)[..., None], _UNKNOWN, rgb)
    return rgb.astype(np.uint8)


def _text_on(fill: QColor) -> QColor:
    """Black or white text, whichever reads better on ``fill``."""
    lum = 0.299 * fill.red() + 0.587 * fill.green() + 0.114 * fill.blue()
    return QColor(20, 20, 20) if lum > 140 else QColor(255, 255, 255)


def _upsample(v: np.ndarray, grid: int, size: int, step: int) -> np.ndarray:
    """(grid*grid, k) values on the probe grid -> (k, size, size): every ``step``-th grid point,
    interpolated bilinearly, the second input growing upwards."""
    k = v.shape[1]
    v = v.reshape(grid, grid, k)[::step, ::step]
    g = v.shape[0]
    # bilinear interpolation as two small matrices: size x g
    pos = np.linspace(0, g - 1, size)
    lo = np.minimum(np.floor(pos).astype(int), g - 2) if g > 1 else np.zeros(size, int)
    frac = pos - lo
    m = np.zeros((size, g))
    m[np.arange(size), lo] = 1 - frac
    if g > 1:
        m[np.arange(size), lo + 1] += frac
    # (k, size, size): rows follow x2, flipped so that it grows upwards
    return (m @ np.ascontiguousarray(v.transpose(2, 0, 1)) @ m.T)[:, ::-1]


def _discs(rgb: np.ndarray) -> np.ndarray:
    """(k, size, size, 3) colours -> (k, size, size, 4) uint8 RGBA cut to a disc."""
    size = rgb.shape[1]
    rgba = np.empty(rgb.shape[:3] + (4,), np.uint8)
    rgba[..., :3] = rgb
    c = (size - 1) / 2
    yy, xx = np.mgrid[0:size, 0:size]
    dist = np.hypot(yy - c, xx - c)
    rgba[..., 3] = (np.clip(size / 2 - dist, 0.0, 1.0) * 255).astype(np.uint8)
    return rgba


def neuron_maps(acts: np.ndarray, grid: int, scale: float, size: int, step: int = 2) -> np.ndarray:
    """Pictures of neurons' outputs over the input plane, all in one go.

    acts: (grid*grid, k) activations on the probe grid (rows follow the second input upwards,
    columns the first). Every ``step``-th grid point is used, interpolated to ``size`` x
    ``size`` pixels, coloured like the fills (saturating at ``scale``) and cut to a disc.
    Returns (k, size, size, 4) uint8 RGBA, the second input growing upwards."""
    return _discs(diverging_rgb(_upsample(acts, grid, size, step), scale))


def output_maps(out: np.ndarray, units: list[int], grid: int, size: int, classification: bool,
                step: int = 2) -> np.ndarray:
    """The output neurons' pictures: what the data plot paints (``colors.output_rgb``), so that
    a lone output neuron shows the data plot's picture and, with one neuron a class, each
    shows where its class wins. out: (grid*grid, n_out) all the outputs on the probe grid;
    ``units``: the neurons drawn. Returns (len(units), size, size, 4) uint8 RGBA."""
    rgb = colors.output_rgb(out, classification)[:, units]        # (n, k, 3)
    up = _upsample(rgb.reshape(len(out), -1), grid, size, step)   # (k * 3, size, size)
    up = up.reshape(len(units), 3, size, size).transpose(0, 2, 3, 1)
    return _discs(np.clip(np.round(up), 0, 255))


def _pixmap(rgba: np.ndarray) -> QPixmap:
    rgba = np.ascontiguousarray(rgba)
    h, w = rgba.shape[:2]
    return QPixmap.fromImage(QImage(rgba.data, w, h, 4 * w, QImage.Format_RGBA8888).copy())


@functools.lru_cache(maxsize=3 * (EDGE_LEVELS + 1))
def _edge_pen(positive: bool | None, level: int) -> QPen:
    mag = level / EDGE_LEVELS
    if positive is None:                 # from an input picture: grey, width by mean |w|
        return QPen(IMAGE_EDGE, 0.6 + 3.0 * mag)
    return QPen(colors.sign_color(1.0 if positive else -1.0, int(70 + 160 * mag), on_white=True),
                0.4 + 4.6 * mag)


def _edge_level(mag: float) -> int:
    return int(round(min(max(mag, 0.0), 1.0) * EDGE_LEVELS))


def edge_pen(positive: bool | None, mag: float) -> QPen:
    """The pen of a connection: colour by sign (None: grey), width and shade by ``mag`` in
    [0, 1], the weight's size against the layer's largest. Pens are made once per level."""
    return _edge_pen(positive, _edge_level(mag))


# --- the layout ------------------------------------------------------------------------------------
@dataclass
class Column:
    """One layer as drawn: its centre x, the units drawn and their y, the collapsed group."""
    x: float
    units: list[int]
    ys: list[float]
    n: int
    group_rect: QRectF | None = None        # the collapsed (or "show fewer") group's box
    hidden: list[int] = field(default_factory=list)   # units inside the collapsed group
    title: tuple[str, str] = ("", "")
    half_width: float = 0.0                 # how far the column's drawing reaches either side


class NeuronItem(QGraphicsEllipseItem):
    """A neuron; it owns its value tag, its delta ring and delta text and its output map."""

    def __init__(self, column: int, unit: int, x: float, y: float, radius: float):
        super().__init__(x - radius, y - radius, 2 * radius, 2 * radius)
        self.column, self.unit = column, unit
        self.center = QPointF(x, y)
        self.setZValue(2)
        self.setCursor(Qt.PointingHandCursor)
        # the neuron's output map (2-D data): a round picture drawn over the fill
        self.map = QGraphicsPixmapItem(self)
        self.map.setPos(x - radius, y - radius)
        self.map.setVisible(False)
        self.map.setTransformationMode(Qt.SmoothTransformation)


class EdgeItem(QGraphicsLineItem):
    """A connection; it can be hovered and double-clicked along a band wider than its line."""

    def __init__(self, layer: int, dst: int, src: int | None, p1: QPointF, p2: QPointF):
        super().__init__(p1.x(), p1.y(), p2.x(), p2.y())
        self.layer, self.dst, self.src = layer, dst, src    # src None: from an input picture
        self.weight = float("nan")                           # what the pen was last set for
        self.pen_key: tuple | None = None
        self.setZValue(0)
        path = QPainterPath(p1)
        path.lineTo(p2)
        stroker = QPainterPathStroker()
        stroker.setWidth(7.0)
        self._shape = stroker.createStroke(path)
        self._bounds = self._shape.boundingRect()

    def shape(self) -> QPainterPath:
        return self._shape

    def boundingRect(self) -> QRectF:
        return self._bounds


class GroupItem(QGraphicsRectItem):
    """A layer's collapsed neurons: "+N more" over one small cell per neuron, coloured like
    the fills. A click shows them all (or, expanded, shows fewer again)."""

    def __init__(self, column: int, rect: QRectF, hidden: list[int], font: QFont, expanded: bool,
                 short: bool = False):
        super().__init__(rect)
        self.column, self.hidden, self.expanded = column, hidden, expanded
        self.setPen(QPen(colors.MUTED, 1.0, Qt.DashLine))
        self.setBrush(QColor(250, 250, 250))
        self.setZValue(2)
        self.setCursor(Qt.PointingHandCursor)
        if short:                        # a tight column: the tooltip says the rest
            text = "▴" if expanded else f"+{len(hidden)}"
        elif expanded:
            text = QCoreApplication.translate("NetworkView", "show fewer")
        else:
            text = QCoreApplication.translate("NetworkView", "+{n} more").format(n=len(hidden))
        self.text = QGraphicsSimpleTextItem(text, self)
        self.text.setFont(font)
        if QFontMetricsF(font).horizontalAdvance(text) > rect.width() - 4:   # a narrow column
            self.text.setText("▴" if expanded else f"+{len(hidden)}")
        self.text.setBrush(colors.TEXT)
        tr = self.text.boundingRect()
        self.text.setPos(rect.center().x() - tr.width() / 2, rect.top() + 2)
        self.cells = QGraphicsPixmapItem(self)
        self.cells.setTransformationMode(Qt.FastTransformation)
        m = len(hidden)
        top = rect.top() + tr.height() + 4
        w, h = rect.width() - 8, rect.bottom() - top - 4
        self.cell = 0
        self._shown: np.ndarray | None = None
        if m and h >= 2 and not expanded:
            s = max(1, int(math.sqrt(w * h / m)))
            while s > 1 and math.ceil(m / max(1, int(w // s))) * s > h:
                s -= 1
            self.cell = s
            self.grid_cols = max(1, int(w // s))
            self.grid_rows = math.ceil(m / self.grid_cols)
            self.cells.setPos(rect.center().x() - self.grid_cols * s / 2, top)
            self.cells.setScale(s)

    def set_values(self, values: np.ndarray | None) -> None:
        """Colour each hidden neuron's cell by its value (None: not computed yet)."""
        if not self.cell:
            return
        m = len(self.hidden)
        v = np.full(self.grid_rows * self.grid_cols, np.nan)
        if values is not None:
            v[:m] = values[self.hidden]
        if self._shown is not None and np.array_equal(v, self._shown, equal_nan=True):
            return                       # the same numbers: keep the picture
        self._shown = v
        rgba = np.full((self.grid_rows * self.grid_cols, 4), 255, np.uint8)
        rgba[:, :3] = diverging_rgb(v)
        rgba[m:, 3] = 0
        self.cells.setPixmap(_pixmap(rgba.reshape(self.grid_rows, self.grid_cols, 4)))


class TagItem(QGraphicsRectItem):
    """A small text on a rounded background, readable where lines cross it."""

    def __init__(self, font: QFont, color: QColor, owner: QGraphicsItem | None = None,
                 background: QColor = QColor(255, 255, 255, 215)):
        super().__init__()
        self.owner = owner              # clicks and hovers on the tag mean its neuron
        self.setPen(Qt.NoPen)
        self.setBrush(background)
        self.text = QGraphicsSimpleTextItem("", self)
        self.text.setFont(font)
        self.text.setBrush(color)
        self.setZValue(3)

    def set_text(self, text: str, center_x: float, top: float, middle: bool = False) -> None:
        """Show ``text`` centred on center_x, from ``top`` (or centred on it when ``middle``)."""
        self.text.setText(text)
        self.setVisible(bool(text))
        if not text:
            return
        r = self.text.boundingRect()
        if middle:
            top -= r.height() / 2
        self.setRect(center_x - r.width() / 2 - 2, top, r.width() + 4, r.height())
        self.text.setPos(center_x - r.width() / 2, top)


class ValueEditor(QFrame):
    """The inline editor of one weight or bias: a caption and a field. Enter writes the value
    through AppState, Escape (or leaving it unchanged) closes it without a change."""

    def __init__(self, view: "NetworkView", caption: str, value: float, commit):
        super().__init__(view.viewport())
        self.setFrameShape(QFrame.StyledPanel)
        self.setAutoFillBackground(True)
        self.caption = QLabel(caption)
        self.field = QLineEdit(repr(float(value)) if abs(value) >= 1e-4 or value == 0 else f"{value:.17g}")
        self.field.setValidator(QDoubleValidator())
        self.field.validator().setLocale(self.field.locale().c())
        # every digit in sight: a cut "0755607016978711" hid the sign and the point
        self.field.setMinimumWidth(self.field.fontMetrics().horizontalAdvance(self.field.text() + "00") + 16)
        self.field.selectAll()
        self.original = self.field.text()
        self._commit = commit
        lay = QVBoxLayout(self)          # the caption above the field: narrow enough for 1024 px
        lay.setContentsMargins(6, 3, 6, 3)
        lay.setSpacing(2)
        lay.addWidget(self.caption)
        lay.addWidget(self.field)
        self.field.returnPressed.connect(self.commit)
        self.field.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.KeyPress and event.key() == Qt.Key_Escape:
            self.close_editor()
            return True
        if event.type() == QEvent.FocusOut:
            self.close_editor()
        return False

    def commit(self) -> None:
        text = self.field.text().strip().replace(",", ".")
        if text != self.original:
            try:
                self._commit(float(text))
            except ValueError:
                return
        self.close_editor()

    def close_editor(self) -> None:
        self.field.removeEventFilter(self)
        self.hide()
        self.deleteLater()


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
        self.setMinimumSize(320, 240)
        self._user_zoomed = False
        self._laid_out_for: tuple | None = None
        self.expanded: int | None = None           # the one layer shown in full, if any
        self.editor: ValueEditor | None = None
        self.neurons: list[list[NeuronItem]] = []
        self.edges: list[list[EdgeItem]] = []
        self.groups: dict[int, GroupItem] = {}
        self.show_maps = True
        self.zoom = 1.0                            # presentation zoom, see set_zoom
        self._map_params: np.ndarray | None = None
        self._map_probe = None                     # the frame's probe the maps were drawn from
        self._map_time = 0.0
        state.network_changed.connect(self._on_network_changed)
        state.data_changed.connect(self._on_network_changed)
        state.weights_changed.connect(self._on_weights_changed)
        state.stepped.connect(self._on_stepped)
        state.selection_changed.connect(self._on_selection_changed)
        state.sample_changed.connect(self._on_stepped)
        state.trained.connect(self._on_trained)
        self._on_network_changed()

    # --- fonts and sizes ------------------------------------------------------------------------
    def set_zoom(self, zoom: float) -> None:
        """Presentation zoom (1 = 100%), set by the window together with the application's
        font: the view lays itself out again at once from that font, and the smallest text,
        the widest column gap and the input picture's largest size scale by ``zoom`` too, so
        neurons, labels and picture grow and shrink with every other text of the window."""
        zoom = float(zoom)
        if not zoom > 0:
            raise ValueError(f"zoom must be positive, not {zoom}")
        if zoom != self.zoom:
            self.zoom = zoom
            self._laid_out_for = None
            self._relayout()

    def _base_font(self) -> QFont:
        """The view's text font: the application's as it is now (a widget's own font follows
        a change of the application's only in a later event), at least MIN_POINT_SIZE x zoom."""
        base = QFont(QApplication.font(self))
        least = MIN_POINT_SIZE * self.zoom
        if 0 < base.pointSizeF() < least:
            base.setPointSizeF(least)
        return base

    def _fonts(self) -> None:
        base = self._base_font()
        self.text_font = self.small_font = base    # small_font: the name drawing helpers know
        self.bold_font = QFont(base)
        self.bold_font.setBold(True)
        self.fm = QFontMetricsF(base)
        self.bold_fm = QFontMetricsF(self.bold_font)
        th = self.fm.height()
        self.full_radius = self.radius = round(th * 1.2)
        self.delta_width = self.fm.horizontalAdvance("δ −0.00877") + 10

    # --- building the items once per layout -------------------------------------------------------
    def _on_network_changed(self) -> None:
        net = self.state.net
        if self.expanded is not None and self.expanded > net.n_layers:
            self.expanded = None
        self._laid_out_for = None
        self._relayout()

    def _viewport_size(self) -> tuple[float, float]:
        vp = self.viewport().size()
        return float(max(vp.width(), 200)), float(max(vp.height(), 150))

    def _relayout(self) -> None:
        key = (self._viewport_size(), self._base_font().toString(), self.zoom, self.expanded,
               tuple(self.state.net.sizes), id(self.state.net), id(self.state.dataset))
        if key == self._laid_out_for:
            return
        self._laid_out_for = key
        self.close_editor()
        self.scene().clear()
        self.groups = {}
        self._fonts()
        net = self.state.net
        shape = self.state.dataset.image_shape
        self.image_shape = shape if shape is not None and int(np.prod(shape)) == net.sizes[0] else None
        self.image_input = self.image_shape is not None
        self._place()
        self._add_highlight()
        self._add_edges()
        self.remedy_items = add_remedy_items(self.scene(), self.positions, net.residual,
                                             net.batch_norm, self.small_font,
                                             top=self.content_bottom + self.fm.height() + 4)
        self._add_neurons()
        self._add_labels()
        self._add_selection()
        self._fit()
        self._on_weights_changed()
        self._on_stepped()
        self._on_selection_changed()
        self._render_maps(force=True)

    def _place(self) -> None:
        """Where every drawn thing sits, for this viewport at 1:1: ``columns`` (and the
        backward-compatible ``positions`` and ``shown``). Where the columns do not fit with a
        number inside each neuron, smaller neurons without it (colours, rings and tooltips
        still tell), so that a deep network is seen whole on a small screen."""
        if not self._place_with(tight=False):
            self._place_with(tight=True)

    def _place_with(self, tight: bool) -> bool:
        """Lay out; False when the columns need more width than the view has."""
        net = self.state.net
        W, H = self._viewport_size()
        th = self.fm.height()
        self.tight = tight
        self.radius = max(7, round(th * 0.55)) if tight else self.full_radius
        R = self.radius
        L = net.n_layers
        margin = 10.0
        self.header_top = margin
        self.header_height = 2 * self.bold_fm.height() + 4
        self.band_height = max(44.0, th + 10)          # legend (bottom left) and loss (right)
        rows_top = self.header_top + self.header_height + 10 + R + 5
        # room under the columns for the skips' arcs and the BN tags, so that they fit the view
        # as the neurons do (no scroll bar, no layer collapsed for want of height)
        self.remedy_room = remedy_room(net.residual, net.batch_norm, th)
        rows_bottom = H - self.band_height - margin - R - 5 - self.remedy_room

        # picture and the room beside the outputs
        if self.image_input:
            rows_, cols_ = self.image_shape
            px = max(1, int(min(MAX_PICTURE * self.zoom, rows_bottom - rows_top + 2 * R, 0.22 * W) // max(rows_, cols_)))
            self.picture_size = (cols_ * px, rows_ * px)
            left_half = self.picture_size[0] / 2
        else:
            self.picture_size = None
            left_half = R + 6
        left_half = max(left_half, self._title_width(0, 2 if tight else 0) / 2)
        right = R + 14 + self._target_width() + margin
        # the column gap: share the width, within [compact minimum, MAX_COL_GAP]
        first_need = (self.picture_size[0] / 2 + R + 28) if self.image_input else 0.0
        avail = W - 2 * margin - left_half - right
        gap = avail / L
        if gap < first_need and L > 1:
            gap = (avail - first_need) / (L - 1)
        if tight:
            minimum = max(2 * R + 12, max(self._title_width(c, 2) for c in range(1, L + 1)) + 6)
        else:
            minimum = max(2 * R + 22, max(self._title_width(c, 1) for c in range(1, L + 1)) + 8)
        fits = gap >= minimum
        gap = min(max(gap, minimum), MAX_COL_GAP * self.zoom)
        self.gap = gap
        def fitting(row: float) -> int:
            return max(3, int((rows_bottom - rows_top) // row) + 1)
        # delta texts under the neurons where the columns are wide enough, unless dropping
        # them lets a layer (an output's classes, say) be drawn whole
        row_roomy, row_dense = 2 * R + th + 14, 2 * R + 14
        self.roomy = not tight and gap >= self.delta_width and not any(
            fitting(row_roomy) < n <= fitting(row_dense) for n in net.sizes[1:])
        row = row_roomy if self.roomy else row_dense
        # neurons closer together still, where that draws a layer whole (digits' ten outputs
        # on a full-HD screen were five and "+5 more" for want of a few pixels)
        row_close = 2 * R + 6
        if any(fitting(row) < n <= fitting(row_close) for n in net.sizes[1:]):
            self.roomy = False
            row = row_close
        fit = fitting(row)
        self.row_gap = row
        mid = (rows_top + rows_bottom) / 2

        while True:
            self.columns: list[Column] = []
            x = margin + left_half
            for c, n in enumerate(net.sizes):
                if c == 1:
                    x += max(gap, first_need)
                elif c > 1:
                    x += gap
                col = Column(x, [], [], n)
                if c == 0 and self.image_input:
                    col.half_width = self.picture_size[0] / 2
                    self.columns.append(col)
                    continue
                expanded = c == self.expanded and n > fit
                if n <= fit:
                    units = list(range(n))
                elif expanded:
                    units = list(range(n))
                else:
                    units = list(range(max(1, fit - 2)))
                slots = len(units) + (2 if len(units) < n or expanded else 0)
                top = rows_top if expanded else mid - (slots - 1) * row / 2
                if expanded:
                    # "show fewer" heads the column, where the rest of the network is in sight
                    # (at its foot it sat far down a scrolled view, under the legend)
                    top = rows_top + th + 19
                col.units = units
                col.ys = [top + i * row for i in range(len(units))]
                if len(units) < n or expanded:
                    gy = top + len(units) * row - R - 5
                    bw = min(gap - 12, max(2 * R + 24, self.fm.horizontalAdvance(QCoreApplication.translate("NetworkView", "show fewer")) + 12))
                    gh = (row if expanded else 2 * row) - 10
                    if expanded:
                        gh = th + 8
                        gy = rows_top - R + 2
                    col.group_rect = QRectF(x - bw / 2, gy, bw, gh)
                    col.hidden = [u for u in range(n) if u not in set(units)]
                col.half_width = R + 6
                self.columns.append(col)
            self.positions = [[QPointF(col.x, y) for y in col.ys] if col.ys else
                              ([QPointF(col.x, mid)] if c == 0 and self.image_input else [])
                              for c, col in enumerate(self.columns)]
            self.shown = [col.units for col in self.columns]
            self.rows_top, self.rows_mid = rows_top, mid
            self.scene_right = self.columns[-1].x + right
            tops = [self._column_extent(c)[1] for c in range(len(self.columns))]
            self.content_bottom = max(self._column_extent(c)[2] for c in range(len(self.columns))) + 5
            self.header_top = max(margin, min(tops) - 5 - 12 - self.header_height)
            self.scene_top = self.header_top - margin
            self.scene_bottom = self.content_bottom + th + 8 + self.remedy_room + self.band_height
            # a group's box reaches below the last row: one row fewer until all fits the view
            if self.expanded is not None or fit <= 3 or self.scene_bottom - self.scene_top <= H:
                break
            fit -= 1
        return fits or tight

    def _target_width(self) -> float:
        """The widest label beside the outputs ("o1  t = 0.01") over the data's targets: 0 and 1
        for classes, a regression's own values (the first rows of each part), so that no
        sample's label runs off the view."""
        net, ds = self.state.net, self.state.dataset
        units = range(min(net.sizes[-1], 12))
        if ds.task == "classification":
            values = [np.array([0.0, 1.0])] * len(units)
        else:
            parts = [np.asarray(y[:256], float) for y in (ds.y_train, ds.y_test) if len(y)]
            y = np.vstack([p if p.ndim == 2 else p[:, None] for p in parts])
            values = [np.unique(y[:, u]) if u < y.shape[1] else np.zeros(1) for u in units]
        return max([self.fm.horizontalAdvance(self._target_text(u, t)) for u in units
                    for t in values[u]] + [0])

    def _title_width(self, c: int, level: int) -> float:
        a, b = self._title(c, level)
        return max(self.bold_fm.horizontalAdvance(a), self.fm.horizontalAdvance(b))

    def _title(self, c: int, level: int) -> tuple[str, str]:
        """A column's two header lines: 0 in full, 1 short, 2 shortest (tight columns)."""
        net = self.state.net
        n = net.sizes[c]
        if c == 0:
            first = QCoreApplication.translate("NetworkView", "Input") if level < 2 else \
                QCoreApplication.translate("NetworkView", "In")
            if getattr(self, "image_input", False) and self.image_shape is not None:
                return first, QCoreApplication.translate("NetworkView", "{r}×{c} pixels").format(
                    r=self.image_shape[0], c=self.image_shape[1])
            return first, QCoreApplication.translate("NetworkView", "{n} features").format(n=n) \
                if level == 0 else str(n)
        act = net.activations[c - 1]
        act = act if level == 0 else _SHORT_ACT.get(act, act)
        second = f"{n} {act}" if level < 2 else str(n)
        if c == net.n_layers:
            return (QCoreApplication.translate("NetworkView", "Output") if level == 0 else
                    QCoreApplication.translate("NetworkView", "Out")), second
        return (QCoreApplication.translate("NetworkView", "Hidden {c}").format(c=c) if level == 0 else
                QCoreApplication.translate("NetworkView", "H{c}").format(c=c)), second

    def _target_text(self, unit: int, target: float) -> str:
        names = self.state.net.output_names
        name = names[unit] if names and unit < len(names) and len(names) > 1 else ""
        t = f"t = {fmt(target)}"
        return f"{name}  {t}" if name else t

    def _add_highlight(self) -> None:
        """The band behind the current column (made first so it sits underneath)."""
        self.highlight = QGraphicsPathItem()
        self.highlight.setBrush(colors.HIGHLIGHT)
        self.highlight.setPen(Qt.NoPen)
        self.highlight.setZValue(-1)
        self.scene().addItem(self.highlight)

    def _add_edges(self) -> None:
        """One line per drawn connection; from an input picture, one line to each neuron,
        leaving the picture's right edge at the neuron's height."""
        scene = self.scene()
        self.edges = []
        for k in range(self.state.net.n_layers):
            layer_edges = []
            src_col, dst_col = self.columns[k], self.columns[k + 1]
            for unit, y in zip(dst_col.units, dst_col.ys):
                p2 = QPointF(dst_col.x, y)
                if k == 0 and self.image_input:
                    w, h = self.picture_size
                    py = min(max(y, self.rows_mid - h / 2 + 3), self.rows_mid + h / 2 - 3)
                    sources = [(None, QPointF(src_col.x + w / 2, py))]
                else:
                    sources = [(s, QPointF(src_col.x, sy)) for s, sy in zip(src_col.units, src_col.ys)]
                for src, p1 in sources:
                    e = EdgeItem(k, unit, src, p1, p2)
                    scene.addItem(e)
                    layer_edges.append(e)
            self.edges.append(layer_edges)

    def _add_neurons(self) -> None:
        """Neurons with their value tags, delta rings and delta texts; the input picture; the
        collapsed groups."""
        scene = self.scene()
        R = self.radius
        self.neurons, self.values, self.deltas, self.rings = [], [], [], []
        self.picture = None
        for c, col in enumerate(self.columns):
            col_items, col_vals, col_deltas, col_rings = [], [], [], []
            if c == 0 and self.image_input:
                self.picture = QGraphicsPixmapItem()
                self.picture.setZValue(2)
                # a new item has no picture yet, whatever _set_picture drew last: the key must
                # not match (the id of an item just deleted is often the new one's)
                self._picture_key = None
                scene.addItem(self.picture)
                w, h = self.picture_size
                # the picture's edge, where its lines start, even where its pixels are paper:
                # an item kept by the view (scene.addRect's item vanished with its wrapper)
                self.picture_frame = QGraphicsRectItem(
                    QRectF(col.x - w / 2 - 1, self.rows_mid - h / 2 - 1, w + 2, h + 2))
                self.picture_frame.setPen(QPen(colors.MUTED, 1.0))
                self.picture_frame.setZValue(1)
                scene.addItem(self.picture_frame)
            for unit, y in zip(col.units, col.ys):
                ring = QGraphicsEllipseItem(col.x - R - 5, y - R - 5, 2 * R + 10, 2 * R + 10)
                ring.setBrush(Qt.NoBrush)
                ring.setZValue(1)
                ring.setVisible(False)
                scene.addItem(ring)
                item = NeuronItem(c, unit, col.x, y, R)
                scene.addItem(item)
                val = TagItem(self.text_font, colors.TEXT, owner=item)
                scene.addItem(val)
                dtext = TagItem(self.text_font, colors.MUTED, owner=item)
                scene.addItem(dtext)
                item.ring, item.value_tag, item.delta_tag = ring, val, dtext
                col_items.append(item)
                col_vals.append(val)
                col_deltas.append(dtext)
                col_rings.append(ring)
            if col.group_rect is not None:
                g = GroupItem(c, col.group_rect, col.hidden, self.text_font, expanded=c == self.expanded,
                              short=self.tight)
                g.setToolTip(self._group_tip(c, g))
                scene.addItem(g)
                self.groups[c] = g
            self.neurons.append(col_items)
            self.values.append(col_vals)
            self.deltas.append(col_deltas)
            self.rings.append(col_rings)

    def _group_tip(self, c: int, g: GroupItem) -> str:
        n = self.state.net.sizes[c]
        if g.expanded:
            return QCoreApplication.translate("NetworkView", "click to show only the first neurons of this layer again")
        return QCoreApplication.translate("NetworkView", "{m} more of this layer's {n} neurons, one cell each, coloured like the "
                   "fills; click to show them all").format(m=len(g.hidden), n=n)

    def _add_labels(self) -> None:
        """Column headers, the targets beside the outputs and the loss under them."""
        scene = self.scene()
        net = self.state.net
        self.headers = []
        for c, col in enumerate(self.columns):
            room = self.gap - 6 if 0 < c < net.n_layers else 2 * max(col.half_width, self.gap / 2) - 6
            level = 2 if self.tight else (0 if self._title_width(c, 0) <= room else 1)
            a, b = self._title(c, level)
            h = QGraphicsSimpleTextItem(a)
            h.setFont(self.bold_font)
            h.setBrush(colors.TEXT)
            h.setPos(col.x - h.boundingRect().width() / 2, self.header_top)
            scene.addItem(h)
            sub = QGraphicsSimpleTextItem(b, h)
            sub.setFont(self.text_font)
            sub.setBrush(colors.MUTED)
            sub.setPos(h.boundingRect().width() / 2 - sub.boundingRect().width() / 2,
                       self.bold_fm.height() + 2)
            self.headers.append(h)

        out = self.columns[-1]
        self.target_texts = []
        for y in out.ys:
            t = QGraphicsSimpleTextItem("")
            t.setFont(self.text_font)
            t.setBrush(colors.MUTED)
            t.setPos(out.x + self.radius + 14, y - self.fm.height() / 2)
            scene.addItem(t)
            self.target_texts.append(t)
        self.loss_text = QGraphicsSimpleTextItem("")
        self.loss_text.setFont(self.bold_font)
        self.loss_text.setBrush(colors.TEXT)
        self.loss_text.setZValue(3)
        scene.addItem(self.loss_text)

    def _add_selection(self) -> None:
        self.selection = QGraphicsPathItem()
        self.selection.setPen(QPen(colors.SELECT, 2.5, Qt.DashLine))
        self.selection.setBrush(Qt.NoBrush)
        self.selection.setZValue(4)
        self.scene().addItem(self.selection)

    def _least_scale(self) -> float:
        """How far the drawing may be shrunk with no text below MIN_POINT_SIZE: not at all at
        100% zoom, to 9/12 with a presentation zoom that made the font 12 pt."""
        size = self.text_font.pointSizeF()
        return min(1.0, MIN_POINT_SIZE / size) if size > 0 else 1.0

    def _fit(self) -> None:
        """Show the layout 1:1, magnified when it is small for the view; shrunk when it is too
        tall or wide for it only as far as no text falls below MIN_POINT_SIZE (at a
        presentation zoom the view then still shows a whole layout, without scrolling)."""
        W, H = self._viewport_size()
        rect = QRectF(0, self.scene_top, self.scene_right, self.scene_bottom - self.scene_top)
        for item in self.scene().items():          # anything drawn beyond the layout (skip arcs)
            if item.isVisible() and item.parentItem() is None and not isinstance(item, TagItem):
                rect = rect.united(item.sceneBoundingRect())
        self.scene().setSceneRect(rect)
        self.resetTransform()
        s = min(W / rect.width(), H / rect.height(), MAX_MAGNIFY)
        if s > 1.05 and self.expanded is None:
            self.scale(s, s)
        elif s < 0.99:
            s = max(s, self._least_scale())
            self.scale(s, s)
        self._user_zoomed = False

    # --- neuron output maps over the input plane (2-D data, from the training probe) -------------
    def set_show_maps(self, on: bool) -> None:
        self.show_maps = on
        if on:
            self._render_maps(force=True)
        else:
            self._hide_maps()

    def _hide_maps(self) -> None:
        self._map_params = None
        self._map_probe = None
        for col in self.neurons[1:]:
            for item in col:
                item.map.setVisible(False)

    def _on_trained(self) -> None:
        """Paint each neuron's activation over the input plane (as TensorFlow Playground does)."""
        self._render_maps(force=False)

    def _render_maps(self, force: bool) -> None:
        """The maps of the drawn neurons, from the latest frame's probe: all of a layer in one
        vectorised pass, at most every MAP_SECONDS while training runs (always for its last
        frame), and never for collapsed neurons."""
        frame = self.state.frame
        if (not self.show_maps or frame is None or frame.probe is None
                or self.state.dataset.n_features != 2 or self.state.history_frame()):
            return
        now = time.monotonic()
        if not force and frame.running and now - self._map_time < MAP_SECONDS:
            return
        if not force and frame.probe is self._map_probe:
            return                   # the frames since carry the probe already drawn
        g = int(round(np.sqrt(frame.probe[0].shape[0])))
        if g * g != frame.probe[0].shape[0] or frame.probe[0].shape[1] != self.state.net.sizes[1]:
            return
        self._map_time = now
        size = int(2 * self.radius)
        for c in range(1, len(self.neurons)):
            items = self.neurons[c]
            if not items:
                continue
            acts = frame.probe[c - 1]
            units = [item.unit for item in items]
            if c == len(self.neurons) - 1:
                # the outputs: the data plot's picture (its colours, not the fills': a
                # sigmoid output near 0.5 would be one even orange)
                maps = output_maps(acts, units, g, size,
                                   self.state.dataset.task == "classification")
            else:
                scale = 1.0 if self.state.net.activations[c - 1] in ("tanh", "sigmoid", "softmax") \
                    else max(float(np.abs(acts).max()), 1e-12)
                maps = neuron_maps(acts[:, units], g, scale, size)
            for item, rgba in zip(items, maps):
                item.map.setPixmap(_pixmap(rgba))
                item.map.setVisible(True)
        self._map_params = frame.params
        self._map_probe = frame.probe

    # --- restyling on every change ------------------------------------------------------------
    def _on_weights_changed(self) -> None:
        net = self.state.net
        # the maps show other weights than these: never stale, except while training runs,
        # when they follow a few times a second (hiding them at every frame made them flicker)
        if self._map_params is not None and not self.state.training and \
                not np.array_equal(self._map_params, net.params):
            self._hide_maps()
        for k, layer_edges in enumerate(self.edges):
            W = net.weights[k]
            scale = float(np.abs(W).max()) or 1.0
            for e in layer_edges:
                if e.src is None:
                    w = float(np.abs(W[e.dst]).mean())
                    key = (None, _edge_level(w / scale))
                else:
                    w = float(W[e.dst, e.src])
                    key = (w >= 0, _edge_level(abs(w) / scale))
                e.weight = w
                if key != e.pen_key:           # most lines keep their level from step to step
                    e.pen_key = key
                    e.setPen(_edge_pen(*key))

    @property
    def edge_weights(self) -> list[dict[tuple[int, int], float]]:
        """The weight each line was last drawn for, per layer: {(dst, src): w}."""
        return [{(e.dst, e.src): e.weight for e in layer if e.src is not None} for layer in self.edges]

    def _on_stepped(self) -> None:
        state = self.state
        net = state.net
        st = state.stepper
        x = state.sample_x
        if self.image_input:
            self._set_picture(x)
        else:
            for item, val, unit in zip(self.neurons[0], self.values[0], self.shown[0]):
                self._style_neuron(item, val, float(x[unit]))
            if 0 in self.groups:
                self.groups[0].set_values(x)
        R = self.radius
        for c in range(1, net.n_layers + 1):
            known = st.known(c - 1) if st is not None else {}
            a, delta = known.get("a"), known.get("delta")
            dscale = float(np.abs(delta).max()) if delta is not None else 1.0
            for item, unit in zip(self.neurons[c], self.shown[c]):
                self._style_neuron(item, item.value_tag, None if a is None else float(a[unit]))
                if delta is None:
                    item.ring.setVisible(False)
                    item.delta_tag.set_text("", 0, 0)
                else:
                    d = float(delta[unit])
                    item.ring.setPen(QPen(colors.sign_color(d), 1.0 + 5.0 * abs(d) / (dscale or 1.0)))
                    item.ring.setVisible(True)
                    if self.roomy:
                        item.delta_tag.set_text(f"δ {d:.3g}", item.center.x(), item.center.y() + R + 6)
                    else:
                        item.delta_tag.set_text("", 0, 0)
            if c in self.groups:
                self.groups[c].set_values(a)
        target = state.sample_target
        for t, unit in zip(self.target_texts, self.shown[net.n_layers]):
            t.setText(self._target_text(unit, target[unit]))
        if st is not None and st.loss is not None:
            self.loss_text.setText(f"L = {fmt(st.loss)}  ({net.loss})")
            r = self.loss_text.boundingRect()
            x = min(self.columns[-1].x - r.width() / 2, self.scene_right - r.width() - 6)
            self.loss_text.setPos(max(x, 6.0), self.content_bottom + 4)
        else:
            self.loss_text.setText("")
        self._move_highlight()

    def _style_neuron(self, item: NeuronItem, label: TagItem, value: float | None) -> None:
        if value is None:
            item.setBrush(colors.UNKNOWN)
            item.setPen(QPen(colors.MUTED, 1.0, Qt.DashLine))
            label.set_text("", 0, 0)
            return
        fill = colors.diverging(value)
        item.setBrush(fill)
        item.setPen(QPen(QColor(90, 90, 90), 1.0))
        if self.tight:                   # too small for a number: the colour tells
            label.set_text("", 0, 0)
            return
        # the tag is the fill's own colour: invisible on the fill, a patch of it on a map
        label.setBrush(fill)
        label.text.setBrush(_text_on(fill))
        label.set_text(fmt_fixed(value),
                       item.center.x(), item.center.y(), middle=True)

    def _set_picture(self, x: np.ndarray) -> None:
        key = (id(self.state.dataset), self.picture_size, x.tobytes())
        if key == getattr(self, "_picture_key", None):
            return                       # the same sample: the picture stands
        self._picture_key = key
        shape = self.image_shape
        raw = self.state.dataset.to_raw(x.reshape(1, -1))[0]
        img = np.asarray(raw, dtype=float).reshape(shape)
        lo, hi = float(img.min()), float(img.max())
        g = np.zeros(shape, np.uint8) if hi <= lo else ((img - lo) / (hi - lo) * 255).astype(np.uint8)
        g = np.ascontiguousarray(255 - g)      # dark ink on light paper
        qimg = QImage(g.data, shape[1], shape[0], shape[1], QImage.Format_Grayscale8).copy()
        w, h = self.picture_size
        pix = QPixmap.fromImage(qimg).scaled(int(w), int(h), Qt.IgnoreAspectRatio, Qt.FastTransformation)
        self.picture.setPixmap(pix)
        self.picture.setPos(self.columns[0].x - w / 2, self.rows_mid - h / 2)

    def _column_extent(self, c: int) -> tuple[float, float, float]:
        """(half width, top, bottom) of what column c draws."""
        col = self.columns[c]
        R = self.radius
        if c == 0 and self.image_input:
            w, h = self.picture_size
            return w / 2, self.rows_mid - h / 2, self.rows_mid + h / 2
        top = col.ys[0] - R if col.ys else self.rows_mid
        bottom = col.ys[-1] + R if col.ys else self.rows_mid
        if col.ys and c > 0 and getattr(self, "roomy", False):
            bottom += 6 + self.fm.height()                 # the δ text under the last neuron
        if col.group_rect is not None:
            top = min(top, col.group_rect.top())         # an expanded layer's "show fewer"
            bottom = max(bottom, col.group_rect.bottom())
        half = max(R, col.group_rect.width() / 2 if col.group_rect is not None else 0)
        return half, top, bottom

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
            pad = min(12.0, self.gap / 2 - self.radius - 2) + 4
            for c in cols:
                half, top, bottom = self._column_extent(c)
                x = self.columns[c].x
                rect = QRectF(x - half - pad, top - 12, 2 * half + 2 * pad, bottom - top + 24)
                path.addRoundedRect(rect, 12, 12)
        self.highlight.setPath(path)

    def _on_selection_changed(self) -> None:
        sel = self.state.selected
        path = QPainterPath()
        if sel is not None and sel[0] < len(self.columns):
            item = self.neuron_item(*sel)
            if item is not None:
                r = self.radius + 9
                path.addEllipse(item.center, r, r)
            elif sel[0] in self.groups and sel[1] in self.groups[sel[0]].hidden:
                path.addRoundedRect(self.groups[sel[0]].rect().adjusted(-4, -4, 4, 4), 6, 6)
        self.selection.setPath(path)
        self.selection.setVisible(not path.isEmpty())

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
        if event.button() == Qt.LeftButton:
            if isinstance(item, NeuronItem):
                self.state.select(item.column, item.unit)
                event.accept()
                return
            if isinstance(item, GroupItem):
                self.set_expanded(None if item.expanded else item.column)
                event.accept()
                return
            if isinstance(item, EdgeItem) and item.src is not None:
                self.state.select_parameter(item.layer + 1, item.dst, item.src)  # gradient views
                event.accept()
                return
        super().mousePressEvent(event)

    def set_expanded(self, column: int | None) -> None:
        """Show every neuron of layer ``column`` (None: collapse again)."""
        self.expanded = column
        self._relayout()
        if column is not None and column in self.groups:
            self.ensureVisible(self.groups[column], 20, 20)

    @staticmethod
    def _owner(item: QGraphicsItem | None) -> QGraphicsItem | None:
        """The neuron, group or connection an item under the mouse belongs to (a label, a map)."""
        while item is not None and not isinstance(item, (NeuronItem, EdgeItem, GroupItem)):
            item = getattr(item, "owner", None) or item.parentItem()
        return item

    def mouseDoubleClickEvent(self, event) -> None:
        item = self._owner(self.itemAt(event.position().toPoint()))
        if isinstance(item, (NeuronItem, EdgeItem)) and self.edit(item, event.position().toPoint()):
            event.accept()
            return
        if item is None:
            self._laid_out_for = None
            self._relayout()

    # --- editing a weight or a bias by hand -----------------------------------------------------------
    def edit(self, item: QGraphicsItem, at=None) -> bool:
        """Open the inline editor of a neuron's bias or a connection's weight; False when the
        item has no single number to edit (an input, the lines from a picture)."""
        net = self.state.net
        if isinstance(item, NeuronItem):
            if item.column == 0:
                return False
            layer, unit, src = item.column, item.unit, None
            value = float(net.bias[layer - 1][unit])
            caption = QCoreApplication.translate("NetworkView", "bias b of neuron {u}, layer {l}").format(u=unit + 1, l=layer)
            anchor = item.center
        elif isinstance(item, EdgeItem) and item.src is not None:
            layer, unit, src = item.layer + 1, item.dst, item.src
            value = float(net.weights[item.layer][item.dst, item.src])
            caption = QCoreApplication.translate("NetworkView", "weight w from neuron {s} to neuron {u}, layer {l}").format(
                s=src + 1, u=unit + 1, l=layer)
            anchor = item.line().center()
        else:
            return False
        if self.state.training:
            self.state.message.emit(QCoreApplication.translate("NetworkView", "pause the training to edit a weight"))
            return True
        self.close_editor()

        def commit(v: float) -> None:
            try:
                self.state.set_parameter(layer, unit, src, v)
            except EngineError as e:
                self.state.message.emit(localized(e))
        self.editor = ValueEditor(self, caption + " =", value, commit)
        self.editor.adjustSize()
        p = self.mapFromScene(anchor) if at is None else at
        vp = self.viewport().rect()
        x = min(max(0, p.x() - self.editor.width() // 2), max(0, vp.width() - self.editor.width()))
        y = min(max(0, p.y() + 12), max(0, vp.height() - self.editor.height()))
        self.editor.move(x, y)
        self.editor.show()
        self.editor.field.setFocus()
        return True

    def close_editor(self) -> None:
        if self.editor is not None:
            try:
                if self.editor.isVisible():
                    self.editor.close_editor()
            except RuntimeError:          # already deleted
                pass
            self.editor = None

    def wheelEvent(self, event) -> None:
        factor = 1.15 ** (event.angleDelta().y() / 120)
        self.scale(factor, factor)
        self._user_zoomed = True

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._user_zoomed:
            self._relayout()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.LanguageChange:
            self._laid_out_for = None
            self._relayout()
        elif event.type() == QEvent.FontChange:
            self._relayout()         # nothing to do when set_zoom has laid out for this font

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
        if isinstance(item, GroupItem):
            return item.toolTip()
        if isinstance(item, NeuronItem):
            translate = QCoreApplication.translate
            if item.column == 0:
                name = (net.input_names or [f"x{i + 1}" for i in range(net.sizes[0])])[item.unit]
                return translate("NetworkView", "input {n} ({name})").format(
                    n=item.unit + 1, name=name) + f"\nx = {fmt(self.state.sample_x[item.unit])}"
            k = item.column - 1
            lines = [translate("NetworkView", "layer {layer}, neuron {n} ({activation})").format(
                layer=item.column, n=item.unit + 1, activation=net.activations[k])]
            names = net.output_names or []
            if item.column == net.n_layers and item.unit < len(names):     # what the output says
                if self.state.dataset.task != "classification":
                    says = translate("NetworkView", "predicts {name}")
                elif len(names) == 1:
                    says = translate("NetworkView", "the probability of class {name}")
                else:
                    says = translate("NetworkView", "class {name}")
                lines.append(says.format(name=names[item.unit]))
            known = st.known(k) if st is not None else {}
            not_yet = translate("NetworkView", "(not computed yet)")
            for key, label in (("z", "z"), ("a", "a"), ("delta", "δ")):
                lines.append(f"{label} = {fmt(known[key][item.unit])}" if key in known
                             else f"{label} = {not_yet}")
            lines.append(f"b = {fmt(net.bias[k][item.unit])}")
            lines.append(QCoreApplication.translate("NetworkView", "double-click to type the bias"))
            if item.column == 1:        # a pixel-fed neuron shows what it looks for
                return weights_picture_html(self.state, item.unit, "\n".join(lines))
            return "\n".join(lines)
        if isinstance(item, EdgeItem) and item.src is not None:
            k = item.layer
            w = float(net.weights[k][item.dst, item.src])
            known = st.known(k) if st is not None else {}
            g = known.get("grad_weights")
            text = QCoreApplication.translate(
                "NetworkView", "weight from neuron {s} of layer {k} to neuron {d} of layer {k1}").format(
                s=item.src + 1, k=k, d=item.dst + 1, k1=k + 1) + f"\nw = {fmt(w)}"
            text += f"\n∂L/∂w = {fmt(g[item.dst, item.src])}" if g is not None else \
                "\n∂L/∂w = " + QCoreApplication.translate("NetworkView", "(not computed yet)")
            return text + "\n" + QCoreApplication.translate("NetworkView", "double-click to type the weight")
        return ""

    # --- the legend, drawn over the view in screen coordinates ----------------------------------
    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        painter.save()
        painter.resetTransform()
        h = self.viewport().height()
        k = self.transform().m11()
        if k < 1.0:                  # a drawing shrunk to fit (see _fit): its legend too,
            painter.translate(0, h)  # from the bottom left corner, into the band kept for it
            painter.scale(k, k)
            painter.translate(0, -h)
        fm = QFontMetricsF(self.text_font)
        th = fm.height()
        x0, w = 12, 120
        y0 = h - 8 - th - 10
        grad = QLinearGradient(x0, 0, x0 + w, 0)
        grad.setColorAt(0.0, colors.NEGATIVE)
        grad.setColorAt(0.5, colors.ZERO)
        grad.setColorAt(1.0, colors.POSITIVE)
        caption = QCoreApplication.translate("NetworkView", "fill: activation a   ring: error δ   line: weight")
        # paper under the legend: a scrolled (expanded) layer passes beneath it, not through it
        painter.fillRect(QRectF(0, y0 - 4, x0 + w + 10 + fm.horizontalAdvance(caption) + 8,
                                h - y0 + 4), QColor(255, 255, 255, 235))
        painter.setPen(QPen(colors.MUTED, 0.8))
        painter.setBrush(QBrush(grad))
        painter.drawRect(QRectF(x0, y0, w, 10))
        painter.setFont(self.text_font)
        painter.setPen(colors.TEXT)
        base = y0 + 10 + fm.ascent() + 2
        painter.drawText(QPointF(x0 - 2, base), "−1")
        painter.drawText(QPointF(x0 + w / 2 - fm.horizontalAdvance("0") / 2, base), "0")
        painter.drawText(QPointF(x0 + w - fm.horizontalAdvance("+1"), base), "+1")
        painter.drawText(QPointF(x0 + w + 10, y0 + 10), caption)
        painter.restore()
