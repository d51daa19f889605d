"""A tree of hostile inputs for trying the batch runner as a new user would (issue 10).

Usage: python tools/make_hostile_tree.py IN && songngu annotate IN -o OUT --time-limit 120
Every entry either becomes a valid document or one line in OUT/errors.jsonl naming the file.
The tests (tests/ingest, tests/batch) cover each case; this puts them in one folder for a person to look at.
"""

import json
import os
import sys
from pathlib import Path

root = Path(sys.argv[1])
root.mkdir(parents=True, exist_ok=True)
ok = "Hà Nội là thủ đô của Việt Nam."


def put(name: str, data: bytes) -> None:
    p = root / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)


put("01_plain.txt", ok.encode())
put("02_invalid_utf8.txt", b"H\xe0 N\xf4i \xff\xfe\xfd")
put("03_binary.txt", bytes(range(256)) * 4)
put("04_empty.txt", b"")
put("05_utf16_bom.txt", ok.encode("utf-16"))
put("06_utf32_bom.txt", ok.encode("utf-32"))
put("07_utf16le_nobom.txt", ok.encode("utf-16-le"))
put("08_utf8_bom.txt", b"\xef\xbb\xbf" + ok.encode())
put(
    "09_lines.jsonl",
    b"\xef\xbb\xbf"
    + "\n".join(
        [
            json.dumps({"id": "j_ok", "text": ok}),
            '{"id": "j_sur", "text": "x\\ud800y"}',
            "{not json",
            json.dumps({"id": "j_notext"}),
            json.dumps({"id": "j_num", "text": 5}),
            json.dumps({"id": "../evil", "text": ok}),
            json.dumps({"id": "CON", "text": ok}),
            json.dumps({"id": "j_ok", "text": "trùng id"}),
            "",
        ]
    ).encode()
    + b"\r\n",
)
put("10_nbsp_tab_zwsp.txt", "Hà\u00a0Nội\tlà thủ\u200bđô.  Ông  Nguyễn\u00a0Văn\u00a0A đến Huế.".encode())
put("11_nines.txt", ("Dân số là " + "9" * 30 + " người.").encode())
put("12_ngan_ti.txt", "Thiệt hại 23 ngàn tỉ tỉ tỉ đồng.".encode())
put("13_emoji_rtl.txt", "Hà Nội 😀 مرحبا đẹp 𝔘.".encode())
put("14_longline.txt", ("Ông A. " * 3000).encode())
put("15_nopunct.txt", ("một hai ba bốn năm " * 8000).encode())
put("Case/J20_Case.txt", ok.encode())
put("Case/j20_case.txt", ok.encode())
put("nfc/Hòa.txt", ok.encode())
put("nfc/Ho\u0300a.txt", ok.encode())
put("a.txt", ok.encode())
put("a.json/b.txt", ok.encode())
put("x..txt", ok.encode())
put("new\nline.txt", ok.encode())
put("orphan.en.txt", b"Hanoi is the capital.")
os.symlink("/nonexistent/file.txt", root / "broken_link.txt")
os.mkfifo(root / "fifo.txt")
put("gold/skip_me.txt", ok.encode())
