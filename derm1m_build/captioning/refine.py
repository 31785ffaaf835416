"""LLM refinement of a batch of rows: cache, ask, validate, retry once, ground, or fall back.

For each row with text: the conversation (system prompt + the row) is looked up in the cache, the
misses are sent to the back-end in one batch, each reply is validated against the answer schema; an
unusable reply gets one follow-up turn naming the problem (also cached); a valid answer that asserts a
condition its source does not support is rejected. Each row ends with either an answer and the
back-end's label, or no answer and `rules-fallback:<reason>` (the stage then uses the rules caption).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from derm1m_build.captioning.answer import AnswerError, CaptionAnswer, parse_answer
from derm1m_build.captioning.cache import LLMCache, input_digest
from derm1m_build.captioning.chat import ChatBackend, Messages
from derm1m_build.captioning.grounding import GroundingGuard
from derm1m_build.captioning.prompts import Prompts
from derm1m_build.errors import ItemError
from derm1m_build.secrets import redact


@dataclass
class Outcome:
    answer: CaptionAnswer | None
    label: str


def is_english(row: dict[str, Any]) -> bool:
    return (row.get("lang") or "en").lower() in ("en", "eng", "english", "und", "")


def _file_reply(i: int, rep: str | ItemError, outcomes: list[Outcome | None],
                answers: dict[int, CaptionAnswer]) -> AnswerError | None:
    """Files row i's reply the same way in both rounds: a back-end error makes the row fall back to the rules
    caption, a valid answer goes into `answers`. A reply that does not parse is returned, not filed: the
    first round asks again, the second falls back."""
    if isinstance(rep, ItemError):
        outcomes[i] = Outcome(None, f"rules-fallback:{rep.reason}")
        return None
    try:
        answers[i] = parse_answer(rep)
    except AnswerError as e:
        return e
    return None


class Refiner:
    def __init__(self, backend: ChatBackend, prompts: Prompts, cache: LLMCache, guard: GroundingGuard | None):
        self.backend = backend
        self.prompts = prompts
        self.cache = cache
        self.guard = guard

    def _ask(self, convs: dict[int, Messages]) -> dict[int, str | ItemError]:
        out: dict[int, str | ItemError] = {}
        keys: dict[int, tuple[str, str]] = {}
        todo: list[int] = []
        params = self.backend.params()
        for i, msgs in sorted(convs.items()):
            dig = input_digest(msgs, params)
            key = self.cache.key(self.backend.model, self.prompts.digest, dig)
            keys[i] = (key, dig)
            hit = self.cache.get(key)
            if hit is None:
                todo.append(i)
            else:
                out[i] = hit
        if todo:
            replies = self.backend.complete([convs[i] for i in todo])
            for i, rep in zip(todo, replies):
                out[i] = rep
                if isinstance(rep, str):
                    key, dig = keys[i]
                    self.cache.put(key, self.backend.model, self.prompts.digest, dig, rep)
        return out

    def run(self, rows: list[dict[str, Any]]) -> list[Outcome | None]:
        """One outcome per row (None for rows without text: the rules back-end handles them)."""
        outcomes: list[Outcome | None] = [None] * len(rows)
        first = {i: self.prompts.messages(r) for i, r in enumerate(rows) if (r.get("raw_text") or "").strip()}
        answers: dict[int, CaptionAnswer] = {}
        retry: dict[int, Messages] = {}
        replies = self._ask(first)
        for i, rep in replies.items():
            err = _file_reply(i, rep, outcomes, answers)
            if err is not None:
                retry[i] = self.prompts.retry_messages(first[i], rep,
                                                       f"{err.reason} ({err.detail})" if err.detail else err.reason)
        for i, rep in self._ask(retry).items():
            err = _file_reply(i, rep, outcomes, answers)
            if err is not None:
                outcomes[i] = Outcome(None, f"rules-fallback:{err.reason}")
        for i, ans in sorted(answers.items()):
            if self.guard is not None:
                text = " ".join([ans.caption, *(s.caption for s in ans.sub_captions)])
                bad = self.guard.unsupported(rows[i], text)
                if bad:
                    outcomes[i] = Outcome(None, f"rules-fallback:ungrounded:{','.join(bad)}")
                    continue
            label = self.backend.label
            if not is_english(rows[i]):
                label += f"+translated:{rows[i].get('lang')}"
            outcomes[i] = Outcome(ans, label)
        for o in outcomes:
            if o is not None:
                o.label = redact(o.label)
        return outcomes
