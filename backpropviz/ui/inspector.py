"""The inspector: the selected neuron's computation with every number filled in.

It shows the lines of ``backpropviz.explain`` for the phases the stepper has reached, so a reader can
redo each one with a pencil. Every number is the engine's (``Network.trace``). Each gradient line
(a delta, dL/dw, dL/db) has a "check" link: it puts the finite-difference slope of the sample's
loss along that parameter beside the line (``engine.landscape.finite_difference``, the Slope
view's), with their relative error and the verdict in the Slope view's bands.
"""
from __future__ import annotations

import html

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser

from .. import explain
from ..engine import EngineError
from ..explain import Line, fmt
from ..i18n import QT_TRANSLATE_NOOP
from .state import AppState

#: the sections' headings (English keys of ``sections``; shown translated)
HEADINGS = (QT_TRANSLATE_NOOP("Inspector", "Input"), QT_TRANSLATE_NOOP("Inspector", "Forward"),
            QT_TRANSLATE_NOOP("Inspector", "Loss"), QT_TRANSLATE_NOOP("Inspector", "Backward"),
            QT_TRANSLATE_NOOP("Inspector", "Update"))

_CSS = """
body {{ font-size: {body}pt; }}
h3 {{ margin: 2px 0 4px 0; }}
.sec {{ color: #555; font-weight: bold; margin-top: 10px; border-bottom: 1px solid #ddd; }}
.t {{ color: #777; font-size: {small}pt; margin-top: 4px; }}
.f {{ font-family: 'DejaVu Sans Mono', monospace; font-size: {mono}pt; margin-left: 8px; }}
.v {{ font-weight: bold; color: #000; }}
.hint {{ color: #777; }}
.chk {{ font-size: {small}pt; margin-left: 8px; }}
"""

# the section that the phase of each kind has just computed
PHASE_SECTION = {"forward": "Forward", "loss": "Loss", "backward": "Backward", "update": "Update"}


@dataclass(frozen=True)
class GradientCheck:
    """A gradient line checked: the line's value (backprop's) against the finite difference."""
    parameter: tuple[int, int, int | None]     # (layer 0-based, neuron, input or None: bias)
    backprop: float
    numeric: float
    relative_error: float
    verdict: str


