"""The command line: train, trace, gradcheck, datasets, warmup, bench, gui.

Every error a user can cause ends with one line on stderr and exit code 2, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import re
import shlex
import sys
import time
from pathlib import Path
from typing import Any, Sequence


PROG = "backpropviz"
from . import __version__
from .choices import (HIDDEN_ACTIVATIONS, INIT_SYNTAX, LOSSES, LR_DEFAULTS, LR_SCHEDULE_SYNTAX,
                      OPTIMIZERS, OUTPUTS, STEP_STOPS, TASKS)
from .export import to_json_value, trace_json
from .i18n import LANGUAGES
from .lessons import LESSONS
GRADCHECK_STEP = 1e-4          # finite-difference step h (the stencil reaches 2h)
GRADCHECK_TOLERANCE = 1e-5     # worst relative difference that still counts as agreement
DEFAULT_TEST_FRACTION = 0.2


class UsageError(Exception):
    """A bad argument value, found after argparse accepted its form."""


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # argparse takes "-0.5,1" for an option because only "-1" and "-.5" look like negative
        # numbers to it; widen that, so that "--input -0.5,1" reads as a value. No option of
        # this parser starts with "-" and a digit, so nothing is lost.
        self._negative_number_matcher = re.compile(r"(?s)-\.?\d.*")

    def error(self, message: str) -> None:  # one line, exit 2 (argparse prints usage too)
        sys.stderr.write(f"{self.prog}: error: {message} (see {self.prog} --help)\n")
        raise SystemExit(2)


# --- argument types ---------------------------------------------------------------------------
def _checked(convert, ok, rule: str, kind: str):
    """An argparse type: ``convert`` the text, then require ``ok(value)`` (described by ``rule``)."""
    def parse(text: str):
        try:
            v = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {kind}") from None
        if not ok(v):
            raise argparse.ArgumentTypeError(f"must be {rule}, not {text}")
        return v
    return parse


_positive_float = _checked(float, lambda v: math.isfinite(v) and v > 0, "a positive number", "a number")
_nonneg_float = _checked(float, lambda v: math.isfinite(v) and v >= 0, "0 or a positive number", "a number")
_positive_int = _checked(int, lambda v: v >= 1, "at least 1", "a whole number")
_nonneg_int = _checked(int, lambda v: v >= 0, "0 or more", "a whole number")
_fraction = _checked(float, lambda v: 0 <= v < 1, "at least 0 and below 1", "a number")


def parse_size(text: str) -> tuple[int, int]:
    """'1024x768' -> (1024, 768): a window size in pixels."""
    m = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", text)
    if not m or not (200 <= int(m.group(1)) <= 10000 and 200 <= int(m.group(2)) <= 10000):
        raise argparse.ArgumentTypeError(f"{text!r}: give the size as WIDTHxHEIGHT in pixels, "
                                         "each from 200 to 10000, e.g. 1280x720")
    return int(m.group(1)), int(m.group(2))


def parse_layers(text: str) -> list[int]:
    """'64,32' -> [64, 32]; '' or 'none' -> [] (no hidden layer)."""
    text = text.strip()
    if text.lower() in ("", "none", "0"):
        return []
    out = []
    for part in text.split(","):
        part = part.strip()
        if not part.isdigit() or int(part) < 1:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a list of layer sizes; write neurons per hidden layer like 64,32")
        out.append(int(part))
    return out


def parse_numbers(text: str) -> list[float]:
    """'0.05,0.10' -> [0.05, 0.1]."""
    try:
        vals = [float(p) for p in text.replace(";", ",").split(",") if p.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a comma-separated list of numbers") from None
    if not vals or not all(math.isfinite(v) for v in vals):
        raise argparse.ArgumentTypeError(f"{text!r} is not a comma-separated list of finite numbers")
    return vals


def parse_rows(text: str) -> list[list[float]]:
    """'1,2;3,4' -> [[1, 2], [3, 4]]: one sample per ';'-separated row."""
    rows = [part for part in text.split(";")]
    if len(rows) > 1 and not rows[-1].strip():
        rows.pop()                                  # a trailing ';'
    try:
        out = [[float(v) for v in row.split(",") if v.strip()] for row in rows]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a list of numbers; separate values with ',' and samples with ';'"
        ) from None
    if not all(out) or not all(math.isfinite(v) for row in out for v in row):
        raise argparse.ArgumentTypeError(
            f"{text!r}: every sample needs finite numbers, separated by ','; samples by ';'")
    if len({len(row) for row in out}) != 1:
        raise argparse.ArgumentTypeError(f"{text!r}: the samples have different numbers of values")
    return out


def _engine_arg(parse):
    """An argparse type from an engine parser that raises EngineError with a full message."""
    def convert(text: str):
        from .engine import EngineError
        try:
            return parse(text)
        except EngineError as e:
            raise argparse.ArgumentTypeError(str(e)) from None
    return convert


def _init(text: str) -> str:
    from .engine.network import parse_init
    parse_init(text)
    return text


def _schedule(text: str):
    from .engine.schedule import LRSchedule
    return LRSchedule.parse(text)


# --- the parser -------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog=PROG, description="See backpropagation happen: train, trace and check small "
                "neural networks, or open the window (backpropviz gui).")
    p.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    t = sub.add_parser("train", help="train a network on a data file or a built-in data set")
    t.add_argument("--data", required=True, help="PATH (CSV, TSV, .npy, .npz, an IDX images "
                   "file or a folder of MNIST's four IDX files) or builtin:NAME")
    t.add_argument("--labels", metavar="PATH", help="the IDX labels file of an IDX images file "
                   "(default: the one named as MNIST names it beside the images)")
    t.add_argument("--target", help="target column: name or 0-based index (default: the last)")
    t.add_argument("--task", choices=TASKS, default="auto")
    t.add_argument("--layers", type=parse_layers, default=[16, 16], metavar="N,N",
                   help="neurons per hidden layer (default 16,16; 'none' for no hidden layer)")
    t.add_argument("--activation", default="tanh", help="hidden activation: "
                   f"{', '.join(HIDDEN_ACTIVATIONS)} (default tanh)")
    t.add_argument("--output", choices=OUTPUTS, default="auto")
    t.add_argument("--loss", choices=LOSSES, default="auto")
    t.add_argument("--optimizer", choices=OPTIMIZERS, default="adam")
    t.add_argument("--lr", type=_positive_float, help="learning rate (default: " +
                   ", ".join(f"{k} {v:g}" for k, v in LR_DEFAULTS.items()) + ")")
    t.add_argument("--batch", type=_positive_int, default=32)
    t.add_argument("--epochs", type=_positive_int, default=100)
    t.add_argument("--l2", type=_nonneg_float, default=0.0, help="L2 weight decay (default 0)")
    t.add_argument("--clip", type=_nonneg_float, default=0.0,
                   help="clip gradients to this global norm (default 0: off)")
    t.add_argument("--lr-schedule", type=_engine_arg(_schedule), default="constant",
                   metavar="SCHEDULE", help=f"per epoch: {LR_SCHEDULE_SYNTAX} (default constant)")
    t.add_argument("--init", type=_engine_arg(_init), default="auto", metavar="INIT",
                   help=f"{INIT_SYNTAX} (default auto: xavier, he for the ReLU family)")
    t.add_argument("--residual", action="store_true", help="an identity skip around every hidden "
                   "layer with as many outputs as inputs: a = f(z) + a_prev")
    t.add_argument("--batch-norm", action="store_true", help="batch normalization in every "
                   "hidden layer, between W a + b and the activation")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--test-fraction", type=_fraction, default=None,
                   help="share held out for testing (default 0.2; an IDX folder brings its own "
                   "split)")
    t.add_argument("--save", metavar="MODEL.json", help="write the trained model here (atomically)")
    t.add_argument("--json", action="store_true", help="print the results as one JSON object")
    t.add_argument("--export-pytorch", metavar="SCRIPT.py",
                   help="also write this run as a standalone PyTorch script (needs only torch and "
                   "numpy) that prints the same per-epoch losses")

    for name, helptext in (("trace", "every number of one sample's forward and backward pass"),
                           ("gradcheck", "compare backprop with finite differences")):
        c = sub.add_parser(name, help=helptext)
        c.add_argument("model", metavar="MODEL", help="model file (JSON)")
        c.add_argument("--input", required=True, type=parse_rows, metavar="X1,X2,...",
                       help="one sample, or a minibatch with samples separated by ';'")
        c.add_argument("--target", required=True, type=parse_rows, metavar="T1,T2,...",
                       help="the targets, one row per sample, separated by ';'")
        if name == "trace":
            c.add_argument("--lr", type=_positive_float, default=0.1,
                           help="learning rate of the SGD step shown under 'updated' (default 0.1)")
            c.add_argument("--markdown", action="store_true",
                           help="print the worked example (Markdown with LaTeX) instead of JSON")
            c.add_argument("--lang", choices=list(LANGUAGES), default="en",
                           help="the language of the --markdown page (default en)")
        else:
            c.add_argument("--json", action="store_true")

    sub.add_parser("datasets", help="list the built-in data sets")
    sub.add_parser("warmup", help="compile the Numba kernels into the cache")

    b = sub.add_parser("bench", help="training throughput: this engine, plain NumPy, PyTorch")
    b.add_argument("--quick", action="store_true", help="shorter runs (for a smoke test)")
    b.add_argument("--no-gui", action="store_true", help="skip the window measurements")
    b.add_argument("--markdown", action="store_true", help="print the table as Markdown")

    g = sub.add_parser("gui", help="open the window")
    g.add_argument("--data", help="PATH or builtin:NAME (default builtin:circle)")
    g.add_argument("--model", metavar="MODEL.json")
    g.add_argument("--layers", type=parse_layers, metavar="N,N")
    g.add_argument("--activation")
    g.add_argument("--residual", action="store_true", help="an identity skip around every hidden "
                   "layer with as many outputs as inputs")
    g.add_argument("--batch-norm", action="store_true", help="batch normalization in every "
                   "hidden layer")
    g.add_argument("--train-steps", type=_nonneg_int, default=0)
    g.add_argument("--step", choices=STEP_STOPS)
    g.add_argument("--screenshot", metavar="PNG", help="render the window to PNG and exit")
    g.add_argument("--size", type=parse_size, metavar="WxH",
                   help="window size in pixels, e.g. 1024x768 (the screenshot has exactly this size)")
    g.add_argument("--lesson", choices=[lesson.key for lesson in LESSONS],
                   help="open this lesson from File > Examples")
    g.add_argument("--seed", type=_nonneg_int, default=0)
    g.add_argument("--lang", choices=list(LANGUAGES),
                   help="the window's language (default: the last one chosen, else the system's)")
    return p


# --- commands ---------------------------------------------------------------------------------
def cmd_train(args: argparse.Namespace) -> int:
    from .data import load_dataset
    from .engine import OptimizerConfig, memory
    from .engine.threads import ThreadPolicy
    from .engine.train import Trainer
    from .engine.warmup import warmup
    from .recipe import Architecture

    if args.activation not in HIDDEN_ACTIVATIONS:
        raise UsageError(f"unknown hidden activation {args.activation!r}; choose one of "
                         f"{', '.join(HIDDEN_ACTIVATIONS)}")
    if args.save is not None:
        _check_save_path(args.save, args.data)   # before training, not after minutes of it
    fraction = DEFAULT_TEST_FRACTION if args.test_fraction is None else args.test_fraction
    ds = load_dataset(args.data, target=args.target, task=args.task, test_fraction=fraction,
                      seed=args.seed, labels=args.labels)
    if args.test_fraction is not None and "test_fraction" not in ds.load_args:
        print(f"note: {ds.name} brings its own train/test split ({ds.n_train:,} / "
              f"{ds.n_test:,}); --test-fraction does not apply", file=sys.stderr)
    arch = Architecture(args.layers, args.activation, args.output, args.loss, args.init, args.seed,
                        residual=args.residual, batch_norm=args.batch_norm)
    # A batch larger than the training set is the whole set: the same steps and losses, without
    # a workspace sized for rows that do not exist.
    batch = min(args.batch, len(ds.X_train))
    sizes = arch.sizes(ds)      # refuse a network too big for memory before allocating any of it
    rows = max(batch, min(memory.EVAL_CHUNK, len(ds.X_train)))
    bn_units = sum(sizes[1:-1]) if args.batch_norm else 0     # --batch-norm: every hidden layer
    extended = args.batch_norm or args.residual
    memory.require(sizes, memory.network_bytes(sizes, bn_units)
                   + memory.training_bytes(sizes, rows, bn_units, extended),
                   memory.TRAINING)
    net = arch.build(ds)
    n_out = net.sizes[-1]
    T_train = ds.target_matrix("train", n_out)
    T_test = ds.target_matrix("test", n_out)
    lr = args.lr if args.lr is not None else LR_DEFAULTS[args.optimizer]
    cfg = OptimizerConfig(args.optimizer, lr=lr, l2=args.l2, clip=args.clip)
    trainer = Trainer(net, ds.X_train, T_train, cfg, batch=batch, seed=args.seed,
                      schedule=args.lr_schedule)
    if args.export_pytorch is not None:
        from .export import save_text
        from .export_pytorch import pytorch_script
        script = pytorch_script(net, ds, cfg, batch=batch, epochs=args.epochs, seed=args.seed,
                                schedule=args.lr_schedule, command=shlex.join([PROG, *getattr(args, "argv", ["train"])]))
        try:
            save_text(args.export_pytorch, script)
        except OSError as e:
            raise UsageError(f"{args.export_pytorch}: cannot write the script ({e.strerror})") from None

    bar = None
    if sys.stderr.isatty():              # stdout (and its JSON) is never touched by the bar
        from tqdm import tqdm
        bar = tqdm(total=args.epochs, unit="epoch", file=sys.stderr, leave=False)
    warmup()          # load the compiled kernels now: train_seconds times the training alone
    start = time.perf_counter()
    diverged = ""
    epoch_losses = []
    policy = ThreadPolicy()
    for snap in policy.epochs(trainer, args.epochs):
        epoch_losses.append(snap.train_loss)
        if bar is not None:
            bar.update(1)
            bar.set_postfix(loss=f"{snap.train_loss:.4g}")
        if snap.diverged:
            diverged = str(snap.message)
    seconds = time.perf_counter() - start
    if bar is not None:
        bar.close()

    train_loss, train_acc = net.evaluate(ds.X_train, T_train)
    if len(ds.X_test):
        test_loss, test_acc = net.evaluate(ds.X_test, T_test)
    else:
        test_loss = test_acc = None
    classify = ds.task == "classification"
    result = {"train_loss": train_loss, "test_loss": test_loss,
              "train_accuracy": train_acc if classify else None,
              "test_accuracy": test_acc if classify else None,
              "train_samples": ds.n_train, "test_samples": ds.n_test,
              "epochs": trainer.epoch, "steps": trainer.step, "train_seconds": seconds,
              "epoch_losses": epoch_losses,
              "architecture": "-".join(map(str, net.sizes)),
              "activations": net.activations, "loss": net.loss, "optimizer": cfg.name, "lr": lr,
              "blas_threads": policy.summary(),
              "lr_schedule": str(args.lr_schedule), "final_lr": trainer.lr,
              "residual": net.residual, "batch_norm": net.batch_norm}
    if diverged:
        result["warning"] = diverged
    if args.save is not None:
        try:
            net.save(args.save)
        except OSError as e:
            raise UsageError(f"{args.save}: cannot save the model ({e.strerror})") from None
    if args.json:
        print(json.dumps(to_json_value(result)))
    else:
        def fmt(v):
            if v is None or math.isnan(v):
                return "-"
            return f"{v:.4f}" if abs(v) < 1e4 else f"{v:.4g}"   # a diverged loss stays short
        print(f"{ds.name}: {result['architecture']} {'/'.join(net.activations)}, loss {net.loss}, "
              f"{cfg.name} lr {lr:g}, batch {trainer.batch}")
        print(f"{trainer.epoch} epochs, {trainer.step} steps in {seconds:.2f} s")
        print(f"train loss {fmt(train_loss)}  test loss {fmt(test_loss)}")
        if classify:
            print(f"train accuracy {fmt(train_acc)}  test accuracy {fmt(test_acc)}")
        if diverged:
            print(f"warning: {diverged}", file=sys.stderr)
        if args.save is not None:
            kept = (f" (the weights of step {trainer.step}, from before the loss ran away)"
                    if diverged else "")
            print(f"saved {args.save}{kept}")
    return 0


def _check_save_path(path: str, data: str | None = None) -> None:
    """Refuse a --save path that cannot be written, or that is the --data file itself, before
    any training time is spent."""
    if not path.strip():
        raise UsageError("--save needs a file name, e.g. --save model.json")
    p = Path(path)
    if data and _same_file(p, Path(data)):
        raise UsageError(f"{path}: is the data file being trained on; saving the model there "
                         "would replace the data. Choose another name, e.g. --save model.json")
    if p.is_dir():
        raise UsageError(f"{path}: is a folder; give the model a file name, e.g. "
                         f"{p / 'model.json'}")
    parent = p.parent
    if not parent.is_dir():
        raise UsageError(f"{path}: cannot save the model there, {str(parent)!r} is not an "
                         "existing folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError(f"{path}: cannot save the model there, the folder {str(parent)!r} "
                         "is not writable")


def _same_file(a: Path, b: Path) -> bool:
    """Whether a and b name one file: the same inode (links and other spellings included), or,
    while a does not exist yet, the same resolved path."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        try:
            return a.resolve() == b.resolve()
        except (OSError, RuntimeError):
            return False


