"""Memory a data set needs, checked before it is allocated: a file too big for this machine is
refused with one line saying how much it would take, instead of swapping until the system
kills the program."""
from __future__ import annotations

import os
from pathlib import Path

from ..i18n import QT_TRANSLATE_NOOP, Message
from .errors import DatasetError, where


def available_bytes() -> int | None:
    """Memory this process can still take without swapping, in bytes: the kernel's MemAvailable,
    lowered to the room left under a container's memory limit; None where neither is known."""
    found = []
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    found.append(int(line.split()[1]) * 1024)
                    break
    except (OSError, ValueError, IndexError):
        pass
    if not found:
        try:
            found.append(os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE"))
        except (ValueError, OSError, AttributeError):
            pass
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
        if limit.isdigit():
            used = int(Path("/sys/fs/cgroup/memory.current").read_text().strip())
            found.append(max(int(limit) - used, 0))
    except (OSError, ValueError):
        pass
    return min(found) if found else None


def size_text(n_bytes: float) -> str:
    """A byte count as people write it: "840 KB", "1.3 GB" (powers of 1000)."""
    for unit, scale in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n_bytes >= scale:
            value = n_bytes / scale
            return f"{value:.1f} {unit}" if value < 10 else f"{value:,.0f} {unit}"
    return f"{int(n_bytes)} bytes"


def check_memory(path: str | Path, needed: float, what: Message) -> None:
    """Refuse, before allocating, ``what`` (e.g. "loading 2,000,000 rows x 900 columns", a data
    Message) when it needs more than the memory available; ``needed`` in bytes."""
    available = available_bytes()
    if available is None or needed <= available:
        return
    raise DatasetError(QT_TRANSLATE_NOOP("data", "{file}: {what} needs about {needed} of memory, "
                                         "but only {available} is free; use fewer rows or columns"),
                       file=where(path), what=what, needed=size_text(needed),
                       available=size_text(available))
