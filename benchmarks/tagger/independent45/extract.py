"""Copy the real units of the forty-fifth independent evaluation set from the game text of **Cataclysm: Dark Days
Ahead** (CleverRaven and contributors, CC BY-SA 3.0), as Debian's package `cataclysm-dda-data` 0.F-3-9 ships it:
the strings of the base game's JSON files (`usr/share/games/cataclysm-dda/json/`): survivors' stories and lines,
effect messages, item, monster and mutation descriptions and the notes a player finds (`"I got this weird rash a few
days ago."`, `Recovered from a bite wound.`), written by the game's writers, none of it code.

The source is the package as Debian serves it, read from the `.deb` itself, never installed:

    mkdir -p /tmp/cdda && cd /tmp/cdda && apt-get download cataclysm-dda-data=0.F-3-9
    python -m benchmarks.tagger.independent45.extract /tmp/cdda/cataclysm-dda-data_0.F-3-9_all.deb

Read are only the members of the package's `data.tar.xz` under `READ` ending in `.json` (the mods, help and core
files are not read), in the order of their paths, and of each file every JSON string, in the file's order (objects
in their key order, lists in theirs), white space folded. A unit is keyed `CDDA:<path under the game's folder>:<n>`
(the file's n-th string, counted from 1 over every string of the file); a string is kept at its first occurrence
(compared after `normalise`).

A **candidate** has two letters in a row and 4 to 250 words (`set_build.is_candidate`). A **skin** candidate holds a
word of `SKIN`; any other is **plain**. Kept: every skin candidate and every `EVERY_PLAIN`-th plain candidate (from
the first, in the order read); a text the gold set or an earlier set holds is skipped before counting.
"""
from __future__ import annotations

import hashlib
import io
import json
import lzma
import re
import sys
import tarfile
from pathlib import Path

from benchmarks.tagger import set_build

HERE = Path(__file__).parent
PACKAGE = "cataclysm-dda-data"
GAME = "usr/share/games/cataclysm-dda/"
READ = GAME + "json/"
EVERY_PLAIN = 1500
# the skin words of set 43's list and a few more of injury and infection, without "skin" itself (the game's
# monsters' skins would fill the set) and without "cancer", "tattoo", "sunscreen", "mosquito"
SKIN = re.compile(
    r"\b(rash(es)?|eczema|acne|psoriasis|warts?|melanoma|moles?|itch\w*|pimples?|zits?|sunburn\w*|blister\w*|"
    r"freckle\w*|herpes|lupus|scabies|hives|leprosy|chicken ?pox|measles|dandruff|bald(ness|ing)?|lice|ringworm|"
    r"shingles|dermatolog\w*|sores?|bruis\w*|boils?|scars?|scarred|scarring|wrinkl\w*|cysts?|allerg\w*|lesions?|"
    r"ulcers?|frostbit\w*|abscess\w*|gangren\w*|welts?|scabs?|pustul\w*|bites?|bitten|stings?|stung|burns?|burned|"
    r"burnt)\b", re.I)


def normalise(text: str) -> str:
    return set_build.normalise(text)


def strings(obj) -> list[str]:
    """Every string of a parsed JSON value, in the file's order (object values in key order; keys are no text)."""
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in strings(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in strings(v)]
    return []


def read_files(files: list[tuple[str, str]], seen: set[str]) -> dict[str, str]:
    """[(path under the game's folder, JSON text)] in path order -> {CDDA:<path>:<n>: string}, white space folded;
    a string whose `normalise`d form is in SEEN (or empty) is skipped (each new one is added)."""
    out: dict[str, str] = {}
    for path, text in files:
        for n, s in enumerate(strings(json.loads(text)), 1):
            s = " ".join(s.split())
            if not s or normalise(s) in seen:
                continue
            seen.add(normalise(s))
            out[f"CDDA:{path}:{n}"] = s
    return out


def ar_members(data: bytes) -> dict[str, bytes]:
    """The members of a Debian package (an `ar` archive): name -> bytes. A ValueError names another kind of file."""
    if not data.startswith(b"!<arch>\n"):
        raise ValueError("not a Debian package (no ar header)")
    out, at = {}, 8
    while at + 60 <= len(data):
        head = data[at:at + 60]
        name, size = head[:16].decode("ascii").strip().rstrip("/"), int(head[48:58].decode("ascii").strip())
        out[name] = data[at + 60:at + 60 + size]
        at += 60 + size + (size % 2)
    return out


def read_deb(path: Path, seen: set[str]) -> tuple[str, str, dict[str, str]]:
    """-> (package name-version, sha256 of the .deb, units). A ValueError names another package or a package
    without the game's JSON."""
    data = path.read_bytes()
    members = ar_members(data)
    if "control.tar.xz" not in members or "data.tar.xz" not in members:
        raise ValueError(f"no control.tar.xz and data.tar.xz in {path.name}")
    with tarfile.open(fileobj=io.BytesIO(members["control.tar.xz"]), mode="r:xz") as tar:
        control = tar.extractfile("./control").read().decode("utf-8")
    name = re.search(r"^Package: (.+)$", control, re.M)
    version = re.search(r"^Version: (.+)$", control, re.M)
    if not name or name.group(1).strip() != PACKAGE:
        raise ValueError(f"not the {PACKAGE} package: {path.name}")
    files = []
    with tarfile.open(fileobj=io.BytesIO(members["data.tar.xz"]), mode="r:xz") as tar:
        for m in tar.getmembers():
            rel = m.name.removeprefix("./")
            if m.isfile() and rel.startswith(READ) and rel.endswith(".json"):
                files.append((rel.removeprefix(GAME), tar.extractfile(m).read().decode("utf-8")))
    if not files:
        raise ValueError(f"no {READ}*.json in {path.name}")
    units = read_files(sorted(files), seen)
    return f"{PACKAGE}-{version.group(1).strip() if version else ''}", hashlib.sha256(data).hexdigest(), units


def taken_texts(root: Path) -> set[str]:
    """The normalised texts of the gold set and sets 1-44 (read to skip them, never shown)."""
    return set_build.normalised_texts(45, root)


# every skin candidate and every EVERY_PLAIN-th plain one (the shared rule; its `read_sdist` is not used here)
candidate, kind, selected, _ = set_build.skin_or_plain(globals())


def main(argv: list[str]) -> int:
    """Read the package ARGV names, keep the selected units (the earlier sets' texts skipped) and write them with the
    package's version and hash to units.txt; 2 and one line on stderr for a missing or unreadable package. (The
    shared `set_build.extract_main` heads its copy as a PyPI sdist's; this source is a Debian package.)"""
    usage = "usage: python -m benchmarks.tagger.independent45.extract cataclysm-dda-data_0.F-3-9_all.deb"
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print(usage, file=sys.stderr)
        return 2
    try:
        pkg, digest, units = read_deb(Path(argv[0]), set())
    except set_build.READ_ERRORS + (lzma.LZMAError, json.JSONDecodeError, KeyError) as e:
        print(f"cannot read {argv[0]}: {' '.join(str(e).split())}", file=sys.stderr)
        return 2
    keep = selected(units, taken_texts(HERE.parents[2]))
    lines = [f"# {pkg} (Debian package), sha256 {digest}",
             f"# {len(units)} units; kept {len(keep)} by the rule in extract.py"]
    lines += [f"{k}\t{t}" for k, t in keep.items()]
    (HERE / "units.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"kept {len(keep)} of {len(units)} units: {sum(kind(t) == 'skin' for t in keep.values())} skin")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
