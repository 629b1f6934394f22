"""The publication guard: each rule catches its case at the exact place, and near-misses pass."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import REPO, TESTS, copy_fixture, replace, write
from lft.check.guard import GuardReport, bsn_valid, guard, iban_valid, mask
from lft.check.project import check_project
from lft.problems import Severity
from lft.source.model import Content

TODAY = date(2026, 11, 29)
GUARD_FIXTURES = TESTS / "fixtures" / "guard"
PAGE = "content/page.md"
ITEM = "content/item.yml"
MAILBOXES = "allowed_mailboxes:\n  - redactie@lft.example.org\n"


def site(root: Path, files: dict[str, str]) -> Path:
    """A project folder with guard.yml and the given files."""
    write(root, "guard.yml", MAILBOXES)
    (root / "content").mkdir(exist_ok=True)
    for rel, text in files.items():
        write(root, rel, text)
    return root


def scan(root: Path, files: dict[str, str], *, allow_drafts: bool = False) -> GuardReport:
    return guard(site(root, files), Content(), TODAY, allow_drafts=allow_drafts)


def found(report: GuardReport) -> list[str]:
    """`path:line:col rule`, with ' (warning)' for warnings."""
    return [
        f"{p.path}:{p.line}:{p.col} {p.rule}"
        + (" (warning)" if p.severity is Severity.WARNING else "")
        for p in report.problems
    ]


def at(rel: str, text: str, needle: str, rule: str, nth: int = 0) -> str:
    """`path:line:col rule` of the nth occurrence of `needle` in `text` (1-based positions)."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{rel}:{line}:{col} {rule}"


# --- helpers ------------------------------------------------------------------------------


def test_bsn_eleven_test() -> None:
    assert bsn_valid("111222333")
    assert bsn_valid("123456782")
    assert not bsn_valid("123456789")
    assert not bsn_valid("000000000")


def test_iban_checksum() -> None:
    assert iban_valid("NL91ABNA0417164300")
    assert iban_valid("DE89370400440532013000")
    assert iban_valid("GB82WEST12345698765432")
    assert not iban_valid("NL92ABNA0417164300")
    assert not iban_valid("NL91ABNA041716430")  # one character short for NL


def test_mask_shows_two_characters_each_side() -> None:
    assert mask("123456782") == "12…82"
    assert mask("abc") == "…"


# --- personal data ------------------------------------------------------------------------


def test_bsn(tmp_path: Path) -> None:
    text = (
        "BSN 111222333, of 1112.22.333, of 111 222 333.\n"
        "Ongeldig: 123456789. Te lang: 1112223334. Gegroepeerd: 1 111 222 333.\n"
        "Een ID: https://www.researchgate.net/publication/111222333\n"
    )
    report = scan(tmp_path, {PAGE: text})
    assert found(report) == [
        at(PAGE, text, "111222333", "bsn"),
        at(PAGE, text, "1112.22.333", "bsn"),
        at(PAGE, text, "111 222 333", "bsn"),
    ]
    assert found(report)[0] == f"{PAGE}:1:5 bsn"
    assert report.problems[0].message == "possible BSN 11…33"
    assert "lft-allow bsn" in report.problems[0].hint


def test_a_figure_is_not_a_bsn(tmp_path: Path) -> None:
    assert bsn_valid("130000000")
    report = scan(tmp_path, {ITEM: "key_facts:\n  - figure: 130000000\n    year: 2020\n"})
    assert found(report) == []


def test_bsn_in_yaml(tmp_path: Path) -> None:
    report = scan(tmp_path, {ITEM: "title:\n  nl: Dossier van 123456782\n"})
    assert found(report) == [f"{ITEM}:2:19 bsn"]
    assert "'# lft-allow bsn: <reason>'" in report.problems[0].hint
    assert str(report.problems[0]).startswith(f"{ITEM}:2:19: possible BSN 12…82 [bsn] (")


