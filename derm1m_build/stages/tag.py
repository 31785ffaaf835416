"""The tag stage: conditions and concepts from each pair's caption, Derm1M's label columns.

Each row's text (the first non-empty of `text_fields`) is tagged against the ontology
(`derm1m_build.tagger`); the matches go to `conditions` / `concepts` as canonical JSON, and the asserted
ones give `disease_label`, `hierarchical_disease_label`, `skin_concept` and the two template captions.
No row is dropped here: a caption that names no condition keeps empty labels (the split stage and the
report decide what to do with those).
"""

from __future__ import annotations

import json

import pyarrow as pa

from derm1m_build.recipe import Section
from derm1m_build.stage import Resources, Stage, StageResult


class TagConfig(Section):
    ontology: str | None = None  # folder; default: the repository's ontology/
    fuzzy: bool = True  # correct typos in words the exact pass could not place
    fuzzy_threshold: float | None = None  # minimum rapidfuzz ratio; default: length-dependent (80-88)
    text_fields: tuple[str, ...] = ("caption", "raw_text")


class TagStage(Stage):
    name = "tag"
    resources = Resources(cpus=1)

    def _ontology_path(self):
        return self.recipe.resolve(self.config.ontology) if (self.config.ontology and self.recipe) else None

    def setup(self) -> None:
        from derm1m_build.ontology import load_ontology
        from derm1m_build.tagger import Tagger

        self.ontology = load_ontology(self._ontology_path())
        self.tagger = Tagger(self.ontology, fuzzy=self.config.fuzzy, fuzzy_threshold=self.config.fuzzy_threshold)

    def digest_extra(self) -> dict:
        from derm1m_build.ontology import load_ontology

        return {"ontology": load_ontology(self._ontology_path()).digest()}

    def process_batch(self, rows: pa.Table) -> StageResult:
        from derm1m_build.tagger import labels_for

        records = rows.to_pylist()
        texts = [next((r.get(f) for f in self.config.text_fields if r.get(f)), "") or "" for r in records]
        for r, res in zip(records, self.tagger.tag_many(texts)):
            r["conditions"] = json.dumps([m.as_condition() for m in res.conditions], sort_keys=True)
            r["concepts"] = json.dumps([m.as_concept() for m in res.concepts], sort_keys=True)
            r.update(labels_for(res, self.ontology))
        return self.result(records, [])
