"""`derm1m-build inspect figure IMAGE [--caption TEXT | --caption-file F]`: how harvest would split one figure.

Prints JSON Lines, exactly what the PubMed source would emit for the figure (the same code path,
`derm1m_build.pmc.panels.figure_panels`): one line per panel row, {"box": [x0, y0, x1, y1],
"letter", "sub_caption"}, or a single {"decision": "whole", "reason": ...} when the figure stays
whole with its whole caption (the reason is what harvest records as `panel_note`).
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from derm1m_build.commands.inspect import inspect_app
from derm1m_build.errors import ItemError, UserError


@inspect_app.command("figure")
def inspect_figure(image: Path = typer.Argument(..., help="a figure image (PNG, JPEG, ...)"),
                   caption: str = typer.Option(None, "--caption", help="the figure's caption text"),
                   caption_file: Path = typer.Option(None, "--caption-file", help="a UTF-8 file holding the caption"),
                   ) -> None:
    """Print, as JSON Lines, the panel rows harvest would make of IMAGE with its caption, or why it stays whole.

    Example: derm1m-build inspect figure fig2.png --caption "Psoriasis. (A) Elbow. (B) Knee."
    """
    from derm1m_build.pmc.panels import decisions, figure_panels

    if caption is not None and caption_file is not None:
        raise UserError("give --caption or --caption-file, not both")
    if caption_file is not None:
        if not caption_file.is_file():
            raise UserError(f"{caption_file}: no such file")
        try:
            caption = caption_file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise UserError(f"{caption_file}: not UTF-8 text") from None
    if not image.is_file():
        raise UserError(f"{image}: no such file")
    try:
        _, pairing, _ = figure_panels(image.read_bytes(), caption or "")
    except ItemError as e:
        raise UserError(f"{image}: refused ({e.reason}{': ' + e.detail if e.detail else ''})") from None
    for line in decisions(pairing):
        typer.echo(json.dumps(line, ensure_ascii=False))


def register(app: typer.Typer) -> None:
    """The command is attached to `inspect_app` on import; nothing else to do."""
