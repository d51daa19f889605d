"""What a process that annotates imports, and what it leaves out.

Only machine translation (``--translate``) and the embedding word aligner
(``--word-aligner embedding``) run torch. Yet two libraries import it as soon as
it is installed (it is, with the ``mt`` extra), whether or not it is used:

* thinc, under spaCy: ``thinc.compat`` tries ``import torch`` to offer its
  PyTorch wrappers, and has no setting to skip that;
* underthesea: its package ``__init__`` imports its translator, hence
  transformers and torch (songngu never imports that ``__init__``; see
  :mod:`pipeline.vi.underthesea_models`; its segmenter backend does).

That is about 1.5 s and 220 MiB per process, paid by every worker. So the
Annotator loads its pipelines inside :func:`torch_kept_out` unless the options
ask for MT or the embedding aligner: while it is active, importing torch or
transformers fails with ``ModuleNotFoundError``, which both libraries catch
(thinc then simply offers no PyTorch wrappers, which songngu does not use). The
guard ends with the block; a later ``import torch`` (an Annotator with MT made
afterwards in the same process) works as usual.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import logging
import marshal
import mmap
import os
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TypeVar

logger = logging.getLogger(__name__)
T = TypeVar("T")

#: Changes when what :func:`cached` writes changes shape.
CACHE_FORMAT = b"songngu start-up cache 1"

#: Top-level packages kept out: torch, and transformers (which imports torch).
TORCH_PACKAGES = frozenset({"torch", "transformers"})

#: pydantic's copy of its version 1 API, which :func:`lean_imports` leaves out.
PYDANTIC_V1 = "pydantic.v1"


class _KeepOut(importlib.abc.MetaPathFinder):
    """A finder consulted before all others that refuses the named packages."""

    def __init__(self, packages: frozenset[str]):
        self.packages = packages

    def find_spec(self, fullname, path=None, target=None):
        if fullname.partition(".")[0] in self.packages:
            raise ModuleNotFoundError(
                f"{fullname} is not imported while songngu loads a pipeline without MT or the embedding aligner",
                name=fullname,
            )
        return None


#: The module that imports :data:`PYDANTIC_V1` only to recognise version 1 models, and does without it.
CONFECTION_VALIDATION = "confection.validation"


def _importer() -> str | None:
    """The name of the module whose code is importing, as seen from a finder (the first frame outside the import system)."""
    frame = sys._getframe(1)
    while frame is not None:
        name = frame.f_globals.get("__name__")
        if name != __name__ and not (name or "").startswith(("importlib", "_frozen_importlib")):
            return name
        frame = frame.f_back
    return None


class _PydanticV1LeftToConfection(importlib.abc.MetaPathFinder):
    """Refuses :data:`PYDANTIC_V1` to confection's validation module, and to it only.

    confection (1.x) imports pydantic's copy of its version 1 API only to recognise version 1 models
    among the schemas it is given, and does without it when the import fails; spaCy 3.8.18's schemas
    are pydantic 2 models, and songngu has none. Any other importer gets the module as usual (an older
    spaCy or thinc whose schemas are version 1 models): once it is imported, confection is given the
    two names it would have found (:meth:`give_back`, at the next import and when the block ends),
    before any config is validated. What is left: version 1 models handed to confection by code
    imported after the block, in the same process, are not recognised as such.
    """

    def __init__(self) -> None:
        self.refused = False

    def find_spec(self, fullname, path=None, target=None):
        if self.refused:
            self.give_back()
        if fullname == PYDANTIC_V1 and _importer() == CONFECTION_VALIDATION:
            self.refused = True
            raise ModuleNotFoundError(f"{fullname} is not imported while songngu loads its pipelines", name=fullname)
        return None

    def give_back(self) -> None:
        """confection's two version 1 names, once someone else has imported pydantic.v1 (whole: not during its import)."""
        v1, validation = sys.modules.get(PYDANTIC_V1), sys.modules.get(CONFECTION_VALIDATION)
        model, error = getattr(v1, "BaseModel", None), getattr(v1, "ValidationError", None)
        if validation is None or model is None or error is None:
            return
        if getattr(validation, "_PydanticV1BaseModel", model) is None:
            validation._PydanticV1BaseModel = model
        if getattr(validation, "_PydanticV1ValidationError", error) is None:
            validation._PydanticV1ValidationError = error
        self.refused = False


