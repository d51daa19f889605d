"""The trigger lexicon and the word lists of the argument rules (``lexicon.yaml``).

:func:`load_lexicon` reads the file, checks every entry against the ontology
(types and roles must exist there) and returns a :class:`Lexicon`. Errors name
the file and the entry (``triggers.Conflict.Attack[3]``), so a user who extends
the lexicon learns at start-up what is wrong, not from missing events later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.events.ontology import Ontology, OntologyError, read_yaml
from pipeline.text.normalize import syllable_key
from pipeline.text.phrases import MAX_SYLLABLES
from pipeline.text.tagsets import UPOS_TAGS, VLSP_TAGS

DEFAULT_LEXICON = "lexicon.yaml"

FRAME_SLOTS = ("subject", "object", "passive_subject", "agent", "possessor", "comitative")
_ENTRY_KEYS = {"words", "pos", "nominal", "frame", "yield_to_verb", "participant_event", "head"}
_GRAMMAR_LISTS = (
    "passive_markers",
    "agent_prepositions",
    "nominalisers",
    "clausal_nominalisers",
    "transparent",
    "clause_boundaries",
    "coordinators",
    "comitative",
    "participant_nouns",
    "determiners",
    "noun_modifiers",
    "demonstratives",
    "transparent_heads",
    "non_predicates",
    "locative_prepositions",
    "time_nouns",
    "titles",
    "np_conjunctions",
    "non_arguments",
    "containment_prepositions",
    "idioms",
    "charge_words",
    "sue_words",
    "crime_markers",
    "participant_roles",
    "non_participant_heads",
    "abstract_heads",
    "non_movers",
    "time_words",
)
_MODALITY_LISTS = ("negation", "negation_gap", "uncertain")


@dataclass(frozen=True)
class Frame:
    """Which role each constituent around a trigger fills (``None``: no role)."""

    subject: str | None = None
    object: str | None = None
    passive_subject: str | None = None
    agent: str | None = None
    possessor: str | None = None
    comitative: str | None = None
    prepositions: dict[str, str] = field(default_factory=dict)

    def merged(self, override: dict[str, Any]) -> Frame:
        """This frame with the slots ``override`` names replaced (a ``None`` value removes a slot)."""
        values = {slot: getattr(self, slot) for slot in FRAME_SLOTS}
        preps = dict(self.prepositions)
        for key, value in override.items():
            if key == "prepositions":
                preps.update(value)
                preps = {p: r for p, r in preps.items() if r is not None}
            else:
                values[key] = value
        return Frame(**values, prepositions=preps)

    def without_clause_slots(self) -> Frame:
        """The frame of a nominal use (cuộc tấn công): no subject, object or passive."""
        return Frame(possessor=self.possessor, prepositions=dict(self.prepositions))


@dataclass(frozen=True)
class TriggerEntry:
    key: str  # unique id of the entry, e.g. "Conflict.Attack#3"
    words: str
    type: str
    pos: tuple[str, ...] = ()
    nominal: bool = False
    frame_override: dict[str, Any] = field(default_factory=dict)
    yield_to_verb: bool = False
    participant_event: bool = False  # after a participant noun still an event, as a noun: người biểu tình
    # The syllables of ``words`` the event shows as its trigger, the first ones (0: all): "bắt làm tù binh" is
    # matched whole (its roles are read after "tù binh"), the trigger shown is "bắt" (BKEE's head, issue 12).
    head: int = 0


@dataclass(frozen=True)
class Lexicon:
    path: str
    entries: dict[str, TriggerEntry]  # key -> entry
    frames: dict[str, Frame]  # type -> default frame
    grammar: dict[str, tuple[str, ...]]  # list name -> phrases
    time_prepositions: dict[str, str]
    modality: dict[str, tuple[str, ...]]
    statement_scope: bool
    sha256: str = ""  # of the file's text: what a run's fingerprint records
    # The frames made, by (type, nominal, the override's id): each trigger of every text asks for one, and they are
    # few (the types, and the entries' overrides). The override itself is kept with it: a frame is reused only for
    # the same dictionary (an entry's, or none), and Frames are frozen. Not copied by dataclasses.replace.
    _frames_made: dict[tuple[str, bool, int | None], tuple[dict | None, Frame]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def frame(self, entry_type: str, override: dict[str, Any] | None = None, nominal: bool = False) -> Frame:
        key = (entry_type, nominal, id(override) if override else None)
        made = self._frames_made.get(key)
        if made is not None and (made[0] is override or not override):
            return made[1]
        base = self.frames.get(entry_type, Frame())
        if nominal:
            base = base.without_clause_slots()
        out = base.merged(override or {})
        if len(self._frames_made) < 1 << 12:  # bounded: a caller's own dictionaries are not kept without end
            self._frames_made[key] = (override if override else None, out)
        return out


def _phrase_list(name: str, where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        raise OntologyError(f"{name}: {where}: expected a list of words, found {value!r}")
    for phrase in value:
        if len(syllable_key(phrase)) > MAX_SYLLABLES:
            raise OntologyError(f"{name}: {where}: {phrase!r} has more than {MAX_SYLLABLES} syllables")
    return tuple(" ".join(syllable_key(p)) for p in value)


def _check_role(name: str, where: str, ontology: Ontology, type_name: str, role: Any) -> None:
    if role is None:
        return
    if not isinstance(role, str):
        raise OntologyError(f"{name}: {where}: expected a role name or null, found {role!r}")
    if not ontology.has_role(type_name, role):
        roles = ", ".join(r for r in ontology[type_name].roles if not r.startswith("Time-"))
        raise OntologyError(
            f"{name}: {where}: {role!r} is not a role of {type_name} in {ontology.path} (roles: {roles})"
        )


def _check_frame(name: str, where: str, ontology: Ontology, type_name: str, spec: Any) -> dict[str, Any]:
    if not isinstance(spec, dict):
        raise OntologyError(f"{name}: {where}: expected a mapping of slot -> role, found {spec!r}")
    out: dict[str, Any] = {}
    for slot, role in spec.items():
        if slot == "prepositions":
            if not isinstance(role, dict):
                raise OntologyError(f"{name}: {where}.prepositions: expected a mapping of preposition -> role")
            preps = {}
            for prep, prep_role in role.items():
                if not isinstance(prep, str) or not prep.strip():
                    raise OntologyError(f"{name}: {where}.prepositions: bad preposition {prep!r}")
                _check_role(name, f"{where}.prepositions.{prep}", ontology, type_name, prep_role)
                preps[" ".join(syllable_key(prep))] = prep_role
            out["prepositions"] = preps
        elif slot in FRAME_SLOTS:
            _check_role(name, f"{where}.{slot}", ontology, type_name, role)
            out[slot] = role
        else:
            raise OntologyError(
                f"{name}: {where}: unknown slot {slot!r} (slots: {', '.join(FRAME_SLOTS)}, prepositions)"
            )
    return out


def _check_pos(name: str, where: str, pos: Any) -> tuple[str, ...]:
    if not isinstance(pos, list) or not pos or not all(isinstance(p, str) for p in pos):
        raise OntologyError(f"{name}: {where}.pos: expected a list of POS tags, found {pos!r}")
    bad = [p for p in pos if p not in VLSP_TAGS and p not in UPOS_TAGS]
    if bad:
        raise OntologyError(
            f"{name}: {where}.pos: unknown POS {bad[0]!r} (VLSP tags like N, V, Np or UPOS like NOUN, VERB)"
        )
    if any(p in VLSP_TAGS for p in pos) and any(p in UPOS_TAGS and p not in VLSP_TAGS for p in pos):
        raise OntologyError(f"{name}: {where}.pos: use VLSP tags or UPOS, not both")
    return tuple(pos)


def parse_lexicon(name: str, data: dict[str, Any], ontology: Ontology, sha256: str = "") -> Lexicon:
    unknown = set(data) - {"frames", "triggers", "grammar", "modality"}
    if unknown:
        raise OntologyError(
            f"{name}: unknown top-level key {sorted(unknown)[0]!r} (expected frames, triggers, grammar, modality)"
        )

    frames: dict[str, Frame] = {}
    raw_frames = data.get("frames") or {}
    if not isinstance(raw_frames, dict):
        raise OntologyError(f"{name}: frames: expected a mapping of Type.Subtype -> frame")
    for type_name, spec in raw_frames.items():
        if type_name not in ontology:
            raise OntologyError(f"{name}: frames.{type_name}: unknown event type (not in {ontology.path})")
        frames[type_name] = Frame().merged(_check_frame(name, f"frames.{type_name}", ontology, type_name, spec))

    raw_triggers = data.get("triggers")
    if not isinstance(raw_triggers, dict) or not raw_triggers:
        raise OntologyError(f"{name}: triggers: expected a mapping of Type.Subtype -> list of trigger entries")
    entries: dict[str, TriggerEntry] = {}
    seen: dict[tuple[str, tuple[str, ...]], str] = {}
    for type_name, items in raw_triggers.items():
        if type_name not in ontology:
            raise OntologyError(f"{name}: triggers.{type_name}: unknown event type (not in {ontology.path})")
        if not isinstance(items, list):
            raise OntologyError(f"{name}: triggers.{type_name}: expected a list of entries, found {items!r}")
        for i, item in enumerate(items):
            where = f"triggers.{type_name}[{i}]"
            if isinstance(item, str):
                item = {"words": item}
            if not isinstance(item, dict):
                raise OntologyError(f"{name}: {where}: expected a word or a mapping with 'words', found {item!r}")
            extra = set(item) - _ENTRY_KEYS
            if extra:
                raise OntologyError(
                    f"{name}: {where}: unknown key {sorted(extra)[0]!r} (keys: {', '.join(sorted(_ENTRY_KEYS))})"
                )
            words = item.get("words")
            if not isinstance(words, str) or not words.strip():
                raise OntologyError(f"{name}: {where}: 'words' must be a non-empty string, found {words!r}")
            if len(syllable_key(words)) > MAX_SYLLABLES:
                raise OntologyError(f"{name}: {where}: {words!r} has more than {MAX_SYLLABLES} syllables")
            pos = _check_pos(name, where, item["pos"]) if "pos" in item else ()
            for flag in ("nominal", "yield_to_verb", "participant_event"):
                if not isinstance(item.get(flag, False), bool):
                    raise OntologyError(f"{name}: {where}.{flag}: expected true or false, found {item[flag]!r}")
            override = (
                _check_frame(name, f"{where}.frame", ontology, type_name, item["frame"]) if "frame" in item else {}
            )
            dedup = (" ".join(syllable_key(words)), pos)
            if dedup in seen:
                raise OntologyError(
                    f"{name}: {where}: {words!r} is already an entry ({seen[dedup]}); one trigger, one type"
                )
            head = item.get("head", "")
            if head and not (
                isinstance(head, str) and syllable_key(words)[: len(syllable_key(head))] == syllable_key(head)
            ):
                raise OntologyError(f"{name}: {where}.head: expected the first word(s) of {words!r}, found {head!r}")
            key = f"{type_name}#{i}"
            seen[dedup] = where
            entries[key] = TriggerEntry(
                key=key,
                words=" ".join(syllable_key(words)),
                type=type_name,
                pos=pos,
                nominal=item.get("nominal", False),
                frame_override=override,
                yield_to_verb=item.get("yield_to_verb", False),
                participant_event=item.get("participant_event", False),
                head=len(syllable_key(head)) if head else 0,
            )

    raw_grammar = data.get("grammar") or {}
    if not isinstance(raw_grammar, dict):
        raise OntologyError(f"{name}: grammar: expected a mapping of list name -> words")
    extra = set(raw_grammar) - set(_GRAMMAR_LISTS) - {"time_prepositions"}
    if extra:
        raise OntologyError(
            f"{name}: grammar: unknown list {sorted(extra)[0]!r} (lists: {', '.join(_GRAMMAR_LISTS)}, time_prepositions)"
        )
    grammar = {key: _phrase_list(name, f"grammar.{key}", raw_grammar.get(key, [])) for key in _GRAMMAR_LISTS}
    raw_time = raw_grammar.get("time_prepositions") or {}
    if not isinstance(raw_time, dict):
        raise OntologyError(f"{name}: grammar.time_prepositions: expected a mapping of word -> time role")
    for prep, role in raw_time.items():
        if role not in ontology.time_roles:
            raise OntologyError(
                f"{name}: grammar.time_prepositions.{prep}: {role!r} is not a time role ({', '.join(ontology.time_roles)})"
            )
    time_prepositions = {" ".join(syllable_key(p)): r for p, r in raw_time.items()}

    raw_modality = data.get("modality") or {}
    if not isinstance(raw_modality, dict):
        raise OntologyError(f"{name}: modality: expected a mapping")
    extra = set(raw_modality) - set(_MODALITY_LISTS) - {"statement_scope"}
    if extra:
        raise OntologyError(
            f"{name}: modality: unknown key {sorted(extra)[0]!r} (keys: {', '.join(_MODALITY_LISTS)}, statement_scope)"
        )
    modality = {key: _phrase_list(name, f"modality.{key}", raw_modality.get(key, [])) for key in _MODALITY_LISTS}
    statement_scope = raw_modality.get("statement_scope", True)
    if not isinstance(statement_scope, bool):
        raise OntologyError(f"{name}: modality.statement_scope: expected true or false")

    return Lexicon(name, entries, frames, grammar, time_prepositions, modality, statement_scope, sha256)


def load_lexicon(ontology: Ontology, path: str | Path | None = None) -> Lexicon:
    """The lexicon in ``path`` (default: the packaged one), checked against ``ontology``."""
    name, data, sha256 = read_yaml(path, DEFAULT_LEXICON)
    return parse_lexicon(name, data, ontology, sha256)
