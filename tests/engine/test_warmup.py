"""The kernel warm-up reports its progress stage by stage, for a bar on the command line and
a progress indicator in the window."""
from backpropviz.engine.warmup import _stages, warmup


def test_warmup_reports_each_stage_then_the_end():
    calls = []
    warmup(lambda done, total, stage: calls.append((done, total, stage)))
    names = [name for name, _, _ in _stages()]
    assert [stage for _, _, stage in calls] == names + [""]
    dones = [done for done, _, _ in calls]
    total = calls[0][1]
    assert dones[0] == 0 and dones[-1] == total and dones == sorted(dones)
    assert all(t == total for _, t, _ in calls)


def test_every_stage_has_its_window_translation_marker():
    from backpropviz.ui.worker import STAGES
    assert set(STAGES) == {name for name, _, _ in _stages()}
