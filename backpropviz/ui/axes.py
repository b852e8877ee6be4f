"""The plot toolkit shared by the data plot and the history plots: pyqtgraph's settings,
axes kept as pictures, log axes labelled by decades, and ranges that follow the training
without moving on every frame."""
from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QGraphicsItem

# Antialiased curves cost most of a frame in software rendering; only the data points use it.
pg.setConfigOptions(antialias=False, background="w", foreground="k", imageAxisOrder="row-major")


def cache_axes(widget: pg.PlotWidget) -> None:
    """Keep the plot's axes (tick text and grid lines) as pictures that are painted again only
    when the range changes: otherwise every new curve or image repaints them (~2.5 ms)."""
    for name in ("left", "bottom"):
        widget.getPlotItem().getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)



class DecadeAxis(pg.AxisItem):
    """In log mode, labels only the powers of ten (pyqtgraph also labels 2..9 x 10^k, which
    crowd into an unreadable stack on a short axis). With fewer than two powers of ten in
    view (a loss that stays near 0.69) the axis had no number at all: there it takes round
    values of the data (0.66, 0.68, 0.70, ...) and labels those that lie a text's height
    apart."""

    _label_spacing: float | None = None       # the labelled level's spacing, within a decade

    @staticmethod
    def _within_a_decade(lo: float, hi: float) -> bool:
        return math.floor(hi) - math.ceil(lo) < 1

    def tickValues(self, minVal, maxVal, size):
        lo, hi = sorted((minVal, maxVal))
        if not self.logMode or not self._within_a_decade(lo, hi) or size <= 0:
            self._label_spacing = None
            return super().tickValues(minVal, maxVal, size)
        a, b = 10.0 ** lo, 10.0 ** hi
        levels, seen = [], []
        for spacing, offset in self.tickSpacing(a, b, size)[:2]:
            first = math.ceil((a - offset) / spacing) * spacing + offset
            values = [first + k * spacing for k in range(int((b - first) / spacing) + 1)]
            values = [v for v in values if v > 0 and all(abs(v - s) > spacing / 100 for s in seen)]
            seen += values
            levels.append((spacing, [math.log10(v) for v in values]))
        self._label_spacing = levels[0][0] if levels else None
        return levels

    def tickStrings(self, values, scale, spacing):
        if not self.logMode:
            return super().tickStrings(values, scale, spacing)
        if self._label_spacing is None:                  # (the ticks tickValues chose)
            strings = super().tickStrings(values, scale, spacing)
            return [s if abs(v - round(v)) < 1e-6 else "" for v, s in zip(values, strings)]
        if spacing != self._label_spacing or not spacing or spacing <= 0:
            return ["" for _ in values]                   # the finer level: grid lines only
        lo, hi = sorted(self.range)
        decimals = max(0, -math.floor(math.log10(spacing) + 1e-9))
        length = self.geometry().height() if self.orientation in ("left", "right") \
            else self.geometry().width()
        font = self.style.get("tickFont") or self.font()
        gap = 1.2 * QFontMetricsF(font).height() * (hi - lo) / max(length, 1.0)   # in log10 units
        kept: list[float] = []
        for v in sorted(values):
            if all(abs(v - k) >= gap for k in kept):
                kept.append(v)
        return [f"{10 ** v:.{decimals}f}" if v in kept else "" for v in values]


def set_axis_font(widget: pg.PlotWidget, font) -> None:
    """Tick labels and axis titles in ``font`` (View > Zoom changes the application's font;
    pyqtgraph's axes do not follow it by themselves)."""
    item = widget.getPlotItem()
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setStyle(tickFont=font)
        axis.label.setFont(font)
        axis.setWidth() if name == "left" else axis.setHeight()     # room for the new size


