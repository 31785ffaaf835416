"""Quality checks every back-end shares: too small, odd aspect, near-black, washed out, blurred."""

from __future__ import annotations

from derm1m_build.filtering.heuristic import Measures
from derm1m_build.recipe import Section


class QualityConfig(Section):
    min_side: int = 64  # pixels, on the stored image
    max_aspect: float = 4.0  # long side / short side (banners, strips)
    min_brightness: float = 20.0  # mean luma 0..255
    max_brightness: float = 245.0
    max_clipped: float = 0.85  # fraction of pixels at pure black or pure white
    max_graphic: float = 0.7  # washed-out and blur checks skip rendered graphics (left to the back-end)
    min_blur: float = 1.0  # sharpness of the sharpest tile (heuristic.sharpness) of the 256-px image


def check(width: int, height: int, m: Measures, c: QualityConfig) -> tuple[str, str] | None:
    """(reason, detail) of the first failed check, or None."""
    if min(width, height) < c.min_side:
        return "too_small", f"{width}x{height}"
    if max(width, height) / max(1, min(width, height)) > c.max_aspect:
        return "bad_aspect", f"{width}x{height}"
    rendered = m.graphic_ratio > c.max_graphic  # a white slide is a slide, not an over-exposed photo
    if m.brightness < c.min_brightness or m.dark_clip > c.max_clipped:
        return "too_dark", f"brightness {m.brightness:.1f}"
    if not rendered and (m.brightness > c.max_brightness or m.bright_clip > c.max_clipped):
        return "washed_out", f"brightness {m.brightness:.1f}"
    if m.blur < c.min_blur and not rendered:
        return "blurred", f"sharpness {m.blur:.2f}"
    return None
