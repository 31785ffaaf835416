"""Copy the real units of the fortieth independent evaluation set: the other half of the ISIC Archive's diagnosis
vocabulary, the hierarchical diagnosis terms (`Benign:Benign melanocytic proliferations:Nevus:Blue nevus:Blue nevus,
Cellular`) that the ISIC Archive's metadata schema, the PyPI package `isic-metadata` 4.12.0 (Kitware), defines as the
`DiagnosisEnum` of `isic_metadata/diagnosis_hierarchical.py`.

Set 39 kept every 2nd candidate from the first; this set keeps every 2nd from the second, so the two halves are
disjoint and together hold every candidate. Reading the wheel (parsed with `ast`, never imported or run), the
candidate test and the skip of earlier texts are set 39's extractor's own functions, imported from it (set 39's files
stay as they were frozen); only the offset and the check against set 39's copy are this set's:

    pip download --no-deps isic-metadata==4.12.0 -d /tmp     # /tmp/isic_metadata-4.12.0-py3-none-any.whl
    python -m benchmarks.tagger.independent40.extract /tmp/isic_metadata-4.12.0-py3-none-any.whl

A text the gold set or sets 1-38 hold is skipped before counting (set 39's skip list, so both sets count the same
candidates; none is skipped); the copy is then refused (exit status 2, one line) if it shares a key or a text with
set 39's `units.txt`.
"""
from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from benchmarks.tagger import set_build
from benchmarks.tagger.independent39 import extract as half39

HERE = Path(__file__).parent
OTHER_HALF = HERE.parent / "independent39" / "units.txt"
EVERY = half39.EVERY
OFFSET = 1  # set 39 took offset 0
kind = half39.kind
read_sdist = half39.read_sdist


def selected(units: dict[str, str], taken: set[str] = frozenset()) -> dict[str, str]:
    """Every EVERY-th candidate from the second (in file order): the candidates set 39's rule left. A text the gold
    set or sets 1-38 already hold (compared after `normalise`) is skipped before counting, as set 39 skipped it."""
    free = [k for k, t in units.items() if set_build.normalise(t) not in taken and kind(t)]
    keep = set(free[OFFSET::EVERY])
    return {k: t for k, t in units.items() if k in keep}


def taken_texts(root: Path) -> set[str]:
    """The normalised texts of the gold set and sets 1-38: set 39's skip list (read to skip them, never shown)."""
    return set_build.normalised_texts(39, root)


def shared_with(copy: Path, other: Path) -> list[str]:
    """Keys of COPY whose key or normalised text is also in OTHER (both `KEY<TAB>text` copies): the two halves must
    share nothing."""
    def read(path: Path) -> dict[str, str]:
        return {k: t for k, t in (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
                                  if line.strip() and not line.startswith("#"))}
    mine, theirs = read(copy), read(other)
    folded = {set_build.normalise(t) for t in theirs.values()}
    return [k for k, t in mine.items() if k in theirs or set_build.normalise(t) in folded]


def main(argv: list[str]) -> int:
    rc = set_build.extract_main(argv, usage="python -m benchmarks.tagger.independent40.extract ISIC_METADATA.whl",
                                here=HERE, read_sdist=read_sdist, selected=selected, kind=kind,
                                taken_texts=taken_texts,
                                errors=set_build.READ_ERRORS + (zipfile.BadZipFile, SyntaxError))
    if rc:
        return rc
    both = shared_with(HERE / "units.txt", OTHER_HALF)
    if both:
        print(f"refused: {len(both)} units also in set 39's copy, first {both[0]}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
