"""The single-sample stepper: the heart of the app.

One cycle walks one sample through the phases

    input, forward 1 .. forward L, loss, backward L .. backward 1, update

(``2L + 3`` phases for L layers). ``next()`` advances a phase; ``prev()`` goes back one and
restores the earlier state exactly, undoing an update too, and from the input phase of a later
cycle back into the update phase of the cycle before. Every number comes from ``Network.trace``
computed on the weights the cycle started with; the update applies exactly the trace's plain SGD
step, so the weights after an update equal ``trace["updated"]`` bit for bit.

A batch-normalised network cannot normalise one sample (its batch variance is 0), so it steps a
small minibatch: the selected sample and ``others`` (rows of inputs and targets), in training
mode. The numbers it shows are the selected sample's (``sample_view``), beside the batch's
statistics; the update moves the weights by the batch-mean gradient and the running
statistics by the batch's, and going back undoes both.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .network import Network

#: the per-sample entries of a trace's layers (the rest are the batch's: statistics, gradients)
PER_SAMPLE = ("z", "a", "delta", "f", "skip", "grad_a", "bn_xhat", "bn_out", "grad_bn_out")


def sample_view(trace: dict, s: int) -> dict:
    """A minibatch trace as seen from sample ``s``: that sample's vectors where the trace has
    one row per sample, the batch's statistics and gradients as they are. Adds "sample" (s),
    "batch_size", "sample_loss" (sample s's own loss; "loss" stays the batch mean) and "batch"
    (the whole trace, for the terms that couple the samples)."""
    layers = [{key: (value[s] if key in PER_SAMPLE else value) for key, value in layer.items()}
              for layer in trace["layers"]]
    return dict(trace, input=trace["input"][s], target=trace["target"][s],
                output_grad=trace["output_grad"][s], sample_loss=float(trace["sample_loss"][s]),
                layers=layers, sample=s, batch_size=len(trace["input"]), batch=trace)

INPUT, FORWARD, LOSS, BACKWARD, UPDATE = "input", "forward", "loss", "backward", "update"


@dataclass(frozen=True)
class Phase:
    """Where a cycle stands. ``layer`` is 1-based for forward and backward phases, else None."""
    index: int
    kind: str
    layer: int | None

    def __str__(self) -> str:
        return f"{self.kind} {self.layer}" if self.layer else self.kind


def phase_at(n_layers: int, i: int) -> Phase:
    """Phase ``i`` of a cycle through a network of ``n_layers`` layers."""
    L = n_layers
    if i == 0:
        return Phase(0, INPUT, None)
    if i <= L:
        return Phase(i, FORWARD, i)
    if i == L + 1:
        return Phase(i, LOSS, None)
    if i <= 2 * L + 1:
        return Phase(i, BACKWARD, 2 * L + 2 - i)
    return Phase(i, UPDATE, None)


def phases(n_layers: int) -> list[Phase]:
    """All phases of one cycle, in order (2 * n_layers + 3 of them)."""
    return [phase_at(n_layers, i) for i in range(2 * n_layers + 3)]


class Stepper:
    """Steps one sample (x, target) through ``net`` with learning rate ``lr``; changes
    ``net.params`` in place at the update phase (the biases too unless ``train_biases`` is
    False, as in Mazur's worked example, which keeps them fixed)."""

    def __init__(self, net: Network, x: Any, target: Any, lr: float = 0.1,
                 train_biases: bool = True, others: tuple[Any, Any] | None = None):
        self.net = net
        self.lr = float(lr)
        self.train_biases = bool(train_biases)
        # weights and running statistics at the start of each earlier cycle
        self._history: list[tuple[np.ndarray, np.ndarray]] = []
        self.set_sample(x, target, others)

    # --- the sample and the cycle ------------------------------------------------------------
    def set_sample(self, x: Any, target: Any, others: tuple[Any, Any] | None = None) -> None:
        """Start a new cycle at the input phase for this sample on the current weights.
        ``others``: (inputs, targets) of the rest of the minibatch a batch-normalised network
        steps the sample with (ignored without batch normalisation)."""
        self.x = np.asarray(x, dtype=np.float64).ravel()
        self.target = np.asarray(target, dtype=np.float64).ravel()
        self.others = None
        if others is not None and self.net.bn_layers:
            ox = np.asarray(others[0], dtype=np.float64).reshape(-1, self.x.size)
            ot = np.asarray(others[1], dtype=np.float64).reshape(-1, self.target.size)
            self.others = (ox, ot) if len(ox) else None
        self._history.clear()
        self._start_cycle()

    @property
    def batch_size(self) -> int:
        """How many samples a cycle steps together (1 but for a batch-normalised network)."""
        return 1 if self.others is None else 1 + len(self.others[0])

    def set_lr(self, lr: float) -> None:
        """A new learning rate; the current cycle restarts at its input phase."""
        self.reset()
        self.lr = float(lr)
        self._start_cycle()

    def set_train_biases(self, on: bool) -> None:
        """Biases take the update step (True) or keep their values; the cycle restarts."""
        self.reset()
        self.train_biases = bool(on)
        self._start_cycle()

    def reset(self) -> None:
        """Back to the input phase of the current cycle, undoing its update if it was applied."""
        if self.index == self.n_phases - 1:
            self._apply(before=True)
        self.index = 0

    def _apply(self, before: bool) -> None:
        """Put the weights and running statistics of the cycle's start (before) or after its
        update into the network."""
        self.net.params[...] = self._start_params if before else self._after
        self.net.bn_stats[...] = self._start_stats if before else self._stats_after

    def _start_cycle(self) -> None:
        self._start_params = self.net.params.copy()
        self._start_stats = self.net.bn_stats.copy()
        if self.others is None:
            self._trace = self.net.trace(self.x, self.target, lr=self.lr, updated=False)
        else:
            X = np.vstack([self.x, self.others[0]])
            T = np.vstack([self.target, self.others[1]])
            self._trace = sample_view(self.net.trace(X, T, lr=self.lr, updated=False), 0)
        self._trace["train_biases"] = self.train_biases     # the update's rule, for the texts
        self._grads = self.net.flat_gradients(self._trace)
        step = self._grads if self.train_biases else self._grads * self.net.decay_mask
        self._after = self._start_params - self.lr * step
        self._stats_after = self.net.running_stats_after(self._trace.get("batch", self._trace))
        self.index = 0

    @property
    def numbers(self) -> dict:
        """This cycle's trace, without making its "updated" model dict (cheap: nothing is made;
        the dict is there only once ``trace`` has been asked for)."""
        return self._trace

    @property
    def trace(self) -> dict:
        """``Network.trace`` of this cycle. Its "updated" model dict is made on first use: the
        window restarts the cycle on every training frame and rarely needs it."""
        if "updated" not in self._trace:
            after = self.net_before().sgd_updated(self._grads, self.lr, self.train_biases)
            after.bn_stats[...] = self._stats_after
            self._trace["updated"] = after.to_dict()
        return self._trace

    def net_before(self) -> Network:
        """A copy of the network with the weights this cycle started from."""
        before = self.net.copy()
        before.params[...] = self._start_params
        before.bn_stats[...] = self._start_stats
        return before

    @property
    def n_phases(self) -> int:
        return 2 * self.net.n_layers + 3

    @property
    def phase(self) -> Phase:
        return phase_at(self.net.n_layers, self.index)

    def phases(self) -> list[Phase]:
        return phases(self.net.n_layers)

    # --- moving ------------------------------------------------------------------------------
    def next(self) -> Phase:
        """Advance one phase; from the update phase, start a new cycle on the new weights."""
        if self.index == self.n_phases - 1:
            self._history.append((self._start_params, self._start_stats))
            self._start_cycle()
        else:
            self.index += 1
            if self.index == self.n_phases - 1:
                self._apply(before=False)
        return self.phase

    def prev(self) -> Phase:
        """Go back one phase, restoring the state exactly. At the first phase of the first
        cycle it stays put."""
        if self.index == 0:
            if not self._history:
                return self.phase
            self.net.params[...], self.net.bn_stats[...] = self._history.pop()
            self._start_cycle()
            self.index = self.n_phases - 1
            self._apply(before=False)
            return self.phase
        if self.index == self.n_phases - 1:
            self._apply(before=True)
        self.index -= 1
        return self.phase

    def follow(self, params: np.ndarray, stats: np.ndarray | None = None) -> Phase:
        """The weights changed outside the stepper (a training frame): start a cycle on
        ``params`` (and the running statistics ``stats``, when given) and walk it back to the
        phase it was at, short of the update (the stepper never applies an update it was not
        asked for). Earlier cycles are forgotten: going back cannot return to weights the
        training has left."""
        index = min(self.index, self.n_phases - 2)
        self.net.params[...] = params
        if stats is not None:
            self.net.bn_stats[...] = stats
        self._history.clear()
        self._start_cycle()
        while self.index < index:
            self.next()
        return self.phase

    def run_to(self, kind: str) -> Phase:
        """Advance within this cycle until the phase ``kind`` is done: "forward" stops after the
        loss, "backward" after the last backward layer, "full" (or "update") after the update."""
        stop = {"forward": self.net.n_layers + 1, "backward": 2 * self.net.n_layers + 1,
                "full": self.n_phases - 1, UPDATE: self.n_phases - 1, INPUT: 0}[kind]
        while self.index < stop:
            self.next()
        return self.phase

    # --- what is known at this phase -----------------------------------------------------------
    def forward_done(self) -> int:
        """How many layers have z and a at this phase."""
        return min(self.index, self.net.n_layers)

    def backward_done(self) -> int:
        """How many layers (counted from the output) have delta and gradients at this phase."""
        L = self.net.n_layers
        return max(0, min(self.index - (L + 1), L))

    def known(self, layer: int) -> dict[str, np.ndarray]:
        """The numbers of layer ``layer`` (0-based) known at this phase: z, a once its forward
        step is done; delta, grad_weights, grad_bias once its backward step is done."""
        L = self.net.n_layers
        out: dict[str, np.ndarray] = {}
        t = self._trace["layers"][layer]
        if layer < self.forward_done():
            out["z"], out["a"] = t["z"], t["a"]
        if layer >= L - self.backward_done():
            out["delta"], out["grad_weights"], out["grad_bias"] = t["delta"], t["grad_weights"], t["grad_bias"]
        return out

    @property
    def loss(self) -> float | None:
        """The sample's loss once the loss phase is reached, else None."""
        return self._trace["loss"] if self.index >= self.net.n_layers + 1 else None

    @property
    def updated(self) -> bool:
        return self.index == self.n_phases - 1

