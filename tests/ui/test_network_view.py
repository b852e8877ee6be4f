"""The network view alone, built from a bare AppState (napari's way: one view, one model):
the model is driven, and what the view draws is checked against the engine's trace."""
import numpy as np
import pytest
from PySide6.QtCore import Qt

from backpropviz.data import load_dataset
from backpropviz.explain import fmt
from backpropviz.recipe import Architecture
from backpropviz.ui import colors
from backpropviz.ui.network_view import NetworkView
from backpropviz.ui.state import AppState


def make_view(qtbot, spec="builtin:circle", arch=None):
    state = AppState(load_dataset(spec, seed=0), arch or Architecture([3, 2], ["tanh", "tanh"]))
    state.set_ready()
    view = NetworkView(state)
    qtbot.addWidget(view)
    view.resize(900, 600)
    return state, view


@pytest.fixture
def view_and_state(qtbot):
    return make_view(qtbot)


def fills(view, c):
    """{unit: fill colour} of column c's drawn neurons."""
    return {item.unit: item.brush().color().rgba() for item in view.neurons[c]}


def rings(view, c):
    """{unit: ring colour} of column c's drawn neurons whose delta ring shows."""
    return {item.unit: ring.pen().color().rgba() for item, ring in zip(view.neurons[c], view.rings[c])
            if ring.isVisible()}


def delta_texts(view, c):
    return {item.unit: tag.text.text() for item, tag in zip(view.neurons[c], view.deltas[c])
            if tag.isVisible()}


def test_every_phase_shows_the_traces_fills_rings_and_deltas(view_and_state):
    state, view = view_and_state
    net = state.net
    trace = net.copy().trace(state.sample_x, state.sample_target, lr=state.step_lr)
    L = net.n_layers
    for c in range(1, L + 1):
        assert set(fills(view, c).values()) == {colors.UNKNOWN.rgba()} and rings(view, c) == {}
    for _ in range(2 * L + 1):
        state.next_phase()
        st = state.stepper
        for c in range(1, L + 1):
            layer = trace["layers"][c - 1]
            if c - 1 < st.forward_done():
                assert fills(view, c) == {u: colors.diverging(layer["a"][u]).rgba() for u in range(net.sizes[c])}
            else:
                assert set(fills(view, c).values()) == {colors.UNKNOWN.rgba()}
            if c - 1 >= L - st.backward_done():
                assert rings(view, c) == {u: colors.sign_color(layer["delta"][u]).rgba()
                                          for u in range(net.sizes[c])}
                assert delta_texts(view, c) == {u: f"δ {layer['delta'][u]:.3g}"
                                                for u in range(net.sizes[c])}
            else:
                assert rings(view, c) == {} and delta_texts(view, c) == {}
    assert view.loss_text.text().startswith(f"L = {fmt(trace['loss'])}")


def test_stepping_back_restores_what_the_view_showed(view_and_state):
    state, view = view_and_state
    for _ in range(state.stepper.n_phases - 1):         # through the update
        state.next_phase()
    after_update = fills(view, 1)
    state.prev_phase()
    assert rings(view, 1) != {}
    while state.stepper.index > 0:
        state.prev_phase()
    assert set(fills(view, 1).values()) == {colors.UNKNOWN.rgba()}
    state.next_phase()
    assert fills(view, 1) == after_update


def test_connections_are_drawn_with_the_networks_weights(view_and_state):
    state, view = view_and_state
    for k, layer in enumerate(view.edge_weights):
        assert len(layer) == state.net.sizes[k] * state.net.sizes[k + 1]
        for (dst, src), w in layer.items():
            assert w == state.net.weights[k][dst, src]
    state.reinitialize(seed=5)
    for k, layer in enumerate(view.edge_weights):
        for (dst, src), w in layer.items():
            assert w == state.net.weights[k][dst, src]


def test_clicking_a_neuron_selects_it(qtbot, view_and_state):
    state, view = view_and_state
    view.show()
    qtbot.waitExposed(view)
    item = view.neuron_item(2, 1)
    with qtbot.waitSignal(state.selection_changed, timeout=2000):
        qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.mapFromScene(item.center))
    assert state.selected == (2, 1)
    assert view.selection.isVisible()
    assert view.selection.sceneBoundingRect().center() == item.center


