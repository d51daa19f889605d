"""Merging the proposals of every NER component into ``doc.ents`` (``songngu_ner_merge``).

Three steps, each switchable in the config:

1. **Boundary repair** (``repair``) of proposals from statistical components
   (``crf``, ``spacy``, listed in ``repair_sources``), whose spans follow
   the VLSP convention or are simply off by a word: leading and trailing
   punctuation goes (", Nagorno-Karabakh"); so do leading titles, classifier
   nouns, demonym nouns and function words ("thiếu tá Yury Nikolayevich",
   "làng Merjimek", "khi Liên Xô"), and for PER and LOC every lower-case word
   at the edges ("xung quanh Stepanakert"). A PER or LOC span is cut at
   lower-case words and punctuation inside it ("chính quyền Xô viết ban đầu
   ủng hộ Azerbaijan" -> "Xô viết", "Azerbaijan"). A sentence's capitalised
   first word that the tagger calls a common word leaves a PER or LOC ("Nhà
   Vy" -> "Vy"); a span of function words only ("Tớ") goes. A span with no capital
   letter ("năm 1993", "nét thứ hai", "bài RBKT": the CRF's lower-case spans
   are almost never names) and a lone letter ("từ A đến Z") are dropped,
   except from the sources in ``keep_lowercase`` (a model trained on gold that
   writes names in lower case, as VTB does: "lê trung thành").
2. **Overlap resolution**: proposals are taken in the order of their source
   in ``priority`` (first wins; within a source the longer span, then the
   earlier; a source not listed comes last), and a proposal overlapping one
   already taken is dropped. The default order, and why:

   =================  ==================================================
   rules:date         a date phrase is unambiguous and includes its numbers
   rules:org          whole multiword names: "Bộ Quốc phòng Armenia" over "Armenia"
   rules:title        "chị Nga" is a person, whatever the gazetteer says
   gazetteer:project  curated names with curated labels
   gazetteer:cldr
   rules:classifier   "làng Merjimek": boundary and label from the noun
   rules:surname      a Vietnamese family name + given names
   rules:number       digits and number words outside names and dates
   shape:code         model designations: "T-72" (MISC)
   model              the trained typer: names and types from their context
   spacy              a model trained on the user's gold
   shape:foreign      spelling marks foreign names, with whole boundaries
   crf                underthesea's 2017 CRF: useful recall, poor boundaries
   =================  ==================================================
3. **Context labels** (``context_labels``): the word right before an entity
   decides what a place name is doing. After a demonym noun (người, quân,
   lính, đồng rúp...) a LOC becomes MISC ("quân Nga"), whoever proposed it.
   The guesses of statistical and spelling components (``guess_sources``)
   also take the label of a classifier noun before them ("tờ Boston Globe"
   -> ORG, "làng X" -> LOC) and of a title (-> PER); with nothing before
   them, a guessed LOC of one native syllable becomes PER
   (``one_syllable_places_are_people``: Vietnamese place names are compounds,
   given names are one syllable: "sức khỏe Diệp"). A changed label is
   recorded in ``span._.original_label`` with the flag ``label-from-context``.

Every entity keeps ``span._.source`` (the component whose proposal won) and,
for DATE and NUM, ``span._.value``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.docmodel import doc_text, register_extensions
from pipeline.spacy_data import BuiltFromFiles
from pipeline.text.phrases import PhraseTable
from pipeline.vi.ner.candidates import PREFIX, Candidate, Taken, candidates
from pipeline.vi.ner.classifiers import DASHES
from pipeline.vi.ner.lexicon import (
    TERM_AFTER_NAME,
    Entry,
    context_path,
    context_words,
    phrase_ending_at,
    phrase_starting_at,
    rules_meta,
)
from pipeline.vi.ner.organisations import FUNCTION_WORDS
from pipeline.vi.ner.phonotactics import is_foreign_word, is_vietnamese_syllable
from pipeline.vi.ner.split import cut_tokens
from pipeline.vi.ner.view import BRACKET_WORDS, SyllableView, sentences

DEFAULT_PRIORITY = [
    "rules:date",
    "rules:org",
    "rules:title",
    "gazetteer:project",
    "gazetteer:cldr",
    "rules:classifier",
    "rules:surname",
    "rules:number",
    "shape:code",
    "model",
    "spacy",
    "shape:foreign",
    "crf",
]
_BREAKS = frozenset(",;:()[]{}\"“”‘’'«»…/|") | {"...", "--"} | BRACKET_WORDS
FLAG = "label-from-context"
#: VLSP tags of proper nouns, foreign words and abbreviations (what a name's words are tagged).
PROPER_TAGS = frozenset({"Np", "Nb", "Ny", "FW", "X"})
#: VLSP tags of pronouns, prepositions, conjunctions, adverbs, determiners, particles.
FUNCTION_TAGS = frozenset({"P", "E", "C", "CC", "R", "L", "T", "I"})
#: Tags of a word a number before it counts or measures (nouns, classifiers, units, numerals)
COUNTED_TAGS = frozenset({"N", "Nc", "Nu", "M", "Nb", "Ny"})
NAMES = frozenset({"PER", "LOC", "ORG", "MISC"})


def _is_punct(text: str) -> bool:
    return text in _BREAKS or not any(ch.isalnum() for ch in text)


def _one_vietnamese_syllable(text: str) -> bool:
    return " " not in text and text[:1].isupper() and not text.isupper() and is_vietnamese_syllable(text)


def _capitalised(text: str) -> bool:
    return text[:1].isupper() and text not in BRACKET_WORDS


#: The ten heavenly stems and twelve earthly branches: a year of the sixty-year cycle ("năm [Ất Dậu]", "Tết Mậu
#: Thân") is named by a stem and a branch, not a person by a family and a given name.
STEMS = frozenset({"giáp", "ất", "bính", "đinh", "mậu", "kỷ", "canh", "tân", "nhâm", "quý"})
BRANCHES = frozenset(
    {"tý", "tí", "sửu", "dần", "mão", "mẹo", "thìn", "tỵ", "tị", "ngọ", "mùi", "thân", "dậu", "tuất", "hợi"}
)
#: Prepositions and verbs of going after which a name is a place ("ở Tân Sở", "ra Vinh", "tại Kim Liên", "sang tận
#: Hương Cảng": "tận", all the way to; "lên Pleiku"; round 9: "về An Lạc", "thuộc Phổ An", "cạnh Quý Châu", "từ",
#: "khỏi", "quanh": of the gold names after these six, 92 are places, 4 organisations and 1 a person), not a person
#: the guessers read a given name in. Not "đến", "tới", "cho", "vào": "đến nhà Lan", "liên quan tới Liên", "tấn
#: công vào Lan" (VTB train; "về" is also "about", "nói về Lan", but the typer reads that one as a person only
#: rarely: no such change on the 1400 VTB train sentences).
PLACE_PREPOSITIONS = frozenset(
    {"ở", "tại", "ra", "sang", "khắp", "tận", "lên", "về", "từ", "khỏi", "thuộc", "cạnh", "quanh"}
)
#: Nouns of ideologies: a person's name right after one names the ideology ("tư tưởng Hồ Chí Minh", "chủ nghĩa
#: Mác-Lênin"), which is no entity (GUIDELINES §4.4, "Not MISC: ideologies"; our gold 10 of 10 unmarked; round 26).
IDEOLOGY_NOUNS = ("tư tưởng", "chủ nghĩa")
#: What joins two places of one origin after a demonym noun ("liên quân Pháp - Tây Ban Nha", "Nhật Bản và Hà Lan").
COORDINATORS = frozenset({"và", "-", "–", ",", "hoặc", "hay"})
#: Words before a compass word that make it the country's north or south ("ra [Bắc]", "vào [Nam]"), not a person.
TOWARDS = frozenset({"ra", "vào"})


def _calendar_or_compass(cand: Candidate, text: str, locate: _Locator) -> str | None:
    """What a person proposal that is a calendar name or a compass point really is: ``"LOC"`` for "ra Bắc",
    ``""`` (nothing) for a cyclical year ("Ất Dậu", "Tết Mậu Thân") or a month named by a word ("tháng Giêng");
    None when it is none of these."""
    words = text[cand.start_char : cand.end_char].lower().split()
    if len(words) >= 2 and words[-2] in STEMS and words[-1] in BRANCHES:
        return ""
    if len(words) != 1:
        return None
    at = locate(cand.start_char)
    if at is None or at[1] == 0:
        return None
    before = at[0][at[1] - 1].lower
    if before == "tháng":
        return ""  # a month: "tháng Giêng", "tháng Chạp" (the dates leave lunar months without a year alone)
    if before in TOWARDS and words[0] in ("bắc", "nam"):
        return "LOC"
    return None


#: sources that name a whole organisation from its noun or a curated list ("báo [Pháp Luật tp HCM]")
WHOLE_ORGANISATION_SOURCES = frozenset({"rules:classifier", "gazetteer:project"})


def _places_inside_named_organisations_yield(proposals: list[Candidate]) -> list[Candidate]:
    """Without the place that ends a whole organisation a classifier noun or the curated list named.

    The organisation rule and the gazetteers rank above the classifier nouns, so that "Bộ Quốc phòng
    Armenia" wins over "Armenia"; but where they read only the place at the end of a name they have no
    head for ("báo Pháp Luật tp HCM": "tp HCM"), the newspaper the noun "báo" names is the whole ORG,
    its place included (GUIDELINES §3.3: no "của" in between)."""
    wholes = [
        c
        for c in proposals
        if (c.label == "ORG" and c.source in WHOLE_ORGANISATION_SOURCES)
        or (c.label == "LOC" and c.source == "rules:classifier")
    ]
    if not wholes:
        return proposals
    return [
        c
        for c in proposals
        if not (c.label == "LOC" and any(w.start_char < c.start_char and c.end_char == w.end_char for w in wholes))
    ]


#: Quotation marks that open a title ("ca khúc “ Hà Nội mùa thu ”").
_OPENING_QUOTES = frozenset('"“«')


def _names_inside_quoted_titles_yield(proposals: list[Candidate], text: str) -> list[Candidate]:
    """Without the names inside a work's title in quotes after a noun of works ("ca khúc “ [MISC Hà Nội mùa thu]
    ”"): the gazetteers rank above the noun's rule, but the quotes say where the title starts and ends."""
    titles = [
        c
        for c in proposals
        if c.label == "MISC"
        and c.source == "rules:classifier"
        and text[: c.start_char].rstrip()[-1:] in _OPENING_QUOTES
    ]
    return _strictly_inside_yield(proposals, titles)


