"""Check the ontology files: schema, tree shape, names, shared and context-dependent terms, mappings.

`validate_ontology(dir)` returns every problem as one line (empty list = valid) instead of stopping at
the first, so `derm1m-build ontology validate` can show a dermatologist all of them at once. It works on
the parsed files, not on a loaded `Ontology`, so it can report a cycle or a duplicate id that loading
would refuse.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import jsonschema

from derm1m_build.errors import UserError
from derm1m_build.ontology.loader import ROOT_ID, condition_files, default_ontology_dir, normalise_term, read_yaml_file

MAX_LEVEL = 4  # Derm1M's tree: level-1 branches down to level-4 diagnoses
# A diagnosis's own forms (melanoma in situ and nodular melanoma under malignant melanoma, Bowen's disease under
# squamous cell carcinoma) are marked `subtype: true` and may sit one level further down, as leaves: the
# four category levels stay Derm1M's, and a subtype's path names the diagnosis it is a form of.


def load_schema(d: Path) -> dict:
    try:
        return json.loads((d / "schema.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"ontology folder {d}: schema.json is missing") from None


def common_words(d: Path | None = None) -> frozenset[str]:
    """The normalised common English words listed in `common_words.txt` (comments and blanks skipped)."""
    p = Path(d or default_ontology_dir()) / "common_words.txt"
    if not p.is_file():
        return frozenset()
    lines = (ln.split("#", 1)[0].strip() for ln in p.read_text(encoding="utf-8").splitlines())
    return frozenset(normalise_term(ln) for ln in lines if ln)


def _validator(schema: dict, part: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({**schema, "$ref": f"#/$defs/{part}"})


def _schema_problems(v: jsonschema.Draft202012Validator, data, rel: str) -> list[str]:
    out = []
    for e in sorted(v.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        where = "/".join(str(p) for p in e.absolute_path)
        if e.absolute_path and isinstance(data, list) and isinstance(e.absolute_path[0], int):
            entry = data[e.absolute_path[0]]
            if isinstance(entry, dict) and "id" in entry:
                where = f"{entry['id']}" + where[len(str(e.absolute_path[0])):]
        out.append(f"{rel}: {where or '(file)'}: {e.message}")
    return out


def _checked_yaml(f: Path, v: jsonschema.Draft202012Validator, rel: str) -> tuple[Any, list[str]]:
    """A YAML file's data and its problems: the read error, or where it breaks `v`'s schema. Node files and
    mapping files are read and checked alike, and the data is only to be used when the list is empty."""
    try:
        data = read_yaml_file(f)
    except UserError as e:
        return None, [str(e)]
    return data, _schema_problems(v, data, rel)


def _terms(e: dict) -> list[tuple[str, str]]:
    """(field, term) for the entry's name, synonyms and abbreviations."""
    out = [("name", str(e.get("name", "")))]
    out += [("synonyms", str(t)) for t in e.get("synonyms") or []]
    out += [("abbreviations", str(t)) for t in e.get("abbreviations") or []]
    return out


def _shared_term_problems(entries: list[dict], kind: str) -> list[str]:
    """A term (name, synonym or abbreviation) on two nodes of one kind must be marked ambiguous on each."""
    owners: dict[str, list[str]] = defaultdict(list)
    for e in entries:
        seen: set[str] = set()
        for field, t in _terms(e):
            key = normalise_term(t) if field != "abbreviations" else "abbr:" + t
            if key in seen:
                continue
            seen.add(key)
            owners[key].append(e["id"])
    out = []
    by_id = {e["id"]: e for e in entries}
    for key, ids in sorted(owners.items()):
        if len(ids) < 2:
            continue
        term = key[5:] if key.startswith("abbr:") else key
        for nid in ids:
            marked = {normalise_term(a) if not key.startswith("abbr:") else a for a in by_id[nid].get("ambiguous") or []}
            if term not in marked:
                others = ", ".join(i for i in ids if i != nid)
                out.append(f"{kind} {nid}: term {term!r} is also on {others}; list it in `ambiguous` on each "
                           "or keep it on one node")
    for e in entries:
        own = {normalise_term(t) for _, t in _terms(e)} | {t for f, t in _terms(e) if f == "abbreviations"}
        for a in e.get("ambiguous") or []:
            if a not in own and normalise_term(a) not in own:
                out.append(f"{kind} {e['id']}: ambiguous {a!r} is not one of its own terms")
            elif len(owners.get(normalise_term(a), [])) < 2 and len(owners.get("abbr:" + a, [])) < 2:
                out.append(f"{kind} {e['id']}: ambiguous {a!r} is not shared with any other {kind}; drop the mark")
    return out


