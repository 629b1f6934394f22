"""The house look in a real browser: system fonts, the footer's links and version, and a fact
sheet on A4 paper without navigation, with link addresses, review date and sources."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from test_browser import browser, serving

__all__ = ["browser"]  # a fixture, used by name

pytestmark = pytest.mark.browser

HIDDEN_ON_PAPER = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"]
HIDDEN_ON_PAPER += [".lft-breadcrumb", ".md-content__button"]


@pytest.fixture(scope="module")
def base_url(real_site: Path) -> Iterator[str]:
    with serving(real_site) as url:
        yield url


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_footer_links_in_columns_and_shows_the_version(
    browser: Browser, base_url: str, lang: str
) -> None:
    page = browser.new_page()
    page.goto(base_url + lang + "news/")
    assert page.locator(".lft-footer__column h2").count() == 3  # columns, each with a title
    links = page.locator(".lft-footer__links a")
    pages = ("about/", "contact/", "colophon/", "accessibility/", "privacy/", "data/")
    targets = [base_url + lang + p for p in pages]
    feeds = [base_url + f"feed-{f}-{'en' if lang else 'nl'}.xml" for f in ("news", "updates")]
    found = links.evaluate_all("links => links.map(a => a.href)")
    assert found == [*targets, *feeds]
    for target in [*targets, *feeds]:
        response = page.request.get(target)
        assert response.status == 200, target
    version = page.locator(".lft-footer__version").inner_text()
    built = page.locator(".lft-footer__version time").get_attribute("datetime") or ""
    assert built and built in version
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert font.startswith("system-ui")
    page.close()


@pytest.mark.parametrize(("lang", "review"), [("", "Volgende controle"), ("en/", "Next review")])
def test_a_fact_sheet_prints_on_a4_without_navigation(
    browser: Browser, base_url: str, lang: str, review: str
) -> None:
    page = browser.new_page()
    page.goto(base_url + lang + "phenomena/vastgoedketen/")
    page.emulate_media(media="print")
    for selector in HIDDEN_ON_PAPER:
        assert page.locator(selector).first.is_hidden(), selector
    article = page.locator("article")
    assert review in article.inner_text()
    sources = page.locator("#sources, #bronnen").first
    assert sources.is_visible()
    link = page.locator("article a[href^='https://']").first
    shown = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("href") in shown
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2
    page.close()
