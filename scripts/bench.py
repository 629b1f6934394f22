"""Benchmarks: how long `lft check` takes, and how `lft build` scales with the number of items.

Prints figures; asserts nothing. For the build, the same generated pages are also built by the
plain engine (MkDocs + Material + static-i18n, without the lft plugin) so the ratio shows what
lft itself costs.

    .venv/bin/python scripts/bench.py              # check timing + builds at 50 and 200 items
    .venv/bin/python scripts/bench.py --items 50 200 1000
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = "bibob-vastgoedtransacties"


def timed(func: object, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return times


def bench_check(repeat: int) -> None:
    from lft import content_check as project

    def fresh_check() -> None:
        project._checked.clear()  # measure the work, not the cache of an unchanged tree
        project.check_project(ROOT)

    times = timed(fresh_check, repeat)
    print(
        f"lft check on the real content: median {statistics.median(times) * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms over {repeat} runs (in-process)"
    )
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "lft.cli", "--root", str(ROOT), "check"],
        capture_output=True,
        check=False,
    )
    print(
        f"lft check as a command (with Python start-up): "
        f"{(time.perf_counter() - start) * 1000:.0f} ms"
    )


def make_project(folder: Path, items: int) -> None:
    shutil.copytree(
        ROOT,
        folder,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "site", "build", "dist", "tests", "__pycache__", ".*cache"
        ),
    )
    source = folder / "content" / "interventions" / TEMPLATE
    for n in range(items):
        target = folder / "content" / "interventions" / f"bench-{n:05d}"
        shutil.copytree(source, target)


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def plain_config(project: Path) -> Path:
    """The same site configuration without the lft plugin, reading the staged pages."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    lines = config.split("\n")
    start = lines.index("  - lft:")
    end = start + 1
    while lines[end].startswith("      ") or lines[end].strip().startswith("#"):
        end += 1
    lines[start:end] = []
    plain = "\n".join(lines).replace("docs_dir: docs", "docs_dir: build/pages")
    path = project / "mkdocs-plain.yml"
    path.write_text(plain, encoding="utf-8")
    return path


def bench_build(items: int) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1788220800"}
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        make_project(project, items)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "lft.cli", "--root", str(project), "build"],
            capture_output=True,
            check=True,
            env=env,
        )
        lft_time = time.perf_counter() - start
        site = project / "site"
        pages = len(list(site.rglob("*.html")))
        home = (site / "index.html").stat().st_size
        one = (site / "interventions" / TEMPLATE / "index.html").stat().st_size
        output = size(site)
        from lft.pipeline import prepare  # the same source the engine got, for the plain build

        prepare(project, project / "build" / "pages")
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "-q",
                "-f",
                str(plain_config(project)),
                "-d",
                str(Path(tmp) / "plain"),
            ],
            capture_output=True,
            check=True,
            env=env,
            cwd=project,
        )
        plain_time = time.perf_counter() - start
        print(
            f"{items + 5:>5} interventions: {pages} pages, lft build {lft_time:.1f} s, "
            f"plain engine {plain_time:.1f} s (ratio {lft_time / plain_time:.2f}), "
            f"output {output / 1e6:.1f} MB, home page {home / 1000:.0f} kB, "
            f"intervention page {one / 1000:.0f} kB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, nargs="*", default=[50, 200])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    bench_check(args.repeat)
    for items in args.items:
        bench_build(items)


if __name__ == "__main__":
    main()
