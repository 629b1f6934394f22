"""A corpus of hostile content, and a way to build it as if every input check had missed it.

Safety must come from the output (escaping, sanitising, the policy and the scan of the built
site), not from the content checks; so these builds switch the publication guard off.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import replace, write

PAYLOADS = [
    "<svg/onload=alert(1)>",
    'x"><svg/onload=alert(2)>',
    '0;url=https://evil.example/" http-equiv="refresh" x="',
    "</title><script>alert(4)</script>",
    "<img src=x onerror=alert(5)>",
    "'><a href=javascript:alert(6)>x</a>",
    "<iframe srcdoc='<script>alert(7)</script>'></iframe>",
    "&lt;svg onload=alert(8)&gt;",
]
"""Values that break out of an element or an attribute if printed without escaping."""

ATTRIBUTE_HEADINGS = [
    "### Kop {: id='x\" autofocus onfocus=\"alert(10)' }",
    "### Nep {: .md-dialog .md-dialog--active }",
    '<div class="md-search__output md-dialog" id=\'y" onmouseover="alert(11)\'>Nep</div>',
    "### Link [klik](javascript:alert(12))",
]
"""Headings and blocks whose attributes try to run script or fake the site's interface."""

SEARCH_TERMS = ["Bibob", "svg", "onload", "alert", "script", "Nep"]


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON is YAML) holding `value` exactly."""
    return json.dumps(value)


def plant(root: Path) -> None:
    """Put the corpus into every kind of value of the fixture site at `root`."""
    item = "content/interventions/voorbeeld-screening/"
    replace(
        root,
        item + "intervention.yml",
        "title: {nl: Voorbeeldscreening, en: Example screening}",
        f"title: {{nl: {_q('Bibob ' + PAYLOADS[0])}, en: {_q('Bibob ' + PAYLOADS[3])}}}",
    )
    replace(
        root,
        item + "intervention.yml",
        "summary: {nl: Screenen bij de aankoop., en: Screening at purchase.}",
        f"summary: {{nl: {_q(PAYLOADS[1])}, en: {_q(PAYLOADS[2])}}}",
    )
    replace(
        root,
        item + "intervention.nl.md",
        "Tekst over probleem.",
        "Tekst over probleem.\n\n" + "\n\n".join(ATTRIBUTE_HEADINGS) + "\n",
    )
    news = "content/news/2021-09-08-start/news.yml"
    replace(
        root,
        news,
        "title: {nl: De tafels starten, en: The tables start}",
        f"title: {{nl: {_q(PAYLOADS[4])}, en: {_q(PAYLOADS[5])}}}",
    )
    replace(
        root,
        "content/phenomena/voorbeeld/phenomenon.yml",
        "title: {nl: Voorbeeldfenomeen, en: Example phenomenon}",
        f"title: {{nl: {_q(PAYLOADS[6])}, en: {_q(PAYLOADS[7])}}}",
    )
    replace(
        root,
        "content/phenomena/voorbeeld/phenomenon.yml",
        "title: {nl: Aankoop, en: Purchase}",
        f"title: {{nl: {_q(ATTRIBUTE_HEADINGS[0][4:])}, en: {_q(PAYLOADS[0])}}}",
    )
    replace(
        root,
        "content/glossary.yml",
        "term: {nl: stroman, en: straw man}",
        f"term: {{nl: {_q('stroman ' + ATTRIBUTE_HEADINGS[1][8:])}, en: {_q(PAYLOADS[1])}}}",
    )
    about = root / "docs" / "about.md"
    front = f"---\ntitle: {_q('Over ' + PAYLOADS[3])}\ndescription: {_q(PAYLOADS[2])}\n---\n"
    write(root, "docs/about.md", front + about.read_text(encoding="utf-8"))


@contextlib.contextmanager
def guard_blinded() -> Iterator[None]:
    """The publication guard finds nothing: what follows must hold on the output alone."""
    import lft.check.project

    real = lft.check.project.guard

    def blind(*args: Any, **kwargs: Any) -> Any:
        report = real(*args, **kwargs)
        report.problems = []
        return report

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lft.check.project, "guard", blind)
        yield
