"""Splitting raw text into syllables: the units that word segmentation groups.

A Vietnamese word is one or more space-separated syllables ("Liên bang"), so
segmentation is a decision at each single space: join or split. Everything that
is written without a space stays inside one syllable when it is a name or a
number ("Nagorno-Karabakh", "T-72", "11/9/1992", "23.000", "95%", "TP.HCM") and
is cut off when it is punctuation ("Nga," -> "Nga" ","; "[29]" -> "[" "29" "]").

This is written by hand because the cut points are a convention of the
training data (UD Vietnamese-VTB), not of a general tokenizer: e.g. VTB keeps
"95%", "q.1" and the initial "H." whole but splits "..." off a word.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import regex

# str.isspace() is the definition of whitespace everywhere in the segmenter (the
# offset contract is phrased with it). It differs from regex's \s: the
# separators U+001C..U+001F are whitespace to Python but not to regex, so the
# class holds exactly the characters isspace() accepts.
# Written out, not computed at import: a pass over the Basic Multilingual Plane's
# 65,536 characters was about 0.003 CPU s of every process's start-up.
# tests/vi/test_whitespace.py checks it against every code point of this Python's
# Unicode tables, so a Python whose tables add or drop a whitespace character fails
# there, naming this string.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
_WS = regex.escape(WHITESPACE)

_ALNUM = r"[\p{L}\p{N}][\p{L}\p{N}\p{M}]*"
_ALNUM_AFTER_DIGIT = r"\p{Nd}[\p{L}\p{N}\p{M}]*"
# Abbreviations whose final dot belongs to the word in VTB ("TP. HCM", "ông H.").
# A lone letter is only taken as an initial when a letter follows after a space,
# so a sentence-final "... vitamin C." still ends with a full stop.
_ABBREVIATIONS = r"(?:TP|Tp|tp|TS|ThS|GS|PGS|BS|Th|Mr|Mrs|Ms|Dr|St|v\.v)\.(?![\p{L}\p{N}])"
_INITIAL = rf"[A-Za-zĐđ]\.(?=[{_WS}]+\p{{L}})"

_SYLLABLE = regex.compile(
    rf"""
    (?P<url>(?:https?|ftp)://[^{_WS}]+?(?=[.,;:!?)\]"']*(?:[{_WS}]|$)))
  | (?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
  | (?P<abbr>{_ABBREVIATIONS}|{_INITIAL})
    # Names and numbers: letter/digit runs tied by connectors written without spaces.
    # "," "/" ":" only tie digits (23,5  11/9/1992  10:30); "." ties anything
    # except a sentence-like "word.Word" with a missing space.
  | (?P<word>
        {_ALNUM}
        (?:
            [-_'’]{_ALNUM}
          | (?<=\p{{Nd}})[.,/:]{_ALNUM_AFTER_DIGIT}
          | \.(?!\p{{Lu}}\p{{Ll}}){_ALNUM}
        )*
        %?
    )
    # Runs of one punctuation mark stay together ("...", "!!!", "--").
    # Emoji and other symbols go to \X below, which keeps modifier sequences whole.
  | (?P<punct>(?![\p{{So}}\p{{Sk}}])(?P<mark>[^\p{{L}}\p{{N}}\p{{M}}{_WS}])\p{{M}}*(?:(?P=mark)\p{{M}}*)*)
  | (?P<other>\X)
    """,
    regex.VERBOSE,
)


# Characters that separate words as a space does. Web text puts no-break spaces
# (U+00A0) and zero-width spaces between words, editors tabs; to the segmenter and
# every rule after it each is a plain space (:func:`plain_spaces`), while offsets
# keep pointing into the text as given (one character for one).
# * every Unicode space separator (category Zs: U+00A0, U+2000..U+200A, U+202F, U+3000 ...) and the tab;
# * the invisible ones: zero-width space U+200B, zero-width non-joiner U+200C, word
#   joiner U+2060, zero-width no-break space U+FEFF (a byte-order mark inside text),
#   Mongolian vowel separator U+180E (a space separator before Unicode 6.3);
# * the zero-width joiner U+200D, only between two letters or digits: inside an emoji
#   sequence (man + ZWJ + woman + ZWJ + girl) it joins, and stays.
SPACE_SEPARATORS = "\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"  # Zs but " "
SEPARATORS = SPACE_SEPARATORS + "\t\u200b\u200c\u2060\ufeff\u180e"
_AS_SPACES = str.maketrans(SEPARATORS, " " * len(SEPARATORS))
_JOINER_BETWEEN_LETTERS = regex.compile(r"(?<=[\p{L}\p{M}\p{N}])\u200d(?=[\p{L}\p{N}])")


#: Any character :func:`plain_spaces` may replace (``re``: its search of a character class is
#: about three times ``regex``'s here).
_MAY_REPLACE = re.compile("[" + re.escape(SEPARATORS + "\u200d") + "]")


def plain_spaces(text: str) -> str:
    """``text`` with every word separator (:data:`SEPARATORS`) written as a plain space: same length, same offsets."""
    if _MAY_REPLACE.search(text) is None:
        # The usual case, nothing to replace: the tokenizer, each segmenter and the projection of
        # their words call this on every line (about 8 passes over the text), and a search costs
        # a tenth of str.translate with a table.
        return text
    text = text.translate(_AS_SPACES)
    if "\u200d" in text:
        text = _JOINER_BETWEEN_LETTERS.sub(" ", text)
    return text


class Syllable(NamedTuple):
    start: int
    end: int


def syllabify(text: str) -> list[Syllable]:
    """Return the syllables of ``text`` as ``[start, end)`` code-point spans.

    Every non-whitespace character of ``text`` lies in exactly one syllable and
    no syllable contains whitespace, whatever the input (combining marks without
    a base, emoji sequences, control characters). Word separators (:data:`SEPARATORS`)
    are whitespace here.
    """
    text = plain_spaces(text)
    out: list[Syllable] = []
    append, match, has_space = out.append, _SYLLABLE.match, _ANY_SPACE.search
    pos, n = 0, len(text)
    while pos < n:
        if text[pos].isspace():
            pos += 1
            continue
        m = match(text, pos)
        end = m.end() if m else pos + 1
        if end == pos or has_space(text, pos, end):
            # A grapheme cluster can swallow whitespace (a Prepend mark before a
            # space): never let that through, fall back to one character.
            end = pos + 1
        if (
            end - pos == 9
            and text[pos + 4] == "-"
            and (years := _YEAR_RANGE.fullmatch(text, pos, end)) is not None
            and int(years[1]) < int(years[2])
        ):
            # "1950-1954": a range of years is two dates and the dash (GUIDELINES §4.5), as VTB writes it
            # ("1971 - 1973"); tied into one syllable, no word boundary could part the two years.
            append(_new_tuple(Syllable, (pos, pos + 4)))
            append(_new_tuple(Syllable, (pos + 4, pos + 5)))
            pos += 5
        elif end - pos >= 11 and text[pos].isdigit() and (amounts := _GROUPED_RANGE.fullmatch(text, pos, end)):
            # "5.000-6.000 người": a range of two amounts is two numbers and the dash (GUIDELINES §4.6), as VTB
            # mostly writes it ("250.000 - 300.000 đồng"); only numbers with thousands groups ("11-9" is a date,
            # "2-1" a score; issue 13, round 18)
            dash = amounts.end(1)
            append(_new_tuple(Syllable, (pos, dash)))
            append(_new_tuple(Syllable, (dash, dash + 1)))
            pos = dash + 1
        # tuple.__new__ makes the same Syllable as Syllable(pos, end) without the call of its
        # generated Python __new__ (one per syllable: the segmenter and the NER view syllabify every line)
        append(_new_tuple(Syllable, (pos, end)))
        pos = end
    return out


@lru_cache(maxsize=2048)
def line_syllables(line: str) -> tuple[Syllable, ...]:
    """:func:`syllabify` of ``line``, remembered for the last lines asked (a tuple: it is shared, never change it).

    The segmenter cuts every line of a document into syllables, and the entity rules' syllable view
    (pipeline/vi/ner/view.py) cuts each of its sentences again: in most documents a sentence is a line, and
    the second cut is then a look-up (about a tenth of the entity components' time on bench/ner.py --speed).
    ``syllabify`` depends on its argument alone, so the answer is the same.
    """
    return tuple(syllabify(line))


#: Two years written with a hyphen and no space, the second the later ("1950-1954"; not "30-4-1975", not "1954-1950").
_YEAR_RANGE = re.compile(r"(1\d{3}|20\d\d)-(1\d{3}|20\d\d)")


#: Two amounts with thousands groups written with a dash and no space ("5.000-6.000", "1.500–2.000").
_GROUPED_RANGE = re.compile(r"(\d{1,3}(?:\.\d{3})+)[-–]\d{1,3}(?:\.\d{3})+")


#: Any character for which str.isspace() is true (:data:`WHITESPACE`: all of them lie in the BMP). One
#: search of the syllable's span replaces a generator over its characters (``re``: the class is a set).
_ANY_SPACE = re.compile("[" + re.escape(WHITESPACE) + "]")
_new_tuple = tuple.__new__


def joinable(gap: str) -> bool:
    """Whether two syllables separated by ``gap`` may belong to one word.

    Only a single space joins syllables (``gap`` comes from text whose word
    separators are written as spaces: :func:`plain_spaces`): a newline or a run
    of spaces is a hard word boundary, so no word ever spans lines.
    """
    return gap == " "
