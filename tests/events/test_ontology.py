"""The ontology and lexicon data files: content, and the errors a bad entry gives."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pytest

from pipeline.events.lexicon import load_lexicon
from pipeline.events.ontology import OntologyError, load_ontology
from pipeline.vi import load_vi
from tests.ace2005 import ACE_2005, conf_roles

PACKAGED = Path(str(files("pipeline.events").joinpath("ontology.yaml")))
PACKAGED_LEXICON = Path(str(files("pipeline.events").joinpath("lexicon.yaml")))


def test_packaged_ontology_is_ace_2005_plus_statement():
    onto = load_ontology()
    assert set(onto.types) == ACE_2005 | {"Contact.Statement"}
    assert onto.has_role("Conflict.Attack", "Attacker") and not onto.has_role("Conflict.Attack", "Agent")
    assert not onto.has_role("Movement.Transport", "Place")  # ACE: Origin/Destination instead
    assert onto["Justice.Arrest-Jail"].allows("Time-Within", "DATE")
    assert not onto["Justice.Arrest-Jail"].allows("Time-Within", "PER")


def test_ontology_agrees_with_the_gold_role_table():
    """Our roles and labels are the ones the event gold was annotated with."""
    table = conf_roles()
    onto = load_ontology()
    assert set(table) == set(onto.types)
    for etype, roles in table.items():
        assert {r: set(labels) for r, labels in onto[etype].roles.items()} == roles, etype


def test_packaged_lexicon_loads_and_covers_every_type():
    onto = load_ontology()
    lex = load_lexicon(onto)
    assert {e.type for e in lex.entries.values()} == set(onto.types)
    words = {e.words for e in lex.entries.values()}
    for word in (
        "rút quân",
        "đột kích",
        "bắt được",
        "trả lương",
        "tấn công",
        "đánh chiếm",
        "chiến đấu",
        "bỏ sang",
        "nội chiến",
        "nổi dậy",
        "cho biết",
        "tuyên bố",
        "cáo buộc",
        "tố cáo",
    ):
        assert word in words


def broken(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / source.name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("  Life.Marry:", "  Life-Marry:", r"types\.Life-Marry: a type name is Type\.Subtype"),
        (
            "roles: {Person: participant, Place: place}\n  Life.Marry",
            "roles: {Person: participants, Place: place}\n  Life.Marry",
            r"types\.Life\.Be-Born\.roles\.Person: unknown label set 'participants'",
        ),
        (
            "participant: [PER, ORG, LOC, MISC, OTHER]",
            "participant: [PER, ORG, GPE, MISC, OTHER]",
            r"unknown entity label 'GPE'",
        ),
        (
            "  Justice.Pardon:\n    roles:",
            "  Justice.Pardon:\n    rolez:",
            r"types\.Justice\.Pardon: unknown key 'rolez'",
        ),
        ("types:\n", "types: [\n", r"Invalid YAML"),
    ],
)
def test_bad_ontology_entries_name_the_file_and_entry(tmp_path, old, new, message):
    path = broken(tmp_path, PACKAGED, old, new)
    with pytest.raises(OntologyError, match=message) as err:
        load_ontology(path)
    assert str(path) in str(err.value)


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "  Conflict.Attack:\n    - tấn công",
            "  Conflict.Atack:\n    - tấn công",
            r"triggers\.Conflict\.Atack: unknown event type",
        ),
        (
            "- {words: rút khỏi, frame: {object: Origin}}",
            "- {words: rút khỏi, frame: {object: Place}}",
            r"triggers\.Movement\.Transport\[\d+\]\.frame\.object: 'Place' is not a role of Movement\.Transport",
        ),
        ("    - tiến công\n", "    - tiến công\n    - tấn công\n", r"'tấn công' is already an entry"),
        ("- {words: sinh, pos: [V]}", "- {words: sinh, pos: [VERBAL]}", r"unknown POS 'VERBAL'"),
        ("- {words: sinh, pos: [V]}", "- {word: sinh}", r"unknown key 'word'"),
        (
            "- {words: bắt làm tù binh, head: bắt}",
            "- {words: bắt làm tù binh, head: tù binh}",
            r"\.head: expected the first word\(s\) of 'bắt làm tù binh', found 'tù binh'",
        ),
        ("từ: Time-Starting,", "từ: Time-Start,", r"'Time-Start' is not a time role"),
        (
            "  Conflict.Attack:\n    subject: Attacker",
            "  Conflict.Attack:\n    subjekt: Attacker",
            r"frames\.Conflict\.Attack: unknown slot 'subjekt'",
        ),
    ],
)
def test_bad_lexicon_entries_name_the_file_and_entry(tmp_path, old, new, message):
    path = broken(tmp_path, PACKAGED_LEXICON, old, new)
    with pytest.raises(OntologyError, match=message) as err:
        load_lexicon(load_ontology(), path)
    assert str(path) in str(err.value)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(OntologyError, match=re.escape(f"{tmp_path / 'nope.yaml'}: file not found")):
        load_ontology(tmp_path / "nope.yaml")


def test_a_bad_file_stops_the_pipeline_at_start(tmp_path):
    path = broken(tmp_path, PACKAGED, "  Life.Marry:", "  Life-Marry:")
    with pytest.raises(OntologyError, match="Life-Marry"):
        load_vi(overrides={"components.events.ontology": str(path)})


def test_users_extend_the_ontology_without_code(tmp_path):
    """A new type in copies of the two files is found by the unchanged pipeline."""
    onto = tmp_path / "ontology.yaml"
    onto.write_text(
        PACKAGED.read_text(encoding="utf-8")
        + "  Conflict.Ceasefire:\n    roles: {Entity: participant, Place: place}\n",
        encoding="utf-8",
    )
    lex = tmp_path / "lexicon.yaml"
    lex.write_text(
        PACKAGED_LEXICON.read_text(encoding="utf-8").replace(
            "triggers:\n", "triggers:\n  Conflict.Ceasefire:\n    - {words: ngừng bắn, frame: {subject: Entity}}\n", 1
        ),
        encoding="utf-8",
    )
    nlp = load_vi(overrides={"components.events.ontology": str(onto), "components.events.lexicon": str(lex)})
    doc = nlp("Hai bên đã ngừng bắn tại Khojaly.")
    events = [(ev.type, ev.trigger.text) for ev in doc._.events]
    assert ("Conflict.Ceasefire", "ngừng bắn") in events
