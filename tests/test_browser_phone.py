"""Phones: at 390 px every page type is accessible (axe-core) and nothing is cut off.

A table wider than the screen sits in a scroll container that is named, can be focused and
scrolled with the keyboard, and shows a visible cue; everything else fits the screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext

from test_browser import COLOUR_RULES, LANGS, PHONE, audit_record, axe_rules, browser, serving

__all__ = ["browser"]  # a fixture, used by name

pytestmark = pytest.mark.browser

PAGE_TYPES = [
    "",
    "phenomena/",
    "phenomena/vastgoedketen/",
    "phenomena/vastgoedketen/charter/",
    "interventions/",
    "interventions/bibob-vastgoedtransacties/",
    "news/",
    "news/2021-09-08-officiele-start/",
    "glossary/",
    "organisations/",
    "accessibility/",
]
"""One page of every type."""
SCHEMES = ["light", "dark"]

CUT_OFF = """() => {
  const width = document.documentElement.clientWidth;
  const cut = [];
  for (const node of document.querySelectorAll("article *")) {
    if (node.closest(".lft-table") || !node.getClientRects().length) continue;
    const box = node.getBoundingClientRect();
    if (box.right > width + 1 || box.left < -1) cut.push(`${node.tagName}: ${node.textContent}`);
  }
  return cut;
}"""
"""Every element of the page content outside a table container that sticks out of the screen."""


@pytest.fixture(scope="module")
def base_url(real_site: Path) -> Iterator[str]:
    with serving(real_site) as url:
        yield url


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[BrowserContext]:
    """One phone-sized context, light scheme, for the pages of this module (a page a test): a
    context takes some 0.3 s to make, a page in it little."""
    context = browser.new_context(viewport=PHONE, color_scheme=SCHEMES[0])
    yield context
    context.close()


SETTLED = """() => Promise.all(
  document.getAnimations().filter(a => a instanceof CSSTransition).map(a => a.finished)
)"""
"""Wait until the colour transitions a change of scheme started have ended (a condition)."""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_every_page_type_is_accessible_and_whole_on_a_phone(
    phone: BrowserContext, base_url: str, lang: str, path: str
) -> None:
    """Each scheme in turn on one page load: the dark scheme is lft.css alone (a
    `prefers-color-scheme` query; the theme has no palette switch), so the page shows it as
    soon as the browser reports the reader's choice."""
    page = phone.new_page()
    page.goto(base_url + lang + path)
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        page.evaluate(SETTLED)
        # The dark scheme changes colours only (lft.css: custom properties in a
        # `prefers-color-scheme` query), so it runs the rules colours decide; the light
        # scheme's colours are those the page tests check at desktop size (COLOUR_RULES), so
        # light runs every other rule.
        if scheme == SCHEMES[0]:
            rules, report = axe_rules(page, without=COLOUR_RULES)
        else:
            rules, report = axe_rules(page, only=COLOUR_RULES)
        assert rules == [], f"{scheme} scheme: {report}"
        recorded = audit_record()["axe"]["phone"][f"{scheme} {lang}{path}"]
        assert recorded == rules, f"{scheme} scheme: run scripts/audit.py"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{scheme} scheme: {width} px wide"
        assert page.evaluate(CUT_OFF) == [], f"{scheme} scheme"
    page.close()


def test_the_audit_record_covers_every_page_type_at_phone_width() -> None:
    tested = {f"{s} {lang}{path}" for s in SCHEMES for lang in LANGS for path in PAGE_TYPES}
    assert set(audit_record()["axe"]["phone"]) == tested


@pytest.mark.parametrize("lang", LANGS)
def test_key_facts_stack_with_their_labels_and_tables_keep_a_name(
    phone: BrowserContext, base_url: str, lang: str
) -> None:
    """A key fact, its figure and its source are read together at 390 px (no column out of
    view), and every table container keeps a unique name; a table wider than the screen
    still scrolls by keyboard, with a cue."""
    page = phone.new_page()
    page.goto(base_url + lang + "phenomena/vastgoedketen/")
    facts = page.locator(".lft-facts tbody tr")
    assert facts.count() >= 4
    label = "Cijfer" if lang == "" else "Figure"
    source = "Bron" if lang == "" else "Source"
    width = PHONE["width"]
    for fact in facts.all():
        text = fact.inner_text()
        assert f"{label}:" in text and f"{source}:" in text
        assert fact.evaluate("r => r.getBoundingClientRect().right") <= width
    assert page.locator(".lft-table__cue:visible").count() == 0
    boxes = page.locator(".lft-table")
    names = [box.get_attribute("aria-label") for box in boxes.all()]
    assert len(set(names)) == len(names) and all(names)
    for box in boxes.all():
        assert box.get_attribute("role") == "region"
        assert box.get_attribute("tabindex") == "0"
        if not box.evaluate("b => b.scrollWidth > b.clientWidth + 1"):
            continue
        cue = box.evaluate_handle("b => b.previousElementSibling").as_element()
        assert cue is not None and cue.is_visible()
        box.focus()
        for _ in range(40):
            page.keyboard.press("ArrowRight")
        # Arrow keys scroll smoothly: wait until the scrolling has brought the last column in
        # (a condition, never a fixed wait; times out, and so fails, if it never does).
        page.wait_for_function(
            """b => {
                const cells = b.querySelector("tr").querySelectorAll("th, td");
                const last = cells[cells.length - 1];
                return last.getBoundingClientRect().right <= b.getBoundingClientRect().right + 1;
            }""",
            arg=box.element_handle(),
            timeout=5000,
        )
    page.close()
