"""The model file: round trips, refusals with clear messages, atomic saves, initialisation."""
import json
import math
import os
import stat

import numpy as np
import pytest

from backpropviz.engine import ModelFileError, Network, EngineError
from backpropviz.engine import atomic_file


def _model():
    net = Network.build([3, 5, 2], ["relu", "softmax"], "cross_entropy", seed=9)
    net.input_names = ["a", "b", "c"]
    net.output_names = ["yes", "no"]
    net.normalization = {"mean": [0.5, 1.0, -2.0], "std": [1.0, 2.0, 0.25]}
    return net


def test_to_dict_from_dict_and_file_round_trip_bit_for_bit(tmp_path):
    net = _model()
    again = Network.from_dict(json.loads(json.dumps(net.to_dict())))
    assert np.array_equal(again.params, net.params)
    path = tmp_path / "m.json"
    net.save(path)
    loaded = Network.load(path)
    assert np.array_equal(loaded.params, net.params)
    assert (loaded.sizes, loaded.activations, loaded.loss) == (net.sizes, net.activations, net.loss)
    assert loaded.input_names == ["a", "b", "c"] and loaded.output_names == ["yes", "no"]
    assert loaded.normalization == net.normalization


def test_weights_layout_is_one_row_per_neuron():
    d = _model().to_dict()
    assert np.array(d["layers"][0]["weights"]).shape == (5, 3)
    assert len(d["layers"][0]["bias"]) == 5


def _broken(mutate):
    d = _model().to_dict()
    mutate(d)
    return d


@pytest.mark.parametrize("mutate,words", [
    (lambda d: d.update(format="keras"), "not a backpropviz model"),
    (lambda d: d.update(version=3), "newer"),
    (lambda d: d.update(loss="hinge"), "unknown loss"),
    (lambda d: d["layers"][0].update(activation="swish"), "unknown activation"),
    (lambda d: d["layers"][1].update(weights=[[1.0] * 4] * 2), "columns"),
    (lambda d: d["layers"][0].update(bias=[0.0] * 4), "bias has 4"),
    (lambda d: d["layers"][0]["weights"][0].__setitem__(0, math.nan), "not finite"),
    (lambda d: d["layers"][0].update(weights=[[1, 2], [3]]), "rows"),
    (lambda d: d.update(layers=[]), "no layers"),
    (lambda d: d["layers"][1].pop("bias"), "no 'bias'"),
    (lambda d: d["layers"][1].update(activation="linear"), "needs a"),
    (lambda d: d.update(input_names=["a"]), "input_names"),
    (lambda d: d["normalization"].update(std=[1.0, 0.0, 1.0]), "positive"),
    (lambda d: d["layers"][0]["weights"][1].__setitem__(2, "0.5"), "layer 1 weights .*'0.5'"),
    (lambda d: d["layers"][1].update(bias=["1", "2"]), "layer 2 bias .*'1'"),
    (lambda d: d["normalization"].update(mean=[0.5, "1", -2.0]), "normalization mean .*'1'"),
    (lambda d: d["layers"][1]["weights"][0].__setitem__(0, True), "layer 2 weights must be"),
    (lambda d: d["layers"][1]["weights"][0].__setitem__(0, None), "layer 2 weights must be"),
])
def test_bad_models_are_refused_with_a_reason(mutate, words):
    with pytest.raises(ModelFileError, match=words):
        Network.from_dict(_broken(mutate))


def test_load_names_the_file_and_line_for_broken_json(tmp_path):
    p = tmp_path / "bad.json"
    p.write_text('{"format": "backpropviz.model",\n "version": 1,, }')
    with pytest.raises(ModelFileError, match=r"bad.json, line 2, column"):
        Network.load(p)
    with pytest.raises(ModelFileError, match="no such file"):
        Network.load(tmp_path / "missing.json")
    with pytest.raises(ModelFileError, match="directory"):
        Network.load(tmp_path)
    b = tmp_path / "bin.json"
    b.write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(ModelFileError, match="bin.json"):
        Network.load(b)


def test_a_file_that_starts_with_a_byte_order_mark_loads(tmp_path):
    net = _model()
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(net.to_dict()).encode("utf-8"))
    assert np.array_equal(Network.load(path).params, net.params)


def test_a_save_over_a_file_keeps_its_mode(tmp_path):
    path = tmp_path / "m.json"
    path.write_text("{}")
    os.chmod(path, 0o640)
    _model().save(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert Network.load(path).sizes == [3, 5, 2]


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_follows_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        _model().save(tmp_path / "m.json")
        atomic_file.write_text_atomic(tmp_path / "t.txt", "text")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "m.json").st_mode) == mode
    assert stat.S_IMODE(os.stat(tmp_path / "t.txt").st_mode) == mode


def test_interrupted_save_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "m.json"
    first = _model()
    first.save(path)
    original = path.read_bytes()

    def crash(*a, **k):
        raise OSError("disk pulled out")
    monkeypatch.setattr(atomic_file.os, "replace", crash)
    second = Network.build([3, 5, 2], ["relu", "softmax"], "cross_entropy", seed=10)
    with pytest.raises(OSError):
        second.save(path)
    assert path.read_bytes() == original
    assert os.listdir(tmp_path) == ["m.json"]          # no temporary file left behind


@pytest.mark.parametrize("init,act,limit", [("xavier", "tanh", math.sqrt(6 / (40 + 30))),
                                            ("he", "relu", math.sqrt(6 / 40)),
                                            ("uniform", "sigmoid", 0.1),
                                            (None, "relu", math.sqrt(6 / 40)),
                                            (None, "sigmoid", math.sqrt(6 / (40 + 30)))])
def test_initialisation_ranges(init, act, limit):
    net = Network.build([40, 30], [act], "mse", init=init, seed=1)
    w = net.weights[0]
    assert np.abs(w).max() <= limit
    assert np.abs(w).max() > 0.9 * limit            # fills the range, not a smaller one
    assert abs(w.mean()) < 0.1 * limit
    if init == "uniform":
        assert np.abs(net.bias[0]).max() > 0
    else:
        assert np.all(net.bias[0] == 0)


def test_bad_architectures_are_refused():
    with pytest.raises(EngineError):
        Network.build([2], [], "mse")
    with pytest.raises(EngineError):
        Network.build([2, 0, 1], ["tanh", "linear"], "mse")
    with pytest.raises(EngineError, match="activations"):
        Network.build([2, 3, 1], ["tanh"], "mse")
    with pytest.raises(EngineError, match="unknown initialisation"):
        Network.build([2, 1], ["linear"], "mse", init="ones")
    with pytest.raises(EngineError, match="expects 2"):
        Network.build([2, 1], ["linear"], "mse").trace([1, 2, 3], [0])


def test_normalize_subtracts_the_mean_and_divides_by_the_deviation():
    net = Network.build([2, 3, 1], ["tanh", "sigmoid"], "bce", seed=0)
    x = np.array([3.0, 10.0])
    assert net.normalize(x).tolist() == [3.0, 10.0]               # no normalization: unchanged
    net.normalization = {"mean": [1.0, 2.0], "std": [2.0, 4.0]}
    np.testing.assert_allclose(net.normalize(x), [1.0, 2.0])     # (3 - 1) / 2, (10 - 2) / 4
    rows = np.array([[3.0, 10.0], [1.0, -2.0]])
    np.testing.assert_allclose(net.normalize(rows), [[1.0, 2.0], [0.0, -1.0]])
    loaded = Network.from_dict(net.to_dict())                     # the file carries it
    np.testing.assert_allclose(loaded.normalize(rows), [[1.0, 2.0], [0.0, -1.0]])