def test_iban(tmp_path: Path) -> None:
    text = (
        "Rekening NL91ABNA0417164300 of NL91 ABNA 0417 1643 00.\n"
        "Duits: DE89370400440532013000. Fout: NL92ABNA0417164300, AB12CDEFGHIJKL.\n"
    )
    report = scan(tmp_path, {PAGE: text})
    assert found(report) == [
        at(PAGE, text, "NL91ABNA", "iban"),
        at(PAGE, text, "NL91 ABNA", "iban"),
        at(PAGE, text, "DE89", "iban"),
    ]
    assert report.problems[0].message == "bank account number (IBAN) NL…00"


def test_phone(tmp_path: Path) -> None:
    numbers = [
        "020-1234567",
        "06 12345678",
        "06-12345678",
        "+31 6 12345678",
        "0031 20 123 4567",
        "(020) 123 45 67",
        "+31 (0)20 123 4567",
        "0201234567",
    ]
    text = (
        f"Bel {numbers[0]} of {numbers[1]}.\nOf {', '.join(numbers[2:])}.\n"
        "Niet: 2021, 50000 panden, 40.000 woningen, 2021-09-08, 08-09-2021 12 panden.\n"
        "Niet: 06-1234567 (te kort), 1234567890, https://example.org/t/0612345678.\n"
    )
    report = scan(tmp_path, {PAGE: text})
    assert found(report) == [at(PAGE, text, number, "phone") for number in numbers]
    assert found(report)[0] == f"{PAGE}:1:5 phone"
    assert report.problems[0].message == "phone number 02…67"


def test_public_service_numbers(tmp_path: Path) -> None:
    text = (
        "Bel 112, de politie op 0900-8844, 0900 88 44 of +31 900 8844.\n"
        "Niet: 06-12345678 naast 0900-8844, en 0900-1234 of 0800-7000 staan niet op de lijst.\n"
    )
    site(tmp_path, {PAGE: text})
    write(tmp_path, "guard.yml", MAILBOXES + 'public_numbers:\n  - "112"\n  - 0900-8844\n')
    report = guard(tmp_path, Content(), TODAY)
    assert found(report) == [
        at(PAGE, text, "06-", "phone"),
        at(PAGE, text, "0900-1234", "phone"),
        at(PAGE, text, "0800-7000", "phone"),
    ]


def test_email(tmp_path: Path) -> None:
    report = scan(
        tmp_path,
        {
            PAGE: "Mail jan.jansen@politie.example of redactie@lft.example.org.\n"
            "[Piet](mailto:piet@example.org), [redactie](mailto:Redactie@lft.example.org).\n"
            "Social: https://mastodon.example/@lft.\n"
        },
    )
    assert found(report) == [f"{PAGE}:1:6 email", f"{PAGE}:2:15 email"]
    assert report.problems[0].message == ("e-mail address ja…le is not an allowed function mailbox")


def test_without_guard_settings_every_address_is_flagged(tmp_path: Path) -> None:
    write(tmp_path, PAGE, "Mail redactie@lft.example.org.\n")
    report = guard(tmp_path, Content(), TODAY)
    assert found(report) == [f"{PAGE}:1:6 email", "guard.yml:1:1 allow (warning)"]


def test_the_repository_allows_only_the_editors_mailbox() -> None:
    text = (REPO / "guard.yml").read_text(encoding="utf-8")
    assert "function mailbox" in text
    report = guard(REPO, Content(), TODAY)
    assert not [p for p in report.problems if p.rule == "email"]


def test_case_number(tmp_path: Path) -> None:
    report = scan(
        tmp_path,
        {PAGE: "Parket 12/345678-21 en PL0900-12345678.\nNiet: 1/345678-21, PL09-1234.\n"},
    )
    assert found(report) == [f"{PAGE}:1:8 case-number", f"{PAGE}:1:24 case-number"]


def test_suspect_name(tmp_path: Path) -> None:
    text = (
        "De verdachte Jan J. werd later vrijgelaten.\n\n"
        "Dit is een lange alinea over iets heel anders, zonder enig verband met de vorige.\n"
        "Piet P. schreef een boek over de vastgoedketen en de rol van de poortwachters.\n\n"
        "Zie Bijlage A. over verdachte transacties.\n"
    )
    report = scan(tmp_path, {PAGE: text})
    assert found(report) == [f"{PAGE}:1:14 suspect-name (warning)"]
    assert report.problems[0].message == "possible name of a person (Ja…J.) near 'verdachte'"


