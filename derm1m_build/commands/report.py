"""`derm1m-build report DIR`: the dataset report (HTML + PNG figures) and DATASHEET.md.

Also registered to run at the end of `derm1m-build run`, so `make demo` ends with the report written.
"""

from __future__ import annotations

from pathlib import Path

import typer


def _write(build: Path, force: bool = False) -> dict:
    from derm1m_build.dataset.report import write_report

    return write_report(build, force=force)


def after_run(out: Path) -> None:
    """The AFTER_RUN hook: write the report once `run` has written dataset/."""
    from derm1m_build.cli import console

    paths = _write(Path(out))
    if paths.get("up_to_date"):
        console.print(f"[report] up to date: {paths['report']}")
    else:
        console.print(f"[report] {paths['report']}")


def register(app: typer.Typer) -> None:
    from derm1m_build.cli import AFTER_RUN

    if after_run not in AFTER_RUN:
        AFTER_RUN.append(after_run)

    @app.command("report")
    def report(path: Path = typer.Argument(..., help="build directory (the one holding dataset/ and work/)"),
               force: bool = typer.Option(False, "--force", help="write it even if up to date")) -> None:
        """Write DIR/dataset/report.html, its figures (DIR/dataset/figures/*.png) and DIR/dataset/DATASHEET.md.

        Example: derm1m-build report demo-out/build
        """
        from derm1m_build.errors import UserError

        path = Path(path)
        if (path / "captions.csv").exists() and not (path / "dataset").exists():
            path = path.parent  # given the dataset folder itself
        if not path.is_dir():
            raise UserError(f"{path}: no such build directory")
        from derm1m_build.builddir import OutLock

        with OutLock(path):
            paths = _write(path, force)
        typer.echo(f"report: {paths['report']}\ndatasheet: {paths['datasheet']}")
