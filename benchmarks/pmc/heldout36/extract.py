"""Re-create the images of the frozen held-out figure set 36 (PDF pages and image files of seventeen Debian packages:
the PyScanFCS manual, the groHMM, GenomicFiles and STRINGdb vignettes, the aplpack slider vignette, the README
figures of the R packages bayestestR, graphlayouts, ggtext, tidytext, glmGamPoi, decoupleR, palmerpenguins, isoband
and taxize, and image files of the elk-lapw, mrpt-doc and fityk documentation) from the archives as `apt-get download`
saves them.

Usage: python benchmarks/pmc/heldout36/extract.py SRCDIR OUTDIR

SRCDIR holds the archives named in annotations.json (`origin.sdist`: the `.deb` file names). OUTDIR receives the
images under the names in annotations.json. Mode `pdf-render`: page `origin.page` (1-based) of the PDF `origin.member`
rendered at `origin.scale` (2.0) and cut to `origin.crop`; mode `image`: an image file read as it is (transparency
flattened on white); either way the long side capped at `origin.max_side` (Lanczos) and stored as PNG.
"""
from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script (the usage above): the repository root on the path
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from benchmarks.pmc import figure_extract  # noqa: E402

ANNOTATIONS = Path(__file__).parent / "annotations.json"


def main(argv: list[str]) -> int:
    return figure_extract.main(argv, ANNOTATIONS)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
