"""Noun phrases read off the word order: the phrase ending before a trigger, or starting after it.

Vietnamese noun phrases are head-initial: determiners and quantifiers (``các``,
``tất cả``), the head noun, then its modifiers (nouns, names, participant verbs
such as *biểu tình* in ``người biểu tình``, a demonstrative ``này``/``đó``).
A phrase stops at a space, a date, a clause boundary, a preposition the tagger
read as a noun, and a pronoun after the head (``ông ta``).
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.events.clauses.words import EMPTY, Words


@dataclass(frozen=True, order=True)
class Phrase:
    """Tokens ``[start, end)`` of a ``Doc``."""

    start: int
    end: int

    @property
    def last(self) -> int:
        return self.end - 1


def noun_phrase_ending_at(words: Words, j: int, sentence_start: int) -> Phrase | None:
    """The core noun phrase ending at token ``j``."""
    start = noun_phrase_start(words, j, sentence_start)
    return None if start is None else Phrase(start, j + 1)


def noun_phrase_start(words: Words, j: int, sentence_start: int) -> int | None:
    """The start of :func:`noun_phrase_ending_at` (None: no phrase), without making the phrase: the pairwise
    classifier's candidates ask it for every word of every text that has a trigger."""
    s = sentence_start
    end = j + 1
    k = j
    # The lists' matches by the word they end after (start_of, clause_boundary_ending), and the word classes as
    # Words keeps them (is_nominal, named, is_participant_modifier ...: the same tests without a method call each),
    # gathered once per text (Words.ending_context): this runs for every word of every trigger's window.
    (
        determiners,
        boundaries,
        modifiers,
        demonstratives,
        participants,
        nominals,
        verbs,
        named,
        openers,
        spaces,
        dates,
        time_starts,
    ) = words.ending_context
    start = demonstratives.get(k + 1)
    if start is not None and start > s:
        k = start - 1
    if k < s or not (nominals[k] or modifiers.get(k + 1) is not None or (k > 0 and verbs[k] and k in participants)):
        return None
    if k in openers and k not in named:  # "sau", "trong" read as nouns
        return None
    head_seen = False
    while k >= s:
        if spaces[k] or k in dates or boundaries.get(k + 1) is not None:
            break
        if k in time_starts:  # "... năm 1993": the phrase starts after the date
            break
        if k < j and k in openers and k not in named:  # "sau" read as a noun
            break
        ent = named.get(k)
        if ent is not None:
            if ent.start < s:
                break
            k = ent.start - 1
            head_seen = True
            continue
        start = modifiers.get(k + 1)
        if start is not None and start >= s:
            k = start - 1
            continue
        if k > 0 and verbs[k] and k in participants:  # a participant modifier (người biểu tình)
            k -= 1
            continue
        start = determiners.get(k + 1)
        if start is not None and start >= s and head_seen:
            # A noun phrase opens with its determiners (tất cả các ...): nothing before them.
            k = start - 1
            while k >= s and determiners.get(k + 1) is not None and determiners.get(k + 1) >= s:
                k = determiners.get(k + 1) - 1
            break
        if nominals[k]:
            head_seen = True
            k -= 1
            continue
        break
    if not head_seen or k + 1 >= end:
        return None
    return k + 1


def noun_phrase_starting_at(words: Words, i: int, sentence_end: int) -> Phrase | None:
    """The core noun phrase starting at token ``i``."""
    end = noun_phrase_end(words, i, sentence_end)
    return None if end is None else Phrase(i, end)


def noun_phrase_end(words: Words, i: int, sentence_end: int) -> int | None:
    """The end of :func:`noun_phrase_starting_at` (None: no phrase), without making the phrase (see
    :func:`noun_phrase_start`)."""
    e = sentence_end
    k = i
    # The lists' matches by the word they start at (end_of), and the word classes as Words keeps them (see
    # noun_phrase_ending_at), gathered once per text (Words.starting_context): this runs for every word of every
    # trigger's window.
    (
        determiners,
        boundaries,
        modifiers,
        demonstratives,
        participants,
        nominals,
        verbs,
        named,
        openers,
        spaces,
        dates,
        time_starts,
    ) = words.starting_context
    while k < e:
        end = determiners.get(k)
        if end is None or end > e:
            break
        k = end
    head = k
    if head < e and head in openers:
        ent = named.get(head)
        if ent is None or ent.start != head:  # not a name's first word
            return None
    tags = words.tags
    while k < e:
        if spaces[k] or k in dates or (k > head and boundaries.get(k) is not None):
            break
        if k in time_starts or (k > head and k in openers and k not in named):
            break
        ent = named.get(k)
        if ent is not None:
            if ent.end > e:
                break
            k = ent.end
            continue
        end = modifiers.get(k)
        if end is not None and end <= e and k > head:
            k = end
            continue
        if k > head and k > 0 and verbs[k] and k in participants:  # a participant modifier
            k += 1
            continue
        end = demonstratives.get(k)
        if end is not None and end <= e and k > head:
            k = end
            break
        if nominals[k]:
            k += 1
            if tags[k - 1] == "P" and k - 1 > head:  # ông ta, hàng ngũ họ: a pronoun closes the phrase
                break
            continue
        break
    if k == head:
        return None
    return k


def conjuncts_after(words: Words, phrase: Phrase, sentence_end: int) -> list[Phrase]:
    """Noun phrases coordinated after ``phrase`` (Sài Gòn *và Huế*), unless one opens a new clause."""
    e = sentence_end
    out = []
    end = phrase.end
    while True:
        j = words.next_word(end, e)
        k = words.end_of("np_conjunctions", j) if j < e else None
        if k is None:
            break
        nxt = noun_phrase_starting_at(words, words.next_word(k, e), e)
        if nxt is None:
            break
        after = words.next_word(nxt.end, e)
        if after < e and words.is_verb(after) and words.end_of("transparent", after) is None:
            break  # "... và quân Nga rút": a subject of its own
        out.append(nxt)
        end = nxt.end
    return out


