"""Public-dataset labels -> ontology node ids, read from `ontology/mappings/<dataset>.yaml`.

Each file names one dataset's label vocabulary (`labels`: label -> node id, in the dataset's own
spelling) and the labels that carry no diagnosis (`unlabelled`, e.g. ISIC's "unknown"). The public-
dataset importers use `dataset_label_map` so that every imported image gets exactly one node.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from derm1m_build.errors import UserError
from derm1m_build.ontology.loader import default_ontology_dir, read_yaml_file


def mapping_dir(ontology_dir: str | Path | None = None) -> Path:
    return Path(ontology_dir or default_ontology_dir()) / "mappings"


def available_datasets(ontology_dir: str | Path | None = None) -> list[str]:
    """Dataset names that have a mapping file, sorted."""
    d = mapping_dir(ontology_dir)
    return sorted(p.stem for p in d.glob("*.yaml")) if d.is_dir() else []


@lru_cache(maxsize=64)
def _read(path_str: str) -> tuple[dict[str, str], frozenset[str]]:
    path = Path(path_str)
    data = read_yaml_file(path)
    if not isinstance(data, dict) or not isinstance(data.get("labels"), dict):
        raise UserError(f"mapping file {path}: expected a mapping with a `labels:` table (label: node-id)")
    labels = {str(k): str(v) for k, v in data["labels"].items()}
    unlabelled = frozenset(str(x) for x in (data.get("unlabelled") or []))
    both = sorted(unlabelled & labels.keys())
    if both:
        raise UserError(f"mapping file {path}: {both} are both mapped and unlabelled; keep one")
    return labels, unlabelled


def _path(dataset: str, ontology_dir: str | Path | None) -> Path:
    p = mapping_dir(ontology_dir) / f"{dataset}.yaml"
    if not p.is_file():
        known = ", ".join(available_datasets(ontology_dir)) or "none"
        raise UserError(f"no ontology mapping for dataset {dataset!r}; known: {known} "
                        f"(add ontology/mappings/{dataset}.yaml)")
    return p.resolve()


def dataset_label_map(dataset: str, ontology_dir: str | Path | None = None) -> dict[str, str]:
    """The dataset's label -> ontology node id (labels in the dataset's own spelling and case)."""
    return dict(_read(str(_path(dataset, ontology_dir)))[0])


def dataset_unlabelled(dataset: str, ontology_dir: str | Path | None = None) -> frozenset[str]:
    """The dataset's labels that name no condition (e.g. "unknown"); rows with them get no node."""
    return _read(str(_path(dataset, ontology_dir)))[1]
