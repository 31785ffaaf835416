"""A demo public-dataset folder for the `datasets` source, in HAM10000's and DDI's native layouts.

`root/datasets/HAM10000/` holds HAM10000_metadata.csv (several images per lesion, an empty age, an
`unknown` sex, an image_id with `.jpg` appended as some forks do) and images split over
HAM10000_images_part_1/ and _part_2/ like the Dataverse download; `root/datasets/DDI/` holds
ddi_metadata.csv (pandas index column, TRUE/FALSE, slug labels) and its PNGs. Images are vendored
real photographs of the row's diagnosis where the demo has one (ISIC 2017 dermoscopy for HAM10000,
PAD-UFES-20 clinical photos for DDI; see demo/data/photos/ATTRIBUTION.md), else drawings in its style.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from derm1m_build.demo import images as gen
from derm1m_build.demo import photos
from derm1m_build.store import atomic_write_bytes

HAM_ROWS = [
    # lesion_id, image_id, dx, dx_type, age, sex, localization, style
    ("HAM_0000118", "ISIC_0027419", "bkl", "histo", "80", "male", "scalp", "brown_macule"),
    ("HAM_0000118", "ISIC_0025030", "bkl", "histo", "80", "male", "scalp", "brown_macule"),
    ("HAM_0002730", "ISIC_0026769", "nv", "follow_up", "45", "male", "back", "brown_macule"),
    ("HAM_0001466", "ISIC_0031633.jpg", "mel", "histo", "", "female", "lower extremity", "dark_nodule"),
    ("HAM_0002761", "ISIC_0029176", "bcc", "histo", "60", "unknown", "face", "pearly_papule"),
    ("HAM_0005132", "ISIC_0025837", "akiec", "histo", "70", "female", "unknown", "red_plaque"),
    ("HAM_0001396", "ISIC_0025276", "df", "consensus", "55", "female", "lower extremity", "brown_macule"),
    ("HAM_0004234", "ISIC_0029396", "vasc", "consensus", "35", "male", "trunk", "red_plaque"),
]

# dataset label -> the vendored photographs' condition (real photographs where the demo has them)
HAM_DX = {"bkl": "seborrheic keratosis", "nv": "melanocytic nevus", "mel": "melanoma"}
DDI_DX = {"melanocytic-nevi": "melanocytic nevus"}  # the two clinical melanomas are the local's and the lectures'

DDI_ROWS = [("0", "1", "000001.png", "56", "TRUE", "melanoma-in-situ", "dark_nodule"),
            ("1", "2", "000002.png", "12", "FALSE", "melanocytic-nevi", "brown_macule"),
            ("2", "3", "000003.png", "34", "FALSE", "verruca-vulgaris", "vesicles")]


def _csv(header: list[str], rows: list[tuple]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def generate_datasets(root: Path, seed: int = 7) -> dict[str, int]:
    d = Path(root) / "datasets"
    ham = d / "HAM10000"
    atomic_write_bytes(ham / "HAM10000_metadata.csv",
                       _csv(["lesion_id", "image_id", "dx", "dx_type", "age", "sex", "localization"],
                            [r[:7] for r in HAM_ROWS]))
    for i, r in enumerate(HAM_ROWS):
        stem = r[1].removesuffix(".jpg")
        part = 1 + i % 2
        real = photos.photos(HAM_DX.get(r[2], ""), "dermoscopy")
        if real:  # HAM10000 is dermoscopy: a real ISIC dermoscopy image of the same diagnosis
            data = real[i % len(real)].path.read_bytes()
        else:
            data = gen.to_jpeg(gen.skin_photo(seed * 7000 + i, size=300, style=r[7]))
        atomic_write_bytes(ham / f"HAM10000_images_part_{part}" / f"{stem}.jpg", data)
    ddi = d / "DDI"
    atomic_write_bytes(ddi / "ddi_metadata.csv",
                       _csv(["", "DDI_ID", "DDI_file", "skin_tone", "malignant", "disease"], [r[:6] for r in DDI_ROWS]))
    for i, r in enumerate(DDI_ROWS):
        tone = {"12": 0, "34": 2, "56": 5}[r[3]]
        real = photos.photos(DDI_DX.get(r[5], ""), "clinical")
        img = photos.read(real[2 % len(real)]) if real else gen.skin_photo(seed * 7100 + i, 256, tone, r[6])
        atomic_write_bytes(ddi / "images" / r[2], gen.to_png(img))
    return {"datasets_images": len(HAM_ROWS) + len(DDI_ROWS)}
