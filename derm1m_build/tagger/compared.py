"""Round 55: a candidate put second in a comparison of likelihood ("a painless firm lump weeks later is more likely a
chalazion than a stye").

"more likely X than Y" weighs Y and finds it wanting: the name after "than" is set aside, as "X rather than Y" sets it
aside (context's "rather than"); X keeps its own reading (the hedge "more likely" is read elsewhere, and X may be a word
the vocabulary lacks, as "chalazion" is). In a reply it answers the poster's guess (ANNOTATION.md round 44: a reply that
names another diagnosis). Scope: the first condition right after "than" (an article at most), when "more likely",
"more probably", "much more likely" or "likelier" opens the comparison in the same clause, at most `GAP_WORDS` words
before "than"; "no more likely than" (an equal chance) and "less likely than" (the other way round) are not read.

Gate (`core`): a condition, "than" among the text's words and "likely" / "probably" / "likelier" too.
"""

from __future__ import annotations

import re

from derm1m_build.tagger.results import TagResult

COMPARE_WORDS = frozenset(("likely", "probably", "likelier"))
GAP_WORDS = 8
MORE_LIKELY_THAN = re.compile(r"(?<![a-z])(?<!no[ ])(?:(?:much|far|rather)[ ]+)?(?:more[ ]+(?:likely|probably)|likelier)"
                              r"(?P<gap>(?:[ ]+[a-z'-]+){1," + str(GAP_WORDS) + r"}?)[ ]+than[ ]+(?:(?:an?|the)[ ]+)?",
                              re.IGNORECASE)


def less_likely_than(text: str, res: TagResult) -> None:
    """Negates the condition named right after "than" in "more likely X than Y". A result holds one match per node
    (its first mention), so the name after "than" is found by the words of that mention ("Dr Google says stye. Reply:
    ... more likely a chalazion than a stye": the poster's "stye" is the one set aside)."""
    low = text.lower()
    for m in MORE_LIKELY_THAN.finditer(text):
        if re.search(r"[,;:.()]", m.group("gap")):
            continue
        for c in res.conditions:
            if c.negated:
                continue
            said = low[c.span[0]:c.span[1]]
            after = m.end() + len(said)
            if c.span[0] == m.end() or (c.span[0] < m.start() and said and low.startswith(said, m.end())
                                        and not low[after:after + 1].isalpha()):
                c.negated, c.uncertain, c.hedged, c.historical = True, False, False, False
