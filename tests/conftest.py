import os

# Qt tests run without a display; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
import pytest


@pytest.fixture(autouse=True)
def _kernels_as_before(monkeypatch):
    """A test that opens the window as a plain ``gui --screenshot`` defers the kernels to their
    NumPy twin (engine/_jit.py); the tests after it compute with the kernels again."""
    from backpropviz.engine import _jit
    monkeypatch.setattr(_jit, "_deferred", _jit._deferred)
