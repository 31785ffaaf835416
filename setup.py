"""Build step that puts the repository's data into the wheel (all metadata lives in pyproject.toml).

`ontology/`, `stages/prompts/` and `stages/adapters/` stay where people edit them; building a wheel
(or a non-editable install) copies them to `derm1m_build/_data/{ontology,prompts,adapters}`, where
`derm1m_build.resources.data_dir` finds them after `pip install`. Editable installs read the checkout.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
DATA_DIRS = {"ontology": "ontology", "prompts": "stages/prompts", "adapters": "stages/adapters"}


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for name, src in DATA_DIRS.items():
            src_dir = HERE / src
            if not src_dir.is_dir():
                raise SystemExit(f"setup.py: {src} is missing; build from a full checkout or an sdist")
            dst = Path(self.build_lib) / "derm1m_build" / "_data" / name
            shutil.rmtree(dst, ignore_errors=True)
            shutil.copytree(src_dir, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        out = list(super().get_outputs(include_bytecode))
        if not getattr(self, "editable_mode", False):
            base = Path(self.build_lib) / "derm1m_build" / "_data"
            out += [str(p) for p in sorted(base.rglob("*")) if p.is_file()] if base.is_dir() else []
        return out


setup(cmdclass={"build_py": BuildPyWithData})
