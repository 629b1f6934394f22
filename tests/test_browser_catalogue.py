"""The intervention catalogue in a browser: the plain pages per feature value without
JavaScript, and the filters with it, on a desktop and a phone, in both languages.

The sets are checked against the content itself (read here, not through `lft.source.catalogue`), so
a
page that lists one course of action too many or too few fails, and the filters must give the
same set as the plain page of each value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page

from test_browser import COLOUR_RULES, DESKTOP, LANGS, PHONE, axe_rules, browser, serving

__all__ = ["browser"]  # a fixture, used by name

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
A4 = {"width": 673, "height": 950}
"""An A4 page between the print margins of lft.css (210 mm - 2 × 16 mm) at 96 dpi."""
FACET = re.compile(r"/interventions/(phenomenon|step|instrument|sector|evidence)/(.+?)/?$")


def expected() -> dict[tuple[str, str], set[str]]:
    """(facet, value) → the slugs of the interventions that have it, from content/ itself."""
    sectors = {
        slug: entry["sector"]
        for slug, entry in yaml.safe_load(
            (ROOT / "content" / "organisations.yml").read_text(encoding="utf-8")
        ).items()
    }
    found: dict[tuple[str, str], set[str]] = {}
    for path in sorted((ROOT / "content" / "interventions").glob("*/intervention.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("draft"):
            continue
        slug = path.parent.name
        pairs = {("evidence", data["evidence_level"])}
        pairs |= {("instrument", t) for t in data["instrument_types"]}
        pairs |= {("sector", sectors[p["organisation"]]) for p in data["partners"]}
        for serves in data["phenomena"]:
            pairs.add(("phenomenon", serves["phenomenon"]))
            pairs |= {("step", f"{serves['phenomenon']}/{s}") for s in serves["steps"]}
        for pair in pairs:
            found.setdefault(pair, set()).add(slug)
    return found


@pytest.fixture(scope="module")
def base_url(real_site: Path) -> Iterator[str]:
    with serving(real_site) as url:
        yield url


@pytest.fixture(scope="module")
def sized(browser: Browser) -> Iterator[Callable[[dict[str, int]], Page]]:
    """A new page of a screen size, in one context per size for this module: a context takes
    some 0.3 s to make, a page in it little (the pages keep nothing in the browser's storage)."""
    contexts: dict[tuple[int, int], BrowserContext] = {}

    def page(viewport: dict[str, int]) -> Page:
        size = (viewport["width"], viewport["height"])
        if size not in contexts:
            contexts[size] = browser.new_context(viewport=viewport)
        return contexts[size].new_page()

    yield page
    for context in contexts.values():
        context.close()


def shown(page: Page) -> set[str]:
    """The slugs of the entries a reader sees."""
    return {
        urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1]
        for href in page.locator(".lft-entry:visible h2 a, .lft-entry:visible h3 a").evaluate_all(
            "links => links.map(a => a.href)"
        )
    }


def facet_links(page: Page) -> list[tuple[str, str, str]]:
    """(facet, value, address) of every feature value the catalogue links."""
    found = []
    for href in page.locator(".lft-facets a").evaluate_all("links => links.map(a => a.href)"):
        match = FACET.search(urlsplit(href).path)
        assert match, href
        found.append((match[1], match[2], href))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_every_value_has_a_page_with_exactly_its_items(
    browser: Browser, base_url: str, lang: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + lang + "interventions/")
    want = expected()
    every = set().union(*want.values())
    assert shown(page) == every
    links = facet_links(page)
    assert {(facet, value) for facet, value, _ in links} == set(want)
    for facet, value, href in links:
        page.goto(href)
        assert shown(page) == want[(facet, value)], href
        # each entry links its own values' pages, so every view is one click from another
        hrefs = page.locator(".lft-entry a").evaluate_all("l => l.map(a => a.href)")
        assert href in hrefs
    page.goto(base_url + lang + "interventions/bibob-vastgoedtransacties/")
    linked = {
        m[1]
        for h in page.locator("article a").evaluate_all("l => l.map(a => a.href)")
        if (m := FACET.search(urlsplit(h).path))
    }
    assert linked == {"phenomenon", "step", "instrument", "sector", "evidence"}
    context.close()


