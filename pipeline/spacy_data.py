"""How a component serialises the data files it carries (spaCy's ``to_disk``/``from_disk``, ``to_bytes``/``from_bytes``).

A songngu component is configured with the *names* of its data: a model
directory (``segmenter = "crf"``: ``models/segmenter/``), data files
(``files = ["<packaged>", "my_places.tsv"]``). ``nlp.to_disk(path)`` writes the
config with those names unchanged, and each component writes the data itself
under ``path/<component>/``; ``spacy.load(path)`` builds the components from the
config without reading that data (construction is lazy) and then
``from_disk`` reads the saved copy. So a saved pipeline runs where the
original files are not: on another machine, after ``models/`` was retrained, or
with ``SONGNGU_MODELS`` pointing elsewhere.

The data is kept as :class:`DataFiles`, the bytes of each file with a small
JSON record of what they are, so a component can write them out, pack them into
bytes, and load from them, without going back to where they came from.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import srsly

RECORD_FILE = "songngu_data.json"
T = TypeVar("T")


@dataclass
class DataFiles:
    """The files a component's data consists of: a JSON ``record`` and ``files`` (relative name -> bytes)."""

    record: dict[str, Any] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def from_folder(cls, folder: str | Path, record: dict[str, Any] | None = None) -> DataFiles:
        """Every file in ``folder`` (a model directory) and its subfolders, read now."""
        return cls(dict(record or {})).add_folder(folder)

    def add_folder(self, folder: str | Path, prefix: str = "") -> DataFiles:
        """Add every file under ``folder``, named ``prefix`` + its path inside ``folder``."""
        folder = Path(folder)
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                self.files[prefix + path.relative_to(folder).as_posix()] = path.read_bytes()
        return self

    def to_disk(self, path: str | Path) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / RECORD_FILE).write_text(
            json.dumps({**self.record, "files": sorted(self.files)}, ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8",
        )
        for name, data in self.files.items():
            target = path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    @classmethod
    def from_disk(cls, path: str | Path) -> DataFiles:
        path = Path(path)
        record_path = path / RECORD_FILE
        if not record_path.is_file():
            raise FileNotFoundError(f"{record_path}: missing; {path} was not written by a songngu component's to_disk")
        record = json.loads(record_path.read_text(encoding="utf-8"))
        names = record.pop("files", [])
        return cls(record, {name: (path / name).read_bytes() for name in names})

    def to_bytes(self) -> bytes:
        return srsly.msgpack_dumps({"record": self.record, "files": self.files})

    @classmethod
    def from_bytes(cls, data: bytes) -> DataFiles:
        msg = srsly.msgpack_loads(data)
        return cls(msg["record"], msg["files"])

    @contextmanager
    def folder(self) -> Iterator[Path]:
        """The files written to a temporary folder, for loaders that read a directory (removed afterwards)."""
        with tempfile.TemporaryDirectory(prefix="songngu-data-") as tmp:
            self.to_disk(tmp)
            yield Path(tmp)

    def load(self, loader: Callable[[Path], T]) -> T:
        """``loader(folder)`` on the files (the loaders read everything they need before returning)."""
        with self.folder() as folder:
            return loader(folder)
