"""Reading gold in every format into the evaluation's one shape, and pairing predictions with gold."""

from __future__ import annotations

import json

import pytest

from pipeline.evaluate import available_tasks, evaluate
from pipeline.evaluate.documents import (
    EvalInputError,
    detect_format,
    from_json,
    load_gold,
    match_predictions,
)
from pipeline.evaluate.offsets import Skeleton

VLSP = """\
Các\tL\tB-NP\tO
đơn vị\tN\tI-NP\tO
quân\tN\tI-NP\tO
Nga\tNp\tI-NP\tB-LOC
hợp tác\tV\tB-VP\tO
với\tE\tB-PP\tO
Bộ\tN\tB-NP\tB-ORG
Quốc phòng\tN\tI-NP\tI-ORG
Armenia\tNp\tI-NP\tI-ORG
.\tCH\tO\tO
"""


def test_skeleton_maps_both_ways():
    text = "  Liên bang\n Xô Viết ."
    skel = Skeleton(text)
    assert skel.chars == "LiênbangXôViết."
    assert skel.span(2, 11) == (0, 8)  # "Liên bang"
    assert skel.raw(0, 8) == (2, 11)
    assert skel.span(0, 2) == (0, 0)  # only spaces


def test_conllu_gold_has_words_and_tags(vtb_slice):
    (doc,) = load_gold(vtb_slice)
    assert detect_format(vtb_slice) == "conllu"
    assert doc.id == "vtb_dev_200" and len(doc.vi.sentences) == 200
    first = doc.vi.words[0]
    assert doc.vi.text[slice(*doc.vi.skeleton.raw(first.start, first.end))] == "Trả lời"
    assert (first.upos, first.xpos) == ("VERB", "V")
    assert available_tasks([doc]) == ["ws", "pos"]


def test_conll_gold_rebuilds_text_from_tokens(tmp_path):
    path = tmp_path / "vlsp.conll"
    path.write_text(VLSP, encoding="utf-8")
    (doc,) = load_gold(path)
    assert detect_format(path) == "conll"
    assert doc.vi.text == "Các đơn vị quân Nga hợp tác với Bộ Quốc phòng Armenia ."
    spans = {(doc.vi.text[slice(*doc.vi.skeleton.raw(m.start, m.end))], m.label) for m in doc.vi.entities}
    assert spans == {("Nga", "LOC"), ("Bộ Quốc phòng Armenia", "ORG")}
    assert [w.xpos for w in doc.vi.words][:4] == ["L", "N", "N", "Np"]
    assert available_tasks([doc]) == ["ws", "pos", "ner"]


def test_conll_gold_scores_against_running_text(tmp_path, build):
    # The prediction annotated the running text (no space before the full stop).
    path = tmp_path / "vlsp.conll"
    path.write_text(VLSP, encoding="utf-8")
    gold = load_gold(path)
    text = "Các đơn vị quân Nga hợp tác với Bộ Quốc phòng Armenia."
    pred = from_json(build.document("vlsp", build.layer(text, entities=[("Nga", "LOC"), ("Armenia", "LOC")])))
    strict = evaluate(gold, [pred], ["ner"], resamples=0)["tasks"]["ner"]["schemes"]["strict"]["micro"]
    assert (strict["tp"], strict["fp"], strict["fn"]) == (1, 1, 1)