def choose(page: Page, facet: str, value: str) -> None:
    page.locator(f'.lft-filters input[name="{facet}"][value="{value}"]').check()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_filters_give_the_sets_of_the_plain_pages(
    sized: Callable[[dict[str, int]], Page], base_url: str, lang: str, viewport: dict[str, int]
) -> None:
    page = sized(viewport)
    page.goto(base_url + lang + "interventions/")
    status = page.locator('.lft-filters [role="status"]')
    want = expected()
    total = len(set().union(*want.values()))
    assert re.search(rf"\b{total}\b.*\b{total}\b", status.inner_text())
    assert page.locator(".lft-facets").is_hidden()
    tried = sorted(want.items())
    if viewport == PHONE:
        # The filtering is the same script at every size: on a phone, one value of each
        # feature shows that its controls work there (every value is tried on the desktop).
        tried = list({facet: ((facet, value), items) for (facet, value), items in tried}.values())
    for (facet, value), items in tried:
        choose(page, facet, value)
        assert shown(page) == items, (facet, value)
        assert re.match(rf"{len(items)}\b", status.inner_text())
        assert f"{facet}=" in page.url
        page.locator(".lft-filters__clear").click()
        assert shown(page) == set().union(*want.values())
    rules, report = axe_rules(page, without=COLOUR_RULES)  # the page tests check the colours
    assert rules == [], report
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_filters_combine_live_in_the_address_and_follow_the_back_button(
    browser: Browser, base_url: str, lang: str
) -> None:
    page = browser.new_page()
    page.goto(base_url + lang + "interventions/")
    want = expected()
    choose(page, "instrument", "administrative")
    choose(page, "instrument", "private")  # two values of one feature: either
    either = want[("instrument", "administrative")] | want[("instrument", "private")]
    assert shown(page) == either
    choose(page, "step", "vastgoedketen/verhuur")  # another feature: both
    both = either & want[("step", "vastgoedketen/verhuur")]
    assert shown(page) == both and both
    address = page.url
    page.reload()
    assert shown(page) == both  # a shared address opens the same view
    assert page.locator('.lft-filters input[value="vastgoedketen/verhuur"]').is_checked()
    page.go_back()
    assert shown(page) == either
    assert not page.locator('.lft-filters input[value="vastgoedketen/verhuur"]').is_checked()
    page.go_forward()
    assert page.url == address and shown(page) == both
    page.locator(".lft-filters__clear").click()
    page.locator('.lft-filters input[type="search"]').fill("Bibob")
    assert shown(page) == {"bibob-vastgoedtransacties"}
    assert "q=Bibob" in page.url
    page.locator('.lft-filters input[type="search"]').fill("zzzz-niets")
    assert shown(page) == set()
    assert page.locator(".lft-filters__none").is_visible()
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_filters_work_by_keyboard_and_name_themselves(
    browser: Browser, base_url: str, lang: str
) -> None:
    page = browser.new_page()
    page.goto(base_url + lang + "interventions/")
    search = page.locator('.lft-filters input[type="search"]')
    search.focus()
    page.keyboard.press("Tab")
    first = page.locator(".lft-filters fieldset input").first
    assert first.evaluate("b => b === document.activeElement")
    page.keyboard.press("Space")
    assert first.is_checked()
    assert "phenomenon=" in page.url
    # every control has a name a screen reader reads, every group a legend
    for box in page.locator(".lft-filters input").all():
        assert box.evaluate("b => b.labels.length") == 1
    assert (
        page.locator(".lft-filters fieldset").count() == page.locator(".lft-filters legend").count()
    )
    assert page.locator('.lft-filters [role="status"]').count() == 1
    page.close()


