"""The kernel cache keeps a few source versions and never removes one that is in use."""
from __future__ import annotations

import fcntl
import os

import pytest

from backpropviz.engine import _cache


def _make(base, name, age):
    d = base / name
    d.mkdir()
    (d / _cache.LOCK_NAME).touch()
    t = 1_000_000 + age
    os.utime(d / _cache.LOCK_NAME, (t, t))
    return d


def test_prune_keeps_the_most_recently_used_versions(tmp_path):
    dirs = [_make(tmp_path, f"v{i}", age=i) for i in range(9)]
    removed = _cache.prune(tmp_path, keep=6)
    assert sorted(p.name for p in removed) == ["v0", "v1", "v2"]
    assert [d.exists() for d in dirs] == [False] * 3 + [True] * 6


def test_prune_never_removes_a_version_another_process_holds(tmp_path):
    dirs = [_make(tmp_path, f"v{i}", age=i) for i in range(4)]
    with open(dirs[0] / _cache.LOCK_NAME, "a+") as held:     # as a running app holds its cache
        fcntl.flock(held, fcntl.LOCK_SH)
        removed = _cache.prune(tmp_path, keep=1)
    assert dirs[0].exists()
    assert sorted(p.name for p in removed) == ["v1", "v2"]


def test_this_process_holds_its_own_cache():
    if _cache.CACHE_DIR is None:
        pytest.skip("NUMBA_CACHE_DIR is set: the user chose the cache")
    assert _cache.CACHE_DIR.exists()
    assert _cache._held and not _cache._held[0].closed