def _names_inside_named_events_yield(proposals: list[Candidate], text: str, context) -> list[Candidate]:
    """Without the names inside a battle, an uprising or a campaign named after them ("[MISC trận Bạch Đằng]",
    "[MISC trận Ngọc Hồi - Đống Đa]"): the project gazetteer lists such places (as MISC) and ranks above the noun's
    rule, but the noun, whose row in ``context`` keeps it inside the name, says where the name starts."""
    events = []
    for c in proposals:
        if c.label != "MISC" or c.source != "rules:classifier":
            continue
        words = text[c.start_char : c.end_char].lower().split()
        entries = (context.get(" ".join(words[:n])) for n in (2, 1))
        if any(e is not None and e.role == "demonym" and e.boundary == "inside" for e in entries):
            events.append(c)
    return _strictly_inside_yield(proposals, events)


def _places_inside_dashed_places_yield(proposals: list[Candidate], text: str) -> list[Candidate]:
    """Without the places inside a road named after its two ends ("[LOC cao tốc Nội Bài - Lào Cai]"): the gazetteers
    rank above the noun's rule, but the noun and the dash say the two places name one road (round 22)."""
    roads = [
        c
        for c in proposals
        if c.label == "LOC"
        and c.source == "rules:classifier"
        and any(f" {dash} " in text[c.start_char : c.end_char] for dash in DASHES)
    ]
    return _strictly_inside_yield(proposals, roads)


def _names_inside_amounts_yield(proposals: list[Candidate]) -> list[Candidate]:
    """Without the names inside an amount's unit ("[NUM 168 tỷ đô la Mỹ]", "[NUM 5 triệu bảng Anh]"): the number
    rule reads the unit from ``data/units.tsv``, whose units may end in a country ("đô la Mỹ", "bảng Anh"); the
    gazetteers rank above the number rule, so without this the country alone was kept and the amount lost."""
    amounts = [c for c in proposals if c.label == "NUM" and c.source == "rules:number" and isinstance(c.value, dict)]
    return _strictly_inside_yield(proposals, amounts)