# --- markings and words -------------------------------------------------------------------


def test_marking(tmp_path: Path) -> None:
    markings = [
        "Stg. Geheim",
        "stg confidentieel",
        "STG. ZEER GEHEIM",
        "Staatsgeheim",
        "Departementaal Vertrouwelijk",
        "Politie\nvertrouwelijk",
        "Niet openbaar",
        "niet voor publicatie",
        "intern gebruik",
        "For Official Use Only",
        "EU RESTRICTED",
        "RESTRICTED",
    ]
    text = (
        f"{markings[0]}\n{markings[1]}, {markings[2]}, {markings[3]}\n"
        f"{markings[4]}; {markings[5]}\n"
        f"{markings[6]}, {markings[7]}, alleen voor {markings[8]}\n"
        f"{markings[9]}, {markings[10]}, {markings[11]}\n"
        "Niet: restricted access, openbare bronnen, niet openbare stukken.\n"
    )
    report = scan(tmp_path, {PAGE: text})
    expected = [at(PAGE, text, m, "marking") for m in markings[:11]]
    expected.append(at(PAGE, text, "RESTRICTED", "marking", nth=1))
    assert found(report) == expected
    assert report.problems[5].message == ("security classification marking 'Politie vertrouwelijk'")


def test_confidential_word_is_a_warning(tmp_path: Path) -> None:
    report = scan(
        tmp_path,
        {
            PAGE: "U kunt vertrouwelijk melden.\nConfidential reporting. Onder embargo.\n",
            ITEM: "publish_from: 2027-01-01\ntitle: {nl: Titel}\n",
        },
    )
    assert found(report) == [
        f"{PAGE}:1:8 confidential-word (warning)",
        f"{PAGE}:2:1 confidential-word (warning)",
        f"{PAGE}:2:31 confidential-word (warning)",
    ]
    assert (
        report.problems[0].message == "'vertrouwelijk' may point at information that is not public"
    )


def test_placeholder(tmp_path: Path) -> None:
    files = {
        ITEM: 'summary:\n  nl: "TODO: beschrijf het probleem"\n',
        PAGE: "## Probleem\n\nTODO\n\nNiet: todo, TODOS, de to-do-lijst.\n",
    }
    report = scan(tmp_path, files)
    assert found(report) == [f"{ITEM}:2:8 placeholder", f"{PAGE}:3:1 placeholder"]
    assert report.problems[0].message == "unfinished text: 'TODO: beschrijf het probleem'"
    preview = guard(tmp_path, Content(), TODAY, allow_drafts=True)
    assert found(preview) == [
        f"{ITEM}:2:8 placeholder (warning)",
        f"{PAGE}:3:1 placeholder (warning)",
    ]


def test_allow_drafts_changes_only_placeholders(tmp_path: Path) -> None:
    report = scan(tmp_path, {PAGE: "TODO 111222333\n"}, allow_drafts=True)
    assert found(report) == [f"{PAGE}:1:1 placeholder (warning)", f"{PAGE}:1:6 bsn"]


# --- HTML and links -----------------------------------------------------------------------


def test_raw_html(tmp_path: Path) -> None:
    page = (
        "<script>alert(1)</script>\n"
        '<img src="logo.png" alt="" onerror="alert(1)">\n'
        "[klik](javascript:alert(1)) ![x](data:text/html;base64,AAAA)\n"
        '<a href="jav&#x09;ascript:alert(1)">x</a> <svg onload="x()"></svg>\n'
        '<iframe src="https://example.org"></iframe><style>p{}</style><form action="/x">\n'
        'Fine: a<br>b <abbr title="x">X</abbr> <span lang="nl">y</span> `<script>`\n'
        "```\n<script>shown as code</script>\n```\n"
    )
    item = 'summary:\n  nl: "Zie <script>x</script>"\nurl: "javascript:alert(1)"\n'
    report = scan(tmp_path, {PAGE: page, ITEM: item})
    raw = [line for line in found(report) if line.endswith("raw-html")]
    assert raw == [
        at(ITEM, item, "<script>", "raw-html"),
        at(ITEM, item, "javascript:", "raw-html"),
        at(PAGE, page, "<script>", "raw-html"),
        at(PAGE, page, "onerror", "raw-html"),
        at(PAGE, page, "javascript:", "raw-html"),
        at(PAGE, page, "data:", "raw-html"),
        at(PAGE, page, "jav&#x09;", "raw-html"),
        at(PAGE, page, "onload", "raw-html"),
        at(PAGE, page, "<iframe", "raw-html"),
        at(PAGE, page, "<style>", "raw-html"),
        at(PAGE, page, "<form", "raw-html"),
    ]
    assert raw[2] == f"{PAGE}:1:1 raw-html"
    messages = [p.message for p in report.problems if p.rule == "raw-html"]
    assert "dangerous HTML: the event attribute 'onerror='" in messages
    assert "dangerous HTML: a 'javascript:' address in 'href='" in messages


