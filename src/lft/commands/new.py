"""`lft new`: the skeleton of a new item or registry entry, in both languages."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from lft.check.project import find_root
from lft.commands import UsageError
from lft.problems import visible


def configure(command: argparse.ArgumentParser) -> None:
    from lft.render.scaffold import TYPES

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
    command.add_argument("--date", help="news: the date of the item, YYYY-MM-DD (default: today)")


def _ask(option: str, question: str, check: Callable[[str], None] | None = None) -> str:
    """Ask for a missing value on a terminal; without one, a missing value is a usage error."""
    from lft.render.scaffold import ScaffoldError

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


def run(args: argparse.Namespace) -> int:
    """Start a new item or registry entry, in Dutch and English, with TODO placeholders.

    TYPE is phenomenon (its fact sheet and its table's charter), intervention, news, term
    (added at the end of content/glossary.yml) or organisation (added at the end of
    content/organisations.yml). Fill in every TODO: `lft check` lists each one with its file
    and line. Existing files are never overwritten. Missing options are asked for when you run
    it in a terminal.
    Example: lft new intervention huurcontract-screening --phenomenon vastgoedketen
    """
    from lft.render.scaffold import Scaffold, ScaffoldError

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
