"""Text normalisation for the tagger, and the surface variants of every ontology name.

Speed comes from keeping the per-caption work in C: a caption is only lower-cased and passed through
one `str.translate` table that turns punctuation into separators *without changing its length*, so a
match's offsets in the normalised string are its offsets in the original text. Everything that would
need per-token Python work on the text side (UK/US spelling, plurals, apostrophes, adjectival forms) is
moved to the name side instead: each ontology name is expanded once into all the surface forms it may
take, and all of them go into the automaton.

Separators: hyphen, slash, apostrophes and whitespace become a space (they join the words of a name:
"dome-shaped", "athlete's foot"); sentence and bracket punctuation becomes `|`, which also ends a token
but can never be inside a name, so "cold. Sore throat" never reads as "cold sore".
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from derm1m_build.tagger.fastmatch import may

SPACE_CHARS = "-/\\'\u2019\u2018`\u00b4\u2010\u2011\u2012\u2013\u2014\t\n\r\f\v\u00a0_"
BAR_CHARS = ".,;:!?()[]{}<>\"\u201c\u201d*+=&#@%$~^|\u2026\u2022\u00b7\u00d7"


def _table() -> dict[int, str]:
    t = {ord(c): " " for c in SPACE_CHARS}
    t.update({ord(c): "|" for c in BAR_CHARS})
    # general punctuation block and other separators not listed above
    for cp in range(0x2000, 0x2070):
        t.setdefault(cp, " " if cp < 0x2010 else "|")
    return t


TABLE = _table()
MULTISPACE = re.compile(r"  +")


def _fast_tables() -> tuple[bytes, tuple[tuple[re.Pattern, str], ...]]:
    """`TABLE` split for speed: its ASCII part as a bytes table (`bytes.translate` is ~5x faster than
    `str.translate` with a dict), its other characters as one character class per separator."""
    ascii_table = bytes.maketrans(bytes(k for k in sorted(TABLE) if k < 128),
                                  bytes(ord(TABLE[k]) for k in sorted(TABLE) if k < 128))
    by_value: dict[str, list[int]] = {}
    for k, v in sorted(TABLE.items()):
        if k >= 128:
            by_value.setdefault(v, []).append(k)
    rest = tuple((re.compile("[" + "".join(re.escape(chr(k)) for k in ks) + "]"), v) for v, ks in by_value.items())
    return ascii_table, rest


ASCII_TABLE, NON_ASCII = _fast_tables()
# speed round 46: `ASCII_TABLE` after ASCII lower-casing, one table for both (`normalise_text`'s ASCII texts)
LOWER_ASCII_TABLE = bytes(ASCII_TABLE[ord(chr(b).lower())] if b < 128 else ASCII_TABLE[b] for b in range(256))

# round 17: a precomposed accented Latin letter reads as its base letter ("Acné excoriée", "Sézary disease",
# "Henoch-Schönlein purpura", "café au lait"): one character for one, so offsets are kept. Names are expanded to
# their unaccented forms already (`strip_accents` in `name_variants`); this lets an accented text reach them. Only
# texts with a non-ASCII character pay for it.
def _fold_table() -> dict[int, str]:
    out = {}
    for cp in range(0xC0, 0x250):
        base = strip_accents(chr(cp)).lower()
        if len(base) == 1 and base.isascii() and base.isalpha() and base != chr(cp).lower():
            out[cp] = base
    return out


# round 17: ICD-10-CM's nonessential modifiers in parentheses ("Infantile (acute) (chronic) eczema", "Collagen
# (vascular) disease") and a bracketed alternative inside a name ("Diaper [napkin] dermatitis", "Acquired keratosis
# [keratoderma] palmaris et plantaris") split the name around them. They are blanked to spaces (offsets kept; the
# spaces are squeezed as a line break is) so the words around them read as one name. Modifiers: a closed list of
# course and origin words that name no concept ("generalized", "pigmented", "unilateral" do, and are kept).
# A bracket is blanked only between two words of a name (a trailing "[Tinea cruris]" is a synonym of its own; a list
# "[Darier's] or [keratosis follicularis]" or "Candidal: [vulvovaginitis NOS]" holds the names themselves).
NONESSENTIAL = ("acute", "chronic", "subacute", "primary", "secondary", "idiopathic", "acquired", "congenital",
                "juvenile", "familial", "hereditary", "recurrent", "vascular")
_MOD = r"\((?:" + "|".join(NONESSENTIAL) + r")\)"
# (the pattern starts with a literal "(" so the regex engine skips to each bracket instead of trying every position)
MODIFIER = re.compile(_MOD + r"(?:\s*" + _MOD + r")*\s*(?=[a-z])")
MID_BRACKET = re.compile(r"\[[a-z][a-z \-']{1,40}\] (?!or |and )(?=[a-z])")
BEFORE_BRACKET = re.compile(r"[a-z] $")


def _blank(m: re.Match) -> str:
    return " " * (m.end() - m.start())


def _blank_bracket(m: re.Match) -> str:
    """Blank a bracket only after a word of a name (not after "or" / "and", not after punctuation)."""
    before = m.string[max(0, m.start() - 5):m.start()]
    if not BEFORE_BRACKET.search(before) or before.endswith((" or ", " and ")) or before in ("or ", "and "):
        return m.group(0)
    return " " * (m.end() - m.start())


# round 32: a clipped name word written with its abbreviation dot ("Seb. keratosis", "seb. derm", "malig. melanoma") is
# one name, not a sentence end before the next word: the dot after such a clip reads as a space when a word follows
CLIPPED_DOT = re.compile(r"(?<![a-z])(?:seb|derm|kerat|malig)\.(?= [a-z])")


# round 37: a name word restated by its synonym in brackets ("hypertrophic (verrucous) lichen planus", "discoid
# (nummular) eczema", "nummular (discoid) dermatitis"): the bracket says the same as the word before it, so it is
# blanked (offsets kept; the spaces are squeezed) and the name reads through it. Only these pairs of synonymous subtype
# adjectives; any other bracket stays a break.
SYNONYM_BRACKET = re.compile(r"(?<![a-z])(?:hypertrophic \(verrucous\)|verrucous \(hypertrophic\)|discoid \(nummular\)"
                             r"|nummular \(discoid\))(?= [a-z])")


def _blank_synonym(m: re.Match) -> str:
    first, _, bracket = m.group(0).partition(" ")
    return first + " " * (len(bracket) + 1)


# round 38: a word the speaker starts, breaks off with a dash and says whole at once ("pyoderma gangre- gangrenosum",
# "pityriasis ro- rosea", "necrobiosis lipo-, lipoidica"): the fragment before the dash is the start of the next word,
# so it is blanked (offsets kept) and the name reads through it. Only a dash then a space (a comma between allowed) and
# a next word that begins with the fragment: "pre- and post-operative", "acne, acneiform" and a hyphenated word stay.
RESTART = re.compile(r"(?<![a-z])([a-z]{2,})-,? (?=\1[a-z])")


def _undot(m: re.Match) -> str:
    return m.group(0)[:-1] + " "


CLIPPED_WORDS = ("seb", "derm", "kerat", "malig")  # the clipped name words `CLIPPED_DOT` reads before its dot


def _clipped_dot(low: str) -> bool:
    """`"seb. " in low or "derm. " in low or "kerat. " in low or "malig. " in low` (the words of `CLIPPED_WORDS`), with
    the same answer, faster (speed round 46): each of the four finds reads the whole text, where this reads it once
    for ". " and asks, at each of the few sentence ends it finds, whether a clipped word ends there."""
    i = low.find(". ")
    while i >= 0:
        if low.endswith(CLIPPED_WORDS, 0, i):
            return True
        i = low.find(". ", i + 2)
    return False


def _clipped_dot_any_case(text: str) -> bool:
    """`_clipped_dot(text.lower())` for an ASCII text, without lower-casing all of it (speed round 46): only the five
    characters before each ". " are lower-cased (the longest clipped word has five)."""
    i = text.find(". ")
    while i >= 0:
        if text[max(0, i - 5):i].lower().endswith(CLIPPED_WORDS):
            return True
        i = text.find(". ", i + 2)
    return False


def normalise_text(text: str) -> str:
    """Lower-case and map punctuation to separators, same length as `text` (offsets are preserved).

    The same as `text.lower().translate(TABLE)`, faster: the ASCII separators are mapped on the UTF-8 bytes
    (an ASCII byte there is always an ASCII character), the few others by a regex when the text has any."""
    if text.isascii() and "(" not in text and "[" not in text and not ("-" in text and ("- " in text or "-, " in text)) \
            and not _clipped_dot_any_case(text):
        # speed round 46: most texts, ASCII and none of the regexes' marks below: lower-casing and the separators in
        # one bytes table (`LOWER_ASCII_TABLE`), the same result with no lower-cased copy of the text made first
        return text.encode("ascii").translate(LOWER_ASCII_TABLE).decode("ascii")
    low = text.lower()
    if len(low) != len(text):  # a few characters (e.g. U+0130) lower-case to two code points
        low = "".join(c.lower()[0] for c in text)
    if "(" in low:
        if may(MODIFIER, low):  # (speed round 49: the bracketed modifiers' own literals first, `fastmatch.may`)
            low = MODIFIER.sub(_blank, low)
        if "(verr" in low or "(hyper" in low or "(numm" in low or "(disc" in low:
            low = SYNONYM_BRACKET.sub(_blank_synonym, low)
    if "[" in low:
        low = MID_BRACKET.sub(_blank_bracket, low)
    # (speed round 46: a one-character find first, `-`, in C's memchr, then the two-character ones only where it is)
    if "-" in low and ("- " in low or "-, " in low):  # plain finds first: the regex runs only on a text with a broken-off word's dash
        low = RESTART.sub(_blank, low)
    if _clipped_dot(low):  # plain finds: cheaper than the regex
        low = CLIPPED_DOT.sub(_undot, low)
    if low.isascii():
        return low.encode("ascii").translate(ASCII_TABLE).decode("ascii")
    if ACCENTED.search(low):
        low = low.translate(FOLD)
    out = low.encode("utf-8", "surrogatepass").translate(ASCII_TABLE).decode("utf-8", "surrogatepass")
    for pattern, sep in NON_ASCII:
        out = pattern.sub(sep, out)
    return out


# round 52: a word respelt as its spoken syllables, joined by hyphens ("sorry-asis", "vitty-lie-go", "mel-a-noma in
# sit-oo"): a writer's pronunciation guide. Every piece is short and alphabetic; the chain's letters joined are read
# as one word by the fuzzy pass's sound match (`FuzzyMatcher.syllables`), where the tagger has the name words
SYLLABLE_PIECE = 5  # letters of a piece, at most
SYLLABLE_CHAIN = re.compile(r"(?<![A-Za-z0-9-])[A-Za-z]{1,5}(?:-[A-Za-z]{1,5})+(?![A-Za-z0-9-])")  # (what it reads)
_CHAIN_RUN = re.compile(r"[A-Za-z0-9-]*")
_CHAIN_WHOLE = re.compile(r"[A-Za-z]{1,5}(?:-[A-Za-z]{1,5})+")
_CHAIN_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_CHAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")


def syllable_chains(text: str) -> list[tuple[int, int, str]]:
    """The hyphen-joined chains of short alphabetic pieces in `text` (what `SYLLABLE_CHAIN` finds: a run of ASCII
    letters, digits and hyphens made of pieces of one to five letters), each as (start, end, the pieces' letters
    joined, lower case); none without a hyphen (most texts: one `find`)."""
    i = text.find("-")
    if i < 0:
        return []
    # (each hyphen is looked at where it stands, its run of letters, digits and hyphens read out: about half of the
    # million benchmark's captions hold a hyphen, mostly one or two, and a regex scan of the whole text costs ~5 us)
    out = []
    end = len(text)
    while i >= 0:
        a = i
        if not (a and text[a - 1] in _CHAIN_LETTERS and a + 1 < end and text[a + 1] in _CHAIN_LETTERS):
            i = text.find("-", a + 1)  # (a number's hyphen, "5-year-old", a dash: no letter on one side)
            continue
        while a and text[a - 1] in _CHAIN_CHARS and i - a <= SYLLABLE_PIECE:
            a -= 1
        if a and text[a - 1] in _CHAIN_CHARS:  # (a longer piece before the run's first hyphen: no chain)
            i = text.find("-", i + 1)
            continue
        b = _CHAIN_RUN.match(text, i).end()
        if _CHAIN_WHOLE.fullmatch(text, a, b):
            out.append((a, b, text[a:b].replace("-", "").lower()))
        i = text.find("-", b)
    return out


def collapse_spaces(norm: str) -> tuple[str, list[tuple[int, int]] | None]:
    """Squeeze runs of spaces (line breaks inside names); returns the text and a map back to offsets.

    The map is a sorted list of (position in the squeezed text, characters removed before it); None when
    nothing was squeezed, which is the common case and costs one C-level search.
    """
    if "  " not in norm:
        return norm, None
    out, shifts, removed, last = [], [], 0, 0
    for m in MULTISPACE.finditer(norm):
        out.append(norm[last:m.start() + 1])
        removed += m.end() - m.start() - 1
        last = m.end()
        shifts.append((m.end() - removed, removed))  # squeezed offset of the run's end, removed so far
    out.append(norm[last:])
    return "".join(out), shifts


def unshift(pos: int, shifts: list[tuple[int, int]] | None) -> int:
    """Offset in the squeezed text -> offset in the original text."""
    if not shifts:
        return pos
    add = 0
    for at, removed in shifts:
        if pos >= at:
            add = removed
        else:
            break
    return pos + add


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


FOLD = _fold_table()
ACCENTED = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")  # not the signs \u00d7, \u00f7


def normalise_name(name: str) -> str:
    """A name or synonym in the form the automaton holds: the text normalisation, squeezed and trimmed."""
    return " ".join(normalise_text(name).replace("|", " ").split())


# UK -> US spelling pairs applied inside words (dermatology's usual ones). Names are expanded to both.
SPELLING = (
    ("haem", "hem"), ("naev", "nev"), ("oedem", "edem"), ("oesoph", "esoph"), ("rrhoe", "rrhe"),
    ("tumour", "tumor"), ("colour", "color"), ("isation", "ization"), ("aesth", "esth"), ("anaem", "anem"),
    ("paed", "ped"), ("leuc", "leuk"), ("foet", "fet"), ("oestr", "estr"), ("sulph", "sulf"), ("centre", "center"),
    ("fibre", "fiber"), ("aemia", "emia"),
    # round 14: -ise / -ize past participles ("localised myxoedema", "generalised pustular psoriasis of pregnancy")
    ("ised", "ized"),
    # Latin "-aceus" beside English "-aceous" ("naevus sebaceus", "sebaceous hyperplasia" said "sebaceus")
    ("aceous", "aceus"),
)
# round 14: adjectives written with and without "-al" in medical English (both are in the dictionaries and in
# the Disease Ontology's synonyms: "multiple symmetrical lipomatosis", "geographical tongue", "physiological jaundice")
AL_ADJECTIVES = ("symmetric", "asymmetric", "geographic", "physiologic", "electric", "classic", "histologic",
                 "pathologic", "immunologic", "dermatologic", "biologic", "atypic")
AL_FORMS = {**{w: w + "al" for w in AL_ADJECTIVES}, **{w + "al": w for w in AL_ADJECTIVES}}


# round 16: a name word that speech recognisers write as another real English word; round 20: and a word whose
# silent first "p" they drop and hear as English ("psoriasis" said [sor-eye-asis], written "sorryasis" in sets 11
# and 13's transcripts; the fuzzy pass never visits it: "sorry" is English)
ASR_HOMOPHONES = {"basal": "basel", "psoriasis": "sorryasis", "psoriatic": "sorryatic"}
# round 17: ICD-10-CM's adjective for herpes simplex ("Herpesviral whitlow", "Herpesviral gingivostomatitis",
# "Herpesviral vesicular dermatitis"): a name's "herpetic" is also written "herpesviral"
WORD_FORMS = {"herpetic": "herpesviral"}
SHA_ENDINGS = (("ecia", ("eesha", "esha")), ("acea", ("asha", "aysha", "atia")))
# round 26: a name word a speech recogniser writes as other English words ("a topic dermatitis", "tinea in cognito",
# "sebaceous hyper plasia", "lie ken planus", "hallow nevus"): read only inside a multi-word name, whose other words
# stay as written ("a topic" or "hallow" alone is no finding)
SPOKEN_FORMS = {"atopic": ("a topic",), "incognito": ("in cognito", "in cog nito"), "hyperplasia": ("hyper plasia",),
                "lichen": ("liken", "lie ken"), "halo": ("hallow",), "herpeticum": ("herpetic um",),
                # round 33: a Latin "-aris" heard as two words ("keratosis pillar is")
                "pilaris": ("pillar is",),
                # round 34: more Latin and Greek name words a transcript cuts into English syllables ("dermatitis
                # herpeti formis", "erythema nodo sum", "a pie o genic granuloma")
                "herpetiformis": ("herpeti formis", "herpet eye formis", "herpetic formis"),
                "nodosum": ("nodo sum", "no dosum", "no doze um"), "pyogenic": ("pie o genic", "pio genic", "pyo genic"),
                # round 35: "erythema multi form", "arbor rising vessels"
                "multiforme": ("multi form",), "arborizing": ("arbor rising",),
                "pityriasis": ("pity rye asis", "pity riasis"),
                # round 37: the Latin "nigricans" cut after its double consonant ("acanthosis nigg-ricans")
                "nigricans": ("nigg ricans", "nig ricans", "nigri cans"),
                # and "exogenous och-ro-nosis" said syllable by syllable
                "ochronosis": ("och ro nosis", "ochro nosis"),
                # round 38: "pyo-derma gangrenosum", the Greek prefix said apart; "necro bio sis lipoidica"
                "pyoderma": ("pyo derma",), "necrobiosis": ("necro bio sis", "necro biosis")}


def to_us(word: str) -> str:
    for uk, us in SPELLING:
        if uk in word:
            word = word.replace(uk, us)
    return word


def spelling_forms(word: str) -> set[str]:
    """The word, its US form and each UK form of that."""
    us = to_us(word)
    forms = {word, us}
    for uk, us_part in SPELLING:
        if us_part in us and uk not in us:
            forms.add(us.replace(us_part, uk))
    if word in AL_FORMS:
        forms.add(AL_FORMS[word])
    # round 16: and a non-rhotic final "-er" as "-a" ("herpes zosta"), and "basal" as the real word "basel" (a
    # real word is never a typo candidate, so the fuzzy pass cannot restore it)
    for f in list(forms):
        if f.endswith("ster") and len(f) >= 6:
            forms.add(f[:-2] + "a")
        if f in ASR_HOMOPHONES:
            forms.add(ASR_HOMOPHONES[f])
        if f in WORD_FORMS:
            forms.add(WORD_FORMS[f])
    # round 14: speech recognisers write a final schwa as "-er" ("melanomer", "keratoacanthomer", "lipomer")
    for f in list(forms):
        if f.endswith("oma") and len(f) >= 6:
            forms.add(f[:-1] + "er")
        elif f.endswith("omas") and len(f) >= 7:
            forms.add(f[:-2] + "ers")
    # round 17: and a final "-cia" / "-cea" ([sha]) as they hear it ("alopeesha areata", "alopesha", "rosasha",
    # "rosatia"; sets 11 and 12 transcripts); none of these forms is an English word
    for f in list(forms):
        for end, heard in SHA_ENDINGS:
            if f.endswith(end) and len(f) >= 7:
                forms |= {f[: -len(end)] + h for h in heard}
    return forms


IRREGULAR = {"foot": "feet", "tooth": "teeth", "child": "children", "comedo": "comedones", "man": "men",
             "woman": "women", "louse": "lice"}
IRREGULAR_BACK = {v: k for k, v in IRREGULAR.items()}


def plural_forms(word: str) -> set[str]:
    """Plural (and Latin plural) forms of a noun; over-generation is harmless, the forms are only keys."""
    w = word
    if not w.isalpha() or len(w) < 3 or (w.endswith("s") and not w.endswith(("ss", "us", "is"))):
        return set()
    out: set[str] = set()
    if w in IRREGULAR:
        out.add(IRREGULAR[w])
    if w.endswith("is"):
        out.add(w[:-2] + "es")
    elif w.endswith("us"):
        out |= {w[:-2] + "i", w + "es"}
    elif w.endswith("um"):
        out |= {w[:-2] + "a", w + "s"}
    elif w.endswith("ma"):
        out |= {w + "s", w + "ta"}
    elif w.endswith("a"):
        out |= {w + "e", w + "s"}
    elif w.endswith("ex") or w.endswith("ix"):
        out |= {w[:-2] + "ices", w + "es"}
    elif w.endswith("y") and w[-2] not in "aeiou":
        out.add(w[:-1] + "ies")
    elif w.endswith(("s", "sh", "ch", "x", "z")):
        out.add(w + "es")
    elif w.endswith("o"):
        out |= {w + "s", w + "es"}
    else:
        out.add(w + "s")
    return out


def singular_forms(word: str) -> set[str]:
    """Singular forms of a word given in the plural ("warts" -> "wart", "nevi" -> "nevus")."""
    w = word
    out: set[str] = set()
    if w in IRREGULAR_BACK:
        out.add(IRREGULAR_BACK[w])
    if len(w) < 4 or not w.isalpha():
        return out
    if w.endswith("ies"):
        out.add(w[:-3] + "y")
    elif w.endswith("ses") or w.endswith("xes") or w.endswith("ches") or w.endswith("shes"):
        out |= {w[:-2], w[:-2] + "is"}
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        out.add(w[:-1])
    return out


# Adjectival forms of single-word names (suffix -> adjective suffix), e.g. psoriasis -> psoriatic.
ADJECTIVE = (("iasis", "iatic"), ("ema", "ematous"), ("oma", "omatous"), ("igo", "iginous"), ("itis", "itic"),
             ("aria", "arial"), ("ule", "ular"), ("icle", "icular"), ("osis", "otic"))


# round 17: adjectives that name a histological or clinical pattern, not the condition they are formed from
# ("lentiginous" melanoma, naevus, hyperplasia, "MIS, lentiginous": no lentigo)
PATTERN_ADJECTIVES = frozenset(("lentiginous",))


def adjective_forms(word: str) -> set[str]:
    out = set()
    for suf, adj in ADJECTIVE:
        if word.endswith(suf) and len(word) >= 6:
            out.add(word[: -len(suf)] + adj)
    return out - PATTERN_ADJECTIVES


# round 16: a Latin adjective after the noun is written as the English adjective before it ("alopecia universalis"
# / "universal alopecia", "granuloma annulare" / "annular granuloma", "hidradenitis suppurativa" / "suppurative
# hidradenitis", "pyoderma gangrenosum" / "gangrenous pyoderma"; HPO and Disease Ontology synonyms use both
# orders). Only suffixes whose English form is regular; genitives ("tinea pedis", "capitis") are no adjectives.
LATIN_ADJECTIVE = (("formis", "form"), ("forme", "form"), ("alis", "al"), ("ale", "al"), ("aris", "ar"),
                   ("are", "ar"), ("ivus", "ive"), ("iva", "ive"), ("ivum", "ive"), ("osus", "ous"),
                   ("osa", "ous"), ("osum", "ous"), ("icus", "ic"), ("ica", "ic"), ("icum", "ic"))
# English orders that are everyday descriptions of something else ("toxic erythema" of chemotherapy, an
# "infectious erythema", "erythematous acne" lesions): never keys
NOT_ENGLISH_ORDER = frozenset(("toxic erythema", "infectious erythema", "erythematous acne"))


def english_order(base: str) -> str | None:
    """"alopecia universalis" -> "universal alopecia": a two-word name whose second word is a Latin adjective
    with a regular English form, in English order; None for any other name."""
    toks = base.split()
    if len(toks) != 2 or len(toks[1]) < 6:
        return None
    noun, adj = toks
    for suf, eng in LATIN_ADJECTIVE:
        if adj.endswith(suf):
            out = f"{adj[: -len(suf)] + eng} {noun}"
            return None if out in NOT_ENGLISH_ORDER else out
    return None


# round 16: a subtype adjective before its head is also written "<adjective> type <head>" ("nodular type malignant
# melanoma", "superficial type basal cell carcinoma"): the first word of a name that ends as English adjectives do
SUBTYPE_ADJECTIVE = re.compile(r"^[a-z]{4,}(?:ar|al|ic|ous|ive|ed|oid|ile|ant|ent|ate|ing)$")
# ... not the words that begin other phrases ("general", "medical", "central", "related", "following")
NOT_SUBTYPE_ADJECTIVE = frozenset(("general", "medical", "central", "related", "following", "normal", "typical",
                                   "clinical", "several", "interest", "present", "recent", "frequent", "patient"))


def subtype_orders(base: str) -> list[str]:
    """"nodular melanoma" -> ["nodular type melanoma"]. The lexicon keeps it only for a qualified name (the words
    after the adjective name another condition). The head-first order ("melanoma nodular") is not made: in a
    transcript without commas it reads across a list ("psoriasis seborrheic dermatitis" is no sebopsoriasis)."""
    toks = base.split()
    if len(toks) < 2 or not SUBTYPE_ADJECTIVE.match(toks[0]) or toks[0] in NOT_SUBTYPE_ADJECTIVE:
        return []
    return [f"{toks[0]} type {' '.join(toks[1:])}"]


# round 17: the catalogue form of a qualified name, "<qualifier> <head>" with the head another condition's name, as
# "<qualifier> type <head>" ("lentigo maligna-type melanoma", "superficial spreading type melanoma"): the qualifier is
# an adjective (as `subtype_orders`) or itself a condition's name ("lentigo maligna"); every split point is tried.
# ("cholinergic subtype of urticaria", "variant of", "type of" were tried: ~2k keys each for one text of set 12.)
QUALIFIED_LINKS = ("type",)


def qualified_orders(base: str, condition_names: frozenset[str] | set[str]) -> list[str]:
    toks = base.split()
    out = []
    for i in range(1, len(toks)):
        head, mod = " ".join(toks[i:]), " ".join(toks[:i])
        if head not in condition_names:
            continue
        if mod in condition_names or (SUBTYPE_ADJECTIVE.match(toks[0]) and toks[0] not in NOT_SUBTYPE_ADJECTIVE):
            out += [f"{mod} {link} {head}" for link in QUALIFIED_LINKS]
    return out


# round 19: the word abbreviations of clipped catalogue titles (the US ICD-9-CM short descriptions, billing columns
# and old dataset metadata: "Basal cell ca skin trunk", "Malig neo skin NOS", "Contagious pustular derm",
# "Stevens-Johnson syn", "Syst lupus erythematosus", "H zoster"): standard abbreviations of a name's words, read
# only inside a multi-word name (a lone "ca", "dis" or "derm" names nothing), with "of" / "of the" dropped as
# such titles drop them. Vowel-dropped words ("sbrheic", "drmtitis") are the fuzzy pass's `clip_of`.
SHORT_WORDS = {"carcinoma": ("ca",), "carcinomas": ("ca",), "malignant": ("malig", "mal"), "skin": ("skn",), "neoplasm": ("neo", "neop"),
               "neoplasms": ("neo",), "disease": ("dis",), "diseases": ("dis",), "syndrome": ("syn",),
               "dermatitis": ("derm",), "squamous": ("squam",), "infection": ("infect", "inf"),
               "disorder": ("disord",), "disorders": ("disord",), "systemic": ("syst",), "membrane": ("memb",),
               "herpes": ("h",), "syphilis": ("syph",), "pustular": ("pust",), "congenital": ("cong",),
               "multiple": ("mult",), "secondary": ("sec",), "primary": ("prim",), "generalized": ("gen",),
               "hereditary": ("hered",), "chronic": ("chr",), "keratosis": ("keratos",), "keratoses": ("keratos",),
               "dermatosis": ("dermatos",), "dermatoses": ("dermatos",),
               # round 30: the clipped titles' "Basl cell ca", "Bsl cell ca" (a misspelt name beside it, "basiloma", takes
               # the fuzzy reading of a lone "basl" away)
               "basal": ("basl", "bsl")}
SHORT_DROP = frozenset(("of", "the"))
SHORT_MAX = 16


def short_title_forms(base: str) -> list[str]:
    """A normalised multi-word name in clipped-title form: each word of `SHORT_WORDS` as written or abbreviated
    (every combination, at most `SHORT_MAX`), "of" / "the" left out; a name with no such word has none."""
    toks = base.split()
    if len(toks) < 2 or not any(t in SHORT_WORDS for t in toks):
        return []
    kept = [t for t in toks if t not in SHORT_DROP]
    if len(kept) < 2:
        return []
    options = [(t, *SHORT_WORDS.get(t, ())) for t in kept]
    out = [" ".join(kept)] if len(kept) < len(toks) else []  # "benign neoplasm skin": only "of" left out
    for combo in itertools.islice(itertools.product(*options), SHORT_MAX + 1):
        if combo != tuple(kept):
            out.append(" ".join(combo))
    return out


# round 22: how a word is misheard or misspelt by ear, one change at a time (`sound_respellings`): a vowel for another
# vowel, a vowel dropped or doubled into a diphthong, a doubled consonant written once or a single one doubled, a soft
# "c" as "s" (and back), "ph" as "f" (and back), a hard "c" as "k" (and back). Consonants otherwise stay: changing one
# is how another word is spelt ("wart" / "part"), not how this one is heard.
SOUND_VOWELS = "aeiouy"
RESPELL_MIN = 4  # letters a respelt word keeps, at least ("rosa" for "rosea"; no three-letter words)


def sound_respellings(word: str) -> set[str]:
    """Every spelling of `word` one sound-preserving change away (above): "basal" -> "basil", "rosea" -> "rosa",
    "rosia"; "multiforme" -> "multiform"; "sclerosus" -> "sclerosis"; "cell" -> "sell"; "strawberry" ->
    "strawbery". Pure letter work; which of these are English words is the caller's question."""
    w = word
    n = len(w)
    out: set[str] = set()
    if n < RESPELL_MIN or not w.isalpha() or not w.isascii():
        return out
    for i, ch in enumerate(w):
        if ch in SOUND_VOWELS and i:  # (the first letter stays: a word is rarely misheard at its start)
            out.update(w[:i] + v + w[i + 1:] for v in SOUND_VOWELS if v != ch)
            out.add(w[:i] + w[i + 1:])
            out.update(w[:i] + v + w[i:] for v in SOUND_VOWELS)  # a vowel beside a vowel: "rosa" / "rosea"
            out.update(w[:i + 1] + v + w[i + 1:] for v in SOUND_VOWELS)
        elif i + 1 < n and w[i + 1] == ch:
            out.add(w[:i] + w[i + 1:])  # "strawberry" -> "strawbery"
        elif 0 < i < n - 1 and w[i - 1] in SOUND_VOWELS and w[i + 1] in SOUND_VOWELS and w[i - 1] != ch:
            out.add(w[:i] + ch + w[i:])  # "basal" -> "bassal"
        nxt = w[i + 1] if i + 1 < n else ""
        if ch == "c" and nxt in ("e", "i", "y"):
            out.add(w[:i] + "s" + w[i + 1:])
        elif ch == "s" and nxt in ("e", "i", "y") and i:
            out.add(w[:i] + "c" + w[i + 1:])
        elif ch == "c" and nxt in ("a", "o", "u", "l", "r"):
            out.add(w[:i] + "k" + w[i + 1:])
        elif ch == "k":
            out.add(w[:i] + "c" + w[i + 1:])
        if ch == "p" and nxt == "h":
            out.add(w[:i] + "f" + w[i + 2:])
        elif ch == "f":
            out.add(w[:i] + "ph" + w[i + 1:])
    out = {r for r in out if len(r) >= RESPELL_MIN}
    out.discard(w)
    return out


