"""The HTML tokenizer's places (`lft.check.guard.html.parse`): every tag and every piece of text
a reader sees is at the offset it names, wherever the pieces the parser is fed in are cut.

The parser keeps its place as an offset in the text (it moves with the standard library's
tokenizer, which is fed the text in pieces); every finding of the guard, the output scan and the
site checks takes its line and column from these offsets.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from hostile import PAYLOADS
from lft.check.guard.html import parse

FIXTURE_PAGES = sorted(Path(__file__).parent.joinpath("hostile_html").rglob("*.html"))
PIECES = [
    *PAYLOADS,
    "<p class='a'>tekst</p>",
    "<!-- opmerking -->",
    "<!DOCTYPE html>",
    "<script>let a = '<b>';</script>",
    "<style>p > a {}</style>",
    "&amp; &#x41; &nbsp",
    "\n",
    "\r\n",
    "é ",
    "<A HREF = \"/x\"\nTITLE='y'>",
    "x" * 1500,  # pieces longer than a third of the parser's chunk: tags straddle its cuts
]


def _texts() -> list[str]:
    rng = random.Random(7)  # the same texts on every run
    made = ["".join(rng.choice(PIECES) for _ in range(rng.randint(5, 40))) for _ in range(60)]
    return made + [page.read_text(encoding="utf-8") for page in FIXTURE_PAGES]


@pytest.mark.parametrize("visible", [True, False])
def test_every_tag_and_every_piece_of_text_is_at_its_offset(visible: bool) -> None:
    for text in _texts():
        parsed = parse(text, visible=visible)
        for tag in parsed.tags:
            assert text[tag.offset] == "<", (text, tag)
            assert text[tag.offset + 1 : tag.offset + 1 + len(tag.name)].lower() == tag.name
            assert text[tag.end - 1] == ">" or tag.end == len(text), (text, tag)
            for name, _value, name_at, _value_at in tag.attributes:
                assert text[name_at : name_at + len(name)].lower() == name, (text, tag)
        for start, raw in parsed.kept:
            assert text.startswith(raw, start) or raw.startswith("&"), (text, start, raw)
