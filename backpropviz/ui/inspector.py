"""The inspector: the selected neuron's computation with every number filled in.

It shows the lines of ``backpropviz.explain`` for the phases the stepper has reached, so a reader can
redo each one with a pencil. Every number is the engine's (``Network.trace``).
"""
from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QTextBrowser

from .. import explain
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
"""

# the section that the phase of each kind has just computed
PHASE_SECTION = {"forward": "Forward", "loss": "Loss", "backward": "Backward", "update": "Update"}


class Inspector(QTextBrowser):
    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.setOpenLinks(False)
        self.setMinimumWidth(216)    # + the 4 px frame of the tab it sits in: a 220 px column
        self._set_css()
        for sig in (state.stepped, state.selection_changed, state.network_changed,
                    state.weights_changed, state.ready_changed):
            sig.connect(self.refresh)
        self.refresh()

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

    def refresh(self) -> None:
        state = self.state
        net = state.net
        parts = []
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

    @staticmethod
    def _line_html(line: Line) -> str:
        bits = [html.escape(line.symbolic)]
        if line.numeric:
            bits.append(html.escape(line.numeric))
        body = " = ".join(bits)
        if line.value is not None:
            body += f" = <span class='v'>{html.escape(fmt(line.value))}</span>"
        title = QCoreApplication.translate("explain", line.title)
        return f"<div class='t'>{html.escape(title)}</div><div class='f'>{body}</div>"
