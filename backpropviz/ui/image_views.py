"""Views for image data (MNIST and the like), in tabs beside the data plot:

- Weights: every first-layer neuron's incoming weights as a picture, live while training, and
  the neuron under the mouse (or the selected one) large; clicking a picture selects the neuron.
- Confusion: the test part's confusion matrix (counts, colours, class names); clicking a cell
  shows those test images.
- Mistakes: the test images the network gets wrong, most confidently wrong first, with the true
  and predicted class and the output probabilities; clicking one steps it through the network.

The numbers come from ``backpropviz.predictions``; the views only draw them. Each refresh is
made only for the tab being shown, and at most every REFRESH_MS while training.
"""
from __future__ import annotations

import base64
import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import (QBuffer, QByteArray, QEvent, QIODevice, QRectF, QSize, Qt, QTimer,
                            Signal)
from PySide6.QtGui import (QBrush, QColor, QFont, QFontMetrics, QIcon, QImage, QPen,
                           QPixmap)
from PySide6.QtWidgets import (QAbstractItemView, QGraphicsRectItem, QHeaderView, QLabel,
                               QHBoxLayout, QListWidget, QListWidgetItem, QStyle,
                               QStyledItemDelegate, QTabWidget,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from .. import predictions as P
from .colors import NEGATIVE, POSITIVE, ZERO
from .lazy import LazyPage
from .state import AppState

REFRESH_MS = 400
GRID_COLUMNS = 12
CELL_IMAGES = 48            # test images shown for a confusion-matrix cell
MISTAKES = 60


def _diverging_lut() -> np.ndarray:
    """256 colours from the app's negative blue through near-white to its positive orange."""
    t = np.linspace(-1, 1, 256)[:, None]
    zero = np.array([ZERO.red(), ZERO.green(), ZERO.blue()], float)
    pos = np.array([POSITIVE.red(), POSITIVE.green(), POSITIVE.blue()], float)
    neg = np.array([NEGATIVE.red(), NEGATIVE.green(), NEGATIVE.blue()], float)
    return np.where(t >= 0, zero + (pos - zero) * t, zero + (neg - zero) * -t).astype(np.uint8)


DIVERGING = _diverging_lut()
INK = np.repeat(np.arange(255, -1, -1, dtype=np.uint8)[:, None], 3, axis=1)   # dark ink on white


def _image_box(parent_layout) -> tuple[pg.GraphicsLayoutWidget, pg.ViewBox, pg.ImageItem]:
    w = pg.GraphicsLayoutWidget()
    w.setBackground("w")
    w.ci.setContentsMargins(0, 0, 0, 0)        # the picture to the widget's edge
    box = w.addViewBox(lockAspect=True, invertY=True, enableMouse=False, enableMenu=False)
    box.setDefaultPadding(0.0)     # the range follows the picture (and the room) edge to edge
    img = pg.ImageItem(axisOrder="row-major")
    box.addItem(img)
    parent_layout.addWidget(w)
    return w, box, img


def picture_pixmap(picture: np.ndarray, scale: int = 2) -> QPixmap:
    """A grey picture (rows, cols) in the file's units as dark ink on white, ``scale`` times."""
    lo, hi = float(picture.min()), float(picture.max())
    grey = np.zeros(picture.shape, np.uint8) if hi <= lo else \
        np.round(255 - 255 * (picture - lo) / (hi - lo)).astype(np.uint8)
    grey = np.ascontiguousarray(np.kron(grey, np.ones((scale, scale), np.uint8)))
    h, w = grey.shape
    return QPixmap.fromImage(QImage(grey.data, w, h, w, QImage.Format_Grayscale8).copy())


def weights_picture_html(state: AppState, unit: int, text: str, side: int = 112) -> str:
    """``text`` (plain lines) with the incoming weights of neuron ``unit`` of layer 1 drawn above
    it, as rich text for a tooltip, when the network's inputs are an image's pixels; ``text``
    itself otherwise. Orange pixels are positive weights, blue negative, on the grid's scale."""
    shape = state.dataset.image_shape
    net = state.net
    if shape is None or net.sizes[0] != shape[0] * shape[1] or not 0 <= unit < net.sizes[1]:
        return text
    w = net.weights[0][unit].reshape(shape)
    scale = float(np.abs(w).max()) or 1.0
    index = np.clip(np.round((w / scale + 1) * 127.5), 0, 255).astype(np.intp)
    k = max(1, side // max(shape))
    rgb = np.ascontiguousarray(np.kron(DIVERGING[index], np.ones((k, k, 1), np.uint8)))
    h, wd = rgb.shape[:2]
    image = QImage(rgb.data, wd, h, 3 * wd, QImage.Format_RGB888)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    uri = "data:image/png;base64," + base64.b64encode(bytes(data)).decode("ascii")
    lines = "<br>".join(html.escape(line) for line in text.split("\n"))
    return f"<img src='{uri}'><br>{lines}"


class WeightGrid(QWidget):
    """The first layer's incoming weights, one picture per neuron, and one of them large.

    The grid takes as many columns as draw the pictures largest in the room it has (a narrow
    column stacks them, a wide one lines them up); the large picture sits beside its caption."""

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.shown_unit: int | None = None       # the neuron drawn large
        self.hovered: int | None = None
        self.columns = GRID_COLUMNS
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.grid_widget, self.grid_box, self.grid = _image_box(lay)
        lay.setStretch(0, 1)
        self.grid.setLookupTable(DIVERGING)
        self.grid.setAcceptHoverEvents(True)
        self.grid.hoverEvent = self._on_hover
        self.grid.mouseClickEvent = self._on_click
        self.frame = QGraphicsRectItem()
        self.frame.setPen(QPen(QColor(20, 20, 20), 0))
        self.frame.setZValue(10)
        self.grid_box.addItem(self.frame)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        big_side = 6 * self.fontMetrics().height()
        self.big_widget = pg.GraphicsLayoutWidget()
        self.big_widget.setBackground("w")
        self.big_widget.ci.setContentsMargins(0, 0, 0, 0)
        self.big_widget.setFixedSize(big_side, big_side)
        self.big_box = self.big_widget.addViewBox(lockAspect=True, invertY=True, enableMouse=False,
                                                  enableMenu=False)
        self.big_box.setDefaultPadding(0.0)
        self.big = pg.ImageItem(axisOrder="row-major")
        self.big_box.addItem(self.big)
        self.big.setLookupTable(DIVERGING)
        bottom.addWidget(self.big_widget, 0, Qt.AlignTop)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.caption.setMinimumHeight(big_side)
        bottom.addWidget(self.caption, 1)
        lay.addLayout(bottom)
        self._images = np.zeros((0, 1, 1))
        state.selection_changed.connect(self._on_selection_changed)
        self._show_large()

    def _fit_columns(self) -> int:
        shape = self.state.dataset.image_shape or (1, 1)
        return P.grid_columns(len(self._images), shape, max(self.grid_widget.width(), 1),
                              max(self.grid_widget.height(), 1))

    def refresh(self) -> None:
        ds, net = self.state.dataset, self.state.net
        if ds.image_shape is None or net.sizes[0] != int(np.prod(ds.image_shape)):
            return
        self._images = P.weight_images(net, ds.image_shape)
        self.columns = self._fit_columns()
        # a few large weights would leave the rest pale: saturate at the 99th percentile
        scale = float(np.percentile(np.abs(self._images), 99)) or 1.0
        self.grid.setImage(P.mosaic(self._images, self.columns, fill=0.0), levels=(-scale, scale))
        self._on_selection_changed()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if len(self._images) and self._fit_columns() != self.columns:
            self.refresh()

    def _tile(self, pos) -> int | None:
        return P.tile_at(len(self._images), self.columns, self.state.dataset.image_shape,
                         pos.y(), pos.x())

    def _on_hover(self, ev) -> None:
        unit = None if ev.isExit() else self._tile(ev.pos())
        if unit != self.hovered:
            self.hovered = unit
            self._show_large()

    def _on_click(self, ev) -> None:
        unit = self._tile(ev.pos())
        if unit is not None and ev.button() == Qt.LeftButton:
            ev.accept()
            self.state.select(1, unit)

    def _on_selection_changed(self) -> None:
        sel = self.state.selected
        h, w = self.state.dataset.image_shape or (1, 1)
        if sel is not None and sel[0] == 1 and sel[1] < len(self._images):
            r, c = divmod(sel[1], min(len(self._images), self.columns))
            self.frame.setRect(QRectF(c * (w + 1) - 0.5, r * (h + 1) - 0.5, w + 1, h + 1))
            self.frame.show()
        else:
            self.frame.hide()
        self._show_large()

    def _show_large(self) -> None:
        sel = self.state.selected
        unit = self.hovered
        if unit is None and sel is not None and sel[0] == 1:
            unit = sel[1]
        self.shown_unit = unit if unit is not None and unit < len(self._images) else None
        if self.shown_unit is None:
            self.big.clear()
            self.caption.setText(self.tr("Point at a picture, or click a neuron of the first "
                                         "hidden layer, to see its incoming weights: orange "
                                         "pixels raise its z, blue ones lower it."))
            return
        img = self._images[self.shown_unit]
        scale = float(np.abs(img).max()) or 1.0
        self.big.setImage(img, levels=(-scale, scale))
        self.caption.setText(self.tr("Neuron {unit} of layer 1: its {n} incoming weights as a "
                                     "picture, from {lo} (blue) to {hi} (orange).").format(
            unit=self.shown_unit + 1, n=img.size, lo=f"{img.min():.3g}", hi=f"{img.max():.3g}"))


class ConfusionView(QWidget):
    """The test part's confusion matrix; a click on a cell shows its images."""

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.pred: P.TestPredictions | None = None
        self.cell: tuple[int, int] | None = None
        self.cell_rows = np.zeros(0, np.int64)
        self._names: list[str] = []
        self.cell_shown = 0
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setWordWrap(True)
        lay.addWidget(self.title)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setCornerButtonEnabled(False)       # selecting every cell means nothing here
        # ten classes fit a 260 px column: numbered columns, cells as small as their counts, no
        # scroll bars (the names are on the rows and in the tooltips)
        font = self.table.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        self.table.setFont(font)
        self.table.setStyleSheet("QTableWidget::item { padding: 0px; }")
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        for header in (self.table.horizontalHeader(), self.table.verticalHeader()):
            header.setMinimumSectionSize(1)
            header.setSectionResizeMode(QHeaderView.Stretch)
            header.setFont(font)
        self.table.setItemDelegate(_FitTextDelegate(self.table))
        self.table.cellClicked.connect(self.show_cell)
        lay.addWidget(self.table, 1)
        self.cell_caption = QLabel()
        self.cell_caption.setWordWrap(True)
        lay.addWidget(self.cell_caption)
        # a strip of the cell's pictures: the matrix keeps the room
        self.cell_widget, _, self.cell_image = _image_box(lay)
        # up to five lines tall; on a short screen it gives way before the matrix does
        self.cell_widget.setMinimumHeight(2 * self.fontMetrics().height())
        self.cell_widget.setMaximumHeight(5 * self.fontMetrics().height())
        self.cell_image.setLookupTable(INK)
        self.retranslate()

    def retranslate(self) -> None:
        self._show_title()
        self.table.setToolTip(self.tr("Rows are the true class, columns the predicted one; "
                                      "click a cell to see its test images."))
        self._show_caption()

    def _show_title(self) -> None:
        if self.pred is None:
            self.title.setText(self.tr("Test set: rows true class, columns predicted."))
        else:
            self.title.setText(self.tr("Test set, {acc} right: rows true class, columns "
                                       "predicted.").format(acc=f"{self.pred.accuracy:.1%}"))

    def show_predictions(self, pred: P.TestPredictions) -> None:
        ds = self.state.dataset
        self.pred = pred
        k = ds.n_classes
        if self.table.rowCount() != k or self._names != ds.class_names:
            self._names = list(ds.class_names)
            self.table.setRowCount(k)
            self.table.setColumnCount(k)
            # every row a line of its small font tall: the picture strip below gives way first
            self.table.setMinimumHeight((k + 1) * (QFontMetrics(self.table.font()).height() + 1))
            for j, name in enumerate(ds.class_names):
                # columns by number, rows by number and (short) name; the full name on hover
                numbered = name == str(j)
                column = QTableWidgetItem(str(j))
                row = QTableWidgetItem(str(j) if numbered else f"{j} {_short(name, 9)}")
                for head in (column, row):
                    head.setToolTip(name)
                self.table.setHorizontalHeaderItem(j, column)
                self.table.setVerticalHeaderItem(j, row)
        totals = np.maximum(pred.confusion.sum(axis=1), 1)
        for r in range(k):
            for c in range(k):
                count = int(pred.confusion[r, c])
                item = self.table.item(r, c)
                if item is None:
                    item = QTableWidgetItem()
                    item.setTextAlignment(Qt.AlignCenter)
                    self.table.setItem(r, c, item)
                item.setText(str(count))
                share = count / totals[r]
                item.setBackground(QBrush(_cell_color(share, r == c)))
                item.setForeground(QBrush(QColor(255, 255, 255) if share > 0.55 else
                                          QColor(30, 30, 30)))
                item.setToolTip(self.tr("true {true}, predicted {pred}: {n} test images "
                                        "({share} of the {true} images)").format(
                    true=ds.class_names[r], pred=ds.class_names[c], n=count,
                    share=f"{share:.1%}"))
        self._show_title()
        if self.cell is not None:
            self.show_cell(*self.cell)

    def show_cell(self, true_class: int, predicted_class: int) -> None:
        """Show the test images of one cell (at most CELL_IMAGES of them)."""
        if self.pred is None:
            return
        ds = self.state.dataset
        self.cell = (true_class, predicted_class)
        self.cell_rows = P.cell_rows(ds, self.pred, true_class, predicted_class)
        # as many as the strip holds at one screen pixel per image pixel or more
        h, w = ds.image_shape
        room = max(1, self.cell_widget.width() // (w + 1)), \
            max(1, self.cell_widget.height() // (h + 1))
        self.cell_shown = min(len(self.cell_rows), CELL_IMAGES, room[0] * room[1])
        shown = self.cell_rows[:self.cell_shown]
        if len(shown):
            pics = P.pictures(ds, ds.X_test[shown])
            self.cell_image.setImage(P.mosaic(pics, room[0], fill=float(pics.min())))
        else:
            self.cell_image.clear()
        self._show_caption()

    def _show_caption(self) -> None:
        if self.cell is None or self.pred is None:
            self.cell_caption.setText("")
            return
        names = self.state.dataset.class_names
        r, c = self.cell
        text = (self.tr("True {true}, predicted {pred}: one test image.") if len(self.cell_rows) == 1
                else self.tr("True {true}, predicted {pred}: {n} test images{more}."))
        self.cell_caption.setText(text.format(
            true=names[r], pred=names[c], n=len(self.cell_rows),
            more="" if len(self.cell_rows) <= self.cell_shown else
            self.tr(", the first {k} shown").format(k=self.cell_shown)))


class _FitTextDelegate(QStyledItemDelegate):
    """Draws a cell's count in a smaller font where the cell is too narrow for it, rather than
    cutting it to '1…'."""

    def paint(self, painter, option, index) -> None:
        text = str(index.data(Qt.DisplayRole) or "")
        font = QFont(option.font)
        need = QFontMetrics(font).horizontalAdvance(text) + 2
        if need > option.rect.width() and option.rect.width() > 0:
            font.setPointSizeF(max(4.0, font.pointSizeF() * option.rect.width() / need))
        painter.save()
        background = index.data(Qt.BackgroundRole)
        if background is not None:
            painter.fillRect(option.rect, background)
        if option.state & QStyle.State_Selected:
            painter.setPen(QPen(option.palette.highlight().color(), 2))
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
        foreground = index.data(Qt.ForegroundRole)
        painter.setPen(foreground.color() if foreground is not None else
                       option.palette.text().color())
        painter.setFont(font)
        painter.drawText(option.rect, Qt.AlignCenter, text)
        painter.restore()


def _short(name: str, limit: int = 8) -> str:
    return name if len(name) <= limit else name[:limit - 1] + "…"


def _cell_color(share: float, diagonal: bool) -> QColor:
    """Right answers in green, wrong ones in red, deeper for a larger share of the row."""
    end = QColor(44, 160, 44) if diagonal else QColor(214, 39, 40)
    t = min(1.0, share if diagonal else share * 3)
    return QColor(round(255 + (end.red() - 255) * t), round(255 + (end.green() - 255) * t),
                  round(255 + (end.blue() - 255) * t))


class MistakesView(QListWidget):
    """The test images the network gets wrong; a click steps that image through the network."""

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.rows = np.zeros(0, np.int64)
        self.setViewMode(QListWidget.IconMode)
        self.setResizeMode(QListWidget.Adjust)
        self.setMovement(QListWidget.Static)
        self.setIconSize(QSize(56, 56))
        self.setWordWrap(False)           # three short lines each, never wrapped into the next
        self._fit_grid()
        self.itemClicked.connect(self._on_clicked)

    def _fit_grid(self) -> None:
        """Room for the picture and three lines (true class, → predicted, probability): three
        pictures to a row in a 270 px column."""
        fm = self.fontMetrics()
        self.setGridSize(QSize(max(80, fm.horizontalAdvance("→ T-shirt/…") + 10),
                               56 + 3 * fm.height() + 10))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            self._fit_grid()

    def show_predictions(self, pred: P.TestPredictions) -> None:
        ds = self.state.dataset
        self.rows = P.mistakes(ds, pred, MISTAKES)
        self.clear()
        if not len(self.rows):
            return
        pics = P.pictures(ds, ds.X_test[self.rows])
        names = ds.class_names
        for row, pic in zip(self.rows.tolist(), pics):
            true, guess = int(ds.y_test[row]), int(pred.predicted[row])
            p = pred.probabilities[row]
            item = QListWidgetItem(QIcon(picture_pixmap(pic)),
                                   f"{_short(names[true], 10)}\n→ {_short(names[guess], 8)}\n"
                                   f"{p[guess]:.2f}")
            top = np.argsort(-p, kind="stable")[:5]
            if true not in top:                 # the right answer's probability is always shown
                top = np.append(top, true)
            lines = "".join(f"<tr><td>{names[j]}</td><td align=right>{p[j]:.3f}</td></tr>"
                            for j in top)
            item.setToolTip(self.tr("<b>true {true}, predicted {pred}</b> (test image {row}); "
                                    "click to step it through the network").format(
                true=names[true], pred=names[guess], row=row) + f"<table>{lines}</table>")
            item.setData(Qt.UserRole, row)
            self.addItem(item)

    def _on_clicked(self, item: QListWidgetItem) -> None:
        self.state.set_sample(int(item.data(Qt.UserRole)), part="test")


class ImageViews(QTabWidget):
    """The data plot and, for image data with classes, the three image views, in tabs.

    The weight pictures and the confusion matrix are made when first shown or asked for (a
    window on points never shows them); ``currentWidget`` and ``setCurrentWidget`` speak of
    the views, not of the pages that hold them."""
    refreshed = Signal()          # a refresh drew the current tab's view anew

    def __init__(self, state: AppState, data_plot: QWidget, parent=None):
        super().__init__(parent)
        self.state = state
        self.data_plot = data_plot
        self._weights_page = LazyPage(lambda: WeightGrid(state))
        self._confusion_page = LazyPage(lambda: ConfusionView(state))
        self.mistakes = MistakesView(state)
        self.setDocumentMode(True)        # no frame, as the inspector's tabs above
        self.setUsesScrollButtons(False)  # every name whole: the column widens to hold them ("Mi" at 1024)
        self.addTab(data_plot, "")
        self.addTab(self._weights_page, "")
        self.addTab(self._confusion_page, "")
        self.addTab(self.mistakes, "")
        self.predictions: P.TestPredictions | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.currentChanged.connect(lambda _: self.refresh())
        state.data_changed.connect(self._on_data_changed)
        state.network_changed.connect(self.refresh)
        state.weights_changed.connect(self._on_weights_changed)
        self.retranslate()
        self._on_data_changed()

    @property
    def weights(self) -> WeightGrid:
        return self._weights_page.content()

    @property
    def confusion(self) -> ConfusionView:
        return self._confusion_page.content()

    def currentWidget(self) -> QWidget:
        """The view shown (made if it was not)."""
        page = super().currentWidget()
        return page.content() if isinstance(page, LazyPage) else page

    def setCurrentWidget(self, view: QWidget) -> None:
        """Show ``view`` (one of data_plot, weights, confusion, mistakes)."""
        pages = (self._weights_page, self._confusion_page)
        page = next((p for p in pages if p.built() is view), view)
        super().setCurrentWidget(page)

    @staticmethod
    def applies(ds) -> bool:
        return ds.image_shape is not None and ds.task == "classification" and ds.n_test > 0

    def retranslate(self) -> None:
        self.setTabText(0, self.tr("Data"))
        self.setTabText(1, self.tr("Weights"))
        self.setTabText(2, self.tr("Confusion"))
        self.setTabText(3, self.tr("Mistakes"))
        self.setTabToolTip(0, self.tr("the sample being stepped, as a picture"))
        self.setTabToolTip(1, self.tr("each first-layer neuron's incoming weights as a picture"))
        self.setTabToolTip(2, self.tr("the test set's confusion matrix"))
        self.setTabToolTip(3, self.tr("test images the network gets wrong; click one to step it"))
        if self._confusion_page.built() is not None:
            self.confusion.retranslate()
        if self._weights_page.built() is not None:
            self.weights._show_large()
        self._fit_tabs()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_data_changed(self) -> None:
        if self._confusion_page.built() is not None:
            self.confusion.cell = None
            self.confusion.pred = None
        images = self.applies(self.state.dataset)
        for i in (1, 2, 3):
            self.setTabVisible(i, images)
        self.tabBar().setVisible(images)
        if not images:
            self.setCurrentIndex(0)
        self._fit_tabs()
        self.refresh()

    def _fit_tabs(self) -> None:
        """The tab names never widen the column past what a 1024 px window gives it: where
        the four names do not fit, the bar scrolls (its arrows) instead of pushing the window
        wider than the screen."""
        self.setMinimumWidth(0)

    def _on_weights_changed(self) -> None:
        if self.isVisible() and self.currentIndex() > 0 and not self._timer.isActive():
            if self.state.training:
                self._timer.start()        # at most every REFRESH_MS while training
            else:
                self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Draw the current tab anew from the network's weights."""
        if not self.applies(self.state.dataset) or self.state.net.sizes[0] != \
                self.state.dataset.n_features:
            return
        view = self.currentWidget()
        if view is self.data_plot:
            return
        if isinstance(view, WeightGrid):
            view.refresh()
        else:
            self.predictions = P.predict_test_part(self.state.net, self.state.dataset)
            view.show_predictions(self.predictions)
        self.refreshed.emit()