def test_script_in_an_svg_image(tmp_path: Path) -> None:
    report = scan(
        tmp_path,
        {
            "content/news/2021-09-08-start/image.svg": '<svg onload="x()"><rect/></svg>\n',
            "docs/assets/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>\n',
        },
    )
    image = "content/news/2021-09-08-start/image.svg"
    assert found(report) == [  # no SVG namespace, an event handler, a <rect> of no namespace
        f"{image}:1:1 raw-html",
        f"{image}:1:6 raw-html",
        f"{image}:1:19 raw-html",
    ]


def test_links_in_content(tmp_path: Path) -> None:
    text = (
        "[terug](../../x) en [ander](other.md) en [ftp](ftp://example.org/f).\n"
        "![foto](https://example.org/a.png) [bestand](file:///etc/passwd)\n"
        "Fine: [a](https://example.org) [b](http://example.org) [c](#kop) "
        "[d](mailto:redactie@lft.example.org) <https://example.org/x>\n"
        "[ref]: ../elders.md\n"
    )
    report = scan(tmp_path, {PAGE: text})
    assert found(report) == [
        at(PAGE, text, "../../x", "link"),
        at(PAGE, text, "other.md", "link"),
        at(PAGE, text, "ftp://", "link"),
        at(PAGE, text, "https://example.org/a.png", "link"),
        at(PAGE, text, "file://", "link"),
        at(PAGE, text, "../elders.md", "link"),
    ]
    assert found(report)[0] == f"{PAGE}:1:9 link"
    assert report.problems[0].message == "relative link '../../x'"
    assert report.problems[0].hint.startswith(
        "link to other site pages by their full address, or ask the editors"
    )


def test_links_in_docs(tmp_path: Path) -> None:
    write(tmp_path, "docs/assets/logo.png", "png")
    about = (
        "[over](contribute.md) [lijst](phenomena/index.md) [kop](#a)\n"
        "![logo](assets/logo.png) ![weg](assets/weg.png)\n"
        "[uit](../README.md) [ftp](ftp://example.org) [c](sub/../../x.md)\n"
    )
    report = scan(
        tmp_path,
        {
            "docs/about.md": about,
            "docs/sub/page.md": "[terug](../about.md) ![logo](../assets/logo.png)\n",
        },
    )
    assert found(report) == [
        at("docs/about.md", about, "assets/weg.png", "link"),
        at("docs/about.md", about, "../README.md", "link"),
        at("docs/about.md", about, "ftp://", "link"),
        at("docs/about.md", about, "sub/../../x.md", "link"),
    ]
    assert report.problems[0].message == "image 'assets/weg.png' does not exist"
    assert report.problems[1].message == "link '../README.md' points outside docs/"


# --- exceptions ---------------------------------------------------------------------------


def test_excused_with_a_reason(tmp_path: Path) -> None:
    report = scan(
        tmp_path,
        {
            ITEM: "# lft-allow phone: the public number of the FIU desk\n"
            'phone: "020-1234567"\n'
            'fax: "020-7654321"  # lft-allow phone: the public fax of the FIU desk\n',
            PAGE: "<!-- lft-allow phone: the public number of the FIU desk -->\n"
            "Bel 020-1234567.\n"
            "Bel 020-1234568.\n",
        },
    )
    assert found(report) == [f"{PAGE}:3:5 phone"]
    assert [(f"{p.path}:{p.line}:{p.col} {p.rule}", why) for p, why in report.excused] == [
        (f"{ITEM}:2:9 phone", "the public number of the FIU desk"),
        (f"{ITEM}:3:7 phone", "the public fax of the FIU desk"),
        (f"{PAGE}:2:5 phone", "the public number of the FIU desk"),
    ]


