"""Language of parts: a source title in another language than its page is marked with `lang`.

Nearly every source is Dutch, so a source without `lang` is Dutch; on an English page its
title becomes `[title](url){: lang="nl" hreflang="nl" }`, which attr_list turns into
`<a … lang="nl">`. A source marked `lang: en` is marked the same way on a Dutch page.
"""

from __future__ import annotations

from typing import Any

import markdown
import pytest

from conftest import FIXTURE, REPO
from lft.check.project import check_project
from lft.render.pages import Language, Page, environment, render_pages
from lft.source.model import Content


def _mark(lang: str) -> str:
    return f'{{: lang="{lang}" hreflang="{lang}" }}'


def _rendered(root: Any) -> tuple[Content, list[Page]]:
    checked = check_project(root)
    assert [str(p) for p in checked.errors] == []
    return checked.content, render_pages(checked.content)


def _sources(L: Language, sources: list[dict[str, Any]]) -> str:
    module: Any = environment().get_template("_macros.j2").module
    return str(module.sources(L, sources))


def test_a_dutch_source_on_an_english_page_of_the_fixture_is_marked() -> None:
    _, pages = _rendered(FIXTURE)
    by_uri = {p.src_uri: p for p in pages}
    english = by_uri["interventions/voorbeeld-screening.en.md"].markdown
    dutch = by_uri["interventions/voorbeeld-screening.md"].markdown
    assert f"- [Bron A](https://example.org/a){_mark('nl')}" in english
    assert "- [Bron A](https://example.org/a)\n" in dutch
    assert "lang=" not in dutch.split("{#sources}", 1)[1].split("\n## ", 1)[0]
    html = markdown.markdown(english, extensions=["attr_list", "md_in_html"])
    assert '<a href="https://example.org/a" hreflang="nl" lang="nl">Bron A</a>' in html


def test_an_english_source_is_marked_on_a_dutch_page_and_not_on_an_english_one() -> None:
    report = {"title": "A report", "url": "https://example.org/r", "lang": "en", "year": 2024}
    dutch = _sources(Language("nl", "interventions/x.md", False), [report])
    english = _sources(Language("en", "interventions/x.en.md", False), [report])
    assert f"- [A report](https://example.org/r){_mark('en')} (2024)\n" in dutch
    assert "- [A report](https://example.org/r) (2024)\n" in english
    assert "lang=" not in english


@pytest.fixture(scope="module")
def real() -> tuple[Content, list[Page]]:
    return _rendered(REPO)


def test_every_dutch_source_on_the_real_english_pages_is_marked(
    real: tuple[Content, list[Page]],
) -> None:
    """Builds nothing: reads the Markdown rendered from content/ for every English page."""
    content, pages = real
    items = {item.source: item for item in content.items()}
    checked = 0
    for page in pages:
        if page.lang != "en" or page.source not in items:
            continue
        for source in items[page.source].data.get("sources", []):
            link = f"[{source['title']}]({source['url']})"
            lang = source.get("lang", "nl")
            expected = link + _mark(lang) if lang != "en" else link
            assert expected in page.markdown, f"{page.src_uri}: {link} is not marked as {lang}"
            if lang == "en":
                assert link + "{:" not in page.markdown, f"{page.src_uri}: {link} marked"
            checked += 1
    assert checked > 20, "the real content should have many sources on English pages"
