"""Compound figures: sub-caption splitting by panel letter and OpenCV gutter splitting."""

from __future__ import annotations

import numpy as np
import pytest

from derm1m_build.demo import images as gen
from derm1m_build.pmc.panels import Box, pair, split_caption, split_panels
from derm1m_build.sources.pubmed import redact


@pytest.mark.parametrize("caption,lead,texts", [
    ("Psoriasis. (A) Elbow. (B) Knee. (C) Scalp. (D) Nails.", "Psoriasis.",
     {"A": "Elbow.", "B": "Knee.", "C": "Scalp.", "D": "Nails."}),
    ("Lesions. (a) Before. (b) After.", "Lesions.", {"A": "Before.", "B": "After."}),
    ("Expression. (A and B) qPCR of miR-16. (C) miR-133.", "Expression.",
     {"A": "qPCR of miR-16.", "B": "qPCR of miR-16.", "C": "miR-133."}),
    ("Dermoscopy. (A\u2013C) Network patterns. (D) Histology.", "Dermoscopy.",
     {"A": "Network patterns.", "B": "Network patterns.", "C": "Network patterns.", "D": "Histology."}),
    ("Purification. A, SDS-PAGE of the protein. B, Western blot. C: mass spectrum.", "Purification.",
     {"A": "SDS-PAGE of the protein.", "B": "Western blot.", "C": "mass spectrum."}),
    ("PRKRA. (A upper panel) Site. (A lower panel) Duplex. (B) Reporter (P < 0.05). (C) Blots. (D) As in (C).", "PRKRA.",
     {"A": "Site. Duplex.", "B": "Reporter (P < 0.05).", "C": "Blots.", "D": "As in (C)."}),
])
def test_split_caption(caption, lead, texts):
    s = split_caption(caption)
    assert (s.lead, s.texts, s.letters) == (lead, texts, list(texts))
    assert s.full("A") == f"{lead} {texts['A']}"


@pytest.mark.parametrize("caption", [
    "Forest plot of outcomes (n = 5) with (i) and (ii) subgroups.",
    "A significant enrichment of targets.",
    "Values (P < 0.05) and (B) alone without an A.",
])
def test_no_panels(caption):
    assert split_caption(caption).letters == []


def _grid(rows: int, cols: int, size: int = 120, gutter: int = 10, bg: int = 255) -> np.ndarray:
    h, w = rows * size + (rows + 1) * gutter, cols * size + (cols + 1) * gutter
    img = np.full((h, w, 3), bg, np.uint8)
    for k in range(rows * cols):
        r, c = divmod(k, cols)
        y, x = gutter + r * (size + gutter), gutter + c * (size + gutter)
        img[y:y + size, x:x + size] = gen.skin_photo(k, size=size)
    return img


def test_split_panels_grid_in_reading_order():
    assert split_panels(_grid(2, 2)) == [Box(10, 10, 120, 120), Box(140, 10, 120, 120), Box(10, 140, 120, 120),
                                         Box(140, 140, 120, 120)]
    assert split_panels(_grid(1, 3, bg=0)) == [Box(10, 10, 120, 120), Box(140, 10, 120, 120), Box(270, 10, 120, 120)]


def test_single_photo_and_chart_are_one_panel():
    assert split_panels(gen.skin_photo(1, size=200)) == [Box(0, 0, 200, 200)]
    assert len(split_panels(gen.chart(2))) == 1


def test_redact():
    assert redact("http://x/efetch.fcgi?id=1&api_key=ABC&tool=t") == "http://x/efetch.fcgi?id=1&api_key=***&tool=t"
