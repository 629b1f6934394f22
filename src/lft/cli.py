"""The `lft` command: check, build and preview the LFT site; start new content; follow
translations."""

from __future__ import annotations

import argparse
import inspect
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from lft import engine
from lft.content_check import check_project, find_root
from lft.problems import Problem, Severity, visible
from lft.project import Project


class UsageError(Exception):
    """A wrong or missing argument: printed as one line on stderr, exit code 2."""


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem)


def _summarise_warnings(warnings: list[Problem]) -> None:
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


def cmd_check(args: argparse.Namespace) -> int:
    """Check all content and report every problem at once.

    Exit code: 0 when there are no errors (warnings are allowed), 1 when there are problems,
    2 for a wrong command line. --format github annotates a pull request; --format json is
    for other tools. --allow-drafts lets placeholders pass as warnings, for a preview.
    Example: lft check --format github
    """
    project = Project(find_root(Path(args.root)))
    checked = check_project(project, allow_drafts=args.allow_drafts)
    if args.format == "json":
        print(json.dumps([problem_json(p) for p in checked.problems], ensure_ascii=False, indent=2))
    elif args.format == "github":
        for problem in checked.problems:
            print(github_annotation(problem))
    else:
        _print_problems(checked.problems)
    errors = len(checked.errors)
    files = len({p.path for p in checked.errors})
    if errors:
        print(
            f"{errors} problem{'s' if errors != 1 else ''} in {files} "
            f"file{'s' if files != 1 else ''}",
            file=sys.stderr,
        )
        return 1
    items = len(checked.content.items())
    print(f"content is valid: {items} items checked", file=sys.stderr)
    return 0


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever `sys.stderr` is now, so a second command in one process does not
    write to the first one's stream."""

    @property
    def stream(self) -> object:
        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


class _EngineLog(logging.Formatter):
    """The engine's warnings in lft's words (`engine_words`); lft's own notes as they are."""

    def format(self, record: logging.LogRecord) -> str:
        from lft.mkdocs_engine import engine_words

        message = record.getMessage()
        if record.name.startswith(_LFT_LOGGER) or record.levelno < logging.WARNING:
            return f"{record.levelname:<7} -  {message}"
        return f"{record.levelname.lower()}: {engine_words(message)}"


_LFT_LOGGER = "mkdocs.plugins.lft"


