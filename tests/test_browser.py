"""Browser tests: the built site in Debian's headless Chromium, driven by Playwright.

Accessibility (axe-core), privacy (no third-party requests, no cookies), the language switcher
and reading without JavaScript are proven here on the real pages, not assumed.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import importlib.metadata
import importlib.util
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, sync_playwright

from hostile import guard_blinded
from lft.build import build_site

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = [
    "",
    "phenomena/",
    "phenomena/vastgoedketen/",
    "phenomena/vastgoedketen/charter/",
    "phenomena/logistieke-knooppunten/",
    "interventions/",
    "interventions/bibob-vastgoedtransacties/",
    "news/",
    "news/2021-09-08-officiele-start/",
    "glossary/",
    "organisations/",
    "about/",
    "contribute/",
    "report/",
    "riecs/",
    "contact/",
    "colophon/",
    "accessibility/",
    "privacy/",
]

LANGS = ["", "en/"]
PHONE: ViewportSize = {"width": 390, "height": 844}
"""A phone's screen, in CSS pixels."""
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
"""A laptop's screen, in CSS pixels."""
RECORD = ROOT / "scripts" / "accessibility-audit.json"
"""The committed audit record: `scripts/audit.py` writes it, the accessibility statement shows it,
and the tests below fail when it no longer says what they find."""
STATEMENTS = {"nl": ROOT / "docs" / "accessibility.md", "en": ROOT / "docs" / "accessibility.en.md"}

pytestmark = pytest.mark.browser


COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The axe-core rules whose outcome the colours of a page decide. They are by far the slowest
(color-contrast looks up the background of every piece of text). The colours come from the
style sheets alone, the same at every screen size and with or without the site's scripts, so
these rules run once per page and colour scheme: light in the page tests here (every page, both
languages, desktop), dark in the phone tests; the other checks of a page at another size or
without scripts leave them out (`without`)."""


def axe_rules(
    page: Page, only: list[str] | None = None, without: list[str] | None = None
) -> tuple[list[str], str]:
    """The axe-core rules the page breaks, sorted, and the report that explains them; `only`
    runs just those rules, `without` all but those."""
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if only:
        options["runOnly"] = {"type": "rule", "values": only}
    if without:
        options["rules"] = {rule: {"enabled": False} for rule in without}
    results = Axe().run(page, options=options)
    rules = sorted({v["id"] for v in results.response["violations"]})
    return rules, results.generate_report()


SETTLED = """term => {
  const message = document.querySelector('.pagefind-ui__message');
  const text = message ? message.textContent.trim() : '';
  if (!text.includes(term) || /(\\.\\.\\.|\u2026)$/.test(text)) return false;
  const promised = Math.min(parseInt(text, 10) || 0, 5);
  const shown = document.querySelectorAll('.pagefind-ui__result').length;
  return shown === promised && !document.querySelector('.pagefind-ui__loading');
}"""
"""Pagefind has answered `term`: its message names the term and is no longer "Searching for
…", and the results of its first page (five at most) are drawn with their text loaded."""


def search_settled(page: Page, term: str) -> None:
    """Wait until Pagefind shows its whole answer to `term` (a condition, never a time)."""
    page.wait_for_function(SETTLED, arg=term, timeout=10_000)


def drawn(page: Page) -> None:
    """Wait until the page has drawn two frames: the handlers of the events so far have run and
    a dialog one opened has been answered (the page's scripts wait for that)."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def tools(browser: Browser) -> dict[str, str]:
    """The checking tools and their versions, as they run here."""
    page = browser.new_page()
    page.set_content('<html lang="en"><title>t</title><main><p>t</p></main></html>')
    axe = Axe().run(page).response["testEngine"]["version"]
    page.close()
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    return {
        "axe-core": axe,
        "Chromium": browser.version,
        "Nu Html Checker (vnu-jar)": lock["packages"]["node_modules/vnu-jar"]["version"],
        "Playwright": importlib.metadata.version("playwright"),
    }


def major(version: str) -> str:
    return version.split(".")[0]


def audit_record() -> dict[str, Any]:
    record: dict[str, Any] = json.loads(RECORD.read_text(encoding="utf-8"))
    return record


def audit_script() -> Any:
    """scripts/audit.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("audit", ROOT / "scripts" / "audit.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serving(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def base_url(real_site: Path) -> Iterator[str]:
    with serving(real_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).is_file(), "install Debian's chromium (make browser-deps)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def reader(browser: Browser) -> Iterator[BrowserContext]:
    """One reader's browser for the pages of every page test here: a cookie any page set
    would be seen by each test after it, and a context takes some 0.3 s to make."""
    context = browser.new_context()
    yield context
    context.close()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PAGES)
