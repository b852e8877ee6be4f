"""The Dataset the engine trains on, and :func:`load_dataset`, the one way to make one.

load_dataset turns a spec (``"builtin:NAME"`` or a file path) into a Dataset in four steps:
read raw X and y (a generator, a bundled CSV or :func:`read_table`); decide the task and encode the
target; split train/test with a seeded generator, stratified by class; standardise the features
with the mean and standard deviation of the training part only, so nothing of the test part leaks
into training.

Randomness: a generator draws from ``default_rng(seed)`` and the split from
``default_rng([seed, 1])``, two independent streams, so the same arguments always give
bit-identical arrays.
"""
from __future__ import annotations

import math
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..choices import TASKS
from ..standardize import standardize as standardized, statistics, unstandardize
from .builtin import BUILTINS, generate, get_builtin
from ..i18n import QT_TRANSLATE_NOOP, Message
from .errors import DatasetError, column_named, message, shown, where
from .memory import check_memory
from .idx import IdxSet, looks_like_idx, read_idx_set
from .loaders import read_table
from .table import TableInfo

#: task "auto" takes integer-valued targets with at most this many distinct values as classes;
#: more (ages, prices, counts) are taken as a regression target.
MAX_AUTO_CLASSES = 50
#: a classification target with more distinct values than this is refused (one-hot too wide)
MAX_CLASSES = 1000
#: the tasks in messages' words
TASK_WORDS = {"classification": QT_TRANSLATE_NOOP("data", "classification"),
              "regression": QT_TRANSLATE_NOOP("data", "regression")}
#: features files with this many columns are shown as images of this shape
IMAGE_SHAPES = {64: (8, 8), 784: (28, 28)}


