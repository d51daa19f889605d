"""Persons after titles (source ``rules:title``): "thiếu tá [Yury Nikolayevich]", "anh [Hai Địa]".

A title, rank, kinship or address word from the context lexicon
(``data/context.tsv``, roles ``title`` and ``office``) followed by capitalised
words: those words are a person's name, and the title stays outside it
(corpus/gold/GUIDELINES.md §2.6, §3.1).

After an office ("Tổng thống", "Thủ tướng") a country is an adjective, not the
start of the name: "Tổng thống Nga Putin" gives PER "Putin" and MISC "Nga";
a listed organisation after an office or a profession is proposed as ORG and the
name starts after it ("Tổng thư ký NATO Mark Rutte": ORG "NATO", PER "Mark Rutte").
A one-syllable title capitalised inside a sentence is part of a name ("Bà
Rịa"; "GS", "Thiếu tá", "Tổng thống" are titles in any case), and a
title plus name that is itself a known place is left to the gazetteers.
"""

from __future__ import annotations

from spacy.language import Language

from pipeline.spacy_data import BuiltFromFiles
from pipeline.text.phrases import PhraseTable
from pipeline.vi.ner.candidates import RuleComponent
from pipeline.vi.ner.classifiers import DYNASTIES
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
    phrase_ending_at,
    phrase_starting_at,
    rules_meta,
)
from pipeline.vi.ner.phonotactics import is_foreign_word
from pipeline.vi.ner.view import SyllableView, capitalised_run

SOURCE = "rules:title"

#: The numbers of monarchs and popes after their names, in Roman numerals.
REGNAL_NUMBERS = frozenset({"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV"})
#: Short forms of countries that no gazetteer lists alone ("Nhật" for Nhật Bản, "Hàn" for Hàn Quốc, "Mỹ", "Anh"):
#: after a profession or office, and before a foreign-spelled name, each is the person's origin ("nhà văn [MISC
#: Nhật] [PER Haruki Murakami]"); before a Vietnamese-spelled one it starts the name ("ca sĩ [PER Mỹ Tâm]").
SHORT_ORIGINS = frozenset({"Nhật", "Hàn", "Mỹ", "Anh", "Ý", "Thái", "Úc", "Pháp", "Đức", "Nga"})


#: Offices whose holder is named by the house he rules ("vua Minh", "hoàng đế Thanh"); after another office a
#: dynasty's name is a person's family name ("chủ tịch [PER Đinh]"; issue 13, round 9).
MONARCHS = frozenset({"vua", "hoàng đế", "nữ hoàng", "quốc vương", "thái tử", "hoàng tử", "công chúa", "chúa"})


#: The most syllables of a name after a title.
NAME_LIMIT = 5
#: Verbs before "tên" (name) that make it the name of a thing or place, not the title "tên" ("the one named").
NAMING_VERBS = frozenset({"đổi", "mang", "đặt", "lấy"})


