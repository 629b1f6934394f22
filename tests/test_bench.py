"""scripts/bench.py generates content that a check accepts: the benchmark measures real work."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from conftest import REPO
from lft.check.project import check_project


def bench() -> ModuleType:
    """scripts/bench.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("bench", REPO / "scripts" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_synthetic_items_of_every_kind_pass_the_check(tmp_path: Path) -> None:
    # 400 items: more synthetic terms than the glossary has terms to copy, so some are copies
    # of one term, each with a name of its own.
    counts = bench().make_project(tmp_path / "project", 400)
    assert (counts.phenomena, counts.interventions, counts.news, counts.terms) == (20, 280, 100, 40)
    checked = check_project(tmp_path / "project")
    assert checked.errors == []
    content = checked.content
    assert {"fenomeen-00001", "vastgoedketen"} <= set(content.phenomena)
    assert "fenomeen-00001" in content.charters
    assert "maatregel-00279" in content.interventions
    assert "2015-04-10-bericht-00099" in content.news
    assert content.glossary is not None and "begrip-00039" in content.glossary.entries
    titles = [item.data["title"]["en"] for item in content.interventions.values()]
    assert len(set(titles)) == len(titles)


def test_every_stage_the_benchmark_times_is_a_function_of_the_pipeline() -> None:
    # A stage moved to another module once left the benchmark failing at its first build.
    for stage, module, name in bench().STAGES:
        assert callable(getattr(importlib.import_module(module), name, None)), (stage, module)


def test_the_item_pages_are_the_items_own_pages_of_the_site(real_site: Path) -> None:
    own = bench().item_pages(REPO)
    assert {
        "phenomena/vastgoedketen/index.html",
        "en/phenomena/vastgoedketen/charter/index.html",
        "interventions/bibob-vastgoedtransacties/index.html",
        "en/news/2021-09-08-officiele-start/index.html",
    } <= own
    others = {
        "index.html",
        "en/index.html",
        "interventions/index.html",
        "en/interventions/step/vastgoedketen/verwerving/index.html",
        "interventions/sector/index.html",
        "news/index.html",
        "glossary/index.html",
        "about/index.html",
        "phenomena/index.html",
    }
    assert own.isdisjoint(others)
    assert sorted(page for page in own if not (real_site / page).is_file()) == []


def test_each_missed_target_says_why_from_the_measurements() -> None:
    module = bench()
    result = module.Result(1000, module.Counts.of(1000))
    result.build, result.tuned, result.naive, result.pages = 80.0, 38.0, 150.0, 2190
    result.stages = {"engine": 40.0, "policy (CSP)": 12.0, "check": 4.0}
    result.check, result.check_within, result.check_start = 4.2, 4.1, 0.2
    result.check_edited = 1.1
    result.check_rounds = {"the YAML": 0.5, "the guard's scan": 1.2}
    result.largest_item, result.first_view = ("a/index.html", 60_000, 14_000), 70_000
    result.first_search = {"nl": 150_000, "en": 150_000}
    result.preview = [1.5, 1.8, 1.9]
    lines = module.targets([result])
    missed = [n for n, line in enumerate(lines) if line.startswith("- MISSED")]
    assert [lines[n].split(":")[1].strip() for n in missed] == [
        "lft build / tuned engine at 1000",
        "lft build / naive engine at 1000",
        "lft check at 1000, the first (nothing kept), s",
    ]
    assert (
        "- met: lft check at 1000 after one item's text changed, s: 1.10 (target at most 2)"
        in lines
    )
    assert all(lines[n + 1].startswith("  - why: ") for n in missed)
    assert "1.05 times the tuned engine's whole build" in lines[missed[0] + 1]
    assert "the guard's scan 1.2 s" in lines[missed[2] + 1]
    assert "2.2 s the command's own work" in lines[missed[2] + 1]
    assert sum(line.startswith("  - why") for line in lines) == 3  # none for a met target


def test_the_report_says_where_the_benchmarks_own_time_went() -> None:
    module = bench()
    first = module.Result(100, module.Counts.of(100), phases={"lft build": 12.0, "the sizes": 3.0})
    second = module.Result(1000, module.Counts.of(1000), phases={"the preview": 105.0})
    assert module.own_time([first, second]) == [
        "The benchmark took 2.0 minutes:",
        "- 100 items, 0.2 minutes: lft build 12 s, the sizes 3 s",
        "- 1000 items, 1.8 minutes: the preview 105 s",
    ]