NICE_STEPS = (1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def nice_ceiling(x: float) -> float:
    """The smallest number of the form m x 10^k, m in NICE_STEPS, that is >= x (> 0)."""
    k = math.floor(math.log10(x))
    for m in NICE_STEPS:
        if m * 10.0 ** k >= x * (1 - 1e-12):
            return m * 10.0 ** k
    return 10.0 ** (k + 1)


def steady_span(current: tuple[float, float] | None, lo: float, hi: float,
                slack: float = 0.15) -> tuple[float, float]:
    """A y range for data in [lo, hi] that changes only when it must: the current one while
    it holds the data and is at most three times as tall, else the data plus ``slack`` of its
    height on each side. (Steady axes are only repainted when they change.)"""
    span = max(hi - lo, 1e-9 * max(1.0, abs(hi)), 1e-12)
    if current is not None and current[0] <= lo and hi <= current[1] and \
            current[1] - current[0] <= 3 * span * (1 + 2 * slack):
        return current
    return lo - slack * span, hi + slack * span


class FollowRange:
    """Follows the training in one history plot without moving the axes every frame.

    pyqtgraph's auto range moves both axes a little on every new point, and a moved axis is
    laid out and painted again (text, in software rendering: most of a plot's frame time).
    Here x runs from 0 to a round number ahead of the last step and y changes only when the
    data leaves it (``steady_span``); the axes are cached as pictures in between. Panning or
    zooming with the mouse stops the following; a double-click resumes it."""

    def __init__(self, widget: pg.PlotWidget, fixed_y: tuple[float, float] | None = None,
                 redraw=None):
        self.widget = widget
        self.fixed_y = fixed_y
        self.redraw = redraw            # called after a double-click: show the data now
        self.follow = True
        self._shown: tuple | None = None         # (x end, (y0, y1)) last set, None: not yet
        item = widget.getPlotItem()
        item.disableAutoRange()
        item.hideButtons()                 # the "A" button would hand the axes back to auto range
        cache_axes(widget)
        item.getViewBox().sigRangeChangedManually.connect(self._on_manual)
        self.retranslate()
        widget.mouseDoubleClickEvent = self._on_double_click

    def retranslate(self) -> None:
        """The plot's tooltip in the window's language (its owner calls this again on a change)."""
        self.widget.setToolTip(QCoreApplication.translate(
            "FollowRange", "drag to pan, wheel to zoom; double-click to follow the training again"))

    def _on_manual(self, *_) -> None:
        self.follow = False

    def _on_double_click(self, event) -> None:
        self.resume()
        if self.redraw is not None:
            self.redraw()              # also while paused, when no frame would come
        event.accept()

    def resume(self) -> None:
        """Follow the training again (new data, another scale, or the user asks for it)."""
        self.follow = True
        self._shown = None

    def show_empty(self) -> None:
        """No history (fresh weights, another lesson): plain axes, not the last run's."""
        self.resume()
        y = self.fixed_y or (0.0, 1.0)
        self.widget.getPlotItem().getViewBox().setRange(xRange=(0, 100), yRange=y, padding=0)

    def update(self, n_steps: int, y_lo: float, y_hi: float) -> None:
        """Show steps 0..n_steps and y in [y_lo, y_hi] (axis units: log10 on a log axis)."""
        if not self.follow:
            return
        was_x, was_y = self._shown or (None, None)
        x = nice_ceiling(max(n_steps, 10) * 1.05)
        if was_x is not None and n_steps <= was_x and x >= was_x / 2:
            x = was_x
        y = self.fixed_y
        if y is None:
            if math.isfinite(y_lo) and math.isfinite(y_hi):
                y = steady_span(was_y, y_lo, y_hi)
            else:
                y = was_y or (0.0, 1.0)
        if (x, y) != self._shown:
            self._shown = (x, y)
            # only the axis whose range changed is laid out and painted again
            self.widget.getPlotItem().getViewBox().setRange(
                xRange=(0, x) if x != was_x else None, yRange=y if y != was_y else None, padding=0)

