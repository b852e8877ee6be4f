"""Compiling the kernels off the window's thread at start-up (training runs in its own thread,
see engine/session.py and ui/training.py)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QThread, Signal

from ..i18n import QT_TRANSLATE_NOOP

#: the stages of engine.warmup, for the window to say in its language
STAGES = (QT_TRANSLATE_NOOP("warmup", "optimisers"), QT_TRANSLATE_NOOP("warmup", "forward pass"),
          QT_TRANSLATE_NOOP("warmup", "backward pass"), QT_TRANSLATE_NOOP("warmup", "training steps"),
          QT_TRANSLATE_NOOP("warmup", "evaluation"), QT_TRANSLATE_NOOP("warmup", "one sample's trace"),
          QT_TRANSLATE_NOOP("warmup", "wide layers"),
          QT_TRANSLATE_NOOP("warmup", "residual connections and batch normalization"))


class KernelWarmup(QThread):
    """Compiles (or loads from Numba's cache) every kernel, off the window's thread.

    While it runs, the window may not call any kernel: Numba's compiler lock would freeze it.
    """
    ready = Signal(float)      # seconds it took
    failed = Signal(str)
    progress = Signal(int, int, str)   # work done, work in all, the stage running (queued)

    def run(self) -> None:
        from ..engine.warmup import warmup
        try:
            seconds = warmup(self.progress.emit)
        except Exception as e:  # noqa: BLE001 — shown to the user, never a silent dead window
            self.failed.emit(QCoreApplication.translate(
                "Worker", "the kernels could not be compiled: {error}").format(error=e))
            return
        self.ready.emit(seconds)
