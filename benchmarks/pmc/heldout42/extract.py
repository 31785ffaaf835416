"""Re-create the images of the frozen held-out figure set 42 (documentation, test and paper images of thirteen PyPI
sdists: bilby, brian2, cmocean, datashader, glue-core, holoviews, moviepy, TractSeg, mplstereonet, obspy, giddy,
spaghetti and spopt) from the archives as `pip download --no-binary :all:` saves them.

Usage: python benchmarks/pmc/heldout42/extract.py SRCDIR OUTDIR

SRCDIR holds the archives named in annotations.json (`origin.sdist`: the `.tar.gz` file names). OUTDIR receives the
images under the names in annotations.json. Mode `image`: an image file read as it is (transparency flattened on
white); mode `pdf-render` (one figure, TractSeg's preprint): page `origin.page` rendered at `origin.scale` and cut to
`origin.crop`. Either way the long side is capped at `origin.max_side` (Lanczos) and stored as PNG.
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
