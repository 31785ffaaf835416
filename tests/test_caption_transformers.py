"""The transformers back-end: a tiny random Llama built here, saved, and loaded through the real code path.

Its output is garbage, so every row takes the invalid JSON -> one retry -> rules fallback path; the
generation is batched, and a rerun is answered from the cache without generating.
"""

from __future__ import annotations

import pytest
from caption_helpers import shared_grounding_tagger  # noqa: F401 (a fixture)

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from derm1m_build import schema  # noqa: E402
from derm1m_build.captioning.local_chat import TransformersConfig  # noqa: E402
from derm1m_build.stage import BuildContext  # noqa: E402
from derm1m_build.stages.caption import CaptionConfig, CaptionStage  # noqa: E402

CHAT_TEMPLATE = ("{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}</s>{% endfor %}"
                 "{% if add_generation_prompt %}<|assistant|>{% endif %}")


@pytest.fixture(scope="module")
def tiny_llm(tmp_path_factory):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    from derm1m_build.captioning.prompts import load_prompts
    from derm1m_build.ontology import load_ontology

    d = tmp_path_factory.mktemp("tiny-llama")
    tok = Tokenizer(models.BPE(unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    corpus = ["the patient has red plaques on the elbow and knee", "a pigmented lesion on the back of a woman",
              "dermatology caption with sentences, commas and numbers 0123456789"] * 20
    # trained on the shipped prompts too: they become ~3,700 tokens, not ~18,000 bytes, and the attention
    # over each prompt (quadratic in its length) costs a twentieth of what it did
    prompts = load_prompts(None, load_ontology(None))
    corpus += [prompts.system, prompts.retry]
    tok.train_from_iterator(corpus, trainers.BpeTrainer(vocab_size=8000, special_tokens=["<unk>", "<s>", "</s>", "<pad>"],
                                                        initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", pad_token="<pad>",
                                   unk_token="<unk>")
    fast.chat_template = CHAT_TEMPLATE
    fast.save_pretrained(d)
    torch.manual_seed(0)
    cfg = LlamaConfig(vocab_size=len(fast), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                      num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=8192,
                      pad_token_id=fast.pad_token_id, bos_token_id=fast.bos_token_id, eos_token_id=fast.eos_token_id)
    LlamaForCausalLM(cfg).save_pretrained(d)
    return d


def test_garbage_output_retries_once_then_falls_back_batched_and_cached(tiny_llm, tmp_path, shared_grounding_tagger):
    texts = ["um so here you can see plaques on the elbow of a 40 year old man, this is psoriasis",
             "a pigmented lesion on the back of a woman", "so welcome back, itchy papules on the knees"]
    table = schema.rows_to_table([{"sample_id": f"s{i}", "raw_text": t, "lang": "en"} for i, t in enumerate(texts)],
                                 schema.schema_for("filter"))
    cfg = CaptionConfig(backend="transformers", transformers=TransformersConfig(
        model=str(tiny_llm), device="cpu", batch_size=2, max_new_tokens=4))

    def run():
        st = CaptionStage(cfg, BuildContext(out=tmp_path, recipe_path=None))
        st.setup()
        return st, st.process_batch(table).kept.to_pylist()

    st, kept = run()
    assert [r["caption_backend"] for r in kept] == ["rules-fallback:invalid_json"] * 3
    assert [r["caption"] for r in kept] == [st.rules.clean(t) for t in texts]
    assert st.backend.calls == 6 and st.backend.generate_calls == 4  # 3 rows + 3 retries, in batches of 2
    assert st.backend.device == "cpu"
    info = st.models()["caption"]
    assert info["model"] == str(tiny_llm) and len(info["model_digest"]) == 64 and info["temperature"] == 0

    st2, kept2 = run()
    assert kept2 == kept
    assert st2.backend.calls == 0  # every reply came from OUT/cache/llm
