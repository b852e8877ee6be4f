"""Live training from the window: the controller that runs a TrainingSession in the background
and polls its latest frame, and the panel with its buttons and settings."""
from __future__ import annotations

import dataclasses
import time
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QDoubleSpinBox, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QSlider, QSpinBox,
                               QStyle, QVBoxLayout)

from ..engine import EngineError
from ..engine.schedule import LRSchedule
from ..explain import fmt_epoch
from ..i18n import QT_TRANSLATE_NOOP, localized
from ..choices import LR_DEFAULTS, OPTIMIZERS
from ..recipe import probe_for
from .choice_box import ChoiceBox
from .state import AppState

if TYPE_CHECKING:
    from ..engine.session import TrainingSession

# Training runs below the window's priority (its worker and the BLAS threads, as many as the
# BLAS library starts: one a core): the window gets a core the moment it has something to
# draw, and training takes all the rest. Measured on 2 cores, 784-128-10, all views live:
# two BLAS threads at nice 10 gave 105-119k samples/s with event-loop stalls of 20-45 ms; at
# equal priority ~100k and 30-50 ms; one BLAS thread (what the window used before) ~90k.
TRAINING_NICE = 10

# Paced training redraws at most this often (ms); faster paces take more steps a tick.
PACE_TICK_MS = 50
# At full speed the window takes the session's frames (25 a second) only as often as drawing
# them costs at most UI_BUDGET of a core, and at least every MAX_FRAME_SECONDS: the window's
# thread holds the interpreter while it draws, and every moment it does the training thread
# waits (measured on 2-64-64-64-1: a window drawing with 20-35% of a core trained at 0.3-0.5x
# the command line's speed).
UI_BUDGET = 0.15
MAX_FRAME_SECONDS = 0.25
# While a job runs the window takes the session's frames with a timer this often (ms); only
# a job's last frame is signalled. A signal for each frame woke the window's thread on the
# training thread's core, which then waited for a core: 2-8% of the training thread's time
# (784-128-10; 0.3% polled).
FRAME_POLL_MS = 20
# The speed control's stops, in minibatch steps a second; 0 is full speed.
SPEEDS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 0)


