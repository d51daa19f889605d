"""Names after a classifier noun (source ``rules:classifier``): "làng [Merjimek]", "tờ [Boston Globe]".

A common noun naming a kind of place or organisation (``data/context.tsv``,
role ``classifier``: làng, tỉnh, thị trấn, dãy, nước, phía; tờ, báo, hãng)
followed by a capitalised name says what the name is. Whether the noun belongs
to the name is the entry's ``boundary`` (corpus/gold/GUIDELINES.md §3.2):
``outside`` for a noun written in lower case (or capitalised only because it
starts the sentence): "làng [LOC Merjimek]"; ``inside`` for streets and the
like: "[LOC đường Nguyễn Huệ]". A capitalised common noun the writer put
before the name is also left out: "nước Cộng hòa [LOC Gruzia]".

A classifier noun capitalised inside a sentence is part of a fixed name, and
the name is proposed with it (§3.2 rule 1): "là [LOC Mũi Đèn]", "[LOC Biển
Đông]", "[LOC Sông Hồng]". Not a noun that is also a family name ("Hồ",
"Châu", "Cao"): "Hồ Chí Minh" is a person. So is a noun of events and works
marked ``name`` in the lexicon, and the whole name is MISC (§4.4): "viết
[MISC Truyện Kiều]", "[MISC Chiến dịch Điện Biên Phủ]". A demonym noun
first in a sentence is not (the name after it is MISC, §4.4): "Quân [MISC
Minh] thua to". A dynasty after "nhà" is a ruling house (§4.4): "nhà [ORG
Trần]" (:data:`DYNASTIES`).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.docmodel import register_extensions
from pipeline.spacy_data import BuiltFromFiles
from pipeline.text.phrases import PhraseTable
from pipeline.vi.ner.candidates import propose_matches
from pipeline.vi.ner.gazetteer import Gazetteer, cldr_gazetteer, gazetteer_paths, known_in_any, project_gazetteer
from pipeline.vi.ner.lexicon import Entry, common_words, context_path, context_words, phrase_starting_at, rules_meta
from pipeline.vi.ner.numbers import counts_parts
from pipeline.vi.ner.organisations import FUNCTION_WORDS, name_run
from pipeline.vi.ner.persons import full_name_at, is_surname, middle_names
from pipeline.vi.ner.phonotactics import is_foreign_word
from pipeline.vi.ner.view import SyllableView, next_true

SOURCE = "rules:classifier"
#: The dashes between two places that name one battle ("trận Ngọc Hồi - Đống Đa", "Chi Lăng – Xương Giang").
DASHES = frozenset({"-", "–"})


#: Dynasties of Vietnam and China by the name written after "nhà" ("nhà Trần", "nhà Minh"): a closed list of
#: historical facts. "nhà" alone is a house or a family, so only these names after it are a ruling house.
DYNASTIES = frozenset(
    {
        "Ngô", "Đinh", "Tiền Lê", "Lý", "Trần", "Hồ", "Lê", "Hậu Lê", "Lê sơ", "Mạc", "Tây Sơn", "Nguyễn",
        "Tần", "Hán", "Tùy", "Đường", "Tống", "Nguyên", "Minh", "Thanh",
    }
)  # fmt: skip


def _full_name_from(view: SyllableView, i: int, k: int) -> bool:
    """The one-syllable noun at ``i`` is also a family name and a middle name and a given name follow it,
    capitalised ("Hồ Chí Minh", "Hồ Quý Ly"): first in a sentence, where the noun's capital says nothing, the three
    read as a person's full name."""
    return (
        k == i + 1
        and is_surname(view[i].text)
        and k < len(view)
        and view[k].joined
        and view[k].lower in middle_names()
        and name_run(view, k) >= k + 2
    )


