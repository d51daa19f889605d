"""Errors shared by several stages (and the one test their messages turn on), so that no stage imports
another to catch them.

The command line reports each in one line (``songngu: error: ...``) with exit code 2.
"""


class ModelUnavailable(RuntimeError):
    """A model the options name is not installed or cannot be loaded; the message says what to do.

    Raised by the English layer (spaCy model, translation model), the embedding
    aligner (encoder) and the trained components; caught by the batch runner and
    the commands that load models.
    """


def names_a_folder(name: str) -> bool:
    """Whether a model the options name is a path (``./m``, ``/models/m``, ``~/m``), not a Hugging Face hub name:
    a path that is not there is a folder to copy a model into, never a name to download."""
    return name.startswith((".", "/", "~"))
