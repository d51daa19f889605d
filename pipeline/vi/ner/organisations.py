"""Organisations, units, documents and events by pattern (source ``rules:org``).

The heads come from ``data/organisations.tsv`` (phrase, kind, label); a
pattern per kind says what follows the head (corpus/gold/GUIDELINES.md §3.3):

``unit``    head, optional branch words, optional "số", a number, optional
            branch descriptor, optional country:
            ``[ORG Sư đoàn 127]``, ``[ORG Quân đoàn 7 Nga]``,
            ``[ORG trung đoàn 366 cơ giới]``, ``[LOC căn cứ quân sự số 102]``,
            ``[LOC quận 1]``. "của" ends the name: ``[ORG Sư đoàn 127] của Nga``.
``named``   head, up to four descriptive words, then capitalised words:
            ``[ORG Bộ Quốc phòng Armenia]``, ``[ORG Đại học Ngoại thương]``,
            ``[ORG công ty cổ phần Biên Hòa]``, ``[ORG bộ Chính trị]``.
``treaty``  capitalised head, a capitalised word, then the title in sentence
            case, over nouns, up to a verb, a function word or punctuation, or
            nothing more after a proper name:
            ``[MISC Hiệp ước Chống tên lửa đạn đạo]``, ``[MISC Luật Đất đai]
            sửa đổi``, ``[MISC Hiệp định Genève] chia Việt Nam``.
``event``   capitalised head and a capitalised name (+ number):
            ``[MISC Chiến_tranh_Nagorno-Karabakh]``, ``[MISC Sea Games 19]``;
            or, in any case, a head and an ordinal: ``[MISC Chiến tranh thế giới
            thứ hai]``, ``[MISC thế chiến thứ nhất]``.

Abbreviations (``data/abbreviations.tsv``) are read as what they stand for:
an organisation's (``TAND`` = tòa án nhân dân: ``[ORG TAND tỉnh Quảng Trị]``,
``[ORG UBND xã Tân Hòa]``) or an administrative unit's, which is then part of
the place (``[LOC TP. Đà Nẵng]``, ``[LOC Q.1]``). An organisation's name takes a
place written after it, with its administrative noun (``[ORG Sở Tài nguyên và
Môi trường tỉnh Bình Dương]``, ``[ORG Phòng CSGT Công an tỉnh Đồng Nai]``).

Capitalised names are read word by word: Vietnamese capitalises the first
syllable of each word of a name ("Quốc phòng"), so a capitalised syllable
takes the rest of its word (token) with it.
"""

from __future__ import annotations

import re

from spacy.language import Language

from pipeline.spacy_data import BuiltFromFiles
from pipeline.text.normalize import cased_syllable_key, syllable_key
from pipeline.text.phrases import PhraseTable
from pipeline.text.tsv import DataFileError, read_tsv
from pipeline.vi.ner.candidates import RuleComponent
from pipeline.vi.ner.gazetteer import (
    Gazetteer,
    cldr_gazetteer,
    gazetteer_paths,
    known_in_any,
    listed_past,
    project_gazetteer,
)
from pipeline.vi.ner.lexicon import (
    Entry,
    common_words,
    context_path,
    context_words,
    packaged_or,
    phrase_ending_at,
    phrase_starting_at,
    rules_meta,
    term_at,
)
from pipeline.vi.ner.persons import full_name_at, is_surname
from pipeline.vi.ner.phonotactics import is_foreign_word
from pipeline.vi.ner.view import SyllableView, next_true

SOURCE = "rules:org"
KINDS = ("unit", "named", "national", "treaty", "event")
ABBREVIATION_KINDS = ("organisation", "place")
#: Administrative nouns a place name follows; written after an organisation's name, both belong to it.
ADMINISTRATIVE = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "thị trấn", "xã", "phường", "miền")

#: Heads that name an organisation only capitalised and not before a place's name ("Trung tâm Y tế huyện Củ Chi";
#: "trung tâm Hà Nội" is downtown; "Cơ quan Năng lượng Quốc tế" is an agency, "cơ quan chức năng" any authority).
CAPITALISED_HEADS = frozenset({"trung tâm", "cơ quan"})

