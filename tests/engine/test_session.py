"""The background training session and its history, without any window."""
import numpy as np
import pytest

from backpropviz.engine import Network, OptimizerConfig
from backpropviz.engine.history import Buffer, History, ema_debiased
from backpropviz.engine.session import TrainingSession


def _session(lr=0.01, probe=None, n=400, batch=10, hidden="tanh"):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, 2))
    T = (X[:, :1] * X[:, 1:] > 0).astype(float)
    net = Network.build([2, 6, 1], [hidden, "sigmoid"], "bce", seed=0)
    cut = int(0.8 * n)
    return TrainingSession(net, X[:cut], T[:cut], X[cut:], T[cut:],
                           OptimizerConfig("adam", lr=lr), batch=batch, probe=probe)


def test_exact_steps_and_epochs_in_the_background():
    s = _session()
    s.start(steps=7)
    assert s.wait(60)
    f = s.latest()
    assert f.step == 7 and not f.running and s.history.steps == 7
    s.start(epochs=1)                    # finishes the epoch under way: 32 steps of 10
    assert s.wait(60)
    f = s.latest()
    assert (f.step, f.epoch, f.epoch_progress) == (32, 1, 0.0)
    assert s.latest() is None            # a frame is handed out once
    assert np.all(np.isfinite(s.history.step_view().loss))
    assert s.history.step_view().grad_norms.shape == (32, 1 + 1)


def test_play_then_pause_trains_and_keeps_the_latest_frame_only():
    probe = np.random.default_rng(1).normal(size=(50, 2))
    s = _session(probe=probe)
    s.start()
    import time
    time.sleep(0.5)
    s.pause()
    f = s.latest()
    assert not s.running and not f.running
    assert f.step == s.trainer.step > 0
    np.testing.assert_array_equal(f.params, s.net.params)
    assert [a.shape for a in f.probe] == [(50, 6), (50, 1)]
    np.testing.assert_allclose(f.probe[-1], s.net.forward(probe))
    assert f.samples_per_second > 0
    assert s.history.evals == len(s.history.eval_view()) >= 1


def test_the_last_frame_s_probe_shows_its_own_weights_even_new_ones_at_the_same_step():
    probe = np.random.default_rng(1).normal(size=(50, 2))
    s = _session(probe=probe)
    s.start(steps=30)
    assert s.wait(60)
    f = s.latest()
    assert f.probe_step == f.step == 30
    np.testing.assert_allclose(f.probe[-1], s.net.forward(probe))
    other = s.net.params * -0.5                  # hand-set weights, no step taken on them
    s.set_weights(other)
    s.start(steps=0)
    assert s.wait(60)
    f = s.latest()
    assert f.step == 30
    np.testing.assert_allclose(f.probe[-1], s.net.forward(probe))


def test_divergence_stops_and_keeps_finite_weights():
    s = _session(hidden="relu")        # unbounded units: the loss overflows to inf, then NaN
    s.set_config(OptimizerConfig("sgd", lr=1e6), batch=10)
    s.start(steps=5000)
    assert s.wait(60)
    f = s.latest()
    assert f.diverged and "learning rate" in str(f.message)
    assert np.all(np.isfinite(f.params)) and f.step < 5000


def test_buffer_keeps_rows_and_refuses_more_than_its_capacity():
    b = Buffer(2, capacity=5)
    for i in range(5):
        b.extend([[i, -i]])
    assert len(b) == 5
    np.testing.assert_array_equal(b.view()[:, 0], np.arange(5))
    with pytest.raises(ValueError):
        b.extend([[5, -5]])
    assert len(b) == 5


def test_ema_debiased_matches_the_definition():
    x = np.array([3.0, 1.0, 4.0, 1.0, 5.0])
    b = 0.6
    s, want = 0.0, []
    for t, v in enumerate(x, start=1):
        s = b * s + (1 - b) * v
        want.append(s / (1 - b ** t))
    np.testing.assert_allclose(ema_debiased(x, b), want, rtol=1e-12)
    assert ema_debiased(x, 0)[0] == 3.0
    assert ema_debiased(x, b)[0] == pytest.approx(3.0)     # debiased: starts at the first value