AGENT_HEADS = {"infection": ("infection due to", "infection with"),
               "infestation": ("infestation by", "infestation with")}
ADJECTIVE_END = re.compile(r"(?:al|ic|ous|ial|ed|ing|ive)$")


def agent_orders(base: str) -> list[str]:
    """"loa loa infection" -> ["infection due to loa loa", "infection with loa loa"]; [] when the words before the
    head end in an adjective ("bacterial infection", "deep fungal infection"), name a site ("nail fold infection")
    or are absent."""
    toks = base.split()
    if len(toks) < 2 or toks[-1] not in AGENT_HEADS or ADJECTIVE_END.search(toks[-2]) or "nail" in toks:
        return []
    agent = " ".join(toks[:-1])
    return [f"{head} {agent}" for head in AGENT_HEADS[toks[-1]]]


# round 22: a word built on a Greek or Latin combining form is written joined, hyphenated or spaced ("hyperpigmentation",
# "hyper-pigmentation"; "post-inflammatory", "postinflammatory"; "phyto-photodermatitis", "phyto photodermatitis";
# "sub-ungual", "angio-oedema", "non-melanoma"). A hyphen reads as a space, so the spaced form is the hyphenated one
# too; `combining_forms` makes the spaced form of a joined name word and the joined form of a spaced one. ("dermato"
# is left to the fuzzy join, which reads "dermato fibroma" already: both halves are unknown words.)
COMBINING_FORMS = ("hyper", "hypo", "photo", "phyto", "pseudo", "neuro", "kerato", "onycho", "lympho", "angio", "fibro",
                   "sub", "peri", "intra", "para", "papulo", "vesiculo", "pustulo", "nodulo", "melano",
                   "erythro", "leuko", "leuco", "xantho", "myco", "lipo", "poly", "auto", "acro", "tricho", "muco",
                   "sebo", "oculo", "hemi", "micro", "macro", "multi", "post", "non", "infra", "supra", "retro")
