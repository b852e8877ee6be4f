"""The data and engine layers' messages: English on the command line, any language in the window.

Every error they raise is a marked template with its values (``backpropviz.i18n.Message``), so
that the window can show it in Chinese while the command line and the layers themselves stay
free of Qt. These tests read the source: a message written as an f-string (which no catalogue
can translate) or a template without its Chinese fails here, before anyone sees it in English.
"""
from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import backpropviz
from backpropviz import i18n
from backpropviz.data import DatasetError, load_dataset
from backpropviz.engine import EngineError, ModelFileError, Network, model_file

ROOT = Path(backpropviz.__file__).parent
#: the error types the layers below the window raise, with the context of their templates
ERRORS = {"DatasetError": "data", "EngineError": "engine", "ModelFileError": "engine",
          "ExportError": "engine"}
#: calls that take a piece of a message, and which of their arguments it is: the memory checks'
#: "what needs it" is shown inside their refusal
PIECES = {"message": 0, "check_memory": 2, "require": 2}


def _sources() -> list[Path]:
    """Every module outside the window (the window translates its own texts with tr())."""
    return sorted(p for p in ROOT.rglob("*.py") if "ui" not in p.relative_to(ROOT).parts[:1])


def _name(func: ast.expr) -> str | None:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _literal(node: ast.expr) -> str | None:
    """The text of a string literal (implicitly concatenated pieces are one Constant)."""
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _marked(tree: ast.AST) -> list[tuple[str, str, int]]:
    """(context, text, line) of every QT_TRANSLATE_NOOP("context", "text") in a module."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) == "QT_TRANSLATE_NOOP":
            ctx, text = (_literal(a) for a in node.args[:2])
            assert ctx is not None and text is not None, f"line {node.lineno}: not literal"
            out.append((ctx, text, node.lineno))
    return out


def unmarked_messages(source: str, filename: str) -> list[str]:
    """Where an error of the layers (or a piece of a message) is made from text that no
    catalogue holds: a string literal, an f-string or a computed string in place of a marked
    template, or a template marked in another error's context."""
    bad = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        kind = _name(node.func)
        if kind not in ERRORS and kind not in PIECES:
            continue
        where = f"{filename}:{node.lineno}: {kind}"
        at = PIECES.get(kind, 0)
        if len(node.args) <= at:
            bad.append(f"{where} without a message")
            continue
        first = node.args[at]
        if isinstance(first, (ast.Constant, ast.JoinedStr, ast.BinOp)) or (
                isinstance(first, ast.Call) and _name(first.func) in ("format", "str", "join")):
            bad.append(f"{where} with text that is not a marked template: {ast.unparse(first)[:70]}")
        elif isinstance(first, ast.Call) and _name(first.func) == "QT_TRANSLATE_NOOP":
            context = _literal(first.args[0])
            if kind in ERRORS and context != ERRORS[kind]:
                bad.append(f"{where} marked in context {context!r}, not {ERRORS[kind]!r}")
    return bad


