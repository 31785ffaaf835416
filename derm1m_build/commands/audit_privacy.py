"""`derm1m-build audit-privacy DIR`: look through what a build ships for what it must not say."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer


def register(app: typer.Typer) -> None:
    @app.command("audit-privacy")
    def audit_privacy(path: Path = typer.Argument(..., help="build directory (holding dataset/, export/, work/)"),
                      needle: Optional[List[str]] = typer.Option(None, "--needle", "-n",
                                                                 help="a value that must appear nowhere (repeatable)"),
                      everything: bool = typer.Option(False, "--all", help="every file of the build, raw/ included")
                      ) -> None:
        """Search dataset/, export/ and the stage manifests for image metadata (EXIF, XMP, IPTC, comments,
        PNG text), this machine's home path and host name, secret-looking environment values and any
        --needle. Prints one line per finding; exits 1 if there is any.

        Example: derm1m-build audit-privacy demo-out/build --needle "Jane Doe"
        """
        from derm1m_build.errors import UserError
        from derm1m_build.privacy_audit import audit

        if not Path(path).is_dir():
            raise UserError(f"{path}: no such build directory")
        findings, n = audit(Path(path), needle or (), everything)
        for f in findings:
            typer.echo(f.line())
        typer.echo(f"audit-privacy: {n} files checked, {len(findings)} finding(s)")
        if findings:
            raise typer.Exit(1)
