"""The remedies drawn in the network view: a dashed arc under each layer with a skip (a = f +
the layer's input) and a "BN" tag under each batch-normalised layer. Kept apart from
network_view.py, which calls ``add_remedy_items`` once per architecture."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene, QGraphicsSimpleTextItem

SKIP_COLOR = QColor(90, 90, 90)


#: how far a skip's arc dips below its ends
ARC_DEPTH = 24.0


def remedy_room(residual: Sequence[bool], batch_norm: Sequence[bool], text_height: float) -> float:
    """The height the remedies need under the columns: a line of BN tags, the skips' arcs."""
    room = text_height + 2 if any(batch_norm) else 0.0
    if any(residual):
        room += 2 + ARC_DEPTH + text_height / 2 + 2       # the arc and the "+" on its lowest point
    return room


def add_remedy_items(scene: QGraphicsScene, columns: Sequence[Sequence[QPointF]],
                     residual: Sequence[bool], batch_norm: Sequence[bool],
                     font: QFont, top: float) -> list:
    """For layer k (column k + 1): a dashed arc from below column k to below column k + 1 where
    ``residual[k]``, a "BN" tag below column k + 1 where ``batch_norm[k]``. ``columns[c]`` are
    the drawn neurons' centres of column c; ``top`` is where the room under everything the
    columns draw begins (``remedy_room`` high). Returns the items (already in the scene)."""
    items = []
    th = QFontMetricsF(font).height()
    bottom = top                                       # the BN tags' line
    arc_y = top + (th + 2 if any(batch_norm) else 0.0) + 2
    for k, (skip, bn) in enumerate(zip(residual, batch_norm)):
        x0, x1 = columns[k][0].x(), columns[k + 1][0].x()
        if skip:
            y = arc_y
            path = QPainterPath(QPointF(x0, y))
            # a cubic with both control points 4/3 of the depth down dips exactly that deep
            c = y + ARC_DEPTH * 4 / 3
            path.cubicTo(QPointF(x0, c), QPointF(x1, c), QPointF(x1, y))
            arc = QGraphicsPathItem(path)
            pen = QPen(SKIP_COLOR, 1.6, Qt.DashLine)
            arc.setPen(pen)
            arc.setZValue(-0.5)
            arc.setToolTip(QCoreApplication.translate(
                "NetworkView", "skip: this layer's output a = f + its input, and backward the "
                "gradient also flows back along it"))
            plus = QGraphicsSimpleTextItem("+")
            plus.setFont(font)
            plus.setBrush(SKIP_COLOR)
            r = plus.boundingRect()
            plus.setPos((x0 + x1) / 2 - r.width() / 2, y + ARC_DEPTH - r.height() / 2)
            scene.addItem(arc)
            scene.addItem(plus)
            items += [arc, plus]
        if bn:
            tag = QGraphicsSimpleTextItem(QCoreApplication.translate("NetworkView", "BN"))
            tag.setFont(font)
            tag.setBrush(SKIP_COLOR)
            tag.setToolTip(QCoreApplication.translate(
                "NetworkView", "batch normalization: z is normalised over the minibatch, then "
                "scaled by γ and shifted by β before the activation"))
            r = tag.boundingRect()
            tag.setPos(x1 - r.width() / 2, bottom)
            scene.addItem(tag)
            items.append(tag)
    return items
