"""The `derm1m-build` command line (typer).

Every command reports problems as one line and a non-zero exit: `UserError` carries a message meant
for the user; anything else is reported as an internal error in one line (set DERM1M_DEBUG=1 for the
traceback).
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from derm1m_build import __version__
from derm1m_build.errors import UserError

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Build Derm1M-class dermatology image-text datasets, reproducibly, from public sources.")
console = Console(stderr=True, highlight=False, markup=False, soft_wrap=True)
out_console = Console(highlight=False, markup=False, soft_wrap=True)

def command_modules() -> list[str]:
    """Every module in derm1m_build/commands/ with a `register(app)`, in name order."""
    import pkgutil

    import derm1m_build.commands as pkg

    return [f"{pkg.__name__}.{m.name}" for m in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name)]

RecipeOpt = typer.Option(..., "--recipe", "-r", help="recipe TOML, e.g. stages/demo.toml")
OutOpt = typer.Option(..., "--out", "-o", help="build directory")
WorkersOpt = typer.Option(None, "--workers", "-w", help="worker processes (default: the recipe's build.workers)")
ExecOpt = typer.Option(None, "--executor", help="local or ray (default: the recipe's build.executor)")
AddrOpt = typer.Option(None, "--address", help="Ray cluster address (auto, or ray://host:10001)")
ForceOpt = typer.Option(False, "--force", help="recompute even if up to date")


def _prepare(recipe_path: Path, out: Path, force_claim: bool = False):
    from derm1m_build.pipeline import claim_build_dir
    from derm1m_build.recipe import load_recipe

    recipe = load_recipe(recipe_path)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UserError(f"cannot create --out {out}: {e.strerror}; choose a writable directory") from None
    if not os.access(out, os.W_OK):
        raise UserError(f"--out {out} is not writable; choose a writable directory")
    claim_build_dir(recipe, out, force_claim)
    return recipe


class _Bar:
    """A rich progress bar fed by the pipeline's (label, done, total) callbacks."""

    def __init__(self) -> None:
        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=console, transient=True,
                                 disable=not console.is_terminal)
        self.tasks: dict[str, int] = {}

    def __enter__(self) -> "_Bar":
        self.progress.__enter__()
        return self

    def __exit__(self, *a) -> None:
        self.progress.__exit__(*a)

    def __call__(self, label: str, done: int, total: int) -> None:
        if label not in self.tasks:
            self.tasks[label] = self.progress.add_task(label, total=total or None)
        self.progress.update(self.tasks[label], completed=done, total=total or None)


def print_summary(s) -> None:
    if s.up_to_date:
        console.print(f"[{s.stage}] up to date: {s.rows_out} rows ({s.rows_in} in)")
        for n in s.notes:
            console.print(f"  {n}")
        return
    dropped = ", ".join(f"{k}={v}" for k, v in sorted(s.dropped.items())) or "none"
    console.print(f"[{s.stage}] rows in {s.rows_in}, rows out {s.rows_out}, dropped {sum(s.dropped.values())} "
                  f"({dropped}); shards run {s.shards_run}, skipped {s.shards_skipped}; {s.seconds:.1f}s")
    for n in s.notes:
        console.print(f"  {n}")


def _executor(recipe, workers: Optional[int], executor: Optional[str], address: Optional[str]):
    from derm1m_build.executors import get_executor

    return get_executor(executor or recipe.build.executor, workers or recipe.build.workers,
                        address or recipe.build.ray_address)


def _run_stages(stages: list[str], recipe_path: Path, out: Path, workers, executor, address, force,
                write: bool = False, refresh: bool = False, offline: bool = False, force_claim: bool = False) -> None:
    from derm1m_build.pipeline import run_stage

    recipe = _prepare(recipe_path, out, force_claim)
    ex = None
    t0 = time.monotonic()
    try:
        with _Bar() as bar:
            for name in stages:
                if ex is None:
                    ex = _executor(recipe, workers, executor, address)
                s = run_stage(name, recipe, out, ex, progress=bar, force=force, refresh=refresh, offline=offline)
                print_summary(s)
        if write:
            _write_dataset(recipe, out, force)
    finally:
        if ex is not None:
            ex.close()
    if len(stages) > 1:
        console.print(f"done in {time.monotonic() - t0:.1f}s")


def _write_dataset(recipe, out: Path, force: bool) -> None:
    from derm1m_build.dataset.writer import write_dataset
    from derm1m_build.ontology import load_ontology
    from derm1m_build.pipeline import context_for

    cfg = recipe.section("tag")
    onto = load_ontology(recipe.resolve(cfg.ontology) if cfg.ontology else None)
    counts = write_dataset(context_for(recipe, out), onto, force=force)
    if counts.get("up_to_date"):
        console.print(f"[dataset] up to date: {counts.get('rows', 0)} rows in {out / 'dataset'}")
    else:
        console.print(f"[dataset] {counts['rows']} rows, {counts['images']} images, splits {counts['splits']} "
                      f"-> {out / 'dataset'}")


def _stage_command(name: str, extra_help: str):
    def cmd(recipe: Path = RecipeOpt, out: Path = OutOpt, workers: Optional[int] = WorkersOpt,
            executor: Optional[str] = ExecOpt, address: Optional[str] = AddrOpt, force: bool = ForceOpt) -> None:
        _run_stages([name], recipe, out, workers, executor, address, force, write=(name == "split"))

    cmd.__doc__ = f"{extra_help}\n\nExample: derm1m-build {name} --recipe stages/demo.toml --out demo-out/build"
    return cmd


