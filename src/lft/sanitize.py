"""The second line of defence: page HTML keeps only the tags and attributes Markdown makes.

`lft check` rejects dangerous raw HTML in content with its location; whatever reaches a page
anyway (an excused finding, a hand-written page) is cleaned here with nh3 (Ammonia).
"""

from __future__ import annotations

import nh3

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


def sanitize(html: str) -> str:
    """Remove every tag, attribute and URL scheme Markdown content has no use for."""
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
