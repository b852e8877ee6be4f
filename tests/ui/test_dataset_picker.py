"""Data in one click: the picker's thumbnails, noise and samples, builtin:NAME typed into the
file dialog, recent data sets, and the Open data dialog's guess of the target column."""
import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from backpropviz.data import BUILTINS, load_dataset
from backpropviz.recipe import Architecture
from backpropviz.ui.main_window import MainWindow
from backpropviz.ui.state import AppState


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    from PySide6.QtCore import QSettings
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    state = AppState(load_dataset("builtin:circle", seed=0), Architecture([3], ["tanh"]))
    win = MainWindow(state, warm=False, settings=settings)
    win.warnings = warnings
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_every_builtin_has_a_thumbnail_button_with_its_description(window):
    picker = window.data_picker
    assert list(picker.buttons) == list(BUILTINS)
    for name, btn in picker.buttons.items():
        assert not btn.icon().isNull()
        assert BUILTINS[name].description in btn.toolTip()
    assert picker.buttons["circle"].isChecked()


@pytest.mark.parametrize("name, n_in, n_out", [("spiral", 2, 1), ("iris", 4, 3), ("sine", 1, 1),
                                                ("digits", 64, 10)])
def test_one_click_loads_a_builtin_and_fits_the_network(qtbot, window, name, n_in, n_out):
    state = window.state
    with qtbot.waitSignal(state.data_changed, timeout=5000):
        qtbot.mouseClick(window.data_picker.buttons[name], Qt.LeftButton)
    assert state.dataset.source == f"builtin:{name}"
    assert state.net.sizes[0] == n_in and state.net.sizes[-1] == n_out
    assert state.net.sizes[1:-1] == [3]                      # the hidden layers are kept
    assert [n for n, b in window.data_picker.buttons.items() if b.isChecked()] == [name]
    assert window.data_picker.noise.isEnabled() == BUILTINS[name].is_generator


def test_a_set_that_is_not_generated_shows_its_own_size_and_no_noise(qtbot, window):
    """Digits showed "Samples 300" and "Noise 0.05" (greyed): numbers of another set."""
    picker = window.data_picker
    qtbot.mouseClick(picker.buttons["digits"], Qt.LeftButton)
    ds = window.state.dataset
    assert picker.samples.text() == str(ds.n_train + ds.n_test) == "1797"
    assert picker.noise.text() == "–"
    assert not picker.noise.isEnabled() and not picker.samples.isEnabled()
    qtbot.mouseClick(picker.buttons["moons"], Qt.LeftButton)         # generated: its own again
    b = BUILTINS["moons"]
    assert picker.noise.value() == b.default_noise and picker.samples.value() == b.default_n
    assert picker.noise.text() == f"{b.default_noise:.2f}" and picker.noise.isEnabled()
    picker.noise.setValue(0.0)                                       # noise 0 is a value, not "–"
    assert picker.noise.text() == "0.00"
    window.files.open_lesson("worked-example")                     # one sample
    assert picker.samples.text() == "1" and picker.noise.text() == "–"


def test_typed_noise_and_samples_apply_on_enter_not_per_keystroke(qtbot, window):
    picker, state = window.data_picker, window.state
    qtbot.mouseClick(picker.buttons["moons"], Qt.LeftButton)
    loads = []
    state.data_changed.connect(lambda: loads.append(dict(state.dataset.load_args)))
    picker.samples.setFocus()
    picker.samples.selectAll()
    qtbot.keyClicks(picker.samples, "120", delay=20)
    assert loads == []                                       # nothing while typing
    qtbot.keyClick(picker.samples, Qt.Key_Return)
    assert len(loads) == 1 and loads[0]["n"] == 120
    assert state.dataset.n_train + state.dataset.n_test == 120
    picker.noise.setFocus()
    picker.noise.selectAll()
    qtbot.keyClicks(picker.noise, "0.3", delay=20)
    qtbot.keyClick(picker.noise, Qt.Key_Return)
    assert len(loads) == 2 and loads[1]["noise"] == 0.3 and loads[1]["n"] == 120
    expected = load_dataset("builtin:moons", n=120, noise=0.3, seed=state.architecture.seed,
                            test_fraction=loads[1]["test_fraction"])
    assert (state.dataset.X_train == expected.X_train).all()


