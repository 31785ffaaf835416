"""A diagnosis written as its classification path, read as one diagnosis (round 55).

Dermoscopy archives label an image with the path of its diagnosis through their own taxonomy, levels joined by a
colon: "Benign:Benign soft tissue proliferations - Adipocytic:Fibrolipoma", "Malignant:Malignant melanocytic
proliferations (Melanoma):Melanoma Invasive:Melanoma Invasive, Desmoplastic". The levels are categories of the one
lesion, not findings of their own (annotation rule 1: a name inside a longer name is no second finding), so the path
names the most specific node the ontology knows:

- each level is read on its own: its names (`Tagger.tag` of the level), a catalogue level's modifiers after its commas
  read before its head ("Melanoma Invasive, Desmoplastic": desmoplastic melanoma; "Basal cell carcinoma, Sclerosing or
  morpheaform": each alternative), an elliptic level that names its parent by its first word ("Keratinous cyst:
  Epidermal, Keratinous": an epidermal cyst), an unknown leaf read with its parent's qualifier ("Apocrine or
  Eccrine:Mixed tumor": an eccrine mixed tumour), a level that is a node's name exactly ("Exogenous");
- a group level ("Benign epidermal proliferations", "Lymphocytic proliferations - B-Cell", "Cysts", "Flat melanotic
  pigmentations - not melanocytic nevus") names the ontology's branch its words compose (`group_names`): dignity
  (benign / malignant / indeterminate, inherited from the root level) x lineage (melanocytic, lymphocytic, a cell's
  name, vascular, an adnexal qualifier's carcinoma), else the dignity's non-melanocytic branch; a parenthesised name
  in it is more specific ("(Melanoma)"); its "not X" qualifier negates X; a disjunction ("Inflammatory or infectious
  diseases") names each alternative uncertain, and the lesion keeps the level above;
- the deepest level that asserts a node wins: the levels above it (the groups of its own leaf) are dropped, with their
  concepts; the uncertain names of levels below it stay. A concept of the path stays only where it is a colour or a
  surface, or a primary lesion written as an adjective ("Maculopapular"): a noun of a name ("Cafe au lait macule or
  patch", "Scar, Keloid") and a subtype's histology ("Atrophic", "Sclerotic") describe no lesion.

Round 57 (set 40's real part, the archive's other half, read as tuning data): general readings of a taxonomy's names,
each argued where it is used:
- a malignant qualifier never resolves to a benign namesake ("Malignant glomus tumor" is the malignant category, not the
  benign glomus tumour the ontology holds);
- a likeness ("Blue nevus-like", "Pigmented spindle cell nevus like", "Spitzoid") names the kind it resembles,
  uncertain, never the lesion; an association ("originating from blue nevus", "Atypical proliferative nodules in
  congenital melanocytic nevus", "arising in association with X, Y, or Z") names a second finding, inside a level as
  after a comma, the lesion being the level's own name or else the group the level above asserts;
- a sub-qualifier after a comma refines the head only where the name it forms is a kind of the head's own reading
  ("Actinic keratosis, Lichenoid" is an actinic keratosis, no lichenoid keratosis), from a word's start ("Extra-mammary"
  names no mammary Paget disease; the prefix is read joined);
- "Other <kinds>" names their group; words before the name found that name a child of it in the tree read as that child
  ("Capillary vascular malformation": the port-wine stain); an elliptic reading must cover the level's last word
  ("Nevus anemicus" under a vascular group is no vascular naevus); an indeterminate proliferation of no lineage is the
  level-1 group `proliferations`.

Gated by `path_may` (a colon joining capitalised levels with no space around it, one line, no sentence): prose and
the other catalogue forms never reach it.
"""

from __future__ import annotations

import re

from derm1m_build.ontology.loader import normalise_term
from derm1m_build.tagger.labels import refines
from derm1m_build.tagger.results import Match, TagResult

# a colon with a capitalised level after it and no space on either side: "Benign:Cysts", "Nevus:Nevus, Spitz"
PATH_COLON = re.compile(r"(?<=[A-Za-z)\-])::?(?=[A-Z(])")
PATH_REFUSE = re.compile(r"[.;!?](?:\s|$)|\n|https?:|\d:\d")
DIGNITY = ("benign", "malignant", "indeterminate")
# the head nouns of a taxonomy's group levels
GROUP_NOUNS = frozenset(("proliferations", "proliferation", "pigmentations", "lesions", "diseases", "disorders",
                         "cysts", "neoplasms", "tumors", "tumours"))
