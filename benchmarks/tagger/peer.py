"""A fair peer baseline: a medspaCy/negspaCy-style exact matcher with ConText over the same ontology names.

medspaCy itself was not installed: `pip install medspacy` (1.3.1) would replace the environment's numpy
(numpy 1.26.4 with spaCy 3.7.5), which this project must not do. This module follows what medspaCy's
`TargetMatcher` + `ConTextComponent` do with their default rules, in plain Python, so it needs nothing:

- targets: every name, synonym and abbreviation of every node the tagger can tag (the same ontology),
  matched exactly on lower-cased word tokens (abbreviations case-sensitively), leftmost-longest, no typo
  correction, no context words, no false-friend list;
- ConText (Harkema et al., J Biomed Inform 2009; medspaCy's default `context_rules.json`): modifier
  phrases of the categories NEGATED_EXISTENCE, POSSIBLE_EXISTENCE, HISTORICAL, HYPOTHETICAL and FAMILY,
  each FORWARD, BACKWARD or BIDIRECTIONAL; PSEUDO phrases that are not modifiers ("no increase", "gram
  negative"); TERMINATE phrases ("but", "however", "which") and the sentence end close a scope.
  The rule list below is the published set's core phrases (the medspaCy file has ~200, many variants).

Status as the evaluation reads it: NEGATED_EXISTENCE -> negated; POSSIBLE_EXISTENCE, HYPOTHETICAL,
FAMILY -> uncertain; HISTORICAL -> asserted and `historical` (so `labels_for` skips it, as ours).
"""

from __future__ import annotations

import re

from derm1m_build.tagger import Match, TagResult
from derm1m_build.tagger.lexicon import tagged_nodes

F, B, BI, T, P = "forward", "backward", "bidirectional", "terminate", "pseudo"
RULES: list[tuple[str, str, str]] = []


def _add(category: str, direction: str, phrases: str) -> None:
    RULES.extend((p.strip(), category, direction) for p in phrases.split("|") if p.strip())


_add("NEGATED_EXISTENCE", F, "no|not|without|denies|denied|denying|negative for|no evidence of|no evidence for|"
     "no sign of|no signs of|absence of|absent|free of|never|never had|no history of|no new|no suspicious|"
     "rules out|ruled out|rule him out|rule her out|not demonstrate|not appear|not see|not reveal|"
     "no findings of|no findings to suggest|fails to reveal|not consistent with|inconsistent with|unremarkable for|"
     "cannot see|without evidence of|not have|doesn't have|does not have|didn't have|did not have|neither|nor")
_add("NEGATED_EXISTENCE", B, "is ruled out|was ruled out|are ruled out|were ruled out|has been ruled out|"
     "have been ruled out|unlikely|is unlikely|was negative|is negative|negative|was excluded|is excluded|"
     "excluded|not seen|not present|resolved|has resolved|free|absent|is absent")
_add("POSSIBLE_EXISTENCE", F, "possible|possibly|probable|probably|suspected|suspect|suspicious for|"
     "suspicion for|suspicion of|concern for|concerning for|worrisome for|may|may be|might|might be|could|"
     "could be|question of|questionable|likely|most likely|consistent with|compatible with|differential|"
     "differential diagnosis|ddx|rule out|r/o|evaluate for|looks like|look like|appears|appear|presumed|"
     "presumptive|suggestive of|suggests|suggest|favor|favour|think|thought|versus|vs")
_add("POSSIBLE_EXISTENCE", B, "is possible|is likely|is suspected|was suspected|cannot be excluded|"
     "cannot be ruled out|not excluded|?|or not|is questionable|is probable")
_add("POSSIBLE_EXISTENCE", BI, "versus|vs")
_add("HISTORICAL", F, "history of|h/o|hx of|hx|past medical history|pmh|previous|previously|prior|"
     "status post|s/p|past|remote history of|known history of|history|treated for")
_add("HISTORICAL", B, "in the past|years ago|previously|as a child")
_add("HYPOTHETICAL", F, "if|return if|should he|should she|in case|in the event|risk of|at risk for|"
     "at risk of|warning signs of|signs of|screening for|to prevent|prevention of")
_add("FAMILY", F, "family history|family history of|fh|mother|father|brother|sister|sibling|aunt|uncle|"
     "grandmother|grandfather|daughter|son|cousin|parent|parents")
