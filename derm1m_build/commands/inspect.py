"""`derm1m-build inspect ...`: look at one input the way harvest would (sub-commands added by modules)."""

from __future__ import annotations

import typer

inspect_app = typer.Typer(no_args_is_help=True, add_completion=False, rich_markup_mode=None,
                          help="Show what harvest would extract from one input file, and why.")


def register(app: typer.Typer) -> None:
    app.add_typer(inspect_app, name="inspect")