def _dynasty_after(view: SyllableView, i: int) -> int:
    """The end of a dynasty's name written after the word "nhà" at syllable ``i`` ("nhà [Trần]", "nhà [Tây
    Sơn]"), or ``i`` if none: not a longer capitalised name ("nhà Trần Văn Hòa" is someone's house)."""
    if view[i].lower != "nhà" or not (view.word_start(view[i].start) and view.word_end(view[i].end)):
        return i
    for size in (2, 1):
        j = i + 1 + size
        if j > len(view) or not view.contiguous(i, j) or not view[i + 1].capitalised:
            continue
        if " ".join(s.text for s in view.syls[i + 1 : j]) in DYNASTIES:
            if j < len(view) and view[j].joined and view[j].capitalised and view[j].is_alpha:
                return i
            return j
    return i


#: First syllables of the words the segmenter makes with "đường" that still name the street ("mặt đường",
#: "con đường"): "nằm ngay mặt đường Thánh Paul" is "[LOC đường Thánh Paul]" (GUIDELINES §3.2, streets keep
#: their noun). A closed list, not any word ending in the noun: "thiên đường" is paradise, "nhà máy đường" sugar.
STREET_COMPOUNDS = frozenset({"mặt", "con", "tuyến", "lòng", "lề", "ven", "dọc", "bên", "góc", "đầu", "cuối"})


#: Place nouns of shops and restaurants ("nhà hàng [Kiều Oanh]", "quán [Gió Chiều]"): their names are written
#: capitalised, so a district's lower-case spelling after them is a common phrase ("chủ quán bảo yên chí": "bảo yên
#: chí", told him not to worry), not the district (issue 13, round 18).
SHOP_NOUNS = frozenset({"quán", "nhà hàng"})


#: Nouns of a canal that also name a television channel: "kênh Nhiêu Lộc" is a canal (LOC, the lexicon's label),
#: "kênh VTV1", "kênh CNBC" a channel (ORG) (issue 13, round 18: the gold's canals were all typed ORG).
CHANNEL_NOUNS = frozenset({"kênh"})


def _channel_name(view: SyllableView, j: int) -> bool:
    """The name at syllable ``j`` after "kênh" is a channel's: a code in capitals or with digits ("VTV1", "HTV7",
    "CNBC") or a foreign word ("Telesur", "Youtube"); a Vietnamese name is a canal's ("Xáng", "Vĩnh Tế")."""
    text = view[j].text
    return text.isupper() or any(ch.isdigit() for ch in text) or is_foreign_word(text)


def _street_after_compound(view: SyllableView, i: int, k: int, entry: Entry) -> bool:
    """Whether the street noun at syllable ``i`` (one syllable, ending at ``k``) ends a two-syllable word
    whose first syllable is in :data:`STREET_COMPOUNDS` (the name after it is the street's)."""
    return (
        entry.boundary == "inside"
        and k == i + 1
        and i > 0
        and view[i].lower == "đường"
        and view[i - 1].lower in STREET_COMPOUNDS
        and view.word_start(view[i - 1].start)
    )


