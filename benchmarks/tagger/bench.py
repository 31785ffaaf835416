"""Tagger benchmark: F1 on the gold set and throughput on synthetic captions, against a rapidfuzz baseline.

    python -m benchmarks.tagger.bench                       # 1,000,000 captions, 2 workers
    python -m benchmarks.tagger.bench --n 100000 --baseline-n 1000

The baseline is the plain approach: every 1-, 2- and 3-word n-gram of a caption scored against every
name and synonym with rapidfuzz (`fuzz.ratio`, cutoff 90), a hit tags its node, no negation; run two
ways, vectorised (`process.cdist`, one call per caption) and as the plain loop (`process.extractOne`
per n-gram). Both are timed on a subsample (`--baseline-n`) with the same workers and extrapolated to
`--n`; the output says so. Captions are generated deterministically (~41 words: lecture, figure caption, forum
and metadata styles, with typos, negations and abbreviations) before the clock starts.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import re
import resource
import time
from pathlib import Path

from derm1m_build.ontology import load_ontology
from derm1m_build.tagger import Match, TagResult, Tagger, labels_for
from derm1m_build.tagger.evaluate import evaluate, load_gold
from derm1m_build.tagger.lexicon import tagged_nodes
from derm1m_build.tagger.normalise import normalise_name

GOLD = Path(__file__).resolve().parents[2] / "tests" / "data" / "tagger_gold.jsonl"

FILLER = ("so here we can see the patient is a middle aged man who came to clinic with this for about three months "
          "and it was treated before with a topical steroid cream but did not really get better over time you "
          "notice the border and the surface as well as the colour when you look closely at the image in good "
          "light and also the distribution on the body which helps a lot").split()
SITES = ("face", "scalp", "back", "chest", "arms", "legs", "hands", "feet", "trunk", "neck", "nails")
TEMPLATES = (
    "{f1} this is {c1} with {k1} and {k2} on the {s} {f2}",
    "Figure {i}. Clinical photograph of {k1} {k2} on the {s} consistent with {c1}; no evidence of {c2}. {f2}",
    "{f1} my doctor said it was {c1} but it could be {c2} honestly not sure, there are {k1} on my {s} {f2}",
    "diagnosis: {c1}; site: {s}; findings: {k1}, {k2}; ddx: {c2}. {f2}",
    "{f1} the differential includes {c1} and {c2} given the {k1} {k2} on the {s} {f2}",
    "{f1} {c1} on the {s} with {k1}. {f2}",
)


def _typo(rng: random.Random, w: str) -> str:
    if len(w) < 6:
        return w
    i = rng.randrange(1, len(w) - 1)
    return w[:i] + w[i + 1:] if rng.random() < 0.5 else w[:i] + w[i + 1] + w[i] + w[i + 2:]


def make_captions(n: int, seed: int, ontology) -> list[str]:
    rng = random.Random(seed)
    conds = sorted({a for k, nid in tagged_nodes(ontology) if k == "condition"
                    for a in (ontology.node(nid).name, *ontology.node(nid).synonyms)})
    concs = sorted({a for k, nid in tagged_nodes(ontology) if k == "concept"
                    for a in (ontology.node(nid).name, *ontology.node(nid).synonyms)})
    out = []
    for i in range(n):
        t = TEMPLATES[i % len(TEMPLATES)]
        c1, c2 = rng.choice(conds), rng.choice(conds)
        if rng.random() < 0.05:
            c1 = _typo(rng, c1)
        fixed = len(re.sub(r"\{f[12]\}", "", t).split()) + 2
        pad = max(0, 41 - fixed)
        first = rng.randrange(0, pad + 1) if "{f1}" in t else 0
        s = t.format(f1=" ".join(rng.sample(FILLER, first)), f2=" ".join(rng.sample(FILLER, pad - first)),
                     c1=c1, c2=c2, k1=rng.choice(concs), k2=rng.choice(concs), s=rng.choice(SITES), i=i % 90 + 1)
        out.append(" ".join(s.split()))
    return out


QUALIFIERS = ("acute", "chronic", "linear", "annular", "bullous", "childhood", "facial", "genital", "eruptive",
              "familial", "follicular", "generalized", "guttate", "hypertrophic", "localized", "nodular", "papular",
              "perioral", "pigmented", "pustular", "recurrent", "segmental", "superficial", "systemic",
              "ulcerative", "verrucous", "zosteriform", "congenital", "atrophic", "disseminated")


def synthetic_ontology(base, per_leaf: int, folder: Path):
    """The ontology plus `per_leaf` children under each leaf ("chronic psoriasis", ...): a full-size
    ontology's name count, to show how each approach scales with it. Speed only; its F1 is not reported."""
    import yaml

    full = base.full_json()
    conds = [{k: v for k, v in n.items() if k != "level"} for n in full["conditions"]]
    leaves = [n for n in full["conditions"] if base.is_leaf(n["id"]) and n["parent"]]
    for n in leaves:
        for q in QUALIFIERS[:per_leaf]:
            conds.append({"id": f"{n['id']}--{q}", "name": f"{q} {n['name']}", "parent": n["id"],
                          "synonyms": [f"{n['name']}, {q}"]})
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conditions.yaml").write_text(yaml.safe_dump(conds, sort_keys=True), encoding="utf-8")
    (folder / "concepts.yaml").write_text(yaml.safe_dump(full["concepts"], sort_keys=True), encoding="utf-8")
    (folder / "body_sites.yaml").write_text(yaml.safe_dump(full["body_sites"], sort_keys=True), encoding="utf-8")
    return load_ontology(folder)