def _years_inside_documents_yield(proposals: list[Candidate]) -> list[Candidate]:
    """Without the date and number inside a document named with its version's year ("[MISC Hiến pháp năm 1992]",
    "[MISC Bộ luật Hình sự năm 2015]"): the organisation rule takes the year into the title, and the date rule, which
    ranks above it, would keep "năm 1992" and lose the constitution (issue 13, round 19)."""
    documents = [
        c
        for c in proposals
        if c.label == "MISC" and c.source == "rules:org" and c.span.doc.text[c.end_char - 4 : c.end_char].isdigit()
    ]
    return _strictly_inside_yield(proposals, documents)


def _strictly_inside_yield(proposals: list[Candidate], outer: list[Candidate]) -> list[Candidate]:
    """``proposals`` without those strictly inside one of ``outer`` (which stay)."""
    if not outer:
        return proposals
    return [
        c
        for c in proposals
        if c in outer
        or not any(
            t.start_char <= c.start_char
            and c.end_char <= t.end_char
            and (c.start_char, c.end_char) != (t.start_char, t.end_char)
            for t in outer
        )
    ]


def _with_terms(doc: Doc, chosen: list[Candidate], text: str) -> list[Candidate]:
    """An organisation with the term written right after it, one name: "[ORG Quốc hội khoá XI]", "[ORG Ban Chấp hành
    Trung ương Đảng khóa IX]" (GUIDELINES §3.3: the whole name; in our gold 4 of 4). The gazetteer and the rules
    propose the body without it; a number the number rule read in the term goes (issue 13, round 21). A congress,
    a conference or a resolution takes its session's number the same way ("[MISC Đại hội Đảng lần thứ VIII]", "[MISC
    Hội nghị đại biểu toàn quốc giữa nhiệm kỳ khoá VII]"; round 25)."""
    ends: dict[int, int] = {}
    for cand in chosen:
        if cand.label in ("ORG", "MISC"):
            m = TERM_AFTER_NAME.match(text, cand.end_char)
            if m:
                ends[cand.end_char] = m.end()
    if not ends:
        return chosen
    out = []
    for cand in chosen:
        end = ends.get(cand.end_char) if cand.label in ("ORG", "MISC") else None
        if end is not None:
            span = doc.char_span(cand.start_char, end, label=cand.label, alignment_mode="expand")
            if span is not None:
                cand = Candidate(span, cand.source, cand.value, cand.start_char, end, cand.original_label)
        elif any(start < cand.start_char and cand.end_char <= stop for start, stop in ends.items()):
            continue  # "khóa [15]": the term's number
        out.append(cand)
    return out


#: Capitalised words that make a body of the organisation right after them: "[ORG Thanh tra Chính phủ]", "[ORG Thanh
#: tra Sở Xây dựng TP HCM]" (the inspectorate; our gold, 3 of 3; issue 13, round 22). In lower case "thanh tra" is
#: the verb (to inspect).
BODY_PREFIXES = ("Thanh tra",)


def _with_body_prefixes(doc: Doc, chosen: list[Candidate], text: str) -> list[Candidate]:
    """An organisation with one of :data:`BODY_PREFIXES` written right before it, the prefix included, unless the
    entity before it ends there."""
    out: list[Candidate] = []
    for cand in chosen:
        if cand.label == "ORG":
            for prefix in BODY_PREFIXES:
                start = cand.start_char - len(prefix) - 1
                if (
                    start >= 0
                    and text[start : cand.start_char] == prefix + " "
                    and not text[start - 1 : start].isalnum()
                ):
                    span = doc.char_span(start, cand.end_char, label="ORG", alignment_mode="expand")
                    if span is not None and (not out or out[-1].end_char <= start):
                        cand = Candidate(span, cand.source, None, start, cand.end_char, cand.original_label)
                    break
        out.append(cand)
    return out


def _adjacent_organisations_join(doc: Doc, chosen: list[Candidate], text: str) -> list[Candidate]:
    """Two organisations written one after the other with nothing between, one name: a department and the body it
    belongs to ("[ORG Phòng Cảnh sát kinh tế Công an tỉnh Long An]", GUIDELINES §3.3; our gold has 17 such names and
    no two organisations side by side). The rules stop the first name where a capitalised head starts again
    (issue 13, round 21)."""
    out: list[Candidate] = []
    for cand in chosen:
        last = out[-1] if out else None
        if (
            last is not None
            and last.label == cand.label == "ORG"
            and text[last.end_char : cand.start_char] == " "
            and "\n" not in text[last.start_char : cand.end_char]
        ):
            span = Span(doc, last.span.start, cand.span.end, label="ORG")
            out[-1] = Candidate(span, last.source, None, last.start_char, cand.end_char, last.original_label)
            continue
        out.append(cand)
    return out


def _nationalities_in_brackets(doc: Doc, chosen: list[Candidate], text: str, guessed: set[str]) -> None:
    """A place in brackets right after a person is the person's nationality, MISC: "[PER Montesquieu] ( [MISC Pháp]
    )" (an adjectival use, GUIDELINES §4.4; our gold 4 of 4, none LOC; issue 13, round 25). In a list of such
    items the next name is a person too, whatever the typer guessed ("..., Beccaria ( Ý ) , Voltaire ( Pháp )":
    a place in brackets after a place, "Lyon ( Pháp )", comes in no list of people)."""
    people = False  # the item before, "name ( place )", was a person
    after = -1  # where that item's closing bracket ends
    for name, place in zip(chosen, chosen[1:]):
        if not (
            place.label == "LOC"
            and text[name.end_char : place.start_char].strip() == "("
            and text[place.end_char :].lstrip().startswith(")")
        ):
            continue
        listed = people and text[after : name.start_char].strip() in COORDINATORS
        if name.label != "PER" and not (listed and name.label in ("LOC", "ORG") and name.source in guessed):
            people = False
            continue
        if name.label != "PER":
            _relabel(doc, name, "PER")
        _relabel(doc, place, "MISC")
        people, after = True, text.index(")", place.end_char) + 1


#: The last word of a foreign-written name that says what it is: a club (ORG) or a competition (MISC), never a
#: person ("Pau FC", "Manchester United", "AFF Cup": GUIDELINES §4.3, §4.4).
LAST_WORD_LABELS = {
    **dict.fromkeys(("FC", "CF", "AFC", "SC", "United", "City", "Club"), "ORG"),
    **dict.fromkeys(("Cup", "Games", "Open", "Championship", "Awards"), "MISC"),
}


