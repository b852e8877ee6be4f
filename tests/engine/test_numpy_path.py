"""The kernels' plain-NumPy twin (engine/numpy_path.py) gives the kernels' numbers, bit for bit:
the window shows its first view with it before Numba is loaded, then the kernels take over, and
no number on the screen may change when they do."""
import subprocess
import sys

import numpy as np
import pytest

from backpropviz.engine import Network, _jit
from backpropviz.engine.landscape import activation_curve

PAIRS = [("tanh", "sigmoid", "bce"), ("relu", "softmax", "cross_entropy"),
         ("sigmoid", "linear", "mse"), ("leaky_relu", "tanh", "half_sse"),
         ("linear", "softmax", "mse"), ("tanh", "relu", "half_sse"), ("softmax", "sigmoid", "mse")]
#: (hidden sizes, batch): the kernels' own loops (one sample: the stepper) and their BLAS calls
SHAPES = [([4, 4], 1), ([5], 7), ([40, 30], 50), ([4, 4], 300)]


@pytest.fixture
def deferred(monkeypatch):
    """Switch between the kernels and their twin as a window does (see _jit.defer)."""
    _jit.load()
    monkeypatch.setattr(_jit, "_deferred", False)
    monkeypatch.setattr(_jit, "_warm", False)

    def use(numpy: bool) -> None:
        _jit._deferred = numpy
        assert _jit.use_numpy() is numpy
    return use


def _everything(net, X, T):
    """Every number Network computes for the window."""
    loss, grads = net.gradients(X, T)
    trace = net.trace(X[0], T[0])
    layers = [trace[key] for key in ("loss", "output_grad")] + \
        [v for layer in trace["layers"] for v in layer.values()]
    updated = [np.asarray(w) for layer in trace["updated"]["layers"] for w in layer.values()
               if not isinstance(w, str)]
    return [net.forward(X), *net.evaluate(X, T), *net.layer_outputs(X), loss, grads,
            *layers, *updated]


def _case(hidden_act, out_act, loss, hidden, batch, seed=0):
    rng = np.random.default_rng(seed)
    n_out = 3 if out_act == "softmax" else 2
    sizes = [3, *hidden, n_out]
    net = Network.build(sizes, [hidden_act] * len(hidden) + [out_act], loss, seed=seed)
    net.params[...] = rng.normal(scale=1.5, size=net.params.size)
    X = rng.normal(scale=3.0, size=(batch, 3))
    if loss in ("cross_entropy", "bce") or out_act == "softmax":
        T = np.eye(n_out)[rng.integers(n_out, size=batch)]
    else:
        T = rng.normal(size=(batch, n_out))
    return net, X, T


@pytest.mark.parametrize("hidden_act,out_act,loss", PAIRS)
@pytest.mark.parametrize("hidden,batch", SHAPES)
def test_the_numpy_twin_gives_the_kernels_numbers_bit_for_bit(deferred, hidden_act, out_act,
                                                               loss, hidden, batch):
    net, X, T = _case(hidden_act, out_act, loss, hidden, batch)
    deferred(False)
    compiled = _everything(net, X, T)
    deferred(True)
    twin = _everything(net, X, T)
    assert len(compiled) == len(twin)
    for k, (a, b) in enumerate(zip(compiled, twin)):
        np.testing.assert_array_equal(np.asarray(b), np.asarray(a), err_msg=f"value {k}")


def test_saturated_and_extreme_inputs_agree_too(deferred):
    net, X, T = _case("tanh", "sigmoid", "bce", [4], 6)
    X[:3] *= 1e3                              # saturated units: exp of large arguments
    X[3] = 0.0
    deferred(False)
    compiled = _everything(net, X, T)
    deferred(True)
    for a, b in zip(compiled, _everything(net, X, T)):
        np.testing.assert_array_equal(np.asarray(b), np.asarray(a))


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu", "linear"])
def test_the_activation_curve_is_the_same_before_the_kernels_load(deferred, name):
    z = np.linspace(-40, 40, 1001)
    deferred(False)
    compiled = activation_curve(name, z)
    deferred(True)
    twin = activation_curve(name, z)
    for a, b in zip(compiled, twin):
        np.testing.assert_array_equal(b, a)


def test_the_twin_is_used_only_until_the_warm_up_has_run(monkeypatch):
    from backpropviz.engine import warmup
    monkeypatch.setattr(_jit, "_deferred", False)
    monkeypatch.setattr(_jit, "_warm", False)
    assert not _jit.use_numpy()                  # scripts and tests: the kernels, always
    warmup.defer()
    assert _jit.use_numpy()                      # a window that paints first
    with _jit.compiling():
        assert not _jit.use_numpy()              # but not the thread warming the kernels up
    assert _jit.use_numpy()
    warmup.warmup()
    assert not _jit.use_numpy()                  # then the kernels


def test_a_deferred_warm_up_compiles_the_kernels_themselves():
    """In a fresh process (here every kernel may be compiled already by other tests)."""
    code = ("from backpropviz.engine import kernels, warmup\n"
            "warmup.defer()\n"
            "warmup.warmup()\n"
            "print(len(kernels.evaluate.signatures), len(kernels.train_steps.signatures))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr
    evaluate, train_steps = map(int, proc.stdout.split())
    assert evaluate >= 1 and train_steps >= 1
