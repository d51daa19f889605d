"""songngu: Vietnamese-English annotation pipeline.

The package reads like the data flow::

    ingest -> vi -> events -> en -> align -> io -> evaluate -> cli

Each stage is one module or folder with one entry point; the JSON contract that
all of them produce and consume lives in :mod:`pipeline.contract`.
"""

from importlib.metadata import PackageNotFoundError, version as _version
from pathlib import Path

try:
    __version__ = _version("songngu")
except PackageNotFoundError:  # running from a checkout without installing
    __version__ = "0.0.0+local"

#: The repository's ``models/`` folder (trained models, with their model cards).
MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
