"""A dictionary entry read as a dictionary entry (round 58): a headword, its variants and sub-entries, not a patient.

A bilingual or learner's dictionary writes one side of an entry as a headword with its synonyms ("sunburn; solar
dermatitis; heliosis"), then, after " | ", its inflected forms ("tree scar | tree scars", "to bruise | bruising |
bruised"), its sub-entries and compounds ("haemangioma | capillary haemangioma; cherry haemangioma | cavernous
haemangioma"), and example phrases or sentences ("He fell off his bike and bruised his knee."), with the markup of
such a dictionary ("sth.", "sb.", "[Br.]", "{bit; bitten}", "(zoological family)"). Read by the usual rules, every
compound is a condition of its own and every variant a second finding; the settled reading of such an entry
(`benchmarks/tagger/independent/ANNOTATION.md` rule 4's "the subject of the text", as a dataset row's label is;
set 42's README decision for the entry form) is:

- the **headword** names the entry's subject: its synonyms are one thing, so of the conditions they name only the one
  the label rule would choose stays (`labels.disease_choice`: "plantar wart; verruca" is the plantar wart, not a
  second, viral wart; "insect sting; insect bite" the insect bite);
- a condition named **only in a later part** (a sub-entry, a kind, a compound) is one of the kinds the entry lists:
  uncertain, never the label ("cherry haemangioma" under "haemangioma", "measles hyperimmune serum");
- an **example** (a sentence with its stop, or a phrase opening with an article or a pronoun) is read by the usual
  rules, but never gives the label: it illustrates the word, it reports no case (`historical`, read by the label rule);
- a headword marked as a **taxon** ("(zoological family)", "(botanical genus)") names organisms: nothing of the skin
  (rule 3), its compounds included ("corn lice (zoological order)", "wart snakes ... (zoological genus)");
- a verb headword **with a thing or a person as its object** ("to crush sth.; to bruise sth.", "to hurt sb.; to bruise
  sb.") names an act, not an injury: the forms of the verb name nothing (its example sentences are still read);
- a **gloss in brackets** restates its term ("cold sores (orofacial herpes simplex)": the node its part names before
  it, once) or names a use ("to claw a body part (to relieve itching)": uncertain);
- a **near spelling** (the fuzzy pass's hit, score under 100) is no finding: a dictionary writes every word as it is
  spelt, so "ecphyma" is that word, not ecthyma misspelt.

Gated on the markup and the shape (`gates.dictentry_may`, then `entry_head`): a case note, a metadata row ("dx: ... |
site: ..."), a table row ("Major | >20% adults | ...") or a code list never pays for more than a few finds.
"""

from __future__ import annotations

import re

from derm1m_build.tagger.labels import disease_choice
from derm1m_build.tagger.results import TagResult
from derm1m_build.tagger.things import HEADS, HOSTS

# a dictionary's markup on the English side: usage labels in brackets, irregular forms in braces (`BRACKET_TAG`, which
# alone marks an entry with no " | "), and "sth." / "sb." (`TAG`)
BRACKET_TAG = re.compile(r"\[(?:Br|Am|eAm|Austr|NZ|Sc|Ir|Can|SAfr|Ind|coll|fig|obs|dated|archaic|humor|iron|slang|"
                         r"vulg|formal|rare|tm|med|techn|pej|poet|old|children\u2019s speech|children's speech)\.?\]|"
                         r"\{[a-z][a-z ,;/\[\].]*\}")
TAG = re.compile(BRACKET_TAG.pattern + r"|(?<![a-z])(?:sth|sb)\.")
TAXON = re.compile(r"\((?:zoological|botanical) (?:family|genus|order|class|species|subfamily|tribe|phylum|"
                   r"superfamily|suborder|subgenus)\)")
SEP = " | "
# a gloss in round brackets ("cold sores (orofacial herpes simplex)", "(to relieve itching)")
PAREN = re.compile(r"\([^()]*\)")
# a headword's term: at most this many words (after its glosses in brackets are set aside)
TERM_WORDS = 8
GLOSS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}|<[^<>]*>")
# an example phrase opens with an article or a pronoun ("the freckles that dot her nose", "I was bitten by a dog.")
EXAMPLE_OPENERS = frozenset("the a an my his her their our your its i he she we you they it this that these those "
                            "there".split())
OBJECT_VERB = re.compile(r"^to [a-z\u2019'-]+(?: [a-z\u2019'-]+)? (?:sth|sb)\.")
BODY_VERB = re.compile(r"^to [a-z]+ (?:yourself|oneself|one’s skin|one's skin|your skin|skin|a body part|"
                       r"your part of the body|a part of the body)(?![a-z])")
WORD = re.compile(r"[a-z]{4,}")


