"""The engine's messages that the window shows, in the window's language.

The engine and the data layer know nothing of languages: their errors are English sentences
with values in them. Each template below is one such sentence with the values as {fields}; a
message that matches a template is shown as the template's translation with the same values,
any other message as it is (a changed engine message shows in English, never wrongly).
"""
from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from ..i18n import QT_TRANSLATE_NOOP

TEMPLATES = (
    QT_TRANSLATE_NOOP("EngineMessages", "training diverged at step {step} (the loss became NaN or "
                      "infinite); the weights of step {kept}, from before the loss ran away, are "
                      "kept. Try a lower learning rate (now {lr}) or gradient clipping."),
    QT_TRANSLATE_NOOP("EngineMessages", "training diverged at step {step} (the loss rose to {loss}, "
                      "over 1000 times its start {start}); the weights of step {kept}, from before "
                      "the loss ran away, are kept. Try a lower learning rate (now {lr}) or "
                      "gradient clipping."),
    QT_TRANSLATE_NOOP("EngineMessages", "training diverged at step {step} (an update overflowed a "
                      "weight); the weights of step {kept}, from before the loss ran away, are "
                      "kept. Try a lower learning rate (now {lr}) or gradient clipping."),
    QT_TRANSLATE_NOOP("EngineMessages", "loss {loss} is for classes; this data set is a regression task"),
    QT_TRANSLATE_NOOP("EngineMessages", "a softmax output sums to 1 and cannot fit regression targets; "
                      "use a linear output"),
    QT_TRANSLATE_NOOP("EngineMessages", "loss '{loss}' needs a {allowed} output layer, not '{output}'"),
    QT_TRANSLATE_NOOP("EngineMessages", "the model takes {inputs} inputs and gives {outputs} outputs; "
                      "the data '{data}' has {features} features and needs {needed} outputs"),
    QT_TRANSLATE_NOOP("EngineMessages", "the data is now scaled with the model's own mean and std"),
    QT_TRANSLATE_NOOP("EngineMessages", "The classic lesson needs MNIST or Fashion-MNIST in {folder}; "
                      "MNIST and Fashion-MNIST come as four IDX files (train-images-idx3-ubyte.gz, "
                      "train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, "
                      "t10k-labels-idx1-ubyte.gz); on Debian 'apt-get install "
                      "dataset-fashion-mnist' puts Fashion-MNIST in "
                      "/usr/share/datasets/fashion-mnist; or open a folder of the four files with "
                      "File > Open data"),
)


def _pattern(template: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", template)
    rx = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
    return re.compile(rx, re.S)


_PATTERNS = [(_pattern(t), t) for t in TEMPLATES]


def translated(message: str) -> str:
    """``message`` in the window's language if it is one of TEMPLATES, else unchanged."""
    for rx, template in _PATTERNS:
        m = rx.fullmatch(message)
        if m:
            return QCoreApplication.translate("EngineMessages", template).format(**m.groupdict())
    return message