#: Closed-class words (prepositions, conjunctions, auxiliaries, determiners): a name's
#: descriptive words and a document title never run through one.
FUNCTION_WORDS = frozenset(
    [
        "của",
        "thuộc",  # "Ban xây dựng luật | thuộc | [Văn phòng Chính phủ]": belonging to another body (round 22)
        "và",
        "với",
        "về",
        "ở",
        "tại",
        "được",
        "bị",
        "đã",
        "sẽ",
        "đang",
        "là",
        "có",
        "không",
        "cho",
        "để",
        "giữa",
        "từ",
        "đến",
        "tới",
        "trong",
        "ngoài",
        "này",
        "đó",
        "kia",
        "ấy",
        "nhưng",
        "mà",
        "thì",
        "nên",
        "vì",
        "do",
        "bởi",
        "các",
        "những",
        "một",
        "mọi",
        "theo",
        "như",
        "khi",
        "nơi",
        "rằng",
        "năm",
        "tháng",
        "ngày",
        "sau",
        "trước",
        "trên",
        "dưới",
        "qua",
        "lại",
        "ra",
        "vào",
        "đi",
        "cũng",
        "vẫn",
        "còn",
        "rất",
        "đều",
        "nhằm",
        "bằng",
        "hay",
        "hoặc",
        "nếu",
        "tuy",
    ]
)
#: Nouns after which "bộ" counts a set of things ("bộ phim", "bộ sách", "bộ luật") rather than naming a ministry.
SETS_NOT_MINISTRIES = frozenset(
    {"phim", "sách", "truyện", "luật", "ảnh", "sưu tập", "tranh", "đồ", "quần", "áo", "bách khoa", "từ điển"}
)
#: Words that may stand after a unit's number: "trung đoàn 366 cơ giới".
UNIT_DESCRIPTORS = (
    "cơ giới",
    "bộ binh",
    "pháo binh",
    "xe tăng",
    "thiết giáp",
    "tăng thiết giáp",
    "dù",
    "đổ bộ",
    "hải quân",
    "không quân",
    "tên lửa",
    "phòng không",
    "đặc nhiệm",
    "công binh",
    "thông tin",
    "cận vệ",
    "biên phòng",
    "cơ động",
    "bộ binh cơ giới",
    "đặc công",
    "trinh sát",
)
#: Verbs of a court's or an authority's decision that the tagger reads as nouns right after a body's name
#: ("Tòa án quân sự Trung ương tuyên phạt Nguyễn Văn A"): they start the predicate, never a name's lower-case tail,
#: and taken into the name they cost the event its trigger (issue 12).
PREDICATE_VERBS = frozenset({"tuyên phạt", "tuyên án", "kết án", "xử phạt", "cách chức", "khai trừ"})
#: Capitalised words that close a body's name as a place does ("Cơ quan Năng lượng Quốc tế", "Tổ chức Y tế Thế giới"):
#: the lower-case words after them are the predicate ("... Quốc tế [dự báo giá dầu]"; round 20 audit), not sentence case.
CLOSING_QUALIFIERS = frozenset({"quốc tế", "quốc gia", "thế giới"})
_ROMAN = re.compile(r"^[IVXLC]+$")
#: Heads that name what kind of company a brand is: outside the brand's own name (see OrganisationRule).
BRAND_KIND_NOUNS = frozenset(
    {"công ty", "tổng công ty", "tập đoàn", "ngân hàng", "nhà máy", "xí nghiệp", "hãng", "tổ chức"}
)


def load_heads(path: str) -> dict[str, PhraseTable[Entry]]:
    tables: dict[str, list] = {k: [] for k in KINDS}
    for row in read_tsv(path, ("phrase", "kind", "label")):
        if row["kind"] not in KINDS:
            raise DataFileError(
                f"{path}:{row['_line']}: unknown kind {row['kind']!r} (expected one of {', '.join(KINDS)})"
            )
        tables[row["kind"]].append((row["phrase"], Entry(row["phrase"], row["kind"], row["label"], "inside")))
    return {kind: PhraseTable(entries) for kind, entries in tables.items()}


def load_abbreviations(path: str) -> dict[str, PhraseTable[Entry]]:
    """``abbreviations.tsv`` as heads: ``named`` (organisations) and ``place`` (administrative units).

    Abbreviations are matched with their case ("CA" stands for công an, "ca" is a case or a song),
    but with either spelling of a tone mark; list case variants ("TP.", "Tp.") as rows.
    """
    tables: dict[str, list] = {"named": [], "place": []}
    for row in read_tsv(path, ("abbreviation", "expansion", "kind")):
        if row["kind"] not in ABBREVIATION_KINDS:
            raise DataFileError(
                f"{path}:{row['_line']}: unknown kind {row['kind']!r} (expected one of {', '.join(ABBREVIATION_KINDS)})"
            )
        kind, label = ("named", "ORG") if row["kind"] == "organisation" else ("place", "LOC")
        tables[kind].append((row["abbreviation"], Entry(row["expansion"], kind, label, "inside")))
    return {kind: PhraseTable(entries, key=cased_syllable_key) for kind, entries in tables.items()}


def name_run(view: SyllableView, i: int, limit: int = 8, allow_and: bool = False, allow_dash: bool = False) -> int:
    """End of the capitalised name starting at syllable ``i``, read word by word (``i`` if none). ``allow_and``:
    "và" or "&" between capitalised words goes on ("Sở Giáo dục và Đào tạo", "bộ Nông nghiệp & Phát triển Nông
    thôn"); ``allow_dash``: so does a dash (a ministry's "bộ Lao động - Thương binh & Xã hội")."""
    j = i
    while j < len(view) and j - i < limit:
        syl = view[j]
        if j > i and not syl.joined:
            break
        if syl.capitalised and syl.is_alpha:
            j += 1
            while view.goes_on(j) and not view[j].is_punct:
                j += 1  # the rest of the word: "Quốc" + "phòng"
            continue
        if (
            allow_and
            and j > i
            and (syl.lower in ("và", "&") or (allow_dash and syl.text in ("-", "–")))
            and j + 1 < len(view)
            and view[j + 1].joined
            and view[j + 1].capitalised
        ):
            j += 1
            continue
        break
    return j


#: Nouns written after a party's or society's name in the old word order (GUIDELINES §4.4: "[ORG Duy Tân hội]").
PARTY_SUFFIXES = frozenset({"hội", "đảng"})


def _party_or_society(view: SyllableView, i: int) -> int | None:
    """The end of a party or society named in the old word order, its noun last ("[ORG Việt Nam Quang phục hội]",
    "[ORG Việt Nam Quốc dân Đảng]", "[ORG Duy Tân hội]"): two capitalised words or more, then "hội" or "đảng" as a
    word of its own (not "hội nhập"), or None. Not from inside a longer name."""
    if i > 0 and view[i - 1].joined and view[i - 1].capitalised:
        return None
    end = name_run(view, i)
    first = view.word_end_from(i)
    if view[i].sent_start and " ".join(view.keys[i:first]) in common_words():
        return None  # a common word capitalised to start the sentence: "Lãnh đạo Đảng" (the Party's leaders)
    last = end - 1
    if (
        end - i >= 3
        and view[last].lower in PARTY_SUFFIXES
        and view.word_end(view[last].end)
        and (view.word_start(view[last].start) or " ".join(view.keys[last - 1 : end]) not in common_words())
    ):
        return end  # the noun in the run, capitalised ("... Quốc dân Đảng") or glued to the name ("Duy Tân hội"), not
        # the end of a word of the dictionary ("Cộng hòa Xã hội")
    if (
        end - i >= 2
        and end < len(view)
        and view[end].joined
        and view[end].lower in PARTY_SUFFIXES
        and view.word_end(view[end].end)  # a word's end: not "hội nhập"; the segmenter may glue it to the name
    ):
        return end + 1
    return None