def conjuncts_before(words: Words, phrase: Phrase, sentence_start: int) -> list[Phrase]:
    """A noun phrase coordinated before a clause-initial ``phrase`` (*Nga và* Armenia tấn công)."""
    s = sentence_start
    b = words.previous_word(phrase.start, s)
    start = words.start_of("np_conjunctions", b) if b >= s else None
    if start is None:
        return []
    prev = words.previous_word(start, s)
    if prev < s or not words.is_nominal(prev):
        return []
    other = noun_phrase_ending_at(words, prev, s)
    if other is None:
        return []
    before = words.previous_word(other.start, s)
    if before >= s and not (
        words.is_hard_boundary(before) or words.is_comma(before) or words.clause_boundary_ending(before) is not None
    ):
        return []
    return [other]


def argument_span(words: Words, phrase: Phrase) -> Phrase:
    """The argument for a noun phrase: the named entity when the phrase is a generic
    head + a name (``phía Azerbaijan`` -> ``Azerbaijan``), else the phrase itself (the same object)."""
    heads = words.ends.get("transparent_heads", EMPTY)
    titles = words.ends.get("titles", EMPTY)
    named = words._named  # Words.named without a call per word: this runs for every candidate noun phrase
    for k in range(phrase.start + 1, phrase.end):
        ent = named.get(k)
        if ent is None or ent.start != k or ent.end != phrase.end:
            continue
        # tokens [start, k) are a generic head (nước, nước Cộng hòa) or a person's title
        if heads.get(k) == phrase.start or (titles.get(k) == phrase.start and ent.label_ == "PER"):
            return Phrase(ent.start, ent.end)
    return phrase


def is_non_argument(words: Words, phrase: Phrase) -> bool:
    """Reciprocal and reflexive pronouns (nhau, mình) point back; they are no argument of their own."""
    return words.end_of("non_arguments", phrase.start) == phrase.end


def _joiner_end(words: Words, i: int) -> tuple[int, bool] | None:
    """The end of the joiner at token ``i`` (a space, ``,``, ``và``/``hoặc``, ``cùng``/``cùng với``) and whether it
    is a word; None: no joiner there."""
    if words.is_space(i) or words.is_comma(i):
        return i + 1, False
    k = words.end_of("np_conjunctions", i) or words.end_of("comitative", i)
    return None if k is None else (k, True)


def _join(words: Words, start: int, end: int) -> str | None:
    """How tokens ``[start, end)`` join two conjuncts: ``"word"`` (a conjunction among them), ``"comma"`` (commas
    alone), None (not a joiner: something else is there, or nothing but spaces)."""
    i, joined, worded = start, False, False
    while i < end:
        found = _joiner_end(words, i)
        if found is None or found[0] > end:
            return None
        joined = joined or not words.is_space(i)
        worded = worded or found[1]
        i = found[0]
    return "word" if worded else "comma" if joined else None


def _coordinated(words: Words, ents: list) -> bool:
    """Whether ``ents`` (two or more, in order) are conjuncts: one label, joined by joiners alone, and not places
    joined by commas alone (quận Sơn Trà, Đà Nẵng: a place and the place it is in)."""
    labels = {e.label_ for e in ents}
    if len(ents) < 2 or len(labels) > 1:
        return False  # TAND quận Hải Châu, Đà Nẵng: a court and where it sits, not two courts
    joins = [_join(words, left.end, right.start) for left, right in zip(ents, ents[1:])]
    return None not in joins and ("word" in joins or labels != {"LOC"})


def coordinated_entities(words: Words, phrase: Phrase) -> list:
    """The entities ``phrase`` coordinates, when it holds two or more and nothing else but the words that join them
    (``,``, ``và``/``hoặc``, ``cùng``/``cùng với``): *Sư đoàn 316 và Sư đoàn 320*. ACE and VHE mark each conjunct
    as an argument of its own with the role the whole would have had. Empty when the phrase is anything else (one
    entity, an entity with words of its own round it, joiners at an edge, see :func:`_coordinated`)."""
    ents = words.entities_between(phrase.start, phrase.end)
    if len(ents) < 2 or ents[0].start != phrase.start or ents[-1].end != phrase.end:
        return []
    return ents if _coordinated(words, ents) else []


# Words that open a clause about the entity before them (Sư đoàn 7 *do* Đại tá X chỉ huy, Lữ đoàn 2 *mà* Pháp lập,
# Tiểu đoàn 5 *đã* ...). Here, not a list of the lexicon: a saved pipeline carries its lexicon file, and one saved
# with a list an older checkout does not know would not load there.
RELATIVE_OPENERS = frozenset({"do", "mà", "đã"})


def entity_before_clause(words: Words, phrase: Phrase) -> Phrase | None:
    """The entity ``phrase`` starts with, when a clause about it follows within the phrase (*Sư đoàn 7* do Đại tá
    Lê Nam Phong chỉ huy): the clause is no part of the argument. None: the phrase is anything else."""
    ent = words.entity_at.get(phrase.start)
    if ent is None or ent.start != phrase.start or ent.end >= phrase.end:
        return None
    after = words.next_word(ent.end, phrase.end)
    if after >= phrase.end or words.texts[after].lower() not in RELATIVE_OPENERS:
        return None
    return Phrase(ent.start, ent.end)