class Baseline:
    """Every 1-3-word n-gram against every name with rapidfuzz; the plain way.

    `vectorised=True` scores all n-grams of a caption in one `process.cdist` call (C, one matrix);
    `False` calls `process.extractOne` per n-gram (the plain loop).
    """

    def __init__(self, ontology, cutoff: float = 90.0, vectorised: bool = True):
        self.vectorised = vectorised
        from rapidfuzz import fuzz, process

        self.ontology, self.cutoff, self.fuzz, self.process = ontology, cutoff, fuzz, process
        names: dict[str, tuple[str, str]] = {}
        for kind, nid in tagged_nodes(ontology):
            node = ontology.node(nid)
            for a in (node.name, *node.synonyms):
                names.setdefault(normalise_name(a), (kind, nid))
        self.names = sorted(names)
        self.targets = [names[k] for k in self.names]

    def tag(self, text: str) -> TagResult:
        import numpy as np

        toks = [(m.group(0).lower(), m.start(), m.end()) for m in re.finditer(r"[A-Za-z0-9']+", text)]
        grams, spans = [], []
        for n in (1, 2, 3):
            for i in range(len(toks) - n + 1):
                grams.append(" ".join(t[0] for t in toks[i:i + n]))
                spans.append((toks[i][1], toks[i + n - 1][2]))
        res = TagResult()
        if not grams:
            return res
        if not self.vectorised:
            return self._plain(grams, spans)
        scores = self.process.cdist(grams, self.names, scorer=self.fuzz.ratio, score_cutoff=self.cutoff, workers=1)
        seen = set()
        for gi, ni in zip(*np.nonzero(scores)):
            kind, nid = self.targets[ni]
            if (kind, nid) in seen:
                continue
            seen.add((kind, nid))
            node = self.ontology.node(nid)
            m = Match(nid, node.name, self.ontology.path(nid) if kind == "condition" else [], list(spans[gi]),
                      score=float(scores[gi, ni]), kind=kind)
            (res.conditions if kind == "condition" else res.concepts).append(m)
        return res


    def _plain(self, grams, spans) -> TagResult:
        res, seen = TagResult(), set()
        for g, span in zip(grams, spans):
            hit = self.process.extractOne(g, self.names, scorer=self.fuzz.ratio, score_cutoff=self.cutoff)
            if not hit:
                continue
            kind, nid = self.targets[hit[2]]
            if (kind, nid) in seen:
                continue
            seen.add((kind, nid))
            node = self.ontology.node(nid)
            m = Match(nid, node.name, self.ontology.path(nid) if kind == "condition" else [], list(span),
                      score=float(hit[1]), kind=kind)
            (res.conditions if kind == "condition" else res.concepts).append(m)
        return res


_STATE: dict = {}


def _work(args: tuple[str, int, int]) -> tuple[int, int, float]:
    which, lo, hi = args
    tagger, onto, caps = _STATE["taggers"][which], _STATE["ontology"], _STATE["captions"]
    t0 = time.process_time()
    n_cond = n_lab = 0
    if which == "ours":
        results = tagger.tag_many(caps[lo:hi])
    else:
        results = [tagger.tag(c) for c in caps[lo:hi]]
    for r in results:
        n_cond += len(r.conditions)
        n_lab += bool(labels_for(r, onto)["disease_label"])
    return n_cond, n_lab, time.process_time() - t0