def _tag_at(view: SyllableView, j: int) -> str:
    """The tagger's tag of the word that syllable ``j`` belongs to ("" where there is none)."""
    return getattr(view.token_at(view[j].start), "tag_", "")


def _number(view: SyllableView, j: int) -> bool:
    syl = view[j]
    return syl.text.isdigit() or bool(_ROMAN.match(syl.text))


def _name_or_number_at(view: SyllableView, k: int) -> bool:
    """A capitalised name or a number joined at ``k``: what makes the administrative noun before it a place's
    ("tỉnh [Bình Dương]", "quận [3]", "miền [Nam]")."""
    return k < len(view) and view[k].joined and (view[k].capitalised or _number(view, k))


class OrganisationRule:
    def __init__(
        self,
        heads: dict[str, PhraseTable[Entry]],
        places: list[Gazetteer],
        abbreviations: dict[str, PhraseTable[Entry]] | None = None,
        context: PhraseTable[Entry] | None = None,
    ):
        self.heads = heads
        self.context = context if context is not None else PhraseTable()
        self.places = places
        self.abbreviations = abbreviations or {"named": PhraseTable(), "place": PhraseTable()}
        self.descriptors = PhraseTable((d, Entry(d, "descriptor", "", "inside")) for d in UNIT_DESCRIPTORS)
        self.administrative = PhraseTable((a, Entry(a, "administrative", "LOC", "outside")) for a in ADMINISTRATIVE)
        self._first: tuple[tuple[int, ...], frozenset[str], frozenset[str]] | None = None  # (_first_syllables)

    def _place_end(self, view: SyllableView, j: int) -> int | None:
        if j < len(view) and view[j].joined:
            for gaz in self.places:
                hit = gaz.longest_at(view, j)
                if hit and hit[1] == "LOC":
                    return hit[0]
        return None

    def find(self, view: SyllableView):
        # where some head or abbreviation may start (_heads_at finds none elsewhere: most syllables), or a
        # brand (a capitalised word): one pass over the syllables, the rest stepped over in C (next_true)
        heads, abbreviations = self._first_syllables()
        keys, forms = view.keys, view.forms
        may_begin = [k in heads or f in abbreviations or s.text[:1].isupper() for k, f, s in zip(keys, forms, view)]
        parties = not PARTY_SUFFIXES.isdisjoint(keys)  # most texts have no "hội" or "đảng": no party to look for
        words = common_words()
        i = 0
        while i < len(view):
            if not may_begin[i]:
                i = next_true(may_begin, i)
                continue
            match = None
            # a head starts a word; or follows "cuộc", the noun of events, which the segmenter glues to it
            # ("Cuộc Chiến tranh" as one word)
            word_start = view.word_start(view[i].start)
            may_head = keys[i] in heads or forms[i] in abbreviations
            # "đi bộ", "cán bộ", "nội bộ": a lower-case head of one syllable that ends a common word the segmenter
            # cut is no head ("đi [bộ dọc biên giới Lào]" was a ministry; issue 13, round 21)
            ends_a_word = not view[i].capitalised and i > 0 and view[i].joined and f"{keys[i - 1]} {keys[i]}" in words
            if may_head and (word_start or (i > 0 and view[i - 1].lower == "cuộc" and view[i].joined)):
                for kind, hit in self._heads_at(view, i):
                    k, entry = hit
                    if ends_a_word and k == i + 1:
                        continue
                    end = getattr(self, "_" + kind)(view, i, k)
                    if end is not None and (match is None or end > match[0]):
                        start = k if kind == "named" and self._kind_noun_outside(view, i, k, end) else i
                        match = (end, entry.label, start)
            if match is None and word_start and view[i].text[:1].isupper():
                end = self._brand_with_place(view, i)
                if end is None and parties:
                    end = _party_or_society(view, i)
                if end is not None:
                    match = (end, "ORG", i)
            if match is not None and self._listed_person(view, match[2], match[0]):
                match = None
            if match is None:
                i += 1
                continue
            yield match[2], match[0], match[1]
            i = match[0]

    def _first_syllables(self) -> tuple[frozenset[str], frozenset[str]]:
        """Every syllable a head phrase starts with (as the head tables key syllables: folded), and every one an
        abbreviation starts with (cased): ``PhraseTable.may_start`` of any of those tables, in one set look-up.
        Made again if a table has grown since (PhraseTable.add)."""
        tables = [self.heads[kind] for kind in KINDS], [self.abbreviations[kind] for kind in ("named", "place")]
        sizes = tuple(len(table.state()[2]) for group in tables for table in group)
        if self._first is None or self._first[0] != sizes:
            heads, abbreviations = (frozenset().union(*(table.state()[2] for table in group)) for group in tables)
            self._first = (sizes, heads, abbreviations)
        return self._first[1], self._first[2]

    def _brand_with_place(self, view: SyllableView, i: int) -> int | None:
        """A brand, written as an acronym or a foreign-spelled word, with a listed place right after it is a company
        or club named with its home ("[ORG SHB Đà Nẵng]", "[ORG Becamex Bình Dương]"; like "[ORG Pepsi VN]",
        GUIDELINES §3.3): the end of the place, or None. Not a place, a title or an abbreviation the lexicons know
        ("TP HCM", "HLV Park")."""
        # the cheap tests first: this runs at every word no head starts
        if not (i + 1 < len(view) and view[i + 1].capitalised and view[i].capitalised and view[i + 1].joined):
            return None
        if i > 0 and view[i - 1].joined and view[i - 1].capitalised:
            return None  # the end of a longer capitalised name
        syl = view[i]
        if not (syl.is_alpha and view.word_end(syl.end)):
            return None
        if not ((len(syl.text) > 1 and syl.text.isupper()) or is_foreign_word(syl.text)):
            return None
        if self._place_end_at(view, i) is not None or any(
            self._abbreviation_at(view, i, kind) is not None for kind in ("named", "place")
        ):
            return None
        return self._place_end(view, i + 1)

    def _kind_noun_outside(self, view: SyllableView, i: int, k: int, end: int) -> bool:
        """A company-kind noun stays outside a brand's own name (corpus/gold/GUIDELINES.md §3.2, rule 3):
        written in lower case or capitalised only to start the sentence, right before a name spelled as no
        Vietnamese word is (a foreign name or an acronym): "công ty [ExxonMobil]", "Ngân hàng [BIDV]" at the
        start of a sentence. A capitalised noun mid-sentence is part of the name ("Tập đoàn Eastman Kodak"),
        and a Vietnamese name after it is what the company is named after ("công ty cổ phần Biên Hòa")."""
        if " ".join(view.keys[i:k]) not in BRAND_KIND_NOUNS or end <= k:
            return False
        if view[i].capitalised and not view[i].sent_start:
            return False
        return all(
            is_foreign_word(view[m].text) or (len(view[m].text) > 1 and view[m].text.isupper()) for m in range(k, end)
        )

    def _heads_at(self, view: SyllableView, i: int):
        """``(kind, (end, entry))`` of every head starting at syllable ``i``: a word or an abbreviation."""
        for kind in KINDS:
            hit = phrase_starting_at(self.heads[kind], view, i)
            if hit is not None:
                yield kind, hit
        for kind in ("named", "place"):
            hit = self._abbreviation_at(view, i, kind)
            if hit is not None:
                yield kind, hit

    def _abbreviation_at(self, view: SyllableView, i: int, kind: str):
        table, forms = self.abbreviations[kind], view.forms
        if i >= len(forms) or not table.may_start(forms[i]):
            return None
        return table.starting_at(forms, i, lambda a, b, entry: view.contiguous(a, b))

    def _unit(self, view: SyllableView, i: int, k: int) -> int | None:
        if k < len(view) and view[k].joined and phrase_starting_at(self.heads["treaty"], view, k) is not None:
            return None  # "Căn cứ Nghị định số 45": "pursuant to" a numbered document, not a base (round 21)
        j = k
        # branch words before the number: "Sư đoàn Bộ binh 5", "lữ đoàn Hải quân 125"
        if j < len(view) and view[j].joined:
            hit = phrase_starting_at(self.descriptors, view, j)
            j = hit[0] if hit else name_run(view, j, limit=3)
        if j < len(view) and view[j].joined and view[j].lower == "số":
            j += 1
        if not (j < len(view) and view[j].joined and _number(view, j)):
            return None
        j += 1
        hit = phrase_starting_at(self.descriptors, view, j) if j < len(view) and view[j].joined else None
        if hit:
            j = hit[0]
        place = self._place_end(view, j)
        return place if place is not None else j

    def _named(self, view: SyllableView, i: int, k: int) -> int | None:
        if not view.word_end(view[k - 1].end) and not (k < len(view) and view[k].capitalised):
            return None  # "trường" of "trường hợp": the head must be a whole word, or glued to the name ("Bộ Tư pháp")
        if " ".join(view.keys[i:k]) in CAPITALISED_HEADS and (
            not view[i].capitalised or self._place_end_at(view, k) is not None
        ):
            return None  # "ở trung tâm Hà Nội", "Trung tâm Hà Nội đông đúc": downtown, not a centre named Hà Nội
        if not view[i].capitalised and view.word_end(view[k - 1].end) and k < len(view) and not view[k].capitalised:
            token = view.token_at(view[i].start)
            if token is not None and token.tag_ == "V" and self._abbreviation_at(view, i, "named") is None:
                return None  # a verb and its object, not a head: "Mỹ tổ chức đón Tết" (to organise); not before
                # a name ("tổ chức Đảng", whatever the tagger says), nor an abbreviation the tagger took for a verb
                # (VTB's lower-case "ubnd huyện Đức Linh")
        j = k
        if (
            view[i].lower == "bộ"
            and k < len(view)
            and (view[k].lower in SETS_NOT_MINISTRIES or " ".join(view.keys[k : k + 2]) in SETS_NOT_MINISTRIES)
        ):
            return None  # "bộ phim", "bộ luật": "bộ" counts a set of things here, it is not a ministry
        verb_before = verb_seen = False
        while j < len(view) and j - k < 4 and view[j].joined and view[j].is_alpha and not view[j].capitalised:
            if view[j].lower == "các" and j == k and view[i].capitalised and k - i >= 2:
                # "Hiệp hội [các] quốc gia Đông Nam Á", "Liên đoàn [các] hội Chữ thập đỏ Quốc tế": a capitalised head of
                # two syllables and the plural "các" right after it make a formal name (found by the new-user audit)
                j += 1
                continue
            if view[j].lower == "tại" and " ".join(view.keys[j - 2 : j]) == "cấp cao":
                j += 1  # "[TAND cấp cao tại Đà Nẵng]": the high courts are named by their seat (round 24)
                continue
            if view[j].lower in FUNCTION_WORDS:
                return None
            if view.word_start(view[j].start):
                tag = getattr(view.token_at(view[j].start), "tag_", "")
                if tag == "V" and j == k and view[i].capitalised and known_in_any(self.places, view, i, k):
                    # a listed body alone, then its verb: "[Đảng] lấy chủ nghĩa Mác-Lênin làm nền tảng" is the Party
                    # and what it does, not a party named "Mác-Lênin" (issue 13, round 26)
                    return None
                if tag == "R" or (tag == "V" and verb_before):
                    # an adverb or two verbs in a row make a clause, not a name's descriptive words: "quân đội
                    # [từng nghiên cứu] Muay Thái", "vòng vây cảnh sát [tiến xuống] trụ sở" (issue 13, round 9)
                    return None
                verb_before = tag == "V"
                verb_seen = verb_seen or verb_before
            j += 1  # descriptive words: "công ty [cổ phần] Biên Hòa"
        if not (j < len(view) and view[j].joined):
            return None
        end = name_run(view, j, allow_and=True, allow_dash=view[i].lower == "bộ" and k == i + 1)
        if verb_seen and end - j >= 2 and is_surname(view[j].text):
            return None  # a verb and a person, its object: "Cảnh sát [bắt giữ] Nguyễn Văn An", "Tòa án [tuyên phạt] Lê
            # Văn Hải" (a clause about the body, found by evh19); a body's descriptive words are no verb before a person
        for m in range(j + 1, end):
            # "thứ trưởng bộ Ngoại giao Nguyễn Phú Bình": a family name starts the minister, not the ministry;
            # not right after "và", which joins two parts of one name ("Sở Giáo dục và Đào tạo")
            # A surname alone ends no name: a person is a family name and a given name at least, so the
            # last capitalised syllable of "Bệnh viện Bạch Mai" is part of the hospital's name.
            if (
                end - m >= 2
                and view[m].capitalised
                and is_surname(view[m].text)
                and view[m - 1].lower != "và"
                and not self._place_end_at(view, m)
                and self._office_before(view, i)
            ):
                end = m
                break
        for m in range(j + 1, end - 1):
            if view[m].lower == "và" and (
                any(True for _ in self._heads_at(view, m + 1))
                or any(self._abbreviation_at(view, m + 1, kind) is not None for kind in ("named", "place"))
            ):
                end = m  # "và" before another organisation's head joins two organisations, not two parts of one
                break  # name: "[TAND Q. Ninh Kiều] và [TAND TP. Cần Thơ]"
        while end > j and view[end - 1].lower in ("và", "&", "-", "–"):
            end -= 1  # a name never ends on "và"
        bare = self._abbreviation_at(view, j, "place")
        if bare is not None and bare[0] >= end:
            return None  # "ubnd TP thông qua", "hđnd TP": the city's abbreviation without its name is no name, and
            # the body no more an organisation than "ubnd xã" (GUIDELINES §2.2, §3.3; issue 13, round 18)
        if end == j or known_in_any(self.places, view, i, end):
            return None  # no name, or the whole is a known place ("Hội An")
        if listed_past(self.places, view, j, end):
            return None  # "bộ [Đại Việt sử ký toàn thư]", "ban [Chiếu dời đô]": a listed work runs on in lower case
        if not self._ends_with_a_place(view, j, end) and " ".join(view.keys[end - 2 : end]) not in CLOSING_QUALIFIERS:
            end = self._lowercase_tail(view, end)
        return self._place_of(view, end) or end

    def _national(self, view: SyllableView, i: int, k: int) -> int | None:
        """A body a country has one of, named by that country right after its head: "[Quốc hội Pháp]", "[Hạ viện
        Mỹ]", "[Giáo hội Anh]" (our gold 7 of 7; issue 13, round 25). Only a listed place completes it: alone the
        head is the gazetteer's ("Quốc hội" is Vietnam's), and a person after it is its member, not its name
        ("đại biểu Quốc hội | Nguyễn Văn An")."""
        return self._place_end(view, k) if k < len(view) and view[k].capitalised else None

    def _ends_with_a_place(self, view: SyllableView, j: int, end: int) -> bool:
        """The name's capitalised words ``[j, end)`` end with a place: a listed one ("Sở Y tế Hà Nội") or a name
        after an administrative noun ("Công an phường Chánh Hưng"). Sentence case goes on after a capitalised
        common word ("Trung tâm Dự báo khí tượng thủy văn"), never after the place a body is of: the lower-case
        words that follow are the predicate ("[Ban Quản lý vịnh Hạ Long] tạm dừng", "[Công an Hà Nội] đánh
        bại"; issue 13, round 14), whatever the tagger calls them."""
        for m in range(j, end):
            if view[m].capitalised and phrase_ending_at(self.administrative, view, m) is not None:
                return True
            for gaz in self.places:
                hit = gaz.longest_at(view, m)
                if hit is not None and hit[0] == end and hit[1] == "LOC":
                    return True
        return False

    def _office_before(self, view: SyllableView, i: int) -> bool:
        """A title or office (or "đại diện") right before the organisation's head at ``i``: the person holding it
        may follow the name ("Thứ trưởng bộ Ngoại giao | Trần Văn Toàn"). Without one, a full name that ends the
        organisation's capitalised words is what it is named after ("Học viện Chính trị Quốc gia Hồ Chí Minh",
        "trường THPT Lê Quý Đôn"; issue 13, round 7)."""
        if i == 0:
            return False
        if view[i - 1].lower == "diện" and i > 1 and view[i - 2].lower == "đại":
            return True
        return phrase_ending_at(self.context, view, i, roles=("title", "office")) is not None

    def _place_of(self, view: SyllableView, j: int) -> int | None:
        """The end of a place written right after an organisation's name: an administrative noun (or its
        abbreviation) and a name or number ("... tỉnh Bình Dương", "... TP. HCM"), or a known place ("... Việt Nam")."""
        if not (j < len(view) and view[j].joined):
            return None
        hit = phrase_starting_at(self.administrative, view, j) or self._abbreviation_at(view, j, "place")
        if hit is not None:
            k = hit[0]
            if _name_or_number_at(view, k):
                end = name_run(view, k) if view[k].capitalised else k + 1
                # "Sở Xây dựng tỉnh [Kon Tum] Lê Thanh Phong": a full name after a place of two syllables or more is
                # the person (its director), not more of the place (round 24)
                end = next((m for m in range(k + 2, end) if full_name_at(view, m)), end)
                return end if end > k else None
            return None
        return self._place_end(view, j)

    def _place(self, view: SyllableView, i: int, k: int) -> int | None:
        """An abbreviated administrative unit and its name or number: one place ("TP. Đà Nẵng", "Q.1", "TP HCM")."""
        if not (k < len(view) and view[k].joined):
            return None
        if _number(view, k):
            return k + 1
        end = name_run(view, k)
        return end if end > k else None

    def _listed_person(self, view: SyllableView, i: int, end: int) -> bool:
        """Syllables ``[i, end)`` are a person the gazetteer lists: a name that starts with a head word is no body
        ("Trường Chinh", a statesman's pen name: "trường" heads a school's name). The gazetteers propose it; the
        merge ranks this rule above them, so the rule itself leaves it."""
        return any(gaz.longest_at(view, i) == (end, "PER") for gaz in self.places)

    def _place_end_at(self, view: SyllableView, j: int) -> int | None:
        for gaz in self.places:
            hit = gaz.longest_at(view, j)
            if hit:
                return hit[0]
        return None

    def _lowercase_tail(self, view: SyllableView, end: int) -> int:
        """Vietnamese writes names in sentence case: "viện Nghiên cứu cao su". Take up to two
        more lower-case words tagged noun or adjective (not a verb: "Bộ Quốc phòng trả lương")."""
        words = 0
        j = end
        while j < len(view) and words < 2 and view[j].joined and view[j].is_alpha and view[j].text.islower():
            if view[j].lower in FUNCTION_WORDS or not view.word_start(view[j].start):
                break
            if " ".join(view.keys[j : j + 2]) in PREDICATE_VERBS:
                break  # whatever the tagger says: "[Tòa án quân sự Trung ương] tuyên phạt"
            if term_at(view, j):
                break  # "Ban Chấp hành Trung ương Đảng | khóa XII": the merge adds the term with its number
            hit = phrase_starting_at(self.administrative, view, j) or self._abbreviation_at(view, j, "place")
            if hit is not None and _name_or_number_at(view, hit[0]):
                break  # a place follows: "Tổng công ty Điện lực | miền Nam", "đại học Kinh tế | tp. HCM" (the
                # caller takes it: _place_of; round 9: VTB's lower-case "tp." was taken as a descriptive word)
            token = view.token_at(view[j].start)
            if token is None or token.tag_ not in ("N", "A"):
                break
            j = view.word_end_from(j)  # the word and the rest of it
            words += 1
        return j

    def _treaty(self, view: SyllableView, i: int, k: int) -> int | None:
        head = " ".join(view.keys[i:k])
        if not view[i].capitalised:
            # "[sắc lệnh 14]": a presidential decree is named by its number in lower case too; an administrative
            # decision is not ("theo quyết định số 2554 / QĐ - UB" is no entity in our gold; round 22)
            return _document_number_end(view, k) if head in LOWER_CASE_NUMBERED else None
        numbered = _document_number_end(view, k)
        if numbered is not None:
            return numbered  # "[Nghị quyết 49 / NQ - TW]", "[Nghị định 168]": the number names the document
        if head in NUMBERED_ONLY:
            return None  # "Quyết định này ...": without its number, the head is a common word
        if not (k < len(view) and view[k].joined and view[k].capitalised):
            # Legal writing titles a law in lower case after its capitalised head ("[Luật bầu cử]", "[Bộ luật dân
            # sự]"), and a capitalised "Hiến pháp" is the constitution, with or without its year ("[Hiến pháp
            # 1946]", "[Hiến pháp năm 1992]", "tuân thủ [Hiến pháp]") (issue 13, round 19: VLSP 2013 text)
            if head in LOWER_CASE_TITLES and f"{head} {view.keys[k]}" not in LAW_WORDS:
                end = _lower_case_title(view, k)
                if end > k and end + 2 <= len(view) and view[end].joined and view.text(end, end + 2) == "Việt Nam":
                    end += 2  # "[Luật đường sắt Việt Nam]", "[Luật quốc tịch Việt Nam]": the country ends the title
                return None if end == k else _with_version_year(view, end)
            if (
                head in STANDALONE_DOCUMENTS
                and i > 0
                and view[i - 1].lower in ("một", "bản")
                and _with_version_year(view, k) == k
            ):
                return None  # "một Hiến pháp dân chủ", "bốn bản Hiến pháp": a constitution, not the country's (rounds
                # 22 and 24); with its year it is one ("bản [Hiến pháp năm 1992]")
            return _with_version_year(view, k) if head in STANDALONE_DOCUMENTS else None
        j = name_run(view, k)
        opener = _tag_at(view, j - 1)
        if opener == "Np":
            if head in LOWER_CASE_TITLES | STANDALONE_DOCUMENTS:
                return _with_version_year(view, j)  # "[Hiến pháp Việt Nam năm 1946]" (round 24)
            return j  # named after a place, a person or a year: the title ends with the name ("[Hiệp định Genève] chia
            # Việt Nam", "[Hòa ước Nhâm Tuất] buộc ..."; issue 13, round 13)
        start = j
        while (
            j < len(view)
            and j - k < 8
            and view[j].joined
            and view[j].is_alpha
            and not view[j].capitalised
            and view[j].lower not in FUNCTION_WORDS
        ):
            if view[j].lower in DOCUMENT_VERBS or " ".join(view.keys[j : j + 2]) in DOCUMENT_VERBS:
                break  # the predicate: "[Bộ luật Hình sự] quy định", "[Hiến chương] nêu rõ"
            if term_at(view, j):
                break  # "Nghị quyết Trung ương | lần thứ VIII": the merge adds the session with its number (round 25)
            if " ".join(view.keys[j : j + 2]) in AMENDED or view.keys[j] in AMENDED:
                break  # "[Luật Đất đai] sửa đổi": which version, not the title (our gold, 8 of 8), a noun or a verb
                # to the tagger
            if view.word_start(view[j].start) and _tag_at(view, j) not in ("N", "M") and (j == start or opener != "V"):
                # The rest of a title in sentence case is a noun phrase: the nouns of a subject ("[Luật Giao thông
                # đường bộ]"), or the object of the verb that opens it, which the tagger reads word by word no better
                # than "[Hiệp ước Chống tên lửa đạn đạo]" (đạn đạo V or M); a verb, adjective or adverb starts the
                # predicate ("[Luật Đất đai] sửa đổi", "[Tuyên ngôn Độc lập] khai sinh"; issue 13, round 13)
                break
            j += 1
        return _with_version_year(view, j) if head in LOWER_CASE_TITLES | STANDALONE_DOCUMENTS else j

    def _event(self, view: SyllableView, i: int, k: int) -> int | None:
        if not (k < len(view) and view[k].joined):
            return None
        head = " ".join(view[m].lower for m in range(i, k))
        ordinal = _ordinal_end(view, k) if "thế giới" in head or "thế chiến" in head else None
        if ordinal is not None:
            return ordinal  # "Chiến tranh thế giới thứ hai", "Thế chiến thứ nhất": a name, in any case
        if not view[i].capitalised:
            return None
        j = name_run(view, k)
        if j == k and view[k].lower == "tháng" and k + 1 < len(view) and view[k + 1].joined:
            j = name_run(view, k + 1)  # named after its month: "Cách mạng tháng Tám", "Cách mạng Tháng Mười Nga"
            if j == k + 1:
                return None
        if j < len(view) and view[j].joined and _number(view, j):
            j += 1  # "Sea Games 19", "Thế chiến II", "Olympic 2008"
        elif j > k and j + 2 < len(view) and view.text(j, j + 2) == "toàn quốc" and term_at(view, j + 2):
            j += 2  # "[Đại hội Đại biểu toàn quốc lần thứ X]": a national congress, with the session the merge adds
        return j if j > k else None


