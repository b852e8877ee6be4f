"""A training session on a background thread that hands over only its latest frame.

The window (or any caller) starts, pauses or queues a fixed number of steps or epochs; the
thread trains in chunks of about ``CHUNK_SECONDS`` inside the nogil kernels, evaluates within a
time budget, and every ``FRAME_SECONDS`` replaces ``latest`` with a fresh Frame. Frames never
queue: a slow reader just sees the newest one; a reader that wants to hear of each new frame
passes ``on_frame``. No Qt here.

Whatever the window shows must cost the training little (measured on 2-64-64-64-1, batch 16,
2 busy cores: the probe's layer outputs at every frame took 28% of the thread, the evaluation
4%, both with two BLAS threads that collapse beside a busy neighbour): the BLAS thread count
is chosen by measuring (``ThreadPolicy``, as the command line's ``train``), the probe is
computed at most every ``PROBE_SECONDS`` within ``PROBE_BUDGET`` of the time (it and the
evaluations with one BLAS thread: small products, and no collapse beside a neighbour), and kept
checkpoints are spaced at least ``CHECKPOINT_SECONDS`` apart once the first ``EARLY_CHECKPOINTS``
are kept.
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ..i18n import QT_TRANSLATE_NOOP, Message
from .checkpoints import Checkpoints, restore
from .history import History, View
from .network import Network
from .optim import OptimizerConfig
from .schedule import LRSchedule
from .threads import ThreadPolicy
from .train import Trainer

CHUNK_SECONDS = 0.03        # fewer hand-overs of the GIL; pausing still feels immediate
FRAME_SECONDS = 1 / 25
EVAL_MIN_SECONDS = 0.02     # small data evaluates often; EVAL_BUDGET spaces out big data
EVAL_BUDGET = 0.03         # evaluations may take at most this share of the time
PROBE_SECONDS = 0.1        # the probe (neuron maps, decision boundary) at most 10 times a second
PROBE_BUDGET = 0.05        # ... and within this share of the time
CHECKPOINT_SECONDS = 0.25  # kept moments to rewind to, at most 4 a second of training ...
EARLY_CHECKPOINTS = 16     # ... once this many are kept (a short run still has moments to pick)
TRY_SHARE = 32             # a chunk that tries a BLAS thread count not measured fastest is this
                           # many times shorter: two threads beside a busy neighbour ran 10-100x
                           # slower (784-128-10: ~40 ms a step instead of 1 ms)
# ... and such a try comes every TRY_EVERY chunks (~2 s, as the command line's every 8 segments
# of 0.25 s); each count's speed is the median of its last RATE_MEMORY chunks. Measured on
# 784-128-10 beside busy neighbours: trying every 8th chunk, on the latest chunk's speed, the
# two-thread chunks (collapsed, up to 100x slower) took 29% of the time for 7% of the samples.
TRY_EVERY = 64
RATE_MEMORY = 5


def lower_priority(nice: int, keep: int) -> None:
    """Give this thread, and the BLAS libraries' worker threads, the scheduling priority
    ``nice`` (Linux; elsewhere nothing happens), so that the thread ``keep`` (a window's)
    gets a core at once when it has something to draw, and training takes everything else.

    The BLAS threads are recognised as the threads that carry the process's own name (Qt and
    other libraries name theirs; a plain Python thread carries it too and is lowered as well).
    The main thread and ``keep`` are never touched. An unprivileged process cannot raise a
    priority again: the BLAS threads stay lowered for the rest of the process."""
    if nice <= 0 or not hasattr(os, "setpriority") or not os.path.isdir("/proc/self/task"):
        return
    me = threading.get_native_id()
    main = threading.main_thread().native_id
    try:
        with open(f"/proc/self/task/{main}/comm") as f:
            name = f.read()
        tids = [int(t) for t in os.listdir("/proc/self/task")]
    except OSError:
        name, tids = None, []
    for tid in [me] + [t for t in tids if t != me]:         # this thread first
        if tid in (main, keep):
            continue
        try:
            if tid != me:
                with open(f"/proc/self/task/{tid}/comm") as f:
                    if f.read() != name:
                        continue
            if os.getpriority(os.PRIO_PROCESS, tid) < nice:
                os.setpriority(os.PRIO_PROCESS, tid, nice)
        except OSError:          # the thread ended meanwhile, or the system does not allow it
            continue


@dataclass
class Frame:
    """What the session looked like at one moment, with the history's kept steps and
    evaluations then (read-only views: readers on other threads take exactly those)."""
    step: int
    epoch: int
    epoch_progress: float
    params: np.ndarray                      # a copy of the weights
    samples_per_second: float
    train_loss: float = float("nan")        # of the latest evaluation
    test_loss: float = float("nan")
    train_accuracy: float = float("nan")
    test_accuracy: float = float("nan")
    probe: list[np.ndarray] | None = None   # each layer's activations over the probe inputs
    probe_step: int = -1                    # the step whose weights the probe shows
    steps: View | None = None
    evals: View | None = None
    running: bool = True
    diverged: bool = False
    message: Message | str = ""   # why training stopped (a Message: English as str())
    stats: np.ndarray | None = None         # a copy of the running statistics (batch norm)
    lr: float = float("nan")                # the learning rate of the current epoch


@dataclass
class TrainingSession:
    """Trains ``net`` (the session's own network) on the training data; evaluates on both sets.

    X_*: float64 (n, n_in); T_*: float64 (n, n_out). ``probe``: optional inputs (e.g. a grid over
    the input plane) whose layer activations every frame carries.
    """
    net: Network
    X_train: np.ndarray
    T_train: np.ndarray
    X_test: np.ndarray
    T_test: np.ndarray
    config: OptimizerConfig = field(default_factory=OptimizerConfig)
    batch: int = 32
    seed: int = 0
    probe: np.ndarray | None = None
    nice: int = 0           # > 0: train at this lower priority, see lower_priority()
    #: called on the training thread after each new frame (a window wakes its drawing with it)
    on_frame: Callable[[], None] | None = None
    schedule: LRSchedule = field(default_factory=LRSchedule)
    #: False: on_frame only for a job's last frame (a reader that polls takes the others)
    notify_running: bool = True

    def __post_init__(self) -> None:
        self.trainer = Trainer(self.net, self.X_train, self.T_train, self.config, self.batch,
                               self.seed, self.schedule)
        self.history = History(self.net.n_layers)
        self.checkpoints = Checkpoints()     # to rewind the run and resume from any kept moment
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._latest: Frame | None = None
        self._fresh = False
        self._last_eval: tuple = (float("nan"),) * 4
        self._eval_seconds = 0.0
        self._chunk = 1
        # BLAS threads: whichever count trains fastest now
        self.policy = ThreadPolicy(probe_every=TRY_EVERY, memory=RATE_MEMORY)
        self._probe: list[np.ndarray] | None = None
        self._probe_step = -1
        self._probe_seconds = 0.0

    # --- control (from the caller's thread) -------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, steps: int | None = None, epochs: int | None = None) -> None:
        """Train until pause() (both None), or exactly ``steps`` minibatch steps, or until
        ``epochs`` more epochs are complete (the current one counts if it is under way)."""
        if self.running:
            return
        if epochs is not None:
            steps = self.trainer.steps_to_finish(epochs)
        with self._lock:                       # a frame of the previous run is not this run's
            self._latest, self._fresh = None, False
        self._stop.clear()
        self._caller = threading.get_native_id()
        self._thread = threading.Thread(target=self._run, args=(steps,), daemon=True,
                                        name="backpropviz-training")
        self._thread.start()

    def pause(self, timeout: float | None = None) -> None:
        """Ask the thread to stop after its current chunk (~30 ms) and wait for it."""
        self._stop.set()
        self.wait(timeout)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for a running job to end; True if it has."""
        if self._thread is not None:
            self._thread.join(timeout)
        return not self.running

    def latest(self) -> Frame | None:
        """The newest frame if there is one not handed out yet, else None."""
        with self._lock:
            if not self._fresh:
                return None
            self._fresh = False
            return self._latest

    def set_weights(self, params: np.ndarray, reset_optimizer: bool = False,
                    stats: np.ndarray | None = None) -> None:
        """Continue from these weights (e.g. after a step or a reset in the window), and these
        running statistics of batch normalisation when given."""
        self._require_paused()
        if stats is not None:
            self.net.bn_stats[...] = stats
            self._probe_step = -1               # the probe's outputs used other statistics
        if not np.array_equal(params, self.net.params):
            self.net.params[...] = params
            self._probe_step = -1               # the probe showed the weights replaced
            if reset_optimizer:
                self.trainer.reset_optimizer()

    def set_config(self, config: OptimizerConfig, batch: int,
                   schedule: LRSchedule | None = None) -> None:
        self._require_paused()
        config.validate()
        if schedule is not None:
            self.trainer.schedule = self.schedule = schedule
        if config.name != self.trainer.config.name:
            self.trainer.reset_optimizer()
        self.trainer.config = config
        self.config = config
        if batch != self.trainer.batch:
            self.trainer.set_batch(batch)
            self.batch = batch

    def branch(self, step: int) -> "TrainingSession":
        """A new session that resumes this run from its kept checkpoint at or before ``step``:
        the same data and settings, the weights, optimiser state and shuffling of that moment,
        the history and checkpoints up to it. This session (the old branch) is left as it is."""
        self._require_paused()
        cp = self.checkpoints.at(step)
        other = TrainingSession(self.net.copy(), self.X_train, self.T_train, self.X_test,
                                self.T_test, self.config, self.batch, self.seed, self.probe,
                                self.nice, self.on_frame, self.schedule,
                                notify_running=self.notify_running)
        restore(other.trainer, cp)
        other.history = self.history.branch(cp.step)
        other.checkpoints = self.checkpoints.branch(cp.step)
        return other

    def _require_paused(self) -> None:
        if self.running:
            from .errors import EngineError
            raise EngineError(QT_TRANSLATE_NOOP("engine", "training is still running; pause it first"))

    # --- the thread --------------------------------------------------------------------------------
    def _run(self, steps: int | None) -> None:
        lower_priority(self.nice, keep=self._caller)
        tr = self.trainer
        policy = self.policy
        if self.checkpoints.wants(tr.step) or not len(self.checkpoints):
            self.checkpoints.offer(tr)
        left = steps
        t_frame = t_eval = t_probe = t_checkpoint = 0.0
        window_start, window_steps = time.perf_counter(), 0
        first = True          # a run's first chunk pays for starting (cold caches and buffers):
                              # it measured one thread at 1,400 samples/s instead of 60,000
        rate = 0.0
        diverged, message = False, ""
        while not self._stop.is_set() and (left is None or left > 0):
            threads = policy.current()
            trying = policy.trying(threads)
            n = max(1, self._chunk // TRY_SHARE) if trying else self._chunk
            if left is not None:
                n = min(n, left)
            before = tr.step
            with policy.limit(threads):
                t0 = time.perf_counter()
                snap = tr.run_steps(n)
                took = time.perf_counter() - t0
            done = tr.step - before
            if not first:
                policy.record(threads, done * tr.batch, took)
            first = False
            self.history.add_steps(snap.losses[:done], snap.grad_norms[:done],
                                   snap.rates[:done])
            if left is not None:
                left -= done
            window_steps += done
            # aim each chunk at CHUNK_SECONDS so pausing and frames stay prompt; a chunk cut
            # short by a preemption halves the next at most (tiny chunks cost their overhead)
            if took > 0 and not trying:
                scale = max(0.5, CHUNK_SECONDS / took)
                self._chunk = int(max(1, min(1_000_000, n * scale)))
            if snap.diverged:
                diverged, message = True, snap.message
                break
            now = time.perf_counter()
            if self.checkpoints.wants(tr.step) and (
                    len(self.checkpoints) < EARLY_CHECKPOINTS or now - t_checkpoint >= CHECKPOINT_SECONDS):
                self.checkpoints.offer(tr)
                t_checkpoint = now
            evaluate = now - t_eval >= max(EVAL_MIN_SECONDS, self._eval_seconds / EVAL_BUDGET)
            frame = now - t_frame >= FRAME_SECONDS
            probe = frame and now - t_probe >= max(PROBE_SECONDS, self._probe_seconds / PROBE_BUDGET)
            if evaluate or probe:
                with policy.limit(1):
                    if evaluate:
                        self._evaluate()
                        t_eval = time.perf_counter()
                    if probe:
                        self._compute_probe()
                        t_probe = time.perf_counter()
            if frame:
                if now - window_start >= 0.5:
                    rate = window_steps * tr.batch / (now - window_start)
                    window_start, window_steps = now, 0
                elif rate == 0.0 and now > window_start:
                    rate = window_steps * tr.batch / (now - window_start)
                self._publish(rate, running=True)
                t_frame = time.perf_counter()
        with policy.limit(1):
            self.checkpoints.offer(tr)              # the newest moment can always be rewound to
            self._evaluate()
            self._compute_probe()                   # the last frame shows its own weights
        if rate == 0.0 and time.perf_counter() > window_start:
            rate = window_steps * tr.batch / (time.perf_counter() - window_start)
        self._publish(rate, running=False, diverged=diverged, message=message)

    def _compute_probe(self) -> None:
        if self.probe is None or self._probe_step == self.trainer.step:
            return
        t0 = time.perf_counter()
        self._probe = self.net.layer_outputs(self.probe)
        self._probe_step = self.trainer.step
        self._probe_seconds = time.perf_counter() - t0

    def _evaluate(self) -> None:
        t0 = time.perf_counter()
        train = self.net.evaluate(self.X_train, self.T_train)
        test = self.net.evaluate(self.X_test, self.T_test) if len(self.X_test) else (float("nan"),) * 2
        tr = self.trainer
        self.history.add_eval(tr.step, tr.epoch + tr.position / self.X_train.shape[0], train, test)
        self._last_eval = (*train, *test)
        self._eval_seconds = time.perf_counter() - t0

    def _publish(self, rate: float, running: bool, diverged: bool = False,
                 message: Message | str = "") -> None:
        tr = self.trainer
        train_loss, train_acc, test_loss, test_acc = self._last_eval
        frame = Frame(tr.step, tr.epoch, tr.position / self.X_train.shape[0], self.net.params.copy(),
                      rate, train_loss, test_loss, train_acc, test_acc, self._probe, self._probe_step,
                      self.history.step_view(), self.history.eval_view(), running, diverged, message,
                      self.net.bn_stats.copy(), tr.lr)
        with self._lock:
            self._latest = frame
            self._fresh = True
        if self.on_frame is not None and (self.notify_running or not running):
            try:
                self.on_frame()
            except RuntimeError:  # a reader that can no longer hear (its window's C++ object is
                return            # gone) must not end the training or lose the run's last frame