@dataclass(eq=False)
class Dataset:
    """A data set split into training and test parts, ready for a network.

    X_train, X_test: float64, shape (n_train, d) and (n_test, d), C-contiguous; standardised
        when ``mean``/``std`` are set (x_std = (x_raw - mean) / std).
    y_train, y_test: classification: int64 class indices, shape (n,), into class_names;
        regression: float64, shape (n, k), one column per name in target_names.
    mean, std: float64, shape (d,), from the training part only; None if not standardised.
    image_shape: (rows, cols) when each sample is an image (64 -> 8x8, 784 -> 28x28, or the
        shape an IDX file gives), else None.
    load_args: the keyword arguments of load_dataset that rebuild this very data set; without
        "test_fraction" when the files bring their own train/test split (an IDX folder).
    info: what the table file held (TableInfo) when the data came from one, else None.
    """
    name: str
    source: str
    task: str
    X_train: np.ndarray
    X_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray
    feature_names: list[str]
    target_names: list[str]
    class_names: list[str] | None
    mean: np.ndarray | None
    std: np.ndarray | None
    image_shape: tuple[int, int] | None
    load_args: dict[str, Any] = field(default_factory=dict)
    info: TableInfo | None = None
    #: the rows of the data as read (file order) that make the training and test parts, in
    #: their order; None where the parts were given (an IDX folder)
    train_rows: np.ndarray | None = field(default=None, repr=False)
    test_rows: np.ndarray | None = field(default=None, repr=False)

    @property
    def n_features(self) -> int:
        return self.X_train.shape[1]

    @property
    def n_classes(self) -> int:
        """Number of classes; 0 for regression."""
        return len(self.class_names) if self.task == "classification" and self.class_names else 0

    @property
    def n_targets(self) -> int:
        """Target columns: k for regression, 1 (the label) for classification."""
        return self.y_train.shape[1] if self.task == "regression" else 1

    @property
    def n_train(self) -> int:
        return self.X_train.shape[0]

    @property
    def n_test(self) -> int:
        return self.X_test.shape[0]

    def _part(self, which: str) -> tuple[np.ndarray, np.ndarray]:
        if which == "train":
            return self.X_train, self.y_train
        if which == "test":
            return self.X_test, self.y_test
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: which must be 'train' or 'test', not "
                                             "{which}"), name=self.name, which=repr(which))

    def target_matrix(self, which: str, n_outputs: int) -> np.ndarray:
        """Targets shaped for a network with ``n_outputs`` output units.

        which: "train" or "test". Returns float64, shape (n, n_outputs), C-contiguous, a new array:
        classification with 2 classes and 1 output: the class index as 0.0 / 1.0 (sigmoid);
        classification with n_outputs == n_classes: one-hot rows (softmax);
        regression: y itself, which needs n_outputs == number of target columns.
        """
        _, y = self._part(which)
        if self.task == "regression":
            k = y.shape[1]
            if n_outputs != k:
                if k == 1:
                    raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: the network has {outputs} "
                                                         "outputs but the data has 1 regression "
                                                         "target; give the network 1 output"),
                                       name=self.name, outputs=n_outputs)
                raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: the network has {outputs} "
                                                     "outputs but the data has {k} regression "
                                                     "targets; give the network {k} outputs"),
                                   name=self.name, outputs=n_outputs, k=k)
            return np.array(y, dtype=np.float64, order="C")
        n_classes = self.n_classes
        if n_outputs == 1 and n_classes == 2:
            return y.astype(np.float64).reshape(-1, 1)
        if n_outputs == n_classes:
            onehot = np.zeros((len(y), n_classes), dtype=np.float64)
            onehot[np.arange(len(y)), y] = 1.0
            return onehot
        if n_classes == 2:
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: the network has {outputs} outputs "
                                                 "but the data has 2 classes; give it 2 outputs (or "
                                                 "1 output with sigmoid)"),
                               name=self.name, outputs=n_outputs)
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: the network has {outputs} outputs but "
                                             "the data has {classes} classes; give it {classes} "
                                             "outputs"), name=self.name, outputs=n_outputs,
                           classes=n_classes)

    def X_all(self) -> np.ndarray:
        """Training then test rows, float64 (n_train + n_test, d)."""
        return np.concatenate([self.X_train, self.X_test])

    def y_all(self) -> np.ndarray:
        """Training then test targets, matching X_all's rows."""
        return np.concatenate([self.y_train, self.y_test])

    def transform(self, X_raw: np.ndarray) -> np.ndarray:
        """Raw feature values (n, d), e.g. a grid in the file's units, into the network's inputs."""
        X = np.asarray(X_raw, dtype=np.float64)
        if self.mean is None or self.std is None:
            return np.array(X, order="C")
        return standardized(X, self.mean, self.std)

    def to_raw(self, X: np.ndarray) -> np.ndarray:
        """Undo the standardisation: network inputs (n, d) back to the file's units."""
        X = np.asarray(X, dtype=np.float64)
        if self.mean is None or self.std is None:
            return np.array(X, order="C")
        return unstandardize(X, self.mean, self.std)

    def with_normalization(self, mean, std) -> "Dataset":
        """The same data standardised with other statistics (a loaded model's own), so that the
        network sees its inputs scaled exactly as when it was trained."""
        mean = np.asarray(mean, dtype=np.float64)
        std = np.asarray(std, dtype=np.float64)
        raw_train, raw_test = self.to_raw(self.X_train), self.to_raw(self.X_test)
        return dataclasses.replace(self, X_train=standardized(raw_train, mean, std),
                                   X_test=standardized(raw_test, mean, std), mean=mean, std=std)

    def normalization_dict(self) -> dict[str, list[float]] | None:
        """{"mean": [...], "std": [...]} per feature, for the saved model file; None if raw."""
        if self.mean is None or self.std is None:
            return None
        return {"mean": self.mean.tolist(), "std": self.std.tolist()}

    def summary(self) -> Message:
        """One line for lists and status bars, e.g.
        "iris: classification, 4 features, 3 classes, 120 train / 30 test" (``str()`` it for
        English; the window shows it in its language)."""
        if self.task == "classification":
            what = message(QT_TRANSLATE_NOOP("data", "{n} classes"), n=self.n_classes)
            task = TASK_WORDS["classification"]
        else:
            what = (message(QT_TRANSLATE_NOOP("data", "1 target")) if self.n_targets == 1 else
                    message(QT_TRANSLATE_NOOP("data", "{n} targets"), n=self.n_targets))
            task = TASK_WORDS["regression"]
        features = (message(QT_TRANSLATE_NOOP("data", "1 feature")) if self.n_features == 1 else
                    message(QT_TRANSLATE_NOOP("data", "{n} features"), n=self.n_features))
        return message(QT_TRANSLATE_NOOP("data", "{name}: {task}, {features}, {what}, {train} train / "
                                         "{test} test"),
                       name=self.name, task=message(task), features=features, what=what,
                       train=self.n_train, test=self.n_test)


