"""The optimiser race lesson's claims hold: the paths it draws end where its note says."""
from __future__ import annotations

import numpy as np
import pytest

from backpropviz.engine import OptimizerConfig
from backpropviz.engine.landscape import loss_landscape, optimizer_path, parameter_index
from backpropviz.lessons import get


def test_the_race_ends_as_the_note_says():
    lesson = get("optimizer-race")
    ds = lesson.dataset()
    net = lesson.network(ds)
    X, T = ds.X_train, ds.target_matrix("train", net.sizes[-1])
    L = net.n_layers
    i, j = parameter_index(net, L - 1, 0, 0), parameter_index(net, L - 1, 0, 1)
    start = loss_landscape(net, X, T, i, [net.params[i]], j, [net.params[j]])[0, 0]
    end, length, first = {}, {}, {}
    for name in ("sgd", "momentum", "adam"):
        path = optimizer_path(net, X, T, i, j, OptimizerConfig(name, lr=lesson.lr), 150)
        assert len(path) == 151
        end[name] = loss_landscape(net, X, T, i, path[-1:, 0], j, path[-1:, 1])[0, 0]
        steps = np.hypot(*np.diff(path, axis=0).T)
        length[name] = steps
        first[name] = path[1] - path[0]
    assert "0.05" in lesson.note and lesson.lr == 0.05
    assert end["sgd"] == pytest.approx(0.21, abs=0.01) and end["sgd"] < start
    assert end["momentum"] == pytest.approx(0.04, abs=0.01)
    assert end["adam"] == pytest.approx(0.07, abs=0.01)
    assert end["momentum"] < end["adam"] < end["sgd"]
    # Adam's first step moves each weight by the learning rate (m/sqrt(v) = sign(g) at t = 1);
    # SGD's moves it by the learning rate times the slope
    np.testing.assert_allclose(np.abs(first["adam"]), lesson.lr, rtol=1e-6)
    _, g = net.gradients(X, T)
    np.testing.assert_allclose(np.abs(first["sgd"]), lesson.lr * np.abs(g[[i, j]]), rtol=1e-12)
