"""The stronger guard: obfuscated and separated forms are caught at their place in the original
text, markings come from data, and findings that are never meant offer no excuse."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import write
from lft.check.guard import guard
from lft.check.guard.text import normalise
from lft.source.model import Content
from test_guard import MAILBOXES, PAGE, TODAY, at, found, scan


def test_normalising_keeps_the_way_back() -> None:
    text = "a&nbsp;b Ge<!-- x -->heim 1\u200b2\u00ad3 4\u20135 &#49;"
    normal = normalise(text)
    assert normal.text == "a b Geheim 123 4-5 1"
    assert text[normal.origin(normal.text.index("heim")) :].startswith("heim")
    assert text[normal.origin(normal.text.index("3")) :].startswith("3")
    assert text[normal.origin(len(normal.text) - 1) :] == "&#49;"


@pytest.mark.parametrize(
    ("written", "rule"),
    [
        ("123-456-782", "bsn"),
        ("1234.56.782", "bsn"),
        ("123\u200b456\u200b782", "bsn"),
        ("12&#51;456782", "bsn"),
        ("NL91-ABNA-0417-1643-00", "iban"),
        ("NL91\u00a0ABNA\u00a00417\u00a01643\u00a000", "iban"),
        ("06 - 1234 5678", "phone"),
        ("06\u20131234\u20135678", "phone"),
        ("020 \u2013 123 4567", "phone"),
        ("Niet voor verspreiding", "marking"),
        ("Stg.&nbsp;Geheim", "marking"),
        ("Ge<!-- -->heim staatsgeheim", "marking"),
        ("Staatsgeheim Zeer Geheim", "marking"),
        ("stg zeer geheim", "marking"),
        ("Departementaal&#32;Vertrouwelijk", "marking"),
        ("TLP:AMBER", "marking"),
        ("NATO-Secret", "marking"),
        ("parketnummer 13-123456-19", "case-number"),
        ("zaaknummer 2023/123456", "case-number"),
        ("pv-nummer: PL0900-2023123456", "case-number"),
        ("13.123456.19", "case-number"),
    ],
)
def test_hidden_and_separated_forms(tmp_path: Path, written: str, rule: str) -> None:
    text = f"Zie hier: {written}.\n"
    report = scan(tmp_path, {PAGE: text})
    assert [line.split(" ")[1] for line in found(report)] == [rule]
    assert found(report)[0].startswith(f"{PAGE}:1:")


def test_positions_are_in_the_original_text(tmp_path: Path) -> None:
    text = "&nbsp;&nbsp;<!-- een opmerking -->\u200b Bel 06&#8209;12345678 of Stg.&nbsp;Geheim.\n"
    report = scan(tmp_path, {PAGE: text})
    assert found(report) == [
        at(PAGE, text, "06&#8209;", "phone"),
        at(PAGE, text, "Stg.", "marking"),
    ]
    assert report.problems[1].message == "security classification marking 'Stg. Geheim'"


def test_a_case_number_is_reported_at_the_number(tmp_path: Path) -> None:
    text = "Het parketnummer 13-123456-19 en zaaknummer 2023/123456.\n"
    report = scan(tmp_path, {PAGE: text})
    assert found(report) == [
        at(PAGE, text, "13-", "case-number"),
        at(PAGE, text, "2023/", "case-number"),
    ]
    assert report.problems[0].message == "possible case or registration number 13…19"


def test_text_in_an_html_comment_is_still_read(tmp_path: Path) -> None:
    text = "<!-- TODO: bron 111222333 -->\nKlaar.\n"
    report = scan(tmp_path, {PAGE: text})
    assert found(report) == [f"{PAGE}:1:6 placeholder", f"{PAGE}:1:17 bsn"]


def test_markings_from_guard_yml(tmp_path: Path) -> None:
    settings = MAILBOXES + "markings:\n  - Alleen voor de tafel\ncapital_markings:\n  - LIMITED\n"
    write(tmp_path, "guard.yml", settings)
    write(tmp_path, PAGE, "Alleen  voor de\ntafel. LIMITED, limited.\n")
    report = guard(tmp_path, Content(), TODAY)
    assert found(report) == [f"{PAGE}:1:1 marking", f"{PAGE}:2:8 marking"]
    assert report.problems[0].message == "security classification marking 'Alleen voor de tafel'"


def test_guard_yml_problems_are_reported_at_their_place(tmp_path: Path) -> None:
    write(tmp_path, "guard.yml", MAILBOXES + "markings: Niet openbaar\n")
    (tmp_path / "content").mkdir()
    report = guard(tmp_path, Content(), TODAY)
    assert [str(p) for p in report.problems] == [
        "guard.yml:3:11: markings: expected a list of texts [allow] "
        "(write one '- Niet openbaar' line per marking)"
    ]
    write(tmp_path, "guard.yml", MAILBOXES + "markings:\n  - [open\n")
    report = guard(tmp_path, Content(), TODAY)
    assert [(p.path, p.line, p.rule) for p in report.problems] == [("guard.yml", 5, "allow")]


def test_script_and_placeholder_offer_no_excuse(tmp_path: Path) -> None:
    text = "TODO\n<script>x()</script>\nBel 020-1234567.\n"
    report = scan(tmp_path, {PAGE: text})
    hints = {p.rule: p.hint for p in report.problems}
    assert hints["placeholder"] == "write the text or remove the placeholder before publishing"
    assert "lft-allow" not in hints["raw-html"]
    assert "lft-allow phone" in hints["phone"]


def test_an_excuse_for_a_script_is_refused(tmp_path: Path) -> None:
    text = "<!-- lft-allow raw-html: it is only a demo -->\n<script>x()</script>\n"
    report = scan(tmp_path, {PAGE: text})
    assert found(report) == [f"{PAGE}:1:6 allow", f"{PAGE}:2:1 raw-html"]
    assert report.problems[0].message == (
        "lft-allow cannot excuse 'raw-html': it is never meant to be published"
    )


def test_raw_html_read_by_a_parser(tmp_path: Path) -> None:
    item = 'title: "Bibob-toets <svg/onload=alert(1)>"\nsummary: "x <img src=x onerror=alert(2)"\n'
    report = scan(tmp_path, {"content/item.yml": item})
    assert found(report) == [
        at("content/item.yml", item, "onload", "raw-html"),
        at("content/item.yml", item, "onerror", "raw-html"),
    ]


def test_svg_text_and_animation(tmp_path: Path) -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg"><text x="1">Stg. Geheim</text>\n'
        '<a><animate attributeName="href" values="javascript:alert(1)"/><text>BSN 111222333'
        "</text></a><style>.x{content:'111222333'}</style></svg>\n"
    )
    rel = "docs/assets/kaart.svg"
    report = scan(tmp_path, {rel: svg})
    assert found(report) == [
        at(rel, svg, "Stg.", "marking"),
        at(rel, svg, "<animate", "raw-html"),  # refused as a whole: no animation in pictures
        at(rel, svg, "111222333", "bsn"),
        at(rel, svg, "<style>", "raw-html"),
        at(rel, svg, "111222333", "bsn", 1),  # the text of a style element is read too
    ]


def test_the_guard_is_linear_on_long_runs(tmp_path: Path) -> None:
    runs = "".join(c * 20_000 + "\n" for c in " \t#`~-.0<&")
    text = "## Kop" + " " * 3000 + "\n" + runs + "`" * 5000 + "x" + "<!--" * 2000 + "\n"
    start = time.process_time()
    scan(tmp_path, {PAGE: text, "content/item.yml": "title: '" + " " * 30_000 + "x'\n"})
    assert time.process_time() - start < 5.0
