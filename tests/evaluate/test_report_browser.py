"""The HTML report in a real headless Chromium: tables, charts, confusion matrix, error filters."""

from __future__ import annotations

import re

import pytest

from pipeline.evaluate import evaluate
from pipeline.evaluate.documents import from_json
from pipeline.evaluate.report import render_html


@pytest.fixture(scope="module")
def result(build):
    text = build.ARREST + " " + build.KHOJALY
    sentences = [build.ARREST, build.KHOJALY]
    gold_entities = [
        ("Azerbaijan", "LOC"),
        ("Nga", "LOC"),
        ("Quân đoàn 7 Nga", "ORG"),
        ("Armenia", "LOC"),
        ("Khojaly", "LOC"),
    ]
    pred_entities = [
        ("quân Azerbaijan", "ORG"),
        ("Quân đoàn 7", "ORG"),
        ("Armenia", "PER"),
        ("Khojaly", "LOC"),
        ("spetznaz", "MISC"),
    ]
    gold_events = [("Conflict.Attack", "đánh chiếm", [("Target", "Khojaly", "LOC")])]
    pred_events = [("Conflict.Attack", "đánh chiếm", [("Place", "Khojaly", "LOC")]), ("Contact.Meet", "hợp tác", [])]
    gold = from_json(
        build.document("r", build.layer(text, sentences=sentences, entities=gold_entities, events=gold_events))
    )
    pred = from_json(
        build.document("r", build.layer(text, sentences=sentences, entities=pred_entities, events=pred_events))
    )
    return {"gold": "gold/<r>.json", "pred": "pred/r.json", **evaluate([gold], [pred], resamples=200)}


def test_report_is_self_contained_and_escaped(result):
    html = render_html(result)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<link" not in html and "@import" not in html
    assert "gold/&lt;r&gt;.json" in html


def test_report_renders_in_chromium(chromium, result, tmp_path):
    from selenium.webdriver.common.by import By

    path = tmp_path / "report.html"
    path.write_text(render_html(result), encoding="utf-8")
    chromium.get(path.as_uri())
    captions = [c.text for c in chromium.find_elements(By.CSS_SELECTOR, "table.scores caption")]
    assert "Named entities: MUC / SemEval-2013 schemes" in captions and any(c.startswith("Events") for c in captions)
    # One bar per type in each chart, each with its interval whiskers.
    per_type = result["tasks"]["ner"]["schemes"]["strict"]["per_type"]
    charts = chromium.find_elements(By.CSS_SELECTOR, "svg.chart")
    assert len(charts) == 4  # NER strict, NER type, trigger, argument
    assert len(charts[0].find_elements(By.CSS_SELECTOR, "g.bar")) == len(per_type)
    assert charts[0].size["height"] > 50 and charts[0].size["width"] > 300
    # The confusion matrix: gold LOC predicted ORG once (Azerbaijan -> quân Azerbaijan).
    header = [th.text for th in chromium.find_elements(By.CSS_SELECTOR, "table.confusion thead th")][1:]
    loc_row = next(
        tr
        for tr in chromium.find_elements(By.CSS_SELECTOR, "table.confusion tbody tr")
        if tr.find_element(By.TAG_NAME, "th").text == "LOC"
    )
    cells = [td.text for td in loc_row.find_elements(By.TAG_NAME, "td")]
    assert cells[header.index("ORG")] == "1" and cells[header.index("(none)")] == "1"
    # Errors in context, and the filter buttons hide a kind.
    ner_errors = chromium.find_elements(By.CSS_SELECTOR, "#errors-ner li")
    assert len(ner_errors) == len(result["tasks"]["ner"]["errors"])
    missed = [li for li in ner_errors if li.get_attribute("data-kind") == "missed"]
    assert missed and all(li.is_displayed() for li in missed)
    gold_span = missed[0].find_element(By.CSS_SELECTOR, ".ctx .gold")
    assert gold_span.text == "Nga"
    chromium.find_element(By.CSS_SELECTOR, '.filters[data-section="ner"] button[data-kind="missed"]').click()
    assert not any(li.is_displayed() for li in missed)
    assert any(li.is_displayed() for li in ner_errors if li.get_attribute("data-kind") != "missed")
    assert chromium.find_elements(By.CSS_SELECTOR, "#errors-events li")
