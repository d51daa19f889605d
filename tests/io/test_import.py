"""``songngu import``: our JSON -> a tool's format -> our JSON gives back what the format holds, on the corpus
passage and on awkward text (NFD input, emoji, tabs, CRLF); corrections made in each tool's format come back
with --base, and ``songngu evaluate`` counts exactly them."""

from __future__ import annotations

import copy
import hashlib
import json
import unicodedata
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.contract import validate
from pipeline.io.layer import bio_tags

FORMATS = ("brat", "xmi", "labelstudio", "conll", "conllu")
WORD_FORMATS = ("conll", "conllu")

# --------------------------------------------------------------------------- documents


def awkward_document() -> dict:
    """A flag emoji (two code points outside the BMP), a tab and a CRLF inside entities, an event across them."""
    text = "🇷🇺 Ngày 11/9/1992,\tquân Nga bắt\t6 lính\r\nđặc nhiệm ở Lê Văn Tám\tnói."
    words = ["🇷🇺", "Ngày 11/9/1992", ",", "quân", "Nga", "bắt", "6", "lính\r\nđặc nhiệm", "ở", "Lê Văn Tám", "nói", "."]
    tokens, pos = [], 0
    for w in words:
        start = text.index(w, pos)
        tokens.append({"start": start, "end": start + len(w), "text": w, "upos": "X", "sentence": 0})
        pos = start + len(w)

    def ent(needle, label, **extra):
        start = text.index(needle)
        return {"start": start, "end": start + len(needle), "label": label, "text": needle, "source": "test", **extra}

    entities = [
        ent("Ngày 11/9/1992", "DATE", value="1992-09-11"),
        ent("quân Nga", "OTHER"),
        ent("Nga", "LOC"),
        ent("6", "NUM", value=6),
        ent("6 lính\r\nđặc nhiệm", "OTHER"),
        ent("Lê Văn Tám\tnói", "MISC"),  # crosses a tab
    ]
    entities.sort(key=lambda e: (e["start"], e["end"], e["label"]))
    for i, e in enumerate(entities, start=1):
        e["id"] = f"T{i}"
    ids = {e["text"]: e["id"] for e in entities}
    trigger = text.index("bắt")
    event = {
        "id": "E1",
        "type": "Justice.Arrest-Jail",
        "trigger": {"start": trigger, "end": trigger + 3, "text": "bắt"},
        "arguments": [
            {"role": "Agent", "entity": ids["quân Nga"]},
            {"role": "Person", "entity": ids["6 lính\r\nđặc nhiệm"]},
            {"role": "Time-Within", "entity": ids["Ngày 11/9/1992"]},
        ],
        "modality": "reported/uncertain",
        "source": "test",
        "sentence": 0,
    }
    return validate(
        {
            "schema_version": "1.0",
            "id": "awkward",
            "source": {"path": None, "sha256": hashlib.sha256(text.encode()).hexdigest()},
            "pipeline": {"version": "0.1.0", "components": []},
            "vi": {
                "lang": "vi",
                "text": text,
                "sentences": [{"start": 0, "end": len(text), "tokens": [0, len(tokens)]}],
                "tokens": tokens,
                "entities": [{"id": e.pop("id"), **e} for e in entities],
                "events": [event],
            },
            "en": None,
            "alignments": None,
        }
    )


def nfd_copy(doc: dict) -> dict:
    """The document as a tool that saved its text in NFD would hold it: NFD text, every offset moved with it."""
    text = doc["vi"]["text"]
    moved = [len(unicodedata.normalize("NFD", text[:i])) for i in range(len(text) + 1)]
    nfd = unicodedata.normalize("NFD", text)
    out = copy.deepcopy(doc)
    layer = out["vi"]
    layer["text"] = nfd
    for span in [*layer["sentences"], *layer["tokens"], *layer["entities"], *(ev["trigger"] for ev in layer["events"])]:
        span["start"], span["end"] = moved[span["start"]], moved[span["end"]]
        if "text" in span:
            span["text"] = nfd[span["start"] : span["end"]]
    return out


