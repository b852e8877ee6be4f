"""The single-sample stepper: phases, what is known at each, exact undo."""
import numpy as np
import pytest

from backpropviz.engine import Network
from backpropviz.engine.stepper import Stepper


@pytest.fixture
def net():
    return Network.build([3, 4, 2, 2], ["tanh", "relu", "softmax"], "cross_entropy", seed=4)


def test_phase_sequence(net):
    s = Stepper(net, [0.1, -0.4, 0.9], [0, 1])
    assert [str(p) for p in s.phases()] == ["input", "forward 1", "forward 2", "forward 3", "loss",
                                           "backward 3", "backward 2", "backward 1", "update"]


def test_numbers_at_each_phase_are_the_traces(net):
    x, t = [0.1, -0.4, 0.9], [0, 1]
    expected = net.copy().trace(x, t, lr=0.3)
    s = Stepper(net, x, t, lr=0.3)
    seen_loss = []
    for i in range(s.n_phases):
        for k in range(3):
            known = s.known(k)
            assert ("a" in known) == (k < min(i, 3))
            assert ("delta" in known) == (i >= 5 + (2 - k))
            for key, value in known.items():
                np.testing.assert_array_equal(value, expected["layers"][k][key])
        seen_loss.append(s.loss)
        if i < s.n_phases - 1:
            s.next()
    assert seen_loss[:4] == [None] * 4 and seen_loss[4] == expected["loss"]
    assert s.updated
    after = Network.from_dict(expected["updated"])
    np.testing.assert_array_equal(net.params, after.params)
    # the stepper makes its trace's model dict only when asked, and it is the same one
    assert "updated" not in s.numbers
    assert s.trace["updated"] == expected["updated"]
    assert set(net.trace(x, t, lr=0.3, updated=False)) == set(expected) - {"updated"}


def test_prev_restores_every_earlier_state_exactly_across_cycles(net):
    s = Stepper(net, [0.5, 0.5, -1], [1, 0], lr=0.5)
    states = []
    for _ in range(2 * s.n_phases + 3):           # into the third cycle
        states.append((s.index, net.params.copy(), s.loss))
        s.next()
    for index, params, loss in reversed(states):
        s.prev()
        assert s.index == index
        np.testing.assert_array_equal(net.params, params)
        assert s.loss == loss


def test_prev_at_the_very_start_stays(net):
    p = net.params.copy()
    s = Stepper(net, [0, 0, 0], [1, 0])
    assert s.prev().index == 0
    np.testing.assert_array_equal(net.params, p)


def test_run_to_and_reset_undo_the_update(net):
    p = net.params.copy()
    s = Stepper(net, [1, 2, 3], [0, 1])
    assert s.run_to("forward").kind == "loss"
    assert s.run_to("backward").kind == "backward" and s.phase.layer == 1
    assert s.run_to("full").kind == "update"
    assert not np.array_equal(net.params, p)
    s.reset()
    assert s.index == 0
    np.testing.assert_array_equal(net.params, p)


def test_follow_replays_the_phase_on_new_weights_without_updating(net):
    """A training frame's weights: the stepper shows the same phase, computed on them."""
    s = Stepper(net, [1, 0, 0], [1, 0], lr=0.2)
    s.run_to("backward")
    at = s.index
    new = net.params + 0.05
    s.follow(new)
    assert s.index == at
    np.testing.assert_array_equal(net.params, new)
    expected = net.copy().trace([1, 0, 0], [1, 0], lr=0.2)
    assert s.loss == expected["loss"]
    np.testing.assert_array_equal(s.numbers["layers"][0]["grad_weights"],
                                  expected["layers"][0]["grad_weights"])
    s.run_to("full")
    s.follow(new)                      # at the update: back to the last phase before it
    assert s.phase.kind == "backward"
    np.testing.assert_array_equal(net.params, new)
    assert s.prev().index == at - 1 and s.prev().index == at - 2


