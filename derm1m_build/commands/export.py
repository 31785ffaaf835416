"""`derm1m-build export DIR --format webdataset|parquet|croissant --license commercial|noncommercial|all`."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export_cmd(path: Path = typer.Argument(..., help="build directory (holding dataset/ and work/)"),
                   fmt: str = typer.Option(..., "--format", "-f", help="webdataset, parquet or croissant"),
                   license: str = typer.Option("all", "--license", help="commercial, noncommercial or all"),
                   out: Optional[Path] = typer.Option(None, "--out", "-o",
                                                      help="output folder (default DIR/export/FORMAT-LICENSE)"),
                   shard_size: int = typer.Option(1000, "--shard-size", min=1, help="samples per WebDataset shard"),
                   images_only: bool = typer.Option(False, "--images-only",
                                                    help="webdataset: leave out rows without an image, so every "
                                                         "sample has .jpg and .txt")) -> None:
        """Export the dataset for training or sharing, filtered by licence; images whose source forbids
        redistribution are left out (their rows keep text and source URL).

        Example: derm1m-build export demo-out/build --format webdataset --license commercial
        """
        from derm1m_build.dataset.export import export
        from derm1m_build.dataset.stats import build_recipe_name
        from derm1m_build.errors import UserError

        path = Path(path)
        if (path / "captions.csv").exists() and not (path / "dataset").exists():
            path = path.parent
        if not path.is_dir():
            raise UserError(f"{path}: no such build directory")
        if images_only and fmt != "webdataset":
            raise UserError("--images-only applies to --format webdataset")
        folder, rows, left_out = export(path, fmt, license, out, shard_size, build_recipe_name(path) or "derm1m-build",
                                        images_only=images_only)
        if images_only:
            typer.echo(f"{fmt} ({license}): {rows} rows, {left_out} row(s) without a redistributable image "
                       f"left out -> {folder}")
        else:
            typer.echo(f"{fmt} ({license}): {rows} rows, {left_out} image(s) left out (not redistributable) -> {folder}")
