"""Shared test fixtures: the small bilingual fixture site and helpers to break a copy of it."""

from __future__ import annotations

import datetime as dt
import fcntl
import functools
import inspect
import os
import re
import shutil
from collections.abc import Callable, Iterator
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


@pytest.fixture(autouse=True)
def own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Every test keeps what `lft check` made (`lft.check.cache`) in a folder of its own, never
    in the home folder of whoever runs the tests, and finds nothing kept by another test."""
    folder = tmp_path / "lft-cache"
    monkeypatch.setenv("LFT_CACHE_DIR", str(folder))
    return folder


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/ from the current rendering instead of comparing with it",
    )


_BUILDS = re.compile(
    r"\b(build_site|release_site|mkdocs_build)\(|[\"']build[\"'], [\"']--site-dir"
    r"|[\"']serve[\"'],|\bServer\("
)
"""What a test, a fixture it uses or a helper of its module calls when it builds a site (or
starts a preview, which builds one)."""


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


@functools.cache
def _source(code: object) -> str:
    """The source of a test, fixture or helper, read once per run (tests share fixtures, and a
    parametrised test is one function)."""
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


def shared_build(
    factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]
) -> Iterator[Path]:
    """The site `make` builds into the folder it is given, built once per run for every test
    that only reads it, and read-only from then on.

    Under pytest-xdist each worker has its own session: the first worker to get here builds
    the site into the run's shared folder while holding a lock, the others wait and read it.
    A test that would change it works on its own `writable_copy`; one that changed it anyway
    fails the run at the end of its worker's session (root ignores the read-only modes).
    """
    own = factory.getbasetemp()
    shared = own.parent if os.environ.get("PYTEST_XDIST_WORKER") else own
    folder = shared / name  # a folder of its own: a build locks the folder of its target
    site = folder / "site"
    with (shared / f"{name}.lock").open("w") as lock, pytest.MonkeyPatch.context() as patch:
        fcntl.flock(lock, fcntl.LOCK_EX)
        patch.setenv("SOURCE_DATE_EPOCH", epoch(TODAY))  # session fixtures run before `frozen_date`
        patch.setenv("LFT_WORKERS", "1")  # in this process, whatever runs the tests
        if not (site / "index.html").is_file():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            make(site)
            for path in sorted(site.rglob("*"), reverse=True):
                path.chmod(0o555 if path.is_dir() else 0o444)
            site.chmod(0o555)
    before = _fingerprint(site)
    yield site
    assert _fingerprint(site) == before, f"a test changed the shared site {name}"


def _fingerprint(site: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(site).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in site.rglob("*")
    }


def writable_copy(site: Path, dest: Path) -> Path:
    """A copy of a shared site that a test may change (and a later build may replace)."""
    shutil.copytree(site, dest, copy_function=shutil.copyfile)
    for path in [dest, *dest.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return dest


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The real content's site, built once per run for every test that only reads it."""
    from lft.build import build_site

    yield from shared_build(tmp_path_factory, "real-site", lambda site: build_site(REPO, site))


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The fixture site as it is (strict build, today's date), built once per run for every
    test that only reads it; `writable_copy` for one that changes it."""
    from lft.build import build_site

    def make(site: Path) -> None:
        build_site(copy_fixture(site.parent / "project"), site)

    yield from shared_build(tmp_path_factory, "fixture-site", make)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The fixture site with the hostile corpus in every kind of value (`hostile.plant`), built
    once per run with the guard blinded (what follows must hold on the output alone) and not
    strict (attribute syntax in YAML breaks some anchors)."""
    from hostile import guard_blinded, plant
    from lft.build import build_site

    def make(site: Path) -> None:
        root = copy_fixture(site.parent / "project")
        plant(root)
        with guard_blinded():
            build_site(root, site, strict=False)

    yield from shared_build(tmp_path_factory, "hostile-site", make)


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