def export(doc_or_docs, fmt: str, out: Path) -> Path:
    """Write the tool's file(s) as the tool would give them back unchanged; returns what to import."""
    docs = doc_or_docs if isinstance(doc_or_docs, list) else [doc_or_docs]
    if fmt == "brat":
        from pipeline.io.brat import write_brat

        for doc in docs:
            write_brat(doc, out)
    elif fmt == "xmi":
        from pipeline.io.xmi import write_xmi

        write_xmi(docs, out)
    elif fmt == "labelstudio":
        from pipeline.io.labelstudio import write_labelstudio

        write_labelstudio(docs, out)
        # Label Studio's export after an annotator accepted the predictions: they became the annotation
        tasks = json.loads((out / "tasks.json").read_text("utf-8"))
        for n, task in enumerate(tasks, start=1):
            task["id"] = n
            task["annotations"] = [{"id": n, "result": task.pop("predictions")[0]["result"], "was_cancelled": False}]
        (out / "tasks.json").write_text(json.dumps(tasks, ensure_ascii=False), "utf-8")
        return out / "tasks.json"
    else:
        from pipeline.io.conll import write_conll
        from pipeline.io.conllu import write_conllu

        for doc in docs:
            path = out / f"{doc['id']}.{fmt}"
            path.parent.mkdir(parents=True, exist_ok=True)
            (write_conll if fmt == "conll" else write_conllu)(doc, path)
    return out


def run_import(fmt: str, source: Path, out: Path, base: Path | None = None) -> dict[str, dict]:
    args = ["import", "--from", fmt, str(source), "-o", str(out)] + (["--base", str(base)] if base else [])
    assert main(args) == 0
    return {
        doc["id"]: doc
        for doc in (json.loads(p.read_text("utf-8")) for p in sorted(out.rglob("*.json")))
        if validate(doc)
    }


def save(docs: list[dict], folder: Path) -> Path:
    for doc in docs:
        path = folder / f"{doc['id']}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return folder


def without_pipeline(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "pipeline"}


