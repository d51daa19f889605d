"""Start-up: a Vietnamese-only process imports no torch and loads no English model.

Each check runs in a fresh interpreter (this test session has imported torch long ago).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from pipeline.startup import torch_kept_out
from tests.conftest import ROOT

HEAVY = ("torch", "transformers")


def run_python(*parts: str) -> dict:
    """Run the code ``parts`` in a new interpreter; they print one JSON object as the last line."""
    code = "\n".join(textwrap.dedent(part) for part in parts)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


REPORT = """
    import json, sys
    import pipeline.en
    print(json.dumps({
        "heavy": sorted(m for m in sys.modules if m.partition(".")[0] in ("torch", "transformers")),
        "spacy": "spacy" in sys.modules,
        "english_models_loaded": pipeline.en._load.cache_info().currsize,
    }))
"""


def test_vietnamese_annotation_imports_no_torch_and_loads_no_english_model():
    found = run_python(
        """
        from pipeline.annotator import Annotator
        from pipeline.ingest import SourceDocument
        doc = Annotator().annotate(
            SourceDocument(id="a", text="Hà Nội là thủ đô của Việt Nam.", sha256="0" * 64, path="a.txt", format="txt")
        )
        assert doc["vi"]["entities"] and doc["en"] is None
        """,
        REPORT,
    )
    assert found == {"heavy": [], "spacy": True, "english_models_loaded": 0}


def test_the_english_model_is_loaded_for_the_first_document_with_english():
    found = run_python(
        """
        from pipeline.annotator import Annotator
        from pipeline.ingest import SourceDocument
        doc = Annotator().annotate(
            SourceDocument(id="a", text="Hà Nội là thủ đô.", sha256="0" * 64, path="a.txt", format="txt",
                           en="Hanoi is the capital.")
        )
        assert doc["en"]["entities"]
        """,
        REPORT,
    )
    assert found == {"heavy": [], "spacy": True, "english_models_loaded": 1}


def test_songngu_annotate_imports_no_torch(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Quân Nga tiến vào Gruzia năm 2008.", encoding="utf-8")
    found = run_python(
        f"""
        from pipeline.cli import main
        assert main(["annotate", {str(tmp_path / "in")!r}, "-o", {str(tmp_path / "out")!r}, "--workers", "1"]) == 0
        """,
        REPORT,
    )
    assert found["heavy"] == []
    assert json.loads((tmp_path / "out" / "a.json").read_text(encoding="utf-8"))["vi"]["entities"]


def test_songngu_annotate_without_a_terminal_imports_no_progress_bar(tmp_path):
    """stderr not a terminal (here a pipe): no bar is drawn, so rich is never imported; the file is written,
    the summary printed. (With --progress the bar is drawn: tests/batch/test_runner.py.)"""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Quân Nga tiến vào Gruzia năm 2008.", encoding="utf-8")
    code = f"""
import json, sys
from pipeline.cli import main
assert not sys.stderr.isatty()
code = main(["annotate", {str(tmp_path / "in")!r}, "-o", {str(tmp_path / "out")!r}, "--workers", "1"])
print(json.dumps({{"code": code, "rich": sorted(m for m in sys.modules if m.partition(".")[0] == "rich")}}))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"code": 0, "rich": []}
    assert "1 annotated" in result.stderr
    assert json.loads((tmp_path / "out" / "a.json").read_text(encoding="utf-8"))["vi"]["entities"]


