"""Learning-rate schedules, applied per epoch as PyTorch's schedulers do when ``step()`` is
called once after each epoch (epoch e counts from 0; base is the optimiser's learning rate):

    constant            lr_e = base
    step:EPOCHS:FACTOR  lr_e = base * FACTOR ** floor(e / EPOCHS)          StepLR
    exp:GAMMA           lr_e = base * GAMMA ** e                           ExponentialLR
    cosine:EPOCHS       lr_e = base * (1 + cos(pi e / EPOCHS)) / 2         CosineAnnealingLR,
                                                                           eta_min 0
(Cosine annealing goes on past EPOCHS as PyTorch's does: back up again over the next EPOCHS.)
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .. import choices
from ..i18n import QT_TRANSLATE_NOOP
from .errors import EngineError


@dataclass(frozen=True)
class LRSchedule:
    kind: str = "constant"     # one of choices.LR_SCHEDULE_KINDS
    epochs: int = 0            # step and cosine
    factor: float = 1.0        # step's FACTOR, exp's GAMMA

    @classmethod
    def parse(cls, text: str) -> "LRSchedule":
        """From "constant", "step:10:0.5", "exp:0.95" or "cosine:50"; raises EngineError."""
        kind, *args = str(text).strip().split(":")
        want = {"constant": 0, "step": 2, "exp": 1, "cosine": 1}.get(kind)
        if want is None or len(args) != want:
            raise EngineError(QT_TRANSLATE_NOOP("engine", "learning-rate schedule {text}: write one "
                                                "of {syntax}"),
                              text=repr(text), syntax=choices.LR_SCHEDULE_SYNTAX)
        if kind == "step":
            return cls(kind, _whole(args[0], text), _positive(args[1], text))
        if kind == "exp":
            return cls(kind, 0, _positive(args[0], text))
        if kind == "cosine":
            return cls(kind, _whole(args[0], text))
        return cls()

    def __str__(self) -> str:
        if self.kind == "step":
            return f"step:{self.epochs}:{self.factor:g}"
        if self.kind == "exp":
            return f"exp:{self.factor:g}"
        if self.kind == "cosine":
            return f"cosine:{self.epochs}"
        return "constant"

    def lr(self, base: float, epoch: int) -> float:
        """The learning rate of epoch ``epoch`` (0-based) for a base rate ``base``."""
        if self.kind == "step":
            return base * self.factor ** (epoch // self.epochs)
        if self.kind == "exp":
            return base * self.factor ** epoch
        if self.kind == "cosine":
            return base * (1.0 + math.cos(math.pi * epoch / self.epochs)) / 2.0
        return base


def _whole(text: str, schedule: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise EngineError(QT_TRANSLATE_NOOP("engine", "learning-rate schedule {schedule}: {text} is "
                                            "not a whole number of epochs"),
                          schedule=repr(schedule), text=repr(text)) from None
    if n < 1:
        raise EngineError(QT_TRANSLATE_NOOP("engine", "learning-rate schedule {schedule}: the number "
                                            "of epochs must be at least 1, not {n}"),
                          schedule=repr(schedule), n=n)
    return n


def _positive(text: str, schedule: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise EngineError(QT_TRANSLATE_NOOP("engine", "learning-rate schedule {schedule}: {text} is "
                                            "not a number"),
                          schedule=repr(schedule), text=repr(text)) from None
    if not (math.isfinite(v) and v > 0):
        raise EngineError(QT_TRANSLATE_NOOP("engine", "learning-rate schedule {schedule}: the factor "
                                            "must be a positive number, not {text}"),
                          schedule=repr(schedule), text=text)
    return v