# a modifier that names a second finding beside the head, not a kind of it ("Associated with a nevus", "resembling
# blue nevus", "Blue nevus-like"), read as the tagger reads it
RELATION = re.compile(r"^(?:associated\s+with|with|resembling|arising\s+in|in\s+a|originating\s+from)\b|-like\b|\slike$",
                      re.IGNORECASE)
# round 57: a likeness ("Blue nevus-like", "Pigmented spindle cell nevus like", "resembling blue nevus", "Spitzoid")
# names the kind the lesion resembles, uncertain: a melanoma "Spitzoid" is no Spitz naevus (the archive's annotation
# reads "-like" / "resembling" as `?`); an association ("Associated with a nevus", "originating from blue nevus")
# asserts the second finding
LIKENESS = re.compile(r"^resembling\b|-like\b|\slike$", re.IGNORECASE)
# "Spitzoid": "-oid" after a name ("Spitz") is a likeness of it; read only where the stem names a node
OID = re.compile(r"^([A-Z][a-z]{3,})oid$")
# round 57: a relation inside one level, with no comma before it ("Atypical proliferative nodules in congenital
# melanocytic nevus", "Adnexal adenocarcinoma arising in association with spiradenoma, cylindroma, or ..."): the
# second finding after it is no part of the lesion's name (split only where that part names a node)
INNER_RELATION = re.compile(r"\s(?:arising\s+in\s+association\s+with|arising\s+in|associated\s+with|originating\s+from"
                            r"|in(?!\s+situ\b))\s(?=\S)", re.IGNORECASE)
# round 57: a level that names "other" kinds ("Other vascular or lymphatic malformation or hamartoma") names their group
OTHER = re.compile(r"^Others?\s", re.IGNORECASE)
EPITHELIAL = frozenset(("epithelial", "adnexal", "epidermal"))
KEPT_CONCEPT_CATEGORIES = frozenset(("colour", "surface"))
PARENTHESIS = re.compile(r"\s*\([^()]*\)")
JOINED = re.compile(r"(?<![A-Za-z])([A-Za-z]{3,5}o)-([a-z]{4,})")  # "Baso-squamous", "Fibro-lipoma"
HYPHEN_PREFIX = re.compile(r"^[A-Za-z]{3,6}-[a-z]{4,}$")  # "Extra-mammary"
ADJECTIVE_END = re.compile(r"(?:ar|ous|ed)$", re.IGNORECASE)


def path_may(text: str) -> bool:
    """Whether `text` may be a taxonomy path: its colons join levels with no space, each level opens on a capital,
    the first (the root) is one to three words not written in capitals, and nothing reads as a sentence, a field
    ("Plan: ..."), a link or a time. Speed: the caller asks only where ":" is; most texts fail the first find."""
    if ": " in text or len(text) > 600 or not text[:1].isupper() or PATH_COLON.search(text) is None \
            or PATH_REFUSE.search(text) is not None:
        return False
    root = text[:PATH_COLON.search(text).start()]
    return len(root.split()) <= 3 and not root.isupper() and all(
        text[a:a + 1].isupper() or text[a:a + 1] == "(" for a, _ in levels(text))


