"""Checkpoints: resuming from one repeats the run exactly; memory stays bounded."""
from __future__ import annotations

import numpy as np
import pytest

from backpropviz.engine import Network, OptimizerConfig
from backpropviz.engine.checkpoints import Checkpoints, capture, restore
from backpropviz.engine.train import Trainer


def _trainer(seed=0, opt="adam"):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(23, 3))
    T = (X[:, :1] * X[:, 1:2] > 0).astype(float)
    net = Network.build([3, 5, 1], ["tanh", "sigmoid"], "bce", seed=seed)
    return Trainer(net, X, T, OptimizerConfig(opt, lr=0.05), batch=4, seed=seed)


@pytest.mark.parametrize("opt", ["sgd", "momentum", "adam"])
def test_resuming_from_a_checkpoint_repeats_the_run_bit_for_bit(opt):
    tr = _trainer(opt=opt)
    store = Checkpoints()
    store.offer(tr)
    for _ in range(40):                       # 6 steps an epoch: several reshuffles
        tr.run_steps(1)
        store.offer(tr)
    final = tr.net.params.copy()
    cp = store.at(17)
    assert cp.step == 17
    restore(tr, cp)
    assert (tr.step, tr.epoch) == (17, 17 // 6)
    tr.run_steps(23)
    assert tr.step == 40
    np.testing.assert_array_equal(tr.net.params, final)


def test_a_restored_trainer_does_not_share_arrays_with_the_checkpoint():
    tr = _trainer()
    cp = capture(tr)
    before = cp.params.copy()
    restore(tr, cp)
    tr.run_steps(5)
    np.testing.assert_array_equal(cp.params, before)


def test_memory_stays_bounded_and_the_first_and_newest_moments_stay():
    tr = _trainer()
    store = Checkpoints(capacity=16)
    store.offer(tr)
    for _ in range(3000):
        tr.run_steps(1)
        store.offer(tr)
    steps = store.steps
    assert len(steps) <= 16 and steps[0] == 0 and steps[-1] == 3000
    assert steps == sorted(steps)
    assert store.spacing > 100                # spaced out, not only the last few steps
    assert np.diff(steps).max() <= store.spacing
    restore(tr, store.at(1500))               # any kept moment still resumes
    assert tr.step <= 1500


def test_the_byte_budget_is_kept():
    tr = _trainer()
    one = capture(tr).nbytes
    store = Checkpoints(capacity=1000, budget=10 * one)
    for _ in range(200):
        tr.run_steps(1)
        store.offer(tr)
    assert store.nbytes <= 10 * one and len(store) <= 10


def test_a_branch_keeps_the_moments_up_to_where_it_starts():
    tr = _trainer()
    store = Checkpoints()
    for _ in range(10):
        tr.run_steps(1)
        store.offer(tr)
    branch = store.branch(4)
    assert branch.steps == [1, 2, 3, 4] and store.steps == list(range(1, 11))
    with pytest.raises(LookupError):
        Checkpoints().at(3)
    assert store.at(0).step == 1              # nothing before the first: the first