def load_dataset(spec: str | Path, *, target: str | int | None = None, task: str = "auto",
                 test_fraction: float = 0.2, seed: int = 0, standardize: bool = True,
                 n: int | None = None, noise: float | None = None,
                 labels: str | Path | None = None) -> Dataset:
    """Build a Dataset from ``"builtin:NAME"``, a data file, or IDX images (MNIST's format).

    IDX: ``spec`` a folder holding the four standard files (their own train/test split is used,
    test_fraction does not apply) or one images file, whose labels are ``labels`` or the file
    named as MNIST names it beside it (split by test_fraction).

    target: the target column of a file (name or 0-based index; default the last column).
    task: "auto", "classification" or "regression". Auto takes text, bool and integer-valued
        targets with at most MAX_AUTO_CLASSES distinct values as classes, anything else as
        regression.
    test_fraction: share of rows held out for testing, in [0, 1); stratified by class.
    seed: non-negative integer; the same arguments give bit-identical data.
    n, noise: sample count and noise level of a generated built-in; None takes its defaults.
    Raises DatasetError for every problem, with a one-line message.
    """
    test_fraction, seed = _checked_options("", task, TASKS, test_fraction, seed)
    load_args = dict(spec=str(spec), target=target, task=task, test_fraction=test_fraction,
                     seed=seed, standardize=bool(standardize), n=n, noise=noise)

    info = None
    if isinstance(spec, str) and spec.startswith("builtin:"):
        name = spec[len("builtin:"):].strip().lower()
        b = get_builtin(name)
        source = f"builtin:{name}"
        if b.is_generator:
            if target is not None:
                raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: a generated data set has no "
                                                     "target column to choose; leave target unset"),
                                   file=source)
            if task not in ("auto", b.task):
                raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: is a {task} data set; leave task "
                                                     "at 'auto' or set it to {choice}"),
                                   file=source, task=message(TASK_WORDS[b.task]), choice=repr(b.task))
            X, y_raw = generate(name, n, noise, seed)
            feature_names = list(b.feature_names)
            target_label = message(QT_TRANSLATE_NOOP("data", "{file}, target"), file=source)
            resolved_task = b.task
        else:
            if n is not None or noise is not None:
                raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: n and noise apply only to "
                                                     "generated data sets ({names}); leave them "
                                                     "unset"), file=source,
                                   names=", ".join(k for k, v in BUILTINS.items() if v.is_generator))
            X, y_raw, info = read_table(b.path, b.target if target is None else target)
            feature_names, resolved_task = info.feature_names, task
            target_label = where(b.path, column=column_named(info.target_name))
    else:
        if isinstance(spec, str) and not spec.strip():
            raise DatasetError(QT_TRANSLATE_NOOP("data", "no data set given; name a file or "
                                                 "'builtin:NAME'"))
        if not isinstance(spec, (str, Path)):
            raise DatasetError(QT_TRANSLATE_NOOP("data", "a data set is named by a path or "
                                                 "'builtin:NAME', not {type}"),
                               type=type(spec).__name__)
        if n is not None or noise is not None:
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: n and noise apply only to generated "
                                                 "built-ins; leave them unset for a file"),
                               file=where(spec))
        if looks_like_idx(spec):
            return _load_images(spec, labels, task=task, target=target,
                                test_fraction=float(test_fraction), seed=seed,
                                standardize=bool(standardize))
        if labels is not None:
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: a labels file goes with IDX images "
                                                 "only; a table carries its target in a column"),
                               file=where(spec))
        X, y_raw, info = read_table(spec, target)
        name, source = info.path.name, str(spec)
        feature_names, resolved_task = info.feature_names, task
        column = (message(QT_TRANSLATE_NOOP("data", "target")) if info.kind == "npz"
                  else column_named(info.target_name))
        target_label = where(spec, column=column)

    resolved_task, y, class_names, target_names = _encode_target(
        y_raw, resolved_task, target_label, info.target_name if info else "y")
    return _split_into_dataset(name, source, resolved_task, X, y, feature_names, target_names,
                               class_names, test_fraction, seed, standardize, load_args, info)


