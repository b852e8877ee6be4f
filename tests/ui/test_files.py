"""Own data and models in the window: open, preview, save, export, lessons, settings."""
import json
import os

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QInputDialog, QMessageBox

from backpropviz.data import load_dataset
from backpropviz.engine import Network
from backpropviz.engine import OptimizerConfig, atomic_file
from backpropviz.engine.schedule import LRSchedule
from backpropviz.explain import fmt
from backpropviz.recipe import Architecture
from backpropviz.ui.files import FileActions
from backpropviz.ui.main_window import MainWindow
from backpropviz.ui.state import AppState


@pytest.fixture
def window(qtbot, monkeypatch):
    # no dialog may block a test: warnings are recorded instead
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    state = AppState(load_dataset("builtin:circle", seed=0), Architecture([3], ["tanh"]))
    win = MainWindow(state)
    win.warnings = warnings
    qtbot.addWidget(win)
    with qtbot.waitSignal(state.ready_changed, timeout=120_000):
        win.show()
    return win


def choose(monkeypatch, path):
    monkeypatch.setattr(FileActions, "_ask_data_path", lambda self: str(path))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def ok_button(dlg):
    return dlg.buttons.button(QDialogButtonBox.Ok)


def write_formats(tmp_path):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 3))
    y = (X[:, 0] + X[:, 1] > 0).astype(int) + (X[:, 2] > 1)       # 3 classes
    names = np.array(["low", "mid", "high"])[y]
    files = {}
    lines = ["a,b,c,kind"] + [f"{r[0]:.5f},{r[1]:.5f},{r[2]:.5f},{k}" for r, k in zip(X, names)]
    files["csv"] = tmp_path / "three.csv"
    files["csv"].write_text("\n".join(lines) + "\n")
    files["tsv"] = tmp_path / "three.tsv"
    files["tsv"].write_text("\n".join(l.replace(",", "\t") for l in lines) + "\n")
    files["semicolon"] = tmp_path / "three.txt"
    files["semicolon"].write_text("\n".join(l.replace(",", ";") for l in lines) + "\n")
    files["npy"] = tmp_path / "three.npy"
    np.save(files["npy"], np.column_stack([X, y]))
    files["npz"] = tmp_path / "three.npz"
    np.savez(files["npz"], X=X, y=y)
    return files


@pytest.mark.parametrize("kind", ["csv", "tsv", "semicolon", "npy", "npz"])
def test_open_each_format_through_the_dialog(qtbot, monkeypatch, tmp_path, window, kind):
    path = write_formats(tmp_path)[kind]
    choose(monkeypatch, path)
    dlg = window.files.open_data()
    assert dlg is not None and dlg.isVisible()
    assert ok_button(dlg).isEnabled(), dlg.error.text()
    assert "Classes" in dlg.summary.text()
    assert dlg.table.rowCount() > 0
    with qtbot.waitSignal(window.state.data_changed, timeout=5000):
        qtbot.mouseClick(ok_button(dlg), Qt.LeftButton)
    net = window.state.net
    assert net.sizes[0] == 3 and net.sizes[-1] == 3
    assert net.activations[-1] == "softmax"
    assert window.state.stepper is not None and window.state.stepper.x.shape == (3,)


def test_the_dialog_changes_target_and_task(qtbot, monkeypatch, tmp_path, window):
    path = write_formats(tmp_path)["csv"]
    choose(monkeypatch, path)
    dlg = window.files.open_data()
    dlg.target.setCurrentIndex(0)                   # column a (floats) as the target
    dlg.task.setCurrentText("regression")
    assert ok_button(dlg).isEnabled() is False      # 'kind' (text) is now a feature: refused
    assert "kind" in dlg.error.text() and "three.csv" in dlg.error.text()
    dlg.target.setCurrentIndex(3)
    dlg.task.setCurrentText("auto")
    assert ok_button(dlg).isEnabled()


