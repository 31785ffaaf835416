"""`derm1m-build inspect jats FILE`: the figure rows harvest would extract from one JATS/NXML file.

Prints JSON Lines, one per figure: pmcid, label, caption, sub-captions, licence (and where it was
found), graphic href, and `decision` (`keep`, or the reason harvest drops it: `no_derm_term`,
`licence_not_allowed`, `no_graphic`), so a user can see why a figure was or was not taken.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from derm1m_build.commands.inspect import inspect_app
from derm1m_build.errors import ItemError, UserError


@inspect_app.command("jats")
def inspect_jats(path: Path = typer.Argument(..., help="a JATS/NXML file (or an efetch pmc-articleset)"),
                 licences: str = typer.Option("any", help="licence policy as in the recipe: any, open, cc, commercial"),
                 no_prefilter: bool = typer.Option(False, "--no-prefilter", help="skip the dermatology keyword check")
                 ) -> None:
    """Print, as JSON Lines, the figure rows harvest would extract from FILE and why each is kept or dropped.

    Example: derm1m-build inspect jats article.nxml
    """
    from derm1m_build.pmc.jats import parse_articles
    from derm1m_build.pmc.panels import split_caption
    from derm1m_build.sources.pubmed import figure_decisions

    if licences not in ("any", "open", "cc", "commercial"):
        raise UserError(f"--licences {licences!r}: use any, open, cc or commercial")
    if not path.is_file():
        raise UserError(f"{path}: no such file")
    try:
        from derm1m_build.safefs import read_user_file

        arts = parse_articles(read_user_file(path, 256 * 1024 * 1024, "JATS file"))
    except ItemError as e:
        raise UserError(f"{path}: refused ({e.reason}{': ' + e.detail if e.detail else ''})") from None
    if not arts:
        raise UserError(f"{path}: no <article> in this file")
    for art in arts:
        _, why = figure_decisions(art, art.licence, licences, not no_prefilter)
        for f in art.figures:
            subs = split_caption(f.caption)
            typer.echo(json.dumps({
                "pmcid": art.pmcid, "pmid": art.pmid, "doi": art.doi, "label": f.label, "fig_id": f.fig_id,
                "caption": f.caption, "sub_captions": subs.as_list(), "licence": art.licence,
                "licence_source": art.licence_source, "graphic": f.graphics[0] if f.graphics else None,
                "decision": why.get(f.fig_id, "keep")}, ensure_ascii=False))


def register(app: typer.Typer) -> None:
    """The command is attached to `inspect_app` on import; nothing else to do."""
