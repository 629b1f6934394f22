"""Findable and shareable: structured data, Open Graph tags, the sitemap and robots.txt."""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from lft.finish.findable import robots, sitemap

pytestmark = pytest.mark.e2e

HOME = "https://lft.example.org/"
XHTML = "{http://www.w3.org/1999/xhtml}link"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
TYPES = {
    "": "WebSite",
    "phenomena/": "CollectionPage",
    "phenomena/vastgoedketen/": "Article",
    "phenomena/vastgoedketen/charter/": "Article",
    "interventions/": "CollectionPage",
    "interventions/bibob-vastgoedtransacties/": "Article",
    "news/": "CollectionPage",
    "news/2021-09-08-officiele-start/": "NewsArticle",
    "glossary/": "DefinedTermSet",
    "organisations/": "CollectionPage",
    "about/": "WebPage",
    "accessibility/": "WebPage",
}
"""The schema.org type of each page type, by one page of that type."""
_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@pytest.fixture(scope="module")
def site(real_site: Path) -> Path:
    return real_site


def structured(html: str) -> dict[str, Any]:
    blocks = _LD.findall(html)
    assert len(blocks) == 1
    data: dict[str, Any] = json.loads(blocks[0])
    return data


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize(("path", "kind"), TYPES.items())
def test_every_page_type_has_typed_structured_data(
    site: Path, lang: str, path: str, kind: str
) -> None:
    html = (site / lang / path / "index.html").read_text(encoding="utf-8")
    data = structured(html)
    assert data["@context"] == "https://schema.org"
    graph = {node["@type"]: node for node in data["@graph"]}
    url = f"{HOME}{lang}{path}"
    assert graph["Organization"]["url"] == f"{HOME}{lang}"
    assert graph[kind]["url"] == url
    assert graph[kind]["inLanguage"] == (lang.rstrip("/") or "nl")
    assert graph[kind]["name"] and graph[kind]["description"]
    if kind == "NewsArticle":
        assert graph[kind]["datePublished"] == "2021-09-08"
    if path:
        crumbs = graph["BreadcrumbList"]["itemListElement"]
        assert crumbs[0]["item"] == f"{HOME}{lang}"
        assert crumbs[-1]["item"] == url
        assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))
    else:
        assert "BreadcrumbList" not in graph
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    for tag in ("og:title", "og:description", "og:type", "og:site_name", "og:locale"):
        assert f'<meta property="{tag}" content="' in html
    assert '<meta name="description" content="' in html


def test_the_404_page_claims_no_address(site: Path) -> None:
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "application/ld+json" not in html
    assert 'rel="canonical"' not in html


def test_the_sitemap_lists_every_page_with_its_languages_and_a_default(site: Path) -> None:
    root = ET.parse(site / "sitemap.xml").getroot()
    entries = root.findall(f"{SM}url")
    locs = {e.findtext(f"{SM}loc") for e in entries}
    pages = {
        HOME + p.parent.relative_to(site).as_posix().removeprefix(".") + "/"
        for p in site.rglob("index.html")
        if "pagefind" not in p.parts
    }
    assert locs == {loc.replace(f"{HOME}/", HOME) for loc in pages}
    for entry in entries:
        alternates = {link.get("hreflang"): link.get("href") for link in entry.iter(XHTML)}
        assert set(alternates) == {"nl", "en", "x-default"}
        assert alternates["x-default"] == alternates["nl"]
        assert alternates["en"] == alternates["nl"].replace(HOME, f"{HOME}en/")
        assert entry.findtext(f"{SM}loc") in alternates.values()
    assert (
        gzip.decompress((site / "sitemap.xml.gz").read_bytes())
        == (site / "sitemap.xml").read_bytes()
    )


def test_robots_txt_points_at_the_sitemap(site: Path) -> None:
    text = (site / "robots.txt").read_text(encoding="utf-8")
    assert text == f"User-agent: *\nAllow: /\n\nSitemap: {HOME}sitemap.xml\n"


def test_a_page_without_a_counterpart_gets_no_alternate_for_the_missing_language() -> None:
    text = sitemap([(HOME, "2026-01-01"), (f"{HOME}en/", ""), (f"{HOME}nl-only/", "")], HOME)
    root = ET.fromstring(text)
    entries = {e.findtext(f"{SM}loc"): e for e in root.findall(f"{SM}url")}
    only = {link.get("hreflang") for link in entries[f"{HOME}nl-only/"].iter(XHTML)}
    assert only == {"nl", "x-default"}
    assert entries[HOME].findtext(f"{SM}lastmod") == "2026-01-01"
    assert entries[f"{HOME}en/"].find(f"{SM}lastmod") is None
    assert robots("https://example.test/lft/").endswith("https://example.test/lft/sitemap.xml\n")
