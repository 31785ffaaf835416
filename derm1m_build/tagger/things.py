"""A lesion's word inside a compound noun that names a thing, a plant or an animal (round 58): no finding.

English makes compounds of a condition's word and a head noun: "lice shampoo", "dandruff shampoo", "wart remover",
"blister card", "blister pack", "false blister beetles", "wart snakes", "corn lilies"; and of a host before a
condition's word: "tree scar", "leaf scar", "whale lice". The compound names its head: a product made for
the condition (a service or a product named for a disease names nothing, `ANNOTATION.md` round 43; set 42's
"athlete's foot cream", "lice shampoo"), a packaging or a chemical, an animal or a plant (rule 3's organisms), or a
plant's or an animal's own mark. The mention is dropped (the node stays where the text names it elsewhere: "her
dandruff came back, so a dandruff shampoo" keeps the dandruff).

Read on the tagger's hits before the context passes (`thing_compounds`), only where the text holds one of the head or
host words (`THING_WORDS`, a set look on the text's words). Not read: heads that name the condition's own place or
form ("acne patch", "eczema patches", "psoriasis plaques"), a treatment ("acne medication", "wart treatment"), a drug
("anti-melanoma agent", a research title's subject), and hosts that are the skin's own ("fish scale", "seed warts",
"plant dermatitis", "stone bruise", "bee sting", "corn/callosity").
"""

from __future__ import annotations

# head nouns after a condition's word: a product, a packaging or a chemical, an animal, a plant
PRODUCTS = frozenset("shampoo shampoos ointment ointments lotion lotions comb combs remover removers parer parers "
                     "cutter cutters plaster plasters card cards pack packs varnish varnishes cream creams "
                     "spray sprays".split())
ANIMALS = frozenset("beetle beetles snake snakes moth moths crustacean crustaceans".split())
PLANTS = frozenset("lily lilies bane weed weeds vine vines bedstraw".split())
HEADS = PRODUCTS | ANIMALS | PLANTS
# hosts before a condition's word: a plant's or a fruit's parts, an animal's kind (a host names no concept's kind:
# "ash leaf macules" are the skin's; not "leaves", a verb as often: "leaves white patches")
HOSTS = frozenset("tree trees leaf bark stem stems branch branches fruit fruits whale whales".split())
THING_WORDS = HEADS | HOSTS


def _word_after(n: str, b: int) -> str:
    """The word right after `b` in the normalised text, over one space only (a comma or a stop ends the compound)."""
    if n[b:b + 1] != " ":
        return ""
    e = b + 1
    while e < len(n) and n[e].isalpha():
        e += 1
    return n[b + 1:e]


def _word_before(n: str, a: int) -> str:
    """The word right before `a`, over one space only."""
    if a < 2 or n[a - 1] != " ":
        return ""
    s = a - 1
    while s > 0 and n[s - 1].isalpha():
        s -= 1
    return n[s:a - 1]


def thing_compounds(n: str, hits: list) -> list:
    """`hits` less the mentions a compound's head or host makes into a thing, a plant or an animal. `n` is the
    normalised text (lower case, punctuation read as "|"), which the hits' offsets index."""
    out = []
    for h in hits:
        a, b = h[0], h[1]
        if _word_after(n, b) in HEADS:
            continue
        if h[2].kind == "condition" and _word_before(n, a) in HOSTS:
            continue
        out.append(h)
    return out
