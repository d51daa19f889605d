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