def _checked_options(what: str, task: str, tasks: tuple[str, ...], test_fraction: Any,
                     seed: Any) -> tuple[float, int]:
    """The task, test fraction and seed checked (messages start with ``what``, if given);
    returns (test_fraction as float, seed as int)."""
    problem = None
    if task not in tasks:
        problem = message(QT_TRANSLATE_NOOP("data", "task must be one of {tasks}, not {task}"),
                          tasks=", ".join(map(repr, tasks)), task=repr(task))
    elif isinstance(test_fraction, bool) or not isinstance(test_fraction, (int, float, np.number)) \
            or not (0.0 <= float(test_fraction) < 1.0):
        problem = message(QT_TRANSLATE_NOOP("data", "test_fraction must be a number from 0 up to (not "
                                            "including) 1, not {value}"), value=repr(test_fraction))
    elif isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        problem = message(QT_TRANSLATE_NOOP("data", "seed must be a whole number >= 0, not {value}"),
                          value=repr(seed))
    if problem is not None:
        if what:
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: {problem}"), name=what,
                               problem=problem)
        raise DatasetError(problem)
    return float(test_fraction), int(seed)


def _split_into_dataset(name: str, source: str, task: str, X: np.ndarray, y: np.ndarray,
                        feature_names: list[str], target_names: list[str],
                        class_names: list[str] | None, test_fraction: float, seed: int,
                        standardize: bool, load_args: dict[str, Any], info: TableInfo | None,
                        keep_order: bool = False) -> Dataset:
    """Split X (n, d) and encoded y into training and test parts (stratified by class, seeded),
    standardise with the training part's statistics if asked, and make the Dataset.

    keep_order: with test_fraction 0, keep every row in the given order instead of shuffling.
    """
    n, d = X.shape
    if keep_order and test_fraction == 0.0:
        train_idx, test_idx = np.arange(n, dtype=np.int64), np.zeros(0, dtype=np.int64)
    else:
        train_idx, test_idx = split_indices(y if task == "classification" else None, n,
                                            test_fraction, np.random.default_rng([seed, 1]))
    X_train, X_test = _split_rows(name, X, train_idx, test_idx)
    mean = std = None
    if standardize:
        mean, std = statistics(X_train)
        # in place: the two parts are the data set's one float64 copy
        standardized(X_train, mean, std, in_place=True)
        standardized(X_test, mean, std, in_place=True)
    return Dataset(
        name=name, source=source, task=task, X_train=X_train, X_test=X_test,
        y_train=np.ascontiguousarray(y[train_idx]), y_test=np.ascontiguousarray(y[test_idx]),
        feature_names=list(feature_names), target_names=list(target_names),
        class_names=class_names, mean=mean, std=std, image_shape=IMAGE_SHAPES.get(d),
        load_args=load_args, info=info, train_rows=train_idx, test_rows=test_idx)


