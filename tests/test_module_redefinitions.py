"""No product module binds a top-level name twice unless the second binding extends the first.

Why: parallel rounds on one module each add constants and helpers; a merge can leave two `_SUB_GAP = ...` lines
(one for sub-photos, one for sub-caption lines) and the later silently replaces the earlier for every caller above
it. `X = X + (...)` (extending a table) is allowed; any other second binding of a def, class or name is a defect.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "derm1m_build"


def _bound(node: ast.stmt) -> list[tuple[str, ast.AST | None]]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [(node.name, None)]
    if isinstance(node, ast.Assign):
        return [(t.id, node.value) for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
        return [(node.target.id, node.value)]
    return []


def redefinitions(source: str) -> list[tuple[str, int]]:
    """(name, line) of every top-level binding that replaces an earlier one without reading it."""
    seen: set[str] = set()
    out = []
    for node in ast.parse(source).body:
        for name, value in _bound(node):
            extends = value is not None and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(value))
            if name in seen and not extends:
                out.append((name, node.lineno))
            seen.add(name)
    return out


def test_the_check_finds_a_shadowing_constant_and_allows_an_extension():
    src = "_GAP = 3\ndef f():\n    return _GAP\nT = (1,)\nT = T + (2,)\n_GAP = 1.5\ndef f():\n    pass\n"
    assert redefinitions(src) == [("_GAP", 6), ("f", 7)]


def test_no_product_module_shadows_its_own_names():
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        hits = redefinitions(path.read_text(encoding="utf-8"))
        if hits:
            found[str(path.relative_to(PACKAGE.parent))] = hits
    assert found == {}
