"""The guard over a built site: page text, search indexes, names and image metadata."""

from __future__ import annotations

import gzip
import struct
import time
import zlib
from pathlib import Path

import pytest

from conftest import write
from lft.check.guard.places import built_page
from lft.finish.guard import scan_output
from lft.problems import Problem
from test_guard import MAILBOXES


def _chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body)
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def png(text_chunks: list[tuple[bytes, bytes]]) -> bytes:
    header = _chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    pixels = _chunk(b"IDAT", zlib.compress(b"\0\0"))
    texts = b"".join(_chunk(kind, body) for kind, body in text_chunks)
    return b"\x89PNG\r\n\x1a\n" + header + texts + pixels + _chunk(b"IEND", b"")


def jpeg(comment: bytes) -> bytes:
    segment = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
    return b"\xff\xd8" + segment + b"\xff\xda\x00\x02" + b"\x00" * 8 + b"\xff\xd9"


def built(tmp_path: Path, files: dict[str, str | bytes]) -> tuple[Path, Path]:
    root = tmp_path / "project"
    write(root, "guard.yml", MAILBOXES)
    site = root / "site"
    for rel, data in files.items():
        write(site, rel, data)
    return site, root


def test_a_clean_site_has_no_findings(tmp_path: Path) -> None:
    site, root = built(
        tmp_path,
        {
            "index.html": "<p>Mail redactie@lft.example.org; in 2021 ging de tafel van start.</p>"
            '<a href="https://example.org/p/111222333">bron</a>\n',
            "assets/logo.png": png([(b"tEXt", b"Software\0Inkscape")]),
            "sitemap.xml": "<urlset><url><loc>https://lft.example.org/</loc></url></urlset>\n",
        },
    )
    assert scan_output(site, root) == []


def test_page_text_and_not_scripts(tmp_path: Path) -> None:
    page = (
        "<html><head><script>var id = '111222333';</script><style>p{}</style></head>\n"
        "<body><p>Stg.&nbsp;Geheim</p>\n<p>BSN 111&#8203;222&#8203;333, vertrouwelijk</p></body>"
    )
    site, root = built(tmp_path, {"nl/page/index.html": page})
    assert scan_output(site, root) == [
        "nl/page/index.html:2:10: security classification marking 'Stg. Geheim' [marking]",
        "nl/page/index.html:3:8: possible BSN 11…33 [bsn]",
    ]


def test_search_indexes_and_feeds(tmp_path: Path) -> None:
    fragment = b"pagefind_dcd" + b'{"content":"Bel 06 - 1234 5678"}'
    site, root = built(
        tmp_path,
        {
            "search/search_index.json": '{"docs": [\n {"text": "<p>IBAN NL91ABNA0417164300</p>"}]}',
            "pagefind/fragment/nl_abc.pf_fragment": gzip.compress(fragment),
            "feed.xml": "<rss><item><description>&lt;p&gt;jan.jansen@politie.example"
            "&lt;/p&gt;</description></item></rss>",
        },
    )
    assert scan_output(site, root) == [
        "feed.xml:1:34: e-mail address ja…le is not an allowed function mailbox [email]",
        "pagefind/fragment/nl_abc.pf_fragment:1:12: phone number 06…78 [phone]",
        "search/search_index.json:2:11: bank account number (IBAN) NL…00 [iban]",
    ]


def test_open_data_and_feeds(tmp_path: Path) -> None:
    site, root = built(
        tmp_path,
        {
            "data/interventions.csv": "id,summary_nl\r\nx,Bel 06 - 1234 5678\r\n",
            "data/catalog.jsonld": '{"dct:description": [{"@value": "NL91ABNA0417164300"}]}',
            "news.atom": "<feed><entry><summary>&lt;p&gt;jan.jansen@politie.example"
            "&lt;/p&gt;</summary></entry></feed>",
        },
    )
    assert scan_output(site, root) == [
        "news.atom:1:32: e-mail address ja…le is not an allowed function mailbox [email]",
        "data/catalog.jsonld:1:33: bank account number (IBAN) NL…00 [iban]",
        "data/interventions.csv:2:7: phone number 06…78 [phone]",
    ]


def test_pagefind_hash_names_are_not_text(tmp_path: Path) -> None:
    site, root = built(
        tmp_path,
        {
            "pagefind/pagefind.en_708851344c.pf_meta": b"\x1f\x8b",
            "pagefind/pagefind-entry.json": '{"languages": {"en": {"hash": "en_708851344c"}}}',
            "pagefind/fragment/en_1a.pf_fragment": gzip.compress(b'pagefind_dcd{"t":"708851344"}'),
        },
    )
    assert scan_output(site, root) == [
        "pagefind/fragment/en_1a.pf_fragment:1:6: possible BSN 70…44 [bsn]"
    ]


