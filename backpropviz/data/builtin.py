"""Built-in data sets: small 2-D generators in the spirit of TensorFlow Playground, two regression
toys, and two bundled real data sets (iris, digits) stored as CSV under ``resources/datasets``.

Every generator is ``f(n, noise, seed) -> (X, y)``:
    X: float64, shape (n, 2) (``sine``: (n, 1)), C-contiguous;
    y: int64 class indices, shape (n,), for classification; float64, shape (n, 1), for regression.
``noise`` is the standard deviation of Gaussian noise, in the units of X for the classification
sets and of y for the regression sets. The same (n, noise, seed) gives bit-identical arrays.
Two-class generators give each class n // 2 points (the odd one goes to class 0).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Callable

import numpy as np

from ..i18n import QT_TRANSLATE_NOOP
from .errors import DatasetError



def _bundled_datasets() -> Path:
    """resources/datasets of the repository, installed as package data of backpropviz._resources
    (see pyproject.toml); beside the package in a checkout that was never installed."""
    try:
        return Path(str(files("backpropviz._resources"))) / "datasets"
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "resources" / "datasets"


RESOURCES = _bundled_datasets()

#: the plane that ``plane`` samples: y = PLANE_A * x1 + PLANE_B * x2 (+ noise)
PLANE_A, PLANE_B = 1.5, -0.75


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def _two_class_labels(n: int, rng: np.random.Generator) -> np.ndarray:
    """n labels, ceil(n/2) zeros and floor(n/2) ones, in random order; int64 (n,)."""
    return rng.permutation(np.arange(n, dtype=np.int64) >= (n + 1) // 2).astype(np.int64)


def circle(n: int = 300, noise: float = 0.05, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Class 0: a disc of radius 0.5 around the origin; class 1: a ring from 0.7 to 1.0."""
    rng = _rng(seed)
    y = _two_class_labels(n, rng)
    # sqrt makes the disc uniformly filled rather than crowded at its centre
    r = np.where(y == 0, 0.5 * np.sqrt(rng.random(n)), rng.uniform(0.7, 1.0, n))
    angle = rng.uniform(0.0, 2.0 * math.pi, n)
    X = np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    X += rng.normal(0.0, noise, X.shape)
    return np.ascontiguousarray(X), y


