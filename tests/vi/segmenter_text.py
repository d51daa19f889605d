"""Shared by the segmenter tests: real text and generated Vietnamese-like text."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]

SEED = (Path(__file__).parents[2] / "corpus" / "000_c94cfb08b554769d.txt").read_text(encoding="utf-8")

_SYLLABLES = [
    "Nga",
    "nước",
    "Cộng",
    "hòa",
    "Liên",
    "bang",
    "Xô",
    "viết",
    "quân",
    "Azerbaijan",
    "làng",
    "Merjimek",
    "tỉnh",
    "Kelbajar",
    "thiếu",
    "tá",
    "Yury",
    "Nikolayevich",
    "Bộ",
    "Quốc",
    "phòng",
    "Armenia",
    "ngày",
    "tháng",
    "năm",
    "đóng",
    "vai",
    "trò",
    "hoà",
    "thuỷ",
    "Nagorno-Karabakh",
    "Chiến_tranh_Nagorno-Karabakh",
    "T-72",
    "11/9/1992",
    "23.000",
    "1.000.000",
    "TP.HCM",
    "H.",
    "95%",
    "q.1",
    "...",
    "[29]",
    "(",
    ")",
    '"',
    ",",
    ".",
    ":",
    ";",
    "!",
    "?",
    "–",
    "…",
    "_",
    "__",
    "-",
    "/",
    "%",
    "😀",
    "👍🏽",
    "👨\u200d👩\u200d👧",
]
_SEPARATORS = [" ", " ", " ", " ", "", "", "\n", "  ", "\t", "\n\n", " \n ", "\u00a0", "_"]
_ODD = (
    "ảẢạăắằẳẵặâấầẩẫậđĐơớờởỡợưứừửữự\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"
    "_-.,;:!?\"'()[]/%0123456789aAzZ \t\n\r\u00a0\u200b\u2028\x1c\x00😀🏽\u200d\ufe0f\u0600"
)

vietnamese_like = st.one_of(
    st.lists(st.tuples(st.sampled_from(_SYLLABLES), st.sampled_from(_SEPARATORS)), max_size=40).map(
        lambda parts: "".join(w + sep for w, sep in parts)
    ),
    # decomposed (NFD) text: the pipeline normalises it, but a segmenter must not break on it
    st.lists(st.sampled_from(_SYLLABLES), max_size=20).map(lambda ws: unicodedata.normalize("NFD", " ".join(ws))),
    st.text(alphabet=_ODD, max_size=60),
    st.text(max_size=30),
)
