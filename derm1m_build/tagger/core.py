"""The tagger: exact automaton first, fuzzy on what is left, then abbreviations, context and negation.

`Tagger.tag(text) -> TagResult` is what the tag stage, `tag-text`, the caption grounding guard and the
benchmarks use; `tag_many` tags a batch; `has_derm_term` is the cheap yes/no the PubMed pre-filter asks.
One `Match` per ontology node and text: its mention that is asserted if any is, else uncertain, else
negated; the first such mention gives the span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

import ahocorasick

from derm1m_build.ontology import Ontology
from derm1m_build.tagger.context import DERM_WORDS, ContextAnnotator, abbreviation_supported
from derm1m_build.tagger.exact import ExactMatcher
from derm1m_build.tagger.fuzzy import FuzzyMatcher
from derm1m_build.tagger.lexicon import IMPLIED, FALSE_FRIENDS, Target, abbreviations, build_lexicon, common_words
from derm1m_build.tagger.normalise import collapse_spaces, normalise_name, normalise_text, unshift

TOKEN = re.compile(r"[^ |]+")
CONTEXT_CHARS = 60  # how far (characters) a context word or a supporting finding may be


@dataclass(slots=True)
class Match:
    """One tagged node in one text. Not frozen: a frozen dataclass costs ~5x more to build, and the tagger
    builds millions."""

    id: str
    name: str
    path: list[str]
    span: list[int]
    negated: bool = False
    uncertain: bool = False
    score: float = 100.0
    kind: str = "condition"

    def as_condition(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "path": self.path, "span": self.span, "negated": self.negated,
                "uncertain": self.uncertain, "score": self.score}

    def as_concept(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "span": self.span, "negated": self.negated}

    @property
    def asserted(self) -> bool:
        return not self.negated and not self.uncertain


@dataclass
class TagResult:
    conditions: list[Match] = field(default_factory=list)
    concepts: list[Match] = field(default_factory=list)

    def as_json(self, item_id: Any = None) -> dict[str, Any]:
        d = {"conditions": [m.as_condition() for m in self.conditions],
             "concepts": [m.as_concept() for m in self.concepts]}
        if item_id is not None:
            d = {"id": item_id, **d}
        return d


class Tagger:
    """Tags text against an ontology. Build once (about a second for a full ontology), reuse for millions."""

    def __init__(self, ontology: Ontology, fuzzy_threshold: float | None = None, fuzzy: bool = True,
                 false_friends: tuple[str, ...] = FALSE_FRIENDS):
        self.ontology = ontology
        self.exact = ExactMatcher(build_lexicon(ontology, false_friends))
        self.fuzzy = FuzzyMatcher(self.exact.tokens, common_words(), min_score=fuzzy_threshold) if fuzzy else None
        self.context = ContextAnnotator()
        self.abbrevs = abbreviations(ontology)
        # abbreviations are matched case-sensitively on the original text ("AD", "BCCs"), one more automaton
        self.abbr_automaton = None
        if self.abbrevs:
            self.abbr_automaton = ahocorasick.Automaton()
            for a in sorted(self.abbrevs):
                self.abbr_automaton.add_word(a, (len(a), a))
                if not a.endswith("s"):
                    self.abbr_automaton.add_word(a + "s", (len(a) + 1, a))
            self.abbr_automaton.make_automaton()
        # words that make an abbreviation credible: skin words and the body-site vocabulary
        sites = {w for n in ontology.body_sites.values() for a in (n.name, *n.synonyms)
                 for w in normalise_name(a).split() if len(w) > 3}
        self.derm_words = DERM_WORDS | frozenset(sites)
        self._node_info: dict[str, tuple[str, list[str]]] = {}
        for nid, node in ontology.conditions.items():
            self._node_info[nid] = (node.name, ontology.path(nid))
        for nid, node in ontology.concepts.items():
            self._node_info.setdefault(nid, (node.name, []))

    # ------------------------------------------------------------------------------------------------
    def has_derm_term(self, text: str) -> bool:
        """Whether the text names any condition or concept outright (no abbreviations, no typos)."""
        if not text:
            return False
        c, _ = collapse_spaces(normalise_text(text))
        for _a, _b, idx in self.exact.scan(c):
            e = self.exact.entries[idx]
            if not e.blocks and any(not t.needs_context for t in e.targets):
                return True
        return False

    def tag_many(self, texts: Iterable[str | None]) -> list[TagResult]:
        """Tag a batch (the stage and the benchmark call this; one process, fork for more)."""
        tag = self.tag
        return [tag(t or "") for t in texts]

    def tag(self, text: str) -> TagResult:
        if not text:
            return TagResult()
        n = normalise_text(text)
        c, shifts = collapse_spaces(n)
        hits = self._exact_and_fuzzy(c)
        if shifts:
            hits = [(unshift(a, shifts), unshift(b - 1, shifts) + 1, t, sc) for a, b, t, sc in hits]
        if self.abbr_automaton is not None:
            hits = self._abbreviations(text, n, hits)
        hits = self._context_words(n, hits)
        if not hits:
            return TagResult()
        hits.sort(key=lambda h: (h[0], h[1], h[2].kind))
        spans = list(dict.fromkeys((a, b) for a, b, _, _ in hits))
        trig = self.context.triggers(c)
        if shifts:
            trig = [(unshift(a, shifts), unshift(b - 1, shifts) + 1, k, d) for a, b, k, d in trig]
        flags = dict(zip(spans, self.context.annotate(text, n, spans, trig)))
        return self._result(hits, flags)

    # ------------------------------------------------------------------------------------------------
    def _exact_and_fuzzy(self, c: str) -> list[tuple[int, int, Target, float]]:
        exact = self.exact
        chosen = exact.scan(c)
        hits = [(a, b, t, 100.0) for a, b, idx in chosen for t in exact.entries[idx].targets if t.kind != "block"]
        if self.fuzzy is not None:
            unknown = self.fuzzy.unknown(set(c.replace("|", " ").split()))
            if unknown and any(self.fuzzy.promising(w) for w in unknown):
                hits = self._fuzzy(c, chosen, hits, set(unknown))
        return hits

    def _fuzzy(self, c: str, chosen, hits, unknown: set[str]):
        """Correct unknown words (or join split ones), re-read the corrected text with the automaton."""
        fz = self.fuzzy
        toks = [(m.start(), m.end()) for m in TOKEN.finditer(c)]
        words = [c[a:b] for a, b in toks]
        placed = [(a, b) for a, b, _ in chosen]
        repl: dict[int, tuple[str, float, int, bool]] = {}
        i = 0
        while i < len(toks):
            w = words[i]
            if w in unknown and not any(a <= toks[i][0] < b for a, b in placed):
                single = fz.correct(w)
                j = None
                if i + 1 < len(toks) and toks[i + 1][0] == toks[i][1] + 1:
                    j = fz.join(w, words[i + 1])
                    if j and not (single and single[1] >= j[1]):
                        repl[i] = (j[0], j[1], 2, True)
                        i += 2
                        continue
                if i and (i - 1) not in repl and toks[i][0] == toks[i - 1][1] + 1 \
                        and not any(a <= toks[i - 1][0] < b for a, b in placed):
                    j = fz.join(words[i - 1], w)
                    if j and not (single and single[1] >= j[1]):
                        repl[i - 1] = (j[0], j[1], 2, True)
                        i += 1
                        continue
                if single:
                    repl[i] = (single[0], single[1], 1, fz.close(w, single[0]))
            i += 1
        if not repl:
            return hits
        # the corrected text, with each of its tokens' place in the original
        parts: list[str] = []
        # w_start, w_end, orig_start, orig_end, score (None: spelled right), close enough to stand alone
        tmap: list[tuple[int, int, int, int, float | None, bool]] = []
        pos, k, prev_end = 0, 0, None
        while k < len(toks):
            if prev_end is not None:
                sep = " " if c[prev_end:toks[k][0]] == " " else "|"
                parts.append(sep)
                pos += 1
            if k in repl:
                word, score, width, close = repl[k]
                o_start, o_end = toks[k][0], toks[k + width - 1][1]
            else:
                word, score, width, close = words[k], None, 1, True
                o_start, o_end = toks[k]
            parts.append(word)
            tmap.append((pos, pos + len(word), o_start, o_end, score, close))
            pos += len(word)
            prev_end = o_end
            k += width
        corrected = "".join(parts)
        new = []
        for a, b, idx in self.exact.scan(corrected):
            entry = self.exact.entries[idx]
            covered = [t for t in tmap if t[0] >= a and t[1] <= b]
            scores = [t[4] for t in covered if t[4] is not None]
            if not scores or entry.blocks:
                continue
            if len(scores) == len(covered) and not all(t[5] for t in covered):
                continue  # a name made of corrected words only: each must be a near-exact spelling
            span = (covered[0][2], covered[-1][3])
            new.append((span, min(scores), entry))
        for (s, e), score, entry in new:
            if any(h[0] < e and s < h[1] and not (s <= h[0] and h[1] <= e) for h in hits):
                continue  # overlaps an exact match it does not contain
            hits = [h for h in hits if not (s <= h[0] and h[1] <= e)]
            hits += [(s, e, t, score) for t in entry.targets]
        return hits

    def _abbreviations(self, text: str, n: str, hits):
        """Abbreviations not overlapping a finding or an earlier abbreviation. Linear: the findings are
        merged into disjoint sorted spans once and each candidate is one binary search; candidates come in
        end order, so an earlier abbreviation can only overlap through the last one kept."""
        import bisect

        found = []
        size = len(text)
        spans: list[list[int]] = []
        for a, b in sorted((h[0], h[1]) for h in hits):
            if spans and a < spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], b)
            else:
                spans.append([a, b])
        starts = [a for a, _ in spans]
        for end, (length, abbr) in self.abbr_automaton.iter(text):
            s, e = end - length + 1, end + 1
            if (s and text[s - 1].isalnum()) or (e < size and text[e].isalnum()):
                continue
            i = bisect.bisect_left(starts, e) - 1
            if (i >= 0 and spans[i][1] > s) or (found and found[-1][1] > s):
                continue
            found.append((s, e, self.abbrevs[abbr]))
        if not found:
            return hits
        named = {h[2].nid for h in hits}
        derm = any(not h[2].needs_context for h in hits) or bool(self.derm_words & set(n.replace("|", " ").split()))
        for s, e, ids in found:
            defined = [i for i in ids if i in named]
            if len(ids) > 1 and not defined:
                continue  # "AD" for two conditions and neither written out: cannot tell which
            nid = defined[0] if defined else ids[0]
            if abbreviation_supported(text, s, e, derm, bool(defined)):
                kind = "condition" if nid in self.ontology.conditions else "concept"
                hits.append((s, e, Target(kind, nid, 0), 100.0))
        return hits

    def _context_words(self, n: str, hits):
        """Drop everyday-word names ("patch", "scale") with no context word and no other finding nearby."""
        out = []
        firm = [(a, b) for a, b, t, _ in hits if not t.needs_context]
        # a condition named by the same words as a concept found there ("telangiectasia") needs its own
        # context words: nearby findings support the concept reading, not the diagnosis
        concept_spans = {(a, b) for a, b, t, _ in hits if t.kind == "concept" and t.rank != IMPLIED}
        for h in hits:
            a, b, t, _ = h
            own = t.kind == "condition" and (a, b) in concept_spans
            if not own and not t.needs_context:
                out.append(h)  # most hits: a name that needs no context (the words near it are not read)
                continue
            lo, hi = max(0, a - CONTEXT_CHARS), b + CONTEXT_CHARS
            near = set(n[lo:a].replace("|", " ").split()) | set(n[b:hi].replace("|", " ").split())
            if own:
                node = self.ontology.conditions.get(t.nid)
                ctx = set(t.needs_context) | {w.lower() for w in (node.context if node else ())}
                if ctx and not (near & ctx):
                    continue
            elif t.needs_context:
                if not (near & set(t.needs_context)) and not any(x < hi and y > lo for x, y in firm):
                    continue
            out.append(h)
        return out

    def _result(self, hits, flags) -> TagResult:
        best: dict[tuple[str, str], tuple] = {}
        for a, b, t, score in hits:
            neg, unc = flags[(a, b)]
            unc = unc or t.ambiguous
            rank = (neg and not unc, neg, unc, a)  # asserted first, then uncertain, then negated; then first
            key = (t.kind, t.nid)
            old = best.get(key)
            if old is None or rank < old[0]:
                best[key] = (rank, a, b, t, score, neg, unc)
        res = TagResult()
        info = self._node_info
        for _, a, b, t, score, neg, unc in sorted(best.values(), key=lambda x: (x[1], x[2], x[3].nid)):
            name, path = info[t.nid]
            if t.kind == "condition":
                res.conditions.append(Match(t.nid, name, path, [a, b], neg, unc, score, "condition"))
            else:
                res.concepts.append(Match(t.nid, name, [], [a, b], neg, unc, score, "concept"))
        return res


def has_derm_term(text: str, tagger: Tagger | None = None) -> bool:
    """Module-level shortcut with the default ontology's tagger (built once)."""
    return (tagger or _default_tagger()).has_derm_term(text)


_DEFAULT: list[Tagger] = []


def _default_tagger() -> Tagger:
    if not _DEFAULT:
        from derm1m_build.ontology import load_ontology

        _DEFAULT.append(Tagger(load_ontology()))
    return _DEFAULT[0]