def test_songngu_annotate_of_vietnamese_alone_imports_neither_the_aligner_nor_the_scorers(tmp_path):
    """The aligner's modules (numpy, Babel, its tables), the scorers of ``songngu evaluate`` and sqlite3 (the MT
    cache) are imported where a document has English, a score is asked for, or MT runs: not by every command."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Quân Nga tiến vào Gruzia năm 2008.", encoding="utf-8")
    (tmp_path / "in" / "b.jsonl").write_text(
        json.dumps({"id": "b", "text": "Quân Nga tiến vào Gruzia.", "en": "Russian troops entered Georgia."}) + "\n",
        encoding="utf-8",
    )
    found = run_python(
        f"""
        import json, sys
        from pipeline.cli import main
        out = {str(tmp_path / "out")!r}
        assert main(["annotate", {str(tmp_path / "in" / "a.txt")!r}, "-o", out, "--workers", "1"]) == 0
        put_off = ("pipeline.align.entities", "pipeline.align.lexicon", "pipeline.evaluate.documents", "sqlite3")
        before = sorted(m for m in put_off if m in sys.modules)
        assert main(["annotate", {str(tmp_path / "in" / "b.jsonl")!r}, "-o", out, "--workers", "1"]) == 0
        print(json.dumps({{"before": before, "after": sorted(m for m in put_off if m in sys.modules)}}))
        """
    )
    assert found == {"before": [], "after": ["pipeline.align.entities", "pipeline.align.lexicon"]}
    aligned = json.loads((tmp_path / "out" / "b.json").read_text(encoding="utf-8"))
    assert aligned["alignments"]["entities"] and aligned["en"]["entities"]


def test_the_guard_refuses_torch_only_inside_the_block():
    import importlib
    import sys

    before = list(sys.meta_path)
    # as if neither were imported yet (the guard does nothing once one of them is)
    saved = {name: sys.modules.pop(name) for name in list(sys.modules) if name.partition(".")[0] in HEAVY}
    try:
        with torch_kept_out(), pytest.raises(ModuleNotFoundError, match="without MT or the embedding aligner"):
            importlib.import_module("torch")
        assert sys.meta_path == before
    finally:
        sys.modules.update(saved)


def test_annotation_imports_neither_spacys_command_line_nor_underthesea_predictors_nor_jsonschema_nor_pydantic_v1():
    found = run_python(
        """
        import json, sys
        from pipeline.annotator import Annotator
        from pipeline.ingest import SourceDocument
        doc = Annotator().annotate(
            SourceDocument(id="a", text="Hà Nội là thủ đô của Việt Nam.", sha256="0" * 64, path="a.txt", format="txt")
        )
        assert doc["vi"]["entities"]
        print(json.dumps(sorted(
            m for m in ("typer", "weasel", "requests", "httpx", "jsonschema", "underthesea.pipeline.ner",
                        "underthesea.pipeline.chunking", "underthesea.agent", "pydantic.v1")
            if m in sys.modules
        )))
        """
    )
    assert found == []


def test_what_was_put_off_works_when_used_later_in_the_same_process():
    found = run_python(
        """
        import json
        from pipeline.annotator import Annotator
        Annotator()
        import spacy
        import spacy.cli
        from spacy.cli.info import info_cli
        import underthesea
        import underthesea.pipeline.word_tokenize as word_tokenize_module
        from pydantic.v1 import BaseModel

        class Point(BaseModel):
            x: int

        print(json.dumps({
            "pydantic_v1": Point(x="3").x,
            "spacy_info": sorted(spacy.info(silent=True))[:2],
            "cli": [callable(spacy.cli.download), callable(info_cli), callable(spacy.cli.info)],
            "ner": underthesea.ner("Hà Nội là thủ đô")[0][3],
            "version": underthesea.__version__ == __import__("importlib.metadata").metadata.version("underthesea"),
            "words": word_tokenize_module.word_tokenize("Hà Nội là thủ đô"),
        }))
        """
    )
    assert found == {
        "pydantic_v1": 3,
        "spacy_info": ["location", "pipelines"],
        "cli": [True, True, True],
        "ner": "B-LOC",
        "version": True,
        "words": ["Hà Nội", "là", "thủ đô"],
    }


def test_pydantic_v1_is_refused_to_confection_alone_and_confection_gets_it_once_another_module_imports_it():
    found = run_python(
        """
        import json
        from pipeline.startup import lean_imports
        with lean_imports():
            import confection.validation as validation
            refused = validation._PydanticV1BaseModel is None
            import pydantic.v1  # another importer (an older spaCy's schemas) gets it
            import colorsys  # the next import, still in the block, gives confection its two names
            given = validation._PydanticV1BaseModel is pydantic.v1.BaseModel
        print(json.dumps([refused, given, validation._PydanticV1ValidationError is pydantic.v1.ValidationError]))
        """
    )
    assert found == [True, True, True]


def test_the_start_up_cache_reads_back_what_it_computed_and_recomputes_when_the_material_changes(tmp_path, monkeypatch):
    from pipeline.startup import cached

    monkeypatch.setenv("SONGNGU_CACHE_DIR", str(tmp_path))
    calls = []

    def compute(text):
        calls.append(text)
        return {"words": {w.lower() for w in text.split()}, "count": len(text.split())}

    first = cached("words", ["Hà Nội Huế", b"code v1"], lambda: compute("Hà Nội Huế"))
    again = cached("words", ["Hà Nội Huế", b"code v1"], lambda: compute("Hà Nội Huế"))
    assert first == again == {"words": {"hà", "nội", "huế"}, "count": 3}
    assert calls == ["Hà Nội Huế"]  # the second came from the file
    (old,) = (tmp_path / "startup").glob("words-*.marshal")
    changed = cached("words", ["Hà Nội Huế", b"code v2"], lambda: compute("Hà Nội Huế"))
    assert changed == first and len(calls) == 2  # new code: computed again
    assert not old.exists()  # and the file of the old key removed

    (path,) = (tmp_path / "startup").glob("words-*.marshal")
    path.write_bytes(path.read_bytes()[:-5])  # damaged
    assert cached("words", ["Hà Nội Huế", b"code v2"], lambda: compute("Hà Nội Huế")) == first
    assert len(calls) == 3


def test_the_start_up_cache_is_only_a_cache(tmp_path, monkeypatch):
    from pipeline.startup import cached

    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("SONGNGU_CACHE_DIR", str(blocked))  # cannot be written
    assert cached("x", ["a"], lambda: [1, 2]) == [1, 2]
    monkeypatch.setenv("SONGNGU_CACHE_DIR", str(tmp_path / "cache"))
    value = object()  # not plain data: marshal cannot write it
    assert cached("y", ["a"], lambda: value) is value
    assert not list((tmp_path / "cache").rglob("*.marshal"))


@pytest.mark.parametrize(
    "members",
    [set(), {""}, {"", "hà nội"}, {"hà nội", "huế", "đà nẵng"}, {"a\nb", "c"}, {"x\n"}, {"\n"}],
)
def test_a_set_packed_for_the_start_up_cache_reads_back_as_the_same_set(tmp_path, monkeypatch, members):
    from pipeline.startup import cached_sets

    monkeypatch.setenv("SONGNGU_CACHE_DIR", str(tmp_path))
    for _ in ("computed", "read back"):
        assert cached_sets("set", [repr(sorted(members))], lambda: [members]) == (members,)


def test_the_segmenters_word_lists_read_back_from_the_start_up_cache_are_the_ones_folded(tmp_path, monkeypatch):
    import pickle

    from pipeline.vi.segmenter.crf import Lexicon
    from pipeline.vi.segmenter.underthesea_model import MODEL_DIR, dictionary_parts
    from pipeline.vi.underthesea_models import package_dir

    monkeypatch.setenv("SONGNGU_CACHE_DIR", str(tmp_path))
    text = "Hà Nội\nhoà bình\nHÒA BÌNH\nCộng hoà xã hội\nthành phố Hồ Chí Minh\nmột\n"
    built = Lexicon.from_words(text.splitlines())
    path = package_dir() / MODEL_DIR / "dictionary.bin"
    with open(path, "rb") as f:
        dictionary = pickle.load(f)
    for _ in ("computed", "read back"):
        lexicon = Lexicon.from_file_text("test", text)
        # folded (one tone-mark placement, lower case); one syllable or more than four: not kept
        assert lexicon.words == built.words == {"hà nội", "hòa bình", "cộng hòa xã hội"}
        assert lexicon.syllables() == built.syllables()
        single, windows = dictionary_parts(path, [2, 3])
        assert single | windows == {word for word in dictionary if word.count(" ") <= 2}
    assert len(list((tmp_path / "startup").glob("*.marshal"))) == 2


def test_the_events_yaml_files_read_back_from_the_start_up_cache_are_what_srsly_parses(tmp_path, monkeypatch):
    from importlib.resources import files

    import srsly

    from pipeline.events.ontology import read_yaml

    monkeypatch.setenv("SONGNGU_CACHE_DIR", str(tmp_path))
    for default in ("ontology.yaml", "lexicon.yaml", "corpora.yaml"):
        expected = srsly.yaml_loads(files("pipeline.events").joinpath(default).read_text("utf-8"))
        assert read_yaml(None, default)[1] == expected  # computed
        assert read_yaml(None, default)[1] == expected  # read back
    assert len(list((tmp_path / "startup").glob("yaml-*.marshal"))) == 3


def test_the_gazetteers_read_back_from_the_start_up_cache_are_the_ones_built_from_their_names(tmp_path, monkeypatch):
    from pipeline.vi.ner.gazetteer import (
        Gazetteer,
        cldr_gazetteer,
        cldr_names,
        gazetteer_paths,
        project_gazetteer,
        project_names,
    )

    monkeypatch.setenv("SONGNGU_CACHE_DIR", str(tmp_path))
    paths = gazetteer_paths(["<packaged>"])
    built = {
        "cldr": Gazetteer(cldr_names("vi")),
        "project": Gazetteer(project_names(paths)),
    }
    for _ in ("computed", "read back"):
        for make in (cldr_gazetteer, project_gazetteer):
            make.cache_clear()  # each process's own lru_cache
        cached = {"cldr": cldr_gazetteer("vi"), "project": project_gazetteer(paths)}
        for kind, gazetteer in cached.items():
            # the same tables in the same order (a look-up's first hit is the same), and the same key
            state, expected = gazetteer.names.state(), built[kind].names.state()
            assert vars(gazetteer.names).keys() == vars(built[kind].names).keys()  # state() holds all of it
            assert state == expected and [list(part) for part in state[::2]] == [list(p) for p in expected[::2]]
            assert gazetteer.label("Hoa Kỳ" if kind == "cldr" else "Liên Xô") == "LOC"
            assert "nga" not in gazetteer and "mỹ" not in gazetteer  # one-word names keep their case
            assert gazetteer.label("hoa kỳ" if kind == "cldr" else "liên xô") == "LOC"  # longer ones in lower case too
    assert len(list((tmp_path / "startup").glob("gazetteer-*.marshal"))) == 2


def test_the_command_ends_with_its_exit_code_its_messages_and_its_files(tmp_path):
    """`python -m pipeline` ends with os._exit after main(): nothing a normal exit does may be lost."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Quân Nga tiến vào Gruzia năm 2008.", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_bytes(b"caf\xe9 \x80\x81 not UTF-8")
    command = [sys.executable, "-m", "pipeline", "annotate", str(tmp_path / "in"), "-o", str(tmp_path / "out")]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 1  # b.txt failed
    assert "1 annotated, 0 up to date, 1 failed" in result.stderr
    assert json.loads((tmp_path / "out" / "a.json").read_text(encoding="utf-8"))["vi"]["entities"]
    assert "b" in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8")
    (tmp_path / "in" / "b.txt").unlink()
    again = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert again.returncode == 0 and "0 annotated, 1 up to date, 0 failed" in again.stderr


