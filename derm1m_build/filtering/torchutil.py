"""Shared bits of the model back-ends: where a model comes from, which device, half precision."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Sequence

from derm1m_build.errors import UserError
from derm1m_build.hashing import sha256_file


def model_source(name: str, resolve=None) -> str:
    """A local folder (recipe-relative) if one exists, else the string as a hub id."""
    if not name:
        raise UserError("[filter] model back-end needs a model: set model = \"path/or/hub-id\" in its section")
    p = resolve(name) if resolve else Path(name)
    if Path(p).exists():
        return str(p)
    looks_like_path = name.startswith((".", "/", "~")) or name.count("/") > 1 or "\\" in name
    if looks_like_path:
        raise UserError(f"filter model folder {p} not found; train one with `derm1m-build train-filter` "
                        "or give a hub id like org/name")
    return name


def quiet_transformers() -> None:
    """No progress bars or load warnings from transformers in build logs (our summary says what loaded)."""
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


def device_and_dtype(device: str = "auto", half: bool = True) -> tuple[Any, Any]:
    import torch

    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    dtype = torch.float16 if (device.startswith("cuda") and half) else torch.float32
    return torch.device(device), dtype


def load_failed(what: str, src: str, e: Exception) -> UserError:
    return UserError(f"cannot load the filter {what} from {src!r} ({type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''}); "
                     "give a local folder saved with save_pretrained, or a hub id reachable from here")


def load_pretrained(what: str, src: str, processor_cls: Any, model_cls: Any, device: str = "auto",
                    half: bool = True) -> tuple[Any, Any, Any, Any]:
    """(processor, model, device, dtype): a transformers processor and model from `src`, the model on its
    device in eval mode. The image back-ends all load this way (quiet logs, half precision only on CUDA,
    one readable UserError for any load failure), so it is written once here."""
    quiet_transformers()
    dev, dtype = device_and_dtype(device, half)
    try:
        processor = processor_cls.from_pretrained(src)
        model = model_cls.from_pretrained(src, dtype=dtype)
    except Exception as e:
        raise load_failed(what, src, e) from None
    model.to(dev).eval()
    return processor, model, dev, dtype


def pixel_batches(processor: Any, images: Sequence[Any], batch_size: int, device: Any, dtype: Any) -> Iterator[Any]:
    """The images as `pixel_values` tensors on the model's device and dtype, `batch_size` at a time, made
    lazily so only one batch is in memory; shared by the image back-ends so they batch alike."""
    for s in range(0, len(images), batch_size):
        inputs = processor(images=list(images[s:s + batch_size]), return_tensors="pt")
        yield inputs["pixel_values"].to(device, dtype)


def weights_digest(src: str) -> str:
    """Digest of a local model's weight files (recorded in the manifest); '' for hub ids."""
    p = Path(src)
    if not p.is_dir():
        return ""
    files = sorted(list(p.glob("*.safetensors")) + list(p.glob("*.bin")))
    from derm1m_build.hashing import digest_obj

    return digest_obj({f.name: sha256_file(f) for f in files}) if files else ""
