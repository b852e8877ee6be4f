"""Live training from the window: the controller that runs a TrainingSession in the background
and polls its latest frame, and the panel with its buttons and settings."""
from __future__ import annotations

import dataclasses

import numpy as np
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (QCheckBox, QDoubleSpinBox, QFormLayout, QGridLayout, QGroupBox,
                               QLabel, QPushButton, QSpinBox, QVBoxLayout)

from ..engine import EngineError
from ..engine.session import TrainingSession
from ..explain import fmt_epoch
from ..i18n import QT_TRANSLATE_NOOP
from ..choices import LR_DEFAULTS, OPTIMIZERS
from ..recipe import probe_for
from .choice_box import ChoiceBox
from .state import AppState

#: Training runs below the window's priority (its worker and the BLAS threads, as many as the
#: BLAS library starts: one a core): the window gets a core the moment it has something to
#: draw, and training takes all the rest. Measured on 2 cores, 784-128-10, all views live:
#: two BLAS threads at nice 10 gave 105-119k samples/s with event-loop stalls of 20-45 ms; at
#: equal priority ~100k and 30-50 ms; one BLAS thread (what the window used before) ~90k.
TRAINING_NICE = 10


class TrainingController(QObject):
    """Owns the background session and takes each new frame of it into the state: the
    session's thread signals a frame (a queued signal: the slot runs on the window's thread)."""

    finished = Signal()            # a job ended (paused, done or diverged)
    diverged = Signal(str)
    frame_ready = Signal()         # emitted on the training thread

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.session: TrainingSession | None = None
        self._frames = 0               # frames taken in this run (they share the painting)
        self.frame_ready.connect(self._poll)
        state.network_changed.connect(self._drop_session)
        state.data_changed.connect(self._drop_session)
        state.optimizer_changed.connect(self._on_optimizer_changed)

    @property
    def running(self) -> bool:
        return self.session is not None and self.session.running

    def _drop_session(self) -> None:
        if self.session is not None:
            self.session.pause()
        self.session = None
        self.state.set_training(False)

    def _ensure_session(self) -> TrainingSession:
        st = self.state
        if self.session is None:
            ds = st.dataset
            n_out = st.net.sizes[-1]
            probe, _ = probe_for(ds)
            self.session = TrainingSession(st.net.copy(), ds.X_train, ds.target_matrix("train", n_out),
                                           ds.X_test, ds.target_matrix("test", n_out), st.optimizer,
                                           st.batch, seed=st.architecture.seed, probe=probe,
                                           nice=TRAINING_NICE, on_frame=self.frame_ready.emit)
        else:
            self.session.set_config(st.optimizer, st.batch)
            self.session.set_weights(st.net.params)      # steps or a reset made in the window
        return self.session

    def _on_optimizer_changed(self) -> None:
        """New settings in the state; a running job continues with them."""
        was = self.running
        if was:
            self.pause()                  # takes the run's last frame: nothing is lost
        if self.session is not None:
            self.session.set_config(self.state.optimizer, self.state.batch)
        if was:
            self._start()

    def play(self) -> None:
        self._start()

    def pause(self) -> None:
        if self.running:
            self.session.pause(timeout=None)
            self._poll()

    def toggle(self) -> None:
        self.pause() if self.running else self.play()

    def one_batch(self) -> None:
        self._start(steps=1)

    def one_epoch(self) -> None:
        self._start(epochs=1)

    def run_steps_now(self, steps: int) -> None:
        """Train ``steps`` minibatches and wait for them (for scripts and screenshots)."""
        self._start(steps=steps)
        if self.session is not None:
            self.session.wait()
            self._poll()

    def reset(self) -> None:
        """Fresh weights from the seed and a fresh history (one undo step brings both back)."""
        self.pause()
        with self.state.undo.change(QT_TRANSLATE_NOOP("undo", "reset the weights")):
            self.forget()
            self.state.reinitialize()

    def forget(self) -> None:
        """Drop the session and its history, keeping the weights (a newly opened lesson)."""
        self._drop_session()
        self.state.clear_training()

    def _start(self, steps: int | None = None, epochs: int | None = None) -> None:
        if not self.state.ready or self.running:
            return
        session = self._ensure_session()
        self._frames = 0
        self.state.set_training(True)
        session.start(steps=steps, epochs=epochs)

    def _poll(self) -> None:
        if self.session is None:
            return
        frame = self.session.latest()
        if frame is not None:
            # While training runs, frames alternate between the views that show weights
            # (network, data plot, inspector) and the history plots, so that no pass of the
            # event loop paints all of them; the last frame of a run carries everything.
            self._frames += 1
            weights = not frame.running or self._frames % 2 == 0
            self.state.apply_frame(frame, self.session.history, weights=weights)
            if not frame.running:
                self.state.set_training(False)
                self.state.weights_touched()
                if frame.diverged:
                    self.state.message.emit(frame.message)
                    self.diverged.emit(frame.message)
                self.finished.emit()


