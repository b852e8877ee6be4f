"""The compile options every engine kernel shares, and the loading of Numba when a kernel is
first needed.

``cache``: compiled code is kept on disk (see _cache.py). ``nogil``: a worker thread trains
while the window's thread draws. ``error_model="numpy"``: a division by zero gives inf or NaN
(which training treats as divergence) instead of a per-division check that stops loops such as
Adam's from vectorising (measured: 501 us -> 71 us for a 100k-parameter update).

Importing Numba (and the SciPy BLAS it loads) costs about two seconds, which the window would
pay before its first paint. So ``njit`` here does not import Numba: it keeps the Python function
as a ``Kernel`` and every kernel is handed to Numba together, the first time any of them is
called (or ``load()`` is). Loading replaces each ``Kernel`` in the engine's module namespaces by
Numba's dispatcher, so compiled code calling another kernel finds a dispatcher, as it would
with ``numba.njit`` applied at import. Kernels decorated after loading are compiled at once.

Until the kernels are warm, a window can ask for the plain-NumPy path (``defer()``): the
network then computes without touching Numba (see network.py), and ``warmup()`` ends that.
"""
from __future__ import annotations

import contextlib
import functools
import sys
import threading
from typing import Any, Callable, Iterator

JIT = dict(cache=True, nogil=True, error_model="numpy")
#: for the small per-element and per-row functions: inlined into the kernels that call them,
#: so a call per row of a minibatch costs nothing
INLINE = dict(JIT, inline="always")

_kernels: list["Kernel"] = []
_lock = threading.RLock()
_loaded = False
_deferred = False
_warm = False
_here = threading.local()        # .compiling: this thread runs the kernels whatever defer() said


class Kernel:
    """A function waiting to be compiled by Numba: called, it loads every kernel, then runs."""

    def __init__(self, func: Callable, options: dict[str, Any]):
        functools.update_wrapper(self, func)
        self.py_func = func
        self.options = options
        self.dispatcher = None

    def __call__(self, *args: Any) -> Any:
        if self.dispatcher is None:
            load()
        return self.dispatcher(*args)

    def __getattr__(self, name: str) -> Any:        # .signatures, .stats, ... of the dispatcher
        if name in ("dispatcher", "py_func", "options") or name.startswith("__"):
            raise AttributeError(name)
        if self.dispatcher is None:
            load()
        return getattr(self.dispatcher, name)


def njit(**options: Any) -> Callable[[Callable], Any]:
    """numba.njit(**options), applied when the kernels are loaded (see the module docstring)."""
    def decorate(func: Callable) -> Any:
        with _lock:
            if _loaded:
                import numba
                return numba.njit(**options)(func)
            kernel = Kernel(func, options)
            _kernels.append(kernel)
            return kernel
    return decorate


def load() -> None:
    """Import Numba and hand it every kernel (compiling happens at each one's first call)."""
    global _loaded
    with _lock:
        if _loaded:
            return
        from . import _cache
        _cache.apply()                      # before any dispatcher exists
        import numba
        for kernel in _kernels:
            kernel.dispatcher = numba.njit(**kernel.options)(kernel.py_func)
        for name, module in list(sys.modules.items()):
            if name.startswith("backpropviz.") and module is not None:
                space = vars(module)
                for key, value in list(space.items()):
                    if isinstance(value, Kernel):
                        space[key] = value.dispatcher
        _loaded = True


def loaded() -> bool:
    """Numba has been imported and holds the kernels."""
    return _loaded


def defer() -> None:
    """Until ``warmup()`` has run, compute with plain NumPy instead of loading the kernels on
    the calling thread (a window's, which must paint first and never wait on the compiler)."""
    global _deferred
    _deferred = True


def mark_warm() -> None:
    """Every kernel is compiled or loaded from the cache: calling one no longer waits."""
    global _warm
    _warm = True


@contextlib.contextmanager
def compiling() -> Iterator[None]:
    """On this thread, run the kernels even while they are deferred: the warm-up's own thread,
    which is there to compile them."""
    _here.compiling = True
    try:
        yield
    finally:
        _here.compiling = False


def use_numpy() -> bool:
    """Compute with the plain-NumPy path: kernels deferred, not warm yet, and this thread is
    not the one compiling them."""
    return _deferred and not _warm and not getattr(_here, "compiling", False)
