"""Where songngu's log messages go.

Every module logs through its own logger, ``logging.getLogger(__name__)``
(``pipeline.vi.segmenter.crf``, ``pipeline.en.translate``, ...), so all of them
sit under the ``pipeline`` logger. As a library, songngu adds no handler: in a
notebook, Python's default applies (warnings and errors on stderr), and
``logging.getLogger("pipeline").setLevel(logging.INFO)`` plus a handler of your
own shows more. The command line calls :func:`to_stderr` with the level that
``--verbose`` / ``--quiet`` choose, and the batch runner repeats it in each
worker process it starts (a spawned process inherits no logging set-up).

Log messages are for progress and diagnosis; what a command reports as its
result or as a bad input (``songngu: error: FILE: ...``) is printed, whatever
the level.
"""

from __future__ import annotations

import logging
import sys

#: The logger every songngu module's logger descends from.
ROOT_LOGGER = "pipeline"


class _Stderr(logging.StreamHandler):
    """A handler that writes to whatever ``sys.stderr`` is at the time (pytest and callers swap it)."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:  # StreamHandler.__init__ assigns one; the property ignores it
        pass


class _Format(logging.Formatter):
    """``songngu: message`` for progress, ``songngu: warning: ...`` above it, module names in debug lines."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + self.formatException(record.exc_info)
        if record.levelno >= logging.WARNING:
            return f"songngu: {record.levelname.lower()}: {message}"
        if record.levelno < logging.INFO:
            return f"songngu: debug: {record.name}: {message}"
        return f"songngu: {message}"


def to_stderr(level: int) -> None:
    """Send the ``pipeline.*`` loggers' messages of ``level`` and above to stderr, one line each.

    Idempotent: a second call replaces the handler and level of the first.
    """
    logger = logging.getLogger(ROOT_LOGGER)
    for handler in [h for h in logger.handlers if isinstance(h, _Stderr)]:
        logger.removeHandler(handler)
    handler = _Stderr()
    handler.setFormatter(_Format())
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False  # a caller's root handler would print each line twice


def configured_level() -> int | None:
    """The level :func:`to_stderr` set in this process, or None (for passing it on to worker processes)."""
    logger = logging.getLogger(ROOT_LOGGER)
    return logger.level if any(isinstance(h, _Stderr) for h in logger.handlers) else None
