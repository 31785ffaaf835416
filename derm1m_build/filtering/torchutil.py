"""Shared bits of the model back-ends: where a model comes from, which device, half precision."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


def weights_digest(src: str) -> str:
    """Digest of a local model's weight files (recorded in the manifest); '' for hub ids."""
    p = Path(src)
    if not p.is_dir():
        return ""
    files = sorted(list(p.glob("*.safetensors")) + list(p.glob("*.bin")))
    from derm1m_build.hashing import digest_obj

    return digest_obj({f.name: sha256_file(f) for f in files}) if files else ""