#: What a document's text is said to do, after its title in sentence case ("[Bộ luật Hình sự] quy định rõ"): the
#: title ends there. (Not told by the tagger: it calls the nouns of "Chống tên lửa đạn đạo" verbs.)
DOCUMENT_VERBS = frozenset(
    {"quy định", "nêu", "nêu rõ", "ghi", "ghi rõ", "cấm", "nghiêm cấm", "yêu cầu", "khẳng định", "cho phép"}
    | {"đã", "vừa", "sẽ", "đang", "mới", "cũng", "vẫn", "chính thức", "bắt đầu"}
)


#: Words after a document's title that say which version of it is meant ("the amended land law"), outside the title.
AMENDED = frozenset({"sửa đổi", "bổ sung", "mới"})


def _keys(*phrases: str) -> frozenset[str]:
    """Phrases as the syllable view keys them (folded: one tone-mark placement), to compare with ``view.keys``."""
    return frozenset(" ".join(syllable_key(phrase)) for phrase in phrases)


#: Heads of laws, whose titles legal writing keeps in lower case after the capitalised head ("Luật bầu cử").
LOWER_CASE_TITLES = _keys("luật", "bộ luật", "đạo luật")
#: Common words that start with a law's head: not a title ("Luật sư Nguyễn Văn A", "Luật pháp nghiêm cấm ...").
LAW_WORDS = _keys(
    "luật sư", "luật pháp", "luật lệ", "luật gia", "luật học", "luật chơi", "luật định", "luật hóa", "luật khoa"
)
#: Heads that name one document alone when capitalised: "Hiến pháp" is the country's constitution, as "Quốc hội" is
#: its assembly; the abbreviations of codes and trade agreements ("BLHS 1999", "GATT 1947").
STANDALONE_DOCUMENTS = _keys("hiến pháp", "blhs", "blds", "bltths", "blttds", "gatt", "gats", "trips")
#: Heads that name a document by its number in lower case too (the spent heldout20: "[MISC sắc lệnh 14]").
LOWER_CASE_NUMBERED = _keys("sắc lệnh")
#: Heads that name a document only with its number ("Nghị định 168"); alone they are common words (a decision).
NUMBERED_ONLY = _keys("nghị định", "quyết định", "thông tư", "chỉ thị", "công văn", "pháp lệnh", "sắc lệnh")
#: A part of a document's number after a slash or dash, or right after the number: the year, or the issuer's
#: abbreviation ("45 / 2019 / NĐ - CP", "08 NQ - TW").
_CODE_PART = re.compile(r"[0-9]+|[A-ZĐ][A-ZĐa-zđ0-9]{0,5}(?:-[A-ZĐ][A-ZĐa-zđ0-9]{0,5})*")
_SEPARATORS = frozenset({"/", "-", "–"})