_add("TERMINATE", T, "but|however|although|though|yet|which|aside from|except|apart from|secondary to|due to|"
     "because|cause of|causes of|presenting|presents|source of|nevertheless|still")
_add("PSEUDO", P, "no increase|no change|not only|no further|gram negative|not necessarily|no suspicious change|"
     "without difficulty|not extend|no significant change|not cause|not drain|not certain if|not certain whether")

TOKEN = re.compile(r"[A-Za-z0-9]+(?:'[a-z]+)?|[?]")
SENT_END = re.compile(r"[.!;\n]")


def _toks(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]


class ContextBaseline:
    """Exact target matching + ConText, as medspaCy does it, over the ontology's names."""

    def __init__(self, ontology):
        self.ontology = ontology
        self.targets: dict[tuple[str, ...], tuple[str, str]] = {}
        self.abbr: dict[str, tuple[str, str]] = {}
        for kind, nid in tagged_nodes(ontology):
            node = ontology.node(nid)
            for a in (node.name, *node.synonyms):
                key = tuple(t.lower() for t, _, _ in _toks(a))
                if key:
                    self.targets.setdefault(key, (kind, nid))
            for a in node.abbreviations:
                self.abbr.setdefault(a, (kind, nid))
        self.maxlen = max(len(k) for k in self.targets)
        self.rules: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        for phrase, cat, direction in RULES:
            key = tuple(t.lower() for t, _, _ in _toks(phrase)) or (phrase,)
            self.rules.setdefault(key, []).append((cat, direction))
        self.rmax = max(len(k) for k in self.rules)

    def _scan(self, words: list[str], table: dict, longest: int):
        out, i = [], 0
        while i < len(words):
            for n in range(min(longest, len(words) - i), 0, -1):
                hit = table.get(tuple(words[i:i + n]))
                if hit is not None:
                    out.append((i, i + n, hit))
                    i += n
                    break
            else:
                i += 1
        return out

    def tag(self, text: str) -> TagResult:
        res = TagResult()
        if not text:
            return res
        toks = _toks(text)
        words = [t.lower() for t, _, _ in toks]
        ents = self._scan(words, self.targets, self.maxlen)
        taken = {j for a, b, _ in ents for j in range(a, b)}
        ents += [(i, i + 1, self.abbr[t]) for i, (t, _, _) in enumerate(toks) if t in self.abbr and i not in taken]
        if not ents:
            return res
        mods = [(a, b, r) for a, b, r in self._scan(words, self.rules, self.rmax)
                if not any(x <= a < y for x, y, _ in ents)]
        # sentence number of each token
        ends = [m.start() for m in SENT_END.finditer(text)]
        sent = [sum(1 for e in ends if e < s) for _, s, _ in toks]
        best: dict[tuple[str, str], Match] = {}
        for a, b, (kind, nid) in sorted(ents):
            cats = set()
            for ma, mb, rules in mods:
                for cat, direction in rules:
                    if direction in (T, P):
                        continue
                    if direction in (F, BI) and mb <= a and sent[ma] == sent[a] and not self._cut(mods, mb, a):
                        cats.add(cat)
                    if direction in (B, BI) and ma >= b and sent[ma] == sent[a] and not self._cut(mods, b, ma):
                        cats.add(cat)
            neg = "NEGATED_EXISTENCE" in cats
            unc = not neg and bool(cats & {"POSSIBLE_EXISTENCE", "HYPOTHETICAL", "FAMILY"})
            node = self.ontology.node(nid)
            path = self.ontology.path(nid) if kind == "condition" else []
            m = Match(nid, node.name, path, [toks[a][1], toks[b - 1][2]], neg, unc, 100.0, kind)
            m.historical = "HISTORICAL" in cats and not neg
            old = best.get((kind, nid))
            if old is None or (old.negated or old.uncertain) and not (m.negated or m.uncertain):
                best[(kind, nid)] = m
        for m in sorted(best.values(), key=lambda m: (m.span[0], m.id)):
            (res.conditions if m.kind == "condition" else res.concepts).append(m)
        return res

    @staticmethod
    def _cut(mods, lo: int, hi: int) -> bool:
        """A TERMINATE phrase between the modifier and the target closes the scope."""
        return any(lo <= a < hi and any(d == T for _, d in rules) for a, _, rules in mods)
