"""Event extraction for Vietnamese: ACE 2005 events (+ Contact.Statement) with typed arguments.

The spaCy component ``songngu_events`` (:mod:`pipeline.events.component`) fills
``doc._.events`` with :class:`Event` objects and ``doc.spans["arguments"]`` with
the arguments that are not named entities (label ``OTHER``). What it knows is
data: the ontology (``ontology.yaml``) and the lexicon (``lexicon.yaml``);
``songngu train events`` fits a trigger classifier that can replace or back the
lexicon (:mod:`pipeline.events.trained`). Events are
:class:`pipeline.docmodel.Event` objects; importing
:mod:`pipeline.events.component` registers the factory (``load_vi`` does), so
that importing this package (``songngu train events``) does not load spaCy.
The data files are read by :func:`pipeline.events.ontology.load_ontology` and
:func:`pipeline.events.lexicon.load_lexicon`.
"""
