"""The window a teacher projects: it fits the screens people have, fields take what is typed,
keys go where a person expects, training can be watched step by step, and the numbers and
pictures a user looks for are there."""
import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QPushButton, QWidget

from backpropviz.data import load_dataset
from backpropviz.engine import Network
from backpropviz.recipe import Architecture
from backpropviz.ui.main_window import MainWindow
from backpropviz.ui.state import AppState
from backpropviz.ui.training import SPEEDS

SCREENS = [(1024, 768), (1280, 720), (1366, 768), (1920, 1080)]


def inside_a_scroll_area(w: QWidget, win: QWidget) -> bool:
    """Scrolled content may lie outside the window: its scroll area is what must fit."""
    p = w.parentWidget()
    while p is not None and p is not win:
        if isinstance(p.parentWidget(), QAbstractScrollArea) and p is p.parentWidget().viewport():
            return True
        p = p.parentWidget()
    return False


def clipped_widgets(win: QWidget) -> list[str]:
    """Every visible widget that does not lie wholly inside the window."""
    frame = win.rect()
    bad = []
    for w in win.findChildren(QWidget):
        if not w.isVisibleTo(win) or w.isWindow() or inside_a_scroll_area(w, win):
            continue
        r = QRect(w.mapTo(win, QPoint(0, 0)), w.size())
        if not frame.contains(r):
            bad.append(f"{type(w).__name__} {w.objectName()} at {r.getRect()}")
    return bad


@pytest.mark.parametrize("size", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
@pytest.mark.parametrize("lesson", ["xor", "digits"])
def test_the_window_fits_each_screen_with_nothing_cut_off(qtbot, open_window, size, lesson):
    win = open_window()
    win.files.open_lesson(lesson)
    win.resize(*size)
    qtbot.waitUntil(lambda: (win.width(), win.height()) == size)
    QApplication.processEvents()
    hint = win.minimumSizeHint()
    assert hint.width() <= size[0] and hint.height() <= size[1], hint
    assert clipped_widgets(win) == []
    bar = win.statusBar()
    assert bar.isVisible() and bar.height() >= bar.sizeHint().height() > 0
    assert bar.mapTo(win, QPoint(0, bar.height())).y() <= win.height()
    # the plots keep a usable size (side by side where they fit, else one tab each)
    shown = [p for p in (win.training_plots.loss_plot, win.training_plots.acc_plot,
                         win.training_plots.grad_plot, win.data_plot.plot) if p.isVisible()]
    assert shown
    for p in shown:
        assert p.width() >= 150 and p.height() >= 100, (p, p.width(), p.height())
    assert win.network_view.width() >= 280 and win.network_view.height() >= 200
    assert win.inspector.width() >= 220


def texts_outside_the_view(view) -> list[str]:
    """Every text the network view draws (headers, values, targets, the loss) that does not lie
    wholly inside what the view shows."""
    from PySide6.QtWidgets import QGraphicsSimpleTextItem
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    return [t.text() for t in view.scene().items()
            if isinstance(t, QGraphicsSimpleTextItem) and t.isVisible() and t.text()
            and not shown.contains(t.sceneBoundingRect())]


@pytest.mark.parametrize("size", SCREENS[:2], ids=[f"{w}x{h}" for w, h in SCREENS[:2]])
def test_the_targets_beside_the_outputs_are_never_cut_off(qtbot, open_window, size):
    """Mazur's outputs are "o1  t = 0.01" and "o2  t = 0.99": the room beside the outputs was
    measured for "t = 0", and the 0.01 ran off the view's edge."""
    win = open_window()
    win.files.open_lesson("worked-example")
    win.resize(*size)
    qtbot.waitUntil(lambda: (win.width(), win.height()) == size)
    view = win.network_view
    qtbot.waitUntil(lambda: view._laid_out_for is not None and view._laid_out_for[0] == view._viewport_size())
    for _ in range(win.state.net.n_layers + 1):
        win.state.next_phase()                          # the outputs and the loss computed
    assert [t.text() for t in view.target_texts] == ["o1  t = 0.01", "o2  t = 0.99"]
    assert texts_outside_the_view(view) == []


def test_plots_sit_side_by_side_on_a_wide_screen_and_in_tabs_on_a_narrow_one(qtbot, open_window):
    win = open_window()
    plots = win.training_plots
    win.resize(1920, 1080)
    qtbot.waitUntil(lambda: plots.tabbed is False)
    assert plots.loss_plot.isVisible() and plots.grad_plot.isVisible()
    win.resize(1024, 768)
    qtbot.waitUntil(lambda: plots.tabbed is True)
    assert plots.tabs.count() == 3
    plots.tabs.setCurrentIndex(2)
    assert plots.grad_plot.isVisible() and not plots.loss_plot.isVisible()
    win.files.open_lesson("worked-example")              # regression: no accuracy tab
    assert [plots.tabs.tabText(i) for i in range(plots.tabs.count())] == ["Loss", "Gradients"]


def label_cut_off(label) -> bool:
    """A label whose text does not fit it: one line wider than the label, or wrapped lines
    taller than it."""
    if not label.wordWrap():
        return label.sizeHint().width() > label.width()
    return label.heightForWidth(label.width()) > label.height()


@pytest.mark.parametrize("lesson", ["vanishing-sigmoid", "deep-plain"])
@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)], ids=["1920x1080", "1024x768"])
def test_every_layer_is_named_in_the_gradient_plots_legend(qtbot, open_window, lesson, size):
    """With 9 (or 21) layers the legend "━ 1 ━ 2 ━ 3 ━ 4 ━" was cut at the plot's width."""
    win = open_window()
    win.files.open_lesson(lesson)
    win.resize(*size)
    qtbot.waitUntil(lambda: (win.width(), win.height()) == size)
    plots = win.training_plots
    if plots.tabbed:
        plots.tabs.setCurrentIndex(plots.tabs.count() - 1)
    key = plots.grad_key
    qtbot.waitUntil(key.isVisible)
    QApplication.processEvents()
    assert f"&nbsp;{win.state.net.n_layers}" in key.text()
    assert not label_cut_off(key)
    assert plots.grad_plot.height() >= 100                 # the curves keep their room


