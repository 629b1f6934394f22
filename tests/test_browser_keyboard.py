"""Keyboard only: the skip link comes first and works, focus is always visible, and the language
switcher and the search open and work without a mouse."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from test_browser import DESKTOP, browser, search_settled, serving

__all__ = ["browser"]  # a fixture, used by name

pytestmark = pytest.mark.browser

FOCUS = """() => {
  const node = document.activeElement;
  if (!node || node === document.body) return null;
  const style = getComputedStyle(node);
  const box = node.getBoundingClientRect();
  return {
    tag: node.tagName, text: (node.textContent || "").trim().slice(0, 40),
    cls: node.className && String(node.className),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== "none",
    seen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
      && box.top < innerHeight && box.left < innerWidth,
  };
}"""
"""The focused element, whether its focus ring shows, and whether it is on the screen."""


@pytest.fixture(scope="module")
def base_url(real_site: Path) -> Iterator[str]:
    with serving(real_site) as url:
        yield url


def tab_to(page: Page, selector: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never got the focus")


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_skip_link_comes_first_and_moves_to_the_content(
    browser: Browser, base_url: str, lang: str
) -> None:
    page = browser.new_page()
    page.goto(base_url + lang + "phenomena/vastgoedketen/")
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUS)
    assert "md-skip" in focused["cls"].split(), focused
    assert focused["seen"] and (focused["outline"] or focused["shadow"]), focused
    target = page.locator("a.md-skip").get_attribute("href") or ""
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith(target))  # a condition: the jump may take a moment
    heading = page.locator("article h1")
    assert heading.get_attribute("id") == target.lstrip("#")
    heading.element_handle().wait_for_element_state("stable")
    page.wait_for_function(
        "h => Math.abs(h.getBoundingClientRect().top) < 120", arg=heading.element_handle()
    )
    page.close()


@pytest.mark.parametrize("path", ["", "phenomena/vastgoedketen/", "interventions/", "en/news/"])
def test_focus_is_always_visible(browser: Browser, base_url: str, path: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base_url + path)
    stops = []
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS)
        if focused is None:
            break  # past the last element of the page
        stops.append(focused)
        assert focused["outline"] or focused["shadow"], focused
        assert focused["seen"], focused
    assert len({(s["tag"], s["text"]) for s in stops}) > 20  # it really moved through the page
    page.close()


def test_the_language_switcher_works_by_keyboard(browser: Browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + "phenomena/vastgoedketen/")
    tab_to(page, ".md-select > button")
    tab_to(page, 'a.md-select__link[hreflang="en"]', limit=3)
    assert page.locator('a.md-select__link[hreflang="en"]').is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url(base_url + "en/phenomena/vastgoedketen/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.close()


@pytest.mark.parametrize(("lang", "term"), [("", "Bibob"), ("en/", "Bibob")])
def test_the_search_opens_and_works_by_keyboard(
    browser: Browser, base_url: str, lang: str, term: str
) -> None:
    page = browser.new_page()
    page.goto(base_url + lang)
    tab_to(page, ".lft-search__toggle")
    page.keyboard.press("Enter")
    page.locator(".pagefind-ui__search-input").wait_for()
    assert page.evaluate("document.activeElement.matches('.pagefind-ui__search-input')")
    page.keyboard.type(term)
    first = page.locator(".pagefind-ui__result-link").first
    search_settled(page, term)
    address = first.get_attribute("href")
    tab_to(page, ".pagefind-ui__result-link", limit=10)
    assert page.evaluate(FOCUS)["outline"] or page.evaluate(FOCUS)["shadow"]
    page.keyboard.press("Enter")
    page.wait_for_url(base_url.rstrip("/") + (address or ""))
    assert page.locator("html").get_attribute("lang") == (lang.rstrip("/") or "nl")
    page.close()