CATALOGUE_VIEWS = [
    pytest.param(path, viewport, script, id=f"{path}-{size}-{'js' if script else 'no-js'}")
    for path in ["interventions/", "interventions/step/vastgoedketen/verwerving/"]
    for viewport, size in [(DESKTOP, "desktop"), (PHONE, "phone")]
    for script in [True, False]
    # The overview with its scripts is every reader page's test at both sizes already
    # (test_browser.py, test_browser_phone.py): the same rules, the same page.
    if script is False or path != "interventions/"
]
"""Each catalogue page, at each size, with and without the site's scripts."""


@pytest.mark.parametrize(("path", "viewport", "script"), CATALOGUE_VIEWS)
@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_pages_are_accessible(
    sized: Callable[[dict[str, int]], Page],
    base_url: str,
    lang: str,
    path: str,
    viewport: dict[str, int],
    script: bool,
) -> None:
    page = sized(viewport)
    if not script:
        # axe-core itself runs as a script, so the site's script files are refused instead
        page.route("**/*.js", lambda route: route.abort())
    page.goto(base_url + lang + path)
    assert page.locator(".lft-filters").count() == (1 if script and path == "interventions/" else 0)
    # The colours once per page: at desktop size with the scripts (the overview's in the page
    # tests, test_browser.py).
    colours = script and viewport == DESKTOP
    rules, report = axe_rules(page, without=None if colours else COLOUR_RULES)
    assert rules == [], report
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.close()


CARDS = """cards => cards.map(card => ({
  name: card.querySelector("p") ? card.querySelector("p").innerText : "",
  links: [...card.querySelectorAll("a")].map(a => a.href),
  text: card.innerText,
}))"""
"""Each step's card of the barrier model: its name (its first paragraph), the addresses it links
and its text, as a reader's browser renders them (`innerText`, as Playwright's `inner_text`)."""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("lang", LANGS)
def test_each_fact_sheet_shows_its_barrier_model_in_order(
    sized: Callable[[dict[str, int]], Page], base_url: str, lang: str, viewport: dict[str, int]
) -> None:
    """The steps in the order of the content, each named and linked to its catalogue page, with
    its barriers and the courses of action that raise them; read in that order; whole at
    390 px and on paper."""
    want = expected()
    for path in sorted((ROOT / "content" / "phenomena").glob("*/phenomenon.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        steps = data.get("process_steps") or []
        slug = path.parent.name
        page = sized(viewport)
        page.goto(f"{base_url}{lang}phenomena/{slug}/")
        # Each card as the reader gets it, read in one go (a round trip per value took seconds).
        cards = page.locator(".lft-barrier > ol > li").evaluate_all(CARDS)
        assert len(cards) == len(steps), slug
        text = page.locator(".lft-barrier").inner_text() if steps else ""
        positions = []
        for card, step in zip(cards, steps, strict=True):
            title = step["title"].get("en" if lang else "nl", step["title"]["nl"])
            assert card["name"].strip() == title
            positions.append(text.index(title))
            served = want.get(("step", f"{slug}/{step['id']}"), set())
            links = card["links"]
            if served:
                assert links[0].endswith(f"/interventions/step/{slug}/{step['id']}/")
            linked = {
                urlsplit(h).path.rstrip("/").rsplit("/", 1)[-1]
                for h in links
                if "/interventions/" in h and "/step/" not in h
            }
            assert linked == served
            for barrier in step.get("barriers") or []:
                assert barrier.get("en" if lang else "nl", barrier["nl"]) in card["text"]
        assert positions == sorted(positions)  # the text reads in the order of the process
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        page.emulate_media(media="print")
        page.set_viewport_size(A4)  # the width of an A4 page between its margins
        assert page.evaluate("document.documentElement.scrollWidth") <= A4["width"]
        assert page.locator(".lft-barrier").count() == (1 if steps else 0)
        assert steps == [] or page.locator(".lft-barrier").is_visible()
        page.close()
