"""A run rewound and resumed: the branch goes on exactly as the run did; the old run is kept."""
from __future__ import annotations

import numpy as np

from backpropviz.engine import Network, OptimizerConfig
from backpropviz.engine.history import History
from backpropviz.engine.session import TrainingSession


def _session():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(90, 2))
    T = (X[:, :1] * X[:, 1:] > 0).astype(float)
    net = Network.build([2, 6, 1], ["tanh", "sigmoid"], "bce", seed=2)
    return TrainingSession(net, X[:70], T[:70], X[70:], T[70:], OptimizerConfig("adam", lr=0.02),
                           batch=8, seed=3)


def test_a_branch_from_a_kept_moment_repeats_the_run_to_the_bit():
    s = _session()
    s.start(steps=60)
    s.wait()
    assert s.trainer.step == 60 and s.checkpoints.steps[-1] == 60
    final = s.net.params.copy()
    middle = [k for k in s.checkpoints.steps if 0 < k < 60]
    assert middle                            # the first chunk is one step: step 1 is kept
    mid = middle[len(middle) // 2]
    b = s.branch(mid)
    assert b.trainer.step == mid
    assert b.history.steps == mid and b.history.step_view().number[-1] <= mid
    b.start(steps=60 - mid)
    b.wait()
    np.testing.assert_array_equal(b.net.params, final)
    np.testing.assert_array_equal(b.history.step_view().loss, s.history.step_view().loss)
    np.testing.assert_array_equal(s.net.params, final)          # the old branch is untouched
    assert s.trainer.step == 60


def test_a_branch_with_another_rate_goes_its_own_way_from_there():
    s = _session()
    s.start(steps=40)
    s.wait()
    b = s.branch(20)
    k = b.trainer.step                       # the kept moment at or before step 20
    assert 0 < k <= 20
    b.set_config(OptimizerConfig("adam", lr=0.2), 8)
    b.start(steps=40 - k)
    b.wait()
    old, new = s.history.step_view(), b.history.step_view()
    np.testing.assert_array_equal(new.loss[:k + 1], old.loss[:k + 1])   # step k+1's loss is
    assert not np.array_equal(new.loss[k + 1:], old.loss[k + 1:])      # before its update


def test_history_branch_keeps_the_rows_up_to_the_step_and_numbers_on():
    h = History(2, capacity=8, eval_capacity=4)
    for i in range(20):
        h.add_steps([float(i)], np.ones((1, 2)))
        h.add_eval(i + 1, 0.0, (1.0, 0.5), (1.0, 0.5))
    b = h.branch(13)
    v = b.step_view()
    assert v.number[-1] <= 13 and b.steps == 13 and v.stride == h.step_view().stride
    b.add_steps([99.0] * 4, np.ones((4, 2)))
    v = b.step_view()
    assert list(v.number) == sorted(v.number) and v.number[-1] <= 17
    assert b.eval_view().step[-1] <= 13


def _remedies_session():
    """A batch-normalised network with a skip, Adam and a step schedule: a branch must bring
    back gamma, beta, the running statistics and the epoch the schedule counts from."""
    from backpropviz.engine.schedule import LRSchedule
    rng = np.random.default_rng(4)
    X = rng.normal(size=(90, 3))
    T = (X[:, :1] * X[:, 1:2] > 0).astype(float)
    net = Network.build([3, 5, 5, 1], ["tanh", "tanh", "sigmoid"], "bce", seed=5,
                        residual=[False, True, False], batch_norm=[True, True, False])
    return TrainingSession(net, X[:70], T[:70], X[70:], T[70:], OptimizerConfig("adam", lr=0.05),
                           batch=8, seed=6, schedule=LRSchedule.parse("step:2:0.5"))


def test_a_branch_of_a_batch_norm_residual_run_with_a_schedule_repeats_it_to_the_bit():
    s = _remedies_session()
    s.start(steps=60)                        # 9 steps an epoch: the rate halves every 18
    s.wait()
    assert s.trainer.step == 60
    final, stats = s.net.params.copy(), s.net.bn_stats.copy()
    middle = [k for k in s.checkpoints.steps if 0 < k < 60]
    assert middle                            # the first chunk is one step: step 1 is kept
    mid = middle[-1]
    b = s.branch(mid)
    assert b.trainer.step == mid and b.trainer.epoch == mid // 9
    # the rest of the run crosses a halving of the rate: a branch that lost the schedule
    # would train on at 0.05 and end elsewhere
    assert b.trainer.schedule == s.trainer.schedule
    b.start(steps=60 - mid)
    b.wait()
    np.testing.assert_array_equal(b.net.params, final)          # weights, gamma and beta
    np.testing.assert_array_equal(b.net.bn_stats, stats)        # running mean and variance
    np.testing.assert_array_equal(b.history.step_view().loss, s.history.step_view().loss)
