"""The Python-Markdown extension that makes page HTML safe, on any engine that uses Markdown.

Two steps: element ids and classes (which `attr_list` lets a contributor set) are kept only in
safe forms before the table of contents copies them, and the finished HTML is sanitised (see
`lft.engine.sanitize`). Enable it as `lft.engine.mdext` in the engine's Markdown extensions.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from lft.engine.sanitize import safe_class, safe_id, sanitize


class SafeAttributes(Treeprocessor):
    """Drop an id that is not a plain name and every class that is not a plain, own name."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            name = element.get("id")
            if name is not None and not safe_id(name):
                del element.attrib["id"]  # the table of contents gives it a safe one
            classes = element.get("class")
            if classes is not None:
                kept = [c for c in classes.split() if safe_class(c)]
                if kept:
                    element.set("class", " ".join(kept))
                else:
                    del element.attrib["class"]


class Sanitize(Postprocessor):
    def run(self, text: str) -> str:
        return sanitize(text)


class SafeHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After attr_list (8) sets attributes and before toc (5) copies ids; after raw HTML (30).
        md.treeprocessors.register(SafeAttributes(md), "lft_safe_attributes", 6)
        md.postprocessors.register(Sanitize(md), "lft_sanitize", 0)


def makeExtension(**kwargs: object) -> SafeHtmlExtension:
    return SafeHtmlExtension(**kwargs)