def test_a_typed_layer_size_is_taken_whole_on_enter(qtbot, open_window):
    win = open_window()
    rebuilt = []
    win.state.network_changed.connect(lambda: rebuilt.append(win.state.net.sizes))
    spin = win.builder.rows[0].size
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "64", delay=80)
    assert rebuilt == []                       # nothing happens mid-number
    qtbot.keyClick(spin, Qt.Key_Return)
    assert [s[1] for s in rebuilt] == [64] and win.state.net.sizes[1] == 64
    assert not spin.hasFocus()                 # Enter hands the keys back to the window


def test_fields_keep_space_and_arrows_and_escape_hands_them_back(qtbot, open_window):
    win = open_window()
    lr = win.train_panel.lr
    lr.setFocus()
    qtbot.waitUntil(lr.hasFocus)
    lr.lineEdit().selectAll()
    qtbot.keyClicks(lr, "0.25", delay=40)
    qtbot.keyClick(lr, Qt.Key_Space)           # typed into the field: no training starts
    qtbot.keyClick(lr, Qt.Key_Left)            # the cursor moves: no step back
    assert not win.state.training and win.state.stepper.index == 0
    qtbot.keyClick(lr, Qt.Key_Escape)
    assert not lr.hasFocus() and win.state.optimizer.lr == 0.25
    focus = QApplication.focusWidget()
    qtbot.keyClick(focus, Qt.Key_Right)        # the step key works again at once
    assert win.state.stepper.index == 1
    with qtbot.waitSignal(win.state.trained, timeout=10_000):
        qtbot.keyClick(focus, Qt.Key_Space)
    assert win.state.training
    qtbot.keyClick(focus, Qt.Key_Space)
    qtbot.waitUntil(lambda: not win.state.training, timeout=30_000)