class Inspector(QTextBrowser):
    # a gradient line's check was computed and is shown
    checked = Signal(object)

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.setOpenLinks(False)
        self.setMinimumWidth(216)    # + the 4 px frame of the tab it sits in: a 220 px column
        self._set_css()
        # the checks asked for, by the line's place among the gradient lines shown (a delta
        # and dL/db share a parameter, each line is checked for its own value); forgotten
        # when the numbers change
        self.checks: dict[int, GradientCheck] = {}
        self._lines: list[Line] = []            # the lines shown, a link's number is an index
        self.anchorClicked.connect(self._on_anchor_clicked)
        for sig in (state.stepped, state.selection_changed, state.network_changed,
                    state.weights_changed, state.ready_changed):
            sig.connect(self._on_numbers_changed)
        self.refresh()

    def _on_numbers_changed(self, *_) -> None:
        self.checks.clear()
        self.refresh()

    def _on_anchor_clicked(self, url: QUrl) -> None:
        kind, _, n = url.toString().partition(":")
        if kind != "check" or not n.isdigit() or int(n) >= len(self._lines):
            return
        line = self._lines[int(n)]
        try:
            result = self.check_line(line)
        except EngineError as e:
            self.state.message.emit(str(e))
            return
        self.checks[int(n)] = result
        bar = self.verticalScrollBar().value()
        self.refresh(scroll=False)
        self.verticalScrollBar().setValue(bar)             # the reader stays where they clicked
        self.checked.emit(result)

    def check_line(self, line: Line) -> GradientCheck:
        """The line's value against the central finite difference of the stepped sample's loss
        along its parameter, on the weights the trace used. The loss of one sample four
        times: fast enough for the window's thread even for MNIST's 784-128-10."""
        from ..engine.landscape import compare, finite_difference, parameter_index
        from .gradient_views import _rows as stepped_rows
        net = self.state.stepper.net_before()
        k, unit, src = line.grad_of
        X, T, _ = stepped_rows(self.state, "sample")     # the Slope view's "this sample"
        numeric = finite_difference(net, X, T, parameter_index(net, k, unit, src))
        rel, verdict = compare(float(line.value), numeric)
        return GradientCheck(line.grad_of, float(line.value), numeric, rel, verdict)

    def _set_css(self) -> None:
        """Sizes follow the widget's font, so View > Zoom scales the inspector too."""
        pt = self.font().pointSizeF()
        if pt <= 0:
            pt = 10.0
        self.document().setDefaultStyleSheet(_CSS.format(body=round(1.05 * pt, 1),
                                                         small=round(0.85 * pt, 1), mono=round(pt, 1)))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.refresh()
        elif event.type() == QEvent.FontChange:
            self._set_css()
            self.refresh()
        super().changeEvent(event)

    def sections(self) -> list[tuple[str, list[Line]]]:
        """(heading, lines) shown for the current selection and phase."""
        st = self.state.stepper
        sel = self.state.selected
        if st is None or sel is None:
            return []
        net = self.state.net
        trace = st.trace if st.updated else st.numbers     # the updated model only when shown
        column, unit = sel
        if column == 0:
            return [("Input", explain.input_lines(trace, unit, net.input_names))]
        k = column - 1
        before = st.net_before()            # the weights every number of the trace used
        out: list[tuple[str, list[Line]]] = []
        if k < st.forward_done():
            out.append(("Forward", explain.forward_lines(before, trace, column, unit)))
        if column == net.n_layers and st.loss is not None:
            out.append(("Loss", explain.loss_lines(net, trace)))
        if k >= net.n_layers - st.backward_done():
            out.append(("Backward", explain.backward_lines(before, trace, column, unit)))
        if st.updated:
            out.append((f"Update (η = {fmt(st.lr)})", explain.update_lines(before, trace, column, unit)))
        return out

    def refresh(self, scroll: bool = True) -> None:
        state = self.state
        net = state.net
        parts = []
        self._lines = []
        self._shown: list[str] = []          # anchors of the sections shown
        sel = state.selected
        if sel is None:
            parts.append("<p class='hint'>" + self.tr("Click a neuron to see its arithmetic.") + "</p>")
        else:
            column, unit = sel
            if column == 0:
                title = self.tr("Input {n}").format(n=unit + 1)
            else:
                where = self.tr("Output") if column == net.n_layers else \
                    self.tr("Hidden layer {n}").format(n=column)
                title = self.tr("{layer}, neuron {n}").format(layer=where, n=unit + 1) + \
                    f" <span class='hint'>({net.activations[column - 1]})</span>"
            parts.append(f"<h3>{title}</h3>")
            if state.stepper is None:
                parts.append("<p class='hint'>" + self.tr("Preparing the kernels…") + "</p>")
            else:
                secs = self.sections()
                if not secs:
                    parts.append("<p class='hint'>" + self.tr("Not reached yet: press → (Right) to "
                                                              "step forward.") + "</p>")
                for head, lines in secs:
                    word, _, rest = head.partition(" ")      # "Update (η = 0.5)": translate "Update"
                    shown = " ".join(filter(None, (self.tr(word), rest)))
                    self._shown.append(word)
                    parts.append(f"<div class='sec'><a name='{word}'></a>{html.escape(shown)}</div>")
                    for line in lines:
                        parts.append(self._line_html(line))
        self.setHtml("".join(parts))
        if scroll:
            self._show_current_section()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._show_current_section()           # the text wrapped anew: find the section again

    def _show_current_section(self) -> None:
        """Scroll to what the current phase has just computed (the Update section at the
        update phase), not back to the top at every step."""
        st = self.state.stepper
        secs = getattr(self, "_shown", None)
        if st is None or not secs:
            return
        want = PHASE_SECTION.get(st.phase.kind)
        want = want if want in secs else secs[-1]
        if want == secs[0]:
            self.verticalScrollBar().setValue(0)        # with the neuron's title
        else:
            self.scrollToAnchor(want)

    def _line_html(self, line: Line) -> str:
        bits = [html.escape(line.symbolic)]
        if line.numeric:
            bits.append(html.escape(line.numeric))
        body = " = ".join(bits)
        if line.value is not None:
            body += f" = <span class='v'>{html.escape(fmt(line.value))}</span>"
        title = html.escape(QCoreApplication.translate("explain", line.title))
        check = ""
        if line.grad_of is not None and line.value is not None:
            self._lines.append(line)
            done = self.checks.get(len(self._lines) - 1)
            if done is None:
                if self.state.ready:              # the check runs kernels: not while they load
                    title += (f" <a href='check:{len(self._lines) - 1}' title='"
                              + html.escape(self.tr("compare with the finite-difference slope of "
                                                    "this sample's loss"), quote=True)
                              + "'>" + html.escape(self.tr("check")) + "</a>")
            else:
                from .gradient_views import VERDICT_COLORS, verdict_text
                color = VERDICT_COLORS.get(done.verdict, "#000")
                check = ("<div class='chk'>" + html.escape(self.tr("finite differences"))
                         + f" {done.numeric:.9g}, " + html.escape(self.tr("relative error"))
                         + f" {done.relative_error:.1e} <b style='color:{color}'>"
                         + html.escape(verdict_text(done.verdict)) + "</b></div>")
        return f"<div class='t'>{title}</div><div class='f'>{body}</div>{check}"
