"""How a command reports problems: one line each, GitHub annotations, or JSON for other tools."""

from __future__ import annotations

import sys

from lft.problems import Problem, Severity, visible


def print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem)


def summarise_warnings(warnings: list[Problem]) -> None:
    """One line for the warnings a build does not stop for: `lft check` lists each of them
    (`make site` runs it first), so a build does not repeat them."""
    if warnings:
        count = len(warnings)
        print(
            f"{count} warning{'s' if count != 1 else ''}: run lft check for the list",
            file=sys.stderr,
        )


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """One GitHub Actions workflow command (`::error …::…`) for a problem."""
    level = "warning" if problem.severity is Severity.WARNING else "error"
    what = f"{problem.key}: {problem.message}" if problem.key else problem.message
    if problem.rule:
        what += f" [{problem.rule}]"
    if problem.hint:
        what += f" ({problem.hint})"
    props = ",".join(
        f"{name}={_escape_property(str(value))}"
        for name, value in (
            ("file", problem.path),
            ("line", problem.line),
            ("col", problem.col),
            ("title", "lft check"),
        )
    )
    return visible(f"::{level} {props}::{_escape_data(what)}")


def problem_json(problem: Problem) -> dict[str, object]:
    return {
        "path": problem.path,
        "line": problem.line,
        "col": problem.col,
        "key": problem.key,
        "message": problem.message,
        "hint": problem.hint,
        "severity": problem.severity.value,
        "rule": problem.rule,
    }