def _split_rows(name: str, X: np.ndarray, train_idx: np.ndarray, test_idx: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    """X's rows train_idx then test_idx as the training and test parts: two C-contiguous
    float64 views of one array, so a data set is held once.

    X: (n, d), the caller's own array (freshly read or made), which this may reorder in place.
    A float64 X of rows at least IN_PLACE_MIN_FEATURES wide is reordered in place, so no
    second float64 copy of the data is ever made (narrower rows are copied: there the row maps
    of the reordering would cost nearly as much as the copy, and take longer). Any other dtype
    (bytes, float32, integers) is converted block by block into one new float64 array.
    """
    n, d = X.shape
    order = np.concatenate([train_idx, test_idx])
    if X.dtype == np.float64 and X.flags.c_contiguous and X.flags.writeable \
            and d >= IN_PLACE_MIN_FEATURES:
        check_memory(name, 2 * order.nbytes + REORDER_BLOCK_BYTES,
                     message(QT_TRANSLATE_NOOP("data", "reordering {rows} rows x {features} features "
                                               "into training and test"),
                             rows=f"{n:,}", features=f"{d:,}"))
        if not np.array_equal(order, np.arange(n)):
            reorder_rows_in_place(X, order)
        rows = X
    else:
        check_memory(name, n * d * 8,
                     message(QT_TRANSLATE_NOOP("data", "converting {rows} rows x {features} features "
                                               "to float64"), rows=f"{n:,}", features=f"{d:,}"))
        rows = np.empty((n, d), dtype=np.float64)
        step = _block_rows(d)
        for lo in range(0, n, step):
            rows[lo:lo + step] = X[order[lo:lo + step]]
    return rows[:len(train_idx)], rows[len(train_idx):]


#: rows this wide (8 bytes a feature) are reordered in place; the reordering's two row maps
#: take 16 bytes a row
IN_PLACE_MIN_FEATURES = 8
#: bytes of rows :func:`reorder_rows_in_place` moves at a time
REORDER_BLOCK_BYTES = 1 << 22


def _block_rows(d: int) -> int:
    return max(1, REORDER_BLOCK_BYTES // (8 * max(d, 1)))


def reorder_rows_in_place(X: np.ndarray, order: np.ndarray, block: int | None = None) -> None:
    """X[:] = X[order] without a copy of X: O(n) row moves, vectorised a block at a time.

    X: (n, d), C-contiguous; order: a permutation of 0..n-1 (int). Position i receives the
    row that was at order[i]. Besides X this holds two int64 (n,) maps and one block of
    ``block`` rows (default about REORDER_BLOCK_BYTES).

    Positions are filled block by block, front to back. The rows a block wants are copied out;
    the rows sitting in the block that it does not want move into the places the wanted rows
    left behind (further back, since everything in front is final); then the block is written.
    """
    n = X.shape[0]
    block = block or _block_rows(X.shape[1] if X.ndim > 1 else 1)
    where = np.arange(n)      # where[row]: the position the original row ``row`` is now at
    held = np.arange(n)       # held[pos]: the original row now at position ``pos``
    for lo in range(0, n, block):
        hi = min(lo + block, n)
        wanted = order[lo:hi]
        src = where[wanted]                  # all >= lo: positions before lo are final
        rows = X[src]                        # a copy: one block
        inside = np.zeros(hi - lo, dtype=bool)
        inside[src[src < hi] - lo] = True    # rows already in the block that stay in it
        displaced = lo + np.flatnonzero(~inside)
        freed = src[src >= hi]               # as many as displaced
        X[freed] = X[displaced]
        moved = held[displaced]
        held[freed] = moved
        where[moved] = freed
        X[lo:hi] = rows
        held[lo:hi] = wanted
        where[wanted] = np.arange(lo, hi)


def _load_images(spec: str | Path, labels: str | Path | None, *, task: str,
                 target: str | int | None, test_fraction: float, seed: int,
                 standardize: bool) -> Dataset:
    """A Dataset of IDX images: pixels scaled to [0, 1], one float64 row per image.

    Memory: the images are read as bytes (1 byte a pixel) and written once into the float64
    arrays the network trains on, then standardised in place, so 70,000 28x28 images cost their
    440 MB once and no float64 temporary of that size is ever made.
    """
    if target is not None:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: IDX images carry their labels in a "
                                             "labels file; leave the target column unset"),
                           file=where(spec))
    if task == "regression":
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: IDX labels are classes; leave task at "
                                             "'auto' or 'classification'"), file=where(spec))
    s: IdxSet = read_idx_set(spec, labels)
    load_args = dict(spec=str(spec), seed=seed, standardize=standardize)
    if s.test_images is None:
        load_args.update(labels=None if labels is None else str(labels),
                         test_fraction=test_fraction)
    values = np.unique(s.train_labels if s.test_labels is None
                       else np.concatenate([s.train_labels, s.test_labels]))
    if len(values) < 2:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: every label is {label}; classification "
                                             "needs at least two classes"),
                           file=where(s.files[1]), label=int(values[0]))
    known = s.class_names is not None and values[0] >= 0 and values[-1] < len(s.class_names)
    class_names = [s.class_names[v] if known else str(v) for v in values.tolist()]

    if s.test_images is None:
        y = np.searchsorted(values, s.train_labels).astype(np.int64)
        train_idx, test_idx = split_indices(y, len(y), test_fraction,
                                            np.random.default_rng([seed, 1]))
        parts = [(s.train_images, train_idx), (s.train_images, test_idx)]
        y_train, y_test = y[train_idx], y[test_idx]
    else:
        parts = [(s.train_images, None), (s.test_images, None)]
        y_train = np.searchsorted(values, s.train_labels).astype(np.int64)
        y_test = np.searchsorted(values, s.test_labels).astype(np.int64)
    rows, cols = s.image_shape
    X_train, X_test = (_pixels(images, idx, rows * cols) for images, idx in parts)
    del s, parts      # the bytes of the files
    mean = std = None
    if standardize:
        mean, std = _standardize_in_place(X_train, X_test)
    return Dataset(
        name=Path(spec).name, source=str(spec), task="classification",
        X_train=X_train, X_test=X_test, y_train=y_train, y_test=y_test,
        feature_names=[f"pixel {r + 1},{c + 1}" for r in range(rows) for c in range(cols)],
        target_names=["label"], class_names=class_names, mean=mean, std=std,
        image_shape=(rows, cols), load_args=load_args, info=None)