def test_a_folder_of_conll_files_is_conll_gold(tmp_path, build):
    """What `songngu export --to conll annotations/ -o gold/` writes: one .conll file a document, in subfolders.

    Such a folder was "a directory without .ann, .json or .conllu files"; ids are the files' paths.
    """
    gold_dir = tmp_path / "gold"
    (gold_dir / "history").mkdir(parents=True)
    (gold_dir / "ly.conll").write_text(
        "-DOCSTART-\t-X-\t-X-\tO\n\nLý_Thái_Tổ\tNp\t_\tB-PER\ndời_đô\tV\t_\tO\nvề\tE\t_\tO\n"
        "Thăng_Long\tNp\t_\tB-LOC\n.\tCH\t_\tO\n\n",
        encoding="utf-8",
    )
    (gold_dir / "history" / "tran.conll").write_text(
        "Trần_Hưng_Đạo\tNp\t_\tB-PER\nthắng\tV\t_\tO\nquân\tN\t_\tO\nNguyên\tNp\t_\tB-ORG\n.\tCH\t_\tO\n\n",
        encoding="utf-8",
    )
    (gold_dir / "README.md").write_text("Gold written by hand, 2026.\n", encoding="utf-8")  # not a document
    assert detect_format(gold_dir) == "conll"
    gold = load_gold(gold_dir)
    assert [g.id for g in gold] == ["history/tran", "ly"]
    pred = [
        from_json(
            build.document("ly", build.layer("Lý Thái Tổ dời đô về Thăng Long.", entities=[("Lý Thái Tổ", "PER")]))
        ),
        from_json(
            build.document(
                "history/tran",
                build.layer("Trần Hưng Đạo thắng quân Nguyên.", entities=[("Trần Hưng Đạo", "PER"), ("Nguyên", "ORG")]),
            )
        ),
    ]
    strict = evaluate(gold, match_predictions(gold, pred), ["ner"], resamples=0)["tasks"]["ner"]["schemes"]["strict"]
    assert (strict["micro"]["tp"], strict["micro"]["fp"], strict["micro"]["fn"]) == (3, 0, 1)  # Thăng Long missed


def test_brat_gold(build):
    folder = build.ROOT / "corpus" / "gold" / "ner" / "seed"
    (doc,) = load_gold(folder)
    assert detect_format(folder) == "brat"
    assert doc.id == "000_c94cfb08b554769d"
    ann = (folder / "000_c94cfb08b554769d.ann").read_text(encoding="utf-8")
    assert len(doc.vi.entities) == sum(1 for line in ann.splitlines() if line.startswith("T"))
    assert doc.vi.words is None and available_tasks([doc]) == ["ner"]


def test_json_directory_and_matching(tmp_path, build):
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred" / "sub"
    gold_dir.mkdir()
    pred_dir.mkdir(parents=True)
    texts = {"a": build.ARREST, "b": build.KHOJALY}
    for doc_id, text in texts.items():
        (gold_dir / f"{doc_id}.json").write_text(
            json.dumps(build.document(doc_id, build.layer(text, entities=[("Nga", "LOC")]))), encoding="utf-8"
        )
    # prediction "a" under another id but the same stem, "b" under an unrelated id with the same text
    (pred_dir / "a.json").write_text(json.dumps(build.document("sub/a", build.layer(build.ARREST))), encoding="utf-8")
    (pred_dir / "zzz.json").write_text(json.dumps(build.document("zzz", build.layer(build.KHOJALY))), encoding="utf-8")
    gold = load_gold(gold_dir)
    assert [g.id for g in gold] == ["a", "b"]
    from pipeline.evaluate.documents import read_json_documents

    pred = match_predictions(gold, [from_json(d, w) for d, w in read_json_documents(tmp_path / "pred")])
    assert [p.id for p in pred] == ["sub/a", "zzz"]


def test_missing_prediction_is_an_error(build):
    gold = [from_json(build.document("a", build.layer(build.ARREST)))]
    pred = [from_json(build.document("b", build.layer(build.KHOJALY)))]
    with pytest.raises(EvalInputError, match=r"no \(unique\) prediction for gold document\(s\) a; predicted ids: b"):
        match_predictions(gold, pred)


