"""Benchmarks (issue 18): `lft check` and `lft build` at a number of items, against the engine.

For each N of `--items` a project is generated in a temporary folder: the real project with N
synthetic items in our own schema, made from the real items of each kind (phenomena with their
process steps and charters, interventions, news, glossary terms; both languages), each with
its own slug, title and dates. For each N it prints the time of `lft check`, the time of
`lft build` and of each of its stages, the peak memory of the build, the size of the output,
the largest page, the largest item page (an item's own page: a fact sheet, a charter, a course
of action, a news item) and a typical fact sheet (raw and gzip), and what a reader downloads for a
first page view and a first search. At each N of `--engine-items` the same prepared pages are
also built by the plain engine (`LFT_ENGINE`, as lft uses it) in two set-ups: tuned (the
project's own settings, without the lft plugin) and naive (every page in the sidebar, no
`navigation.prune`, the stock search plugin back), so the results are ratios that hold on a
noisy machine. At each N of `--preview-items` the preview (`lft serve`) is started, one
intervention's Dutch text is saved with a new sentence five times, each time once the preview
is idle, and the time until the served page holds it is measured (the median, with the lowest
and the highest). The table and
where the time goes are written to `BENCHMARKS.md`.

    .venv/bin/python scripts/bench.py     # N = 100, 1000, 3000; the engines at 100 and 1000
    .venv/bin/python scripts/bench.py --items 100 --engine-items 100 --output /tmp/b.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import importlib
import json
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.error import URLError
from urllib.parse import urlsplit
from urllib.request import urlopen

import yaml

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1788220800"
"""The build date of every benchmark build (2026-09-01), so runs compare."""
STAGES = (
    ("check", "lft.commands.build", "check_project"),
    ("check", "lft.render.prepare", "check_project"),
    ("render", "lft.render.prepare", "render_pages"),
    ("render", "lft.render.prepare", "publisher_pages"),
    ("stage", "lft.render.prepare", "stage"),
    ("engine", "lft.engine.mkdocs", "build"),
    ("policy (CSP)", "lft.build", "add_policies"),
    ("search index", "lft.build", "index_site"),
    ("sitemap, JSON-LD", "lft.build", "make_findable"),
    ("output scan", "lft.build", "scan_site"),
    ("site checks", "lft.build", "check_site"),
    ("output guard", "lft.build", "scan_output"),
)
"""The pipeline functions a build is timed by: (stage, module, function)."""
CHECK_ROUNDS = (
    ("the YAML", "lft.source.load"),
    ("the schemas", "lft.check.validate"),
    ("the terms", "lft.check.terms"),
    ("the guard's scan", "lft.check.guard"),
)
"""The rounds of work `lft check` shares out to worker processes (`lft.workers.in_chunks`), by
the module that asks for each: (what, module)."""
SHARED = "in_chunks"
"""The name under which each of those modules imported `lft.workers.in_chunks`."""


# --- the synthetic project -------------------------------------------------------------------


def _read_yaml(path: Path) -> Any:
    from lft.source.yamlsource import parse

    doc, problems = parse(path.read_text(encoding="utf-8"), path.name)
    assert doc is not None and not problems, (path, problems)
    return doc.data


def _write_yaml(path: Path, data: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")


def _variant(data: dict[str, Any], key: str, n: int, *, bracketed: bool = True) -> None:
    """Give a copied item a title of its own in both languages. A glossary term's name is
    compared without the part in brackets (`lft.source.model.plain_name`), so a term's
    variant goes before that part (`bracketed=False`)."""
    value = data.get(key)
    if isinstance(value, dict):
        for lang, text in value.items():
            plain, bracket, rest = text.partition(" (")
            named = f"{plain} variant {n}{bracket}{rest}"
            value[lang] = f"{text} (variant {n})" if bracketed else named


def _copy_item(source: Path, target: Path, n: int, edit: Callable[[str, Any], None]) -> None:
    """A copy of a real item folder with its own title; no translation records (all new)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("translations.yml"))
    for path in sorted(target.glob("*.yml")):
        data = _read_yaml(path)
        for key in ("draft", "publish_from"):
            data.pop(key, None)
        edit(path.name, data)
        _write_yaml(path, data)
    for path in sorted(target.glob("*.md")):
        intro, heading, rest = path.read_text(encoding="utf-8").partition("\n## ")
        line = f"Dit is voorbeeld {n}." if ".nl." in path.name else f"This is example {n}."
        path.write_text(f"{intro.rstrip()}\n\n{line}\n{heading}{rest}", encoding="utf-8")


