"""The arrows of the house point one way: engine and data never import Qt or the window
(STYLE.md), and the engine does not depend on the data layer."""
import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import backpropviz

QT = ("PySide6", "PyQt5", "PyQt6", "pyqtgraph", "shiboken6")
RULES = {"engine": QT + ("backpropviz.ui", "backpropviz.data", "backpropviz.cli"),
         "data": QT + ("backpropviz.ui", "backpropviz.engine", "backpropviz.cli", "sklearn")}
ROOT = Path(backpropviz.__file__).parent


def imported_names(source: Path, package: str) -> list[str]:
    """Every module a file imports, relative imports resolved (`from .. import ui` included)."""
    names = []
    for node in ast.walk(ast.parse(source.read_text())):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = importlib.util.resolve_name("." * node.level + base, package)
            names.append(base)
            names += [f"{base}.{a.name}" for a in node.names]
    return names


def test_the_resolver_sees_relative_imports_of_the_window(tmp_path):
    f = tmp_path / "x.py"
    f.write_text("from .. import ui\nfrom ..ui.state import AppState\n")
    names = imported_names(f, "backpropviz.engine")
    assert "backpropviz.ui" in names and "backpropviz.ui.state" in names


@pytest.mark.parametrize("layer", sorted(RULES))
def test_no_file_of_the_layer_imports_what_it_must_not(layer):
    for source in (ROOT / layer).glob("*.py"):
        for name in imported_names(source, f"backpropviz.{layer}"):
            assert not name.startswith(RULES[layer]), f"{layer}/{source.name} imports {name}"


@pytest.mark.parametrize("layer", sorted(RULES))
def test_importing_the_layer_loads_no_qt(layer):
    code = (f"import sys, backpropviz.{layer}; "
            f"print([m for m in sys.modules if m.startswith({QT!r})])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
