"""Training runs kept side by side: their settings, curves and final weights, without Qt.

A ``Run`` is one stretch of training: the settings it used (architecture, data, optimiser, ...),
its curves (minibatch loss per step, and evaluations: train/test loss and accuracy), and the
weights it ended with (the model file's dict). ``RunList`` keeps the newest ``MAX_RUNS``; it
names each run by only the settings that differ between the runs shown together, and writes
the table of final results and the curves as CSV.
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

MAX_RUNS = 20
RUN_FORMAT = "backpropviz.run"
#: the settings in the order a label names them
SETTING_ORDER = ("data", "architecture", "activation", "optimizer", "lr", "batch", "l2", "clip",
                 "init", "seed")


@dataclass
class Run:
    """One training run. ``steps``/``losses``: the kept steps (1-based) and their minibatch
    losses; ``eval_steps`` with ``train_loss``, ``test_loss``, ``train_accuracy``,
    ``test_accuracy`` (NaN where not measured); ``model``: the final weights as a model dict;
    ``parent``: the number of the run this one branched from (resumed from a rewind), and at
    which step."""
    number: int
    settings: dict[str, Any]
    steps: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    losses: np.ndarray = field(default_factory=lambda: np.zeros(0))
    eval_steps: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    train_loss: np.ndarray = field(default_factory=lambda: np.zeros(0))
    test_loss: np.ndarray = field(default_factory=lambda: np.zeros(0))
    train_accuracy: np.ndarray = field(default_factory=lambda: np.zeros(0))
    test_accuracy: np.ndarray = field(default_factory=lambda: np.zeros(0))
    seconds: float = 0.0
    model: dict | None = None
    parent: tuple[int, int] | None = None

    @property
    def total_steps(self) -> int:
        return int(self.steps[-1]) if len(self.steps) else 0

    def final(self, name: str) -> float:
        """The last measured value of an evaluation curve (NaN if none)."""
        values = getattr(self, name)
        good = values[np.isfinite(values)] if len(values) else values
        return float(good[-1]) if len(good) else float("nan")

    def to_dict(self) -> dict:
        def floats(a):
            return [None if not math.isfinite(v) else float(v) for v in np.asarray(a, float)]
        return {"format": RUN_FORMAT, "version": 1, "number": self.number,
                "settings": self.settings, "seconds": self.seconds,
                "parent": list(self.parent) if self.parent else None,
                "steps": [int(s) for s in self.steps], "losses": floats(self.losses),
                "eval_steps": [int(s) for s in self.eval_steps],
                "train_loss": floats(self.train_loss), "test_loss": floats(self.test_loss),
                "train_accuracy": floats(self.train_accuracy),
                "test_accuracy": floats(self.test_accuracy), "model": self.model}

    @classmethod
    def from_dict(cls, d: Any) -> "Run":
        """A run from ``to_dict``'s form; ValueError with a one-line reason otherwise."""
        if not isinstance(d, dict) or d.get("format") != RUN_FORMAT:
            raise ValueError(f"not a saved run (no \"format\": \"{RUN_FORMAT}\")")

        def arr(key, dtype=float):
            try:
                return np.array([np.nan if v is None else v for v in d.get(key, [])], dtype=dtype)
            except (TypeError, ValueError):
                raise ValueError(f"{key!r} must be a list of numbers") from None
        steps, eval_steps = arr("steps", np.int64), arr("eval_steps", np.int64)
        run = cls(int(d.get("number", 0)), dict(d.get("settings") or {}), steps, arr("losses"),
                  eval_steps, arr("train_loss"), arr("test_loss"), arr("train_accuracy"),
                  arr("test_accuracy"), float(d.get("seconds") or 0.0), d.get("model"),
                  tuple(d["parent"]) if d.get("parent") else None)
        if len(run.losses) != len(steps):
            raise ValueError("'steps' and 'losses' differ in length")
        if any(len(getattr(run, k)) != len(eval_steps) for k in
               ("train_loss", "test_loss", "train_accuracy", "test_accuracy")):
            raise ValueError("the evaluation curves differ in length from 'eval_steps'")
        return run


def differing(runs: Sequence[Run]) -> list[str]:
    """The settings whose values are not the same in all ``runs``, in SETTING_ORDER then by name."""
    keys = {k for r in runs for k in r.settings}
    diff = [k for k in keys if len({json.dumps(r.settings.get(k), sort_keys=True) for r in runs}) > 1]
    order = {k: i for i, k in enumerate(SETTING_ORDER)}
    return sorted(diff, key=lambda k: (order.get(k, len(order)), k))


