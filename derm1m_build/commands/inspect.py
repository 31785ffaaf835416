"""`derm1m-build inspect ...`: look at what the pipeline would make of one input, without a build.

A typer sub-app shared by the sources: each adds its own sub-command from its own module (e.g.
`inspect html` in commands/inspect_html.py), so this file stays a one-liner to merge.
"""

from __future__ import annotations

import typer

inspect_app = typer.Typer(no_args_is_help=True, add_completion=False, rich_markup_mode=None,
                          help="Show what a parser extracts from one saved input (JSON Lines on stdout).")


def register(app: typer.Typer) -> None:
    app.add_typer(inspect_app, name="inspect")
