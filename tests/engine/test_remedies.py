"""Residual connections and batch normalization: backprop against central finite differences and
the plain-NumPy reference, over random shapes, with and without each remedy; training against
the reference trainer; the running statistics; evaluation mode."""
import itertools

import numpy as np
import pytest

from backpropviz.engine import EngineError, Network, kernels, reference
from backpropviz.engine.gradcheck import gradcheck
from backpropviz.engine.optim import OptimizerConfig
from backpropviz.engine.train import Trainer

HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"]
HEADS = [("mse", "linear"), ("half_sse", "sigmoid"), ("bce", "sigmoid"),
         ("cross_entropy", "softmax")]
REMEDIES = [(False, False), (True, False), (False, True), (True, True)]


def ref_bn(net):
    """The network's batch normalisation as the reference takes it (copies)."""
    return [None if not net.batch_norm[k] else
            dict(gamma=net.gamma[k].copy(), beta=net.beta[k].copy(),
                 running_mean=net.running_mean[k].copy(), running_var=net.running_var[k].copy(),
                 eps=float(net.bn_eps[k]), momentum=float(net.bn_momentum[k]))
            for k in range(net.n_layers)]


def draw(seed, hidden, loss, out_act, residual, batch_norm, rows=None):
    """A random network (hidden widths often equal, so skips fit) and a batch."""
    rng = np.random.default_rng(seed)
    n_hidden = int(rng.integers(1, 4))
    width = int(rng.integers(2, 5))
    sizes = [width if rng.random() < 0.5 else int(rng.integers(1, 5))]
    sizes += [width if rng.random() < 0.7 else int(rng.integers(2, 5)) for _ in range(n_hidden)]
    if residual and not any(sizes[k] == sizes[k + 1] for k in range(n_hidden)):
        sizes[0] = sizes[1]      # at least one layer with a skip
    n_out = int(rng.integers(2, 4)) if out_act == "softmax" else int(rng.integers(1, 4))
    sizes.append(n_out)
    net = Network.build(sizes, [hidden] * n_hidden + [out_act], loss, seed=seed,
                        residual=residual, batch_norm=batch_norm)
    net.params[...] = rng.normal(scale=0.8, size=net.params.size)
    net.bn_stats[...] = rng.uniform(0.5, 1.5, size=net.bn_stats.size)   # positive variances
    B = int(rng.integers(2, 6)) if rows is None else rows
    X = rng.normal(size=(B, sizes[0]))
    if loss == "cross_entropy":
        T = np.eye(n_out)[rng.integers(0, n_out, B)]
    elif loss == "bce":
        T = rng.uniform(0, 1, size=(B, n_out))
    else:
        T = rng.normal(size=(B, n_out))
    return net, X, T


def kink_free(seed, *args, **kw):
    for attempt in range(200):
        net, X, T = draw(seed * 1000 + attempt, *args, **kw)
        training = kw.get("rows") != 1
        r = reference.backprop_forward(net.weights, net.bias, net.activations, X, net.residual,
                                       ref_bn(net), training)
        if all(np.abs(y).min() > 2e-2 for y, f in zip(r["y"], net.activations) if "relu" in f):
            return net, X, T
    raise AssertionError("no kink-free case")


CASES = list(itertools.product(HIDDEN, HEADS, REMEDIES))


@pytest.mark.parametrize("hidden,head,remedy", CASES)
def test_backprop_with_remedies_matches_finite_differences(hidden, head, remedy):
    loss, out_act = head
    residual, batch_norm = remedy
    for seed in range(4):
        net, X, T = kink_free(CASES.index((hidden, head, remedy)) * 10 + seed, hidden, loss,
                              out_act, residual, batch_norm)
        assert any(net.residual) == residual and any(net.batch_norm) == batch_norm
        before, stats = net.params.copy(), net.bn_stats.copy()
        res = gradcheck(net, X, T)
        assert res.worst_relative < 1e-5, (net, remedy, res.worst_relative, res.worst_index)
        assert np.array_equal(net.params, before) and np.array_equal(net.bn_stats, stats)


