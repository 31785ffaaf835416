"""Load `ontology/*.yaml` into an `Ontology`.

Files: `conditions.yaml` (tree of skin conditions; the root's children are level 1), `concepts.yaml`
(clinical concepts, grouped by category), `body_sites.yaml`. Each entry: `id`, `name`, `parent`,
optional `synonyms`, `abbreviations`, `codes`, `context`, `ambiguous`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from derm1m_build.errors import UserError
from derm1m_build.hashing import digest_obj

ROOT_ID = "root"


def default_ontology_dir() -> Path:
    env = os.environ.get("DERM1M_ONTOLOGY")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "ontology"


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    parent: str | None
    kind: str  # "condition" | "concept" | "body_site"
    level: int = 0
    synonyms: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    codes: tuple[tuple[str, str], ...] = ()
    context: tuple[str, ...] = ()  # words one of which must be near for a context-dependent synonym
    ambiguous: tuple[str, ...] = ()
    category: str = ""
    extra: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

    @property
    def code_map(self) -> dict[str, str]:
        return dict(self.codes)


def _as_tuple(v: Any) -> tuple:
    if v is None:
        return ()
    if isinstance(v, (list, tuple)):
        return tuple(str(x) for x in v)
    return (str(v),)


def _read_yaml(path: Path) -> list[dict]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise UserError(f"ontology file {path}: not valid YAML: {e}") from None
    if data is None:
        return []
    if isinstance(data, dict) and "nodes" in data:
        data = data["nodes"]
    if not isinstance(data, list):
        raise UserError(f"ontology file {path}: expected a list of entries")
    return data


KNOWN_KEYS = {"id", "name", "parent", "synonyms", "abbreviations", "codes", "context", "ambiguous", "category",
              "notes"}


def _node(entry: dict, kind: str, path: Path) -> Node:
    if not isinstance(entry, dict) or "id" not in entry or "name" not in entry:
        raise UserError(f"ontology file {path}: every entry needs id and name (got {entry!r})")
    extra = {k: v for k, v in entry.items() if k not in KNOWN_KEYS}
    return Node(
        id=str(entry["id"]), name=str(entry["name"]), parent=entry.get("parent"), kind=kind,
        synonyms=_as_tuple(entry.get("synonyms")), abbreviations=_as_tuple(entry.get("abbreviations")),
        codes=tuple(sorted((str(k), str(v)) for k, v in (entry.get("codes") or {}).items())),
        context=_as_tuple(entry.get("context")), ambiguous=_as_tuple(entry.get("ambiguous")),
        category=str(entry.get("category") or ""), extra=tuple(sorted(extra.items())),
    )


class Ontology:
    def __init__(self, conditions: list[Node], concepts: list[Node], body_sites: list[Node], source_dir: Path | None = None):
        self.source_dir = source_dir
        self.conditions: dict[str, Node] = {}
        self.children_of: dict[str, list[str]] = {}
        for n in conditions:
            if n.id in self.conditions:
                raise UserError(f"ontology: duplicate condition id {n.id!r}")
            self.conditions[n.id] = n
        for n in conditions:
            if n.parent is not None and n.parent not in self.conditions:
                raise UserError(f"ontology: condition {n.id!r} names unknown parent {n.parent!r}")
            if n.parent is not None:
                self.children_of.setdefault(n.parent, []).append(n.id)
        # levels from the root (root = 0)
        levels: dict[str, int] = {}
        for nid in self.conditions:
            chain, cur = [], nid
            while cur is not None and cur not in levels:
                if cur in chain:
                    raise UserError(f"ontology: cycle through {cur!r}")
                chain.append(cur)
                cur = self.conditions[cur].parent
            base = levels[cur] if cur is not None else -1
            for i, c in enumerate(reversed(chain)):
                levels[c] = base + 1 + i
        self.conditions = {k: Node(**{**v.__dict__, "level": levels[k]}) for k, v in self.conditions.items()}
        self.concepts: dict[str, Node] = {n.id: n for n in concepts}
        self.body_sites: dict[str, Node] = {n.id: n for n in body_sites}

    # navigation
    def node(self, nid: str) -> Node:
        return self.conditions.get(nid) or self.concepts[nid]

    def path_ids(self, nid: str) -> list[str]:
        out = []
        cur: str | None = nid
        while cur is not None and cur != ROOT_ID:
            out.append(cur)
            cur = self.conditions[cur].parent
        return list(reversed(out))

    def path(self, nid: str) -> list[str]:
        """Preferred names from the top branch down to the node (the root itself left out)."""
        return [self.conditions[i].name for i in self.path_ids(nid)]

    def top_branch(self, nid: str) -> str:
        p = self.path_ids(nid)
        return p[0] if p else ROOT_ID

    def children(self, nid: str) -> list[str]:
        return sorted(self.children_of.get(nid, []), key=lambda c: self.conditions[c].name)

    def is_leaf(self, nid: str) -> bool:
        return not self.children_of.get(nid)

    # exports
    def derm1m_json(self) -> dict[str, list[str]]:
        """Derm1M's released form: node name -> names of its children, with a `root` key."""
        out: dict[str, list[str]] = {}
        for nid, node in sorted(self.conditions.items()):
            kids = self.children(nid)
            key = "root" if nid == ROOT_ID else node.name
            out[key] = [self.conditions[k].name for k in kids]
        return dict(sorted(out.items()))

    def full_json(self) -> dict[str, Any]:
        def ser(n: Node) -> dict[str, Any]:
            d = {"id": n.id, "name": n.name, "parent": n.parent, "level": n.level}
            for k in ("synonyms", "abbreviations", "context", "ambiguous"):
                if getattr(n, k):
                    d[k] = list(getattr(n, k))
            if n.codes:
                d["codes"] = dict(n.codes)
            if n.category:
                d["category"] = n.category
            return d

        return {
            "conditions": [ser(n) for _, n in sorted(self.conditions.items())],
            "concepts": [ser(n) for _, n in sorted(self.concepts.items())],
            "body_sites": [ser(n) for _, n in sorted(self.body_sites.items())],
        }

    def digest(self) -> str:
        return digest_obj(self.full_json())


@lru_cache(maxsize=4)
def _load(dir_str: str) -> Ontology:
    d = Path(dir_str)
    if not d.is_dir():
        raise UserError(f"ontology folder not found: {d}")
    conds = [_node(e, "condition", d / "conditions.yaml") for e in _read_yaml(d / "conditions.yaml")]
    if not any(n.id == ROOT_ID for n in conds):
        conds.insert(0, Node(id=ROOT_ID, name="Skin condition ontology", parent=None, kind="condition"))
    concepts = [_node(e, "concept", d / "concepts.yaml") for e in _read_yaml(d / "concepts.yaml")] \
        if (d / "concepts.yaml").exists() else []
    sites = [_node(e, "body_site", d / "body_sites.yaml") for e in _read_yaml(d / "body_sites.yaml")] \
        if (d / "body_sites.yaml").exists() else []
    return Ontology(conds, concepts, sites, d)


def load_ontology(path: str | Path | None = None) -> Ontology:
    return _load(str(Path(path or default_ontology_dir()).resolve()))