def test_the_exit_runs_every_handler_and_thread_of_a_normal_exit_and_keeps_the_code(tmp_path):
    """run() skips the interpreter's teardown, not what a normal exit does: threads joined,
    exit handlers registered by the command run, logging flushed, the command's exit code kept."""
    code = textwrap.dedent(
        f"""
        import atexit, logging, pathlib, sys, threading, time
        import pipeline.cli
        out = pathlib.Path({str(tmp_path)!r})

        def main():
            log = logging.getLogger("songngu.test")
            log.addHandler(logging.FileHandler(out / "log.txt"))
            log.warning("logged")
            atexit.register(lambda: (out / "handler.txt").write_text("ran"))
            def slow():
                time.sleep(0.3)
                (out / "thread.txt").write_text("joined")
            threading.Thread(target=slow).start()
            print("printed", end="")
            return 3

        pipeline.cli.main = main
        pipeline.cli.run()
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 3, result.stderr
    assert result.stdout == "printed"
    assert (tmp_path / "handler.txt").read_text() == "ran"
    assert (tmp_path / "thread.txt").read_text() == "joined"
    assert (tmp_path / "log.txt").read_text() == "logged\n"


def test_gc_paused_stops_collection_in_the_block_only():
    import gc

    from pipeline.startup import gc_paused

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()


def test_the_local_engine_freezes_the_pipelines_it_loads_and_leaves_collection_on():
    found = run_python(
        """
        import gc, json
        from pipeline.annotator import AnnotateOptions
        from pipeline.batch.local import LocalEngine
        engine = LocalEngine(AnnotateOptions())
        print(json.dumps({"enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}))
        """
    )
    assert found["enabled"] and found["frozen"] > 50_000


def test_the_local_engine_loads_numpys_openblas_with_one_thread_unless_told_otherwise():
    code = """
        import json
        from threadpoolctl import threadpool_info
        from pipeline.annotator import AnnotateOptions
        from pipeline.batch.local import LocalEngine
        engine = LocalEngine(AnnotateOptions())
        print(json.dumps(sorted({pool["num_threads"] for pool in threadpool_info() if pool["internal_api"] == "openblas"})))
    """
    assert run_python(code) == [1]
    assert run_python("import os; os.environ['OPENBLAS_NUM_THREADS'] = '2'", code) == [2]  # the user's setting stays


def test_documents_are_annotated_with_fewer_young_collections_and_the_threshold_is_restored(tmp_path):
    """In one process (--workers 1) the young generation's threshold is raised while the documents run,
    and put back after (in a worker, its initializer raises it for the worker's life)."""
    (tmp_path / "in").mkdir()
    for i, text in enumerate(["Quân Nga tiến vào Gruzia năm 2008.", "Hà Nội là thủ đô của Việt Nam."]):
        (tmp_path / "in" / f"{i}.txt").write_text(text, encoding="utf-8")
    found = run_python(
        f"""
        import gc, json
        from pipeline.annotator import AnnotateOptions
        from pipeline.batch.local import LocalEngine
        from pipeline.ingest import read_inputs
        from pipeline.startup import YOUNG_THRESHOLD
        engine = LocalEngine(AnnotateOptions())
        before = gc.get_threshold()
        seen = []
        texts = {{}}

        def finish(order, source, text, error):
            seen.append(gc.get_threshold()[0])
            texts[source.id] = text

        engine.run(enumerate(read_inputs([{str(tmp_path / "in")!r}])), finish)
        print(json.dumps({{"before": before, "during": seen, "after": gc.get_threshold(),
                          "young": YOUNG_THRESHOLD, "texts": texts}}))
        """
    )
    assert found["before"] == found["after"] == [700, 10, 10]
    assert found["during"] == [found["young"]] * 2 and found["young"] > 700
    assert all(json.loads(text)["vi"]["tokens"] for text in found["texts"].values())
