"""IDX files, the format MNIST and Fashion-MNIST come in, and the folders that hold them.

An IDX file (LeCun's MNIST page) is a 4-byte magic number, then one big-endian uint32 per
dimension, then the values in row-major order. The magic number is two zero bytes, a type byte
(0x08 unsigned byte, 0x09 signed byte, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64) and
the number of dimensions: 0x00000803 for images (count, rows, cols), 0x00000801 for labels.
Files are read whole (gzip-compressed or not); the arrays returned are views of those bytes, so
60,000 MNIST images cost their 47 MB once.

:func:`read_idx_set` turns a folder holding the four standard files, or one images file and its
labels, into an :class:`IdxSet` of uint8 images and integer labels; scaling, splitting and
standardising happen in ``dataset.py``. Every problem is a one-line DatasetError naming the file.
"""
from __future__ import annotations

import gzip
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..i18n import QT_TRANSLATE_NOOP
from .errors import CANNOT_READ, PERMISSION_DENIED, TOO_LARGE, DatasetError, where

#: type byte -> the dtype of the values (big-endian, as the format stores them)
IDX_TYPES = {0x08: np.dtype("u1"), 0x09: np.dtype("i1"), 0x0B: np.dtype(">i2"),
             0x0C: np.dtype(">i4"), 0x0D: np.dtype(">f4"), 0x0E: np.dtype(">f8")}
IMAGES_MAGIC, LABELS_MAGIC = 0x00000803, 0x00000801
GZIP_MAGIC = b"\x1f\x8b"
#: the four files of MNIST and Fashion-MNIST, each also found with ".gz" appended
TRAIN_IMAGES, TRAIN_LABELS = "train-images-idx3-ubyte", "train-labels-idx1-ubyte"
TEST_IMAGES, TEST_LABELS = "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"
STANDARD_FILES = (TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)
#: a file name that says IDX: "...-images-idx3-ubyte", "train-images.idx3-ubyte", "x.idx1", ...
_IDX_NAME_RE = re.compile(r"idx\d(-ubyte)?(\.gz)?$", re.IGNORECASE)
#: Fashion-MNIST's labels 0..9 (Zalando's README), used when the path names Fashion-MNIST
FASHION_CLASSES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                   "Sneaker", "Bag", "Ankle boot")
HOW_TO_GET = QT_TRANSLATE_NOOP("data", "MNIST and Fashion-MNIST come as four IDX files "
                               "(train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
                               "t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz); on Debian "
                               "'apt-get install dataset-fashion-mnist' puts Fashion-MNIST in "
                               "/usr/share/datasets/fashion-mnist")


@dataclass
class IdxSet:
    """Images and labels read from IDX files.

    train_images: uint8, shape (n_train, rows, cols); train_labels: int64 (n_train,).
    test_images / test_labels: the same for the file's own test part, or None when only one
    images file was given (then the caller splits it).
    files: the files read, in the order train images, train labels[, test images, test labels].
    class_names: names for the label values 0..9 when the path names a known data set, else None.
    """
    name: str
    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray | None
    test_labels: np.ndarray | None
    files: list[Path]
    class_names: tuple[str, ...] | None

    @property
    def image_shape(self) -> tuple[int, int]:
        return int(self.train_images.shape[1]), int(self.train_images.shape[2])


def looks_like_idx(path: str | Path) -> bool:
    """True if ``path`` is a folder (the only folders read are IDX folders), has an IDX file
    name, or starts with an IDX magic number (after gunzip for a .gz file)."""
    p = Path(path).expanduser()
    if p.is_dir():
        return True
    if _IDX_NAME_RE.search(p.name):
        return True
    if not p.is_file():      # a pipe (/dev/stdin) must not lose its first bytes to a peek
        return False
    try:
        with open(p, "rb") as f:
            head = f.read(4)
            if head.startswith(GZIP_MAGIC):
                f.seek(0)
                with gzip.GzipFile(fileobj=f) as g:
                    head = g.read(4)
    except (OSError, EOFError, zlib.error):
        return False
    return len(head) == 4 and head[:2] == b"\0\0" and head[2] in IDX_TYPES and 1 <= head[3] <= 4


