"""Render the content model into Markdown pages, one per language, with Jinja2 templates.

Pure functions over the model: no MkDocs here. The plugin turns the pages into site files.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cache, cached_property

from babel.dates import format_date
from babel.numbers import format_decimal
from jinja2 import Environment, PackageLoader, Undefined

from lft.check.page_links import linked
from lft.check.publisher import Confirmation
from lft.check.unconfirmed import NOTE_CLASS, note
from lft.check.unconfirmed_fields import waiting
from lft.render.assets import picture_folder
from lft.render.explain import Terms, explain
from lft.render.facts import INFO, kind_of
from lft.source import catalogue, kinds, mdscan
from lft.source.addresses import Planned, localized_uri, plan
from lft.source.catalogue import FacetValue
from lft.source.labels import labels
from lft.source.model import DEFAULT_LANGUAGE, LANGUAGES, Content, Item, Prose, feed_path
from lft.workers import LIGHT, in_chunks

BABEL_LOCALES = {"nl": "nl_NL", "en": "en_GB"}
_OTHER: dict[kinds.Language, kinds.Language] = {"nl": "en", "en": "nl"}
LISTED = 3
"""How many courses of action a fact sheet lists per step and for the phenomenon, with a link
to the catalogue's page of all of them: an item page stays the same size however many there
are (issue 18: every item page under 15 KB gzip)."""


@dataclass(frozen=True)
class Page:
    """One generated Markdown page of the site."""

    src_uri: str
    markdown: str
    lang: str
    source: str | None
    untranslated: bool = False
    outdated: bool = False
    kind: str = INFO
    """What the page is, for the theme (`lft.render.facts`)."""
    published: str | None = None
    """The day a news item was published, for its structured data."""


def format_day(value: str | dt.date, lang: str) -> str:
    """`2021-09-08` → `8 september 2021` (nl) or `8 September 2021` (en)."""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    return str(format_date(day, format="long", locale=BABEL_LOCALES[lang]))


def format_number(value: float, lang: str) -> str:
    return str(format_decimal(value, locale=BABEL_LOCALES[lang]))


class Language:
    """What a template needs to write one page in one language."""

    def __init__(
        self,
        lang: kinds.Language,
        base_uri: str,
        fallback: bool,
        outdated: bool = False,
        terms: Terms | None = None,
        confirmations: Mapping[str, Confirmation] | None = None,
    ) -> None:
        self.lang = lang
        self.base_uri = base_uri
        self.fallback = fallback
        self.outdated = outdated
        self.terms = terms
        """The glossary's terms in this language, explained where they are first used."""
        self.explained: set[str] = set()
        self.confirmations = confirmations
        """The open confirmations, whose fields a preview shows as editor's notes; None in a
        release, which has left those fields out (`lft.check.unconfirmed_fields`)."""
        self.noted_fields: set[tuple[str, str]] = set()
        """(source, field) of each field this page showed as an editor's note."""

    def explain(self, markdown: str) -> str:
        """Prose with the first use of each glossary term on this page explained in place
        (not in a Dutch stand-in for a missing translation: the explanations are in English)."""
        if self.fallback or self.terms is None or not self.terms.named:
            return markdown
        link = self.url("glossary.md")
        labels = (self.t("term_called"), self.t("term_more"))
        return explain(markdown, self.terms, self.explained, link, labels)

    def t(self, key: str) -> str:
        return labels()[key][self.lang]

    def noted(self, item: Item | None, name: str, shown: str) -> str:
        """`shown`, the value of the field `name` of `item` as a page writes it, inside an
        editor's note when the field waits for a confirmation (in a preview)."""
        if item is None or self.confirmations is None or name not in waiting(item.data):
            return shown
        ident = waiting(item.data)[name]
        self.noted_fields.add((item.source, name))
        said = note(ident, self.lang, self.confirmations)
        return f'<span class="{NOTE_CLASS}"><strong>{said}</strong> {shown}</span>'

    def unnoted(self, markdown: str, item: Item) -> str:
        """The page of `item` with a note under its title for each of its fields that waits for
        a confirmation and that the template did not show as a note in place (a preview)."""
        fields = waiting(item.data)
        if self.confirmations is None or not fields:
            return markdown
        notes = [
            f'<div class="{NOTE_CLASS}" markdown>\n\n'
            f"**{note(ident, self.lang, self.confirmations)}** "
            f"{self.t('unconfirmed_field').format(field=name)}\n\n</div>\n"
            for name, ident in fields.items()
            if name in item.data and (item.source, name) not in self.noted_fields
        ]
        scan = mdscan.scan(markdown)
        title = next((h.line for h in scan.headings if h.level == 1), None)
        if not notes or title is None:
            return markdown
        lines = markdown.split("\n")
        lines[title:title] = ["", *notes]
        return "\n".join(lines)

    def choice(self, group: str, value: str) -> str:
        """The label of a value from a fixed list (`status`, `active` → `Actief`); a value
        with no label (a placeholder in a draft) as it was written."""
        label = labels().get(f"{group}_{value}")
        return label[self.lang] if label else value

    def tx(self, text: kinds.Text | None) -> str:
        """A bilingual text in this language; a Dutch stand-in is marked as Dutch."""
        if not text:
            return ""
        if self.lang in text:
            return text[self.lang]
        return f'<span lang="{DEFAULT_LANGUAGE}">{text[DEFAULT_LANGUAGE]}</span>'

    def plain(self, text: kinds.Text | None) -> str:
        """A bilingual text without markup, for front matter."""
        if not text:
            return ""
        return text.get(self.lang) or text[DEFAULT_LANGUAGE]

    def date(self, value: str) -> str:
        """A date in words; anything else (a placeholder in a draft) as it was written."""
        try:
            return format_day(value, self.lang)
        except (TypeError, ValueError):
            return str(value)

    def number(self, value: float | str) -> str:
        """A figure in this language's notation; anything else (a placeholder) as written."""
        if isinstance(value, int | float) and not isinstance(value, bool):
            return format_number(value, self.lang)
        return str(value)

    def url(self, target: str) -> str:
        """A relative link from this page to the (unsuffixed) source of another page."""
        path, _, anchor = target.partition("#")
        rel = relative(path, posixpath.dirname(self.base_uri) or ".")
        return f"{rel}#{anchor}" if anchor else rel


