"""Work shared out to worker processes: a list of jobs in chunks, the results in the order of
the jobs whatever the number of processes, so every output and message is the same as when one
process does it all (the finish steps' one pass over the built pages, the content check's scans
of the files).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from multiprocessing import get_context
from typing import Any, TypeVar

Done = TypeVar("Done")
CHUNK = 16
"""Jobs (files) a worker process takes at a time."""

WORKERS = "LFT_WORKERS"
"""The setting (environment) for the number of worker processes; 1 runs all the work in the
command's own process."""


def _asked() -> int | None:
    """The number of worker processes `LFT_WORKERS` asks for; None when it asks none."""
    value = os.environ.get(WORKERS, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def workers() -> int:
    """The number of worker processes: `LFT_WORKERS`, or else one per core, at most four."""
    return _asked() or max(1, min(os.cpu_count() or 1, 4))


LIGHT = 256
"""The fewest light jobs (files a check reads in about a millisecond each) worth worker
processes: fewer are done in the command's own process, faster than starting workers."""


def in_chunks(
    work: Callable[..., list[Done]],
    jobs: list[Any],
    *args: Any,
    at_least: int = 0,
    size: int = CHUNK,
    fork_only: bool = False,
) -> list[Done]:
    """`work(chunk, *args)` for the `jobs` in chunks of `size`, by `workers()` processes; the
    results of all chunks in the order of the jobs, whatever the number of processes. Fewer
    jobs than `at_least` are done in this process, unless `LFT_WORKERS` asks for workers.

    The workers are forked from this process (quick: nothing is imported again) when it runs
    no other thread, whose locks a fork would copy locked; a process with threads (a test
    runner's) does the work itself unless `LFT_WORKERS` asks for workers, which then start
    through a fork server (seconds: each imports lft), or, for work whose `args` are too large
    to send to one (`fork_only`: the prepared source of a build), still does it itself."""
    chunks = [jobs[start : start + size] for start in range(0, len(jobs), size)]
    count = min(workers(), len(chunks))
    alone = threading.active_count() == 1
    asked = _asked() is not None
    if (
        count <= 1
        or not (alone or asked)
        or (len(jobs) < at_least and not asked)
        or (fork_only and not alone)
    ):
        return [done for chunk in chunks for done in work(chunk, *args)]
    context = get_context("fork" if alone else "forkserver")
    with ProcessPoolExecutor(
        count, mp_context=context, initializer=_share, initargs=(args,)
    ) as pool:
        parts = pool.map(partial(_chunk, work), chunks)
        return [done for part in parts for done in part]


_shared: tuple[Any, ...] = ()
"""In a worker process: the arguments every chunk of its work gets (`in_chunks`)."""


def _share(args: tuple[Any, ...]) -> None:
    """Give a worker the arguments of every chunk once, when it starts (a forked worker gets
    them without a copy), instead of with each chunk (compiled patterns compiled again)."""
    global _shared
    _shared = args


def _chunk(work: Callable[..., list[Done]], chunk: list[Any]) -> list[Done]:
    return work(chunk, *_shared)
