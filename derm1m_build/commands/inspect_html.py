"""`derm1m-build inspect html --adapter NAME FILE`: what a forum adapter extracts from one saved page.

Prints JSON Lines: one `post` record per post (role, physician flag, date, scrubbed text, image URLs),
then one `pair` record per image that the `forum` source would pair, with the text it would pair it
with. Usernames are never printed (they are scrubbed from the text like in a build).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from derm1m_build.commands.inspect import inspect_app
from derm1m_build.errors import UserError


def inspect_html_lines(adapter_name: str, file: Path, adapter_dirs: list[Path], base_url: str,
                       answer_images: bool = False) -> list[dict]:
    from derm1m_build.sources.forum import detect_lang
    from derm1m_build.sources.forum_adapters import LayoutMismatch, find_adapter, parse_html, thread_page
    from derm1m_build.sources.privacy import scrub

    adapter = find_adapter(adapter_name, adapter_dirs)
    from derm1m_build.safefs import read_user_file

    data = read_user_file(file, 16 * 1024 * 1024, "page")  # capped: `inspect html /dev/zero` ends at once
    try:
        page = thread_page(adapter, parse_html(data), base_url or file.resolve().as_uri(), first=True)
    except LayoutMismatch as e:
        return [{"type": "error", "reason": e.reason, "detail": str(e)}]
    names = [p.author for p in page.posts if p.author]
    out: list[dict] = []
    for i, p in enumerate(page.posts):
        text = scrub(p.text, names)
        out.append({"type": "post", "index": i, "role": p.role, "physician": p.physician, "date": p.date,
                    "lang": detect_lang(text, 0.8)[0], "text": text, "images": p.images,
                    **({"truncated": True} if p.truncated else {})})
    question = page.posts[0]
    answer = next((p for p in page.posts[1:] if p.physician), None)
    q_text = scrub("\n".join(t for t in (page.title, question.text) if t), names)
    text = q_text + (f"\nDoctor's answer: {scrub(answer.text, names)}" if answer else "")
    imgs = [u for p in page.posts if p.role == "question" or answer_images for u in p.images]
    for u in dict.fromkeys(imgs):
        out.append({"type": "pair", "image": u, "text": text})
    if page.next_url:
        out.append({"type": "next_page", "url": page.next_url})
    return out


def register(app: typer.Typer) -> None:
    @inspect_app.command("html")
    def inspect_html(file: Path = typer.Argument(..., help="a saved forum thread page (.html)"),
                     adapter: str = typer.Option(..., "--adapter", "-a", help="adapter name, e.g. askderm"),
                     adapters_dir: Optional[list[Path]] = typer.Option(None, "--adapters-dir",
                                                                       help="folder of adapter TOML files (repeatable)"),
                     base_url: str = typer.Option("", "--base-url", help="URL the page came from (resolves relative links)"),
                     answer_images: bool = typer.Option(False, help="also pair photos posted in answers")) -> None:
        """Print, as JSON Lines, the posts, images and texts an adapter extracts from one saved page.

        Example: derm1m-build inspect html --adapter askderm thread.html
        """
        for rec in inspect_html_lines(adapter, file, list(adapters_dir or []), base_url, answer_images):
            typer.echo(json.dumps(rec, ensure_ascii=False, sort_keys=True))