def find_after_classifiers(view: SyllableView, context: PhraseTable[Entry], places: list[Gazetteer] = ()):
    """``(start_syl, end_syl, label)`` of names introduced by a classifier noun, in one line."""
    i = 0
    may_start = view.may_start_each(context)  # (no phrase elsewhere: most syllables)
    # where anything below can start: a phrase of the lexicon, an opening quote, the "nhà" of a dynasty
    # (the others are stepped over in C: see next_true)
    may_begin = [m or s.text in OPENING_QUOTES or s.lower == "nhà" for m, s in zip(may_start, view)]
    while i < len(view):
        if not may_begin[i]:
            i = next_true(may_begin, i)
            continue
        if view[i].text in OPENING_QUOTES and i > 0 and view[i - 1].lower in QUOTE_INTRODUCERS:
            start, end = work_title(view, i)
            if end > i and end - start <= TITLE_MOST + 3 and not any(view[m].is_punct for m in range(start, end)):
                yield start, end, "MISC"  # 'viết " [MISC Bình Ngô đại cáo] "', 'cuốn " [MISC Nỗi buồn chiến tranh] "'
                i = end
                continue
        end = _dynasty_after(view, i)
        if end > i:
            yield i + 1, end, "ORG"  # a ruling house (GUIDELINES §4.4): "nhà [ORG Lý]"
            i = end
            continue
        hit = phrase_starting_at(context, view, i, roles=("classifier", "demonym")) if may_start[i] else None
        if hit is None:
            i += 1
            continue
        k, entry = hit
        noun = view[i]
        if (
            entry.capitalised in ("name", "work")
            and noun.sent_start
            and noun.capitalised
            and view.word_start(noun.start)
            and not view.word_end(view[k - 1].end)
            and k < len(view)
            and view[k].capitalised
        ):
            # first in a sentence, the segmenter made the noun and the capitalised name one proper noun ("Truyện
            # Kiều là kiệt tác"): a fixed title, MISC as a whole, as it is capitalised inside a sentence
            end = name_run(view, i)
            if end > k:
                yield i, end, "MISC"
                i = end
                continue
        if entry.capitalised == "work" and not (noun.capitalised and not noun.sent_start):
            end = k
            if view.word_start(noun.start) and view.word_end(view[k - 1].end):
                start, end = work_title(view, k, places)
            if end > k:
                yield start, end, "MISC"  # "tiểu thuyết [MISC Số đỏ]": the noun stays outside (GUIDELINES §3.2 rule 3)
                i = end
            else:
                i += 1
            continue
        if entry.role == "demonym" and entry.capitalised not in ("name", "work"):
            # a demonym noun is the merge's (quân [MISC Nga]), except first in a sentence, where the typer
            # reads the capitalised noun as the name's first word ("Quân Minh" PER): "Quân [MISC Minh]"
            end = k
            if (
                noun.sent_start
                and view.word_start(noun.start)
                and k < len(view)
                and view[k].joined
                and not is_surname(noun.text)  # "Đoàn Thị Hương" is a person
            ):
                end = _demonym_name_end(view, k, places)
            if end > k:
                yield k, end, entry.label
                i = end
            else:
                i += 1
            continue
        if entry.role == "demonym" and not (noun.capitalised and not noun.sent_start):
            # a noun of events and works starts a name only capitalised inside a sentence, or, when its row keeps it
            # inside, as a word of its own before a capitalised name: a battle, an uprising or a campaign named after
            # its place or leader ("[MISC trận Bạch Đằng]", "[MISC khởi nghĩa Lam Sơn]": GUIDELINES §4.4; issue 13,
            # round 12). The names inside yield to it in the merge (_names_inside_named_events_yield).
            end = k
            if (
                entry.boundary == "inside"
                and view.word_start(noun.start)
                and view.word_end(view[k - 1].end)
                and k < len(view)
                and view[k].capitalised
            ):
                # two places, one battle: "trận [MISC Ngọc Hồi - Đống Đa]" (VTB writes the dash apart)
                end = _dashed_names_end(view, k, name_run(view, k))
            if end > k:
                yield i, end, entry.label
                i = end
            else:
                i += 1
            continue
        whole_word = (view.word_start(noun.start) or _street_after_compound(view, i, k, entry)) and (
            view.word_end(view[k - 1].end)
            # first in a sentence, the segmenter often glues the noun to the name as one proper noun
            # ("Sông Hương chảy qua Huế"): the noun, capitalised only to start the sentence, stays outside
            or (noun.sent_start and noun.capitalised and k < len(view) and view[k].capitalised)
        )
        if noun.capitalised and not noun.sent_start:
            # "Mũi Đèn", "Biển Đông": capitalised inside a sentence, the noun is part of the name (§3.2 rule 1),
            # often one word with it
            end = k
            if view.word_start(noun.start) and k < len(view) and view[k].joined and not is_surname(noun.text):
                end = _before_full_name(view, k, name_run(view, k))
            if end > k:
                yield i, end, entry.label
            i = end
            continue
        if noun.sent_start and noun.capitalised and _full_name_from(view, i, k):
            i += 1  # "Hồ Quý Ly lập ra nhà Hồ": a family name, a middle name and a given name, a person's (the
            continue  # family name rule's), not a lake named "Quý Ly" (issue 13, round 13)
        if not whole_word or not (k < len(view) and view[k].joined):
            i = k if whole_word else i + 1
            continue
        if entry.label == "LOC":
            end = _number_after(view, k)
            if end > k:
                yield (
                    i,
                    end,
                    "LOC",
                )  # "[LOC công viên 30 - 4]", "[LOC quốc lộ 1A]": a number or code, inside (§3.2 rule 2)
                i = end
                continue
        if (
            entry.label == "LOC"
            and entry.boundary == "outside"
            and view[k].text.islower()
            and view.text(i, k).lower() not in SHOP_NOUNS
        ):
            end = _listed_in_lower_case(view, k, places)
            if end > k:
                yield k, end, "LOC"  # "huyện [LOC phú lộc]", "đèo [LOC hải vân]": VTB's lower case (GUIDELINES §2.3)
                i = end
                continue
        j = k
        generic = phrase_starting_at(context, view, j, roles=("generic",))
        if generic is not None:
            g = generic[0]
            if not (g < len(view) and view[g].joined and view[g].capitalised):
                i = g  # "nước Cộng hòa lớn nhất": a common noun and no name
                continue
            j = g  # "nước Cộng hòa Gruzia": the name is Gruzia
        run = name_run(view, j)
        if (
            run == j
            and view.text(i, k).lower() in CHANNEL_NOUNS
            and view[j].text[:1].isupper()
            and _channel_name(view, j)
        ):
            run = j + 1  # "kênh VTV3": a channel's code, which is no capitalised word to name_run
        end = _before_full_name(view, j, run)
        if entry.label == "LOC" and j < end < run and known_in_any(places, view, end, run):
            # what looked like a person after the place is a listed place: "phố [Hàng Mành] [Hà Nội]" ("Hà" is a
            # family name too), two places (issue 13, round 18)
            yield (i if entry.boundary == "inside" else j), end, "LOC"
            yield end, run, "LOC"
            i = run
            continue
        if end == j and entry.boundary == "inside":
            # named after another place, written with its own noun: "[LOC bến xe miền Đông]" (§3.2 rule 2)
            other = phrase_starting_at(context, view, j, roles=("classifier",))
            if other is not None and other[1].label == "LOC" and other[0] < len(view) and view[other[0]].joined:
                named = name_run(view, other[0])
                end = named if named > other[0] else j
        if end > j and entry.label == "ORG":
            for gaz in places:  # "báo [ORG Pháp Luật tp HCM]": a place right after is part of the name
                extended = gaz.place_after(view, end)
                if extended > end:
                    end = extended
                    break
        if end > j:
            label = entry.label
            if view.text(i, k).lower() in CHANNEL_NOUNS and _channel_name(view, j):
                label = "ORG"
            if label == "LOC" and view.text(i, k).lower() in ROAD_NOUNS:
                end = _dashed_names_end(view, j, end)  # "[LOC cao tốc Nội Bài - Lào Cai]": named by its two ends
            yield (i if entry.boundary == "inside" else j), end, label
            i = end
        else:
            i = k


