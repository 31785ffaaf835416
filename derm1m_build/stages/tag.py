"""The tag stage: conditions and concepts from each pair's caption, Derm1M's label columns.

Each row's text (the first non-empty of `text_fields`) is tagged against the ontology
(`derm1m_build.tagger`); the matches go to `conditions` / `concepts` as canonical JSON, and the asserted
ones give `disease_label`, `hierarchical_disease_label`, `skin_concept` and the two template captions.
No row is dropped here: a caption that names no condition keeps empty labels (the split stage and the
report decide what to do with those).
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from derm1m_build.recipe import Section
from derm1m_build.stage import Resources, Stage, StageResult


class TagConfig(Section):
    ontology: str | None = None  # folder; default: the repository's ontology/
    fuzzy: bool = True  # correct typos in words the exact pass could not place
    fuzzy_threshold: float | None = None  # minimum rapidfuzz ratio; default: length-dependent (80-88)
    text_fields: tuple[str, ...] = ("caption", "raw_text")
    corrections: str | None = None  # reviewers' corrections.csv (derm1m-build audit corrections), applied after tagging


class TagStage(Stage):
    name = "tag"
    resources = Resources(cpus=1)

    def _ontology_path(self):
        return self.recipe.resolve(self.config.ontology) if (self.config.ontology and self.recipe) else None

    def setup(self) -> None:
        from derm1m_build.ontology import load_ontology
        from derm1m_build.tagger.stored import stored_tagger

        self.ontology = load_ontology(self._ontology_path())
        # built once per user and kept (~1 CPU-s to load, ~3 to build in every build's process)
        self.tagger = stored_tagger(self.ontology, fuzzy=self.config.fuzzy,
                                    fuzzy_threshold=self.config.fuzzy_threshold)
        self.corrections = {}
        if self.config.corrections:
            from derm1m_build.audit import corrections

            self.corrections = corrections.index(corrections.read(self._corrections_path()))

    def _corrections_path(self):
        return self.recipe.resolve(self.config.corrections) if self.recipe else Path(self.config.corrections)

    def digest_extra(self) -> dict:
        from derm1m_build.ontology import load_ontology

        extra = {"ontology": load_ontology(self._ontology_path()).digest()}
        if self.config.corrections:
            from derm1m_build.audit import corrections

            # the corrections' content, not the file's bytes: reordering lines changes nothing
            idx = corrections.index(corrections.read(self._corrections_path()))
            # `remove` flags are applied by the dataset writer (takedown.removal_for), not by this stage
            extra["corrections"] = sorted((k, f, c.value) for k, fs in idx.items() for f, c in fs.items()
                                          if f != "flag")
        return extra

    def process_batch(self, rows: pa.Table) -> StageResult:
        records = rows.to_pylist()
        texts = [next((r.get(f) for f in self.config.text_fields if r.get(f)), "") or "" for r in records]
        for r, res in zip(records, self.tagger.tag_many(texts)):
            r.update(row_labels(r, res, self.tagger, self.ontology))
        if self.corrections:
            from derm1m_build.audit.corrections import apply

            records, removed, applied = apply(records, self.corrections, self.ontology)
            return self.result(records, removed, corrections_applied=applied)
        return self.result(records, [])


def _meta(row: dict) -> dict:
    try:
        meta = json.loads(row.get("meta") or "{}")
    except (TypeError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def row_labels(row: dict, res, tagger, ontology) -> dict:
    """The tag columns of one row from its text's matches, and where the label comes from:

    - a public dataset's row already knows its node (`meta.node_id`, from the dataset's own label through
      `ontology/mappings/`): that node is the label, whatever the generated sentence reads as; it is added
      to `conditions` (marked `"from": "dataset"`) when the text did not name it;
    - a PubMed figure whose caption names no diagnosis takes it from the article title, marked
      `"from": "article_title"` on the matches it adds (only the title's label-worthy diagnosis);
    - everything else: the text alone (`labels_for`).
    """
    from derm1m_build.tagger import labels_for
    from derm1m_build.tagger.core import Match
    from derm1m_build.tagger.labels import ONTOLOGY_TEMPLATE, disease_choice

    conds = [m.as_condition() for m in res.conditions]
    labels = labels_for(res, ontology)
    meta = _meta(row) if row.get("meta") else {}
    nid = meta.get("node_id") if meta.get("dataset") else None
    if isinstance(nid, str) and nid in ontology.conditions:
        node = ontology.conditions[nid]
        if nid not in {m.id for m in res.conditions}:
            conds.append({**Match(nid, node.name, ontology.path(nid), [0, 0]).as_condition(), "from": "dataset"})
        hier = ", ".join(ontology.path(nid))
        labels.update(disease_label=node.name, hierarchical_disease_label=hier,
                      ontology_caption=ONTOLOGY_TEMPLATE.format(path=hier))
    elif not labels["disease_label"] and meta.get("pmcid") and isinstance(meta.get("title"), str):
        # the figures of one article share its title: batch tagging's cache reads it once
        best = disease_choice(tagger.tag_many([meta["title"]])[0], ontology)
        if best is not None and best.id not in {m.id for m in res.conditions if m.negated}:
            conds.append({**best.as_condition(), "span": [0, 0], "from": "article_title"})
            hier = ", ".join(best.path)
            labels.update(disease_label=best.name, hierarchical_disease_label=hier,
                          ontology_caption=ONTOLOGY_TEMPLATE.format(path=hier))
    return {"conditions": json.dumps(conds, sort_keys=True),
            "concepts": json.dumps([m.as_concept() for m in res.concepts], sort_keys=True), **labels}