@pytest.mark.parametrize("hidden", HIDDEN)
def test_evaluation_mode_gradients_match_finite_differences(hidden):
    """One sample through batch normalisation: the running statistics, no batch coupling."""
    for seed in range(4):
        net, X, T = kink_free(seed, hidden, "mse", "linear", True, True, rows=1)
        res = gradcheck(net, X, T)          # one row: evaluation mode
        assert res.worst_relative < 1e-5


@pytest.mark.parametrize("hidden,head,remedy", CASES)
def test_kernels_with_remedies_match_numpy_reference(hidden, head, remedy):
    loss, out_act = head
    for training, rows in ((True, None), (False, None), (False, 1)):
        net, X, T = draw(CASES.index((hidden, head, remedy)), hidden, loss, out_act, *remedy,
                         rows=rows)
        value, grads = net.gradients(X, T, training=training)
        r = reference.backprop(net.weights, net.bias, net.activations, loss, X, T,
                               net.residual, ref_bn(net), training)
        assert value == pytest.approx(r["loss"], rel=1e-12, abs=1e-14)
        gw, gb = net.split(grads)
        gg, gbeta = net.split_bn(grads)
        close = dict(rtol=1e-10, atol=1e-12)
        for k in range(net.n_layers):
            np.testing.assert_allclose(gw[k], r["grad_weights"][k], **close)
            np.testing.assert_allclose(gb[k], r["grad_bias"][k], **close)
            if net.batch_norm[k]:
                np.testing.assert_allclose(gg[k], r["grad_gamma"][k], **close)
                np.testing.assert_allclose(gbeta[k], r["grad_beta"][k], **close)
        tr = net.trace(X, T, training=training)
        assert tr["mode"] == ("training" if training else "evaluation")
        for k, layer in enumerate(tr["layers"]):
            np.testing.assert_allclose(layer["z"], r["z"][k], **close)
            np.testing.assert_allclose(layer["a"], r["a"][k], **close)
            np.testing.assert_allclose(layer["delta"], r["delta"][k], **close)
            if net.batch_norm[k]:
                np.testing.assert_allclose(layer["bn_mean"], r["mean"][k], **close)
                np.testing.assert_allclose(layer["bn_var"], r["var"][k], **close)
                np.testing.assert_allclose(layer["bn_xhat"], r["xhat"][k], **close)
                np.testing.assert_allclose(layer["bn_out"], r["y"][k], **close)
                np.testing.assert_allclose(layer["grad_gamma"], r["grad_gamma"][k], **close)
                np.testing.assert_allclose(layer["grad_beta"], r["grad_beta"][k], **close)
            if "grad_a" in layer:
                np.testing.assert_allclose(layer["grad_a"], r["grad_a"][k], **close)
            if net.residual[k]:
                np.testing.assert_allclose(layer["f"], r["f"][k], **close)
                np.testing.assert_allclose(layer["a"], layer["f"] + layer["skip"], **close)


def test_batch_normalised_outputs_have_zero_mean_and_unit_variance_before_gamma_beta():
    net, X, T = draw(5, "tanh", "mse", "linear", False, True, rows=16)
    tr = net.trace(X, T)
    for k in net.bn_layers:
        xhat = tr["layers"][k]["bn_xhat"]
        np.testing.assert_allclose(xhat.mean(axis=0), 0.0, atol=1e-12)
        var = tr["layers"][k]["bn_var"]
        np.testing.assert_allclose(xhat.var(axis=0), var / (var + 1e-5), rtol=1e-10)


def test_a_skip_is_only_taken_where_widths_agree_and_never_on_the_output():
    net = Network.build([2, 3, 3, 4, 4, 1], "tanh", "mse", residual=True, batch_norm=True)
    assert net.residual == [False, True, False, True, False]
    assert net.batch_norm == [True, True, True, True, False]
    with pytest.raises(EngineError, match="layer 1: no residual connection.*2 inputs to its 3"):
        Network.build([2, 3, 1], "tanh", "mse", residual=[True, False])
    with pytest.raises(EngineError, match="output layer"):
        Network.build([2, 2], "tanh", "mse", batch_norm=[True])