def _pixels(images: np.ndarray, idx: np.ndarray | None, d: int) -> np.ndarray:
    """uint8 images (n, rows, cols) (rows ``idx`` of them, in that order) as float64 (m, d)
    in [0, 1], C-contiguous, made in one pass without a float64 temporary."""
    flat = images.reshape(len(images), d)
    n = len(flat) if idx is None else len(idx)
    X = np.empty((n, d), dtype=np.float64)
    step = 8192
    for lo in range(0, n, step):
        src = flat[lo:lo + step] if idx is None else flat[idx[lo:lo + step]]
        np.divide(src, 255.0, out=X[lo:lo + step])
    return X


def _standardize_in_place(X_train: np.ndarray, X_test: np.ndarray
                          ) -> tuple[np.ndarray, np.ndarray]:
    """Standardise both parts in place with the training part's statistics (as
    :func:`standardization` computes them, ddof 0, a constant column getting std 1), working
    through blocks of rows so that no temporary of the data's size is made."""
    n = len(X_train)
    mean = X_train.mean(axis=0)
    var = np.zeros_like(mean)
    step = 4096
    block = np.empty((min(step, n), X_train.shape[1]))   # reused: fresh pages are slow to map
    for lo in range(0, n, step):
        part = X_train[lo:lo + step]
        np.subtract(part, mean, out=block[:len(part)])
        var += np.einsum("ij,ij->j", block[:len(part)], block[:len(part)])
    std = np.sqrt(var / n)
    std[std <= 1e-12 * np.maximum(1.0, np.abs(mean))] = 1.0
    for X in (X_train, X_test):
        for lo in range(0, len(X), step):
            X[lo:lo + step] -= mean
            X[lo:lo + step] /= std
    return mean, std


def _label_text(v: Any) -> str:
    """A class label as shown: integer-valued numbers without '.0', other floats as repr."""
    if isinstance(v, (bool, np.bool_)):
        return str(bool(v))
    if isinstance(v, (float, np.floating)):
        return str(int(v)) if float(v).is_integer() and abs(v) < 2 ** 53 else repr(float(v))
    return str(v)


