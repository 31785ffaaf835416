"""Qualifiers and order: which node a qualified or reordered name means ("atrophic cutaneous scars",
"irritant, not allergic, contact dermatitis", "Carcinoma, basal cell, nodular type", "tinea of the
feet") and the names a coordinated or slashed list shares. Mixed into `Tagger`."""

from __future__ import annotations

import re

from derm1m_build.tagger.lexicon import IMPLIED, INVERTED_KEEPS, Target
from derm1m_build.tagger.normalise import normalise_name
from derm1m_build.tagger.results import Match

# "disease: scar" in a dataset row names the diagnosis, not a concept of the same words
# "basal cell and squamous cell carcinomas": the words before "and"/"or" share the name's head noun
COORDINATED = re.compile(r"([a-z]+(?: [a-z]+){0,2}) (?:and|or) $")
SEGMENT_END = re.compile(r"[,()\[\];.:!?\n]")
# the delimiters other than "," and "(" read as spaces (byte for byte on the UTF-8 text: same characters, same
# offsets), so that the text cut at "," and "(" gives each such delimiter's segment's last word
_OTHER_DELIMS = ")[];.:!?\n"
OTHER_DELIMS_AS_SPACE = bytes.maketrans(_OTHER_DELIMS.encode(), b" " * len(_OTHER_DELIMS))
# speed (round 38): matched from a piece's start, its end is just after the piece's last other delimiter (the greedy
# run backs off to it in C): one call in place of one `rfind` per delimiter
_LAST_OTHER_DELIM = re.compile(".*[" + re.escape(_OTHER_DELIMS) + "]", re.S)


QUALIFIER_DASH = re.compile(r"\s+[-\u2013\u2014]+\s+")
# (round 10: "division", as in "Zoster, herpes, ophthalmic division")
QUALIFIER_TAIL_WORDS = ("subtype", "type", "variant", "form", "pattern", "division")  # a text not ending in one: no match
QUALIFIER_TAIL = re.compile(r"\s*\b(?:" + "|".join(QUALIFIER_TAIL_WORDS) + ")$")
# round 37: a subtype line names the field before its value ("Lichen planus (subtype hypertrophic)", "Melanoma --
# subtype desmoplastic", "Psoriasis; subtype guttate"): the value is the qualifier, as after "type:" in catalogue order
QUALIFIER_HEAD = re.compile(r"^(?:subtype|sub type|variant)\s+(?=\S)")
WORDS_RE = re.compile(r"[A-Za-z]+")
DEFINITION_AFTER = re.compile(r"\s*(?:,|:|=|\()\s*")
# a site after a condition's name: "on the soles", "of both palms", "on the soles of her feet"; round 12: one sole
# too, and the ball or underside of a foot ("a verruca under his foot", "on the ball of the foot", "under the big toe
# pad": sets 4-8 read these as plantar warts; the first tuning set read "a verruca on the sole of my foot" as a viral
# wart, left behind); round 56: one sole at a clause end too ("it looks like a wart on the sole, but ...": set 39)
# (round 58: a possessive before the site, "Is this a wart on my son's sole?", set 41)
SITE_AFTER = re.compile(r"\s+(?:(?:on|of|over|affecting|involving)\s+(?:the\s+|both\s+|his\s+|her\s+|my\s+|their\s+)?"
                        r"(?:(?:son|daughter|child|baby|toddler|kid|husband|wife|partner|dad|mum|mom)[\u2019']s\s+)?"
                        r"(palms|soles|sole(?=\s+of\b|\s*[,.;:!?]|\s*$)|ball\s+of\s+(?:the|his|her|my|their)\s+foot)|"
                        r"(under\s+(?:the|his|her|my|their)\s+(?:foot|feet|heel|big\s+toe\s+pad|toe\s+pad)))\b",
                        re.IGNORECASE)
# round 12: other sites with a subtype of their own ("lichen planus of the oral mucosa", "LP of the nails", "psoriasis of
# the scalp", "dermatitis of eyelid"): the name read with the site's adjective, where the lexicon knows that name
# (round 56: "on" too, "psoriasis on the nails or scalp", "plaque psoriasis on my scalp": sets 13, 32 and 37 read the
# site's subtype)
SITE_OF = re.compile(r"\s+(?:of|on|affecting|involving)\s+(?:the\s+|both\s+|his\s+|her\s+|my\s+|their\s+)?"
                     r"(nails?|fingernails?|toenails?|oral\s+mucosa|buccal\s+mucosa|mouth|scalp|eyelids?|genitals?|"
                     r"genitalia)\b", re.IGNORECASE)
