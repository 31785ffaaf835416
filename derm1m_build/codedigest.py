"""A digest of the code a stage runs, so that changing a stage's module makes its outputs stale.

A stage's digest names the recipe section, what else it depends on (ontology, prompts) and the package
version; the version does not move when someone edits a stage's code in a checkout, so an edited filter
or tagger used to leave old outputs "up to date". `code_digest(modules)` is the sha256 over the bytes of
those modules' source files and of every `derm1m_build` module they import (found by reading their
`import` lines, also those inside functions, so nothing is imported to find them), keyed by module
name. File bytes only: no path, mtime or folder enters it, so the same code in another clone or folder
gives the same digest, and a rebuild there is still byte-identical.

What counts as a stage's code: its own module and its imports' closure (`schema`, `store`, `images`,
the tagger or captioner it calls...). The driver (`pipeline`, `cli`) is left out: it decides what runs,
not what a row becomes; so are data files, which stages digest themselves (`digest_extra`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from derm1m_build.hashing import digest_obj, sha256_bytes

PACKAGE = "derm1m_build"
ROOT = Path(__file__).resolve().parent


def module_file(name: str, root: Path = ROOT) -> Path | None:
    """The source file of `derm1m_build.x.y` under `root` (the package folder), or None."""
    parts = name.split(".")
    if parts[0] != PACKAGE:
        return None
    p = root.joinpath(*parts[1:])
    if (p / "__init__.py").is_file():
        return p / "__init__.py"
    f = p.with_name(p.name + ".py") if parts[1:] else None
    return f if f is not None and f.is_file() else None


_FROM = re.compile(rb"^[ \t]*from[ \t]+(\.+[\w.]*|[A-Za-z_][\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)", re.M)
_IMPORT = re.compile(rb"^[ \t]*import[ \t]+([^\n]+)", re.M)


@lru_cache(maxsize=None)
def _imports(name: str, path: Path, root: Path) -> frozenset[str]:
    """Package modules that `name` (source at `path`) imports anywhere in its body: its `import` and
    `from ... import` lines, read as text (a regular expression: parsing every module's syntax tree
    cost seconds per run; an import-looking line inside a string only adds a module, never loses one)."""
    is_pkg = path.name == "__init__.py"
    package = name if is_pkg else name.rpartition(".")[0]
    out: set[str] = set()
    src = path.read_bytes()
    for m in _FROM.finditer(src):
        spec = m.group(1).decode("ascii", "replace")
        level = len(spec) - len(spec.lstrip("."))
        if level:
            base = package.split(".")
            base = base[: len(base) - (level - 1)] if level > 1 else base
            rest = spec[level:]
            mod = ".".join(base + ([rest] if rest else []))
        else:
            mod = spec
        if mod.split(".")[0] != PACKAGE:
            continue
        out.add(mod)
        names = m.group(2).decode("utf-8", "replace").split("#")[0].strip("() \t\r\n")
        for part in names.replace("\n", ",").split(","):
            word = part.split("#")[0].strip().split(" as ")[0].strip()
            if word.isidentifier() and module_file(f"{mod}.{word}", root) is not None:
                out.add(f"{mod}.{word}")  # `from derm1m_build.tagger import core` imports a module
    for m in _IMPORT.finditer(src):
        for part in m.group(1).decode("utf-8", "replace").split("#")[0].split(","):
            word = part.strip().split(" as ")[0].strip()
            if word.split(".")[0] == PACKAGE:
                out.add(word)
    full: set[str] = set()
    for m in out:  # importing a.b.c runs a/__init__ and a/b/__init__ too
        parts = m.split(".")
        full.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return frozenset(m for m in full if module_file(m, root) is not None)


def closure(modules: tuple[str, ...], root: Path = ROOT) -> list[str]:
    """`modules` and every package module they import, transitively, sorted."""
    seen: set[str] = set()
    todo = [m for m in modules if module_file(m, root) is not None]
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        todo.extend(_imports(m, module_file(m, root), root) - seen)
    return sorted(seen)


@lru_cache(maxsize=None)
def _cached(modules: tuple[str, ...], root: Path) -> str:
    files = {m: sha256_bytes(module_file(m, root).read_bytes()) for m in closure(modules, root)}
    return digest_obj(files)


def code_digest(modules: list[str] | tuple[str, ...], root: Path = ROOT) -> str:
    """sha256 over the source bytes of `modules` and their package imports (names + bytes, never paths).
    Cached per process: the code does not change under a running build."""
    return _cached(tuple(sorted(set(modules))), Path(root))


def clear_cache() -> None:
    """Forget cached digests (tests that edit code inside one process)."""
    _cached.cache_clear()
    _imports.cache_clear()


__all__ = ["clear_cache", "code_digest", "closure", "module_file"]
