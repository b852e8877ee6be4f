"""How much memory a network and its training take, worked out before anything is allocated, so
that a network too big for the machine is refused with a number instead of swapping it to death.

The counts follow the arrays the engine allocates (float64, 8 bytes a number):

- the network (``Network``): ``params`` and ``decay_mask`` (n_params each) and, while the
  weights are drawn, one layer's weights of random numbers;
- training (``Trainer``): Adam's / momentum's two moment vectors, the copies of weights and
  moments each run of steps keeps to go back to if the loss runs away, the last good weights
  before them (n_params each), and the workspace (the gradient among it):
  z, a and delta for every unit of every row at once, plus the rows' inputs and targets.

Batch normalisation (``bn_units``: how many units are batch-normalised) adds gamma and beta to the
parameters and a running mean and variance beside them (copied with the weights a run of steps
keeps); a network with a batch-normalised layer or a skip (``extended``) runs the kernels that
keep N_EXT more numbers for every unit of every row and three per unit for the batch statistics.
"""
from __future__ import annotations

import os
from typing import Sequence

from ..i18n import QT_TRANSLATE_NOOP
from .errors import EngineError, message

FLOAT = 8                   # bytes in a float64
#: small arrays and bookkeeping beside the big ones (layouts, per-layer views, losses)
OVERHEAD = 1 << 20
#: Network.evaluate / forward work on at most this many rows at a time
EVAL_CHUNK = 4096
#: per-sample buffers beside z, a and delta in the kernels of networks with BN or skips
#: (y, x_hat, f(y), dL/da, dL/dy: kernels.N_EXT, which a test keeps equal)
N_EXT = 5


def n_params(sizes: Sequence[int], bn_units: int = 0) -> int:
    """Weights and biases, and gamma and beta of each of ``bn_units`` batch-normalised units."""
    return sum(n_out * n_in + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:])) + 2 * bn_units


def network_bytes(sizes: Sequence[int], bn_units: int = 0) -> int:
    """Bytes a Network of these layer sizes allocates: parameters, decay mask, running
    statistics, largest draw."""
    largest_draw = max(n_out * n_in for n_in, n_out in zip(sizes[:-1], sizes[1:]))
    return FLOAT * (2 * n_params(sizes, bn_units) + 2 * bn_units + largest_draw) + OVERHEAD


def workspace_bytes(sizes: Sequence[int], rows: int, bn_units: int = 0,
                    extended: bool = False) -> int:
    """Bytes of a Workspace for ``rows`` samples at once (its gradient vector included)."""
    units = sum(sizes[1:])
    per_unit = (3 + (N_EXT if extended else 0)) * rows + (3 if extended else 0)
    return FLOAT * (per_unit * units + rows * (sizes[0] + sizes[-1]) + n_params(sizes, bn_units))


def training_bytes(sizes: Sequence[int], rows: int, bn_units: int = 0,
                   extended: bool = False) -> int:
    """Bytes training adds to the network: optimiser state, the fall-back copies (of the
    running statistics too), the workspace for ``rows`` samples (the larger of the batch and
    the evaluation chunk)."""
    return (FLOAT * (6 * n_params(sizes, bn_units) + 2 * 2 * bn_units)
            + workspace_bytes(sizes, rows, bn_units, extended) + OVERHEAD)


def available_bytes() -> int | None:
    """Memory the system can give without swapping (Linux: MemAvailable), None if unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def gb(n: float) -> str:
    """Bytes for a person: '3.2 GB', '840 MB'."""
    for unit, size in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{n / 1e3:.3g} kB"


#: what needs the memory, for :func:`require`
TRAINING = QT_TRANSLATE_NOOP("engine", "training")
HOLDING_WEIGHTS = QT_TRANSLATE_NOOP("engine", "holding the weights")


def require(sizes: Sequence[int], need: int, what: str) -> None:
    """Raise EngineError if ``need`` bytes (for ``what``: TRAINING or HOLDING_WEIGHTS) exceed
    the memory available now."""
    free = available_bytes()
    if free is not None and need > free:
        raise EngineError(QT_TRANSLATE_NOOP("engine", "{what} of a {arch} network would need {need} of "
                                            "memory and {free} is available; use fewer or smaller "
                                            "layers (or a smaller batch)"),
                          what=message(what), arch="-".join(map(str, sizes)), need=gb(need),
                          free=gb(free))