BAD = {
    "empty.csv": b"",
    "header_only.csv": b"a,b,y\n",
    "ragged.csv": b"a,b,y\n1,2,0\n3,4,5,1\n5,6,1\n",
    "text_feature.csv": b"a,b,y\n1,2,0\n3,oops,1\n5,6,1\n",
    "missing.csv": b"a,b,y\n1,2,0\n3,,1\n5,6,1\n",
    "junk.csv": bytes(range(256)) * 4,
    "one_class.csv": b"a,b,y\n1,2,0\n3,4,0\n5,6,0\n",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_file_shows_the_loaders_message_and_changes_nothing(qtbot, monkeypatch, tmp_path,
                                                                 window, name):
    path = tmp_path / name
    path.write_bytes(BAD[name])
    before = (window.state.dataset, window.state.net.params.copy())
    choose(monkeypatch, path)
    dlg = window.files.open_data()
    assert not ok_button(dlg).isEnabled()
    assert name in dlg.error.text()
    dlg.reject()
    assert window.state.dataset is before[0]
    np.testing.assert_array_equal(window.state.net.params, before[1])


def test_npz_without_y_is_refused_in_the_dialog(qtbot, monkeypatch, tmp_path, window):
    path = tmp_path / "noy.npz"
    np.savez(path, X=np.zeros((4, 2)))
    choose(monkeypatch, path)
    dlg = window.files.open_data()
    assert not ok_button(dlg).isEnabled() and "noy.npz" in dlg.error.text()


def test_save_then_open_a_model_gives_the_same_weights_bit_for_bit(qtbot, monkeypatch, tmp_path, window):
    path = tmp_path / "m.json"
    choose(monkeypatch, path)
    saved = window.state.net.params.copy()
    assert window.files.save_model_as()
    window.state.reinitialize(seed=7)
    assert not np.array_equal(window.state.net.params, saved)
    assert window.files.open_model()
    np.testing.assert_array_equal(window.state.net.params, saved)
    assert Network.load(path).input_names == ["x1", "x2"]


def test_an_interrupted_save_keeps_the_previous_file(qtbot, monkeypatch, tmp_path, window):
    path = tmp_path / "m.json"
    choose(monkeypatch, path)
    assert window.files.save_model_as()
    original = path.read_bytes()
    window.state.reinitialize(seed=3)

    def crash(*a, **k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(atomic_file.os, "replace", crash)
    assert not window.files.save_model()
    assert path.read_bytes() == original
    assert sorted(os.listdir(tmp_path)) == ["m.json"]
    assert any("No space left" in w for w in window.warnings)


def test_a_model_of_another_size_offers_its_architecture_or_cancel(qtbot, monkeypatch, tmp_path, window):
    other = Network.build([4, 5, 3], ["relu", "softmax"], "cross_entropy", seed=1)
    path = tmp_path / "iris_model.json"
    other.save(path)
    choose(monkeypatch, path)
    before = window.state.net.params.copy()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Cancel)
    assert not window.files.open_model()
    np.testing.assert_array_equal(window.state.net.params, before)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    assert window.files.open_model()
    assert window.state.net.sizes == [2, 5, 1]
    assert window.state.net.activations[0] == "relu"


def test_a_broken_model_file_is_refused_with_its_message(qtbot, monkeypatch, tmp_path, window):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "backpropviz.model", "version": 1, "layers": [}')
    choose(monkeypatch, path)
    before = window.state.net.params.copy()
    assert not window.files.open_model()
    assert any("broken.json" in w and "line 1" in w for w in window.warnings)
    np.testing.assert_array_equal(window.state.net.params, before)


def test_markdown_and_trace_exports_carry_the_traces_numbers(qtbot, monkeypatch, tmp_path, window):
    for _ in range(window.state.stepper.n_phases - 1):
        window.state.next_phase()
    trace = window.state.stepper.trace
    md_path = tmp_path / "worked.md"
    choose(monkeypatch, md_path)
    assert window.files.exports.export_markdown()
    md = md_path.read_text()
    for layer in trace["layers"]:
        for key in ("z", "a", "delta"):
            for v in layer[key]:
                assert fmt(v) in md
    assert fmt(trace["loss"]) in md
    new_w = trace["updated"]["layers"][-1]["weights"][0][0]
    assert fmt(new_w) in md
    tr_path = tmp_path / "trace.json"
    choose(monkeypatch, tr_path)
    assert window.files.exports.export_trace()
    data = json.loads(tr_path.read_text())
    assert data["loss"] == pytest.approx(trace["loss"], rel=1e-15)
    np.testing.assert_allclose(data["layers"][0]["grad_weights"], trace["layers"][0]["grad_weights"], rtol=1e-15)


def test_history_and_png_exports(qtbot, monkeypatch, tmp_path, window):
    choose(monkeypatch, tmp_path / "h.csv")
    assert window.files.exports.export_history() is None           # nothing trained yet: said so
    assert window.warnings
    with qtbot.waitSignal(window.training.finished, timeout=10_000):
        window.training.one_epoch()
    assert window.files.exports.export_history()
    rows = (tmp_path / "h.csv").read_text().strip().splitlines()
    assert rows[0].startswith("step,epoch,train_loss,test_loss")
    assert int(rows[-1].split(",")[0]) == window.state.frame.step
    for what in ("window", "network", "loss", "accuracy", "gradients", "data"):
        choose(monkeypatch, tmp_path / f"{what}.png")
        assert window.files.exports.export_png(what)
        assert (tmp_path / f"{what}.png").stat().st_size > 1000


def test_the_pytorch_export_carries_the_window_s_remedies_schedule_and_frozen_biases(
        qtbot, monkeypatch, tmp_path, window):
    st = window.state
    st.set_architecture(Architecture([4, 4], ["tanh", "tanh"], batch_norm=True, residual=True))
    st.set_optimizer(OptimizerConfig("momentum", lr=0.05, train_biases=False), batch=16,
                     schedule=LRSchedule.parse("step:3:0.5"))
    choose(monkeypatch, tmp_path / "train_torch.py")
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (2, True))
    menu_actions = [a for m in window.menuBar().actions() for a in m.menu().actions()
                    if a.menu() is not None for a in a.menu().actions()]
    [export] = [a for a in menu_actions if "PyTorch" in a.text()]
    export.trigger()
    text = (tmp_path / "train_torch.py").read_text()
    compile(text, "train_torch.py", "exec")
    assert "SCHEDULE = ('step', 3, 0.5)" in text and "TRAIN_BIASES = False" in text
    assert "OPTIMIZER, LR = 'momentum', 0.05" in text and "BATCH, EPOCHS, SEED = 16, 2," in text
    assert text.count("residual=True") == 1 and text.count("batch_norm=dict(") == 2
    assert not window.warnings