def relative(path: str, start: str) -> str:
    """`posixpath.relpath(path, start)` for two addresses within the site, from the strings
    alone: `relpath` asks the system for the working folder on every call (the renderer makes
    some 160 links a page at 1,000 items)."""
    to, base = posixpath.normpath(path), posixpath.normpath(start)
    if to.startswith(("/", "..")) or base.startswith(("/", "..")):
        return posixpath.relpath(path, start)
    ends = [part for part in to.split("/") if part != "."]
    starts = [part for part in base.split("/") if part != "."]
    common = 0
    while common < min(len(ends), len(starts)) and ends[common] == starts[common]:
        common += 1
    return "/".join([".."] * (len(starts) - common) + ends[common:]) or "."


class OptionalUndefined(Undefined):
    """A missing optional key is false and empty in tests and loops, but never printed."""

    __str__ = Undefined._fail_with_undefined_error


def _yaml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("lft.render", "templates"),
        undefined=OptionalUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Markdown attribute lists use `{#id}`, Jinja's default comment opener.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters["yaml"] = _yaml_string
    return env


def _partners(item: Item) -> set[str]:
    return {p["organisation"] for p in item.intervention()["partners"]}


class Renderer:
    """Renders every page of the site for a loaded, valid `Content`."""

    def __init__(
        self,
        content: Content,
        outdated: set[str] | None = None,
        mailbox: str = "",
        confirmations: Mapping[str, Confirmation] | None = None,
    ) -> None:
        self.content = content
        self.mailbox = mailbox
        """The publisher's mailbox: the contact of every item that names no other one."""
        self.confirmations = confirmations
        """The open confirmations, for the editor's notes of a preview (None in a release)."""
        self.outdated = outdated or set()
        """Sources of the items whose English translation is older than their Dutch text."""
        self.organisations: kinds.Organisations = (
            content.organisations.organisations() if content.organisations else {}
        )
        self.terms: kinds.Glossary = content.glossary.glossary() if content.glossary else {}
        self.explainable = {lang: Terms(self.terms, lang) for lang in LANGUAGES}
        """The terms each language's running text explains (`lft.render.explain`)."""
        self._interventions = catalogue.interventions(content)
        self._values = catalogue.values(content)
        self.by_step: dict[tuple[str, str], list[Item]] = {}
        self.by_phenomenon: dict[str, list[Item]] = {}
        for item in self.interventions():
            for serves in item.intervention()["phenomena"]:
                self.by_phenomenon.setdefault(serves["phenomenon"], []).append(item)
                for step in serves["steps"]:
                    self.by_step.setdefault((serves["phenomenon"], step), []).append(item)

        self.facets = catalogue.facet_values(content)
        self._facet = {(v.facet, v.value): v for v in self.facets}

    def interventions(self) -> list[Item]:
        return self._interventions

    def values(self, item: Item) -> dict[str, list[str]]:
        """The facet values of an intervention (`catalogue.values`, worked out once)."""
        return self._values[item.source]

    def newest(self, items: list[Item]) -> list[Item]:
        """The `LISTED` most recently reviewed of `items` (by title when equal): what a fact
        sheet lists of a step's or a phenomenon's courses of action, so that its size does not
        grow with the catalogue; the catalogue's facet page lists them all."""
        by_date = sorted(items, key=lambda i: str(i.data.get("last_reviewed") or ""), reverse=True)
        return by_date[:LISTED]

    def facet_groups(self) -> list[tuple[str, list[FacetValue]]]:
        """The catalogue's facets with their values, in reading order."""
        return [
            (facet, [v for v in self.facets if v.facet == facet])
            for facet in catalogue.FACETS
            if any(v.facet == facet for v in self.facets)
        ]

    def facets_of(self, item: Item) -> dict[str, list[FacetValue]]:
        """The facet values of one intervention, each with its page, by facet."""
        return {
            facet: [self._facet[(facet, v)] for v in vals]
            for facet, vals in self.values(item).items()
        }

    def facet_label(self, value: FacetValue, language: Language, full: bool = False) -> str:
        """A facet value as readers call it; `full` adds a step's phenomenon."""
        if value.facet in catalogue.ORDER:
            return language.choice(value.facet, value.value)
        slug, _, step_id = value.value.partition("/")
        phenomenon = self.content.phenomena[slug]
        name = language.tx(phenomenon.phenomenon()["title"])
        if value.facet == "phenomenon":
            return name
        step = next(s for s in self.steps(slug) if s["id"] == step_id)
        title = language.tx(step["title"])
        return f"{title} ({name})" if full else title

    def feed(self, name: str, language: Language) -> str:
        """A link from the page to a feed of its language."""
        return language.url(feed_path(name, language.lang))

    def facet_page(self, facet: str, value: str) -> FacetValue | None:
        """The catalogue page of a feature value; None when no course of action has it."""
        return self._facet.get((facet, value))

    def step_page(self, phenomenon: str, step: str) -> FacetValue | None:
        """The catalogue page of a process step; None when no course of action serves it."""
        return self.facet_page("step", f"{phenomenon}/{step}")

    def steps_of_many(self) -> bool:
        """True when the steps of more than one phenomenon are facets (their names need it)."""
        return len({v.value.split("/")[0] for v in self.facets if v.facet == "step"}) > 1

    def related(self, item: Item) -> list[Item]:
        """Up to five other interventions that share steps (counted double) or partners; the
        best first, by title when equal. Found through who shares what (`_sharing`), not by
        comparing every pair of interventions."""
        steps, partners = self._sharing
        score: Counter[int] = Counter()
        for step in set(self.values(item)["step"]):
            for index in steps[step]:
                score[index] += 2
        for organisation in _partners(item):
            for index in partners[organisation]:
                score[index] += 1
        ranked = sorted(score, key=lambda index: (-score[index], index))
        others = [self._interventions[index] for index in ranked]
        return [other for other in others if other is not item][:5]

    @cached_property
    def _sharing(self) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """Per step and per partner organisation, the interventions (by their place in
        `interventions`) that have it."""
        steps: dict[str, list[int]] = {}
        partners: dict[str, list[int]] = {}
        for index, item in enumerate(self._interventions):
            for step in set(self.values(item)["step"]):
                steps.setdefault(step, []).append(index)
            for organisation in _partners(item):
                partners.setdefault(organisation, []).append(index)
        return steps, partners

    def news(self) -> list[Item]:
        return sorted(self.content.news.values(), key=lambda i: i.slug, reverse=True)

    def phenomena(self) -> list[Item]:
        return sorted(
            self.content.phenomena.values(),
            key=lambda i: i.phenomenon()["title"][DEFAULT_LANGUAGE].casefold(),
        )

    def pages(self, chosen: Callable[[Planned], bool] | None = None) -> list[Page]:
        """Every page (or the `chosen` ones), in every language: rendered by worker processes
        when there are many (`lft.workers`), in the same order and with the same text as by
        this process."""
        planned = [page for page in plan(self.content, self.facets) if not chosen or chosen(page)]
        jobs = [(lang, index) for lang in LANGUAGES for index in range(len(planned))]
        return in_chunks(_render, jobs, self, planned, at_least=LIGHT, fork_only=True)

    def page(
        self,
        template: str,
        base_uri: str,
        lang: kinds.Language,
        item: Item | None = None,
        source: str | None = None,
        **extra: object,
    ) -> Page:
        fallback = item is not None and lang != DEFAULT_LANGUAGE and item.awaiting(lang)
        outdated = item is not None and lang != DEFAULT_LANGUAGE and item.source in self.outdated
        terms = self.explainable[lang]
        language = Language(
            lang, base_uri, fallback, outdated and not fallback, terms, self.confirmations
        )
        prose: Prose | None = None
        if item is not None:
            prose = item.prose.get(lang) if not fallback else None
            prose = prose or item.prose.get(DEFAULT_LANGUAGE)
            prose = _with_page_links(prose, language) if prose else None
            source = item.source
        markdown = (
            environment()
            .get_template(f"{template}.md.j2")
            .render(
                L=language,
                item=item,
                data=item.data if item else {},
                prose=prose,
                prose_lang=DEFAULT_LANGUAGE if fallback else lang,
                site=self,
                other=_OTHER[lang],
                **extra,
            )
        )
        if item is not None:
            markdown = language.unnoted(markdown, item)
        if item is not None and item.pictures:
            markdown = sized_pictures(markdown, item, base_uri)
        return Page(
            localized_uri(base_uri, lang),
            markdown,
            lang,
            source,
            fallback,
            language.outdated,
            kind_of(template),
            item.data.get("date") if item is not None and template == "news" else None,
        )

    def phenomenon(self, slug: str) -> Item | None:
        """The phenomenon an item refers to; None for a placeholder or an unpublished one."""
        return self.content.phenomena.get(slug)

    def steps(self, slug: str) -> list[kinds.Step]:
        """The process steps of a phenomenon (none for an unknown one)."""
        phenomenon = self.phenomenon(slug)
        steps = phenomenon.phenomenon().get("process_steps") if phenomenon else None
        return steps or []

    def organisation_name(self, slug: str, language: Language) -> str:
        entry = self.organisations.get(slug)
        return language.tx(entry["name"]) if entry else slug

    def facts_by_topic(self, item: Item) -> list[list[kinds.Fact]]:
        """Key facts grouped: facts sharing a topic form one group, in file order."""
        groups: dict[str, list[kinds.Fact]] = {}
        order: list[list[kinds.Fact]] = []
        for index, fact in enumerate(item.phenomenon().get("key_facts") or []):
            key = fact.get("topic") or f"#{index}"
            if key not in groups:
                groups[key] = []
                order.append(groups[key])
            groups[key].append(fact)
        return order


