"""Golden pages: the Markdown rendered from the fixture site, compared with tests/golden/.

After a deliberate change to templates or labels, run `make golden` (pytest --update-golden),
review `git diff tests/golden` and commit the new pages with the change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURE
from lft.check.project import check_project
from lft.render.pages import Page, render_pages

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def pages() -> list[Page]:
    checked = check_project(FIXTURE)
    assert [str(p) for p in checked.errors] == []
    return render_pages(checked.content)


def test_golden_pages(pages: list[Page], request: pytest.FixtureRequest) -> None:
    rendered = {page.src_uri: page.markdown for page in pages}
    assert len(rendered) == len(pages), "two pages share an address"
    if request.config.getoption("--update-golden"):
        for stale in GOLDEN.rglob("*.md"):
            if stale.relative_to(GOLDEN).as_posix() not in rendered:
                stale.unlink()
        for uri, markdown in rendered.items():
            target = GOLDEN / uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
    golden = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")}
    assert sorted(golden) == sorted(rendered), "pages were added or removed: run --update-golden"
    different = [
        uri
        for uri in sorted(rendered)
        if (GOLDEN / uri).read_text(encoding="utf-8") != rendered[uri]
    ]
    assert different == [], "pages differ from tests/golden/: review, then run --update-golden"


def test_every_page_exists_in_both_languages(pages: list[Page]) -> None:
    dutch = {p.src_uri for p in pages if p.lang == "nl"}
    english = {p.src_uri.replace(".en.md", ".md") for p in pages if p.lang == "en"}
    assert dutch == english
    assert all(p.src_uri.endswith(".en.md") for p in pages if p.lang == "en")


def test_only_the_item_awaiting_translation_is_untranslated(pages: list[Page]) -> None:
    assert [p.src_uri for p in pages if p.untranslated] == ["interventions/nog-te-vertalen.en.md"]


def test_pages_of_items_name_their_source(pages: list[Page]) -> None:
    sources = {p.src_uri: p.source for p in pages}
    assert sources["phenomena/voorbeeld/index.md"] == "content/phenomena/voorbeeld/phenomenon.yml"
    assert sources["glossary.en.md"] == "content/glossary.yml"
    assert sources["index.md"] is None
