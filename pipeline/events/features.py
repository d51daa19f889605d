"""Features of the trained event model, read off what the pipeline already computed.

Each word gets the same base features for both models: its folded form and
syllables (:func:`pipeline.text.normalize.fold`), VLSP tag, UPOS, chunk, entity
label, shape, and what the lexicon and the clause rules say about it. The
trigger model reads a window of them; the argument model reads them relative to
one trigger (which side, how far, what lies between) and conjoined with the
trigger's type, plus the role the clause rules read for that word.

The trigger model also reads two things beyond the sentence: how many times the
word came earlier in its paragraph (BKEE's annotators mark an event's first mention
far more often than its repetitions: 87% of a trigger word's first occurrences in a
document are marked, 35% of its fourth and later), and the genre of the text
(``news``, ``annals``: BKEE and VHE mark the same words differently; the component's
``genre`` setting says which the text is). The argument model reads the genre too,
conjoined with its main features (the two corpora draw argument spans differently).

Features are plain strings (``"w=tấn công"``), the form python-crfsuite takes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from pipeline.events.candidates import Candidate
from pipeline.events.clauses.objects import RoleFiller
from pipeline.events.clauses.words import Words
from pipeline.text.normalize import fold
from pipeline.vi.sentences import paragraph_chunks

# Lists of the lexicon's grammar a word before a trigger may be on, and what it tells.
_BEFORE = (
    ("passive_markers", "pas"),
    ("nominalisers", "nom"),
    ("participant_nouns", "par"),
    ("modality:negation", "neg"),
    ("transparent", "tra"),
)


_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")


def sentence_words(sent: Span) -> Span:
    """``sent`` without the whitespace tokens at its edges (the line breaks spaCy keeps after a sentence).

    The models' window features must not see them: a paragraph's last sentence would
    read the blank line after it as a neighbour when the document is annotated whole
    and the end of the text when it is annotated paragraph by paragraph.
    """
    start, end = sent.start, sent.end
    doc = sent.doc
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return doc[start:end]


def _shape(text: str) -> str:
    if _DIGIT.search(text):
        return "digit"
    if not _LETTER.search(text):
        return "punct"
    if text.isupper() and len(text) > 1:
        return "upper"
    if text[:1].isupper():
        return "title"
    return "lower"


@lru_cache(maxsize=1 << 16)  # words repeat: their features are computed once per text
def word_features(text: str) -> tuple[str, tuple[str, ...]]:
    """A word's folded form and its features that depend on nothing else."""
    w = fold(text)
    sylls = w.split()
    return w, (
        f"w={w}",
        f"s1={sylls[0] if sylls else ''}",
        f"sN={sylls[-1] if sylls else ''}",
        f"n={min(len(sylls), 3)}",
        f"sh={_shape(text)}",
    )


def _bucket(distance: int) -> str:
    if distance <= 3:
        return str(distance)
    if distance <= 5:
        return "4-5"
    if distance <= 10:
        return "6-10"
    return "11+"


def earlier_in_paragraph(text: str, offsets: list[int], folded: list[str]) -> list[int]:
    """For each word (its character offset in ``text`` and folded form), how many times its form came before
    it in its paragraph.

    Counted per paragraph (blank-line separated, as :func:`paragraph_chunks` cuts them),
    not per document: a document annotated in paragraph pieces then gets the same counts
    as annotated whole.
    """
    starts = [start for start, _ in paragraph_chunks(text, 1)][1:]
    out: list[int] = []
    seen: dict[str, int] = {}
    paragraph = 0
    for offset, w in zip(offsets, folded):
        if paragraph < len(starts) and offset >= starts[paragraph]:
            while paragraph < len(starts) and offset >= starts[paragraph]:
                paragraph += 1
            seen = {}
        n = seen.get(w, 0)
        out.append(n)
        seen[w] = n + 1
    return out


def bio(spans: list[tuple[int, int, str]], start: int, end: int) -> list[str]:
    """BIO labels for tokens ``[start, end)`` from ``(start, end, label)`` token spans (earlier spans win)."""
    labels = ["O"] * (end - start)
    for s, e, label in spans:
        if s < start or e > end or any(labels[k - start] != "O" for k in range(s, e)):
            continue
        labels[s - start] = f"B-{label}"
        for k in range(s + 1, e):
            labels[k - start] = f"I-{label}"
    return labels