def test_dropping_a_file_opens_its_preview(qtbot, tmp_path, window):
    path = write_formats(tmp_path)["csv"]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(event)
    dlg = window.files.data_dialog
    assert dlg is not None and dlg.path == str(path) and ok_button(dlg).isEnabled()


def test_settings_and_recent_files_are_remembered(qtbot, monkeypatch, tmp_path):
    ini = str(tmp_path / "settings.ini")
    state = AppState(load_dataset("builtin:circle", seed=0))
    win = MainWindow(state, warm=False, settings=QSettings(ini, QSettings.IniFormat))
    qtbot.addWidget(win)
    p = win.train_panel
    p.optimizer.setCurrentText("momentum")
    p.lr.setValue(0.02)
    p.batch.setValue(40)
    path = write_formats(tmp_path)["csv"]
    choose(monkeypatch, path)
    dlg = win.files.open_data()
    qtbot.mouseClick(ok_button(dlg), Qt.LeftButton)
    win.save_settings()
    state2 = AppState(load_dataset("builtin:circle", seed=0))
    win2 = MainWindow(state2, warm=False, settings=QSettings(ini, QSettings.IniFormat))
    qtbot.addWidget(win2)
    win2.restore_settings()
    p = win2.train_panel
    assert (p.optimizer.currentText(), p.lr.value(), p.batch.value()) == ("momentum", 0.02, 40)
    recent = win2.files.recent()
    assert recent[0]["path"] == str(path.resolve()) and recent[0]["kind"] == "data"
    titles = [a.text() for a in win2.files.recent_menu.actions()]
    assert any("three.csv" in t for t in titles)
    from backpropviz.ui.app import build_state
    import argparse
    last = json.loads(QSettings(ini, QSettings.IniFormat).value("files/last_data"))
    args = argparse.Namespace(data=None, model=None, layers=None, activation=None, seed=0)
    assert build_state(args, last).dataset.name == "three.csv"


def test_every_example_opens_ready_and_trains_a_few_steps(qtbot, window):
    from backpropviz.lessons import LESSONS
    menu_titles = [a.text() for a in window.files.examples_menu.actions()]
    assert menu_titles == [lesson.title for lesson in LESSONS]
    for lesson in LESSONS:
        window.files.open_lesson(lesson.key)
        state = window.state
        assert window.lesson_note.isVisible() and lesson.title in window.lesson_note.text.text()
        assert state.net.sizes[0] == state.dataset.n_features
        assert window.train_panel.optimizer.currentText() == lesson.optimizer
        assert window.train_panel.lr.value() == pytest.approx(lesson.lr)
        assert state.stepper is not None and state.stepper.phase.kind == "input"
        window.training.run_steps_now(3)
        assert state.frame.step == 3
        if lesson.model is not None:                     # the worked example's own weights
            assert state.net.sizes == [2, 2, 2]


def test_the_worked_example_lesson_shows_the_published_numbers(qtbot, window):
    window.files.open_lesson("worked-example")
    state = window.state
    state.select(2, 0)
    for _ in range(state.stepper.n_phases - 1):
        state.next_phase()
    text = window.inspector.toPlainText()
    assert "0.298371" in text                      # the loss
    assert "0.358916" in text                      # w5 after the update (lr 0.5)


def test_the_dialog_takes_an_image_shape_for_picture_data(qtbot, monkeypatch, tmp_path, window):
    rng = np.random.default_rng(0)
    path = tmp_path / "pics.npz"
    np.savez(path, X=rng.random((40, 12)), y=np.arange(40) % 2)
    choose(monkeypatch, path)
    dlg = window.files.open_data()
    assert dlg.image_shape.text() == ""                 # 12 features: no guess
    qtbot.keyClicks(dlg.image_shape, "5x3")
    assert not ok_button(dlg).isEnabled() and "15" in dlg.error.text()
    dlg.image_shape.clear()
    qtbot.keyClicks(dlg.image_shape, "3x4")
    assert ok_button(dlg).isEnabled()
    with qtbot.waitSignal(window.state.data_changed, timeout=5000):
        qtbot.mouseClick(ok_button(dlg), Qt.LeftButton)
    assert window.state.dataset.image_shape == (3, 4)
    assert window.network_view.image_input and window.data_plot.mode == "image"