def _encode_target(y_raw: np.ndarray, task: str, label: object, target_name: str
                   ) -> tuple[str, np.ndarray, list[str] | None, list[str]]:
    """Decide the task and encode the target.

    y_raw: shape (n,) int, float, bool or str, or (n, k) float (multi-output regression).
    label: where the target lives, for messages (file and column).
    Returns (task, y, class_names, target_names): y int64 (n,) class indices into the sorted
    labels for classification, float64 (n, k) for regression.
    """
    if y_raw.ndim == 2:
        k = y_raw.shape[1]
        if task == "classification" and k != 1:
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: has {k} target columns, which makes "
                                                 "it regression; classification needs a single "
                                                 "label column"), file=label, k=k)
        if task != "classification":
            names = [target_name] if k == 1 else [f"{target_name}{j + 1}" for j in range(k)]
            return "regression", np.ascontiguousarray(y_raw, dtype=np.float64), None, names
        y_raw = y_raw[:, 0]

    kind = y_raw.dtype.kind
    if kind in "US":
        if task == "regression":
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: holds text labels such as {label}; "
                                                 "regression needs a numeric target, so use task "
                                                 "'classification' or another target column"),
                               file=label, label=shown(y_raw[0]))
        task = "classification"
    elif task == "auto":
        if kind == "b":
            task = "classification"
        else:
            integral = kind in "iu" or bool(np.all(np.floor(y_raw) == y_raw))
            few = len(np.unique(y_raw)) <= MAX_AUTO_CLASSES
            task = "classification" if integral and few else "regression"

    if task == "regression":
        return "regression", y_raw.astype(np.float64).reshape(-1, 1), None, [target_name]

    classes, y = np.unique(y_raw, return_inverse=True)
    if len(classes) < 2:
        only = shown(_label_text(classes[0]))
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: every row has the same class ({only}); "
                                             "classification needs at least two classes, so pick "
                                             "another target column or task 'regression'"),
                           file=label, only=only)
    if len(classes) > MAX_CLASSES:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: has {n} distinct values, too many "
                                             "classes (at most {max}); use task 'regression' or "
                                             "another target"),
                           file=label, n=len(classes), max=MAX_CLASSES)
    class_names = [_label_text(c) for c in classes.tolist()]
    return "classification", y.astype(np.int64).reshape(-1), class_names, [target_name]