SITE_LIST_AFTER = re.compile(r"\s+(?:or|and)\b", re.IGNORECASE)
SITE_OF_ADJ = {"nail": "nail", "fing": "nail", "toen": "nail", "oral": "oral", "bucc": "oral", "mout": "oral",
               "scal": "scalp", "eyel": "eyelid", "geni": "genital"}
# round 16: a spoken correction that gives only the new modifier ("a junctional naevus no sorry compound", "superficial
# BCC, sorry, nodular"): the modifier with the corrected name's head names the new diagnosis
CORRECTED_MODIFIER = re.compile(r"[ |]+(?:no[ |]+)?(?:sorry|no[ |]+wait|wait|i[ |]+mean|or[ |]+rather|rather)[ |]+"
                                r"(?:(?:no|not)[ |]+)?([a-z]+)(?![a-z])")
# round 24: a qualifier parted from its head by a filler (`Tagger._qualified_heads`: "atrophic cutaneous scars")
QUALIFIER_FILLERS = frozenset(("cutaneous", "skin", "dermal", "facial", "small", "multiple", "several", "widespread",
                               "old", "shallow", "tiny", "numerous", "scattered"))
QUALIFIER_BEFORE = re.compile(r"(?<![a-z])([a-z]+)[ ]+(?:(?:cutaneous|skin|dermal|facial|small|multiple|several|widespread|"
                              r"old|shallow|tiny|numerous|scattered)[ ]+){1,2}$")
# (not a range or a pair of qualifiers: "Mild to Severe Facial Acne" is no severe acne)
QUALIFIER_RANGE = re.compile(r"(?<![a-z])(?:to|or)[ ]+$")
# round 22: a clinic note's known condition opening a clause ("Known HS, now on adalimumab; new BCC on nose", "Known AD
# since infancy, now flare with EH"): the ground of what is new; alone it is still the label ("Known PPP on both soles")
# `_not_kind`: "so it is not arterial." (an adjective alone, then the clause ends)
NOT_KIND = re.compile(r" not ([a-z]{4,})[ ]*(?:\||$)")
NOT_KIND_COPULA = (" is", " are", " was", " were", " s")
AND_OR = (" and ", " or ")  # `_coordinated`: a name just after one of these
# `_elliptic`: "irritant, not allergic, contact dermatitis", "allergic rather than irritant contact dermatitis"
ELLIPTIC = re.compile(r"(?<![a-z])([a-z]+)[ ]*\|[ ]*(?:not|but[ ]+not|and[ ]+not)[ ]+([a-z]+)[ ]*\|[ ]*$|"
                      r"(?<![a-z])([a-z]+)[ ]+rather[ ]+than[ ]+$")

# round 26: "-- variant: hypertrophic", "- subtype: nodular": the qualifier after its field name
LABELLED_QUALIFIER = re.compile(r"\s*(?:variant|subtype|type|form|pattern)\s*:\s*", re.IGNORECASE)
# round 26: what a " / " opens that is another field, not a qualifier ("/ ruled out:", "/ site:", "/ r/o")
SLASH_FIELD = re.compile(r"\s*(?:ruled out|r/o|excluded|not|no|site|dx|ddx|differential|query|\?)", re.IGNORECASE)

# round 32: a subtype named after the diagnosis's other words ("a seborrhoeic keratosis of the irritated type",
# "seborrhoeic keratosis with horn cysts, irritated type"): the subtype's adjective with the name, where the lexicon
# knows that node (the ontology may file it beside the named one: irritated seborrhoeic keratosis)
TYPE_AFTER = re.compile(r"(?:\s+of\s+the|[^.;,:()|]{0,40}?,)\s+([a-z][a-z-]+)\s+(?:type|variant|subtype)\b",
                        re.IGNORECASE)
