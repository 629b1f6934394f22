"""The shared Markdown scanner: fences close by the CommonMark rule, headings as Python-Markdown
reads them, inline code spans, and every scan linear in the length of the text."""

from __future__ import annotations

import time

import pytest

from conftest import REPO
from lft.source import mdscan
from lft.source.load import split_markdown
from lft.source.mdscan import Heading
from lft.source.model import Kind
from lft.source.schemas import Schemas


def test_headings_outside_code() -> None:
    text = "# Titel\n## Scope\n##Scope zonder spatie\n### Drie ###\n####### zeven\n"
    text += "```\n## code\n```\n"
    assert mdscan.scan(text).headings == [
        Heading(1, 1, "Titel"),
        Heading(2, 2, "Scope"),
        Heading(3, 2, "Scope zonder spatie"),
        Heading(4, 3, "Drie"),
    ]
    assert mdscan.scan(text).code == [(6, 8)]


def test_a_longer_fence_is_closed_only_by_a_fence_as_long() -> None:
    text = "````md\n```\n## Scope\n```\n````\n## Scope\n"
    scan = mdscan.scan(text)
    assert scan.code == [(1, 5)]
    assert scan.headings == [Heading(6, 2, "Scope")]


@pytest.mark.parametrize(
    ("closing", "closed"),
    [("```", True), ("`````", True), ("```  ", True), ("~~~", False), ("``` x", False)],
)
def test_the_closing_fence_rule(closing: str, closed: bool) -> None:
    scan = mdscan.scan(f"```\ncode\n{closing}\n## Kop\n")
    assert (scan.headings == [Heading(4, 2, "Kop")]) is closed


def test_an_unclosed_fence_runs_to_the_end() -> None:
    assert mdscan.scan("~~~\n## Kop\n").code == [(1, 3)]
    assert mdscan.scan("```a```\n## Kop\n").headings == [Heading(2, 2, "Kop")]  # inline code


def test_code_spans() -> None:
    text = "a `b` c ``d ` e`` f ` g"
    assert [text[s:e] for s, e in mdscan.code_spans(text)] == ["`b`", "``d ` e``"]


@pytest.mark.parametrize("char", [" ", "\t", "#", "`", "~"])
def test_long_runs_are_fast(char: str) -> None:
    run = char * 50_000
    text = f"## a{run}\n{run}\n#{run}x\n`{run}\n{run}b{run}\n" * 4
    start = time.process_time()
    mdscan.scan(text)
    mdscan.code_spans(text)
    assert time.process_time() - start < 1.0


def test_load_splits_sections_with_the_scanner() -> None:
    text = "## Scope\n\n````md\n```\n## Scope\n```\n````\n\n## Werkwijze" + " " * 3000 + "\n"
    start = time.process_time()
    prose = split_markdown(text, "x.nl.md", "nl", Schemas(REPO / "schemas"), Kind.INTERVENTION)
    assert time.process_time() - start < 1.0
    assert [(s.title, s.line) for s in prose.sections] == [("Scope", 1), ("Werkwijze", 9)]
