"""Security at the output: escaping, safe ids and classes, the policy and the scan of what ships."""

from __future__ import annotations

import datetime as dt
import gzip
import re
from pathlib import Path

import pytest

import lft.build
from conftest import replace, writable_copy, write
from hostile import PAYLOADS
from lft.build import BuildFailed, build_site
from lft.check.project import check_project
from lft.engine.sanitize import safe_class, safe_id, sanitize
from lft.finish.policy import add_policy, policy, security_txt
from lft.finish.scan import Trust, scan_markup, scan_site
from test_search import fragments

THEME_SCRIPT = re.compile(r'__md_scope=new URL\("[^"<>]*",location\)')
TRUST = Trust((THEME_SCRIPT,))
PAGE = "<html><head><title>t</title></head><body>{}</body></html>"


def findings(fragment: str) -> list[str]:
    return [p.message for p in scan_markup("page.html", PAGE.format(fragment), TRUST)]


@pytest.mark.parametrize(
    ("fragment", "message"),
    [
        ("<script>alert(1)</script>", "a script the site did not ship itself"),
        ("<SCRIPT>alert(1)</SCRIPT>", "a script the site did not ship itself"),
        ('<script type="module">alert(1)</script>', "a script the site did not ship itself"),
        (
            '<script>__md_scope=new URL("x",location);alert(1)</script>',
            "a script the site did not ship itself",
        ),
        (
            '<script src="https://evil.example/x.js"></script>',
            "a resource from another site: https://evil.example/x.js",
        ),
        (
            '<script src="//evil.example/x.js"></script>',
            "a resource from another site: //evil.example/x.js",
        ),
        ('<img src="x" onerror="alert(1)">', "an event-handler attribute 'onerror' on <img>"),
        ("<svg/onload=alert(1)>", "an event-handler attribute 'onload' on <svg>"),
        ('<a href="javascript:alert(1)">x</a>', "a javascript: address in href= on <a>"),
        ('<a href="jav&#x09;ascript:alert(1)">x</a>', "a javascript: address in href= on <a>"),
        ('<a href=" JaVaScRiPt:alert(1)">x</a>', "a javascript: address in href= on <a>"),
        ('<a href="vbscript:x">x</a>', "a vbscript: address in href= on <a>"),
        ('<a href="data:text/html,x">x</a>', "a data: address in href= on <a>"),
        (
            '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
            "a javascript: address in xlink:href= on <a>",
        ),
        (
            '<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>',
            "an animation to a script address on <animate>",
        ),
        (
            '<svg><set attributeName="href" values="x;javascript:alert(1)"/></svg>',
            "an animation to a script address on <set>",
        ),
        (
            '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
            "a <meta http-equiv='refresh'> in the built page",
        ),
        (
            '<meta http-equiv="Set-Cookie" content="a=b">',
            "a <meta http-equiv='set-cookie'> in the built page",
        ),
        ('<form action="https://evil.example/"><input></form>', "a form that sends data somewhere"),
        ('<form name="login"></form>', "a form that sends data somewhere"),
        ("<iframe src='/x'></iframe>", "a <iframe> element in the built page"),
        ("<object data='/x.swf'></object>", "a <object> element in the built page"),
        ("<embed src='/x'>", "a <embed> element in the built page"),
        ("<base href='https://evil.example/'>", "a <base> element in the built page"),
        ("<style>body{display:none}</style>", "a <style> element in the built page"),
        ('<div style="position:fixed">x</div>', "a style attribute on <div>"),
        (
            '<link rel="stylesheet" href="https://cdn.example/x.css">',
            "a resource from another site: https://cdn.example/x.css",
        ),
        (
            '<img src="https://tracker.example/p.gif" alt="">',
            "a resource from another site: https://tracker.example/p.gif",
        ),
        ('<script type="application/json">{"a": </script>', "a data block that is not JSON"),
    ],
)
def test_the_output_scan_finds_each_kind_of_attack(fragment: str, message: str) -> None:
    assert message in findings(fragment)


@pytest.mark.parametrize(
    "fragment",
    [
        '<script>__md_scope=new URL("../..",location)</script>',
        '<script src="../assets/javascripts/bundle.min.js"></script>',
        '<script id="__config" type="application/json">{"base": ".."}</script>',
        '<form class="md-search__form" name="search"><input name="query"></form>',
        '<link rel="canonical" href="https://lft.example.org/">',
        '<link rel="alternate" href="https://lft.example.org/en/" hreflang="en">',
        '<link rel="self" type="application/atom+xml" href="https://lft.example.org/feed.xml"/>',
        '<a href="https://www.riec.nl/">RIEC</a> <a href="mailto:x@example.org">x</a>',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">',
        "<p>Typ javascript:alert(1) niet in de adresbalk.</p>",
    ],
)
def test_the_output_scan_passes_what_the_site_ships(fragment: str) -> None:
    assert findings(fragment) == []


