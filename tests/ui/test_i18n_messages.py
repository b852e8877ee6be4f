"""The data and engine layers' messages reach the Chinese window in Chinese: a bad data file in
the Open data dialog, a broken model file, damaged IDX files, a network too big for memory, and
the data set's summary line. Each is driven as a person would (File > Open, the builder's
size box) and the shown text is read back."""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from backpropviz.data import load_dataset
from backpropviz.engine import memory, model_file
from backpropviz.recipe import Architecture
from backpropviz.ui import i18n as ui_i18n
from backpropviz.ui.files import FileActions
from backpropviz.ui.main_window import MainWindow
from backpropviz.ui.state import AppState

def _walk_module():
    """tests/ui/test_i18n.py, whose english_words() finds what was left untranslated."""
    spec = importlib.util.spec_from_file_location("_i18n_walk", Path(__file__).with_name("test_i18n.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


english_words = _walk_module().english_words

#: words a message may keep besides the file's own name: formats and units
KEPT_HERE = {"idx", "kb", "mb", "gb", "utf", "savez", "gz"}


@pytest.fixture
def window(qtbot, monkeypatch):
    """A window speaking Chinese whose message boxes are recorded instead of blocking."""
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    ui_i18n.set_language("zh_CN")
    state = AppState(load_dataset("builtin:circle", seed=0), Architecture([3], ["tanh"]))
    win = MainWindow(state)
    win.warnings = warnings
    qtbot.addWidget(win)
    with qtbot.waitSignal(state.ready_changed, timeout=120_000):
        win.show()
    yield win
    ui_i18n.set_language("en")


def choose(monkeypatch, path) -> None:
    """The file dialogs answer ``path``, as if the person picked it."""
    monkeypatch.setattr(FileActions, "_ask_data_path", lambda self: str(path))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def open_data_error(win, monkeypatch, path) -> str:
    choose(monkeypatch, path)
    dlg = win.files.open_data()
    text = dlg.error.text()
    dlg.reject()
    return text


def csv_text_cell(tmp_path):
    (tmp_path / "bad.csv").write_text("x1,x2,y\n1,2,0\n3,?,1\n")
    return tmp_path / "bad.csv", "bad.csv，第 3 行，列 'x2'（第 2 列）：'?' 不是数值"


def csv_ragged_row(tmp_path):
    (tmp_path / "bad.csv").write_text("x1,x2,y\n1,2,0\n3,4,1,9\n")
    return tmp_path / "bad.csv", "bad.csv，第 3 行：有 4 个字段，但上面的行有 3 个"


def csv_empty_cell(tmp_path):
    (tmp_path / "bad.csv").write_text("x1,x2,y\n1,2,0\n3,,1\n5,6,0\n")
    return tmp_path / "bad.csv", "bad.csv，第 3 行，列 'x2'（第 2 列）：单元格是空的"


def csv_utf16(tmp_path):
    (tmp_path / "bad.csv").write_bytes("x1,x2,y\n1,2,0\n".encode("utf-16"))
    return tmp_path / "bad.csv", "bad.csv：文件是 UTF-16 编码"


def npz_without_y(tmp_path):
    np.savez(tmp_path / "bad.npz", X=np.zeros((4, 2)))
    return tmp_path / "bad.npz", "bad.npz：没有名为 'y' 的数组"


def _idx(magic: int, shape: tuple[int, ...]) -> bytes:
    return magic.to_bytes(4, "big") + b"".join(s.to_bytes(4, "big") for s in shape) + \
        bytes(int(np.prod(shape)))


def idx_wrong_magic(tmp_path):
    """MNIST's images with a labels file whose magic number is wrong."""
    (tmp_path / "train-images-idx3-ubyte").write_bytes(_idx(0x803, (4, 2, 2)))
    (tmp_path / "train-labels-idx1-ubyte").write_bytes(_idx(0x1234, (4,)))
    return tmp_path / "train-images-idx3-ubyte", "train-labels-idx1-ubyte：不是 IDX 文件（魔数 0x00001234"


def idx_folder_lacking_labels(tmp_path):
    folder = tmp_path / "digits"
    folder.mkdir()
    for name in ("train-images-idx3-ubyte", "t10k-images-idx3-ubyte"):
        (folder / name).write_bytes(_idx(0x803, (4, 2, 2)))
    (folder / "train-labels-idx1-ubyte").write_bytes(_idx(0x801, (4,)))
    return folder, "digits：文件夹中缺少 t10k-labels-idx1-ubyte（或 .gz）"


def model_text_weights(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text(json.dumps({"format": model_file.FORMAT, "version": 1, "loss": "mse",
                                "layers": [{"activation": "tanh", "weights": [["0.5", 1]],
                                            "bias": [0]}]}))
    return path, "broken.json：第 1 层的权重在应为数值的位置含有文本 '0.5'"


def model_bad_json(tmp_path):
    """A model edited by hand with a comma missing: Python's json says why in English words,
    which the window shows in Chinese too."""
    path = tmp_path / "broken.json"
    path.write_text('{"format": "backpropviz.model"\n "version": 1}')
    return path, "broken.json，第 2 行第 2 列：不是有效的 JSON（这里应有分隔符 ','）"


def model_not_text(tmp_path):
    path = tmp_path / "broken.json"
    path.write_bytes(b"\xff\xfe\x00binary")
    return path, "broken.json：不是文本文件"


def model_wrong_sizes(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text(json.dumps({"format": model_file.FORMAT, "version": 1, "loss": "mse",
                                "layers": [{"activation": "tanh", "weights": [[1, 2]], "bias": [0, 1]}]}))
    return path, "broken.json：第 1 层：权重有 1 行（神经元），但偏置有 2 个值"


CASES = {
    "csv with text in a feature column": (csv_text_cell, "dialog"),
    "csv with a row too long": (csv_ragged_row, "dialog"),
    "csv with an empty cell": (csv_empty_cell, "dialog"),
    "csv saved as UTF-16": (csv_utf16, "dialog"),
    "npz without y": (npz_without_y, "dialog"),
    "IDX labels with a wrong magic number": (idx_wrong_magic, "dialog"),
    "IDX folder lacking a file": (idx_folder_lacking_labels, "folder"),
    "IDX images opened again from File > Open recent": (idx_wrong_magic, "recent"),
    "model with quoted numbers": (model_text_weights, "model"),
    "model that is not text": (model_not_text, "model"),
    "model with a JSON syntax error": (model_bad_json, "model"),
    "model whose bias does not fit": (model_wrong_sizes, "model"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_file_is_explained_in_chinese(qtbot, monkeypatch, tmp_path, window, case):
    make, how = CASES[case]
    path, expected = make(tmp_path)
    if how == "dialog":
        shown = open_data_error(window, monkeypatch, path)
    elif how == "folder":           # File > Open data folder
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(path))
        dlg = window.files.open_data_folder()
        shown = dlg.error.text()
        dlg.reject()
    elif how == "recent":           # File > Open recent, as remembered from an earlier run
        window.files.open_recent_data(str(path), {})
        shown = window.warnings[-1]
    else:
        choose(monkeypatch, path)
        window.files.open_model()
        shown = window.warnings[-1]
    assert expected in shown, shown
    assert window.statusBar().currentMessage() == shown or how in ("dialog", "folder")
    names = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", " ".join(map(str, tmp_path.rglob("*"))))) | KEPT_HERE
    left = english_words(shown, {w.lower() for w in names})
    assert not left, f"English left in {shown!r}: {left}"


def test_a_network_too_big_for_memory_is_refused_in_chinese(qtbot, monkeypatch, window):
    """The engine's memory check, reached from the builder's size box."""
    small = memory.network_bytes([2, 64, 1])
    monkeypatch.setattr(memory, "available_bytes", lambda: small)
    row = window.builder.rows[0]
    before = window.state.net.sizes
    row.size.setValue(400)
    shown = window.builder.note.text()
    assert "内存" in shown and "2-400-1" in shown, shown
    assert not english_words(shown, KEPT_HERE), shown
    assert window.state.net.sizes == before


def test_the_open_data_dialog_summarises_the_data_in_chinese(qtbot, monkeypatch, tmp_path, window):
    path = tmp_path / "points.csv"
    path.write_text("x1,x2,label\n" + "".join(f"{i},{i % 3},{'ab'[i % 2]}\n" for i in range(20)))
    choose(monkeypatch, path)
    dlg = window.files.open_data()
    summary = dlg.summary.text()
    assert summary.startswith("points.csv：分类，2 个特征，2 个类别，训练集 16 / 测试集 4。"), summary
    headers = [dlg.table.horizontalHeaderItem(i).text() for i in range(dlg.table.columnCount())]
    assert headers == ["x1\n(数值)", "x2\n(数值)", "label\n(文本)"]
    assert not english_words(summary, {"points", "csv", "label", "a", "b"}), summary
    with qtbot.waitSignal(window.state.data_changed, timeout=10_000):
        dlg.accept()
    assert window.statusBar().currentMessage().startswith("已载入") or \
        "points.csv：分类" in window.statusBar().currentMessage()