#: Roads named after the two places they join, with a dash: the whole is one LOC ("[LOC cao tốc Trung Lương - Mỹ
#: Thuận]"; our gold, 11 of 11; issue 13, round 22).
ROAD_NOUNS = frozenset({"cao tốc", "đường cao tốc"})


def _dashed_names_end(view: SyllableView, k: int, end: int) -> int:
    """``end``, or past the capitalised names joined to the name ``[k, end)`` by a dash ("Ngọc Hồi - Đống Đa",
    "Nội Bài - Lào Cai"; VTB writes the dash apart)."""
    while end > k and end + 1 < len(view) and view[end].text in DASHES and view[end + 1].capitalised:
        after = name_run(view, end + 1)
        if after == end + 1:
            break
        end = after
    return end


def _listed_in_lower_case(view: SyllableView, k: int, places: list[Gazetteer]) -> int:
    """The end of a listed place that VTB writes in lower case right after its place noun ("hai huyện [phú lộc] và
    Phú Vang", "chân đèo [hải vân]": GUIDELINES §2.3, meaning, not capitalisation; issue 13, round 16), or ``k``:
    two or three lower-case syllables, whole words, whose capitalised spelling a gazetteer lists as a place, and no
    common word of the dictionary. Only after the noun: the districts' lower-case spellings alone are common
    phrases too ("cái răng", "cờ đỏ", "bảo yên": why the gazetteers list them capitalised only)."""
    if not view.word_start(view[k].start):
        return k
    for end in (k + 3, k + 2):
        if end > len(view) or not view.word_end(view[end - 1].end):
            continue
        if not all(view[m].joined and view[m].is_alpha and view[m].text.islower() for m in range(k, end)):
            continue
        if " ".join(view.keys[k:end]) in common_words():
            continue
        cased = tuple(form[:1].upper() + form[1:] for form in view.forms[k:end])
        if any(gaz.names.table.get(cased) == "LOC" for gaz in places):
            return end
    return k