def _document_number_end(view: SyllableView, k: int) -> int | None:
    """The end of the number written at syllable ``k`` after a document's head, with "số" and the issuer's code
    ("[Nghị quyết số 08 NQ - TW]", "[Nghị định 45 / 2019 / NĐ - CP]", "[Chỉ thị 32/CT-TW]"), or None. In our gold
    a numbered resolution, decree or directive is one MISC, its number no NUM (issue 13, round 21: VLSP 2013)."""
    j = k + 1 if k < len(view) and view[k].joined and view[k].lower == "số" else k
    if not (j < len(view) and view[j].joined and view[j].text[:1].isdigit()):
        return None
    j += 1
    # written with spaces (VLSP: "45 / 2019 / NĐ - CP") or without ("45/2019/NĐ-CP")
    while j < len(view) and (view[j].joined or view[j].start == view[j - 1].end):
        text = view[j].text
        if text in _SEPARATORS and j + 1 < len(view) and _CODE_PART.fullmatch(view[j + 1].text.lstrip("/-–")):
            j += 2
        elif view[j - 1].text[:1].isdigit() and text.isupper() and _CODE_PART.fullmatch(text):
            j += 1  # "08 NQ - TW": the code written without its slash
        else:
            break
    return j


#: Words that end a law's lower-case title: what is said of the law, or whose it is.
TITLE_STOPS = frozenset(
    {"này", "nói trên", "trên", "hiện hành", "cũ", "nào", "ấy", "đó", "năm", "thì", "mà", "nên", "đối với", "trong"}
)


