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
import importlib.abc
import sys
from collections.abc import Iterator

#: Top-level packages kept out: torch, and transformers (which imports torch).
TORCH_PACKAGES = frozenset({"torch", "transformers"})


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