def texts(view):
    """Every text the scene draws, with the rectangle it covers in the scene."""
    from PySide6.QtWidgets import QGraphicsSimpleTextItem
    return [(t.text(), t.font(), t.sceneBoundingRect()) for t in view.scene().items()
            if isinstance(t, QGraphicsSimpleTextItem) and t.isVisible() and t.text()]


@pytest.mark.parametrize("size", [(760, 480), (440, 400)])
def test_eight_hidden_layers_keep_every_label_legible_and_apart(qtbot, size):
    state, view = make_view(qtbot, arch=Architecture([4] * 8, ["sigmoid"] * 8))
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    for _ in range(2 * state.net.n_layers + 2):
        state.next_phase()
    assert view.transform().m11() >= 1.0               # never shrunk to fit
    shown = texts(view)
    assert shown and all(font.pointSizeF() >= 9 for _, font, _ in shown)
    headers = [h.sceneBoundingRect() for h in view.headers]
    assert len(headers) == 10
    for a, b in zip(headers, headers[1:]):             # side by side, never overlapping
        assert a.right() <= b.left()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert all(visible.contains(h) for h in headers)   # all ten columns fit the view
    assert not view.horizontalScrollBar().isVisible()


def test_a_wide_layer_is_a_group_that_a_click_expands(qtbot):
    state, view = make_view(qtbot, arch=Architecture([64], ["tanh"]))
    view.resize(700, 420)
    view.show()
    qtbot.waitExposed(view)
    group = view.groups[1]
    shown = len(view.neurons[1])
    assert 1 <= shown < 64 and len(group.hidden) == 64 - shown
    assert group.text.text() == f"+{64 - shown} more"
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in view.scene().items():                  # nothing cut off, no scrolling
        if item.isVisible() and item.parentItem() is None and not item.sceneBoundingRect().isEmpty():
            assert visible.contains(item.sceneBoundingRect()), item
    assert all(f.pointSizeF() >= 9 for _, f, _ in texts(view))
    state.next_phase()                                  # layer 1 computed: the cells show a
    a = state.stepper.known(0)["a"]
    img = group.cells.pixmap().toImage()
    first = group.hidden[0]
    assert img.pixelColor(0, 0).rgb() == colors.diverging(a[first]).rgb()
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.mapFromScene(group.sceneBoundingRect().center()))
    assert len(view.neurons[1]) == 64 and view.expanded == 1
    assert [item.unit for item in view.neurons[1]] == list(range(64))
    assert fills(view, 1)[63] == colors.diverging(a[63]).rgba()
    group = view.groups[1]
    view.ensureVisible(group)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.mapFromScene(group.sceneBoundingRect().center()))
    assert len(view.neurons[1]) == shown and view.expanded is None