def test_a_slow_pace_draws_every_step(qtbot, open_window):
    win = open_window()
    state = win.state
    slider = win.train_panel.speed
    slider.setValue(SPEEDS.index(10))
    assert state.speed == 10 and win.train_panel.speed_label.text() == "10 steps/s"
    steps = []
    state.trained.connect(lambda: steps.append(state.frame.step))
    qtbot.keyClick(win.network_view, Qt.Key_Space)
    qtbot.waitUntil(lambda: len(set(steps)) >= 6, timeout=30_000)
    assert state.training
    qtbot.keyClick(win.network_view, Qt.Key_Space)
    qtbot.waitUntil(lambda: not state.training, timeout=30_000)
    shown = sorted(set(steps))
    assert shown[:6] == [1, 2, 3, 4, 5, 6]             # every step is shown...
    assert all(b - a <= 1 for a, b in zip(steps, steps[1:]))      # ...one at a time
    slider.setValue(len(SPEEDS) - 1)
    assert state.speed == 0 and win.train_panel.speed_label.text() == "full speed"
    slider.setValue(0)                                  # the slowest: one step, not "1 steps"
    assert state.speed == 1 and win.train_panel.speed_label.text() == "1 step/s"


def test_lessons_open_at_a_pace_that_can_be_watched(qtbot, open_window):
    win = open_window()
    from backpropviz.lessons import LESSONS
    for lesson in LESSONS:
        win.files.open_lesson(lesson.key)
        assert 0 < win.state.speed <= 50, lesson.key


def test_loss_and_accuracy_are_numbers_in_the_panel(qtbot, open_window):
    win = open_window("builtin:xor")
    panel = win.train_panel
    n = panel.numbers
    # before any training: the numbers of the weights shown
    qtbot.waitUntil(lambda: n["loss", "train"].text() != "–")
    ds, net = win.state.dataset, win.state.net
    loss, acc = net.evaluate(ds.X_train, ds.target_matrix("train", net.sizes[-1]))
    assert n["loss", "train"].text() == f"{loss:#.4g}" and n["accuracy", "train"].text() == f"{100 * acc:.1f}%"
    win.training.run_steps_now(30)
    f = win.state.frame
    assert n["loss", "test"].text() == f"{f.test_loss:#.4g}"
    assert n["accuracy", "test"].text() == f"{100 * f.test_accuracy:.1f}%"
    # the two columns keep their digits: "2.900" beside "2.902", not "2.9"
    panel._show_numbers(2.9, 0.5, 2.902, 0.25)
    assert (n["loss", "train"].text(), n["loss", "test"].text()) == ("2.900", "2.902")
    height = panel.sizeHint().height()
    panel.status.setText("a much longer status line than any before it, to see whether the "
                         "panel grows")
    assert panel.sizeHint().height() == height        # the panels below do not jump


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_training_status_fits_its_two_lines_on_a_small_screen(qtbot, open_window, lang):
    """At 1366x768 "epoch 1,333.33 · step 20,000 · η now 0.01" wrapped onto a second line and
    pushed "1,398 samples/s" out of the two lines the panel keeps for it."""
    from backpropviz.ui import i18n as ui_i18n
    ui_i18n.set_language(lang)
    try:
        win = open_window("builtin:xor")
        win.resize(1024, 768)
        qtbot.waitUntil(lambda: (win.width(), win.height()) == (1024, 768))
        win.training.run_steps_now(20_000)
        status = win.train_panel.status
        f = win.state.frame
        f.samples_per_second = 123_456.0                  # as wide as a fast run's
        win.train_panel._on_trained()
        QApplication.processEvents()
        text = status.text()
        assert "20,000" in text and "123,456" in text
        assert status.heightForWidth(status.width()) <= status.height(), text
    finally:
        ui_i18n.set_language("en")


