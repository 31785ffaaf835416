"""Load `ontology/*.yaml` into an `Ontology`.

Files: `conditions/*.yaml` (read in file-name order) and/or `conditions.yaml` (the tree of skin
conditions; the root's children are level 1), `concepts.yaml` (clinical concepts, grouped by
category), `body_sites.yaml`. Each entry: `id`, `name`, `parent`, optional `synonyms`,
`abbreviations` (short forms a tagger should only trust near dermatological context), `codes`
(external codes: DOID, UMLS, SNOMEDCT, ICD10, ICD10CM), `context` (words one of which must be near
for a context-dependent term), `context_terms` (which of the node's terms need that context; when
empty, `context` applies to every name and synonym), `ambiguous` (terms this node shares with
another node), `category`. `ontology/schema.json` describes the format; `validate.py` checks it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from derm1m_build.errors import UserError
from derm1m_build.hashing import digest_obj

ROOT_ID = "root"


def default_ontology_dir() -> Path:
    from derm1m_build.resources import data_dir

    return data_dir("ontology")  # DERM1M_ONTOLOGY, the wheel's copy, or the checkout's ontology/


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
    context_terms: tuple[str, ...] = ()  # the terms `context` applies to (empty: all names and synonyms)
    subtype: bool = False  # a form of its parent diagnosis (melanoma in situ): may sit one level below level 4

    @property
    def code_map(self) -> dict[str, str]:
        return dict(self.codes)

    @property
    def terms(self) -> tuple[str, ...]:
        """Every surface form: the preferred name, synonyms, then abbreviations (in file order)."""
        return (self.name, *self.synonyms, *self.abbreviations)

    def needs_context(self, term: str) -> bool:
        """Whether `term` (one of this node's names or synonyms) only counts with a `context` word near.

        Abbreviations are not covered here: a tagger should always ask for context around them.
        """
        if not self.context:
            return False
        if not self.context_terms:
            return True
        key = normalise_term(term)
        return any(normalise_term(t) == key for t in self.context_terms)


_NORM_DROP = re.compile(r"[^\w\s']", re.UNICODE)


def normalise_term(s: str) -> str:
    """The comparison form of a term: case-folded, accents kept, hyphens and punctuation as spaces,
    curly apostrophes straightened, whitespace collapsed ("Athlete’s-foot" -> "athlete's foot")."""
    s = s.replace("\u2019", "'").replace("\u2018", "'").casefold()
    s = _NORM_DROP.sub(" ", s.replace("-", " ").replace("/", " "))
    return " ".join(s.split())


def _as_tuple(v: Any) -> tuple:
    if v is None:
        return ()
    if isinstance(v, (list, tuple)):
        return tuple(str(x) for x in v)
    return (str(v),)


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe YAML loader that refuses a mapping with the same key twice (PyYAML keeps the last one
    silently, which would hide a mistyped duplicate label or field). On libyaml's parser where PyYAML
    has it (the same documents, ~6x less CPU: 0.06 against 0.37 CPU-s for the ontology, paid by every
    process that builds a tagger, e.g. each harvest pool's forkserver before its first worker starts);
    the constructors, and so the values and the duplicate-key check, are PyYAML's own either way."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml_file(path: Path) -> Any:
    """Parse one ontology YAML file (duplicate keys are an error), raising UserError on bad YAML."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506 (safe subclass)
    except yaml.YAMLError as e:
        raise UserError(f"ontology file {path}: not valid YAML: {' '.join(str(e).split())}") from None
    except OSError as e:
        raise UserError(f"ontology file {path}: cannot read: {e.strerror}") from None


def condition_files(d: Path) -> list[Path]:
    """`conditions.yaml` (if present) then `conditions/*.yaml` in file-name order."""
    files = [d / "conditions.yaml"] if (d / "conditions.yaml").is_file() else []
    if (d / "conditions").is_dir():
        files += sorted((d / "conditions").glob("*.yaml"))
    return files


def _read_yaml(path: Path) -> list[dict]:
    data = read_yaml_file(path)
    if data is None:
        return []
    if isinstance(data, dict) and "nodes" in data:
        data = data["nodes"]
    if not isinstance(data, list):
        raise UserError(f"ontology file {path}: expected a list of entries")
    return data


KNOWN_KEYS = {"id", "name", "parent", "synonyms", "abbreviations", "codes", "context", "ambiguous", "category",
              "notes", "context_terms", "subtype"}


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
        context_terms=_as_tuple(entry.get("context_terms")), subtype=entry.get("subtype") is True,
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

    # finding nodes by what people call them
    def term_index(self) -> dict[str, list[tuple[str, str]]]:
        """Normalised name or synonym -> [(kind, node id)] over conditions, concepts and body sites."""
        if getattr(self, "_term_index", None) is None:
            self._build_indexes()
        return self._term_index

    def abbreviation_index(self) -> dict[str, list[tuple[str, str]]]:
        """Abbreviation, exactly as written (case matters: "AD" but not "ad") -> [(kind, node id)]."""
        if getattr(self, "_abbr_index", None) is None:
            self._build_indexes()
        return self._abbr_index

    def _build_indexes(self) -> None:
        terms: dict[str, list[tuple[str, str]]] = {}
        abbrs: dict[str, list[tuple[str, str]]] = {}
        for kind, nodes in (("condition", self.conditions), ("concept", self.concepts),
                            ("body_site", self.body_sites)):
            for nid, n in sorted(nodes.items()):
                for idx, forms in ((terms, [normalise_term(t) for t in (n.name, *n.synonyms)]),
                                   (abbrs, list(n.abbreviations))):
                    for key in forms:
                        hits = idx.setdefault(key, [])
                        if (kind, nid) not in hits:
                            hits.append((kind, nid))
        self._term_index, self._abbr_index = terms, abbrs

    def any_node(self, kind: str, nid: str) -> Node:
        return {"condition": self.conditions, "concept": self.concepts, "body_site": self.body_sites}[kind][nid]

    def find(self, text: str) -> list[tuple[str, str]]:
        """Nodes that `text` names exactly: an id, a preferred name, a synonym or an abbreviation
        (abbreviations exactly as written first, then ignoring case)."""
        hits = [(kind, text) for kind, nodes in (("condition", self.conditions), ("concept", self.concepts),
                                                 ("body_site", self.body_sites)) if text in nodes]
        more = self.term_index().get(normalise_term(text)) or self.abbreviation_index().get(text.strip())
        if not more and not hits:
            folded = text.strip().casefold()
            more = [h for a, hs in sorted(self.abbreviation_index().items()) if a.casefold() == folded for h in hs]
        return hits + [h for h in more or [] if h not in hits]

    def lookup(self, text: str, max_words: int = 8) -> list[tuple[str, str, str]]:
        """(matched words, kind, node id) for each term found in `text`, longest match first, left to right.

        A whole-phrase match wins; otherwise the phrase is scanned for the longest known name or
        synonym at each word, and for abbreviations written exactly (so "BCC" counts, "bcc" does not),
        so "an itchy tinea pedis between the toes" finds tinea pedis.
        """
        idx, abbr = self.term_index(), self.abbreviation_index()
        whole = normalise_term(text)
        if whole in idx:
            return [(whole, k, n) for k, n in idx[whole]]
        raw = _NORM_DROP.sub(" ", text.replace("\u2019", "'").replace("-", " ").replace("/", " ")).split()
        words = [w.casefold() for w in raw]
        out: list[tuple[str, str, str]] = []
        i = 0
        while i < len(words):
            for n in range(min(max_words, len(words) - i), 0, -1):
                key = " ".join(words[i:i + n])
                if key in idx:
                    out += [(key, k, nid) for k, nid in idx[key]]
                    i += n
                    break
            else:
                out += [(raw[i], k, nid) for k, nid in abbr.get(raw[i], [])]
                i += 1
        return out

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
            for k in ("synonyms", "abbreviations", "context", "context_terms", "ambiguous"):
                if getattr(n, k):
                    d[k] = list(getattr(n, k))
            if n.codes:
                d["codes"] = dict(n.codes)
            if n.category:
                d["category"] = n.category
            if n.subtype:
                d["subtype"] = True
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
    files = condition_files(d)
    if not files:
        raise UserError(f"ontology folder {d}: no conditions.yaml or conditions/*.yaml")
    conds = [_node(e, "condition", f) for f in files for e in _read_yaml(f)]
    if not any(n.id == ROOT_ID for n in conds):
        conds.insert(0, Node(id=ROOT_ID, name="Skin condition ontology", parent=None, kind="condition"))
    concepts = [_node(e, "concept", d / "concepts.yaml") for e in _read_yaml(d / "concepts.yaml")] \
        if (d / "concepts.yaml").exists() else []
    sites = [_node(e, "body_site", d / "body_sites.yaml") for e in _read_yaml(d / "body_sites.yaml")] \
        if (d / "body_sites.yaml").exists() else []
    return Ontology(conds, concepts, sites, d)


def load_ontology(path: str | Path | None = None) -> Ontology:
    return _load(str(Path(path or default_ontology_dir()).resolve()))
