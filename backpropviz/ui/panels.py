"""Side panels: the phase strip and step controls, and the network builder."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (QCheckBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QPushButton, QSizePolicy, QSpinBox, QToolButton, QVBoxLayout, QWidget)

from ..engine import EngineError
from ..engine.stepper import phases
from ..choices import HIDDEN_ACTIVATIONS, INITS, LOSSES, OUTPUTS
from ..recipe import Architecture
from ..i18n import QT_TRANSLATE_NOOP, localized
from .choice_box import ChoiceBox
from .state import AppState

MAX_HIDDEN = 8


_PHASE_WORDS = {"input": QT_TRANSLATE_NOOP("phase", "input"), "loss": QT_TRANSLATE_NOOP("phase", "loss"),
                "update": QT_TRANSLATE_NOOP("phase", "update"),
                "forward": QT_TRANSLATE_NOOP("phase", "forward"),
                "backward": QT_TRANSLATE_NOOP("phase", "backward")}


def phase_label(phase, level: int = 0) -> str:
    """The strip's label of a phase, shorter at each ``level`` so that a deep network's strip
    fits: 0 "input", "→1", "loss", "←1", "update"; 1 "x", "→1", "L", "←1", "Δw"; 2 the layer
    number alone (the button's colour tells forward from backward)."""
    if phase.kind in ("forward", "backward"):
        arrow = "→" if phase.kind == "forward" else "←"
        return f"{arrow}{phase.layer}" if level < 2 else str(phase.layer)
    if level == 0:
        return QCoreApplication.translate("phase", _PHASE_WORDS.get(phase.kind, phase.kind))
    return {"input": "x", "loss": "L", "update": "Δw"}[phase.kind]


def phase_name(phase) -> str:
    """The phase in words: input, forward 2, loss, backward 1, update."""
    word = QCoreApplication.translate("phase", _PHASE_WORDS.get(phase.kind, phase.kind))
    return f"{word} {phase.layer}" if phase.layer else word


class PhaseStrip(QWidget):
    """One button per phase of the cycle; the current one is lit. Clicking jumps there."""

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.lay = QHBoxLayout(self)
        self.lay.setContentsMargins(0, 0, 0, 0)
        self.lay.setSpacing(2)
        # forward phases in the fills' blue, backward ones in the orange: with numbers alone
        # (a deep network on a small screen) the colour still tells the direction
        self.setStyleSheet("QPushButton { padding: 2px 4px; }"
                           "QPushButton[kind=\"forward\"] { color: #17508a; }"
                           "QPushButton[kind=\"backward\"] { color: #9c4a0c; }"
                           "QPushButton:checked { background: #ffd966; font-weight: bold; "
                           "border: 1px solid #b08900; border-radius: 3px; }")
        self.level = 0
        self.buttons: list[QPushButton] = []
        state.network_changed.connect(self._rebuild)
        state.stepped.connect(self._on_stepped)
        state.ready_changed.connect(self._rebuild)
        state.training_changed.connect(lambda _: self._on_stepped())
        self._rebuild()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self._rebuild()
        super().changeEvent(event)

    def _rebuild(self, *_) -> None:
        for b in self.buttons:
            b.setParent(None)
            b.deleteLater()
        self.buttons = []
        st = self.state.stepper
        for i, ph in enumerate(phases(self.state.net.n_layers)):
            b = QPushButton(phase_label(ph))
            b.setCheckable(True)
            b.setFocusPolicy(Qt.NoFocus)
            b.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
            b.setToolTip({"input": self.tr("the sample enters"),
                          "loss": self.tr("compare the output with the target"),
                          "update": self.tr("every weight moves against its gradient"),
                          "forward": self.tr("forward pass through layer {layer}"),
                          "backward": self.tr("backward pass through layer {layer}")}[
                ph.kind].format(layer=ph.layer))
            b.setProperty("kind", ph.kind)
            b.clicked.connect(lambda _=False, i=i: self.state.go_to_phase(i))
            b.setEnabled(st is not None)
            self.lay.addWidget(b, 1)
            self.buttons.append(b)
        self._fit_labels()
        self._on_stepped()

    def _needed(self, level: int) -> float:
        """The width the buttons need with the labels of ``level`` (bold: the lit one)."""
        font = self.font()
        font.setBold(True)
        fm = QFontMetricsF(font)
        return sum(fm.horizontalAdvance(phase_label(ph, level)) + 14
                   for ph in phases(self.state.net.n_layers)) + self.lay.spacing() * len(self.buttons)

    def _fit_labels(self) -> None:
        """The longest labels that fit the strip's width, never a cut one."""
        level = next((lv for lv in (0, 1) if self._needed(lv) <= self.width()), 2)
        self.level = level
        font = self.font()
        font.setBold(True)
        fm = QFontMetricsF(font)
        for b, ph in zip(self.buttons, phases(self.state.net.n_layers)):
            text = phase_label(ph, level)
            b.setText(text)
            b.setMinimumWidth(int(fm.horizontalAdvance(text)) + 14)   # "update" wider than "3"

    def minimumSizeHint(self) -> QSize:
        return QSize(int(self._needed(2)), super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_labels()

    def _on_stepped(self) -> None:
        st = self.state.stepper
        for i, b in enumerate(self.buttons):
            b.setChecked(st is not None and i == st.index)
            b.setEnabled(st is not None and not self.state.training)


class StepPanel(QGroupBox):
    """Pick the sample and the step's learning rate; step back and forth."""

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.sample = QSpinBox()
        self.sample.setRange(0, max(0, state.n_samples - 1))
        self.sample.setKeyboardTracking(False)      # a typed "64" is sample 64, never 6 first
        self.sample.valueChanged.connect(self._on_sample_edited)
        self.random = QPushButton()
        self.random.clicked.connect(lambda: self.state.random_sample())
        self.lr = QDoubleSpinBox()
        self.lr.setDecimals(4)
        self.lr.setRange(0.0001, 100.0)
        self.lr.setSingleStep(0.05)
        self.lr.setValue(state.step_lr)
        self.lr.setKeyboardTracking(False)
        self.lr.valueChanged.connect(self._on_lr_edited)
        # a batch-normalised network steps the sample with a few others (it has no batch
        # statistics alone); offered only for such a network
        self.batch = QSpinBox()
        self.batch.setRange(2, 64)
        self.batch.setValue(state.step_batch)
        self.batch.valueChanged.connect(self._on_batch_edited)
        self.back = QPushButton()
        self.back.clicked.connect(self.state.prev_phase)
        self.fwd = QPushButton()
        self.fwd.clicked.connect(self.state.next_phase)
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.where.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self._fix_where_height()
        for b in (self.back, self.fwd, self.random):
            b.setFocusPolicy(Qt.TabFocus)     # a click leaves Space and the arrows to the window
        row = QHBoxLayout()
        row.addWidget(self.sample, 1)
        row.addWidget(self.random)
        self.form = form = QFormLayout()
        form.addRow(QLabel(), row)
        form.addRow(QLabel(), self.lr)
        form.addRow(QLabel(), self.batch)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addWidget(self.fwd)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addLayout(buttons)
        lay.addWidget(self.where)
        state.sample_changed.connect(self._on_sample_changed)
        state.data_changed.connect(self._on_sample_changed)
        state.stepped.connect(self._on_stepped)
        state.ready_changed.connect(lambda _: self._on_stepped())
        state.training_changed.connect(lambda _: self._on_stepped())
        state.network_changed.connect(self._on_stepped)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Step one sample"))
        self.batch.setToolTip(self.tr("batch normalization needs a batch: how many training "
                                      "samples step together, the selected one first and the "
                                      "ones after it"))
        self.sample.setToolTip(self.tr("index of the training sample to step through (or click "
                                       "a point in the data plot)"))
        self.random.setText(self.tr("Random"))
        self.random.setToolTip(self.tr("pick a random training sample"))
        self.lr.setToolTip(self.tr("η, the learning rate of the update step"))
        self.back.setText(self.tr("◀ Back"))
        self.back.setToolTip(self.tr("previous phase (Left)"))
        self.fwd.setText(self.tr("Next ▶"))
        self.fwd.setToolTip(self.tr("next phase (Right)"))
        for row, text in enumerate((self.tr("Sample"), self.tr("Step η"), self.tr("BN batch"))):
            self.form.itemAt(row, QFormLayout.LabelRole).widget().setText(text)
        self._on_stepped()

    def _fix_where_height(self) -> None:
        """Room for three lines whatever the phase says: the panels below never jump."""
        probe = QLabel("\n".join(["Ag训"] * 3))     # fallback fonts (Chinese) are taller
        probe.setFont(self.where.font())
        self.where.setFixedHeight(probe.sizeHint().height() + 2)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.FontChange:
            self._fix_where_height()
        super().changeEvent(event)

    def _on_sample_edited(self, value: int) -> None:
        if value != self.state.sample_index:
            # a test image (picked among the image views' mistakes) is followed by another one
            self.state.set_sample(value, part=self.state.sample_part)

    def _on_batch_edited(self, value: int) -> None:
        if value != self.state.step_batch:
            self.state.set_step_batch(value)

    def _on_lr_edited(self, value: float) -> None:
        if value != self.state.step_lr:
            self.state.set_step_lr(value)

    def _on_sample_changed(self) -> None:
        test = self.state.sample_part == "test"
        count = self.state.dataset.n_test if test else self.state.n_samples
        self.sample.blockSignals(True)
        self.sample.setRange(0, max(0, count - 1))
        self.sample.setValue(self.state.sample_index)
        # the same number names another image in the test part: say which part
        self.sample.setPrefix(self.tr("test ") if test else "")
        self.sample.blockSignals(False)

    def _on_stepped(self) -> None:
        st = self.state.stepper
        for w in (self.back, self.fwd, self.random, self.sample, self.lr):
            w.setEnabled(st is not None and not self.state.training)
        bn = bool(self.state.net.bn_layers)
        self.batch.setVisible(bn)
        self.form.labelForField(self.batch).setVisible(bn)
        self.batch.setEnabled(st is not None and not self.state.training)
        if self.lr.value() != self.state.step_lr:
            self.lr.blockSignals(True)
            self.lr.setValue(self.state.step_lr)       # a lesson's, or the last session's
            self.lr.blockSignals(False)
        if st is None:
            self.where.setText(self.tr("Preparing the kernels…"))
            return
        self.where.setText(describe_phase(st))


def describe_phase(st) -> str:
    """One sentence on what the current phase has computed."""
    ph = st.phase
    if ph.kind == "input":
        return QCoreApplication.translate(
            "StepPanel", "The sample is at the input. Press Next (→) to compute layer 1.")
    if ph.kind == "forward":
        return QCoreApplication.translate(
            "StepPanel", "Forward: layer {layer} computed z = W·a + b and a = f(z).").format(layer=ph.layer)
    if ph.kind == "loss":
        return QCoreApplication.translate(
            "StepPanel", "Loss L = {loss}. Next: the error flows back from the output.").format(
            loss=f"{st.loss:.6g}")
    if ph.kind == "backward":
        return QCoreApplication.translate(
            "StepPanel", "Backward: layer {layer} has its δ and its gradients ∂L/∂W, ∂L/∂b.").format(
            layer=ph.layer)
    return QCoreApplication.translate(
        "StepPanel", "Every weight moved by −η·∂L/∂w. Next starts a new cycle with the new weights.")


class LayerRow(QWidget):
    changed = Signal()
    removed = Signal(object)

    def __init__(self, index: int, size: int, activation: str, residual: bool = False,
                 batch_norm: bool = False):
        super().__init__()
        self.label = QLabel()
        self.size = QSpinBox()
        self.size.setRange(1, 512)
        self.size.setValue(size)
        self.size.setKeyboardTracking(False)        # typing "64" rebuilds once, with 64
        self.act = ChoiceBox(HIDDEN_ACTIVATIONS)
        self.act.set_key(activation)
        # the remedies for vanishing gradients, one switch each per hidden layer
        self.skip = QCheckBox()
        self.skip.setChecked(residual)
        self.bn = QCheckBox()
        self.bn.setChecked(batch_norm)
        self.remove = QToolButton()
        self.remove.setText("✕")
        lay = QHBoxLayout()
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.label)
        lay.addWidget(self.size)
        lay.addWidget(self.act, 1)
        lay.addWidget(self.remove)
        # the remedies on a line of their own under the activation: the panel keeps its width
        remedies = QHBoxLayout()
        remedies.setContentsMargins(0, 0, 0, 0)
        remedies.addStretch(1)
        remedies.addWidget(self.skip)
        remedies.addWidget(self.bn)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(0)
        rows.addLayout(lay)
        rows.addLayout(remedies)
        self.set_index(index)
        self.size.valueChanged.connect(lambda _: self.changed.emit())
        self.act.chosen.connect(lambda _: self.changed.emit())
        self.skip.toggled.connect(lambda _: self.changed.emit())
        self.bn.toggled.connect(lambda _: self.changed.emit())
        self.remove.clicked.connect(lambda: self.removed.emit(self))

    def set_index(self, i: int) -> None:
        self.index = i
        self.retranslate()

    def set_inputs(self, n_in: int) -> None:
        """The width of the layer's input: a skip needs as many as the layer has neurons."""
        self.n_in = n_in
        fits = n_in == self.size.value()
        self.skip.blockSignals(True)
        self.skip.setEnabled(fits)
        if not fits:
            self.skip.setChecked(False)
        self.skip.blockSignals(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(self.tr("Hidden {n}").format(n=self.index + 1))
        self.size.setToolTip(self.tr("neurons in this hidden layer"))
        self.remove.setToolTip(self.tr("remove this layer"))
        self.act.setToolTip(self.tr("the activation function of this layer's neurons"))
        self.skip.setText(self.tr("skip"))
        n_in, n_out = getattr(self, "n_in", None), self.size.value()
        if n_in is not None and n_in != n_out:      # said again in each language
            self.skip.setToolTip(self.tr(
                "no skip: this layer has {n_in} inputs and {n_out} neurons, and a skip adds the "
                "input to the output, so both must be as many").format(n_in=n_in, n_out=n_out))
        else:
            self.skip.setToolTip(self.tr(
                "residual connection: a = f(z) + the layer's input, so the gradient also flows "
                "back along the skip"))
        self.bn.setText(self.tr("BN"))
        self.bn.setToolTip(self.tr("batch normalization between W·a + b and the activation"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class BuilderPanel(QGroupBox):
    """Hidden layers, their sizes and activations; output, loss, initialisation and seed.
    Every change rebuilds the network at once."""

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.rows: list[LayerRow] = []
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(3)
        self.add = QPushButton()
        self.add.clicked.connect(self._on_add)
        self.output = ChoiceBox(OUTPUTS)
        self.loss = ChoiceBox(LOSSES)
        self.init = ChoiceBox(INITS)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setKeyboardTracking(False)
        self.reinit = QPushButton()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #b00;")
        self.form = form = QFormLayout()
        form.addRow(QLabel(), self.output)
        form.addRow(QLabel(), self.loss)
        form.addRow(QLabel(), self.init)
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed, 1)
        seed_row.addWidget(self.reinit)
        form.addRow(QLabel(), seed_row)
        lay = QVBoxLayout(self)
        lay.addLayout(self.rows_box)
        lay.addWidget(self.add)
        lay.addLayout(form)
        lay.addWidget(self.note)
        for combo in (self.output, self.loss, self.init):
            combo.chosen.connect(lambda _: self._apply())
        self.seed.valueChanged.connect(lambda _: self._apply())
        self.reinit.clicked.connect(lambda: self.seed.setValue(self.seed.value() + 1))
        state.network_changed.connect(self._load)
        self._load()
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Network"))
        self.add.setText(self.tr("+ Add hidden layer"))
        self.add.setToolTip(self.tr("add a hidden layer after the last one (up to 8); the "
                                    "network is rebuilt with fresh weights (Ctrl+Z undoes it)"))
        self.output.setToolTip(self.tr("the output layer's activation function; auto chooses it "
                                       "from the task"))
        self.loss.setToolTip(self.tr("the loss function; auto chooses it from the output and the "
                                     "task"))
        self.init.setToolTip(self.tr("how the first weights are drawn; auto: xavier for sigmoid "
                                     "and tanh, he for the relu family"))
        self.seed.setToolTip(self.tr("the seed of the random weights: the same seed gives the "
                                     "same weights"))
        self.reinit.setText(self.tr("New weights"))
        self.reinit.setToolTip(self.tr("draw fresh weights with the next seed (R resets with "
                                       "this seed)"))
        for row, text in enumerate((self.tr("Output"), self.tr("Loss"), self.tr("Init"),
                                    self.tr("Seed"))):
            self.form.itemAt(row, QFormLayout.LabelRole).widget().setText(text)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _load(self) -> None:
        """Show the state's architecture (without triggering a rebuild)."""
        arch = self.state.architecture
        self._loading = True
        for r in self.rows:
            r.setParent(None)
            r.deleteLater()
        self.rows = []
        n = len(arch.hidden)
        flags = [(arch.residual if isinstance(arch.residual, bool) else arch.residual[i],
                  arch.batch_norm if isinstance(arch.batch_norm, bool) else arch.batch_norm[i])
                 for i in range(n)]
        for (size, act), (skip, bn) in zip(zip(arch.hidden, arch.activations), flags):
            self._append_row(size, act, skip, bn)
        self._refresh_skips()
        self.output.set_key(arch.output)
        self.loss.set_key(arch.loss)
        self.init.set_key(arch.init)
        self.seed.setValue(arch.seed)
        self.add.setEnabled(len(self.rows) < MAX_HIDDEN)
        self._loading = False

    def _refresh_skips(self) -> None:
        """Each row's skip switch is on offer only where the widths agree (the row says why
        not where they do not)."""
        n_in = self.state.dataset.n_features
        for row in self.rows:
            row.set_inputs(n_in)
            n_in = row.size.value()

    def _append_row(self, size: int, act: str, skip: bool = False, bn: bool = False) -> None:
        row = LayerRow(len(self.rows), size, act, skip, bn)
        row.changed.connect(self._apply)
        row.removed.connect(self._on_remove)
        self.rows.append(row)
        self.rows_box.addWidget(row)

    def _on_add(self) -> None:
        last = self.rows[-1] if self.rows else None
        self._append_row(last.size.value() if last else 4, last.act.key() if last else "tanh")
        self._apply()

    def _on_remove(self, row: LayerRow) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        for i, r in enumerate(self.rows):
            r.set_index(i)
        self._apply()

    def architecture(self) -> Architecture:
        return Architecture([r.size.value() for r in self.rows], [r.act.key() for r in self.rows],
                            self.output.key(), self.loss.key(), self.init.key(), self.seed.value(),
                            [r.skip.isChecked() for r in self.rows],
                            [r.bn.isChecked() for r in self.rows])

    def _apply(self) -> None:
        if self._loading:
            return
        self._loading = True
        self._refresh_skips()
        self._loading = False
        self.add.setEnabled(len(self.rows) < MAX_HIDDEN)
        try:
            self.state.set_architecture(self.architecture())
            self.note.setText("")
        except EngineError as e:
            self.note.setText(localized(e))
