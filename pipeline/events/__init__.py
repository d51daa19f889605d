"""Event extraction for Vietnamese: ACE 2005 events (+ Contact.Statement) with typed arguments.

The spaCy component ``songngu_events`` (:mod:`pipeline.events.component`) fills
``doc._.events`` with :class:`Event` objects and ``doc.spans["arguments"]`` with
the arguments that are not named entities (label ``OTHER``). What it knows is
data: the ontology (``ontology.yaml``) and the lexicon (``lexicon.yaml``);
``songngu train events`` fits a trigger classifier that can replace or back the
lexicon (:mod:`pipeline.events.trained`).
"""

from pipeline.docmodel import Argument, Event
from pipeline.events import component  # noqa: F401  (registers the factory)
from pipeline.events.lexicon import Lexicon, load_lexicon
from pipeline.events.ontology import Ontology, OntologyError, load_ontology

__all__ = ["Argument", "Event", "Lexicon", "Ontology", "OntologyError", "load_lexicon", "load_ontology"]
