"""Every regular expression the content checks run on content takes linear time: a long run of
any one kind of character (the way a cubic heading pattern once took 49 s), or of a pattern's
own opening characters (80 KB of `![` once took 29 s), is checked at once. The patterns are
found by walking every module of the package, so a new one is tested without a line here.
"""

from __future__ import annotations

import gc
import importlib
import json
import pkgutil
import re
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from re import _constants, _parser  # type: ignore[attr-defined]
from typing import Any

import pytest

import lft
from conftest import REPO
from lft import placeholders
from lft.check import translations
from lft.check.guard import excuses as excuses_module
from lft.check.guard import markings, places
from lft.check.guard.config import settings
from lft.finish import site as sitechecks
from lft.problems import Problem
from lft.source import load, model
from test_guard import PAGE, scan

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
            start = time.process_time()
            pattern.search(text)  # what jsonschema does with a "pattern"
            assert time.process_time() - start < 0.25, (name, char)


def test_slug_suggestion_is_linear() -> None:
    for char in RUNS:
        start = time.process_time()
        model.as_slug(("Ab" + char) * RUN)
        assert time.process_time() - start < 0.5, char


def _patterns_in(value: object, depth: int = 0) -> Iterator[re.Pattern[Any]]:
    if isinstance(value, re.Pattern):
        yield value
    elif depth < 2 and isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            yield from _patterns_in(item, depth + 1)
    elif depth < 2 and isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item, depth + 1)


def module_patterns() -> dict[str, re.Pattern[Any]]:
    """Every compiled pattern of every module of the package (found by walking it), and the
    marking pattern the guard builds from its data."""
    found: dict[str, re.Pattern[Any]] = {}
    seen: set[int] = set()
    for info in sorted(pkgutil.walk_packages(lft.__path__, "lft."), key=lambda i: i.name):
        module = importlib.import_module(info.name)
        for name, value in sorted(vars(module).items()):
            for index, pattern in enumerate(_patterns_in(value)):
                if id(pattern) not in seen:
                    seen.add(id(pattern))
                    found[f"{info.name}.{name}" + (f"[{index}]" if index else "")] = pattern
    config = settings(REPO)[0]
    found["lft.check.guard.markings._pattern(markings.yml)"] = markings._pattern(
        tuple(config.markings), tuple(config.capital_markings)
    )
    return found


MODULE_PATTERNS = module_patterns()


def openings(pattern: re.Pattern[Any]) -> list[str]:
    """The literal characters of a pattern: alone, each with the next (`![`, `](`) and the
    first three (`<!-`); a run of them is where a pattern that backtracks spends its time."""
    literals: list[str] = []

    def walk(items: Any) -> None:
        for op, value in items:
            if op is _constants.LITERAL:
                literals.append(chr(value))
            elif op is _constants.BRANCH:
                for branch in value[1]:
                    walk(branch)
            elif op is _constants.SUBPATTERN:
                walk(value[-1])
            elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT):
                walk(value[2])

    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode()
    walk(_parser.parse(source, pattern.flags))
    pairs = {"".join(literals[i : i + 2]) for i in range(len(literals))}
    return sorted({*literals, *pairs, "".join(literals[:3])} - {""})


def test_every_pattern_of_the_package_is_found() -> None:
    assert len(MODULE_PATTERNS) > 50
    assert "lft.check.guard.html._MD_TARGET" in MODULE_PATTERNS
    assert "![" in openings(MODULE_PATTERNS["lft.check.guard.html._MD_TARGET"])