def _samples(args: argparse.Namespace):
    """--input and --target as one sample (vectors) or a minibatch (rows)."""
    if len(args.input) != len(args.target):
        raise UsageError(f"--input has {len(args.input)} samples but --target has "
                         f"{len(args.target)}; give one target row per sample, separated by ';'")
    if len(args.input) == 1:
        return args.input[0], args.target[0]
    return args.input, args.target


def cmd_trace(args: argparse.Namespace) -> int:
    from .engine import Network
    net = Network.load(args.model)
    x, t = _samples(args)
    trace = net.trace(net.normalize(x), t, lr=args.lr)
    if args.markdown:
        from . import i18n
        from .engine.stepper import sample_view
        from .export import worked_example_markdown
        # a minibatch is worked through for its first sample, beside the batch's numbers
        shown = sample_view(trace, 0) if "sample_loss" in trace else trace
        with i18n.use(args.lang):
            print(worked_example_markdown(net, shown), end="")
        return 0
    if net.normalization is not None:
        # the model standardises its inputs: show what was given and what the network saw
        trace = {"raw_input": x, **trace}
    print(trace_json(trace), end="")
    if trace["note"]:
        print(f"note: {trace['note']}", file=sys.stderr)
    return 0


def cmd_gradcheck(args: argparse.Namespace) -> int:
    from .engine import Network
    from .engine.gradcheck import gradcheck
    net = Network.load(args.model)
    x, t = _samples(args)
    res = gradcheck(net, net.normalize(x), t, h=GRADCHECK_STEP)
    ok = bool(res.worst_relative < GRADCHECK_TOLERANCE)     # False for NaN too
    if args.json:
        print(json.dumps(to_json_value({**res.to_dict(), "ok": ok})))
    else:
        print(f"worst relative difference between backprop and finite differences: "
              f"{res.worst_relative:.3e} (layer {res.worst_layer}, parameter {res.worst_index}, "
              f"{res.backprop.size} parameters) {'OK' if ok else 'MISMATCH'}")
        if not ok and res.kink_distance <= 2 * GRADCHECK_STEP:
            print(f"note: a ReLU unit's z is {res.kink_distance:.1e} from its kink at 0, where "
                  "finite differences are not valid; try another input")
    return 0 if ok else 1


