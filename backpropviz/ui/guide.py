"""Help > Guide: one short page inside the app on how to read the pictures and drive them."""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout


class GuideDialog(QDialog):
    """What fills, rings, line widths and colours mean; how to step, train and read the
    inspector. Not modal: it can stay open beside the window."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.resize(640, 640)
        self.page = QTextBrowser()
        self.page.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.page)
        lay.addWidget(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Guide"))
        # one string, so that a translator sees the whole page at once
        self.page.setHtml(self.tr(
            "<h2>Reading the network</h2>"
            "<p><b>Fill</b> of a neuron: its activation <i>a</i>, orange for positive, blue for "
            "negative, white near 0; the stronger the colour, the larger the value. Grey dashed "
            "neurons are not computed yet in this phase.</p>"
            "<p><b>Ring</b> around a neuron: its error signal δ = ∂L/∂z, with the same colours, once "
            "the backward pass has reached it.</p>"
            "<p><b>Lines</b>: one per weight. Orange is a positive weight, blue a negative one; the "
            "line width grows with the size of the weight. The highlighted column is the layer the "
            "current phase computes.</p>"
            "<p>Hover a neuron for z, a, δ and b, a line for w and ∂L/∂w. Click a neuron to write "
            "out its arithmetic in the inspector.</p>"
            "<h2>Stepping one sample</h2>"
            "<p>→ (Next) and ← (Back) walk one sample through the phases: input, forward through "
            "each layer, the loss, backward through each layer, then the update of every weight. "
            "← undoes exactly, the update included. Choose the sample in the Step panel, with "
            "Random (Ctrl+R), or by clicking a point in the data plot.</p>"
            "<h2>Reading the inspector</h2>"
            "<p>Each line is written as a person would by hand: the formula, the same formula with "
            "the numbers of this sample filled in, and the result, e.g. "
            "<tt>z = w1·x1 + w2·x2 + b = 0.15×0.05 + 0.2×0.1 + 0.35 = 0.3775</tt>. Every number can "
            "be checked with a pencil; where six digits would not give the result, more are "
            "written.</p>"
            "<h2>Training</h2>"
            "<p>Space trains until paused, S takes one minibatch, E finishes the epoch, R draws "
            "fresh weights. The plots show the loss, the accuracy and each layer's gradient norm; "
            "the data plot shows the decision boundary. Train biases off keeps every bias fixed. "
            "Ctrl+Z undoes a reset, new weights, a change of data or of the network.</p>"
            "<h2>Data</h2>"
            "<p>Click a thumbnail in the Data panel for a built-in set, or Open file… for a CSV, "
            "TSV or NumPy file (File › Open data, Ctrl+O). File › Examples opens ready lessons with "
            "a note on what to look for. F1 lists every key.</p>"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
