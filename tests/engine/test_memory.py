"""A network too big for the machine is refused before anything is allocated, with a number."""
from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from backpropviz.engine import EngineError, Network, OptimizerConfig, memory
from backpropviz.engine.train import Trainer


def _peak_bytes(make) -> int:
    tracemalloc.start()
    try:
        kept = make()                                  # noqa: F841  (alive at the peak)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_estimates_cover_what_building_and_training_allocate():
    sizes = [20, 600, 400, 5]
    X = np.random.default_rng(0).normal(size=(64, sizes[0]))
    T = np.zeros((64, sizes[-1]))
    net_peak = _peak_bytes(lambda: Network.build(sizes, ["relu", "relu", "linear"], "mse"))
    est = memory.network_bytes(sizes)
    assert net_peak <= est <= 1.5 * net_peak, (net_peak, est)

    def train():
        net = Network(sizes, ["relu", "relu", "linear"], "mse", params=params)
        trainer = Trainer(net, X, T, OptimizerConfig("adam"), batch=32)
        trainer.run_steps(2)
        net.evaluate(X, T)
        return trainer
    params = Network.build(sizes, ["relu", "relu", "linear"], "mse").params
    train()                             # the kernels loaded first: their memory is not ours
    train_peak = _peak_bytes(train) - params.nbytes    # the decay mask: network_bytes counts it
    est = memory.training_bytes(sizes, 64)
    assert train_peak <= est <= 1.5 * train_peak, (train_peak, est)


def test_a_network_larger_than_the_free_memory_is_refused_before_allocating(monkeypatch):
    monkeypatch.setattr(memory, "available_bytes", lambda: 10**9)
    sizes = [2, 100_000_000, 1]
    with pytest.raises(EngineError) as e:
        Network.build(sizes, ["tanh", "sigmoid"], "bce")
    message = str(e.value)
    assert "2-100000000-1" in message and "8 GB" in message and "1 GB is available" in message
    Network.build([2, 1000, 1], ["tanh", "sigmoid"], "bce")      # 3 MB fits


def test_training_a_network_larger_than_the_free_memory_is_refused(monkeypatch):
    net = Network.build([2, 1000, 1], ["tanh", "sigmoid"], "bce")
    X, T = np.zeros((5000, 2)), np.zeros((5000, 1))
    need = memory.training_bytes(net.sizes, 4096)
    monkeypatch.setattr(memory, "available_bytes", lambda: need - 1)
    with pytest.raises(EngineError, match="training of a 2-1000-1 network would need"):
        Trainer(net, X, T, OptimizerConfig("adam"), batch=32)
    monkeypatch.setattr(memory, "available_bytes", lambda: need)
    Trainer(net, X, T, OptimizerConfig("adam"), batch=32)


@pytest.mark.parametrize("n,text", [(3.2e9, "3.2 GB"), (8.4e8, "840 MB"), (5.97e11, "597 GB"),
                                    (1.5e12, "1.5 TB"), (2048, "2.05 kB")])
def test_sizes_read_as_a_person_writes_them(n, text):
    assert memory.gb(n) == text


def test_the_estimates_cover_batch_norm_and_skips():
    from backpropviz.engine import kernels
    assert memory.N_EXT == kernels.N_EXT       # the extra per-sample buffers the kernels keep
    sizes = [20, 400, 400, 5]
    acts = ["relu", "relu", "linear"]
    remedies = dict(residual=[False, True, False], batch_norm=[True, True, False])
    bn_units = 800
    X = np.random.default_rng(0).normal(size=(64, sizes[0]))
    T = np.zeros((64, sizes[-1]))
    net_peak = _peak_bytes(lambda: Network.build(sizes, acts, "mse", **remedies))
    est = memory.network_bytes(sizes, bn_units)
    assert net_peak <= est <= 1.5 * net_peak, (net_peak, est)
    assert Network.build([2, 3, 3, 1], "tanh", "mse", batch_norm=True).bn_units == 6

    def train():
        net = Network(sizes, acts, "mse", params=params, **remedies)
        trainer = Trainer(net, X, T, OptimizerConfig("adam"), batch=32)
        trainer.run_steps(2)
        net.evaluate(X, T)
        return trainer
    params = Network.build(sizes, acts, "mse", **remedies).params
    train()
    train_peak = _peak_bytes(train) - params.nbytes
    est = memory.training_bytes(sizes, 64, bn_units, extended=True)
    assert train_peak <= est <= 1.5 * train_peak, (train_peak, est)
    # the plain estimate would not have covered it
    assert memory.training_bytes(sizes, 64) < train_peak
