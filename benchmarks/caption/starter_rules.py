"""The starter rules back-end (commit 3a5b059), kept only as the benchmark baseline."""

from __future__ import annotations

import re

from derm1m_build.schema import NO_AGE, NO_BODY_LOCATION, NO_GENDER, NO_SYMPTOMS

FILLERS = re.compile(r"\b(?:um+|uh+|erm+|er|ah+|hmm+|you know|i mean|kind of|sort of|like,)\b[,.]?\s*", re.I)
CHATTER = re.compile(
    r"\b(?:(?:hi|hello|hey),? )?(?:welcome back(?: everyone| everybody| guys)?|(?:and )?(?:don't forget to |please )?"
    r"(?:like and )?subscribe(?: to (?:the|my|our) channel)?|like and share|hit the bell|see you next time|"
    r"thanks for watching|(?:the )?link in the description)\b[,.!]?", re.I)
STUTTER = re.compile(r"\b(\w+)(?:\s+\1\b)+", re.I)
SYMPTOMS = ("itch", "itchy", "itching", "pruritus", "pruritic", "pain", "painful", "burning", "tender",
            "bleeding", "oozing", "swelling", "fever", "sore")
GENDER = [(re.compile(r"\b(?:man|male|boy|gentleman|he|his)\b", re.I), "male"),
          (re.compile(r"\b(?:woman|female|girl|lady|she|her)\b", re.I), "female")]
AGE = re.compile(r"\b(\d{1,3})[- ](?:year|yr)s?[- ]old\b|\baged? (\d{1,3})\b", re.I)


def clean(text: str) -> str:
    t = re.sub(r"\s+", " ", text or "").strip()
    t = CHATTER.sub(" ", t)
    t = FILLERS.sub("", t)
    t = STUTTER.sub(r"\1", t)
    t = re.sub(r"\s+([,.!?;:])", r"\1", t)
    t = re.sub(r"\s+", " ", t).strip(" ,")
    sents = [s.strip() for s in re.split(r"(?<=[.!?])\s+", t) if s.strip()]
    out, seen = [], set()
    for s in sents:
        key = s.lower()
        if key in seen:
            continue
        seen.add(key)
        s = s[0].upper() + s[1:]
        if s[-1] not in ".!?":
            s += "."
        out.append(s)
    return " ".join(out)


def extract_metadata(text: str, body_sites: dict[str, tuple[str, ...]] | None = None) -> dict[str, str]:
    low = (text or "").lower()
    loc = NO_BODY_LOCATION
    for name, syns in (body_sites or {}).items():
        if any(re.search(rf"\b{re.escape(s.lower())}\b", low) for s in (name, *syns)):
            loc = name
            break
    symptoms = sorted({s for s in SYMPTOMS if re.search(rf"\b{s}\b", low)})
    age = NO_AGE
    m = AGE.search(text or "")
    if m:
        age = m.group(1) or m.group(2)
    gender = NO_GENDER
    for pat, g in GENDER:
        if pat.search(text or ""):
            gender = g
            break
    return {"body_location": loc, "symptoms": ", ".join(symptoms) if symptoms else NO_SYMPTOMS, "age": age,
            "gender": gender}


def truncate_for_clip(text: str, max_tokens: int = 77) -> str:
    """Cut at a sentence boundary so the text fits CLIP's context (words approximate BPE tokens x1.3)."""
    budget = int((max_tokens - 2) / 1.3)
    sents = re.split(r"(?<=[.!?])\s+", text.strip())
    out, n = [], 0
    for s in sents:
        w = len(s.split())
        if n + w > budget:
            break
        out.append(s)
        n += w
    if not out and sents:
        words = sents[0].split()[:budget]
        return " ".join(words)
    return " ".join(out)
