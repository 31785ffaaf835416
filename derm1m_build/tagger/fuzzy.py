"""The fuzzy pass: rapidfuzz, only on the words the exact pass could not place and that are not English.

A caption word is a typo candidate only if it is not a word wordfreq knows (its large English list)
and not a word of any ontology name, so "plague", "module" or "matches" can never become
"plaque", "nodule" or "patches". A candidate is corrected to the closest word of the ontology's names
(rapidfuzz `ratio`, a length-dependent cutoff), or joined with its neighbour when the two together are a
name word ("dermato fibroma"). The corrected words are then re-read by the exact automaton, so a typo
inside a multi-word name ("basal cell carcinomia") finds the whole name. A correction that makes up a
name on its own (no exactly spelled word beside it) must also be within a few edits (optimal string
alignment: one per six letters), so a real term the ontology lacks ("onycholysis") is not read as a
near name ("onychomycosis"). Results are cached per word.
"""

from __future__ import annotations

import re

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

MIN_LEN = 5
HOT_WORDS = 20_000  # wordfreq's most frequent words kept in a small set (see `FuzzyMatcher.unknown_words`)
# letters a-z, one bucket for every other character: a word's count per bucket bounds what it can share
_BUCKETS = 27
_DEPTH = 6  # letters of one bucket counted exactly up to this many
_BUCKET = {chr(ord("a") + i): i for i in range(26)}


def _letter_counts(word: str) -> list[int]:
    out = [0] * _BUCKETS
    for ch in word:
        out[_BUCKET.get(ch, 26)] += 1
    return out


_SOUNDS = re.compile(r"ph|ae|oe|ea|y|c(?=[eiy])|(.)\1")


def sound_fold(word: str) -> str:
    """A word as it sounds, roughly: "ph" as "f", "ae" / "oe" as "e", "ea" as "ia" (round 19: a transcript's
    "tinia", "pityriasis rosia"), "y" as "i", a soft "c" as "s", a doubled letter once ("pemphigoid" and "pemfigoid", "bullous" and "bulous", "syphilis" and "syfilis" fold alike)."""
    return _SOUNDS.sub(lambda m: m.group(1) or {"ph": "f", "ae": "e", "oe": "e", "ea": "ia", "y": "i"}.get(m.group(0), "s"),
                       word)


VOWELS = frozenset("aeiouy")

# a noun's or adjective's number ending, cut before `skeleton` compares two words
_INFLECTION = re.compile(r"(?:is|es|us|ous|i|um|a|ae|s)$")


def skeleton(word: str) -> str:
    """The first letter and the consonants after it, the number ending cut: the spellings and forms of one word
    share it ("seborrheic", "seborrhoeic"; "keratosis", "keratoses"; "squamous", "squames"), different words
    mostly do not ("dermatitis", "dermatosis"; "malignant", "malignancy")."""
    word = _INFLECTION.sub("", _INFLECTION.sub("", word))  # twice: the lexicon's plurals of plurals ("-ouses")
    return word[:1] + "".join(ch for ch in word[1:] if ch not in VOWELS)

CLIP_MIN = 4  # letters a clipped word keeps, at least


def clip_of(word: str, target: str) -> bool:
    """Whether `word` is `target` written the way clipped catalogue titles and billing columns write it
    ("sbrheic" seborrheic, "drmtitis" dermatitis, "porokrtsis" porokeratosis, "hyprhidros" hyperhidrosis,
    "thrombocyt" thrombocytopenic): the same first letter, then the word's letters in the target's order, where
    the target's letters left out before the word's last letter are only vowels or the second of a doubled
    letter, and anything after it is cut off (a truncation) only if the word keeps half the target or more.
    Why these guards: vowel dropping and cutting the end are how such titles abbreviate; dropping consonants
    inside a word is how a different word is spelt."""
    n, m = len(word), len(target)
    if n < CLIP_MIN or m <= n or word[0] != target[0] or VOWELS.isdisjoint(word):
        return False  # (a word without a vowel is an acronym: "MCLS", "HSCT" are no clipped "macules")
    j = 1
    for ch in word[1:]:
        while j < m and target[j] != ch:
            t = target[j]
            if t not in VOWELS and t != target[j - 1]:
                return False  # a consonant left out inside: another word, not a clip
            j += 1
        if j >= m:
            return False
        j += 1
    return j == m or 2 * n >= m


