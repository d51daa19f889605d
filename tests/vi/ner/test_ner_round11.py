"""Issue 13, round 11: kinds of error of the typer retrained with the tenth held-out gold, on sentences of our own
writing (not from any gold file)."""

from __future__ import annotations

import pytest

from tests.vi.ner.conftest import entities


@pytest.mark.parametrize(
    "sentence,club",
    [
        ("Trận đấu giữa Nam Định FC và Hà Tĩnh FC diễn ra chiều nay.", "Hà Tĩnh FC"),
        ("Đà Nẵng FC thắng Hà Nội FC 2-0 trên sân Hòa Xuân.", "Hà Nội FC"),
    ],
)
def test_a_club_named_after_its_city_keeps_its_last_word(vi_nlp, sentence, club):
    # the typer judged the city alone a surer name than the club ("[Hà Tĩnh] FC"); a candidate whose last word
    # names a club (merge.LAST_WORD_LABELS) now wins over the one that stops before that word
    assert (club, "ORG") in entities(vi_nlp(sentence))