def run(which: str, n: int, workers: int, chunk: int = 5000) -> tuple[float, float, int, int]:
    ranges = [(which, lo, min(n, lo + chunk)) for lo in range(0, n, chunk)]
    t0 = time.perf_counter()
    with mp.get_context("fork").Pool(workers) as pool:
        parts = pool.map(_work, ranges, chunksize=1)
    wall = time.perf_counter() - t0
    return wall, sum(p[2] for p in parts), sum(p[0] for p in parts), sum(p[1] for p in parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="captions to tag")
    ap.add_argument("--baseline-n", type=int, default=2000, help="captions the baseline is timed on")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ontology", default=None, help="ontology folder (default: the repository's ontology/)")
    ap.add_argument("--synthetic", type=int, default=0, metavar="K",
                    help="add K synthetic children per leaf (up to 30) to time a full-size ontology; no F1")
    a = ap.parse_args()

    onto = load_ontology(a.ontology)
    if a.synthetic:
        import tempfile

        onto = synthetic_ontology(onto, a.synthetic, Path(tempfile.mkdtemp(prefix="derm1m-synth-")))
    t0 = time.perf_counter()
    ours = Tagger(onto)
    build = time.perf_counter() - t0
    base = Baseline(onto)
    plain = Baseline(onto, vectorised=False)
    _STATE.update(taggers={"ours": ours, "baseline": base, "plain": plain}, ontology=onto)

    gold = load_gold(GOLD)
    if not a.synthetic:
        r_ours = evaluate(gold, onto, ours.tag)
        r_base = evaluate(gold, onto, base.tag)
        r_plain = evaluate(gold, onto, plain.tag)

    t0 = time.perf_counter()
    _STATE["captions"] = make_captions(max(a.n, a.baseline_n), a.seed, onto)
    gen = time.perf_counter() - t0
    words = sum(len(c.split()) for c in _STATE["captions"][:10000]) / min(10000, len(_STATE["captions"]))
    wall, cpu, n_cond, n_lab = run("ours", a.n, a.workers)
    bwall, bcpu, _, _ = run("baseline", a.baseline_n, a.workers, chunk=max(1, a.baseline_n // (a.workers * 4)))
    pwall, pcpu, _, _ = run("plain", a.baseline_n, a.workers, chunk=max(1, a.baseline_n // (a.workers * 4)))
    scale = a.n / a.baseline_n
    bwall_x, bcpu_x = bwall * scale, bcpu * scale
    pwall_x, pcpu_x = pwall * scale, pcpu * scale

    print(f"ontology: {len(onto.conditions)} conditions, {len(onto.concepts)} concepts; tagger built in {build:.2f} s")
    print(f"gold set: {len(gold)} texts ({GOLD.relative_to(Path.cwd()) if GOLD.is_relative_to(Path.cwd()) else GOLD})")
    print(f"captions: {a.n:,} generated in {gen:.1f} s (not timed), {words:.1f} words on average; "
          f"workers={a.workers}, cpus={os.cpu_count()}, load average {os.getloadavg()[0]:.1f}")
    print()
    print(f"{'':32}{'ours':>12}{'cdist':>12}{'extractOne':>12}{'x cdist':>10}{'x plain':>10}")
    if not a.synthetic:
        for label, get in (("conditions micro-F1 (status)", lambda r: r.conditions.f1),
                           ("conditions micro-F1 (any)", lambda r: r.conditions_any_status.f1),
                           ("concepts micro-F1", lambda r: r.concepts.f1)):
            print(f"{label:32}{get(r_ours):>12.3f}{get(r_base):>12.3f}{get(r_plain):>12.3f}")
        print(f"{'negated reported as asserted':32}{len(r_ours.negated_as_asserted):>12}"
              f"{len(r_base.negated_as_asserted):>12}{len(r_plain.negated_as_asserted):>12}")
    print(f"{'wall s for N captions':32}{wall:>12.1f}{bwall_x:>12.1f}{pwall_x:>12.1f}"
          f"{bwall_x / wall:>9.1f}x{pwall_x / wall:>9.1f}x")
    print(f"{'cpu s for N captions':32}{cpu:>12.1f}{bcpu_x:>12.1f}{pcpu_x:>12.1f}"
          f"{bcpu_x / cpu:>9.1f}x{pcpu_x / cpu:>9.1f}x")
    print(f"{'captions / s (wall)':32}{a.n / wall:>12,.0f}{a.n / bwall_x:>12,.0f}{a.n / pwall_x:>12,.0f}")
    print()
    print(f"N = {a.n:,}; both baselines ran on the first {a.baseline_n:,} of the same captions and are "
          f"extrapolated x{scale:,.0f}.")
    print(f"baseline names: {len(base.names):,} (the baselines' cost grows with this; ours does not)")
    print(f"ours: {n_cond:,} condition matches, {n_lab:,} captions labelled; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB (parent)")
    if not a.synthetic and r_ours.negated_as_asserted:
        print("negated reported as asserted:", ", ".join(r_ours.negated_as_asserted))


if __name__ == "__main__":
    main()
