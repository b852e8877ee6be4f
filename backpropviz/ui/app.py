"""Start the window from the command line: ``backpropviz gui [...]`` or ``python app.py``."""
from __future__ import annotations

import argparse
import sys

DEFAULT_DATA = "builtin:circle"


def build_state(args: argparse.Namespace):
    """The window's state from the command-line choices (no window yet)."""
    from ..data import load_dataset
    from ..engine import EngineError, Network
    from ..recipe import Architecture
    from .state import AppState

    dataset = load_dataset(args.data or DEFAULT_DATA, seed=args.seed)
    arch = Architecture(seed=args.seed)
    if args.layers is not None:
        arch = Architecture(args.layers, [args.activation or "tanh"] * len(args.layers), seed=args.seed)
    elif args.activation:
        arch = Architecture(arch.hidden, [args.activation] * len(arch.hidden), seed=args.seed)
    state = AppState(dataset, arch)
    if args.model:
        net = Network.load(args.model)
        if net.sizes[0] != dataset.n_features or net.sizes[-1] != state.net.sizes[-1]:
            raise EngineError(f"{args.model}: the model has {net.sizes[0]} inputs and "
                              f"{net.sizes[-1]} outputs; the data needs {dataset.n_features} and "
                              f"{state.net.sizes[-1]}")
        state.set_network(net)
    return state


def run_gui(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("backpropviz")
    app.setOrganizationName("backpropviz")
    state = build_state(args)
    from .main_window import MainWindow

    scripted = bool(args.screenshot or args.train_steps or args.step)
    if scripted:
        # Run the kernels right here: a script waits for its result anyway.
        from ..cli import warmup
        warmup()
        state.set_ready()
    window = MainWindow(state, warm=not scripted)
    if args.train_steps:
        # the same session the Train button drives, waited for: plots and history fill as well
        window.training.run_steps_now(args.train_steps)
    if args.step:
        state.stepper.run_to(args.step)
        state.weights_changed.emit()
        state.stepped.emit()
    if args.screenshot:
        window.resize(1440, 900)
        window.show()
        for _ in range(5):
            app.processEvents()
        pix = window.grab()
        if not pix.save(args.screenshot):
            from ..cli import UsageError
            raise UsageError(f"{args.screenshot}: cannot write the screenshot")
        print(f"saved {args.screenshot} ({pix.width()}x{pix.height()})")
        window.close()
        return 0
    window.show()
    return app.exec()