def cmd_datasets(args: argparse.Namespace) -> int:
    from .data import list_builtins
    for name, text in list_builtins():
        print(f"builtin:{name:<10} {text}")
    return 0


def cmd_warmup(args: argparse.Namespace) -> int:
    """Compile the kernels with a progress bar on a terminal (tqdm on stderr), else one plain
    line per stage: a cold compile takes half a minute and must not look like a hang."""
    from .engine.warmup import warmup
    if sys.stderr.isatty():
        from tqdm import tqdm
        bar = tqdm(total=1, desc="compiling the kernels", file=sys.stderr, leave=False,
                   bar_format="{desc}: {percentage:3.0f}%|{bar}| {elapsed}")

        def progress(done: int, total: int, stage: str) -> None:
            bar.total = total
            bar.set_description_str(f"compiling the kernels: {stage}" if stage else
                                    "compiling the kernels")
            bar.update(done - bar.n)
        try:
            seconds = warmup(progress)
        finally:
            bar.close()
    else:
        def progress(done: int, total: int, stage: str) -> None:
            if stage:
                print(f"compiling the kernels: {100 * done // total:3d}%  {stage}",
                      file=sys.stderr, flush=True)
        seconds = warmup(progress)
    print(f"kernels ready ({seconds:.1f} s)")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import run

    def gui_rows(quick: bool) -> list:
        from .ui.bench import gui_rows   # imports Qt: only when the window rows are asked for
        return gui_rows(quick)
    return run(quick=args.quick, gui_rows=None if args.no_gui else gui_rows,
               markdown=args.markdown)


