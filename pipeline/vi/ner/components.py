"""Importing this module registers every NER component factory with spaCy."""

from pipeline.vi.ner import (  # noqa: F401
    classifiers,
    crf,
    dates,
    foreign,
    gazetteer,
    merge,
    numbers,
    organisations,
    persons,
    split,
    titles,
    trained,
    typer,
)