def test_page_is_accessible_private_and_cookieless(
    reader: BrowserContext, base_url: str, lang: str, path: str
) -> None:
    page = reader.new_page()
    requests: list[str] = []
    missing: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    response = page.goto(base_url + lang + path)
    assert response is not None and response.status == 200
    rules, report = axe_rules(page)
    assert rules == [], report
    assert audit_record()["axe"]["desktop"][lang + path] == rules  # run scripts/audit.py
    # Every request the page's scripts make after loading it, also those axe-core's run of a
    # second or more gave them time for: the network is quiet for half a second (at once if it
    # was already while axe-core ran).
    page.wait_for_load_state("networkidle")
    foreign = [u for u in requests if not u.startswith((base_url, "data:", "blob:"))]
    assert foreign == []
    assert reader.cookies() == []
    assert missing == []  # the theme once asked for a sitemap.xml next to every page
    page.close()


def test_the_audit_record_names_what_the_tests_check(browser: Browser) -> None:
    record = audit_record()
    recorded, found = dict(record["tools"]), tools(browser)
    # Debian ships Chromium's security updates within a major version and keeps no older build,
    # so the record holds for its major version; every other tool is pinned by a lock file.
    assert major(recorded.pop("Chromium")) == major(found.pop("Chromium"))
    assert recorded == found  # a new tool version: run scripts/audit.py
    tested = sorted(lang + path for lang in LANGS for path in PAGES)
    assert sorted(record["axe"]["desktop"]) == tested
    audit = audit_script()
    for lang, statement in STATEMENTS.items():
        assert audit.section(record, lang) in statement.read_text(encoding="utf-8")


def test_the_colour_rules_left_out_elsewhere_are_rules_of_axe_core(browser: Browser) -> None:
    """axe-core ignores an unknown rule in `without`: a renamed colour rule would silently run
    everywhere, or a misspelled one be checked nowhere."""
    page = browser.new_page()
    page.set_content('<html lang="en"><title>t</title><main><p>t</p></main></html>')
    Axe().run(page)  # loads axe-core into the page
    rules = page.evaluate("() => axe.getRules().map(rule => rule.ruleId)")
    page.close()
    assert set(COLOUR_RULES) <= set(rules)


def test_language_switcher_leads_to_the_counterpart(browser: Browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + "phenomena/vastgoedketen/")
    page.hover(".md-header__option .md-select")
    page.click('a.md-select__link[hreflang="en"]')
    page.wait_for_load_state()
    assert page.url == base_url + "en/phenomena/vastgoedketen/"
    assert page.locator("html").get_attribute("lang") == "en"
    page.hover(".md-header__option .md-select")
    page.click('a.md-select__link[hreflang="nl"]')
    page.wait_for_load_state()
    assert page.url == base_url + "phenomena/vastgoedketen/"
    page.close()


def test_pages_read_without_javascript(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "en/interventions/")
    assert page.locator("h1").inner_text() == "Courses of action"
    entries = page.locator("article .lft-entry")
    assert entries.count() >= 4
    assert entries.first.locator("a").first.is_visible()
    context.close()


def test_404_page_serves_in_both_languages(browser: Browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + "404.html")
    assert page.locator("h1").inner_text() == "Pagina niet gevonden"
    page.goto(base_url + "en/404.html")
    assert page.locator("h1").inner_text() == "Page not found"
    page.close()


INJECTED = """\
# Over

<!-- lft-allow raw-html: test of the sanitiser behind the guard -->
<script>window.injected = "script";</script>

<!-- lft-allow raw-html: test of the sanitiser behind the guard -->
<img src="data:," alt="" onerror="window.injected = 1"> <!-- lft-allow link: must fail -->

<!-- lft-allow raw-html: test of the sanitiser behind the guard -->
<a href="javascript:window.injected='link'" id="bad">klik</a>

<!-- lft-allow raw-html: test of the sanitiser behind the guard -->
<svg onload="window.injected = 'svg'"></svg>
"""


def test_injected_html_never_runs(browser: Browser, project: Path, tmp_path: Path) -> None:
    (project / "docs" / "about.md").write_text(INJECTED, encoding="utf-8")
    site = tmp_path / "built"
    with guard_blinded():  # the guard refuses this page; the sanitiser behind it is tested here
        build_site(project, site, strict=False)
    html = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert "window.injected" not in html
    with serving(site) as url:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: dialogs.append(dialog.message))
        page.goto(url + "about/")
        page.wait_for_load_state("networkidle")
        page.click("#bad")
        assert page.evaluate("typeof window.injected") == "undefined"
        assert dialogs == []
        page.close()
