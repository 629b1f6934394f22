"""Every regular expression the content checks run on content takes linear time: a long run of
any one kind of character (the way a cubic heading pattern once took 49 s) is checked at once.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import REPO
from lft import load, model, placeholders, translations

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
    "placeholders.UNFINISHED": placeholders.UNFINISHED,
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
