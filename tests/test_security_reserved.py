"""Names and files that belong to the theme and the site's interface: content cannot take the
theme's ids (`__config` holds its settings) or the interface's classes (`md-…`, `lft-…`), and
`overrides/` is code: only templates, styles, scripts and pictures, SVG through the allow-list,
reviewed by a maintainer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, write
from lft.engine.sanitize import safe_class, safe_id, sanitize
from lft.source.files import check_sources
from test_guard import ITEM, PAGE, at, found, scan


@pytest.mark.parametrize(
    ("text", "needle", "message"),
    [
        ("## Instellingen {#__config}\n", "#__config", "the id '__config'"),
        ("Let op.\n{: .note .lft-problems }\n", ".lft-problems", "the class 'lft-problems'"),
        (
            '<p class="md-dialog md-dialog--active">Opgeslagen</p>\n',
            "md-dialog",
            "the class 'md-dialog'",
        ),
        ('<div id="lft-search-panel">x</div>\n', "lft-search-panel", "the id 'lft-search-panel'"),
        ("Tekst {class='MD-banner'}\n", "class=", "the class 'MD-banner'"),
        ('<span id="__drawer">x</span>\n', "__drawer", "the id '__drawer'"),
    ],
)
def test_content_cannot_take_the_themes_or_the_interfaces_names(
    tmp_path: Path, text: str, needle: str, message: str
) -> None:
    report = scan(tmp_path, {PAGE: text})
    assert found(report) == [at(PAGE, text, needle, "raw-html")]
    assert report.problems[0].message == (
        f"{message} is reserved for the theme and the site's own interface"
    )
    assert "lft-allow" not in report.problems[0].hint


def test_reserved_names_in_yaml_and_plain_names_pass(tmp_path: Path) -> None:
    item = "summary:\n  nl: 'Zie <b class=\"lft-banner\">dit</b>'\n"
    page = '## Kop {#stappen .admonition}\n<span class="lang-nl" id="x__y">z</span>\n'
    report = scan(tmp_path, {ITEM: item, PAGE: page})
    assert found(report) == [at(ITEM, item, "lft-banner", "raw-html")]


@pytest.mark.parametrize("value", ["__config", "__drawer", "__palette_0"])
def test_the_sanitiser_drops_the_themes_ids(value: str) -> None:
    assert not safe_id(value)
    assert sanitize(f'<p id="{value}">x</p>') == "<p>x</p>"


def test_the_interface_classes_stay_ours() -> None:
    assert safe_class("lft-lead")  # our templates set it; content cannot (the guard refuses)
    assert not safe_class("md-banner")


@pytest.mark.parametrize(
    "name", ["x.xhtml", "feed.xml", "logo.svgz", "notes.txt", "data.json", "page.htm", "a.ico"]
)
def test_overrides_holds_only_what_a_theme_needs(tmp_path: Path, name: str) -> None:
    write(tmp_path, f"overrides/assets/{name}", "<x/>")
    write(tmp_path, "overrides/assets/ok.js", "")
    write(tmp_path, "overrides/main.html", "")
    [problem] = check_sources(tmp_path)
    assert str(problem) == (
        f"overrides/assets/{name}:1:1: a {Path(name).suffix} file in overrides/ would be "
        "published as it is (overrides/ holds the theme's templates (.html), styles (.css), "
        "scripts (.js) and pictures (.svg, .png, .jpg, .webp) only)"
    )


def test_pictures_in_overrides_go_through_the_allow_list(tmp_path: Path) -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml">\n'
        "<h:script>alert(1)</h:script></svg>\n"
    )
    report = scan(tmp_path, {"overrides/assets/logo.svg": svg})
    assert found(report) == [at("overrides/assets/logo.svg", svg, "<h:script>", "raw-html")]


def test_a_maintainer_reviews_overrides() -> None:
    owners = (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    rules = dict(line.split(maxsplit=1) for line in owners.splitlines() if line[:1] == "/")
    assert rules["/overrides/"].startswith("@")
    for guide in ("SECURITY.md", "CONTRIBUTING.md", "CONTRIBUTING.nl.md"):
        text = " ".join((REPO / guide).read_text(encoding="utf-8").split())
        assert "`.github/CODEOWNERS`" in text, guide
        assert ("maintainer's review" in text) or ("beheerder beoordelen" in text), guide


def test_publisher_values_go_through_the_guard(tmp_path: Path) -> None:
    text = (
        "organisation:\n  address: 'Postbus 1, bel 06-12345678'\n"
        "host:\n  name: 'Stg. Geheim hosting'\nmailbox: TODO\n"
    )
    report = scan(tmp_path, {"publisher.yml": text})
    assert found(report) == [
        at("publisher.yml", text, "06-", "phone"),
        at("publisher.yml", text, "Stg.", "marking"),
    ]  # its TODOs are warnings of its own check, not guard findings