def xor(n: int = 300, noise: float = 0.05, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Four quadrants of [-1, 1]^2: class 1 where x1 and x2 have opposite signs (x1 * x2 < 0).

    Points keep 0.05 away from the axes before noise, as in TensorFlow Playground, so the
    noise-free set is cleanly separable.
    """
    rng = _rng(seed)
    quadrant = rng.permutation(np.arange(n) % 4)          # 0: ++, 1: -+, 2: --, 3: +-
    sx = np.where((quadrant == 0) | (quadrant == 3), 1.0, -1.0)
    sy = np.where(quadrant <= 1, 1.0, -1.0)
    X = np.column_stack([sx * rng.uniform(0.05, 1.0, n), sy * rng.uniform(0.05, 1.0, n)])
    y = (sx * sy < 0).astype(np.int64)
    X += rng.normal(0.0, noise, X.shape)
    return np.ascontiguousarray(X), y


def gaussians(n: int = 300, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two round blobs of spread 0.35 (plus noise) centred at (-0.6, -0.6) and (0.6, 0.6)."""
    rng = _rng(seed)
    y = _two_class_labels(n, rng)
    centre = np.where(y[:, None] == 0, -0.6, 0.6)
    X = centre + rng.normal(0.0, 0.35, (n, 2)) + rng.normal(0.0, noise, (n, 2))
    return np.ascontiguousarray(X), y


def spiral(n: int = 400, noise: float = 0.05, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved spiral arms of 1.5 turns each, the second the first turned by pi."""
    rng = _rng(seed)
    y = _two_class_labels(n, rng)
    t = rng.random(n)                                      # position along the arm, 0..1
    r = 0.05 + 0.95 * t
    angle = 3.0 * math.pi * t + math.pi * y
    X = np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    X += rng.normal(0.0, noise, X.shape)
    return np.ascontiguousarray(X), y


def moons(n: int = 300, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles of radius 1: class 0 the upper arc centred at (0, 0),
    class 1 the lower arc centred at (1, 0.5); shifted so the whole set is centred near 0."""
    rng = _rng(seed)
    y = _two_class_labels(n, rng)
    angle = rng.uniform(0.0, math.pi, n)
    upper = np.column_stack([np.cos(angle), np.sin(angle)])
    lower = np.column_stack([1.0 - np.cos(angle), 0.5 - np.sin(angle)])
    X = np.where(y[:, None] == 0, upper, lower) - np.array([0.5, 0.25])
    X += rng.normal(0.0, noise, X.shape)
    return np.ascontiguousarray(X), y


def plane(n: int = 200, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Regression: x uniform on [-1, 1]^2, y = 1.5 x1 - 0.75 x2 + noise; y shape (n, 1)."""
    rng = _rng(seed)
    X = rng.uniform(-1.0, 1.0, (n, 2))
    y = PLANE_A * X[:, 0] + PLANE_B * X[:, 1] + rng.normal(0.0, noise, n)
    return np.ascontiguousarray(X), y.reshape(n, 1)


def sine(n: int = 200, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Regression: x uniform on [-pi, pi], y = sin(x) + noise; X shape (n, 1), y shape (n, 1)."""
    rng = _rng(seed)
    x = rng.uniform(-math.pi, math.pi, n)
    y = np.sin(x) + rng.normal(0.0, noise, n)
    return x.reshape(n, 1).copy(), y.reshape(n, 1)


@dataclass(frozen=True)
class Builtin:
    """One entry of the catalogue: a generator or a bundled CSV file."""
    name: str
    description: str
    task: str                                   # "classification" | "regression"
    generate: Callable[..., tuple[np.ndarray, np.ndarray]] | None = None
    default_n: int = 0
    default_noise: float = 0.0
    feature_names: tuple[str, ...] = ("x1", "x2")
    file: str | None = None                     # bundled: CSV file name in RESOURCES
    target: str | None = None                   # bundled: the label column

    @property
    def is_generator(self) -> bool:
        return self.generate is not None

    @property
    def path(self) -> Path:
        assert self.file is not None, f"{self.name} is a generator, not a file"
        return RESOURCES / self.file


BUILTINS: dict[str, Builtin] = {b.name: b for b in [
    Builtin("circle", "2-D classification: a disc inside a ring", "classification",
            circle, 300, 0.05),
    Builtin("xor", "2-D classification: four quadrants, opposite corners alike", "classification",
            xor, 300, 0.05),
    Builtin("gaussians", "2-D classification: two Gaussian blobs", "classification",
            gaussians, 300, 0.1),
    Builtin("spiral", "2-D classification: two interleaved spirals", "classification",
            spiral, 400, 0.05),
    Builtin("moons", "2-D classification: two interleaving half-moons", "classification",
            moons, 300, 0.1),
    Builtin("plane", "regression: y = 1.5 x1 - 0.75 x2 + noise, 2 inputs", "regression",
            plane, 200, 0.1),
    Builtin("sine", "regression: y = sin(x) + noise, x in [-pi, pi], 1 input", "regression",
            sine, 200, 0.1, feature_names=("x",)),
    Builtin("iris", "iris flowers: 150 x 4 measurements in cm, 3 species", "classification",
            file="iris.csv", target="species"),
    Builtin("digits", "handwritten digits: 1797 8x8 images, pixels 0..16, 10 classes",
            "classification", file="digits.csv", target="digit"),
]}

MAX_N = 1_000_000


def list_builtins() -> list[tuple[str, str]]:
    """(name, one-line description) of every built-in data set, in a stable order."""
    return [(b.name, b.description) for b in BUILTINS.values()]


def get_builtin(name: str) -> Builtin:
    """The catalogue entry called ``name``; DatasetError listing the known names otherwise."""
    try:
        return BUILTINS[name]
    except (KeyError, TypeError):
        known = ", ".join(BUILTINS)
        raise DatasetError(QT_TRANSLATE_NOOP("data", "builtin:{name}: no built-in data set of that "
                                             "name; the built-ins are {known}"),
                           name=name, known=known) from None


def generate(name: str, n: int | None, noise: float | None, seed: int
             ) -> tuple[np.ndarray, np.ndarray]:
    """Run generator ``name`` with the given or default n and noise, after checking them."""
    b = get_builtin(name)
    if b.generate is None:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "builtin:{name}: is a bundled file, so n and "
                                             "noise do not apply; leave them unset"), name=name)
    if n is None:
        n = b.default_n
    if noise is None:
        noise = b.default_noise
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 4 <= n <= MAX_N:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "builtin:{name}: n must be a whole number from 4 "
                                             "to {max}, not {n}"), name=name, max=f"{MAX_N:,}",
                           n=repr(n))
    if isinstance(noise, bool) or not isinstance(noise, (int, float, np.number)) \
            or not math.isfinite(noise) or noise < 0:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "builtin:{name}: noise must be a finite number "
                                             ">= 0, not {noise}"), name=name, noise=repr(noise))
    return b.generate(int(n), float(noise), seed)
