"""Where each page of the site lives: the plan of every page, from the content alone.

Below both the checks and the renderer: the content check needs every generated page's address
(a hand-written page may not hide one), the renderer renders the plan.
"""

from __future__ import annotations

from lft.source import catalogue
from lft.source.model import DEFAULT_LANGUAGE, LANGUAGES, Content, Item

Planned = tuple[str, str, Item | None, str | None, dict[str, object]]
"""One page: (template, unsuffixed source path, item, content source of a registry, extra)."""

DATA_PAGE = "data.md"
"""The page that describes the open data (`lft.render.opendata`)."""


def localized_uri(base: str, lang: str) -> str:
    """`phenomena/x/index.md` → `phenomena/x/index.en.md` for a language other than Dutch."""
    return base if lang == DEFAULT_LANGUAGE else f"{base[:-3]}.{lang}.md"


def plan(content: Content, facets: list[catalogue.FacetValue] | None = None) -> list[Planned]:
    """Every page of the site once, for any content, valid or not (nothing is rendered);
    `facets`, the content's `catalogue.facet_values` where the caller has them."""
    registries = {r.name: r.source for r in content.registries()}
    planned: list[Planned] = [
        ("home", "index.md", None, None, {}),
        ("phenomena", "phenomena/index.md", None, None, {}),
        ("interventions", "interventions/index.md", None, None, {}),
        ("news-list", "news/index.md", None, None, {}),
        ("glossary", "glossary.md", None, registries.get("glossary"), {}),
        ("organisations", "organisations.md", None, registries.get("organisations"), {}),
    ]
    for slug, item in sorted(content.phenomena.items()):
        extra: dict[str, object] = {"charter": content.charters.get(slug)}
        planned.append(("phenomenon", f"phenomena/{slug}/index.md", item, None, extra))
    for slug, item in sorted(content.charters.items()):
        extra = {"phenomenon": content.phenomena.get(slug)}
        planned.append(("charter", f"phenomena/{slug}/charter.md", item, None, extra))
    for slug, item in sorted(content.interventions.items()):
        planned.append(("intervention", f"interventions/{slug}.md", item, None, {}))
    for slug, item in sorted(content.news.items()):
        planned.append(("news", f"news/{slug}.md", item, None, {}))
    for value in catalogue.facet_values(content) if facets is None else facets:
        planned.append(("facet", value.uri, None, None, {"facet": value}))
    return planned


def page_uris(content: Content) -> list[str]:
    """The source path of every generated page in every language, without rendering."""
    planned = plan(content)
    return [localized_uri(base, lang) for lang in LANGUAGES for _, base, *_ in planned]


def data_page_uris() -> list[str]:
    """The source path of the open data's page in every language."""
    return [localized_uri(DATA_PAGE, lang) for lang in LANGUAGES]
