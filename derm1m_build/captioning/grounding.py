"""The grounding guard: a refined caption may not assert a condition its source does not support.

The tagger (`Tagger(ontology).tag(text)`) reads the conditions a text asserts (not negated, not
uncertain). A condition the caption asserts is supported when the source text (or a label the source
carried in `meta`) mentions it or one of its descendants (a caption may say "skin cancer" of a
melanoma, never "melanoma" of a "skin cancer"). Non-English sources cannot be tagged with an English
ontology, so there a condition is also supported when one of its names fuzzily appears in the
accent-folded source text (rapidfuzz partial ratio >= 85: "mélanome" supports "melanoma").
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

LABEL_KEYS = ("label", "diagnosis", "dx", "disease", "condition")


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


class GroundingGuard:
    def __init__(self, ontology, tagger=None):
        from derm1m_build.tagger.stored import stored_tagger

        self.ontology = ontology
        # each LLM caption stage builds a guard: the tagger is loaded from the user cache where built before
        self.tagger = tagger or stored_tagger(ontology)

    @lru_cache(maxsize=4096)
    def _ancestors(self, nid: str) -> tuple[str, ...]:
        try:
            return tuple(self.ontology.path_ids(nid))
        except KeyError:
            return (nid,)

    def source_text(self, row: dict) -> str:
        parts = [row.get("raw_text") or ""]
        try:
            meta = json.loads(row.get("meta") or "{}")
        except ValueError:
            meta = {}
        if isinstance(meta, dict):
            parts += [str(meta[k]) for k in LABEL_KEYS if isinstance(meta.get(k), str)]
        return ". ".join(p for p in parts if p)

    def unsupported(self, row: dict, caption_text: str) -> list[str]:
        """Condition ids the caption asserts that the source does not support (sorted)."""
        asserted = {m.id for m in self.tagger.tag(caption_text).conditions if not m.negated and not m.uncertain}
        if not asserted:
            return []
        src = self.source_text(row)
        allowed: set[str] = set()
        for m in self.tagger.tag(src).conditions:
            if not m.negated:
                allowed.update(self._ancestors(m.id))
        bad = sorted(asserted - allowed)
        if bad and (row.get("lang") or "en") != "en":
            folded = _fold(src)
            bad = [nid for nid in bad if not any(
                fuzz.partial_ratio(_fold(name), folded) >= 85
                for name in (self.ontology.node(nid).name, *self.ontology.node(nid).synonyms) if len(name) >= 5)]
        return bad
