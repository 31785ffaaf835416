"""Copy the real units of the forty-fourth independent evaluation set from the fortune cookie files of BSD
fortune(6) (`fortune-mod` 1.99.1: quotations, jokes, definitions, songs and sayings collected from Usenet and many
authors), as Debian's package `fortunes` 1:1.99.1-7.3 ships them (`/usr/share/games/fortunes/<file>`): prose written
by others for people to read, naming the burns, bites, itches, warts and pox of people, and many false friends.

The source is the package as Debian serves it, read as an archive, never installed:

    mkdir -p /tmp/fortunes && cd /tmp/fortunes && apt-get download fortunes=1:1.99.1-7.3
    python -m benchmarks.tagger.independent44.extract /tmp/fortunes/fortunes_1%3a1.99.1-7.3_all.deb

Read are only the `control` file (the package's name and version) and the cookie files under `DIR` (every regular
file there but the `.dat` indexes, in name order; the `.u8` names are links to them). A cookie is the text between
lines holding only `%`; a unit is one cookie, white space folded, keyed `FORTUNE:<file>:<n>` (the file's n-th cookie,
from 1); a cookie is kept at its first occurrence (compared after `normalise`).

A **candidate** has two letters in a row and 4 to 250 words (`set_build.is_candidate`). A **skin** candidate holds a
word of `SKIN`; any other is **plain**. Kept: every skin candidate and every `EVERY_PLAIN`-th plain candidate (from
the first, in the order read); a text the gold set or an earlier set holds is skipped before counting.
"""
from __future__ import annotations

import hashlib
import io
import re
import sys
import tarfile
from pathlib import Path

from benchmarks.tagger import set_build

HERE = Path(__file__).parent
PACKAGE = "fortunes"
DIR = "./usr/share/games/fortunes/"
EVERY_PLAIN = 400
SKIN = re.compile(
    r"\b(skin|rash(es)?|eczema|acne|psoriasis|warts?|melanoma|moles?|itch\w*|pimples?|zits?|sunburn\w*|blisters?|"
    r"freckles?|herpes|lupus|scabies|hives|leprosy|lepers?|chicken ?pox|small ?pox|pox|measles|dandruff|"
    r"bald(ness|ing)?|burns?|burned|burnt|bites?|bitten|lice|lousy|ringworm|shingles|dermat\w*|sores?|bruis\w*|"
    r"boils?|scars?|wrinkl\w*|tattoo\w*|cysts?|allerg\w*|sunscreen|mosquito\w*|cancer|blemish\w*|lesions?|ulcers?|"
    r"wounds?|stings?|stung|frostbit\w*|gangren\w*|scratch\w*|corns?|calluses|bunions?|blackheads?)\b", re.I)


def normalise(text: str) -> str:
    return set_build.normalise(text)


def deb_members(data: bytes) -> dict[str, bytes]:
    """A Debian package's `ar` members (name -> bytes): `debian-binary`, `control.tar.*`, `data.tar.*`."""
    if not data.startswith(b"!<arch>\n"):
        raise ValueError("not a Debian package (no ar header)")
    out, pos = {}, 8
    while pos + 60 <= len(data):
        head = data[pos:pos + 60]
        name, size = head[:16].decode("ascii").strip().rstrip("/"), int(head[48:58].decode("ascii"))
        out[name] = data[pos + 60:pos + 60 + size]
        pos += 60 + size + size % 2
    return out


def _tar(members: dict[str, bytes], stem: str) -> tarfile.TarFile:
    name = next((n for n in members if n.startswith(stem + ".tar")), None)
    if name is None:
        raise ValueError(f"no {stem}.tar in the package")
    return tarfile.open(fileobj=io.BytesIO(members[name]), mode="r:*")


def read_cookies(files: list[tuple[str, str]], seen: set[str]) -> dict[str, str]:
    """[(file name, text)] -> {FORTUNE:<file>:<n>: cookie} (white space folded), in order; an empty cookie is no
    unit, and a cookie whose `normalise`d form is in SEEN is skipped (each new one is added)."""
    out: dict[str, str] = {}
    for name, text in files:
        chunks = re.split(r"^%[ \t]*$", text, flags=re.M)
        for n, chunk in enumerate(chunks, 1):
            cookie = " ".join(chunk.split())
            if not cookie or normalise(cookie) in seen:
                continue
            seen.add(normalise(cookie))
            out[f"FORTUNE:{name}:{n}"] = cookie
    return out


def read_deb(path: Path, seen: set[str]) -> tuple[str, str, dict[str, str]]:
    """-> (package name-version, sha256 of the .deb, units). A ValueError names another package or one without
    cookie files."""
    data = path.read_bytes()
    members = deb_members(data)
    with _tar(members, "control") as tar:
        control = next((tar.extractfile(m).read().decode("utf-8") for m in tar.getmembers()
                        if m.isfile() and m.name.lstrip("./") == "control"), "")
    name = re.search(r"^Package: (.+)$", control, re.M)
    version = re.search(r"^Version: (.+)$", control, re.M)
    if not name or name.group(1).strip() != PACKAGE:
        raise ValueError(f"not the {PACKAGE} package: {path.name}")
    with _tar(members, "data") as tar:
        files = sorted((m.name[len(DIR):], tar.extractfile(m).read().decode("utf-8")) for m in tar.getmembers()
                       if m.isfile() and m.name.startswith(DIR) and "/" not in m.name[len(DIR):]
                       and not m.name.endswith(".dat"))
    if not files:
        raise ValueError(f"no cookie files in {path.name}")
    return f"{PACKAGE}-{version.group(1).strip() if version else ''}", hashlib.sha256(data).hexdigest(), \
        read_cookies(files, seen)


def taken_texts(root: Path) -> set[str]:
    """The normalised texts of the gold set and sets 1-43 (read to skip them, never shown)."""
    return set_build.normalised_texts(44, root)


# `kind` and `selected` read this module's SKIN, EVERY_PLAIN and kind when they run (the sdist reader is unused)
candidate, kind, selected, _ = set_build.skin_or_plain(globals())


def main(argv: list[str]) -> int:
    """Read the package ARGV names, keep the selected units (the earlier sets' texts skipped) and write them with the
    package's version and hash to units.txt; 2 and one line on stderr for a missing or unreadable package."""
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print("usage: python -m benchmarks.tagger.independent44.extract fortunes_1%3a1.99.1-7.3_all.deb",
              file=sys.stderr)
        return 2
    try:
        pkg, digest, units = read_deb(Path(argv[0]), set())
    except set_build.READ_ERRORS + (KeyError, IndexError) as e:
        print(f"cannot read {argv[0]}: {' '.join(str(e).split())}", file=sys.stderr)
        return 2
    keep = selected(units, taken_texts(HERE.parents[2]))
    lines = [f"# {pkg} (Debian package, {DIR}), sha256 {digest}",
             f"# {len(units)} units; kept {len(keep)} by the rule in extract.py"]
    lines += [f"{k}\t{t}" for k, t in keep.items()]
    (HERE / "units.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"kept {len(keep)} of {len(units)} units: {sum(kind(t) == 'skin' for t in keep.values())} skin")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
