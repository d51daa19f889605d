"""``songngu show``: the page's marks, rows and escaping, read back with an HTML parser."""

from __future__ import annotations

import copy
import json
from html.parser import HTMLParser

from pipeline.cli import main
from pipeline.show import Mark, render_document, render_marked

VOID = {"meta", "link", "br", "img", "input", "hr", "wbr"}


class Marks(HTMLParser):
    """Collects, per ``data-key``, the text inside its ``<mark>`` fragments, and checks the nesting."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, dict]] = []
        self.texts: dict[str, str] = {}
        self.kinds: dict[str, str] = {}
        self.ends: dict[str, int] = {}

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        self.open.append((tag, attrs))
        if tag == "mark":
            key = attrs["data-key"]
            self.texts.setdefault(key, "")
            self.kinds[key] = attrs["class"].split()[0]
            self.ends[key] = self.ends.get(key, 0) + ("end" in attrs["class"].split())

    def handle_endtag(self, tag):
        assert self.open and self.open[-1][0] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data):
        for tag, attrs in self.open:
            if tag == "mark":
                self.texts[attrs["data-key"]] += data

    @classmethod
    def of(cls, html: str) -> Marks:
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser


def test_every_entity_and_trigger_is_marked_with_its_text(bilingual):
    marks = Marks.of(render_document(bilingual))
    for lang in ("vi", "en"):
        layer = bilingual[lang]
        entities = {f"{lang}:{e['id']}": e["text"] for e in layer["entities"]}
        triggers = {f"{lang}:{e['id']}": e["trigger"]["text"] for e in layer["events"]}
        assert {k: v for k, v in marks.texts.items() if k.startswith(lang) and marks.kinds[k] == "ent"} == entities
        assert {k: v for k, v in marks.texts.items() if k.startswith(lang) and marks.kinds[k] == "trg"} == triggers
    assert all(n == 1 for n in marks.ends.values()), "each mark shows its label once"


def test_aligned_rows_and_links(bilingual):
    html = render_document(bilingual)
    assert html.count('class="cell vi') == html.count('class="cell en') == 2
    # Kelbajar is linked both ways; the vi Nga linked to nothing has no links.
    vi_kel = next(e["id"] for e in bilingual["vi"]["entities"] if e["text"] == "Kelbajar")
    en_kel = next(e["id"] for e in bilingual["en"]["entities"] if e["text"] == "Kelbajar")
    assert f'data-key="vi:{vi_kel}" data-label="LOC" data-links="en:{en_kel}"' in html
    assert f'data-key="en:{en_kel}" data-label="LOC" data-links="vi:{vi_kel}"' in html
    assert 'data-label="Justice.Arrest-Jail" data-args=' in html and 'data-links="en:E1"' in html
    assert "Transaction.Transfer-Money" in html and "Recipient" in html


def test_vietnamese_only_when_english_is_null(bilingual):
    doc = copy.deepcopy(bilingual)
    doc["en"], doc["alignments"] = None, None
    html = render_document(doc)
    assert 'class="cell en' not in html and ">English<" not in html
    assert html.count('class="cell vi') == 2
    assert "no English layer" in html
    marks = Marks.of(html)
    assert len([k for k in marks.kinds if marks.kinds[k] == "ent"]) == len(doc["vi"]["entities"])


def test_text_and_attributes_are_escaped(build):
    text = 'Báo <img src=x onerror=alert(1)> viết "Nga & Armenia" </script>.'
    doc = build.document(
        "xss", build.layer(text, entities=[("Nga & Armenia", "MISC"), ("<img src=x onerror=alert(1)>", "MISC")])
    )
    html = render_document(doc)
    assert "<img" not in html and "</script>." not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "Nga &amp; Armenia" in html
    assert Marks.of(html).texts["vi:T2"] == "Nga & Armenia"


def test_crossing_marks_become_fragments():
    # "Liên bang Xô Viết" [0, 17) and "Xô Viết cũ" [10, 20) cross: the second is split at 17.
    text = "Liên bang Xô Viết cũ"
    marks = [Mark(0, 17, "ent", {"data-key": "vi:T1"}), Mark(10, 20, "ent", {"data-key": "vi:T2"})]
    html = str(render_marked(text, 0, len(text), marks))
    parsed = Marks.of(html)
    assert parsed.texts == {"vi:T1": "Liên bang Xô Viết", "vi:T2": "Xô Viết cũ"}
    assert html.count('data-key="vi:T2"') == 2 and parsed.ends == {"vi:T1": 1, "vi:T2": 1}


def test_cli_writes_the_page_and_rejects_bad_documents(bilingual, tmp_path, capsys):
    src = tmp_path / "doc.json"
    src.write_text(json.dumps(bilingual, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "pages" / "doc.html"
    assert main(["show", str(src), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    broken = copy.deepcopy(bilingual)
    broken["vi"]["entities"][0]["end"] += 1
    src.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    assert main(["show", str(src), "-o", str(out)]) == 2
    assert "breaks the JSON contract" in capsys.readouterr().err