def _term_problems(entries: list[dict], kind: str, common: frozenset[str]) -> list[str]:
    out = []
    for e in entries:
        nid = e["id"]
        seen: dict[str, str] = {}
        for field, t in _terms(e):
            # the tagger reads a comma as a clause mark, so "thickened, tight skin" is a key of its own beside
            # "thickened tight skin" (round 39's vocabulary), not a repeat
            key = normalise_term(t) + ("," if "," in t else "")
            if field != "abbreviations" and key in seen:
                out.append(f"{kind} {nid}: {field[:-1] if field != 'name' else field} {t!r} repeats {seen[key]!r}")
            seen.setdefault(key, t)
        names_syns = {normalise_term(t) for f, t in _terms(e) if f != "abbreviations"}
        ctx_terms = {normalise_term(t) for t in e.get("context_terms") or []}
        for t in e.get("context_terms") or []:
            if normalise_term(t) not in names_syns:
                out.append(f"{kind} {nid}: context_terms {t!r} is not its name or a synonym")
        if ctx_terms and not e.get("context"):
            out.append(f"{kind} {nid}: context_terms without `context` words")
        for field, t in _terms(e):
            if field == "abbreviations" or normalise_term(t) not in common:
                continue
            if not e.get("context"):
                out.append(f"{kind} {nid}: {t!r} is a common English word; add `context` words "
                           f"(and list it in `context_terms`)")
            elif ctx_terms and normalise_term(t) not in ctx_terms:
                out.append(f"{kind} {nid}: {t!r} is a common English word; list it in `context_terms`")
    return out


def _tree_problems(conds: list[dict]) -> list[str]:
    out = []
    by_id: dict[str, dict] = {}
    for e in conds:
        if e["id"] in by_id:
            out.append(f"condition {e['id']}: duplicate id")
        by_id.setdefault(e["id"], e)
    roots = [e["id"] for e in conds if e.get("parent") is None]
    if roots != [ROOT_ID]:
        out.append(f"conditions: exactly one node, {ROOT_ID!r}, may have no parent (found {roots})")
    for e in conds:
        p = e.get("parent")
        if p is not None and p not in by_id:
            out.append(f"condition {e['id']}: parent {p!r} is not a condition id")
    # levels, cycles
    level: dict[str, int] = {}
    for nid in by_id:
        chain, cur = [], nid
        while cur is not None and cur in by_id and cur not in level:
            if cur in chain:
                cyc = chain[chain.index(cur):] + [cur]
                out.append(f"condition {cur}: parent cycle {' -> '.join(cyc)}")
                for c in chain:
                    level[c] = -1
                break
            chain.append(cur)
            cur = by_id[cur].get("parent")
        else:
            base = level.get(cur, -1) if cur is not None else -1
            if cur is not None and cur not in by_id:
                base = 0  # unknown parent, reported above; count from level 1
            for i, c in enumerate(reversed(chain)):
                level[c] = (base + 1 + i) if base >= 0 or cur is None else -1
    has_child = {e.get("parent") for e in conds}
    for nid, lv in sorted(level.items()):
        sub = by_id[nid].get("subtype") is True
        if sub and nid in has_child:
            out.append(f"condition {nid}: a subtype has children ({', '.join(sorted(e['id'] for e in conds if e.get('parent') == nid))}); "
                       "a subtype is a leaf under the diagnosis it is a form of")
        if sub and 0 <= lv <= 3:
            out.append(f"condition {nid}: subtype at level {lv}; a subtype sits under a diagnosis (level 3 or 4), "
                       "not under a branch")
        elif lv > MAX_LEVEL + (1 if sub else 0):
            what = "leaf" if nid not in has_child else "node"
            out.append(f"condition {nid}: {what} at level {lv}; at most {MAX_LEVEL} levels below the root"
                       + (" (a subtype: one more)" if sub else ""))
    names: dict[str, str] = {}
    for e in conds:
        key = str(e.get("name", "")).casefold()
        if key in names and names[key] != e["id"]:
            out.append(f"condition {e['id']}: name {e['name']!r} is also the name of {names[key]} "
                       "(ontology.json is keyed by name)")
        names.setdefault(key, e["id"])
    return out


