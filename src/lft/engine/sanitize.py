"""The second line of defence: page HTML keeps only the tags and attributes Markdown makes.

`lft check` rejects dangerous raw HTML in content with its location; whatever reaches a page
anyway (an excused finding, a hand-written page) is cleaned here with nh3 (Ammonia). What is
dangerous is listed once, in `lft.dangerous`: none of it is on the lists below. Ids and
classes keep only plain names, and no class of the theme's own interface (`md-…`), so a page
cannot dress itself up as a dialog or a search box of the site.
"""

from __future__ import annotations

import re

import nh3

from lft.dangerous import ELEMENTS, THEME_CLASS_PREFIXES, THEME_ID_PREFIX

TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "ul",
}
GENERIC = {"class", "id", "lang", "title", "dir"}
ATTRIBUTES = {
    "*": GENERIC,
    "a": GENERIC | {"href", "hreflang", "rel"},
    "abbr": GENERIC,
    "img": GENERIC | {"src", "alt", "width", "height", "loading"},
    "td": GENERIC | {"colspan", "rowspan", "align"},
    "th": GENERIC | {"colspan", "rowspan", "align", "scope"},
    "details": GENERIC | {"open"},
    "time": GENERIC | {"datetime"},
    "ol": GENERIC | {"start"},
}
SCHEMES = {"http", "https", "mailto"}
_ID = re.compile(r"\w[\w.-]{0,99}")
_CLASS = re.compile(r"[A-Za-z][\w-]{0,59}")
CLEARED = frozenset({"script", "style"})
"""Dangerous elements removed with their content (of the others only the tag goes)."""


def safe_id(value: str) -> bool:
    """A plain name: letters, digits, `-`, `_` and `.`; no quotes, spaces or markup; not one of
    the theme's own (`__…`)."""
    return _ID.fullmatch(value) is not None and not value.startswith(THEME_ID_PREFIX)


def safe_class(value: str) -> bool:
    """A plain class name that is not one of the theme's own."""
    return _CLASS.fullmatch(value) is not None and not value.lower().startswith(
        THEME_CLASS_PREFIXES
    )


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        return value if safe_id(value) else None
    if attribute == "class":
        return " ".join(c for c in value.split() if safe_class(c)) or None
    return value


def sanitize(html: str) -> str:
    """Remove every tag, attribute and URL scheme Markdown content has no use for."""
    return nh3.clean(
        html,
        tags=TAGS - ELEMENTS,  # whatever is added to the list above, never one of these
        clean_content_tags=CLEARED,
        attributes=ATTRIBUTES,
        attribute_filter=_filter,
        url_schemes=SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def text_only(html: str) -> str:
    """HTML reduced to its text, still escaped: safe in any element or quoted attribute."""
    return nh3.clean(html, tags=set(), clean_content_tags=CLEARED)
