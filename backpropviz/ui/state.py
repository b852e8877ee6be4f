"""What the window shows: the data set, the network, the stepper's phase, the selection.

Views subscribe to AppState's signals and write back through its methods, never to each other.
Everything here is plain engine and data objects; the signals only say what changed.
"""
from __future__ import annotations

import dataclasses

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal

from ..choices import LR_DEFAULTS
from ..data import Dataset
from ..engine import EngineError, Network, OptimizerConfig
from ..engine.schedule import LRSchedule
from ..engine.stepper import Stepper
from ..engine.warmup import use_numpy
from ..recipe import Architecture, check_fits
from ..runs import RunList
from ..i18n import QT_TRANSLATE_NOOP
from .history_undo import UndoHistory


class AppState(QObject):
    data_changed = Signal()        # a new data set (and so a new network)
    network_changed = Signal()     # a new architecture: views rebuild their items
    weights_changed = Signal()     # same architecture, new numbers (update, training, reset)
    stepped = Signal()             # the stepper moved to another phase or started a new cycle
    sample_changed = Signal()      # another sample is being stepped
    selection_changed = Signal()   # another neuron is selected
    ready_changed = Signal(bool)   # the kernels are compiled and stepping can start
    message = Signal(object)       # a line for the status bar: a translated str, or a Message
    trained = Signal()             # a training frame arrived: weights, histories, probe moved
    training_changed = Signal(bool)  # training started (True) or stopped (False)
    optimizer_changed = Signal()   # the training settings (optimiser, rates, batch) changed
    runs_changed = Signal()        # a run was added, updated or removed (self.runs)
    speed_changed = Signal()       # the training pace changed
    step_batch_changed = Signal()  # another number of samples stepped together (batch norm)

    def __init__(self, dataset: Dataset, architecture: Architecture | None = None,
                 network: Network | None = None, step_lr: float = 0.5):
        super().__init__()
        self.dataset = dataset
        self.architecture = architecture or Architecture()
        self.net = network if network is not None else self.architecture.build(dataset)
        self.step_lr = step_lr
        self.sample_index = 0
        self.sample_part = "train"   # or "test": sample_index then counts test rows
        self.selected: tuple[int, int] | None = (self.net.n_layers, 0)   # (column, unit)
        #: a clicked connection or bias (layer 1-based, unit, source or None) for the gradient views
        self.selected_parameter: tuple[int, int, int | None] | None = None
        self.stepper: Stepper | None = None
        self.ready = False
        self.training = False
        self.frame = None            # the latest training Frame applied (engine.session)
        self.history = None          # the training History of the current session
        self._history_only = False   # the latest frame carried no weights (see apply_frame)
        # the training settings: the panel shows and edits them, the controller trains with them
        self.optimizer = OptimizerConfig("adam", lr=LR_DEFAULTS["adam"])
        self.batch = 16
        self.speed = 0.0             # minibatch steps a second while training; 0: full speed
        self.schedule = LRSchedule()
        #: how many samples a batch-normalised network steps together (the selected one first)
        self.step_batch = 4
        self._targets = dataset.target_matrix("train", self.net.sizes[-1])
        self.runs = RunList()          # every training run of this window, to compare
        self.undo = UndoHistory(self)  # data, architecture and weight changes, undone with Ctrl+Z

    # --- readiness --------------------------------------------------------------------------
    def set_ready(self) -> None:
        """The kernels can run: training can start, and stepping (if it has not already, with
        the kernels' NumPy twin: the same numbers, so a sample half stepped stays where it is)."""
        self.ready = True
        if self.stepper is None:
            self._new_stepper()
        self.ready_changed.emit(True)
        self.stepped.emit()

    def start_stepping(self) -> None:
        """Step before the kernels are ready, with their NumPy twin (after engine.warmup.defer():
        the window shows its first view at once)."""
        self._new_stepper()
        self.stepped.emit()

    def _new_stepper(self) -> None:
        if not (self.ready or use_numpy()):
            return
        self.stepper = Stepper(self.net, self.sample_x, self.sample_target, lr=self.step_lr,
                               train_biases=self.optimizer.train_biases,
                               others=self.step_others())

    def step_others(self) -> tuple[np.ndarray, np.ndarray] | None:
        """The rest of the minibatch a batch-normalised network steps the sample with: the
        training samples after it (wrapping round), step_batch - 1 of them; None without
        batch normalisation."""
        if not self.net.bn_layers:
            return None
        n = self.n_samples
        rows = [(self.sample_index + i) % n for i in range(1, min(self.step_batch, n))]
        return self.dataset.X_train[rows], self._targets[rows]

    def step_batch_rows(self) -> list[int]:
        """The training rows the stepper's minibatch holds, the selected sample first."""
        if not self.net.bn_layers:
            return [self.sample_index]
        n = self.n_samples
        return [(self.sample_index + i) % n for i in range(min(self.step_batch, n))]

    def set_step_batch(self, size: int) -> None:
        """How many samples a batch-normalised network steps together (at least 2)."""
        size = int(size)
        if size < 2:
            raise EngineError("batch normalization cannot normalise a batch of one sample: "
                              "step at least 2 samples")
        if size != self.step_batch:
            self.step_batch = size
            if self.stepper is not None and self.net.bn_layers:
                self.stepper.reset()
                self._new_stepper()
                self.weights_changed.emit()
                self.stepped.emit()
            self.step_batch_changed.emit()

    # --- the sample ----------------------------------------------------------------------------
    @property
    def n_samples(self) -> int:
        return self.dataset.X_train.shape[0]

    @property
    def sample_x(self) -> np.ndarray:
        """The stepped sample's inputs: row sample_index of the training part, or of the test
        part when sample_part is "test" (a test image picked in the image views)."""
        X = self.dataset.X_test if self.sample_part == "test" else self.dataset.X_train
        return X[self.sample_index]

    @property
    def sample_target(self) -> np.ndarray:
        if self.sample_part == "test":
            return self.dataset.target_matrix("test", self.net.sizes[-1])[self.sample_index]
        return self._targets[self.sample_index]

    def set_sample(self, index: int, part: str = "train") -> None:
        """Step sample ``index`` of the training part, or of the test part (``part="test"``)."""
        index = int(index)
        count = self.dataset.n_test if part == "test" else self.n_samples
        if part not in ("train", "test") or not 0 <= index < count:
            raise EngineError(f"{part} sample {index} does not exist; there are {count}")
        if self.stepper is not None:
            self.stepper.reset()            # an applied update of the old sample is undone
        self.sample_index = index
        self.sample_part = part
        self._new_stepper()
        self.sample_changed.emit()
        self.weights_changed.emit()
        self.stepped.emit()

    def random_sample(self, rng: np.random.Generator | None = None) -> None:
        rng = rng or np.random.default_rng()
        self.set_sample(int(rng.integers(self.n_samples)))

    # --- stepping ------------------------------------------------------------------------------
    def next_phase(self) -> None:
        if self.stepper is None or self.training:
            return
        was_update = self.stepper.updated
        self.stepper.next()
        if self.stepper.updated or was_update:
            self.weights_changed.emit()
        self.stepped.emit()

    def prev_phase(self) -> None:
        if self.stepper is None or self.training:
            return
        was_update = self.stepper.updated
        self.stepper.prev()
        if self.stepper.updated or was_update:
            self.weights_changed.emit()
        self.stepped.emit()

    def go_to_phase(self, index: int) -> None:
        """Step forward or back within the cycle until phase ``index``."""
        if self.stepper is None or self.training:
            return
        while self.stepper.index < index:
            self.next_phase()
        while self.stepper.index > index:
            self.prev_phase()

    def set_step_lr(self, lr: float) -> None:
        if not lr > 0:
            raise EngineError(f"learning rate must be positive, not {lr}")
        self.step_lr = float(lr)
        if self.stepper is not None:
            was_update = self.stepper.updated
            self.stepper.set_lr(lr)
            if was_update:
                self.weights_changed.emit()
            self.stepped.emit()

    # --- selection -----------------------------------------------------------------------------
    def select(self, column: int | None, unit: int | None = None) -> None:
        """Select neuron ``unit`` of column ``column`` (0 = inputs, k = layer k); None clears."""
        sel = None if column is None else (int(column), int(unit or 0))
        if sel != self.selected or self.selected_parameter is not None:
            self.selected = sel
            self.selected_parameter = None
            self.selection_changed.emit()

    def select_parameter(self, layer: int, unit: int, source: int | None) -> None:
        """Select weight w[unit, source] of layer ``layer`` (1-based), or its bias when ``source``
        is None, for the gradient views; its neuron is selected too."""
        self.selected = (int(layer), int(unit))
        self.selected_parameter = (int(layer), int(unit), None if source is None else int(source))
        self.selection_changed.emit()

    # --- the network -------------------------------------------------------------------------------
    def set_architecture(self, architecture: Architecture) -> None:
        """Rebuild the network from new choices (fresh weights from the seed)."""
        net = architecture.build(self.dataset)      # raises EngineError before changing anything
        same_but_seed = dataclasses.replace(architecture, seed=self.architecture.seed) == self.architecture
        with self.undo.change(QT_TRANSLATE_NOOP("undo", "new weights") if same_but_seed
                              else QT_TRANSLATE_NOOP("undo", "network change")):
            self.architecture = architecture
            self._install(net)

    def set_network(self, net: Network) -> None:
        """Use ``net`` (e.g. a loaded model), whose input and output sizes must fit the data.
        A model that carries its own input scaling gets the data standardised with it."""
        check_fits(net, self.dataset)
        with self.undo.change(QT_TRANSLATE_NOOP("undo", "open model")):
            self._set_network(net)

    def _set_network(self, net: Network) -> None:
        norm = net.normalization
        if norm is not None and self.dataset.mean is not None and not (
                np.array_equal(norm["mean"], self.dataset.mean) and np.array_equal(norm["std"], self.dataset.std)):
            self.dataset = self.dataset.with_normalization(norm["mean"], norm["std"])
            self.data_changed.emit()
            self.message.emit(QCoreApplication.translate(
                "AppState", "the data is now scaled with the model's own mean and std"))
        self.architecture = Architecture.of(net, self.architecture.seed)
        self._install(net)

    def reinitialize(self, seed: int | None = None) -> None:
        """Fresh weights for the same architecture."""
        with self.undo.change(QT_TRANSLATE_NOOP("undo", "reset the weights")):
            if seed is not None:
                self.architecture = dataclasses.replace(self.architecture, seed=int(seed))
            if self.stepper is not None:
                self.stepper.reset()
            self.net.initialize(None if self.architecture.init == "auto" else self.architecture.init,
                                self.architecture.seed)
            self.weights_touched()

    def set_parameter(self, layer: int, unit: int, source: int | None, value: float) -> None:
        """A hand edit: weight ``w[unit, source]`` of layer ``layer`` (1-based, as the view's
        columns), or its bias ``b[unit]`` when ``source`` is None, becomes ``value``. The cycle
        is walked again on the new weights up to the phase it was at (short of the update), so
        every number of the sample on screen is recomputed at once."""
        value = float(value)
        if not np.isfinite(value):
            raise EngineError(f"a weight must be a finite number, not {value}")
        if not 1 <= layer <= self.net.n_layers or not 0 <= unit < self.net.sizes[layer] or \
                (source is not None and not 0 <= source < self.net.sizes[layer - 1]):
            raise EngineError(f"layer {layer} has no parameter ({unit}, {source})")
        with self.undo.change(QT_TRANSLATE_NOOP("undo", "edit a bias") if source is None
                              else QT_TRANSLATE_NOOP("undo", "edit a weight")):
            phase = self.stepper.index if self.stepper is not None else 0
            if self.stepper is not None:
                self.stepper.reset()           # the edit applies to the weights the cycle began with
            if source is None:
                self.net.bias[layer - 1][unit] = value
            else:
                self.net.weights[layer - 1][unit, source] = value
            if self.stepper is None:
                self.weights_touched()
                return
            self.stepper.follow(self.net.params)
            while self.stepper.index < min(phase, self.stepper.n_phases - 2):
                self.stepper.next()
            self.weights_changed.emit()
            self.stepped.emit()

    def restore(self, snap) -> None:
        """Show an earlier state (an undo or redo snapshot of ``history_undo``)."""
        if self.stepper is not None:
            self.stepper.reset()
        new_data = snap.dataset is not self.dataset
        self.dataset = snap.dataset
        self.architecture = snap.architecture
        self.sample_index = min(snap.sample_index, max(0, self.n_samples - 1))
        self.sample_part = "train"
        self.selected = snap.selected
        self._install(snap.net.copy())
        if new_data:
            self.data_changed.emit()
        self.sample_changed.emit()
        self.frame, self.history = snap.frame, snap.history
        self._history_only = False
        self.trained.emit()

    def apply_frame(self, frame, history, weights: bool = True) -> None:
        """Show a training frame. With ``weights`` the network takes its weights and the
        stepper walks the current sample through them up to the phase it was at (never
        applying an update itself); without, only the history moved (``history_frame``): the
        views that show weights wait for a frame that carries them, so that net, stepper and
        inspector always describe the same weights."""
        self.frame = frame
        self.history = history
        self._history_only = not weights
        if weights:
            if self.stepper is not None:
                self.stepper.follow(frame.params, frame.stats)
            else:
                self.net.params[...] = frame.params
                if frame.stats is not None:
                    self.net.bn_stats[...] = frame.stats
            self.weights_changed.emit()
            self.stepped.emit()
        self.trained.emit()

    def history_frame(self) -> bool:
        """The latest training frame moved only the history (its weights were not taken)."""
        return self.frame is not None and self._history_only

    def set_speed(self, steps_per_second: float) -> None:
        """Train at most this many minibatch steps a second (each one shown); 0: full speed."""
        speed = float(steps_per_second)
        if not speed >= 0:
            raise EngineError(f"the speed must be 0 (full) or more steps a second, not {speed}")
        if speed != self.speed:
            self.speed = speed
            self.speed_changed.emit()

    def set_optimizer(self, config: OptimizerConfig, batch: int | None = None,
                      schedule: LRSchedule | None = None) -> None:
        """New training settings (the next minibatch of a running job uses them)."""
        batch = self.batch if batch is None else int(batch)
        schedule = self.schedule if schedule is None else schedule
        if batch < 1:
            raise EngineError(f"the batch size must be at least 1, not {batch}")
        config.validate()
        if (config, batch, schedule) != (self.optimizer, self.batch, self.schedule):
            biases_changed = config.train_biases != self.optimizer.train_biases
            self.optimizer, self.batch, self.schedule = config, batch, schedule
            self.optimizer_changed.emit()
            if biases_changed and self.stepper is not None:
                was_update = self.stepper.updated
                self.stepper.set_train_biases(config.train_biases)
                if was_update:
                    self.weights_changed.emit()
                self.stepped.emit()

    def set_train_biases(self, on: bool) -> None:
        """Whether an update, the stepper's and training's, moves the biases (Mazur's worked
        example keeps them fixed); the stepper's cycle restarts at the input phase."""
        self.set_optimizer(dataclasses.replace(self.optimizer, train_biases=bool(on)))

    def clear_training(self) -> None:
        """Forget the training frame and history (fresh weights): the plots empty."""
        self.frame = None
        self.history = None
        self.trained.emit()

    def set_training(self, running: bool) -> None:
        if running != self.training:
            self.training = running
            self.training_changed.emit(running)

    def weights_touched(self) -> None:
        """The weights changed outside the stepper (training, loading): restart the cycle."""
        self._new_stepper()
        self.weights_changed.emit()
        self.stepped.emit()

    def _install(self, net: Network) -> None:
        self.net = net
        self.frame = None
        self.history = None
        self._targets = self.dataset.target_matrix("train", net.sizes[-1])
        self.selected_parameter = None
        if self.selected is None or self.selected[0] > net.n_layers or \
                self.selected[1] >= net.sizes[self.selected[0]]:
            self.selected = (net.n_layers, 0)
        self._new_stepper()
        self.network_changed.emit()
        self.weights_changed.emit()
        self.selection_changed.emit()
        self.stepped.emit()

    # --- the data set ----------------------------------------------------------------------------
    def set_dataset(self, dataset: Dataset, architecture: Architecture | None = None) -> None:
        """A new data set: the input and output layers are rebuilt to fit it."""
        arch = architecture or self.architecture
        net = arch.build(dataset)
        with self.undo.change(QT_TRANSLATE_NOOP("undo", "data change")):
            self.dataset = dataset
            self.architecture = arch
            self.sample_index = 0
            self.sample_part = "train"
            self.selected = (net.n_layers, 0)
            self._install(net)
            self.data_changed.emit()
            self.sample_changed.emit()