#: Abbreviations of common nouns that news text writes in capitals, no name: economics, jobs, technology
#: ("GDP quý ba tăng", "CEO của hãng", "ứng dụng AI"). The typer has seen capitals mostly in names.
COMMON_ACRONYMS = frozenset(
    {"GDP", "GNP", "FDI", "ODA", "CPI", "VAT", "CEO", "CFO", "CTO", "AI", "IT", "ATM", "SMS", "GPS", "USB", "PC"}
    | {"TV", "DNA", "ADN", "ID", "OTP", "QR", "VIP", "MC", "DJ", "PR", "KOL", "BOT", "BHXH", "BHYT", "THPT", "THCS"}
)


def _common_acronym(text: str, sentence_start) -> bool:
    """A proposal that is a common noun's abbreviation ("GDP"), alone or after the sentence's capitalised first
    word ("Vốn FDI tăng"); ``sentence_start()`` tells whether the proposal starts its sentence (asked last)."""
    words = text.split()
    return bool(words) and words[-1] in COMMON_ACRONYMS and (len(words) == 1 or (len(words) == 2 and sentence_start()))


#: Capitalised words before a family name that leave it the start of a person's name ("Bà Nguyễn Thị Bình" inside
#: a sentence): address words.
ADDRESS_WORDS = frozenset({"ông", "bà", "anh", "chị", "cô", "chú", "bác", "cụ", "em", "thầy", "cha", "mẹ", "vua"})


def _whole_name(cand: Candidate, locate: _Locator, ends: set[int], context: PhraseTable[Entry]) -> Candidate:
    """A full-name proposal whose family name goes on a name that started before it, widened to that name's start
    ("[Vạn Lý Trường Thành]", "[An Dương Vương]": the family name rule saw "Lý", "Dương" first): capitalised words
    joined to it that are not an abbreviation ("GS", "TP"), an address word, the end of another proposal ("tỉnh
    [Nghệ An] [Thái Thanh Quý]") or the sentence's first word (capitalised anyway) unless the segmenter made it one
    word with the name."""
    at = locate(cand.start_char)
    if at is None:
        return cand
    view, i = at
    k = i
    while k > 0 and view[k].joined:
        prev = view[k - 1]
        if not (prev.capitalised and prev.is_alpha) or prev.text.isupper() or prev.lower in ADDRESS_WORDS:
            break
        if is_foreign_word(prev.text):
            break  # a brand or a foreign name before it: "giám đốc tài chính Huawei | Mạnh Vãn Chu"
        if k > 1 and phrase_ending_at(context, view, k - 1, roles=("demonym", "classifier", "title", "office")):
            break  # an origin or a place after its noun: "người Pháp gốc [Việt] | Trần Anh Hùng"
        if prev.end in ends or (prev.sent_start and view.word_start(view[k].start)):
            break
        k -= 1
    if k == i:
        return cand
    span = cand.span.doc.char_span(view[k].start, cand.end_char, label=cand.label, alignment_mode="expand")
    return cand if span is None else Candidate(span, cand.source, cand.value, view[k].start, cand.end_char)


def _after_ideology_noun(text: str, start: int) -> bool:
    """A noun of :data:`IDEOLOGY_NOUNS` is written right before ``start``, as a word of its own."""
    before = text[:start].rstrip(" ").lower()
    return any(
        before.endswith(noun) and (len(before) == len(noun) or not before[-len(noun) - 1].isalnum())
        for noun in IDEOLOGY_NOUNS
    )


def _first_in_sentence(locate, char: int) -> bool:
    at = locate(char)
    return at is not None and at[1] == 0


def _before_club_word(text: str, end: int) -> bool:
    """The word after ``end`` (one space between) ends a club's or competition's name ("Hà Nội | FC")."""
    if text[end : end + 1] != " ":
        return False
    return text[end + 1 : end + 14].split(" ", 1)[0].rstrip(".,;:!?)") in LAST_WORD_LABELS


def _typed_by_last_word(cand: Candidate) -> Candidate:
    """A guessed person whose last word names a club or a competition, relabelled (span unchanged)."""
    span = cand.span
    if cand.end_char != span.end_char or " " not in span.text:
        return cand
    label = LAST_WORD_LABELS.get(span.text.rsplit(" ", 1)[1])  # (the segmenter may make the name one word)
    if label is None:
        return cand
    return Candidate(
        Span(span.doc, span.start, span.end, label=label), cand.source, cand.value, cand.start_char, cand.end_char
    )


#: A nickname in quotes written right after a given name: ' " cô đơn "' (VTB's spacing); that it is in lower case
#: is asked of the words (str.islower), not of a range of letters: "À-Ỹ" holds the lower-case "đ", "ú", "ấ" ... too,
#: so ' " đen "' was left out (issue 13, round 16; heldout15's "ông Ba \" đen \"").
_NICKNAME = re.compile(r' ?" ?[^\W\d_]+(?: [^\W\d_]+)? ?"')


def _with_nicknames(doc: Doc, chosen: list[Candidate], text: str) -> list[Candidate]:
    """A person and the lower-case nickname in quotes right after the name, one person: "bà [Hai " cô đơn "]"
    (the spent VTB gold; issue 13, round 9). Not when another entity starts inside the quotes."""
    out = []
    for n, cand in enumerate(chosen):
        quoted = text[: cand.start_char].rstrip().endswith('"')  # ' " Bollings " và " ...': the quote closes it
        m = _NICKNAME.match(text, cand.end_char) if cand.label == "PER" and not quoted else None
        nxt = chosen[n + 1].start_char if n + 1 < len(chosen) else len(text)
        if m is not None and m.end() <= nxt and m.group().strip(' "').islower():
            span = doc.char_span(cand.start_char, m.end(), label="PER", alignment_mode="expand")
            if span is not None and span.end_char == m.end():
                cand = Candidate(span, cand.source, cand.value, cand.start_char, m.end(), cand.original_label)
        out.append(cand)
    return out


def _joined_takes(doc: Doc, text: str, cand: Candidate, end: int, label: str, new: str) -> bool:
    """A ``label`` candidate joined by a coordinator ("và", a dash, a comma ...) to the entity before it, which ends
    at ``end`` (-1: none to join) and was relabelled ``new`` from its context, takes that label too (and keeps its
    own as the original). The one rule of the two coordination passes of :meth:`Merger.relabel`."""
    if end < 0 or cand.label != label or text[end : cand.start_char].strip() not in COORDINATORS:
        return False
    _relabel(doc, cand, new)
    return True