class TrainPanel(QGroupBox):
    """Play/Pause (Space), one minibatch (S), one epoch (E), reset (R), and the settings."""

    def __init__(self, state: AppState, controller: TrainingController, parent=None):
        super().__init__(parent)
        self.state = state
        self.controller = controller
        self.play = QPushButton()
        self.batch_button = QPushButton()
        self.epoch_button = QPushButton()
        self.reset_button = QPushButton()
        grid = QGridLayout()
        grid.addWidget(self.play, 0, 0, 1, 2)
        grid.addWidget(self.batch_button, 1, 0)
        grid.addWidget(self.epoch_button, 1, 1)
        grid.addWidget(self.reset_button, 2, 0, 1, 2)
        self.optimizer = ChoiceBox(OPTIMIZERS)
        self.optimizer.set_key(state.optimizer.name)
        self.lr = QDoubleSpinBox()
        self.lr.setDecimals(5)
        self.lr.setRange(1e-5, 1e6)
        self.lr.setValue(state.optimizer.lr)
        self.batch = QSpinBox()
        self.batch.setRange(1, 8192)
        self.batch.setValue(state.batch)
        self.l2 = QDoubleSpinBox()
        self.l2.setDecimals(5)
        self.l2.setRange(0, 10)
        self.l2.setSingleStep(0.0001)
        self.clip = QDoubleSpinBox()
        self.clip.setDecimals(3)
        self.clip.setRange(0, 1e6)
        self.form = form = QFormLayout()
        form.addRow(QLabel(), self.optimizer)
        form.addRow(QLabel(), self.lr)
        form.addRow(QLabel(), self.batch)
        form.addRow(QLabel(), self.l2)
        form.addRow(QLabel(), self.clip)
        self.test_fraction = QDoubleSpinBox()
        self.test_fraction.setRange(0.0, 0.9)
        self.test_fraction.setSingleStep(0.05)
        form.addRow(QLabel(), self.test_fraction)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00000; font-weight: bold;")
        self.warning.setVisible(False)
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addLayout(form)
        self.biases = QCheckBox()
        self.biases.toggled.connect(lambda on: self.state.set_train_biases(on))
        lay.addWidget(self.biases)
        lay.addWidget(self.status)
        lay.addWidget(self.warning)

        self.play.clicked.connect(controller.toggle)
        self.batch_button.clicked.connect(controller.one_batch)
        self.epoch_button.clicked.connect(controller.one_epoch)
        self.reset_button.clicked.connect(controller.reset)
        self.optimizer.chosen.connect(self._on_optimizer_changed)
        for w in (self.lr, self.l2, self.clip):
            w.valueChanged.connect(lambda _: self._apply())
        self.batch.valueChanged.connect(lambda _: self._apply())
        self.test_fraction.editingFinished.connect(self._on_split_changed)
        state.optimizer_changed.connect(self._show_settings)
        self._show_settings()
        state.data_changed.connect(self._show_split)
        self._show_split()
        controller.diverged.connect(self._on_diverged)
        state.training_changed.connect(self._on_training_changed)
        state.trained.connect(self._on_trained)
        state.ready_changed.connect(lambda _: self._on_training_changed(False))
        state.network_changed.connect(self._on_trained)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Train"))
        self.play.setToolTip(self.tr("train until paused (Space)"))
        self.batch_button.setText(self.tr("1 batch"))
        self.batch_button.setToolTip(self.tr("one minibatch step (S)"))
        self.epoch_button.setText(self.tr("1 epoch"))
        self.epoch_button.setToolTip(self.tr("finish the current epoch (E)"))
        self.reset_button.setText(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("fresh weights from the seed, fresh history (R)"))
        self.lr.setToolTip(self.tr("learning rate η"))
        self.optimizer.setToolTip(self.tr("how the weights move with their gradients: sgd, "
                                          "momentum or adam"))
        self.batch.setToolTip(self.tr("samples averaged in each training step (minibatch)"))
        self.biases.setText(self.tr("Train biases"))
        self.biases.setToolTip(self.tr("off: updates (a step's and training's) move only the "
                                       "weights and every bias keeps its value, as in Mazur's "
                                       "worked example"))
        self.l2.setToolTip(self.tr("L2 weight decay on the weights (0: off)"))
        self.clip.setToolTip(self.tr("clip the gradient to this global norm (0: off)"))
        self.test_fraction.setToolTip(self.tr("share of the data held out for testing (re-splits "
                                              "the data; the network is rebuilt)"))
        labels = (self.tr("Optimizer"), self.tr("Learning rate"), self.tr("Batch size"), "L2",
                  self.tr("Clip norm"), self.tr("Test share"))
        for row, text in enumerate(labels):
            self.form.itemAt(row, QFormLayout.LabelRole).widget().setText(text)
        self._on_training_changed(self.state.training)
        self._on_trained()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_settings(self) -> None:
        """Show the state's training settings (a lesson's, the last session's, or typed here)."""
        cfg = self.state.optimizer
        for w, set_value, v in ((self.optimizer, self.optimizer.set_key, cfg.name),
                                (self.lr, self.lr.setValue, cfg.lr), (self.l2, self.l2.setValue, cfg.l2),
                                (self.clip, self.clip.setValue, cfg.clip),
                                (self.batch, self.batch.setValue, self.state.batch),
                                (self.biases, self.biases.setChecked, cfg.train_biases)):
            w.blockSignals(True)
            set_value(v)
            w.blockSignals(False)

    def _show_split(self) -> None:
        args = self.state.dataset.load_args or {}
        self.test_fraction.blockSignals(True)
        self.test_fraction.setValue(float(args.get("test_fraction", 0.0)))
        self.test_fraction.blockSignals(False)
        # a data set made in memory (a lesson's) has no file to split again
        self.test_fraction.setEnabled(bool(args))

    def _on_split_changed(self) -> None:
        """Split the same data again with the new test share (same seed)."""
        from ..data import DatasetError, load_dataset
        args = dict(self.state.dataset.load_args or {})
        value = round(self.test_fraction.value(), 4)
        if not args or abs(args.get("test_fraction", 0.0) - value) < 1e-9:
            return
        args["test_fraction"] = value
        old = self.state.dataset
        try:
            ds = load_dataset(**args)
        except DatasetError as e:
            self.warning.setText(str(e))
            self.warning.setVisible(True)
            self._show_split()
            return
        if old.image_shape is not None and ds.image_shape != old.image_shape:
            ds = dataclasses.replace(ds, image_shape=old.image_shape)   # a shape the user gave
        self.controller.forget()
        try:
            self.state.set_dataset(ds)
        except EngineError as e:
            self.warning.setText(str(e))
            self.warning.setVisible(True)
            self._show_split()

    def _on_optimizer_changed(self, name: str) -> None:
        self.lr.blockSignals(True)
        self.lr.setValue(LR_DEFAULTS[name])
        self.lr.blockSignals(False)
        self._apply()

    def _apply(self) -> None:
        try:
            cfg = dataclasses.replace(self.state.optimizer, name=self.optimizer.key(),
                                      lr=self.lr.value(), l2=self.l2.value(), clip=self.clip.value())
            self.state.set_optimizer(cfg, self.batch.value())
        except EngineError as e:
            self.warning.setText(str(e))
            self.warning.setVisible(True)

    def _on_training_changed(self, running: bool) -> None:
        self.play.setText(self.tr("⏸ Pause") if running else self.tr("▶ Train"))
        ready = self.state.ready
        self.play.setEnabled(ready)
        for b in (self.batch_button, self.epoch_button):
            b.setEnabled(ready and not running)
        if running:
            self.warning.setVisible(False)

    def _on_diverged(self, message: str) -> None:
        self.warning.setText(message)
        self.warning.setVisible(True)

    def _on_trained(self) -> None:
        f = self.state.frame
        if f is None:
            self.status.setText(self.tr("not trained yet"))
            return
        parts = [self.tr("epoch {epoch}").format(epoch=fmt_epoch(f.epoch, f.epoch_progress)),
                 self.tr("step {step}").format(step=f"{f.step:,}")]
        if np.isfinite(f.train_loss):
            parts.append(self.tr("train loss {loss}").format(loss=f"{f.train_loss:.4g}"))
        if np.isfinite(f.test_loss):
            parts.append(self.tr("test loss {loss}").format(loss=f"{f.test_loss:.4g}"))
        if f.samples_per_second > 0:
            parts.append(self.tr("{speed} samples/s").format(speed=f"{f.samples_per_second:,.0f}"))
        self.status.setText(" · ".join(parts))
