"""captions.csv as Derm1M's training loader and open_clip's CSV dataset read it."""

from __future__ import annotations

import pandas as pd
from PIL import Image


def test_derm1m_loader_reads_captions_csv(demo_build):
    """Derm1M's loader: pandas, image at root + "/" + filename, text from truncated_caption, a source column."""
    root = str(demo_build / "dataset")
    df = pd.read_csv(root + "/captions.csv")
    assert len(df) > 50
    assert {"filename", "truncated_caption", "source", "caption", "hierarchical_disease_label"} <= set(df.columns)
    for _, r in df.iterrows():
        img = Image.open(root + "/" + r["filename"]).convert("RGB")
        assert img.size[0] > 0
        assert isinstance(r["truncated_caption"], str) and r["truncated_caption"]
        assert r["source"] == "local"
    for split in ("train", "val", "test"):
        part = pd.read_csv(root + f"/splits/{split}.csv")
        assert list(part.columns) == list(df.columns)
        assert part["sample_id"].tolist() == df[df["split"] == split]["sample_id"].tolist()


class CsvDataset:
    """open_clip's `CsvDataset` (open_clip/training/data.py), its few lines, without the transforms."""

    def __init__(self, input_filename, img_key, caption_key, sep="\t"):
        df = pd.read_csv(input_filename, sep=sep)
        self.images = df[img_key].tolist()
        self.captions = df[caption_key].tolist()

    def __len__(self):
        return len(self.captions)

    def __getitem__(self, idx):
        images = Image.open(str(self.images[idx]))
        texts = str(self.captions[idx])
        return images, texts


def test_open_clip_csv_dataset_reads_captions_csv(demo_build, monkeypatch):
    """open_clip: --csv-separator "," --csv-img-key filename --csv-caption-key truncated_caption, run from dataset/."""
    monkeypatch.chdir(demo_build / "dataset")
    for name in ("captions.csv", "splits/train.csv"):
        ds = CsvDataset(name, "filename", "truncated_caption", sep=",")
        assert len(ds) > 0
        for i in range(len(ds)):
            img, text = ds[i]
            img.load()
            assert img.size[0] > 0 and text and text != "nan"
