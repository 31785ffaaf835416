"""Same output before and after a speed change: tag ~36k real-style texts and compare every result.

    python -m benchmarks.tagger.identity --save /tmp/tag_ref.jsonl     # before the change
    python -m benchmarks.tagger.identity --check /tmp/tag_ref.jsonl    # after it: lists any text that differs

The texts: every real sentence the million benchmark draws from (PubMed titles and abstract sentences,
the gold set, the first independent set), the second set's texts, and 30,000 captions made from them
as the million benchmark makes its captions (seed 7). Each result is the tag stage's view: conditions
and concepts with spans and flags, and the label columns from `labels_for`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time

from benchmarks.tagger.million import HERE, make_captions, sentences
from derm1m_build.ontology import load_ontology
from derm1m_build.tagger import Tagger, labels_for


def texts(n_captions: int = 30_000) -> list[str]:
    pool = sentences()
    held = [json.loads(line)["text"] for line in (HERE / "independent2" / "independent2.jsonl").open(encoding="utf-8")]
    return pool + held + make_captions(n_captions, 7, pool)


def outputs(tagger: Tagger, onto, items: list[str], batch: int = 1000) -> list[str]:
    """Tagged in batches with `tag_many`, as the tag stage does (repeated texts come from its result cache;
    a reference saved before the cache existed was made with `tag`, one text at a time)."""
    out = []
    results = [r for lo in range(0, len(items), batch) for r in tagger.tag_many(items[lo:lo + batch])]
    for r in results:
        d = r.as_json()
        d["hist"] = [[m.historical, m.hedged, m.weak] for m in r.conditions]
        d["labels"] = labels_for(r, onto)
        out.append(json.dumps(d, sort_keys=True, ensure_ascii=False))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--save", help="write the outputs here (one JSON line per text)")
    g.add_argument("--check", help="compare with outputs saved earlier")
    ap.add_argument("--captions", type=int, default=30_000)
    a = ap.parse_args()
    onto = load_ontology()
    tagger = Tagger(onto)
    items = texts(a.captions)
    t0 = time.process_time()
    got = outputs(tagger, onto, items)
    cpu = time.process_time() - t0
    digest = hashlib.sha256("\n".join(got).encode()).hexdigest()[:16]
    print(f"{len(items):,} texts tagged in {cpu:.1f} CPU-s; outputs digest {digest}")
    if a.save:
        with open(a.save, "w", encoding="utf-8") as f:
            f.write("\n".join(got) + "\n")
        return
    ref = open(a.check, encoding="utf-8").read().splitlines()
    if len(ref) != len(got):
        raise SystemExit(f"reference has {len(ref)} texts, this run {len(got)}")
    diff = [i for i, (x, y) in enumerate(zip(ref, got)) if x != y]
    for i in diff[:20]:
        print(f"DIFF {i}: {items[i][:120]}\n  was {ref[i][:300]}\n  now {got[i][:300]}")
    print(f"{len(diff)} of {len(got):,} texts differ")
    if diff:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
