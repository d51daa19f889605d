"""spaCy components that make ``en_core_web_sm`` produce the contract's English layer.

``songngu_en_sentences`` (after spaCy's ``senter``)
    Sentence boundaries the statistical model gets wrong on encyclopaedic text:
    a line break always ends a sentence (titles, paragraphs); a citation marker
    (``[29]``) or a closing quote after a full stop belongs to the sentence it
    closes, and the capitalised word after it starts the next one. When the text
    is machine translation, the boundaries of the translated sentences are given
    (``doc.user_data["songngu_sentence_starts"]``, character offsets) and are the
    only ones: MT output is 1-1 with the Vietnamese sentences by construction.

``songngu_en_entities`` (after ``ner``)
    OntoNotes labels mapped onto PER/LOC/ORG/MISC/DATE/NUM (the original kept
    in ``span._.original_label``), ``span._.source`` and a normalised
    ``span._.value`` for DATE/NUM; spans trimmed of a leading "the" and of the
    whitespace, punctuation and citation markers the tokenizer sometimes leaves
    at their edges.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from pipeline.docmodel import register_extensions
from pipeline.en.values import ONTONOTES_TO_CONTRACT, entity_value, month_numbers, number_token_value
from pipeline.text.calendar import share_year

register_extensions()

SENTENCE_STARTS_KEY = "songngu_sentence_starts"

_CITATION = re.compile(r"^\[\d+\]$")
_FINAL = {".", "!", "?", "...", "…"}
_CLOSERS = {'"', "”", "’", "'", ")", "»"}


def _is_citation(text: str) -> bool:
    return bool(_CITATION.match(text))


@registry.tokenizers("songngu.en.Tokenizer.v1")
def create_tokenizer():
    """spaCy's English tokenizer, with citation markers and ellipses between words split off."""

    def make(nlp: Language):
        from spacy.util import compile_infix_regex, compile_suffix_regex

        tokenizer = registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        # Citation markers glued to the text ("Caucasus."[29], 1994.[68]) and ellipses
        # between words ("collapsed...Azerbaijan") are tokens of their own.
        tokenizer.suffix_search = compile_suffix_regex(list(nlp.Defaults.suffixes) + [r"\[\d+\]"]).search
        tokenizer.infix_finditer = compile_infix_regex(
            list(nlp.Defaults.infixes) + [r"(?<=[\w.\"”’)])\[\d+\]", r"(?<=\w)\.\.\.(?=\w)"]
        ).finditer
        return tokenizer

    return make


@Language.factory(
    "songngu_en_sentences", requires=["token.is_sent_start"], assigns=["token.is_sent_start", "doc.sents"]
)
def make_sentence_fixer(nlp: Language, name: str):
    return _sentence_fixer


def _sentence_fixer(doc: Doc) -> Doc:
    forced = doc.user_data.get(SENTENCE_STARTS_KEY)
    if forced is not None:
        starts = set(forced)
        for tok in doc:
            if tok.i > 0:
                # A token that begins inside the whitespace after a translation starts the next one too.
                tok.is_sent_start = tok.idx in starts and not tok.is_space
        return doc
    for i in range(1, len(doc)):
        tok, prev = doc[i], doc[i - 1]
        if prev.is_space and "\n" in prev.text and not tok.is_space:
            tok.is_sent_start = True
        elif tok.is_space or _is_citation(tok.text) or (tok.text in _CLOSERS and prev.text in _FINAL):
            tok.is_sent_start = False
        elif (
            (_is_citation(prev.text) or prev.text in _CLOSERS)
            and tok.is_title
            and i >= 2
            and (doc[i - 2].text in _FINAL or doc[i - 2].text in _CLOSERS or _is_citation(doc[i - 2].text))
        ):
            tok.is_sent_start = True
    return doc


#: Military ranks, trimmed from ORG spans too ("General" is not: General Motors).
RANKS = {
    "colonel",
    "col",
    "major",
    "maj",
    "captain",
    "capt",
    "lieutenant",
    "lt",
    "sergeant",
    "sgt",
    "admiral",
    "marshal",
}
#: Titles and ranks are outside a person's name ("Major Yury Nikolayevich" -> "Yury Nikolayevich").
TITLES = RANKS | {
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "lord",
    "president",
    "prime",
    "minister",
    "general",
    "gen",
    "commander",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "emperor",
    "senator",
    "governor",
    "mayor",
}
#: Generic heads outside a place name ("Kelbajar province", "the Caucasus mountains").
PLACE_HEADS = {
    "province",
    "region",
    "district",
    "county",
    "oblast",
    "raion",
    "mountains",
    "mountain",
    "range",
    "river",
    "city",
    "town",
    "village",
    "valley",
    "republic",
    "state",
    "territory",
    "island",
    "islands",
}
#: "the Republic of Georgia" -> "Georgia" when the rest is a country name.
PLACE_PREFIXES = {
    "republic",
    "kingdom",
    "state",
    "principality",
    "federation",
    "commonwealth",
    "town",
    "village",
    "city",
    "province",
    "region",
}
_UNIT_NOUNS = [
    "regiment",
    "division",
    "corps",
    "brigade",
    "battalion",
    "company",
    "platoon",
    "army",
    "fleet",
    "squadron",
    "wing",
    "group",
    "detachment",
    "legion",
    "militia",
]

