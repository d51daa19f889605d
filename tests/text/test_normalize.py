"""Spelling keys: one tone-mark placement, lower case, diacritics stripped."""

from pipeline.text.normalize import cased_syllable_key, fold, fold_tones, strip_diacritics, syllable_key


def test_fold_unifies_the_two_tone_placements():
    assert fold("Hoà bình") == fold("hòa bình") == "hòa bình"
    assert fold("thuỷ quân") == fold("thủy quân")
    assert fold("Khánh Hoà, Thanh Hoá") == "khánh hòa, thanh hóa"  # every syllable, not only the last
    assert fold("quý") == "quý"  # qu + y: the tone stays on y in both spellings
    assert fold("hoàn thành") == "hoàn thành"  # not a final oa
    assert fold("thuế") == "thuế"  # uê: the tone is on ê in both spellings


def test_fold_tones_keeps_the_case():
    assert fold_tones("Biên Hoà") == "Biên Hòa"
    assert cased_syllable_key("Liên_bang Xô Viết") == ("Liên", "bang", "Xô", "Viết")
    assert syllable_key("Uỷ  ban") == ("ủy", "ban")


def test_strip_diacritics_is_what_survives_translation():
    assert strip_diacritics("Xô Viết") == "xo viet"
    assert strip_diacritics("Chiến_tranh_Nagorno-Karabakh") == "chien tranh nagorno karabakh"
    assert strip_diacritics("Đài") == "dai"


def test_the_segmenter_the_entity_rules_and_the_aligner_agree_on_tone_marks():
    """The disagreement issue 9 found: the segmenter folded only a word's last syllable."""
    from pipeline.align.lexicon import vi_key
    from pipeline.vi.segmenter.crf import Lexicon

    assert Lexicon.from_words(["hoà bình", "thuỷ thủ"]).words == {"hòa bình", "thủy thủ"}
    assert vi_key("Hoà_bình") == vi_key("hòa bình") == fold("hòa bình")
