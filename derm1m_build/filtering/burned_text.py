"""Burned-in text: what OCR found on an image, sorted into what identifies a patient and what is context.

Clinical photos exported from a hospital system or a phone gallery often carry a patient's name, a date
and a record number printed into the pixels, where no metadata strip reaches. `sensitive` says which kind
of identifier an OCR line is (or None): dates in the usual numeric and written forms, record numbers
(MRN/ID/No./DOB labels, or six or more digits in a row), and person names (a Name/Patient/Pt/Dr label,
or two or three capitalised words that are not dermatology vocabulary). The filter blurs those lines on
clinical and dermoscopic photos; the other lines (slide titles, labels such as "Psoriasis") are kept as
context for the caption stage. Broad on purpose: blurring a harmless label costs little.
"""

from __future__ import annotations

import re

from derm1m_build.ocr import OcrText

MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
          "august|september|october|november|december")
DATE = re.compile(
    rf"\b(\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}|\d{{4}}[/.\-]\d{{1,2}}[/.\-]\d{{1,2}}|"
    rf"\d{{1,2}}\s*(?:{MONTHS})\.?\s*,?\s*\d{{2,4}}|(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\s*,?\s*\d{{2,4}})\b", re.I)
RECORD = re.compile(r"\b(?:mrn|med\.?\s*rec|record|hosp(?:ital)?\s*(?:no|#)|patient\s*(?:id|no|#)|pt\s*(?:id|no|#)|"
                    r"id|no\.?|nr|dob|d\.o\.b|ssn|nhs)\s*[:#.]?\s*\w*\d|\d{6,}|#\s*\d{3,}", re.I)
NAME_LABEL = re.compile(r"\b(?:name|patient|pt|dr|mr|mrs|ms|miss|prof)\b\.?\s*[:.]?\s*[A-Z]", re.I)
CAP_WORDS = re.compile(r"^\s*[A-Z][a-z'\-]+,?(?:\s+[A-Z]\.?)?(?:\s+[A-Z][a-z'\-]+){1,2}\s*$")

# Capitalised words that are not names on a dermatology image (a label such as "Psoriasis Vulgaris").
_VOCAB_WORDS: set[str] | None = None


def _vocab() -> set[str]:
    global _VOCAB_WORDS
    if _VOCAB_WORDS is None:
        words: set[str] = {"left", "right", "upper", "lower", "arm", "leg", "back", "face", "chest", "hand", "foot",
                           "before", "after", "week", "day", "figure", "case", "slide", "skin", "lesion", "rash"}
        try:
            from derm1m_build.ontology.loader import load_ontology

            onto = load_ontology()
            for n in [*onto.conditions.values(), *onto.concepts.values()]:
                for term in (n.name, *getattr(n, "synonyms", ())):
                    words.update(w.lower() for w in re.findall(r"[A-Za-z]+", term))
        except Exception:  # noqa: BLE001 - without an ontology the small list above still applies
            pass
        _VOCAB_WORDS = words
    return _VOCAB_WORDS


def sensitive(text: str) -> str | None:
    """'date', 'record' or 'name' if the OCR line identifies someone; None for context text."""
    if DATE.search(text):
        return "date"
    if RECORD.search(text):
        return "record"
    if NAME_LABEL.search(text):
        return "name"
    if CAP_WORDS.match(text):
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", text) if len(w) > 1]
        if words and not all(w in _vocab() for w in words):
            return "name"
    return None


def split_lines(lines: list[OcrText]) -> tuple[list[tuple[OcrText, str]], list[OcrText]]:
    """(identifying lines with their kind, context lines)."""
    bad, keep = [], []
    for ln in lines:
        kind = sensitive(ln.text)
        if kind:
            bad.append((ln, kind))
        else:
            keep.append(ln)
    return bad, keep