class _Quiet(logging.Filter):
    """What `lft build` shows of the engine: its warnings and lft's own notes, not its progress
    (`--verbose` shows everything)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING or record.name.startswith(_LFT_LOGGER)


def _setup_logging(verbose: bool, *, building: bool = False) -> None:
    logger = engine.logger()
    handler = next((h for h in logger.handlers if isinstance(h, _Stderr)), None)
    if handler is None:
        handler = _Stderr()
        logger.addHandler(handler)
    handler.setFormatter(_EngineLog())
    for old in [f for f in handler.filters if isinstance(f, _Quiet)]:
        handler.removeFilter(old)
    if building and not verbose:
        handler.addFilter(_Quiet())
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def cmd_build(args: argparse.Namespace) -> int:
    """Check the content and build the site in both languages into site/.

    The previous site/ is replaced only when the new build is complete; warnings are counted
    (`lft check` lists them). With --release, also writes dist/lft-site-VERSION.tar.gz and
    dist/SHA256SUMS, from a clean checkout of the git tag VERSION, never over an archive of
    other content; a release speaks for --date (not before the last change of the content), or
    the date of its tag, never a later day than today, and refuses every guard finding, every
    placeholder identity setting and the preview settings of `lft serve`.
    Example: lft build --release --version v1.0.0
    """
    from lft.build import VERSION, BuildFailed, build_site, preview_switches, release_site
    from lft.clock import ReleaseDayError, release_day
    from lft.identity import overrides, placeholder_settings
    from lft.outputs import OutputError, apart
    from lft.tagged import untagged

    if args.release and not args.version:
        raise UsageError("--release needs --version VERSION, like --version 1.0.0")
    if (args.version or args.date) and not args.release:
        raise UsageError("--version and --date are only used with --release")
    root = find_root(Path(args.root))
    switches = preview_switches()
    if args.release:
        if not VERSION.fullmatch(args.version):
            raise UsageError(f"--version {args.version!r} is not a version like 1.2.0 or v1.2.0")
        if switches:
            raise UsageError(
                f"a release obeys no preview setting, but {' and '.join(switches)} "
                "is set in the environment; unset it and run the release again"
            )
        try:
            day = release_day(root, args.version, args.date)
        except ReleaseDayError as exc:
            raise UsageError(str(exc)) from None
    else:
        day = None
        for name in switches:
            print(f"lft build: ignoring {name}: it is a setting of lft serve", file=sys.stderr)
    site_dir = Path(args.site_dir) if args.site_dir else root / "site"
    if args.release:
        try:
            apart(root, site_dir, root / "dist")
        except OutputError as exc:
            raise UsageError(str(exc)) from None
    project = Project(root)  # read once: checked here, then built from
    checked = check_project(project, today=day)
    blockers = checked.release_blockers if args.release else checked.errors
    _print_problems(blockers)
    _summarise_warnings([p for p in checked.problems if p not in blockers])
    identity = placeholder_settings(root)
    refusals = []
    if args.release:
        refusals = [placeholder.message for placeholder in identity]
        refusals += untagged(root, args.version)
        for message in refusals:
            print(f"release: {message}", file=sys.stderr)
    elif identity:
        print(
            f"note: the site uses {len(identity)} placeholder identity setting"
            f"{'s' if len(identity) != 1 else ''} (lft check lists them; a release refuses "
            "them)",
            file=sys.stderr,
        )
    for note in overrides(root):
        print(f"note: {note}", file=sys.stderr)
    for line in checked.report(release=args.release):
        print(line, file=sys.stderr)
    if blockers or refusals:
        what = "a release allows no finding" if args.release else "the site was not built"
        count = len(blockers) + len(refusals)
        print(f"{count} problem(s): {what}; the previous site is unchanged", file=sys.stderr)
        return 1
    _setup_logging(args.verbose, building=True)
    try:
        if args.release:
            assert day is not None
            written = release_site(
                root, site_dir, version=args.version, dist=root / "dist", day=day, project=project
            )
        else:
            build_site(root, site_dir, project=project)
            written = []
    except BuildFailed as exc:
        print(f"build failed: {visible(str(exc))}", file=sys.stderr)
        print("the previous site is unchanged", file=sys.stderr)
        return 1
    print(f"site built in {site_dir}", file=sys.stderr)
    for path in written:
        print(f"release file: {path}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Preview the site at http://127.0.0.1:8000/, rebuilding on every change.

    Each change is named in the terminal with its problems, if any; while a change has
    problems, the last valid version stays on screen. --lang builds one language only
    (served at /) for a faster loop; --allow-drafts shows drafts and lets placeholders pass.
    Example: lft serve --lang en --allow-drafts
    """
    from lft.identity import overrides
    from lft.mkdocs_engine import EngineFailed, serve

    root = find_root(Path(args.root))
    for note in overrides(root):
        print(f"note: {note}", file=sys.stderr)
    _setup_logging(args.verbose)
    if args.lang:
        os.environ["LFT_ONLY_LANGUAGE"] = args.lang
    if args.allow_drafts:
        os.environ["LFT_ALLOW_DRAFTS"] = "true"
    try:
        serve(root, args.dev_addr)
    except EngineFailed as exc:
        print(f"lft serve: {visible(str(exc))}", file=sys.stderr)
        return 1
    return 0


def _ask(option: str, question: str, check: Callable[[str], None] | None = None) -> str:
    """Ask for a missing value on a terminal; without one, a missing value is a usage error."""
    from lft.scaffold import ScaffoldError

    if not sys.stdin.isatty():
        raise UsageError(f"{option} is missing; give it on the command line")
    while True:
        try:
            answer = input(f"{question}: ").strip()
        except EOFError:
            raise UsageError(f"{option} is missing") from None
        if not answer:
            continue
        if check is None:
            return answer
        try:
            check(answer)
        except ScaffoldError as exc:
            print(visible(str(exc)), file=sys.stderr)
            continue
        return answer