def read_idx(path: str | Path) -> np.ndarray:
    """The array an IDX file holds, shape as its header says, dtype as its type byte says
    (native byte order for one-byte types, big-endian otherwise). Read-only: a view of the
    file's bytes. Raises DatasetError for a missing, damaged, wrong or truncated file."""
    p = Path(path).expanduser()
    data = _file_bytes(p)
    if len(data) < 4:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: is truncated ({size} bytes; an IDX file "
                                             "starts with a 4-byte magic number); download it "
                                             "again"), file=where(p), size=len(data))
    magic = int.from_bytes(data[:4], "big")
    ndim = data[3]
    if data[:2] != b"\0\0" or data[2] not in IDX_TYPES or ndim == 0:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: is not an IDX file (wrong magic number "
                                             "{magic}; images start with {images}, labels with "
                                             "{labels})"),
                           file=where(p), magic=f"0x{magic:08X}", images=f"0x{IMAGES_MAGIC:08X}",
                           labels=f"0x{LABELS_MAGIC:08X}")
    header = 4 + 4 * ndim
    if len(data) < header:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: is truncated inside its header ({size} "
                                             "bytes, the header of {ndim} dimensions needs "
                                             "{header}); download it again"),
                           file=where(p), size=len(data), ndim=ndim, header=header)
    shape = tuple(int.from_bytes(data[4 + 4 * k: 8 + 4 * k], "big") for k in range(ndim))
    dtype = IDX_TYPES[data[2]]
    need = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    have = len(data) - header
    if have < need:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: is truncated: its header promises "
                                             "{shape} values ({need} bytes) but only {have} bytes "
                                             "follow; download it again"),
                           file=where(p), shape=" x ".join(map(str, shape)), need=f"{need:,}",
                           have=f"{have:,}")
    if have > need:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: has {extra} bytes more than its header "
                                             "({shape} values) describes; the file is damaged, "
                                             "download it again"),
                           file=where(p), extra=f"{have - need:,}", shape=" x ".join(map(str, shape)))
    return np.frombuffer(data, dtype=dtype, count=need // dtype.itemsize,
                         offset=header).reshape(shape)


def read_images(path: str | Path) -> np.ndarray:
    """An IDX images file as uint8, shape (count, rows, cols)."""
    p = Path(path).expanduser()
    a = read_idx(p)
    if a.ndim == 1:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: holds labels (a 1-D IDX file), not "
                                             "images; give the images file (…-images-idx3-ubyte)"),
                           file=where(p))
    if a.ndim != 3:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: holds an array of shape {shape}; images "
                                             "must be 3-D (count, rows, cols) grey levels"),
                           file=where(p), shape=a.shape)
    if a.dtype != np.uint8:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: holds {type} values; image files must "
                                             "hold unsigned bytes (grey levels 0-255)"),
                           file=where(p), type=a.dtype.name)
    if a.shape[0] == 0 or a.shape[1] == 0 or a.shape[2] == 0:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: holds no images (shape {shape})"),
                           file=where(p), shape=a.shape)
    return a


def read_labels(path: str | Path) -> np.ndarray:
    """An IDX labels file as int64, shape (count,)."""
    p = Path(path).expanduser()
    a = read_idx(p)
    if a.ndim != 1:
        if a.ndim == 3:
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: holds images, not labels; labels "
                                                 "are a 1-D IDX file (…-labels-idx1-ubyte)"),
                               file=where(p))
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: holds an array of shape {shape}, not "
                                             "labels; labels are a 1-D IDX file "
                                             "(…-labels-idx1-ubyte)"), file=where(p), shape=a.shape)
    if a.dtype.kind not in "iu":
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: holds {type} values; labels must be "
                                             "integers"), file=where(p), type=a.dtype.name)
    return a.astype(np.int64)


def read_idx_set(path: str | Path, labels: str | Path | None = None) -> IdxSet:
    """Images and labels from a folder holding the four standard files (their own train/test
    split) or from one images file and its labels (``labels``, or the standard name beside it).
    """
    p = Path(path).expanduser()
    if not p.exists():
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: no such file or folder; check the path"),
                           file=p)
    if p.is_dir():
        if labels is not None:
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: a folder brings its own labels; leave "
                                                 "--labels unset"), file=where(p))
        files = _standard_files(p)
        train_x, test_x = read_images(files[0]), read_images(files[2])
        train_y, test_y = read_labels(files[1]), read_labels(files[3])
        _check_pair(files[0], train_x, files[1], train_y)
        _check_pair(files[2], test_x, files[3], test_y)
        if test_x.shape[1:] != train_x.shape[1:]:
            raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: holds images of {shape} pixels but "
                                                 "{other} holds {other_shape}; they must match"),
                               file=where(files[2]), shape=_shape(test_x), other=files[0].name,
                               other_shape=_shape(train_x))
        return IdxSet(p.resolve().name or str(p), train_x, train_y, test_x, test_y, files,
                      _known_classes(p))
    images = read_images(p)
    label_path = Path(labels).expanduser() if labels is not None else _labels_beside(p)
    y = read_labels(label_path)
    _check_pair(p, images, label_path, y)
    return IdxSet(p.name, images, y, None, None, [p, label_path], _known_classes(p))


