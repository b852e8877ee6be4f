"""Start the window from the command line: ``backpropviz gui [...]`` or ``python app.py``."""
from __future__ import annotations

import argparse
import sys
import time

DEFAULT_DATA = "builtin:circle"
#: a screenshot waits at most this many seconds for pictures computed in the background
SCREENSHOT_WAIT = 120.0


def wait_for_pictures(app, window, seconds: float) -> bool:
    """Run the event loop until no picture of ``window`` is computed in the background any
    more (see MainWindow.pictures_pending), at most ``seconds``. False if one still is."""
    from PySide6.QtCore import QEventLoop, QTimer
    deadline = time.monotonic() + seconds
    wake = QTimer()                   # the loop looks at the clock at least this often
    wake.start(50)
    try:
        while window.pictures_pending():
            if time.monotonic() >= deadline:
                return False
            app.processEvents(QEventLoop.AllEvents | QEventLoop.WaitForMoreEvents)
    finally:
        wake.stop()
    app.processEvents()               # what the finished pictures changed is laid out
    return True


def build_state(args: argparse.Namespace, last_data: dict | None = None):
    """The window's state from the command-line choices (no window yet). ``last_data``: the
    data file of the last session ({"path", "choices"}), used when --data is not given and it
    still loads."""
    from ..data import DatasetError, load_dataset
    from ..engine import EngineError, Network
    from ..recipe import Architecture, check_fits
    from .state import AppState

    dataset = None
    if not args.data and last_data:
        try:
            dataset = load_dataset(last_data["path"], **last_data.get("choices", {}))
        except (DatasetError, TypeError, KeyError):
            dataset = None                    # moved or changed since: start on the example
    if dataset is None:
        dataset = load_dataset(args.data or DEFAULT_DATA, seed=args.seed)
    arch = Architecture(seed=args.seed)
    hidden = arch.hidden if args.layers is None else args.layers
    activation = args.activation or (arch.activations[0] if args.layers is None else "tanh")
    remedies = dict(residual=getattr(args, "residual", False),
                    batch_norm=getattr(args, "batch_norm", False))
    if args.layers is not None or args.activation or any(remedies.values()):
        arch = Architecture(hidden, [activation] * len(hidden), seed=args.seed, **remedies)
    state = AppState(dataset, arch)
    if args.model:
        net = Network.load(args.model)
        try:
            check_fits(net, dataset)
        except EngineError as e:
            raise EngineError(f"{args.model}: {e}") from None
        state.set_network(net)
    return state


def run_gui(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication

    import json

    from PySide6.QtCore import QCoreApplication, QEvent, QSettings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("backpropviz")
    app.setOrganizationName("backpropviz")
    scripted = bool(args.screenshot or args.train_steps or args.step)
    size = getattr(args, "size", None)
    # a scripted run (tests, the README picture) neither reads nor writes the person's settings
    settings = None if scripted else QSettings("backpropviz", "backpropviz")
    last_data = None
    if settings is not None:
        try:
            last_data = json.loads(str(settings.value("files/last_data", "null")))
        except ValueError:
            last_data = None
    from . import i18n as ui_i18n
    try:
        ui_i18n.set_language(ui_i18n.initial_language(getattr(args, "lang", None), settings))
    except ui_i18n.TranslationMissing as e:
        if getattr(args, "lang", None):
            raise                           # an OSError: the command line reports it
        print(f"backpropviz: {e}; the window speaks English", file=sys.stderr)
    state = build_state(args, last_data)
    from .main_window import MainWindow

    if scripted:
        if args.train_steps or args.step:
            # Run the kernels right here: a script that steps or trains waits for them anyway.
            from ..engine.warmup import warmup
            warmup()
        else:
            # A picture of the first view: its numbers come from the kernels' plain-NumPy twin
            # (the same numbers), so Numba is never loaded and the picture is taken at once.
            from ..engine.warmup import defer
            defer()
        state.set_ready()
    window = MainWindow(state, warm=not scripted, settings=settings)
    window.restore_settings()
    if size is not None:
        window.resize(*size)
    if getattr(args, "lesson", None):
        window.files.open_lesson(args.lesson)
    if args.train_steps:
        # the same session the Train button drives, waited for: plots and history fill as well
        window.training.run_steps_now(args.train_steps)
    if args.step:
        state.stepper.run_to(args.step)
        state.weights_changed.emit()
        state.stepped.emit()
    if args.screenshot:
        window.resize(*(size or (1440, 900)))
        window.show()
        for _ in range(5):
            app.processEvents()
            # widgets replaced since (e.g. the phase strip's buttons) go now, as in the event loop
            QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
        if not wait_for_pictures(app, window, SCREENSHOT_WAIT):
            print(f"backpropviz: a picture was still being computed after {SCREENSHOT_WAIT:g} s; "
                  f"{args.screenshot} shows it unfinished", file=sys.stderr)
        pix = window.grab()
        if not pix.save(args.screenshot):
            raise OSError(f"{args.screenshot}: cannot write the screenshot")
        print(f"saved {args.screenshot} ({pix.width()}x{pix.height()})")
        window.close()
        return 0
    window.show()
    return app.exec()
