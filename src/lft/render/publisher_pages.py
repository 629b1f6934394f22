"""The publisher's pages: the contact page and the colophon in every language, written from
`publisher.yml` (`lft.check.publisher`), so no page repeats these facts by hand."""

from __future__ import annotations

from collections.abc import Set

from lft.check.publisher import PAGES, PUBLISHER_FILE, Publisher
from lft.render.pages import Language, Page, environment
from lft.source.addresses import localized_uri
from lft.source.model import LANGUAGES


def publisher_pages(publisher: Publisher, docs: Set[str] = frozenset()) -> list[Page]:
    """The contact page and the colophon in every language, written from `publisher.yml`;
    `docs` are the pages of `docs/` in both languages, which they link where they name one."""
    pages = []
    for name in PAGES:
        for lang in LANGUAGES:
            base = f"{name}.md"
            markdown = (
                environment()
                .get_template(f"{name}.md.j2")
                .render(L=Language(lang, base, False), publisher=publisher, pages=docs)
            )
            pages.append(Page(localized_uri(base, lang), markdown, lang, PUBLISHER_FILE))
    return pages
