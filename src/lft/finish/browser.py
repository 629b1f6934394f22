"""A built page read as a browser reads it: HTML5 tree construction by Lexbor (selectolax), with
scripting on, `<template>` contents and foreign content (SVG, MathML) included.

The standard library's tokenizer (`lft.check.guard.html`) gives every tag its place in the file
but does not build the tree a browser builds, so markup can mean one thing to it and another to a
browser (a `<style>` inside `<svg>`, a `</noscript>` inside an attribute, a comment closed by
`--!>`, a repeated attribute of which the browser keeps the first). The output scan applies its
rules to both readings. Lexbor gives no places in the file: an element is found again in the text
only when a rule refuses it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from lft.check.guard.html import Script, Tag


def _tag(node: LexborNode) -> Tag:
    """The element as a start tag without places; of a repeated attribute, the first."""
    attributes = [(name.lower(), value or "", 0, 0) for name, value in node.attributes.items()]
    return Tag((node.tag or "").lower(), 0, attributes, 0)


def _walk(node: LexborNode) -> Iterator[LexborNode]:
    for element in node.traverse(include_text=False):
        if element.is_element_node:
            yield element
    for fragment in node.template_fragments():
        yield from _walk(fragment)


def elements(text: str) -> Iterator[tuple[Tag, Script | None]]:
    """Every element a browser builds from `text`, in document order and then the contents of
    each template; with a script element, its text."""
    tree = LexborHTMLParser(text, scripting=True)
    for node in _walk(tree.root) if tree.root is not None else ():
        tag = _tag(node)
        yield tag, Script(tag, node.text(deep=True)) if tag.name == "script" else None


def start_tag(text: str, name: str, seen: set[int]) -> int | None:
    """The offset of the start tag of a `name` element in `text` (best effort): the first one the
    tokenizer did not read as a tag (offsets `seen`), or else the first."""
    pattern = re.escape(name).replace("\ufffd", "[\x00\ufffd]")  # a NUL becomes U+FFFD
    found = [m.start() for m in re.finditer(rf"<{pattern}(?=[\s/>])", text, re.I)]
    unseen = [offset for offset in found if offset not in seen]
    return next(iter(unseen or found), None)
