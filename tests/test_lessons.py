"""The ready-made lessons: each opens, trains, and does what its note tells the student to see."""
from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pytest

from backpropviz.engine import OptimizerConfig
from backpropviz.engine.schedule import LRSchedule
from backpropviz.engine.train import Trainer
from backpropviz.data import DatasetError
from backpropviz.lessons import CLASSIC_FOLDERS, LESSONS, Lesson, get

KEYS = ["worked-example", "xor", "vanishing-sigmoid", "vanishing-relu", "learning-rate", "digits",
        "optimizer-race", "classic",
        "deep-plain", "deep-residual", "deep-batchnorm", "lr-constant", "lr-step",
        "init-zeros", "init-normal", "init-xavier"]
CLASSIC_DATA = any(Path(f, "train-images-idx3-ubyte.gz").exists() for f in CLASSIC_FOLDERS)


def trainer(lesson: Lesson, ds, net, lr: float | None = None) -> Trainer:
    """The Train panel's run: the lesson's optimiser, lr and batch, seeded as the window seeds
    it (with the architecture's seed)."""
    return Trainer(net, ds.X_train, ds.target_matrix("train", net.sizes[-1]),
                   OptimizerConfig(lesson.optimizer, lesson.lr if lr is None else lr,
                                   train_biases=lesson.train_biases),
                   batch=lesson.batch, seed=lesson.architecture.seed,
                   schedule=LRSchedule.parse(lesson.schedule))


def test_the_lessons_are_the_ones_the_menu_lists():
    assert [lesson.key for lesson in LESSONS] == KEYS
    assert len({lesson.title for lesson in LESSONS}) == len(LESSONS)


@pytest.mark.parametrize("key", KEYS)
def test_each_lesson_loads_builds_and_trains(key):
    if key == "classic" and not CLASSIC_DATA:
        pytest.skip("MNIST or Fashion-MNIST is not installed (apt-get install "
                    "dataset-fashion-mnist)")
    lesson = get(key)
    assert lesson.note and "\n" not in lesson.note          # one paragraph
    assert "<" not in lesson.note and "&" not in lesson.note  # shown as rich text
    ds = lesson.dataset()
    net = lesson.network(ds)
    assert net.sizes[0] == ds.n_features
    T = ds.target_matrix("train", net.sizes[-1])          # raises if the outputs do not fit
    net.evaluate(ds.X_train, T)
    snap = trainer(lesson, ds, net).run_steps(3)
    assert snap.step == 3 and np.isfinite(snap.losses[0])
    assert 0 < lesson.step_lr and 0 < lesson.lr and lesson.batch >= 1


def test_get_hands_out_a_copy_the_window_may_edit():
    lesson = get("xor")
    lesson.architecture.hidden.append(4)
    lesson.architecture.seed = 9
    assert get("xor").architecture.hidden == [] and get("xor").architecture.seed == 0
    with pytest.raises(KeyError, match="worked-example"):
        get("no-such-lesson")


# --- what each note claims ------------------------------------------------------------------------
def test_worked_example_traces_mazurs_published_numbers():
    lesson = get("worked-example")
    ds = lesson.dataset()
    assert ds.mean is None and ds.n_train == 1 and ds.n_test == 0        # raw, one sample
    net = lesson.network(ds)
    assert net.sizes == [2, 2, 2] and net.loss == "half_sse" and lesson.step_lr == 0.5
    t = net.trace(ds.X_train[0], ds.target_matrix("train", 2)[0], lr=lesson.step_lr)
    # mattmazur.com, "A Step by Step Backpropagation Example"
    assert t["layers"][0]["z"][0] == pytest.approx(0.3775)
    np.testing.assert_allclose(t["layers"][0]["a"], [0.593269992, 0.596884378], atol=1e-9)
    np.testing.assert_allclose(t["layers"][1]["a"], [0.75136507, 0.772928465], atol=1e-8)
    assert t["loss"] == pytest.approx(0.298371109, abs=1e-9)
    up = t["updated"]["layers"]
    np.testing.assert_allclose(up[1]["weights"], [[0.35891648, 0.408666186],
                                                  [0.511301270, 0.561370121]], atol=1e-8)
    np.testing.assert_allclose(up[0]["weights"], [[0.149780716, 0.19956143],
                                                  [0.24975114, 0.29950229]], atol=1e-8)