def test_excuse_covers_a_multi_line_text(tmp_path: Path) -> None:
    report = scan(
        tmp_path,
        {
            ITEM: "summary:\n"
            "  nl: >-  # lft-allow confidential-word: vertrouwelijk melden is normal prose\n"
            "    Meldingen (één, twee) zijn\n    altijd vertrouwelijk; een melding\n"
            "    is vertrouwelijk.\n"
            "other: vertrouwelijk\n"
        },
    )
    assert found(report) == [f"{ITEM}:6:8 confidential-word (warning)"]
    assert [p.line for p, _ in report.excused] == [2, 4, 5]


def test_an_excuse_needs_a_reason_and_a_rule(tmp_path: Path) -> None:
    report = scan(
        tmp_path,
        {
            PAGE: "Bel 020-1234567. <!-- lft-allow phone -->\n"
            "<!-- lft-allow phone:   -->\nBel 020-1234568.\n"
            "<!-- lft-allow telefoon: het bureau -->\nBel 020-1234569.\n"
            "lft-allow phone: shown on the page\nBel 020-1234560.\n",
            ITEM: 'summary: "lft-allow bsn: inside the text"\n',
        },
    )
    assert found(report) == [
        f"{ITEM}:1:11 allow",
        f"{PAGE}:1:5 phone",
        f"{PAGE}:1:23 allow",
        f"{PAGE}:2:6 allow",
        f"{PAGE}:3:5 phone",
        f"{PAGE}:4:6 allow",
        f"{PAGE}:5:5 phone",
        f"{PAGE}:6:1 allow",
        f"{PAGE}:7:5 phone",
    ]
    messages = [p.message for p in report.problems if p.rule == "allow"]
    assert messages == [
        "lft-allow inside a text value would be published",
        "lft-allow phone gives no reason",
        "lft-allow phone gives no reason",
        "lft-allow names an unknown rule 'telefoon'",
        "lft-allow outside an HTML comment would be shown on the page",
    ]


def test_an_unused_excuse_is_a_warning(tmp_path: Path) -> None:
    report = scan(
        tmp_path,
        {
            PAGE: "<!-- lft-allow bsn: an example number -->\nNothing here.\n\nBel 020-1234567.\n",
            ITEM: "# lft-allow phone: too far away\n\ntitle: 020-1234567\n",
        },
    )
    assert found(report) == [
        f"{ITEM}:1:3 allow (warning)",
        f"{ITEM}:3:8 phone",
        f"{PAGE}:1:6 allow (warning)",
        f"{PAGE}:4:5 phone",
    ]
    assert report.problems[0].message == "lft-allow phone: nothing to excuse here"


def test_an_excuse_covers_only_its_rule(tmp_path: Path) -> None:
    report = scan(tmp_path, {PAGE: "<!-- lft-allow phone: desk -->\n111222333 020-1234567\n"})
    assert found(report) == [f"{PAGE}:2:1 bsn"]
    assert len(report.excused) == 1


# --- drafts, embargo, references ----------------------------------------------------------

PHENOMENON = "content/phenomena/voorbeeld/phenomenon.yml"
CHARTER = "content/phenomena/voorbeeld/charter.yml"
SCREENING = "content/interventions/voorbeeld-screening/intervention.yml"
AWAITING = "content/interventions/nog-te-vertalen/intervention.yml"
NEWS = "content/news/2021-09-08-start/news.yml"


@pytest.fixture
def fixture_site(tmp_path: Path) -> Path:
    root = copy_fixture(tmp_path / "site")
    write(root, "guard.yml", MAILBOXES)
    return root


def run(root: Path, *, allow_drafts: bool = False) -> GuardReport:
    checked = check_project(root)
    assert [p for p in checked.errors if not p.rule] == []  # content checks; the guard is below
    return guard(root, checked.content, TODAY, allow_drafts=allow_drafts)


