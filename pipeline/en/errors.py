"""The error every optional model raises when it cannot be used, so the CLI can report it in one line."""


class ModelUnavailable(RuntimeError):
    """A model the options name is not installed or cannot be loaded; the message says what to do."""
