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
from typing import Any, Self, TypeVar

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


class CarriesDataFiles:
    """spaCy's ``to_disk``/``from_disk``/``to_bytes``/``from_bytes`` for a component whose data is a :class:`DataFiles`.

    A component (or tokenizer) inherits them and defines two methods: ``_saved()``, its
    data (loading it first if nothing has yet), and ``_restore(data)``, which loads
    the component from saved data and returns it.
    """

    def _saved(self) -> DataFiles:
        raise NotImplementedError

    def _restore(self, data: DataFiles) -> Self:
        raise NotImplementedError

    def to_disk(self, path: str | Path, **kwargs) -> None:
        self._saved().to_disk(path)

    def from_disk(self, path: str | Path, **kwargs) -> Self:
        return self._restore(DataFiles.from_disk(path))

    def to_bytes(self, **kwargs) -> bytes:
        return self._saved().to_bytes()

    def from_bytes(self, data: bytes, **kwargs) -> Self:
        return self._restore(DataFiles.from_bytes(data))


class BuiltFromFiles(CarriesDataFiles):
    """A component that ``build(**files)`` makes from data files; the files travel with the pipeline.

    ``files`` maps each keyword argument of ``build`` to a path or a tuple of
    paths: the config's settings, resolved (``"<packaged>"`` already replaced by
    the packaged file). The component is built by :meth:`initialize` from those
    files, by :meth:`from_disk` from the pipeline's saved copies (same file
    names, so the ``songngu_meta`` it reports is the same), or else on first
    use. ``build`` must read everything it needs before returning.
    """

    def __init__(self, build: Callable[..., Any], files: dict[str, str | Path | tuple[str | Path, ...]]):
        self._build = build
        self.files = files
        self._component: Any = None
        self._data: DataFiles | None = None

    @property
    def component(self) -> Any:
        if self._component is None:
            self.initialize()
        return self._component

    @property
    def songngu_meta(self) -> Any:
        return self.component.songngu_meta

    def __call__(self, doc):
        return self.component(doc)

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """Build the component from the files the config names (spaCy calls this from ``nlp.initialize()``)."""
        component = self._build(**self.files)
        # Saved as <setting>/<n>/<file name>: a file keeps its name, and two settings may name the same file.
        data, layout = DataFiles(), {}
        for setting, paths in self.files.items():
            several = isinstance(paths, (list, tuple))
            names = []
            for n, path in enumerate(paths if several else [paths]):
                name = f"{setting}/{n}/{Path(path).name}"
                data.files[name] = Path(path).read_bytes()
                names.append(name)
            layout[setting] = names if several else names[0]
        data.record["settings"] = layout
        self._component, self._data = component, data

    def _restore(self, data: DataFiles) -> BuiltFromFiles:
        layout = data.record["settings"]
        with data.folder() as folder:
            saved = {
                setting: tuple(str(folder / n) for n in names) if isinstance(names, list) else str(folder / names)
                for setting, names in layout.items()
            }
            self._component = self._build(**saved)
        self._data = data
        return self

    def _saved(self) -> DataFiles:
        self.component  # noqa: B018  (builds it if nothing has yet)
        return self._data
