"""Faint drawings on white paper are read at a stronger contrast: their pale grey is no paper.

Its own module because it is one step of `split_panels` with one job (see `deepen_faint`).

Why: the gutter test takes a line for paper when every pixel of it lies within a few levels of the
paper's white, and the chart joins read ink as a channel under 200. A figure whose panels are drawn
in a pale grey (translucent brain renderings, light-grey glyphs, a washed-out scan) under dark view
titles then shows only its titles and small marks to the layout: the columns of titles are cut, the
pale drawings under them are paper, and the pieces leave most of the figure out (kept whole). The
drawings are the figure's content all the same: deepened about the paper (each channel's distance
from white times `_GAIN`) they are ordinary grey drawings with white gutters between them, and the
split reads them as it reads any drawing. What is deepened is the whole figure, so every later step
sees one consistent picture; the boxes are the same pixels either way.

When: the figure is white paper (`_PAPER` of its pixels near white), pale marks cover `_FAINT` of it
at least, and dark ink is at most `_INK` as much as the pale marks: the print is titles and labels,
the pictures are pale. A photograph has dark pixels in some share and little pure white; a chart or
a diagram draws in ink; neither passes. Read on a coarse view first (every `_STEP`-th pixel), so
the test costs almost nothing where it cannot apply."""

from __future__ import annotations

import numpy as np

from .gutters import channel_min

_STEP = 4           # the test reads every this-many-th pixel (rows and columns)
_WHITE = 250        # paper: every channel at this or above ...
_PAPER = 0.4        # ... on this share of the figure at least
_PALE = 200         # a pale mark: darkest channel from this up to `_WHITE` ...
_FAINT = 0.05       # ... on this share of the figure at least ...
_INK = 0.05         # ... and dark ink (darkest channel under `_PALE`) at most this share of the pale marks
_GAIN = 4           # deepened: each channel's distance from white times this (clipped at black)

_LUT = np.clip(255 - (255 - np.arange(256)) * _GAIN, 0, 255).astype(np.uint8)


def faint_figure(img: np.ndarray) -> bool:
    """Whether `img` is pale drawings on white paper under dark print (see the module)."""
    glance = img[::4 * _STEP, ::4 * _STEP]   # a glance first: pale marks on the page at all (most figures stop here)
    glance = glance if glance.ndim == 2 else channel_min(glance[:, :, :3])
    if not glance.size or float(((glance >= _PALE) & (glance < _WHITE)).mean()) < _FAINT / 2:
        return False
    view = img[::_STEP, ::_STEP]
    dark = view if view.ndim == 2 else channel_min(np.ascontiguousarray(view[:, :, :3]))
    n = dark.size
    if n == 0:
        return False
    counts = np.bincount(dark.ravel(), minlength=256)
    paper = int(counts[_WHITE:].sum())
    pale = int(counts[_PALE:_WHITE].sum())
    ink = int(counts[:_PALE].sum())
    return paper >= _PAPER * n and pale >= _FAINT * n and ink <= _INK * pale


def deepen_faint(img: np.ndarray) -> np.ndarray:
    """`img` with its pale drawings deepened (each channel's distance from white times `_GAIN`)
    where `faint_figure` holds; `img` itself otherwise."""
    if not faint_figure(img):
        return img
    return _LUT[img]
