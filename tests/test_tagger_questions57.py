"""Tagger rules of round 57 (tuning sets: gold and independent sets 1-41): a question is not an assertion
(`questions`), the everyday senses of "burn", "bite" and Latin's "lupus", and a function word typed in capitals
(`everyday`), and the lay names of a paper cut, a foot blister, UV damage, a burn near boiling water and male
baldness (the ontology's synonym lists). Every sentence is new, written for these tests, none taken from any evaluation
set; the guards (named so) keep what needs no change."""

from __future__ import annotations

import pytest

from derm1m_build.tagger.everyday import everyday_senses
from derm1m_build.tagger.questions import may_ask, question_spans
from derm1m_build.tagger.results import Match, TagResult
from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # a question with no mark, in any case: the name asked about is a doubt or a kind, and gives no label
    ("CAN ECZEMA SPREAD TO THE FACE", {"eczema": U}, ""),
    ("Is rosacea catching", {"rosacea": U}, ""),
    ("WHY DO MOSQUITO BITES SWELL", {"mosquito-bite": U}, ""),
    ("do you have any itching on the arms", {"pruritus": U}, ""),
    # a marked question that ends the text, its name beyond the words right before the "?"
    ("My friend asked me: does psoriasis ever go away completely?", {"psoriasis": U}, ""),
    # guards: a spoken question answered with no mark; a fragment with its subject dropped; a request to a clinician;
    # a title's indirect clause; a question followed by the writer's statement; a name the text says outside the
    # question; a person's own condition asked about
    ("is that a wart hmm no it's a corn", {"viral-wart": N, "corn": A}, "corn"),
    ("Had a paper cut on my thumb at work, healing fine.", {"laceration": A}, "laceration"),
    ("Could you kindly see this man with psoriasis of the scalp", {"scalp-psoriasis": A}, "scalp psoriasis"),
    ("How I treat vitiligo.", {"vitiligo": A}, "vitiligo"),
    ("Is it normal for my eczema to flare in winter? It cracks on my knuckles.", {"eczema": A}, "eczema"),
    ("Diagnosed with psoriasis last year. Could the psoriasis be why my nails are pitted?", {"psoriasis": A},
     "psoriasis"),
    ("What is the best cream for her eczema?", {"eczema": A}, "eczema"),
    # the everyday senses: a verb that falls on no person or body names nothing; on one, a burn or a bite (asked)
    ("DOES A CANDLE BURN LONGER IN THE COLD", {}, ""),
    ("Does your cat bite?", {}, ""),
    ("Will the hot iron burn my hand?", {"thermal-burn": U}, ""),
    ("Does the dog bite children?", {"animal-bite": U}, ""),
    ("Homo homini lupus, wrote Plautus.", {}, ""),
    # guards: the nouns and the disease
    ("a dog bite on the forearm, cleaned and dressed", {"animal-bite": A}, "animal bite"),
    ("She has a burn on her hand from the oven.", {"thermal-burn": A}, "thermal burn"),
    ("Discoid lupus on the scalp", {"dle": A}, "discoid lupus erythematosus"),
    # a function word typed in capitals; guard: a field's value
    ("I GET AN ITCHY RASH AFTER SWIMMING", {"pruritus": A}, ""),
    ("DX: AN", {"acanthosis-nigricans": A}, "acanthosis nigricans"),
    # lay names
    ("Foot blisters after the marathon", {"friction-blister": A}, "friction blister"),
    ("A burn from boiling water on the forearm", {"thermal-burn": A}, "thermal burn"),
    ("Treatment options for male baldness", {"androgenetic-alopecia": A}, "androgenetic alopecia"),
])
def test_round57_rules(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,spans", [
    ("DO I HAVE SCABIES", [(0, 17)]),
    ("is that a wart hmm no it's a corn", []),  # answered in the same sentence: the other passes read it
    ("Itchy rash. Do you have eczema", [(12, 30)]),
    ("does anyone get hives in the cold doc said cold urticaria", []),  # a report inside the run-on  # a later sentence of an unmarked text
    ("Recorded in error; should read rosacea", []),  # a note's clause after ";" drops its subject
    ("What cream works for eczema on her face?", []),  # a question about treating it
    ("Had a stye for three days.", []),  # no pronoun after "had": a dropped subject
    ("Has the rash spread?", [(0, 19)]),  # before a "?", a determiner's phrase is a subject
    ("Is this new? It itches.", []),  # a statement after the question: the writer's case
    ("Thanks. Why do moles change? Are they cancer?", [(29, 44), (8, 27)]),
    ("Will Smith has vitiligo", []),  # a first name
    ("Do not scratch the eczema", []),  # an order
    ("Could be a wart", []),  # no subject
])
def test_question_spans(text, spans):
    assert question_spans(text) == spans


@pytest.mark.parametrize("text", [
    "CAN YOU GET A SUNBURN", "Itchy. Do you have eczema", "eczema?", "Rash.\n  so do you have eczema", "WILL I BURN",
    "Eczema on both hands, is it spreading", "A plaque of psoriasis.", "Itchy! Do you have eczema", "Itchy.Do you have eczema",
    " Do you have eczema", "dO you have eczema", "Do's and don'ts of eczema", "Is associated with eczema",
])
def test_may_ask_gate_is_exact(text):
    """The gate answers False only where the question reading finds nothing; the first five hold a question it reads
    (but a bare "eczema?", which opens with no question word)."""
    assert may_ask(text) or not question_spans(text)
    needed = ("CAN YOU GET A SUNBURN", "Itchy. Do you have eczema", "eczema?", "Rash.\n  so do you have eczema",
              "WILL I BURN")
    assert may_ask(text) == (text in needed or text == "Is associated with eczema")
    assert bool(question_spans(text)) == (text in needed and text != "eczema?")


def _res(text: str, *names: str) -> TagResult:
    low = text.lower()
    return TagResult(conditions=[Match(n, n, [n], [low.index(n), low.index(n) + len(n)]) for n in names])


@pytest.mark.parametrize("text,name,kept", [
    ("does fire burn paper", "burn", False),
    ("a match is used to burn a fire", "burn", False),
    ("why a snake bites", "snake bites", False),
    ("do insect bites itch", "insect bites", True),  # the plural is the subject
    ("will i burn", "burn", True),  # a person as the subject
    ("can you get a burn from steam", "burn", True),  # the pronoun's verb comes first: a noun
    ("does the sun burn my forehead", "sun burn", True),
])
def test_everyday_verbs(text, name, kept):
    res = _res(text, name)
    everyday_senses(text, res)
    assert [c.id for c in res.conditions] == ([name] if kept else [])