@contextlib.contextmanager
def torch_kept_out(packages: frozenset[str] = TORCH_PACKAGES) -> Iterator[None]:
    """Within the block, importing torch (or transformers) fails as if it were not installed.

    Nothing changes if one of them is already imported (a test session, a
    notebook that used torch): the guard only stops a first import.
    """
    if any(name in sys.modules for name in packages):
        yield
        return
    finder = _KeepOut(packages)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


def _run_deferred(module: ModuleType) -> None:
    """Run a deferred module's own code in it, once (see :func:`deferred_module`)."""
    if module.__dict__.pop("__getattr__", None) is None:
        return  # ran already
    module.__spec__.loader.exec_module(module)


def deferred_module(name: str, search_path: list[str] | None = None, **names) -> ModuleType | None:
    """Module ``name`` made from its spec and put in ``sys.modules``, its code not run until a name is missing.

    The module gets a module-level ``__getattr__`` (PEP 562, consulted only for
    names the module does not have): the first such look-up runs the module's
    code, then answers. ``names`` are set beforehand (a forwarding function for
    a name that an importer takes at once). ``search_path`` is the parent
    package's ``__path__`` for a submodule (found without importing the parent).
    None when the module is imported already or cannot be found.

    Why not the standard library's :class:`importlib.util.LazyLoader`: it runs the module's
    code on the first look-up of *any* of its attributes. Every use here needs a few
    look-ups answered without that: importing a submodule of a deferred package (underthesea's
    segmenter, under a package ``__init__`` that imports all its predictors) reads the
    package's ``__path__``; ``from spacy.cli.info import info`` (in ``spacy/__init__.py``)
    reads ``info``; underthesea's normaliser imports the two tables given here as ``names``
    (:func:`pipeline.vi.segmenter.underthesea_model.normaliser_tables_from_cache`). A module-level
    ``__getattr__`` is consulted only for the names a module lacks, which is what these need.
    """
    if name in sys.modules:
        return None
    spec = importlib.machinery.PathFinder.find_spec(name, search_path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)

    def __getattr__(attr: str):
        if attr == "__path__":  # the import system asks a plain module whether it is a package
            raise AttributeError(attr)
        _run_deferred(module)
        return getattr(module, attr)

    module.__getattr__ = __getattr__
    module.__dict__.update(names)
    sys.modules[name] = module
    return module


def _run_spacy_cli() -> None:
    """Run spaCy's deferred command line: ``spacy.cli.info``, then ``spacy.cli`` (which imports it first)."""
    for name in ("spacy.cli.info", "spacy.cli"):
        _run_deferred(sys.modules[name])


def _spacy_info(*args, **kwargs):
    """``spacy.info``: spaCy's command line, run (imported) when the function is first called."""
    _run_spacy_cli()
    return sys.modules["spacy.cli.info"].info(*args, **kwargs)


