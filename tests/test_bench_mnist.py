"""The seeds' job rows of the benchmark run, and the engine and PyTorch float64 rows do the same
training (same start weights, same sample order): their test accuracies agree."""
import numpy as np
import pytest

from backpropviz import bench_mnist
from backpropviz.data import dataset_from_arrays
from backpropviz.engine.threads import ThreadPolicy


@pytest.fixture(scope="module")
def small_images():
    rng = np.random.default_rng(0)
    centres = rng.random((10, 36))
    y = np.arange(400) % 10
    X = np.clip(centres[y] + rng.normal(0, 0.3, (400, 36)), 0, 1)
    return dataset_from_arrays("tiny", X, y, task="classification", standardize=True,
                               test_fraction=0.25)


def test_engine_row_trains_and_reports(small_images):
    rate, acc, how = bench_mnist.engine_row(small_images, 5)
    assert rate > 0 and 0.3 < acc <= 1.0      # chance is 0.1
    assert "BLAS thread" in how


def test_engine_and_torch_float64_do_the_same_job(small_images):
    pytest.importorskip("torch")
    _, acc_engine, _ = bench_mnist.engine_row(small_images, 3, policy=ThreadPolicy((1,)))
    _, acc_torch, how = bench_mnist.torch_row(small_images, 3, "float64", 1)
    assert acc_torch == pytest.approx(acc_engine, abs=0.011)
    assert how == "float64, 1 thread"


def test_section_without_the_data_says_how_to_get_it(monkeypatch, tmp_path):
    monkeypatch.setattr(bench_mnist, "FASHION", tmp_path)
    assert "apt-get install dataset-fashion-mnist" in bench_mnist.section(quick=True)
