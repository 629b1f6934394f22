"""SVG and XML read as a browser reads them: an allow-list for pictures, parsed as XML without
DTDs or entities, namespaces resolved; XML the site writes, written by a serialiser.

The corpus in `hostile_svg/refused/` holds one attack per file (namespaced scripts, XHTML inside
SVG, entities, XSLT, `url()` to other sites, CSS escapes, animation…); every one must be refused
by `lft check`, by the output scan, and never be written by the build. `hostile_svg/allowed/`
holds pictures that must pass and come out clean. Add a file when a new form turns up.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import cast

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from lft.check.guard.config import settings
from lft.check.guard.scan import picture
from lft.check.guard.text import Text
from lft.check.publisher import SITE_ADDRESS, Publisher, address_problem
from lft.engine.mkdocs.plugin import _publisher_addresses
from lft.finish.findable import sitemap
from lft.finish.policy import HEADERS, PICTURE_POLICY, headers_file, policy, site_policy
from lft.finish.scan import Trust, scan_site, scan_xml
from lft.source.svg import check, clean, clean_site
from lft.source.xmldoc import Document, Element, parse

CORPUS = Path(__file__).parent / "hostile_svg"
REFUSED = sorted((CORPUS / "refused").glob("*.svg"))
ALLOWED = sorted((CORPUS / "allowed").glob("*.svg"))
SVG = 'xmlns="http://www.w3.org/2000/svg"'


@pytest.mark.parametrize("path", REFUSED, ids=lambda p: p.name)
def test_every_hostile_picture_is_refused_with_its_place(path: Path) -> None:
    data = path.read_bytes()
    _document, refused = check(data)
    assert refused, path.name
    lines = data.count(b"\n") + 1
    assert all(1 <= r.line <= lines and r.col >= 1 for r in refused)


@pytest.mark.parametrize("path", REFUSED, ids=lambda p: p.name)
def test_the_output_scan_refuses_every_hostile_picture_and_the_build_leaves_it(
    tmp_path: Path, path: Path
) -> None:
    (tmp_path / "assets").mkdir()
    target = tmp_path / "assets" / "picture.svg"
    target.write_bytes(path.read_bytes())
    clean_site(tmp_path)
    assert target.read_bytes() == path.read_bytes()  # not written: refused as it is
    problems = scan_site(tmp_path, Trust())
    assert problems and all(p.path == "assets/picture.svg" for p in problems)
    assert all(p.message.startswith(("SVG picture: ", "a document", "not well")) for p in problems)


@pytest.mark.parametrize("path", ALLOWED, ids=lambda p: p.name)
def test_allowed_pictures_come_out_clean_and_stay_allowed(path: Path) -> None:
    document, refused = check(path.read_bytes())
    assert refused == []
    assert document is not None
    cleaned = clean(document)
    again, refused_again = check(cleaned)
    assert refused_again == []
    assert again is not None and clean(again) == cleaned  # cleaning is stable
    assert b"<!--" not in cleaned and b"<?" not in cleaned and b"xlink" not in cleaned
    assert b"<script" not in cleaned  # text that looks like markup stays text


def test_cleaning_keeps_text_and_escapes_it() -> None:
    document, _ = check((CORPUS / "allowed" / "chart.svg").read_bytes())
    assert document is not None
    text = clean(document).decode()
    assert (
        '2024 <tspan font-weight="bold">&lt;script&gt;</tspan> &lt;b&gt;niet vet&lt;/b&gt;' in text
    )
    assert '<use href="#bar" x="20" />' in text
    assert text.startswith('<svg xmlns="http://www.w3.org/2000/svg" ')


@pytest.mark.parametrize(
    ("picture", "message", "line", "col"),
    [
        (
            f'<svg {SVG}>\n  <rect width="1" fill="url(//x.invalid/p)"/></svg>',
            "a url() in the attribute 'fill' that is not a fragment of this picture "
            "(like url(#shade))",
            2,
            19,
        ),
        (
            f'<svg {SVG} xmlns:q="http://www.w3.org/1999/xhtml">\n<g>\n <q:iframe/></g></svg>',
            "a <iframe> element of http://www.w3.org/1999/xhtml",
            3,
            2,
        ),
        (
            f"<svg {SVG}><text>&ext;</text></svg>",
            "not well-formed XML: undefined entity",
            1,
            47,
        ),
        (
            f'<!DOCTYPE x [<!ENTITY a "b">]><svg {SVG}/>',
            "a document type declaration (DOCTYPE) or entity, which can expand into anything",
            1,
            13,
        ),
        (
            f'<svg {SVG}><a href="  data:text/html,x"><text>x</text></a></svg>',
            "a link to 'data:text/html,x' in 'href': a picture links to https: or mailto: "
            "addresses or to a #fragment of itself",
            1,
            44,
        ),
    ],
)
def test_refusals_name_what_and_where(picture: str, message: str, line: int, col: int) -> None:
    _, refused = check(picture.encode())
    assert [(r.message, r.line, r.col) for r in refused] == [(message, line, col)]


def test_a_billion_laughs_is_refused_before_it_expands() -> None:
    laughs = '<!DOCTYPE s [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    document = parse(f"{laughs}]><svg {SVG}><text>&i;</text></svg>".encode())
    assert not isinstance(document, Document)


def _guard(tmp_path: Path, text: str) -> list[str]:
    doc = Text("docs/assets/kaart.svg", text)
    return sorted(f"{f.line}:{f.col} {f.rule}" for f in picture(doc, settings(tmp_path)[0]))


def test_the_guard_reads_split_numbers_labels_comments_and_cdata(tmp_path: Path) -> None:
    text = (
        f"<svg {SVG}>\n"
        '<text x="1"><tspan>BSN 1112</tspan><tspan>22333</tspan></text>\n'
        '<g aria-label="bel 06 12345678"/>\n'
        "<!-- rekening NL91ABNA0417164300 -->\n"
        "<text><![CDATA[Stg. Geheim]]></text>\n"
        "<title>Departementaal Vertrouwelijk</title>\n"
        "</svg>\n"
    )
    assert _guard(tmp_path, text) == [
        "2:24 bsn",
        "3:1 phone",  # an attribute value: at its element
        "4:15 iban",
        "5:16 marking",
        "6:8 marking",
    ]


def test_xml_files_of_the_site_are_read_as_xml(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:h="http://www.w3.org/1999/xhtml"><url><loc>https://x.nl/</loc>'
        '<h:link rel="alternate" href="https://x.nl/"/><h:script>alert(1)</h:script>'
        '<h:a href="javascript:alert(2)"/></url></urlset>',
        encoding="utf-8",
    )
    (tmp_path / "feed.xml").write_text(
        '<?xml-stylesheet type="text/xsl" href="/f.xsl"?><feed/>', encoding="utf-8"
    )
    (tmp_path / "page.xhtml").write_text("<html/>", encoding="utf-8")
    problems = [(p.path, p.col, p.message) for p in scan_site(tmp_path, Trust())]
    assert problems == [
        (
            "feed.xml",
            1,
            'a processing instruction \'<?xml-stylesheet type="text/xsl" href="/f.xsl"?>\'',
        ),
        ("page.xhtml", 1, "a .xhtml file, which a browser opens as a page that runs scripts"),
        ("sitemap.xml", 175, "an HTML or SVG <script> element"),
        ("sitemap.xml", 204, "a script address in href="),
        ("sitemap.xml", 204, "an HTML or SVG <a> element"),
    ]


@pytest.mark.parametrize(
    "home",
    [
        'https://x.nl/"><script>alert(1)</script>',
        "https://x.nl/]]><script>alert(1)</script><![CDATA[",
        "https://x.nl/&amp;<!--",
    ],
)
def test_the_sitemap_escapes_every_address(home: str) -> None:
    text = sitemap([(home, "2026-01-01")], home)
    document = parse(text.encode())
    assert isinstance(document, Document)
    [entry] = [e for e in document.root.children if isinstance(e, Element)]
    assert "<script" not in text
    assert [c.name for c in entry.children if isinstance(c, Element)][:2] == ["loc", "lastmod"]
    assert home in text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace(
        "&amp;", "&"
    )


@pytest.mark.parametrize(
    "value",
    [
        'https://x.nl/"><script>',
        "https://x.nl/ onmouseover=alert(1)",
        "http://x.nl/",
        "//x.nl/",
        "javascript:alert(1)//https://x.nl/",
        "https://x.nl/'",
        "https://x.nl/\n",
        "https://x.nl/`",
        "https:///x",
        "https://x.nl/\\evil",
    ],
)
def test_site_addresses_are_absolute_https_without_markup(value: str) -> None:
    assert address_problem("LFT_SITE_URL", value) == (
        f"LFT_SITE_URL={value!r} is not an absolute https:// address without spaces, quotes or "
        "markup; give one like https://www.example-lft.nl/"
    )


@pytest.mark.parametrize(
    "value",
    ["https://lft.example.org/", "https://github.com/lft-ondermijning/lft", "https://x.nl:8443/a/"],
)
def test_real_site_addresses_pass(value: str) -> None:
    assert address_problem("site_url", value) == ""


def test_the_schema_and_the_code_have_one_address_rule() -> None:
    common = json.loads((Path(__file__).parents[1] / "schemas/common.schema.json").read_text())
    assert common["$defs"]["site-address"]["pattern"] == f"^{SITE_ADDRESS.pattern}$"
    publisher = json.loads(
        (Path(__file__).parents[1] / "schemas/publisher.schema.json").read_text()
    )
    for key in ("site_url", "repository"):
        assert publisher["properties"][key] == {"$ref": "common.schema.json#/$defs/site-address"}
    assert re.fullmatch(SITE_ADDRESS, "https://lft.example.org/")


@pytest.mark.parametrize(
    ("variable", "option"), [("LFT_SITE_URL", "site_url"), ("LFT_REPO_URL", "repo_url")]
)
def test_an_address_from_the_environment_is_checked_where_it_enters(
    monkeypatch: pytest.MonkeyPatch, variable: str, option: str
) -> None:
    bad = 'https://x.nl/"><svg onload=alert(1)>'
    monkeypatch.setenv(variable, bad)
    config = cast(MkDocsConfig, {"site_url": "https://lft.example.org/", "repo_url": ""})
    config[option] = bad  # what mkdocs.yml's !ENV gives
    with pytest.raises(PluginError) as raised:
        _publisher_addresses(config, Publisher())
    assert str(raised.value) == (
        f"lft: {variable}={bad!r} is not an absolute https:// address without spaces, quotes or "
        "markup; give one like https://www.example-lft.nl/"
    )


def test_headers_file_sends_the_policy_and_a_strict_one_for_each_picture(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "kaart met spatie.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "index.html").write_text("<html></html>", encoding="utf-8")
    text = headers_file(tmp_path)
    blocks = text.split("\n\n")
    assert blocks[0].splitlines()[1:] == [
        "/*",
        f"  Content-Security-Policy: {site_policy()}",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: no-referrer",
        "  X-Frame-Options: DENY",
        "  Strict-Transport-Security: max-age=31536000",
        "  Permissions-Policy: camera=(), microphone=(), geolocation=()",
    ]
    assert blocks[1:] == [
        f"/assets/kaart%20met%20spatie.svg\n  Content-Security-Policy: {PICTURE_POLICY}\n"
    ]
    assert "sandbox" in PICTURE_POLICY and "script-src" not in PICTURE_POLICY
    assert "frame-ancestors 'none'" in site_policy()
    assert site_policy().startswith(policy([]).split("'wasm-unsafe-eval'")[0])


@pytest.mark.parametrize("guide", ["PUBLISHING.md", "PUBLISHING.nl.md"])
def test_the_nginx_snippet_sends_the_same_headers(guide: str) -> None:
    text = (Path(__file__).parents[1] / guide).read_text(encoding="utf-8")
    site, svg = text.split("location ~* \\.svg$ {")
    for block, csp in ((site, site_policy()), (svg, PICTURE_POLICY)):
        assert f'add_header Content-Security-Policy "{csp}" always;' in block
        for name, value in HEADERS:
            assert f'add_header {name} "{value}" always;' in block


def test_the_real_site_ships_headers_clean_pictures_and_a_serialised_sitemap(
    real_site: Path,
) -> None:
    headers = (real_site / "_headers").read_text(encoding="utf-8")
    assert f"/assets/logo.svg\n  Content-Security-Policy: {PICTURE_POLICY}\n" in headers
    logo = (real_site / "assets" / "logo.svg").read_bytes()
    document, refused = check(logo)
    assert refused == [] and document is not None and clean(document) == logo
    assert scan_xml("sitemap.xml", (real_site / "sitemap.xml").read_bytes()) == []
