"""`derm1m-build decontam-report DIR`: which benchmark images the build contained, by source, with
thumbnail pairs for a person to confirm, and the overlaps between the public datasets it imports."""

from __future__ import annotations

import json
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("decontam-report")
    def decontam_report(path: Path = typer.Argument(..., help="build directory (the one holding work/)"),
                        as_json: bool = typer.Option(False, "--json", help="print the report's data as JSON"),
                        max_pairs: int = typer.Option(50, "--max-pairs", min=0,
                                                      help="thumbnail pairs shown per benchmark")) -> None:
        """Write DIR/decontam/report.html (+ report.json, thumbs/): per benchmark, its images found in
        the build, rows dropped and kept by source, thumbnail pairs; overlaps between imported datasets.

        Example: derm1m-build decontam-report demo-out/build
        """
        from derm1m_build.dataset.decontam_report import write
        from derm1m_build.errors import UserError

        if not Path(path).is_dir():
            raise UserError(f"{path}: no such build directory")
        res = write(Path(path), max_pairs=max_pairs)
        if as_json:
            typer.echo(json.dumps(res["data"], indent=1, sort_keys=True))
            return
        for b in res["data"]["benchmarks"]:
            src = ", ".join(f"{k}={v}" for k, v in b["by_source"].items()) or "-"
            typer.echo(f"{b['name']}: {b['images_found']} of {b['images']} images found; "
                       f"{b['rows_dropped']} rows dropped, {b['train_rows_kept']} training-image rows kept ({src})")
        for o in res["data"]["dataset_overlaps"]:
            typer.echo(f"overlap {o['a']} / {o['b']}: {o['images']} images")
        typer.echo(f"report: {res['html']}")
