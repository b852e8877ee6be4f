"""Jitted minibatch training against the NumPy reference; seeds; divergence; counters."""
import numpy as np
import pytest

from backpropviz.engine import EngineError, Network, OptimizerConfig, reference
from backpropviz.engine.train import RUNAWAY, Trainer


def _data(seed=0, n=53, d=3, k=4):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    T = np.eye(k)[rng.integers(0, k, n)]
    return X, T


@pytest.mark.parametrize("opt,l2,clip", [("sgd", 0.0, 0.0), ("sgd", 0.01, 0.5),
                                         ("momentum", 0.0, 0.0), ("momentum", 0.001, 0.3),
                                         ("adam", 0.0, 0.0), ("adam", 0.01, 1.0)])
@pytest.mark.parametrize("sizes", [[3, 5, 4], [3, 70, 60, 4]])   # loop path and BLAS path
def test_jitted_epochs_equal_numpy_reference(opt, l2, clip, sizes):
    X, T = _data()
    net = Network.build(sizes, ["tanh"] * (len(sizes) - 2) + ["softmax"], "cross_entropy", seed=1)
    ref = reference.ReferenceTrainer(net.weights, net.bias, net.activations, net.loss,
                                     optimizer=opt, lr=0.05, l2=l2, clip=clip)
    tr = Trainer(net, X, T, OptimizerConfig(opt, lr=0.05, l2=l2, clip=clip), batch=8, seed=5)
    rng = np.random.default_rng(5)              # the trainer's shuffles, replayed
    for _ in range(3):
        order = rng.permutation(len(X))
        ref_losses = ref.epoch(X, T, order, 8)
        snap = tr.run_epochs(1)
        np.testing.assert_allclose(snap.losses, ref_losses, rtol=1e-10)
    for k in range(net.n_layers):
        np.testing.assert_allclose(net.weights[k], ref.W[k], rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(net.bias[k], ref.b[k], rtol=1e-9, atol=1e-12)
    assert tr.epoch == 3 and tr.step == 3 * 7


@pytest.mark.parametrize("opt,l2,clip", [("sgd", 0.0, 0.0), ("momentum", 0.001, 0.3),
                                         ("adam", 0.01, 1.0)])
def test_frozen_biases_stay_put_and_weights_equal_the_reference(opt, l2, clip):
    X, T = _data()
    net = Network.build([3, 5, 4], ["tanh", "softmax"], "cross_entropy", seed=1)
    net.bias[0][...] = [0.1, -0.2, 0.3, 0.0, 0.5]          # non-zero, so a step would show
    biases = [b.copy() for b in net.bias]
    ref = reference.ReferenceTrainer(net.weights, net.bias, net.activations, net.loss, optimizer=opt,
                                     lr=0.05, l2=l2, clip=clip, train_biases=False)
    tr = Trainer(net, X, T, OptimizerConfig(opt, lr=0.05, l2=l2, clip=clip, train_biases=False),
                 batch=8, seed=5)
    rng = np.random.default_rng(5)
    for _ in range(2):
        ref_losses = ref.epoch(X, T, rng.permutation(len(X)), 8)
        np.testing.assert_allclose(tr.run_epochs(1).losses, ref_losses, rtol=1e-10)
    for k in range(net.n_layers):
        np.testing.assert_array_equal(net.bias[k], biases[k])
        np.testing.assert_allclose(net.weights[k], ref.W[k], rtol=1e-9, atol=1e-12)
    # and with biases on, the same run moves them
    on = Network.build([3, 5, 4], ["tanh", "softmax"], "cross_entropy", seed=1)
    Trainer(on, X, T, OptimizerConfig(opt, lr=0.05, l2=l2, clip=clip), batch=8, seed=5).run_epochs(1)
    assert not np.array_equal(on.bias[1], biases[1])


def test_clipping_with_frozen_biases_uses_the_weights_norm_alone():
    """Frozen biases have no gradient (as in PyTorch): they cannot make the clip scale smaller."""
    from backpropviz.engine import optim
    net = Network.build([2, 3, 1], ["tanh", "sigmoid"], "bce", seed=0)
    grads = np.zeros(net.layout.n_params)
    grads[net.decay_mask == 1.0] = 0.3
    grads[net.decay_mask == 0.0] = 100.0                  # huge bias gradients
    params = net.params.copy()
    cfg = OptimizerConfig("sgd", lr=1.0, clip=0.5, train_biases=False)
    norm = optim.update(cfg.code, cfg.as_array(), params, grads, net.decay_mask,
                        np.zeros_like(params), np.zeros_like(params), 1)
    n_w = int(net.decay_mask.sum())
    assert norm == pytest.approx(0.3 * np.sqrt(n_w))
    step = params - net.params
    w = net.decay_mask == 1.0
    np.testing.assert_allclose(-step[w], 0.3 * 0.5 / norm)   # clipped to norm 0.5 over the weights
    np.testing.assert_array_equal(step[~w], 0.0)


def test_same_seed_same_bits_and_other_seed_differs():
    X, T = _data()
    runs = []
    for seed in (4, 4, 5):
        net = Network.build([3, 6, 4], ["relu", "softmax"], "cross_entropy", seed=seed)
        Trainer(net, X, T, OptimizerConfig("adam", lr=0.01), batch=7, seed=seed).run_steps(25)
        runs.append(net.params.copy())
    assert np.array_equal(runs[0], runs[1])
    assert not np.allclose(runs[0], runs[2])


def test_run_steps_counts_and_crosses_epochs():
    X, T = _data(n=20)
    net = Network.build([3, 4], ["softmax"], "cross_entropy", seed=0)
    tr = Trainer(net, X, T, OptimizerConfig("sgd", lr=0.1), batch=6, seed=0)   # 4 steps per epoch
    snap = tr.run_steps(1)
    assert (snap.step, snap.epoch, len(snap.losses)) == (1, 0, 1)
    snap = tr.run_steps(6)
    assert (snap.step, snap.epoch) == (7, 1)
    assert snap.epoch_progress == pytest.approx(18 / 20)
    assert np.all(np.isfinite(snap.losses)) and snap.grad_norms.shape == (6, 1)
    snap = tr.run_epochs(1)                      # finishes the current epoch only
    assert (snap.step, snap.epoch, snap.epoch_progress) == (8, 2, 0.0)
    snap = tr.run_epochs(2)
    assert (snap.step, snap.epoch) == (16, 4)


def test_huge_learning_rate_diverges_and_keeps_finite_weights():
    X, T = _data(n=40)
    net = Network.build([3, 8, 4], ["relu", "softmax"], "cross_entropy", seed=0)
    tr = Trainer(net, X, T, OptimizerConfig("sgd", lr=1e6), batch=4, seed=0)
    snap = tr.run_steps(200)
    assert snap.diverged
    assert "learning rate" in str(snap.message)
    assert np.all(np.isfinite(net.params))
    assert tr.step < 200


def test_grad_norms_are_the_layer_weight_gradient_norms():
    X, T = _data(n=8)
    net = Network.build([3, 5, 4], ["sigmoid", "softmax"], "cross_entropy", seed=2)
    before = net.copy()
    tr = Trainer(net, X, T, OptimizerConfig("sgd", lr=0.1), batch=8, seed=0)
    snap = tr.run_steps(1)
    _, gw, _, _ = reference.gradients(before.weights, before.bias, before.activations,
                                      before.loss, X, T)   # the one batch is the whole set
    np.testing.assert_allclose(snap.grad_norms[0], [np.linalg.norm(g) for g in gw], rtol=1e-10)


def test_evaluate_accuracy_matches_argmax():
    X, T = _data(n=50)
    net = Network.build([3, 6, 4], ["tanh", "softmax"], "cross_entropy", seed=3)
    loss, acc = net.evaluate(X, T, chunk=7)
    out = reference.forward(net.weights, net.bias, net.activations, X)[1][-1]
    assert acc == pytest.approx(np.mean(out.argmax(1) == T.argmax(1)))
    assert loss == pytest.approx(reference.sample_losses("cross_entropy", "softmax",
                                 reference.forward(net.weights, net.bias, net.activations, X)[0][-1],
                                 out, T).mean(), rel=1e-12)
    np.testing.assert_allclose(net.forward(X), out, rtol=1e-12)


@pytest.mark.parametrize("kwargs", [{"lr": 0}, {"lr": -1}, {"lr": float("nan")}, {"l2": -1},
                                    {"clip": -0.1}, {"name": "rmsprop"}])
def test_bad_hyperparameters_are_refused(kwargs):
    with pytest.raises(EngineError):
        OptimizerConfig(**kwargs)


def test_batch_zero_is_refused():
    X, T = _data()
    net = Network.build([3, 4], ["softmax"], "cross_entropy")
    with pytest.raises(EngineError, match="batch"):
        Trainer(net, X, T, batch=0)


def test_training_learns_xor():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
    T = np.array([[0], [1], [1], [0]], float)
    net = Network.build([2, 4, 1], ["tanh", "sigmoid"], "bce", seed=0)
    Trainer(net, X, T, OptimizerConfig("adam", lr=0.05), batch=4).run_steps(600)
    loss, acc = net.evaluate(X, T)
    assert acc == 1.0 and loss < 0.05


def test_an_overflowing_update_rolls_weights_and_counters_back_together():
    # finite loss and gradient, but lr * gradient overflows: the kernel cannot see it coming
    X = np.array([[1e3, -1e3]] * 8)
    T = np.ones((8, 1))
    net = Network.build([2, 1], ["linear"], "mse", seed=0)
    start = net.params.copy()
    tr = Trainer(net, X, T, OptimizerConfig("sgd", lr=1e306), batch=4, seed=0)
    snap = tr.run_steps(2)
    assert snap.diverged
    np.testing.assert_array_equal(net.params, start)
    assert tr.step == 0 and snap.step == 0 and len(snap.losses) == 0


# --- a loss that runs away ------------------------------------------------------------------------
def _runaway(lr=1.0, seed=0):
    """A regression the learning rate overshoots: the loss grows without end."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(40, 2))
    T = (1.5 * X[:, :1] - 0.75 * X[:, 1:])
    net = Network.build([2, 4, 1], ["tanh", "linear"], "mse", seed=seed)
    return net, Trainer(net, X, T, OptimizerConfig("sgd", lr=lr), batch=4, seed=seed)


def _kept_is_good(net, tr, kept):
    """The kept weights are exactly those of step ``kept`` of an undisturbed run, and their
    own loss (the next step's) had not run away."""
    start = Network.build([2, 4, 1], ["tanh", "linear"], "mse", seed=0)
    again = Trainer(start, tr.X, tr.T, OptimizerConfig("sgd", lr=tr.config.lr), batch=4, seed=0)
    if kept:
        again.run_steps(kept)
    np.testing.assert_array_equal(net.params, start.params)
    next_loss = again.run_steps(1).losses
    assert next_loss.size and np.isfinite(next_loss[0])
    assert next_loss[0] <= RUNAWAY * max(tr.start_loss, 1.0)


@pytest.mark.parametrize("chunk", [2000, 3, 1])
def test_a_runaway_loss_stops_training_at_the_last_weights_it_had_not_run_away_on(chunk):
    net, tr = _runaway()
    snap = None
    for _ in range(2000 // chunk):
        snap = tr.run_steps(chunk)
        if snap.diverged:
            break
    assert snap.diverged and "before the loss ran away" in str(snap.message)
    assert np.all(np.isfinite(net.params))
    kept = int(str(snap.message).split("the weights of step ")[1].split(",")[0])
    assert 0 < kept < 200
    # chunk 1: the weights a call starts from ran away already; the step before them is kept
    # (that step's frame was handed out, so the counter stays)
    assert kept == (tr.step - 1 if chunk == 1 else tr.step)
    _kept_is_good(net, tr, kept)


def test_the_runaway_rule_is_a_thousand_times_the_first_loss():
    net, tr = _runaway(lr=1.0)
    snap = tr.run_steps(2000)
    assert snap.diverged
    # the loss that stopped it: the first above 1000 x the start, the ones before it below
    assert np.all(snap.losses <= RUNAWAY * max(tr.start_loss, 1.0))
    assert "over 1000 times its start" in str(snap.message)
    _, calm = _runaway(lr=0.01)
    assert not calm.run_steps(2000).diverged


@pytest.mark.parametrize("opt", ["sgd", "adam"])
def test_undecayed_updates_with_clipping_equal_the_reference(opt):
    """The update loop without decay (l2 0, biases training: no mask to read) with its
    gradients scaled down by clipping, on the BLAS path, against the NumPy reference."""
    X, T = _data(n=61, d=40, k=3)
    net = Network.build([40, 70, 3], ["relu", "softmax"], "cross_entropy", seed=2)
    ref = reference.ReferenceTrainer(net.weights, net.bias, net.activations, net.loss,
                                     optimizer=opt, lr=0.05, clip=0.05)
    tr = Trainer(net, X, T, OptimizerConfig(opt, lr=0.05, clip=0.05), batch=8, seed=3)
    rng = np.random.default_rng(3)
    for _ in range(3):
        np.testing.assert_allclose(tr.run_epochs(1).losses,
                                   ref.epoch(X, T, rng.permutation(len(X)), 8), rtol=1e-10)
    for k in range(net.n_layers):
        np.testing.assert_allclose(net.weights[k], ref.W[k], rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(net.bias[k], ref.b[k], rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("opt", ["momentum", "adam"])
@pytest.mark.parametrize("l2", [0.0, 0.01])           # Adam's fast loop and the general one
def test_optimiser_moments_of_a_parameter_without_gradient_never_turn_subnormal(opt, l2):
    """A dead relu unit's moments shrink by b1 a step; subnormal ones made training 2.7 times
    slower. Below the smallest normal float they are stored as 0; nothing else changes."""
    from backpropviz.engine import optim
    tiny = np.finfo(np.float64).tiny
    cfg = OptimizerConfig(opt, lr=0.01, l2=l2)
    params = np.array([0.5, -0.3, 0.2])
    grads = np.array([0.1, 0.0, 0.0])                 # the last two have no gradient
    m = np.array([0.0, 3e-308, -3e-308])              # just above the smallest normal float
    v = np.array([0.0, 3e-308, 0.01])
    mask = np.array([1.0, 0.0, 0.0])                  # two biases: no decay gives them one
    expect_p, expect_m, expect_v = params.copy(), m.copy(), v.copy()
    b1 = cfg.momentum if opt == "momentum" else cfg.beta1
    for t in range(1, 13):
        optim.update(cfg.code, cfg.as_array(), params, grads.copy(), mask, m, v, t)
        g = grads + l2 * mask * expect_p
        expect_m = b1 * expect_m + ((1 - b1) * g if opt == "adam" else g)
        expect_m[np.abs(expect_m) < tiny] = 0.0
        if opt == "adam":
            expect_v = cfg.beta2 * expect_v + (1 - cfg.beta2) * g * g
            expect_v[expect_v < tiny] = 0.0
            expect_p -= cfg.lr * (expect_m / (1 - cfg.beta1 ** t)) / (
                np.sqrt(expect_v / (1 - cfg.beta2 ** t)) + cfg.eps)
        else:
            expect_p -= cfg.lr * expect_m
        moments = np.concatenate([m, v])
        assert not np.any((moments != 0) & (np.abs(moments) < tiny)), f"subnormal at step {t}"
    assert m[1] == 0.0 and m[2] == 0.0                # 3e-308 * 0.9^12 is far below tiny
    np.testing.assert_allclose(m, expect_m, rtol=1e-12, atol=0)
    np.testing.assert_allclose(params, expect_p, rtol=1e-12, atol=0)
