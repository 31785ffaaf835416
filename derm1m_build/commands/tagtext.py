"""`derm1m-build tag-text [FILE|-]`: tag JSON Lines of `{"id", "text"}`, one JSON line out per line in."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from derm1m_build.errors import UserError


def _lines(source: str):
    if source == "-":
        yield from sys.stdin
        return
    path = Path(source)
    if not path.is_file():
        raise UserError(f"tag-text: no such file {source}; give a JSON Lines file or - for stdin")
    with path.open(encoding="utf-8") as f:
        yield from f


def register(app: typer.Typer) -> None:
    @app.command("tag-text")
    def tag_text(source: str = typer.Argument("-", metavar="[FILE|-]", help="JSON Lines file, or - for stdin"),
                 ontology: Optional[Path] = typer.Option(None, "--ontology", help="ontology folder (default: ontology/)"),
                 no_fuzzy: bool = typer.Option(False, "--no-fuzzy", help="exact matches only")) -> None:
        """Tag texts with conditions and concepts.

        Input: one {"id": ..., "text": ...} per line. Output: one line per input line,
        {"id", "conditions": [{"id", "name", "path", "span", "negated", "uncertain", "score"}],
        "concepts": [{"id", "name", "span", "negated"}], "disease_label", "hierarchical_disease_label"}:
        the label columns exactly as the tag stage writes them for a row with this text.

        Example: echo '{"id": 1, "text": "psoriatic plaques, no melanoma"}' | derm1m-build tag-text -
        """
        from derm1m_build.ontology import load_ontology
        from derm1m_build.tagger import labels_for
        from derm1m_build.tagger.stored import stored_tagger

        onto = load_ontology(ontology)
        tagger = stored_tagger(onto, fuzzy=not no_fuzzy)  # loaded from the user cache (~1 CPU-s) where built before
        out = sys.stdout
        for lineno, line in enumerate(_lines(source), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as e:
                raise UserError(f"tag-text: line {lineno} is not JSON ({e.msg}); each line must be "
                                '{"id": ..., "text": ...}') from None
            if not isinstance(item, dict) or not isinstance(item.get("text"), str) or "id" not in item:
                raise UserError(f'tag-text: line {lineno} needs an "id" and a string "text"')
            res = tagger.tag(item["text"])
            labels = labels_for(res, onto)
            out.write(json.dumps({"id": item["id"], **res.as_json(), "disease_label": labels["disease_label"],
                                  "hierarchical_disease_label": labels["hierarchical_disease_label"]},
                                 ensure_ascii=False) + "\n")
        out.flush()