def _before_full_name(view: SyllableView, j: int, end: int) -> int:
    """The end of the name run ``[j, end)`` before a person's full name that follows it: a family name that starts
    a word, after a word that ends, with a given name after it ("TP [Hà Nội] Trần Sỹ Thanh"), or, inside one word,
    a family name, a middle name and a given name (:func:`full_name_at`: the segmenter glued "Lăng Cô Lê Duy Hiệp"
    into one proper noun; issue 13, round 18). The place keeps two syllables at least ("Buôn Ma Thuột": "Ma" is a
    family name too)."""
    for m in range(j + 2, end - 1):
        if (
            view[m].capitalised
            and is_surname(view[m].text)
            and view.word_start(view[m].start)
            and view.word_end(view[m - 1].end)
        ) or (m + 3 <= end and full_name_at(view, m)):
            return m
    return end


#: A number or code that names a place after its noun: "1", "1A", "A5", "3/2" (not "200.000": a quantity).
_PLACE_NUMBER = re.compile(r"^(?:\d{1,3}[A-Z]?|[A-Z]\d{1,2}|\d{1,2}/\d{1,2})$")


def _number_after(view: SyllableView, k: int) -> int:
    """The end of a number or code naming the place whose noun ends at syllable ``k``, or ``k``: the number
    itself ("quận 1", "quốc lộ 1A"), after "số" ("đường số 5") or after up to two descriptive nouns in lower
    case ("đường liên cảng A5", "đường vành đai 3"), and a day-month written with a dash ("công viên 30 - 4",
    GUIDELINES §3.2 rule 2: the noun is inside)."""
    j = k
    while j < len(view) and j - k < 2 and view[j].joined and view[j].is_alpha and view[j].text.islower():
        if view[j].lower == "số":
            j += 1
            break
        token = view.token_at(view[j].start)
        if token is None or token.tag_ != "N" or not view.word_start(view[j].start):
            return k
        j += 1
        while view.goes_on(j) and view[j].is_alpha:
            j += 1  # the rest of the word
    if not (j < len(view) and view[j].joined and _PLACE_NUMBER.match(view[j].text)) or counts_parts(view, j):
        return k  # (no number, or one that counts the road's parts: "con đường 24 khúc cua")
    if j > k and not any(ch.isdigit() for ch in view[j].text):
        return k
    end = j + 1
    if (
        view[j].text.isdigit()
        and end + 1 < len(view)
        and view[end].text == "-"
        and view[end].joined
        and view[end + 1].joined
        and view[end + 1].text.isdigit()
        and len(view[end + 1].text) <= 2
    ):
        end += 2  # "30 - 4": the park named after a date
    if (
        end + 1 < len(view)
        and view[end].joined
        and view[end].text in (".", ",")
        and view[end + 1].joined
        and view[end + 1].text[:1].isdigit()
    ):
        return k  # "200 . 000": a quantity written with spaces
    if end < len(view) and view[end].joined and view.word_start(view[end].start):
        token = view.token_at(view[end].start)
        after_unit = end + 1 < len(view) and view[end + 1].joined and view[end + 1].text[:1].isdigit()
        if token is not None and token.tag_ == "Nu" and not after_unit:
            return k  # "đoạn đường 110 km": a length, not road 110; but "quốc lộ 1 km 20" (issue 13, round 9)
    return end