def test_batch_of_one_in_training_mode_says_why_instead_of_dividing_by_zero():
    net, X, T = draw(1, "tanh", "mse", "linear", False, True, rows=1)
    with pytest.raises(EngineError, match="batch of one sample"):
        net.gradients(X, T, training=True)
    with pytest.raises(EngineError, match="batch of one sample"):
        Trainer(net, np.zeros((10, net.sizes[0])), np.zeros((10, net.sizes[-1])), batch=1)
    with pytest.raises(EngineError, match="leave one over"):
        Trainer(net, np.zeros((10, net.sizes[0])), np.zeros((10, net.sizes[-1])), batch=3)
    tr = net.trace(X[0], T[0])
    assert tr["mode"] == "evaluation" and "running statistics" in tr["note"]


def test_evaluation_uses_the_running_statistics():
    net, X, T = draw(2, "sigmoid", "mse", "linear", True, True, rows=7)
    r = reference.backprop_forward(net.weights, net.bias, net.activations, X, net.residual,
                                   ref_bn(net), training=False)
    np.testing.assert_allclose(net.forward(X), r["a"][-1], rtol=1e-12)
    for got, want in zip(net.layer_outputs(X), r["a"]):
        np.testing.assert_allclose(got, want, rtol=1e-12)
    batch = reference.backprop_forward(net.weights, net.bias, net.activations, X,
                                       net.residual, ref_bn(net), training=True)
    assert not np.allclose(batch["a"][-1], r["a"][-1])     # the modes differ, so this can fail


@pytest.mark.parametrize("optimizer,train_biases", [("sgd", True), ("momentum", True),
                                                    ("adam", True), ("sgd", False),
                                                    ("adam", False)])
@pytest.mark.parametrize("remedy", REMEDIES)
def test_training_with_remedies_matches_reference_trainer(optimizer, train_biases, remedy):
    rng = np.random.default_rng(4)
    net = Network.build([3, 5, 5, 5, 2], ["tanh", "relu", "sigmoid", "linear"], "mse", seed=4,
                        residual=remedy[0], batch_norm=remedy[1])
    X, T = rng.normal(size=(23, 3)), rng.normal(size=(23, 2))
    for k in net.bn_layers:                  # not the initial 1 and 0, so a wrong step would show
        net.gamma[k][...] = rng.uniform(0.5, 1.5, net.sizes[k + 1])
        net.beta[k][...] = rng.normal(size=net.sizes[k + 1])
    # with train_biases off, the biases and batch normalization's gamma and beta keep their
    # values (the Train biases switch: only the weights W learn), in the kernels as in the
    # reference
    frozen = [b.copy() for b in net.bias] + [net.gamma[k].copy() for k in net.bn_layers] + \
        [net.beta[k].copy() for k in net.bn_layers]
    cfg = OptimizerConfig(optimizer, lr=0.05, l2=0.01, clip=2.0, train_biases=train_biases)
    ref = reference.ReferenceTrainer(net.weights, net.bias, net.activations, "mse", optimizer,
                                     lr=0.05, l2=0.01, clip=2.0, residual=net.residual,
                                     bn=ref_bn(net), train_biases=train_biases)
    tr = Trainer(net, X, T, cfg, batch=5, seed=9)
    for _ in range(3):
        order = tr._order.copy()
        snap = tr.run_epochs(1)
        want = ref.epoch(X, T, order, 5)
        np.testing.assert_allclose(snap.losses, want, rtol=1e-10)
    for k in range(net.n_layers):
        np.testing.assert_allclose(net.weights[k], ref.W[k], rtol=1e-9, atol=1e-12)
        if net.batch_norm[k]:
            p = ref.bn[k]
            np.testing.assert_allclose(net.gamma[k], p["gamma"], rtol=1e-9, atol=1e-12)
            np.testing.assert_allclose(net.beta[k], p["beta"], rtol=1e-9, atol=1e-12)
            # The bias before a normalisation cancels: its gradient is 0 up to rounding
            # (~1e-17), which Adam scales to steps of ~lr 1e-17 / eps = 1e-10 that differ
            # between implementations; the running mean sees them, the loss does not.
            np.testing.assert_allclose(net.running_mean[k], p["running_mean"], rtol=1e-10,
                                       atol=1e-8 if optimizer == "adam" else 1e-13)
            np.testing.assert_allclose(net.running_var[k], p["running_var"], rtol=1e-10)
            assert not np.allclose(net.running_var[k], 1.0)
    now = [b for b in net.bias] + [net.gamma[k] for k in net.bn_layers] + \
        [net.beta[k] for k in net.bn_layers]
    moved = [not np.array_equal(a, b) for a, b in zip(frozen, now)]
    if not train_biases:
        assert not any(moved)
    else:       # (a bias right before a normalisation has a gradient of 0 up to rounding)
        assert moved[net.n_layers - 1] and all(moved[net.n_layers:])


