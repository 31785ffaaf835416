"""A real classifier back-end, trained here and committed nowhere: `train-filter` on the tuning part of
the real-image material (real clinical + dermoscopy photos, real negatives, rendered slides; one folder
per modality class), then `eval-filter --backend classifier` on the held-out part, beside the heuristic.

    python -m benchmarks.filter.real_classifier [--arch resnet] [--epochs 30] [--image-size 96]

Slow on CPU (minutes: a ~0.2 M-parameter ResNet from a config, flipped copies of each batch).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path


def main() -> None:
    from benchmarks.filter.real_images import report, run_part
    from derm1m_build.filtering.train import train
    from derm1m_build.testing import realimages as R

    ap = argparse.ArgumentParser()
    ap.add_argument("--arch", default="resnet", choices=["resnet", "vit"])
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--image-size", type=int, default=96)
    ap.add_argument("--lr", type=float, default=2e-3)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        R.materialise(Path(d) / "tune", R.selected("tune"))
        log = train(Path(d) / "tune", Path(d) / "model", epochs=a.epochs, batch_size=16, lr=a.lr,
                    image_size=a.image_size, seed=0, device="cpu", arch=a.arch, flip=True)
        print(f"trained {log['base']} on {log['images']} tuning images, {log['steps']} steps, "
              f"loss {log['first_loss']} -> {log['last_loss']}", flush=True)
        for part in ("tune", "heldout"):
            print(report({k: v for k, v in run_part(part, "classifier", str(Path(d) / "model")).items()}), flush=True)


if __name__ == "__main__":
    main()
