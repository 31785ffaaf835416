"""`derm1m-build ontology stats | show NAME | lookup TEXT | validate`: inspect and check the ontology."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

DirOpt = typer.Option(None, "--dir", help="ontology folder (default: the repository's ontology/, or $DERM1M_ONTOLOGY)")
JsonOpt = typer.Option(False, "--json", help="one JSON object")


def _load(d: Optional[Path]):
    from derm1m_build.ontology import load_ontology

    return load_ontology(d)


def _suggest(onto, text: str, limit: int = 3) -> list[str]:
    """Close preferred names and synonyms for a phrase that names nothing (rapidfuzz WRatio)."""
    from rapidfuzz import fuzz, process

    from derm1m_build.ontology.loader import normalise_term

    keys = sorted(onto.term_index())
    hits = process.extract(normalise_term(text), keys, scorer=fuzz.WRatio, limit=limit, score_cutoff=70)
    return [h[0] for h in hits]


def _print(out, d: dict) -> None:
    width = max(len(k) for k in d)
    for k, v in d.items():
        if isinstance(v, list):
            v = " > ".join(v) if k == "path" else "; ".join(v)
        elif isinstance(v, dict):
            v = ", ".join(f"{a}={b}" for a, b in v.items())
        out.print(f"{k.ljust(width)}  {v}")


def register(app: typer.Typer) -> None:
    from derm1m_build.cli import out_console

    onto_app = typer.Typer(no_args_is_help=True, add_completion=False, rich_markup_mode=None,
                           help="Inspect and check the dermatology ontology (conditions, concepts, body sites).")
    app.add_typer(onto_app, name="ontology")

    @onto_app.command("stats")
    def stats_cmd(json_out: bool = JsonOpt, dir: Optional[Path] = DirOpt) -> None:
        """Counts per level and per branch, concepts per category, terms and codes.

        Example: derm1m-build ontology stats --json
        """
        from derm1m_build.ontology.report import stats

        s = stats(_load(dir))
        if json_out:
            out_console.print_json(json.dumps(s))
            return
        out_console.print(f"conditions {s['conditions']} ({s['leaves']} leaves), levels 1-{s['max_level']}: "
                          + ", ".join(f"L{k}={v}" for k, v in s["per_level"].items())
                          + (f" ({s['subtypes']} subtypes of a diagnosis)" if s["subtypes"] else ""))
        out_console.print(f"  synonyms {s['condition_terms']['synonyms']}, abbreviations "
                          f"{s['condition_terms']['abbreviations']}, codes "
                          + ", ".join(f"{k}={v}" for k, v in s["with_codes"].items()))
        out_console.print("branches:")
        for name, c in s["per_branch"].items():
            out_console.print(f"  {name}: {c['nodes']} nodes, {c['leaves']} leaves")
        out_console.print(f"concepts {s['concepts']}: " + ", ".join(f"{k}={v}" for k, v in s["concepts_per_category"].items()))
        out_console.print(f"body sites {s['body_sites']}; context rules {s['context_rules']}; "
                          f"dataset mappings: {', '.join(s['dataset_mappings']) or 'none'}")

    @onto_app.command("show")
    def show_cmd(name: str = typer.Argument(..., help="an id, preferred name, synonym or abbreviation"),
                 json_out: bool = JsonOpt, dir: Optional[Path] = DirOpt) -> None:
        """A node: its path from the top branch, parent, children, synonyms, abbreviations, codes.

        Example: derm1m-build ontology show "athlete's foot"
        """
        from derm1m_build.errors import UserError
        from derm1m_build.ontology.report import describe

        onto = _load(dir)
        hits = onto.find(name)
        if not hits:
            sugg = _suggest(onto, name)
            raise UserError(f"no ontology node is called {name!r}"
                            + (f"; did you mean: {', '.join(sugg)}?" if sugg else "; try `derm1m-build ontology lookup`"))
        nodes = [describe(onto, k, n) for k, n in hits]
        if json_out:
            out_console.print_json(json.dumps(nodes if len(nodes) > 1 else nodes[0]))
            return
        for i, d in enumerate(nodes):
            if i:
                out_console.print("")
            _print(out_console, d)

    @onto_app.command("lookup")
    def lookup_cmd(text: str = typer.Argument(..., help="a phrase, e.g. 'itchy ring-shaped patch on the groin'"),
                   json_out: bool = JsonOpt, dir: Optional[Path] = DirOpt) -> None:
        """Which nodes a phrase names: the whole phrase, else the longest known terms inside it.

        Exits 1 when nothing matches. Example: derm1m-build ontology lookup "jock itch"
        """
        onto = _load(dir)
        hits = onto.lookup(text)
        rows = []
        for m, k, nid in hits:
            node = onto.any_node(k, nid)
            rows.append({"matched": m, "kind": k, "id": nid, "name": node.name,
                         "path": onto.path(nid) if k == "condition" else [],
                         "abbreviation": m in node.abbreviations,
                         "needs_context": m in node.abbreviations or node.needs_context(m)})
        if json_out:
            out_console.print_json(json.dumps({"text": text, "matches": rows}))
        else:
            for r in rows:
                where = " > ".join(r["path"]) if r["path"] else r["kind"]
                flag = " [needs context]" if r["needs_context"] else ""
                out_console.print(f"{r['matched']!r} -> {r['id']} ({r['name']}; {where}){flag}")
            if not rows:
                sugg = _suggest(onto, text)
                out_console.print(f"no node named in {text!r}" + (f"; close: {', '.join(sugg)}" if sugg else ""))
        if not rows:
            raise typer.Exit(1)

    @onto_app.command("validate")
    def validate_cmd(dir: Optional[Path] = DirOpt) -> None:
        """Check schema, unique ids and names, one parent each, no cycle, leaves at level <= 4, shared
        synonyms marked ambiguous, common words with context rules, dataset mappings. Exits 1 on problems.

        Example: derm1m-build ontology validate
        """
        from derm1m_build.ontology.validate import validate_ontology

        problems = validate_ontology(dir)
        if problems:
            for p in problems:
                out_console.print(f"FAIL {p}")
            out_console.print(f"{len(problems)} problem(s)")
            raise typer.Exit(1)
        onto = _load(dir)
        out_console.print(f"OK {onto.source_dir}: {len(onto.conditions) - 1} conditions, {len(onto.concepts)} concepts, "
                          f"{len(onto.body_sites)} body sites")