def test_plain_networks_take_the_plain_kernels(monkeypatch):
    def refuse(*args):
        raise AssertionError("a plain network ran an extended kernel")
    for name in ("train_steps_ex", "forward_ex", "backward_ex", "evaluate_ex"):
        monkeypatch.setattr(kernels, name, refuse)
    net = Network.build([2, 4, 4, 1], "tanh", "mse", seed=0)
    assert net.plain
    X = np.random.default_rng(0).normal(size=(20, 2))
    Trainer(net, X, X[:, :1], batch=4).run_epochs(1)
    net.gradients(X, X[:, :1])
    net.evaluate(X, X[:, :1])
def test_a_trace_of_a_minibatch_moves_the_running_statistics_of_the_updated_model():
    net, X, T = draw(3, "tanh", "mse", "linear", False, True, rows=4)
    tr = net.trace(X, T, lr=0.1)
    k = net.bn_layers[0]
    mean = tr["layers"][k]["bn_mean"]
    var = tr["layers"][k]["bn_var"]
    up = Network.from_dict(tr["updated"])
    np.testing.assert_allclose(up.running_mean[k], 0.9 * net.running_mean[k] + 0.1 * mean)
    np.testing.assert_allclose(up.running_var[k], 0.9 * net.running_var[k] + 0.1 * var * 4 / 3)


def test_model_file_version_2_round_trips_every_number(tmp_path):
    net, X, T = draw(6, "tanh", "mse", "linear", True, True, rows=4)
    net.bn_momentum[net.bn_layers[0]] = 0.25
    path = tmp_path / "m.json"
    net.save(path)
    back = Network.load(path)
    assert back.residual == net.residual and back.batch_norm == net.batch_norm
    assert np.array_equal(back.params, net.params) and np.array_equal(back.bn_stats, net.bn_stats)
    assert np.array_equal(back.bn_momentum, net.bn_momentum)
    assert back.to_dict()["version"] == 2
    np.testing.assert_array_equal(back.forward(X), net.forward(X))


def test_a_plain_model_is_still_written_as_version_1():
    net = Network.build([2, 2, 1], "tanh", "mse", seed=0)
    d = net.to_dict()
    assert d["version"] == 1 and "residual" not in d["layers"][0]


def _v2(**layer0):
    base = {"activation": "tanh", "weights": [[0.1, 0.2], [0.3, 0.4]], "bias": [0.0, 0.0]}
    base.update(layer0)
    return {"format": "backpropviz.model", "version": 2, "loss": "mse",
            "layers": [base, {"activation": "linear", "weights": [[1.0, 1.0]], "bias": [0.0]}]}


BN = {"gamma": [1.0, 1.0], "beta": [0.0, 0.0], "running_mean": [0.0, 0.0],
      "running_var": [1.0, 1.0], "momentum": 0.1, "eps": 1e-5}