_COMBINING = re.compile("(?:" + "|".join(sorted(COMBINING_FORMS, key=len, reverse=True)) + ")")
COMBINING_REST = 4  # letters after the combining form, at least ("sub ungual", not "hypo ma")


def combining_forms(form: str) -> set[str]:
    """The other writings of a normalised name's combining forms (above), one word at a time: "hyperpigmentation"
    -> "hyper pigmentation"; "post inflammatory hyperpigmentation" -> "postinflammatory hyperpigmentation" (and
    "post inflammatory hyper pigmentation")."""
    toks = form.split()
    out: set[str] = set()
    for i, t in enumerate(toks):
        if t in COMBINING_FORMS and i + 1 < len(toks) and len(toks[i + 1]) >= COMBINING_REST and toks[i + 1].isalpha():
            out.add(" ".join(toks[:i] + [t + toks[i + 1]] + toks[i + 2:]))
            continue
        if len(t) < 2 * COMBINING_REST or not t.isalpha():
            continue
        m = _COMBINING.match(t)  # (the longest form first: "hyper" before "hypo" cannot both start a word)
        if m and len(t) - m.end() >= COMBINING_REST:
            out.add(" ".join(toks[:i] + [t[:m.end()], t[m.end():]] + toks[i + 1:]))
    return out


