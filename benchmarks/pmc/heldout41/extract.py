"""Re-create the images of the frozen held-out figure set 41 (documentation images, JOSS paper figures,
test baselines and example data of twenty-one PyPI sdists: shakenbreak, pyprocar, hendrics, juliet, eleanor, halomod,
pytransit, 21cmfast, pyfar, galight, petrofit, pyspeckit, sofar, stingray, bento-tools, py-sc-fermi, nd2, cdsaxs,
phasefieldx, kooplearn and hsi-wizard) from the
archives as `pip download --no-binary :all:` saves them.

Usage: python benchmarks/pmc/heldout41/extract.py SRCDIR OUTDIR

SRCDIR holds the archives named in annotations.json (`origin.sdist`: the `.tar.gz` file names). OUTDIR receives the
images under the names in annotations.json. Mode `image`: an image file read as it is (transparency flattened on
white); mode `pdf-render` (one figure): page `origin.page` of a PDF rendered at `origin.scale`; either way the long
side capped at `origin.max_side` (Lanczos) and stored as PNG.
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
