"""Results made from one file's text, kept while that text stays the same.

The preview checks the whole project again after every saved file; most files did not change.
A check that works file by file asks `remember` for its result of a file: the result it made
before from the same text (and from the same other inputs it names, such as the names it
knows), or a new one (`lft.check.project.Project.remember`, which also
decides when a change elsewhere makes every kept result void). A caller must not change a
result it was given: the next check gets the same one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import NoReturn, Protocol, TypeVar

T = TypeVar("T")


class Remember(Protocol):
    def __call__(self, stage: str, rel: str, made_from: object, make: Callable[[], T], /) -> T:
        """`make()`, or what it gave before in `stage` for the file `rel` when it was made
        from an equal `made_from` (the file's text, and any other input it depends on)."""
        ...


def fresh(stage: str, rel: str, made_from: object, make: Callable[[], T], /) -> T:
    """Nothing kept: every result is made anew (a single command, a test)."""
    return make()


def kept(
    remember: Remember, stage: str, rel: str, made_from: object | None, make: Callable[[], T]
) -> T:
    """`remember(…)`, or `make()` when nothing is known to make it from (a file not read)."""
    return make() if made_from is None else remember(stage, rel, made_from, make)


class _NotKept(Exception):
    """`remember` has no result for these inputs."""


def _not_kept() -> NoReturn:
    raise _NotKept


def kept_many(
    remember: Remember,
    stage: str,
    jobs: Sequence[tuple[str, object | None]],
    make: Callable[[list[int]], list[T]],
) -> list[T]:
    """For each job (a file's path and what its result is made from): what `remember` kept,
    and for the others what `make` gives, asked once with all their indexes (so it can share
    them out to worker processes); every result is kept for the next time, but one with
    nothing to make it from (None, a file not read), as `kept` does."""
    results: dict[int, T] = {}
    missing: list[int] = []
    for index, (rel, made_from) in enumerate(jobs):
        try:
            results[index] = kept(remember, stage, rel, made_from, _not_kept)
        except _NotKept:
            missing.append(index)
    for index, made in zip(missing, make(missing), strict=True):
        rel, made_from = jobs[index]
        results[index] = kept(remember, stage, rel, made_from, functools.partial(_given, made))
    return [results[index] for index in range(len(jobs))]


def _given(result: T) -> T:
    return result
