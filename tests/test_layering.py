"""The arrows of the house point one way (STYLE.md): engine and data never import Qt, the window
or anything else above them; the window never imports the command line; the benchmark never
imports the window; and no two modules of the package import each other, however indirectly.

The module graph is read from the source with ast, imports inside functions included: a lazy
import is still an arrow, it only fires later.
"""
from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import backpropviz

QT = ("PySide6", "PyQt5", "PyQt6", "pyqtgraph", "shiboken6")
ROOT = Path(backpropviz.__file__).parent
PACKAGE = "backpropviz"
#: leaf modules with no imports of the package: anyone may use them
LEAVES = ("backpropviz.choices", "backpropviz.standardize", "backpropviz.i18n")
#: (importer prefix, forbidden prefix, allowed exceptions)
FORBIDDEN = [
    ("backpropviz.engine", QT + ("sklearn", "backpropviz."), ("backpropviz.engine",) + LEAVES),
    ("backpropviz.data", QT + ("sklearn", "backpropviz."), ("backpropviz.data",) + LEAVES),
    ("backpropviz.ui", ("backpropviz.cli",), ()),
    ("backpropviz.bench", ("backpropviz.ui",) + QT, ()),
]


def _is_under(name: str, prefix: str) -> bool:
    """name is the module prefix or inside it; a prefix ending in "." means strictly inside
    (the bare package's __init__ holds only its version)."""
    if prefix.endswith("."):
        return name.startswith(prefix)
    return name == prefix or name.startswith(prefix + ".")


def module_files(root: Path, package: str) -> dict[str, Path]:
    """Every module of the package by dotted name; a package is its __init__."""
    out = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join([package, *parts])] = path
    return out


def imported_names(source: Path, package: str) -> list[str]:
    """Every module a file imports anywhere in it, relative imports resolved: for
    ``from X import y`` both X and X.y (y may be a module)."""
    names = []
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = importlib.util.resolve_name("." * node.level + base, package)
            names.append(base)
            names += [f"{base}.{a.name}" for a in node.names]
    return names


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """module -> the modules of the package it imports (``from X import y`` is an arrow to X.y
    when y is a module, else to X)."""
    modules = module_files(root, package)
    graph = {}
    for name, path in modules.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {a.name for a in node.names if a.name in modules}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = importlib.util.resolve_name("." * node.level + base, here)
                for a in node.names:
                    sub = f"{base}.{a.name}"
                    if sub in modules:
                        targets.add(sub)
                    elif base in modules:
                        targets.add(base)
        targets.discard(name)
        graph[name] = targets
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as [a, b, ..., a], or None (depth-first search, three colours)."""
    state: dict[str, int] = {}          # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def violations(root: Path, package: str) -> list[str]:
    out = []
    for name, path in sorted(module_files(root, package).items()):
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for rule_from, forbidden, allowed in FORBIDDEN:
            if not _is_under(name, rule_from):
                continue
            for imported in imported_names(path, here):
                if (any(_is_under(imported, f) for f in forbidden)
                        and not any(_is_under(imported, a) for a in allowed)):
                    out.append(f"{name} imports {imported}")
    return out


# --- the detectors can fail -------------------------------------------------------------------
def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / PACKAGE
    for rel, text in {"__init__.py": "", **files}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def test_the_resolver_sees_relative_imports_of_the_window(tmp_path):
    f = tmp_path / "x.py"
    f.write_text("from .. import ui\nfrom ..ui.state import AppState\n")
    names = imported_names(f, "backpropviz.engine")
    assert "backpropviz.ui" in names and "backpropviz.ui.state" in names


def test_a_cycle_through_an_import_inside_a_function_is_found(tmp_path):
    root = _package(tmp_path, {
        "a.py": "from . import b\n",
        "b.py": "def f():\n    from .ui.app import run\n",
        "ui/__init__.py": "",
        "ui/app.py": "def run():\n    from ..a import thing\n",
    })
    cycle = find_cycle(import_graph(root, PACKAGE))
    assert cycle is not None and set(cycle) == {"backpropviz.a", "backpropviz.b",
                                                "backpropviz.ui.app"}


def test_a_graph_without_cycles_has_none(tmp_path):
    root = _package(tmp_path, {"a.py": "from . import b\n", "b.py": "import os\n",
                               "engine/__init__.py": "from .k import f\n",
                               "engine/k.py": "from ..b import x\n"})
    assert find_cycle(import_graph(root, PACKAGE)) is None


@pytest.mark.parametrize("rel, text, expected", [
    ("ui/app.py", "def f():\n    from ..cli import UsageError\n", "backpropviz.ui.app imports"),
    ("bench.py", "def f():\n    from .ui.bench import gui_rows\n", "backpropviz.bench imports"),
    ("engine/x.py", "from ..recipe import Architecture\n", "backpropviz.engine.x imports"),
    ("engine/x.py", "from ..data import load_dataset\n", "backpropviz.engine.x imports"),
    ("data/x.py", "from ..engine import Network\n", "backpropviz.data.x imports"),
    ("data/x.py", "def f():\n    from ..export import to_csv\n", "backpropviz.data.x imports"),
    ("engine/x.py", "from PySide6.QtCore import QObject\n", "backpropviz.engine.x imports"),
])
def test_an_arrow_running_back_up_is_found(tmp_path, rel, text, expected):
    root = _package(tmp_path, {"engine/__init__.py": "", "data/__init__.py": "",
                               "ui/__init__.py": "", rel: text})
    found = violations(root, PACKAGE)
    assert any(v.startswith(expected) for v in found), found


def test_the_leaves_may_be_imported_from_below(tmp_path):
    root = _package(tmp_path, {"engine/__init__.py": "", "data/__init__.py": "",
                               "engine/x.py": "from ..choices import INITS\n",
                               "data/x.py": "from .. import standardize\n"})
    assert violations(root, PACKAGE) == []


# --- the house ----------------------------------------------------------------------------------
def test_no_module_of_the_package_imports_itself_through_others():
    assert find_cycle(import_graph(ROOT, PACKAGE)) is None


def test_every_arrow_points_down():
    assert violations(ROOT, PACKAGE) == []


def test_the_leaves_import_nothing_of_the_package():
    graph = import_graph(ROOT, PACKAGE)
    for leaf in LEAVES:
        assert not graph.get(leaf), f"{leaf} imports {graph.get(leaf)}"


@pytest.mark.parametrize("layer", ["engine", "data"])
def test_importing_the_layer_loads_no_qt(layer):
    code = (f"import sys, backpropviz.{layer}; "
            f"print([m for m in sys.modules if m.startswith({QT + ('sklearn',)!r})])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
