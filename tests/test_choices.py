"""Every name a person can choose is defined once, in backpropviz/choices.py, and the command
line, the engine and the Makefile all take it from there."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from backpropviz import choices
from backpropviz.cli import build_parser
from backpropviz.engine import Network, OptimizerConfig
from backpropviz.engine.optim import CODES

ROOT = Path(__file__).resolve().parent.parent


def _choices_of(command: str, option: str) -> tuple:
    sub = next(a for a in build_parser()._actions if a.dest == "command").choices[command]
    return tuple(next(a for a in sub._actions if option in a.option_strings).choices)


@pytest.mark.parametrize("command,option,names", [
    ("train", "--task", choices.TASKS), ("train", "--output", choices.OUTPUTS),
    ("train", "--loss", choices.LOSSES), ("train", "--optimizer", choices.OPTIMIZERS),
    ("gui", "--step", choices.STEP_STOPS)])
def test_the_command_line_offers_exactly_the_choices(command, option, names):
    assert _choices_of(command, option) == names


def test_the_command_line_takes_every_offered_init_and_names_the_syntax():
    sub = next(a for a in build_parser()._actions if a.dest == "command").choices["train"]
    init = next(a for a in sub._actions if "--init" in a.option_strings)
    assert choices.INIT_SYNTAX in init.help
    for name in choices.INITS:
        assert init.type(name) == name


def test_every_optimiser_has_its_own_kernel_code():
    assert list(CODES) == list(choices.OPTIMIZERS)
    assert sorted(CODES.values()) == list(range(len(choices.OPTIMIZERS)))
    for name in choices.OPTIMIZERS:
        assert OptimizerConfig(name).code == CODES[name]
        assert name in choices.LR_DEFAULTS


@pytest.mark.parametrize("init", choices.INITS)
def test_the_engine_takes_every_initialisation_offered(init):
    Network.build([2, 3, 1], ["relu", "sigmoid"], "bce", init=init, seed=0)


@pytest.mark.parametrize("activation", choices.HIDDEN_ACTIVATIONS)
def test_the_engine_takes_every_hidden_activation_offered(activation):
    Network.build([2, 3, 1], [activation, "linear"], "mse", seed=0)


def test_the_makefile_installs_the_torch_version_of_choices():
    out = subprocess.run(["make", "-n", "bench"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    assert f'torch=={choices.TORCH_VERSION}"' in out
