"""Does a written syllable obey Vietnamese phonotactics?

Foreign names in Vietnamese text keep their own spelling ("Srkhavend",
"Nikolayevich", "Washington", "Boston Globe"), and that spelling is almost never
a possible Vietnamese syllable: Vietnamese writes every syllable separately, as
(onset) (medial) nucleus (final), from a closed inventory. So the test is a
grammar of the written syllable, not a word list:

* onsets: b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x
  (consonant clusters such as *br, sk, st, gl, kr* do not exist);
* finals: c ch m n ng nh p t, or the glides i/y o/u (so *-r, -l, -s, -k, -nd,
  -v* are impossible);
* the letters f, j, w, z never occur;
* the rhyme (medial + nucleus + final) comes from the closed set below.

Tone marks are stripped before the check (they sit on any syllable); the vowel
letters ă â ê ô ơ ư and đ are kept because they are part of the spelling.

No library covers this (Vietnamese syllable validators in the wild are
spell-checkers with word lists), so the grammar is written out here.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Combining tone marks: grave, acute, tilde, hook above, dot below.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

_ONSETS = (
    "ngh",
    "ng",
    "nh",
    "ch",
    "gh",
    "gi",
    "kh",
    "ph",
    "qu",
    "th",
    "tr",
    "b",
    "c",
    "d",
    "đ",
    "g",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "x",
)

# Every rhyme (medial + nucleus + final) of standard Vietnamese orthography.
# Grouped by nucleus; the medial o/u forms follow their plain ones.
_RHYMES = frozenset(
    [
        "a",
        "ai",
        "ao",
        "au",
        "ay",
        "ac",
        "ach",
        "am",
        "an",
        "ang",
        "anh",
        "ap",
        "at",
        "ă",
        "ăc",
        "ăm",
        "ăn",
        "ăng",
        "ăp",
        "ăt",
        "â",
        "âc",
        "âm",
        "ân",
        "âng",
        "âp",
        "ât",
        "âu",
        "ây",
        "e",
        "eo",
        "ec",
        "em",
        "en",
        "eng",
        "ep",
        "et",
        "ech",
        "enh",
        "ê",
        "êu",
        "êm",
        "ên",
        "êp",
        "êt",
        "êch",
        "ênh",
        "i",
        "ia",
        "iu",
        "ich",
        "im",
        "in",
        "inh",
        "ip",
        "it",
        "iê",
        "iêc",
        "iêm",
        "iên",
        "iêng",
        "iêp",
        "iêt",
        "iêu",
        "yê",
        "yêm",
        "yên",
        "yêt",
        "yêu",
        "y",
        "o",
        "oi",
        "oc",
        "om",
        "on",
        "ong",
        "op",
        "ot",
        "oong",
        "ooc",
        "ô",
        "ôi",
        "ôc",
        "ôm",
        "ôn",
        "ông",
        "ôp",
        "ôt",
        "ơ",
        "ơi",
        "ơm",
        "ơn",
        "ơp",
        "ơt",
        "u",
        "ua",
        "ui",
        "uc",
        "um",
        "un",
        "ung",
        "up",
        "ut",
        "uô",
        "uôi",
        "uôc",
        "uôm",
        "uôn",
        "uông",
        "uôt",
        "ư",
        "ưa",
        "ưi",
        "ưu",
        "ưc",
        "ưng",
        "ưt",
        "ưm",
        "ưn",
        "ươ",
        "ươi",
        "ươu",
        "ươc",
        "ươm",
        "ươn",
        "ương",
        "ươp",
        "ươt",
        "oa",
        "oai",
        "oao",
        "oay",
        "oac",
        "oach",
        "oam",
        "oan",
        "oang",
        "oanh",
        "oap",
        "oat",
        "oă",
        "oăc",
        "oăm",
        "oăn",
        "oăng",
        "oăt",
        "oe",
        "oeo",
        "oen",
        "oet",
        "oem",
        "uâ",
        "uân",
        "uât",
        "uâng",
        "uây",
        "uê",
        "uêch",
        "uênh",
        "uơ",
        "uy",
        "uya",
        "uyu",
        "uych",
        "uynh",
        "uyt",
        "uyn",
        "uyên",
        "uyêt",
    ]
)

# After "qu" the medial u is part of the onset: "quy", "quyên", "quốc", "quân".
_RHYMES_AFTER_QU = frozenset(r[1:] for r in _RHYMES if r.startswith("u") and len(r) > 1) | {
    "a",
    "ai",
    "ang",
    "an",
    "anh",
    "at",
    "ay",
    "ac",
    "ach",
    "e",
    "en",
    "et",
    "eo",
    "ê",
    "ên",
    "êt",
    "ênh",
    "êch",
    "i",
    "y",
    "ao",
    "yên",
    "yêt",
    "ynh",
    "ych",
    "yt",
    "yn",
    "ơ",
    "ơi",
    "ơn",
    "ơt",
    "ô",
    "ôc",
    "âng",
    "ân",
    "ât",
    "ây",
    "ăng",
    "ăn",
    "ăm",
    "ăt",
    "ăc",
}
_FOREIGN_LETTERS = set("fjwz")


def strip_tones(text: str) -> str:
    """Lower-case ``text`` without its tone marks, keeping ă â ê ô ơ ư đ."""
    # VTB and other sources sometimes write đ with the look-alike eth (Ð/ð).
    decomposed = unicodedata.normalize("NFD", text.lower().replace("ð", "đ"))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))


@lru_cache(maxsize=65536)
def is_vietnamese_syllable(syllable: str) -> bool:
    """Whether ``syllable`` (one space-free written syllable) could be Vietnamese.

    >>> is_vietnamese_syllable("Nguyễn"), is_vietnamese_syllable("Azerbaijan")
    (True, False)
    """
    s = strip_tones(syllable)
    if not s or not s.isalpha() or _FOREIGN_LETTERS & set(s):
        return False
    for onset in ("",) + _ONSETS:
        if not s.startswith(onset):
            continue
        rhyme = s[len(onset) :]
        if onset == "qu":
            if rhyme in _RHYMES_AFTER_QU:
                return True
            continue
        if onset == "gi" and (rhyme == "" or rhyme in _RHYMES or "i" + rhyme in _RHYMES):
            return True  # "gì" (gi + i), "giá" (gi + a), "giếng" (gi + iêng)
        if rhyme in _RHYMES:
            return True
    return False


@lru_cache(maxsize=65536)  # asked of the same capitalised words by the foreign-name rule, the typer and the titles
def is_foreign_word(word: str) -> bool:
    """Whether a capitalised written word is spelled like no Vietnamese word.

    A word is split at hyphens ("Nagorno-Karabakh") and is foreign when any
    alphabetic part is not a possible Vietnamese syllable. All-capital
    abbreviations (NATO, HCM) are not judged: their letters are not syllables.
    """
    parts = [p for p in word.replace("’", "-").replace("'", "-").split("-") if p]
    if not parts or all(p.isupper() for p in parts if p.isalpha()):
        return False
    return any(p.isalpha() and not is_vietnamese_syllable(p) for p in parts)