def cmd_new(args: argparse.Namespace) -> int:
    """Start a new item or registry entry, in Dutch and English, with TODO placeholders.

    TYPE is phenomenon (its fact sheet and its table's charter), intervention, news, term
    (added at the end of content/glossary.yml) or organisation (added at the end of
    content/organisations.yml). Fill in every TODO: `lft check` lists each one with its file
    and line. Existing files are never overwritten. Missing options are asked for when you run
    it in a terminal.
    Example: lft new intervention huurcontract-screening --phenomenon vastgoedketen
    """
    from lft.scaffold import Scaffold, ScaffoldError

    root = find_root(Path(args.root))
    scaffold = Scaffold(root)
    try:
        slug = args.slug or _ask("SLUG", f"short name of the new {args.type} (like wet-bibob)")
        if args.type == "phenomenon":
            created = scaffold.phenomenon(slug)
        elif args.type == "intervention":
            phenomenon = args.phenomenon or _ask(
                "--phenomenon",
                "which phenomenon does it serve ("
                + (", ".join(scaffold.phenomena()) or "there is none yet")
                + ")",
                scaffold.check_phenomenon,
            )
            created = scaffold.intervention(slug, phenomenon, args.step)
        elif args.type == "news":
            created = scaffold.news(slug, args.date)
        else:
            created = scaffold.entry(args.type, slug)
    except ScaffoldError as exc:
        print(f"lft new: {visible(str(exc))}", file=sys.stderr)
        return exc.code
    except OSError as exc:
        print(f"lft new: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 1
    for rel in created.created:
        print(f"created  {rel}")
    for rel in created.appended:
        print(f"added a new {args.type} '{slug}' at the end of {rel}")
    print("\nNext steps:")
    for number, step in enumerate(created.next_steps(), start=1):
        print(f"  {number}. {step}")
    return 0


def cmd_translations(args: argparse.Namespace) -> int:
    """Show which English texts are complete, new, outdated or missing.

    A translation is new until it is first marked current, and outdated when its Dutch text
    changed after it was marked current; readers see a notice only on an outdated one.
    After translating, mark the item current with --mark-current and its folder. The report
    always exits with 0.
    Example: lft translations --only-problems --format markdown
    """
    from lft.model import Item, Kind
    from lft.translations import (
        State,
        item_folder,
        mark_current,
        markdown_table,
        read_records,
        summary,
        table,
        translation_states,
    )

    root = find_root(Path(args.root))
    content = Project(root).content
    if args.mark_current:
        folders: dict[Path, list[Item]] = {}
        for given in args.mark_current:
            path = Path(given)
            if not path.exists() and (root / given).exists():
                path = root / given
            folder = item_folder(root, path) if path.exists() else None
            if folder is None:
                raise UsageError(
                    f"'{given}' is not an item folder (or a file in one) under {root / 'content'}"
                )
            rel = folder.relative_to(root.resolve()).as_posix()
            items = [i for i in content.items() if i.folder == rel]
            files = {f"{kind.value}.yml" for kind in Kind}
            if not items or len(items) < sum(1 for p in folder.iterdir() if p.name in files):
                print(
                    f"lft translations: {rel} cannot be read; run `lft check` and fix it first",
                    file=sys.stderr,
                )
                return 1
            broken = read_records(folder, f"{rel}/translations.yml")[1]
            if broken:
                print(f"lft translations: {broken[0]}", file=sys.stderr)
                return 1
            folders.setdefault(folder, items)
        for folder, items in folders.items():
            marked = mark_current(folder, items)
            rel = marked.path.relative_to(root.resolve()).as_posix()
            count = len(marked.marked)
            changed = len(marked.changed)
            print(
                f"{rel}: {count} translation{'s' if count != 1 else ''} marked current"
                + (f", {changed} of them newly" if changed else ", no change")
            )
            if changed <= 10:
                for name in marked.changed:
                    print(f"  marked {name}")
        return 0
    states = translation_states(root, content)
    shown = [s for s in states if s.state is not State.COMPLETE] if args.only_problems else states
    if args.format == "markdown":
        if shown:
            print(markdown_table(shown))
            print()
        print(f"**{summary(states)}**")
    else:
        if shown:
            print(table(shown))
        print(summary(states))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": cmd_check,
    "build": cmd_build,
    "serve": cmd_serve,
    "new": cmd_new,
    "translations": cmd_translations,
}


