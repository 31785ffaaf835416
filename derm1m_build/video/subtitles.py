"""Caption parsers: WebVTT, YouTube json3 and srv3 -> clean, de-duplicated, timestamped segments.

Why hand-written cue parsing rather than a strict WebVTT library: YouTube's auto-caption files are not
strict WebVTT (a `Style:` header block ending in `##`, cues without blank lines between them, inline
word-timing tags `<00:05:04.199>` and class spans `<c.colorE5E5E5>`), and strict parsers reject or
mangle them. json3 and srv3 are YouTube's own formats (no library parses them); srv3 is XML and is read
with defusedxml (no entities, no DTDs).

Auto captions roll: each cue repeats the previous line and adds one; YouTube shows a 10 ms cue in
between. `dedupe` keeps each spoken line once, with the time it first appeared.

Every parser raises `ItemError("bad_subtitles", detail)` on input it cannot read, never anything else.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from derm1m_build.errors import ItemError

MAX_BYTES = 8 * 1024 * 1024  # a caption file larger than this is refused (a real one is < 1 MB)


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    text: str

    def to_dict(self) -> dict:
        return {"start": round(self.start, 3), "end": round(self.end, 3), "text": self.text}


_TS = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{3})$")
_CUE = re.compile(r"^\s*(\S+)\s+-->\s+(\S+)")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028-\u202e\ufeff]")


def _ts(s: str) -> float:
    m = _TS.match(s.strip())
    if not m:
        raise ValueError(s)
    h, mi, se, ms = m.groups()
    return int(h or 0) * 3600 + int(mi) * 60 + int(se) + int(ms) / 1000


def clean_text(s: str) -> str:
    """Tags removed, entities decoded, whitespace collapsed, YouTube's [Music]-style sound labels dropped."""
    s = _CONTROL.sub(" ", html.unescape(_TAG.sub("", s)))
    s = re.sub(r"\[(?:music|applause|laughter|inaudible)\]", " ", s, flags=re.I)
    return _SPACE.sub(" ", s).strip()


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ItemError("bad_subtitles", f"caption file over {MAX_BYTES} bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ItemError("bad_subtitles", f"not UTF-8 at byte {e.start}") from None


def parse_vtt(data: bytes) -> list[Segment]:
    """WebVTT cues -> one raw segment per cue line (before de-duplication)."""
    text = _decode(data).replace("\r\n", "\n").replace("\r", "\n")
    if not text.lstrip().startswith("WEBVTT"):
        raise ItemError("bad_subtitles", "no WEBVTT header")
    out: list[Segment] = []
    cue: tuple[float, float] | None = None
    lines: list[str] = []

    def close() -> None:
        if cue is not None:
            for ln in lines:
                t = clean_text(ln)
                if t:
                    out.append(Segment(cue[0], cue[1], t))

    for line in text.split("\n"):
        m = _CUE.match(line) if "-->" in line else None
        if m:
            close()
            try:
                start, end = _ts(m.group(1)), _ts(m.group(2))
            except ValueError:
                cue, lines = None, []  # a cue with a broken time line is skipped, not guessed
                continue
            cue, lines = ((start, max(start, end)) if end >= start else None), []
        elif line == "":  # only an empty line ends a cue: YouTube's auto cues start with a line of one space
            close()
            cue, lines = None, []
        elif cue is not None:
            lines.append(line)
    close()
    return out


def parse_json3(data: bytes) -> list[Segment]:
    """json3 events -> one segment per displayed line. Window events (no `segs`) and `aAppend` line
    breaks carry no words and are skipped; a `\\n` inside segs splits lines."""
    try:
        doc = json.loads(_decode(data))
    except RecursionError:
        raise ItemError("bad_subtitles", "json3: nested too deeply") from None
    except ValueError as e:
        raise ItemError("bad_subtitles", f"json3: {e}") from None
    events = doc.get("events") if isinstance(doc, dict) else None
    if not isinstance(events, list):
        raise ItemError("bad_subtitles", "json3: no events list")
    out: list[Segment] = []
    for ev in events:
        if not isinstance(ev, dict) or not isinstance(ev.get("segs"), list) or ev.get("aAppend"):
            continue
        try:
            start = float(ev.get("tStartMs", 0)) / 1000
            end = start + float(ev.get("dDurationMs", 0)) / 1000
        except (TypeError, ValueError):
            continue
        if not (start >= 0 and end >= start):
            continue
        words = "".join(s["utf8"] for s in ev["segs"] if isinstance(s, dict) and isinstance(s.get("utf8"), str))
        for ln in words.split("\n"):
            t = clean_text(ln)
            if t:
                out.append(Segment(start, end, t))
    return out


def parse_srv3(data: bytes) -> list[Segment]:
    """srv3 (`<timedtext><body><p t= d=>` with optional `<s>` word spans) -> one segment per paragraph."""
    from defusedxml import ElementTree as DET
    from defusedxml.common import DefusedXmlException

    _decode(data)
    try:
        root = DET.fromstring(data)
    except (DET.ParseError, DefusedXmlException, ValueError) as e:
        raise ItemError("bad_subtitles", f"srv3: {type(e).__name__}") from None
    out: list[Segment] = []
    for p in root.iter("p"):
        try:
            start = float(p.get("t", "0")) / 1000
            end = start + float(p.get("d", "0")) / 1000
        except ValueError:
            continue
        for ln in "".join(p.itertext()).split("\n"):
            t = clean_text(ln)
            if t:
                out.append(Segment(start, max(start, end), t))
    return out


PARSERS = {"vtt": parse_vtt, "json3": parse_json3, "srv3": parse_srv3}


def dedupe(segs: list[Segment]) -> list[Segment]:
    """Remove the rolling-window repeats of auto captions and merge exact repeats.

    A line equal to one of the last two lines kept is a repeat shown again (the rolling window keeps
    the previous line on screen): it only extends that line's end time. Segments come out sorted by
    start time.
    """
    out: list[Segment] = []
    for s in sorted(segs, key=lambda s: (s.start, s.end)):
        hit = next((i for i in range(len(out) - 1, max(-1, len(out) - 3), -1) if out[i].text == s.text), None)
        if hit is not None:
            if s.end > out[hit].end:
                out[hit] = Segment(out[hit].start, s.end, out[hit].text)
            continue
        out.append(s)
    # a line is spoken until the next one starts (rolling windows keep it on screen long after)
    return [Segment(s.start, min(s.end, out[i + 1].start) if i + 1 < len(out) and out[i + 1].start > s.start
                    else s.end, s.text) for i, s in enumerate(out)]


def fmt_of(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower()
    if ext not in PARSERS:
        raise ItemError("bad_subtitles", f"unknown caption format .{ext} (vtt, json3, srv3)")
    return ext


def parse(data: bytes, fmt: str) -> list[Segment]:
    """Clean, de-duplicated segments of a caption file in `fmt` (vtt, json3, srv3)."""
    if fmt not in PARSERS:
        raise ItemError("bad_subtitles", f"unknown caption format {fmt!r}")
    return dedupe(PARSERS[fmt](data))


def parse_file(path: Path) -> list[Segment]:
    return parse(Path(path).read_bytes(), fmt_of(Path(path).name))


def text_between(segs: list[Segment], start: float, end: float) -> str:
    """Words spoken in [start, end): every segment overlapping the window, in order."""
    return " ".join(s.text for s in segs if s.end > start and s.start < end)


def text_within(segs: list[Segment], start: float, end: float) -> str:
    """Words spoken in [start, end) for one shot: each segment whose midpoint falls in the window, so a
    sentence belongs to one shot only and never lends its words (and labels) to the next."""
    return " ".join(s.text for s in segs if start <= (s.start + s.end) / 2 < end)


__all__ = ["Segment", "parse", "parse_file", "parse_vtt", "parse_json3", "parse_srv3", "dedupe", "text_between",
           "text_within", "asdict"]