def test_names_of_files_and_folders(tmp_path: Path) -> None:
    site, root = built(tmp_path, {"dossier-111222333/index.html": "<p>x</p>"})
    assert scan_output(site, root) == [
        "dossier-111222333:1:1: possible BSN 11…33 in a file or folder name [bsn]",
    ]


def test_image_metadata(tmp_path: Path) -> None:
    site, root = built(
        tmp_path,
        {
            "assets/a.png": png(
                [
                    (b"tEXt", b"Comment\0BSN 111222333"),
                    (b"zTXt", b"Description\0\0" + zlib.compress(b"Niet openbaar")),
                    (b"iTXt", b"Title\0\0\0nl\0\0" + b"Tel. 06-12345678"),
                ]
            ),
            "assets/b.jpg": jpeg(b"Stg. Geheim"),
        },
    )
    assert scan_output(site, root) == [
        "assets/a.png:1:1: possible BSN 11…33 in the image metadata (PNG tEXt 'Comment') [bsn]",
        "assets/a.png:1:1: security classification marking 'Niet openbaar' in the image "
        "metadata (PNG zTXt 'Description') [marking]",
        "assets/a.png:1:1: phone number 06…78 in the image metadata (PNG iTXt 'Title') [phone]",
        "assets/b.jpg:1:1: security classification marking 'Stg. Geheim' in the image "
        "metadata (JPEG comment) [marking]",
    ]


def test_a_finding_excused_in_the_sources_is_excused_in_the_output(tmp_path: Path) -> None:
    site, root = built(tmp_path, {"index.html": "<p>Bel 020-1234567 of 020-7654321</p>"})
    excused = [(Problem("content/x.yml", 3, 8, "", "phone number 02…67", rule="phone"), "desk")]
    assert scan_output(site, root, excused=excused, sources={"index.md": "content/x.yml"}) == [
        "index.html:1:23: phone number 02…21 [phone]"
    ]


def test_an_excuse_holds_only_in_the_pages_built_from_its_file_and_as_often(
    tmp_path: Path,
) -> None:
    number = "<p>Bel 020-1234567</p>"
    fragment = b"pagefind_dcd" + b'{"url":"/en/interventions/a/","content":"Bel 020-1234567"}'
    site, root = built(
        tmp_path,
        {
            "interventions/a/index.html": number,
            "en/interventions/a/index.html": number + number,  # once excused, once not
            "interventions/b/index.html": number,  # another item: not excused there
            "about/index.html": number,  # a hand-written page: not excused there
            "interventions/index.html": number,  # the overview lists the YAML's summary
            "pagefind/fragment/en_a.pf_fragment": gzip.compress(fragment),
        },
    )
    excused = [
        (Problem("content/interventions/a/intervention.yml", 3, 8, "", "phone number 02…67",
                 rule="phone"), "the desk's public number"),
        (Problem("content/interventions/a/intervention.nl.md", 5, 1, "", "phone number 02…67",
                 rule="phone"), "the desk's public number"),
    ]  # fmt: skip
    sources: dict[str, str | None] = {
        "interventions/a/index.md": "content/interventions/a/intervention.yml",
        "interventions/a/index.en.md": "content/interventions/a/intervention.yml",
        "interventions/b/index.md": "content/interventions/b/intervention.yml",
        "interventions/index.md": None,
        "about.md": "docs/about.md",
    }
    assert scan_output(site, root, excused=excused, sources=sources) == [
        "about/index.html:1:8: phone number 02…67 [phone]",
        "en/interventions/a/index.html:1:30: phone number 02…67 [phone]",
        "interventions/b/index.html:1:8: phone number 02…67 [phone]",
    ]


@pytest.mark.parametrize(
    ("uri", "page"),
    [
        ("index.md", ("index.html", "nl")),
        ("index.en.md", ("en/index.html", "en")),
        ("about.md", ("about/index.html", "nl")),
        ("about.en.md", ("en/about/index.html", "en")),
        ("phenomena/x/charter/index.en.md", ("en/phenomena/x/charter/index.html", "en")),
    ],
)
def test_the_page_a_source_becomes(uri: str, page: tuple[str, str]) -> None:
    assert built_page(uri) == page


def test_many_pages_are_fast(tmp_path: Path) -> None:
    text = "<html><body>" + "<p>Een gewone alinea over de vastgoedketen, 2021.</p>\n" * 200
    site, root = built(tmp_path, {f"p{i}/index.html": text for i in range(200)})
    start = time.process_time()
    assert scan_output(site, root) == []
    assert time.process_time() - start < 10  # about 15 ms of CPU a page here
