"""The window in Simplified Chinese: every text it shows is translated, the catalogue is complete
(lupdate finds nothing new or vanished), and View > Language switches at once and is remembered."""
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QGraphicsSimpleTextItem, QGraphicsTextItem,
                               QGroupBox, QLabel, QLineEdit, QMenu, QTableWidget, QTextEdit, QWidget)

from backpropviz import choices, i18n
from backpropviz.data import BUILTINS, load_dataset
from backpropviz.recipe import Architecture
from backpropviz.ui import i18n as ui_i18n
from backpropviz.ui.main_window import MainWindow
from backpropviz.ui.state import AppState

ROOT = Path(__file__).resolve().parents[2]
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")

#: words that stay as they are in Chinese: names of functions, optimisers and formats, the
#: choices' names as the command line spells them, and the words of formulas
KEPT = {"tanh", "relu", "sigmoid", "softmax", "adam", "sgd", "csv", "json", "png", "markdown", "npy",
        "npz", "tsv", "backpropviz", "lrelu", "leaky_relu", "ln", "id", "max", "exp", "nan", "inf",
        "mse", "half_sse", "bce", "cross_entropy", "xavier", "he", "l2", "ctrl", "shift", "f1",
        "pca", "mathjax", "latex", "katex", "english", "idx", "mnist", "fashion",
        # proper names, keys and notation
        "xor", "mazur", "pytorch", "tensorboard", "numpy", "python", "leaky", "enter", "esc",
        "builtin", "sin", "cos", "pi", "fft", "pyqtgraph", "svg"}
KEPT |= {name.lower() for name in BUILTINS}              # builtin:NAME is what one types
KEPT |= set(choices.LR_SCHEDULE_KINDS)                   # step:10:0.5 is what one types



@pytest.fixture(autouse=True)
def no_windows_of_earlier_tests(qapp):
    """Earlier tests' windows are closed but deleted only when an event loop runs: delete them
    before a change of language reaches them (relabelled pyqtgraph legends then meet their
    deleted plots)."""
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)


@pytest.fixture
def chinese():
    ui_i18n.set_language("zh_CN")
    yield
    ui_i18n.set_language("en")


def english_words(text: str, data_words: set[str]) -> list[str]:
    """The English words left in a text: runs of two or more ASCII letters that are neither
    kept names nor the data's own names (a data set's, its features' and classes')."""
    text = re.sub(r"<[^>]+>", " ", text)                # rich text: the tags are not shown
    text = re.sub(r"&[a-z]+;", " ", text)
    words = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text)
    return [w for w in words if w.lower() not in KEPT and w.lower() not in data_words
            and any(len(part) >= 2 and part.lower() not in KEPT        # w_k, x12: symbols
                    for part in re.findall(r"[A-Za-z]+", w))]


def visible_texts(win: MainWindow) -> list[tuple[str, str]]:
    """(where, text) for every text a person can see or hover in the window: widgets, their
    tooltips, group titles, combo items, table headers, menus and their actions, and the texts
    drawn in graphics scenes (the network view, the plots)."""
    out: list[tuple[str, str]] = [("window title", win.windowTitle()),
                                  ("status bar", win.statusBar().currentMessage())]
    widgets = [win] + win.findChildren(QWidget)
    for w in widgets:
        name = f"{type(w).__name__} {w.objectName()}".strip()
        if w.toolTip():
            out.append((f"{name} tooltip", w.toolTip()))
        if isinstance(w, (QLabel, QAbstractButton, QLineEdit)) and not isinstance(w, QLineEdit):
            out.append((name, w.text()))
        if isinstance(w, QLineEdit) and w.placeholderText():
            out.append((f"{name} placeholder", w.placeholderText()))
        if isinstance(w, QGroupBox):
            out.append((name, w.title()))
        if isinstance(w, QComboBox):
            out += [(f"{name} item", w.itemText(i)) for i in range(w.count())]
        if isinstance(w, QTextEdit):
            out.append((name, w.toPlainText()))
        if isinstance(w, QTableWidget):
            for i in range(w.columnCount()):
                item = w.horizontalHeaderItem(i)
                if item is not None:
                    out.append((f"{name} header", item.text()))
        if isinstance(w, QMenu):
            out.append((f"menu {w.title()}", w.title()))
        for a in w.actions():
            if isinstance(a, QAction) and not a.isSeparator():
                out.append((f"action in {name}", a.text()))
                if a.toolTip() and a.toolTip() != a.text().replace("&", ""):
                    out.append((f"action tooltip in {name}", a.toolTip()))
        scene = getattr(w, "scene", None)
        if callable(scene) and scene() is not None and w.isVisible():
            for item in scene().items():
                if isinstance(item, (QGraphicsSimpleTextItem, QGraphicsTextItem)) and item.isVisible():
                    text = item.text() if isinstance(item, QGraphicsSimpleTextItem) else item.toPlainText()
                    out.append((f"text in {name}", text))
    return [(where, text) for where, text in out if text]