def entry_head(text: str) -> int | None:
    """The end of the headword when `text` is one dictionary entry, else None.

    An entry: one line, no field's colon or "=" (a metadata row), no digit in the headword (a record or a code list),
    each of the headword's ";"-terms a short name with no sentence stop; opening in lower case (a table row's first
    cell is capitalised) unless the dictionary's markup is there. With " | " and no markup, a later part must hold a
    word of the headword (the inflected forms and compounds of an entry do; a table's cells need not)."""
    if "\n" in text or ":" in text or "=" in text:
        return None
    h = text.find(SEP)
    head = text if h < 0 else text[:h]
    if h < 0 and BRACKET_TAG.search(text) is None and TAXON.search(head) is None:
        return None  # (with no separator, only the bracketed markup or a taxon marks an entry: `gates.dictentry_may`)
    marked = TAG.search(text) is not None or TAXON.search(head) is not None
    if any(ch.isdigit() for ch in head):
        return None
    bare = GLOSS.sub(" ", head)
    for term in bare.split(";"):
        words = term.split()
        if len(words) > TERM_WORDS or any(w.endswith((".", "!", "?")) and w not in ("sth.", "sb.") for w in words):
            return None
    first = text.lstrip("(")[:1]
    if not marked:
        if not first.islower():
            return None
        stems = {w[:4] for w in WORD.findall(bare.lower())}
        if not any(w[:4] in stems for w in WORD.findall(text[h + len(SEP):].lower())):
            return None
    return len(head)


def _thing_term(term: str) -> bool:
    """Whether a headword's term is a compound naming a thing (`things.HEADS` after it, `things.HOSTS` before)."""
    words = term.lower().split()
    return len(words) > 1 and (words[-1] in HEADS or words[0] in HOSTS)


def _parts(text: str, h: int) -> list[tuple[int, int]]:
    """The spans of the parts after the headword (each between two separators)."""
    out, a = [], h + len(SEP)
    while a <= len(text):
        b = text.find(SEP, a)
        b = len(text) if b < 0 else b
        out.append((a, b))
        a = b + len(SEP)
    return out


def _example(part: str) -> bool:
    """Whether a later part is an example (a sentence with its stop, or a phrase opening with an article or a
    pronoun), not a sub-entry."""
    p = part.strip()
    if not p:
        return False
    if p[0].isupper() and p[-1] in ".?!":
        return True
    first = p.split(" ", 1)[0].lower()
    return first in EXAMPLE_OPENERS and len(p.split()) >= 3


def read_entry(text: str, res, ontology) -> None:
    """Read `res` (conditions and concepts) as the findings of one dictionary entry, in place (see the module's
    docstring); nothing changes when `text` is no entry."""
    h = entry_head(text)
    if h is None:
        return
    head = text[:h]
    if TAXON.search(head) is not None:  # the entry names organisms
        res.conditions.clear()
        res.concepts.clear()
        return
    # (glosses set aside first: "to pressurise [Br.] sb.", "to hurt {hurt; hurt} sb.")
    terms = [" ".join(t.split()) for t in GLOSS.sub(" ", head).split(";")]
    parts = _parts(text, h) if h < len(text) else []
    examples = [(a, b) for a, b in parts if _example(text[a:b])]

    def in_example(m) -> bool:
        return any(a <= m.span[0] < b for a, b in examples)

    verb_on_thing = all(OBJECT_VERB.match(t) for t in terms)
    # a verb headword on the body ("to graze yourself / a body part", "to abrade skin") names the injury: its forms
    # and sub-entries ("to graze your skin") are the headword's own
    own_verb = any(BODY_VERB.match(t) for t in terms)
    # a headword that names no condition ("ulcer; ulcus") is the node a later part names with it as its head noun
    # ("ulcer of the leg": skin ulcer), located, not a kind ("burn blister" under "blister" is a burn)
    head_named = any(m.span[0] < h for m in res.conditions)
    single = {t.lower() for t in terms if t and " " not in t}
    # a headword that is a thing's compound ("tree scar; cicatrix (on the bark of a tree)", `things`): its synonyms
    # are that thing too, and its forms; only the examples are read
    thing = any(_thing_term(t) for t in terms)
    if thing:
        res.concepts[:] = [c for c in res.concepts if in_example(c)]
    glosses = [g.span() for g in PAREN.finditer(text)]
    keep = []
    for m in res.conditions:
        if m.score < 100.0:
            continue  # a near spelling: the dictionary's own word
        g = next(((a, b) for a, b in glosses if a <= m.span[0] < b), None)
        if g is not None and not m.negated:
            # a gloss in brackets restates its part's name before it ("cold sores (orofacial herpes simplex)": that
            # node, named once) or says what it is for ("to claw a body part (to relieve itching)": a use, `?`)
            lo = text.rfind(SEP, 0, g[0]) + 1  # the part holding the gloss
            if any(o is not m and lo <= o.span[0] < g[0] for o in res.conditions):
                continue
            m.uncertain, m.hedged, m.concluded = True, False, False
        if in_example(m):
            m.historical = True  # read as written, never the label
        elif verb_on_thing or thing:
            continue  # the forms of a verb on a thing or a person, a thing's compound and its synonyms
        elif m.span[0] >= h and not m.negated and not own_verb and not (
                not head_named and m.name.rsplit(" ", 1)[-1].lower() in single):
            m.uncertain, m.hedged, m.concluded = True, False, False  # a kind the entry lists
        keep.append(m)
    if verb_on_thing:
        res.concepts[:] = [c for c in res.concepts if in_example(c)]
    named = [m for m in keep if m.span[0] < h and not m.negated and not m.uncertain]
    if len(named) > 1:
        # the headword's synonyms are one thing: its most specific node (the deepest; among equals, the one the label
        # rule picks)
        depth = max(len(m.path) for m in named)
        best = disease_choice(TagResult(conditions=[m for m in named if len(m.path) == depth]), ontology)
        if best is not None:
            drop = {id(m) for m in named if m is not best}
            keep = [m for m in keep if id(m) not in drop]
    res.conditions[:] = keep