def levels(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each level of a path, its white space trimmed."""
    out, a = [], 0
    for m in PATH_COLON.finditer(text):
        out.append((a, m.start()))
        a = m.end()
    out.append((a, len(text)))
    trimmed = []
    for a, b in out:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        trimmed.append((a, b))
    return trimmed


def _alternatives(s: str) -> list[str]:
    """"Apocrine or Eccrine" -> ["Apocrine", "Eccrine"]; "T-Cell/NK" -> ["T-Cell", "NK"]."""
    return [p.strip() for p in re.split(r"\s+or\s+|\s+and\s+|/|,\s*", s) if p.strip()]


def is_group(level: str) -> bool:
    """A group level: one head whose last word is a group noun ("Benign epidermal proliferations", "Cysts"), a dignity
    alone ("Benign") or a dignity's "Other" ("Benign - Other"); a catalogue level with commas is a lesion's name."""
    if ", " in level:
        return False
    head, *quals = re.split(r"\s+-\s+", level)
    words = normalise_term(PARENTHESIS.sub("", head)).split()  # "... proliferations (Melanoma)": its group noun
    return bool(words) and (words[-1] in GROUP_NOUNS or normalise_term(level) in DIGNITY
                            or (words[0] in DIGNITY and [normalise_term(q) for q in quals] == ["other"]))


def group_names(head: str, quals: list[str], dignity: str | None) -> tuple[list[str], bool]:
    """The node names a group level's words compose, most specific first, and whether they are a disjunction's
    alternatives (uncertain each). `head` is the level before its " - " qualifiers, `quals` those qualifiers (a "not
    X" qualifier is left out by the caller)."""
    words = normalise_term(" ".join([head, *quals])).split()
    noun = words[-1] if words else ""
    head_words = normalise_term(head).split()
    if noun not in GROUP_NOUNS and head_words and head_words[-1] in GROUP_NOUNS:
        noun = head_words[-1]
    dig = next((w for w in words if w in DIGNITY), dignity)
    alts = [a for q in quals for a in _alternatives(q)]
    if noun in ("proliferations", "proliferation"):
        names: list[str] = []
        if "melanocytic" in words:
            names += {"benign": ["benign melanocytic"], "malignant": ["malignant melanocytic"],
                      "indeterminate": ["atypical melanocytic proliferation"]}.get(dig or "", [])
        elif "lymphocytic" in words or "lymphoid" in words:
            names += [f"cutaneous {a} lymphoma" for a in alts] + ["cutaneous lymphoma"]
        elif "cell" in words and words.index("cell") > 0:
            cell = words[words.index("cell") - 1]
            names += [f"{cell} cell proliferation"] + ([f"{cell} cell carcinoma"] if dig == "malignant" else [])
        if "vascular" in words and dig == "benign":
            names.append("benign vascular lesions")
        if dig == "malignant" and not EPITHELIAL.isdisjoint(words):
            names += [f"{a} carcinoma" for a in alts]
        if dig in ("benign", "malignant"):
            names.append(f"{dig} non-melanocytic")
        elif dig == "indeterminate":
            # round 57: an indeterminate proliferation of no lineage with a node ("Indeterminate epidermal
            # proliferations": neither benign nor malignant) is the level-1 group the words state
            names.append("proliferations")
        return names, False
    body = head_words[:-1] if head_words and head_words[-1] == noun else head_words
    if " or " in f" {' '.join(body)} ":
        return [n for alt in " ".join(body).split(" or ") for n in (f"{alt} {noun}", alt)], True
    singular = noun[:-1] if noun.endswith("s") else noun
    return [" ".join(head_words), f"{singular} disorders", *([noun] if len(head_words) == 1 else [])], False


class PathReader:
    """Reads a path with one tagger's vocabulary (`Tagger.tag` of each level) and its ontology's names."""

    def __init__(self, tagger) -> None:
        self.tagger = tagger
        self.onto = tagger.ontology
        index = self.onto.term_index()
        self.names = {k: next(nid for kind, nid in v if kind == "condition")
                      for k, v in index.items() if any(kind == "condition" for kind, _ in v)}

    def node(self, name: str) -> str | None:
        return self.names.get(normalise_term(name))

    def _tag(self, s: str, shift: int) -> list[Match]:
        out = []
        for m in self.tagger.tag(s).conditions:
            m.span = [m.span[0] + shift, m.span[1] + shift]
            out.append(m)
        return out

    def _make(self, nid: str, a: int, b: int, uncertain: bool = False) -> Match:
        name, path = self.tagger._node_info[nid]
        return Match(nid, name, path, [a, b], False, uncertain, 100.0, "condition")

    def _specific(self, ms: list[Match]) -> list[Match]:
        """Drop a node that is a group of another one kept (melanoma beside melanoma in situ)."""
        ids = {m.id for m in ms}
        return [m for m in ms if not any(m.id != o and m.id in self.onto.path_ids(o) for o in ids)]

    def read_level(self, text: str, a: int, b: int, parent: tuple[int, int] | None, dignity: str | None,
                   parent_quals: list[str], above: list[Match] | None = None) -> list[Match]:
        """The nodes one level names (asserted unless a hedge or a disjunction says otherwise). `above`: what the
        nearest level above asserts (the lesion's group, for a level whose own name is no node)."""
        s = text[a:b]
        if is_group(s):
            head_part = s.partition(", ")[0]
            head, *quals = re.split(r"\s+-\s+", head_part)
            return self._group(s, a, head, quals, dignity)
        rel = self._inner_relation(text, a, b, parent, dignity, parent_quals, above or [])
        if rel is not None:
            return rel
        found = self._level(text, a, b, parent, parent_quals)
        if OTHER.match(s):
            found = self._other(found)
        if "malignant" in normalise_term(s).split():
            # round 57: a malignant qualifier never resolves to a benign namesake ("Malignant glomus tumor" is no glomus
            # tumour: the malignant category above it is the lesion)
            found = [m for m in found if m.negated or "benign" not in self.onto.path_ids(m.id)]
        return found

    def _other(self, found: list[Match]) -> list[Match]:
        """"Other <kinds>": the group that holds the kinds named (each node's parent), the most specific of them."""
        out: dict[str, Match] = {}
        for m in found:
            if m.negated:
                continue
            path = self.onto.path_ids(m.id)
            if len(path) > 1:
                out.setdefault(path[-2], self._make(path[-2], *m.span, uncertain=m.uncertain))
        return self._specific(list(out.values()))

    def _inner_relation(self, text: str, a: int, b: int, parent, dignity, parent_quals: list[str],
                        above: list[Match]) -> list[Match] | None:
        """A level "<lesion> in / arising in / associated with / originating from <second finding>" with no comma
        before the relation: the lesion is its own name's node, else the group the level above asserts; the second
        finding is asserted, or each uncertain where it is a disjunction ("spiradenoma, cylindroma, or
        spiradenocylindroma"). None where the level holds no such relation or what follows it names no node."""
        s = text[a:b]
        m = INNER_RELATION.search(s)
        if m is None or m.start() == 0 or ", " in s[:m.start()]:
            return None
        cut = a + m.start()
        second = [x for x in self._tag(text[a + m.end():b], a + m.end()) if not x.negated]
        if not second:
            return None
        either = " or " in text[a + m.end():b]
        for x in second:
            x.uncertain = x.uncertain or either
        lesion = [x for x in self.read_level(text, a, cut, parent, dignity, parent_quals) if not x.negated]
        if not any(not x.uncertain for x in lesion):
            lesion = [self._make(x.id, a, cut) for x in above if not x.negated and not x.uncertain]
        # (a group the second finding lies under adds nothing: "Benign melanocytic proliferations:Proliferative
        # nodule in congenital melanocytic nevi" is the congenital naevus)
        return self._specific(lesion + second)

    def _level(self, text: str, a: int, b: int, parent: tuple[int, int] | None,
               parent_quals: list[str]) -> list[Match]:
        """A lesion's level read by its own names: one name, a catalogue form "Head, Modifier", an elliptic level or a
        node's exact name (round 55)."""
        s = text[a:b]
        head_part, _, rest = s.partition(", ")
        tagged = self._tag(s, a)
        if not rest and JOINED.search(s):
            # a one-word name written with a hyphen inside ("Baso-squamous carcinoma": basosquamous carcinoma, no
            # squamous cell carcinoma of its second half), read joined where that names a node
            joined = [m for m in self._tag(JOINED.sub(r"\1\2", s), a) if not m.negated and not m.uncertain]
            if joined:
                for m in joined:
                    m.span = [a, b]
                tagged = joined
        if not rest:
            found = [m for m in tagged if not m.negated]
            # one name: the last-named node is the head of an English compound ("Acquired elastotic hemangioma")
            if len(found) > 1:
                last = max(m.span[1] for m in found)
                found = [m for m in found if m.span[1] == last or m.negated]
            found = self._specific(found)
            if len(found) == 1 and found[0].span[0] > a:
                found = self._qualified(s, a, found[0])
            found += [m for m in tagged if m.negated]
        else:
            found = self._inverted(s, a, head_part, rest, tagged)
        if not found and parent is not None:
            found = self._elliptic(text, a, b, parent, rest, parent_quals, s)
        if not found:
            nid = self.node(s)
            if nid:
                found = [self._make(nid, a, b)]
        return found

    def _qualified(self, s: str, a: int, m: Match) -> list[Match]:
        """Round 57: words before the name found that the name leaves out, read with its head noun, name a child of
        it in the tree ("Capillary vascular malformation": a capillary malformation, the port-wine stain under the
        vascular malformations), that child; else the name found."""
        lead, last = s[:m.span[0] - a].strip(), s[m.span[0] - a:m.span[1] - a].split()[-1]
        for x in self.tagger.tag(f"{lead} {last}").conditions:
            if not x.negated and not x.uncertain and m.id in self.onto.path_ids(x.id)[:-1]:
                return [self._make(x.id, a, a + len(s))]
        return [m]

    def _inverted(self, s: str, a: int, head: str, rest: str, tagged: list[Match]) -> list[Match]:
        """A catalogue level "Head, Modifier, ...": a modifier that names a kind replaces the head's node, by its own
        name ("Squamous cell carcinoma, Invasive, Keratoacanthoma-type") or read before the head ("Melanoma Invasive,
        Desmoplastic": desmoplastic melanoma) where the modifier's words are part of the name found ("Nevus,
        Congenital, by history" reads no "by history nevus")."""
        cut = a + len(head)
        kept = [m for m in tagged if m.negated]
        specific: list[Match] = []
        # round 57: the head's node is the head's own reading; a name the tagger read across the comma ("Actinic
        # keratosis, Lichenoid" as a lichenoid keratosis) stands only where it refines that node
        head_ms = [m for m in self._tag(head, a) if not m.negated]
        if head_ms:
            specific += [m for m in tagged if not m.negated and m.span[0] < cut < m.span[1]
                         and all(refines(self.onto, m.id, h.id) for h in head_ms)]
        else:
            head_ms = [m for m in tagged if m.span[0] < cut and not m.negated]
        pos = cut + 2
        first = head.split()[0] if head.split() else head
        for mod in rest.split(", "):
            lo, hi = pos, pos + len(mod)
            pos = hi + 2
            own = [m for m in tagged if lo <= m.span[0] < hi and not m.negated]
            oid = OID.match(mod)
            if oid and not own:
                own = [m for m in self._tag(oid.group(1), lo) if not m.negated]
            if RELATION.search(mod) or (oid and own):
                if LIKENESS.search(mod) or oid:
                    for m in own:
                        m.uncertain, m.hedged = True, False
                kept += own
                continue
            if own:
                specific += own
                continue
            alts = _alternatives(mod) or [mod]
            # (a prefix joined by a hyphen is read joined too: "Extra-mammary" is extramammary)
            alts += [x.replace("-", "") for x in alts if HYPHEN_PREFIX.search(x)]
            for alt in alts:
                for form in (f"{alt} {head}", f"{alt} {first}"):
                    for m in self.tagger.tag(form).conditions:
                        # the modifier's words are part of the name found, from a word's start ("Extra-mammary Paget
                        # disease" names no mammary Paget disease), and that name is a kind of the head's
                        # ("Superficial spreading melanoma" is no kind of the head's melanoma in situ)
                        if not m.negated and not m.uncertain and m.span[0] < len(alt) \
                                and (m.span[0] == 0 or form[m.span[0] - 1] == " ") \
                                and all(refines(self.onto, m.id, h.id) for h in head_ms):
                            m.span = [a, a + len(s)]
                            specific.append(m)
        # (a kind the head already names, or its group, is no more specific: "Invasive squamous cell carcinoma" beside
        # the verrucous carcinoma the whole level names)
        head_kin = {g for m in head_ms for g in self.onto.path_ids(m.id)}
        specific = [m for m in specific if m.id not in head_kin]
        if specific:
            seen: dict[str, Match] = {}
            for m in self._specific(specific):
                seen.setdefault(m.id, m)
            return list(seen.values()) + [m for m in kept if m.id not in seen]
        keep_ids = {m.id for m in head_ms}
        return self._specific(head_ms) + [m for m in kept if m.id not in keep_ids]

    def _elliptic(self, text: str, a: int, b: int, parent: tuple[int, int], rest: str, parent_quals: list[str],
                  s: str) -> list[Match]:
        """An unknown level read with its parent's words: "Keratinous cyst:Epidermal, Keratinous" names an epidermal
        cyst (the parent's head noun after the level's own word); "Apocrine or Eccrine:Mixed tumor" an eccrine mixed
        tumour (the parent's qualifier before the level)."""
        forms = []
        pwords = text[parent[0]:parent[1]].split()
        if rest and pwords and normalise_term(rest) == normalise_term(pwords[0]) and len(pwords) > 1:
            forms.append(f"{s.partition(', ')[0]} {' '.join(pwords[1:])}")
        forms += [f"{q} {s}" for q in parent_quals]
        for form in forms:
            # (the name found covers the level's last word: "Vascular Nevus anemicus" names no vascular naevus)
            got = [m for m in self.tagger.tag(form).conditions if not m.negated and not m.uncertain
                   and m.span[1] >= len(form.rstrip())]
            if got:
                for m in got:
                    m.span = [a, b]
                return self._specific(got)[:1]
        return []

    def _group(self, s: str, a: int, head: str, quals: list[str], dignity: str | None) -> list[Match]:
        """A group level's node (`group_names`), or the more specific name in its brackets; its negated names kept."""
        b = a + len(s)
        tagged = self._tag(s, a)
        out = [m for m in tagged if m.negated]
        paren = s.find("(")
        if paren >= 0:
            inside = [m for m in tagged if m.span[0] > a + paren and not m.negated and not m.uncertain]
            if inside:
                return self._specific(inside) + out
        names, either = group_names(head, [q for q in quals if not normalise_term(q).startswith("not ")], dignity)
        if normalise_term(s) in DIGNITY or normalise_term(head) in DIGNITY:
            names = [normalise_term(head)]
        seen = set()
        for name in names:
            nid = self.node(name)
            if nid and nid not in seen:
                seen.add(nid)
                out.insert(0, self._make(nid, a, b, uncertain=either))
                if not either:
                    break
        return out

    def read(self, text: str, res: TagResult) -> TagResult:
        """The path's diagnosis: the deepest level that asserts a node, with the uncertain names below it."""
        spans = levels(text)
        if len(spans) < 2:
            return res
        root = normalise_term(text[spans[0][0]:spans[0][1]])
        dignity = root if root in DIGNITY else None
        if dignity is None and self.node(root) is None:
            # a taxonomy's root is a dignity or a node the ontology names ("Inflammatory:..."); a field's label is not
            # ("PMH:Melanoma", "Dx:Psoriasis": the tagger's own reading of its context stands)
            return res
        readings: list[list[Match]] = []
        parent = None
        parent_quals: list[str] = []
        for a, b in spans:
            above = next((r for r in reversed(readings) if any(not m.negated and not m.uncertain for m in r)), [])
            readings.append(self.read_level(text, a, b, parent, dignity, parent_quals, above))
            head = text[a:b].partition(", ")[0]
            parent_quals = [alt for q in re.split(r"\s+-\s+", head)[1:] for alt in _alternatives(q)
                            if not normalise_term(alt).startswith("not ")]
            parent = (a, b)
        deepest = max((i for i, r in enumerate(readings) if any(not m.negated and not m.uncertain for m in r)),
                      default=None)
        if deepest is None:
            return res
        conds = list(readings[deepest])
        for r in readings[deepest + 1:]:
            conds += [m for m in r if m.uncertain]
        seen: dict[str, Match] = {}
        for m in conds:
            old = seen.get(m.id)
            if old is None or (old.uncertain and not m.uncertain):
                seen[m.id] = m
        concepts = []
        for a, b in spans[deepest:]:
            if is_group(text[a:b]):
                continue
            for c in self.tagger.tag(text[a:b]).concepts:
                node = self.onto.concepts.get(c.id)
                cat = getattr(node, "category", "") or ""
                word = text[a + c.span[0]:a + c.span[1]]
                if cat in KEPT_CONCEPT_CATEGORIES or (cat == "primary" and ADJECTIVE_END.search(word)):
                    if all(o.id != c.id for o in concepts):
                        c.span = [a + c.span[0], a + c.span[1]]
                        concepts.append(c)
        out = TagResult()
        out.conditions = sorted(seen.values(), key=lambda m: m.span[0])
        out.concepts = concepts
        return out


def read_path(text: str, res: TagResult, tagger) -> TagResult:
    """`PathReader.read` with the tagger's reader (built once per tagger)."""
    reader = tagger.__dict__.get("_path_reader")
    if reader is None:
        reader = tagger._path_reader = PathReader(tagger)
    return reader.read(text, res)