def cmd_gui(args: argparse.Namespace) -> int:
    try:
        from .ui.app import run_gui
    except ImportError as e:
        if "PySide6" in str(e) or "pyqtgraph" in str(e) or "backpropviz.ui" in str(e):
            raise UsageError(f"the window cannot start: {e}") from None
        raise
    try:
        return run_gui(args)
    except OSError as e:             # e.g. the screenshot cannot be written
        raise UsageError(str(e)) from None


COMMANDS = {"train": cmd_train, "trace": cmd_trace, "gradcheck": cmd_gradcheck,
            "datasets": cmd_datasets, "warmup": cmd_warmup, "bench": cmd_bench, "gui": cmd_gui}


def main(argv: Sequence[str] | None = None) -> int:
    from .data import DatasetError
    from .engine import EngineError
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        args.argv = list(sys.argv[1:] if argv is None else argv)
    except SystemExit as e:   # --help (0) or a usage error already reported (2)
        return e.code if isinstance(e.code, int) else 2
    if args.command is None:
        parser.print_help()
        return 0
    try:
        code = COMMANDS[args.command](args)
        sys.stdout.flush()    # a closed pipe shows up here, not at interpreter exit
        return code
    except (DatasetError, EngineError, UsageError) as e:
        return _fail(args.command, str(e))
    except MemoryError as e:  # e.g. --layers 100000000000
        return _fail(args.command, f"not enough memory ({e or 'MemoryError'}); use smaller "
                     "--layers, --batch or data")
    except BrokenPipeError:
        # The reader left (`backpropviz trace ... | head`): not an error to report. Point stdout
        # at /dev/null so that the interpreter's final flush does not raise again.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return 141            # 128 + SIGPIPE, as a shell reports a process killed by the pipe
    except KeyboardInterrupt:
        sys.stderr.write(f"{PROG}: interrupted\n")
        return 130


def _fail(command: str, message: str) -> int:
    """Report a user's error as exactly one line on stderr; the exit code is 2."""
    text = " ".join(message.split()) or "failed"
    sys.stderr.write(f"{PROG} {command}: error: {text}\n")
    return 2


if __name__ == "__main__":
    sys.exit(main())