def _shape(images: np.ndarray) -> str:
    return f"{images.shape[1]}x{images.shape[2]}"


def _check_pair(images_path: Path, images: np.ndarray, labels_path: Path, labels: np.ndarray
                ) -> None:
    if len(images) != len(labels):
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: holds {images} images but {labels_file} "
                                             "holds {labels} labels; they must be of the same "
                                             "count"),
                           file=where(images_path), images=f"{len(images):,}",
                           labels_file=labels_path.name, labels=f"{len(labels):,}")


def _find(folder: Path, stem: str) -> Path | None:
    """``stem`` or ``stem.gz`` in folder, also spelt with a dot before idx
    (train-images.idx3-ubyte, as some downloads name them)."""
    dotted = stem.replace("-idx", ".idx")
    for name in (stem, stem + ".gz", dotted, dotted + ".gz"):
        if (folder / name).is_file():
            return folder / name
    return None


def _standard_files(folder: Path) -> list[Path]:
    found = {stem: _find(folder, stem) for stem in STANDARD_FILES}
    missing = [stem for stem, f in found.items() if f is None]
    if len(missing) == len(STANDARD_FILES):
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: is a folder without the IDX files of "
                                             "MNIST-style data ({names}, each optionally .gz); "
                                             "choose a data file, or a folder holding those four "
                                             "files"), file=folder, names=", ".join(STANDARD_FILES))
    if missing:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: the folder lacks {missing} (or .gz); it "
                                             "needs all four of {names}"),
                           file=folder, missing=", ".join(missing), names=", ".join(STANDARD_FILES))
    return [found[stem] for stem in STANDARD_FILES]


def _labels_beside(images: Path) -> Path:
    """The labels file named as MNIST names it next to ``images``."""
    name = images.name
    stem = re.sub(r"\.gz$", "", name, flags=re.IGNORECASE)
    swapped = re.sub(r"images([-.])idx3", r"labels\1idx1", stem, flags=re.IGNORECASE)
    if swapped != stem:
        for candidate in (swapped, swapped + ".gz"):
            if (images.parent / candidate).is_file():
                return images.parent / candidate
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: found no labels beside it (looked for "
                                             "{name} and .gz); put the labels file there or give "
                                             "--labels PATH"), file=where(images), name=swapped)
    raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: its labels cannot be found by name (an "
                                         "images file is called …-images-idx3-ubyte); give --labels "
                                         "PATH"), file=where(images))


def _known_classes(path: Path) -> tuple[str, ...] | None:
    text = str(path.resolve()).lower()
    return FASHION_CLASSES if "fashion" in text else None


def _file_bytes(p: Path) -> bytes:
    """The file's bytes, gunzipped when they start with the gzip magic."""
    try:
        with open(p, "rb") as f:
            head = f.read(2)
            f.seek(0)
            if head == GZIP_MAGIC:
                with gzip.GzipFile(fileobj=f) as g:
                    return g.read()
            return f.read()
    except FileNotFoundError:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: no such file; check the path"),
                           file=p) from None
    except IsADirectoryError:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: is a folder, not an IDX file"),
                           file=p) from None
    except PermissionError:
        raise DatasetError(PERMISSION_DENIED, file=p) from None
    except EOFError:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: the gzip data is truncated (it ends "
                                             "before its end marker); download it again"),
                           file=where(p)) from None
    except (gzip.BadGzipFile, zlib.error) as e:
        raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: the gzip data is damaged ({reason}); "
                                             "download it again"), file=where(p), reason=e) from None
    except MemoryError:
        raise DatasetError(TOO_LARGE, file=where(p)) from None
    except OSError as e:
        raise DatasetError(CANNOT_READ, file=where(p), reason=e.strerror or e) from None