def test_an_image_input_is_drawn_as_the_picture(qtbot):
    state, view = make_view(qtbot, "builtin:digits", Architecture([32], ["relu"]))
    assert view.image_input and view.neurons[0] == []
    img = view.picture.pixmap().toImage()
    rows, cols = state.dataset.image_shape
    raw = state.dataset.to_raw(state.sample_x.reshape(1, -1))[0].reshape(rows, cols)
    px = img.width() // cols
    assert img.width() == px * cols and img.height() == px * rows and px >= 4
    grey = np.array([[img.pixelColor(c * px + px // 2, r * px + px // 2).red() for c in range(cols)]
                     for r in range(rows)])
    # dark ink where the digit is: the darkest pixel is the largest value, row-major, not transposed
    assert np.unravel_index(grey.argmin(), grey.shape) == np.unravel_index(raw.argmax(), raw.shape)
    assert np.corrcoef(grey.ravel(), raw.ravel())[0, 1] < -0.99


def test_the_input_picture_survives_every_new_layout(qtbot):
    """The README's digits picture had lines starting from nothing: a new layout made a new
    picture item, and the one drawn last was taken to be on it (its key was the old item's
    id, which a new item often gets). After every relayout the picture is the sample, and the
    lines leave from its right edge."""
    state, view = make_view(qtbot, "builtin:digits", Architecture([32], ["relu"]))
    view.show()
    qtbot.waitExposed(view)
    rows, cols = state.dataset.image_shape
    raw = state.dataset.to_raw(state.sample_x.reshape(1, -1))[0].reshape(rows, cols)
    for size in ((1280, 800), (638, 478), (635, 375), (900, 600), (640, 480)):
        view.resize(*size)
        qtbot.waitUntil(lambda: view._laid_out_for[0] == view._viewport_size())
        pix = view.picture.pixmap()
        assert not pix.isNull(), size
        img = pix.toImage()
        px = img.width() // cols
        grey = np.array([[img.pixelColor(c * px + px // 2, r * px + px // 2).red() for c in range(cols)]
                         for r in range(rows)])
        assert np.corrcoef(grey.ravel(), raw.ravel())[0, 1] < -0.99, size
        # framed, so its edge shows where its pixels are paper
        assert view.picture_frame.scene() is view.scene() and view.picture_frame.isVisible()
        assert view.picture_frame.sceneBoundingRect().contains(view.picture.sceneBoundingRect())
        right = view.picture.sceneBoundingRect().right()
        for e in view.edges[0]:
            assert e.line().p1().x() == pytest.approx(right, abs=1.0), size


def test_neuron_maps_put_the_second_input_upwards_and_the_first_rightwards():
    from backpropviz.ui.network_view import neuron_maps
    g = 48
    x1, x2 = np.meshgrid(np.linspace(-1, 1, g), np.linspace(-1, 1, g))   # probe order
    acts = np.column_stack([x1.ravel(), x2.ravel()])       # neuron 0 = x1, neuron 1 = x2
    maps = neuron_maps(acts, g, 1.0, 30)
    orange, blue = colors.POSITIVE, colors.NEGATIVE

    def near(px, c):
        return all(abs(int(a) - b) < 40 for a, b in zip(px[:3], (c.red(), c.green(), c.blue())))
    assert near(maps[0][15, 2], blue) and near(maps[0][15, 27], orange)      # x1: left to right
    assert near(maps[1][2, 15], orange) and near(maps[1][27, 15], blue)      # x2: bottom to top
    assert maps[0][0, 0, 3] == 0 and maps[0][15, 15, 3] == 255               # cut to a disc


def test_double_clicking_a_connection_types_its_weight_and_the_sample_recomputes(qtbot):
    state, view = make_view(qtbot)
    view.resize(440, 380)                                   # as narrow as at 1024x768
    view.show()
    qtbot.waitExposed(view)
    for _ in range(state.net.n_layers + 1):                 # forward pass and loss done
        state.next_phase()
    index = state.stepper.index
    edge = next(e for e in view.edges[0] if e.src == 1 and e.dst == 2)
    pos = view.mapFromScene(edge.line().pointAt(0.5))
    qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=pos)
    editor = view.editor
    assert editor is not None and editor.isVisible()
    # the weight's every digit in sight (17 of them were cut to "0755607016978711")
    field = editor.field
    assert len(field.text()) >= 15
    assert field.fontMetrics().horizontalAdvance(field.text()) + 12 <= field.width(), \
        (field.text(), field.width())
    assert editor.geometry().right() <= view.viewport().width()
    editor.field.selectAll()
    qtbot.keyClicks(editor.field, "1.5")
    with qtbot.waitSignal(state.stepped, timeout=2000):
        qtbot.keyClick(editor.field, Qt.Key_Return)
    assert state.net.weights[0][2, 1] == 1.5
    assert state.stepper.index == index                     # still at the loss phase
    trace = state.net.copy().trace(state.sample_x, state.sample_target, lr=state.step_lr)
    assert fills(view, 1) == {u: colors.diverging(trace["layers"][0]["a"][u]).rgba() for u in range(3)}
    assert view.loss_text.text().startswith(f"L = {fmt(trace['loss'])}")
    assert view.edge_weights[0][(2, 1)] == 1.5
    assert "w = 1.5" in view.tooltip_for(edge)


def test_double_clicking_a_neuron_types_its_bias_escape_keeps_it(qtbot):
    state, view = make_view(qtbot)
    view.show()
    qtbot.waitExposed(view)
    item = view.neuron_item(2, 0)
    before = state.net.bias[1][0]
    qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=view.mapFromScene(item.center))
    qtbot.keyClicks(view.editor.field, "7")
    qtbot.keyClick(view.editor.field, Qt.Key_Escape)
    assert state.net.bias[1][0] == before
    qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=view.mapFromScene(item.center))
    view.editor.field.selectAll()
    qtbot.keyClicks(view.editor.field, "-0.25")
    qtbot.keyClick(view.editor.field, Qt.Key_Return)
    assert state.net.bias[1][0] == -0.25
    assert "b = -0.25" in view.tooltip_for(view.neuron_item(2, 0))


@pytest.mark.parametrize("size", [(700, 420), (1224, 684), (900, 560)])
def test_wide_layers_fit_the_view_without_scrolling(qtbot, size):
    state, view = make_view(qtbot, "builtin:digits", Architecture([64, 64, 64], ["tanh"] * 3))
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    for _ in range(2 * state.net.n_layers + 1):
        state.next_phase()                              # every text, delta and the loss shown
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in view.scene().items():
        if item.isVisible() and item.parentItem() is None and not item.sceneBoundingRect().isEmpty():
            assert visible.contains(item.sceneBoundingRect()), item
    assert not view.verticalScrollBar().isVisible() and not view.horizontalScrollBar().isVisible()


def test_an_expanded_layer_keeps_the_network_in_sight_and_the_way_back_at_hand(qtbot):
    """Expanding digits' 32 hidden neurons at 1280x720 scrolled the view to the foot of that one
    column: the picture and the outputs out of sight, and the legend drawn over "show fewer"."""
    state, view = make_view(qtbot, "builtin:digits", Architecture([32], ["relu"]))
    view.resize(630, 330)
    view.show()
    qtbot.waitExposed(view)
    state.next_phase()
    group = view.groups[1]
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.mapFromScene(group.sceneBoundingRect().center()))
    assert view.expanded == 1 and len(view.neurons[1]) == 32
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    group = view.groups[1]
    for item in (view.picture, view.neuron_item(2, 0), view.neuron_item(1, 0), group, view.headers[1]):
        assert shown.contains(item.sceneBoundingRect()), item
    header = view.headers[1].sceneBoundingRect() | view.headers[1].childItems()[0].sceneBoundingRect()
    assert header.bottom() < group.sceneBoundingRect().top()      # under the title, not on it
    # the legend's band at the foot of the view covers no part of the way back
    legend_top = view.viewport().height() - 8 - view.fm.height() - 10 - 4
    assert view.mapFromScene(group.sceneBoundingRect()).boundingRect().bottom() < legend_top
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.mapFromScene(group.sceneBoundingRect().center()))
    assert view.expanded is None and len(view.neurons[1]) < 32


