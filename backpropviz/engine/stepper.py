"""The single-sample stepper: the heart of the app.

One cycle walks one sample through the phases

    input, forward 1 .. forward L, loss, backward L .. backward 1, update

(``2L + 3`` phases for L layers). ``next()`` advances a phase; ``prev()`` goes back one and
restores the earlier state exactly, undoing an update too, and from the input phase of a later
cycle back into the update phase of the cycle before. Every number comes from ``Network.trace``
computed on the weights the cycle started with; the update applies exactly the trace's plain SGD
step, so the weights after an update equal ``trace["updated"]`` bit for bit.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .network import Network

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
                 train_biases: bool = True):
        self.net = net
        self.lr = float(lr)
        self.train_biases = bool(train_biases)
        self._history: list[np.ndarray] = []   # weights at the start of each earlier cycle
        self.set_sample(x, target)

    # --- the sample and the cycle ------------------------------------------------------------
    def set_sample(self, x: Any, target: Any) -> None:
        """Start a new cycle at the input phase for this sample on the current weights."""
        self.x = np.asarray(x, dtype=np.float64).ravel()
        self.target = np.asarray(target, dtype=np.float64).ravel()
        self._history.clear()
        self._start_cycle()

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
            self.net.params[...] = self._start_params
        self.index = 0

    def _start_cycle(self) -> None:
        self._start_params = self.net.params.copy()
        self._trace = self.net.trace(self.x, self.target, lr=self.lr, updated=False)
        self._trace["train_biases"] = self.train_biases     # the update's rule, for the texts
        self._grads = np.concatenate([np.concatenate([l["grad_weights"].ravel(), l["grad_bias"]])
                                      for l in self._trace["layers"]])
        step = self._grads if self.train_biases else self._grads * self.net.decay_mask
        self._after = self._start_params - self.lr * step
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
            self._trace["updated"] = self.net_before().sgd_updated(self._grads, self.lr,
                                                                     self.train_biases).to_dict()
        return self._trace

    def net_before(self) -> Network:
        """A copy of the network with the weights this cycle started from."""
        before = self.net.copy()
        before.params[...] = self._start_params
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
            self._history.append(self._start_params)
            self._start_cycle()
        else:
            self.index += 1
            if self.index == self.n_phases - 1:
                self.net.params[...] = self._after
        return self.phase

    def prev(self) -> Phase:
        """Go back one phase, restoring the state exactly. At the first phase of the first
        cycle it stays put."""
        if self.index == 0:
            if not self._history:
                return self.phase
            self.net.params[...] = self._history.pop()
            self._start_cycle()
            self.index = self.n_phases - 1
            self.net.params[...] = self._after
            return self.phase
        if self.index == self.n_phases - 1:
            self.net.params[...] = self._start_params
        self.index -= 1
        return self.phase

    def follow(self, params: np.ndarray) -> Phase:
        """The weights changed outside the stepper (a training frame): start a cycle on
        ``params`` and walk it back to the phase it was at, short of the update (the stepper
        never applies an update it was not asked for). Earlier cycles are forgotten: going
        back cannot return to weights the training has left."""
        index = min(self.index, self.n_phases - 2)
        self.net.params[...] = params
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