def untranslated(win: MainWindow) -> list[tuple[str, str, list[str]]]:
    ds = win.state.dataset
    data = {ds.name.lower(), *map(str.lower, ds.feature_names), *map(str.lower, ds.target_names),
            *(str(c).lower() for c in (ds.class_names or []))}
    data = {w.lower() for d in data for w in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", d)}
    bad = []
    for where, text in visible_texts(win):
        words = english_words(text, data)
        if words:
            bad.append((where, text, words))
    return bad


def walk_the_window(qtbot, win: MainWindow) -> list:
    """Step through a whole cycle (the inspector and the network view show every word they
    have), train a little, and collect what is left in English at each stage."""
    bad = untranslated(win)
    state = win.state
    state.select(1, 0)
    for _ in range(state.stepper.n_phases - 1):
        state.next_phase()
        bad += untranslated(win)
    win.training.run_steps_now(30)
    bad += untranslated(win)
    return bad


def open_window(qtbot, settings=None) -> MainWindow:
    state = AppState(load_dataset("builtin:circle", seed=0), Architecture([3], ["tanh"]))
    win = MainWindow(state, settings=settings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(state.ready_changed, timeout=120_000):
        win.show()
    qtbot.waitExposed(win)
    return win


@pytest.mark.parametrize("how", ["at start", "switched"])
def test_every_visible_text_of_the_window_is_chinese(qtbot, how):
    ui_i18n.set_language("zh_CN" if how == "at start" else "en")
    try:
        win = open_window(qtbot)
        if how == "switched":
            win.language_actions["zh_CN"].trigger()
        assert win.file_menu.title() == "文件(&F)"
        bad = walk_the_window(qtbot, win)
    finally:
        ui_i18n.set_language("en")
    assert not bad, "untranslated:\n" + "\n".join(f"  {w}: {t!r} ({', '.join(x)})" for w, t, x in bad)


def test_view_language_switches_at_once_and_is_remembered(qtbot, tmp_path):
    ui_i18n.set_language("en")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    win = open_window(qtbot, settings)
    assert win.file_menu.title() == "&File" and win.step_panel.title() == "Step one sample"
    try:
        win.language_actions["zh_CN"].trigger()
        assert ui_i18n.language() == "zh_CN"
        assert win.file_menu.title() == "文件(&F)"
        assert win.step_panel.title() == "单样本逐步计算"
        assert win.language_actions["zh_CN"].isChecked()
        assert win.step_panel.where.text().startswith("样本位于输入层")
        settings.sync()
        assert QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat).value(
            ui_i18n.SETTINGS_KEY) == "zh_CN"
        assert ui_i18n.initial_language(None, settings) == "zh_CN"
        win.language_actions["en"].trigger()
        assert win.file_menu.title() == "&File" and win.step_panel.title() == "Step one sample"
        assert win.step_panel.where.text().startswith("The sample is at the input")
        names = "|".join(i18n.LANGUAGES.values())          # each language in its own words
        assert not any("\u4e00" <= ch <= "\u9fff" for _, t in visible_texts(win)
                       for ch in re.sub(names, "", t))
    finally:
        ui_i18n.set_language("en")


def test_the_walk_catches_an_untranslated_text(qtbot, chinese):
    win = open_window(qtbot)
    win.step_panel.random.setText("Random")             # the bug the walk is there to find
    assert ("QPushButton", "Random", ["Random"]) in untranslated(win)


def _messages(ts: Path):
    for ctx in ET.parse(ts).getroot().iter("context"):
        for msg in ctx.iter("message"):
            yield ctx.findtext("name"), msg.findtext("source"), msg.find("translation")


@pytest.mark.skipif(not LUPDATE.exists(), reason="pyside6-lupdate is not installed")
def test_lupdate_finds_no_unfinished_or_obsolete_text(tmp_path):
    """Run lupdate over the sources into a copy of the catalogue: every text of the code must be
    there and translated, and nothing there may be gone from the code (run `make i18n`)."""
    ts = tmp_path / "copy.ts"
    shutil.copy(i18n.ts_path("zh_CN"), ts)
    sources = sorted(str(p) for p in (ROOT / "backpropviz").rglob("*.py"))
    run = subprocess.run([str(LUPDATE), *sources, "-locations", "none",
                          "-ts", str(ts)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    unfinished = [(c, s) for c, s, t in _messages(ts) if t.get("type") == "unfinished"]
    gone = [(c, s) for c, s, t in _messages(ts) if t.get("type") in ("vanished", "obsolete")]
    assert not unfinished, f"texts without a translation (run make i18n, translate them): {unfinished}"
    assert not gone, f"translations of texts the code no longer has (run make i18n): {gone}"


def test_translations_keep_every_field_and_accelerator():
    """A translation must fill the same {fields} (``.format`` raises otherwise) and keep the
    menu's &-accelerator."""
    for ctx, source, tr in _messages(i18n.ts_path("zh_CN")):
        text = tr.text or ""
        assert sorted(re.findall(r"\{\w*\}", source)) == sorted(re.findall(r"\{\w*\}", text)), \
            (ctx, source, text)
        assert ("&" in source.replace("&&", "")) == ("&" in text.replace("&&", "")), (ctx, source, text)


def test_the_catalogue_read_without_qt_agrees_with_the_compiled_one(qapp):
    """The command line's translations (read from the .ts) are the window's (the .qm)."""
    from PySide6.QtCore import QTranslator
    qm = QTranslator()
    assert qm.load(str(i18n.qm_path("zh_CN"))), "run make i18n"
    plain = i18n.catalog("zh_CN")
    n = 0
    for ctx, source, _ in _messages(i18n.ts_path("zh_CN")):
        assert plain(ctx, source) == qm.translate(ctx, source), (ctx, source)
        n += 1
    assert n > 50
    with i18n.use("zh_CN"):
        assert i18n.translate("MainWindow", "&File") == "文件(&F)"
    assert i18n.translate("MainWindow", "&File") == "&File"


def test_no_text_hides_from_lupdate_in_an_f_string():
    """lupdate reads only literal strings: tr(f"...") or a tr() inside an f-string's braces is
    never collected, so it would stay English forever."""
    hidden = []
    for path in sorted((ROOT / "backpropviz").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\b(tr|translate|QT_TRANSLATE_NOOP)\((\s*\"[^\"]*\",)?\s*f[\"']", line) or \
                    re.search(r"f[\"'][^\"']*\{[^}]*\b(tr|translate)\(", line):
                hidden.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not hidden, "\n".join(hidden)


def test_every_worked_line_title_is_marked_for_translation():
    """The inspector and the export translate each line's title: every title explain makes
    must be one of explain.TITLES (which lupdate collects)."""
    from backpropviz import explain
    from backpropviz.engine import Network
    titles = set()
    for acts, loss in ((["sigmoid", "sigmoid"], "half_sse"), (["relu", "softmax"], "cross_entropy"),
                       (["leaky_relu", "sigmoid"], "bce"), (["tanh", "linear"], "mse"),
                       (["linear", "softmax"], "mse")):
        net = Network.build([3, 12, 2], acts, loss, seed=1)
        trace = net.trace([0.5, -1.0, 2.0], [0.0, 1.0], lr=0.1)
        lines = explain.input_lines(trace, 0) + explain.loss_lines(net, trace)
        for layer in (1, 2):
            lines += explain.forward_lines(net, trace, layer, 0)
            lines += explain.backward_lines(net, trace, layer, 0)
            lines += explain.update_lines(net, trace, layer, 0)
        titles |= {ln.title for ln in lines}
    assert titles <= set(explain.TITLES), titles - set(explain.TITLES)
    assert len(titles) >= 10


def test_the_worked_example_exports_in_chinese_from_the_command_line(capsys, tmp_path):
    from backpropviz.cli import main
    from backpropviz.lessons import MAZUR_INPUT, MAZUR_MODEL, MAZUR_TARGET
    import json
    model = tmp_path / "mazur.json"
    model.write_text(json.dumps(MAZUR_MODEL))
    argv = ["trace", str(model), "--input", ",".join(map(str, MAZUR_INPUT)),
            "--target", ",".join(map(str, MAZUR_TARGET)), "--lr", "0.5", "--markdown"]
    assert main(argv + ["--lang", "zh_CN"]) == 0
    zh = capsys.readouterr().out
    assert main(argv) == 0
    en = capsys.readouterr().out
    assert "## 1. 前向传播" in zh and "## 3. 反向传播" in zh and "## 1. Forward pass" in en
    for number in ("0.298371", "0.358916", "0.149781"):       # the same numbers in both
        assert number in zh and number in en
    prose = [line for line in zh.splitlines()             # not the LaTeX or the arithmetic
             if line and "\\" not in line and not line.startswith(("$$", "- ", "| 1"))]
    left = [(line, english_words(line, {"i1", "i2", "o1", "o2"})) for line in prose]
    assert not [x for x in left if x[1]], [x for x in left if x[1]]


def test_pyqtgraph_menus_are_in_the_catalogue_and_follow_the_language(qtbot):
    """Every word pyqtgraph's plot menus translate (in the installed pyqtgraph) has its Chinese,
    and the menus already built change language with the window."""
    import ast
    import pyqtgraph as pg
    from backpropviz.ui import pyqtgraph_words
    root = Path(pg.__file__).parent
    wanted = set()
    for pattern in pyqtgraph_words.SOURCES:
        for path in root.glob(pattern):
            text = path.read_text(encoding="utf-8")
            for m in re.finditer(r"""translate\(\s*(["'][^"']+["'])\s*,\s*((["'])(?:\\.|(?!\3).)*\3)\s*\)""", text):
                wanted.add((ast.literal_eval(m.group(1)), ast.literal_eval(m.group(2))))
    assert len(wanted) > 50
    done = {(c, s) for c, s, t in _messages(i18n.ts_path("zh_CN")) if t.get("type") is None and t.text}
    assert not wanted - done, sorted(wanted - done)
    ui_i18n.set_language("en")
    win = open_window(qtbot)
    menu = win.data_plot.image_view.getPlotItem().vb.menu
    assert menu.viewAll.text() == "View All"
    try:
        win.language_actions["zh_CN"].trigger()
        assert menu.viewAll.text() == "显示全部"
        assert win.data_plot.image_view.getPlotItem().ctrlMenu.title() == "绘图选项"
    finally:
        ui_i18n.set_language("en")


def test_the_engines_messages_are_shown_in_chinese(chinese):
    """A diverged run and a refused loss come from the engine as Messages, English as str();
    the window shows them in Chinese with the same numbers (and any plain text as it is)."""
    from backpropviz.engine import EngineError, OptimizerConfig
    from backpropviz.engine.train import Trainer
    from backpropviz.i18n import localized as translated
    from backpropviz.lessons import get
    from backpropviz.recipe import choose_head
    lesson = get("learning-rate")
    ds = lesson.dataset()
    net = lesson.network(ds)
    trainer = Trainer(net, ds.X_train, ds.target_matrix("train", net.sizes[-1]),
                      OptimizerConfig("sgd", lr=lesson.lr), batch=lesson.batch, seed=0)
    message = next(s.message for s in trainer.epochs(200) if s.diverged)
    step = re.search(r"step (\d+)", str(message)).group(1)
    assert str(message).startswith(f"training diverged at step {step} (")
    shown = translated(message)
    assert shown.startswith(f"训练在第 {step} 步发散") and "（当前为 1）" in shown
    with pytest.raises(EngineError) as e:
        choose_head(ds, loss="bce")
    assert str(e.value) == "loss bce is for classes; this data set is a regression task"
    assert translated(e.value) == "损失函数 bce 用于分类；这个数据集是回归任务"
    assert translated("something new") == "something new"
    # the classic lesson without its files: how to get them, in Chinese
    import backpropviz.lessons as lessons
    from backpropviz.data import DatasetError
    saved = lessons.CLASSIC_FOLDERS
    lessons.CLASSIC_FOLDERS = ("/nowhere/mnist",)
    try:
        with pytest.raises(DatasetError) as e:
            get("classic").dataset()
    finally:
        lessons.CLASSIC_FOLDERS = saved
    shown = translated(e.value)
    assert shown.startswith("经典课程需要 /nowhere/mnist 中的") and "apt-get install" in shown