_OUTLINE_KEY = 3  # outline letters `FuzzyMatcher.clipped` looks candidates up by


def _outline(word: str) -> str:
    """The first letter and the consonants after it, a doubled one once ("seborrheic": "sbrhc"): a clip's
    outline (`clip_of` leaves out only vowels and doubled letters) is the start of its target's."""
    out = word[:1]
    for ch in word[1:]:
        if ch not in VOWELS and ch != out[-1]:
            out += ch
    return out


# round 51: a word that is a known word with a regular derivational ending is that word's form, not a typo:
# "hamartomatous" is the adjective of "hamartoma" (an exam question's "Hamartomatous lung tissue" was read as
# "haematomatous", a haematoma); the exact pass reads a name's own adjective forms already (`adjective_forms`)
DERIVED_ENDINGS = (("omatous", "oma"), ("omata", "oma"), ("otic", "osis"), ("itic", "itis"), ("ically", "ic"),
                   ("ical", "ic"))


def derived_base(word: str) -> tuple[str, ...]:
    """The words `word` is a regular derivation of, by `DERIVED_ENDINGS` (none for most words)."""
    return tuple(word[: -len(end)] + base for end, base in DERIVED_ENDINGS
                 if word.endswith(end) and len(word) - len(end) >= 3)


_SYLLABLE_LETTERS = re.compile(r"ph|rh|ck|qu|sh|gz|x|z|(?<=[aeiouy])h(?![aeiouy])|c")
_SYLLABLE_RUNS = re.compile(r"[aeiouy]+|([a-z])\1+")
SYLLABLE_MIN = 4  # letters of a name word a syllable respelling may stand for ("situ")
SPELLING_NAMES = 2  # names that hold a listed misspelling, at most (`FuzzyMatcher._spellings`)
SPELLING_SHARE = 10  # times as many names hold the word it misspells, at least


def syllable_fold(word: str) -> str:
    """Round 52: a word as its spoken syllables say it, coarser than `sound_fold`: a silent first "p" ("psoriasis",
    "soriasis"), "ph" as "f", "rh" as "r", "ck" and a hard "c" as "k", a soft "c", "z" and "sh" as "s", "x" and "gz" as "ks"
    (round 53: "eg-zee-ma"), an "h" after a vowel dropped ("lip-oh-ma"), then every run of vowels
    as one vowel and a doubled letter once ("eck-zeema" and "eczema", "ker-ee-on" and "kerion", "vitty-lie-go" and
    "vitiligo", "seb-or-rick" and "seborrheic" fold alike). Only a hyphen-joined chain of syllables is read this
    way (`FuzzyMatcher.syllables`): a respelling that says each syllable is how such a chain is written."""
    if word[:2] in ("ps", "pn", "pt"):
        word = word[1:]
    word = _SYLLABLE_LETTERS.sub(_syllable_letter, word)
    return _SYLLABLE_RUNS.sub(lambda m: m.group(1) or "a", word)


# a vowel run as it is said: the long "u" and "i" of a respelling ("sit-oo" situ, "ker-ee-on" kerion), else its first
_VOWEL_SOUNDS = {"oo": "u", "ou": "u", "ew": "u", "ee": "i", "ea": "i", "ie": "i", "ei": "i", "ey": "i", "y": "i"}


def syllable_vowels(word: str) -> str:
    """`syllable_fold` with each vowel run kept as the vowel it says (`_VOWEL_SOUNDS`, else its first letter): what
    tells apart the name words one chain folds alike ("sitoo": situ, not site or cyte; "kereeon": kerion, not
    curren)."""
    if word[:2] in ("ps", "pn", "pt"):
        word = word[1:]
    word = _SYLLABLE_LETTERS.sub(_syllable_letter, word)
    return _SYLLABLE_RUNS.sub(lambda m: m.group(1) or _VOWEL_SOUNDS.get(m.group(0)[:2], m.group(0)[0]), word)


