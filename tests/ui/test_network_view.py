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
                assert delta_texts(view, c) == {u: f"δ {fmt(layer['delta'][u])}"
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