class _Formatter(argparse.HelpFormatter):
    """Counts the indentation of the command names, so that a long one (`translations`) keeps
    its summary on the same line."""

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if isinstance(action, argparse._SubParsersAction):
            for sub in action._get_subactions():
                length = len(self._format_action_invocation(sub)) + self._current_indent
                self._action_max_length = max(
                    self._action_max_length, length + self._indent_increment
                )


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="lft",
        description="Check, build and preview the website of the Landelijke Fenomeentafels "
        "Ondermijning; start new content and follow its translations.",
        formatter_class=_Formatter,
    )
    main.add_argument("--root", default=".", help="project folder (default: the current one)")
    sub = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, func in COMMANDS.items():
        doc = (func.__doc__ or "").strip()
        summary = doc.split("\n", 1)[0]
        command = sub.add_parser(
            name,
            help=summary,
            description=inspect.cleandoc(doc),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.set_defaults(func=func)
        command.add_argument(  # also accepted after the command: `lft check --root X`
            "--root", default=argparse.SUPPRESS, help="project folder (default: the current one)"
        )
        if name in ("build", "serve"):
            command.add_argument("-v", "--verbose", action="store_true", help="show debug output")
        if name == "check":
            command.add_argument(
                "--format",
                choices=("text", "github", "json"),
                default="text",
                help="text (default): one line per problem; github: annotations for GitHub "
                "Actions; json: an array of problems",
            )
            command.add_argument(
                "--allow-drafts",
                action="store_true",
                help="report placeholders as warnings instead of errors, for a preview",
            )
        if name == "build":
            command.add_argument("--site-dir", help="where to build (default: site/)")
            command.add_argument(
                "--release",
                action="store_true",
                help="also write the release archive and its checksum into dist/",
            )
            command.add_argument("--version", help="the release version, like 1.0.0")
            command.add_argument(
                "--date",
                help="the day the release speaks for, YYYY-MM-DD (default: its tag's date, "
                "else today); embargoes end on it",
            )
        if name == "serve":
            command.add_argument(
                "--dev-addr",
                default="127.0.0.1:8000",
                help="address to serve on (default: 127.0.0.1:8000)",
            )
            command.add_argument(
                "--lang", choices=["nl", "en"], help="build only this language, served at /"
            )
            command.add_argument(
                "--allow-drafts", action="store_true", help="show drafts; placeholders are warnings"
            )
        if name == "new":
            from lft.scaffold import TYPES

            command.add_argument("type", choices=TYPES, metavar="TYPE", help=", ".join(TYPES))
            command.add_argument(
                "slug",
                nargs="?",
                metavar="SLUG",
                help="short name: lowercase letters, digits and hyphens, like wet-bibob",
            )
            command.add_argument(
                "--phenomenon", help="intervention: the phenomenon it serves (a folder name)"
            )
            command.add_argument(
                "--step", help="intervention: the process step of that phenomenon it targets"
            )
            command.add_argument(
                "--date", help="news: the date of the item, YYYY-MM-DD (default: today)"
            )
        if name == "translations":
            command.add_argument(
                "--format",
                choices=("text", "markdown"),
                default="text",
                help="text (default) or markdown (a table for a pull-request comment)",
            )
            command.add_argument(
                "--only-problems", action="store_true", help="leave out complete translations"
            )
            command.add_argument(
                "--mark-current",
                nargs="+",
                metavar="PATH",
                help="record that the English texts of these item folders (or a file in them) "
                "are translated from the current Dutch texts",
            )
    return main


def main(argv: list[str] | None = None) -> int:
    from lft.clock import ClockError, given_epoch

    args = parser().parse_args(argv)
    try:
        engine.chosen()
        given_epoch()  # every command reads the build date; a bad one is a usage error
        code: int = args.func(args)
    except (ClockError, UsageError, engine.EngineSettingError) as exc:
        print(f"lft {args.command}: error: {visible(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