def _lower_case_title(view: SyllableView, k: int, limit: int = 4) -> int:
    """The end of a law's title written in lower case from syllable ``k`` (``k`` if none): up to ``limit`` whole
    words, up to a function word, a word of :data:`TITLE_STOPS`, :data:`DOCUMENT_VERBS` or :data:`AMENDED`, or a
    common predicate ("[Luật bầu cử] có ý nghĩa"). A word the head is part of ("luật sư", "luật pháp") never gets
    here (:data:`LAW_WORDS`)."""
    j, words = k, 0
    words_list = common_words()
    while j < len(view) and words < limit:
        if j > k and view[j].text == "," and j + 1 < len(view) and view[j + 1].lower == "chống":
            j += 1  # "Luật phòng , chống tham nhũng", "... tiết kiệm , chống lãng phí": one title (round 23)
            continue
        if not (view[j].joined and view[j].is_alpha and view[j].text.islower()):
            break
        pair = " ".join(view.keys[j : j + 2])
        lower_pair = " ".join(view[m].lower for m in range(j, min(j + 2, len(view))))
        in_a_word = j > k and f"{view.keys[j - 1]} {view.keys[j]}" in words_list  # "nhà ở": the segmenter cut it
        if (
            (view[j].lower in FUNCTION_WORDS | TITLE_STOPS | DOCUMENT_VERBS | AMENDED and not in_a_word)
            or pair in DOCUMENT_VERBS | AMENDED | PREDICATE_VERBS
            or lower_pair in TITLE_STOPS
        ):
            break
        j = view.word_end_from(j)  # the word and the rest of it
        words += 1
    return j