def test_the_scan_reports_the_line_and_column_of_a_finding() -> None:
    text = "<html>\n<body>\n  <p>x</p><img src=x onerror=alert(1)>\n</body></html>"
    [problem] = scan_markup("en/index.html", text, TRUST)
    assert str(problem) == (
        "en/index.html:3:11: an event-handler attribute 'onerror' on <img> [output] "
        "(the site runs no script from page content)"
    )


def test_a_file_no_checked_source_produced_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "lft.css").write_text("body{}", encoding="utf-8")
    (site / "assets" / "extra.js").write_text("alert(1)", encoding="utf-8")
    (site / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    source = tmp_path / "lft.css"
    source.write_text("body{}", encoding="utf-8")
    trust = Trust(copies={"assets/lft.css": source}, generated=frozenset({"sitemap.xml"}))
    assert [(p.path, p.message) for p in scan_site(site, trust)] == [
        ("assets/extra.js", "a file that is not produced from a checked source")
    ]
    source.write_text("body{color:red}", encoding="utf-8")  # a copy must be the same bytes
    assert [p.path for p in scan_site(site, trust)] == ["assets/extra.js", "assets/lft.css"]


def test_a_symbolic_link_in_the_output_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "passwd").symlink_to("/etc/passwd")
    assert [p.message for p in scan_site(site, Trust())] == ["a symbolic link in the built site"]


def test_the_policy_hashes_only_the_themes_own_scripts() -> None:
    theme = '__md_scope=new URL(".",location)'
    html = (
        f"<html><head><title>t</title><script>{theme}</script></head>"
        "<body><script>alert(1)</script></body></html>"
    )
    hardened = add_policy(html, TRUST)
    assert hardened.startswith('<html><head>\n<meta http-equiv="Content-Security-Policy" content="')
    assert policy([theme]) in hardened
    assert "'sha256-" in policy([theme])
    assert policy([theme]).count("'sha256-") == 1
    assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in hardened
    assert "'unsafe-inline'" not in hardened


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("partners", True),
        ("step-verwerving", True),
        ("2021-start", True),
        ('x" autofocus onfocus="alert(1)', False),
        ("x y", False),
        ("x'y", False),
        ("<b>", False),
        ("", False),
    ],
)
def test_ids_are_plain_names(value: str, safe: bool) -> None:
    assert safe_id(value) is safe


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("lft-lead", True),
        ("admonition", True),
        ("md-dialog", False),
        ("MD-dialog", False),
        ("__md_scope", False),
        ('x"', False),
    ],
)
def test_classes_are_plain_names_and_never_the_themes(value: str, safe: bool) -> None:
    assert safe_class(value) is safe


def test_the_sanitiser_drops_unsafe_ids_and_theme_classes() -> None:
    html = sanitize(
        '<div class="md-dialog lft-lead" id=\'y" onmouseover="alert(1)\'>x</div><h3 id="ok">t</h3>'
    )
    assert html == '<div class="lft-lead">x</div><h3 id="ok">t</h3>'


