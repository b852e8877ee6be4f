"""The benchmark's jobs run, and its engine and NumPy rows do the same training."""
import math

import pytest

from backpropviz import bench


@pytest.mark.parametrize("job", bench.JOBS, ids=lambda job: job.name)
def test_quick_rows_run_and_reach_the_same_final_loss(job):
    engine, numpy_ = bench.measure(job, quick=True, torch=False)
    for row in (engine, numpy_):
        assert math.isfinite(row.rate.samples_per_second) and row.rate.samples_per_second > 0
    # same start, same sample order, same maths: the last minibatch loss agrees
    assert math.isfinite(engine.rate.final_loss)
    assert engine.rate.final_loss == pytest.approx(numpy_.rate.final_loss, rel=1e-9, abs=0)
