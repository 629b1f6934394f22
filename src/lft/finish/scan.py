"""Checks on the built site: what actually ships, read as a browser reads it: pages with an
HTML parser, SVG pictures and XML files with an XML parser (`lft.source.xmldoc`: no DTD, no
entities,
namespaces resolved), pictures against the allow-list of `lft.source.svg`.

This is the last line of defence. Whatever the content checks, the sanitiser and the escaping
missed, a page that would run a script the site did not ship, carry an event handler or a
`javascript:` address, refresh or redirect itself, submit a form, embed a frame or object, or
load anything from another site fails the build here. Every other file must be a byte-for-byte
copy of a checked source or of the theme, or one of the few files the engine writes itself.
Nothing here knows the engine: it reads a folder of files.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from lft.check.guard.html import Script, Tag
from lft.dangerous import ELEMENTS, SCHEME, THEME_ELEMENTS, URL_ATTRIBUTES
from lft.finish.browser import elements, start_tag
from lft.finish.shipped import Page, read_page
from lft.problems import Problem, line_col
from lft.source.svg import SVG_NS, XLINK_NS, check
from lft.source.xmldoc import Broken, Document, parse, walk

FORBIDDEN_ELEMENTS = ELEMENTS - THEME_ELEMENTS
"""Elements no page of this site needs; each can run, frame or restyle foreign content. (The
theme's own forms, links, metas and scripts are checked by what they do.)"""
_RESOURCE_ATTRIBUTES = {"src", "srcset", "poster", "data", "background"}
_ANIMATION_VALUES = {"to", "from", "values", "by"}
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_THIRD_PARTY = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_ADDRESS_LINKS = {
    "alternate",
    "author",
    "canonical",
    "help",
    "license",
    "next",
    "prev",
    "search",
    "self",
}
"""Kinds of <link> that name an address without loading it (`self`: an Atom feed's own)."""
_JSON_TYPES = {"application/json", "application/ld+json"}
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
PAGES = {".html", ".htm"}
"""Files read as HTML pages; SVG and XML files are read as XML (`lft.source.xmldoc`), and every
other
file must be accounted for as a copy."""
XML_SUFFIXES = {".xml", ".rss", ".atom"}
RUNNABLE = {".xhtml", ".xht", ".xsl", ".xslt", ".mht", ".mhtml", ".shtml", ".svgz"}
"""Kinds of file a browser runs as a document that the site never ships."""
_XHTML_NS = "http://www.w3.org/1999/xhtml"
_XML_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data"}


@dataclass(frozen=True)
class Trust:
    """What the site ships itself: the theme's inline scripts and the files it may copy.

    `scripts` are the inline scripts the theme writes (with the values it fills in left open);
    `copies` maps a file of the output to the checked source or theme file it must equal;
    `generated` names the files the engine writes itself (the sitemap, the search index).
    """

    scripts: tuple[re.Pattern[str], ...] = ()
    copies: Mapping[str, Path] = field(default_factory=dict)
    generated: frozenset[str] = frozenset()

    def trusts_script(self, text: str) -> bool:
        return any(pattern.fullmatch(text) for pattern in self.scripts)


def _normal_url(value: str) -> str:
    """An address as a browser reads it: control characters and spaces inside do not count."""
    return _CONTROL.sub("", value)


class _Findings:
    """The findings of one page, each at the place of its tag."""

    def __init__(self, path: str, trust: Trust, place: tuple[int, int]) -> None:
        self.path = path
        self.trust = trust
        self.place = place
        self.problems: list[Problem] = []

    def report(self, message: str, hint: str) -> None:
        line, col = self.place
        self.problems.append(Problem(self.path, line, col, "", message, hint, rule="output"))

    def tag(self, tag: Tag) -> None:
        values = tag.values()
        if tag.name in FORBIDDEN_ELEMENTS:
            self.report(
                f"a <{tag.name}> element in the built page",
                "the site ships no frames, objects, embedded documents or style elements",
            )
        for name, value, *_ in tag.attributes:
            self._attribute(tag.name, name, value)
        if tag.name == "link" and not set(values.get("rel", "").lower().split()) <= _ADDRESS_LINKS:
            self._local_resource(values.get("href", ""))
        if tag.name == "meta" and "http-equiv" in values:
            equiv = values["http-equiv"].strip().lower()
            if equiv != "content-security-policy":
                self.report(
                    f"a <meta http-equiv={equiv!r}> in the built page",
                    "a page may not refresh, redirect or set cookies by itself",
                )
        if tag.name == "form" and (
            {"action", "method", "target", "formaction"} & values.keys()
            or values.get("name") != "search"
        ):
            self.report(
                "a form that sends data somewhere",
                "the only form the site has is the search box, which sends nothing",
            )
        if tag.name == "script" and "src" in values:
            self._local_resource(values["src"])

    def _attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self.report(
                f"an event-handler attribute '{name}' on <{tag}>",
                "the site runs no script from page content",
            )
        if name == "style":
            self.report(
                f"a style attribute on <{tag}>", "page content may not restyle or overlay the site"
            )
        url = _normal_url(value)
        if name in URL_ATTRIBUTES and SCHEME.match(url):
            self.report(
                f"a {url.split(':', 1)[0].lower()}: address in {name}= on <{tag}>",
                "links go to web pages (https:) or mail addresses (mailto:) only",
            )
        if name in _ANIMATION_VALUES and re.search(r"(?:java|vb)script:", url, re.IGNORECASE):
            self.report(
                f"an animation to a script address on <{tag}>",
                "SVG animations may not change a link into a script",
            )
        if name in _RESOURCE_ATTRIBUTES or (name == "href" and tag in {"image", "use", "feimage"}):
            self._local_resource(value)

    def _local_resource(self, value: str) -> None:
        if _THIRD_PARTY.match(_normal_url(value).strip()):
            self.report(
                f"a resource from another site: {value}",
                "the site loads nothing from third parties; copy the file into the site",
            )

    def script(self, script: Script) -> None:
        """A closed script element without `src`: a data block of JSON, or a theme script."""
        kind = script.tag.values().get("type", "").strip().lower()
        if kind in _JSON_TYPES:
            try:
                json.loads(script.text)
            except ValueError:
                self.report("a data block that is not JSON", "")
            return
        if kind in _JS_TYPES and self.trust.trusts_script(script.text):
            return
        self.report(
            "a script the site did not ship itself",
            "page content never carries scripts; only the theme's own scripts are allowed",
        )


@lru_cache(maxsize=65536)
def _tag_findings(
    name: str, attributes: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, str], ...]:
    """The (message, hint) of each finding in a start tag: they depend on its name and
    attributes only, and a site repeats most of its tags on every page."""
    found = _Findings("", Trust(), (1, 1))
    found.tag(Tag(name, 0, [(n, v, 0, 0) for n, v in attributes], 0))
    return tuple((problem.message, problem.hint) for problem in found.problems)


