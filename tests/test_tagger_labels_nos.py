"""An "... NOS" synonym (not otherwise specified) names the broad node: it never makes that node a refinement of the
node whose name it holds (`labels.refines` compares names by containment)."""
import pytest

from derm1m_build.ontology import load_ontology
from derm1m_build.tagger import labels_for
from derm1m_build.tagger.core import Tagger
from derm1m_build.tagger.labels import refines


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


def test_an_nos_name_refines_nothing(onto):
    assert "ringworm NOS" in onto.conditions["dermatophytosis"].synonyms
    assert not refines(onto, "dermatophytosis", "tinea-corporis")
    # containment by a real, more specific name still counts
    assert refines(onto, "melanoma-in-situ", "melanoma") or "melanoma" in onto.path_ids("melanoma-in-situ")


def test_the_settled_specific_diagnosis_is_the_label_beside_the_group(onto):
    res = Tagger(onto).tag("Tinea or a patch of nummular eczema, we wondered; the culture then grew it: tinea corporis.")
    assert labels_for(res, onto)["disease_label"] == "tinea corporis"
