"""gui --screenshot waits for the pictures the window computes in the background (the
Gradient tab's landscape and its optimiser race), within a bound."""
import threading

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage

from backpropviz.cli import main
from backpropviz.ui import app as ui_app
from backpropviz.ui import gradient_views
from backpropviz.ui.main_window import MainWindow


@pytest.fixture
def slow_landscape(monkeypatch):
    """The landscape's computation held back until the screenshot first asks whether pictures
    are pending (a slow machine: the window shows long before the landscape is ready)."""
    release = threading.Event()
    real = gradient_views.loss_landscape

    def held(*args, **kwargs):
        release.wait(60)
        return real(*args, **kwargs)
    monkeypatch.setattr(gradient_views, "loss_landscape", held)
    yield release
    release.set()                      # a thread still held ends


def _grabbed(monkeypatch) -> dict:
    """Records what the landscape showed when the window was grabbed, and where it was."""
    seen = {}
    real = MainWindow.grab

    def grab(self, *args):
        view = self.gradient_panel.landscape
        seen["drawn"] = view.result is not None and view.image.image is not None
        seen["paths"] = len(view.race_curves)
        plot = view.plot.viewport()
        seen["rect"] = QRect(plot.mapTo(self, QPoint(0, 0)), plot.size())
        return real(self, *args)
    monkeypatch.setattr(MainWindow, "grab", grab)
    return seen


def test_a_screenshot_waits_for_the_landscape_and_shows_it(qtbot, tmp_path, monkeypatch,
                                                            slow_landscape):
    real_pending = MainWindow.pictures_pending

    def pending(self):
        slow_landscape.set()
        return real_pending(self)
    monkeypatch.setattr(MainWindow, "pictures_pending", pending)
    seen = _grabbed(monkeypatch)
    out = tmp_path / "race.png"
    assert main(["gui", "--lesson", "optimizer-race", "--size", "1024x768",
                 "--screenshot", str(out)]) == 0
    assert seen["drawn"] and seen["paths"] == 3
    img = QImage(str(out))
    r = seen["rect"]
    colours = {img.pixel(x, y) for x in range(r.left(), r.right(), 3)
               for y in range(r.top(), r.bottom(), 3)}
    assert len(colours) > 40           # the map's colours, not an empty white plot


def test_a_screenshot_waits_for_background_pictures_only_so_long(qtbot, tmp_path, monkeypatch,
                                                                 slow_landscape, capsys):
    monkeypatch.setattr(ui_app, "SCREENSHOT_WAIT", 0.2)       # and the landscape never comes
    seen = _grabbed(monkeypatch)
    out = tmp_path / "race.png"
    assert main(["gui", "--lesson", "optimizer-race", "--screenshot", str(out)]) == 0
    assert not seen["drawn"] and out.stat().st_size > 10_000
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "still being computed" in err and str(out) in err
