"""The document page in a real headless Chromium (Debian's chromium + chromium-driver, via selenium)."""

from __future__ import annotations

import os
import shutil

import pytest

from pipeline.show import render_document

# Entity marks grouped by key, their fragments' text joined: what a reader sees highlighted.
MARKS_JS = """
const out = {};
document.querySelectorAll(arguments[0] + ' mark.ent').forEach(m => {
  out[m.dataset.key] = (out[m.dataset.key] || '') + m.textContent;
});
return out;
"""


@pytest.fixture
def page(chromium, bilingual, tmp_path):
    path = tmp_path / "page.html"
    path.write_text(render_document(bilingual), encoding="utf-8")
    chromium.get(path.as_uri())
    return chromium


def test_highlighted_spans_match_the_json(page, bilingual):
    for lang in ("vi", "en"):
        shown = page.execute_script(MARKS_JS, f".cell.{lang}")
        # Nested marks (an entity inside an OTHER argument) are counted once each, with their own text.
        expected = {f"{lang}:{e['id']}": e["text"] for e in bilingual[lang]["entities"]}
        assert shown == expected
    labels = page.execute_script(
        "return [...document.querySelectorAll('.cell.vi mark.ent.end')].map(m => getComputedStyle(m, '::after').content)"
    )
    assert sorted(labels) == sorted(f'"{e["label"]}"' for e in bilingual["vi"]["entities"])


def test_hovering_an_entity_highlights_its_counterpart(page, bilingual):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    vi_id = next(e["id"] for e in bilingual["vi"]["entities"] if e["text"] == "Bộ Quốc phòng Armenia")
    en_id = next(e["id"] for e in bilingual["en"]["entities"] if e["text"] == "Ministry of Defence of Armenia")
    vi_mark = page.find_element(By.CSS_SELECTOR, f'mark[data-key="vi:{vi_id}"]')
    en_mark = page.find_element(By.CSS_SELECTOR, f'mark[data-key="en:{en_id}"]')
    assert "hl" not in en_mark.get_attribute("class").split()
    shadow_before = en_mark.value_of_css_property("box-shadow")
    ActionChains(page).move_to_element(vi_mark).perform()
    assert "hl" in en_mark.get_attribute("class").split()
    assert en_mark.value_of_css_property("box-shadow") != shadow_before
    assert "hl-self" in vi_mark.get_attribute("class").split()
    # and back: moving away clears it
    ActionChains(page).move_to_element(page.find_element(By.TAG_NAME, "h1")).perform()
    assert "hl" not in en_mark.get_attribute("class").split()


def test_hovering_a_trigger_highlights_its_arguments_and_counterpart(page, bilingual):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    trigger = page.find_element(By.CSS_SELECTOR, 'mark.trg[data-key="vi:E1"]')
    ActionChains(page).move_to_element(trigger).perform()
    highlighted = page.execute_script("return [...document.querySelectorAll('mark.hl')].map(m => m.dataset.key)")
    args = {f"vi:{a['entity']}" for a in bilingual["vi"]["events"][0]["arguments"]}
    assert args | {"en:E1"} <= set(highlighted)


def test_screenshot(page, tmp_path, build):
    """A screenshot of the page shows a real rendering (the README's comes from the corpus test below)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    shot = tmp_path / "show.png"
    page.set_window_size(1400, 620)
    # show the cross-language highlighting: the pointer on the Vietnamese "Quân đoàn 7 Nga"
    corps = page.find_element(By.XPATH, "//div[contains(@class, 'vi')]//mark[contains(., 'Quân đoàn 7 Nga')]")
    ActionChains(page).move_to_element(corps).perform()
    assert page.find_elements(By.CSS_SELECTOR, ".cell.en mark.hl")
    assert page.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a real rendering, not a blank page


def test_the_committed_corpus_annotation_renders_with_its_alignment(chromium, tmp_path, build):
    """The real output of `songngu annotate corpus/`, not a hand-built document: every entity of
    both layers is highlighted with its own text, and hovering a Vietnamese entity lights up the
    English entity the aligner linked it to. SONGNGU_UPDATE_SCREENSHOT=1 refreshes docs/show.png."""
    import json

    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    doc = json.loads((build.ROOT / "annotations" / "000_c94cfb08b554769d.json").read_text(encoding="utf-8"))
    path = tmp_path / "corpus.html"
    path.write_text(render_document(doc), encoding="utf-8")
    chromium.set_window_size(1400, 700)
    chromium.get(path.as_uri())
    for lang in ("vi", "en"):
        shown = chromium.execute_script(MARKS_JS, f".cell.{lang}")
        assert shown == {f"{lang}:{e['id']}": e["text"] for e in doc[lang]["entities"]}
    vi = {e["id"]: e for e in doc["vi"]["entities"]}
    link = next(a for a in doc["alignments"]["entities"] if a["en"] and vi[a["vi"]]["text"] == "Bộ Quốc phòng Armenia")
    vi_mark = chromium.find_element(By.CSS_SELECTOR, f'mark[data-key="vi:{link["vi"]}"]')
    en_mark = chromium.find_element(By.CSS_SELECTOR, f'mark[data-key="en:{link["en"]}"]')
    chromium.execute_script("arguments[0].scrollIntoView({block: 'center'})", vi_mark)
    ActionChains(chromium).move_to_element(vi_mark).perform()
    assert "hl" in en_mark.get_attribute("class").split()
    assert en_mark.text == "Ministry of Defence of Armenia"
    shot = tmp_path / "corpus.png"
    assert chromium.save_screenshot(str(shot)) and len(shot.read_bytes()) > 20_000
    if os.environ.get("SONGNGU_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(shot, build.ROOT / "docs" / "show.png")