#: Quotation marks a title may be written in ("bộ phim " Mùi đu đủ xanh "").
OPENING_QUOTES = {'"': '"', "“": "”", "«": "»", "'": "'"}
#: Words after which a capitalised phrase in quotes is a work's title: short nouns of works (the longer ones are in
#: the context lexicon) and verbs of making, showing and reading works (issue 13, round 7).
QUOTE_INTRODUCERS = frozenset(
    {"cuốn", "bài", "phim", "vở", "tập", "viết", "sáng", "tác", "đọc", "xem", "hát", "dịch", "diễn", "dựng", "chiếu"}
)
#: Words that end a title written in sentence case: what is said of the work, not part of its name
#: ("tiểu thuyết Số đỏ nổi tiếng").
TITLE_ENDS = frozenset({"nổi", "rất", "mới", "cũ", "đầu", "cuối", "nhất", "hay", "này", "đó", "ấy", "kia", "lớn"})


def work_title(view: SyllableView, k: int, places=()) -> tuple[int, int]:
    """``(start, end)`` syllables of the title written after a noun of works at syllable ``k`` (``end == k`` if
    none): the words inside quotes ("bài hát " Diễm xưa ""), or a capitalised name run, which for a title in
    sentence case (one capitalised syllable, not a place's name: "Số đỏ", not "phim Mỹ") goes on through
    lower-case nouns and adjectives up to a verb, function word or punctuation ("bộ phim [Mùi đu đủ xanh] đoạt
    giải"). The same words a name's descriptive words stop at end it (organisations.FUNCTION_WORDS)."""
    if k >= len(view):
        return k, k
    close = OPENING_QUOTES.get(view[k].text)
    if close is not None:
        for j in range(k + 1, min(len(view), k + 14)):
            if view[j].text == close:
                first = view[k + 1] if k + 1 < j else None
                if first is not None and first.is_alpha and first.capitalised:
                    return k + 1, j
                return k, k
        return k, k
    if not (view[k].joined and view[k].capitalised and view[k].is_alpha):
        return k, k
    end = name_run(view, k)
    # (one capitalised syllable, though maybe a word of several: "Chiến tranh và hòa bình" is in sentence case)
    if any(view[m].capitalised for m in range(k + 1, end)) or any(
        gaz.longest_at(view, k) is not None for gaz in places
    ):
        return k, end  # Title Case ("Truyện Kiều", "Cánh đồng bất tận" aside) or a place: "phim [Mỹ]"
    j = end
    while j < len(view) and j - k < 7 and view[j].joined and view[j].is_alpha and view[j].text.islower():
        if view[j].lower in FUNCTION_WORDS or view[j].lower in TITLE_ENDS:
            break
        if view.word_start(view[j].start):
            token = view.token_at(view[j].start)
            if token is None or token.tag_ not in ("N", "A", "Np", "Nc", "Nu"):
                break
        j += 1
    return k, _title_to_boundary(view, k, j)


#: Function words a title in sentence case may hold ("Chiến tranh và hòa bình"): every other function word ends
#: it, as do the predicate's first words (TITLE_PREDICATE). Not the prepositions: a phrase of place after the
#: title is the more common reading ("bộ phim [Cánh đồng hoang] trên truyền hình").
TITLE_INNER = frozenset({"và", "những", "một"})
#: Words that end a title and start what is said of the work, or name its author ("bộ phim [Mắt biếc] vừa ra
#: mắt", "truyện ngắn [Vợ nhặt] của Kim Lân"); a preposition ends no title so clearly ("gắn liền với"): the
#: words before it may be the predicate already.
TITLE_PREDICATE = frozenset(
    {"vừa", "mới", "cũng", "đều", "vẫn", "từng", "chưa", "luôn", "chỉ", "còn", "lại"}
    | {"của", "do", "được", "bị", "đã", "sẽ", "đang", "là", "thì", "mà", "nhưng", "nên", "vì", "khi", "rằng"}
)
#: The longest title in sentence case taken without quotes, in syllables.
TITLE_MOST = 7


