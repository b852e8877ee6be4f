"""The image views, driven like a person would: a small IDX image set written here, the weight
pictures (hover, click, live while training), the confusion matrix (counts against a brute-force
count, a click on a cell), the mistakes gallery (a click steps that test image)."""
from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from backpropviz import predictions as P
from backpropviz.data import load_dataset
from backpropviz.data.idx import STANDARD_FILES
from backpropviz.recipe import Architecture
from backpropviz.ui.image_views import ImageViews
from backpropviz.ui.state import AppState

SHAPE = (6, 5)


def _idx(a: np.ndarray) -> bytes:
    head = bytes([0, 0, 0x08, a.ndim]) + b"".join(int(n).to_bytes(4, "big") for n in a.shape)
    return head + a.astype(np.uint8).tobytes()


def write_image_set(folder: Path, n_train: int = 90, n_test: int = 30) -> Path:
    """Three classes of 6x5 pictures: a bar at the top, the middle or the bottom, with noise."""
    rng = np.random.default_rng(0)
    folder.mkdir(parents=True, exist_ok=True)
    for stem_x, stem_y, n in ((STANDARD_FILES[0], STANDARD_FILES[1], n_train),
                              (STANDARD_FILES[2], STANDARD_FILES[3], n_test)):
        y = np.arange(n) % 3
        x = rng.integers(0, 60, (n, *SHAPE))
        for i, c in enumerate(y):
            x[i, 2 * c:2 * c + 2, :] = 255 - rng.integers(0, 120, (2, SHAPE[1]))
        (folder / (stem_x + ".gz")).write_bytes(gzip.compress(_idx(x)))
        (folder / (stem_y + ".gz")).write_bytes(gzip.compress(_idx(y)))
    return folder


@pytest.fixture
def image_window(open_window, tmp_path):
    return open_window(str(write_image_set(tmp_path / "bars")), Architecture([7], ["relu"]))


def click_item(widget, item, point: QPointF, button=Qt.LeftButton) -> None:
    """Click ``item`` of a pyqtgraph widget at ``point`` (item coordinates)."""
    pos = widget.mapFromScene(item.mapToScene(point))
    QTest.mouseClick(widget.viewport(), button, Qt.NoModifier, pos)


def tile_centre(unit: int, columns: int) -> QPointF:
    h, w = SHAPE
    r, c = divmod(unit, columns)
    return QPointF(c * (w + 1) + w / 2, r * (h + 1) + h / 2)


