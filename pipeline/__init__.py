"""songngu: Vietnamese-English annotation pipeline.

The package reads like the data flow::

    ingest -> vi -> events -> en -> align -> io -> evaluate -> cli

Each stage is one module or folder with one entry point; the JSON contract that
all of them produce and consume lives in :mod:`pipeline.contract`.
"""

import os
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version
from pathlib import Path

try:
    __version__ = _version("songngu")
except PackageNotFoundError:  # running from a checkout without installing
    __version__ = "0.0.0+local"

#: Where the trained models live (each with its model card): the repository's
#: ``models/`` folder, which an editable install (``pip install -e .``) reads in
#: place, or the folder named by ``SONGNGU_MODELS`` (for a copy of ``models/``
#: beside a non-editable install, or models of your own).
MODELS_DIR = Path(os.environ.get("SONGNGU_MODELS") or Path(__file__).resolve().parent.parent / "models")

#: The research data sets songngu was trained and measured on, under :func:`data_dir`:
#: UD Vietnamese-VTB (``ud-vietnamese-vtb/vi_vtb-ud-{train,dev}.conllu``), BKEE and VHE.
#: They are not shipped (licences and size); the README's "Data" section says where to get them.
VTB_DIRNAME = "ud-vietnamese-vtb"


def data_dir() -> Path:
    """Where the research data sets are: ``$SONGNGU_DATA`` when set, else ``shared/data`` beside the checkout.

    "Beside the checkout" is the first ``shared/data`` found going up from the
    checkout's parent (a git worktree nested inside a checkout finds its
    parent's); when there is none, ``../shared/data`` of the checkout, which
    then does not exist and the commands that need it say so.
    """
    env = os.environ.get("SONGNGU_DATA")
    if env:
        return Path(env)
    checkout = Path(__file__).resolve().parent.parent
    for parent in checkout.parents:
        if (parent / "shared" / "data").is_dir():
            return parent / "shared" / "data"
    return checkout.parent / "shared" / "data"


def vtb_file(split: str) -> Path:
    """UD Vietnamese-VTB's ``train`` or ``dev`` CoNLL-U file under :func:`data_dir` (it may not exist)."""
    return data_dir() / VTB_DIRNAME / f"vi_vtb-ud-{split}.conllu"