class TitleRule:
    def __init__(self, context: PhraseTable[Entry], places: list[Gazetteer]):
        self.context = context
        self.places = places  # the countries (CLDR) first

    def _place_at(
        self, view: SyllableView, i: int, stop: int, places: list[Gazetteer] | None = None
    ) -> tuple[int, str] | None:
        for gaz in self.places if places is None else places:
            hit = gaz.longest_at(view, i)
            if hit and hit[0] <= stop and hit[1] == "LOC":
                return hit
        return None

    def _organisation_at(self, view: SyllableView, i: int) -> int | None:
        """The end of a listed organisation's name starting at syllable ``i`` ("Liên Hợp Quốc", "ASEAN"), or None."""
        for gaz in self.places:
            hit = gaz.longest_at(view, i)
            if hit is not None and hit[1] == "ORG":
                return hit[0]
        return None

    @staticmethod
    def _common_word_from(view: SyllableView, i: int) -> bool:
        """The word that syllable ``i`` starts, in lower case, is a common word of the dictionary ("tư pháp",
        "lao động"; :func:`pipeline.vi.ner.lexicon.common_words`)."""
        return " ".join(view.keys[i : view.word_end_from(i)]) in common_words()

    def find(self, view: SyllableView):
        """``(start_syl, end_syl, label)`` proposals in one line."""
        i = 0
        may_start = view.may_start_each(self.context)  # (no phrase elsewhere: most syllables)
        while i < len(view):
            hit = phrase_starting_at(self.context, view, i, roles=("title", "office")) if may_start[i] else None
            if hit is None:
                i += 1
                continue
            k, entry = hit
            longer = phrase_ending_at(self.context, view, k, roles=("demonym",))
            if longer is not None and longer[0] < i:
                i = k  # the title word ends a noun of people of an origin: "đứa [bé] Lào" is a Lao child
                continue
            if view.text(i, k).lower() == "tên" and i and view[i - 1].lower in NAMING_VERBS:
                i = k  # "đổi tên Đại La thành Thăng Long": what is renamed, not "the one named"
                continue
            title = view[i]
            honorific = entry.capitalised == "title"  # "Bác Hồ": Uncle Hồ, capitalised out of respect
            one_capital = title.capitalised and not title.sent_start and k == i + 1 and not title.text.isupper()
            if one_capital and not honorific:
                i = k  # "Bà Rịa", "Ông Ích Khiêm": a one-syllable title word inside a name
                continue
            name_from = k
            organisations = []
            if entry.role == "office" or k - i >= 2:
                # "Tổng thư ký [ORG Liên Hợp Quốc] [PER António Guterres]", "Tổng giám đốc [ORG Samsung]": a listed
                # organisation after an office or a profession says whose it is, and the person's name (if any)
                # starts after it (GUIDELINES §2.6: the title and what it belongs to are outside the name). The
                # gazetteer leaves a name glued to more capitalised words, so the organisation is proposed here.
                while (org := self._organisation_at(view, name_from)) is not None:
                    organisations.append((name_from, org, "ORG"))
                    name_from = org
            end = capitalised_run(view, name_from, limit=NAME_LIMIT, acronyms=False)
            if name_from < end < len(view) and view[end].joined and view[end].text in REGNAL_NUMBERS:
                end += 1  # "Nữ hoàng Anh [Elizabeth II]": a monarch's number is part of the name
            whole_title = view.word_start(title.start) and view.word_end(view[k - 1].end)
            # the segmenter may write the honorific and the name as one word ("Bác Hồ"): the word is then cut; so
            # too a one-syllable title first in a sentence, capitalised only to start it ("Ả Phương cười", "Mụ Hai
            # lại chửi": one proper noun to the segmenter; issue 13, round 16)
            glued = honorific or (title.sent_start and k == i + 1 and entry.role == "title")
            if not whole_title and not (
                glued and view.word_start(title.start) and end > k and view.word_end(view[end - 1].end)
            ):
                i += 1  # the segmenter reads the title word as part of another word: "bà con", "cô gái"
                continue
            yield from organisations
            if (
                end == name_from
                or known_in_any(self.places, view, i, end)
                # a listed name runs past the capitals: the title is an office of that institution ("Chủ tịch
                # Quốc hội", "Thủ tướng Chính phủ": sentence case), not a person's
                or listed_past(self.places, view, name_from, end)
            ):
                i = name_from
                continue
            if view.goes_on(end) and (end - name_from >= NAME_LIMIT or self._common_word_from(view, end - 1)):
                i = k  # "Anh hùng Lao động", "Bộ trưởng Bộ Tư pháp": the last capitalised word goes on in lower
                continue  # case, so the capitals begin a common noun or an institution, not a person's name
            # (a word the dictionary lacks is the segmenter gluing a name to its verb: "Cô [Liên dắt] em", "Vua Duy
            # [Tân mưu]"; not where the run was cut at its limit: the name goes on)
            start = name_from
            if entry.role == "office" and view.text(i, k).lower() in MONARCHS and view.text(start, end) in DYNASTIES:
                # "vua [MISC Minh]", "hoàng đế [MISC Thanh]": the emperor of that house, an adjective like
                # "quân [MISC Minh]" (GUIDELINES §4.4), not a person named Minh
                yield k, end, "MISC"
                i = end
                continue
            # After a profession of more than one syllable a country is an origin too ("các cầu thủ [MISC Hàn
            # Quốc]", "vận động viên [MISC Thái Lan]": a noun for people of that origin, GUIDELINES §4.4); not
            # any listed place ("nhà văn Sơn Nam" is a writer), and a one-syllable kinship or address word is
            # followed by a name, whatever it spells ("chị Nga").
            office = entry.role == "office"
            place = self._place_at(view, start, end)
            # a listed place, then a foreign-spelled name: "tướng [MISC Mỹ] [PER George Patton]"
            origin_before_foreign = (
                place is not None
                and place[0] < end
                and all(is_foreign_word(view[m].text) for m in range(place[0], end))
            )
            if not (office or k - i >= 2) and origin_before_foreign:
                # after any title, such a place is the person's origin (the spent genres/heldout25; issue 13, round
                # 27); "chị Nga", "nhà văn Sơn Nam" (no foreign-spelled name after) stay as they were
                yield start, place[0], "MISC"
                start = place[0]
            elif office or k - i >= 2:
                places = self.places if office or origin_before_foreign else self.places[:1]
                while start < end and (place := self._place_at(view, start, end, places)) is not None:
                    yield start, place[0], "MISC"
                    start = place[0]
            if (office or k - i >= 2 or end - start > 1) and (
                start < end
                and view[start].text in SHORT_ORIGINS
                and (end - start == 1 or any(is_foreign_word(view[m].text) for m in range(start + 1, end)))
            ):
                # alone ("một nhà văn [MISC Nhật] từng viết", "các nhà khoa học [MISC Mỹ]") or before a
                # foreign-spelled name, after any title ("tướng [MISC Anh] John Moore"), the short form is the origin
                yield start, start + 1, "MISC"
                start += 1
            if start < end:
                yield start, end, "PER"
            i = end


@Language.factory(
    "songngu_ner_titles",
    default_config={"context": "<packaged>", "gazetteer_files": ["<packaged>"], "locale": "vi"},
    requires=["doc.sents"],
    assigns=["doc.spans"],
)
def create_titles(nlp: Language, name: str, context: str, gazetteer_files: list[str], locale: str):
    """Persons after titles. ``context``: the context lexicon; the gazetteers tell places after offices."""

    def build(context: str, gazetteer_files: tuple[str, ...]) -> RuleComponent:
        rule = TitleRule(context_words(context), [cldr_gazetteer(locale), project_gazetteer(gazetteer_files)])
        component = RuleComponent(rule, SOURCE)
        component.songngu_meta = rules_meta(context, *gazetteer_files)
        return component

    # The data files are read at initialize (or from a saved pipeline's copies): see pipeline.spacy_data.
    return BuiltFromFiles(
        build, {"context": context_path(context), "gazetteer_files": gazetteer_paths(gazetteer_files)}
    )