_SYLLABLE_SWAP = {"ph": "f", "rh": "r", "ck": "k", "qu": "kw", "sh": "s", "gz": "ks", "x": "ks", "z": "s", "h": ""}


def _syllable_letter(m: re.Match) -> str:
    """One letter group of `syllable_fold` as it sounds (`_SYLLABLE_SWAP`; a "c" soft before e, i, y, else hard)."""
    got = _SYLLABLE_SWAP.get(m.group(0))
    if got is not None:
        return got
    return "s" if m.end() < len(m.string) and m.string[m.end()] in "eiy" else "k"


def cutoff(length: int) -> float:
    """Similarity a word needs: one edit in a 6-letter word passes, two in a 5-letter word do not."""
    if length >= 8:
        return 80.0
    if length >= 6:
        return 83.0
    return 88.0


class FuzzyMatcher:
    def __init__(self, name_tokens: frozenset[str], english: frozenset[str], cache_size: int = 200_000,
                 min_score: float | None = None):
        self.min_score = float(min_score or 0.0)
        self.vocab = sorted(t for t in name_tokens if len(t) >= MIN_LEN and t.isalpha())
        # how many names hold each word, where the caller knows (`exact.NameTokens`)
        self.counts: dict[str, int] = getattr(name_tokens, "counts", {})
        self.vocab_set = frozenset(self.vocab)
        self.name_tokens = name_tokens
        # round 53: the English words of names respelt by ear ("planter" of "planter warts"), where the caller knows
        self.heard: frozenset[str] = getattr(name_tokens, "heard", frozenset())
        self._syllable_cache: dict[str, tuple[str, float] | None] = {}  # (`syllables`)
        self.known = english | name_tokens
        # most caption words are frequent English or name words: a set of those (~25k words, ~1 MB) answers
        # them from the CPU cache, and only the rest is looked up in `known` (~300k words, ~10 MB, a cache
        # miss per look-up). A subset of `known`, so the answer is the same.
        from itertools import islice

        from wordfreq import iter_wordlist

        self.hot = frozenset(w for w in islice(iter_wordlist("en", "large"), HOT_WORDS) if w in self.known) | name_tokens
        # prefixes/suffixes of name words: a word that is one may be half of a split name word
        self.halves = frozenset({t[:i] for t in self.vocab for i in range(3, len(t) - 2)}
                                | {t[i:] for t in self.vocab for i in range(3, len(t) - 2)})
        self.cache: dict[str, tuple[str, float] | None] = {}
        self.cache_size = cache_size
        # round 19: name words by the start of their consonant outline (`_outline`), for `clipped` (a cache miss of
        # `correct`): a clip keeps every consonant up to its last letter, so its outline starts the target's
        self._by_outline: dict[str, list[str]] = {}
        self._outline_of: dict[str, str] = {}
        for t in self.vocab:
            o = self._outline_of[t] = _outline(t)
            for k in range(1, min(len(o), _OUTLINE_KEY) + 1):
                self._by_outline.setdefault(o[:k], []).append(t)
        self._by_length: dict[tuple[int, float], list[str]] = {}
        self._counts: dict[tuple[int, float], tuple] = {}

    def unknown(self, words: set[str]) -> list[str]:
        """The words worth a look: not English, not a name word, long enough, letters only."""
        return sorted(self.unknown_words(words))

    def unknown_words(self, words: set[str] | frozenset[str]) -> list[str]:
        """`unknown` unsorted, as the tagger asks for every text: the frequent words are set aside by the
        small `hot` set first (the same answer as `known`, which holds them all); set differences, C loops."""
        return [w for w in (words - self.hot) - self.known if len(w) >= 3 and w.isalpha()]

    @staticmethod
    def close(word: str, target: str) -> bool:
        """Few enough edits to stand alone as a name: one per six letters of the target, counted on the
        letters; or the same sound (round 10: a transcript spells by ear, "bulous pemfigoid", "morfea",
        "syfilis": `sound_fold`)."""
        return (OSA.distance(word, target) <= max(1, len(target) // 6) or sound_fold(word) == sound_fold(target)
                or clip_of(word, target))

    def close_cached(self, word: str, target: str) -> bool:
        """`close`, remembered per pair (speed round 38: the fuzzy pass asks it of each corrected word of every text,
        and a corpus repeats its misspellings; `close` reads nothing but the two words). Bounded like `cache`."""
        cache = self.__dict__.get("_close_cache")
        if cache is None:
            cache = self._close_cache = {}
        key = (word, target)
        got = cache.get(key)
        if got is None:
            if len(cache) >= self.cache_size:
                cache.clear()
            got = cache[key] = self.close(word, target)
        return got

    def correct(self, word: str) -> tuple[str, float] | None:
        """The name word closest to `word` and its score, or None."""
        if word in self.cache:
            return self.cache[word]
        res = None
        # (round 51: `DERIVED_ENDINGS`; a vocabulary word is itself, whatever its ending ("capillaritic"), and the
        # base must be a name word or a common English word: the large word list holds misspellings ("clasic"),
        # and "clasical" is a typo of "classical", not a derivation of one)
        derived = word not in self.known and any(b in self.hot for b in derived_base(word))
        if len(word) >= MIN_LEN and self.vocab and not derived:
            floor = max(cutoff(len(word)), self.min_score)
            best = process.extractOne(word, self._shortlist(word, floor), scorer=fuzz.ratio, score_cutoff=floor)
            if best:
                res = (best[0], round(float(best[1]), 1))
        # round 19: a word that is an unambiguous clip of one name word is read as that word ("neop" neoplasm,
        # "sbrheic" seborrheic), before a closer spelling of another word ("infantl" is infantile, not "infant")
        # and in the form most names hold ("mucocutan" mucocutaneous, not the plural "mucocutanei"; "scabis"
        # scabies, not "scabiei")
        if len(word) >= CLIP_MIN and self.vocab and not derived:
            clip = self.clipped(word)
            if clip is not None:
                res = clip[:2]
        if len(self.cache) >= self.cache_size:
            self.cache.clear()
        self.cache[word] = res
        return res

    def clipped(self, word: str) -> tuple[str, float, tuple[str, ...]] | None:
        """Round 19: the name word that `word` is a clip of (`clip_of`: "sbrheic", "drmtitis", "actnc"), with its
        `fuzz.ratio` and every name word it is a clip of (forms of that one word); None unless every such name word is one word in its spellings and numbers (`skeleton`:
        "sqam" is squamous or squames: the form most names hold, then the longest, is read), so an ambiguous clip ("dermat":
        dermatitis, dermatosis) reads nothing.
        Only `correct`'s words reach it: not English, not a name word, no close spelling found."""
        wo = _outline(word)
        n = len(word)
        outline = self._outline_of
        # the target's whole outline starts with the word's (a necessary condition, a dict look-up), then `clip_of`
        found = [t for t in self._by_outline.get(wo[:_OUTLINE_KEY], ())
                 if len(t) > n and outline[t].startswith(wo) and clip_of(word, t)]
        if not found:
            return None
        if len({skeleton(t) for t in found}) > 1:
            return None
        counts = self.counts
        best = min(found, key=lambda t: (-counts.get(t, 0), -len(t), t))
        return best, round(float(fuzz.ratio(word, best)), 1), tuple(found)

    def by_sound(self, word: str) -> tuple[str, float] | None:
        """Round 10: the name word that sounds like `word` where `correct` finds none (a transcript spells by
        ear: "morfea", "syfilis", "pemfigoid"), with its score; words of five letters or more, still close in
        letters (ratio >= 75), so that only a spelling, not another word, is read. Round 19: five letters are
        enough ("tinia" tinea, "rosia" rosea; the ratio floor holds the rest)."""
        if len(word) < 5 or not self.vocab:
            return None
        folded = self.__dict__.get("_folded")
        if folded is None:
            folded = self._folded = {}
            self._sound_cache = {}
            for t in self.vocab:
                folded.setdefault(sound_fold(t), t)
        cache = self._sound_cache
        if word in cache:
            return cache[word]
        got = folded.get(sound_fold(word))
        res = None
        if got is not None and (word in self.known or not any(b in self.hot for b in derived_base(word))):
            score = round(float(fuzz.ratio(word, got)), 1)
            res = (got, score) if score >= 75.0 and score >= self.min_score else None
        if len(cache) >= self.cache_size:
            cache.clear()
        cache[word] = res
        return res

    def syllables(self, joined: str) -> tuple[str, float] | None:
        """Round 52: the name word a hyphen-joined chain of syllables says (`joined`: its letters run together,
        "sorryasis", "vittyliego", "sitoo"), with its `fuzz.ratio`, or None. A chain whose letters are a name word
        is that word ("mel-a-noma"); one that is an English word is that word ("e-mail", "re-done"); otherwise the
        name word of four letters or more that folds alike (`syllable_fold`), when every such name word is one
        word in its spellings and numbers (`skeleton`, as `clipped`)."""
        cache = self._syllable_cache
        got = cache.get(joined, cache)
        if got is not cache:
            return got
        if len(cache) >= self.cache_size:
            cache.clear()
        got = cache[joined] = self._syllable_word(joined)
        return got

    def _syllable_word(self, joined: str) -> tuple[str, float] | None:
        """`syllables` uncached."""
        if joined in self.name_tokens:
            return joined, 100.0
        if joined in self.known or len(joined) < SYLLABLE_MIN:
            # round 53: an English word that a name respelt by ear holds is that word ("plant-er warts": "planter
            # warts", the heard plantar wart); any other English word reads nothing ("e-mail", "re-done")
            return (joined, 100.0) if joined in self.heard else None
        table = self.__dict__.get("_syllable_table")
        if table is None:
            table = self._syllable_table = {}
            for t in self.name_tokens:
                if len(t) >= SYLLABLE_MIN and t.isalpha() and t.isascii():
                    table.setdefault(syllable_fold(t), []).append(t)
        found = table.get(syllable_fold(joined))
        if found and len({skeleton(t) for t in found}) > 1:
            found = self._spellings(found)
        if found and len({skeleton(t) for t in found}) > 1:
            # several words fold alike: the one whose vowels the chain says, else the one closest in letters
            said = syllable_vowels(joined)
            found = [t for t in found if syllable_vowels(t) == said] or self._closest(joined, found)
        if not found or len({skeleton(t) for t in found}) > 1:
            return None
        counts = self.counts
        best = min(found, key=lambda t: (-counts.get(t, 0), -len(t), t))
        return best, round(float(fuzz.ratio(joined, best)), 1)

    def _spellings(self, found: list[str]) -> list[str]:
        """Round 53: the name words that fold alike, as one word when every other is a listed misspelling of the
        one most names hold: a word that one or two names hold (the misspelling the vocabulary lists so the exact
        pass reads it, "excema") beside one that at least `SPELLING_SHARE` times as many hold ("eczema", 166
        names). "ex-zeema" is eczema; "sit-oo"'s situ, site and cyte, each held by many names, stay three words."""
        counts = self.counts
        best = min(found, key=lambda t: (-counts.get(t, 0), -len(t), t))
        rest = [counts.get(t, 0) for t in found if t != best]
        if max(rest) <= SPELLING_NAMES and counts.get(best, 0) >= SPELLING_SHARE * max(rest):
            return [best]
        return found

    @staticmethod
    def _closest(word: str, found: list[str]) -> list[str]:
        """The words of `found` nearest `word` by `fuzz.ratio`, when they are one word's forms (`skeleton`) and
        nearer than every other word; else none."""
        scored = sorted(((fuzz.ratio(word, t), t) for t in found), reverse=True)
        top = scored[0][0]
        best = [t for r, t in scored if r == top]
        group = {skeleton(t) for t in best}
        return best if len(group) == 1 else []

    def _candidates(self, length: int, floor: float) -> list[str]:
        """The vocabulary words whose length lets `fuzz.ratio` reach `floor` against a word of `length`.

        ratio = 2 * matches / (len_a + len_b) <= 2 * min / (len_a + len_b), so a target much longer or
        shorter than the word can never pass; skipping those halves the work of a cache miss. The list
        keeps the vocabulary's order, so extractOne breaks ties exactly as over the whole vocabulary."""
        key = (length, floor)
        got = self._by_length.get(key)
        if got is None:
            lo = length * floor / (200.0 - floor) if floor < 200 else length
            hi = length * (200.0 - floor) / floor if floor > 0 else float("inf")
            got = self._by_length[key] = [w for w in self.vocab if lo - 1e-9 <= len(w) <= hi + 1e-9]
        return got

    def _shortlist(self, word: str, floor: float) -> list[str]:
        """The candidates (`_candidates`, same order) that share enough letters with `word` to reach `floor`.

        `fuzz.ratio` is 200 * LCS / (len_a + len_b), and the longest common subsequence cannot be longer than
        the letters the two words share (counted per letter, with repeats): a candidate whose shared count
        cannot reach the floor is dropped before rapidfuzz sees it. A cache miss then scores ~3 words
        instead of ~3,000 (200-800 us each in rapidfuzz); the survivors keep the vocabulary's order, so
        extractOne returns what it returns over all candidates."""
        key = (len(word), floor)
        got = self._counts.get(key)
        if got is None:
            cands = self._candidates(len(word), floor)
            counts = np.array([_letter_counts(w) for w in cands], dtype=np.int16).reshape(len(cands), _BUCKETS)
            # row b * _DEPTH + r: 1 where a candidate holds more than r letters of bucket b (the last row
            # stands for every r beyond it: an overcount, so the bound stays a bound)
            rows = np.stack([counts[:, b] > r for b in range(_BUCKETS) for r in range(_DEPTH)]).astype(np.uint8)
            lens = np.array([len(w) for w in cands], dtype=np.float64)
            need = floor * (len(word) + lens) - 1.0
            # the shared count a candidate needs (200 * shared >= need), as a small integer: the test is then
            # one comparison of two small-integer rows (no float conversion of the sums)
            least = np.maximum(np.ceil(need / 200.0), 0)
            got = self._counts[key] = (cands, np.ascontiguousarray(rows), need,
                                       least.astype(np.uint8) if least.max(initial=0) < 255 else None)
        cands, rows, need, least = got
        if not cands:
            return cands
        # shared letters = sum over the word's letters of "the candidate has at least this many of it": the
        # row of each letter's r-th occurrence (r counted while reading the word; the last row for any beyond)
        seen: dict[int, int] = {}
        pick = []
        for ch in word:
            b = _BUCKET.get(ch, 26)
            r = seen.get(b, 0)
            seen[b] = r + 1
            pick.append(b * _DEPTH + (r if r < _DEPTH else _DEPTH - 1))
        if least is not None and len(pick) < 255:  # the sum fits a byte
            shared = rows[pick].sum(axis=0, dtype=np.uint8)
            return [cands[i] for i in np.flatnonzero(shared >= least)]
        shared = rows[pick].sum(axis=0, dtype=np.int32)
        return [cands[i] for i in np.flatnonzero(200.0 * shared >= need)]

    def promising(self, word: str) -> bool:
        return word in self.halves or self.correct(word) is not None or self.by_sound(word) is not None

    def join(self, left: str, right: str) -> tuple[str, float] | None:
        """Two words that together are (nearly) one name word: 'dermato fibroma' -> 'dermatofibroma'."""
        joined = left + right
        if joined in self.vocab_set:
            return joined, round(fuzz.ratio(f"{left} {right}", joined), 1)
        if len(joined) >= 8 and left not in self.known and right not in self.known:
            hit = self.correct(joined)
            if hit:
                return hit[0], min(hit[1], round(fuzz.ratio(f"{left} {right}", hit[0]), 1))
        return None