def test_worked_example_second_pass_gives_mazurs_error_with_the_biases_fixed():
    """Mazur keeps b1 and b2 fixed; his second forward pass prints 0.291027924, a known typo for
    the 0.291027774 that float64 (and a pencil) gives. With the biases trained it would differ."""
    from backpropviz.engine.stepper import Stepper
    lesson = get("worked-example")
    assert lesson.train_biases is False and "0.291027774" in lesson.note
    ds = lesson.dataset()
    net = lesson.network(ds)
    st = Stepper(net, ds.X_train[0], ds.target_matrix("train", 2)[0], lr=lesson.step_lr,
                 train_biases=lesson.train_biases)
    st.run_to("full")
    np.testing.assert_array_equal(np.concatenate(net.bias), [0.35, 0.35, 0.60, 0.60])
    st.next()                                            # the second pass
    st.run_to("forward")
    assert round(st.loss, 9) == 0.291027774
    trained = lesson.network(ds)
    st = Stepper(trained, ds.X_train[0], ds.target_matrix("train", 2)[0], lr=lesson.step_lr)
    st.run_to("full")
    st.next()
    st.run_to("forward")
    assert abs(st.loss - 0.291027774) > 1e-3


def test_worked_example_training_drives_the_one_sample_loss_towards_zero():
    lesson = get("worked-example")
    ds = lesson.dataset()
    net = lesson.network(ds)
    snap = trainer(lesson, ds, net).run_steps(2000)
    assert snap.losses[0] == pytest.approx(0.298371, abs=1e-6)
    assert snap.losses[-1] < 0.01


def test_xor_without_a_hidden_layer_stalls_at_ln2_and_with_4_tanh_reaches_full_accuracy():
    lesson = get("xor")
    ds = lesson.dataset()
    T = ds.target_matrix("train", 1)
    flat = lesson.network(ds)
    assert flat.sizes == [2, 1]
    trainer(lesson, ds, flat).run_epochs(100)
    loss, accuracy = flat.evaluate(ds.X_train, T)
    assert abs(loss - math.log(2)) < 0.02 and 0.35 < accuracy < 0.65
    # what the note asks: a hidden layer of 4 tanh neurons in the Network panel, train again
    arch = dataclasses.replace(lesson.architecture, hidden=[4], activations=["tanh"])
    net = arch.build(ds)
    tr = trainer(lesson, ds, net)
    for _ in range(60):
        tr.run_epochs(1)
        if net.evaluate(ds.X_train, T)[1] == 1.0:
            break
    assert net.evaluate(ds.X_train, T)[1] == 1.0 and tr.step <= 600     # a few hundred steps


def first_steps(key: str, n: int = 200):
    lesson = get(key)
    ds = lesson.dataset()
    return trainer(lesson, ds, lesson.network(ds)).run_steps(n)


def test_sigmoid_stack_gradients_vanish_and_relu_stack_gradients_do_not():
    sig, relu = first_steps("vanishing-sigmoid"), first_steps("vanishing-relu")
    assert sig.grad_norms.shape == relu.grad_norms.shape == (200, 9)

    def ratio(snap):   # output layer's gradient over layer 1's, averaged over the steps
        return snap.grad_norms[:, -1].mean() / snap.grad_norms[:, 0].mean()

    assert ratio(sig) >= 1e4                 # "tens of thousands of times smaller"
    assert ratio(relu) < 10
    assert sig.losses[-20:].mean() > 0.65    # hardly moves from 0.69
    assert relu.losses[-20:].mean() < 0.3    # learns the circle in a few hundred steps


def test_too_large_a_learning_rate_overflows_within_a_few_hundred_steps_and_0_1_fits():
    lesson = get("learning-rate")
    ds = lesson.dataset()
    snap = trainer(lesson, ds, lesson.network(ds)).run_steps(2000)
    assert snap.diverged and "diverged" in str(snap.message) and "1000 times" in str(snap.message)
    assert 0 < snap.step < 10 and snap.step == len(snap.losses)      # within ten steps
    net = lesson.network(ds)                                         # R: fresh weights
    good = trainer(lesson, ds, net, lr=0.1).run_steps(500)
    assert not good.diverged
    assert net.evaluate(ds.X_train, ds.target_matrix("train", 1))[0] < 0.03


def test_digits_recognises_over_90_percent_of_the_test_images_after_one_epoch():
    lesson = get("digits")
    ds = lesson.dataset()
    net = lesson.network(ds)
    assert net.sizes == [64, 32, 10] and ds.n_train == 1438 and ds.n_test == 359
    tr = trainer(lesson, ds, net)
    tr.run_epochs(1)
    assert net.evaluate(ds.X_test, ds.target_matrix("test", 10))[1] >= 0.9
    tr.run_epochs(4)
    assert net.evaluate(ds.X_test, ds.target_matrix("test", 10))[1] >= 0.95


