"""The command line itself: every stage registers, and asking for help loads no model library."""

import subprocess
import sys

from pipeline.cli import build_parser
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
