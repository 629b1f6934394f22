"""Work shared out to worker processes (`lft.workers`) and the results a check keeps
(`lft.source.memo.kept_many`): the same results, in the same order, with any number of workers."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import TODAY, write
from lft import workers as workers_module
from lft.check.project import Project, check_project
from lft.source.memo import kept_many
from lft.workers import LIGHT, WORKERS, in_chunks


def _tagged(chunk: list[int], tag: str, offset: int) -> list[str]:
    return [f"{tag}{number + offset}" for number in chunk]


@pytest.mark.parametrize("count", ["1", "3"])
def test_the_results_come_in_the_order_of_the_jobs(
    count: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(WORKERS, count)
    assert in_chunks(_tagged, list(range(50)), "n", 1) == [f"n{n + 1}" for n in range(50)]


def _process(chunk: list[int]) -> list[int]:
    return [os.getpid() for _ in chunk]


def test_few_jobs_are_done_in_the_process_unless_workers_are_asked_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # As a command runs, with no other thread: without the threshold it would fork workers.
    monkeypatch.setattr(workers_module.threading, "active_count", lambda: 1)
    monkeypatch.setattr(workers_module, "workers", lambda: 2)
    monkeypatch.delenv(WORKERS, raising=False)
    assert set(in_chunks(_process, list(range(40)), at_least=LIGHT)) == {os.getpid()}
    monkeypatch.setenv(WORKERS, "none")  # not a number: asks for nothing
    assert set(in_chunks(_process, list(range(40)), at_least=LIGHT)) == {os.getpid()}
    monkeypatch.undo()
    monkeypatch.setenv(WORKERS, "2")
    assert os.getpid() not in in_chunks(_process, list(range(40)), at_least=LIGHT)


def test_only_what_is_not_kept_is_made_and_then_kept() -> None:
    kept: dict[tuple[str, str], tuple[object, object]] = {("s", "b"): ("text b", "kept b")}

    def remember(stage: str, rel: str, made_from: object, make: Callable[[], Any]) -> Any:
        before = kept.get((stage, rel))
        if before is not None and before[0] == made_from:
            return before[1]
        kept[stage, rel] = (made_from, made := make())
        return made

    asked: list[list[int]] = []

    def make(missing: list[int]) -> list[str]:
        asked.append(missing)
        return [f"made {index}" for index in missing]

    jobs = [("a", "text a"), ("b", "text b"), ("c", "text c"), ("d", None)]
    assert kept_many(remember, "s", jobs, make) == ["made 0", "kept b", "made 2", "made 3"]
    assert asked == [[0, 2, 3]]
    assert kept_many(remember, "s", jobs, make) == ["made 0", "kept b", "made 2", "made 3"]
    assert asked == [[0, 2, 3], [3]]  # the second time, all was kept but what had no text
    assert ("s", "d") not in kept


def test_a_check_over_workers_finds_what_one_process_finds(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, "docs/bellen.md", "# Bellen\n\nBel 06-12345678 of mail jan@example.com.\n")
    write(project, "docs/bellen.en.md", "# Calling\n\nCall the BFT or mail x@example.com.\n")
    found = {}
    for count in ("1", "2"):
        monkeypatch.setenv(WORKERS, count)
        checked = check_project(Project(project), today=TODAY)
        found[count] = [str(problem) for problem in checked.problems]
    assert found["1"] == found["2"]
    assert any("docs/bellen.md:3:5: phone number" in problem for problem in found["1"])  # guard
    assert any("'BFT' is not in the glossary" in problem for problem in found["1"])  # terms
