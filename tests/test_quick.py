"""`lft.check.quick` finds what the pattern itself finds, only faster: every quick search of the
package, over the project's own texts, the guard's near misses and random text made of the
characters the patterns care about, gives the same matches as `pattern.finditer`."""

from __future__ import annotations

import importlib
import pkgutil
import random
import re
import time
from collections.abc import Iterator

import pytest

import lft
from conftest import REPO
from lft.check.guard import markings
from lft.check.guard.config import settings
from lft.check.quick import _FOLDS, Quick, characters_at, first_characters

RUN = 20_000


def quick_searches() -> dict[str, Quick]:
    """Every `Quick` of every module of the package, and the guard's marking search."""
    found: dict[str, Quick] = {}
    for info in sorted(pkgutil.walk_packages(lft.__path__, "lft."), key=lambda i: i.name):
        module = importlib.import_module(info.name)
        for name, value in sorted(vars(module).items()):
            if isinstance(value, Quick):
                found[f"{info.name}.{name}"] = value
    config = settings(REPO)[0]
    found["markings._search(markings.yml)"] = markings._search(
        tuple(config.markings), tuple(config.capital_markings)
    )
    return found


SEARCHES = quick_searches()


def texts() -> Iterator[str]:
    for folder in ("content", "docs", "tests/fixtures"):
        for path in sorted((REPO / folder).rglob("*")):
            if path.suffix in (".md", ".yml", ".svg", ".html") and path.is_file():
                yield path.read_text(encoding="utf-8", errors="replace")


def random_texts(pattern: re.Pattern[str]) -> Iterator[str]:
    """Random text of the pattern's own characters, digits, separators and a few letters that
    fold to ASCII ones where case is ignored."""
    alphabet = sorted(set(re.sub(r"\\[a-zA-Z]", "", pattern.pattern)))
    alphabet += [*"0123456789 \n\t-./:@<>=\"'#_aZ", "\u0130", "\u212a", "\u017f", "é"]
    chance = random.Random(pattern.pattern)
    for _ in range(300):
        yield "".join(chance.choice(alphabet) for _ in range(chance.randrange(1, 80)))


def matches(found: Iterator[re.Match[str]]) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in found]


def test_every_quick_search_is_found() -> None:
    assert len(SEARCHES) >= 10
    assert all(search.starts is not None for search in SEARCHES.values()), [
        name for name, search in SEARCHES.items() if search.starts is None
    ]


@pytest.mark.parametrize("name", sorted(SEARCHES))
def test_a_quick_search_finds_what_its_pattern_finds(name: str) -> None:
    search = SEARCHES[name]
    for text in [*texts(), *random_texts(search.pattern)]:
        assert matches(search.finditer(text)) == matches(search.pattern.finditer(text)), text


@pytest.mark.parametrize("name", sorted(SEARCHES))
def test_a_quick_search_is_linear_on_long_runs(name: str) -> None:
    search = SEARCHES[name]
    characters = "aZ0-_. \t\n#@/:'\"é\\<[(&!*`{="
    for run in [char * RUN for char in characters]:
        for text in (run, "a" + run + "!", "2021-09-08 " + run + "\n"):
            start = time.process_time()
            for _match in search.finditer(text):
                pass
            assert time.process_time() - start < 0.5, (name, run[:8])


def test_letters_that_fold_to_ascii_are_all_listed() -> None:
    any_case = re.compile("(?i)[a-z]")
    folding = [chr(code) for code in range(128, 0x110000) if any_case.fullmatch(chr(code))]
    assert sorted(folding) == sorted("".join(_FOLDS.values()))
    for char in folding:
        letters = [low for low in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(f"(?i){low}", char)]
        assert all(char in _FOLDS[low] for low in letters), char


@pytest.mark.parametrize(
    ("pattern", "first"),
    [
        (r"\bab", "[a]"),
        (r"(?i)\bk", "[Kk\u212a]"),
        (r"(?<!\d)(?:x|y*z)", "[xyz]"),
        (r"[^a]b", None),  # a negated class: any character may start it
        (r"a?", None),  # may match nothing
        (r"(?i)é", None),  # a fold outside ASCII: not listed
    ],
)
def test_first_characters(pattern: str, first: str | None) -> None:
    assert first_characters(re.compile(pattern)) == first


def test_without_first_characters_the_pattern_searches_itself() -> None:
    search = Quick(re.compile(r".b"))
    assert search.starts is None
    assert [m.span() for m in search.finditer("abcb")] == [(0, 2), (2, 4)]


@pytest.mark.parametrize(
    ("pattern", "second"),
    [
        (r"\bab", "[b]"),
        (r"(?i)\b[A-Z]\d{2}", r"[\d]"),
        (r"(?i)\bsk", "[Kk\u212a]"),
        (r"x(?:y|z+)", "[yz]"),
        (r"[A-Z]{2,6}", "[A-Z]"),
        (r"a?bc", "[bc]"),
        (r"ab?", None),  # may be one character long
        (r"a.", None),  # any character may follow
    ],
)
def test_second_characters(pattern: str, second: str | None) -> None:
    assert characters_at(re.compile(pattern), 1) == second


@pytest.mark.parametrize(
    ("pattern", "third"),
    [
        (r"(?i)\b[A-Z]{2}\d{2}", r"[\d]"),
        (r"x(?:y|z+)w", "[wz]"),
        (r"a?bc", None),  # 'bc' ends before
        (r"[A-Z]{3,6}", "[A-Z]"),
        (r"[A-Z]{2,6}", None),  # may be two characters long
    ],
)
def test_third_characters(pattern: str, third: str | None) -> None:
    assert characters_at(re.compile(pattern), 2) == third
