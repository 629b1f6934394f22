"""Shared test fixtures: the small bilingual fixture site and helpers to break a copy of it."""

from __future__ import annotations

import datetime as dt
import fcntl
import inspect
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from lft.engine import activate

ENGINE = activate()
"""The engine of every in-process build of the run, chosen before a test module imports MkDocs
(`LFT_ENGINE`, default ProperDocs); tests that need the other one run it as a command."""

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURE = TESTS / "fixtures" / "site"
TODAY = dt.date(2026, 12, 1)
"""The date every test speaks for, unless it sets another: the fixtures' dates are fixed."""


def epoch(day: dt.date) -> str:
    """SOURCE_DATE_EPOCH for noon (UTC) of `day`: a day, never a moment near midnight."""
    return str(int(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC).timestamp()))


@pytest.fixture(autouse=True)
def frozen_date(monkeypatch: pytest.MonkeyPatch) -> Iterator[dt.date]:
    """Every test runs on TODAY (`lft.clock` reads SOURCE_DATE_EPOCH), whatever the calendar,
    the last commit or the caller's own SOURCE_DATE_EPOCH say; builds started as commands
    inherit it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(TODAY))
    yield TODAY


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/ from the current rendering instead of comparing with it",
    )


_BUILDS = re.compile(
    r"\b(build_site|release_site|mkdocs_build)\(|[\"']build[\"'], [\"']--site-dir"
    r"|[\"']serve[\"'],"
)
"""What a test, a fixture it uses or a helper of its module calls when it builds a site."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that builds a site is `e2e`, whether or not its file says so; `make
    test-fast` leaves those and the `browser` tests out."""
    helpers: dict[str, re.Pattern[str] | None] = {}
    for item in items:
        if not isinstance(item, pytest.Function) or item.get_closest_marker("e2e"):
            continue
        module = item.module.__name__ if item.module else ""
        if module not in helpers:
            helpers[module] = _builders(item.module)
        defs = item._fixtureinfo.name2fixturedefs.values()
        sources = [_source(f) for f in (item.function, *(d.func for c in defs for d in c))]
        calls = helpers[module]
        if any(_BUILDS.search(s) or (calls and calls.search(s)) for s in sources):
            item.add_marker(pytest.mark.e2e)


def _builders(module: object) -> re.Pattern[str] | None:
    """A pattern for calls of the module's own functions and classes that build a site."""
    names = [
        name
        for name, value in vars(module).items()
        if (inspect.isfunction(value) or inspect.isclass(value))
        and getattr(value, "__module__", None) == getattr(module, "__name__", None)
        and _BUILDS.search(_source(value))
    ]
    return re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\(") if names else None


def _source(code: object) -> str:
    try:
        return inspect.getsource(code)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return ""


def copy_fixture(dest: Path) -> Path:
    """Copy the fixture site to `dest` as real files (the schemas symlink becomes a folder).

    The fixture's mkdocs.yml points at the repository with `../../../`; in the copy those
    paths are made absolute so the copy can still be built.
    """
    shutil.copytree(FIXTURE, dest, symlinks=False, ignore=shutil.ignore_patterns("build", "site"))
    config = dest / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("../../../", f"{REPO.as_posix()}/"),
        encoding="utf-8",
    )
    return dest


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content's site, built once per run for every test that only reads it.

    Under pytest-xdist each worker has its own session: the first worker to get here builds
    the site into the run's shared folder while holding a lock, the others wait and read it.
    """
    from lft.build import build_site

    own = tmp_path_factory.getbasetemp()
    shared = own.parent if os.environ.get("PYTEST_XDIST_WORKER") else own
    site = shared / "real-site"
    with (shared / "real-site.lock").open("w") as lock, pytest.MonkeyPatch.context() as patch:
        fcntl.flock(lock, fcntl.LOCK_EX)
        patch.setenv("SOURCE_DATE_EPOCH", epoch(TODAY))  # session fixtures run before `frozen_date`
        if not (site / "index.html").is_file():
            build_site(REPO, site)
    return site


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the fixture site that a test may change freely."""
    return copy_fixture(tmp_path / "site")


def write(root: Path, rel: str, text: str | bytes) -> Path:
    """Write (or overwrite) the file `rel` under `root`, creating its folders."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def replace(root: Path, rel: str, old: str, new: str) -> Path:
    """Replace the one occurrence of `old` in the file `rel` under `root` by `new`."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def draft_and_embargo(root: Path) -> None:
    """Make the fixture's screening intervention a draft and its news item embargoed until 2099:
    two items that must stay off the site."""
    replace(
        root,
        "content/interventions/voorbeeld-screening/intervention.yml",
        "effect: unknown",
        "effect: unknown\ndraft: true",
    )
    replace(
        root,
        "content/news/2021-09-08-start/news.yml",
        "type: news",
        "type: news\npublish_from: 2099-01-01",
    )


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run `lft argv…` in-process; a usage error's SystemExit becomes its exit code."""
    from lft.cli import main

    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err
