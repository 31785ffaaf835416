"""The tag stage: conditions and concepts from each pair's caption, Derm1M's label columns."""

from __future__ import annotations

import json

import pyarrow as pa

from derm1m_build.recipe import Section
from derm1m_build.stage import Resources, Stage, StageResult


class TagConfig(Section):
    ontology: str | None = None  # folder; default: the repository's ontology/
    fuzzy_threshold: float = 90.0
    text_fields: tuple[str, ...] = ("caption", "raw_text")


class TagStage(Stage):
    name = "tag"
    resources = Resources(cpus=1)

    def setup(self) -> None:
        from derm1m_build.ontology import load_ontology
        from derm1m_build.tagger import Tagger

        path = self.recipe.resolve(self.config.ontology) if (self.config.ontology and self.recipe) else None
        self.ontology = load_ontology(path)
        self.tagger = Tagger(self.ontology, fuzzy_threshold=self.config.fuzzy_threshold)

    def digest_extra(self) -> dict:
        from derm1m_build.ontology import load_ontology

        path = self.recipe.resolve(self.config.ontology) if (self.config.ontology and self.recipe) else None
        return {"ontology": load_ontology(path).digest()}

    def process_batch(self, rows: pa.Table) -> StageResult:
        from derm1m_build.tagger import labels_for

        kept = []
        for r in rows.to_pylist():
            text = next((r.get(f) for f in self.config.text_fields if r.get(f)), "") or ""
            res = self.tagger.tag(text)
            r["conditions"] = json.dumps([m.as_condition() for m in res.conditions], sort_keys=True)
            r["concepts"] = json.dumps([m.as_concept() for m in res.concepts], sort_keys=True)
            r.update(labels_for(res, self.ontology))
            kept.append(r)
        return self.result(kept, [])