def _with_version_year(view: SyllableView, j: int) -> int:
    """``j``, or past the year that says which version of a document is meant, written right after its title
    ("[Hiến pháp 1946]", "[Bộ luật Hình sự năm 1999]"): the version is part of the name, as in "Olympic 2008"."""
    at = j + 1 if j < len(view) and view[j].joined and view[j].lower == "năm" else j
    if at < len(view) and view[at].joined and re.fullmatch(r"1[0-9]{3}|20[0-9]{2}", view[at].text):
        return at + 1
    return j


#: The ordinals that number the world wars ("thứ nhất", "lần thứ hai", "thứ II"), folded.
ORDINALS = frozenset({"nhất", "hai", "1", "2", "i", "ii"})


def _ordinal_end(view: SyllableView, k: int) -> int | None:
    """The end of an ordinal written at syllable ``k`` after an event's head ("[lần] thứ hai"; after "Thế chiến
    thứ", just "hai"), or None."""
    j = k
    for word in ("lần", "thứ"):
        if j < len(view) and view[j].joined and view[j].lower == word:
            j += 1
    if j < len(view) and (j == k or view[j].joined) and view[j].lower in ORDINALS:
        return j + 1 if j > k or view[k - 1].lower == "thứ" else None
    return None


@Language.factory(
    "songngu_ner_organisations",
    default_config={
        "heads": "<packaged>",
        "abbreviations": "<packaged>",
        "gazetteer_files": ["<packaged>"],
        "locale": "vi",
        "context": "<packaged>",
    },
    requires=["doc.sents", "token.tag"],
    assigns=["doc.spans"],
)
def create_organisations(
    nlp: Language,
    name: str,
    heads: str,
    abbreviations: str,
    gazetteer_files: list[str],
    locale: str,
    context: str = "<packaged>",
):
    """Organisations, military units, documents, events and abbreviated places by pattern (``context``: the
    context lexicon, whose titles and offices say a person may follow an organisation's name)."""

    def build(
        heads: str, gazetteer_files: tuple[str, ...], context: str, abbreviations: str | None = None
    ) -> RuleComponent:
        rule = OrganisationRule(
            load_heads(heads),
            [cldr_gazetteer(locale), project_gazetteer(gazetteer_files)],
            load_abbreviations(abbreviations) if abbreviations else None,
            context_words(context),
        )
        component = RuleComponent(rule, SOURCE)
        component.songngu_meta = rules_meta(
            heads, *([abbreviations] if abbreviations else []), *gazetteer_files, context
        )
        return component

    # The data files are read at initialize (or from a saved pipeline's copies): see pipeline.spacy_data.
    files = {
        "heads": packaged_or(heads, "organisations.tsv"),
        "gazetteer_files": gazetteer_paths(gazetteer_files),
        "context": context_path(context),
    }
    if abbreviations:
        files["abbreviations"] = packaged_or(abbreviations, "abbreviations.tsv")
    return BuiltFromFiles(build, files)