@pytest.mark.e2e
def test_hostile_values_are_escaped_wherever_they_land(hostile_site: Path) -> None:
    site = hostile_site
    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    for path, html in pages.items():
        rel = path.relative_to(site).as_posix()
        assert scan_markup(rel, html, Trust(scripts=(re.compile(".*", re.DOTALL),))) == [], rel
    page = pages[site / "interventions" / "voorbeeld-screening" / "index.html"]
    assert "<title>Bibob &lt;svg/onload=alert(1)&gt; - " in page
    assert '<meta name="description" content="x&#34;&gt;&lt;svg/onload=alert(2)&gt;">' in page
    assert 'href="#kop"' in page  # the hostile id was dropped; the heading got a plain one
    assert not re.search(r'class="[^"]*md-dialog--active', page)  # no faked dialog
    assert page.count('id="lft-search-panel"') == 1  # the site's own search box only
    english = pages[site / "en" / "interventions" / "voorbeeld-screening" / "index.html"]
    assert (
        '<meta name="description" content="0;url=https://evil.example/&#34; http-equiv=' in english
    )
    about = pages[site / "about" / "index.html"]
    assert "<title>Over &lt;/title&gt;&lt;script&gt;alert(4)&lt;/script&gt; - " in about
    # The search index holds the pages' text as text (a hostile title is a string there); the
    # search shows it escaped: tests/test_browser_security.py searches for it in a browser.
    stored = " ".join(fragment["content"] for fragment in fragments(site))
    assert "<svg onload=alert(8)>" in stored
    assert PAYLOADS[4] not in (site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.e2e
def test_a_hostile_fragment_injected_after_rendering_fails_the_build(
    project: Path, fixture_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = writable_copy(fixture_site, project / "site")
    before = (site / "index.html").read_bytes()
    real = lft.build.add_policies

    def inject(folder: Path, trust: Trust) -> None:
        page = folder / "en" / "about" / "index.html"
        page.write_text(
            page.read_text(encoding="utf-8").replace(
                "</article>", '<p><img src=x onerror="alert(1)"></p></article>'
            ),
            encoding="utf-8",
        )
        real(folder, trust)

    monkeypatch.setattr(lft.build, "add_policies", inject)
    with pytest.raises(BuildFailed) as failed:
        build_site(project, site)
    assert "site/en/about/index.html:" in str(failed.value)
    assert "an event-handler attribute 'onerror' on <img> [output]" in str(failed.value)
    assert (site / "index.html").read_bytes() == before


DRAFT = "content/interventions/voorbeeld-screening/"
EMBARGOED = "content/news/2021-09-08-start/"


def test_no_text_of_a_draft_or_embargoed_item_is_in_any_built_file(
    project: Path, tmp_path: Path
) -> None:
    """Pages, search index, sitemap and every other file: not a word, and no address."""
    for rel, old, new in [
        (DRAFT + "intervention.yml", "effect: unknown", "effect: unknown\ndraft: true"),
        (DRAFT + "intervention.yml", "{nl: Voorbeeldscreening,", "{nl: Kladtitelxq,"),
        (DRAFT + "intervention.yml", "en: Screening at purchase.", "en: Kladsamenvattingxq."),
        (DRAFT + "intervention.nl.md", "Tekst over aanpak.", "Kladtekstxq."),
        (DRAFT + "intervention.en.md", "Text about approach.", "Kladbodyxq."),
        (EMBARGOED + "news.yml", "type: news", "type: news\npublish_from: 2099-01-01"),
        (EMBARGOED + "news.yml", "en: The tables start", "en: Embargotitelxq"),
        (EMBARGOED + "news.nl.md", "Het bericht.", "Embargotekstxq."),
    ]:
        replace(project, rel, old, new)
    site = tmp_path / "built"
    build_site(project, site)
    secrets = ["kladtitelxq", "kladsamenvattingxq", "kladtekstxq", "kladbodyxq"]
    secrets += ["embargotitelxq", "embargotekstxq", "voorbeeld-screening", "2021-09-08-start"]
    seen: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        data = path.read_bytes() if path.is_file() else b""
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        text = f"{name}\n{data.decode('utf-8', errors='replace')}".casefold()
        for secret in secrets:
            if secret in text:
                seen.setdefault(secret, []).append(name)
    assert seen == {}
    assert (
        (site / ".well-known" / "security.txt")
        .read_text(encoding="utf-8")
        .startswith("Contact: https://github.com/")
    )


def test_security_txt_names_the_reporting_form_and_expires_within_a_year() -> None:
    text = security_txt(
        "https://github.com/o/lft/", "https://lft.example.org/", dt.date(2026, 12, 1)
    )
    assert text.splitlines() == [
        "Contact: https://github.com/o/lft/security/advisories/new",
        "Expires: 2027-12-01T00:00:00Z",
        "Preferred-Languages: nl, en",
        "Policy: https://github.com/o/lft/blob/main/SECURITY.md",
        "Canonical: https://lft.example.org/.well-known/security.txt",
    ]
    with_mailbox = security_txt("https://github.com/o/lft", "", dt.date(2026, 12, 1), "r@u.nl")
    assert with_mailbox.splitlines()[:2] == [
        "Contact: mailto:r@u.nl",
        "Contact: https://github.com/o/lft/security/advisories/new",
    ]


@pytest.mark.parametrize(
    ("rel", "target"),
    [
        ("content/interventions/voorbeeld-screening/intervention.nl.md", "/etc/passwd"),
        ("content/news/2021-09-08-start/foto.png", "/proc/self/environ"),
        ("docs/about.md", "/etc/passwd"),
        ("docs/assets/stolen", "/etc"),
        ("overrides/partials/x.html", "/etc/hostname"),
        ("schemas/extra.json", "/etc/passwd"),
    ],
)
def test_a_symbolic_link_in_the_sources_is_refused(project: Path, rel: str, target: str) -> None:
    link = project / rel
    link.parent.mkdir(parents=True, exist_ok=True)
    link.unlink(missing_ok=True)
    link.symlink_to(target)
    lines = [str(p) for p in check_project(project).errors]
    assert (
        f"{rel}:1:1: a symbolic link (to {target}) is never published "
        "(put the file itself in the repository, or remove the link)"
    ) in lines


@pytest.mark.parametrize(
    "name", ["page.html", "notes.txt", "old.markdown", "run.js", "x.svgz", "look.css"]
)
def test_docs_holds_only_file_types_the_site_checks(project: Path, name: str) -> None:
    write(project, f"docs/{name}", "<script>alert(1)</script>")
    suffix = Path(name).suffix
    assert [str(p) for p in check_project(project).errors] == [
        f"docs/{name}:1:1: a {suffix} file in docs/ would be published unchecked (docs/ holds "
        "pages (.md) and pictures (.svg, .png, .jpg, .webp, .ico); write a page as .md; styles "
        "and scripts belong to overrides/assets/)"
    ]
