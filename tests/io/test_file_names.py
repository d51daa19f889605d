"""pipeline.io.files.file_name_key: the one fold of document ids that annotate (ingest), export and import share to
find two documents that would write the same output file on macOS and Windows."""

from __future__ import annotations

import unicodedata

from pipeline.io.files import file_name_key


def test_ids_that_differ_in_case_or_normalisation_name_the_same_file():
    nfc = "Hà_Nội_1010"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    assert file_name_key(nfc) == file_name_key(nfd) == file_name_key("HÀ_NỘI_1010")


def test_ids_that_differ_in_a_letter_do_not():
    assert file_name_key("Hà_Nội_1010") != file_name_key("Hà_Nội_1011")
    assert file_name_key("Hà_Nội") != file_name_key("Ha_Noi")  # tone marks are part of the name