def test_with_biases_frozen_the_update_moves_only_the_weights_and_matches_the_trace(net):
    x, t = np.array([0.3, -0.7, 0.2]), np.array([1.0, 0.0])
    st = Stepper(net, x, t, lr=0.5, train_biases=False)
    before = net.params.copy()
    st.run_to("full")
    w = net.decay_mask == 1.0
    np.testing.assert_array_equal(net.params[~w], before[~w])
    np.testing.assert_array_equal(net.params[w], before[w] - 0.5 * st._grads[w])
    up = Network.from_dict(st.trace["updated"])
    np.testing.assert_array_equal(up.params, net.params)              # bit for bit
    st.prev()
    np.testing.assert_array_equal(net.params, before)
    st.set_train_biases(True)
    st.run_to("full")
    assert not np.array_equal(net.params[~w], before[~w])


# --- a batch-normalised network steps a small minibatch ---------------------------------------
def _bn_case():
    from backpropviz.engine import Network
    rng = np.random.default_rng(5)
    net = Network.build([2, 3, 3, 2], ["tanh", "sigmoid", "linear"], "mse", seed=5,
                        residual=True, batch_norm=True)
    net.params[...] = rng.normal(scale=0.7, size=net.params.size)
    X, T = rng.normal(size=(4, 2)), rng.normal(size=(4, 2))
    return net, X, T


def test_a_bn_network_steps_the_sample_with_its_minibatch_in_training_mode():
    from backpropviz.engine.stepper import Stepper, sample_view
    net, X, T = _bn_case()
    st = Stepper(net, X[0], T[0], lr=0.3, others=(X[1:], T[1:]))
    assert st.batch_size == 4
    want = sample_view(net.copy().trace(X, T, lr=0.3), 0)
    got = st.trace
    assert got["mode"] == "training" and got["batch_size"] == 4
    for k, layer in enumerate(want["layers"]):
        for key, value in layer.items():
            np.testing.assert_array_equal(got["layers"][k][key], value)
    np.testing.assert_array_equal(got["layers"][0]["z"], want["batch"]["layers"][0]["z"][0])
    start_params, start_stats = net.params.copy(), net.bn_stats.copy()
    st.run_to("full")
    after = Network_from(want["updated"])
    np.testing.assert_array_equal(net.params, after.params)
    np.testing.assert_array_equal(net.bn_stats, after.bn_stats)
    assert not np.array_equal(net.bn_stats, start_stats)
    st.next()                          # a new cycle on the new weights, then all the way back
    while st.prev() != st.phases()[0] or st._history:
        pass
    np.testing.assert_array_equal(net.params, start_params)
    np.testing.assert_array_equal(net.bn_stats, start_stats)


def test_a_bn_network_with_one_sample_steps_in_evaluation_mode():
    from backpropviz.engine.stepper import Stepper
    net, X, T = _bn_case()
    stats = net.bn_stats.copy()
    st = Stepper(net, X[0], T[0], lr=0.3)
    assert st.batch_size == 1 and st.trace["mode"] == "evaluation"
    st.run_to("full")
    np.testing.assert_array_equal(net.bn_stats, stats)     # evaluation never moves them


def Network_from(d):
    from backpropviz.engine import Network
    return Network.from_dict(d)


def test_with_biases_frozen_a_bn_step_keeps_biases_gamma_and_beta_and_moves_the_weights():
    from backpropviz.engine.stepper import Stepper
    net, X, T = _bn_case()
    k = net.bn_layers[0]
    gamma, beta = net.gamma[k].copy(), net.beta[k].copy()
    st = Stepper(net, X[0], T[0], lr=0.3, train_biases=False, others=(X[1:], T[1:]))
    before = net.params.copy()
    st.run_to("full")
    w = net.decay_mask == 1.0
    assert (~w).sum() > sum(net.sizes[1:])         # gamma and beta are among the kept ones
    np.testing.assert_array_equal(net.params[~w], before[~w])
    np.testing.assert_array_equal(net.gamma[k], gamma)
    np.testing.assert_array_equal(net.beta[k], beta)
    np.testing.assert_array_equal(net.params[w], before[w] - 0.3 * st._grads[w])
    assert st.trace["train_biases"] is False
