"""The data layer stands alone: no Qt, no engine, no scikit-learn at import time."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import backpropviz.data

FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "pyqtgraph", "backpropviz.engine", "backpropviz.ui",
             "sklearn")


def test_importing_the_data_layer_pulls_in_no_qt_engine_or_sklearn():
    code = ("import sys, backpropviz.data; "
            f"print([m for m in sys.modules if m.startswith({FORBIDDEN!r})])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_no_source_file_of_the_data_layer_imports_them():
    folder = Path(backpropviz.data.__file__).parent
    for source in folder.glob("*.py"):
        tree = ast.parse(source.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
                if node.level:
                    names = [f"backpropviz.{node.module}"] if node.level == 2 else []
            for name in names:
                assert not name.startswith(FORBIDDEN), f"{source.name} imports {name}"


def test_public_api_names():
    for name in ("DatasetError", "Dataset", "load_dataset", "list_builtins", "read_table",
                 "TableInfo"):
        assert hasattr(backpropviz.data, name), name
