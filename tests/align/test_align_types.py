"""Type resolution across languages (issue 13): where spaCy's English label disagrees with a sure
Vietnamese one, the English entity takes it and keeps spaCy's. Sentences of our own writing."""

from __future__ import annotations

import pytest

from pipeline import annotate
from pipeline.align import align
from pipeline.align.layers import LayerView
from pipeline.align.types import resolved_label
from pipeline.contract import validate


def _pairs(doc: dict) -> dict[str, tuple[dict, dict | None, dict]]:
    """Vietnamese entity text -> (Vietnamese entity, English entity or None, link)."""
    vi = {e["id"]: e for e in doc["vi"]["entities"]}
    en = {e["id"]: e for e in doc["en"]["entities"]}
    return {
        vi[link["vi"]]["text"]: (vi[link["vi"]], en.get(link["en"]), link) for link in doc["alignments"]["entities"]
    }


@pytest.fixture(scope="module")
def provinces():
    # spaCy's small English model types both romanised province names PERSON.
    return annotate(
        "Dân làng ở Lai Châu được sơ tán về Điện Biên.", en="Villagers in Lai Chau were evacuated to Dien Bien."
    )


def test_places_in_our_gazetteer_make_spacy_s_persons_places(provinces):
    validate(provinces)
    pairs = _pairs(provinces)
    for name, english in (("Lai Châu", "Lai Chau"), ("Điện Biên", "Dien Bien")):
        vi, en, link = pairs[name]
        assert vi["label"] == "LOC" and vi["source"].startswith("gazetteer:")
        assert (en["text"], en["label"], en["original_label"], en["flags"]) == (
            english,
            "LOC",
            "PERSON",
            ["label-from-vi"],
        )
        assert link["flags"] == ["type-resolved"]


def test_a_mountain_range_spacy_calls_an_organisation_is_a_place():
    doc = annotate("Binh lính vượt qua dãy Caucasus để vào Chechnya.", en="Troops crossed the Caucasus into Chechnya.")
    _, en, link = _pairs(doc)["Caucasus"]
    assert (en["label"], en["original_label"], link["flags"]) == ("LOC", "ORG", ["type-resolved"])
    _, chechnya, link = _pairs(doc)["Chechnya"]
    assert chechnya["label"] == "LOC" and "flags" not in chechnya and "flags" not in link  # agreed: untouched


def test_a_country_spacy_calls_a_nationality_is_a_place_when_english_names_the_country():
    doc = annotate(
        "Kyrgyzstan và Tajikistan tranh chấp biên giới gần Batken.",
        en="Kyrgyzstan and Tajikistan disputed the border near Batken.",
    )
    _, en, link = _pairs(doc)["Tajikistan"]
    assert (en["label"], en["original_label"], link["flags"]) == ("LOC", "NORP", ["type-resolved"])


def test_the_english_adjective_of_a_place_becomes_misc_not_loc():
    # GUIDELINES A2/A3: "phía Azerbaijan" is LOC, "the Azerbaijani side" MISC; the pair still differs.
    doc = annotate(
        "Phía Azerbaijan bác bỏ cáo buộc của Armenia.", en="The Azerbaijani side rejected the Armenian accusation."
    )
    pairs = _pairs(doc)
    _, azerbaijani, link = pairs["Azerbaijan"]
    assert (azerbaijani["text"], azerbaijani["label"], azerbaijani["original_label"]) == (
        "Azerbaijani",
        "MISC",
        "PERSON",
    )
    assert link["flags"] == ["type-disagreement"]
    _, armenian, link = pairs["Armenia"]
    assert (armenian["text"], armenian["label"], armenian["original_label"]) == ("Armenian", "MISC", "NORP")
    assert "flags" not in armenian and link["flags"] == ["type-disagreement"]


@pytest.mark.parametrize(
    "vi_text,en_text,name",
    [
        ("Người biểu tình tụ tập ở Yerevan và Goris.", "Protesters gathered in Yerevan and Goris.", "Goris"),
        ("Người biểu tình tụ tập ở Yerevan và Gyumri.", "Protesters gathered in Yerevan and Gyumri.", "Gyumri"),
    ],
)
def test_the_typer_s_confident_label_decides_a_name_no_list_has(vi_text, en_text, name):
    doc = annotate(vi_text, en=en_text)
    vi, en, link = _pairs(doc)[name]
    assert vi["source"] == "model" and vi["score"] >= 0.85
    assert (en["label"], en["original_label"], link["flags"]) == ("LOC", "PERSON", ["type-resolved"])


