"""What each page is, for the theme: its kind, its section, its schema.org type, and the words
for them from `labels.yml`, the one label table.

The renderer knows the kind of every page it writes (`Page.kind`, from its template); a
hand-written page is `info`. The theme's templates print these facts, escaped, and compute none
of them from the page's address.
"""

from __future__ import annotations

from lft.source.labels import labels
from lft.source.model import LANGUAGES

KINDS = {
    "home": "home",
    "phenomena": "overview",
    "interventions": "overview",
    "news-list": "overview",
    "phenomenon": "factsheet",
    "charter": "charter",
    "intervention": "intervention",
    "facet": "facet",
    "news": "news",
    "glossary": "glossary",
    "organisations": "organisations",
}
"""The kind of each page the renderer writes, by its template; every other page is `info`."""
INFO = "info"

_WORD = {"factsheet": "fact_sheet"}
"""The label of a kind, where its key in `labels.yml` is not the kind itself."""
_SECTION = {
    "factsheet": "phenomena",
    "charter": "phenomena",
    "intervention": "interventions",
    "facet": "interventions",
    "news": "news",
}
"""The overview a page belongs to, for the breadcrumb."""
_SCHEMA_TYPE = {
    "home": "WebSite",
    "overview": "CollectionPage",
    "factsheet": "Article",
    "charter": "Article",
    "intervention": "Article",
    "facet": "CollectionPage",
    "news": "NewsArticle",
    "glossary": "DefinedTermSet",
    "organisations": "CollectionPage",
    "info": "WebPage",
}
_OPEN_GRAPH_LOCALE = {"nl": "nl_NL", "en": "en_GB"}
THEME_WORDS = (
    "home",
    "breadcrumb",
    "search",
    "search_label",
    "feed_news_link",
    "feed_updates_link",
)
"""The words the theme's templates print besides the page facts."""


def kind_of(template: str) -> str:
    return KINDS.get(template, INFO)


def page_facts(kind: str, lang: str, published: str | None = None) -> dict[str, object]:
    """The facts the theme prints for a page of `kind` in `lang`."""
    words = labels()
    section = _SECTION.get(kind, "")
    facts: dict[str, object] = {
        "kind": kind,
        "type": words[_WORD.get(kind, kind)][lang],
        "schema_type": _SCHEMA_TYPE[kind],
        "section": f"{section}/" if section else "",
        "section_name": words[section][lang] if section else "",
        "locale": _OPEN_GRAPH_LOCALE[lang],
        "other_locales": [_OPEN_GRAPH_LOCALE[other] for other in LANGUAGES if other != lang],
    }
    if published:
        facts["published"] = published
    return facts


def theme_words() -> dict[str, dict[str, str]]:
    """Per language, the words of the theme's templates (the search box, the breadcrumb's name,
    the feeds), also on pages without facts (the 404 page)."""
    words = labels()
    return {lang: {key: words[key][lang] for key in THEME_WORDS} for lang in LANGUAGES}
