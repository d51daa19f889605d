"""Vietnamese named-entity recognition: components that add to ``doc.ents``.

Each component records in ``span._.source`` what produced an entity.
"""

from pipeline.vi.ner import crf  # noqa: F401  (registers the component)
