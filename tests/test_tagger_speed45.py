"""Speed round 45: the sampling profiler of the tagger (`benchmarks.tagger.profile_sample`)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from benchmarks.tagger.profile_sample import sample


@pytest.fixture(scope="module")
def sampled():
    return sample(1_500, warm=200, every=0.0005, lines="core.py")


def test_every_sample_is_counted_once_as_own_time(sampled):
    cpu, total, counts = sampled
    assert cpu > 0 and total > 0
    assert sum(counts["own"].values()) == total
    # each frame counted at most once a sample, however deep the recursion
    assert max(counts["inclusive"].values()) <= total
    # every sample is taken inside the timed loop of `sample`
    assert counts["inclusive"][("profile_sample.py", "sample")] == total


def test_lines_are_core_lines_inside_the_tagger(sampled):
    _, total, counts = sampled
    lines = counts["lines"]
    # line 0 counts the samples that caught a frame between lines (its `f_lineno` is None then)
    assert lines and all(path.endswith("/derm1m_build/tagger/core.py") and k >= 0 for path, k in lines)
    assert sum(v for (_, k), v in lines.items() if k > 0) > 0
    # the tagger's core code runs only under `tag_many` (the tagger is built before the timer starts)
    assert 0 < sum(lines.values()) <= counts["inclusive"][("core.py", "tag_many")] <= total


def test_bad_arguments_are_one_line_errors():
    r = subprocess.run([sys.executable, "-m", "benchmarks.tagger.profile_sample", "--n", "0"],
                       capture_output=True, text=True)
    assert r.returncode != 0
    assert r.stderr.strip() == "--n must be positive, --warm not negative, --every positive"
    assert "Traceback" not in r.stderr