def type_into_file_dialog(qtbot, text):
    def type_it():
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, QFileDialog)
        edit = dlg.findChild(QLineEdit, "fileNameEdit")
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key_Return)
    QTimer.singleShot(0, type_it)


def test_builtin_typed_into_file_open_loads_it_instead_of_file_not_found(qtbot, window):
    type_into_file_dialog(qtbot, "builtin:spiral")
    with qtbot.waitSignal(window.state.data_changed, timeout=10_000):
        window.files.open_data()
    assert window.state.dataset.source == "builtin:spiral"
    assert window.warnings == []


def test_an_unknown_builtin_typed_says_which_exist(qtbot, window):
    type_into_file_dialog(qtbot, "builtin:spirals")
    window.files.open_data()
    assert window.state.dataset.source == "builtin:circle"
    assert len(window.warnings) == 1 and "spirals" in window.warnings[0] and "moons" in window.warnings[0]


def test_a_builtin_goes_to_recent_files_and_opens_again_with_its_settings(qtbot, window):
    picker = window.data_picker
    qtbot.mouseClick(picker.buttons["gaussians"], Qt.LeftButton)
    picker.noise.setValue(0.4)                               # as after Enter
    qtbot.mouseClick(picker.buttons["xor"], Qt.LeftButton)
    actions = window.files.recent_menu.actions()
    assert [a.text().split()[0] for a in actions[:2]] == ["builtin:xor", "builtin:gaussians"]
    assert picker.recent_button.menu() is window.files.recent_menu
    with qtbot.waitSignal(window.state.data_changed, timeout=5000):
        actions[1].trigger()
    assert window.state.dataset.source == "builtin:gaussians"
    assert window.state.dataset.load_args["noise"] == 0.4
    assert picker.noise.value() == 0.4


def test_the_file_menu_lists_the_builtins(qtbot, window):
    menu = window.files.builtin_menu
    assert [a.text().split()[0] for a in menu.actions()] == list(BUILTINS)
    with qtbot.waitSignal(window.state.data_changed, timeout=5000):
        menu.actions()[list(BUILTINS).index("iris")].trigger()
    assert window.state.dataset.source == "builtin:iris"


def test_the_data_dialog_guesses_the_only_text_column_and_says_so(qtbot, monkeypatch, tmp_path, window):
    path = tmp_path / "pets.csv"
    path.write_text("kind,w,h,age\ncat,1.0,2.0,3\ndog,3.0,4.5,1\ncat,2.0,1.0,2\ndog,2.5,4.0,5\n"
                    "cat,1.5,2.5,4\ndog,3.5,5.0,6\n")
    dlg = window.files.open_data(str(path))
    assert dlg.target.currentText() == "kind"
    assert "only text column" in dlg.guess.text() and "kind" in dlg.guess.text()
    assert "Classes: cat: 3, dog: 3" in dlg.summary.text()
    dlg.reject()


def test_rebuilding_the_menus_keeps_one_entry_per_builtin(qtbot, window):
    window.retranslate()                                      # as on a change of language
    window.retranslate()
    assert len(window.files.builtin_menu.actions()) == len(BUILTINS)
    assert window.data_picker.recent_button.menu() is window.files.recent_menu


@pytest.mark.parametrize("name", [n for n, b in BUILTINS.items() if not b.is_generator])
def test_the_stored_thumbnails_of_the_bundled_files_are_what_the_files_give(name):
    """The window draws iris and digits from resources/datasets/thumbnails.npz, so that its
    first paint never waits for pandas; they must still be the files' own points and picture
    (after a change to the files or the loader: dataset_picker.write_stored_thumbnails())."""
    from backpropviz.ui.dataset_picker import stored_thumbnail_arrays, thumbnail_arrays
    stored, computed = stored_thumbnail_arrays(name), thumbnail_arrays(name)
    assert stored is not None and stored.keys() == computed.keys()
    for key in computed:
        np.testing.assert_array_equal(stored[key], computed[key], err_msg=f"{name}/{key}")
