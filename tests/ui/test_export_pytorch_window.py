"""File > Export > PyTorch script from the window: the network as it is now, with its settings."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog

from backpropviz.engine.train import Trainer
from backpropviz.recipe import Architecture


def test_the_menu_writes_a_script_that_trains_from_the_current_weights(qtbot, monkeypatch,
                                                                        tmp_path, open_window):
    win = open_window("builtin:xor", Architecture([3], ["tanh"]))
    state = win.state
    state.next_phase()                       # a hand edit: the script must start from it
    state.set_parameter(1, 1, 0, 0.75)
    path = tmp_path / "train_torch.py"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (3, True))
    action = next(a for a in win.findChildren(QAction)
                  if a.text().replace("&", "").startswith("PyTorch script"))
    action.trigger()
    text = path.read_text()
    assert "EPOCHS, SEED = " in text and "BATCH, EPOCHS, SEED = {}, 3, {}".format(
        min(state.batch, state.dataset.n_train), state.architecture.seed) in text
    if importlib.util.find_spec("torch") is None:
        pytest.skip("torch is not installed: the script was written but cannot be run here")
    done = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    losses = [json.loads(line)["loss"] for line in done.stdout.splitlines()
              if line.startswith('{"epoch"')]
    net = state.net.copy()
    ds = state.dataset
    tr = Trainer(net, ds.X_train, ds.target_matrix("train", net.sizes[-1]), state.optimizer,
                 batch=min(state.batch, ds.n_train), seed=state.architecture.seed)
    expected = [float(np.mean(s.losses)) for s in tr.epochs(3)]
    np.testing.assert_allclose(losses, expected, rtol=1e-9)
