"""The caption stage's grounding guard on the tagger shared by the test process.

Every `CaptionStage.setup()` with an LLM back-end builds a `GroundingGuard`, and each guard built its own
`Tagger` on the shipped ontology (~3 CPU-s). A test module that sets up a stage per test spent most of its
time there. The guard's answers depend on the text alone (`tagger_helpers.shared_tagger`), so a guard on
the shipped ontology takes the shared tagger; a guard on any other ontology still builds its own.
"""

from __future__ import annotations

import pytest

from tagger_helpers import shared_tagger


@pytest.fixture
def shared_grounding_tagger(monkeypatch):
    """`GroundingGuard(ontology)` on the shipped ontology uses `shared_tagger()`'s tagger for this test."""
    from derm1m_build.captioning import grounding

    tagger, onto = shared_tagger()
    shipped = onto.digest()
    init = grounding.GroundingGuard.__init__

    def guard_init(self, ontology, tagger_=None):
        if tagger_ is None and ontology.digest() == shipped:
            tagger_ = tagger
        init(self, ontology, tagger_)

    monkeypatch.setattr(grounding.GroundingGuard, "__init__", guard_init)
    return tagger
