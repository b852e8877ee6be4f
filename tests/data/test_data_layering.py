"""The data layer stands alone: no Qt, no engine, no scikit-learn at import time."""
from __future__ import annotations

import subprocess
import sys

import backpropviz.data

FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "pyqtgraph", "backpropviz.engine", "backpropviz.ui",
             "sklearn")


def test_importing_the_data_layer_pulls_in_no_qt_engine_or_sklearn():
    code = ("import sys, backpropviz.data; "
            f"print([m for m in sys.modules if m.startswith({FORBIDDEN!r})])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_api_names():
    for name in ("DatasetError", "Dataset", "load_dataset", "list_builtins", "read_table",
                 "TableInfo"):
        assert hasattr(backpropviz.data, name), name