def axis_labels(plot, name="left") -> list[tuple[float, str]]:
    """The tick labels an axis draws now: (the label's centre in pixels, its text)."""
    from PySide6.QtGui import QImage, QPainter
    QApplication.processEvents()                  # (the axis is laid out in events)
    axis = plot.getPlotItem().getAxis(name)
    img = QImage(200, 200, QImage.Format_ARGB32)
    painter = QPainter(img)
    try:
        _, _, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(rect.center().y() if name == "left" else rect.center().x(), text)
            for rect, _, text in texts if text]


@pytest.mark.parametrize("lesson, steps", [("vanishing-sigmoid", 200), ("xor", 30)])
def test_the_log_loss_axis_has_numbers_when_the_loss_stays_within_a_decade(qtbot, open_window,
                                                                           lesson, steps):
    """The log axis labelled only powers of ten: a loss that stays near 0.69 (the vanishing
    lesson, any run's start) had an axis with no number on it at all."""
    win = open_window()
    win.files.open_lesson(lesson)
    win.resize(1280, 720)
    qtbot.waitUntil(lambda: (win.width(), win.height()) == (1280, 720))
    win.training.run_steps_now(steps)
    plot = win.training_plots.loss_plot
    qtbot.waitUntil(plot.isVisible)
    QApplication.processEvents()
    (lo, hi) = plot.getPlotItem().getViewBox().viewRange()[1]
    assert hi - lo < 1                                    # less than a decade in view
    qtbot.waitUntil(lambda: plot.getPlotItem().getAxis("left").geometry().height() > 50)
    labels = axis_labels(plot)
    assert len(labels) >= 2, labels
    values = [float(t) for _, t in labels]
    assert all(10 ** lo <= v <= 10 ** hi for v in values)
    height = plot.fontMetrics().height()
    ys = sorted(y for y, _ in labels)
    assert all(b - a >= height for a, b in zip(ys, ys[1:])), labels     # never on each other


def test_a_log_axis_over_many_decades_keeps_to_the_powers_of_ten(qtbot, open_window):
    win = open_window("builtin:xor", Architecture([4], ["tanh"]))
    win.resize(1280, 720)
    qtbot.waitUntil(lambda: (win.width(), win.height()) == (1280, 720))
    win.training.run_steps_now(5000)
    plot = win.training_plots.loss_plot
    qtbot.waitUntil(plot.isVisible)
    (lo, hi) = plot.getPlotItem().getViewBox().viewRange()[1]
    assert hi - lo > 2
    qtbot.waitUntil(lambda: axis_labels(plot) != [])        # laid out for the new range
    labels = [t for _, t in axis_labels(plot)]
    assert labels and all(t in ("1", "10", "0.1", "0.01", "0.001", "0.0001") or "10" in t
                          for t in labels), labels


def test_the_play_button_uses_standard_icons(qtbot, open_window):
    win = open_window()
    play = win.train_panel.play
    assert not play.icon().isNull() and play.text() == "Train"
    with qtbot.waitSignal(win.state.trained, timeout=10_000):
        qtbot.mouseClick(play, Qt.LeftButton)
    assert play.text() == "Pause" and not play.icon().isNull()
    assert "⏸" not in play.text() and "▶" not in play.text()
    qtbot.mouseClick(play, Qt.LeftButton)
    qtbot.waitUntil(lambda: not win.state.training, timeout=30_000)


def test_the_divergence_message_goes_with_a_reset(qtbot, open_window):
    win = open_window()
    panel = win.train_panel
    panel._on_diverged("training diverged: the loss became NaN")
    assert panel.warning.isVisibleTo(panel)
    qtbot.keyClick(win.network_view, Qt.Key_R)
    assert not panel.warning.isVisibleTo(panel)


