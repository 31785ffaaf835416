"""The tagger's condition and label errors over every tuning set, grouped by kind and by text cue.

    PYTHONPATH=. python -m benchmarks.tagger.error_causes                     # the table, every tuning set
    PYTHONPATH=. python -m benchmarks.tagger.error_causes --dump /tmp/e.jsonl # also every error, one a line

A condition error is split into one row per condition that differs: `missed` (in the set, not found), `false` (found,
not in the set), or a status swap (`!->?` means the set asserts it and the tagger hedges it; `?->!`, `-->!`, ...). A
status swap is then given the first text cue below that its text holds (a warning list, a conditional, a general
statement, a user's own report, history), so a cue seen in several sets shows as one row with a count per set. A
label error is counted apart when the text's conditions are all right (the label choice, not the status rules).
Held-out sets are never read: only `sets.tuning_sets()`.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict

from benchmarks.tagger.sets import HELD_OUT, tuning_sets
from derm1m_build.ontology import load_ontology
from derm1m_build.tagger import Tagger, labels_for
from derm1m_build.tagger.evaluate import evaluate, load_gold

SIGN = {"asserted": "!", "uncertain": "?", "negated": "-"}

# Text cues for a status swap, first match wins (a rough grouping for reading, not a rule of the tagger).
CUES: tuple[tuple[str, re.Pattern], ...] = tuple((name, re.compile(rx, re.I)) for name, rx in (
    ("warning / seek-care list", r"\b(seek|get|call|see a|go to|urgent|emergency|warning signs?|red flags?|watch for|"
                                 r"look out for|contact)\b"),
    ("conditional (if / when / unless)", r"\b(if|when|unless|in case)\b"),
    ("signs / symptoms / risk teaching", r"\b(signs? of|symptoms? of|risk|can cause|may cause|causes?|such as|"
                                         r"include|including|e\.g\.|like)\b"),
    ("general statement (is rare / common / X are)", r"\b(rare|common|usually|typically|often|most|people|patients|"
                                                     r"anyone|children)\b"),
    ("history / previous", r"\b(history|previous|prior|past|had|years ago|aged|treated for|resolved)\b"),
    ("first person report", r"\b(I|my|me|I'm|I've)\b"),
    ("hedge word", r"\b(maybe|possibl\w*|probabl\w*|likely|think|suspect\w*|could|might|may|consistent|favou?r)\b"),
    ("negation word", r"\b(no|not|without|denies|negative|ruled out|absent|never)\b"),
))


def cue(text: str) -> str:
    for name, rx in CUES:
        if rx.search(text):
            return name
    return "no cue"


def diff_rows(err: dict) -> list[tuple[str, str]]:
    """(kind, condition id) for each condition whose status differs."""
    (want, _), (got, _) = err["expected"], err["got"]
    out = []
    for cid in sorted(set(want) | set(got)):
        w, g = want.get(cid), got.get(cid)
        if w == g:
            continue
        if g is None:
            out.append(("missed", cid))
        elif w is None:
            out.append(("false", cid))
        else:
            out.append((f"{SIGN.get(w, w)}->{SIGN.get(g, g)}", cid))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dump", default=None, help="write every error (one JSON object a line) here")
    ap.add_argument("--examples", type=int, default=3, help="example ids per table row")
    a = ap.parse_args()
    onto = load_ontology()
    tg = Tagger(onto)
    by_kind: dict[tuple[str, str], Counter] = defaultdict(Counter)
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    label_only: Counter = Counter()
    label_ex: list[str] = []
    dump = open(a.dump, "w") if a.dump else None
    sets = [s for s in tuning_sets() if s.key not in HELD_OUT]
    for eset in sets:
        rows = load_gold(eset.path)
        rep = evaluate(rows, onto, tg.tag, lambda r: labels_for(r, onto)["disease_label"])
        cond_err = set()
        for e in rep.errors:
            for kind, cid in diff_rows(e):
                if kind in ("missed", "false"):
                    key = (kind, "")
                else:
                    key = (kind, cue(e["text"]))
                cond_err.add(e["id"])
                by_kind[key][eset.key] += 1
                if len(examples[key]) < 40:
                    examples[key].append(e["id"])
                if dump:
                    dump.write(json.dumps({"set": eset.key, "id": e["id"], "kind": kind, "cid": cid, "cue": key[1],
                                           "text": e["text"]}) + "\n")
        for e in rep.label_errors:
            if e["id"] in cond_err:
                continue
            label_only[eset.key] += 1
            label_ex.append(e["id"])
            if dump:
                dump.write(json.dumps({"set": eset.key, "id": e["id"], "kind": "label", "expected": e["expected"],
                                       "got": e["got"], "text": e["text"]}) + "\n")
    if dump:
        dump.close()
    keys = [s.key for s in sets]
    print("| kind | cue | sets with it | total | per set | examples |")
    print("|---|---|---:|---:|---|---|")
    for key, cnt in sorted(by_kind.items(), key=lambda kv: (-len(kv[1]), -sum(kv[1].values()))):
        per = ", ".join(f"{k.replace('independent', 'in') or 'in1'} {cnt[k]}" for k in keys if cnt[k])
        ex = ", ".join(examples[key][:a.examples])
        print(f"| {key[0]} | {key[1]} | {len(cnt)} | {sum(cnt.values())} | {per} | {ex} |")
    per = ", ".join(f"{k.replace('independent', 'in')} {label_only[k]}" for k in keys if label_only[k])
    print(f"| label only (conditions right) | | {len(label_only)} | {sum(label_only.values())} | {per} | "
          f"{', '.join(label_ex[:a.examples])} |")


if __name__ == "__main__":
    main()