@dataclass(frozen=True)
class Counts:
    phenomena: int
    interventions: int
    news: int
    terms: int

    @classmethod
    def of(cls, items: int) -> Counts:
        phenomena = max(1, items // 20)
        news = items // 4
        return cls(phenomena, items - phenomena - news, news, items // 10)


def make_project(folder: Path, items: int) -> Counts:
    """The real project in `folder`, with `items` synthetic items added (see `Counts.of`)."""
    shutil.copytree(
        ROOT,
        folder,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "site", "build", "dist", "tests", "node_modules", "__pycache__"
        ),
    )
    counts = Counts.of(items)
    content = folder / "content"
    kinds = {
        kind: sorted(p for p in (ROOT / "content" / kind).iterdir() if p.is_dir())
        for kind in ("phenomena", "interventions", "news")
    }

    def titled(n: int) -> Callable[[str, Any], None]:
        def edit(name: str, data: Any) -> None:
            _variant(data, "name" if name == "charter.yml" else "title", n)

        return edit

    for n in range(counts.phenomena):
        source = kinds["phenomena"][n % len(kinds["phenomena"])]
        _copy_item(source, content / "phenomena" / f"fenomeen-{n:05d}", n, titled(n))
    for n in range(counts.interventions):
        source = kinds["interventions"][n % len(kinds["interventions"])]
        _copy_item(source, content / "interventions" / f"maatregel-{n:05d}", n, titled(n))
    first = dt.date(2015, 1, 1)
    for n in range(counts.news):
        day = (first + dt.timedelta(days=n)).isoformat()

        def dated(name: str, data: Any, n: int = n, day: str = day) -> None:
            titled(n)(name, data)
            data["date"] = day

        source = kinds["news"][n % len(kinds["news"])]
        _copy_item(source, content / "news" / f"{day}-bericht-{n:05d}", n, dated)
    glossary_path = content / "glossary.yml"
    glossary = _read_yaml(glossary_path)
    plain = [
        entry
        for entry in glossary.values()
        if not {"avoid", "preferred", "abbreviation"} & set(entry)
    ]
    for n in range(counts.terms):
        entry = json.loads(json.dumps(plain[n % len(plain)]))  # a deep copy
        _variant(entry, "term", n, bracketed=False)
        glossary[f"begrip-{n:05d}"] = entry
    _write_yaml(glossary_path, glossary)
    return counts


# --- measuring -------------------------------------------------------------------------------


def environment() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}


def run(command: list[str], cwd: Path | None = None) -> float:
    """Wall time of a command that must succeed."""
    start = time.perf_counter()
    result = subprocess.run(
        command, capture_output=True, text=True, env=environment(), cwd=cwd, check=False
    )
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return time.perf_counter() - start


