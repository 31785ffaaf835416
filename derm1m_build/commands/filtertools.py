"""`derm1m-build train-filter` and `derm1m-build eval-filter`: make and measure filter models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    @app.command("train-filter")
    def train_filter(folder: Path = typer.Argument(..., help="labelled folder: FOLDER/keep/*, FOLDER/drop/* or one folder per class"),
                     out: Path = typer.Option(..., "--out", "-o", help="where to save the model (point [filter.classifier] model here)"),
                     base: Optional[str] = typer.Option(None, "--base", help="checkpoint to fine-tune (folder or hub id); default: a small ViT from a config"),
                     epochs: int = typer.Option(3, "--epochs"), batch_size: int = typer.Option(16, "--batch-size"),
                     lr: float = typer.Option(5e-4, "--lr"), image_size: int = typer.Option(64, "--image-size", help="input size of the from-config ViT"),
                     max_steps: Optional[int] = typer.Option(None, "--max-steps"), seed: int = typer.Option(0, "--seed"),
                     device: str = typer.Option("auto", "--device", help="auto, cpu or cuda"),
                     arch: str = typer.Option("vit", "--arch", help="from-config model without --base: vit or resnet"),
                     flip: bool = typer.Option(False, "--flip", help="also train on flipped copies")) -> None:
        """Fine-tune a small image classifier on a labelled folder; the `classifier` back-end loads it.

        Example: derm1m-build train-filter labelled/ --out models/skin-filter --epochs 5
        """
        from derm1m_build.filtering.train import train

        log = train(folder, out, base=base, epochs=epochs, batch_size=batch_size, lr=lr, image_size=image_size,
                    seed=seed, max_steps=max_steps, device=device, arch=arch, flip=flip)
        typer.echo(f"trained on {log['images']} images ({', '.join(log['classes'])}), {log['steps']} steps, "
                   f"loss {log['first_loss']} -> {log['last_loss']}; saved to {out}")

    @app.command("eval-filter")
    def eval_filter(folder: Path = typer.Argument(..., help="labelled folder: keep/ and drop/, or one folder per modality"),
                    backend: str = typer.Option("heuristic", "--backend", help="heuristic, classifier or zero-shot"),
                    recipe: Optional[Path] = typer.Option(None, "--recipe", "-r", help="take the [filter] section from this recipe"),
                    model: Optional[str] = typer.Option(None, "--model", help="model folder or hub id for classifier / zero-shot"),
                    threshold: Optional[float] = typer.Option(None, "--threshold"),
                    json_out: bool = typer.Option(False, "--json", help="one JSON line")) -> None:
        """Precision, recall and confusion matrix of a filter back-end on a labelled folder.

        Example: derm1m-build eval-filter labelled/ --backend classifier --model models/skin-filter --json
        """
        from derm1m_build.errors import UserError
        from derm1m_build.filtering.evaluate import evaluate
        from derm1m_build.stages.filter import FilterConfig

        if backend not in ("heuristic", "classifier", "zero-shot"):
            raise UserError(f"--backend {backend!r}: choose heuristic, classifier or zero-shot")
        resolve = None
        if recipe:
            from derm1m_build.recipe import load_recipe

            r = load_recipe(recipe)
            cfg = r.section("filter").model_dump(by_alias=True)
            resolve = r.resolve
        else:
            cfg = FilterConfig().model_dump(by_alias=True)
        cfg["backend"] = backend
        key = {"classifier": "classifier", "zero-shot": "zero-shot"}.get(backend)
        if key and model:
            cfg[key]["model"] = model
        if key and threshold is not None:
            cfg[key]["threshold"] = threshold
        res = evaluate(folder, FilterConfig(**cfg), resolve)
        if json_out:
            typer.echo(json.dumps(res, sort_keys=True))
            return
        typer.echo(f"{res['backend']} on {folder} ({res['layout']}, {res['n']} images): precision {res['precision']:.3f}, "
                   f"recall {res['recall']:.3f}, accuracy {res['accuracy']:.3f}")
        labels = res["labels"]
        w = max(8, *(len(x) for x in labels))
        typer.echo("true \\ pred".ljust(w + 2) + "".join(x.rjust(w + 2) for x in labels))
        for t in labels:
            typer.echo(t.ljust(w + 2) + "".join(str(res["confusion"][t][p]).rjust(w + 2) for p in labels))
        for c in labels:
            pc = res["per_class"][c]
            typer.echo(f"  {c}: precision {pc['precision']:.3f} recall {pc['recall']:.3f} (n={pc['support']})")
        if res["drop_reasons"]:
            typer.echo("drop reasons: " + ", ".join(f"{k}={v}" for k, v in res["drop_reasons"].items()))
