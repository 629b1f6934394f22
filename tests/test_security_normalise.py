"""One normaliser before every rule of both guards: compatibility forms, every format character,
other invisible characters, digits of other scripts and look-alike letters are undone first;
direction overrides and isolates are refused outright.

The forms here are not the ones the issue named (Cyrillic, Greek, full-width, superscript, the
combining grapheme joiner): they are other members of the same classes. Add one when a new form
turns up.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from conftest import write
from lft.check.guard.text import fold, normalise
from lft.finish.guard import scan_output
from test_guard import MAILBOXES, PAGE, at, found, scan


@pytest.mark.parametrize(
    ("written", "rule"),
    [
        (
            "\U0001d7cf\U0001d7cf\U0001d7cf\U0001d7d0\U0001d7d0\U0001d7d0\U0001d7d1\U0001d7d1\U0001d7d1",
            "bsn",
        ),  # mathematical bold digits
        ("\u0660\u0666-\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668", "phone"),  # Arabic-Indic
        ("\u0966\u096c 1234 5678", "phone"),  # Devanagari digits
        ("111\u3164222\u3164333", "bsn"),  # Hangul filler between the groups
        ("111\ufff9222\ufffb333", "bsn"),  # interlinear annotation marks (Cf)
        ("NL91\U000e0020ABNA0417164300", "iban"),  # a tag character (Cf)
        ("\u24c3L91ABNA0417164300", "iban"),  # circled letter
        ("Stg. Ge\u180bheim", "marking"),  # Mongolian free variation selector
        ("Stg. Ge\ufe0fheim", "marking"),  # a variation selector
        ("Niet \u0585penbaar", "marking"),  # Armenian o
        ("\ua4f0U Restricted", "marking"),  # Lisu E
        ("Staatsgeh\u0435\u0456m", "marking"),  # Cyrillic ie and i, in lower case
        ("\ufb01or Official Use Only".replace("\ufb01or", "F\u1d0fr"), "marking"),  # small cap o
        ("Departementaal Vertrouwel\u0133k".replace("\u0133", "ij"), "marking"),
    ],
    ids=lambda v: v if isinstance(v, str) and v.isascii() else None,
)
def test_other_hidden_forms_are_found(tmp_path: Path, written: str, rule: str) -> None:
    text = f"Zie hier: {written}.\n"
    report = scan(tmp_path, {PAGE: text})
    assert [line.split(" ")[1] for line in found(report)] == [rule]
    assert found(report)[0] == f"{PAGE}:1:11 {rule}"


def test_folding_keeps_plain_dutch_text_as_it_is() -> None:
    text = "Café, één coördinator, ’s-Hertogenbosch, € 12, Ĳsselmeer — «citaat»"
    normal = normalise(text)
    assert normal.text == "Café, één coördinator, ’s-Hertogenbosch, € 12, IJsselmeer - «citaat»"
    assert text[normal.origin(normal.text.index("Hertogen")) :].startswith("Hertogen")
    assert fold("é") == "é" and fold("\u00ad") == "" and fold("\u2028") == "\u2028"


def test_positions_after_wide_forms_are_in_the_original_text(tmp_path: Path) -> None:
    text = "ＢＳＮ\u200e １１１２２２３３３ en Ge\u034fheim, dan Stg. Ge\u0570eim\n"
    report = scan(tmp_path, {PAGE: text})
    assert found(report) == [
        at(PAGE, text, "１", "bsn"),
        at(PAGE, text, "Stg.", "marking"),
    ]


@pytest.mark.parametrize(
    ("rel", "text", "needle"),
    [
        ("content/item.yml", "title:\n  nl: 'Bibob\u2067-toets'\n", "\u2067"),
        (PAGE, "# Over ons \u202dlaatste\u202c nieuws\n", "\u202d"),
        (PAGE, "Tekst <!-- lft-allow direction: nodig --> \u2068x\u2069\n", "\u2068"),
    ],
)
def test_direction_overrides_and_isolates_are_refused(
    rel: str, text: str, needle: str, tmp_path: Path
) -> None:
    report = scan(tmp_path, {rel: text})
    directions = [p for p in report.problems if p.rule == "direction"]
    assert f"{directions[0].path}:{directions[0].line}:{directions[0].col} direction" == at(
        rel, text, needle, "direction"
    )
    assert "lft-allow" not in directions[0].hint
    assert directions[0].message.startswith("an invisible direction control (")


def test_the_output_guard_uses_the_same_normaliser(tmp_path: Path) -> None:
    root = tmp_path / "project"
    write(root, "guard.yml", MAILBOXES)
    site = root / "site"
    write(
        site,
        "index.html",
        "<p>Bel \u0660\u0666-\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668</p>\n",
    )
    write(
        site,
        "a.svg",
        '<svg xmlns="http://www.w3.org/2000/svg"><text>N\u0456et openbaar</text></svg>',
    )
    fragment = b"pagefind_dcd" + '{"content":"\U0001d7cf11222333"}'.encode()
    (site / "pagefind").mkdir()
    (site / "pagefind" / "f.pf_fragment").write_bytes(gzip.compress(fragment))
    assert [m.rsplit(" ", 1)[1] for m in scan_output(site, root)] == [
        "[marking]",
        "[phone]",
        "[bsn]",
    ]


@pytest.mark.parametrize(
    ("address", "rule"),
    [
        ("https://x.nl/zoek?bsn=111222333", "bsn"),
        ("https://x.nl/a#tel:06%2012345678", "phone"),
        ("mailto:jan.jansen%40politie.example", "email"),
        ("mailto:%6Aan%2540politie.example", "email"),  # encoded twice
        ("https://x.nl/?q=Stg.+Geheim", "marking"),
        ("https://x.nl/rapport/Niet%20openbaar.pdf", "marking"),
        ("https://x.nl/?u=jan.jansen%2540politie.example", "email"),
        ("https://x.nl/?iban=NL91%20ABNA%200417%201643%2000", "iban"),
    ],
)
def test_link_addresses_are_read_decoded(tmp_path: Path, address: str, rule: str) -> None:
    text = f"Zie [de bron]({address}).\n"
    report = scan(tmp_path, {PAGE: text})
    assert found(report) == [at(PAGE, text, address, rule)]
    assert report.problems[0].message.endswith(" in a link address")


def test_the_output_guard_reads_attributes_meta_open_graph_and_json_ld(tmp_path: Path) -> None:
    root = tmp_path / "project"
    write(root, "guard.yml", MAILBOXES)
    site = root / "site"
    page = (
        '<html><head><meta http-equiv="Content-Security-Policy" content="script-src '
        "'sha256-111222333'\">\n"
        '<meta name="description" content="Bel 06-12345678">\n'
        '<meta property="og:title" content="Stg. Geheim">\n'
        '<script type="application/ld+json">{"name": "NL91ABNA0417164300"}</script>\n'
        '</head><body><abbr title="BSN 111222333">x</abbr> <img alt="Niet openbaar" src="a.png">'
        '\n<a href="/zoek/?mail=jan%40politie.example" aria-label="tel. 020-1234567">z</a>'
        "</body></html>\n"
    )
    write(site, "index.html", page)
    assert scan_output(site, root) == [
        "index.html:2:35: phone number 06…78 in the attribute 'content' of <meta> [phone]",
        "index.html:3:36: security classification marking 'Stg. Geheim' in the attribute "
        "'content' of <meta> [marking]",
        "index.html:4:45: bank account number (IBAN) NL…00 [iban]",
        "index.html:5:27: possible BSN 11…33 in the attribute 'title' of <abbr> [bsn]",
        "index.html:5:61: security classification marking 'Niet openbaar' in the attribute "
        "'alt' of <img> [marking]",
        "index.html:6:10: e-mail address ja…le is not an allowed function mailbox in a link "
        "address in the attribute 'href' of <a> [email]",
        "index.html:6:57: phone number 02…67 in the attribute 'aria-label' of <a> [phone]",
    ]
