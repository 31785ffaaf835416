"""The candidate pair: one row, growing column by column as it passes the stages.

Columns are declared once here with their Arrow type and the stage that sets them. Nested values
(scores, spans, sub-captions, source metadata) are stored as canonical JSON strings so that every shard
has the same flat schema and every writer (CSV, Parquet, WebDataset) treats them alike.
"""

from __future__ import annotations

from typing import Any, Iterable

import pyarrow as pa

# Derm1M's placeholders for absent metadata (their released captions use these exact strings).
NO_BODY_LOCATION = "No body location information"
NO_SYMPTOMS = "No symptom information"
NO_AGE = "No age information"
NO_GENDER = "No gender information"
NO_CONCEPTS = "No visual concepts"

LICENSES = ("CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "CC-BY-ND-4.0",
            "CC-BY-NC-ND-4.0", "CC-BY-3.0", "CC-BY-NC-3.0", "public-domain", "none", "unknown")

STAGES = ("harvest", "filter", "caption", "tag", "split")

# name -> (arrow type, stage that sets it)
COLUMNS: dict[str, tuple[pa.DataType, str]] = {
    "sample_id": (pa.string(), "harvest"),
    "source": (pa.string(), "harvest"),
    "source_type": (pa.string(), "harvest"),
    "group_id": (pa.string(), "harvest"),
    "source_url": (pa.string(), "harvest"),
    "license": (pa.string(), "harvest"),
    "retrieved": (pa.string(), "harvest"),
    "raw_text": (pa.string(), "harvest"),
    "lang": (pa.string(), "harvest"),
    "t_start": (pa.float64(), "harvest"),
    "t_end": (pa.float64(), "harvest"),
    "image_sha256": (pa.string(), "harvest"),
    "image_ext": (pa.string(), "harvest"),
    "width": (pa.int32(), "harvest"),
    "height": (pa.int32(), "harvest"),
    "meta": (pa.string(), "harvest"),  # JSON: source-specific fields (pmcid, video id, dataset label, ...)
    "modality": (pa.string(), "filter"),
    "scores": (pa.string(), "filter"),  # JSON
    "phash": (pa.string(), "filter"),  # 16 hex digits
    "dup_cluster": (pa.string(), "filter"),
    "face": (pa.string(), "filter"),  # none / kept / blurred
    "ocr_redacted": (pa.string(), "filter"),  # burned-in identifiers blurred: "date,name,record" ("" none)
    "ocr_text": (pa.string(), "filter"),  # other text read in the image (slide text), context for captions
    "caption": (pa.string(), "caption"),
    "truncated_caption": (pa.string(), "caption"),
    "sub_captions": (pa.string(), "caption"),  # JSON list
    "body_location": (pa.string(), "caption"),
    "symptoms": (pa.string(), "caption"),
    "age": (pa.string(), "caption"),
    "gender": (pa.string(), "caption"),
    "caption_backend": (pa.string(), "caption"),
    "conditions": (pa.string(), "tag"),  # JSON list of matches
    "concepts": (pa.string(), "tag"),  # JSON list of matches
    "disease_label": (pa.string(), "tag"),
    "hierarchical_disease_label": (pa.string(), "tag"),
    "skin_concept": (pa.string(), "tag"),
    "ontology_caption": (pa.string(), "tag"),
    "concept_caption": (pa.string(), "tag"),
    "split": (pa.string(), "split"),
    "filename": (pa.string(), "split"),
}

EXCLUDED_EXTRA = {"reason": pa.string(), "detail": pa.string(), "stage": pa.string()}


def columns_through(stage: str) -> list[str]:
    """All columns that exist once `stage` has run, in schema order."""
    upto = STAGES[: STAGES.index(stage) + 1]
    return [c for c, (_, s) in COLUMNS.items() if s in upto]


def schema_for(stage: str) -> pa.Schema:
    return pa.schema([(c, COLUMNS[c][0]) for c in columns_through(stage)])


def excluded_schema(stage: str) -> pa.Schema:
    base = schema_for(stage)
    for name, typ in EXCLUDED_EXTRA.items():
        base = base.append(pa.field(name, typ))
    return base


def conform(table: pa.Table | list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """Order, fill (nulls) and cast columns to `schema`; unknown columns are an error (a typo would vanish)."""
    if isinstance(table, list):
        return rows_to_table(table, schema)
    extra = set(table.column_names) - set(schema.names)
    if extra:
        raise ValueError(f"columns not in the schema: {sorted(extra)}")
    arrays = []
    for field in schema:
        if field.name in table.column_names:
            arrays.append(table.column(field.name).cast(field.type))
        else:
            arrays.append(pa.nulls(table.num_rows, type=field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def rows_to_table(rows: Iterable[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    rows = list(rows)
    extra = {k for r in rows for k in r} - set(schema.names)
    if extra:
        raise ValueError(f"columns not in the schema: {sorted(extra)}")
    cols = {f.name: [r.get(f.name) for r in rows] for f in schema}
    return pa.Table.from_pydict(cols, schema=schema)


def empty(schema: pa.Schema) -> pa.Table:
    return schema.empty_table()
