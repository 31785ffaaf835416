"""Where the package's data lives: the ontology, the caption prompts, the forum adapters.

In a source checkout (and an editable install) they are the repository's `ontology/`, `stages/prompts/`
and `stages/adapters/`, which people edit. A built wheel carries copies under `derm1m_build/_data/`
(setup.py's build step puts them there), so a normal `pip install` tags and captions too. One function
finds them; nothing else in the package looks for data beside its own files.

`DERM1M_ONTOLOGY` (an ontology folder) still overrides the ontology; `DERM1M_DATA_DIR` (a folder with
`ontology/`, `prompts/`, `adapters/`) overrides all three.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent
# name -> its place in the source checkout (the wheel's copy is _data/<name>)
DATA_DIRS: dict[str, str] = {"ontology": "ontology", "prompts": "stages/prompts", "adapters": "stages/adapters"}


def data_dir(name: str) -> Path:
    """The folder holding `name` ("ontology", "prompts" or "adapters")."""
    if name not in DATA_DIRS:
        raise KeyError(name)
    if name == "ontology" and os.environ.get("DERM1M_ONTOLOGY"):
        return Path(os.environ["DERM1M_ONTOLOGY"])
    if os.environ.get("DERM1M_DATA_DIR"):
        return Path(os.environ["DERM1M_DATA_DIR"]) / name
    packaged = PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return CHECKOUT / DATA_DIRS[name]
