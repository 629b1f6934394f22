"""Every regular expression the content checks run on content takes linear time: a long run of
any one kind of character (the way a cubic heading pattern once took 49 s) is checked at once.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO
from lft import load, model, sitechecks, translations

RUN = 20_000
RUNS = ["a", "Z", "0", "-", "_", ".", " ", "\t", "#", "@", "/", ":", "'", '"', "é", "\\"]
"""One character of each class a pattern treats differently."""


def schema_patterns() -> Iterator[tuple[str, str]]:
    def walk(node: Any, where: str) -> Iterator[tuple[str, str]]:
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                yield where, node["pattern"]
            for key, value in node.items():
                yield from walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, f"{where}/{index}")

    for path in sorted((REPO / "schemas").glob("*.schema.json")):
        yield from walk(json.loads(path.read_text(encoding="utf-8")), path.name)


PATTERNS = {
    "model.SLUG": model.SLUG,
    "load._NEWS_FOLDER": load._NEWS_FOLDER,
    "load._DATE_PREFIX": load._DATE_PREFIX,
    "translations._FINGERPRINT": translations._FINGERPRINT,
    "translations._PLACEHOLDER": translations._PLACEHOLDER,
    **{where: re.compile(pattern) for where, pattern in schema_patterns()},
}


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_linear_on_long_runs(name: str) -> None:
    pattern = PATTERNS[name]
    for char in RUNS:
        for text in (char * RUN, "a" + char * RUN + "!", "2021-09-08-" + char * RUN + "\n"):
            start = time.perf_counter()
            pattern.search(text)  # what jsonschema does with a "pattern"
            assert time.perf_counter() - start < 0.25, (name, char)


def test_slug_suggestion_is_linear() -> None:
    for char in RUNS:
        start = time.perf_counter()
        model.as_slug(("Ab" + char) * RUN)
        assert time.perf_counter() - start < 0.5, char


def _named_site(root: Path, size: int) -> tuple[Path, list[sitechecks.Left]]:
    """A built site of `size` pages and `size` items left off it, each with two long titles."""
    left = [
        sitechecks.Left(
            f"content/interventions/weg-{n}/intervention.yml",
            f"/interventions/weg-{n}/",
            (f"Verborgen maatregel nummer {n:05d}", f"Hidden intervention number {n:05d}"),
        )
        for n in range(size)
    ]
    site = root / f"site-{size}"
    for n in range(size):
        page = site / "interventions" / f"getoond-{n}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text("<p>Een Zichtbare Maatregel, Nummer Vijf.</p>\n" * 400, encoding="utf-8")
    return site, left


def test_left_out_names_are_found_in_time_that_grows_with_the_site(tmp_path: Path) -> None:
    # Pages x items x titles once took a product of the three; now each page is read once.
    def best(size: int) -> float:
        site, left = _named_site(tmp_path, size)
        times = []
        for _ in range(5):
            start = time.process_time()
            assert sitechecks._named(site, left, False) == []
            times.append(time.process_time() - start)
        return min(times)

    small, large = best(100), best(200)
    assert large / small < 3, (small, large)


def test_left_out_names_are_found_as_each_title_is_written(tmp_path: Path) -> None:
    # Overlapping titles, a title inside another, a title at the end: all found, first place.
    words = ("Voorbeeldmaatregel A", "Voorbeeldmaatregel AB", "maatregel AB en C", "Zeker niet")
    left = [
        sitechecks.Left(f"content/x{n}.yml", f"/interventions/x{n}/", (word,))
        for n, word in enumerate(words)
    ]
    site = tmp_path / "site"
    page = site / "interventions" / "x0" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        "eerst\nde Voorbeeldmaatregel AB en C\nVoorbeeldmaatregel A\n", encoding="utf-8"
    )
    found = sorted(str(p) for p in sitechecks._named(site, left, False))
    assert found == [
        "interventions/x0/index.html:1:1: content/x0.yml is left off the site, but its page "
        "is here",
        "interventions/x0/index.html:2:1: names 'Voorbeeldmaatregel A' of content/x0.yml, "
        "which is left off the site",
        "interventions/x0/index.html:2:1: names 'Voorbeeldmaatregel AB' of content/x1.yml, "
        "which is left off the site",
        "interventions/x0/index.html:2:1: names 'maatregel AB en C' of content/x2.yml, "
        "which is left off the site",
        "interventions/x0:1:1: content/x0.yml is left off the site, but its page is here",
    ]
