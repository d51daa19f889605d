"""Errors shared by several stages, so that no stage imports another to catch them.

The command line reports each in one line (``songngu: error: ...``) with exit code 2.
"""


class ModelUnavailable(RuntimeError):
    """A model the options name is not installed or cannot be loaded; the message says what to do.

    Raised by the English layer (spaCy model, translation model), the embedding
    aligner (encoder) and the trained components; caught by the batch runner and
    the commands that load models.
    """
