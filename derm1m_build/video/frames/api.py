"""The public entry point `detect_shots`: opens the video once (the index pass and refinement share
the container) and runs the detector; the module callers import (through the package).
"""

from __future__ import annotations

from pathlib import Path

from derm1m_build.video.frames.assemble import _detect
from derm1m_build.video.frames.config import Shot, ShotConfig
from derm1m_build.video.frames.decode import _open


def detect_shots(path: Path, cfg: ShotConfig | None = None, keep_frames: bool = True) -> tuple[list[Shot], dict]:
    """Stable shots of one video with their representative frames; and how they were sampled."""
    cfg = cfg or ShotConfig()
    container = _open(path)  # one for the index pass and refinement (a file opened once)
    try:
        return _detect(path, cfg, keep_frames, container)
    finally:
        container.close()
