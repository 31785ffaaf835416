"""The JSON answer an LLM must give for one caption, and its validation.

The schema (pydantic) is rendered into the refinement prompt, and every answer is parsed and validated
against it: a code fence or prose around the object is tolerated, anything else is an `AnswerError`
with a short reason (`invalid_json`, `schema_invalid`, `empty_caption`) so the row can be retried once
and then fall back to the rules back-end with that reason recorded. Absent metadata becomes Derm1M's
placeholders.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from derm1m_build.schema import NO_AGE, NO_BODY_LOCATION, NO_GENDER, NO_SYMPTOMS

UNKNOWN = {"", "none", "null", "n/a", "na", "unknown", "not stated", "not specified", "not mentioned", "-"}
FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$", re.I)


class AnswerError(Exception):
    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class SubCaption(BaseModel):
    model_config = ConfigDict(extra="ignore")
    panel: str = Field("", max_length=16)
    caption: str = Field(..., min_length=1, max_length=2000)


def _text_or(placeholder: str):
    def conv(v: Any) -> str:
        if v is None:
            return placeholder
        if isinstance(v, (list, tuple)):
            v = ", ".join(str(x).strip() for x in v if str(x).strip())
        v = str(v).strip()
        return placeholder if v.lower() in UNKNOWN or v.lower().startswith("no ") else v
    return conv


class CaptionAnswer(BaseModel):
    """One refined caption with its metadata (Derm1M's fields)."""

    model_config = ConfigDict(extra="ignore")
    caption: str = Field(..., min_length=1, max_length=4000, description="the refined caption, English")
    sub_captions: list[SubCaption] = Field(default_factory=list, description="one per panel or shot; empty if one")
    body_location: str = Field(NO_BODY_LOCATION, description=f'comma-separated body sites, or "{NO_BODY_LOCATION}"')
    symptoms: str = Field(NO_SYMPTOMS, description=f'comma-separated symptoms, or "{NO_SYMPTOMS}"')
    age: str = Field(NO_AGE, description=f'years ("45"), a decade ("40s"), "6 months", or "{NO_AGE}"')
    gender: str = Field(NO_GENDER, description=f'"male", "female" or "{NO_GENDER}"')

    _loc = field_validator("body_location", mode="before")(lambda cls, v: _text_or(NO_BODY_LOCATION)(v))
    _sym = field_validator("symptoms", mode="before")(lambda cls, v: _text_or(NO_SYMPTOMS)(v))

    @field_validator("caption", mode="before")
    @classmethod
    def _caption(cls, v: Any) -> Any:
        return v.strip() if isinstance(v, str) else v

    @field_validator("age", mode="before")
    @classmethod
    def _age(cls, v: Any) -> str:
        if isinstance(v, bool):
            raise ValueError("age must be text or a number")
        if isinstance(v, (int, float)):
            return str(int(v)) if 0 <= v <= 120 else NO_AGE
        return _text_or(NO_AGE)(v)

    @field_validator("gender", mode="before")
    @classmethod
    def _gender(cls, v: Any) -> str:
        g = _text_or(NO_GENDER)(v)
        low = g.lower()
        if low in ("male", "man", "m", "boy"):
            return "male"
        if low in ("female", "woman", "f", "girl"):
            return "female"
        return NO_GENDER

    def sub_captions_json(self) -> list[dict[str, str]]:
        return [{"panel": s.panel, "caption": s.caption} for s in self.sub_captions]


def schema_text() -> str:
    """The JSON schema shown to the model (stable text: part of the prompt digest)."""
    return json.dumps(CaptionAnswer.model_json_schema(), sort_keys=True, indent=1)


def parse_answer(content: str) -> CaptionAnswer:
    """The model's reply -> a validated answer, or `AnswerError`."""
    text = FENCE.sub("", content or "").strip()
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        raise AnswerError("invalid_json", "no JSON object in the reply")
    try:
        obj = json.loads(text[start:end + 1])
    except json.JSONDecodeError as e:
        raise AnswerError("invalid_json", f"{e.msg} at char {e.pos}") from None
    if not isinstance(obj, dict):
        raise AnswerError("invalid_json", "the reply is not a JSON object")
    try:
        ans = CaptionAnswer.model_validate(obj)
    except ValidationError as e:
        err = e.errors()[0]
        raise AnswerError("schema_invalid", f"{'.'.join(map(str, err['loc']))}: {err['msg']}") from None
    if len(ans.caption.split()) < 1:
        raise AnswerError("empty_caption")
    return ans
