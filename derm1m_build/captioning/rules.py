"""The embedded caption back-end: clean lecture speech and posts with rules, no model.

What `RulesCaptioner.clean` does, in order (each step is one compiled pattern, so a million captions
take seconds per core):
1. markup and caption artefacts: HTML entities, `[Music]`, `>>` speaker marks, `♪`, "Figure 2." heads;
2. channel chatter: "welcome back", "subscribe", "hit the bell", "thanks for watching", "link in the
   description", sponsor plugs;
3. fillers: um, uh, erm, hmm, "you know", "I mean", clause-initial "so"/"okay"/"alright", comma-framed
   "like", "sort of", "kind of", "basically" (never a unit: "5 mm", "50 um" stay);
4. stutters and rolling-caption repeats: a word or a run of up to 8 words said again at once
   ("and and", "you can see you can see");
5. sentence breaks: unpunctuated speech is split before clause openers ("this is", "here you can see",
   "now"); casing: sentence case for all-lower or ALL-CAPS text, "i" -> "I";
6. clinical sentences kept: a sentence is kept when it names a condition, concept or body site from the
   ontology, a word from a clinical lexicon (lesion, rash, biopsy, year-old ...) or a measurement ("5 mm",
   "Breslow", "diameter"); if none does, the cleaned text is kept whole.

Metadata is read from the *cleaned* text (chatter such as "welcome back" is gone by then) with context
rules: an ambiguous body word ("back", "face", "hand", "sole") counts only after a locative ("on the
back", "her face", "upper back"), "back of the hand" is the hand, "on the other hand" is nothing;
symptoms after a negation ("no itching", "denies pain") or as "painless" are not symptoms; age from
"45-year-old", "aged 45", "45 yo", "in her 60s", "6-month-old"; gender from nouns first, pronouns after.
Derm1M's placeholders fill what is absent.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Iterable

from derm1m_build.schema import NO_AGE, NO_BODY_LOCATION, NO_GENDER, NO_SYMPTOMS

_I = re.I

ARTEFACTS = re.compile(r"\[(?:music|applause|laughter|inaudible|silence|noise|__+)\]|\(\s*(?:music|applause|laughs?)\s*\)|"
                       r"♪+|>>+|&gt;&gt;|\bnbsp\b", _I)
FIGURE_HEAD = re.compile(r"^\s*(?:supplementary\s+)?(?:fig(?:ure)?\.?|image|photo)\s*[0-9]+(?:\.[0-9]+)*[a-z]?"
                         r"(?:\s*[.:|-]\s*|\s+(?=[A-Z(]))", _I)
CHATTER = re.compile(
    r"(?:\b(?:hi|hello|hey)(?: there)?,? (?:everyone|everybody|guys|friends|all)\b[,.!]?)|"
    r"(?:\bwelcome back(?: to (?:my|the|our) channel| to (?:another|this) video)?(?:,? (?:everyone|everybody|guys|friends|folks))?\b[,.!]?)|"
    r"(?:\bwelcome to (?:my|the|our) channel\b[,.!]?)|"
    r"(?:\b(?:and )?(?:please |don't forget to |do not forget to |make sure (?:to|you) |remember to )?"
    r"(?:like,? (?:share,? )?(?:and |& )?)?subscribe(?: (?:to|for) (?:the|my|our|this) channel| for more(?: videos)?)?\b[,.!]?)|"
    r"(?:\b(?:hit|smash|click|ring) (?:that|the) (?:bell|like button|notification bell|subscribe button)(?: icon)?\b[,.!]?)|"
    r"(?:\b(?:thanks|thank you)(?: so much)? for watching\b[,.!]?)|"
    r"(?:\bsee you (?:next time|in the next (?:one|video)|soon)\b[,.!]?)|"
    r"(?:\b(?:the )?links? (?:is |are )?in the description(?: below)?\b[,.!]?)|"
    r"(?:\bin (?:today's|this) video,? (?:we(?:'re| are| will) (?:going to |gonna )?(?:talk about|look at|discuss)\b)?)|"
    r"(?:\b(?:this video is )?sponsored by \w+\b[,.!]?)|(?:\bpatreon\b[,.!]?)", _I)
# Cheap gates: a costly pattern runs only when one of its trigger words is in the text.
CHATTER_WORDS = frozenset({"welcome", "subscribe", "subscribing", "bell", "watching", "description", "sponsored",
                           "patreon", "hi", "hello", "hey", "channel", "video", "button", "links", "link"})
FILLER_WORDS = frozenset({"um", "umm", "ummm", "uh", "uhh", "uhm", "er", "erm", "hmm", "hmmm", "mm", "mmm", "ah", "ahh",
                          "basically", "uh-huh"})
FILLER_PHRASES = ("you know", "i mean", "you see", "like i said", ", like", ", sort of", ", kind of")
FILLER_CHARS = frozenset("umheraUMHERA")
CLAUSE_WORDS = frozenset({"so", "okay", "ok", "alright", "right", "well"})
CLAUSE_STARTS = ("so ", "so,", "okay", "ok ", "ok,", "alright", "all right", "right ", "right,", "well ", "well,",
                 "now then")
ARTEFACT_KEYS = ("[", "♪", ">>", "&gt", "nbsp", "(music", "(applause", "(laugh", "( music", "( applause")
ABBREV_KEYS = ("e.g.", "i.e.", "dr.", "vs.", "approx.", "fig.", "no.", "mr.", "mrs.", "ms.", "st.", "et al.")
FILLERS = re.compile(
    # after a number "mm" is millimetres and "um" micrometres ("5 mm", "50 um"): units are never fillers
    r"(?:(?<!\d)(?<!\d )\b(?:u+m+|u+h+|e+r+m+|hmm+|mm+|a+h+|uh-huh)\b[,.]?\s*)|"
    r"(?:\b(?:you know|i mean|you see|basically|like i said)\b,?\s*)|"
    r"(?:,\s*(?:like|sort of|kind of)\s*,\s*)", _I)
CLAUSE_FILLER = re.compile(r"(^|[.!?;]\s+|,\s+)(?:(?:so|okay|ok|alright|all right|right|well|now then)\b[,]?\s+)+", _I)
WORD = re.compile(r"[\w'-]+")
SEP_OK = re.compile(r"[\s,]*")
MAX_REPEAT = 8
SPACE_PUNCT = re.compile(r"\s+([,.!?;:])")
MULTI_PUNCT = re.compile(r"([,;:])(?:\s*[,;:])+|\.(?:\s*\.)+")
WS = re.compile(r"\s+")
CLAUSE_OPENERS = re.compile(r"(?:,?\s+(?:and|but|so)\b)?,?\s+(?=(?:this is|these are|here (?:you|we) (?:can )?see|here is|here we have|you can see|"
                            r"now|next|notice|note the|in this (?:patient|case|image)|the diagnosis)\b)", _I)
ABBREV = re.compile(r"\b(e\.g|i\.e|dr|vs|approx|fig|no|mr|mrs|ms|st|et al)\.", _I)
SENTENCE = re.compile(r"(?<=[.!?])\s+")
LONE_I = re.compile(r"\bi\b")

CLINICAL_WORDS = (
    "lesion", "lesions", "rash", "rashes", "skin", "patient", "patients", "biopsy", "diagnosis", "diagnosed",
    "dermatitis", "eruption", "erythematous", "pigmented", "border", "borders", "distribution", "scaly",
    "itchy", "itch", "itching", "pruritic", "painful", "tender", "bleeding", "ulcer", "treatment", "treated",
    "cream", "steroid", "topical", "dermoscopy", "dermatoscopic", "histology", "clinical", "photograph",
    "consistent", "differential", "year-old", "old", "symmetric", "asymmetric", "margin", "colour", "color",
    "infection", "tumour", "tumor", "carcinoma", "mole", "spot", "spots", "bump", "bumps", "blister",
    "blisters", "swelling", "redness", "discoloration", "hair", "nail", "nails", "dermatologist", "doctor",
)

# canonical symptom -> surface forms
SYMPTOMS: dict[str, tuple[str, ...]] = {
    "itching": ("itch", "itches", "itchy", "itching", "itchiness", "pruritus", "pruritic"),
    "pain": ("pain", "painful", "hurts", "hurting", "aching", "ache"),
    "burning": ("burning", "burns", "burning sensation"),
    "tenderness": ("tender", "tenderness"),
    "bleeding": ("bleeding", "bleeds", "bled"),
    "oozing": ("oozing", "weeping", "discharge"),
    "swelling": ("swelling", "swollen"),
    "fever": ("fever", "febrile"),
    "soreness": ("sore", "soreness"),
    "numbness": ("numbness", "numb"),
    "tingling": ("tingling", "pins and needles"),
    "scaling": ("flaking", "peeling"),
    "dryness": ("dryness", "dry skin"),
}
NEGATION = re.compile(r"\b(?:no|not|without|denies|denied|denying|negative for|free of|absence of|never)\b(?:\W+\w+){0,3}\W*$", _I)
DIGIT = re.compile(r"\d")
MEASUREMENT = re.compile(r"\d\s*(?:mm|cm|µm|um|μm|m|%|mm2|mm²|cm2|cm²)\b|\b(?:measur\w*|diameter|breslow|thickness|"
                         r"depth|millimet\w*|centimet\w*|size)\b", _I)
SCOPE_END = re.compile(r"[.;!?]|\bbut\b|\bhowever\b")
AGE_PATTERNS = [  # (pattern, output, words one of which the text must hold for the pattern to be tried)
    (re.compile(r"\b(\d{1,3})[- ]?(?:years?|yrs?|y)[- ]?(?:old|o\b|/o\b)", _I), "{0}", ("old", "y/o", "yo")),
    (re.compile(r"\b(\d{1,3})\s*(?:yo|y/o|y\.o\.)(?=\W|$)", _I), "{0}", ("yo", "y/o", "y.o.")),
    (re.compile(r"\baged?\s*(?:of\s*)?(\d{1,3})\b", _I), "{0}", ("age",)),
    (re.compile(r"\b(\d{1,2})[- ]?(month|week|day)s?[- ]old\b", _I), "{0} {1}s", ("old",)),
    (re.compile(r"\bin (?:his|her|their) (?:early |mid |late )?(\d0)'?s\b", _I), "{0}s", ("0s", "0's")),
]
AGE_WORDS = re.compile(r"\b(newborn|neonate|infant|toddler|child|teenager|adolescent|elderly)\b", _I)
GENDER_WORDS = {"man": "male", "male": "male", "boy": "male", "gentleman": "male", "he": "male", "his": "male",
                "him": "male", "woman": "female", "female": "female", "girl": "female", "lady": "female",
                "pregnant": "female", "she": "female", "her": "female", "hers": "female"}
PRONOUNS = frozenset({"he", "his", "him", "she", "her", "hers"})  # relatives ("her mother") say nothing of the patient
SEX_LETTER = [(re.compile(r"\b\d{1,3}\s*(?:yo|y/o|-?years?[- ]old)?\s*M\b"), "male"),
              (re.compile(r"\b\d{1,3}\s*(?:yo|y/o|-?years?[- ]old)?\s*F\b"), "female")]
LOCATIVES = ("on", "of", "over", "to", "at", "in", "across", "involving", "affecting", "the", "his", "her", "my",
             "their", "your", "both", "left", "right", "upper", "lower", "mid", "dorsal", "ventral", "entire",
             "whole", "whose", "its", "a", "lateral", "medial", "posterior", "anterior", "around", "under", "behind",
             "site", "sites", "including", "and", "or")
AMBIGUOUS_SITES = {"back", "face", "sole", "soles", "hand", "hands", "palm", "palms", "arm", "arms", "foot", "feet",
                   "heel", "lip", "lips", "trunk", "mouth", "chest", "nose", "leg", "legs", "neck", "toe", "toes",
                   "finger", "fingers", "nail", "nails"}
IDIOM_SITES = frozenset({"hand", "hands", "back", "face", "foot", "leg", "sole"})  # words NOT_A_SITE is about
NOT_A_SITE = re.compile(r"\b(?:on the other hand|first[- ]hand|hand in hand|hands[- ]on|at hand|in hand|"
                        r"back (?:to|and forth|then|up|in|out|down|off|when|on track)|come back|coming back|"
                        r"go(?:ing)? back|get(?:ting)? back|look(?:ing)? back|bring(?:ing)? back|"
                        r"face (?:it|to face|the fact)|in the face of|foot the bill|on foot|"
                        r"leg up|arm's length|the sole (?:reason|purpose|aim|cause))\b", _I)
OF_SPECIFIC = re.compile(r"\b(?:back|front|dorsum|top) of (?:the |his |her |their |my |both )?(\w+)", _I)
PANEL = re.compile(r"(?:^|\s)\(([A-Ha-h])\)\s*|(?:^|(?<=[.;]\s))([A-H])[:)]\s+")


def collapse_repeats(text: str) -> str:
    """Drop a word or a run of up to 8 words said again at once ("and and", rolling auto-captions).

    Token-based: at each word, the longest n-gram that is immediately repeated (only spaces or commas
    between) loses its repeats. Faster than a back-referencing regex, which retries every length at
    every word.
    """
    w = WORD.findall(text.lower())
    n_tok = len(w)
    # distances at which each word comes again within MAX_REPEAT words: the only n-gram lengths to try
    dists: dict[int, list[int]] = {}
    seen: dict[str, list[int]] = {}
    for j, x in enumerate(w):
        prev = seen.get(x)
        if prev is None:
            seen[x] = [j]
            continue
        for p in prev[-MAX_REPEAT:]:
            if j - p <= MAX_REPEAT:
                dists.setdefault(p, []).append(j - p)
        prev.append(j)
    if not dists:
        return text
    toks = [m.span() for m in WORD.finditer(text)]
    cut: list[tuple[int, int]] = []
    i = 0
    for i0 in sorted(dists):
        if i0 < i:
            continue
        i = i0
        best = 0
        for n in sorted(dists[i], reverse=True):
            if i + 2 * n <= n_tok and w[i:i + n] == w[i + n:i + 2 * n] and \
                    SEP_OK.fullmatch(text, toks[i + n - 1][1], toks[i + n][0]):
                best = n
                break
        if not best:
            continue
        k = 2
        while i + (k + 1) * best <= n_tok and w[i:i + best] == w[i + k * best:i + (k + 1) * best] and \
                SEP_OK.fullmatch(text, toks[i + k * best - 1][1], toks[i + k * best][0]):
            k += 1
        cut.append((toks[i + best - 1][1], toks[i + k * best - 1][1]))
        i += k * best
    if not cut:
        return text
    out, last = [], 0
    for a, b in cut:
        out.append(text[last:a])
        last = b
    out.append(text[last:])
    return "".join(out)


class Terms:
    """Whole-word matching of many fixed terms at once (Aho-Corasick, longest match first).

    An alternation of hundreds of words in `re` tries each at every position; the automaton reads the
    text once.
    """

    def __init__(self, mapping: dict[str, str]):
        import ahocorasick

        self.empty = not mapping
        self.auto = ahocorasick.Automaton()
        for k, v in sorted(mapping.items()):
            self.auto.add_word(k, (k, v))
        if not self.empty:
            self.auto.make_automaton()

    def find(self, low: str) -> list[tuple[int, int, str, str]]:
        """(start, end, surface, value) of each whole-word match in lower-cased `low`."""
        if self.empty:
            return []
        out = []
        n = len(low)
        for end, (k, v) in self.auto.iter_long(low):
            start = end - len(k) + 1
            if (start > 0 and (low[start - 1].isalnum() or low[start - 1] == "_")) or \
                    (end + 1 < n and (low[end + 1].isalnum() or low[end + 1] == "_")):
                continue
            out.append((start, end + 1, k, v))
        return out

    def search(self, low: str) -> bool:
        """Whether `find` would find anything: stops at the first whole-word match (called once per
        sentence by `clean`, mostly on sentences that have one)."""
        if self.empty:
            return False
        n = len(low)
        for end, (k, _) in self.auto.iter_long(low):
            start = end - len(k) + 1
            if not ((start > 0 and (low[start - 1].isalnum() or low[start - 1] == "_")) or
                    (end + 1 < n and (low[end + 1].isalnum() or low[end + 1] == "_"))):
                return True
        return False


@dataclass
class Metadata:
    body_location: str = NO_BODY_LOCATION
    symptoms: str = NO_SYMPTOMS
    age: str = NO_AGE
    gender: str = NO_GENDER

    def as_dict(self) -> dict[str, str]:
        return {"body_location": self.body_location, "symptoms": self.symptoms, "age": self.age, "gender": self.gender}


class RulesCaptioner:
    """Cleans text and reads metadata; built once per worker from the ontology's vocabulary."""

    def __init__(self, body_sites: dict[str, tuple[str, ...]] | None = None, clinical_terms: Iterable[str] = ()):
        self.site_of: dict[str, str] = {}
        for name, syns in (body_sites or {}).items():
            for s in (name, *syns):
                self.site_of.setdefault(s.lower(), name)
        self.sites = Terms(self.site_of)
        self.clinical = Terms({t.lower(): "" for t in (*CLINICAL_WORDS, *clinical_terms, *self.site_of) if t})
        self.symptoms = Terms({f: canon for canon, forms in SYMPTOMS.items() for f in forms})
        self.gender_words = Terms(GENDER_WORDS)

    @classmethod
    def from_ontology(cls, onto) -> "RulesCaptioner":
        sites = {n.name: tuple(n.synonyms) for _, n in sorted(onto.body_sites.items())}
        terms = [t for nodes in (onto.conditions, onto.concepts) for nid, n in sorted(nodes.items()) if nid != "root"
                 for t in (n.name, *n.synonyms) if len(t) > 3]
        return cls(sites, terms)

    # cleaning ------------------------------------------------------------------------------------
    def clean(self, text: str) -> str:
        t = html.unescape(text) if "&" in (text or "") else (text or "")
        low = t.lower()
        if any(k in low for k in ARTEFACT_KEYS):
            t = ARTEFACTS.sub(" ", t)
        t = " ".join(t.split())
        if t[:3].lower() in ("fig", "sup", "ima", "pho"):
            t = FIGURE_HEAD.sub("", t)
        low = t.lower()
        words = set(WORD.findall(low))
        if not words.isdisjoint(CHATTER_WORDS) or "see you" in low:
            t = CHATTER.sub(" ", t)
        if not words.isdisjoint(FILLER_WORDS) or any(k in low for k in FILLER_PHRASES) \
                or any(len(w) > 2 and FILLER_CHARS.issuperset(w) for w in words):
            t2 = FILLERS.sub(" ", t)
            t = FILLERS.sub(" ", t2) if t2 != t else t2
        t = " ".join(t.split())
        t2 = collapse_repeats(t)
        t = collapse_repeats(t2) if t2 != t else t
        fill = not words.isdisjoint(CLAUSE_WORDS) or "all right" in low or "now then" in low
        if fill:
            t = CLAUSE_FILLER.sub(r"\1", t)
        if any(k in t for k in (" ,", " .", " !", " ?", " ;", " :")):
            t = SPACE_PUNCT.sub(r"\1", t)
        if ",," in t or ", ," in t or ".." in t or ". ." in t or ";," in t or ":," in t or ",;" in t or ",:" in t:
            t = MULTI_PUNCT.sub(lambda m: m.group(0)[0], t)
        t = " ".join(t.split()).strip(" ,;:")
        if not t:
            return ""
        shout = t.isupper()
        if shout:
            t = t.lower()
        lower = t == t.lower()
        if not re.search(r"[.!?]", t[:-1]) and len(t.split()) > 20:
            t = self._break_speech(t)
        if "." in t[:-1] and any(k in t.lower() for k in ABBREV_KEYS):
            t = ABBREV.sub(lambda m: m.group(0)[:-1] + "\x00", t)
        sents = [s.strip(" ,;:") for s in SENTENCE.split(t)]
        out: list[str] = []
        seen: set[str] = set()
        for s in sents:
            s = s.replace("\x00", ".")
            if fill and s[:9].lower().startswith(CLAUSE_STARTS):
                s = CLAUSE_FILLER.sub(r"\1", s).strip(" ,;:")
            if len(s.split()) < 2 and not s[:1].isdigit():
                continue
            key = s.lower().rstrip(".!? ")
            if key in seen:
                continue
            seen.add(key)
            if lower:
                s = LONE_I.sub("I", s)
            s = s[0].upper() + s[1:]
            if s[-1] not in ".!?":
                s += "."
            out.append(s)
        # a size, depth or count is clinical content ("It measures 5 mm.", "Breslow 1.2 mm.")
        clinical = [s for s in out if self.clinical.search(s.lower()) or MEASUREMENT.search(s)]
        return " ".join(clinical or out)

    @staticmethod
    def _break_speech(t: str) -> str:
        """Unpunctuated speech: a sentence break before each clause opener, if both sides keep >= 4 words."""
        pieces, last = [], 0
        for m in CLAUSE_OPENERS.finditer(t):
            if len(t[last:m.start()].split()) >= 4 and len(t[m.end():].split()) >= 4:
                pieces.append(t[last:m.start()])
                last = m.end()
        pieces.append(t[last:])
        return ". ".join(p.strip() for p in pieces)

    def sub_captions(self, text: str) -> list[dict[str, str]]:
        """Panels of a multi-panel figure caption: "(A) ... (B) ..." or "A: ... B: ..."."""
        if ")" not in (text or "") and ":" not in (text or ""):
            return []
        t = WS.sub(" ", html.unescape(text or "")).strip()
        t = FIGURE_HEAD.sub("", t)
        marks = list(PANEL.finditer(t))
        letters = [(m.group(1) or m.group(2)).upper() for m in marks]
        if len(marks) < 2 or len(set(letters)) != len(letters):
            return []
        out = []
        for i, m in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(t)
            body = t[m.end():end].strip(" ,;")
            if body:
                body = body[0].upper() + body[1:]
                out.append({"panel": letters[i], "caption": body if body[-1] in ".!?" else body + "."})
        return out

    # metadata ------------------------------------------------------------------------------------
    def body_location(self, text: str) -> str:
        low = text.lower()
        hits = self.sites.find(low)
        if not hits:
            return NO_BODY_LOCATION
        if any(w in IDIOM_SITES for _, _, w, _ in hits):
            masked = NOT_A_SITE.sub(lambda m: " " * len(m.group(0)), low)
            if masked != low:
                low, hits = masked, self.sites.find(masked)
        specific = ({m.start(): m.group(1) for m in OF_SPECIFIC.finditer(low)}
                    if any(k in low for k in ("back of", "front of", "dorsum of", "top of")) else {})
        found: list[str] = []
        for start, _end, word, site in hits:
            if specific.get(start) in self.site_of:
                continue  # "back of the hand": the hand is the site
            if word in AMBIGUOUS_SITES:
                before = low[max(0, start - 40):start].split()
                # "on the back", "her face", or a list of sites ("chest, back")
                if not before or not (any(w.strip(",.;:") in LOCATIVES for w in before[-2:])
                                      or before[-1].strip(",;:") in self.site_of):
                    continue
            if site not in found:
                found.append(site)
        return ", ".join(found) if found else NO_BODY_LOCATION

    def symptom_list(self, text: str) -> str:
        found: list[str] = []
        low = text.lower()
        for start, _end, _word, canon in self.symptoms.find(low):
            window = SCOPE_END.split(low[max(0, start - 40):start])[-1]  # negation ends at . ; but
            if NEGATION.search(window):
                continue
            if canon not in found:
                found.append(canon)
        return ", ".join(found) if found else NO_SYMPTOMS

    @staticmethod
    def age(text: str) -> str:
        low = text.lower()
        for pat, fmt, keys in (AGE_PATTERNS if DIGIT.search(text) else ()):
            if not any(k in low for k in keys):
                continue
            m = pat.search(text)
            if m:
                try:
                    if int(m.group(1)) > 120:
                        continue
                except ValueError:
                    continue
                return fmt.format(*(g.lower() for g in m.groups()))
        m = AGE_WORDS.search(text)
        return m.group(1).lower() if m else NO_AGE

    def gender(self, text: str) -> str:
        """Nouns ("man", "woman", "45 yo M") first; pronouns only when no noun says it."""
        nouns: set[str] = set()
        pronouns: set[str] = set()
        for _, _, word, g in self.gender_words.find(text.lower()):
            (pronouns if word in PRONOUNS else nouns).add(g)
        if ("M" in text or "F" in text) and DIGIT.search(text):
            nouns.update(g for pat, g in SEX_LETTER if pat.search(text))
        for hits in (nouns, pronouns):
            if len(hits) == 1:
                return next(iter(hits))
            if len(hits) > 1:
                return NO_GENDER
        return NO_GENDER

    def metadata(self, cleaned: str) -> Metadata:
        """Metadata from cleaned text (never from raw speech: "welcome back" is no body site)."""
        return Metadata(self.body_location(cleaned), self.symptom_list(cleaned), self.age(cleaned), self.gender(cleaned))


_DEFAULT: RulesCaptioner | None = None


def _default() -> RulesCaptioner:
    global _DEFAULT
    if _DEFAULT is None:
        from derm1m_build.ontology import load_ontology

        _DEFAULT = RulesCaptioner.from_ontology(load_ontology())
    return _DEFAULT


def clean(text: str) -> str:
    """`RulesCaptioner.clean` with the default ontology's vocabulary."""
    return _default().clean(text)


def extract_metadata(text: str) -> dict[str, str]:
    return _default().metadata(text).as_dict()
