"""ThreadPolicy: trains exactly as the Trainer does, and picks the thread count measured fastest,
trying the others again now and then."""
from __future__ import annotations

import numpy as np

from backpropviz.engine import Network, OptimizerConfig
from backpropviz.engine.threads import ThreadPolicy
from backpropviz.engine.train import Trainer


def _trainer(seed: int = 0) -> Trainer:
    rng = np.random.default_rng(5)
    X = rng.normal(size=(300, 3))
    T = (X[:, :1] * X[:, 1:2] > 0).astype(float)
    net = Network.build([3, 5, 1], ["tanh", "sigmoid"], "bce", seed=seed)
    return Trainer(net, X, T, OptimizerConfig("adam", lr=0.01), batch=7, seed=seed)


def test_segments_train_exactly_as_one_run():
    a, b = _trainer(), _trainer()
    policy = ThreadPolicy(candidates=(1, 2))
    policy._steps = 5                       # many segments, crossing epoch ends
    snap_a = policy.run_epochs(a, 3)
    snap_b = b.run_epochs(3)
    np.testing.assert_array_equal(snap_a.losses, snap_b.losses)
    np.testing.assert_array_equal(a.net.params, b.net.params)
    assert (snap_a.step, snap_a.epoch) == (snap_b.step, snap_b.epoch)
    assert len(policy.choices) > 3 and set(policy.choices) == {1, 2}


def test_epochs_yield_one_snapshot_per_epoch():
    t = _trainer()
    snaps = list(ThreadPolicy().epochs(t, 4))
    assert [s.epoch for s in snaps] == [1, 2, 3, 4]


def test_runs_with_the_fastest_count_and_probes_the_other():
    policy = ThreadPolicy(candidates=(1, 2), probe_every=4)
    assert policy.current() == 1            # each candidate is measured first
    policy.rates[1] = 50_000.0
    assert policy.current() == 2
    policy.rates[2] = 5_000.0               # two threads collapsed (a busy neighbour)
    policy.choices = [1, 2, 1]
    assert policy.current() == 1
    policy.choices = [1, 2, 1, 1]           # the 4th segment: try two threads again
    assert policy.current() == 2
    policy.rates[2] = 80_000.0              # the neighbour left
    policy.choices.append(2)
    assert policy.current() == 2


def test_one_core_has_one_candidate():
    policy = ThreadPolicy(candidates=(1,))
    policy.rates[1] = 1.0
    policy.choices = [1] * 8
    assert policy.current() == 1


def test_a_try_of_the_slower_count_is_told_apart_and_recorded():
    policy = ThreadPolicy(candidates=(1, 2))
    assert not policy.trying(policy.current())          # nothing measured: nothing to try
    policy.record(1, 1000, 0.01)                        # 100,000 samples/s
    policy.record(2, 1000, 0.1)                         # 10,000: the collapse
    assert policy.best() == 1 and policy.choices == [1, 2]
    assert policy.trying(2) and not policy.trying(1)
    with policy.limit(1):
        from threadpoolctl import threadpool_info
        assert all(i["num_threads"] == 1 for i in threadpool_info() if i["user_api"] == "blas")


def test_with_a_memory_one_slow_segment_does_not_switch_the_count():
    """A window's 30 ms chunks are often cut short by a preemption: the speed of a count is
    the median of its last few, so one slow chunk does not hand training to a collapsing
    count (with the latest alone it does)."""
    for memory, best in ((5, 1), (1, 2)):
        policy = ThreadPolicy(candidates=(1, 2), memory=memory)
        for _ in range(4):
            policy.record(1, 1000, 0.01)            # 100,000 samples/s
        policy.record(2, 1000, 0.02)                # 50,000
        policy.record(1, 1000, 1.0)                 # preempted: 1,000
        assert policy.best() == best
        assert policy.rates[1] == (100_000.0 if memory > 1 else 1_000.0)
    policy = ThreadPolicy(candidates=(1, 2), memory=3)
    for seconds in (0.01, 0.01, 1.0, 1.0):          # slow for good (a neighbour came): it follows
        policy.record(1, 1000, seconds)
    assert policy.rates[1] == 1_000.0
