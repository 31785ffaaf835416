"""Synthetic captions for the caption benchmarks: the demo corpus's four styles with varied fields.

Each caption draws condition, site, age, sex and style from a seeded generator, and a random filler
word and case number, so that no two captions are the same string (no accidental caching effects).
"""

from __future__ import annotations

import numpy as np

from derm1m_build.demo.corpus import CASES, STYLES, caption_for

EXTRA = ["", " uh the the border is irregular.", " okay so so next slide please.", " [Music]",
         " The patient reports itching but no pain.", " see you next time, hit the bell!"]


def captions(n: int, seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        case = CASES[int(rng.integers(0, len(CASES)))]
        style = STYLES[int(rng.integers(0, len(STYLES)))]
        out.append(f"{caption_for(case, style, rng)}{EXTRA[int(rng.integers(0, len(EXTRA)))]} case {seed}-{i}")
    return out
