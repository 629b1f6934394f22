"""Built pages read as a browser reads them: parser differentials.

The output scan reads every page twice: with the standard library's tokenizer, which gives each
finding its place, and with an HTML5 tree builder (Lexbor, `lft.finish.browser`), which builds the
elements a browser builds. The corpus in `hostile_html/refused/` holds one page fragment per file
whose danger a browser runs; each must be refused by the output scan of a built site.
`CAUGHT_BY_THE_TOKENIZER` names those the tokenizer's reading already refused; every other one it
missed, and only the browser's reading finds it. `hostile_html/allowed/` holds markup that looks
hostile but from which a browser builds nothing dangerous. Add a file when a new form turns up.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lft.finish.onepass import add_policies
from lft.finish.scan import Trust, scan_markup, scan_site

CORPUS = Path(__file__).parent / "hostile_html"
REFUSED = sorted((CORPUS / "refused").glob("*.html"))
ALLOWED = sorted((CORPUS / "allowed").glob("*.html"))
TRUST = Trust((re.compile(r'__md_scope=new URL\("[^"<>]*",location\)'),))
PAGE = "<!doctype html>\n<html><head><title>t</title></head>\n<body>\n{}</body></html>\n"
BROWSER = ", as a browser reads the page"
CAUGHT_BY_THE_TOKENIZER = {
    "backtick-unquoted",
    "base-href",
    "button-formaction",
    "comment-in-attribute",
    "cr-in-tag",
    "duplicate-href",
    "embed-src",
    "iframe-srcdoc",
    "math-mglyph-style",
    "object-data",
    "processing-instruction",
    "svg-style-breakout",  # as a <style>; the <img onerror> only the browser's reading sees
    "tab-in-scheme",
    "template-content",
    "title-in-svg",
    "xmp-breakout",
}


def _fragment(path: Path) -> str:
    return path.read_bytes().decode("utf-8").removesuffix("\n")


def _built_site(tmp_path: Path, fragment: str) -> Path:
    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    (site / "en" / "index.html").write_text(PAGE.format(fragment), encoding="utf-8", newline="")
    return site


def test_the_corpus_has_a_case_for_every_kind_of_differential() -> None:
    names = {path.stem for path in REFUSED}
    assert len(names - CAUGHT_BY_THE_TOKENIZER) >= 8
    assert len(names) >= 15 and names >= CAUGHT_BY_THE_TOKENIZER


@pytest.mark.parametrize("path", REFUSED, ids=lambda p: p.stem)
def test_the_output_scan_of_a_built_site_refuses_every_differential(
    tmp_path: Path, path: Path
) -> None:
    site = _built_site(tmp_path, _fragment(path))
    problems = scan_site(site, TRUST, add_policies(site, TRUST).output)
    assert problems and all(p.path == "en/index.html" for p in problems)
    assert all(1 <= p.line <= 5 and p.col >= 1 for p in problems)  # the policy adds a line
    by_tokenizer = [p for p in problems if not p.message.endswith(BROWSER)]
    assert bool(by_tokenizer) == (path.stem in CAUGHT_BY_THE_TOKENIZER)


@pytest.mark.parametrize("path", ALLOWED, ids=lambda p: p.stem)
def test_markup_a_browser_builds_nothing_dangerous_from_passes(tmp_path: Path, path: Path) -> None:
    site = _built_site(tmp_path, _fragment(path))
    assert scan_site(site, TRUST) == []


def test_a_finding_of_the_browser_reading_is_placed_at_its_start_tag() -> None:
    text = PAGE.format('<p>x</p><noscript><p title="</noscript><img src=x onerror=alert(1)>">')
    [problem] = scan_markup("en/index.html", text, TRUST)
    assert str(problem) == (
        "en/index.html:4:40: an event-handler attribute 'onerror' on <img>, as a browser reads "
        "the page [output] (the site runs no script from page content; the markup hides it from "
        "a plain reading)"
    )


def test_the_browser_reading_keeps_the_first_of_a_repeated_attribute() -> None:
    fragment = '<meta http-equiv=refresh http-equiv=content-security-policy content="0;url=/x">'
    messages = [p.message for p in scan_markup("p.html", PAGE.format(fragment), TRUST)]
    assert messages == ["a <meta http-equiv='refresh'> in the built page" + BROWSER]


def test_a_script_inside_a_template_is_read() -> None:
    text = PAGE.format("<template><template><script>alert(1)</script></template></template>")
    assert [p.message for p in scan_markup("p.html", text, TRUST)] == [
        "a script the site did not ship itself"
    ]