def _relabel(doc: Doc, cand: Candidate, new: str) -> None:
    """``cand`` with the label ``new``, its own kept as the original."""
    cand.original_label = cand.label
    cand.span = Span(doc, cand.span.start, cand.span.end, label=new)


#: One word ending in "-stan" / "-xtan" (Vietnamese spelling): a country or region of Central or South Asia.
_STAN = re.compile(r"[A-ZĐ][^\W\d_]*[sx]tan", re.IGNORECASE)

#: The sources of places a list of places starts from: the gazetteers.
LISTED_PLACE_SOURCES = frozenset({"gazetteer:cldr", "gazetteer:project"})

#: Compass points: one syllable, unlisted, and places ("vào Nam", "bắc - Nam"): no given names for the typer's LOCs.
COMPASS = frozenset({"bắc", "nam", "đông", "tây", "trung"})


@lru_cache(maxsize=1)
def _ambiguous_places() -> frozenset[str]:
    """One-syllable places of the packaged gazetteer that the entity rules do not propose (``ner`` no: "Anh" is
    also "elder brother", "Nhật" a given name): a typer that reads one as a place may be right ("thua Anh")."""
    from pipeline.text.gazetteer import packaged_names

    return frozenset(n.name for n in packaged_names() if n.label == "LOC" and " " not in n.name)


#: Tags of the word before a given name the typer read as a place: function words and verbs ("vào [Lan]", "của
#: [Tuấn]", "gặp [Phương]"), not nouns ("bến đò [Chèm]", "bản [Lướt]") nor punctuation ("châu Ô, [Lý]").
GIVEN_NAME_AFTER_TAGS = FUNCTION_TAGS | {"V"}


def _bare_given_name(view: SyllableView, i: int) -> bool:
    """The typer's place of one native syllable at ``i`` is a given name: first in its sentence or after a function
    word or a verb other than a preposition of place, and neither a compass point nor an ambiguous listed place (the
    classifier, title and demonym nouns before it are checked by the caller). Of the one native syllables in our gold
    (2026-12, the 25 splits) that no gazetteer proposes, with none of these before them: 123 persons, 3
    organisations ("của Đảng", "diệt Hồ"), no place; after a noun or punctuation, 7 of the 15 places there are."""
    word = view[i].text
    if word.lower() in COMPASS or word in _ambiguous_places():
        return False
    if i == 0:
        return True
    if view[i - 1].lower in PLACE_PREPOSITIONS:
        return False
    token = view.token_at(view[i - 1].start)
    return token is not None and token.tag_ in GIVEN_NAME_AFTER_TAGS


def _after_house_number(view: SyllableView, i: int) -> bool:
    """Syllable ``i`` follows a house number: "số 12", "số nhà 36", "số 4/2" (the street's name comes next)."""
    if i < 2 or not view[i - 1].text[:1].isdigit():
        return False
    k = i - 2
    if view[k].lower == "nhà" and k > 0:
        k -= 1
    return view[k].lower == "số"


class _Locator:
    """The sentence view and syllable starting at a character, found by bisection (a few look-ups per
    document: no index of every syllable)."""

    def __init__(self, doc: Doc):
        self._views: list[SyllableView] | None = None
        self._doc = doc

    def __call__(self, char: int) -> tuple[SyllableView, int] | None:
        if self._views is None:
            self._views = [v for v in sentences(self._doc) if v.syls]
            self._firsts = [v.syls[0].start for v in self._views]
        k = bisect_right(self._firsts, char) - 1
        if k < 0:
            return None
        view = self._views[k]
        starts = view.starts
        i = bisect_left(starts, char)
        return (view, i) if i < len(starts) and starts[i] == char else None