class TrainingController(QObject):
    """Owns the background session and takes each new frame of it into the state: the
    session's thread signals a frame (a queued signal: the slot runs on the window's thread).

    At full speed (``state.speed`` 0) one job trains until paused. At a set pace a timer starts
    a few steps at a time, and each of these short jobs ends in a frame that is drawn, so a
    person can watch every step at a few steps a second."""

    finished = Signal()            # a job ended (paused, done or diverged)
    diverged = Signal(object)      # why: a Message (English as str())
    frame_ready = Signal()         # emitted on the training thread

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.session: TrainingSession | None = None
        self._frames = 0               # frames taken in this run (they share the painting)
        self.run = None                # the runs.Run this session records into
        self.rewound: int | None = None   # the step the timeline shows, if not the newest
        self._started = 0.0
        self._pace = QTimer(self)      # paced training: one tick starts the next few steps
        self._pace.timeout.connect(self._tick)
        self.frame_interval = 0.0      # seconds between running frames taken (see UI_BUDGET)
        self._taken = (0.0, 0.0)       # (wall clock, this thread's CPU time) at the last one
        self._pending = None           # a running frame that came too early, shown a bit later
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.timeout.connect(self._poll)
        self.frame_ready.connect(self._poll)
        self._frame_timer = QTimer(self)   # a running job's frames (see FRAME_POLL_MS)
        self._frame_timer.setInterval(FRAME_POLL_MS)
        self._frame_timer.timeout.connect(self._poll)
        state.network_changed.connect(self._drop_session)
        state.data_changed.connect(self._drop_session)
        state.optimizer_changed.connect(self._on_settings_changed)
        state.speed_changed.connect(self._on_settings_changed)

    @property
    def paced(self) -> bool:
        return self._pace.isActive()

    @property
    def running(self) -> bool:
        return self.paced or (self.session is not None and self.session.running)

    def _drop_session(self) -> None:
        self._pace.stop()
        self._frame_timer.stop()
        self._later.stop()
        self._pending = None
        if self.session is not None:
            self.session.pause()
        self.session = None
        self.run = None
        self.rewound = None
        self.state.set_training(False)

    # --- runs and the timeline -------------------------------------------------------------------
    def _settings(self) -> dict:
        st = self.state
        hidden = sorted(set(st.net.activations[:-1])) or ["none"]
        return {"data": st.dataset.source if st.dataset.source.startswith("builtin:")
                else st.dataset.name, "architecture": list(st.net.sizes),
                "activation": "/".join(hidden), "optimizer": st.optimizer.name,
                "lr": st.optimizer.lr, "batch": st.batch, "l2": st.optimizer.l2,
                "clip": st.optimizer.clip, "init": st.architecture.init,
                "seed": st.architecture.seed}

    def _record_run(self, seconds: float) -> None:
        """Copy the session's curves and its weights into its run (after each job)."""
        if self.session is None or self.run is None:
            return
        steps, evals = self.session.history.step_view(), self.session.history.eval_view()
        run = self.run
        run.steps, run.losses = np.array(steps.number), np.array(steps.loss)
        run.eval_steps = np.array(evals.step)
        for name in ("train_loss", "test_loss", "train_accuracy", "test_accuracy"):
            setattr(run, name, np.array(getattr(evals, name)))
        run.seconds += seconds
        run.model = self.session.net.to_dict()
        self.state.runs_changed.emit()

    def rewind(self, step: int) -> None:
        """Show the network as it was at the kept moment at or before ``step`` of this run."""
        self.pause()
        if self.session is None or not len(self.session.checkpoints):
            return
        cp = self.session.checkpoints.at(step)
        self.rewound = None if cp.step == self.session.trainer.step else cp.step
        self.state.net.params[...] = cp.params
        self.state.weights_touched()

    def resume_from(self, step: int) -> None:
        """Go on training from the kept moment at ``step`` as a new run (a branch)."""
        self.pause()
        if self.session is None:
            return
        old_run = self.run
        self.session = self.session.branch(step)
        self.rewound = None
        parent = (old_run.number, self.session.trainer.step) if old_run is not None else None
        self.run = self.state.runs.new(self._settings(), parent=parent)
        self._record_run(0.0)
        self.state.net.params[...] = self.session.net.params
        self.state.history = self.session.history
        self.state.weights_touched()
        self.state.trained.emit()

    def _ensure_session(self) -> TrainingSession:
        # (imported here: training's threads and checkpoints are not needed to paint the window)
        from ..engine.session import TrainingSession
        st = self.state
        if self.session is None:
            ds = st.dataset
            n_out = st.net.sizes[-1]
            probe, _ = probe_for(ds)
            self.session = TrainingSession(st.net.copy(), ds.X_train, ds.target_matrix("train", n_out),
                                           ds.X_test, ds.target_matrix("test", n_out), st.optimizer,
                                           st.batch, seed=st.architecture.seed, probe=probe,
                                           nice=TRAINING_NICE, on_frame=self.frame_ready.emit,
                                           notify_running=False,
                                           schedule=st.schedule)
            self.run = st.runs.new(self._settings())
        else:
            self.session.set_config(st.optimizer, st.batch, st.schedule)
            # steps or a reset made in the window
            self.session.set_weights(st.net.params, stats=st.net.bn_stats)
        return self.session

    def _on_settings_changed(self) -> None:
        """New settings or pace in the state; a running job continues with them."""
        was = self.running
        if was:
            self.pause()                  # takes the run's last frame: nothing is lost
        if self.session is not None:
            try:
                self.session.set_config(self.state.optimizer, self.state.batch, self.state.schedule)
            except EngineError as e:           # e.g. a batch size batch normalization cannot take
                self.state.message.emit(str(e))
                self.diverged.emit(str(e))
                return
        if was:
            self.play()

    def play(self) -> None:
        if self.state.speed > 0:
            self._start_paced()
        else:
            self._start()

    def pause(self) -> None:
        if self.paced:
            self._pace.stop()
            self.session.wait()
            self._poll()
            self._end_job()
        elif self.running:
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
        if self.rewound is not None:          # training from a rewound moment is a new branch
            self.resume_from(self.rewound)
        try:
            session = self._ensure_session()
        except EngineError as e:               # e.g. a batch size batch normalization cannot take
            self.state.message.emit(str(e))
            self.diverged.emit(str(e))
            return
        self._frames = 0
        self._taken = (0.0, 0.0)
        self._started = time.perf_counter()
        self.state.set_training(True)
        session.start(steps=steps, epochs=epochs)
        self._frame_timer.start()

    def _start_paced(self) -> None:
        if not self.state.ready or self.running:
            return
        if self.rewound is not None:
            self.resume_from(self.rewound)
        self._ensure_session()
        self._started = time.perf_counter()
        self.state.set_training(True)
        self._pace.start(max(PACE_TICK_MS, round(1000 / self.state.speed)))
        self._tick()

    def _tick(self) -> None:
        """Start this tick's steps, unless the last tick's are still being trained or drawn
        (a slow machine shows fewer steps a second; it never queues them)."""
        if self.session is None or self.session.running:
            return
        self._poll()          # the last tick's frame first: a new run would drop it unshown
        if not self.paced:    # it diverged
            return
        self.session.start(steps=max(1, round(self.state.speed * self._pace.interval() / 1000)))

    def _frame_due(self) -> bool:
        """Whether a running frame may be drawn now; adapts ``frame_interval`` so that this
        thread's CPU time since the last frame taken (drawing it included) stays near UI_BUDGET."""
        now, cpu = time.perf_counter(), time.thread_time()
        wall0, cpu0 = self._taken
        if wall0 and now - wall0 < self.frame_interval:
            return False
        if wall0 and now > wall0:
            share = (cpu - cpu0) / (now - wall0)
            if share > UI_BUDGET:
                self.frame_interval = min(MAX_FRAME_SECONDS, max(self.frame_interval, 0.02) * 1.25)
            elif share < UI_BUDGET / 2:
                self.frame_interval /= 1.25
        self._taken = (now, cpu)
        return True

    def _end_job(self) -> None:
        self._frame_timer.stop()
        self._record_run(time.perf_counter() - self._started)
        self.state.set_training(False)
        self.state.weights_touched()
        self.finished.emit()

    def _poll(self) -> None:
        if self.session is None:
            return
        frame = self.session.latest() or self._pending
        self._pending = None
        if frame is None:
            return
        if frame.running and not self._frame_due():
            self._pending = frame
            if not self._later.isActive():
                wait = self.frame_interval - (time.perf_counter() - self._taken[0])
                self._later.start(max(1, int(1000 * wait)))
            return
        # While training runs, frames alternate between the views that show weights
        # (network, data plot, inspector) and the history plots, so that no pass of the
        # event loop paints all of them; the last frame of a run carries everything.
        self._frames += 1
        weights = not frame.running or self._frames % 2 == 0
        self.state.apply_frame(frame, self.session.history, weights=weights)
        if frame.running:
            return
        if frame.diverged:
            self._pace.stop()
            self.state.message.emit(frame.message)
            self.diverged.emit(frame.message)
        if not self.paced:             # a paced run's short jobs end in frames, not the run
            self._end_job()