def test_aligning_a_resolved_document_again_gives_the_same_result(provinces):
    en, alignments = align(provinces["vi"], provinces["en"])
    assert (en, alignments) == (provinces["en"], provinces["alignments"])


def _layer(text: str, entities: list[dict]) -> LayerView:
    tokens = [{"start": 0, "end": len(text), "text": text, "upos": "PROPN", "sentence": 0}]
    return LayerView(
        {"text": text, "tokens": tokens, "sentences": [{"start": 0, "end": len(text)}], "entities": entities}, "en"
    )


@pytest.mark.parametrize(
    "vi_source,vi_score,en_source,expected",
    [
        ("gazetteer:cldr", None, "spacy:en_core_web_sm", "LOC"),
        ("rules:classifier", None, "spacy:en_core_web_sm", "LOC"),
        ("model", 0.95, "spacy:en_core_web_sm", "LOC"),
        ("model", 0.6, "spacy:en_core_web_sm", None),  # a hesitant typer does not overrule spaCy
        ("crf", None, "spacy:en_core_web_sm", None),  # nor does a guess
        ("shape:foreign", None, "spacy:en_core_web_sm", None),
        ("gazetteer:cldr", None, "rules:en-unit", None),  # English rules are not overruled
        ("gazetteer:cldr", None, "gold", None),  # nor gold or imported English labels
    ],
)
def test_only_a_sure_vietnamese_label_overrules_only_spacy_s_model(vi_source, vi_score, en_source, expected):
    vi = {"id": "T1", "start": 0, "end": 7, "label": "LOC", "text": "Kelbaja", "source": vi_source}
    if vi_score is not None:
        vi["score"] = vi_score
    en = {
        "id": "T1",
        "start": 0,
        "end": 7,
        "label": "PER",
        "text": "Kelbaja",
        "source": en_source,
        "original_label": "PERSON",
    }
    assert resolved_label(vi, en, _layer("Kelbaja", [en])) == expected


@pytest.mark.parametrize(
    "vi_text,en_text,vi_name,en_name,en_label",
    [
        # A place inside a larger English name: the name is the organisation's, not the place's (found by the
        # new-user audit, where both became LOC)
        (
            "Cố vấn Vi Quốc Thanh đứng đầu Đoàn cố vấn quân sự Trung Quốc.",
            "Adviser Wei Guoqing headed the Chinese Military Advisory Group.",
            "Trung Quốc",
            "Chinese Military Advisory Group",
            "ORG",
        ),
        (
            "Năm 1954, Mỹ lập ra khối quân sự Đông Nam Á ở Manila.",
            "In 1954, the United States set up the Southeast Asia Treaty Organization in Manila.",
            "Đông Nam Á",
            "Southeast Asia Treaty Organization",
            "ORG",
        ),
        # An English adjective aligned with an organisation is part of its name, still MISC
        (
            "Năm 1979, quân đội Trung Quốc tấn công sáu tỉnh biên giới phía bắc Việt Nam.",
            "In 1979, the Chinese army attacked six northern border provinces of Vietnam.",
            "quân đội Trung Quốc",
            "Chinese",
            "MISC",
        ),
    ],
)
def test_a_part_of_a_larger_name_does_not_relabel_it(vi_text, en_text, vi_name, en_name, en_label):
    vi, en, link = _pairs(annotate(vi_text, en=en_text))[vi_name]
    if en is not None and en["text"] == en_name:
        assert en["label"] == en_label and "flags" not in en
        assert link["flags"] == ["type-disagreement"]


def test_a_whole_name_with_a_word_the_aligner_left_unlinked_is_still_relabelled():
    doc = annotate(
        "Ngày 30/4/1975, xe tăng tiến vào Dinh Độc Lập.", en="On 30 April 1975, tanks entered the Independence Palace."
    )
    vi, en, link = _pairs(doc)["Dinh Độc Lập"]
    assert (en["text"], en["label"], link["flags"]) == ("Independence Palace", "LOC", ["type-resolved"])
