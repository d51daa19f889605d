"""Foreign names by their spelling (source ``shape:foreign``).

A run of capitalised words in which some word cannot be a Vietnamese syllable
(:mod:`pipeline.vi.ner.phonotactics`: "Srkhavend", "Nagorno-Karabakh",
"Markar Melkonian", "Boston Globe") is a name. Vietnamese-spelled capitalised
words at the edges of the run are left out when they carry Vietnamese
diacritics or start the sentence ("Tại Azerbaijan" -> "Azerbaijan").

The spelling says *that* it is a name, not what kind; the label is a default
that the merge's context step corrects ("tờ Boston Globe" -> ORG, "quân
Armenian" -> MISC, "thiếu tá Yury Nikolayevich" -> PER): one word -> LOC (in
Wikipedia-style text single foreign names are mostly places), several words ->
PER (given name + family name).

``songngu_ner_codes`` (source ``shape:code``) proposes model designations
written letters-hyphen-digits ("xe tăng T-72", "MiG-29", "AK-47") and
strain codes ("H5N1") as MISC: a type of object, by the guideline (§4.4),
and never a NUM or a place; and websites by their domain name ("bktt.vn",
"vnexpress.net"), MISC as well (§4.4).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.docmodel import register_extensions
from pipeline.vi.ner.candidates import propose, propose_matches
from pipeline.vi.ner.phonotactics import is_foreign_word
from pipeline.vi.ner.view import Syl, SyllableView, capitalised_run, sentences

SOURCE = "shape:foreign"
CODE_SOURCE = "shape:code"
_CODE = re.compile(
    r"^(?:[A-Z][A-Za-z]{0,4}-\d{1,4}[A-Za-z]{0,2}"  # T-72, MiG-29, Covid-19
    r"|[A-Z]{1,2}\d{1,2}[A-Z]{1,2}\d{1,2})$"  # H5N1, H7N9: letters and digits alternating twice
)

#: A website by its domain name is MISC (GUIDELINES §4.4: "[MISC bktt.vn]"): letters, digits and dashes with
#: dots, ending in a common top-level domain; not an abbreviation with dots ("tp.", "TP.HCM").
_WEBSITE = re.compile(
    r"^(?:www\.)?[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*"
    r"\.(?:vn|com|net|org|gov|edu|info|io|co|tv|biz)(?:\.vn)?$"
)

#: Either (one search per syllable, not two).
_CODE_OR_WEBSITE = re.compile(f"(?:{_CODE.pattern})|(?:{_WEBSITE.pattern})")
#: What a code (a digit, as the patterns' \d reads one) or a domain name (its dot) holds.
_DIGIT_OR_DOT = re.compile(r"[\d.]")


def _vietnamese_edge(syl: Syl) -> bool:
    """A capitalised word at the edge of a run that is plainly Vietnamese, not part of the foreign name."""
    if is_foreign_word(syl.text):
        return False
    return syl.sent_start or any(ord(ch) > 127 for ch in syl.text)


def find_foreign(view: SyllableView, single: str = "LOC", multi: str = "PER"):
    """``(start_syl, end_syl, label)`` of foreign-spelled names in one line."""
    i = 0
    while i < len(view):
        # (capitalised_run ends at once at a syllable not capitalised: most of them)
        end = capitalised_run(view, i, limit=8, acronyms=False) if view[i].capitalised else i
        if end == i:
            i += 1
            continue
        start, stop = i, end
        while start < stop and _vietnamese_edge(view[start]):
            start += 1
        while stop > start and _vietnamese_edge(view[stop - 1]):
            stop -= 1
        if start < stop and any(is_foreign_word(view[k].text) for k in range(start, stop)):
            yield start, stop, single if stop - start == 1 else multi
        i = end


class ForeignNameComponent:
    def __init__(self, single: str, multi: str):
        register_extensions()
        self.single, self.multi = single, multi

    def __call__(self, doc: Doc) -> Doc:
        propose_matches(doc, SOURCE, lambda view: find_foreign(view, self.single, self.multi))
        return doc


@Language.factory(
    "songngu_ner_foreign",
    default_config={"single_word_label": "LOC", "multi_word_label": "PER"},
    requires=["doc.sents"],
    assigns=["doc.spans"],
)
def create_foreign(nlp: Language, name: str, single_word_label: str, multi_word_label: str):
    """Names spelled like no Vietnamese word, with a default label by length."""
    return ForeignNameComponent(single_word_label, multi_word_label)


class CodeComponent:
    def __init__(self):
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        found = []
        match = _CODE_OR_WEBSITE.match
        for view in sentences(doc):
            if not len(view):
                continue
            # Only a syllable holding a digit (a code) or a dot (a domain) can match: the sentence's digits and
            # dots are found by one search of its text, and only the syllables holding them are asked.
            starts = view.starts
            picked = sorted(
                {
                    bisect_right(starts, m.start()) - 1
                    for m in _DIGIT_OR_DOT.finditer(view.full_text, starts[0], view[len(view) - 1].end)
                }
            )
            found += [(view[k].start, view[k].end, "MISC") for k in picked if k >= 0 and match(view[k].text)]
        propose(doc, CODE_SOURCE, found)
        return doc


@Language.factory("songngu_ner_codes", requires=["doc.sents"], assigns=["doc.spans"])
def create_codes(nlp: Language, name: str):
    """Model designations (T-72, MiG-29) and websites (bktt.vn) as MISC."""
    return CodeComponent()