def label(run: Run, keys: Sequence[str]) -> str:
    """'run 3: optimizer adam, lr 0.01' naming only ``keys`` (just 'run 3' when none)."""
    parts = [f"{k} {_text(run.settings.get(k))}" for k in keys]
    return f"run {run.number}" + (": " + ", ".join(parts) if parts else "")


def _text(v: Any) -> str:
    if isinstance(v, (float, np.floating)):
        return f"{v:g}"
    if isinstance(v, (list, tuple)):
        return "-".join(map(str, v))
    return str(v)


class RunList:
    """The newest MAX_RUNS runs, numbered from 1 in the order they started."""

    def __init__(self, limit: int = MAX_RUNS):
        self.limit = limit
        self.runs: list[Run] = []
        self._next = 1

    def __len__(self) -> int:
        return len(self.runs)

    def new(self, settings: dict[str, Any], parent: tuple[int, int] | None = None) -> Run:
        run = Run(self._next, dict(settings), parent=parent)
        self._next += 1
        self.add(run)
        return run

    def add(self, run: Run) -> None:
        if run.number >= self._next:
            self._next = run.number + 1
        if any(r.number == run.number for r in self.runs):
            run.number = self._next
            self._next += 1
        self.runs.append(run)
        del self.runs[:-self.limit]

    def remove(self, number: int) -> None:
        self.runs = [r for r in self.runs if r.number != number]

    def get(self, number: int) -> Run:
        for r in self.runs:
            if r.number == number:
                return r
        raise KeyError(number)

    # --- tables ---------------------------------------------------------------------------------
    def table(self, runs: Sequence[Run] | None = None) -> list[dict[str, Any]]:
        """One row per run: its label, the differing settings, final losses and accuracies,
        steps and seconds."""
        runs = list(self.runs if runs is None else runs)
        keys = differing(runs)
        rows = []
        for r in runs:
            row = {"run": r.number, "label": label(r, keys)}
            row.update({k: _text(r.settings.get(k)) for k in keys})
            row.update({"train_loss": r.final("train_loss"), "test_loss": r.final("test_loss"),
                        "train_accuracy": r.final("train_accuracy"),
                        "test_accuracy": r.final("test_accuracy"), "steps": r.total_steps,
                        "seconds": r.seconds})
            rows.append(row)
        return rows

    def table_csv(self, runs: Sequence[Run] | None = None) -> str:
        rows = self.table(runs)
        out = io.StringIO()
        if rows:
            w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
            w.writeheader()
            for row in rows:
                w.writerow({k: _csv_value(v) for k, v in row.items()})
        return out.getvalue()

    def curves_csv(self, runs: Sequence[Run] | None = None) -> str:
        """Long format: run, curve, step, value; one line per kept point of every curve."""
        runs = list(self.runs if runs is None else runs)
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["run", "curve", "step", "value"])
        for r in runs:
            for s, v in zip(r.steps, r.losses):
                w.writerow([r.number, "minibatch_loss", int(s), _csv_value(v)])
            for name in ("train_loss", "test_loss", "train_accuracy", "test_accuracy"):
                for s, v in zip(r.eval_steps, getattr(r, name)):
                    if math.isfinite(v):
                        w.writerow([r.number, name, int(s), _csv_value(v)])
        return out.getvalue()


def _csv_value(v: Any) -> Any:
    if isinstance(v, (float, np.floating)):
        return "" if not math.isfinite(v) else repr(float(v))
    return v


def save_run(run: Run, path: str | os.PathLike) -> None:
    """Write a run as JSON, atomically."""
    from .engine.atomic_file import write_json_atomic
    write_json_atomic(path, run.to_dict())


def load_run(path: str | os.PathLike) -> Run:
    """Read a run saved by save_run; ValueError naming the file otherwise."""
    name = str(path)
    try:
        with open(path, encoding="utf-8-sig") as f:
            d = json.load(f)
    except FileNotFoundError:
        raise ValueError(f"{name}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ValueError(f"{name}: cannot be read ({e})") from None
    except json.JSONDecodeError as e:
        raise ValueError(f"{name}, line {e.lineno}: not valid JSON ({e.msg})") from None
    try:
        return Run.from_dict(d)
    except ValueError as e:
        raise ValueError(f"{name}: {e}") from None