def test_an_output_neurons_tooltip_names_its_class_in_the_windows_language(qtbot):
    from backpropviz.ui import i18n as ui_i18n
    state, view = make_view(qtbot, "builtin:iris", Architecture([3], ["tanh"]))
    out = state.net.n_layers
    tip = view.tooltip_for(view.neuron_item(out, 1))
    assert "versicolor" in tip and "setosa" not in tip
    assert "versicolor" not in view.tooltip_for(view.neuron_item(1, 1))      # a hidden neuron
    ui_i18n.set_language("zh_CN")
    try:
        tip = view.tooltip_for(view.neuron_item(out, 1))
        assert "versicolor" in tip and "(not computed yet)" not in tip and "layer" not in tip
        edge = view.edges[0][0]
        assert "weight from" not in view.tooltip_for(edge)
    finally:
        ui_i18n.set_language("en")


def test_ten_outputs_are_drawn_whole_where_closer_rows_hold_them(qtbot):
    # digits' 64-32-10 in the view of a full-HD window (1082x574): rows with room for the
    # deltas' texts hold 7 neurons, closer rows all ten outputs, which then show every class
    state, view = make_view(qtbot, "builtin:digits", Architecture([32], ["relu"]))
    view.resize(1082, 574)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view._laid_out_for is not None
                    and view._laid_out_for[0] == view._viewport_size())
    assert view.columns[-1].units == list(range(10)) and view.columns[-1].group_rect is None
    assert view.columns[1].group_rect is not None            # the 32 stay a group
    rows = np.diff(view.columns[-1].ys)
    assert np.all(rows >= 2 * view.radius + 4)               # neurons apart, not overlapping
    for _ in range(3):
        state.next_phase()                                   # through the output layer
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in view.scene().items():
        if item.isVisible() and item.parentItem() is None and not item.sceneBoundingRect().isEmpty():
            assert visible.contains(item.sceneBoundingRect()), item
