"""The wheel carries the window's translations: each resources/i18n/*.ts with its .qm, compiled
here by lrelease (PySide6 is a build requirement for that), under backpropviz/_resources/i18n
(resources/ installed as the package backpropviz._resources, see pyproject.toml).
A checkout (the editable install) reads resources/i18n itself; `make i18n` compiles it there."""
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithTranslations(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        out = Path(self.build_lib) / "backpropviz" / "_resources" / "i18n"
        out.mkdir(parents=True, exist_ok=True)
        lrelease = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
        for ts in sorted(Path("resources/i18n").glob("*.ts")):
            shutil.copy(ts, out / ts.name)
            subprocess.run([lrelease, "-silent", str(ts), "-qm", str(out / (ts.stem + ".qm"))], check=True)


setup(cmdclass={"build_py": BuildPyWithTranslations})