class Merger:
    def __init__(
        self,
        priority: list[str],
        context: PhraseTable[Entry],
        repair: bool,
        repair_sources: Iterable[str],
        context_labels: bool,
        guess_sources: Iterable[str],
        keep_lowercase: Iterable[str] = (),
        one_syllable_places_are_people: bool = True,
        veto_sources: Iterable[str] = (),
        title_sources: Iterable[str] = (),
        one_syllable_people_sources: Iterable[str] = (),
    ):
        self.rank = {source: len(priority) - k for k, source in enumerate(priority)}
        self.context = context
        self.repair_enabled = repair
        self.repair_sources = set(repair_sources)
        self.context_labels = context_labels
        self.guess_sources = set(guess_sources)
        self.keep_lowercase = set(keep_lowercase)
        self.one_syllable_places_are_people = one_syllable_places_are_people
        self.veto_sources = set(veto_sources)
        self.title_sources = set(title_sources)
        self.one_syllable_people_sources = set(one_syllable_people_sources)

    # ------------------------------------------------------------------ repair

    def _trimmable(self, tok, label: str, has_name_after: bool) -> bool:
        text = tok.text
        if tok.is_space or _is_punct(text):
            return True
        if not has_name_after:
            return False
        entry = self.context.get(text)
        if entry is not None and entry.role in ("title", "office"):
            return True  # in any case: "GS Nguyễn Ngọc Điện", "Thiếu tá Yury Nikolayevich"
        if _capitalised(text):
            # "Nhà Vy", "Tại Azerbaijan": a sentence's first word, capitalised only for that, which the
            # tagger calls a common word (not Np) is not part of a person's or place's name
            return (
                label in ("PER", "LOC")
                and tok.i in self._sent_starts
                and bool(tok.tag_)
                and tok.tag_ not in PROPER_TAGS
            )
        if entry is not None and entry.role == "classifier" and entry.boundary == "inside":
            return False
        if entry is not None or text.lower() in FUNCTION_WORDS:
            return True
        return label in ("PER", "LOC")

    def repair(self, span: Span, source: str) -> list[Span]:
        """The span(s) a statistical proposal should have been (maybe none)."""
        label = span.label_
        tokens = list(span)
        if all(t.tag_ in FUNCTION_TAGS for t in tokens if not t.is_space):
            return []  # "Tớ" (a pronoun), "Tại": no name is made of function words only
        if not any(any(ch.isalpha() for ch in t.text) and _capitalised(t.text) for t in tokens):
            if source in self.keep_lowercase and not any(t.text[:1].isdigit() or _is_punct(t.text) for t in tokens):
                return [span]
            return []  # "năm 1993", "nét thứ hai", "bài RBKT" are not names
        start, end = 0, len(tokens)
        while start < end and self._trimmable(
            tokens[start], label, any(_capitalised(t.text) for t in tokens[start + 1 : end])
        ):
            start += 1
        while end > start and self._trimmable(
            tokens[end - 1], label, any(_capitalised(t.text) for t in tokens[start : end - 1])
        ):
            end -= 1
        if start >= end:
            return []
        pieces: list[tuple[int, int]] = []
        piece_start = start
        for k in range(start, end):
            text = tokens[k].text
            cut = (
                tokens[k].is_space
                or text in _BREAKS
                or (
                    label in ("PER", "LOC")
                    and not _capitalised(text)
                    and any(ch.isalpha() for ch in text)
                    and text != "-"
                )
            )
            if cut:
                if k > piece_start:
                    pieces.append((piece_start, k))
                piece_start = k + 1
        if end > piece_start:
            pieces.append((piece_start, end))
        doc = span.doc
        out = []
        for s, e in pieces:
            sub = Span(doc, span.start + s, span.start + e, label=label)
            while len(sub) and _is_punct(sub[-1].text) and sub[-1].text != ".":
                sub = Span(doc, sub.start, sub.end - 1, label=label)
            while len(sub) and _is_punct(sub[0].text):
                sub = Span(doc, sub.start + 1, sub.end, label=label)
            if len(sub) and any(_capitalised(t.text) for t in sub) and len(sub.text) > 1:
                out.append(sub)  # a lone letter ("từ A đến Z") is not a name
        return out

    def _without_title(self, cand: Candidate, locate: _Locator) -> Candidate | None:
        """A guessed person without the title or office it starts with ("Hoàng đế Quang Trung" -> "Quang
        Trung"; GUIDELINES §2.6), or None when it is only the first part of one ("Hoàng" of "Hoàng đế", which
        the segmenter cut in two: a capitalised first syllable is no name)."""
        at = locate(cand.start_char)
        if at is None:
            return cand
        view, i = at
        hit = phrase_starting_at(self.context, view, i, roles=("title", "office"))
        if hit is None:
            return cand
        k = hit[0]
        if view[k - 1].end >= cand.end_char:
            return None
        m = k
        while m < len(view) and view[m].start < cand.end_char and not view[m].capitalised:
            m += 1
        if m >= len(view) or view[m].start >= cand.end_char or (k == i + 1 and not view[i].sent_start):
            return cand  # "Bà Rịa": a one-syllable title capitalised inside a sentence is part of the name
        span = cand.span
        doc = span.doc
        new = doc.char_span(view[m].start, cand.end_char, label=cand.label, alignment_mode="expand")
        if new is None:
            return cand
        return Candidate(new, cand.source, cand.value, view[m].start, cand.end_char)

    def _only_a_title(self, text: str) -> bool:
        """The whole text is a title or office of the context lexicon ("Phó Chủ tịch", "Thủ tướng")."""
        entry = self.context.get(text)
        return entry is not None and entry.role in ("title", "office")

    # ------------------------------------------------------------------ resolve

    def priority(self, source: str) -> int:
        return self.rank.get(source, 0)

    def resolve(self, proposals: list[Candidate]) -> list[Candidate]:
        """Non-overlapping proposals (on characters), by source priority, then length, then position."""
        order = sorted(
            proposals, key=lambda c: (-self.priority(c.source), -(c.end_char - c.start_char), c.start_char, c.label)
        )
        taken: list[Candidate] = []
        free = Taken()
        for cand in order:
            if free.take(cand.start_char, cand.end_char):
                taken.append(cand)
        return sorted(taken, key=lambda c: c.start_char)

    # ------------------------------------------------------------------ context

    def relabel(self, doc: Doc, chosen: list[Candidate], locate: _Locator) -> None:
        text = doc_text(doc) if chosen else ""
        origin_end = -1  # where the last place read as an origin after a demonym noun ends
        place_end = -1  # where the last place read as one after a preposition of place ends
        listed_end, listed = -1, 0  # where the last of a list of places ends, and how many it has so far
        for cand in chosen:
            at = locate(cand.start_char)
            if at is None:
                continue
            joined = listed_end >= 0 and text[listed_end : cand.start_char].strip() in COORDINATORS
            if (
                cand.label in ("PER", "ORG")
                and cand.source in ("model", "shape:foreign", *self.guess_sources)
                and _STAN.fullmatch(cand.span.text)
            ):
                # "Cadắcxtan", "Tuốcmênixtan", "Pakistan": a country or region of the "-stan" kind, however it is
                # written (issue 13, round 19: the typer read them as persons)
                _relabel(doc, cand, "LOC")
                listed_end, listed = cand.end_char, (listed + 1 if joined else 1)
                continue
            if cand.label == "LOC" and (joined or cand.source in LISTED_PLACE_SOURCES):
                listed_end, listed = cand.end_char, (listed + 1 if joined else 1)  # a listed place starts a list
            elif (
                joined
                and listed >= 2
                and (
                    (cand.label in ("PER", "ORG") and cand.source in ("model", "shape:foreign", *self.guess_sources))
                    or (cand.label == "MISC" and cand.source == "model")
                )
            ):
                # "Pháp , Đức , Aixơlen , Italia , Lichtenxtain": a name the typer did not know, in a list of two or
                # more listed places, is one too (issue 13, round 19: countries written as they sound)
                _relabel(doc, cand, "LOC")
                listed_end, listed = cand.end_char, listed + 1
                continue
            else:
                listed_end, listed = -1, 0
            # "sang Ung Châu , [Khâm Châu] và [Liêm Châu]": the places joined to a place after "sang", "ở" ...
            if cand.source in ("model", "rules:surname", *self.guess_sources) and _joined_takes(
                doc, text, cand, place_end, "PER", "LOC"
            ):
                place_end = cand.end_char
                continue
            place_end = -1
            # "liên quân Pháp - [Tây Ban Nha]", "thương nhân Nhật Bản và [Hà Lan]": the noun before the first place
            # makes the places joined to it origins too (GUIDELINES §4.4; issue 13, round 8)
            if cand.source != "rules:classifier" and _joined_takes(doc, text, cand, origin_end, "LOC", "MISC"):
                origin_end = cand.end_char
                continue
            if (
                origin_end >= 0
                and text[origin_end : cand.start_char] == " "
                and cand.label == "LOC"
                and cand.source in ("model", *self.guess_sources)
            ):
                # "triết gia người [MISC Pháp] [PER Rousseau]": a name the guessers took for a place, right after a
                # person's origin, is the person (issue 13, round 27)
                _relabel(doc, cand, "PER")
                origin_end = -1
                continue
            origin_end = -1
            view, i = at
            new = cand.label
            hit = (
                phrase_ending_at(self.context, view, i, roles=("demonym", "classifier", "title", "office"))
                if i
                else None
            )
            if hit is not None and (not view[i].joined or not self._demonym_word(view, hit[0])):
                hit = None  # "cư dân thôn 1": "dân" is part of the word "cư dân", not a demonym noun
            entry = hit[1] if hit else None
            if entry is not None and entry.role == "demonym" and cand.source == "model" and cand.label != "MISC":
                new = "MISC"  # "quân Tống", "quân Minh": the typer has seen few demonyms (GUIDELINES §4.4)
            elif entry is not None and entry.capitalised == "name" and cand.label == "PER":
                new = "MISC"  # "phong trào [Đồng Khởi]": a movement, a battle, a rising, whatever its name spells
            elif entry is not None and entry.role in ("demonym", "office") and cand.label == "LOC":
                new = "MISC"  # "quân Nga"; "thủ tướng Campuchia", "Đại sứ Mỹ": whose office (GUIDELINES §4.4)
                if entry.role == "demonym":
                    origin_end = cand.end_char
            elif entry is not None and cand.source in self.guess_sources:
                if entry.role == "classifier" and entry.label in ("LOC", "ORG"):
                    new = entry.label
                elif entry.role in ("title", "office") and cand.label in ("LOC", "MISC", "ORG"):
                    new = "PER"
            elif (
                entry is None
                and cand.label == "PER"
                and cand.source in ("model", "rules:surname", *self.guess_sources)
                and i > 0
                and view[i - 1].lower in PLACE_PREPOSITIONS
                and view[i].joined
                and view.word_start(view[i - 1].start)
                and view.word_end(view[i - 1].end)
            ):
                new = "LOC"  # "ra [Vinh] học", "ở [Tân Sở]": a place the guessers took for a given name; "sang [Ung
                # Châu]": the family name rule's too (issue 13, round 8)
                place_end = cand.end_char
            elif (
                entry is None
                and cand.label == "PER"
                and cand.source in ("model", "rules:surname", *self.guess_sources)
                and _after_house_number(view, i)
            ):
                new = "LOC"  # "số nhà 36 [Lý Nam Đế]", "số 4 [Duy Tân]": a street named after a person (round 9)
            elif (
                entry is None
                and cand.label == "LOC"
                and self.one_syllable_places_are_people
                and _one_vietnamese_syllable(cand.span.text)
                and (
                    cand.source in self.guess_sources
                    or (cand.source in self.one_syllable_people_sources and _bare_given_name(view, i))
                )
            ):
                # Vietnamese place names are compounds (Hà Nội, Bạc Liêu); a lone native syllable
                # is a given name ("sức khỏe Diệp"). The one-syllable places (Huế, Nga, Lào) are
                # gazetteer names, which rank above the guessers and never reach here. The typer's too, with
                # nothing before it that makes it a place (issue 13, round 12: "đổ dồn vào [Lan]"; see
                # _bare_given_name)
                new = "PER"
            if new != cand.label:
                _relabel(doc, cand, new)

    def _numbered_names(self, doc: Doc, chosen: list[Candidate], locate: _Locator) -> list[Candidate]:
        """A name and the small number written right after it, one name: "[ORG Bệnh viện Quân y 103]", "tàu [MISC
        Hoàng Đạt 35]", "khách sạn [LOC Ngọc Vân 2]" (issue 13, round 9: the number was a NUM and the rest of the name
        wrong). Not a number that counts or measures what follows it ("ở Hà Nội 3 năm", "Đội A 2 - 1"), nor a year.
        A person does not take a number: a name the rules or the typer read as one does only after a classifier or
        demonym noun ("khách sạn", "tàu"), whose label it then takes."""
        if not chosen:
            return chosen
        text = doc_text(doc)
        out: list[Candidate] = []
        k = 0
        while k < len(chosen):
            cand = chosen[k]
            nxt = chosen[k + 1] if k + 1 < len(chosen) else None
            label = None
            if (
                nxt is not None
                and nxt.label == "NUM"
                and nxt.source == "rules:number"
                and cand.label in NAMES
                and text[cand.end_char : nxt.start_char] == " "
                and text[nxt.start_char : nxt.end_char].isdigit()
                and len(text[nxt.start_char : nxt.end_char]) <= 3
                and not self._counts_what_follows(nxt, text, locate)
            ):
                label = cand.label if cand.label != "PER" else self._label_of_noun_before(cand, locate)
            if label is None:
                out.append(cand)
                k += 1
                continue
            span = Span(doc, cand.span.start, nxt.span.end, label=label)
            old = cand.original_label or (cand.label if label != cand.label else None)
            out.append(Candidate(span, cand.source, None, cand.start_char, nxt.end_char, old))
            k += 2
        return out

    def _counts_what_follows(self, num: Candidate, text: str, locate: _Locator) -> bool:
        """The number is followed by a noun it counts, a unit, or another number of a range or score."""
        rest = text[num.end_char :].lstrip(" ")
        if not rest:
            return False
        if rest[0] in "-–/.,:" and rest[1:].lstrip(" ")[:1].isdigit():
            return True  # "2 - 1", "3/4", "2.000"
        at = locate(len(text) - len(rest))
        if at is None:
            return False
        view, i = at
        token = view.token_at(view[i].start)
        return token is not None and token.tag_ in COUNTED_TAGS

    def _label_of_noun_before(self, cand: Candidate, locate: _Locator) -> str | None:
        at = locate(cand.start_char)
        if at is None or at[1] == 0:
            return None
        view, i = at
        hit = phrase_ending_at(self.context, view, i, roles=("classifier", "demonym"))
        if hit is None:
            return None
        entry = hit[1]
        if entry.role == "demonym":
            return "MISC"  # "tàu [Hoàng Đạt 35]": a ship
        return entry.label if entry.label in ("LOC", "ORG") else None

    @staticmethod
    def _demonym_word(view: SyllableView, k: int) -> bool:
        """The context phrase found at syllable ``k`` is a word of its own, or ends a verb the segmenter glued
        it to ("đánh bại quân Tống": the verb "đánh bại" and the noun "quân" read as one word); not the end of a
        noun ("cư dân")."""
        start = view[k].start
        if view.word_start(start):
            return True
        token = view.token_at(start)
        return token is not None and token.tag_ == "V"

    # ------------------------------------------------------------------ all

    def __call__(self, doc: Doc) -> Doc:
        # Token.is_sent_start scans the whole doc on each access: read all starts at once
        self._sent_starts = {s.start for s in doc.sents} if doc.has_annotation("SENT_START") else {0}
        proposals = []
        # spans the trained typer judged not to be names: the guessers' proposals of them go
        model = doc.spans.get(PREFIX + "model", None)
        vetoed = {tuple(v) for v in model.attrs.get("vetoed", [])} if model is not None else set()
        locate = _Locator(doc)
        text = doc_text(doc)
        found = candidates(doc)
        ends = {c.end_char for c in found if c.source != "rules:surname"}
        for cand in found:
            if cand.source == "rules:surname":
                cand = _whole_name(cand, locate, ends, self.context)
            if cand.source in self.veto_sources and (cand.start_char, cand.end_char) in vetoed:
                continue
            if cand.label == "PER" and cand.source in self.title_sources:
                cand = self._without_title(cand, locate)
                if cand is None:
                    continue
            if cand.label == "PER" and (cand.source in self.title_sources or cand.source in self.guess_sources):
                cand = _typed_by_last_word(cand)
            if cand.label == "PER" and self._only_a_title(cand.span.text):
                continue  # "Phó Chủ tịch": a family name ("Phó") and a capital do not make a title a person
            if cand.label == "PER" and _after_ideology_noun(text, cand.start_char):
                continue  # "tư tưởng Hồ Chí Minh": an ideology named after a person
            if (cand.source in self.title_sources or cand.source in self.guess_sources) and _common_acronym(
                text[cand.start_char : cand.end_char], lambda c=cand.start_char: _first_in_sentence(locate, c)
            ):
                continue
            if cand.label == "PER" and _before_club_word(text, cand.end_char):
                continue  # "[Hà Nội] FC": the name goes on into a club's or a competition's (LAST_WORD_LABELS)
            if cand.label == "PER" and cand.source != "rules:title":
                really = _calendar_or_compass(cand, text, locate)
                if really == "":
                    continue
                if really:
                    span = Span(doc, cand.span.start, cand.span.end, label=really)
                    cand = Candidate(span, cand.source, cand.value, cand.start_char, cand.end_char, "PER")
            if self.repair_enabled and cand.source in self.repair_sources:
                proposals.extend(Candidate(s, cand.source, cand.value) for s in self.repair(cand.span, cand.source))
            else:
                proposals.append(cand)
        proposals = _names_inside_quoted_titles_yield(_places_inside_named_organisations_yield(proposals), text)
        proposals = _years_inside_documents_yield(_names_inside_amounts_yield(proposals))
        proposals = _places_inside_dashed_places_yield(proposals, text)
        chosen = self.resolve(_names_inside_named_events_yield(proposals, text, self.context))
        chosen = _with_terms(doc, _with_nicknames(doc, chosen, text), text)
        chosen = _adjacent_organisations_join(doc, _with_body_prefixes(doc, chosen, text), text)
        if self.context_labels:
            self.relabel(doc, chosen, locate)
            _nationalities_in_brackets(doc, chosen, text, {"model", *self.guess_sources})
            chosen = self._numbered_names(doc, chosen, locate)
        # An entity found on characters may start or end inside a word ("Trương Xuân Đại" in a
        # word "Đại kiện"): cut the word rather than widen the entity.
        cuts = set()
        for c in chosen:
            if (c.start_char, c.end_char) != (c.span.start_char, c.span.end_char):
                cuts.add(c.start_char)
                nxt = c.end_char
                while nxt < len(text) and text[nxt] == " ":
                    nxt += 1
                cuts.add(nxt)
        if cuts:
            doc = cut_tokens(doc, cuts)
        # A cut inside a syllable is not made ("Aa_0" stays one word), so two proposals can
        # widen to the same word: the one that ranks first keeps it.
        kept: list[tuple[Candidate, Span]] = []
        free = Taken()  # (on tokens)
        for c in sorted(chosen, key=lambda c: (-self.priority(c.source), c.start_char)):
            span = doc.char_span(c.start_char, c.end_char, label=c.label)
            if span is None:
                span = doc.char_span(c.start_char, c.end_char, label=c.label, alignment_mode="expand")
            if free.take(span.start, span.end):
                kept.append((c, span))
        kept.sort(key=lambda pair: pair[1].start)
        doc.ents = [span for _, span in kept]
        for (cand, _), span in zip(kept, doc.ents):
            extensions = span._  # (one object for the four: spaCy makes a new one at each ``span._``)
            extensions.source = cand.source
            extensions.value = cand.value
            old = cand.original_label
            extensions.original_label = old
            extensions.flags = [FLAG] if old else None
        return doc


