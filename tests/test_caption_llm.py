"""The openai back-end against a real chat-completions server on 127.0.0.1: faults, schema, grounding, cache."""

from __future__ import annotations

import json
import time

import pytest
from caption_helpers import shared_grounding_tagger  # noqa: F401 (a fixture)

from derm1m_build import schema
from derm1m_build.captioning.openai_chat import OpenAIConfig
from derm1m_build.stage import BuildContext
from derm1m_build.stages.caption import CaptionConfig, CaptionStage
from derm1m_build.testing.faultserver import Reply
from derm1m_build.testing.openai_server import OpenAIServer, row_of, rules_responder

pytestmark = pytest.mark.usefixtures("shared_grounding_tagger")  # one tagger for every stage's guard

PSORIASIS = "um so here you can see uh silvery plaques on the elbow of a 40 year old man, this is psoriasis"


def rows(*texts, lang="en"):
    return schema.rows_to_table([{"sample_id": f"s{i}", "raw_text": t, "lang": lang, "source_type": "youtube"}
                                 for i, t in enumerate(texts)], schema.schema_for("filter"))


def stage(tmp_path, server, backend="openai", **kw):
    kw = {"backoff_s": 0.01, "max_backoff_s": 5, "timeout_s": 5, "max_retries": 3, **kw}
    cfg = CaptionConfig(backend=backend, openai=OpenAIConfig(base_url=server.base_url, model="m", allow_private=True,
                                                            api_key_env="DERM1M_TEST_UNSET_KEY", **kw))
    st = CaptionStage(cfg, BuildContext(out=tmp_path, recipe_path=None))
    st.setup()
    return st


def answer(caption, **meta):
    return json.dumps({"caption": caption, "sub_captions": [], "body_location": "elbow", "symptoms": "None",
                       "age": 40, "gender": "male", **meta})


def run(st, table):
    res = st.process_batch(table)
    return res.kept.to_pylist(), res.excluded.to_pylist()


def test_answer_becomes_the_columns_and_request_is_deterministic(tmp_path):
    sub = [{"panel": "A", "caption": "Plaques on the elbow."}]
    with OpenAIServer(responder=lambda m: "```json\n" + answer("Silvery plaques on the elbow of a 40-year-old man, "
                                                                  "consistent with psoriasis.", sub_captions=sub) + "\n```") as s:
        kept, dropped = run(stage(tmp_path, s), rows(PSORIASIS))
        body = s.bodies[0]
    assert dropped == []
    r = kept[0]
    assert (r["caption"], r["body_location"], r["symptoms"], r["age"], r["gender"], r["caption_backend"]) == (
        "Silvery plaques on the elbow of a 40-year-old man, consistent with psoriasis.", "elbow",
        "No symptom information", "40", "male", "openai:m")
    assert json.loads(r["sub_captions"]) == sub
    assert r["truncated_caption"] == r["caption"]
    assert (body["model"], body["temperature"], body["seed"], body["max_tokens"]) == ("m", 0, 1234, 768)
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert row_of(body["messages"]) == {"language": "en", "source_type": "youtube", "text": PSORIASIS}


def test_429_with_retry_after_is_honoured(tmp_path):
    with OpenAIServer() as s:
        s.inject(Reply(429, "slow down", headers={"Retry-After": "1"}))
        t0 = time.monotonic()
        kept, _ = run(stage(tmp_path, s), rows(PSORIASIS))
        waited = time.monotonic() - t0
        assert s.requests() == 2
    assert waited >= 1.0
    assert kept[0]["caption_backend"] == "openai:m"


def test_5xx_reset_and_truncated_body_are_retried(tmp_path):
    with OpenAIServer() as s:
        s.inject(Reply(500), Reply(503), Reply(reset=True), Reply(200, b'{"choices": []}' * 20, truncate=7))
        kept, _ = run(stage(tmp_path, s, max_retries=4), rows(PSORIASIS))
        assert s.requests() == 5
    assert kept[0]["caption_backend"] == "openai:m"
    assert kept[0]["caption"] == json.loads(rules_responder([{"role": "user", "content": json.dumps({"text": PSORIASIS})}]))["caption"]


def test_persistent_500_falls_back_to_rules_with_reason(tmp_path):
    with OpenAIServer() as s:
        s.inject(*[Reply(500)] * 3)
        st = stage(tmp_path, s, max_retries=2)
        kept, _ = run(st, rows(PSORIASIS))
        assert s.requests() == 3
    assert kept[0]["caption_backend"] == "rules-fallback:http_500"
    assert kept[0]["caption"] == st.rules.clean(PSORIASIS)
    assert (kept[0]["body_location"], kept[0]["age"]) == ("arm", "40")


def test_stall_past_the_timeout(tmp_path):
    with OpenAIServer() as s:
        s.inject(Reply(200, "late", delay=2.0))
        kept, _ = run(stage(tmp_path, s, timeout_s=0.4, max_retries=0), rows(PSORIASIS))
    assert kept[0]["caption_backend"] == "rules-fallback:timeout"


def test_malformed_response_body_is_retried_then_recorded(tmp_path):
    with OpenAIServer() as s:
        s.inject(Reply(200, "{oops", content_type="application/json"))
        kept, _ = run(stage(tmp_path, s), rows(PSORIASIS))
        assert s.requests() == 2
        assert kept[0]["caption_backend"] == "openai:m"
    with OpenAIServer() as s:
        s.inject(*[Reply(200, '{"choices": [{"message": {}}]}', content_type="application/json")] * 2)
        kept, _ = run(stage(tmp_path / "b", s, max_retries=1), rows(PSORIASIS))
    assert kept[0]["caption_backend"] == "rules-fallback:bad_response"


