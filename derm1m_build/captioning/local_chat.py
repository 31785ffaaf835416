"""Back-end for a local causal LM (transformers): chat template, batched greedy generation, GPU if present.

The model is read from a folder (or a hub id already in the local cache: nothing is downloaded).
Conversations are rendered with the tokenizer's chat template, padded on the left and generated in
batches of `batch_size` with greedy decoding (temperature 0) after seeding torch, on CUDA when
available (`device = "auto"`). The manifest records the model path and a digest of its config and
tokenizer files and of its weight files' names and sizes (hashing many GB of weights per run would cost
more than the captions).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from derm1m_build.captioning.chat import ChatBackend, Messages
from derm1m_build.errors import ItemError, UserError
from derm1m_build.recipe import Section

SMALL_FILES = ("config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json",
               "special_tokens_map.json", "chat_template.jinja", "vocab.json", "merges.txt", "tokenizer.model")
WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".gguf")


class TransformersConfig(Section):
    model: str = Field(..., description="folder with a causal LM and its tokenizer (or a cached hub id)")
    device: str = Field("auto", description='"auto" (cuda if present), "cpu", "cuda", "cuda:1"')
    dtype: Literal["auto", "float32", "bfloat16", "float16"] = "auto"
    batch_size: int = Field(8, ge=1)
    max_new_tokens: int = Field(768, ge=1)


def model_digest(path: str) -> str:
    p = Path(path)
    h = hashlib.sha256()
    if not p.is_dir():
        h.update(path.encode())
        return h.hexdigest()
    for f in sorted(p.iterdir()):
        if f.name in SMALL_FILES:
            h.update(f.name.encode() + b"\0" + f.read_bytes())
        elif f.suffix in WEIGHT_SUFFIXES or f.name.endswith(".index.json"):
            h.update(f"{f.name}\0{f.stat().st_size}".encode())
    return h.hexdigest()


class TransformersChat(ChatBackend):
    kind = "transformers"

    def __init__(self, cfg: TransformersConfig, seed: int = 0, resolve=None):
        self.path = str(resolve(cfg.model)) if resolve and Path(str(resolve(cfg.model))).exists() else cfg.model
        super().__init__(Path(cfg.model).name if Path(self.path).exists() else cfg.model, seed=seed,
                         max_tokens=cfg.max_new_tokens)
        self.cfg = cfg
        self._model = None
        self._tok = None
        self.generate_calls = 0

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "model_digest": model_digest(self.path), "batch_size": self.cfg.batch_size}

    def _load(self) -> None:
        if self._model is not None:
            return
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        dev = self.cfg.device
        if dev == "auto":
            dev = "cuda" if torch.cuda.is_available() else "cpu"
        dtype = {"auto": (torch.bfloat16 if dev.startswith("cuda") else torch.float32), "float32": torch.float32,
                 "bfloat16": torch.bfloat16, "float16": torch.float16}[self.cfg.dtype]
        try:
            tok = AutoTokenizer.from_pretrained(self.path, local_files_only=True)
            model = AutoModelForCausalLM.from_pretrained(self.path, local_files_only=True, dtype=dtype)
        except (OSError, ValueError) as e:
            raise UserError(f"caption.transformers.model {self.cfg.model!r}: cannot load a causal LM and tokenizer "
                            f"from it offline ({type(e).__name__}); give a folder made with save_pretrained") from None
        if not getattr(tok, "chat_template", None):
            raise UserError(f"caption.transformers.model {self.cfg.model!r}: the tokenizer has no chat template")
        tok.padding_side = "left"
        if tok.pad_token is None:
            tok.pad_token = tok.eos_token
        self.device = dev
        self._tok, self._model = tok, model.to(dev).eval()

    def complete(self, batch: list[Messages]) -> list[str | ItemError]:
        import torch

        self._load()
        self.calls += len(batch)
        tok, model = self._tok, self._model
        out: list[str | ItemError] = []
        for i in range(0, len(batch), self.cfg.batch_size):
            chunk = batch[i:i + self.cfg.batch_size]
            texts = [tok.apply_chat_template(m, tokenize=False, add_generation_prompt=True) for m in chunk]
            enc = tok(texts, return_tensors="pt", padding=True, add_special_tokens=False).to(self.device)
            torch.manual_seed(self.seed)
            try:
                with torch.inference_mode():
                    gen = model.generate(**enc, do_sample=False, max_new_tokens=self.cfg.max_new_tokens,
                                         pad_token_id=tok.pad_token_id)
            except RuntimeError as e:  # e.g. CUDA out of memory for one batch: those rows fall back
                out.extend(ItemError("generation_failed", str(e).splitlines()[0][:200]) for _ in chunk)
                continue
            self.generate_calls += 1
            new = gen[:, enc["input_ids"].shape[1]:]
            out.extend(tok.batch_decode(new, skip_special_tokens=True))
        return out