def _time_in(times: dict[str, float], key: str, module_name: str, name: str) -> None:
    """Add the time of every call of the function `name` of a module to `times[key]`."""
    module = importlib.import_module(module_name)
    function = getattr(module, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            times[key] = times.get(key, 0.0) + time.perf_counter() - start

    setattr(module, name, timed)


def timed_build(project: Path, report: Path) -> None:
    """In a child process: `lft build` with the time of each stage and the peak memory."""
    times: dict[str, float] = {}
    from lft import cli

    for stage, module_name, name in STAGES:
        _time_in(times, stage, module_name, name)
    start = time.perf_counter()
    code = cli.main(["--root", str(project), "build"])
    total = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    helper = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # Pagefind, the workers
    report.write_text(
        json.dumps(
            {"code": code, "total": total, "stages": times, "own_kb": own, "helper_kb": helper}
        ),
        encoding="utf-8",
    )


def timed_check(project: Path, report: Path) -> None:
    """In a child process: `lft check` with nothing kept, with the time of each round of work
    on the worker processes (`CHECK_ROUNDS`) and of starting the command (imports)."""
    start = time.perf_counter()
    from lft import cli

    imports = time.perf_counter() - start
    rounds: dict[str, float] = {}
    for what, module_name in CHECK_ROUNDS:
        _time_in(rounds, what, module_name, SHARED)
    code = cli.main(["--root", str(project), "check", "--no-cache"])
    total = time.perf_counter() - start
    report.write_text(
        json.dumps({"code": code, "total": total, "imports": imports, "rounds": rounds}),
        encoding="utf-8",
    )


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


class _Assets(HTMLParser):
    """The stylesheets and scripts a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and (values.get("rel") or "") == "stylesheet" and values.get("href"):
            self.urls.append(values["href"] or "")
        if tag == "script" and values.get("src"):
            self.urls.append(values["src"] or "")


def first_view(site: Path, page: Path) -> int:
    """Bytes (gzip) a reader downloads to see `page`: its HTML, stylesheets and scripts."""
    html = page.read_bytes()
    parser = _Assets()
    parser.feed(html.decode("utf-8"))
    total = gz(html)
    for url in dict.fromkeys(parser.urls):
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            continue
        target = (page.parent / parts.path).resolve()
        if target.is_file() and site.resolve() in target.parents:
            total += gz(target.read_bytes())
    return total


def first_search(site: Path, lang: str) -> int:
    """Bytes a reader downloads for a first search in `lang`: Pagefind's script, entry file,
    the WebAssembly and metadata of the language, the largest index chunk and the five
    largest result fragments (an upper estimate; Pagefind's own files are gzip already), from
    the language's own bundle."""
    from lft.finish.search import BUNDLE
    from lft.source.model import language_root

    bundle = site / language_root(lang) / BUNDLE
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    language = entry["languages"][lang]
    total = sum(
        gz(p.read_bytes()) for p in (bundle / "pagefind.js", bundle / "pagefind-entry.json")
    )
    wasm = bundle / f"wasm.{language.get('wasm') or 'unknown'}.pagefind"
    total += wasm.stat().st_size if wasm.is_file() else 0
    total += (bundle / f"pagefind.{language['hash']}.pf_meta").stat().st_size
    chunks = sorted((p.stat().st_size for p in (bundle / "index").glob("*.pf_index")), reverse=True)
    fragments = sorted(
        (p.stat().st_size for p in (bundle / "fragment").glob("*.pf_fragment")), reverse=True
    )
    return total + sum(chunks[:1]) + sum(fragments[:5])


@dataclass
class Result:
    items: int
    counts: Counts
    pages: int = 0
    check: float = 0.0
    """The first `lft check` of the project: nothing kept (`lft.check.cache`)."""
    check_edited: float = 0.0
    """`lft check` after one item's text changed, with what the check before kept."""
    build: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    check_rounds: dict[str, float] = field(default_factory=dict)
    """`lft check` timed again from within: each round of work on the worker processes."""
    check_start: float = 0.0
    """The part of that `lft check` that starts the command (imports)."""
    check_within: float = 0.0
    """The whole of that `lft check`, timed from within."""
    own_mb: float = 0.0
    """The peak memory of lft's own process during the build."""
    helper_mb: float = 0.0
    """The peak memory of the largest process it started (Pagefind, or a worker)."""
    output_mb: float = 0.0
    largest: tuple[str, int, int] = ("", 0, 0)
    largest_item: tuple[str, int, int] = ("", 0, 0)
    factsheet: tuple[str, int, int] = ("", 0, 0)
    first_view: int = 0
    first_search: dict[str, int] = field(default_factory=dict)
    tuned: float | None = None
    naive: float | None = None
    preview: list[float] = field(default_factory=list)
    """The preview's time from a save to the served page, of each save."""
    phases: dict[str, float] = field(default_factory=dict)
    """The benchmark's own time at this N, by what it did (`_phase`)."""


def item_pages(project: Path) -> set[str]:
    """Every item's own page (issue 18's "item page"): a fact sheet, a charter, a course of
    action or a news item, in either language, where the site has it (`Item.address`); not an
    overview, a catalogue page or a page about the site."""
    from lft.check.project import Project
    from lft.source.model import LANGUAGES, language_root

    return {
        f"{language_root(lang)}{item.address}index.html"
        for item in Project(project).content.items()
        for lang in LANGUAGES
    }


def plain_config(project: Path, *, naive: bool) -> Path:
    """The project's engine settings without the lft plugin, reading the staged pages; naive:
    no `nav` (every page in the sidebar), no `not_in_nav`, no `navigation.prune`, and the
    stock search plugin."""
    config = yaml.safe_load(
        (project / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", "")
    )
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "lft" in p)]
    config["docs_dir"] = "build/pages"
    for key in ("site_url", "repo_url"):
        if isinstance(config.get(key), list):
            config[key] = config[key][1]
    plugins = config["plugins"]
    for plugin in plugins:
        if isinstance(plugin, dict) and "i18n" in plugin:
            plugin["i18n"]["build_only_locale"] = None
    if naive:
        config.pop("nav", None)
        config.pop("not_in_nav", None)
        config["theme"]["features"].remove("navigation.prune")
        config["plugins"] = ["search", *plugins]
    path = project / f"mkdocs-{'naive' if naive else 'tuned'}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@contextmanager
def _phase(phases: dict[str, float], name: str) -> Iterator[None]:
    """Add the wall time of the block to `phases[name]`."""
    start = time.perf_counter()
    try:
        yield
    finally:
        phases[name] = phases.get(name, 0.0) + time.perf_counter() - start


def bench(items: int, with_engine: bool, with_preview: bool) -> Result:
    phases: dict[str, float] = {}
    folder = tempfile.TemporaryDirectory(prefix="lft-bench-")
    try:
        tmp = Path(folder.name)
        project = tmp / "project"
        os.environ["LFT_CACHE_DIR"] = str(tmp / "cache")  # what lft check keeps goes with it
        with _phase(phases, "the synthetic project"):
            counts = make_project(project, items)
        result = Result(items, counts, phases=phases)
        with _phase(phases, "lft check, three times"):
            command = [sys.executable, "-m", "lft.cli", "--root", str(project), "check"]
            result.check = run(command)
            _edit(project, SAVES)  # a sentence none of the preview's saves adds
            result.check_edited = run(command)
            timing = tmp / "check.json"
            run([sys.executable, __file__, "--timed-check", str(project), str(timing)])
        checked = json.loads(timing.read_text(encoding="utf-8"))
        result.check_rounds, result.check_start = checked["rounds"], checked["imports"]
        result.check_within = checked["total"]
        report = tmp / "build.json"
        with _phase(phases, "lft build"):
            run([sys.executable, __file__, "--timed-build", str(project), str(report)])
        measured = json.loads(report.read_text(encoding="utf-8"))
        if measured["code"] != 0:
            sys.exit(f"lft build of {items} items failed (exit code {measured['code']})")
        result.build, result.stages = measured["total"], measured["stages"]
        result.own_mb = measured["own_kb"] / 1024
        result.helper_mb = measured["helper_kb"] / 1024
        with _phase(phases, "the sizes"):
            _sizes(result, project)
        if with_engine:
            with _phase(phases, "the plain engine, tuned and naive"):
                _engines(result, project, tmp)
        if with_preview:
            with _phase(phases, "the preview"):
                result.preview = preview_seconds(project, tmp / "serve.log")
        return result
    finally:
        with _phase(phases, "removing the project"):
            folder.cleanup()


def _sizes(result: Result, project: Path) -> None:
    """The built site's size, its largest pages, a first page view and a first search."""
    site = project / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    result.output_mb = sum(p.stat().st_size for p in files) / 1e6
    pages = [p for p in files if p.suffix == ".html"]
    result.pages = len(pages)
    largest = max(pages, key=lambda p: p.stat().st_size)
    own = item_pages(project)
    item = max(
        (p for p in pages if p.relative_to(site).as_posix() in own),
        key=lambda p: p.stat().st_size,
    )
    sheet = site / "phenomena" / "fenomeen-00000" / "index.html"
    for name, page in (("largest", largest), ("largest_item", item), ("factsheet", sheet)):
        data = page.read_bytes()
        setattr(result, name, (page.relative_to(site).as_posix(), len(data), gz(data)))
    result.first_view = first_view(site, site / "index.html")
    result.first_search = {lang: first_search(site, lang) for lang in ("nl", "en")}


def _engines(result: Result, project: Path, tmp: Path) -> None:
    """The plain engine's builds of the pages lft prepares, tuned and naive."""
    from lft.render.prepare import prepare

    os.environ.update(environment())
    prepare(project, project / "build" / "pages")
    engine = os.environ.get("LFT_ENGINE", "").strip() or "properdocs"
    for naive in (False, True):
        seconds = run(
            [
                sys.executable,
                "-m",
                engine,
                "build",
                "-q",
                "-f",
                str(plain_config(project, naive=naive)),
                "-d",
                str(tmp / ("naive" if naive else "tuned")),
            ],
            cwd=project,
        )
        setattr(result, "naive" if naive else "tuned", seconds)


PREVIEWED = "interventions/maatregel-00000"
"""The intervention whose text the preview measurement changes."""
CHANGE = "Deze zin is toegevoegd om de voorvertoning te meten ({n})."
SAVES = 5
"""How many saves the preview is timed by: each when the preview is idle (the search of the
one before made again and hardened), the median reported (one save varies by a few tenths of a
second with the moment of saving)."""
SEARCHED = "lft: search is up to date"
"""What the preview says once the search of a save is made again and hardened: it is idle."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _served(url: str) -> str:
    try:
        with urlopen(url, timeout=600) as response:  # the preview answers once it has built
            return str(response.read().decode("utf-8"))
    except (URLError, OSError):
        return ""


def _running(server: subprocess.Popen[bytes], log: Path) -> None:
    """Stop the benchmark, with the end of its log, when the preview stopped."""
    if server.poll() is not None:
        sys.exit(f"lft serve stopped:\n{log.read_text(encoding='utf-8')[-3000:]}")


def _edit(project: Path, n: int) -> None:
    """Add the sentence `CHANGE` (n) to the Dutch text of the intervention `PREVIEWED`."""
    text = project / "content" / PREVIEWED / "intervention.nl.md"
    change = CHANGE.format(n=n)
    text.write_text(f"{text.read_text(encoding='utf-8')}\n{change}\n", encoding="utf-8")


def preview_seconds(project: Path, log: Path) -> list[float]:
    """Wall time from saving a new sentence in an intervention's Dutch text to the preview
    (`lft serve`) serving the page with it, for each of `SAVES` saves; the preview has
    started and built first, and each save waits until the search of the last is made again
    in the background and hardened (`SEARCHED`), as an editor reads a page before saving
    again."""
    port = _free_port()
    command = [sys.executable, "-m", "lft.cli", "--root", str(project), "serve"]
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [*command, "--dev-addr", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=environment(),
        )
        try:
            while "Serving on" not in log.read_text(encoding="utf-8"):
                _running(server, log)
                time.sleep(0.5)  # a poll of the log, not a wait for the result
            base = f"http://127.0.0.1:{port}/"
            times = []
            for n in range(SAVES):
                searched = log.read_text(encoding="utf-8").count(SEARCHED)
                change = CHANGE.format(n=n)
                start = time.perf_counter()
                _edit(project, n)
                while change not in _served(f"{base}{PREVIEWED}/"):
                    _running(server, log)
                    time.sleep(0.1)
                times.append(time.perf_counter() - start)
                while log.read_text(encoding="utf-8").count(SEARCHED) == searched:
                    _running(server, log)
                    time.sleep(0.2)
            return times
        finally:
            server.terminate()
            server.wait(timeout=60)


# --- reporting -------------------------------------------------------------------------------


def kb(size: int) -> str:
    return f"{size / 1000:.1f} KB"


def ratio(a: float, b: float | None) -> str:
    return f"{a / b:.2f}" if b else "–"


def _spread(times: list[float]) -> str:
    """The median of `times`, with the lowest and the highest."""
    if not times:
        return "–"
    return f"{statistics.median(times):.1f} s ({min(times):.1f}–{max(times):.1f} s)"


def table(results: list[Result]) -> list[str]:
    lines = [
        "| items | pages | lft check: first / after an edit | lft build | per page "
        "| tuned engine | naive engine "
        "| lft / tuned | lft / naive | peak memory: lft / Pagefind | output "
        f"| preview: saved to shown (median of {SAVES} saves, lowest–highest) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.items} | {r.pages} | {r.check:.1f} s / {r.check_edited:.1f} s "
            f"| {r.build:.1f} s "
            f"| {r.build / r.pages * 1000:.0f} ms "
            f"| {f'{r.tuned:.1f} s' if r.tuned else '–'} "
            f"| {f'{r.naive:.1f} s' if r.naive else '–'} "
            f"| {ratio(r.build, r.tuned)} | {ratio(r.build, r.naive)} "
            f"| {r.own_mb:.0f} MB / {r.helper_mb:.0f} MB | {r.output_mb:.1f} MB "
            f"| {_spread(r.preview)} |"
        )
    lines += [
        "",
        "| items | largest page (raw / gzip) | largest item page (raw / gzip) "
        "| fact sheet (raw / gzip) | first page view (gzip) | first search nl / en |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.items} | {r.largest[0]}: {kb(r.largest[1])} / {kb(r.largest[2])} "
            f"| {r.largest_item[0]}: {kb(r.largest_item[1])} / {kb(r.largest_item[2])} "
            f"| {kb(r.factsheet[1])} / {kb(r.factsheet[2])} | {kb(r.first_view)} "
            f"| {kb(r.first_search['nl'])} / {kb(r.first_search['en'])} |"
        )
    lines += ["", "Where the build's time goes (seconds, and share of the build):", ""]
    names = list(dict.fromkeys(stage for stage, _, _ in STAGES))
    lines.append("| items | " + " | ".join([*names, "other"]) + " |")
    lines.append("|---|" + "---|" * (len(names) + 1))
    for r in results:
        cells = [r.stages.get(name, 0.0) for name in names]
        cells.append(r.build - sum(cells))
        lines.append(
            f"| {r.items} | " + " | ".join(f"{c:.1f} ({c / r.build:.0%})" for c in cells) + " |"
        )
    return lines


def _build_why(r: Result, reference: float, name: str, limit: float) -> str:
    """Why the build is more than `limit` times the `name` engine's build of the same pages."""
    engine = r.stages.get("engine", 0.0)
    why = (
        f"the engine's part of the build alone took {engine:.1f} s ({engine / r.build:.0%} of "
        f"it), {engine / reference:.2f} times the {name} engine's whole build"
    )
    if engine / reference > limit:
        why += f", more than the target of {limit:g} before any work of lft's own"
    else:
        budget = limit * reference - engine
        why += (
            f"; to meet the target lft's own part would have to take at most {budget:.1f} s "
            f"(it took {r.build - engine:.1f} s)"
        )
    own = sorted(((t, stage) for stage, t in r.stages.items() if stage != "engine"), reverse=True)
    return why + "; lft's own largest stages: " + ", ".join(f"{s} {t:.1f} s" for t, s in own[:4])


def _check_why(r: Result) -> str:
    """Where the time of `lft check` goes: rounds on the workers, and the command's own work."""
    rounds = sum(r.check_rounds.values())
    own = r.check_within - rounds - r.check_start
    parts = ", ".join(f"{what} {t:.1f} s" for what, t in r.check_rounds.items())
    return (
        f"timed again from within ({r.check_within:.1f} s): {rounds:.1f} s are rounds of work on "
        f"worker processes ({parts}), {own:.1f} s the command's own work between those rounds, "
        f"while the workers wait, and {r.check_start:.1f} s starting the command"
    )


def targets(results: list[Result]) -> list[str]:
    """Each target of issue 18 that these results can show, met or missed and by how much, and
    for each miss what the measurements say of why."""
    by_items = {r.items: r for r in results}
    # (what, measured, limit, why): met when measured <= limit
    checks: list[tuple[str, float, float, str]] = []
    for items, limit in ((100, 1.0), (1000, 0.7)):
        r = by_items.get(items)
        if r and r.tuned:
            why = _build_why(r, r.tuned, "tuned", limit)
            checks.append((f"lft build / tuned engine at {items}", r.build / r.tuned, limit, why))
    if 1000 in by_items and by_items[1000].naive:
        r = by_items[1000]
        naive = r.naive or 1.0
        why = _build_why(r, naive, "naive", 0.25)
        checks.append(("lft build / naive engine at 1000", r.build / naive, 0.25, why))
    if 100 in by_items and 3000 in by_items:
        small, large = by_items[100], by_items[3000]
        per_page = (large.build / large.pages) / (small.build / small.pages)
        why = "; ".join(
            f"at {r.items}: "
            + ", ".join(f"{s} {t / r.pages * 1000:.1f} ms" for s, t in r.stages.items())
            for r in (small, large)
        )
        checks.append(("time per page at 3000 / at 100", per_page, 1.3, f"per page, {why}"))
    for r in results:
        page = f"the largest is {r.largest_item[0]}"
        checks.append(
            (f"largest item page at {r.items}, KB gzip", r.largest_item[2] / 1000, 15, page)
        )
        view = "the home page with the stylesheets and scripts it loads"
        checks.append((f"first page view at {r.items}, KB gzip", r.first_view / 1000, 75, view))
        search = max(r.first_search.values()) / 1000
        index = "Pagefind's script, WebAssembly, metadata, largest index chunk and five fragments"
        checks.append((f"first search at {r.items}, KB", search, 300, index))
    if 1000 in by_items:
        r = by_items[1000]
        checks.append(
            ("lft check at 1000, the first (nothing kept), s", r.check, 2.0, _check_why(r))
        )
        edited = (
            "what the check before made of every other file is kept (`lft.check.cache`); the "
            "edited file is checked anew"
        )
        checks.append(
            ("lft check at 1000 after one item's text changed, s", r.check_edited, 2.0, edited)
        )
    if 3000 in by_items:
        r = by_items[3000]
        peak = max(r.own_mb, r.helper_mb)
        why = (
            f"Pagefind, which holds every page it indexes in memory (one language at a time, "
            f"about {r.pages // 2} pages), peaked at {r.helper_mb:.0f} MB; lft's own process "
            f"(the engine rendering every page in it) at {r.own_mb:.0f} MB"
        )
        checks.append(("peak memory of a build at 3000, MB", peak, 1000, why))
    if 1000 in by_items and by_items[1000].preview:
        times = by_items[1000].preview
        why = "the saves took " + ", ".join(f"{t:.2f} s" for t in times)
        median = statistics.median(times)
        checks.append(("preview at 1000, saved to shown (median), s", median, 2.0, why))
    lines = []
    for what, value, limit, why in checks:
        met = value <= limit
        lines.append(
            f"- {'met' if met else 'MISSED'}: {what}: {value:.2f} (target at most "
            f"{limit:g}{'' if met else f', {value / limit:.1f}x over'})"
        )
        if not met:
            lines.append(f"  - why: {why}")
    return lines


def own_time(results: list[Result]) -> list[str]:
    """The benchmark's own time, at each N by what it did."""
    total = sum(sum(r.phases.values()) for r in results)
    lines = [f"The benchmark took {total / 60:.1f} minutes:"]
    for r in results:
        parts = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in r.phases.items())
        lines.append(f"- {r.items} items, {sum(r.phases.values()) / 60:.1f} minutes: {parts}")
    return lines


