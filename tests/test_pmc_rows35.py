"""Round 35: round 34's clause split of one sentence ("the map in the left panel, while the middle panel
..., the right panel shows ...") narrowed to the cases the older one-sentence rules allowed.

- A caption with a place word besides the places that name its panels ("the right panel shows y (lower
  right: the scale bar)", "... The colour bar sits at the bottom.") is not shared out by clause: the
  further place may name a panel, an inset or a corner the image does not show as the named ones
  (`test_pubmed_figure_pairs`' "(top right: z)" refusal, which round 34 broke).
- Ordinals ("the first panel ..., the second panel ...", "the first row ..., the second row ...") in
  one sentence name nothing: they name no layout the image could contradict, so they are taken only in
  sentences of their own (`test_pubmed_figure_singles`' refusal, which round 34 broke).

Round 34's gains stay: places that are the caption's only place words, each in a clause of its own,
still name panels. The captions are written here; the figures are matplotlib plots laid out on a white
page (`test_pmc_rows34`); none is a benchmark set's figure or caption.
"""

from __future__ import annotations

import pytest

from derm1m_build.pmc.panels import split_positions
from derm1m_build.pmc.panels.captions import caption_panel_count

from test_pmc_rows34 import THREE, _iou, _plots_in_a_row


def _texts(subs):
    return None if subs is None else (subs.lead, subs.letters, subs.texts)


NAEVUS = ("Dermoscopy of a naevus. The lesion in the left panel, while the right panel shows the same lesion a "
          "year later")


def test_a_further_place_word_keeps_one_sentence_from_being_shared_out():
    # the places alone: a clause each, as round 34 read them
    assert _texts(split_positions(NAEVUS + ".")) == (
        "Dermoscopy of a naevus.", ["left", "right"],
        {"left": "The lesion in the left panel.", "right": "the right panel shows the same lesion a year later."})
    # a corner named in brackets, a place in a later sentence, a third place in the sentence: nothing named
    assert split_positions(NAEVUS + " (lower right: scale bar).") is None
    assert caption_panel_count(NAEVUS + " (lower right: scale bar).") is None
    assert split_positions("Figure 2. The left panel shows the raw counts, the right panel the fitted curve. "
                           "The colour bar sits at the bottom.") is None
    assert split_positions(THREE[:-1] + ", with its key at the top.") is None
    # the older rule for places in sentences of their own is unchanged: the corner is the right panel's words
    assert _texts(split_positions("Figure 2. The left panel shows X. The right panel shows Y (top right: the inset).")) == (
        "Figure 2.", ["left", "right"],
        {"left": "The left panel shows X.", "right": "The right panel shows Y (top right: the inset)."})


def test_ordinals_in_one_sentence_name_nothing():
    assert split_positions("Figure 2. The first row shows down-sampling, the second row shows smoothing only.") is None
    assert split_positions("Figure 2. The first panel shows the trace, while the second panel shows its density "
                           "and the third panel its autocorrelation.") is None
    assert caption_panel_count("Figure 2. The first panel shows the trace, the second panel its density.") is None
    # in sentences of their own they still name panels
    assert _texts(split_positions("Figure 2. The first panel shows the trace. The second panel shows its density.")) == (
        "Figure 2.", ["first", "second"],
        {"first": "The first panel shows the trace.", "second": "The second panel shows its density."})


@pytest.mark.parametrize("caption", [
    "Figure 4. Loss in the left panel, while the middle panel shows accuracy, the right panel shows recall "
    "(upper left: the best epoch).",
    "Figure 4. The first panel shows loss, the second panel accuracy and the third panel recall.",
])
def test_a_sentence_not_shared_out_keeps_three_plots_whole(caption):
    from derm1m_build.pmc.panels import pair
    img, _ = _plots_in_a_row(2, 3)
    p, _ = pair(img, caption)
    assert p.panels == [] and p.note == "caption_names_no_panels", p.note


def test_the_same_sentence_with_its_places_alone_pairs_by_place():
    from derm1m_build.pmc.panels import pair
    img, boxes = _plots_in_a_row(2, 3)
    p, subs = pair(img, "Figure 4. Loss in the left panel, while the middle panel shows accuracy, the right panel "
                        "shows recall.")
    assert [L for L, _, _ in p.panels] == ["left", "middle", "right"], p.note
    assert all(_iou(b.xyxy, want) >= 0.85 for (_, b, _), want in zip(p.panels, boxes))
    assert subs.full("middle") == "Figure 4. the middle panel shows accuracy."