@dataclass
class DocFeatures:
    """The base features of every word of a ``Doc``, computed once and shared by both models."""

    words: Words
    folded: list[str]
    tags: list[str]
    base: list[list[str]]
    earlier: list[int]  # how many times each word came before in its paragraph

    @classmethod
    def of(cls, doc: Doc, words: Words, lexicon_matches: list[Candidate], rule_triggers: list[Candidate]):
        tokens = list(doc)
        per_word = [word_features(tok.text) for tok in tokens]
        folded = [w for w, _ in per_word]
        entity = ["O"] * len(doc)
        for ent in doc.ents:
            entity[ent.start] = f"B-{ent.label_}"
            for k in range(ent.start + 1, ent.end):
                entity[k] = f"I-{ent.label_}"
        lexical = bio([(c.start, c.end, c.type) for c in lexicon_matches], 0, len(doc))
        ruled = bio([(c.start, c.end, c.type) for c in rule_triggers], 0, len(doc))
        base = []
        for i, tok in enumerate(tokens):
            w_feat, s1, sn, n, shape = per_word[i][1]
            feats = [
                w_feat,
                f"t={tok.tag_}",
                f"u={tok.pos_}",
                f"c={tok._.chunk}",
                s1,
                sn,
                n,
                shape,
                f"e={entity[i]}",
                f"lx={lexical[i]}",
                f"rl={ruled[i]}",
            ]
            if i > 0:
                for list_name, short in _BEFORE:
                    if words.start_of(list_name, i - 1) is not None:
                        feats.append(f"{short}-1")
            base.append(feats)
        return cls(
            words=words,
            folded=folded,
            tags=[tok.tag_ for tok in tokens],
            base=base,
            earlier=earlier_in_paragraph(doc.text, [tok.idx for tok in tokens], folded),
        )

    # ------------------------------------------------------------ triggers

    def trigger_items(self, start: int, end: int, genre: str) -> list[list[str]]:
        """Features of each word of the sentence ``[start, end)`` of a text of ``genre`` for the trigger tagger."""
        tags = self.tags
        out = []
        for i in range(start, end):
            feats = list(self.base[i])
            w = self.folded[i]
            for k, name in ((-2, "w-2"), (-1, "w-1"), (1, "w+1"), (2, "w+2")):
                j = i + k
                feats.append(f"{name}={self.folded[j] if start <= j < end else '<s>'}")
            prev = self.folded[i - 1] if i > start else "<s>"
            nxt = self.folded[i + 1] if i + 1 < end else "</s>"
            feats.append(f"w-1|w={prev}|{w}")
            feats.append(f"w|w+1={w}|{nxt}")
            feats.append(f"t-1={tags[i - 1] if i > start else '<s>'}")
            feats.append(f"t+1={tags[i + 1] if i + 1 < end else '</s>'}")
            feats.append(f"e-1={self.base[i - 1][8][2:] if i > start else '<s>'}")
            feats.append(f"e+1={self.base[i + 1][8][2:] if i + 1 < end else '</s>'}")
            if i == start:
                feats.append("first")
            earlier = str(min(self.earlier[i], 3))
            feats.append(f"occ={earlier}")
            feats.append(f"occ|w={earlier}|{w}")
            feats.append(f"occ|lx={earlier}|{self.base[i][9][3:]}")
            feats.append(f"g={genre}")
            feats.append(f"g|w={genre}|{w}")
            out.append(feats)
        return out

    # ------------------------------------------------------------ arguments

    def argument_items(
        self, start: int, end: int, trigger: Candidate, rule_arguments: list[RoleFiller], genre: str = "news"
    ) -> list[list[str]]:
        """Features of each word of the sentence ``[start, end)`` as a possible argument of ``trigger`` in a text
        of ``genre``.

        The genre is conjoined with the side, the entity label, the rules' role and the word: BKEE (news)
        and VHE (annals, thematic roles mapped onto ACE's) draw argument spans and roles differently, and
        without the genre the model averages the two conventions.
        """
        words, tags = self.words, self.tags
        etype = trigger.type
        tword = " ".join(self.folded[trigger.start : trigger.end])
        ruled = bio([(f.phrase.start, f.phrase.end, _role_class(f.role)) for f in rule_arguments], start, end)
        # What lies between the trigger and each word: commas, verbs, other clause boundaries.
        commas = [0] * (end - start)
        verbs = [0] * (end - start)
        for rng in (range(trigger.start - 1, start - 1, -1), range(trigger.end, end)):
            n_commas = n_verbs = 0
            for i in rng:
                commas[i - start], verbs[i - start] = n_commas, n_verbs
                if words.is_comma(i) or words.is_hard_boundary(i) or words.clause_boundary_ending(i) is not None:
                    n_commas += 1
                if words.is_verb(i):
                    n_verbs += 1
        voice = "pv" if trigger.passive else "av"
        out = []
        for i in range(start, end):
            if i < trigger.start:
                side, dist = "L", _bucket(trigger.start - i)
            elif i >= trigger.end:
                side, dist = "R", _bucket(i - trigger.end + 1)
            else:
                side, dist = "T", "0"
            base = self.base[i]
            w, tag, ent = self.folded[i], tags[i], base[8][2:]
            rule = ruled[i - start]
            between = f"{min(commas[i - start], 2)}{min(verbs[i - start], 2)}"
            feats = [
                *base[:10],
                f"side={side}{dist}",
                f"ty|side={etype}|{side}{dist}",
                f"ty|side|e={etype}|{side}|{ent}",
                f"ty|side|t={etype}|{side}|{tag}",
                f"ty|w={etype}|{w}",
                f"tw|side={tword}|{side}",
                f"tw|side|e={tword}|{side}|{ent}",
                f"r={rule}",
                f"ty|r={etype}|{rule}",
                f"btw={side}{between}",
                f"ty|btw={etype}|{side}{between}",
                f"voice|side={voice}|{side}",
                f"ty|voice|side={etype}|{voice}|{side}",
                f"w-1={self.folded[i - 1] if i > start else '<s>'}",
                f"w+1={self.folded[i + 1] if i + 1 < end else '</s>'}",
                f"t-1={tags[i - 1] if i > start else '<s>'}",
                f"t+1={tags[i + 1] if i + 1 < end else '</s>'}",
                f"g|side={genre}|{side}{dist}",
                f"g|ty|side|e={genre}|{etype}|{side}|{ent}",
                f"g|ty|r={genre}|{etype}|{rule}",
                f"g|ty|w={genre}|{etype}|{w}",
            ]
            out.append(feats)
        return out


def _role_class(role: str) -> str:
    """Every ACE time role is one label for the model (the corpora have one); the rules refine it later."""
    return "Time" if role.startswith("Time-") else role
