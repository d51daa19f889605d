"""The command line itself: every stage registers, and asking for help loads no model library."""

import logging
import subprocess
import sys

import pytest

from pipeline import logs
from pipeline.cli import build_parser, main
from pipeline.cli.options import parse_override


def test_every_subcommand_is_registered():
    commands = build_parser()._subparsers._group_actions[0].choices
    assert {"annotate", "align", "export", "evaluate", "show", "schema", "validate", "train"} <= set(commands)
    train = commands["train"]._subparsers._group_actions[0].choices
    assert {"segmenter", "upos", "ner", "events"} <= set(train)


def _every_parser(parser):
    yield parser
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        for sub in action.choices.values():
            yield from _every_parser(sub)


def test_every_help_page_prints_its_percent_signs_once():
    """argparse %-formats help strings but not descriptions: `songngu evaluate --help` said "a bootstrap 95%%
    interval"; a description or epilog writes a percent sign as itself, a help string as %%."""
    pages = {parser.prog: parser.format_help() for parser in _every_parser(build_parser())}
    assert "songngu evaluate" in pages and "95% interval" in pages["songngu evaluate"]
    assert [prog for prog, page in pages.items() if "%%" in page] == []


def test_building_the_parser_imports_neither_spacy_nor_torch():
    # `songngu --help` and argument errors must answer at once: stages import
    # their heavy libraries inside the handlers, not in `register`.
    code = "import sys; from pipeline.cli import build_parser; build_parser(); print(sorted({'spacy', 'torch', 'transformers', 'underthesea'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_overrides_read_json_values_and_bare_strings():
    assert parse_override("nlp.tokenizer.segmenter=pyvi") == ("nlp.tokenizer.segmenter", "pyvi")
    assert parse_override('nlp.pipeline=["sentences"]') == ("nlp.pipeline", ["sentences"])
    assert parse_override("components.tagger.chunk=false") == ("components.tagger.chunk", False)


@pytest.fixture
def restore_logging():
    logger = logging.getLogger(logs.ROOT_LOGGER)
    saved = (logger.level, list(logger.handlers), logger.propagate)
    yield
    logger.setLevel(saved[0])
    logger.handlers[:] = saved[1]
    logger.propagate = saved[2]


def _log_from_a_stage(capsys) -> str:
    stage = logging.getLogger("pipeline.vi.segmenter.crf")  # any module logger under pipeline
    stage.debug("debug detail")
    stage.info("progress")
    stage.warning("a word list is missing")
    return capsys.readouterr().err


@pytest.mark.parametrize(
    ("flags", "shown", "hidden"),
    [
        ([], ["songngu: progress", "songngu: warning: a word list is missing"], ["debug detail"]),
        (["-v"], ["songngu: debug: pipeline.vi.segmenter.crf: debug detail", "songngu: progress"], []),
        (["--quiet"], [], ["progress", "a word list is missing"]),
    ],
)
def test_verbose_and_quiet_choose_what_the_module_loggers_print(flags, shown, hidden, restore_logging, capsys):
    # before or after the subcommand: both are accepted
    for argv in ([*flags, "schema"], ["schema", *flags]):
        assert main(argv) == 0
        capsys.readouterr()
        err = _log_from_a_stage(capsys)
        for line in shown:
            assert line in err.splitlines(), (argv, err)
        for text in hidden:
            assert text not in err, (argv, err)


def test_verbose_and_quiet_together_are_a_usage_error(restore_logging, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["-v", "schema", "-q"])
    assert exit_.value.code == 2
    assert "--verbose and --quiet exclude each other" in capsys.readouterr().err


def test_an_output_path_that_cannot_be_written_is_one_line_not_a_traceback(tmp_path, capsys):
    """A file where export, import or align want a folder, a folder where show or --report want a file."""
    import json

    from tests.conftest import document, layer

    doc = document(
        "hue", layer("Năm 1802, vua Gia Long đóng đô ở Huế.", entities=[("Gia Long", "PER"), ("Huế", "LOC")])
    )
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hue.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    taken = tmp_path / "notes.txt"
    taken.write_text("Ghi chú của tôi.", "utf-8")  # a file of the user's, where a folder was meant
    commands = [
        ["export", "--to", "brat", str(tmp_path / "in"), "-o", str(taken)],
        ["export", "--to", "spacy", str(tmp_path / "in"), "-o", str(taken)],
        ["show", str(tmp_path / "in" / "hue.json"), "-o", str(tmp_path / "in")],
        ["evaluate", "--gold", str(tmp_path / "in"), "--pred", str(tmp_path / "in"), "--report", str(tmp_path)],
    ]
    for argv in commands:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err.strip().splitlines()[-1]
        assert err.startswith(f"songngu {argv[0]}: error: ") and str(tmp_path) in err, err
        assert "Traceback" not in err
    assert taken.read_text("utf-8") == "Ghi chú của tôi."


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (["--set", "components.ner_merge.bogus=1"], "components.ner_merge.bogus: unexpected argument: 'bogus'"),
        (["--set", "components.nothere.x=1"], "components.nothere.x: no such setting in the config"),
        (["--set", "components.sentences.max_words=many"], "components.sentences.max_words: "),
    ],
)
def test_a_setting_the_config_does_not_have_is_named_in_one_line(options, says, tmp_path, capsys):
    """--set with a key or value the pipeline config cannot take: the key as the user wrote it, not
    thinc's factory name, tab-joined path and the component's every argument."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Ông Ba sống ở Huế.\n", "utf-8")
    assert main(["annotate", str(tmp_path / "in"), "-o", str(tmp_path / "out"), *options]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("songngu: error: the pipeline config: "), err
    assert says in err[0] and "songngu_" not in err[0] and "{" not in err[0], err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.json"))
