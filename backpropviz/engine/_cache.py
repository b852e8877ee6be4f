"""Where Numba keeps compiled kernels.

Numba's on-disk cache checks only the timestamp of the file that holds a function, not of the
functions it calls in other files: after a change to ``losses.py``, ``kernels.py``'s cached
training step would still run the old loss. So the cache lives in a directory named after a hash
of all engine sources; any change to any of them starts a fresh cache. A NUMBA_CACHE_DIR set by
the user is respected.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

ENGINE_DIR = Path(__file__).resolve().parent


def source_hash() -> str:
    h = hashlib.sha256()
    for path in sorted(ENGINE_DIR.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def configure() -> Path | None:
    """Point Numba's cache at the directory for the current sources; returns it (None if the
    user chose one with NUMBA_CACHE_DIR)."""
    if os.environ.get("NUMBA_CACHE_DIR"):
        return None
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "backpropviz" / "numba"
    here = base / source_hash()
    try:
        here.mkdir(parents=True, exist_ok=True)
        for old in base.iterdir():          # caches of earlier sources are dead weight
            if old != here and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
    except OSError:
        return None                          # unwritable home: Numba falls back to its default
    from numba.core import config
    config.CACHE_DIR = str(here)
    return here


CACHE_DIR = configure()