def write_report(results: list[Result], path: Path, command: str) -> None:
    machine = (
        f"{platform.node()}: {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores (shared), "
        f"engine {os.environ.get('LFT_ENGINE', '').strip() or 'properdocs'}"
    )
    mix = ", ".join(
        f"N={r.items}: {r.counts.phenomena} phenomena (each with a charter), "
        f"{r.counts.interventions} interventions, {r.counts.news} news, "
        f"{r.counts.terms} extra glossary terms"
        for r in results
    )
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `{command}` on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, "
        f"on {machine}. The real content plus N synthetic items ({mix}); lft check and "
        "lft build run as commands; the tuned and naive engines build the pages lft prepared, "
        "with the same engine (see `scripts/bench.py`). Peak memory is that of lft's own "
        "process and that of the largest process it starts (Pagefind, which indexes the "
        "built site, or a worker); the two run at once, so the build's whole peak lies between "
        "the larger and their sum.",
        "",
        *table(results),
        "",
        *own_time(results),
        "",
        "## Targets of issue 18",
        "",
        *targets(results),
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument(
        "--engine-items",
        type=int,
        nargs="*",
        default=[100, 1000],
        help="the N at which the plain engine builds the same pages too",
    )
    parser.add_argument(
        "--preview-items",
        type=int,
        nargs="*",
        default=[1000],
        help="the N at which the preview's time from a saved file to the page is measured",
    )
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--timed-build", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--timed-check", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.timed_build:
        timed_build(*args.timed_build)
        return
    if args.timed_check:
        timed_check(*args.timed_check)
        return
    results = []
    for items in args.items:
        result = bench(items, items in args.engine_items, items in args.preview_items)
        results.append(result)
        print("\n".join(table([result])), flush=True)
    command = "scripts/bench.py " + " ".join(sys.argv[1:])
    write_report(results, args.output, command.strip())
    print(f"written: {args.output}")


if __name__ == "__main__":
    main()