def _title_to_boundary(view: SyllableView, k: int, j: int) -> int:
    """The end of a title in sentence case that starts at ``k``: where the words by their tags end it (``j``), or,
    when the title is followed closely by a clear boundary (punctuation, the sentence's end, a capitalised word,
    a function word that no title holds, the predicate's first word: "cuốn sách [Ngồi khóc trên cây].", "truyện
    ngắn [Vợ nhặt] của Kim Lân"), that boundary: a title's words are any words, verbs and prepositions too, and
    its end is where the sentence goes on (issue 13, round 7)."""
    b = j
    while b < len(view) and b - k <= TITLE_MOST:
        syl = view[b]
        if not (syl.joined and syl.is_alpha):
            break  # punctuation, a line's or a sentence's end
        if syl.capitalised or syl.lower in TITLE_ENDS:
            return j  # a name or a word of praise after it: the predicate may have started before it
        if syl.lower in TITLE_PREDICATE:
            break
        if syl.lower in FUNCTION_WORDS and syl.lower not in TITLE_INNER:
            return j
        if b > j and view.word_start(syl.start):
            token = view.token_at(syl.start)
            if token is not None and token.tag_ == "V" and " " in token.text:
                break  # a verb of two syllables or more starts the predicate: "[Mắt biếc] thu hút khán giả"
        b += 1
    if b - k > TITLE_MOST or b == j:
        return j
    while b > j and view[b - 1].lower in TITLE_INNER:
        b -= 1  # a title never ends on "và", "những", "một" (TITLE_INNER)
    return b


def _demonym_name_end(view: SyllableView, k: int, places) -> int:
    """The end of the origin named at syllable ``k`` after a demonym noun: a listed place ("Sinh viên [Mỹ] Otto
    Warmbier") or a lone capitalised syllable (a dynasty, a people: "Quân [Minh]"); ``k`` if neither (the
    capitalised words after "Chú rể" are a person's name)."""
    for gaz in places:
        hit = gaz.longest_at(view, k)
        if hit is not None and hit[1] == "LOC":
            return hit[0]
    end = name_run(view, k)
    return end if end == k + 1 and view[k].is_alpha and not view[k].text.isupper() else k


class ClassifierComponent:
    def __init__(self, context: PhraseTable[Entry], places: list[Gazetteer]):
        register_extensions()
        self.context = context
        self.places = places

    def __call__(self, doc: Doc) -> Doc:
        propose_matches(doc, SOURCE, lambda view: find_after_classifiers(view, self.context, self.places))
        return doc


@Language.factory(
    "songngu_ner_classifiers",
    default_config={"context": "<packaged>", "gazetteer_files": ["<packaged>"], "locale": "vi"},
    requires=["doc.sents"],
    assigns=["doc.spans"],
)
def create_classifiers(nlp: Language, name: str, context: str, gazetteer_files: list[str], locale: str):
    """Names after place and organisation nouns (``context``: the context lexicon TSV; the
    gazetteers tell a place written after an organisation's name)."""

    def build(context: str, gazetteer_files: tuple[str, ...]) -> ClassifierComponent:
        places = [project_gazetteer(gazetteer_files), cldr_gazetteer(locale)]
        component = ClassifierComponent(context_words(context), places)
        component.songngu_meta = rules_meta(context, *gazetteer_files)
        return component

    # The data files are read at initialize (or from a saved pipeline's copies): see pipeline.spacy_data.
    return BuiltFromFiles(
        build, {"context": context_path(context), "gazetteer_files": gazetteer_paths(gazetteer_files)}
    )