@app.command("harvest")
def harvest_cmd(recipe: Path = RecipeOpt, out: Path = OutOpt, workers: Optional[int] = WorkersOpt,
                executor: Optional[str] = ExecOpt, address: Optional[str] = AddrOpt, force: bool = ForceOpt,
                refresh: bool = typer.Option(False, "--refresh", help="discover again (incremental harvest)"),
                offline: bool = typer.Option(False, "--offline", help="no network: extract from raw/ only")) -> None:
    """Fetch every source of the recipe into OUT/raw/ and extract candidate pairs into OUT/work/harvest/.

    Example: derm1m-build harvest --recipe stages/demo.toml --out demo-out/build
    """
    _run_stages(["harvest"], recipe, out, workers, executor, address, force, refresh=refresh, offline=offline)


app.command("filter")(_stage_command("filter", "Keep clinical skin images, once each; drop the rest with a reason."))
app.command("caption")(_stage_command("caption", "Refine captions and extract metadata (rules or an LLM)."))
app.command("tag")(_stage_command("tag", "Tag conditions and concepts; write Derm1M's label and template columns."))
app.command("split")(_stage_command("split", "Assign leak-free splits and write OUT/dataset/."))


@app.command("run")
def run_cmd(recipe: Path = RecipeOpt, out: Path = OutOpt, workers: Optional[int] = WorkersOpt,
            executor: Optional[str] = ExecOpt, address: Optional[str] = AddrOpt, force: bool = ForceOpt,
            force_out: bool = typer.Option(False, "--force-out", help="take over an --out made by another recipe")) -> None:
    """Run every stage in order and write OUT/dataset/.

    Example: derm1m-build run --recipe stages/demo.toml --out demo-out/build --workers 2
    """
    from derm1m_build.schema import STAGES

    _run_stages(list(STAGES), recipe, out, workers, executor, address, force, write=True, force_claim=force_out)
    _after_run_hooks(out)


def _after_run_hooks(out: Path) -> None:
    """Report writers registered by command modules run after `run` (see commands/*.register)."""
    for hook in AFTER_RUN:
        hook(out)


AFTER_RUN: list = []


@app.command("verify")
def verify_cmd(path: Path = typer.Argument(..., help="a build dir or its dataset/"),
               no_decode: bool = typer.Option(False, "--no-decode", help="skip decoding every image")) -> None:
    """Check every digest in the manifest, the CSV schema, every image, and that no group spans two splits.

    Example: derm1m-build verify demo-out/build
    """
    from derm1m_build.dataset.verify import verify

    problems = verify(path, decode_images=not no_decode)
    if problems:
        for p in problems[:50]:
            console.print(f"FAIL {p}")
        if len(problems) > 50:
            console.print(f"... and {len(problems) - 50} more")
        raise typer.Exit(1)
    out_console.print(f"OK {path}")


@app.command("status")
def status_cmd(path: Path = typer.Argument(..., help="build directory"),
               recipe: Optional[Path] = typer.Option(None, "--recipe", "-r", help="recipe, to detect stale stages"),
               json_out: bool = typer.Option(False, "--json", help="one JSON object")) -> None:
    """Each stage's state (done / partial / stale / missing), rows in and out, dropped by reason.

    Example: derm1m-build status demo-out/build --recipe stages/demo.toml
    """
    import json

    from derm1m_build.pipeline import stage_status
    from derm1m_build.recipe import load_recipe

    if not Path(path).is_dir():
        raise UserError(f"{path}: no such build directory")
    rows = stage_status(load_recipe(recipe) if recipe else None, path)
    if json_out:
        out_console.print_json(json.dumps(rows))
        return
    t = Table("stage", "state", "rows in", "rows out", "dropped by reason")
    for r in rows:
        t.add_row(r["stage"], r["state"], str(r["rows_in"] if r["rows_in"] is not None else "-"),
                  str(r["rows_out"] if r["rows_out"] is not None else "-"),
                  ", ".join(f"{k}={v}" for k, v in r["dropped"].items()) or "-")
    out_console.print(t)


@app.command("version")
def version_cmd() -> None:
    """Print the package version."""
    out_console.print(__version__)


def _register_modules() -> None:
    for mod in command_modules():
        m = importlib.import_module(mod)
        if hasattr(m, "register"):
            m.register(app)


_register_modules()


def main(argv: list[str] | None = None) -> None:
    try:
        rc = app(args=argv, standalone_mode=False)
        if isinstance(rc, int) and rc:
            sys.exit(rc)
    except UserError as e:
        console.print(f"error: {e}", markup=False)
        sys.exit(e.exit_code)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except typer.Abort:
        console.print("aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        console.print("interrupted; finished shards are kept, run the same command to resume")
        sys.exit(130)
    except OSError as e:
        import errno

        where = f" {e.filename}" if getattr(e, "filename", None) else ""
        if e.errno in (errno.ENOSPC, errno.EDQUOT):
            console.print(f"error: disk full{where}; free space and run the same command again "
                          "(finished shards are kept)", markup=False)
        elif e.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            console.print(f"error: cannot write{where}: {e.strerror}; choose a writable --out", markup=False)
        else:
            console.print(f"error: {e.strerror or e}{where}", markup=False)
        sys.exit(4)
    except Exception as e:  # the edge: one line, never a traceback
        if hasattr(e, "format_message") and hasattr(e, "exit_code"):  # click/typer usage errors
            console.print(f"error: {e.format_message()} (see --help)", markup=False)
            sys.exit(e.exit_code)
        if os.environ.get("DERM1M_DEBUG"):
            raise
        console.print(f"error: internal: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''} "
                      "(set DERM1M_DEBUG=1 for details)", markup=False)
        sys.exit(3)