def test_invalid_json_answer_is_retried_once_then_falls_back(tmp_path):
    with OpenAIServer(responder=lambda m: "Sure! The caption is: plaques.") as s:
        st = stage(tmp_path, s)
        kept, _ = run(st, rows(PSORIASIS))
        assert s.requests() == 2
        retry = s.bodies[1]["messages"]
    assert kept[0]["caption_backend"] == "rules-fallback:invalid_json"
    assert kept[0]["caption"] == st.rules.clean(PSORIASIS)
    assert [m["role"] for m in retry] == ["system", "user", "assistant", "user"]
    assert retry[2]["content"] == "Sure! The caption is: plaques."
    assert "invalid_json (no JSON object in the reply)" in retry[3]["content"]


def test_second_try_that_validates_is_used(tmp_path):
    def responder(messages):
        return '{"caption": 5}' if len(messages) == 2 else answer("Psoriatic plaques on the elbow.")
    with OpenAIServer(responder=responder) as s:
        kept, _ = run(stage(tmp_path, s), rows(PSORIASIS))
        assert "schema_invalid (caption: Input should be a valid string)" in s.bodies[1]["messages"][3]["content"]
    assert (kept[0]["caption"], kept[0]["caption_backend"]) == ("Psoriatic plaques on the elbow.", "openai:m")


def test_grounding_guard_rejects_an_invented_melanoma(tmp_path):
    with OpenAIServer(responder=lambda m: answer("Melanoma with irregular borders on the elbow.")) as s:
        st = stage(tmp_path, s)
        kept, _ = run(st, rows(PSORIASIS))
    assert kept[0]["caption_backend"] == "rules-fallback:ungrounded:melanoma"
    assert kept[0]["caption"] == st.rules.clean(PSORIASIS)
    # a condition the source names, or a negated one, passes
    with OpenAIServer(responder=lambda m: answer("Psoriasis on the elbow; no sign of melanoma.")) as s:
        kept, _ = run(stage(tmp_path / "b", s), rows(PSORIASIS))
    assert kept[0]["caption_backend"] == "openai:m"


def test_non_english_rows_are_translated_by_llm_and_marked_by_rules(tmp_path):
    src = "Mélanome sur le dos d'une femme de 50 ans"
    with OpenAIServer(responder=lambda m: answer("Melanoma on the back of a 50-year-old woman.", gender="female",
                                                 age=50, body_location="back")) as s:
        kept, _ = run(stage(tmp_path, s), rows(src, lang="fr"))
        assert row_of(s.bodies[0]["messages"])["language"] == "fr"
    assert (kept[0]["caption"], kept[0]["caption_backend"]) == ("Melanoma on the back of a 50-year-old woman.",
                                                                "openai:m+translated:fr")
    st = CaptionStage(CaptionConfig(), BuildContext(out=tmp_path / "r", recipe_path=None))
    st.setup()
    kept, _ = run(st, rows(src, lang="fr"))
    assert (kept[0]["caption"], kept[0]["caption_backend"]) == (src + ".", "rules+untranslated")


def test_requests_in_flight_are_bounded(tmp_path):
    with OpenAIServer(delay=0.3) as s:
        kept, _ = run(stage(tmp_path, s, max_in_flight=4), rows(*[f"{PSORIASIS} case {i}" for i in range(12)]))
        assert 2 <= s.max_in_flight <= 4
    assert [r["caption_backend"] for r in kept] == ["openai:m"] * 12


def test_rerun_answers_from_cache_with_the_same_bytes(tmp_path):
    table = rows(PSORIASIS, "a pruritic rash on the arm of a child with atopic dermatitis", "x")
    with OpenAIServer() as s:
        first = stage(tmp_path, s).process_batch(table)
        assert s.requests() == 3  # "x" has text: the model is asked, its caption is too short
    with OpenAIServer() as s2:  # another server, another port: nothing is asked
        st = stage(tmp_path, s2)
        second = st.process_batch(table)
        assert s2.requests() == 0
    assert first.kept.equals(second.kept) and first.excluded.equals(second.excluded)
    assert [r["reason"] for r in second.excluded.to_pylist()] == ["caption_too_short"]
    assert len(list((tmp_path / "cache" / "llm").rglob("*.json"))) == 3


def test_recipe_errors_are_one_line(tmp_path, demo_corpus):
    from conftest import cli, local_recipe

    rec = local_recipe(tmp_path, demo_corpus, extra='[caption]\nbackend = "openai"\n')
    p = cli("caption", "--recipe", rec, "--out", tmp_path / "out")
    assert p.returncode == 2
    assert 'backend "openai" needs a [caption.openai] section' in p.stderr + p.stdout
    assert "Traceback" not in p.stderr + p.stdout


def test_missing_prompt_folder_is_a_user_error(tmp_path):
    from derm1m_build.errors import UserError

    cfg = CaptionConfig(prompts=str(tmp_path / "nope"))
    st = CaptionStage(cfg, BuildContext(out=tmp_path, recipe_path=None))
    with pytest.raises(UserError, match="caption prompt .*refine.md not found"):
        st.prompts


def test_every_guard_on_the_shipped_ontology_shares_one_tagger(tmp_path, shared_grounding_tagger):
    """This module's stages share the test process's tagger (`caption_helpers`); another ontology's guard
    still builds its own."""
    from derm1m_build.captioning.grounding import GroundingGuard
    from tagger_helpers import small_ontology

    with OpenAIServer() as s:
        assert stage(tmp_path, s).refiner.guard.tagger is shared_grounding_tagger
    other = GroundingGuard(small_ontology())
    assert other.tagger is not shared_grounding_tagger and other.tagger.ontology is other.ontology