@pytest.mark.parametrize("name", sorted(MODULE_PATTERNS))
def test_every_compiled_pattern_is_linear_on_long_runs(name: str) -> None:
    pattern = MODULE_PATTERNS[name]
    runs = [char * RUN for char in [*RUNS, "\n", "<", "[", "(", "&", "!", "*", "`"]]
    runs += [text * (RUN // len(text)) for text in openings(pattern)]
    for run in runs:
        for text in (run, "a" + run + "!", "2021-09-08 " + run + "\n"):
            subject: Any = text if isinstance(pattern.pattern, str) else text.encode()
            start = time.process_time()
            for _match in pattern.finditer(subject):  # what the checks do: every match
                pass
            assert time.process_time() - start < 0.5, (name, run[:8])


@pytest.mark.parametrize("run", ["![", "[", "](", "<!--", "&#", "[x](<", "`", "\\{"])
def test_the_guard_reads_80_kb_of_one_opening_at_once(tmp_path: Path, run: str) -> None:
    text = run * (80_000 // len(run))
    start = time.process_time()
    scan(tmp_path, {PAGE: text + "\n", "content/item.yml": f"title: '{text}'\n"})
    assert time.process_time() - start < 5.0, run  # `![` once took 29 s


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


def grows_linearly(work: Callable[[int], Callable[[], object]], size: int) -> None:
    """`work(n)` (set-up) gives a run over input of size n; a run over four times the input
    takes less than eight times as long (linear: four; a product of two sizes: sixteen). The
    best of five runs each, with the collector off, so that a busy machine or a collection
    in the middle does not decide it; a ratio of two sizes, never a time of its own."""

    def best(n: int) -> float:
        run = work(n)
        times = []
        for _ in range(5):
            gc.disable()
            start = time.process_time()
            try:
                run()
            finally:
                times.append(time.process_time() - start)
                gc.enable()
        return min(times)

    small, large = best(size), best(4 * size)
    assert large / small < 8, (small, large)


def test_left_out_names_are_found_in_time_that_grows_with_the_site(tmp_path: Path) -> None:
    # Pages x items x titles once took a product of the three; now each page is read once.
    def work(size: int) -> Callable[[], object]:
        site, left = _named_site(tmp_path, size)

        def run() -> None:
            assert sitechecks._named(site, left, False) == []

        return run

    grows_linearly(work, 50)


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


def _excused_site(size: int) -> tuple[list[tuple[Problem, str]], dict[str, str | None]]:
    """`size` items, each with two pages and an excused phone number in its YAML, and the
    overview pages of a site."""
    excused = [
        (
            Problem(f"content/interventions/i{n}/intervention.yml", 3, 1, "", "phone number 06…78",
                    rule="phone"),
            "the public number",
        )
        for n in range(size)
    ]  # fmt: skip
    sources: dict[str, str | None] = {"index.md": None, "index.en.md": None}
    for n in range(size):
        sources[f"interventions/i{n}/index.md"] = f"content/interventions/i{n}/intervention.yml"
        sources[f"interventions/i{n}/index.en.md"] = f"content/interventions/i{n}/intervention.yml"
    return excused, sources


def test_where_excuses_hold_grows_with_the_excuses_not_times_the_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each excuse was once held against every page of the site: excuses x pages.
    calls = 0
    real = places._made_from

    def counted(*args: Any) -> bool:
        nonlocal calls
        calls += 1
        return real(*args)

    monkeypatch.setattr(places, "_made_from", counted)
    work = []
    for size in (200, 400):
        calls = 0
        allowed = places.allowances(*_excused_site(size))
        assert allowed[("interventions/i7/index.html", "phone", "phone number 06…78")] == 1
        assert allowed[("index.html", "phone", "phone number 06…78")] == size
        work.append(calls)
    assert work[1] / work[0] < 2.5, work


def test_the_excuse_of_a_finding_is_found_in_one_step() -> None:
    # Each finding was once held against every excuse of its file: findings x excuses.
    def work(size: int) -> Callable[[], object]:
        excuses = [
            excuses_module.Allow("phone", "why", 2 * n, 1, {2 * n, 2 * n + 1}) for n in range(size)
        ]

        def run() -> None:
            at = excuses_module.by_place(excuses)
            assert all(at.get(("phone", 2 * n + 1)) is excuses[n] for n in range(size))

        return run

    grows_linearly(work, 10_000)


def test_personal_data_grows_with_the_text_not_with_candidates_times_addresses() -> None:
    # Each candidate number was once compared with every web address of its file.
    from lft.check.guard.personal import personal_data
    from lft.check.guard.text import Text

    def work(size: int) -> Callable[[], object]:
        text = "zie https://example.org/pagina/1 of bel 020 123 4567, " * size
        doc = Text("content/x.md", text)

        def run() -> None:
            found = personal_data(doc, text, lambda offset: offset, set(), set())
            assert len(found) == size  # every phone number, none of the addresses

        return run

    grows_linearly(work, 1000)


def test_the_open_data_works_out_the_steps_once_not_once_per_intervention_and_step(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each step of each phenomenon once asked every intervention for its facets, each asking
    # every phenomenon for its steps: 33 s of the open data at 1,000 items, now 0.4 s.
    from dataclasses import replace

    from lft.check.project import check_project
    from lft.check.publisher import load_publisher
    from lft.render.opendata import data_files
    from lft.source import catalogue

    calls = 0
    real = catalogue._step_order

    def counted(*args: Any) -> dict[str, tuple[str, int]]:
        nonlocal calls
        calls += 1
        return real(*args)

    monkeypatch.setattr(catalogue, "_step_order", counted)
    fixture = REPO / "tests" / "fixtures" / "site"
    content = check_project(fixture).site_content
    one = next(iter(content.interventions.values()))
    for size in (100, 200):
        copies = {f"i{n}": replace(one, slug=f"i{n}", source=f"i{n}") for n in range(size)}
        calls = 0
        files = data_files(replace(content, interventions=copies), load_publisher(fixture)[0], "/")
        assert f'"i{size - 1}"'.encode() in files["data/lft.json"]
        assert calls == 1, (size, calls)


def test_a_text_is_searched_once_for_characters_no_page_may_hold() -> None:
    # Each character of every YAML text was once looked up on its own; one search now says
    # whether a text holds any of them, and it holds exactly the characters the look-up refuses.
    from lft.source import yamlsource

    for code in range(0x110000):
        char = chr(code)
        assert bool(yamlsource._SUSPECT.search(char)) == bool(yamlsource.bad_character(char)), code
        assert (yamlsource.bad_character(char) is None) == (
            unicodedata.category(char) not in ("Cc", "Cs") or char in "\t\n"
        ), code


def test_each_schema_reference_is_looked_up_once_per_run(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every `$ref` of every document was once looked up again: 56,000 look-ups at 1,000 items.
    # Kept once, they hold only where no reference depends on the way it was reached.
    from referencing._core import Resolver

    from lft.check.schemacheck import SchemaChecker
    from lft.source.schemas import Schemas
    from lft.source.yamlsource import parse

    schemas = Schemas(REPO / "schemas")
    assert "$dynamicRef" not in json.dumps(schemas.by_name)
    assert "$recursiveRef" not in json.dumps(schemas.by_name)
    calls = 0
    real = Resolver.lookup

    def counted(self: Resolver[Any], ref: str) -> Any:
        nonlocal calls
        calls += 1
        return real(self, ref)

    monkeypatch.setattr(Resolver, "lookup", counted)
    path = next((REPO / "content" / "interventions").glob("*/intervention.yml"))
    doc = parse(path.read_text(encoding="utf-8"), path.name)[0]
    assert doc is not None
    checker = SchemaChecker(schemas, {"organisation": set(), "term": set(), "phenomenon": set()})
    checker.check(doc, "x.yml", "intervention.schema.json")
    once = calls
    for _ in range(20):
        checker.check(doc, "x.yml", "intervention.schema.json")
    assert 0 < once == calls


def _broken_intervention() -> Any:
    """The real intervention with a wrong value in each of many kinds of place."""
    from lft.source.yamlsource import parse

    path = next((REPO / "content" / "interventions").glob("*/intervention.yml"))
    doc = parse(path.read_text(encoding="utf-8"), path.name)[0]
    assert doc is not None
    data = doc.data
    data["title"] = "one language only"
    data["unknown_key"] = 1
    data["status"] = "finished-maybe"
    for value in list(data.values()):
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value[0]["also_unknown"] = True
            value.append("a text where a group belongs")
    return doc


def test_each_subschema_gets_its_validator_once_per_run(monkeypatch: pytest.MonkeyPatch) -> None:
    # jsonschema made a new validator for every value it descended into: 160,000 at 1,000
    # items. Kept, the second document makes none, and the problems are jsonschema's own.
    from lft.check import schemacheck
    from lft.source.schemas import Schemas

    schemas = Schemas(REPO / "schemas")
    known: dict[str, set[str]] = {"organisation": set(), "term": set(), "phenomenon": set()}
    doc = _broken_intervention()
    checker = schemacheck.SchemaChecker(schemas, known)
    made = 0
    real = checker.cls.evolve

    def counted(self: Any, **changes: Any) -> Any:
        nonlocal made
        made += 1
        return real(self, **changes)

    monkeypatch.setattr(checker.cls, "evolve", counted)
    kept = checker.check(doc, "x.yml", "intervention.schema.json")
    once = made
    assert checker.check(doc, "x.yml", "intervention.schema.json") == kept
    assert 0 < once == made
    assert len(kept) > 5

    def own(self: Any, validator: Any, *args: Any, **kwargs: Any) -> Any:
        return self.original(validator, *args, **kwargs)

    monkeypatch.setattr(schemacheck._Kept, "descend", own)
    plain = schemacheck.SchemaChecker(schemas, known).check(
        doc, "x.yml", "intervention.schema.json"
    )
    assert [str(p) for p in kept] == [str(p) for p in plain]


def test_the_catalogue_orders_the_steps_once_for_all_interventions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each intervention once worked out the step order of every phenomenon again:
    # interventions x steps.
    from lft.check.project import Project
    from lft.source import catalogue

    calls = 0
    real = catalogue._step_order

    def counted(content: Any) -> Any:
        nonlocal calls
        calls += 1
        return real(content)

    monkeypatch.setattr(catalogue, "_step_order", counted)
    content = Project(REPO).content
    assert catalogue.facet_values(content)
    assert calls == 1 < len(content.interventions)
