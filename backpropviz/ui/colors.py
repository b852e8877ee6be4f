"""The colours of the app: one diverging map for values, one pair for signs."""
from __future__ import annotations

import numpy as np
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


def class_rgb(k: int) -> np.ndarray:
    """(k, 3) float: the colours of k classes (the cycle repeats beyond ten)."""
    return np.array([CLASS_COLORS[i % len(CLASS_COLORS)] for i in range(k)], float)


def output_rgb(out: np.ndarray, classification: bool) -> np.ndarray:
    """What the data plot paints for the network's outputs, neuron by neuron.

    out: float (n, k), the output layer's activations at n inputs. Returns (n, k, 3) float
    RGB. Classification: neuron j in class j's colour, the stronger the more its class's
    probability (the outputs normalised to sum 1) exceeds an even share 1/k, at most 0.7 of
    the colour; a single sigmoid output is class 1's probability against class 0's, so its
    colour is class 1's above 0.5 and class 0's below. Where a class wins, the data plot
    paints exactly its neuron's colour. Regression: class 1's colour above 0, class 0's
    below, saturating at the neuron's largest |output|."""
    out = np.asarray(out, float)
    n, k = out.shape
    white = 255.0
    if not classification:
        scale = np.abs(out).max(axis=0)
        scale[scale == 0] = 1.0
        t = np.clip(out / scale, -1, 1)[..., None]
        neg, pos = class_rgb(2)
        return np.where(t >= 0, white - (white - pos) * t * 0.7, white - (white - neg) * (-t) * 0.7)
    if k == 1:
        p = out[:, 0]
        probs = np.column_stack([1 - p, p])
        cls = probs.argmax(axis=1)
        conf = probs.max(axis=1)
        strength = np.clip((conf - 1 / 2) / (1 - 1 / 2), 0, 1) * 0.7
        return (white - (white - class_rgb(2)[cls]) * strength[:, None])[:, None, :]
    probs = out / np.maximum(out.sum(axis=1, keepdims=True), 1e-12)
    strength = np.clip((probs - 1 / k) / (1 - 1 / k), 0, 1) * 0.7
    return white - (white - class_rgb(k)[None, :, :]) * strength[..., None]