def split_indices(y: np.ndarray | None, n: int, test_fraction: float, rng: np.random.Generator
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Row indices of the training and test parts, each in random order.

    y: int64 class indices (n,) to stratify by, or None (regression). Each class (or the whole
    set) puts round(test_fraction * count) rows into the test part, but always keeps at least
    one row for training. Returns (train_idx, test_idx), int64 arrays.
    """
    groups = [np.arange(n)] if y is None else [np.flatnonzero(y == c) for c in range(y.max() + 1)]
    train_parts, test_parts = [], []
    for idx in groups:
        idx = rng.permutation(idx)
        n_test = min(math.floor(test_fraction * len(idx) + 0.5), max(len(idx) - 1, 0))
        test_parts.append(idx[:n_test])
        train_parts.append(idx[n_test:])
    train = rng.permutation(np.concatenate(train_parts)).astype(np.int64)
    test = rng.permutation(np.concatenate(test_parts)).astype(np.int64)
    return train, test


def dataset_from_arrays(name: str, X: Any, y: Any, *, task: str,
                        feature_names: list[str] | None = None,
                        target_names: list[str] | None = None,
                        class_names: list[str] | None = None,
                        standardize: bool = False, test_fraction: float = 0.0,
                        seed: int = 0) -> Dataset:
    """A Dataset from arrays held in memory (a lesson's hand-made sample, a table built in code).

    X: numbers, shape (n, d), n >= 1, all finite.
    task: "classification" or "regression".
    y: classification: n labels (ints or strings). Without ``class_names`` the classes are the
        sorted distinct labels (as load_dataset makes them); with it, integer labels are indices
        into class_names and string labels must be among them, so a class may have no row.
        Regression: floats, shape (n,) or (n, k).
    feature_names: d names (default x1 .. xd); target_names: k names for regression (default
        "y" for one column, y1 .. yk for more).
    test_fraction: share held out for testing, in [0, 1), split as load_dataset splits. With 0
        every row is training data in the given order and X_test is empty, shape (0, d).
    standardize: scale features with the training part's mean and std, as load_dataset does.
    The result's ``source`` is "memory:NAME" and its ``load_args`` is empty: there is no file or
    built-in to reload it from. Raises DatasetError for every problem.
    """
    what = str(name)
    test_fraction, seed = _checked_options(what, task, ("classification", "regression"),
                                           test_fraction, seed)
    try:
        X = np.array(X, dtype=np.float64)
    except (TypeError, ValueError):
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: X must be rows of numbers of equal "
                                             "length"), name=what) from None
    if X.ndim != 2 or X.shape[0] < 1 or X.shape[1] < 1:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: X must have shape (samples, features) "
                                             "with at least one of each, not {shape}"),
                           name=what, shape=X.shape)
    if not np.all(np.isfinite(X)):
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: X holds a value that is not a finite "
                                             "number"), name=what)
    n, d = X.shape
    if feature_names is None:
        feature_names = [f"x{j + 1}" for j in range(d)]
    feature_names = list(feature_names)
    if len(feature_names) != d:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: {names} feature names for {d} "
                                             "features"), name=what, names=len(feature_names), d=d)

    y = np.asarray(y)
    if y.ndim == 0 or y.shape[0] != n:
        if y.ndim == 0:
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: X has {n} rows but y has a single "
                                                 "value"), name=what, n=n)
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: X has {n} rows but y has {rows} rows"),
                           name=what, n=n, rows=y.shape[0])
    if task == "regression":
        try:
            y = np.array(y, dtype=np.float64)
        except (TypeError, ValueError):
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: regression needs numeric targets"),
                               name=what) from None
        if y.ndim == 1:
            y = y.reshape(-1, 1)
        if y.ndim != 2 or y.shape[1] < 1:
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: regression targets must have shape "
                                                 "(n,) or (n, k), not {shape}"),
                               name=what, shape=y.shape)
        if not np.all(np.isfinite(y)):
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: y holds a value that is not a "
                                                 "finite number"), name=what)
        k = y.shape[1]
        if target_names is None:
            target_names = ["y"] if k == 1 else [f"y{j + 1}" for j in range(k)]
        target_names = list(target_names)
        if len(target_names) != k:
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: {names} target names for {k} "
                                                 "target columns"),
                               name=what, names=len(target_names), k=k)
        if class_names is not None:
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: class_names apply to "
                                                 "classification; leave them unset"), name=what)
    else:
        if y.ndim != 1:
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: classification needs one label per "
                                                 "row, shape (n,), not {shape}"),
                               name=what, shape=y.shape)
        target_names = ["class"] if target_names is None else list(target_names)
        if len(target_names) != 1:
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: classification has one target "
                                                 "column, so one target name, not {names}"),
                               name=what, names=len(target_names))
        if class_names is None:
            _, y, class_names, _ = _encode_target(y, "classification", what, target_names[0])
        else:
            y, class_names = _labels_as_indices(y, [str(c) for c in class_names], what)

    return _split_into_dataset(name, f"memory:{name}", task, X, y, feature_names, target_names,
                               class_names, test_fraction, seed, standardize, {}, None,
                               keep_order=True)


def _labels_as_indices(y: np.ndarray, class_names: list[str], what: str
                       ) -> tuple[np.ndarray, list[str]]:
    """Labels (ints: indices; strings: names) as int64 class indices into class_names."""
    if len(class_names) < 2:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: classification needs at least two class "
                                             "names"), name=what)
    if len(set(class_names)) != len(class_names):
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: class names must differ from each "
                                             "other"), name=what)
    if y.dtype.kind in "US":
        index = {c: i for i, c in enumerate(class_names)}
        unknown = [v for v in y.tolist() if v not in index]
        if unknown:
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: label {label} is not one of the class "
                                                 "names ({names})"),
                               name=what, label=shown(unknown[0]), names=", ".join(class_names))
        return np.array([index[v] for v in y.tolist()], dtype=np.int64), class_names
    if y.dtype.kind not in "iub" and not (y.dtype.kind == "f" and np.all(np.floor(y) == y)):
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: with class names, labels must be class "
                                             "indices or names"), name=what)
    idx = y.astype(np.int64)
    if idx.size and (idx.min() < 0 or idx.max() >= len(class_names)):
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{name}: class index {index} is outside 0 .. "
                                             "{last}"),
                           name=what, index=int(idx.min() if idx.min() < 0 else idx.max()),
                           last=len(class_names) - 1)
    return idx, class_names
