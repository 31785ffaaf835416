"""The tagger on both evaluation sets, per style, beside the peer baselines.

    python -m benchmarks.tagger.sets                 # both sets, all taggers
    python -m benchmarks.tagger.sets --errors ours   # also list our misses on the first independent set (tuning)
    python -m benchmarks.tagger.sets --only ours --errors ours --errors-set independent2   # on the held-out set

Sets: the second independent set, frozen before this round's changes and never tuned on
(`benchmarks/tagger/independent2/independent2.jsonl`, see its README); the first independent set
(`benchmarks/tagger/independent/independent.jsonl`), reported on earlier and since then a tuning set;
and the gold set the tagger was first tuned on (`tests/data/tagger_gold.jsonl`). Taggers: ours;
the rapidfuzz n-gram baseline (`process.cdist`, cutoff 90; `bench.Baseline`); and, where built, the
ConText peer baseline (`benchmarks/tagger/peer.py`). Every tagger's `disease_label` comes from the same
`labels_for`, so the label column compares what each tagger finds, not two label rules.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.tagger.bench import GOLD, Baseline
from derm1m_build.ontology import load_ontology
from derm1m_build.tagger import Tagger, labels_for
from derm1m_build.tagger.evaluate import evaluate, format_report, load_gold

INDEPENDENT = Path(__file__).resolve().parent / "independent" / "independent.jsonl"
INDEPENDENT2 = Path(__file__).resolve().parent / "independent2" / "independent2.jsonl"


def taggers(onto) -> dict:
    out = {"ours": Tagger(onto), "rapidfuzz": Baseline(onto)}
    try:
        from benchmarks.tagger.peer import ContextBaseline
    except ImportError:
        return out
    out["context"] = ContextBaseline(onto)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", default=None, help="list this tagger's misses on the independent set")
    ap.add_argument("--tuning-only", action="store_true", help="leave the held-out set out (while tuning)")
    ap.add_argument("--errors-set", default="independent", choices=("independent", "independent2", "gold"),
                    help="which set --errors lists (independent2 is held out: read it to report, never to tune)")
    ap.add_argument("--only", default=None, help="run this tagger only")
    a = ap.parse_args()
    onto = load_ontology()
    tg = taggers(onto)
    if a.only:
        tg = {a.only: tg[a.only]}

    def label(res):
        return labels_for(res, onto)["disease_label"]

    error_path = {"independent2": INDEPENDENT2, "gold": GOLD}.get(a.errors_set, INDEPENDENT)
    sets = (("independent set 2 (held out, frozen at 239a222)", INDEPENDENT2),
            ("independent set 1 (reported earlier, now tuning)", INDEPENDENT), ("gold set (tuning)", GOLD))
    for set_name, path in sets[1:] if a.tuning_only else sets:
        rows = load_gold(path)
        print(f"== {set_name}: {len(rows)} texts ({path.name})")
        for name, t in tg.items():
            rep = evaluate(rows, onto, t.tag, label)
            print(f"-- {name}")
            print(format_report(rep, "all"))
            if name == a.errors and path == error_path:
                for e in rep.errors:
                    print(f"   {e['id']}: {e['text'][:160]}\n     expected {e['expected']}\n     got      {e['got']}")
                for e in rep.label_errors:
                    print(f"   LABEL {e['id']}: expected {e['expected']!r} got {e['got']!r}: {e['text'][:120]}")
                print("   negated reported as asserted:", ", ".join(rep.negated_as_asserted) or "none")
        print()


if __name__ == "__main__":
    main()