def _with_page_links(prose: Prose, language: Language) -> Prose:
    """The prose with each link to a page of `docs/` addressed from the page being written
    (`lft.check.page_links`)."""
    return replace(
        prose,
        intro=linked(prose.intro, language.url),
        sections=[replace(s, body=linked(s.body, language.url)) for s in prose.sections],
    )


def _render(
    jobs: list[tuple[kinds.Language, int]], renderer: Renderer, planned: list[Planned]
) -> list[Page]:
    """The page of each (language, place in `planned`) of `jobs` (`Renderer.pages`)."""
    pages = []
    for lang, index in jobs:
        template, base_uri, item, source, extra = planned[index]
        pages.append(renderer.page(template, base_uri, lang, item, source, **extra))
    return pages


def render_pages(
    content: Content,
    outdated: set[str] | None = None,
    mailbox: str = "",
    confirmations: Mapping[str, Confirmation] | None = None,
) -> list[Page]:
    """Every page of the site; `outdated` names the sources whose translation is behind;
    `mailbox` is the publisher's, the contact of an item that names none; `confirmations`
    the open ones, whose fields a preview shows as editor's notes (None in a release)."""
    return Renderer(content, outdated, mailbox, confirmations).pages()


_PICTURE = re.compile(r"!\[(?P<alt>[^\][\n]*)\]\((?P<src>[\w.-]{1,200})\)(?!\{)")
"""A Markdown picture by its bare file name, as a contributor writes one from the item folder."""


def sized_pictures(markdown: str, item: Item, base_uri: str) -> str:
    """`markdown` with each picture of the item's folder addressed from the page at `base_uri`
    and given its width and height (no layout shift while it loads)."""
    folder = relative(picture_folder(item), posixpath.dirname(base_uri) or ".")
    prefix = "" if folder == "." else f"{folder}/"

    def place(match: re.Match[str]) -> str:
        size = item.pictures.get(match["src"])
        if size is None:
            return match[0]
        width, height = size
        return f'![{match["alt"]}]({prefix}{match["src"]}){{ width="{width}" height="{height}" }}'

    return _PICTURE.sub(place, markdown)
