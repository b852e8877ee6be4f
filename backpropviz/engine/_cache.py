"""Where Numba keeps compiled kernels.

Numba's on-disk cache checks only the timestamp of the file that holds a function, not of the
functions it calls in other files: after a change to ``losses.py``, ``kernels.py``'s cached
training step would still run the old loss. So the cache lives in a directory named after a hash
of all engine sources; any change to any of them starts a fresh cache. A NUMBA_CACHE_DIR set by
the user is respected.

Two checkouts of different versions on one machine each have their own directory, so neither
makes the other recompile: the ``KEEP`` most recently used directories are kept, older ones are
removed, and a directory that a running process holds (a shared lock on its ``.in-use`` file for
the process's lifetime) is never removed.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import time
from pathlib import Path

ENGINE_DIR = Path(__file__).resolve().parent
#: how many source versions keep their compiled kernels (each is ~10-20 MB)
KEEP = 6
LOCK_NAME = ".in-use"
_held: list = []          # the open lock file of this process's cache (kept open on purpose)


def source_hash() -> str:
    h = hashlib.sha256()
    for path in sorted(ENGINE_DIR.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _hold(directory: Path) -> None:
    """Mark ``directory`` as used now and by this process until it exits."""
    lock = open(directory / LOCK_NAME, "a+")       # noqa: SIM115 - held for the process's life
    fcntl.flock(lock, fcntl.LOCK_SH)
    _held.append(lock)
    now = time.time()
    os.utime(directory / LOCK_NAME, (now, now))


def _last_used(directory: Path) -> float:
    try:
        return (directory / LOCK_NAME).stat().st_mtime
    except OSError:
        return directory.stat().st_mtime


def prune(base: Path, keep: int = KEEP) -> list[Path]:
    """Remove all but the ``keep`` most recently used cache directories under ``base``, skipping
    any that a running process holds. Returns the directories removed."""
    dirs = sorted((d for d in base.iterdir() if d.is_dir()), key=_last_used, reverse=True)
    removed = []
    for old in dirs[keep:]:
        try:
            with open(old / LOCK_NAME, "a+") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)   # fails while another holds it
                shutil.rmtree(old, ignore_errors=True)
                removed.append(old)
        except OSError:
            continue
    return removed


def configure() -> Path | None:
    """Choose (and hold) the cache directory for the current sources; returns it (None if the
    user chose one with NUMBA_CACHE_DIR). Numba is told by ``apply`` when it is imported."""
    if os.environ.get("NUMBA_CACHE_DIR"):
        return None
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "backpropviz" / "numba"
    here = base / source_hash()
    try:
        here.mkdir(parents=True, exist_ok=True)
        _hold(here)
        prune(base)
    except OSError:
        return None                          # unwritable home: Numba falls back to its default
    return here


def apply() -> None:
    """Point Numba's cache at CACHE_DIR (called by _jit.load, before any kernel is handed to
    Numba, so that importing the engine does not import Numba)."""
    if CACHE_DIR is not None:
        from numba.core import config
        config.CACHE_DIR = str(CACHE_DIR)


CACHE_DIR = configure()