def _flat_problems(entries: list[dict], kind: str) -> list[str]:
    ids = {e["id"] for e in entries}
    return [f"{kind} {e['id']}: parent {e['parent']!r} is not a {kind} id"
            for e in entries if e.get("parent") is not None and e["parent"] not in ids]


def validate_ontology(d: str | Path | None = None) -> list[str]:
    """Every problem in the ontology folder `d`, one line each; [] when it is valid."""
    d = Path(d or default_ontology_dir())
    if not d.is_dir():
        raise UserError(f"ontology folder not found: {d}")
    schema = load_schema(d)
    node_v, map_v = _validator(schema, "node_file"), _validator(schema, "mapping_file")
    problems: list[str] = []
    kinds: dict[str, list[dict]] = {"condition": [], "concept": [], "body_site": []}
    files = [("condition", f) for f in condition_files(d)]
    files += [(k, d / n) for k, n in (("concept", "concepts.yaml"), ("body_site", "body_sites.yaml")) if (d / n).is_file()]
    if not any(k == "condition" for k, _ in files):
        problems.append(f"{d}: no conditions.yaml or conditions/*.yaml")
    for kind, f in files:
        rel = str(f.relative_to(d))
        data, bad = _checked_yaml(f, node_v, rel)
        problems += bad
        if bad:
            continue
        kinds[kind] += data or []
    if problems:  # the checks below assume well-formed files: report format problems first
        return problems
    all_ids: dict[str, str] = {}
    for kind, entries in kinds.items():
        for e in entries:
            if e["id"] in all_ids and all_ids[e["id"]] != kind:
                problems.append(f"{kind} {e['id']}: id already used by a {all_ids[e['id']]}")
            all_ids.setdefault(e["id"], kind)
    common = common_words(d)
    problems += _tree_problems(kinds["condition"])
    for kind in ("concept", "body_site"):
        seen: set[str] = set()
        for e in kinds[kind]:
            if e["id"] in seen:
                problems.append(f"{kind} {e['id']}: duplicate id")
            seen.add(e["id"])
        problems += _flat_problems(kinds[kind], kind)
    for kind, entries in kinds.items():
        problems += _term_problems(entries, kind, common)
        problems += _shared_term_problems(entries, kind)
    cond_ids = {e["id"] for e in kinds["condition"]}
    problems += _mapping_problems(d, map_v, cond_ids)
    return problems


def _mapping_problems(d: Path, map_v: jsonschema.Draft202012Validator, cond_ids: set[str]) -> list[str]:
    problems: list[str] = []
    mdir = d / "mappings"
    for f in sorted(mdir.glob("*.yaml")) if mdir.is_dir() else []:
        rel = str(f.relative_to(d))
        data, bad = _checked_yaml(f, map_v, rel)
        problems += bad
        if bad:
            continue
        if data["dataset"] != f.stem:
            problems.append(f"{rel}: dataset {data['dataset']!r} does not match the file name {f.stem!r}")
        for label, nid in data["labels"].items():
            if nid not in cond_ids:
                problems.append(f"{rel}: label {label!r} maps to {nid!r}, which is not a condition id")
        for label in sorted(set(data.get("unlabelled") or []) & set(data["labels"])):
            problems.append(f"{rel}: label {label!r} is both mapped and unlabelled")
    return problems