def test_the_classic_says_how_to_get_its_data_when_it_is_missing(monkeypatch, tmp_path):
    import backpropviz.lessons as lessons
    monkeypatch.setattr(lessons, "CLASSIC_FOLDERS", (str(tmp_path / "none"),))
    with pytest.raises(DatasetError, match="apt-get install dataset-fashion-mnist"):
        get("classic").dataset()


@pytest.mark.skipif(not CLASSIC_DATA, reason="MNIST or Fashion-MNIST is not installed "
                    "(apt-get install dataset-fashion-mnist)")
def test_the_classic_is_784_128_10_on_the_given_split():
    lesson = get("classic")
    ds = lesson.dataset()
    net = lesson.network(ds)
    assert net.sizes == [784, 128, 10] and (ds.n_train, ds.n_test) == (60_000, 10_000)
    assert ds.image_shape == (28, 28)
    assert (lesson.optimizer, lesson.lr, lesson.batch) == ("adam", 0.001, 32)


def grad_ratio(snap):
    """The output layer's gradient over layer 1's, averaged over the steps."""
    return snap.grad_norms[:, -1].mean() / snap.grad_norms[:, 0].mean()


def test_deep_sigmoid_plain_vanishes_and_residual_and_batch_norm_learn():
    plain, res, bn = (first_steps(k, 600) for k in ("deep-plain", "deep-residual", "deep-batchnorm"))
    assert plain.grad_norms.shape == (600, 21)
    assert get("deep-residual").network(get("deep-residual").dataset()).residual.count(True) == 19
    assert grad_ratio(plain) > 1e10                   # "more than ten billion times smaller"
    assert plain.losses[-20:].mean() > 0.65            # "stays at 0.69"
    assert grad_ratio(res) < 100                       # "within a hundred times"
    assert res.losses[-20:].mean() < 0.1
    assert 0.1 < grad_ratio(bn) < 10                   # "about as large"
    assert bn.losses[-20:].mean() < 0.35


def epoch_losses(key: str, epochs: int = 40) -> list[float]:
    lesson = get(key)
    ds = lesson.dataset()
    tr = trainer(lesson, ds, lesson.network(ds))
    return [tr.run_epochs(1).train_loss for _ in range(epochs)]


def test_a_constant_large_rate_keeps_bouncing_and_step_decay_settles_lower():
    constant, step = epoch_losses("lr-constant"), epoch_losses("lr-step")
    assert constant[:10] == pytest.approx(step[:10], rel=1e-12)     # the same start
    assert np.std(constant[-10:]) > 0.01 and np.mean(constant[-10:]) > 0.05   # keeps jumping
    assert np.std(step[-10:]) < 0.001 and np.mean(step[-10:]) < 0.035        # settles near 0.03
    assert LRSchedule.parse(get("lr-step").schedule).lr(0.5, 20) == pytest.approx(0.045)


def test_zeros_init_keeps_hidden_units_identical_and_learns_nothing():
    lesson = get("init-zeros")
    ds = lesson.dataset()
    net = lesson.network(ds)
    snap = trainer(lesson, ds, net).run_steps(600)
    for outputs in net.layer_outputs(ds.X_train)[:-1]:
        assert np.all(outputs == outputs[:, :1])          # every neuron of a layer the same
    assert snap.losses[-20:].mean() == pytest.approx(math.log(2), abs=0.01)


def test_normal_1_init_saturates_and_fails_where_xavier_learns():
    def run(key):
        lesson = get(key)
        ds = lesson.dataset()
        net = lesson.network(ds)
        saturated = np.mean([np.mean(np.abs(a) > 0.99) for a in net.layer_outputs(ds.X_train)[:-1]])
        snap = trainer(lesson, ds, net).run_steps(600)
        return saturated, snap, net.evaluate(ds.X_train, ds.target_matrix("train", 1))[1]
    sat_n, normal, acc_n = run("init-normal")
    sat_x, xavier, acc_x = run("init-xavier")
    assert sat_n > 0.4 and sat_x < 0.05                  # "about half start saturated"
    assert normal.losses[:5].mean() > 1.6 * math.log(2)  # "about twice ln 2"
    assert acc_n < 0.6                                   # "no better than a coin toss"
    assert xavier.losses[-20:].mean() < 0.1 and acc_x > 0.9
