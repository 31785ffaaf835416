"""`derm1m-build demo-corpus DIR`: generate the offline demo corpus."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("demo-corpus")
    def demo_corpus(out: Path = typer.Argument(..., help="folder to write the corpus into"),
                    seed: int = typer.Option(7, help="corpus seed")) -> None:
        """Generate the deterministic demo corpus (images, captions; videos, articles, pages as sources add them).

        Example: derm1m-build demo-corpus demo-out/corpus
        """
        from derm1m_build.demo.corpus import generate

        counts = generate(out, seed)
        typer.echo(f"demo corpus in {out}: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))