# --- the numbers ----------------------------------------------------------------------------------
def test_mosaic_places_each_tile_where_tile_at_finds_it():
    imgs = np.arange(7 * 2 * 3, dtype=float).reshape(7, 2, 3) + 1
    m = P.mosaic(imgs, 3, pad=1, fill=0.0)
    assert m.shape == (3 * 3 - 1, 3 * 4 - 1)
    for i in range(7):
        r0, c0 = (i // 3) * 3, (i % 3) * 4
        np.testing.assert_array_equal(m[r0:r0 + 2, c0:c0 + 3], imgs[i])
        assert P.tile_at(7, 3, (2, 3), r0 + 1.5, c0 + 2.5) == i
    assert P.tile_at(7, 3, (2, 3), 2.5, 0.5) is None        # the gap between rows
    assert P.tile_at(7, 3, (2, 3), 6.5, 4.5) is None        # past the 7th tile
    assert np.all(m[2, :] == 0) and np.all(m[:, 3] == 0)


def test_grid_columns_draw_the_tiles_largest():
    # seven 2x3 tiles: a wide strip puts them in one row, a tall one in one column
    assert P.grid_columns(7, (2, 3), 1000, 10) == 7
    assert P.grid_columns(7, (2, 3), 10, 1000) == 1
    # 128 square tiles in a square: 11 or 12 columns draw them equally large; the fewer wins
    assert P.grid_columns(128, (28, 28), 500, 500) == 11
    for n, area in ((128, (260, 150)), (10, (300, 90)), (5, (50, 400))):
        c = P.grid_columns(n, (28, 28), *area)

        def scale(k):
            r = -(-n // k)
            return min(area[0] / (k * 29 - 1), area[1] / (r * 29 - 1))
        assert all(scale(c) >= scale(k) for k in range(1, n + 1))


def test_predictions_match_a_brute_force_count(tmp_path):
    ds = load_dataset(write_image_set(tmp_path / "bars"))
    net = Architecture([5], ["tanh"]).build(ds)
    pred = P.predict_test_part(net, ds)
    out = np.array([net.forward(x.reshape(1, -1))[0] for x in ds.X_test])
    np.testing.assert_allclose(pred.probabilities, out, rtol=1e-12)
    guess = out.argmax(axis=1)
    for t in range(3):
        for p in range(3):
            assert pred.confusion[t, p] == sum(1 for a, b in zip(ds.y_test, guess)
                                               if a == t and b == p)
    assert pred.accuracy == pytest.approx(np.mean(guess == ds.y_test))
    wrong = P.mistakes(ds, pred)
    assert set(wrong) == set(np.flatnonzero(guess != ds.y_test))
    conf = out[wrong, guess[wrong]]
    assert np.all(np.diff(conf) <= 0)                      # most confidently wrong first


def test_one_sigmoid_output_gives_two_class_probabilities():
    from backpropviz.data import dataset_from_arrays
    X = np.random.default_rng(1).random((40, 4))
    ds = dataset_from_arrays("two", X, (X[:, 0] > 0.5).astype(int), task="classification",
                             test_fraction=0.25)
    net = Architecture([3], ["tanh"], output="sigmoid", loss="bce").build(ds)
    pred = P.predict_test_part(net, ds)
    p = net.forward(ds.X_test)[:, 0]
    np.testing.assert_allclose(pred.probabilities[:, 1], p)
    np.testing.assert_array_equal(pred.predicted, (p > 0.5).astype(int))


# --- the window -------------------------------------------------------------------------------------
def test_views_show_for_images_only(open_window, image_window):
    views = image_window.image_views
    assert views.tabBar().isVisible() and all(views.isTabVisible(i) for i in range(4))
    assert views.currentWidget() is image_window.data_plot
    assert image_window.state.dataset.image_shape == SHAPE
    assert not image_window.train_panel.test_fraction.isEnabled()   # the folder's own split


def test_no_image_views_for_points(open_window):
    win = open_window("builtin:circle")
    views = win.image_views
    assert not views.tabBar().isVisible() and not views.isTabVisible(1)
    assert win.data_plot.isVisible()


def test_weight_pictures_follow_training(qtbot, image_window):
    views: ImageViews = image_window.image_views
    views.setCurrentWidget(views.weights)
    state = image_window.state
    shown = views.weights.grid.image
    np.testing.assert_array_equal(shown, P.mosaic(state.net.weights[0].reshape(7, *SHAPE),
                                                  views.weights.columns, fill=0.0))
    before = state.net.weights[0].copy()
    with qtbot.waitSignal(views.refreshed, timeout=60_000):
        QTest.keyClick(image_window, Qt.Key_E)                  # one epoch
    qtbot.waitUntil(lambda: not state.training, timeout=60_000)
    with qtbot.waitSignal(views.refreshed, timeout=10_000):
        views.refresh()
    assert not np.array_equal(state.net.weights[0], before)
    np.testing.assert_array_equal(views.weights.grid.image, P.mosaic(
        state.net.weights[0].reshape(7, *SHAPE), views.weights.columns, fill=0.0))


def test_clicking_a_weight_picture_selects_its_neuron(qtbot, image_window):
    views = image_window.image_views
    views.setCurrentWidget(views.weights)
    grid = views.weights
    target = tile_centre(4, grid.columns)
    # the view box places the picture once it has its size
    qtbot.waitUntil(lambda: grid.grid_widget.isVisible() and grid.grid_widget.rect().contains(
        grid.grid_widget.mapFromScene(grid.grid.mapToScene(target))))
    with qtbot.waitSignal(image_window.state.selection_changed):
        click_item(grid.grid_widget, grid.grid, target)
    assert image_window.state.selected == (1, 4)
    assert grid.shown_unit == 4
    np.testing.assert_array_equal(grid.big.image, image_window.state.net.weights[0][4].reshape(SHAPE))
    assert "Neuron 5 of layer 1" in grid.caption.text()
    assert grid.frame.isVisible()


def test_selecting_a_neuron_in_the_network_shows_its_picture(image_window):
    grid = image_window.image_views.weights
    image_window.image_views.setCurrentWidget(grid)
    image_window.state.select(1, 2)
    assert grid.shown_unit == 2
    image_window.state.select(2, 0)             # an output neuron: its inputs are not pixels
    assert grid.shown_unit is None and grid.big.image is None


def test_confusion_matrix_counts_and_a_click_on_a_cell(qtbot, image_window):
    views = image_window.image_views
    with qtbot.waitSignal(views.refreshed, timeout=10_000):
        views.setCurrentWidget(views.confusion)
    ds, net = image_window.state.dataset, image_window.state.net
    guess = net.forward(ds.X_test).argmax(axis=1)
    table = views.confusion.table
    assert table.rowCount() == 3 and table.horizontalHeaderItem(0).text() == "0"
    for t in range(3):
        for p in range(3):
            assert int(table.item(t, p).text()) == int(np.sum((ds.y_test == t) & (guess == p)))
    t, p = max(((t, p) for t in range(3) for p in range(3)),
               key=lambda tp: int(table.item(*tp).text()))
    rect = table.visualItemRect(table.item(t, p))
    QTest.mouseClick(table.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())
    rows = np.flatnonzero((ds.y_test == t) & (guess == p))
    np.testing.assert_array_equal(views.confusion.cell_rows, rows)
    assert (f"{len(rows)} test images" if len(rows) > 1 else "one test image") in \
        views.confusion.cell_caption.text()
    # a cell of one image says so in the singular
    t1, p1 = next(((t, p) for t in range(3) for p in range(3)
                   if int(table.item(t, p).text()) == 1), (None, None))
    if t1 is not None:
        views.confusion.show_cell(t1, p1)
        assert "one test image." in views.confusion.cell_caption.text()
    first = views.confusion.cell_image.image[:SHAPE[0], :SHAPE[1]]
    np.testing.assert_allclose(first, ds.to_raw(ds.X_test[rows[:1]]).reshape(SHAPE), atol=1e-12)
    acc = np.mean(guess == ds.y_test)
    assert f"{acc:.1%} right" in views.confusion.title.text()


def test_clicking_a_mistake_steps_that_test_image(qtbot, image_window):
    views = image_window.image_views
    state = image_window.state
    with qtbot.waitSignal(views.refreshed, timeout=10_000):
        views.setCurrentWidget(views.mistakes)
    gallery = views.mistakes
    ds = state.dataset
    guess = state.net.forward(ds.X_test).argmax(axis=1)
    assert gallery.count() == min(60, int(np.sum(guess != ds.y_test))) > 0
    item = gallery.item(0)
    row = int(item.data(Qt.UserRole))
    assert guess[row] != ds.y_test[row]
    assert "true" in item.toolTip() and "predicted" in item.toolTip()
    out = state.net.forward(ds.X_test[row:row + 1])[0]
    names = ds.class_names
    assert item.text().split("\n") == [names[ds.y_test[row]], f"→ {names[guess[row]]}",
                                        f"{out[guess[row]]:.2f}"]
    tip = item.toolTip()
    assert f"<td>{names[ds.y_test[row]]}</td><td align=right>{out[ds.y_test[row]]:.3f}</td>" in tip
    with qtbot.waitSignal(state.sample_changed):
        QTest.mouseClick(gallery.viewport(), Qt.LeftButton, Qt.NoModifier,
                         gallery.visualItemRect(item).center())
    assert (state.sample_part, state.sample_index) == ("test", row)
    # the window says which image it steps: not training row `row`
    label = ds.class_names[int(ds.y_test[row])]
    assert f"test image {row} ({label})" in image_window.data_plot.caption.text()
    assert f"test sample {row}" in image_window.phase_label.text()
    np.testing.assert_array_equal(state.stepper.x, ds.X_test[row])
    T = ds.target_matrix("test", 3)
    np.testing.assert_array_equal(state.sample_target, T[row])
    spin = image_window.step_panel.sample
    assert spin.text() == f"test {row}" and spin.maximum() == ds.n_test - 1
    # typing another number steps another test image; Random goes back to the training part
    other = (row + 1) % ds.n_test
    spin.lineEdit().selectAll()
    QTest.keyClicks(spin.lineEdit(), str(other))
    with qtbot.waitSignal(state.sample_changed):
        QTest.keyClick(spin.lineEdit(), Qt.Key_Return)
    assert (state.sample_part, state.sample_index) == ("test", other)
    np.testing.assert_array_equal(state.stepper.x, ds.X_test[other])
    with qtbot.waitSignal(state.sample_changed):
        image_window.step_panel.random.click()
    assert state.sample_part == "train" and spin.prefix() == ""
    assert spin.maximum() == ds.n_train - 1


# --- File > Open data on IDX files ----------------------------------------------------------------
def test_open_data_on_an_idx_folder_previews_and_loads(qtbot, open_window, tmp_path):
    from PySide6.QtWidgets import QDialogButtonBox
    from backpropviz.ui.images_dialog import ImagesDialog
    folder = write_image_set(tmp_path / "bars")
    win = open_window()
    assert not win.image_views.isTabVisible(1)
    dlg = win.files.open_data(str(folder))
    assert isinstance(dlg, ImagesDialog)
    assert "120 images of 6x5 pixels" in dlg.info.text()
    assert "0: 40, 1: 40, 2: 40" in dlg.counts.text()
    assert "90 training and 30 test images" in dlg.counts.text()
    assert not dlg.test_fraction.isVisibleTo(dlg)            # the folder's own split
    first = dlg.picture.image[:SHAPE[0], :SHAPE[1]]
    raw = load_dataset(folder, standardize=False).X_train[0].reshape(SHAPE) * 255
    np.testing.assert_allclose(first, raw, atol=1e-9)
    with qtbot.waitSignal(win.state.data_changed, timeout=30_000):
        dlg.buttons.button(QDialogButtonBox.Ok).click()
    assert (win.state.dataset.n_train, win.state.dataset.n_test) == (90, 30)
    assert win.image_views.isTabVisible(1)


def test_open_data_on_one_images_file_offers_the_test_fraction(qtbot, open_window, tmp_path):
    from PySide6.QtWidgets import QDialogButtonBox
    folder = write_image_set(tmp_path / "bars")
    win = open_window()
    dlg = win.files.open_data(str(folder / (STANDARD_FILES[0] + ".gz")))
    assert dlg.test_fraction.isVisibleTo(dlg)
    dlg.test_fraction.setValue(0.5)
    with qtbot.waitSignal(win.state.data_changed, timeout=30_000):
        dlg.buttons.button(QDialogButtonBox.Ok).click()
    assert (win.state.dataset.n_train, win.state.dataset.n_test) == (45, 45)


def test_open_data_on_a_folder_without_the_files_says_so(open_window, tmp_path):
    from PySide6.QtWidgets import QDialogButtonBox
    (tmp_path / "empty").mkdir()
    win = open_window()
    dlg = win.files.open_data(str(tmp_path / "empty"))
    assert "folder without the IDX files" in dlg.error.text()
    assert not dlg.buttons.button(QDialogButtonBox.Ok).isEnabled()


def test_hovering_a_first_layer_neuron_shows_its_weights_as_a_picture(qtbot, image_window):
    from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice
    from PySide6.QtGui import QHelpEvent, QImage
    from PySide6.QtWidgets import QApplication, QToolTip
    from backpropviz.ui.image_views import DIVERGING
    import base64
    import re
    view = image_window.network_view
    net = image_window.state.net
    item = view.neuron_item(1, 2)
    assert item is not None
    pos = view.mapFromScene(item.sceneBoundingRect().center())
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.ToolTip, pos,
                                                       view.viewport().mapToGlobal(pos)))
    tip = QToolTip.text()
    assert "layer 1, neuron 3" in tip
    png = base64.b64decode(re.search(r"data:image/png;base64,([^'\"]+)", tip).group(1))
    picture = QImage.fromData(png)
    k = picture.width() // SHAPE[1]
    assert (picture.width(), picture.height()) == (SHAPE[1] * k, SHAPE[0] * k)
    w = net.weights[0][2].reshape(SHAPE)
    index = np.round((w / np.abs(w).max() + 1) * 127.5).astype(int)
    for r in range(SHAPE[0]):
        for c in range(SHAPE[1]):
            color = picture.pixelColor(c * k + k // 2, r * k + k // 2)
            assert (color.red(), color.green(), color.blue()) == tuple(DIVERGING[index[r, c]])
    # an output neuron's inputs are no pixels: its tooltip has no picture
    assert "<img" not in view.tooltip_for(view.neuron_item(2, 0))


def test_the_classic_lesson_without_its_files_says_how_to_get_them(qtbot, open_window,
                                                                    monkeypatch, tmp_path):
    import backpropviz.lessons as lessons
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(lessons, "CLASSIC_FOLDERS", (str(tmp_path / "none"),))
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(text))
    win = open_window()
    action = next(a for a in win.files.examples_menu.actions() if "784-128-10" in a.text())
    action.trigger()
    assert len(said) == 1 and "apt-get install dataset-fashion-mnist" in said[0]
    assert win.state.dataset.name != "fashion-mnist"        # nothing else changed


def test_the_classic_lesson_opens_on_the_weight_pictures(qtbot, open_window, monkeypatch,
                                                         tmp_path):
    import backpropviz.lessons as lessons
    folder = write_image_set(tmp_path / "bars")         # stands in for Fashion-MNIST's folder
    monkeypatch.setattr(lessons, "CLASSIC_FOLDERS", (str(folder),))
    win = open_window()
    action = next(a for a in win.files.examples_menu.actions() if "784-128-10" in a.text())
    with qtbot.waitSignal(win.image_views.refreshed, timeout=30_000):
        action.trigger()
    views = win.image_views
    assert win.state.net.sizes == [30, 128, 3]
    assert views.currentWidget() is views.weights and views.weights.isVisible()
    np.testing.assert_array_equal(views.weights.grid.image, P.mosaic(
        win.state.net.weights[0].reshape(128, *SHAPE), views.weights.columns, fill=0.0))