#: Patterns for military units and numbered bases, which en_core_web_sm tags as bare numbers
#: ("the 366th regiment" -> ORDINAL "366th"). Added with an entity_ruler that overwrites the model.
ENTITY_PATTERNS = [
    {
        "label": "ORG",
        "id": "unit",
        "pattern": [
            {"IS_TITLE": True, "POS": {"IN": ["ADJ", "PROPN"]}, "OP": "*"},  # "Russian 7th Army Corps"
            {"TEXT": {"REGEX": r"^\d+(st|nd|rd|th)$"}},
            {"IS_TITLE": True, "LOWER": {"NOT_IN": _UNIT_NOUNS}, "OP": "*"},
            {"TAG": {"IN": ["JJ", "VBN"]}, "OP": "*"},  # "366th motorised regiment"
            {"LOWER": {"IN": _UNIT_NOUNS}, "OP": "+"},
        ],
    },
    {
        "label": "FAC",
        "id": "base",
        "pattern": [
            {"LOWER": {"IN": ["military", "air", "naval", "army"]}, "OP": "?"},
            {"LOWER": {"IN": ["base", "bases"]}},
            {"LOWER": {"IN": ["no", "number", "nr"]}},
            {"ORTH": ".", "OP": "?"},
            {"LIKE_NUM": True},
        ],
    },
]


def _country_names() -> set[str]:
    from babel import Locale

    return {name.lower() for name in Locale("en").territories.values()}


def _whole_place_names() -> set[str]:
    """Place names whose generic head is part of the name ("Ho Chi Minh City", "Cape Town", "Spratly Islands"):
    the English forms of the project gazetteers' places, which keep their head whatever :data:`PLACE_HEADS` says."""
    from pipeline.text.gazetteer import packaged_names

    return {form.lower() for n in packaged_names() if n.label == "LOC" for form in n.en if len(form.split()) > 1}


@registry.misc("songngu.en.unit_patterns.v1")
def unit_patterns() -> list[dict]:
    """:data:`ENTITY_PATTERNS`, for the entity ruler's ``initialize`` (``[initialize.components.songngu_en_units]``)."""
    return ENTITY_PATTERNS


@Language.factory(
    "songngu_en_entities",
    default_config={"model_source": "spacy:en_core_web_sm"},
    requires=["doc.ents"],
    assigns=["doc.ents", "span._.source", "span._.value", "span._.original_label"],
)
def make_entity_mapper(nlp: Language, name: str, model_source: str):
    return _EntityMapper(model_source)


