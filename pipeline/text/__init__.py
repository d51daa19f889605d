"""Vietnamese text basics every stage shares, each written once.

==================  =========================================================
module              what
==================  =========================================================
``normalize``       spelling keys: tone-mark placement (``hoà`` = ``hòa``),
                    lower case, diacritics stripped (``Xô Viết`` ~ ``xo viet``)
``numbers``         number words and digits, and the exact value of a number
                    phrase (``23 ngàn`` = 23000, ``hai mươi mốt`` = 21)
``calendar``        month and season words (``tháng sáu``, ``mùa hè``)
``tsv``             the reader of every tab-separated data file
``phrases``         phrases looked up by their syllables, whatever the word
                    segmenter made of them
``gazetteer``       the project's list of names, their labels and English names
==================  =========================================================

The segmenter, the entity rules, the event rules and the aligner all read
these; none of them keeps a copy. This package imports nothing else of
``pipeline`` (and spaCy only where a matcher reads a ``Doc``), so any stage
may use it.
"""