@contextlib.contextmanager
def lean_imports() -> Iterator[None]:
    """Within the block, importing spaCy leaves its command line out, underthesea its package ``__init__``
    and confection ``pydantic.v1``.

    The first two are deferred, not refused: see the module's docstring. ``pydantic.v1`` is refused to
    confection alone (:class:`_PydanticV1LeftToConfection`); it imports as usual after the block.
    Nothing changes for a package that is imported already.
    """
    if "spacy" not in sys.modules:
        spacy_spec = importlib.util.find_spec("spacy")  # a top-level package: found, not imported
        if spacy_spec is not None and spacy_spec.submodule_search_locations:
            cli = deferred_module("spacy.cli", list(spacy_spec.submodule_search_locations))
            info = cli and deferred_module("spacy.cli.info", list(cli.__path__), info=_spacy_info)
            if info is not None:
                # The two run together, as an import of either would run both (a module
                # of spaCy's command line that ran alone would leave spacy.cli's names unset).
                for module in (cli, info):

                    def run_both(attr: str, module: ModuleType = module):
                        if attr == "__path__":
                            raise AttributeError(attr)
                        _run_spacy_cli()
                        return getattr(module, attr)

                    module.__getattr__ = run_both
    deferred_module("underthesea")
    # confection's pydantic.v1, left out (_PydanticV1LeftToConfection): spaCy's import took 0.353
    # against 0.390 CPU s (medians of 15 alternated runs, load 1).
    pydantic_v1 = None
    if "confection" not in sys.modules and PYDANTIC_V1 not in sys.modules:
        pydantic_v1 = _PydanticV1LeftToConfection()
        sys.meta_path.insert(0, pydantic_v1)
    try:
        yield
    finally:
        if pydantic_v1 is not None:
            sys.meta_path.remove(pydantic_v1)
            pydantic_v1.give_back()
        # ``import spacy.cli`` binds ``cli`` on spacy only when it loads the module; here
        # spacy found it in sys.modules, so the binding is made by hand.
        spacy, cli = sys.modules.get("spacy"), sys.modules.get("spacy.cli")
        if spacy is not None and cli is not None and "cli" not in spacy.__dict__:
            spacy.cli = cli


def cached(name: str, made_from: Iterable[bytes | str], compute: Callable[[], T]) -> T:
    """``compute()``, or the value it returned last time from the same material, read back from disk.

    For the start-up: a value a process computes from data files before its
    first document (the segmenter's word lists folded: about 0.3 CPU s per
    process; the events' YAML files parsed: about 0.15 s) read back with
    :mod:`marshal` in a few milliseconds. ``made_from`` is everything the value
    depends on: the files' contents and the source of the code that computes it
    (:func:`source_of`); the Python version and its Unicode tables are added
    here (marshal's format and unicodedata's normal forms depend on them). So a
    changed file or a changed function gives a new key, never a stale value.

    The file (``cache_dir()/startup/<name>-<key>.marshal``) holds a SHA-256 of
    its payload, checked when read: a damaged file is computed again. A value
    marshal cannot write (not plain data), or a cache folder that cannot be
    written, only means no cache. Older files of the same ``name`` are removed.
    """
    from pipeline import cache_dir

    key = hashlib.sha256(CACHE_FORMAT)
    for part in (sys.version, unicodedata.unidata_version, *made_from):
        data = part.encode("utf-8") if isinstance(part, str) else part
        key.update(len(data).to_bytes(8, "little"))
        key.update(data)
    folder = cache_dir() / "startup"
    path = folder / f"{name}-{key.hexdigest()[:32]}.marshal"
    found = _read_back(path)
    if found is not _MISSING:
        return found
    value = compute()
    try:
        payload = marshal.dumps(value)
    except ValueError:  # not plain data
        return value
    try:
        from pipeline.io.files import atomic_file

        for old in folder.glob(f"{name}-*.marshal"):
            old.unlink(missing_ok=True)
        with atomic_file(path) as handle:
            handle.write(hashlib.sha256(payload).digest() + payload)
    except OSError as exc:
        logger.debug("start-up cache %s not written: %s", path, exc)
    return value


_MISSING = object()


def _read_back(path: Path) -> object:
    """The value :func:`cached` wrote to ``path``, or ``_MISSING`` (no file, a damaged one).

    The file is mapped, not read, and its payload checked and unmarshalled in place: read into
    memory and sliced (``blob[32:]``, twice), the start-up's 20 MB of cache files were copied three
    times, each copy a fresh run of pages for the kernel to fault in (about 5,000 page faults and
    0.01 CPU s per process, 4 x 3 runs alternated). The mapping stays valid if the file is replaced
    meanwhile (:func:`cached` writes a new file and renames it over the old one).
    """
    try:
        with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            if len(mapped) <= 32:
                return _MISSING
            with memoryview(mapped) as view, view[32:] as payload:
                if hashlib.sha256(payload).digest() != mapped[:32]:
                    return _MISSING
                return marshal.loads(payload)
    except (OSError, ValueError, EOFError, TypeError):  # no file, an empty one (mmap refuses it), bad data
        return _MISSING