def test_the_fixture_site_is_clean(fixture_site: Path) -> None:
    report = run(fixture_site)
    assert report.problems == [] and report.excused == [] and report.left_out == []


def test_drafts_and_embargo_are_left_out(fixture_site: Path) -> None:
    replace(fixture_site, AWAITING, "awaiting_translation: [en]\n", "draft: true\n"
            "awaiting_translation: [en]\n")  # fmt: skip
    replace(fixture_site, NEWS, "type: news\n", "type: news\npublish_from: 2027-01-01\n")
    report = run(fixture_site)
    assert report.left_out == [
        (AWAITING, "draft"),
        (NEWS, "embargo until 2027-01-01"),
    ]
    assert report.problems == []
    assert run(fixture_site, allow_drafts=True).left_out == report.left_out


def test_embargo_that_has_passed_is_published(fixture_site: Path) -> None:
    replace(fixture_site, NEWS, "type: news\n", "type: news\npublish_from: 2026-11-29\n")
    assert run(fixture_site).left_out == []


def test_published_items_may_not_refer_to_a_draft(fixture_site: Path) -> None:
    replace(fixture_site, PHENOMENON, "\ntitle:", "\ndraft: true\ntitle:")
    report = run(fixture_site)
    assert report.left_out == [(PHENOMENON, "draft")]
    assert found(report) == [
        f"{AWAITING}:6:17 unpublished-reference",
        f"{SCREENING}:5:17 unpublished-reference",
        f"{NEWS}:6:13 unpublished-reference",
        f"{CHARTER}:2:1 unpublished-reference",
    ]
    assert report.problems[0].message == (
        "refers to phenomenon 'voorbeeld', which is not published (draft)"
    )


def test_a_reference_can_be_excused_and_drafts_may_refer_to_drafts(fixture_site: Path) -> None:
    replace(fixture_site, PHENOMENON, "\ntitle:", "\npublish_from: 2027-01-01\ntitle:")
    replace(fixture_site, CHARTER, "\nname:", "\npublish_from: 2027-01-01\nname:")
    replace(fixture_site, AWAITING, "awaiting_translation: [en]\n", "draft: true\n"
            "awaiting_translation: [en]\n")  # fmt: skip
    replace(
        fixture_site,
        SCREENING,
        "  - phenomenon: voorbeeld\n",
        "  - phenomenon: voorbeeld  # lft-allow unpublished-reference: goes live together\n",
    )
    replace(fixture_site, NEWS, "type: news\n", "type: news\ndraft: true\n")
    report = run(fixture_site)
    assert report.problems == []
    assert [(p.path, p.line, why) for p, why in report.excused] == [
        (SCREENING, 5, "goes live together")
    ]


def test_placeholders_in_a_draft_are_warnings(fixture_site: Path) -> None:
    replace(fixture_site, AWAITING, "awaiting_translation: [en]\n", "draft: true\n"
            "awaiting_translation: [en]\n")  # fmt: skip
    prose = "content/interventions/nog-te-vertalen/intervention.nl.md"
    write(fixture_site, prose, (fixture_site / prose).read_text(encoding="utf-8") + "\nTODO\n")
    write(fixture_site, "docs/about.md", "TODO\n")
    report = run(fixture_site)
    lines = (fixture_site / prose).read_text(encoding="utf-8").count("\n")
    assert [line for line in found(report) if "placeholder" in line] == [
        f"{prose}:{lines}:1 placeholder (warning)",
        "docs/about.md:1:1 placeholder",
    ]


# --- no false alarms ----------------------------------------------------------------------


def test_near_misses_are_not_flagged(tmp_path: Path) -> None:
    write(tmp_path, "guard.yml", MAILBOXES)
    shutil.copy(GUARD_FIXTURES / "near-misses.md", write(tmp_path, PAGE, ""))
    shutil.copy(GUARD_FIXTURES / "near-misses.md", write(tmp_path, "docs/near.md", ""))
    report = guard(tmp_path, Content(), TODAY)
    assert found(report) == []


def test_the_real_content_passes() -> None:
    checked = check_project(REPO)
    report = guard(REPO, checked.content, TODAY)
    assert [str(p) for p in report.problems] == []  # not even a warning: a release must pass