@pytest.mark.parametrize("layer0,message", [
    ({"residual": "yes"}, "layer 1: 'residual' must be true or false"),
    ({"batch_norm": [1]}, "layer 1 batch_norm must be a JSON object"),
    ({"batch_norm": {**BN, "gamma": [1.0]}}, "layer 1 batch_norm gamma has 1 values for the layer's 2"),
    ({"batch_norm": {k: v for k, v in BN.items() if k != "eps"}}, "has no 'eps'"),
    ({"batch_norm": {**BN, "sigma": 1}}, "unknown key 'sigma'"),
    ({"batch_norm": {**BN, "running_var": [1.0, -1.0]}}, "running_var must not be negative"),
    ({"batch_norm": {**BN, "momentum": 2}}, "momentum must be a number between 0 and 1"),
    ({"batch_norm": {**BN, "eps": 0}}, "eps must be a number positive"),
    ({"batch_norm": {**BN, "beta": ["0", 0]}}, "where a number belongs"),
])
def test_bad_version_2_content_gets_one_clear_line(layer0, message):
    from backpropviz.engine import ModelFileError
    with pytest.raises(ModelFileError, match=message) as e:
        Network.from_dict(_v2(**layer0))
    assert "\n" not in str(e.value)


def test_version_2_keys_in_a_version_1_file_and_impossible_skips_are_refused():
    from backpropviz.engine import ModelFileError
    d = _v2(residual=True)
    d["version"] = 1
    with pytest.raises(ModelFileError, match="'residual' needs model version 2"):
        Network.from_dict(d)
    d = _v2()
    d["layers"][1]["residual"] = True
    with pytest.raises(ModelFileError, match="layer 2: the output layer takes no residual"):
        Network.from_dict(d)
    d = _v2()
    d["layers"][1]["batch_norm"] = {**BN, "gamma": [1.0], "beta": [0.0], "running_mean": [0.0],
                                    "running_var": [1.0]}
    with pytest.raises(ModelFileError, match="layer 2: the output layer takes no batch"):
        Network.from_dict(d)
    assert Network.from_dict(_v2(residual=True, batch_norm=BN)).residual == [True, False]


# --- a loss that runs away: main's divergence rule on the batch-norm and skip path ---------------
def _bn_runaway(lr=2.0, seed=0, schedule="constant"):
    from backpropviz.engine.schedule import LRSchedule
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(40, 2))
    T = 1.5 * X[:, :1] - 0.75 * X[:, 1:]
    net = Network.build([2, 4, 4, 1], ["tanh", "tanh", "linear"], "mse", seed=seed,
                        residual=[False, True, False], batch_norm=[True, True, False])
    tr = Trainer(net, X, T, OptimizerConfig("sgd", lr=lr), batch=4, seed=seed,
                 schedule=LRSchedule.parse(schedule))
    return net, tr


@pytest.mark.parametrize("chunk", [2000, 3, 1])
def test_a_runaway_with_batch_norm_keeps_the_last_good_weights_gamma_beta_and_statistics(chunk):
    from backpropviz.engine.train import RUNAWAY
    net, tr = _bn_runaway()
    snap = None
    for _ in range(2000 // chunk):
        snap = tr.run_steps(chunk)
        if snap.diverged:
            break
    assert snap.diverged and "before the loss ran away" in str(snap.message)
    assert np.all(np.isfinite(net.params)) and np.all(np.isfinite(net.bn_stats))
    kept = int(str(snap.message).split("the weights of step ")[1].split(",")[0])
    assert 0 < kept < 2000
    assert kept == (tr.step - 1 if chunk == 1 else tr.step)
    # the kept weights (gamma and beta among them) and running statistics are exactly those
    # of step ``kept`` of an undisturbed run, and the loss on them had not run away
    again_net, again = _bn_runaway()
    if kept:
        again.run_steps(kept)
    np.testing.assert_array_equal(net.params, again_net.params)
    np.testing.assert_array_equal(net.bn_stats, again_net.bn_stats)
    next_loss = again.run_steps(1).losses
    assert np.isfinite(next_loss[0]) and next_loss[0] <= RUNAWAY * max(tr.start_loss, 1.0)


def test_the_runaway_message_names_the_scheduled_rate():
    net, tr = _bn_runaway(lr=0.1, schedule="exp:2")    # a rate that grows: it runs away later
    snap = tr.run_steps(5000)
    assert snap.diverged and tr.epoch >= 1
    assert f"(now {tr.lr:g})" in str(snap.message) and tr.lr > 0.1
    assert snap.lr == tr.lr