EPONYM_HEADS = frozenset(("syndrome", "disease", "sign", "phenomenon"))
EPONYM_POSSESSIVE = re.compile(r"\b([A-Z][a-z]+)'s ")


def name_variants(name: str, max_variants: int = 64) -> dict[str, int]:
    """All surface forms of one name -> how far each is from what the ontology wrote (0 = as written).

    1: spelling / accents / apostrophe variants; 2: plural or singular of the last word; 3: adjectival.
    """
    base = normalise_name(name)
    if not base:
        return {}
    out: dict[str, int] = {base: 0}

    def add(form: str, rank: int) -> None:
        form = " ".join(form.split())
        if form and (form not in out or out[form] > rank):
            out[form] = rank

    simple = {base, normalise_name(strip_accents(name)), normalise_name(name.replace("'", "").replace("\u2019", ""))}
    for s in simple:
        toks = s.split()
        per_tok = [sorted(spelling_forms(t)) for t in toks]
        for combo in itertools.islice(itertools.product(*per_tok), max_variants):
            add(" ".join(combo), 1)
    # round 26: and a word of a multi-word name as speech writes it (`SPOKEN_FORMS`)
    toks = base.split()
    if len(toks) >= 2:
        for i, t in enumerate(toks):
            for alt in SPOKEN_FORMS.get(t, ()):
                add(" ".join(toks[:i] + [alt] + toks[i + 1:]), 1)
    # round 22: the joined, hyphenated and spaced writings of a combining form (`combining_forms`)
    for alt in combining_forms(base):  # (of the name as written: its respellings' forms add keys, few readings)
        add(alt, 1)
    # round 13: an eponym is written with or without the possessive ("Cockayne's syndrome" for Cockayne syndrome,
    # "Darier's disease"; sets 1-9 metadata and Disease Ontology rows use both)
    raw = name.split()
    if len(raw) >= 2 and raw[-1].lower() in EPONYM_HEADS and raw[-2][:1].isupper() and not raw[-2].endswith(("'s", "s'", "\u2019s")):
        stem = base.rsplit(" ", 1)[0]
        for form in (stem + " s " + base.rsplit(" ", 1)[1], stem + "s " + base.rsplit(" ", 1)[1]):
            add(form, 1)
    # round 15: and an eponym's possessive is dropped before any head ("Besnier's prurigo" written "Besnier prurigo",
    # "Sweet's syndrome", "Wickham's striae" in catalogue titles)
    if ("'s " in name or "\u2019s " in name) and EPONYM_POSSESSIVE.search(name):
        add(normalise_name(EPONYM_POSSESSIVE.sub(r"\1 ", name.replace("\u2019", "'"))), 1)
    # round 14: the European "morbus X" for "X disease" / "X's disease" ("morbus Darier", "Morbus Bowen",
    # "morbus Hailey-Hailey" in PubMed titles and lectures)
    if len(raw) == 2 and raw[-1].lower() == "disease" and raw[0][:1].isupper():
        eponym = raw[0][:-2] if raw[0].endswith(("'s", "\u2019s")) else raw[0]
        add("morbus " + normalise_name(eponym), 1)
    # round 17: an agent's infection or infestation in the catalogue's order ("Loa loa infection" / "Infection due to
    # Loa loa", "HSV infection" / "infection with HSV", "Phthirus pubis infestation" / "Infestation by Phthirus
    # pubis"; ICD-10-CM titles use "due to" and "by"); not after an adjective ("bacterial infection")
    for form in [f for f, r in out.items() if r <= 1]:
        for order in agent_orders(form):
            add(order, 1)
    # round 16: the English order of a Latin noun-adjective name (rank 3: a name as written wins over it)
    for form in [f for f, r in out.items() if r <= 1]:
        eng = english_order(form)
        if eng:
            add(eng, 3)
    for form in list(out):
        toks = form.split()
        last = toks[-1]
        for p in plural_forms(last) | singular_forms(last):
            add(" ".join([*toks[:-1], p]), 2)
        if len(toks) == 1:
            for a in adjective_forms(last):
                add(a, 3)
    out[base] = 0
    return out