TYPE_AFTER_WORDS = frozenset(("type", "variant", "subtype"))
# round 38: a record line's subtype field or path that gives the subtype as a bare adjective ("Psoriasis -- clinical
# subtype: erythrodermic", "Urticaria; chronic; inducible subtype: cold", "Melanoma > invasive > nodular > amelanotic"):
# the adjective with the group's name names the subtype (erythrodermic psoriasis, cold urticaria, amelanotic melanoma),
# where the lexicon knows that node; the field's value is a qualifier, not a finding of its own ("erythrodermic" is no
# second erythroderma). Up to three fields or path steps between, none naming a condition; the value is the field's last
# word.
SUBTYPE_VALUE = re.compile(r"\s*(?:[;,(\u2014\u2013-]+\s*)?(?:[a-z]+\s*[;,]\s*){0,3}?(?:[a-z]+\s+){0,2}?"
                           r"(?:sub-?type|variant)\s*[:=]?\s*([a-z][a-z-]+)(?![a-z-])|"
                           r"(?:\s*>\s*[a-z][a-z -]{0,29}?){0,4}\s*>\s*([a-z][a-z-]+)\s*(?:$|[(;.,])", re.IGNORECASE)


class QualifierPasses:
    """The qualifier and order passes of `Tagger._finish`: they add the node a qualified, coordinated or
    inverted name means and drop the less specific one it replaces."""

    def _corrected_modifier(self, n: str, hits):
        """"a junctional naevus no sorry compound": the word after the correction marker, put in place of the
        corrected name's first word (or before its last), names a condition: tag it there (`_corrections` then
        sets the first name aside, as for any named correction)."""
        for a, b, t, _ in list(hits):
            if t.kind != "condition":
                continue
            m = CORRECTED_MODIFIER.match(n, b)
            if m is None:
                continue
            x, y = m.span(1)
            if any(p < y and x < q and u.kind == "condition" for p, q, u, _s in hits):
                continue
            ws = n[a:b].replace("|", " ").split()
            w = m.group(1)
            # (and in the node's own name: "superficial BCC, sorry, nodular" -> "nodular basal cell carcinoma")
            names = [normalise_name(x).split() for x in self._names_of(t.nid)]
            full = [(w, *nm[1:]) for nm in names if len(nm) > 1 and nm[0] == ws[0]]
            for cand in ((w, *ws[1:]), (w, ws[-1]), *full):
                if len(cand) < 2:
                    continue
                e = self.lexicon.get(normalise_name(" ".join(cand)))
                ids = [u.nid for u in e.targets if u.kind == "condition"] if e is not None and not e.blocks else []
                if len(ids) == 1 and ids[0] != t.nid:
                    hits.append((x, y, Target("condition", ids[0], 0), 100.0))
                    break
        return hits

    def _qualified_heads(self, n: str, conds: list[Match]) -> None:
        """Round 24: a qualifier parted from its head by a filler word ("atrophic cutaneous scars", "hypertrophic skin
        scars"): where the qualifier and the head make the name of a node that refines the head's, the condition is
        that node (the qualifier's own concept stays as tagged). Read on the result's conditions (a few per text)."""
        names = self._qualified_names
        if names is None:
            from derm1m_build.tagger.labels import _names
            names = self._qualified_names = {x.strip(): nid for nid in self.ontology.conditions
                                             for x in _names(self.ontology, nid)}
        for c in conds:
            a, b = c.span
            # (the word right before the head must be a filler: one slice and one set look for most conditions)
            if a < 2 or n[n.rfind(" ", 0, a - 1) + 1:a - 1] not in QUALIFIER_FILLERS:
                continue
            m = QUALIFIER_BEFORE.search(n, max(0, a - 48), a)
            if m is None or QUALIFIER_RANGE.search(n, max(0, m.start() - 8), m.start()):
                continue
            head = n[a:b]
            for h in (head, head[:-1] if head.endswith("s") else head, head[:-2] if head.endswith("es") else head):
                nid = names.get(f"{m.group(1)} {h}")
                if nid is not None and nid != c.id and nid in self.ontology.conditions:
                    from derm1m_build.tagger.labels import refines
                    if refines(self.ontology, nid, c.id) and all(x.id != nid for x in conds):
                        c.id = nid
                        c.name, c.path = self._node_info[nid]
                    break

    def _coordinated(self, n: str, hits):
        """"basal cell and squamous cell carcinomas", "superficial or nodular basal cell carcinoma": the
        words before "and"/"or" with the following name's last word form another name."""
        lex = self.lexicon
        new = []
        for a, b, t, _ in hits:
            # (`n[a - 5:a] == " and "` or `n[a - 4:a] == " or "`, with no slices made)
            if t.kind != "condition" or not n.endswith(AND_OR, 0, a):
                continue
            m = COORDINATED.search(n, max(0, a - 40), a)
            if not m:
                continue
            tail = n[a:b].rsplit(" ", 1)
            if len(tail) < 2:
                continue
            prev = m.group(1).split(" ")
            for k in range(len(prev), 0, -1):
                key = " ".join(prev[-k:]) + " " + tail[-1]
                e = lex.get(key)
                if e is None or e.blocks:
                    continue
                targets = [u for u in e.targets if u.kind == "condition" or u.rank == IMPLIED]
                if not targets or targets[0].kind != "condition" or targets[0].nid == t.nid:
                    break
                end = m.end(1)
                start = end - len(" ".join(prev[-k:]))
                if not any(h[0] < end and start < h[1] for h in hits):
                    new += [(start, end, u, 100.0) for u in targets]
                break
        return hits + new if new else hits

    def _not_kind(self, n: str, hits):
        """Round 22: a kind denied by its adjective alone, the head left to a condition named before ("Ulcer on the
        medial ankle with varicose veins: venous leg ulcer. Foot pulses are strong, so it is not arterial."): the
        adjective with that condition's last word names the kind denied ("arterial ulcer"); "not" negates it as usual."""
        new = []
        for m in NOT_KIND.finditer(n):
            x, y = m.span(1)
            if not n.endswith(NOT_KIND_COPULA, 0, m.start()) or any(a < y and x < b for a, b, _, _ in hits):
                continue
            for a, b, t, _ in hits:
                if t.kind != "condition" or b > x:
                    continue
                e = self.lexicon.get(n[x:y] + " " + n[a:b].rsplit(" ", 1)[-1])
                targets = [u for u in e.targets if u.kind == "condition"] if e is not None and not e.blocks else []
                if targets and targets[0].nid != t.nid:
                    new.append((x, y, targets[0], 100.0))
                    break
        return hits + new if new else hits

    def _elliptic(self, n: str, hits):
        """Round 22: two modifiers sharing one head, one set aside ("the hand rash is irritant, not allergic, contact
        dermatitis", "allergic rather than irritant contact dermatitis"): each modifier with the head names its own
        condition (the "not" before the second then negates it as usual); the bare head, which names neither, goes."""
        lex = self.lexicon
        new, drop = [], set()
        for a, b, t, _ in hits:
            if t.kind != "condition" or a < 8 or not (n[a - 2] == "|" or n[a - 1] == "|" or n.endswith(" than ", 0, a)):
                continue
            m = ELLIPTIC.search(n, max(0, a - 40), a)
            if m is None:
                continue
            head = n[a:b]
            pair = (m.span(1), m.span(2))
            found = []
            for x, y in (pair if m.group(1) else ()):
                e = lex.get(n[x:y] + " " + head)
                targets = [u for u in e.targets if u.kind == "condition"] if e is not None and not e.blocks else []
                if not targets or targets[0].nid == t.nid:
                    break
                found.append((x, y, targets[0]))
            if len(found) == 2 and m.group(1) and not any(h[2].kind == "condition" and h[0] < pair[1][1] and pair[0][0] < h[1]
                                           for h in hits):
                new += [(x, y, u, 100.0) for x, y, u in found]
                drop.add((a, b, t.nid))
            elif m.group(3) and " " in head:
                # "allergic rather than irritant contact dermatitis": the second modifier is inside the name found
                x, y = m.span(3)
                e = lex.get(n[x:y] + " " + head.split(" ", 1)[1])
                targets = [u for u in e.targets if u.kind == "condition"] if e is not None and not e.blocks else []
                if targets and targets[0].nid != t.nid and not any(h[2].kind == "condition" and h[0] < y and x < h[1]
                                                                   for h in hits):
                    new.append((x, y, targets[0], 100.0))
        if not new:
            return hits
        return [h for h in hits if (h[0], h[1], h[2].nid) not in drop] + new

    @staticmethod
    def _restated(text: str, hits):
        """Round 22: a short name restated in full in the bracket after it ("a kind of herpes (Herpes zoster)", "the
        lupus (lupus vulgaris) of the face"): the bracket says which one is meant; the short name's own reading goes."""
        if not any(text.startswith(" (", h[1]) for h in hits):
            return hits
        conds = [h for h in hits if h[2].kind == "condition"]
        drop = set()
        for a1, b1, t1, _ in conds:
            if not text.startswith(" (", b1):
                continue
            short = text[a1:b1].lower() + " "
            for a2, b2, t2, _ in conds:
                if a2 == b1 + 2 and t2.nid != t1.nid and text[b2:b2 + 1] == ")" and text[a2:b2].lower().startswith(short):
                    drop.add((a1, b1, t1.nid))
        if not drop:
            return hits
        return [h for h in hits if (h[0], h[1], h[2].nid) not in drop]

    def _slash_pairs(self, text: str, hits):
        """"SCC/SCCIS" (a SCIN label): a diagnosis and its own subtype joined by a slash name the broader one,
        which covers both (as the dataset's mapping file reads it)."""
        conds = [h for h in hits if h[2].kind == "condition"]
        drop = set()
        for a1, b1, t1, _ in conds:
            for a2, b2, t2, _ in conds:
                if a2 >= b1 and text[b1:a2].strip() == "/" and t1.nid != t2.nid:
                    if t1.nid in self.ontology.path_ids(t2.nid):
                        drop.add((a2, b2, t2.nid))
                    elif t2.nid in self.ontology.path_ids(t1.nid):
                        drop.add((a1, b1, t1.nid))
        if not drop:
            return hits
        return [h for h in hits if (h[0], h[1], h[2].nid) not in drop]

    def _site_subtypes(self, text: str, hits):
        """A condition named with its site after it is the site's subtype where the ontology has one:
        "verrucas on the soles" is a plantar wart, "psoriasis of the palms" palmoplantar psoriasis."""
        out = []
        for h in hits:
            a, b, t, sc = h
            m = SITE_AFTER.match(text, b) if t.kind == "condition" else None
            other = SITE_OF.match(text, b) if t.kind == "condition" and m is None else None
            if other and text[other.start():other.start() + 4].lstrip().lower().startswith("on ") \
                    and SITE_LIST_AFTER.match(text, other.end()):
                other = None  # round 56: "no psoriasis on the nails or scalp": a list of sites, left as read
            if other:
                m = other
                adjs = (SITE_OF_ADJ[other.group(1)[:4].lower()],)
            elif m:
                site = (m.group(1) or m.group(2)).lower()
                adjs = ("palmoplantar", "palmar") if site.startswith("palm") else ("palmoplantar", "plantar")
            new = self._qualified(t, adjs) if m else None
            if new is not None:
                out.append((a, b, new, sc))
                continue
            out.append(h)
        return out

    def _type_after(self, text: str, hits):
        """Round 32: a condition whose subtype is named after its other words (`TYPE_AFTER`) is that subtype."""
        out = []
        for h in hits:
            a, b, t, sc = h
            m = TYPE_AFTER.match(text, b) if t.kind == "condition" else None
            new = self._qualified(t, (m.group(1).lower(),)) if m is not None else None
            if new is not None:
                out.append((a, b, new, sc))
                continue
            out.append(h)
        return out

    def _subtype_values(self, text: str, hits):
        """Round 38: a group followed by its subtype field's or path's bare adjective (`SUBTYPE_VALUE`) is that
        subtype; a condition read from the adjective itself is dropped. A value that opens a longer name the text
        writes out in full is no bare adjective: that name stands as read, with its own span."""
        out, drop = [], set()
        for h in hits:
            a, b, t, sc = h
            # (the path's head only: a node reached by an arrow is the path's own step)
            m = SUBTYPE_VALUE.match(text, b) if t.kind == "condition" and not text[:a].rstrip().endswith(">") else None
            g = (m.lastindex or 0) if m is not None else 0
            if g and any(u.kind == "condition" and b <= x < m.start(g) for x, _, u, _ in hits):
                g = 0  # the field or path names its node on the way ("Psoriasis > pustular psoriasis > palmoplantar")
            if g and any(u.kind == "condition" and x == m.start(g) and y > m.end(g) for x, y, u, _ in hits):
                g = 0  # the value is a whole name written out ("Melanoma; subtype: lentigo maligna melanoma"): it names itself
            new = self._qualified(t, (m.group(g).lower(),)) if g else None
            if new is None:
                out.append(h)
                continue
            out.append((a, b, new, sc))
            drop.update((x, y) for x, y, u, _ in hits if u.kind == "condition" and m.start(g) <= x < m.end(g))
        return [h for h in out if (h[0], h[1]) not in drop] if drop else out

    def _qualified(self, t, adjs: tuple[str, ...]):
        """The condition "<adj> <name>" names, for the first of `adjs` and of `t`'s names the lexicon holds (not
        blocked), when it is another node than `t`'s; else None. Shared by the site and subtype-after passes."""
        key = next((f"{adj} {x}" for adj in adjs for x in self._names_of(t.nid)
                    if f"{adj} {x}" in self.lexicon and not self.lexicon[f"{adj} {x}"].blocks), None)
        new = [u for u in self.lexicon[key].targets if u.kind == "condition"] if key else []
        return new[0] if new and new[0].nid != t.nid else None

    def _heads(self, text: str, n: str, hs: int, he: int, last: str) -> list[tuple[str, int]]:
        """(words, how many) a catalogue-order head segment `hs:he` may be read as: its last one to four words (in
        `n`), and the names of the one node its last word (`last`, in `text`) abbreviates."""
        nwords = n[hs:he].replace("|", " ").split()
        heads = [(" ".join(nwords[-k:]), k) for k in range(1, min(4, len(nwords)) + 1)]
        ids = self.abbrevs.get(last) or (self.abbrevs.get(last[:-1]) if last.endswith("s") else None)
        if ids and len(ids) == 1:
            heads += [(x, 1) for x in self._names_of(ids[0])]
        return heads

    def _key_words(self) -> frozenset[str]:
        """Every word of the lexicon's keys (built on first use; the lexicon is fixed once the tagger is built)."""
        got = self.__dict__.get("_lexicon_key_words")
        if got is None:
            got = self._lexicon_key_words = frozenset(w for k in self.lexicon for w in k.split())
        return got

    def _names_of(self, nid: str) -> tuple[str, ...]:
        """A node's names as the lexicon writes them (cached: the abbreviation passes ask often)."""
        got = self._name_cache.get(nid)
        if got is None:
            node = self.ontology.node(nid)
            got = self._name_cache[nid] = tuple(normalise_name(x) for x in (node.name, *node.synonyms))
        return got

    def _defined_otherwise(self, text: str, s: int, e: int, ids) -> bool:
        """The text defines the abbreviation as something else: "progesterone receptor (PR)", "PR,
        progesterone receptor", "BP: blood pressure" (the words' initials spell it, and they are no name of
        the nodes it could stand for)."""
        abbr = text[s:e].rstrip("s") if text[s:e].endswith("s") and text[s:e][:-1].isupper() else text[s:e]
        k = len(abbr)
        if k < 2 or not abbr.isalpha():
            return False
        cands = []
        before = text[max(0, s - 80):s]
        if before.endswith("("):
            cands.append(WORDS_RE.findall(before)[-k:])
        m = DEFINITION_AFTER.match(text, e)
        if m:
            cands.append(WORDS_RE.findall(text[m.end():m.end() + 80])[:k])
        for words in cands:
            if len(words) == k and "".join(w[0] for w in words).lower() == abbr.lower():
                phrase = normalise_name(" ".join(words))
                names = {a for i in ids for a in self._names_of(i)}
                if phrase not in names:
                    return True
        return False

    def _inverted(self, text: str, n: str, hits):
        """Catalogue order: "BCC, superficial subtype", "Nevus, dysplastic", "Carcinoma, basal cell, nodular
        type", "melanoma (in situ)" name the nodes "superficial basal cell carcinoma", "dysplastic nevus",
        "nodular basal cell carcinoma", "melanoma in situ". The head (the last words before a comma or
        bracket, or the abbreviation there) is read after the qualifiers that follow it; the longest chain
        the lexicon knows is tagged over the whole run. Linear: one split, and a set look-up per segment."""
        lex = self.lexicon
        segs = self._head_segments(text)
        for hs, he, delim in segs:
            words = text[hs:he].split()  # its last word is a head (above)
            if len(words) > 6:
                continue
            heads = None  # (built where a qualifier may join it, below: speed round 55)
            best = None
            skipped = 0
            nxt = he + 1  # where the next segment starts (None: the text ends before)
            while nxt is not None:
                qs, qe, qdelim = self._segment(text, nxt)
                nxt = qe + 1 if qdelim else None
                seg = text[qs:qe]  # "superficial type - trunk": a site follows
                dash = QUALIFIER_DASH.search(text, qs, qe) if ("-" in seg or "\u2013" in seg or "\u2014" in seg) else None
                labelled = None
                if dash:
                    qe, qdelim = dash.start(), ""
                    # round 26: a labelled qualifier after the dash ("Keratosis, actinic -- variant: hypertrophic")
                    # is read next, as a comma's would be
                    labelled = LABELLED_QUALIFIER.match(text, dash.end())
                if " | " in seg:
                    # round 25: a metadata row's next field ends the qualifier ("Melanoma, nodular | ulceration
                    # present"; a " / " that opens "ruled out: ..." is left, it swaps the negation's scope)
                    qe, qdelim = min(qe, qs + seg.find(" | ")), ""
                if " / " in seg and (SLASH_FIELD.match(seg, seg.find(" / ") + 3) or QUALIFIER_TAIL.search(
                        seg, 0, seg.find(" / "))):
                    # round 26: a field after a slash ends it too ("Lentigo, solar / ruled out: lentigo maligna");
                    # round 32: so does any after a named subtype ("Contact dermatitis / allergic type / earlobes")
                    qe, qdelim = min(qe, qs + seg.find(" / ")), ""
                q = " ".join(n[qs:qe].replace("|", " ").split())
                if q.endswith(QUALIFIER_TAIL_WORDS):
                    q = QUALIFIER_TAIL.sub("", q)
                    if not q and qdelim == ",":
                        # round 26: a field's name alone ("Keratosis, actinic -- variant: hypertrophic", its dash
                        # and colon read as commas): the qualifier follows it
                        continue
                if q.startswith(("subtype ", "sub type ", "variant ")):
                    q = QUALIFIER_HEAD.sub("", q)
                if q.endswith(" only"):  # round 26: a site's "-only form" ("Psoriasis, nail-only form")
                    q = q[:-5]
                qw = q.split()
                if not q or len(qw) > 4:
                    break
                # the qualifier before the head ("Carcinoma, basal cell" -> basal cell carcinoma), or after
                # it as in Latin names ("Tinea, pedis" -> tinea pedis)
                # round 14: a prefix written as a qualifier joins the head ("Sarcoma, angio-" -> angiosarcoma)
                glue = seg.rstrip().endswith("-")
                # (speed round 55: a key that joins the qualifier to a head holds each of its words as a word, the last
                # one aside when it is glued to the head; a qualifier with a word no key holds, most prose after a
                # comma, builds and looks up none of the joins)
                if self._key_words().issuperset(qw[:-1] if glue else qw):
                    if heads is None:
                        heads = self._heads(text, n, hs, he, words[-1])
                    found = [(x, k) for h, k in heads for x in ((q + " " + h, h + " " + q, q + h) if glue
                                                                 else (q + " " + h, h + " " + q))
                             if x in lex and not lex[x].blocks]
                else:
                    found = []
                if not found:
                    # round 14: a qualifier the node's name lacks ("Herpes, simplex, recurrent, labial", "Eczema,
                    # atopic, flexural, infantile") is passed over, once, when a comma list goes on after it
                    if best is not None and skipped == 0 and qdelim == ",":
                        skipped += 1
                        continue
                    break
                # round 13: a qualifier that names the same node adds nothing ("Melanoma, malignant, superficial
                # spreading"): the later qualifiers may still read the shorter head (sets 5, 9 catalogue rows)
                node = lex[found[0][0]].targets[0].nid
                same = [h for h in heads if h[0] in lex and lex[h[0]].targets[0].nid == node]
                heads, best = found + [h for h in same if h not in found], (found[0], qe)
                if qdelim == ")" and nxt is not None:
                    ss, se, sdelim = self._segment(text, nxt)  # "(in situ)" closes; a comma may follow
                    nxt = se + 1 if sdelim else None
                    if ss != se:
                        break
                if labelled is not None:
                    nxt = labelled.end()
                    continue
                if qdelim not in (",", "(", ")"):
                    break
            if best is None:
                continue
            (key, k), end = best
            targets = [t for t in lex[key].targets if t.kind == "condition" or t.rank == IMPLIED]
            if not targets or targets[0].kind != "condition":
                continue
            head = text[hs:he].rstrip()
            start = hs + len(head) - len(" ".join(head.split()[-k:]))
            # the head's own match ("malignant melanoma" in "Malignant melanoma, in situ") is replaced
            over = [h for h in hits if h[2].kind == "condition" and h[0] < end and start < h[1]]
            start = min([start] + [h[0] for h in over if h[0] >= hs])
            hits = [h for h in hits if not (h in over and h[0] >= hs)]
            # round 34: a qualifier word the name took in is read as the name's word, as in the name's own order
            # ("Keratoderma, Palmoplantar" as "palmoplantar keratoderma": no Palmoplantar; "Dermatitis, Perioral"):
            # only the name's implied concepts (`targets`) and a lesion form (`INVERTED_KEEPS`) stay
            if any(h[2].kind == "concept" and start <= h[0] < end for h in hits):
                kw = f" {key} "
                hits = [h for h in hits if not (h[2].kind == "concept" and h[2].rank != IMPLIED and start <= h[0]
                                                and h[1] <= end and h[2].nid not in INVERTED_KEEPS
                                                and f" {' '.join(n[h[0]:h[1]].split())} " in kw)]
            hits += [(start, end, t, 100.0) for t in targets]
        return hits

    def _head_segments(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, the delimiter after it) of each segment (`SEGMENTS` cuts the text into these) that ends
        at a "," or "(" and whose last word is a head, in text order. Found with C string ops: the text with
        the other delimiters read as spaces, cut at "," and "("; each piece's last word is a candidate (never
        one the segment lacks), and the segment itself, from the delimiter before it, decides. Most texts
        have none."""
        heads_ok, abbrevs = self._head_words, self.abbrevs
        cut = text.encode("utf-8", "surrogatepass").translate(OTHER_DELIMS_AS_SPACE).decode("utf-8", "surrogatepass")
        pieces = cut.replace("(", ",").split(",")
        segs = []
        pos = 0
        for k in range(len(pieces) - 1):
            piece = pieces[k]
            end = pos + len(piece)
            last = piece.rsplit(None, 1)
            if last and (last[-1].lower() in heads_ok or last[-1] in abbrevs or last[-1][:-1] in abbrevs):
                d = _LAST_OTHER_DELIM.match(text, pos, end)  # (the segment starts after the last one, or at pos)
                start = d.end() if d is not None else pos
                last = text[start:end].rsplit(None, 1)
                if last and (last[-1].lower() in heads_ok or last[-1] in abbrevs or last[-1][:-1] in abbrevs):
                    segs.append((start, end, text[end]))
            pos = end + 1
        return segs

    @staticmethod
    def _segment(text: str, start: int) -> tuple[int, int, str]:
        """(start, end, the delimiter after it, "" at the text's end) of the segment that starts at `start`
        (`SEGMENTS` cuts the text into these)."""
        m = SEGMENT_END.search(text, start)
        return (start, m.start(), m.group()) if m else (start, len(text), "")


# Round 57: a kind set aside by its modifier and "one" ("that's an arterial ulcer, not a venous one"; set 4's "this is
# the plaque type not the linear one"): the modifier with the head of the name before it names the kind denied, as
# round 22's shared head does ("irritant, not allergic, contact dermatitis"). The name before is the nearest condition
# in the same sentence; the kind is what the modifier with that name's head word (or with the whole name) tags to, a
# condition other than it; it is added negated. Gate (`core`): "one" and "not" / "than" among the words.
ONE_AFTER = re.compile(r"(?<![a-z])(?:not|rather[ ]+than|instead[ ]+of)[ ]+(?:an?|the)[ ]+(?P<mod>[a-z][a-z-]+)[ ]+"
                       r"ones?(?![a-z])", re.IGNORECASE)
ONE_WORDS = frozenset(("one", "ones"))


def elliptic_one(text: str, res, tag) -> None:
    """Adds the condition a "not a <modifier> one" names (negated), read with `tag` from the modifier and the nearest
    condition's words before it in the sentence."""
    for m in ONE_AFTER.finditer(text):
        stop = max(text.rfind(ch, 0, m.start()) for ch in ".!?;")
        before = [c for c in res.conditions if stop < c.span[0] and c.span[1] <= m.start()]
        if not before:
            continue
        c = max(before, key=lambda x: x.span[1])
        said = text[c.span[0]:c.span[1]]
        mod = m.group("mod")
        for form in (f"{mod} {said.split()[-1]}", f"{mod} {said}"):
            got = [x for x in tag(form).conditions if x.asserted and x.id != c.id]
            if got and not any(x.id == got[0].id for x in res.conditions):
                new = got[0]
                new.span, new.negated, new.uncertain, new.hedged = [m.start("mod"), m.end()], True, False, False
                res.conditions.append(new)
                break