@pytest.mark.parametrize("chunk", [1, 7, 1000, 5000])
def test_history_keeps_every_stride_th_step_within_its_capacity(chunk):
    """However the steps arrive, the history keeps exactly the steps 1, 1 + s, 1 + 2s, ... of
    all seen so far, with their own numbers, within its capacity; a view taken earlier never
    changes."""
    rng = np.random.default_rng(0)
    total = 10_000
    losses = rng.random(total)
    norms = rng.random((total, 2))
    h = History(2, capacity=64)
    early = None
    for lo in range(0, total, chunk):
        h.add_steps(losses[lo:lo + chunk], norms[lo:lo + chunk])
        if early is None and h.steps >= 100:
            early = h.step_view()
            early_copy = (early.number.copy(), early.loss.copy(), early.grad_norms.copy())
    v = h.step_view()
    assert h.steps == total and len(v) <= 64
    assert v.stride & (v.stride - 1) == 0                                # a power of two
    assert total / v.stride <= 64 < 2 * total / v.stride                 # no thinner than needed
    np.testing.assert_array_equal(v.number, np.arange(1, total + 1, v.stride))
    np.testing.assert_array_equal(v.loss, losses[v.number - 1])
    np.testing.assert_array_equal(v.grad_norms, norms[v.number - 1])
    for a, b in zip((early.number, early.loss, early.grad_norms), early_copy):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(early.loss, losses[early.number - 1])
    with pytest.raises(ValueError):
        v.loss[0] = 1.0                                                  # views are read-only


def test_evaluations_are_thinned_the_same_way():
    h = History(1, eval_capacity=8)
    for i in range(1, 101):
        h.add_eval(10 * i, i / 10, (1.0 / i, 0.5), (2.0 / i, 0.4))
    v = h.eval_view()
    assert h.evals == 100 and len(v) <= 8 and v.stride == 16
    np.testing.assert_array_equal(v.number, [1, 17, 33, 49, 65, 81, 97])
    np.testing.assert_array_equal(v.step, 10 * v.number)
    np.testing.assert_allclose(v.test_loss, 2.0 / v.number)




def test_a_reader_that_fails_to_hear_does_not_end_the_run():
    s = _session()

    def deaf():
        raise RuntimeError("the window is gone")
    s.on_frame = deaf
    s.start(steps=40)
    assert s.wait(60)
    f = s.latest()
    assert (f.step, f.running) == (40, False)


def test_each_frame_is_announced_on_the_training_thread():
    import threading
    seen = []
    s = _session()
    s.on_frame = lambda: seen.append((threading.get_native_id(), s._latest.step, s._latest.running))
    s.start(steps=40)
    assert s.wait(60)
    assert seen, "no frame was announced"
    assert {tid for tid, _, _ in seen} == {s._thread.native_id}
    assert seen[-1][1:] == (40, False)                 # the last frame too, and it says so
    assert [step for _, step, _ in seen] == sorted(step for _, step, _ in seen)


@pytest.mark.skipif(not __import__("os").path.isdir("/proc/self/task"),
                    reason="per-thread priorities are a Linux feature")
def test_training_can_run_below_the_callers_priority():
    """nice > 0: the training thread runs at that priority; the caller's thread keeps its own."""
    import os
    import threading
    seen = []
    s = _session()
    s.nice = 7
    s.on_frame = lambda: seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
    mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    s.start(steps=5)
    assert s.wait(60)
    assert seen and set(seen) == {max(7, mine)}
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == mine


def test_a_runs_first_chunk_does_not_judge_the_blas_thread_counts():
    """The first chunk of each run pays for starting (it measured one thread at 1,400
    samples/s instead of 60,000, and two collapsing threads then trained for seconds); the
    chunks after it are measured."""
    s = _session()
    for _ in range(3):
        s.start(steps=1)                 # a run of one chunk
        assert s.wait(60)
    assert s.policy.rates == {} and s.policy.choices == []
    s._chunk = 2                         # a run of (at least) two chunks of two steps
    s.start(steps=4)
    assert s.wait(60)
    assert 1 <= len(s.policy.choices) <= 2 and s.policy.rates


def test_a_polling_reader_hears_only_of_each_jobs_last_frame():
    """notify_running False (the window polls running frames with a timer): on_frame is
    called once a job, for its last frame; the running frames are still there to take."""
    seen, running = [], 0
    s = _session()
    s.notify_running = False
    s.on_frame = lambda: seen.append(s._latest.running)
    s.start()
    while running < 3:                       # frames come every 40 ms while it trains
        f = s.latest()
        running += f is not None and f.running
    s.pause()
    s.start(steps=1)
    assert s.wait(60)
    assert seen == [False, False]
