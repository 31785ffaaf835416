"""Copy the real units of the thirty-ninth independent evaluation set from the ISIC Archive's diagnosis vocabulary:
the hierarchical diagnosis terms (`Benign:Benign melanocytic proliferations:Nevus:Blue nevus:Blue nevus, Cellular`)
that the ISIC Archive's metadata schema, the PyPI package `isic-metadata` 4.12.0 (Kitware), defines as the
`DiagnosisEnum` of `isic_metadata/diagnosis_hierarchical.py`: the labels the ISIC Archive writes on its images.

The source is the wheel as PyPI serves it (the registry has no sdist of this version), never installed:

    pip download --no-deps isic-metadata==4.12.0 -d /tmp     # /tmp/isic_metadata-4.12.0-py3-none-any.whl
    python -m benchmarks.tagger.independent39.extract /tmp/isic_metadata-4.12.0-py3-none-any.whl

Read is only the file `READ` names, and of it only the string values assigned in `class DiagnosisEnum`, found with
`ast` (the module is parsed, never imported or run). A unit is one value, kept verbatim (white space folded); it is
keyed `ISICDX:<the member's name>`; a value is kept at its first occurrence (compared after `normalise`).

A **candidate** has at least two levels (a `:` between two terms): the three one-word roots (Benign, Indeterminate,
Malignant) are none. A **skin** candidate's last level names a lesion (every one here does: the kind exists for the
shared extractor's count). Kept: every `EVERY`-th candidate (from the first, in the file's order); a text the gold set
or an earlier set holds is skipped before counting.
"""
from __future__ import annotations

import ast
import hashlib
import re
import sys
import zipfile
from pathlib import Path

from benchmarks.tagger import set_build

HERE = Path(__file__).parent
PACKAGE = "isic-metadata"
READ = "isic_metadata/diagnosis_hierarchical.py"
ENUM = "DiagnosisEnum"
EVERY = 2


def normalise(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def read_values(source: str, seen: set[str]) -> dict[str, str]:
    """The module's text -> {ISICDX:<member>: value} for each `member = "value"` of `class DiagnosisEnum`, in order;
    a value that is no string, or whose `normalise`d form is in `seen`, is skipped (each new one is added). Nothing
    is run: the text is parsed."""
    out: dict[str, str] = {}
    for node in ast.parse(source).body:
        if not (isinstance(node, ast.ClassDef) and node.name == ENUM):
            continue
        for stmt in node.body:
            if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                    and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)):
                continue
            text = re.sub(r"\s+", " ", stmt.value.value).strip()
            key = f"ISICDX:{stmt.targets[0].id}"
            if normalise(text) and normalise(text) not in seen and key not in out:
                seen.add(normalise(text))
                out[key] = text
    return out


def candidate(text: str) -> bool:
    return len([p for p in text.split(":") if p.strip()]) >= 2


def kind(text: str) -> str:
    return "skin" if candidate(text) else ""


def selected(units: dict[str, str], taken: set[str] = frozenset()) -> dict[str, str]:
    """Every EVERY-th candidate (from the first, in file order); a text the gold set or an earlier set already holds
    (compared after `normalise`) is skipped before counting."""
    free = [k for k, t in units.items() if normalise(t) not in taken and kind(t)]
    keep = set(free[::EVERY])
    return {k: t for k, t in units.items() if k in keep}


def taken_texts(root: Path) -> set[str]:
    """The normalised texts of the gold set and sets 1-38 (read to skip them, never shown)."""
    return set_build.normalised_texts(39, root)


def wheel_member(path: Path, package: str, read: str) -> tuple[str, str, str]:
    """-> (package name-version, sha256 of the wheel, the text of its member READ). A ValueError names another
    package's wheel (by its METADATA) or one without READ."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with zipfile.ZipFile(path) as whl:
        names = set(whl.namelist())
        meta_name = next((n for n in sorted(names) if n.endswith(".dist-info/METADATA")), "")
        meta = whl.read(meta_name).decode("utf-8") if meta_name else ""
        name = re.search(r"^Name: (.+)$", meta, re.M)
        version = re.search(r"^Version: (.+)$", meta, re.M)
        if not name or name.group(1).strip() != package:
            raise ValueError(f"not the {package} wheel: {path.name}")
        if read not in names:
            raise ValueError(f"no {read} in {path.name}")
        data = whl.read(read).decode("utf-8")
    return f"{package}-{version.group(1).strip() if version else ''}", digest, data


def read_sdist(path: Path, seen: set[str]) -> tuple[str, str, dict[str, str]]:
    """-> (package name-version, sha256 of the wheel, units)."""
    pkg, digest, data = wheel_member(path, PACKAGE, READ)
    return pkg, digest, read_values(data, seen)


def main(argv: list[str]) -> int:
    return set_build.extract_main(argv, usage="python -m benchmarks.tagger.independent39.extract "
                                  "ISIC_METADATA.whl",
                                  here=HERE, read_sdist=read_sdist, selected=selected, kind=kind,
                                  taken_texts=taken_texts,
                                  errors=set_build.READ_ERRORS + (zipfile.BadZipFile, SyntaxError))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
