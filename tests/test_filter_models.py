"""Model back-ends with tiny random models built from configs, saved and loaded like real checkpoints;
train-filter and eval-filter through the CLI."""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest

from conftest import cli
from derm1m_build.demo import images as gen
from derm1m_build.filtering.heuristic import measure
from derm1m_build.stages.filter import FilterConfig

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")


def rgb_images(n=6):
    out = [cv2.cvtColor(gen.skin_photo(i, tone=i % 6), cv2.COLOR_BGR2RGB) for i in range(n // 2)]
    out += [cv2.cvtColor(gen.slide(i), cv2.COLOR_BGR2RGB) for i in range(n - n // 2)]
    return out


@pytest.fixture(scope="module")
def tiny_vit(tmp_path_factory):
    from transformers import ViTConfig, ViTForImageClassification, ViTImageProcessor

    torch.manual_seed(0)
    labels = ["clinical", "dermoscopic", "slide"]
    cfg = ViTConfig(image_size=32, patch_size=8, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                    intermediate_size=64, num_labels=3, id2label=dict(enumerate(labels)),
                    label2id={c: i for i, c in enumerate(labels)})
    d = tmp_path_factory.mktemp("vit")
    ViTForImageClassification(cfg).save_pretrained(d)
    ViTImageProcessor(size={"height": 32, "width": 32}).save_pretrained(d)
    return d


@pytest.fixture(scope="module")
def tiny_clip(tmp_path_factory):
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import (CLIPConfig, CLIPImageProcessor, CLIPModel, CLIPProcessor, CLIPTextConfig,
                              CLIPVisionConfig, PreTrainedTokenizerFast)

    from derm1m_build.filtering.zeroshot import PROMPTS

    tok = Tokenizer(models.BPE(unk_token="<|endoftext|>"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.train_from_iterator([p for ps in PROMPTS.values() for p in ps] * 3,
                            trainers.BpeTrainer(vocab_size=200, special_tokens=["<|endoftext|>", "<|startoftext|>"]))
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="<|endoftext|>", pad_token="<|endoftext|>",
                                   bos_token="<|startoftext|>", eos_token="<|endoftext|>")
    torch.manual_seed(0)
    cfg = CLIPConfig(text_config=CLIPTextConfig(vocab_size=200, hidden_size=32, intermediate_size=64, num_hidden_layers=1,
                                                num_attention_heads=2, max_position_embeddings=32, eos_token_id=0,
                                                pad_token_id=0, bos_token_id=1).to_dict(),
                     vision_config=CLIPVisionConfig(image_size=32, patch_size=8, hidden_size=32, intermediate_size=64,
                                                    num_hidden_layers=1, num_attention_heads=2).to_dict(),
                     projection_dim=16)
    d = tmp_path_factory.mktemp("clip")
    CLIPModel(cfg).save_pretrained(d)
    CLIPProcessor(image_processor=CLIPImageProcessor(size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32}),
                  tokenizer=fast).save_pretrained(d)
    return d


def test_classifier_backend_loads_saved_model_and_thresholds(tiny_vit):
    from derm1m_build.filtering.backends import make_backend

    ims = rgb_images()
    ms = [measure(cv2.cvtColor(i, cv2.COLOR_RGB2BGR)) for i in ims]
    cfg = FilterConfig(backend="classifier", classifier={"model": str(tiny_vit), "threshold": 0.0, "batch_size": 4})
    be = make_backend(cfg)
    js = be.judge(ims, ms)
    assert len(js) == 6 and all(j.keep for j in js)
    for j in js:
        p = j.scores["probs"]
        assert sorted(p) == ["clinical", "dermoscopic", "slide"]
        assert abs(sum(p.values()) - 1) < 1e-3
        assert j.scores["p_keep"] == pytest.approx(p["clinical"] + p["dermoscopic"], abs=2e-4)
        top = max(p, key=p.get)
        assert j.modality == {"clinical": "clinical", "dermoscopic": "dermoscopic", "slide": "other"}[top]
        assert j.embedding.shape == (32,) and abs(float(np.linalg.norm(j.embedding)) - 1) < 1e-4
    cfg = FilterConfig(backend="classifier", classifier={"model": str(tiny_vit), "threshold": 1.01})
    js2 = make_backend(cfg).judge(ims, ms)
    assert [j.reason for j in js2] == ["not_skin"] * 6
    assert [j.scores for j in js2] == [j.scores for j in js]  # same batched result, batch size independent
    assert be.models()["filter_weights"]


def test_zero_shot_backend_scores_every_prompt_class(tiny_clip):
    from derm1m_build.filtering.backends import make_backend

    ims = rgb_images(4)
    ms = [measure(cv2.cvtColor(i, cv2.COLOR_RGB2BGR)) for i in ims]
    be = make_backend(FilterConfig(backend="zero-shot", **{"zero-shot": {"model": str(tiny_clip), "threshold": 0.0}}))
    js = be.judge(ims, ms)
    for j in js:
        p = j.scores["probs"]
        assert sorted(p) == ["chart", "clinical", "dermoscopy", "diagram", "face", "histopathology", "other", "slide"]
        assert abs(sum(p.values()) - 1) < 1e-3 and j.keep
        assert j.scores["p_keep"] == pytest.approx(p["clinical"] + p["dermoscopy"], abs=2e-4)
        top = max(p, key=p.get)
        assert j.modality == {"clinical": "clinical", "dermoscopy": "dermoscopic", "histopathology": "histopathology"}.get(top, "other")


def test_missing_model_is_one_line_error(tmp_path):
    d = tmp_path / "lab"
    for c in ("keep", "drop"):
        (d / c).mkdir(parents=True)
        (d / c / "a.png").write_bytes(gen.to_png(gen.skin_photo(1) if c == "keep" else gen.slide(1)))
    p = cli("eval-filter", d, "--backend", "classifier", "--model", str(tmp_path / "nope"))
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert p.stderr.startswith("error: filter model folder") and len(p.stderr.strip().splitlines()) == 1
    # a folder that is not a saved model: one line naming it, through the same loader a checkpoint takes
    from derm1m_build.errors import UserError
    from derm1m_build.filtering.backends import make_backend

    empty = tmp_path / "empty-model"
    empty.mkdir()
    with pytest.raises(UserError, match=r"cannot load the filter classifier from '.*empty-model'"):
        make_backend(FilterConfig(backend="classifier", classifier={"model": str(empty)})).load()


def test_train_filter_then_eval_filter(tmp_path):
    d = tmp_path / "lab"
    (d / "keep").mkdir(parents=True)
    (d / "drop").mkdir(parents=True)
    for i in range(8):
        (d / "keep" / f"p{i}.jpg").write_bytes(gen.to_jpeg(gen.skin_photo(i, size=96, tone=i % 6)))
        (d / "drop" / f"s{i}.png").write_bytes(gen.to_png(gen.slide(i) if i % 2 else gen.chart(i)))
    (d / "drop" / "broken.jpg").write_bytes(b"\xff\xd8 not really")
    model = tmp_path / "model"
    p = cli("train-filter", d, "--out", model, "--epochs", "3", "--batch-size", "8", "--image-size", "32", "--lr", "3e-3",
            check=True)
    assert "trained on 16 images (drop, keep), 6 steps" in p.stdout
    log = json.loads((model / "train_filter.json").read_text())
    assert log["skipped"] == 1 and log["classes"] == ["drop", "keep"]
    cfg = json.loads((model / "config.json").read_text())
    assert cfg["id2label"] == {"0": "drop", "1": "keep"}
    from derm1m_build.filtering.evaluate import evaluate

    res = evaluate(d, FilterConfig(backend="classifier", classifier={"model": str(model)}))
    assert res["n"] == 17 and res["layout"] == "keep/drop"
    assert sum(sum(r.values()) for r in res["confusion"].values()) == 17
    assert res["drop_reasons"].get("image_unsupported") == 1
    assert res["confusion"]["keep"]["keep"] + res["confusion"]["keep"]["drop"] == 8
    # modality layout, heuristic back-end
    m = tmp_path / "mod"
    (m / "clinical").mkdir(parents=True)
    (m / "other").mkdir(parents=True)
    for i in range(3):
        (m / "clinical" / f"{i}.jpg").write_bytes(gen.to_jpeg(gen.skin_photo(i, tone=5 - i)))
        (m / "other" / f"{i}.png").write_bytes(gen.to_png(gen.chart(i)))
    res = evaluate(m, FilterConfig())
    assert res["layout"] == "modality"
    assert res["confusion"] == {"clinical": {"clinical": 3, "other": 0}, "other": {"clinical": 0, "other": 3}}
    assert res["precision"] == res["recall"] == 1.0
