"""What the finish steps work out once and reuse gives what working it out each time gives: a
start tag's findings (by its name and attributes) and a JSON string read without decoding."""

from __future__ import annotations

import json
from pathlib import Path

from lft.check.guard.config import settings
from lft.finish.guard import _json_strings
from lft.finish.scan import Trust, _Findings, page_problems
from lft.finish.shipped import read_page

HOSTILE = (
    '<a href="javascript:alert(1)">x</a><img src=//cdn.example.org/x.png onerror=alert(1)>'
    '<form action="/x"><input name=q></form><meta http-equiv=refresh content="0;url=/x">'
    '<svg><animate attributeName=href to="javascript:alert(1)"/></svg><p style="color:red">'
    '<link rel=stylesheet href="https://evil.example/x.css"><iframe src=/x></iframe>'
)


def _fresh(html: str) -> list[str]:
    """The findings of each start tag, worked out anew for each."""
    found = _Findings("index.html", Trust(), (1, 1))
    for tag in read_page("index.html", html).tags:
        found.tag(tag)
    return [problem.message for problem in found.problems]


def test_a_start_tag_gives_its_findings_every_time_it_is_met() -> None:
    html = f"<html><head></head><body>{HOSTILE * 3}</body></html>"
    page = read_page("index.html", html)
    plain = [p.message for p in page_problems(page, Trust()) if "as a browser" not in p.message]
    assert plain == _fresh(html)
    assert len(plain) == 3 * len(_fresh(HOSTILE)) > 0


def test_a_plain_json_string_is_read_as_the_decoder_reads_it(tmp_path: Path) -> None:
    config, _ = settings(tmp_path)
    strings = ["bel 06-12345678 nu", "NL91ABNA0417164300", "café 06-12345678", "kort"]
    plain = json.dumps(strings, ensure_ascii=False)
    escaped = json.dumps(strings)  # é written as \u00e9
    dashes = plain.replace("-", "\\u002d")  # a phone number written with escapes
    found = {
        text: [(item.rule, item.message) for *_, item in _json_strings("x.json", text, config)]
        for text in (plain, escaped, dashes)
    }
    assert found[plain] == found[escaped] == found[dashes]
    assert sorted(rule for rule, _ in found[plain]) == ["iban", "phone", "phone"]