def test_every_error_below_the_window_is_made_from_a_marked_template():
    bad = []
    for path in _sources():
        bad += unmarked_messages(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert not bad, "\n".join(bad)


def test_the_check_catches_an_f_string_message():
    """The bug the check is there for: a new message written the old way."""
    planted = ('def f(p):\n    raise DatasetError(f"{p}: broken")\n'
               'def g(n):\n    raise EngineError(QT_TRANSLATE_NOOP("data", "{n} bad"), n=n)\n'
               'def h(k):\n    return message("layer " + str(k))\n'
               'def m(p, n):\n    check_memory(p, 8 * n, f"loading {n} rows")\n')
    found = unmarked_messages(planted, "planted.py")
    assert len(found) == 4, found


def _translations() -> dict[tuple[str, str], str]:
    out = {}
    for ctx in ET.parse(i18n.ts_path("zh_CN")).getroot().iter("context"):
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is not None and tr.get("type") is None and tr.text:
                out[(ctx.findtext("name"), msg.findtext("source"))] = tr.text
    return out


def test_every_template_of_the_data_and_engine_layers_has_its_chinese():
    """Not only lupdate's view: each marked text below the window, read from the source, has a
    finished zh_CN translation that fills the same fields and speaks Chinese."""
    done = _translations()
    missing, n = [], 0
    for path in _sources():
        for ctx, text, line in _marked(ast.parse(path.read_text(encoding="utf-8"))):
            if ctx not in ("data", "engine"):
                continue
            n += 1
            zh = done.get((ctx, text))
            where = f"{path.relative_to(ROOT)}:{line}"
            if zh is None:
                missing.append(f"{where}: {text!r} has no translation (run make i18n)")
            elif sorted(re.findall(r"\{\w+\}", zh)) != sorted(re.findall(r"\{\w+\}", text)):
                missing.append(f"{where}: {zh!r} does not fill the fields of {text!r}")
            elif len(re.sub(r"\{\w+\}", "", text)) > 12 and not re.search("[\u4e00-\u9fff]", zh):
                missing.append(f"{where}: {zh!r} is not Chinese")
    assert n > 200, n
    assert not missing, "\n".join(missing)


# --- the messages themselves: English by default, Chinese when asked -------------------------

def test_a_data_error_is_english_for_the_command_line_and_chinese_in_the_window(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("x1,x2,y\n1,2,0\n3,?,1\n")
    with pytest.raises(DatasetError) as e:
        load_dataset(str(path))
    assert str(e.value) == ("bad.csv, line 3, column 'x2' (#2): '?' is not a number; feature "
                            "columns must be numeric (pick another target column or remove the text)")
    assert i18n.localized(e.value) == str(e.value)            # no window: the source language
    with i18n.use("zh_CN"):
        assert i18n.localized(e.value) == ("bad.csv，第 3 行，列 'x2'（第 2 列）：'?' 不是数值；"
                                           "特征列必须是数值（请换一个目标列或删除这些文本）")
        assert str(e.value).startswith("bad.csv, line 3")      # str() stays English


def test_a_message_is_one_line_in_every_language(tmp_path):
    path = tmp_path / "cell.csv"
    path.write_text('x1,x2,y\n1,"a\nb",0\n3,4,1\n')
    with pytest.raises(DatasetError) as e:
        load_dataset(str(path))
    assert "\n" not in str(e.value)
    with i18n.use("zh_CN"):
        assert "\n" not in i18n.localized(e.value) and "不是数值" in i18n.localized(e.value)


def test_a_model_file_error_names_the_file_and_the_problem_in_both_languages(tmp_path):
    path = tmp_path / "model.json"
    path.write_text('{"format": "%s", "version": 1, "loss": "mse", "layers": [{"activation": '
                    '"tanh", "weights": [["0.5", 1]], "bias": [0]}]}' % model_file.FORMAT)
    with pytest.raises(ModelFileError) as e:
        Network.load(str(path))
    assert str(e.value) == (f"{path}: layer 1 weights hold the text '0.5' where a number "
                            "belongs; write numbers without quotes")
    with i18n.use("zh_CN"):
        assert i18n.localized(e.value) == (f"{path}：第 1 层的权重在应为数值的位置含有文本 '0.5'；"
                                           "请写不带引号的数值")


def test_an_engine_refusal_keeps_its_numbers_in_chinese():
    with pytest.raises(EngineError) as e:
        Network([2, 3, 1], ["tanh"], "mse")
    assert str(e.value) == "2 layers need 2 activations, got 1"
    with i18n.use("zh_CN"):
        assert i18n.localized(e.value) == "2 层需要 2 个激活函数，但给了 1 个"


def test_a_plain_text_error_is_shown_as_it_is():
    """Text from elsewhere (an OS error, a name with braces) passes through untouched."""
    assert i18n.localized(OSError("disk full")) == "disk full"
    e = EngineError("{weird} name")
    assert str(e) == "{weird} name"
    with i18n.use("zh_CN"):
        assert i18n.localized(e) == "{weird} name"


def test_the_data_summary_is_a_message():
    ds = load_dataset("builtin:iris", seed=0)
    assert str(ds.summary()) == "iris: classification, 4 features, 3 classes, 120 train / 30 test"
    with i18n.use("zh_CN"):
        assert i18n.localized(ds.summary()) == "iris：分类，4 个特征，3 个类别，训练集 120 / 测试集 30"
