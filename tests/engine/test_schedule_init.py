"""Learning-rate schedules (per epoch, as PyTorch's) and the normal:SIGMA and zeros inits."""
import math

import numpy as np
import pytest

from backpropviz import choices
from backpropviz.engine import EngineError, Network, reference
from backpropviz.engine.network import parse_init
from backpropviz.engine.optim import OptimizerConfig
from backpropviz.engine.schedule import LRSchedule
from backpropviz.engine.train import Trainer


def test_schedules_follow_their_formulas():
    base = 0.4
    assert [LRSchedule.parse("constant").lr(base, e) for e in range(3)] == [base] * 3
    step = LRSchedule.parse("step:3:0.5")
    assert [step.lr(base, e) for e in range(7)] == [0.4, 0.4, 0.4, 0.2, 0.2, 0.2, 0.1]
    exp = LRSchedule.parse("exp:0.9")
    assert exp.lr(base, 2) == pytest.approx(base * 0.81, rel=1e-15)
    cos = LRSchedule.parse("cosine:4")
    assert [cos.lr(base, e) for e in (0, 2, 4, 6, 8)] == pytest.approx([0.4, 0.2, 0.0, 0.2, 0.4],
                                                                       abs=1e-15)
    assert str(step) == "step:3:0.5" and LRSchedule.parse(str(cos)) == cos


@pytest.mark.parametrize("text", ["", "step", "step:0:0.5", "step:2", "exp:-1", "exp:x",
                                  "cosine:0", "cosine:1.5", "linear:3", "constant:1"])
def test_bad_schedules_are_refused_with_the_syntax(text):
    with pytest.raises(EngineError, match="learning-rate schedule") as e:
        LRSchedule.parse(text)
    assert "\n" not in str(e.value)


@pytest.mark.parametrize("text,torch_name", [
    ("step:3:0.5", "StepLR"), ("exp:0.8", "ExponentialLR"), ("cosine:5", "CosineAnnealingLR")])
def test_schedules_match_pytorch(text, torch_name):
    torch = pytest.importorskip("torch", reason="PyTorch is not installed (make bench installs it)")
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=0.3)
    sched = LRSchedule.parse(text)
    args = {"StepLR": dict(step_size=3, gamma=0.5), "ExponentialLR": dict(gamma=0.8),
            "CosineAnnealingLR": dict(T_max=5, eta_min=0.0)}[torch_name]
    ts = getattr(torch.optim.lr_scheduler, torch_name)(opt, **args)
    for epoch in range(14):
        assert sched.lr(0.3, epoch) == pytest.approx(opt.param_groups[0]["lr"], rel=1e-12, abs=1e-15)
        opt.step()
        ts.step()


def test_trainer_uses_each_epochs_rate():
    rng = np.random.default_rng(0)
    net = Network.build([2, 3, 1], ["tanh", "linear"], "mse", seed=0)
    X, T = rng.normal(size=(12, 2)), rng.normal(size=(12, 1))
    sched = LRSchedule.parse("step:1:0.5")
    tr = Trainer(net, X, T, OptimizerConfig("sgd", lr=0.2), batch=4, seed=1, schedule=sched)
    ref = reference.ReferenceTrainer(net.weights, net.bias, net.activations, "mse", "sgd", lr=0.2)
    for epoch in range(3):
        assert tr.lr == pytest.approx(0.2 * 0.5 ** epoch)
        ref.lr = 0.2 * 0.5 ** epoch
        order = tr._order.copy()
        snap = tr.run_epochs(1)
        np.testing.assert_allclose(snap.losses, ref.epoch(X, T, order, 4), rtol=1e-12)
        assert snap.lr == pytest.approx(0.2 * 0.5 ** (epoch + 1))
    for k in range(2):
        np.testing.assert_allclose(net.weights[k], ref.W[k], rtol=1e-12)


def test_normal_init_draws_weights_with_that_deviation_and_zero_biases():
    net = Network.build([200, 300, 1], ["tanh", "linear"], "mse", init="normal:0.01", seed=3)
    assert np.std(net.weights[0]) == pytest.approx(0.01, rel=0.02)
    assert abs(np.mean(net.weights[0])) < 0.001
    assert not net.bias[0].any()
    big = Network.build([200, 300, 1], ["tanh", "linear"], "mse", init="normal:1", seed=3)
    assert np.std(big.weights[0]) == pytest.approx(1.0, rel=0.02)


def test_zeros_init_leaves_hidden_units_identical_after_training():
    """The symmetric start never breaks: every hidden unit keeps the same weights."""
    rng = np.random.default_rng(1)
    net = Network.build([2, 4, 1], ["tanh", "linear"], "mse", init="zeros")
    assert not net.params.any()
    X, T = rng.normal(size=(16, 2)), rng.normal(size=(16, 1))
    Trainer(net, X, T, OptimizerConfig("sgd", lr=0.1), batch=4).run_epochs(5)
    W = net.weights[0]
    assert np.allclose(W, W[0]) and np.allclose(net.weights[1], net.weights[1][0, 0])


def test_bn_starts_at_unit_scale_whatever_the_init():
    net = Network.build([2, 3, 1], ["tanh", "linear"], "mse", init="zeros", batch_norm=True)
    assert np.array_equal(net.gamma[0], np.ones(3)) and not net.beta[0].any()
    assert np.array_equal(net.running_var[0], np.ones(3)) and not net.running_mean[0].any()


@pytest.mark.parametrize("text", ["normal", "normal:", "normal:0", "normal:-1", "normal:x",
                                  "zeros:1", "gauss", "he:2"])
def test_bad_inits_are_refused(text):
    with pytest.raises(EngineError, match="initialisation"):
        parse_init(text)


def test_every_offered_init_builds():
    for init in choices.INITS:
        assert parse_init(init)[0] in choices.INIT_KINDS
        Network.build([2, 2, 1], "tanh", "mse", init=init)


def test_every_step_records_the_rate_it_was_taken_with():
    from backpropviz.engine.session import TrainingSession
    from backpropviz.engine.threads import ThreadPolicy
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20, 2))
    T = (X[:, :1] > 0).astype(float)
    sched = LRSchedule.parse("step:2:0.5")

    def trainer():
        net = Network.build([2, 3, 1], ["tanh", "sigmoid"], "bce", seed=0)
        return Trainer(net, X, T, OptimizerConfig("sgd", lr=0.4), batch=8, seed=0,
                       schedule=sched)
    snap = trainer().run_steps(17)                     # 3 steps an epoch: epochs 0..5
    want = [0.4 * 0.5 ** ((s // 3) // 2) for s in range(17)]
    assert snap.rates.tolist() == want
    snap = ThreadPolicy().run_steps(trainer(), 17)     # the command line's way
    assert snap.rates.tolist() == want and snap.lr == want[-1]       # 2 steps into epoch 5
    s = TrainingSession(trainer().net, X, T, X, T, OptimizerConfig("sgd", lr=0.4), batch=8,
                        schedule=sched)
    s.start(steps=17)
    s.wait()
    assert s.history.step_view().lr.tolist() == want
