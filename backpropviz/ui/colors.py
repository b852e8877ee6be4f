"""The colours of the app: one diverging map for values, one pair for signs."""
from __future__ import annotations

from PySide6.QtGui import QColor

POSITIVE = QColor(232, 119, 34)     # orange
NEGATIVE = QColor(31, 119, 180)     # blue
ZERO = QColor(247, 247, 247)
UNKNOWN = QColor(226, 226, 226)     # not computed yet in this phase
HIGHLIGHT = QColor(255, 236, 153, 150)
SELECT = QColor(20, 20, 20)
TEXT = QColor(40, 40, 40)
MUTED = QColor(120, 120, 120)


def diverging(value: float, scale: float = 1.0) -> QColor:
    """Blue for negative, near-white at 0, orange for positive; saturates at |value| = scale."""
    if value != value:   # NaN
        return UNKNOWN
    t = max(-1.0, min(1.0, value / scale if scale > 0 else 0.0))
    end = POSITIVE if t > 0 else NEGATIVE
    t = abs(t)
    return QColor(round(ZERO.red() + (end.red() - ZERO.red()) * t),
                  round(ZERO.green() + (end.green() - ZERO.green()) * t),
                  round(ZERO.blue() + (end.blue() - ZERO.blue()) * t))


def sign_color(value: float, alpha: int = 255, on_white: bool = False) -> QColor:
    """Orange for >= 0, blue below, with ``alpha``; ``on_white``: the same colour as it looks
    over white, but opaque (translucent wide antialiased lines are ~8x slower to paint)."""
    c = QColor(POSITIVE if value >= 0 else NEGATIVE)
    return over_white(c, alpha) if on_white else QColor(c.red(), c.green(), c.blue(), alpha)


def over_white(c: QColor, alpha: int) -> QColor:
    """The opaque colour that ``c`` at ``alpha`` shows over a white background."""
    a = alpha / 255
    return QColor(*(round(v * a + 255 * (1 - a)) for v in (c.red(), c.green(), c.blue())))


#: One colour per class in the data plot, its decision regions and legends; the same cycle
#: tells the layers apart in the gradient plot (matplotlib's "tab10").
CLASS_COLORS = [(31, 119, 180), (232, 119, 34), (44, 160, 44), (214, 39, 40), (148, 103, 189),
                (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207)]
LAYER_COLORS = CLASS_COLORS
