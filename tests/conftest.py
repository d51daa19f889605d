"""Shared fixtures: the real corpus passage, paths to the shared data, small annotated documents
built by hand (spans given by their surface text, never by counted offsets), and a headless Chromium."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from pipeline import vtb_file
from pipeline.contract import validate

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = CORPUS / "000_c94cfb08b554769d.txt"
VTB_DEV = vtb_file("dev")
VTB_TRAIN = vtb_file("train")
VTB_DIR = VTB_DEV.parent
#: Why a test that needs UD Vietnamese-VTB is skipped, and how to run it (pytest -ra prints it).
VTB_MISSING = (
    f"UD Vietnamese-VTB (external data, not in the repository) not found: {VTB_DEV} is missing; "
    "set SONGNGU_DATA to the folder holding ud-vietnamese-vtb/ (README, 'Data')"
)
#: Marks a test that reads UD Vietnamese-VTB: skipped, with VTB_MISSING as the reason, when it is absent.
needs_vtb = pytest.mark.skipif(not (VTB_DEV.is_file() and VTB_TRAIN.is_file()), reason=VTB_MISSING)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def require_vtb() -> Path:
    """UD VTB dev; it lives outside the repository (``pipeline.data_dir()``): skip, saying how to get it, when absent."""
    if not (VTB_DEV.is_file() and VTB_TRAIN.is_file()):
        pytest.skip(VTB_MISSING)
    return VTB_DEV


# The seed passage's sentence about the arrest in 1992 (corpus/000_c94cfb08b554769d.txt)
# and the one about Khojaly, used by the NER and event examples.
ARREST = (
    "Ngày 11 tháng 9 năm 1992, quân Azerbaijan bắt được 6 lính đặc nhiệm Nga (spetznaz) thuộc "
    "Quân đoàn 7 Nga đóng tại Armenia gần làng Merjimek ở Kelbajar."
)
KHOJALY = "Các đơn vị quân Nga được cho là đã hợp tác với các đơn vị Armenia đánh chiếm Khojaly."
# ARREST's event with its arguments, as gold annotates it (an event of layer(..., events=...)).
ARREST_EVENT = (
    "Justice.Arrest-Jail",
    "bắt được",
    [
        ("Agent", "quân Azerbaijan", "OTHER"),
        ("Person", "6 lính đặc nhiệm Nga", "OTHER"),
        ("Time-Within", "Ngày 11 tháng 9 năm 1992", "DATE"),
        ("Place", "Kelbajar", "LOC"),
    ],
)


def locate(text: str, needle: str | tuple[str, int]) -> tuple[int, int]:
    """Span of ``needle`` in ``text``; ``(needle, n)`` is its n-th occurrence (0-based)."""
    needle, nth = (needle, 0) if isinstance(needle, str) else needle
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def layer(text: str, *, sentences=None, words=None, entities=(), events=(), id_offset: int = 0) -> dict:
    """A JSON layer.

    ``sentences``: list of sentence strings (located in order; default: the whole text);
    ``words``: list of ``word`` or ``(word, pos, upos)`` located in order;
    ``entities``: ``(needle, label)``; events: ``(type, trigger needle, [(role, needle, label)])``
    where each argument is an entity (created if no entity has that span and label).
    """
    sent_list, pos = [], 0
    for sent in sentences or [text]:
        start = text.index(sent, pos)
        sent_list.append({"start": start, "end": start + len(sent)})
        pos = start + len(sent)
    tokens, pos = [], 0
    for word in words or []:
        form, tag, upos = (word, None, None) if isinstance(word, str) else (tuple(word) + (None, None))[:3]
        start = text.index(form, pos)
        assert not text[pos:start].strip(), f"words skip {text[pos:start]!r}"
        token = {"start": start, "end": start + len(form), "text": form}
        if tag:
            token["pos"] = tag
        if upos:
            token["upos"] = upos
        tokens.append(token)
        pos = start + len(form)
    spans = [(*locate(text, needle), label) for needle, label in entities]
    for _, _, args in events:
        for _, needle, label in args:
            key = (*locate(text, needle), label)
            if key not in spans:
                spans.append(key)
    spans.sort(key=lambda s: (s[0], -s[1], s[2]))
    ids = {}
    ents = []
    for i, (start, end, label) in enumerate(spans, start=1 + id_offset):
        ids[(start, end, label)] = f"T{i}"
        ents.append(
            {"id": f"T{i}", "start": start, "end": end, "label": label, "text": text[start:end], "source": "test"}
        )
    evs = []
    for i, (etype, trigger, args) in enumerate(events, start=1):
        t_start, t_end = locate(text, trigger)
        evs.append(
            {
                "id": f"E{i}",
                "type": etype,
                "trigger": {"start": t_start, "end": t_end, "text": text[t_start:t_end]},
                "arguments": [
                    {"role": role, "entity": ids[(*locate(text, needle), label)]} for role, needle, label in args
                ],
                "modality": "asserted",
                "source": "test",
            }
        )
    return {"text": text, "sentences": sent_list, "tokens": tokens, "entities": ents, "events": evs}


def document(doc_id: str, vi: dict, en: dict | None = None, alignments: dict | None = None) -> dict:
    doc = {
        "schema_version": "1.0",
        "id": doc_id,
        "source": {"path": f"{doc_id}.txt", "sha256": hashlib.sha256(vi["text"].encode()).hexdigest()},
        "pipeline": {"version": "test", "components": []},
        "vi": vi,
        "en": None if en is None else {**en, "origin": "provided"},
        "alignments": alignments,
    }
    return validate(doc)


def passage_document(vi: dict, en: dict | None = None, alignments: dict | None = None) -> dict:
    """Layers of the corpus passage assembled by the pipeline's own serialiser (``build_document``,
    which validates: a layer that breaks the contract raises ``ContractError``)."""
    from pipeline.io.jsondoc import build_document

    return build_document(
        SEED.stem,
        {"path": f"corpus/{SEED.name}", "sha256": "0" * 64},
        {"version": "test", "components": []},
        vi,
        en=en,
        alignments=alignments,
    )


@pytest.fixture(scope="session")
def build():
    """The builders, as one fixture: ``build.layer(...)``, ``build.document(...)``, ``build.locate(...)``."""

    class Builders:
        pass

    b = Builders()
    b.layer, b.document, b.locate = layer, document, locate
    b.ARREST, b.KHOJALY, b.ROOT = ARREST, KHOJALY, ROOT
    return b


# --------------------------------------------------------------------------- headless Chromium

#: Debian's packages: `apt-get install chromium chromium-driver`. Never a browser a tool downloads.
CHROMIUM = os.environ.get("SONGNGU_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("SONGNGU_CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1400,1000",
    "--force-device-scale-factor=1",
)


@pytest.fixture(scope="session")
def chromium(tmp_path_factory):
    """A selenium WebDriver on the system Chromium, or a skip saying what to install."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not (Path(path).is_file() and os.access(path, os.X_OK)) and not shutil.which(path):
            pytest.skip(
                f"{path} not found: apt-get install -y --no-install-recommends chromium chromium-driver ({package})"
            )
    # Selenium Manager would otherwise try to fetch a driver or browser over the network.
    os.environ["SE_OFFLINE"] = "true"
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
