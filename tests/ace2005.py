"""The ACE 2005 event subtypes, and the role table of the event gold's brat ``annotation.conf``.

The gold checks (tests/corpus/test_gold_events.py) and the ontology checks
(tests/events/test_ontology.py) compare against the same table, read here
independently of the corpus builder and of ``pipeline.events``.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT

# The 33 ACE 2005 event subtypes (LDC ACE English Events Guidelines v5.4.3).
ACE_2005 = {
    "Life.Be-Born",
    "Life.Marry",
    "Life.Divorce",
    "Life.Injure",
    "Life.Die",
    "Movement.Transport",
    "Transaction.Transfer-Ownership",
    "Transaction.Transfer-Money",
    "Business.Start-Org",
    "Business.Merge-Org",
    "Business.Declare-Bankruptcy",
    "Business.End-Org",
    "Conflict.Attack",
    "Conflict.Demonstrate",
    "Contact.Meet",
    "Contact.Phone-Write",
    "Personnel.Start-Position",
    "Personnel.End-Position",
    "Personnel.Nominate",
    "Personnel.Elect",
    "Justice.Arrest-Jail",
    "Justice.Release-Parole",
    "Justice.Trial-Hearing",
    "Justice.Charge-Indict",
    "Justice.Sue",
    "Justice.Convict",
    "Justice.Sentence",
    "Justice.Fine",
    "Justice.Execute",
    "Justice.Extradite",
    "Justice.Acquit",
    "Justice.Appeal",
    "Justice.Pardon",
}
EVENT_CONF = ROOT / "corpus" / "gold" / "events" / "annotation.conf"


def conf_roles(path: Path = EVENT_CONF) -> dict[str, dict[str, set[str]]]:
    """Type.Subtype -> role -> allowed labels, from the [events] section of a brat annotation.conf."""
    table, section = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("["):
            section = line.strip("[] ")
        elif section == "events":
            name, _, args = line.partition("\t")
            roles = {}
            for arg in filter(None, (a.strip() for a in args.split(","))):
                role, _, labels = arg.partition(":")
                roles[role.rstrip("?*+")] = set(labels.split("|"))
            table[name.replace("_", ".", 1)] = roles
    return table