def _findings(page: Page, trust: Trust, tag: Tag, script: Script | None) -> list[Problem]:
    """The findings in one start tag of `page` and, if it opens an inline script, in that
    script; at 1:1, for the caller to place."""
    reported = _tag_findings(tag.name, tuple([attribute[:2] for attribute in tag.attributes]))
    if not reported and script is None:
        return []
    found = _Findings(page.rel, trust, (1, 1))
    for message, hint in reported:
        found.report(message, hint)
    if script is not None and "src" not in tag.values():
        found.script(script)
    return found.problems


def page_problems(page: Page, trust: Trust) -> list[Problem]:
    """Every finding in one parsed page, in the order of its tags; then what a browser would
    build from it that the tokenizer's reading did not show (`browser_problems`)."""
    scripts = {id(script.tag): script for script in page.scripts}
    problems: list[Problem] = []
    for tag in page.tags:
        found = _findings(page, trust, tag, scripts.get(id(tag)))
        if found:
            line, col = line_col(page.starts, tag.offset)
            problems += [replace(problem, line=line, col=col) for problem in found]
    return problems + browser_problems(page, trust, problems)


def browser_problems(page: Page, trust: Trust, known: list[Problem]) -> list[Problem]:
    """The findings in the tree a browser builds from the page (`lft.finish.browser`) beyond the
    `known` ones, each at the start tag of its element in the text (best effort)."""
    left = Counter(problem.message for problem in known)
    seen: set[int] = set()
    problems: list[Problem] = []
    for tag, script in elements(page.text):
        if not tag.attributes and tag.name not in ELEMENTS:
            continue  # refused, if at all, by its attributes or its name
        for problem in _findings(page, trust, tag, script):
            if left[problem.message] > 0:
                left[problem.message] -= 1
                continue
            seen = seen or {tag.offset for tag in page.tags}
            offset = start_tag(page.text, tag.name, seen)
            line, col = (1, 1) if offset is None else line_col(page.starts, offset)
            problems.append(
                replace(
                    problem,
                    line=line,
                    col=col,
                    message=f"{problem.message}, as a browser reads the page",
                    hint=f"{problem.hint}; the markup hides it from a plain reading".lstrip("; "),
                )
            )
    return problems