@Language.factory(
    "songngu_ner_merge",
    default_config={
        "priority": DEFAULT_PRIORITY,
        "context": "<packaged>",
        "repair": True,
        "repair_sources": ["crf", "spacy"],
        "context_labels": True,
        "guess_sources": ["crf", "spacy", "shape:foreign"],
        "keep_lowercase": ["spacy"],
        "one_syllable_places_are_people": True,
        "veto_sources": ["crf", "shape:foreign", "spacy"],
        "title_sources": ["model"],
        "one_syllable_people_sources": ["model"],
    },
    requires=["doc.spans", "doc.sents", "token.tag"],
    assigns=["doc.ents", "span._.source", "span._.value", "span._.flags"],
    retokenizes=True,
)
def create_merge(
    nlp: Language,
    name: str,
    priority: list[str],
    context: str,
    repair: bool,
    repair_sources: list[str],
    context_labels: bool,
    guess_sources: list[str],
    keep_lowercase: list[str],
    one_syllable_places_are_people: bool,
    veto_sources: list[str],
    title_sources: list[str],
    one_syllable_people_sources: list[str],
):
    """Resolve the NER proposals (``doc.spans["ner:*"]``) into ``doc.ents``."""
    register_extensions()

    def build(context: str) -> Merger:
        merger = Merger(
            priority,
            context_words(context),
            repair,
            repair_sources,
            context_labels,
            guess_sources,
            keep_lowercase,
            one_syllable_places_are_people,
            veto_sources,
            title_sources,
            one_syllable_people_sources,
        )
        merger.songngu_meta = rules_meta(context)
        return merger

    # The data file is read at initialize (or from a saved pipeline's copy): see pipeline.spacy_data.
    return BuiltFromFiles(build, {"context": context_path(context)})
