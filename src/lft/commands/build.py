"""`lft build`: check the content and build the site; with `--release`, the release archive."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from lft.check.project import Checked, Project, check_project, find_root
from lft.commands import UsageError
from lft.commands.logs import setup_logging
from lft.commands.report import print_problems, summarise_warnings
from lft.problems import visible


def configure(command: argparse.ArgumentParser) -> None:
    command.add_argument("-v", "--verbose", action="store_true", help="show debug output")
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


def run(args: argparse.Namespace) -> int:
    """Check the content and build the site in both languages into site/.

    The previous site/ is replaced only when the new build is complete; warnings are counted
    (`lft check` lists them). With --release, also writes dist/lft-site-VERSION.tar.gz and
    dist/SHA256SUMS, from a clean checkout of the git tag VERSION, never over an archive of
    other content; a release speaks for --date (not before the last change of the content), or
    the date of its tag, never a later day than today, and refuses every guard finding, every
    placeholder identity setting and the preview settings of `lft serve`.
    Example: lft build --release --version v1.0.0
    """
    if args.release and not args.version:
        raise UsageError("--release needs --version VERSION, like --version 1.0.0")
    if (args.version or args.date) and not args.release:
        raise UsageError("--version and --date are only used with --release")
    root = find_root(Path(args.root))
    day = _release_day(root, args) if args.release else None
    if not args.release:
        _ignored_switches()
    site_dir = Path(args.site_dir) if args.site_dir else root / "site"
    if args.release:
        _apart(root, site_dir)
    project = Project(root)  # read once: checked here, then built from
    checked = check_project(project, today=day)
    blockers = checked.release_blockers if args.release else checked.errors
    print_problems(blockers)
    summarise_warnings([p for p in checked.problems if p not in blockers])
    refusals = _refusals(root, args)
    _notes(root, checked, release=args.release)
    if blockers or refusals:
        what = "a release allows no finding" if args.release else "the site was not built"
        count = len(blockers) + len(refusals)
        print(f"{count} problem(s): {what}; the previous site is unchanged", file=sys.stderr)
        return 1
    setup_logging(args.verbose, building=True)
    return _build(project, site_dir, args, day)


def _release_day(root: Path, args: argparse.Namespace) -> dt.date:
    """The day a release speaks for; a wrong version or a preview setting is a usage error."""
    from lft.build import VERSION, preview_switches
    from lft.clock import ReleaseDayError, release_day

    if not VERSION.fullmatch(args.version):
        raise UsageError(f"--version {args.version!r} is not a version like 1.2.0 or v1.2.0")
    switches = preview_switches()
    if switches:
        raise UsageError(
            f"a release obeys no preview setting, but {' and '.join(switches)} "
            "is set in the environment; unset it and run the release again"
        )
    try:
        return release_day(root, args.version, args.date)
    except ReleaseDayError as exc:
        raise UsageError(str(exc)) from None


def _ignored_switches() -> None:
    """A build that is no release ignores the preview's settings, and says so."""
    from lft.build import preview_switches

    for name in preview_switches():
        print(f"lft build: ignoring {name}: it is a setting of lft serve", file=sys.stderr)


def _apart(root: Path, site_dir: Path) -> None:
    """A release's site folder holds no release and is not the release folder."""
    from lft.outputs import OutputError, apart

    try:
        apart(root, site_dir, root / "dist")
    except OutputError as exc:
        raise UsageError(str(exc)) from None


def _refusals(root: Path, args: argparse.Namespace) -> list[str]:
    """What refuses a release besides the content: placeholder identity settings and a checkout
    that is not the tag; for a build, a note on the placeholders."""
    from lft.check.identity import placeholder_settings
    from lft.tagged import untagged

    identity = placeholder_settings(root)
    if not args.release:
        if identity:
            print(
                f"note: the site uses {len(identity)} placeholder identity setting"
                f"{'s' if len(identity) != 1 else ''} (lft check lists them; a release refuses "
                "them)",
                file=sys.stderr,
            )
        return []
    refusals = [placeholder.message for placeholder in identity] + untagged(root, args.version)
    for message in refusals:
        print(f"release: {message}", file=sys.stderr)
    return refusals


def _notes(root: Path, checked: Checked, *, release: bool) -> None:
    from lft.check.identity import overrides

    for note in overrides(root):
        print(f"note: {note}", file=sys.stderr)
    for line in checked.report(release=release):
        print(line, file=sys.stderr)


def _build(project: Project, site_dir: Path, args: argparse.Namespace, day: dt.date | None) -> int:
    from lft.build import BuildFailed, build_site, release_site

    root = project.root

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