def held(doc: dict, fmt: str) -> tuple[set, set]:
    """The entities (span, label, value) and events (trigger, type, modality, role -> argument span) ``fmt`` holds."""
    layer = doc["vi"]
    entities = layer["entities"]
    if fmt in WORD_FORMATS:
        _, dropped = bio_tags(layer)
        entities = [e for e in entities if e["label"] != "OTHER" and e not in dropped]
    spans = {e["id"]: (e["start"], e["end"]) for e in layer["entities"]}
    ents = {(e["start"], e["end"], e["label"], None if fmt in WORD_FORMATS else e.get("value")) for e in entities}
    events = set()
    if fmt not in WORD_FORMATS:
        events = {
            (
                ev["trigger"]["start"],
                ev["trigger"]["end"],
                ev["type"],
                ev["modality"],
                tuple(sorted((a["role"], spans[a["entity"]]) for a in ev["arguments"])),
            )
            for ev in layer["events"]
        }
    return ents, events


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_with_base_gives_back_the_document(fmt, seed_doc, handmade_doc, tmp_path):
    """Nothing corrected: the import onto the base is the base (plus the import in the pipeline record)."""
    docs = [seed_doc, handmade_doc, awkward_document()]
    base = save(docs, tmp_path / "base")
    got = run_import(fmt, export(docs, fmt, tmp_path / fmt), tmp_path / "imported", base)
    assert sorted(got) == sorted(d["id"] for d in docs)
    for doc in docs:
        back = got[doc["id"]]
        assert without_pipeline(back) == without_pipeline(doc)
        assert back["pipeline"]["components"][-1]["name"] == "import"
        assert back["pipeline"]["components"][-1]["model"] == fmt


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_without_base_keeps_what_the_format_holds(fmt, seed_doc, handmade_doc, tmp_path):
    docs = [seed_doc, handmade_doc, awkward_document()]
    got = run_import(fmt, export(docs, fmt, tmp_path / fmt), tmp_path / "imported")
    for doc in docs:
        back = got[doc["id"]]
        if fmt == "conll":  # no running text: the words, joined; entities compared on their words
            text = back["vi"]["text"]
            want = {(doc["vi"]["text"][s:e], label) for s, e, label, _ in held(doc, fmt)[0]}
            norm = {(" ".join(t.replace("_", " ").split()), label) for t, label in want}
            assert {(" ".join(text[e["start"] : e["end"]].split()), e["label"]) for e in back["vi"]["entities"]} == norm
            continue
        assert held(back, fmt) == held(doc, fmt)
        if fmt != "conllu":  # CoNLL-U keeps offsets (TokenRange) but not what lies between sentences
            assert back["vi"]["text"] == doc["vi"]["text"]
        if fmt in ("xmi", "conllu"):  # formats with words
            assert [(t["start"], t["end"]) for t in back["vi"]["tokens"]] == [
                (t["start"], t["end"]) for t in doc["vi"]["tokens"]
            ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_nfd_text_from_a_tool_is_normalised_and_its_offsets_carried(fmt, seed_doc, tmp_path):
    doc = awkward_document()
    nfd = nfd_copy(doc)
    assert nfd["vi"]["text"] != doc["vi"]["text"] and len(nfd["vi"]["text"]) > len(doc["vi"]["text"])
    base = save([doc], tmp_path / "base")
    got = run_import(fmt, export(nfd, fmt, tmp_path / fmt), tmp_path / "imported", base)
    assert without_pipeline(got["awkward"]) == without_pipeline(doc)
    if fmt not in WORD_FORMATS:
        alone = run_import(
            fmt, tmp_path / fmt if fmt != "labelstudio" else tmp_path / fmt / "tasks.json", tmp_path / "alone"
        )
        assert alone["awkward"]["vi"]["text"] == doc["vi"]["text"]
        assert held(alone["awkward"], fmt) == held(doc, fmt)


def test_a_text_that_differs_from_the_base_names_the_document_and_character(tmp_path, capsys):
    doc = awkward_document()
    base = save([doc], tmp_path / "base")
    out = export(doc, "brat", tmp_path / "brat")
    txt = out / "awkward.txt"
    with txt.open(encoding="utf-8", newline="") as handle:
        text = handle.read()
    assert text.endswith(".")
    with txt.open("w", encoding="utf-8", newline="") as handle:  # edited outside every span: brat itself accepts it
        handle.write(text[:-1] + "!")
    assert main(["import", "--from", "brat", str(out), "-o", str(tmp_path / "o"), "--base", str(base)]) == 1
    err = capsys.readouterr().err
    assert (
        f"awkward.ann: document awkward: its text differs from the base's at character {len(text) - 1}: "
        "'!' where the base has '.'" in err
    )


def test_a_base_with_no_annotated_document_is_one_error_before_any_file(seed_doc, tmp_path, capsys):
    """--base given the tool's folder itself, or the input texts: said once, and nothing is written."""
    out = export([seed_doc], "brat", tmp_path / "brat")
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "bai.txt").write_text("Hà Nội là thủ đô.", "utf-8")
    for base in (out, texts):
        assert main(["import", "--from", "brat", str(out), "-o", str(tmp_path / "o"), "--base", str(base)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert err == [
            f"songngu import: {base}: no annotated document in it (JSON with an 'id'): --base is the JSON "
            "the export was made from, the folder 'songngu annotate' wrote"
        ]
        assert not (tmp_path / "o").exists() or not list((tmp_path / "o").iterdir())


def test_inception_s_own_named_entity_layer_is_read(tmp_path):
    """A user who annotated in INCEpTION's built-in Named entity layer (DKPro types only, tag set PER/LOC/ORG/OTH)."""
    from cassis import Cas, load_dkpro_core_typesystem

    ts = load_dkpro_core_typesystem()
    text = "Tướng Hà Nội gặp Phạm Văn Đồng ở Paris."
    cas = Cas(typesystem=ts, sofa_string=text)
    NamedEntity = ts.get_type("de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity")
    for needle, label in (("Phạm Văn Đồng", "PER"), ("Paris", "LOC"), ("Hà Nội", "OTH")):
        start = text.index(needle)
        cas.add(NamedEntity(begin=start, end=start + len(needle), value=label))
    (tmp_path / "x").mkdir()
    cas.to_xmi(tmp_path / "x" / "doc.xmi")
    (tmp_path / "x" / "TypeSystem.xml").write_text(ts.to_xml(), "utf-8")
    (doc,) = run_import("xmi", tmp_path / "x", tmp_path / "o").values()
    assert sorted((e["text"], e["label"]) for e in doc["vi"]["entities"]) == [
        ("Hà Nội", "MISC"),
        ("Paris", "LOC"),
        ("Phạm Văn Đồng", "PER"),
    ]


def test_bad_files_are_named_and_fail_the_run(tmp_path, capsys):
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "a.txt").write_text("Nga và Mỹ", "utf-8")
    (folder / "a.ann").write_text("T1\tCOUNTRY 0 3\tNga\n", "utf-8")
    (tmp_path / "ls.json").write_text('[{"data": {"text": "Nga", "doc_id": "x"}, "predictions": []}]', "utf-8")
    assert main(["import", "--from", "brat", str(folder), "-o", str(tmp_path / "o")]) == 1
    assert main(["import", "--from", "labelstudio", str(tmp_path / "ls.json"), "-o", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert "a.ann: document a: entity T1: label 'COUNTRY' is not one of PER, LOC" in err
    assert "ls.json: no task has an annotation (predictions only)" in err


def test_label_studio_predictions_come_back_with_the_flag(seed_doc, handmade_doc, tmp_path, capsys):
    """songngu's own export holds predictions only: --predictions reads them back onto the base unchanged; a task
    someone annotated is still read from the annotation, and the flag is refused for a format with no predictions."""
    from pipeline.io.labelstudio import write_labelstudio

    docs = [seed_doc, handmade_doc]
    base = save(docs, tmp_path / "base")
    write_labelstudio(docs, tmp_path / "ls")
    tasks = tmp_path / "ls" / "tasks.json"
    args = ["import", "--from", "labelstudio", str(tasks), "--base", str(base)]
    assert main([*args, "-o", str(tmp_path / "none")]) == 1
    assert "--predictions reads a task's prediction" in capsys.readouterr().err
    assert main([*args, "-o", str(tmp_path / "back"), "--predictions"]) == 0
    assert capsys.readouterr().err.count("no annotation; its prediction read (--predictions)") == 2
    back = {d["id"]: d for d in (json.loads(p.read_text("utf-8")) for p in (tmp_path / "back").rglob("*.json"))}
    for doc in docs:
        assert without_pipeline(back[doc["id"]]) == without_pipeline(doc)
    # the handmade document annotated in the tool, one entity removed: its annotation wins over its prediction
    listed = json.loads(tasks.read_text("utf-8"))
    hand = next(t for t in listed if t["data"]["doc_id"] == handmade_doc["id"])
    result = hand["predictions"][0]["result"]
    kept = [r for r in result if r.get("id") != result[0]["id"] and r.get("from_id") != result[0]["id"]]
    hand["annotations"] = [{"id": 1, "result": kept, "was_cancelled": False}]
    tasks.write_text(json.dumps(listed, ensure_ascii=False), "utf-8")
    assert main([*args, "-o", str(tmp_path / "mixed"), "--predictions"]) == 0
    assert capsys.readouterr().err.count("its prediction read") == 1
    mixed = {d["id"]: d for d in (json.loads(p.read_text("utf-8")) for p in (tmp_path / "mixed").rglob("*.json"))}
    mixed = mixed[handmade_doc["id"]]
    assert len(mixed["vi"]["entities"]) == len(handmade_doc["vi"]["entities"]) - 1
    assert main(["import", "--from", "brat", str(tmp_path / "ls"), "-o", str(tmp_path / "b"), "--predictions"]) == 2
    assert "--predictions is for --from labelstudio" in capsys.readouterr().err


# --------------------------------------------------------------------------- corrections


def _pick(doc: dict) -> tuple[dict, dict, dict, tuple[str, dict]]:
    """A LOC to relabel ORG and one to delete (neither an event argument), and an event to give a Place."""
    layer = doc["vi"]
    arguments = {a["entity"] for ev in layer["events"] for a in ev["arguments"]}
    _, dropped = bio_tags(layer)
    free = [e for e in layer["entities"] if e["label"] == "LOC" and e["id"] not in arguments and e not in dropped]
    relabel, delete = free[0], free[-1]
    event = next(ev for ev in layer["events"] if all(a["role"] != "Place" for a in ev["arguments"]))
    place = next(e for e in free[1:-1] if all(a["entity"] != e["id"] for a in event["arguments"]))
    return relabel, delete, event, ("Place", place)


def _correct(fmt: str, out: Path, doc: dict) -> None:
    """Make the three corrections in the tool's own file, as an annotator would in the tool."""
    relabel, delete, event, (role, place) = _pick(doc)
    text = doc["vi"]["text"]
    if fmt == "brat":
        ann = out / f"{doc['id']}.ann"
        lines = ann.read_text("utf-8").split("\n")
        lines = [
            line.replace("\tLOC ", "\tORG ", 1) if line.startswith(relabel["id"] + "\t") else line
            for line in lines
            if not line.startswith(delete["id"] + "\t")
        ]
        lines = [f"{line} {role}:{place['id']}" if line.startswith(event["id"] + "\t") else line for line in lines]
        ann.write_text("\n".join(lines), "utf-8")
    elif fmt == "xmi":
        from cassis import load_cas_from_xmi, load_typesystem

        ts = load_typesystem((out / "TypeSystem.xml").read_text("utf-8"))
        path = out / f"{doc['id']}.xmi"
        cas = load_cas_from_xmi(path.read_text("utf-8"), typesystem=ts)
        by_span = {(e.begin, e.end, e.label): e for e in cas.select("webanno.custom.Entity")}
        by_span[(relabel["start"], relabel["end"], "LOC")].label = "ORG"
        cas.remove(by_span[(delete["start"], delete["end"], "LOC")])
        trigger = next(e for e in cas.select("webanno.custom.Event") if e.begin == event["trigger"]["start"])
        Link = ts.get_type("webanno.custom.EventArgumentsLink")
        link = Link(role=role, target=by_span[(place["start"], place["end"], place["label"])])
        trigger.arguments.elements = [*trigger.arguments.elements, link]
        cas.to_xmi(path)
    elif fmt == "labelstudio":
        tasks = json.loads(out.read_text("utf-8"))
        task = next(t for t in tasks if t["data"]["doc_id"] == doc["id"])
        result = task["annotations"][0]["result"]
        for r in result:
            if r.get("id") == relabel["id"] and r["type"] == "labels":
                r["value"]["labels"] = ["ORG"]
        result[:] = [r for r in result if r.get("id") != delete["id"]]
        result.append(
            {"from_id": event["id"], "to_id": place["id"], "type": "relation", "direction": "right", "labels": [role]}
        )
        out.write_text(json.dumps(tasks, ensure_ascii=False), "utf-8")
    else:
        path = out / f"{doc['id']}.{fmt}"
        lines = path.read_text("utf-8").split("\n")
        tokens = doc["vi"]["tokens"]
        offset = 0 if fmt == "conllu" else 2  # -DOCSTART- and its blank line
        row = {}  # token index -> line index
        i = 0
        for n, line in enumerate(lines[offset:], start=offset):
            if line and not line.startswith("#"):
                row[i] = n
                i += 1
        first = {t["start"]: k for k, t in enumerate(tokens)}
        last = {t["end"]: k for k, t in enumerate(tokens)}
        for ent, new in ((relabel, "ORG"), (delete, None)):
            for k in range(first[ent["start"]], last[ent["end"]] + 1):
                line = lines[row[k]]
                if fmt == "conll":
                    cols = line.split("\t")
                    cols[3] = "O" if new is None else cols[3].replace("LOC", new)
                    lines[row[k]] = "\t".join(cols)
                else:
                    lines[row[k]] = line.replace("NE=B-LOC|", "" if new is None else "NE=B-ORG|").replace(
                        "NE=I-LOC|", "" if new is None else "NE=I-ORG|"
                    )
        path.write_text("\n".join(lines), "utf-8")
    assert text  # the corrections touched annotations only


@pytest.mark.parametrize("fmt", FORMATS)
def test_corrections_come_back_and_evaluate_counts_exactly_them(fmt, seed_doc, tmp_path, capsys):
    base = save([seed_doc], tmp_path / "base")
    source = export([seed_doc], fmt, tmp_path / fmt)
    _correct(fmt, source, seed_doc)
    imported = run_import(fmt, source, tmp_path / "gold", base)[seed_doc["id"]]
    relabel, delete, event, (role, place) = _pick(seed_doc)
    layer = imported["vi"]
    assert (relabel["start"], relabel["end"], "ORG") in {(e["start"], e["end"], e["label"]) for e in layer["entities"]}
    assert (delete["start"], delete["end"]) not in {(e["start"], e["end"]) for e in layer["entities"]}
    assert len(layer["entities"]) == len(seed_doc["vi"]["entities"]) - 1
    assert layer["tokens"] == seed_doc["vi"]["tokens"] and imported["en"] == seed_doc["en"]
    capsys.readouterr()
    assert main(["evaluate", "--gold", str(tmp_path / "gold"), "--pred", str(base), "--json", "--resamples", "0"]) == 0
    result = json.loads(capsys.readouterr().out)["tasks"]
    ner = result["ner"]["schemes"]["strict"]["micro"]
    # the pipeline's output scored against its corrected self: one relabelled (a false positive and a
    # false negative), one deleted (a false positive); every other entity right
    assert (ner["fp"], ner["fn"]) == (2, 1) and ner["tp"] == len(
        [e for e in layer["entities"] if e["label"] != "OTHER"]
    ) - 1
    if fmt in WORD_FORMATS:  # the format has no events: they are the base's, arguments on the same words
        assert held(imported, "brat")[1] == held(seed_doc, "brat")[1]
        return
    arguments = result["events"]["argument_classification"]["attached"]
    assert (arguments["fp"], arguments["fn"]) == (0, 1)  # the Place added
    assert result["events"]["trigger_classification"]["fp"] == result["events"]["trigger_classification"]["fn"] == 0
    # the alignment of what changed was redone; the rest kept
    links = {link["vi"]: link for link in imported["alignments"]["entities"]}
    assert len(links) == len(layer["entities"])
    kept = [e for e in layer["entities"] if e["source"] != f"import:{fmt}"]
    base_links = {link["vi"]: link for link in seed_doc["alignments"]["entities"]}
    base_ids = {(e["start"], e["end"], e["label"]): e["id"] for e in seed_doc["vi"]["entities"]}
    assert all(
        {k: v for k, v in links[e["id"]].items() if k != "vi"}
        == {k: v for k, v in base_links[base_ids[(e["start"], e["end"], e["label"])]].items() if k != "vi"}
        for e in kept
    )


def test_an_english_layer_correction_comes_back_onto_the_english_of_the_base(seed_doc, tmp_path):
    """--lang en: the English layer goes out and comes back; the Vietnamese layer is the base's."""
    base = save([seed_doc], tmp_path / "base")
    assert main(["export", "--to", "brat", "--lang", "en", str(base), "-o", str(tmp_path / "brat")]) == 0
    en = seed_doc["en"]
    linked = {link["en"] for link in seed_doc["alignments"]["entities"] if link["en"]}
    target = next(e for e in en["entities"] if e["label"] == "LOC" and e["id"] in linked)
    ann = tmp_path / "brat" / f"{seed_doc['id']}.ann"
    lines = ann.read_text("utf-8").split("\n")
    relabelled = [
        line.replace("\tLOC ", "\tORG ", 1) if line.startswith(target["id"] + "\t") else line for line in lines
    ]
    assert relabelled != lines
    ann.write_text("\n".join(relabelled), "utf-8")
    args = ["import", "--from", "brat", "--lang", "en", str(tmp_path / "brat"), "-o", str(tmp_path / "gold")]
    assert main([*args, "--base", str(base)]) == 0
    imported = validate(json.loads((tmp_path / "gold" / f"{seed_doc['id']}.json").read_text("utf-8")))
    assert imported["vi"] == seed_doc["vi"]
    before = {(e["start"], e["end"]): e["label"] for e in en["entities"]}
    after = {(e["start"], e["end"]): e["label"] for e in imported["en"]["entities"]}
    changed = {span for span in before.keys() | after.keys() if before.get(span) != after.get(span)}
    assert changed == {(target["start"], target["end"])} and after[(target["start"], target["end"])] == "ORG"
    # the relabelled entity is still linked to its Vietnamese counterpart
    new_id = next(
        e["id"] for e in imported["en"]["entities"] if (e["start"], e["end"]) == (target["start"], target["end"])
    )
    vi_of = {link["en"]: link["vi"] for link in imported["alignments"]["entities"] if link["en"]}
    old_vi_of = {link["en"]: link["vi"] for link in seed_doc["alignments"]["entities"] if link["en"]}
    assert vi_of[new_id] == old_vi_of[target["id"]]


# --------------------------------------------------------------------------- one bad document among many


def _three_documents(make_tiny_document) -> list[dict]:
    return [
        make_tiny_document(
            "Năm 1802, Nguyễn Ánh lên ngôi ở Phú Xuân.",
            [("Năm", "N"), ("1802", "M"), (",", "CH"), ("Nguyễn Ánh", "Np"), ("lên ngôi", "V"), ("ở", "E")]
            + [("Phú Xuân", "Np"), (".", "CH")],
            [("Nguyễn Ánh", "PER"), ("Phú Xuân", "LOC")],
            doc_id="giaLong",
        ),
        make_tiny_document(
            "Ông Trần Hưng Đạo đánh tan quân Nguyên.",
            [("Ông", "N"), ("Trần Hưng Đạo", "Np"), ("đánh", "V"), ("tan", "V"), ("quân", "N"), ("Nguyên", "Np")]
            + [(".", "CH")],
            [("Trần Hưng Đạo", "PER")],
            doc_id="bachDang",
        ),
        make_tiny_document(
            "Bà Triệu khởi nghĩa ở Thanh Hóa.",
            [("Bà", "N"), ("Triệu", "Np"), ("khởi nghĩa", "V"), ("ở", "E"), ("Thanh Hóa", "Np"), (".", "CH")],
            [("Triệu", "PER"), ("Thanh Hóa", "LOC")],
            doc_id="baTrieu",
        ),
    ]


def test_a_label_studio_task_that_fails_is_skipped_alone(make_tiny_document, tmp_path, capsys):
    """An export of three tasks: one edited away from the base's text, one with a region of two labels.

    Each is named and skipped; the task beside them is still imported (a whole export was lost before).
    """
    docs = _three_documents(make_tiny_document)
    base = save(docs, tmp_path / "base")
    tasks_json = export(docs, "labelstudio", tmp_path / "ls")
    tasks = json.loads(tasks_json.read_text("utf-8"))
    by_id = {task["data"]["doc_id"]: task for task in tasks}
    by_id["giaLong"]["data"]["text"] = by_id["giaLong"]["data"]["text"].replace("1802", "1803")
    region = next(r for r in by_id["bachDang"]["annotations"][0]["result"] if r["type"] == "labels")
    region["value"]["labels"] = ["PER", "LOC"]
    tasks_json.write_text(json.dumps(tasks, ensure_ascii=False), "utf-8")

    out = tmp_path / "o"
    assert main(["import", "--from", "labelstudio", str(tasks_json), "-o", str(out), "--base", str(base)]) == 1
    err = capsys.readouterr().err
    assert "document giaLong: its text differs from the base's at character 7: '3' where the base has '2'" in err
    assert "task 2: region T1: expected one label and start/end" in err
    assert "imported 1 document(s)" in err and "2 failure(s)" in err
    assert sorted(p.name for p in out.rglob("*.json")) == ["baTrieu.json"]
    imported = json.loads((out / "baTrieu.json").read_text("utf-8"))
    assert [(e["text"], e["label"]) for e in imported["vi"]["entities"]] == [("Triệu", "PER"), ("Thanh Hóa", "LOC")]


def test_a_conll_document_missing_from_the_base_is_skipped_alone(make_tiny_document, tmp_path, capsys):
    """One CoNLL file of three -DOCSTART- documents, the base holding two of them."""
    docs = _three_documents(make_tiny_document)
    export(docs, "conll", tmp_path / "conll")
    joined = tmp_path / "story.conll"
    joined.write_text("".join(p.read_text("utf-8") for p in sorted((tmp_path / "conll").glob("*.conll"))), "utf-8")
    # the files in sorted order: baTrieu, bachDang, giaLong; the base has the first and the third
    base = save([dict(docs[2], id="story/1"), dict(docs[0], id="story/3")], tmp_path / "base")

    out = tmp_path / "o"
    assert main(["import", "--from", "conll", str(joined), "-o", str(out), "--base", str(base)]) == 1
    err = capsys.readouterr().err
    assert "story.conll: document story/2: no document with this id in" in err
    assert "imported 2 document(s)" in err and "1 failure(s)" in err
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")) == ["story/1.json", "story/3.json"]


def test_two_documents_of_one_id_do_not_overwrite_each_other(make_tiny_document, tmp_path, capsys):
    """The same Label Studio task twice in an export (imported twice into the project): the first is kept."""
    docs = _three_documents(make_tiny_document)
    tasks_json = export(docs[:1], "labelstudio", tmp_path / "ls")
    (task,) = json.loads(tasks_json.read_text("utf-8"))
    again = copy.deepcopy(task)
    again["id"] = 2
    again["annotations"][0]["result"] = []  # the second copy was left without entities
    tasks_json.write_text(json.dumps([task, again], ensure_ascii=False), "utf-8")

    out = tmp_path / "o"
    assert main(["import", "--from", "labelstudio", str(tasks_json), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "document giaLong: the same id as a document of" in err and "whose output file it would overwrite" in err
    imported = json.loads((out / "giaLong.json").read_text("utf-8"))
    assert [e["text"] for e in imported["vi"]["entities"]] == ["Nguyễn Ánh", "Phú Xuân"]


def test_a_base_with_two_documents_of_one_id_is_refused(make_tiny_document, tmp_path, capsys):
    """Which of the two the tool's document was made from cannot be told: neither is picked silently."""
    (doc,) = _three_documents(make_tiny_document)[:1]
    save([doc], tmp_path / "base" / "a")
    save([doc], tmp_path / "base" / "b")
    brat = export(doc, "brat", tmp_path / "brat")
    assert (
        main(["import", "--from", "brat", str(brat), "-o", str(tmp_path / "o"), "--base", str(tmp_path / "base")]) == 2
    )
    err = capsys.readouterr().err
    assert f"{tmp_path / 'base' / 'b' / 'giaLong.json'}: the base document giaLong is in " in err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("fmt", WORD_FORMATS)
def test_an_empty_document_comes_back_from_the_word_formats(fmt, make_tiny_document, tmp_path, capsys):
    """An empty input file gives a valid document with no sentences; exported to CoNLL (a -DOCSTART- line)
    or CoNLL-U (an empty file) it was left out of the import without a word."""
    kept = _three_documents(make_tiny_document)[2]
    empty = copy.deepcopy(kept)
    empty["id"] = "empty"
    empty["vi"].update(text="", sentences=[], tokens=[], entities=[], events=[])
    validate(empty)
    base = save([kept, empty], tmp_path / "base")
    out = export([kept, empty], fmt, tmp_path / fmt)

    with_base = run_import(fmt, out, tmp_path / "with", base)
    without = run_import(fmt, out, tmp_path / "without")
    assert "imported 2 document(s)" in capsys.readouterr().err
    for imported in (with_base, without):
        assert sorted(imported) == ["baTrieu", "empty"]
        assert imported["empty"]["vi"]["text"] == "" and imported["empty"]["vi"]["entities"] == []
    assert with_base["empty"]["vi"] == empty["vi"]


def test_a_brat_relation_is_reported_not_dropped_silently(make_tiny_document, tmp_path, capsys):
    """A brat folder annotated elsewhere, with a relation between two names: our JSON cannot hold it."""
    doc = _three_documents(make_tiny_document)[0]
    brat = export(doc, "brat", tmp_path / "brat")
    ann = brat / "giaLong.ann"
    ann.write_text(ann.read_text("utf-8") + "R1\tRuled_in Arg1:T1 Arg2:T2\n", "utf-8")
    (imported,) = run_import("brat", brat, tmp_path / "o").values()
    assert [e["text"] for e in imported["vi"]["entities"]] == ["Nguyễn Ánh", "Phú Xuân"]
    err = capsys.readouterr().err
    assert "giaLong.ann: R1 Ruled_in Arg1:T1 Arg2:T2: brat relations have no place in our JSON; left out" in err
