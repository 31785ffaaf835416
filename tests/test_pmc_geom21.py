"""Splitter round 21 (geometry): a connector (an arrow, or a reaction's pair of arrows, with its
label) in the gutter between two line drawings links them into one scheme (`charts._linked`);
photographs, a legend between two charts and a colour bar are no connectors. Drawings made here
with Pillow, not taken from any benchmark set."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from derm1m_build.pmc.panels.charts import _link_line, _linked
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.split import split_panels


def _canvas(w: int, h: int) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    im = Image.new("RGB", (w, h), "white")
    return im, ImageDraw.Draw(im)


def _arrow(d: ImageDraw.ImageDraw, x0: int, x1: int, y: int, width: int = 2) -> None:
    """A horizontal arrow from x0 to x1 (head at x1)."""
    d.line([(x0, y), (x1, y)], fill="black", width=width)
    s = 1 if x1 > x0 else -1
    d.polygon([(x1, y), (x1 - s * 10, y - 5), (x1 - s * 10, y + 5)], fill="black")


def _bgr(im: Image.Image) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(im)[:, :, ::-1])


def _states(d: ImageDraw.ImageDraw, y0: int = 30, y1: int = 170) -> None:
    """Two outlined states of a scheme, far apart."""
    d.rounded_rectangle([20, y0, 130, y1], radius=30, outline="black", width=2)
    d.ellipse([50, y0 + 20, 100, y0 + 60], outline="black", width=2)
    d.rounded_rectangle([290, y0, 400, y1], radius=30, outline="black", width=2)
    d.ellipse([320, y0 + 20, 370, y0 + 60], outline="black", width=2)


def _cycle() -> np.ndarray:
    """Two states with a double arrow and its label between them: one scheme."""
    im, d = _canvas(420, 200)
    _states(d)
    _arrow(d, 150, 270, 92)
    _arrow(d, 270, 150, 108)
    d.text((195, 70), "k1", fill="black")
    return _bgr(im)


BOXES = [Box(20, 30, 111, 141), Box(150, 70, 121, 44), Box(290, 30, 111, 141)]


def test_scheme_linked_by_its_double_arrow_is_one_piece():
    img = _cycle()
    assert _linked(img, BOXES) == [Box(20, 30, 381, 141)]
    assert [b.xyxy for b in split_panels(img)] == [[20, 30, 401, 171]]


def test_two_schemes_stacked_stay_two_rows():
    """Each row's states are linked; the rows, with no connector between them, stay apart."""
    im, d = _canvas(420, 420)
    _states(d, 30, 170)
    _arrow(d, 150, 270, 100)
    _states(d, 240, 380)
    _arrow(d, 150, 270, 310)
    boxes = split_panels(_bgr(im))
    assert [b.xyxy for b in boxes] == [[20, 30, 401, 171], [20, 240, 401, 381]]


def test_photographs_with_an_arrow_between_are_not_linked():
    rng = np.random.default_rng(7)
    im, d = _canvas(420, 200)
    im.paste(Image.fromarray(rng.integers(0, 255, (141, 111, 3), dtype=np.uint8)), (20, 30))
    im.paste(Image.fromarray(rng.integers(0, 255, (141, 111, 3), dtype=np.uint8)), (290, 30))
    d = ImageDraw.Draw(im)
    _arrow(d, 150, 270, 100)
    boxes = [Box(20, 30, 111, 141), Box(150, 95, 121, 11), Box(290, 30, 111, 141)]
    assert _linked(_bgr(im), boxes) == boxes


def test_legend_between_two_drawings_is_no_connector():
    """A legend's line sample is a few glyphs of its row, not most of the piece."""
    im, d = _canvas(420, 200)
    _states(d)
    for k, name in enumerate(("model fit", "measured")):
        d.line([(150, 85 + 20 * k), (172, 85 + 20 * k)], fill="black", width=2)
        d.text((178, 79 + 20 * k), name + " values", fill="black")
    img = _bgr(im)
    legend = Box(150, 79, 121, 40)
    assert not _link_line(img.min(axis=2) < 200, legend, 1)
    boxes = [Box(20, 30, 111, 141), legend, Box(290, 30, 111, 141)]
    assert _linked(img, boxes) == boxes


def test_colour_bar_between_two_drawings_is_no_connector():
    im, d = _canvas(420, 200)
    _states(d)
    d.rectangle([150, 90, 270, 104], fill=(40, 40, 160))
    img = _bgr(im)
    bar = Box(150, 90, 121, 15)
    assert not _link_line(img.min(axis=2) < 200, bar, 1)
    boxes = [Box(20, 30, 111, 141), bar, Box(290, 30, 111, 141)]
    assert _linked(img, boxes) == boxes


def test_vertical_connector_links_states_above_and_below():
    im, d = _canvas(200, 420)
    d.rounded_rectangle([30, 20, 170, 130], radius=30, outline="black", width=2)
    d.rounded_rectangle([30, 290, 170, 400], radius=30, outline="black", width=2)
    d.line([(95, 150), (95, 270)], fill="black", width=2)
    d.polygon([(95, 150), (90, 160), (100, 160)], fill="black")
    d.text((105, 200), "dG", fill="black")
    img = _bgr(im)
    boxes = [Box(30, 20, 141, 111), Box(90, 150, 30, 121), Box(30, 290, 141, 111)]
    assert _linked(img, boxes) == [Box(30, 20, 141, 381)]


def _cycle_2x2(side_arrows: bool) -> np.ndarray:
    """A four-state cycle: each row two states and a double arrow; the sides' arrows, drawn from
    just under the top row's gutter, link the rows (when `side_arrows`)."""
    im, d = _canvas(420, 400)
    _states(d, 20, 150)
    _arrow(d, 150, 270, 80)
    _arrow(d, 270, 150, 96)
    y0 = 158  # 8 px under the top row
    d.rounded_rectangle([20, 270, 130, 390], radius=30, outline="black", width=2)
    d.rounded_rectangle([290, 270, 400, 390], radius=30, outline="black", width=2)
    _arrow(d, 150, 270, 330)
    if side_arrows:
        for x in (75, 345):
            d.line([(x, y0), (x, 272)], fill="black", width=2)
            d.polygon([(x, y0), (x - 5, y0 + 10), (x + 5, y0 + 10)], fill="black")
    return _bgr(im)


def test_cycle_rows_linked_by_side_arrows_are_one_scheme():
    assert [b.xyxy for b in split_panels(_cycle_2x2(True))] == [[20, 20, 401, 391]]


def test_cycle_rows_without_side_arrows_stay_two():
    assert [b.xyxy for b in split_panels(_cycle_2x2(False))] == [[20, 20, 401, 151], [20, 270, 401, 391]]
