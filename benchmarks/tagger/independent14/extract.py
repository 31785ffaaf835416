"""Copy the GCIDE entries this set uses, unchanged, out of the Debian package dict-gcide 0.48.5+nmu2.

Run once when the set was written (the package is not a dependency of the project):

    mkdir /tmp/g && cd /tmp/g && apt-get download dict-gcide && dpkg-deb -x dict-gcide_0.48.5+nmu2_all.deb x
    python -m benchmarks.tagger.independent14.extract /tmp/g/x/usr/share/dictd

The dictd index (`gcide.index`) gives each headword its entry's byte offset and length (base64 digits) in the
uncompressed dictionary; `gcide.dict.dz` is gzip-compatible (dictzip). This keeps the entries whose offset
`real_gcide.txt` names and writes `gcide_entries.txt`: one line per entry, "OFFSET<TAB>LENGTH<TAB>ENTRY" with ENTRY the
raw entry text as a JSON string (line breaks and markup kept). `build.py` reads only that file. Standard library only.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def b64number(digits: str) -> int:
    """dictd's index writes offsets and lengths as base-64 numbers."""
    n = 0
    for ch in digits:
        n = n * 64 + B64.index(ch)
    return n


def index_entries(index: Path) -> dict[int, int]:
    """offset -> length of every entry the index points at (several headwords may share one entry)."""
    out: dict[int, int] = {}
    for line in index.read_text(encoding="utf-8").splitlines():
        _word, off, length = line.split("\t")
        out[b64number(off)] = b64number(length)
    return out


def main(folder: Path) -> None:
    used = sorted({int(line.split("||")[0]) for line in (HERE / "real_gcide.txt").read_text(encoding="utf-8").splitlines()
                   if line.strip() and not line.startswith("#")})
    entries = index_entries(folder / "gcide.index")
    raw = gzip.open(folder / "gcide.dict.dz").read()
    digest = hashlib.sha256((folder / "gcide.dict.dz").read_bytes()).hexdigest()
    out = ["# GCIDE 0.48.5 entries, copied unchanged from the Debian package dict-gcide 0.48.5+nmu2,",
           f"# usr/share/dictd/gcide.dict.dz (sha256 {digest}) at the offsets gcide.index gives",
           "# byte offset in the uncompressed dictionary <TAB> length <TAB> the entry as a JSON string"]
    for off in used:
        assert off in entries, ("no index entry starts at", off)
        text = raw[off:off + entries[off]].decode("utf-8")
        out.append(f"{off}\t{entries[off]}\t{json.dumps(text, ensure_ascii=False)}")
    (HERE / "gcide_entries.txt").write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
