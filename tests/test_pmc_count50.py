"""Round 50, counts and singles on set 35 (tuning data since its one held-out run).

`nb_templates`: eight pale brain renderings under dark view titles (main: 1 piece, truth 8), read
deepened (`faint.deepen_faint`). `os_fvary` / `os_vertex`: a drawing '+' a text block '=' a drawing
(main: 2 pieces, truth 3), cut at the signs (`operators.split_operands`). `gg_lidar` / `gg_frame`:
four rasters touching in 2 x 2 (main: 1 and 2 pieces, truth 4), cut at their seams
(`seams.split_seams`). `fu_promo1`: a film still (a single) main cut into 6 along its dim backdrop,
kept whole (`backdrop.photo_backdrop`). And where each step must not act: the image changed where
the rule reads."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest
import numpy as np

from derm1m_build.pmc.panels import split_panels
from derm1m_build.pmc.panels.backdrop import photo_backdrop
from derm1m_build.pmc.panels.faint import deepen_faint, faint_figure
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.operators import split_operands
from derm1m_build.pmc.panels.seams import split_seams
from derm1m_build.pmc.panels.zoom import split_zoom

SET = Path(__file__).resolve().parents[1] / "benchmarks" / "pmc" / "heldout35" / "images"


def image(name: str) -> np.ndarray:
    img = cv2.imread(str(SET / f"{name}.png"), cv2.IMREAD_COLOR)
    assert img is not None
    return img


def boxes(xyxy: list[list[int]]) -> list[Box]:
    return [Box(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1 in xyxy]


def test_pale_renderings_under_titles_are_eight_panels():
    assert split_panels(image("nb_templates")) == boxes([
        [65, 10, 239, 314], [361, 10, 534, 314], [658, 10, 830, 314], [955, 10, 1129, 314],
        [33, 376, 260, 562], [328, 378, 555, 562], [625, 380, 852, 562], [921, 375, 1150, 562]])


def test_deepened_figure_is_no_longer_faint():
    img = image("nb_templates")
    assert faint_figure(img)
    deep = deepen_faint(img)
    assert deep is not img and not faint_figure(deep)
    drawn = image("os_fvary")   # black ink on white: not faint, left as it is
    assert not faint_figure(drawn) and deepen_faint(drawn) is drawn


def test_terms_joined_by_plus_and_equals_are_three_panels():
    assert split_panels(image("os_fvary")) == boxes([[45, 103, 379, 543], [490, 147, 683, 543], [811, 85, 1165, 544]])
    assert split_panels(image("os_vertex")) == boxes([[45, 103, 379, 543], [493, 142, 683, 543], [825, 86, 1152, 544]])


# main's pieces of os_fvary: the drawing and the text block joined, the shape
FVARY = [Box(45, 103, 699, 441), Box(811, 85, 354, 459)]


def test_no_cut_where_a_title_runs_under_the_sign_or_the_sign_is_no_operator():
    img = image("os_fvary")
    assert split_operands(img, FVARY) == [Box(45, 103, 334, 440), Box(490, 147, 193, 396), FVARY[1]]
    ruled = img.copy()
    ruled[560:563, 300:800] = 0   # a rule under both signs: their columns hold other ink
    assert split_operands(ruled, FVARY) is FVARY
    crossed = img.copy()
    crossed[266:290, 430:452] = 255
    cv2.line(crossed, (435, 270), (447, 284), (0, 0, 0), 2)
    cv2.line(crossed, (447, 270), (435, 284), (0, 0, 0), 2)   # an 'x' for the '+'
    # the '=' still parts the text block from the shape (its own sign trimmed off); the 'x' parts nothing
    assert split_operands(crossed, FVARY) == [Box(45, 103, 638, 440), FVARY[1]]


def test_touching_rasters_are_cut_at_their_seams():
    assert split_panels(image("gg_lidar")) == boxes([[0, 0, 599, 599], [599, 0, 1200, 599],
                                                     [0, 599, 599, 1200], [599, 599, 1200, 1200]])
    assert split_panels(image("gg_frame")) == boxes([[0, 0, 299, 270], [299, 0, 600, 270],
                                                     [0, 270, 298, 540], [298, 270, 600, 540]])


def test_no_seam_where_the_halves_run_on_or_on_a_chart():
    img = image("gg_lidar")
    blended = img.copy()
    t = np.linspace(0, 1, 32)[None, :, None]   # the columns round the middle a smooth blend: no step there
    blended[:, 584:616] = (img[:, 584:585] * (1 - t) + img[:, 615:616] * t).astype(np.uint8)
    whole = [Box(0, 0, 1200, 1200)]
    assert split_seams(blended, whole) == [Box(0, 0, 1200, 599), Box(0, 599, 1200, 601)]
    zoom = [Box(7, 9, 651, 464)]   # a plot and its zoomed view on paper: hardly a line steps
    assert split_seams(image("gf_zoom"), zoom) is zoom


# main's pieces of fu_promo1: the backdrop cut round the face and the logo line
PROMO = boxes([[0, 0, 460, 449], [6, 474, 409, 546], [97, 549, 457, 675], [463, 2, 984, 675],
               [1011, 0, 1200, 265], [1023, 380, 1200, 669]])


def test_film_still_with_a_logo_line_stays_whole():
    img = image("fu_promo1")
    assert split_panels(img) == [Box(0, 0, 1200, 675)]
    assert photo_backdrop(img, PROMO)
    black = img.copy()
    free = np.ones(img.shape[:2], bool)
    for p in PROMO:
        free[p.y:p.y + p.h, p.x:p.x + p.w] = False
    black[free] = 0   # black gutters between photographs: a grid
    assert not photo_backdrop(black, PROMO)


FIGURES = Path(__file__).resolve().parents[1].parent / "shared" / "realdata" / "figures"


def test_no_seam_in_lattice_fringes():
    """A TEM image of lattice fringes (panel i of a default tuning figure): every column steps on
    most lines, its middle column on 95 % of them; no seam stands out."""
    path = FIGURES / "images" / "exsclaim__s41467-018-06211-3_fig1.png"
    if not path.exists():
        pytest.skip("../shared/realdata/figures is not beside this checkout")
    panel = [Box(476, 487, 207, 172)]
    assert split_seams(cv2.imread(str(path), cv2.IMREAD_COLOR), panel) is panel


SET4 = SET.parents[1] / "heldout4" / "images"


def test_two_photographs_edge_to_edge_cut_but_no_flow_chart_or_crosshair():
    """Set 6's `opencv_homography_source_desired_images` (two photographs edge to edge, main: one
    piece, truth 2) is cut at its seam. `burkner2017brms_fig1` (set 4), a flow chart of stacked
    boxes, a box's side at its middle with paper on both sides: no seam. Set 6's
    `opencv_perspective` (two photographs of a grid, a green crosshair over each, cut apart by main):
    a line at one panel's middle is that panel's own (no piece spans the figure)."""
    SET6 = SET.parents[1] / "heldout6" / "images"
    pair = cv2.imread(str(SET6 / "opencv_homography_source_desired_images.jpg"), cv2.IMREAD_COLOR)
    assert split_seams(pair, [Box(0, 3, 1200, 447)]) == [Box(0, 3, 598, 447), Box(598, 3, 602, 447)]
    flow = [Box(6, 6, 475, 763)]
    assert split_seams(cv2.imread(str(SET4 / "burkner2017brms_fig1.png"), cv2.IMREAD_COLOR), flow) is flow
    cross = [Box(3, 4, 219, 221), Box(228, 5, 219, 219)]
    assert split_seams(cv2.imread(str(SET6 / "opencv_perspective.jpg"), cv2.IMREAD_COLOR), cross) is cross


def test_plot_and_its_zoomed_view_are_two_panels():
    """`gf_zoom`: a scatter plot over its zoomed view, joined by a grey zoom band (main: 1 piece,
    truth 2); the band painted paper, nothing is cut."""
    img = image("gf_zoom")
    assert split_panels(img) == boxes([[24, 9, 555, 163], [7, 163, 658, 473]])
    plain = img.copy()
    band = (np.abs(img[136:186].astype(int) - 231).max(axis=2) <= 1)
    plain[136:186][band] = 255
    whole = [Box(7, 9, 651, 464)]
    assert split_zoom(img, whole) == boxes([[24, 9, 555, 163], [7, 163, 658, 473]])
    assert split_zoom(plain, whole) is whole


def test_no_zoom_band_in_a_sky_or_in_shaded_shapes():
    """The sky round the cameraman (a single of the default set) and set 2's `cook2023_fig1` (a
    diagram with three grey ellipses side by side, a single): flat light grey whose width changes
    steadily down the rows, but not one run on paper; kept whole."""
    import skimage

    camera = cv2.imread(str(Path(skimage.__file__).parent / "data" / "camera.png"), cv2.IMREAD_COLOR)
    piece = [Box(0, 62, 512, 450)]
    assert split_zoom(camera, piece) is piece
    cook = cv2.imread(str(SET.parents[1] / "heldout2" / "images" / "cook2023_fig1.png"), cv2.IMREAD_COLOR)
    whole = [Box(0, 0, 1400, 1092)]
    assert split_zoom(cook, whole) is whole


def test_photographs_on_a_grey_page_and_a_sky_map_meridian_stay_as_they_are():
    """Set 9's `composed_040` (three photographs on a mid-grey page, JPEG): the page between them
    spreads over 20 levels, but its outermost lines are one tone: no backdrop. Set 7's
    `astropy_custom_frames_2` (one sky map, its white meridian down the middle): a light line over
    one raster, no seam."""
    grid = cv2.imread(str(SET.parents[1] / "heldout9" / "images" / "composed_040.jpg"), cv2.IMREAD_COLOR)
    assert not photo_backdrop(grid, [Box(5, 153, 191, 144), Box(6, 5, 190, 144), Box(202, 5, 210, 291)])
    # set 6's `opencv_VideoDemo_thermal_park`: two photographs parted by white, a dark panel's own surround
    park = cv2.imread(str(SET.parents[1] / "heldout6" / "images" / "opencv_VideoDemo_thermal_park.jpg"),
                      cv2.IMREAD_COLOR)
    assert not photo_backdrop(park, [Box(0, 0, 343, 267), Box(351, 0, 349, 267), Box(780, 8, 246, 167)])
    sky = cv2.imread(str(SET.parents[1] / "heldout7" / "images" / "astropy_custom_frames_2.png"), cv2.IMREAD_COLOR)
    piece = [Box(9, 8, 409, 192)]
    assert split_seams(sky, piece) is piece