def test_an_opened_model_shows_its_numbers_not_not_trained(qtbot, open_window, tmp_path):
    win = open_window("builtin:xor")
    win.training.run_steps_now(200)
    path = tmp_path / "m.json"
    win.state.net.save(path)
    win.training.reset()
    assert win.files.open_model(str(path))
    panel = win.train_panel
    assert "not trained" not in panel.status.text()
    net = Network.load(path)
    ds = win.state.dataset
    loss, _ = net.evaluate(ds.X_train, ds.target_matrix("train", net.sizes[-1]))
    qtbot.waitUntil(lambda: panel.numbers["loss", "train"].text() == f"{loss:#.4g}")


def test_the_data_plot_names_the_classes_and_colours_a_target(qtbot, open_window):
    win = open_window("builtin:moons")
    legend = win.data_plot.legend
    assert legend.isVisible()
    for name in win.state.dataset.class_names:
        assert name in legend.text()
    assert "filled: training set, ring: test set" in legend.text()
    win.files.open_lesson("worked-example")            # regression on two inputs
    text = legend.text()
    assert "colour: o1" in text and "0.01" in text and "1.01" in text
    brushes = win.data_plot.scatter.data["brush"]
    assert brushes[0].color().name() == win.data_plot._target_colors(
        win.state.dataset.y_train[:1, 0])[0].name()


def test_the_digit_in_the_data_plot_is_upright(qtbot, open_window):
    win = open_window("builtin:digits", Architecture([8], ["relu"]))
    ds = win.state.dataset
    raw = ds.to_raw(ds.X_train[:1])[0].reshape(ds.image_shape)
    np.testing.assert_array_equal(win.data_plot.image.image, raw)
    assert not np.array_equal(raw, raw.T)


def test_one_sample_sits_in_the_middle_and_the_map_reaches_the_axes(qtbot, open_window):
    win = open_window("builtin:plane")
    vb = win.data_plot.plot.getPlotItem().getViewBox()
    x0, y0, x1, y1 = win.data_plot.extent
    assert vb.viewRange() == [[x0, x1], [y0, y1]]            # the probe's plane, edge to edge
    win.files.open_lesson("worked-example")
    (a, b), (c, d) = vb.viewRange()
    x, y = win.state.dataset.X_train[0]
    assert a < x < b and c < y < d
    assert abs((a + b) / 2 - x) < 1e-9 and abs((c + d) / 2 - y) < 1e-9 and b - a >= 1


def test_empty_plots_forget_the_last_runs_axes(qtbot, open_window):
    win = open_window()
    win.training.run_steps_now(3000)
    vb = win.training_plots.loss_plot.getPlotItem().getViewBox()
    assert vb.viewRange()[0][1] >= 3000
    win.files.open_lesson("xor")
    assert vb.viewRange()[0] == [0, 100]


def test_the_inspector_shows_the_section_of_the_current_phase(qtbot, open_window):
    win = open_window("builtin:digits", Architecture([8], ["relu"]))
    win.resize(1024, 768)
    ins = win.inspector
    win.state.select(2, 0)
    bar = ins.verticalScrollBar()
    win.state.go_to_phase(win.state.stepper.n_phases - 1)      # the update
    QApplication.processEvents()
    assert bar.maximum() > 0 and bar.value() > 0
    update_top = bar.value()
    win.state.prev_phase()                                     # backward 1: still below
    win.state.next_phase()
    QApplication.processEvents()
    assert bar.value() == update_top
    win.state.next_phase()                                     # a new cycle: the top again
    QApplication.processEvents()
    assert bar.value() == 0


