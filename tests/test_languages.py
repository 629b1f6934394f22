"""Each language built on its own (`lft.engine.mkdocs.languages`): what the builds said, said
once in their order, and another language's folder moved into the site as a second build in
one process would have left it."""

from __future__ import annotations

import gzip
import logging
from pathlib import Path

import defusedxml.ElementTree as defused
import pytest

from lft.engine.mkdocs.languages import Said, kept, move_into, say

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">{}</urlset>\n'
)


def url(address: str) -> str:
    return f"<url><loc>{address}</loc></url>"


def test_what_each_build_said_is_said_after_them_in_their_order(
    caplog: pytest.LogCaptureFixture,
) -> None:
    logger = logging.getLogger("mkdocs.plugins.lft.test")
    logger.setLevel(logging.INFO)
    first, second = Said(), Said()
    with kept(logger, second):
        logger.info("second")
    with kept(logger, first):
        logger.warning("first")
    assert caplog.records == []  # kept, not said
    assert say([first, second]) is None
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (logging.WARNING, "first"),
        (logging.INFO, "second"),
    ]


def test_a_strict_build_refused_in_two_languages_is_refused_once_for_all_warnings() -> None:
    nl = Said([("mkdocs", logging.WARNING, "a")], "Aborted with 1 warnings in strict mode!", True)
    en = Said(
        [("mkdocs", logging.WARNING, "b"), ("mkdocs", logging.ERROR, "c")],
        "Aborted with 1 errors, 1 warnings in strict mode!",
        True,
    )
    refused = say([nl, en])
    assert refused is not None
    assert refused.refused == "Aborted with 1 errors, 2 warnings in strict mode!"
    assert refused.by_engine
    other = Said(refused="mkdocs.yml does not load the lft plugin (plugins: - lft)")
    assert say([nl, other]) == other  # a reason of another kind comes first


def test_another_languages_folder_is_moved_into_the_site(tmp_path: Path) -> None:
    site, other = tmp_path / "site", tmp_path / "en"
    for folder, lang in ((site, "nl"), (other, "en")):
        (folder / "assets").mkdir(parents=True)
        (folder / "assets" / "theme.js").write_text(f"theme {lang}", encoding="utf-8")
        (folder / "404.html").write_text(f"404 {lang}", encoding="utf-8")
        (folder / "sitemap.xml").write_text(
            SITEMAP.format(url(f"https://x.example/{'' if lang == 'nl' else 'en/'}")),
            encoding="utf-8",
        )
        (folder / "sitemap.xml.gz").write_bytes(b"engine's own")
    (other / "en").mkdir()
    (other / "en" / "index.html").write_text("home", encoding="utf-8")
    (other / "en" / "404.html").write_text("404 en", encoding="utf-8")
    move_into(other, site)
    assert (site / "en" / "index.html").read_text(encoding="utf-8") == "home"
    assert (site / "404.html").read_text(encoding="utf-8") == "404 nl"
    assert (site / "en" / "404.html").read_text(encoding="utf-8") == "404 en"
    assert (site / "assets" / "theme.js").read_text(encoding="utf-8") == "theme en"  # later
    sitemap = (site / "sitemap.xml").read_bytes()
    pages = defused.fromstring(sitemap).iterfind("s:url/s:loc", {"s": NS})
    assert [loc.text for loc in pages] == ["https://x.example/", "https://x.example/en/"]
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == sitemap
