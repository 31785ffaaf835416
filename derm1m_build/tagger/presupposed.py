"""Round 59: a name a question or a preference takes for granted is stated, not asked about or denied.

Two English forms hold a condition as a fact while a question's or a negation's word stands before it:

- **a factive verb's complement in a question**: "Do people know you have freckles everywhere?", "Did she notice
  that he had a scar?", "Does your boss realise you've got psoriasis?" ask about someone's knowing; "know",
  "realise", "notice", "remember", "forget" take their complement as true (ANNOTATION.md rule 4: stated as present),
  unlike "know if / whether" ("Do you know if it's eczema?": a question about the name, left as it is);
- **a preference for being without it**: "the things I'd been better without: love, curiosity, freckles", "I'd be
  better off without my acne": "better (off) without" wishes away what one has; no denial of it.

Read only for what a question or a negation made of a name (uncertain, not a physician's hedge; or negated) whose
sentence holds the form right before it. Gate (`core`): a word of `FACTIVE_VERBS` and a "?" in the text, or "better"
and "without" among its words.
"""

from __future__ import annotations

import re

from derm1m_build.tagger.results import TagResult

FACTIVE_VERBS = frozenset(("know", "knew", "knows", "realise", "realize", "realised", "realized", "realises",
                           "realizes", "notice", "noticed", "notices", "remember", "remembers", "forget", "forgot"))
_SUBJECTS = r"(?:you|he|she|they|i|we|your\s+\w+|his\s+\w+|her\s+\w+)"
_FACTIVE = re.compile(r"(?:^|[^a-z])(?:know|knew|knows|reali[sz]e[sd]?|notice[sd]?|remembers?|forget|forgot)\s+"
                      r"(?:that\s+)?" + _SUBJECTS + r"\s*(?:'ve\s+got|'s\s+got|have|has|had|got)\s+"
                      r"(?:(?:a|an|the|some|those|these)\s+)?(?:[a-z]+\s+){0,2}$")
_BETTER_WITHOUT = re.compile(r"(?:^|[^a-z])better\s+(?:off\s+)?without\s*:?\s*(?:[a-z]+\s*,\s*|[a-z]+\s+){0,4}"
                             r"(?:(?:and|or|my|your|his|her|the)\s+)?$")


def _sentence_start(low: str, a: int) -> int:
    return max(low.rfind(ch, 0, a) for ch in ".!?;\n") + 1


def presupposed(text: str, res: TagResult) -> None:
    """Restore the names a factive question or "better without" takes for granted (module docstring)."""
    low = text.lower().replace("\u2019", "'")
    for c in res.conditions:
        if c.hedged or not (c.uncertain or c.negated):
            continue
        a = c.span[0]
        prefix = low[_sentence_start(low, a):a]
        if (c.uncertain and not c.negated and "?" in low[a:] and _FACTIVE.search(prefix)) or (
                c.negated and "without" in prefix and _BETTER_WITHOUT.search(prefix)):
            c.uncertain, c.negated = False, False
