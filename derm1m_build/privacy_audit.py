"""A privacy audit of a finished build: does anything that ships say more than it should?

What ships is `dataset/` (images, CSVs, DATASHEET.md, report, manifest), `export/` and the stage
manifests under `work/*/_manifest.json`. The audit looks in every one of those files for:

- image metadata: a JPEG with an APP1 (EXIF/XMP), APP13 (IPTC), COM segment, or bytes after EOI; a PNG
  with tEXt/iTXt/zTXt/eXIf/tIME chunks (images inside WebDataset tars are checked too);
- this machine: its home folder path, host name and `file:///` URLs in text files;
- secrets: the values of environment variables whose names look secret (KEY, TOKEN, SECRET, PASSWORD,
  COOKIE, AUTH), and any `needles` given (planted values), as UTF-8 and UTF-16 bytes.

Findings are (file, kind, what); none means the build is clean. Reads are streamed in chunks with an
overlap, so tar exports of any size are searched in bounded memory.
"""

from __future__ import annotations

import os
import re
import socket
import struct
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

SECRET_ENV = re.compile(r"KEY|TOKEN|SECRET|PASSW|COOKIE|AUTH|CREDENTIAL", re.I)
MIN_NEEDLE = 6
CHUNK = 4 * 1024 * 1024
TEXT_SUFFIXES = {".csv", ".md", ".json", ".html", ".txt", ".jsonl", ".tsv"}


@dataclass(frozen=True)
class Finding:
    path: str
    kind: str  # image_metadata | home_path | host_name | secret | planted
    what: str

    def line(self) -> str:
        return f"{self.kind}\t{self.path}\t{self.what}"


def shipped_files(build: Path, everything: bool = False) -> list[Path]:
    """The files a build ships (or, with `everything`, every file under it)."""
    if everything:
        return sorted(p for p in build.rglob("*") if p.is_file() and not p.is_symlink())
    out = []
    for sub in ("dataset", "export"):
        d = build / sub
        if d.is_dir():
            out += [p for p in d.rglob("*") if p.is_file() and not p.is_symlink()]
    out += [p for p in (build / "work").glob("*/_manifest.json") if p.is_file()]
    return sorted(out)


def machine_needles() -> list[tuple[str, str]]:
    """(kind, value) for this machine's identifiers and the secret-looking environment values."""
    out = []
    home = os.path.expanduser("~")
    if home and home != "/":
        out.append(("home_path", home.rstrip("/") + "/"))
    host = socket.gethostname()
    if host and host not in ("localhost",):
        out.append(("host_name", host))
    for k, v in sorted(os.environ.items()):
        if SECRET_ENV.search(k) and v and len(v) >= MIN_NEEDLE:
            out.append(("secret", v))
    return out


def _forms(value: str) -> list[bytes]:
    return [value.encode("utf-8"), value.encode("utf-16-le")]


def _search_stream(chunks: Iterable[bytes], needles: list[tuple[str, str]]) -> set[tuple[str, str]]:
    forms = [(kind, val, b) for kind, val in needles for b in _forms(val)]
    longest = max((len(b) for _, _, b in forms), default=0)
    found, tail = set(), b""
    for chunk in chunks:
        buf = tail + chunk
        for kind, val, b in forms:
            if (kind, val) not in found and b in buf:
                found.add((kind, val))
        tail = buf[-longest:] if longest else b""
    return found


def _chunks(p: Path) -> Iterator[bytes]:
    with open(p, "rb") as f:
        while True:
            b = f.read(CHUNK)
            if not b:
                return
            yield b


def image_metadata(data: bytes) -> list[str]:
    """Metadata an image should no longer carry (empty when clean)."""
    bad = []
    if data[:2] == b"\xff\xd8":
        pos, n = 2, len(data)
        while pos + 4 <= n and data[pos] == 0xFF:
            marker = data[pos + 1]
            if marker == 0xD9:
                break
            if marker == 0xDA:  # image data follows: only trailing bytes after EOI remain to check
                if not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
                    bad.append("bytes after EOI")
                break
            length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
            body = data[pos + 4:pos + 2 + length]
            if marker == 0xE1:
                bad.append("APP1 " + ("XMP" if body.startswith(b"http://ns.adobe.com") else "EXIF"))
            elif marker == 0xED:
                bad.append("APP13 IPTC")
            elif marker == 0xFE:
                bad.append("COM")
            elif 0xE3 <= marker <= 0xEF and marker != 0xEE:
                bad.append(f"APP{marker - 0xE0}")
            pos += 2 + length
    elif data[:8] == b"\x89PNG\r\n\x1a\n":
        pos = 8
        while pos + 8 <= len(data):
            length = struct.unpack(">I", data[pos:pos + 4])[0]
            ctype = data[pos + 4:pos + 8]
            if ctype in (b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"tIME"):
                bad.append(ctype.decode())
            pos += 12 + length
            if ctype == b"IEND":
                if pos < len(data):
                    bad.append("bytes after IEND")
                break
    return bad


def audit(build: Path, needles: Iterable[str] = (), everything: bool = False) -> tuple[list[Finding], int]:
    """(findings, files checked)."""
    build = Path(build)
    search = machine_needles() + [("local_path", "file:///")] + [("planted", v) for v in needles if v and len(v) >= 4]
    # a short host name ("vm") would match anywhere in binary data: it is looked for as a word in text files
    short = [(k, v) for k, v in search if k == "host_name" and len(v) < 6]
    search = [x for x in search if x not in short]
    findings: list[Finding] = []
    files = shipped_files(build, everything)
    for p in files:
        rel = str(p.relative_to(build))
        if short and p.suffix.lower() in TEXT_SUFFIXES:
            text = p.read_text(encoding="utf-8", errors="replace")
            for kind, val in short:
                if re.search(rf"(?<![A-Za-z0-9_.-]){re.escape(val)}(?![A-Za-z0-9_-])", text):
                    findings.append(Finding(rel, kind, val))
        for kind, val in sorted(_search_stream(_chunks(p), search)):
            findings.append(Finding(rel, kind, val if kind in ("planted", "host_name", "home_path", "local_path") else "value of a "
                                    "secret-looking environment variable"))
        if p.suffix.lower() in (".jpg", ".jpeg", ".png"):
            for what in image_metadata(p.read_bytes()):
                findings.append(Finding(rel, "image_metadata", what))
        elif p.suffix == ".tar":
            try:
                with tarfile.open(p) as tf:
                    for m in tf:
                        if m.isfile() and m.name.lower().endswith((".jpg", ".jpeg", ".png")):
                            data = tf.extractfile(m).read()
                            for what in image_metadata(data):
                                findings.append(Finding(f"{rel}:{m.name}", "image_metadata", what))
            except tarfile.TarError as e:
                findings.append(Finding(rel, "unreadable", str(e)[:100]))
    return findings, len(files)