def test_zoom_scales_every_font_and_is_remembered(qtbot, tmp_path):
    ini = str(tmp_path / "s.ini")
    app = QApplication.instance()
    base = app.font().pointSizeF()
    win = MainWindow(AppState(load_dataset("builtin:circle", seed=0)), warm=False,
                     settings=QSettings(ini, QSettings.IniFormat))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    try:
        qtbot.keyClick(win.network_view, Qt.Key_Equal, Qt.ControlModifier)
        qtbot.keyClick(win.network_view, Qt.Key_Equal, Qt.ControlModifier)
        assert app.font().pointSizeF() == pytest.approx(base * 1.15 ** 2, rel=0.01)
        qtbot.waitUntil(lambda: win.inspector.font().pointSizeF() > base)     # fonts follow in events
        assert win.inspector.font().pointSizeF() == pytest.approx(app.font().pointSizeF())
        assert win.train_panel.lr.font().pointSizeF() == pytest.approx(app.font().pointSizeF())
        tick = win.training_plots.loss_plot.getPlotItem().getAxis("bottom").style["tickFont"]
        assert tick.pointSizeF() == pytest.approx(app.font().pointSizeF())
        qtbot.keyClick(win.network_view, Qt.Key_0, Qt.ControlModifier)
        assert app.font().pointSizeF() == pytest.approx(base)
        qtbot.keyClick(win.network_view, Qt.Key_Minus, Qt.ControlModifier)
        assert app.font().pointSizeF() == pytest.approx(base / 1.15, rel=0.01)
        win2 = MainWindow(AppState(load_dataset("builtin:circle", seed=0)), warm=False,
                          settings=QSettings(ini, QSettings.IniFormat))
        qtbot.addWidget(win2)
        win2.restore_settings()
        assert win2.zoom == pytest.approx(1 / 1.15, rel=0.01)
        assert app.font().pointSizeF() == pytest.approx(base / 1.15, rel=0.01)
    finally:
        win.set_zoom(1.0)


def test_zoom_grows_the_network_view_with_the_fonts_at_once_and_reset_restores_it(qtbot, open_window):
    win = open_window("builtin:digits", Architecture([32], ["relu"]))
    win.resize(1280, 800)
    qtbot.waitUntil(lambda: (win.width(), win.height()) == (1280, 800))
    view = win.network_view
    qtbot.waitUntil(lambda: view._laid_out_for[0] == view._viewport_size())

    def shown():
        """(neuron radius, text and header point sizes, all as laid out; then the radius, text
        size and picture width on screen, where the view may magnify a layout that leaves room)"""
        item = view.neurons[1][0]
        m = view.transform().m11()
        picture = view.mapFromScene(view.picture.sceneBoundingRect()).boundingRect().width()
        return (view.radius, view.text_font.pointSizeF(), view.headers[1].font().pointSizeF(),
                view.radius * m, view.text_font.pointSizeF() * m, picture)
    try:
        before = shown()
        qtbot.keyClick(view, Qt.Key_Equal, Qt.ControlModifier)
        qtbot.keyClick(view, Qt.Key_Equal, Qt.ControlModifier)
        # no waiting: the view lays out with the new fonts in the same call, not in a later event
        assert view.zoom == pytest.approx(1.15 ** 2, rel=0.01)
        now = shown()
        for was, is_ in zip(before[:3], now[:3]):
            assert is_ == pytest.approx(was * 1.15 ** 2, rel=0.1)
        assert now[3] > before[3] and now[4] > before[4] and now[5] >= before[5]
        qtbot.keyClick(view, Qt.Key_0, Qt.ControlModifier)
        assert view.zoom == 1.0 and shown() == before
    finally:
        win.set_zoom(1.0)