def scan_markup(path: str, text: str, trust: Trust) -> list[Problem]:
    """Every finding in one HTML or SVG text."""
    return page_problems(read_page(path, text), trust)


def scan_picture(rel: str, data: bytes) -> list[Problem]:
    """An SVG picture of the built site against the allow-list of `lft.source.svg`."""
    _document, refused = check(data)
    return [
        Problem(rel, r.line, r.col, "", f"SVG picture: {r.message}", "", rule="output")
        for r in refused
    ]


def _xml_refusals(document: Document) -> Iterator[tuple[int, int, str]]:
    """What in an XML file (sitemap, feed) a browser would run or style: a stylesheet
    instruction (XSLT runs script), HTML or SVG elements (other than the sitemap's
    `xhtml:link`), event handlers and script addresses."""
    for piece in document.instructions:
        yield piece.line, piece.col, f"a processing instruction '<?{piece.text.strip()}?>'"
    for element in walk(document.root):
        if element.namespace == SVG_NS or (
            element.namespace == _XHTML_NS and element.name != "link"
        ):
            yield element.line, element.col, f"an HTML or SVG <{element.name}> element"
        for (namespace, name), value in element.attributes.items():
            if name.lower().startswith("on") and namespace in ("", _XHTML_NS, SVG_NS):
                yield element.line, element.col, f"an event-handler attribute '{name}'"
            elif (
                name in _XML_URL_ATTRIBUTES
                and namespace in ("", XLINK_NS)
                and SCHEME.match(_normal_url(value).strip())
            ):
                yield element.line, element.col, f"a script address in {name}="


def scan_xml(rel: str, data: bytes) -> list[Problem]:
    """An XML file of the built site, read as XML (no DTD, no entities, namespaces resolved)."""
    document = parse(data)
    if isinstance(document, Broken):
        return [Problem(rel, document.line, document.col, "", document.message, rule="output")]
    return [
        Problem(rel, line, col, "", message, "", rule="output")
        for line, col, message in _xml_refusals(document)
    ]


def _files(site: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(site.rglob("*")):
        if path.is_symlink() or path.is_file():
            yield path.relative_to(site).as_posix(), path


def scan_site(
    site: Path, trust: Trust, pages: Mapping[str, list[Problem]] | None = None
) -> list[Problem]:
    """Every finding in the built site at `site`; paths are relative to it, like `en/index.html`.
    `pages` holds the findings of the pages already scanned (`page_problems`), by path."""
    problems: list[Problem] = []
    pages = pages or {}
    for rel, path in _files(site):
        if path.is_symlink():
            problems.append(
                Problem(rel, 1, 1, "", "a symbolic link in the built site", "", rule="output")
            )
            continue
        suffix = path.suffix.lower()
        if suffix in PAGES and rel in pages:
            problems += pages[rel]
        elif suffix in PAGES:
            text = path.read_text(encoding="utf-8", errors="replace")
            problems += scan_markup(rel, text, trust)
        elif suffix == ".svg":
            problems += scan_picture(rel, path.read_bytes())
        elif suffix in XML_SUFFIXES:
            problems += scan_xml(rel, path.read_bytes())
        elif suffix in RUNNABLE:
            problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    "",
                    f"a {suffix} file, which a browser opens as a page that runs scripts",
                    "the site's pages are HTML files the engine writes",
                    rule="output",
                )
            )
        elif rel not in trust.generated and not _same_file(path, trust.copies.get(rel)):
            problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    "",
                    "a file that is not produced from a checked source",
                    "only pages, the theme's files and checked files from docs/ and content/ "
                    "are published",
                    rule="output",
                )
            )
    return sorted(problems)


def _same_file(built: Path, source: Path | None) -> bool:
    if source is None or not source.is_file() or source.is_symlink():
        return False
    return (
        built.stat().st_size == source.stat().st_size and built.read_bytes() == source.read_bytes()
    )
