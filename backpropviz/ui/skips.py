"""The remedies drawn in the network view: a dashed arc under each layer with a skip (a = f +
the layer's input) and a "BN" tag under each batch-normalised layer. Kept apart from
network_view.py, which calls ``add_remedy_items`` once per architecture."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene, QGraphicsSimpleTextItem

SKIP_COLOR = QColor(90, 90, 90)


def add_remedy_items(scene: QGraphicsScene, columns: Sequence[Sequence[QPointF]],
                     residual: Sequence[bool], batch_norm: Sequence[bool],
                     font: QFont) -> list:
    """For layer k (column k + 1): a dashed arc from below column k to below column k + 1 where
    ``residual[k]``, a "BN" tag below column k + 1 where ``batch_norm[k]``. ``columns[c]`` are
    the drawn neurons' centres of column c. Returns the items (already in the scene)."""
    items = []
    bottom = max(p.y() for col in columns for p in col) + 44    # under the deltas' texts
    for k, (skip, bn) in enumerate(zip(residual, batch_norm)):
        x0, x1 = columns[k][0].x(), columns[k + 1][0].x()
        if skip:
            y = bottom + 18
            path = QPainterPath(QPointF(x0, y))
            path.cubicTo(QPointF(x0, y + 40), QPointF(x1, y + 40), QPointF(x1, y))
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
            plus.setPos((x0 + x1) / 2 - r.width() / 2, y + 30 - r.height() / 2)
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