def test_zoomed_in_on_a_small_screen_nothing_scrolls_or_is_cut_and_text_stays_legible(qtbot, open_window):
    """At 132% on 1280x720 the network view showed scroll bars with its legend over the
    groups, and the controls' column cut "Random" and "Recent" off."""
    from backpropviz.ui.network_view import MIN_POINT_SIZE
    win = open_window()
    win.files.open_lesson("digits")
    win.resize(1280, 720)
    qtbot.waitUntil(lambda: (win.width(), win.height()) == (1280, 720))
    view, controls = win.network_view, win.controls
    try:
        win.set_zoom(1.15 ** 2)
        left = controls.widget()
        app_size = QApplication.instance().font().pointSizeF()
        random = next(b for b in left.findChildren(QPushButton) if b.text() == "Random")
        qtbot.waitUntil(lambda: random.font().pointSizeF() == app_size)     # fonts come in events
        qtbot.waitUntil(lambda: controls.minimumWidth() >= left.minimumSizeHint().width())
        qtbot.waitUntil(lambda: view._laid_out_for[0] == view._viewport_size())
        # the whole drawing fits the view as it is without scroll bars, text still >= 9 pt
        room = view.maximumViewportSize()
        m = view.transform().m11()
        assert view.sceneRect().width() * m <= room.width() + 1
        assert view.sceneRect().height() * m <= room.height() + 1
        assert view.text_font.pointSizeF() * m >= MIN_POINT_SIZE - 1e-6
        width = controls.viewport().width()
        for w in left.findChildren(QWidget):
            if w.isVisibleTo(left) and not w.isWindow():
                assert w.mapTo(left, QPoint(w.width(), 0)).x() <= width, type(w).__name__
    finally:
        win.set_zoom(1.0)


@pytest.mark.parametrize("lesson", ["xor", "digits"])     # digits: the image tabs, and three plots' row (1090 px)
def test_gui_size_gives_a_screenshot_of_exactly_that_size(tmp_path, lesson):
    import os
    import subprocess
    import sys
    from PySide6.QtGui import QImage
    out = tmp_path / "small.png"
    proc = subprocess.run([sys.executable, "-m", "backpropviz", "gui", "--lesson", lesson, "--size",
                           "1024x768", "--step", "forward", "--screenshot", str(out)],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1024, 768)


@pytest.mark.parametrize("bad", ["1024", "1024x", "axb", "10x10", "1024x768x2"])
def test_a_bad_gui_size_is_one_line(capsys, bad):
    from backpropviz.cli import main
    assert main(["gui", "--size", bad]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "WIDTHxHEIGHT" in err


@pytest.mark.parametrize("size", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_every_tab_name_beside_the_image_views_is_whole(qtbot, open_window, size):
    """At 1024x768 the Mistakes tab was cut to "Mi" behind scroll arrows."""
    win = open_window()
    win.files.open_lesson("digits")
    win.resize(*size)
    qtbot.waitUntil(lambda: (win.width(), win.height()) == size)
    QApplication.processEvents()
    for tabs in (win.image_views, win.right_tabs):
        bar = tabs.tabBar()
        shown = bar.rect()
        for i in range(bar.count()):
            assert shown.contains(bar.tabRect(i)), (bar.tabText(i), bar.tabRect(i), shown)
            assert bar.tabRect(i).width() >= bar.tabSizeHint(i).width()
    assert clipped_widgets(win) == []


def test_the_loss_under_the_outputs_covers_no_delta(qtbot, open_window):
    """Mazur's lesson at 1366x768, backward: "L = 0.298371 (half_sse)" was drawn over o2's
    "δ -0.0381" (the loss sat under the neurons, not under their delta texts)."""
    win = open_window()
    win.files.open_lesson("worked-example")
    win.resize(1366, 768)
    qtbot.waitUntil(lambda: (win.width(), win.height()) == (1366, 768))
    view = win.network_view
    qtbot.waitUntil(lambda: view._laid_out_for is not None and view._laid_out_for[0] == view._viewport_size())
    for _ in range(win.state.stepper.n_phases - 1):
        win.state.next_phase()                          # the update: every δ shown
    loss = view.loss_text.sceneBoundingRect()
    deltas = [tag.sceneBoundingRect() for col in view.deltas for tag in col
              if tag.isVisible() and tag.text.text()]
    assert view.roomy and deltas and view.loss_text.text()
    assert not any(loss.intersects(d) for d in deltas), (loss, deltas)
