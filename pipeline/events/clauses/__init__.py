"""Reading a Vietnamese clause around an event trigger: arguments and modality.

There is no dependency parser for Vietnamese that runs offline here
(underthesea's downloads and fails), so the arguments are read off the word
order with rules, on the segmented words, their VLSP tags and ``doc.ents``.
One module per thing read, each returning a dataclass of token spans:

==================  =====================================================  ==========================
module              reads                                                  returns
==================  =====================================================  ==========================
``words``           the lexicon's word lists and the tagger's word classes  :class:`Words`
``noun_phrases``    noun phrases before and after a position                :class:`Phrase`
``subjects``        subject, passive voice, doer, co-participants           :class:`SubjectReading`
``objects``         the object and the roles of the prepositions after it  :class:`RoleFiller`
``time_place``      dates and places, attached to their trigger             :class:`TimesAndPlaces`
``modality``        asserted, negated or reported/uncertain                 a string
``arguments``       one trigger's frame filled from the readings above     [:class:`RoleFiller`]
==================  =====================================================  ==========================

Every word list comes from the lexicon file (``grammar``, ``modality``).
"""
