"""Round 46 (captions side): panels named by place in Spanish, Portuguese, French and German captions.

PubMed Central carries journals in these languages, and their captions name panels by place as English ones do
("à gauche" / "à droite", "Izquierda: ...", "de gauche à droite : ...", "oben links"). `place_words.to_english`
rewrites their place words into the English ones `captions.split_positions` reads, so every English rule and its
refusals hold (a stray place word, a value list, a place inside a clause keep the figure whole), and
`from_english` gives the sub-captions back in the caption's own words.

Every caption is written here; the one figure is composed here from two real photographs of
`../shared/realdata/photos`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from derm1m_build.pmc.panels.captions import caption_panel_count, split_positions
from derm1m_build.pmc.panels.pairing import pair
from derm1m_build.pmc.panels.place_words import from_english, to_english

PHOTOS = Path(__file__).resolve().parents[1].parent / "shared" / "realdata" / "photos" / "clinical"

LR = ["left", "right"]
LMR = ["left", "middle", "right"]
TB = ["top", "bottom"]
TMB = ["top", "middle", "bottom"]
GRID = ["top-left", "top-right", "bottom-left", "bottom-right"]


@pytest.mark.parametrize("caption, names, lead, texts", [
    # French: brackets, labels (a space before the colon), corners, lists, pairs, noun phrases
    ("Figure 2. Plaque du tronc (à gauche) et dermoscopie (à droite).", LR, "Figure 2.",
     ["Plaque du tronc", "dermoscopie"]),
    ("Figure 3. À gauche : plaque érythémateuse. À droite : dermoscopie de la lésion.", LR, "Figure 3.",
     ["plaque érythémateuse.", "dermoscopie de la lésion."]),
    ("Figure 3. A gauche : plaque erythemateuse. A droite : dermoscopie de la lesion.", LR, "Figure 3.",
     ["plaque erythemateuse.", "dermoscopie de la lesion."]),
    ("Figure 5. En haut à gauche : plaque. En haut à droite : dermoscopie. En bas à gauche : histologie. "
     "En bas à droite : IRM.", GRID, "Figure 5.", ["plaque.", "dermoscopie.", "histologie.", "IRM."]),
    ("Figure 6. De gauche à droite : plaque, dermoscopie et histologie.", LMR, "Figure 6.",
     ["plaque.", "dermoscopie.", "histologie."]),
    ("Figure 7. La lésion est à gauche, la dermoscopie à droite.", LR, "Figure 7.",
     ["La lésion est à gauche.", "la dermoscopie à droite."]),
    ("Figure 8. Plaque (en haut) et dermoscopie (en bas).", TB, "Figure 8.", ["Plaque", "dermoscopie"]),
    # Spanish
    ("Figura 2. Izquierda: placa eritematosa en el tronco. Derecha: dermatoscopia de la lesión.", LR, "Figura 2.",
     ["placa eritematosa en el tronco.", "dermatoscopia de la lesión."]),
    ("Figura 1. De izquierda a derecha: placa eritematosa, dermatoscopia y biopsia.", LMR, "Figura 1.",
     ["placa eritematosa.", "dermatoscopia.", "biopsia."]),
    ("Figura 4. Placa (superior), dermatoscopia (centro) e histología (inferior).", TMB, "Figura 4.",
     ["Placa", "dermatoscopia", "histología"]),
    ("Figura 8. Arriba: placa. Abajo: dermatoscopia.", TB, "Figura 8.", ["placa.", "dermatoscopia."]),
    ("Figura 9. De arriba abajo: día 1, día 5 y día 9.", TMB, "Figura 9.", ["día 1.", "día 5.", "día 9."]),
    # Portuguese
    ("Figura 5. O painel da esquerda mostra a placa. O painel da direita mostra a dermatoscopia.", LR, "Figura 5.",
     ["O painel da esquerda mostra a placa.", "O painel da direita mostra a dermatoscopia."]),
    ("Figura 6. Da esquerda para a direita: lesão inicial e lesão após tratamento.", LR, "Figura 6.",
     ["lesão inicial.", "lesão após tratamento."]),
    ("Figura 7. Esquerda: placa. Direita: dermatoscopia.", LR, "Figura 7.", ["placa.", "dermatoscopia."]),
    # German
    ("Abbildung 1. Links: Plaque am Rumpf. Rechts: Dermatoskopie der Läsion.", LR, "Abbildung 1.",
     ["Plaque am Rumpf.", "Dermatoskopie der Läsion."]),
    ("Abbildung 2. Von links nach rechts: Plaque, Dermatoskopie und Histologie.", LMR, "Abbildung 2.",
     ["Plaque.", "Dermatoskopie.", "Histologie."]),
    ("Abb. 3. Das linke Bild zeigt die Plaque. Das rechte Bild zeigt die Dermatoskopie.", LR, "Abb. 3.",
     ["Das linke Bild zeigt die Plaque.", "Das rechte Bild zeigt die Dermatoskopie."]),
    ("Abbildung 4. Oben links: Plaque. Oben rechts: Papel. Unten links: Narbe. Unten rechts: Histologie.", GRID,
     "Abbildung 4.", ["Plaque.", "Papel.", "Narbe.", "Histologie."]),
    # Persian: "(left side)" / "(right side)" in brackets
    ("\u0634\u06a9\u0644 \u06f3: \u067e\u0644\u0627\u06a9 (\u0633\u0645\u062a \u0686\u067e) \u0648 "
     "\u062f\u0631\u0645\u0648\u0633\u06a9\u0648\u067e\u06cc (\u0633\u0645\u062a \u0631\u0627\u0633\u062a).", LR,
     "\u0634\u06a9\u0644 \u06f3:", ["\u067e\u0644\u0627\u06a9", "\u062f\u0631\u0645\u0648\u0633\u06a9\u0648\u067e\u06cc"]),
    # names no panel: a stray place word, a value list, two places in one clause, a place that is no panel, a
    # list that runs on in prose, four items, a second naming
    ("Figure 10. Lésions de la jambe gauche et de la main droite.", None, None, None),
    ("Figure 11. De gauche à droite : c = 25 et c = 45.", None, None, None),
    ("Figura 12. De izquierda a derecha: α = 2 y α = 3.", None, None, None),
    ("Figure 13. Les points à gauche sont plus hauts qu'à droite.", None, None, None),
    ("Figure 14. Plaque (à gauche) et dermoscopie (à gauche).", None, None, None),
    ("Figure 15. Les lésions, de gauche à droite, et leur évolution.", None, None, None),
    ("Abbildung 5. Von links nach rechts: Tag 1, Tag 2, Tag 3 und Tag 4.", None, None, None),
    ("Figura 16. Placa en la mejilla izquierda (a la izquierda) y dermatoscopia (a la derecha).", None, None, None),
    ("Figure 17. Plaque du haut du dos, coloration HE.", None, None, None),
    # English captions are read as before: a word of another language is not rewritten without one
    ("Figure 18. Links between the superior and inferior images.", None, None, None),
])
def test_places_in_other_languages(caption, names, lead, texts):
    s = split_positions(caption)
    if names is None:
        assert s is None
        assert caption_panel_count(caption) is None
        return
    assert (s.lead, s.letters, [s.texts[n] for n in names]) == (lead, names, texts)
    assert caption_panel_count(caption) == len(names)


def test_the_rewrite_is_reversible_or_not_made():
    english, back = to_english("Figure 2. Plaque (à gauche) et dermoscopie (à droite).")
    assert english == "Figure 2. Plaque (left) and dermoscopie (right)."
    assert back == {"left": "à gauche", "and": "et", "right": "à droite"}
    assert from_english(english, back) == "Figure 2. Plaque (à gauche) et dermoscopie (à droite)."
    # one English word for two of the caption's words, or an English word the caption already holds: no rewrite
    assert to_english("Figure 2. Plaque (à gauche) et dermoscopie (a gauche).") is None
    assert to_english("Figure 2. Left and right (à gauche) et (à droite).") is None
    assert to_english("Figure 2. Left: plaque. Right: dermoscopy.") is None  # English: nothing to rewrite


def _two_photos():
    """Two real clinical photographs, each 240 x 200, side by side on a 30 px white gutter (BGR)."""
    names = sorted(p for p in PHOTOS.iterdir() if p.suffix.lower() in (".jpg", ".png"))[:2]
    canvas = Image.new("RGB", (30 + 240 + 30 + 240 + 30, 260), (255, 255, 255))
    for k, path in enumerate(names):
        photo = Image.open(path).convert("RGB").resize((240, 200))
        canvas.paste(photo, (30 + k * 270, 30))
    return np.asarray(canvas)[:, :, ::-1].copy()


def test_two_photos_paired_by_a_french_and_a_spanish_place_caption():
    img = _two_photos()
    p, _ = pair(img, "Figure 2. Plaque du tronc (à gauche) et dermoscopie (à droite).")
    assert p.note == ""
    assert [(name, text) for name, _, text in p.panels] == [("left", "Figure 2. Plaque du tronc"),
                                                             ("right", "Figure 2. dermoscopie")]
    assert [box.xyxy for _, box, _ in p.panels] == [[30, 30, 270, 230], [300, 30, 540, 230]]  # each its photo
    p, _ = pair(img, "Figura 2. Izquierda: placa. Derecha: dermatoscopia.")
    assert [(name, text) for name, _, text in p.panels] == [("left", "Figura 2. placa."),
                                                             ("right", "Figura 2. dermatoscopia.")]
    p, _ = pair(img, "Figure 2. De gauche à droite : c = 25 et c = 45.")
    assert (p.panels, p.note) == ([], "caption_names_no_panels")