class _EntityMapper:
    """Contract labels, values and the project's English span conventions (corpus/gold/GUIDELINES.md, A2)."""

    def __init__(self, source: str):
        self.source = source
        self.countries = _country_names()
        self.whole_names = self.countries | _whole_place_names()

    def _trim(self, doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
        def text(a: int, b: int) -> str:
            return doc[a:b].text.lower()

        changed = True
        while changed and start < end:
            changed = False
            first = doc[start]
            # Edge junk, articles and possessives: "the Soviet Union", "Russia 's".
            if _is_edge_junk(first) or (first.lower_ in ("the", "a", "an") and end - start > 1):
                start, changed = start + 1, True
            elif end - start > 1 and (_is_edge_junk(doc[end - 1]) or doc[end - 1].lower_ in ("'s", "’s")):
                end, changed = end - 1, True
            elif end - start == 1 and _is_edge_junk(first):
                start, changed = start + 1, True
            elif (
                first.lower_.rstrip(".") in (TITLES if label == "PER" else RANKS if label == "ORG" else ())
                and end - start > 1
                and doc[start + 1].is_title
            ):
                # en_core_web_sm sometimes calls "Major Yury Nikolayevich" an ORG: ranks go there too.
                start, changed = start + 1, True
            elif first.lower_ == "non" and end - start > 2 and doc[start + 1].text == "-":
                start, changed = start + 2, True  # "non-Armenian": the name part only
            elif (
                label == "LOC"
                and end - start > 2
                and first.lower_ in PLACE_PREFIXES
                and doc[start + 1].lower_ == "of"
                and text(start + 2, end) in self.countries
            ):
                start, changed = start + 2, True
            elif (
                label == "LOC"
                and end - start > 1
                and doc[end - 1].lower_ in PLACE_HEADS
                and text(start, end) not in self.whole_names
            ):
                end, changed = end - 1, True
        return start, end

    def __call__(self, doc: Doc) -> Doc:
        mapped = []
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        for ent in doc.ents:
            ruled = ent.ent_id_ in ("unit", "base")
            label = ONTONOTES_TO_CONTRACT.get(ent.label_, "MISC")
            start, end = self._trim(doc, ent.start, ent.end, label)
            if start >= end or not any(c.isalnum() for c in doc[start:end].text):
                continue
            if label == "DATE" and (duration := _duration(doc, start, end)) is not None:
                if duration == _RELATIVE_TIME:
                    continue
                label, (start, end) = "NUM", duration
            pieces = [(start, end)]
            if label == "DATE":
                pieces = _date_pieces(doc, start, end, taken)
            for a, b in pieces:
                span = Span(doc, a, b, label=label)
                span._.original_label = ent.label_
                span._.source = "rules:en-" + ent.ent_id_ if ruled else self.source
                value = entity_value(label, span.text)
                if value is not None:
                    span._.value = value
                mapped.append(span)
        _share_years(doc, mapped)
        doc.ents = mapped
        return doc


#: Time units a duration counts in ("three-day", "five years", "14 days").
_TIME_UNITS = frozenset(
    {"hour", "hours", "day", "days", "week", "weeks", "fortnight", "fortnights", "month", "months", "year", "years"}
    | {"decade", "decades", "century", "centuries"}
)
#: Words after a duration that make it a time relative to another ("a month later", "two years ago").
_RELATIVE_WORDS = frozenset({"later", "earlier", "ago", "before", "after", "afterwards", "previously"})
_RELATIVE_TIME = "relative"


def _duration(doc: Doc, start: int, end: int) -> tuple[int, int] | str | None:
    """What a DATE that is a duration becomes (GUIDELINES §4.5, as on the Vietnamese side: "[NUM ba] ngày", and a time
    with no calendar anchor, "hôm qua", is not annotated): the span of its number ("three-day" -> "three", a NUM),
    :data:`_RELATIVE_TIME` for a duration counted from another time ("a month later", dropped), None for a date
    ("May 1995", "the 1990s") or a duration without a number ("the past year"), which stay as they are."""
    if entity_value("DATE", doc[start:end].text) is not None:
        return None
    relative = doc[end - 1].lower_ in _RELATIVE_WORDS
    unit = end - 2 if relative else end - 1
    if unit < start or doc[unit].lower_ not in _TIME_UNITS:
        return None
    if relative:
        return _RELATIVE_TIME
    numbers = [i for i in range(start, unit) if doc[i].lower_ not in ("a", "an") and number_token_value(doc[i].text)]
    if not numbers or numbers != list(range(numbers[0], numbers[-1] + 1)):
        return None
    return numbers[0], numbers[-1] + 1


#: Words that join the two dates of a range or a list ("from 17 February to 16 March 1979", "13 March - 7 May 1954").
_DATE_JOINERS = frozenset({"-", "–", "—", "to", "until", "till", "through", "and"})


def _is_day(tok) -> bool:
    text = re.sub(r"(st|nd|rd|th)$", "", tok.lower_)
    return text.isdigit() and 1 <= int(text) <= 31


def _date_pieces(doc: Doc, start: int, end: int, taken: set[int]) -> list[tuple[int, int]]:
    """An English DATE as the project writes dates (corpus/gold/GUIDELINES.md §4.5, as the Vietnamese side): the
    day en_core_web_sm leaves out before its month taken in ("from [9] April 1975": "April 1975"), a joining word at
    its end left out ("17 February to"), and a range cut into its two dates ("13 March - 7 May 1954")."""
    months = month_numbers()
    if start > 0 and start - 1 not in taken and _is_day(doc[start - 1]) and doc[start].lower_.rstrip(".") in months:
        start -= 1
    while end - start > 1 and doc[end - 1].lower_ in _DATE_JOINERS:
        end -= 1
    for k in range(start + 1, end - 1):
        if (
            doc[k].lower_ in _DATE_JOINERS - {"and"}
            and entity_value("DATE", doc[start:k].text) is not None
            and entity_value("DATE", doc[k + 1 : end].text) is not None
        ):
            return [(start, k), (k + 1, end)]
    return [(start, end)]


def _share_years(doc: Doc, spans: list[Span]) -> None:
    """A date without its year joined to one with it takes that year ("17 February to 16 March 1979": 1979-02-17),
    as the Vietnamese side does (:func:`pipeline.text.calendar.share_year`)."""
    for first, second in zip(spans, spans[1:]):
        if first.label_ != "DATE" or second.label_ != "DATE" or second.start - first.end != 1:
            continue
        if doc[first.end].lower_ not in _DATE_JOINERS:
            continue
        v1, v2 = first._.value, second._.value
        if isinstance(v1, str) and isinstance(v2, str):
            first._.value, second._.value = share_year(v1, v2, forward=doc[first.end].lower_ != "and")


def _is_edge_junk(tok) -> bool:
    return tok.is_space or _is_citation(tok.text) or (tok.is_punct and tok.text not in ("-",))
