"""In a real browser: hostile content never runs, never navigates away, and the policy holds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from conftest import writable_copy
from hostile import SEARCH_TERMS
from test_browser import browser, drawn, search_settled, serving

__all__ = ["browser"]  # a fixture, used by name

pytestmark = pytest.mark.browser

HOSTILE_PAGES = [
    "",
    "interventions/",
    "interventions/voorbeeld-screening/",
    "news/",
    "news/2021-09-08-start/",
    "phenomena/voorbeeld/",
    "glossary/",
    "about/",
]


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serving(hostile_site) as url:
        yield url


class Watch:
    """What a page did that it must not: dialogs, requests elsewhere, policy violations."""

    def __init__(self, page: Page, base: str) -> None:
        self.dialogs: list[str] = []
        self.foreign: list[str] = []
        self.violations: list[str] = []
        page.on("dialog", self._dialog)
        page.on(
            "request",
            lambda r: (
                None if r.url.startswith((base, "data:", "blob:")) else self.foreign.append(r.url)
            ),
        )
        page.on(
            "console",
            lambda m: (
                self.violations.append(m.text) if "Content Security Policy" in m.text else None
            ),
        )

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(getattr(dialog, "message", "?"))
        dialog.dismiss()  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["", "en/"])
def test_no_hostile_value_runs_or_leaves_the_site(
    browser: Browser, hostile_url: str, lang: str
) -> None:
    """Every page open at once, each in its own tab: their waits for a quiet network (half a
    second each) overlap instead of adding up."""
    context = browser.new_context()
    opened = []
    for path in HOSTILE_PAGES:
        page = context.new_page()
        opened.append((path, page, Watch(page, hostile_url)))
        page.goto(hostile_url + lang + path)
    for path, page, watch in opened:
        page.wait_for_load_state("networkidle")
        page.keyboard.press("Tab")  # focus handlers fire on focus, autofocus on load
        drawn(page)
        assert page.url == hostile_url + lang + path
        assert watch.dialogs == [], path
        assert watch.foreign == [], path
    context.close()


def search(page: Page, term: str) -> int:
    """Open the site's search, type `term`, wait for its answer; the number of results shown."""
    page.locator(".lft-search__toggle").click()
    field = page.locator(".pagefind-ui__search-input")
    field.wait_for()
    field.fill(term)
    search_settled(page, term)
    return page.locator(".pagefind-ui__result").count()


def test_hostile_search_results_do_not_run(browser: Browser, hostile_url: str) -> None:
    page = browser.new_page()
    watch = Watch(page, hostile_url)
    for term in SEARCH_TERMS:
        page.goto(hostile_url)
        found = search(page, term)
        if term == "Bibob":  # the hostile title is found and shown
            assert found > 0
    assert watch.dialogs == []
    assert watch.foreign == []
    assert watch.violations == []
    page.close()


def test_the_policy_blocks_a_script_that_got_into_a_page(
    browser: Browser, fixture_site: Path, tmp_path: Path
) -> None:
    site = writable_copy(fixture_site, tmp_path / "built")
    page_file = site / "about" / "index.html"
    page_file.write_text(
        page_file.read_text(encoding="utf-8").replace(
            "</article>",
            "<script>alert('script')</script><img src=x onerror=\"alert('handler')\">"
            '<a id="bad" href="javascript:alert(\'link\')">x</a></article>',
        ),
        encoding="utf-8",
    )
    with serving(site) as url:
        page = browser.new_page()
        watch = Watch(page, url)
        page.goto(url + "about/")  # returns when the page has loaded
        page.click("#bad")
        for _ in range(200):  # until the browser has reported the three (a condition, bounded)
            drawn(page)
            if len(watch.violations) >= 3:
                break
        assert watch.dialogs == []
        assert len(watch.violations) >= 3, watch.violations
        page.close()


def test_the_sites_own_pages_break_no_rule_of_the_policy(
    browser: Browser, fixture_site: Path
) -> None:
    with serving(fixture_site) as url:
        page = browser.new_page()
        watch = Watch(page, url)
        for path in ["", "en/interventions/voorbeeld-screening/", "glossary/"]:
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
        assert search(page, "screening") > 0
        assert watch.violations == []
        page.close()