def lines_height(label: QLabel, n: int) -> int:
    """The height ``label`` needs for ``n`` lines in its font, fallback fonts (Chinese) included."""
    probe = QLabel("\n".join(["Ag训"] * n))
    probe.setFont(label.font())
    return probe.sizeHint().height() + 2


class TrainPanel(QGroupBox):
    """Play/Pause (Space), one minibatch (S), one epoch (E), reset (R), and the settings."""

    def __init__(self, state: AppState, controller: TrainingController, parent=None):
        super().__init__(parent)
        self.state = state
        self.controller = controller
        style = self.style()
        self._icons = {False: style.standardIcon(QStyle.SP_MediaPlay),
                       True: style.standardIcon(QStyle.SP_MediaPause)}
        self.play = QPushButton()
        self.batch_button = QPushButton()
        self.epoch_button = QPushButton()
        self.reset_button = QPushButton()
        for b in (self.play, self.batch_button, self.epoch_button, self.reset_button):
            b.setFocusPolicy(Qt.TabFocus)     # a click leaves Space and the arrows to the window
        grid = QGridLayout()
        grid.addWidget(self.play, 0, 0, 1, 2)
        grid.addWidget(self.reset_button, 0, 2)
        grid.addWidget(self.batch_button, 1, 0)
        grid.addWidget(self.epoch_button, 1, 1, 1, 2)
        self.speed = QSlider(Qt.Horizontal)
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setPageStep(1)
        self.speed.setFocusPolicy(Qt.TabFocus)
        self.speed_title = QLabel()
        self.speed_label = QLabel()
        speed_row = QHBoxLayout()
        speed_row.addWidget(self.speed_title)
        speed_row.addWidget(self.speed, 1)
        speed_row.addWidget(self.speed_label)
        # the numbers a person looks for, always in the same place
        self.numbers = {}
        self.number_heads = []
        numbers = QGridLayout()
        numbers.setHorizontalSpacing(10)
        numbers.setVerticalSpacing(1)
        for c in range(3):
            h = QLabel()
            h.setAlignment((Qt.AlignRight if c else Qt.AlignLeft) | Qt.AlignVCenter)
            numbers.addWidget(h, 0, c)
            self.number_heads.append(h)
        for r, what in enumerate(("loss", "accuracy"), start=1):
            h = QLabel()
            numbers.addWidget(h, r, 0)
            self.number_heads.append(h)
            for c, part in enumerate(("train", "test"), start=1):
                v = QLabel("–")
                v.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
                v.setStyleSheet("font-weight: bold;")
                v.setTextInteractionFlags(Qt.TextSelectableByMouse)
                numbers.addWidget(v, r, c)
                self.numbers[what, part] = v
        numbers.setColumnStretch(1, 1)
        numbers.setColumnStretch(2, 1)
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
        # the learning rate per epoch, as the command line's --lr-schedule writes it
        self.schedule = QLineEdit()
        form.addRow(QLabel(), self.schedule)
        # two lines kept free: a longer text never makes the panel below it jump
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.status.setStyleSheet("color: #555;")
        self._fix_status_height()
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00000; font-weight: bold;")
        self.warning.setVisible(False)
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addLayout(speed_row)
        lay.addLayout(numbers)
        lay.addWidget(self.status)
        lay.addWidget(self.warning)
        lay.addLayout(form)
        self.biases = QCheckBox()
        self.biases.toggled.connect(lambda on: self.state.set_train_biases(on))
        lay.addWidget(self.biases)

        self.play.clicked.connect(controller.toggle)
        self.batch_button.clicked.connect(controller.one_batch)
        self.epoch_button.clicked.connect(controller.one_epoch)
        self.reset_button.clicked.connect(controller.reset)
        self.speed.valueChanged.connect(lambda i: self.state.set_speed(SPEEDS[i]))
        state.speed_changed.connect(self._show_speed)
        self._evaluate_later = QTimer(self)       # the current weights' numbers, once per burst
        self._evaluate_later.setSingleShot(True)
        self._evaluate_later.setInterval(30)
        self._evaluate_later.timeout.connect(self._show_current_numbers)
        for sig in (state.weights_changed, state.network_changed, state.data_changed,
                    state.ready_changed):
            sig.connect(self._on_weights_changed)
        self.optimizer.chosen.connect(self._on_optimizer_changed)
        for w in (self.lr, self.l2, self.clip):
            w.valueChanged.connect(lambda _: self._apply())
        self.batch.valueChanged.connect(lambda _: self._apply())
        self.test_fraction.editingFinished.connect(self._on_split_changed)
        self.schedule.editingFinished.connect(self._apply)
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
        for spin in (self.lr, self.batch, self.l2, self.clip, self.test_fraction):
            spin.setKeyboardTracking(False)       # "64" is taken as 64, never as 6 then 64

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
                                       "weights; every bias, and batch normalization's γ and β, "
                                       "keeps its value, as in Mazur's worked example"))
        self.l2.setToolTip(self.tr("L2 weight decay on the weights (0: off)"))
        self.clip.setToolTip(self.tr("clip the gradient to this global norm (0: off)"))
        self.test_fraction.setToolTip(self.tr("share of the data held out for testing (re-splits "
                                              "the data; the network is rebuilt)"))
        self.schedule.setToolTip(self.tr("the learning rate per epoch: constant, "
                                         "step:EPOCHS:FACTOR, exp:GAMMA or cosine:EPOCHS"))
        labels = (self.tr("Optimizer"), self.tr("Learning rate"), self.tr("Batch size"), "L2",
                  self.tr("Clip norm"), self.tr("Test share"), self.tr("LR schedule"))
        for row, text in enumerate(labels):
            self.form.itemAt(row, QFormLayout.LabelRole).widget().setText(text)
        self.speed_title.setText(self.tr("Speed"))
        self.speed.setToolTip(self.tr("how fast training runs: a few steps a second (each one "
                                      "drawn) up to full speed"))
        heads = ("", self.tr("train"), self.tr("test"), self.tr("Loss"), self.tr("Accuracy"))
        for h, text in zip(self.number_heads, heads):
            h.setText(f"<i>{text}</i>" if h in self.number_heads[1:3] else text)
        self.speed_label.setMinimumWidth(max(
            self.speed_label.fontMetrics().horizontalAdvance(t + " ")
            for t in (self.tr("full speed"), self.tr("{speed} steps/s").format(speed=1000))))
        self._show_speed()
        self._on_training_changed(self.state.training)
        self._on_trained()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.FontChange:
            self._fix_status_height()
        super().changeEvent(event)

    def _fix_status_height(self) -> None:
        self.status.setFixedHeight(lines_height(self.status, 2))

    def _show_speed(self) -> None:
        speed = self.state.speed
        i = SPEEDS.index(speed) if speed in SPEEDS else min(
            range(len(SPEEDS) - 1), key=lambda k: abs(SPEEDS[k] - speed)) if speed else len(SPEEDS) - 1
        self.speed.blockSignals(True)
        self.speed.setValue(i)
        self.speed.blockSignals(False)
        self.speed_label.setText(self.tr("full speed") if not speed else
                                 self.tr("1 step/s") if speed == 1 else
                                 self.tr("{speed} steps/s").format(speed=f"{speed:g}"))

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
        self.schedule.setText(str(self.state.schedule))

    def _show_split(self) -> None:
        ds = self.state.dataset
        args = ds.load_args or {}
        share = ds.n_test / max(ds.n_train + ds.n_test, 1)
        self.test_fraction.blockSignals(True)
        self.test_fraction.setValue(float(args.get("test_fraction", share)))
        self.test_fraction.blockSignals(False)
        # a data set made in memory (a lesson's) has no file to split again, and an IDX folder
        # brings its own split (its load_args have no test_fraction)
        self.test_fraction.setEnabled("test_fraction" in args)

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
            self.warning.setText(localized(e))
            self.warning.setVisible(True)
            self._show_split()
            return
        if old.image_shape is not None and ds.image_shape != old.image_shape:
            ds = dataclasses.replace(ds, image_shape=old.image_shape)   # a shape the user gave
        try:
            # one undo step brings back the network trained on the old split, with its history
            with self.state.undo.change(QT_TRANSLATE_NOOP("undo", "data change")):
                self.controller.forget()
                self.state.set_dataset(ds)
        except EngineError as e:
            self.warning.setText(localized(e))
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
            schedule = LRSchedule.parse(self.schedule.text() or "constant")
            self.state.set_optimizer(cfg, self.batch.value(), schedule)
        except EngineError as e:
            self.warning.setText(localized(e))
            self.warning.setVisible(True)

    def _on_training_changed(self, running: bool) -> None:
        self.play.setText(self.tr("Pause") if running else self.tr("Train"))
        self.play.setIcon(self._icons[running])
        ready = self.state.ready
        self.play.setEnabled(ready)
        for b in (self.batch_button, self.epoch_button):
            b.setEnabled(ready and not running)
        if running:
            self.warning.setVisible(False)

    def _on_diverged(self, message: object) -> None:
        self.warning.setText(localized(message))
        self.warning.setVisible(True)

    def _on_weights_changed(self) -> None:
        if not self.state.training:
            self._evaluate_later.start()

    def _show_current_numbers(self) -> None:
        """Loss and accuracy of the weights shown now (a step, a reset, an opened model)."""
        st = self.state
        if st.training or not st.ready:
            return
        ds = st.dataset
        n_out = st.net.sizes[-1]
        train = st.net.evaluate(ds.X_train, ds.target_matrix("train", n_out))
        test = st.net.evaluate(ds.X_test, ds.target_matrix("test", n_out)) if len(ds.X_test) \
            else (float("nan"), float("nan"))
        self._show_numbers(*train, *test)

    def _show_numbers(self, train_loss: float, train_acc: float, test_loss: float,
                      test_acc: float) -> None:
        classes = self.state.dataset.task == "classification"
        for (what, part), v in (("loss", "train"), train_loss), (("loss", "test"), test_loss), \
                (("accuracy", "train"), train_acc), (("accuracy", "test"), test_acc):
            if not np.isfinite(v) or (what == "accuracy" and not classes):
                text = "–"
            elif what == "accuracy":
                text = f"{100 * v:.1f}%"
            else:
                text = f"{v:#.4g}"       # trailing zeros kept: "2.900" beside "2.902"
            self.numbers[what, part].setText(text)

    def _on_trained(self) -> None:
        f = self.state.frame
        if f is None:
            self.status.setText("")
            self.warning.setVisible(False)        # a reset: the divergence is gone with it
            return
        self._show_numbers(f.train_loss, f.train_accuracy, f.test_loss, f.test_accuracy)
        # two lines of two short parts each: the panel keeps two lines (a third, wrapped from a
        # long first line, was cut off on a 1366 px screen)
        where = (self.tr("epoch {epoch}").format(epoch=fmt_epoch(f.epoch, f.epoch_progress)),
                 self.tr("step {step}").format(step=f"{f.step:,}"))
        how = []
        if np.isfinite(f.lr):
            how.append(self.tr("η now {lr}").format(lr=f"{f.lr:.4g}"))
        if f.samples_per_second > 0:
            how.append(self.tr("{speed} samples/s").format(speed=f"{f.samples_per_second:,.0f}"))
        self.status.setText(" · ".join(where) + ("\n" + " · ".join(how) if how else ""))
