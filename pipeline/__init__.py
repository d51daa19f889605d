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
