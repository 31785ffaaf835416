"""`derm1m-build inspect subtitles FILE` and `derm1m-build inspect video FILE` (the YouTube source's parts)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from derm1m_build.commands.inspect import inspect_app
from derm1m_build.errors import ItemError, UserError


@inspect_app.command("subtitles")
def inspect_subtitles(file: Path = typer.Argument(..., help="a .vtt, .json3 or .srv3 caption file"),
                      fmt: str = typer.Option("", "--format", help="vtt, json3 or srv3 (default: from the name)")) -> None:
    """Print the clean, de-duplicated segments of one caption file as JSON Lines (start, end, text).

    Example: derm1m-build inspect subtitles lecture.en.vtt
    """
    from derm1m_build.video import subtitles as subs

    if not file.is_file():
        raise UserError(f"{file}: no such file")
    try:
        from derm1m_build.safefs import read_user_file

        segs = subs.parse(read_user_file(file, 64 * 1024 * 1024, "subtitle file"), fmt or subs.fmt_of(file.name))
    except ItemError as e:
        raise UserError(f"{file}: {e.reason}: {e.detail}") from None
    for s in segs:
        typer.echo(json.dumps(s.to_dict(), ensure_ascii=False))


@inspect_app.command("video")
def inspect_video(file: Path = typer.Argument(..., help="a local video file (MP4, WebM, MKV...)"),
                  min_shot_s: float = typer.Option(None, "--min-shot", help="minimum shot length in seconds")) -> None:
    """Print the shots kept for one local video as JSON Lines (start, end, frame_time), then how it was sampled.

    Example: derm1m-build inspect video lecture.mp4
    """
    from derm1m_build.video.frames import ShotConfig, detect_shots

    if not file.is_file():
        raise UserError(f"{file}: no such file")
    cfg = ShotConfig() if min_shot_s is None else ShotConfig(min_shot_s=min_shot_s)
    try:
        shots, how = detect_shots(file, cfg, keep_frames=False)
    except ItemError as e:
        raise UserError(f"{file}: {e.reason}: {e.detail}") from None
    for s in shots:
        d = s.to_dict()
        typer.echo(json.dumps({"start": d["start"], "end": d["end"], "frame_time": d["frame_time"]}))
    typer.echo(f"# {len(shots)} shots; sampling {how['mode']}, {how['samples']} samples, "
               f"{how['refined_frames']} frames decoded to place cuts, of {how['duration']}s", err=True)


def register(app: typer.Typer) -> None:
    """Commands attach to the shared `inspect` sub-app (derm1m_build.commands.inspect)."""
