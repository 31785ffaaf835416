"""`derm1m-build audit sample|score|export|import|corrections` and `derm1m-build review`.

The expert audit loop (derm1m_build/audit/): sample a finished build, review the sample in a browser,
score precision per source and field, and turn reviewers' fixes into corrections.csv for the next build.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

audit_app = typer.Typer(no_args_is_help=True, add_completion=False, rich_markup_mode=None,
                        help="Sample a build for expert review, score the answers, export corrections.")


def _build(path: Path) -> Path:
    from derm1m_build.errors import UserError

    path = Path(path)
    if not (path / "work").is_dir():
        raise UserError(f"{path}: not a build directory (no work/); give the --out of `derm1m-build run`")
    return path


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")

    @app.command("review")
    def review_cmd(build: Path = typer.Argument(..., help="build directory"),
                   audit: str = typer.Option(..., "--audit", "-a", help="audit pack name (audit sample --name)"),
                   port: int = typer.Option(8765, "--port", help="port on 127.0.0.1 (0: any free port)")) -> None:
        """Serve the review page for an audit pack on http://127.0.0.1:PORT/ (Ctrl-C to stop).

        Answers are saved as they are given, under BUILD/audit/NAME/answers/REVIEWER.jsonl.
        """
        from derm1m_build.audit.pack import audit_dir, load_items
        from derm1m_build.audit.review import serve
        from derm1m_build.ontology import load_ontology

        folder = audit_dir(_build(build), audit)
        load_items(folder)
        serve(folder, load_ontology(), port=port,
              ready=lambda url: typer.echo(f"review page: {url} (answers in {folder / 'answers'}; Ctrl-C to stop)"))


@audit_app.command("sample")
def sample_cmd(build: Path = typer.Argument(..., help="build directory"),
               n: int = typer.Option(400, "--n", min=1, help="kept rows to sample"),
               by: str = typer.Option("source", "--by", help="stratify by source, source_type, modality, split "
                                                            "or disease_label"),
               include_excluded: int = typer.Option(0, "--include-excluded", min=0,
                                                    help="also sample this many excluded rows (with their reasons)"),
               seed: int = typer.Option(0, "--seed", help="sampling seed"),
               name: Optional[str] = typer.Option(None, "--name", help="pack name (default: by-N-seed)")) -> None:
    """Write a stratified, reproducible sample as BUILD/audit/NAME/items.jsonl + thumbs/."""
    from derm1m_build.audit.pack import load_items, sample

    name = name or f"{by}-{n}-{seed}"
    folder = sample(_build(build), name, n, by, include_excluded, seed)
    items = load_items(folder)
    typer.echo(f"audit {name}: {len(items)} items -> {folder}")


@audit_app.command("score")
def score_cmd(build: Path = typer.Argument(..., help="build directory"),
              audit: str = typer.Option(..., "--audit", "-a", help="audit pack name")) -> None:
    """Precision per source and field (Wilson 95 % intervals), Cohen's kappa between reviewers; written to
    the pack (score.json, score.md), DATASHEET.md and report.html."""
    from derm1m_build.audit.pack import audit_dir
    from derm1m_build.audit.score import markdown, score
    from derm1m_build.dataset.report import write_report
    from derm1m_build.store import atomic_write_text

    b = _build(build)
    folder = audit_dir(b, audit)
    sc = score(folder)
    atomic_write_text(folder / "score.json", json.dumps(sc, indent=1, sort_keys=True) + "\n")
    atomic_write_text(folder / "score.md", markdown(sc))
    if (b / "dataset" / "captions.csv").exists():
        write_report(b)
    typer.echo(markdown(sc).rstrip())


@audit_app.command("export")
def export_cmd(build: Path = typer.Argument(..., help="build directory"),
               audit: str = typer.Option(..., "--audit", "-a", help="audit pack name"),
               fmt: str = typer.Option(..., "--format", "-f", help="label-studio or argilla"),
               out: Path = typer.Option(..., "--out", "-o", help="folder for the tool's import files")) -> None:
    """Write the pack in Label Studio's or Argilla's import JSON."""
    from derm1m_build.audit.interchange import export
    from derm1m_build.audit.pack import audit_dir

    files = export(audit_dir(_build(build), audit), fmt, out)
    typer.echo(f"{fmt}: " + ", ".join(str(f) for f in files))


@audit_app.command("import")
def import_cmd(build: Path = typer.Argument(..., help="build directory"),
               audit: str = typer.Option(..., "--audit", "-a", help="audit pack name"),
               fmt: str = typer.Option(..., "--format", "-f", help="label-studio or argilla"),
               path: Path = typer.Argument(..., help="the tool's JSON export")) -> None:
    """Read reviewers' answers from a Label Studio or Argilla export into the pack."""
    from derm1m_build.audit.interchange import import_
    from derm1m_build.audit.pack import audit_dir

    n = import_(audit_dir(_build(build), audit), fmt, path)
    typer.echo(f"{fmt}: {n} answers stored")


@audit_app.command("corrections")
def corrections_cmd(build: Path = typer.Argument(..., help="build directory"),
                    audit: str = typer.Option(..., "--audit", "-a", help="audit pack name"),
                    out: Path = typer.Option(..., "--out", "-o", help="corrections.csv to write (merged with "
                                                                         "the corrections it already holds)")) -> None:
    """Turn reviewers' fixes (a 'no' with the right value; a remove flag) into corrections.csv; name it in
    the recipe as `[tag] corrections = "corrections.csv"` and rebuild."""
    from derm1m_build.audit import corrections as corr
    from derm1m_build.audit.answers import load
    from derm1m_build.audit.pack import audit_dir, load_items

    folder = audit_dir(_build(build), audit)
    new = corr.from_answers(load_items(folder), load(folder))
    old = corr.read(out) if Path(out).exists() else []
    merged = sorted(set(old) | set(new), key=lambda c: (c.key, c.field, c.date, c.reviewer, c.value))
    corr.write(out, merged)
    typer.echo(f"corrections: {len(new)} from {audit}, {len(merged)} in {out}")
