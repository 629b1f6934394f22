"""The one pass over what ships: each page parsed once, the parse moved past the policy, and the
finish steps spread over worker processes with the same site and messages as in one process."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from lft.build import build_site
from lft.finish.guard import scan_output
from lft.finish.onepass import add_policies
from lft.finish.policy import add_policy, policy_meta
from lft.finish.scan import Trust, page_problems, scan_markup
from lft.finish.shipped import read_page, with_insert
from lft.finish.site import check_site, site_page
from lft.workers import WORKERS, workers

PAGE = (
    "<!doctype html>\n<html lang=nl><head><title>t</title>\n"
    "<script>var theme = 1;</script></head>\n<body>\n"
    '<a href="/nergens/" class="lft-unconfirmed">x</a> <img src=//cdn.example.org/x.png>\n'
    '<p title="bel 06-12345678">tekst</p><script src="https://evil.example/x.js"></script>\n'
    "</body></html>\n"
)
TRUST = Trust(scripts=(re.compile(r"var theme = 1;"),))


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_the_moved_parse_is_the_parse_of_the_page_with_its_policy() -> None:
    page = read_page("index.html", PAGE)
    meta = policy_meta(page, TRUST)
    assert meta is not None
    moved = with_insert(page, *meta)
    again = read_page("index.html", add_policy(PAGE, TRUST))
    assert moved == again
    assert page_problems(moved, TRUST) == scan_markup("index.html", moved.text, TRUST)
    assert [(p.line, p.col, p.message) for p in page_problems(moved, TRUST)] == [
        (6, 51, "a resource from another site: //cdn.example.org/x.png"),
        (7, 37, "a resource from another site: https://evil.example/x.js"),
        (7, 37, "a resource from another site: https://evil.example/x.js"),  # src=, <script src>
    ]
    assert site_page(moved).links == [(6, 1, "/nergens/", False)]


def test_one_pass_gives_the_checks_what_they_find_by_themselves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    for rel in ("index.html", "en/index.html", "a/index.html", "en/a/index.html"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(PAGE.replace("lang=nl", f"lang={rel[:2]}"), encoding="utf-8")
    root = tmp_path / "project"
    root.mkdir()
    monkeypatch.setenv(WORKERS, "1")
    shipped = add_policies(site, TRUST)
    assert shipped.output == {
        rel: scan_markup(rel, (site / rel).read_text(encoding="utf-8"), TRUST)
        for rel in shipped.output
    }
    assert check_site(site, pages=shipped.site) == check_site(site)
    assert scan_output(site, root, pages=shipped.guard) == scan_output(site, root)
    assert any("06" in message for message in scan_output(site, root))


def test_the_number_of_workers_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(WORKERS, "3")
    assert workers() == 3
    monkeypatch.setenv(WORKERS, "none")
    assert 1 <= workers() <= 4


@pytest.mark.e2e
def test_one_and_two_workers_build_the_same_site_byte_for_byte(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = {}
    for count in ("1", "2"):
        monkeypatch.setenv(WORKERS, count)
        build_site(project, project / f"site-{count}")
        built[count] = files(project / f"site-{count}")
    assert len(built["1"]) > 50
    assert built["1"] == built["2"]


@pytest.mark.e2e
def test_each_language_is_built_by_a_worker_of_its_own_into_the_same_site(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As `lft build` runs (no other thread, two cores): each language by a forked worker;
    the site the same byte for byte as when this process builds one language after the other."""
    import lft.engine.mkdocs as engine
    from lft import workers as workers_module

    made_by = tmp_path / "made-by"
    made_by.mkdir()
    build = engine._build

    def noted(*args: Any) -> Any:
        (made_by / args[3]).write_text(str(os.getpid()), encoding="utf-8")
        return build(*args)

    monkeypatch.setattr(engine, "_build", noted)
    built, by = {}, {}
    for count in ("1", "2"):
        monkeypatch.setenv(WORKERS, count)
        monkeypatch.setattr(workers_module.threading, "active_count", lambda: 1)
        build_site(project, project / f"site-{count}")
        built[count] = files(project / f"site-{count}")
        by[count] = {p.name: int(p.read_text(encoding="utf-8")) for p in made_by.iterdir()}
    assert by["1"] == {"nl": os.getpid(), "en": os.getpid()}
    assert os.getpid() not in by["2"].values() and by["2"]["nl"] != by["2"]["en"]
    assert len(built["1"]) > 50 and "en/index.html" in built["1"]
    assert built["1"] == built["2"]


@pytest.mark.e2e
def test_a_build_after_a_preview_in_the_same_process_is_the_same_build(project: Path) -> None:
    """The engine keeps its plugins for the next build of the process (a preview's rebuilds
    need them); a preview started before (`lft serve` in a test, say) once left the plugin
    serving, and the next `lft build` of the process made a preview's pages."""
    from lft.engine.mkdocs import load_config

    build_site(project, project / "before")
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=True)  # what `lft serve` starts with
    build_site(project, project / "after")
    assert files(project / "after") == files(project / "before")
