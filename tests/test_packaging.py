"""The package as pip installs it: every package listed, what the program reads shipped as
package data and found through importlib.resources, and ``--version``.

``make wheel-check`` (run by ``make test``) goes further: it builds the wheel, installs it into a
venv of its own and runs it from another folder.
"""
from __future__ import annotations

import fnmatch
import tomllib
from importlib.resources import files
from pathlib import Path

import backpropviz
from backpropviz.cli import main
from backpropviz.data.builtin import BUILTINS, RESOURCES
from backpropviz.i18n import I18N_DIR, LANGUAGES, SOURCE_LANGUAGE, qm_path

ROOT = Path(__file__).resolve().parents[1]
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]


def test_every_package_of_the_source_tree_is_listed_for_the_wheel():
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "backpropviz").rglob("__init__.py")}
    listed = set(SETUPTOOLS["packages"])
    assert found <= listed, f"missing from pyproject.toml's packages: {sorted(found - listed)}"


def test_resources_are_installed_as_the_package_backpropviz_resources():
    assert SETUPTOOLS["package-dir"] == {"backpropviz._resources": "resources"}
    assert (ROOT / "resources" / "__init__.py").is_file()
    # the program finds its files through the import system, wherever pip put them
    assert RESOURCES == Path(str(files("backpropviz._resources"))) / "datasets"
    assert I18N_DIR == Path(str(files("backpropviz._resources"))) / "i18n"


def shipped(relative: str) -> bool:
    """Whether pyproject.toml's package-data ships resources/<relative>."""
    folder, _, name = relative.rpartition("/")
    package = "backpropviz._resources" + ("." + folder.replace("/", ".") if folder else "")
    return any(fnmatch.fnmatch(name, pattern)
               for pattern in SETUPTOOLS["package-data"].get(package, []))


def test_every_file_the_program_reads_is_shipped():
    bundled = [f"datasets/{b.file}" for b in BUILTINS.values() if b.file]
    assert len(bundled) >= 2
    for relative in bundled + ["datasets/README.md"]:       # the README holds the licences
        assert (ROOT / "resources" / relative).is_file(), relative
        assert shipped(relative), f"resources/{relative} is not in the wheel"
    for lang in LANGUAGES:
        if lang != SOURCE_LANGUAGE:
            assert shipped(f"i18n/{qm_path(lang).name}"), lang
    assert not shipped("screenshot.png")                     # the README's picture is not read


def test_version_prints_the_packages_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"backpropviz {backpropviz.__version__}"