def cached_sets(name: str, made_from: Iterable[bytes | str], compute: Callable[[], Iterable[set[str]]]) -> tuple:
    """:func:`cached` for a value that is a few sets of strings (word lists): ``compute()``'s sets, as a tuple.

    The sets are stored packed (:func:`packed_set`), which is how they read back fastest; the
    callers get plain sets and never see the packing.
    """
    packed = cached(name, made_from, lambda: tuple(packed_set(strings) for strings in compute()))
    return tuple(unpacked_set(value) for value in packed)


def packed_set(strings: set[str]) -> tuple[str, int] | set[str]:
    """A set of strings as :func:`cached` reads it back fastest: its members joined by line breaks, and their number.

    marshal reads a set member by member; one string split at its line breaks, then
    made a set, is about a third less CPU time (Viet74K's 61,005 folded words and
    7,579 syllables: 0.020 against 0.030 CPU s). A set with a member that holds a line
    break is kept as it is. :func:`unpacked_set` gives the set back.
    """
    if any("\n" in member for member in strings):
        return strings
    return "\n".join(strings), len(strings)


def unpacked_set(value: tuple[str, int] | set[str]) -> set[str]:
    """The set that :func:`packed_set` packed."""
    if isinstance(value, set):
        return value
    text, count = value
    return set(text.split("\n")) if count else set()


def source_of(*modules: ModuleType) -> list[bytes]:
    """The source files of ``modules``, as :func:`cached` material (the code that computes a value)."""
    return [Path(module.__file__).read_bytes() for module in modules]


def one_blas_thread() -> None:
    """numpy's OpenBLAS with one thread in this process and its workers, unless the user asked for more.

    songngu's engine (pipeline/batch/local.py) runs documents in parallel in processes (``--workers``), never
    inside one: OpenBLAS's
    thread pool, made when numpy is first imported (one thread per CPU), only costs here. Making it
    is about 0.04 CPU s of every start-up (numpy's import: 0.064 against 0.109 CPU s, medians of 12
    alternated runs), and no product the pipelines compute is large enough for OpenBLAS to split it
    between threads (the bench's 80 documents give the same files either way). The setting is read
    when numpy loads OpenBLAS: nothing changes once numpy is imported, nor where
    ``OPENBLAS_NUM_THREADS`` is set already.
    """
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No automatic garbage collection within the block (for loading the pipelines).

    Loading makes about a hundred thousand long-lived containers (and leaves no
    garbage cycles: a collection right after finds none); every collection their
    allocations trigger walks all of those made so far again. Collection resumes
    when the block ends, if it was on before: freeze what was loaded first
    (:func:`gc.freeze`), or the first collection after the block walks it all.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


#: CPython's young-generation threshold while documents are annotated (its default: 700 allocations).
#: A document makes and drops tens of thousands of containers (feature lists, spans, the JSON tree);
#: at 700 the bench's 80 documents took about 180 young collections, each walking the objects then
#: alive and promoting the survivors to be walked again by the older generations; at 10,000, five.
#: What the pipelines loaded is frozen (:func:`gc_paused`), and a document's objects die with it, so
#: this only lets a few thousand more objects wait for a collection.
YOUNG_THRESHOLD = 10_000


@contextlib.contextmanager
def fewer_young_collections(threshold: int = YOUNG_THRESHOLD) -> Iterator[None]:
    """Within the block, the young generation is collected every ``threshold`` allocations; restored after."""
    previous = gc.get_threshold()
    gc.set_threshold(max(threshold, previous[0]), *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)
