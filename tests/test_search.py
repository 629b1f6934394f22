"""Search in the reader's language: Pagefind's index of the built site, tried in a real browser.

Results must be readers' pages in the language of the page searched from, each with its type;
the 404 page and the navigation are not in the index.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from conftest import writable_copy
from lft.finish.search import BUNDLE, _indexed, bundles, index_site
from test_browser import browser, search_settled, serving

__all__ = ["browser"]  # a fixture, used by name

pytestmark = pytest.mark.browser

NOT_INDEXED = ("404",)


@pytest.fixture(scope="module")
def site(real_site: Path) -> Path:
    return real_site


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serving(site) as url:
        yield url


def results(page: Page, term: str) -> list[tuple[str, str]]:
    """Open the search with the keyboard, type `term`, and read (address, type) of each result."""
    page.locator(".lft-search__toggle").focus()
    page.keyboard.press("Enter")
    field = page.locator(".pagefind-ui__search-input")
    field.wait_for()
    assert page.evaluate("document.activeElement.classList.contains('pagefind-ui__search-input')")
    page.keyboard.type(term)
    search_settled(page, term)  # the last keys' results replace the first ones
    found = []
    for result in page.locator(".pagefind-ui__result").all():
        link = result.locator(".pagefind-ui__result-link").get_attribute("href") or ""
        found.append((link, result.locator(".pagefind-ui__result-tags").inner_text().strip()))
    return found


def test_the_index_is_one_bundle_per_language(site: Path, tmp_path: Path) -> None:
    """Each language's pages are indexed on their own, into a bundle in the language's folder
    (Pagefind holds every page it indexes in memory: one language at a time needs half)."""
    site = writable_copy(site, tmp_path / "site")  # indexing writes the bundle again
    files = index_site(site)
    for lang, bundle in (("nl", BUNDLE), ("en", f"en/{BUNDLE}")):
        assert {
            f"{bundle}/pagefind-ui.js",
            f"{bundle}/pagefind.js",
            f"{bundle}/wasm.{lang}.pagefind",
        } <= files
        entry = json.loads((site / bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [lang]
        assert entry["languages"][lang]["page_count"] > 10
    assert all(f.startswith((f"{BUNDLE}/", f"en/{BUNDLE}/")) for f in files)
    assert all((site / f).is_file() for f in files)
    assert not list(site.glob(".pages-*")) and not list(tmp_path.glob(".*"))  # no links left
    assert index_site(site) == files  # the same site gives the same index, file for file


@pytest.mark.parametrize(
    ("lang", "term", "first", "kind"),
    [
        ("", "Bibob", "/interventions/bibob-vastgoedtransacties/", "Handelingsperspectief"),
        ("en/", "Bibob", "/en/interventions/bibob-vastgoedtransacties/", "Course of action"),
        ("", "wwft", "/interventions/wwft-melding-poortwachters/", "Handelingsperspectief"),
        ("en/", "wwft", "/en/interventions/wwft-melding-poortwachters/", "Course of action"),
        # Stemming: the plural finds the singular, in each language.
        ("en/", "transactions", "/en/interventions/signalen-abc-transacties/", "Course of action"),
        ("", "vergunningen", "/interventions/verhuurvergunning-goed-verhuurderschap/", ""),
        ("", "vastgoedketen", "/phenomena/vastgoedketen/", "Feitenblad"),
        ("en/", "real-estate chain", "/en/phenomena/vastgoedketen/", "Fact sheet"),
    ],
)
def test_search_finds_readers_pages_in_the_readers_language(
    browser: Browser, base_url: str, lang: str, term: str, first: str, kind: str
) -> None:
    page = browser.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    page.goto(base_url + lang)
    found = results(page, term)
    assert refused == []  # the policy lets Pagefind's scripts, worker and WebAssembly run
    addresses = [address for address, _ in found]
    assert first in addresses[:3], found
    assert all(address.startswith("/en/") == (lang == "en/") for address in addresses), found
    assert not [a for a in addresses if any(n in a for n in NOT_INDEXED)], found
    assert all(tag.startswith(("Type:", "type:")) for _, tag in found), found
    if kind:
        assert (first, f"Type: {kind}") in found or (first, f"type: {kind}") in found, found
    page.close()


@pytest.mark.parametrize(("lang", "term"), [("", "niet gevonden"), ("en/", "not found")])
def test_the_404_page_is_not_found(browser: Browser, base_url: str, lang: str, term: str) -> None:
    page = browser.new_page()
    page.goto(base_url + lang)
    page.locator(".lft-search__toggle").click()
    page.locator(".pagefind-ui__search-input").fill(term)
    search_settled(page, term)
    addresses = page.locator(".pagefind-ui__result-link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert not [a for a in addresses if "404" in a]
    page.close()


FACET_PAGE = re.compile(r"/interventions/(?:phenomenon|step|instrument|sector|evidence)/")


def fragments(site: Path) -> list[dict[str, Any]]:
    """What Pagefind stored of each indexed page, in every language's bundle: text, metadata
    and the address as a reader gets it (a bundle's addresses are from its own folder, which
    the search prefixes)."""
    stored = []
    for bundle in bundles(site):
        root = "/" + bundle.removesuffix(BUNDLE)
        for path in sorted((site / bundle / "fragment").glob("*.pf_fragment")):
            data = gzip.decompress(path.read_bytes())
            assert data.startswith(b"pagefind_dcd")
            fragment = json.loads(data.removeprefix(b"pagefind_dcd"))
            fragment["url"] = root + fragment["url"].removeprefix("/")
            stored.append(fragment)
    return stored


def test_every_readers_page_is_indexed_with_its_type_and_without_navigation(site: Path) -> None:
    stored = fragments(site)
    pages = {
        "/" + p.parent.relative_to(site).as_posix().removeprefix(".").lstrip("/") + "/"
        for p in site.rglob("index.html")
        if not FACET_PAGE.search(p.parent.as_posix())  # a selection of the catalogue
    }
    assert {f["url"].replace("//", "/") for f in stored} == {p.replace("//", "/") for p in pages}
    types = {"nl": {"Feitenblad", "Handelingsperspectief", "Nieuws", "Overzicht", "Startpagina"}}
    types["en"] = {"Fact sheet", "Course of action", "News", "Overview", "Home"}
    for lang, expected in types.items():
        shown = {f["meta"]["type"] for f in stored if f["url"].startswith("/en/") == (lang == "en")}
        assert expected <= shown
    for fragment in stored:
        assert fragment["meta"]["type"] and fragment["meta"]["title"]
        for noise in ("Ga naar inhoud", "Skip to content", "Voorbeeldversie", "Preview, not a"):
            assert noise not in fragment["content"], fragment["url"]


def test_the_overview_of_courses_of_action_is_found_by_its_own_text_not_by_its_list(
    site: Path,
) -> None:
    """The list on the overview repeats every course of action's own page: found on those."""
    stored = {f["url"]: f["content"] for f in fragments(site)}
    overview, course = (
        stored["/interventions/"],
        stored["/interventions/bibob-vastgoedtransacties/"],
    )
    lead = re.sub(r"<[^>]+>", "", (site / "interventions/index.html").read_text(encoding="utf-8"))
    assert "Bibob" in course and "Bibob" not in overview
    assert overview and overview.split(".")[0] in lead


def test_pagefind_is_given_only_the_pages_it_indexes(tmp_path: Path) -> None:
    """Pagefind keeps what it read of every page it is given until it is done, also of one it
    leaves out: it is given the pages with a body to index, each language's its own."""
    for rel, body in (
        ("index.html", True),
        ("contribute/index.html", False),
        ("en/index.html", True),
        ("en/interventions/step/x/index.html", False),
    ):
        page = tmp_path / rel
        page.parent.mkdir(parents=True, exist_ok=True)
        marked = " data-pagefind-body" if body else ""
        page.write_text(f"<html><body><main{marked}>tekst</main></body></html>", encoding="utf-8")
    assert _indexed(tmp_path, [tmp_path / "en"]) == [tmp_path / "index.html"]
    assert _indexed(tmp_path / "en", []) == [tmp_path / "en" / "index.html"]


def test_escape_closes_the_search_and_gives_focus_back(browser: Browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + "en/phenomena/")
    results(page, "Bibob")
    page.keyboard.press("Escape")
    assert page.locator("#lft-search-panel").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('lft-search__toggle')")
    assert page.locator(".lft-search__toggle").get_attribute("aria-expanded") == "false"
    page.close()
