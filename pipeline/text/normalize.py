"""Spelling keys: the forms text is looked up by.

Three keys, for three kinds of look-up:

* :func:`fold_tones` writes a tone mark where the "old" orthography puts it.
  Vietnamese has two spellings of the rhymes oa, oe, uy (and ua) at the end of
  a syllable: the tone on the first vowel ("hòa", "thủy") or on the second
  ("hoà", "thuỷ"). Both are current and Wikipedia mixes them; VTB writes
  "hòa" twelve times as often as "hoà", so that placement is the key. "quý"
  is not a case: after "q" the "u" is part of the consonant. Case is kept.
* :func:`fold` is :func:`fold_tones` in lower case: how a Vietnamese word or
  phrase is looked up in a word list (the segmenter's lexicons, the entity and
  event lexicons, the aligner's tables). Diacritics stay: "lính" is not "linh".
* :func:`strip_diacritics` drops every diacritic, case, hyphen and underscore:
  what survives translation of a name ("Xô Viết" ~ "Soviet", "Kelbajar" on
  both sides), for comparing Vietnamese with English.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Combining tone marks (NFD): grave, acute, hook above, tilde, dot below.
TONE_MARKS = frozenset("\u0300\u0301\u0309\u0303\u0323")
# In NFD a tone mark follows its vowel (after a circumflex, breve or horn, which
# the pattern then does not match: "uế" is not a case). A final "oa/oe/ua/uy"
# with the tone on its second vowel gets it on the first; not after q.
_SECOND_VOWEL_TONE = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0309\u0303\u0323])(?![^\W\d_])")
# đ/Đ and a few foreign letters are letters of their own, not a base + a combining mark.
_EXTRA_LETTERS = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i"})


def fold_tones(text: str) -> str:
    """``text`` in NFC with the tone of a syllable-final oa/oe/ua/uy on its first vowel; case kept.

    >>> fold_tones("Biên Hoà"), fold_tones("thuỷ"), fold_tones("quý")
    ('Biên Hòa', 'thủy', 'quý')
    """
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _SECOND_VOWEL_TONE.sub(r"\1\3\2", decomposed))


@lru_cache(maxsize=1 << 16)  # called on every word of every document by several components: words repeat
def fold(text: str) -> str:
    """Lower case with one tone-mark placement: the key of a Vietnamese word or phrase.

    >>> fold("Hoà bình") == fold("hòa bình") == "hòa bình"
    True
    """
    return fold_tones(text.lower())


def syllable_key(phrase: str) -> tuple[str, ...]:
    """A phrase as folded syllables; spaces and underscores (``Chiến_tranh``) separate them."""
    return tuple(fold(phrase.replace("_", " ")).split())


def cased_syllable_key(phrase: str) -> tuple[str, ...]:
    """A phrase as syllables with one tone-mark placement and their case kept (names: "Mỹ" is not "mỹ")."""
    return tuple(fold_tones(phrase.replace("_", " ")).split())


def strip_diacritics(text: str) -> str:
    """Lowercase, without diacritics, underscores and hyphens as spaces, whitespace collapsed.

    >>> strip_diacritics("Xô Viết"), strip_diacritics("Chiến_tranh_Nagorno-Karabakh")
    ('xo viet', 'chien tranh nagorno karabakh')
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA_LETTERS))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = re.sub(r"[_\-‐‑–]", " ", stripped)
    return " ".join(stripped.lower().split())
