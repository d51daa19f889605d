"""``python -m pipeline`` is the ``songngu`` command."""

from pipeline.cli import run

run()
