"""The examples in schemas/examples/: `valid-*.yml` pass, `invalid-*.yml` give exactly the
lines of their `invalid-*.expected` file. `--update-golden` rewrites the expected files."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO
from lft.check.schemacheck import SchemaChecker
from lft.check.validate import check_translations
from lft.problems import Problem
from lft.source.schemas import Schemas
from lft.source.yamlsource import parse

SCHEMA_DIR = REPO / "schemas"
EXAMPLES = SCHEMA_DIR / "examples"
ITEM_TYPES = ("phenomenon", "charter", "intervention", "news")
TYPES = (*ITEM_TYPES, "organisations", "glossary")
# The names that references in the examples may use (see schemas/examples/README.md).
KNOWN = {
    "organisation": {"liec", "nvm", "politie"},
    "phenomenon": {"ondermijnend-vastgoed"},
    "intervention": {"bibob-vastgoed"},
    "term": {"barrieremodel", "stroman"},
}
SCHEMAS = Schemas(SCHEMA_DIR)
CHECKER = SchemaChecker(SCHEMAS, KNOWN)

VALID = sorted(EXAMPLES.glob("*/valid-*.yml"))
INVALID = sorted(EXAMPLES.glob("*/invalid-*.yml"))


def ids(paths: list[Path]) -> list[str]:
    return [p.relative_to(EXAMPLES).as_posix() for p in paths]


def example_problems(path: Path) -> list[str]:
    """What `lft check` says about the YAML of this file, paths relative to the examples."""
    rel = path.relative_to(EXAMPLES).as_posix()
    kind = path.parent.name
    doc, problems = parse(path.read_text(encoding="utf-8"), rel)
    found: list[Problem] = list(problems)
    if doc is not None:
        found += CHECKER.check(doc, rel, f"{kind}.schema.json")
        awaiting: set[str] = set()
        if kind in ITEM_TYPES and isinstance(doc.data, dict):
            value = doc.data.get("awaiting_translation")
            awaiting = {str(v) for v in value} if isinstance(value, list) else set()
        found += check_translations(doc, rel, awaiting, can_wait=kind in ITEM_TYPES)
    return [str(p) for p in sorted(set(found))]


def test_every_type_has_valid_and_invalid_examples() -> None:
    assert sorted({p.parent.name for p in VALID}) == sorted(TYPES)
    assert sorted({p.parent.name for p in INVALID}) == sorted(TYPES)


def test_examples_are_only_in_type_folders() -> None:
    folders = sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir())
    assert folders == sorted(TYPES)
    names = sorted(p.name for p in EXAMPLES.glob("*/*"))
    assert all(n.startswith(("valid-", "invalid-")) for n in names), names


def test_every_expected_file_belongs_to_an_invalid_example() -> None:
    for expected in EXAMPLES.glob("*/*.expected"):
        assert expected.with_suffix(".yml").is_file(), f"{expected} has no example"


@pytest.mark.parametrize("path", VALID, ids=ids(VALID))
def test_valid_example_passes(path: Path) -> None:
    assert example_problems(path) == []


@pytest.mark.parametrize("path", INVALID, ids=ids(INVALID))
def test_invalid_example_gives_the_expected_lines(
    path: Path, request: pytest.FixtureRequest
) -> None:
    found = example_problems(path)
    expected = path.with_suffix(".expected")
    if request.config.getoption("--update-golden"):
        expected.write_text("".join(f"{line}\n" for line in found), encoding="utf-8")
    assert found, "an invalid example must give at least one problem"
    assert expected.is_file(), f"write {expected.name} (or run with --update-golden)"
    assert found == expected.read_text(encoding="utf-8").splitlines()


def test_examples_point_editors_at_their_schema() -> None:
    for path in [*VALID, *INVALID]:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == (f"# yaml-language-server: $schema=../../{path.parent.name}.schema.json"), (
            path
        )