def test_invalid_json_names_the_file(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text('{"vi": {"text": 1}}', encoding="utf-8")
    with pytest.raises(EvalInputError, match=r"x.json: breaks the JSON contract"):
        load_gold(bad)


def test_task_the_gold_lacks_is_an_error(vtb_slice):
    gold = load_gold(vtb_slice)
    with pytest.raises(EvalInputError, match=r"no annotation for task 'ner' \(it has: ws, pos\)"):
        evaluate(gold, gold, ["ner"])


def _gold_folder(build, *parts):
    folder = build.ROOT.joinpath("corpus", "gold", *parts)
    assert folder.is_dir(), f"{folder}: the committed gold is missing"
    return folder


def test_alignment_gold_pairs_the_english_side(build):
    import copy

    folder = _gold_folder(build, "align", "seed")
    (doc,) = load_gold(folder)
    assert available_tasks([doc]) == ["ner", "align"]
    rows = (folder / "000_c94cfb08b554769d.links.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert len(doc.entity_links) == sum(1 for r in rows if r.split("\t")[3])  # linked rows only
    assert len(doc.vi.sentences) == len(doc.en.sentences) == 21  # GUIDELINES A4: 21/21, all 1-1
    # A prediction that drops one gold link and invents another: tp n-1, fp 1, fn 1.
    pred = copy.copy(doc)
    wrong = (doc.entity_links[0][0], doc.entity_links[1][1])
    pred.entity_links = doc.entity_links[1:] + [wrong]
    ent = evaluate([doc], [pred], ["align"], resamples=0)["tasks"]["align"]["entities"]
    assert (ent["tp"], ent["fp"], ent["fn"]) == (len(doc.entity_links) - 1, 1, 1)


def test_alignment_gold_rows_with_an_empty_side_are_not_links(build, tmp_path):
    import shutil

    folder = _gold_folder(build, "align", "seed")
    copy = tmp_path / "seed"
    shutil.copytree(folder, copy)
    links = copy / "000_c94cfb08b554769d.links.tsv"
    # An English entity without Vietnamese counterpart (GUIDELINES A3): its Vietnamese columns are empty.
    links.write_text(links.read_text(encoding="utf-8") + "\t\t\t0\t6\tRussia\n", encoding="utf-8")
    (doc,) = load_gold(copy)
    (original,) = load_gold(folder)
    assert doc.entity_links == original.entity_links


def test_links_of_other_spans_are_not_entity_links(build):
    vi = build.layer(
        "Nga: quân Nga tấn công.",
        words=["Nga", ":", "quân", "Nga", "tấn công", "."],
        entities=[("Nga", "LOC"), ("quân Nga", "OTHER")],
    )
    en = build.layer(
        "Russian troops attacked Russia.",
        words=["Russian", "troops", "attacked", "Russia", "."],
        entities=[("Russian troops", "OTHER"), ("Russia", "LOC")],
    )
    # vi T1 Nga (LOC), T2 quân Nga (OTHER); en T1 Russian troops (OTHER), T2 Russia (LOC)
    alignments = {
        "sentences": [{"vi": [0], "en": [0], "score": 1.0}],
        "tokens": [],
        "entities": [{"vi": "T1", "en": "T2", "score": 1.0}, {"vi": "T2", "en": "T1", "score": 1.0}],
        "events": [],
    }
    links = from_json(build.document("o", vi, en, alignments)).entity_links
    named_only = {**alignments, "entities": alignments["entities"][:1]}
    assert len(links) == 1 and links == from_json(build.document("o", vi, en, named_only)).entity_links


def test_within_and_outside_held_back_sentences(build):
    """GUIDELINES (events): the held-back sentences of the seed passage hold 9 of its 28 events."""
    from pipeline.evaluate.documents import read_ranges, restrict

    folder = _gold_folder(build, "events", "seed")
    ranges = read_ranges(folder / "heldback.tsv")
    counts = {}
    for inside in (True, False):
        gold, pred = load_gold(folder), load_gold(folder)
        restrict(gold, pred, ranges, inside=inside)
        ti = evaluate(gold, pred, ["events"], resamples=0)["tasks"]["events"]["trigger_identification"]
        counts[inside] = (ti["tp"], ti["fp"], ti["fn"])
    assert counts == {True: (9, 0, 0), False: (19, 0, 0)}
