"""The 1M-caption benchmark (`benchmarks/tagger/million.py`): its captions are real sentences (never the
held-out set's), deterministic, varied, of Derm1M's lengths; and a small run tags and counts every caption."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO

from benchmarks.tagger.million import HERE, make_captions, sentences


def test_captions_are_real_sentences_without_the_held_out_set_and_are_deterministic():
    pool = sentences()
    held = {json.loads(l)["text"] for l in (HERE / "independent2" / "independent2.jsonl").open(encoding="utf-8")}
    assert len(pool) > 4000 and not held & set(pool)
    a, b = make_captions(3000, 5, pool), make_captions(3000, 5, pool)
    assert a == b and a != make_captions(3000, 6, pool)
    words = [c.count(" ") + 1 for c in a]
    assert min(words) >= 3 and 25 <= sum(words) / len(words) <= 60
    assert len(set(a)) > 2500  # varied, not one text repeated
    assert any(c == c.lower() and "." not in c for c in a)  # some written like auto-captions


def test_a_small_run_tags_and_labels_every_caption():
    p = subprocess.run([sys.executable, "-m", "benchmarks.tagger.million", "--n", "400", "--workers", "1",
                        "--chunk", "150"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    out = p.stdout.splitlines()
    assert "tagged + labelled 400 captions: wall" in out[2]
    assert "captions labelled" in out[4]
    assert out[5].startswith("workers busy ") and "of the run's 1 x " in out[5]  # one worker, its share of the run
