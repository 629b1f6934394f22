"""`lft translations`: which English texts are complete, new, outdated or missing; and marking
them current after translating."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lft.check.project import find_root
from lft.commands import UsageError
from lft.source.model import Content, Item


def configure(command: argparse.ArgumentParser) -> None:
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


def run(args: argparse.Namespace) -> int:
    """Show which English texts are complete, new, outdated or missing.

    A translation is new until it is first marked current, and outdated when its Dutch text
    changed after it was marked current; readers see a notice only on an outdated one.
    After translating, mark the item current with --mark-current and its folder. The report
    always exits with 0.
    Example: lft translations --only-problems --format markdown
    """
    from lft.check.project import Project
    from lft.check.translations import State, markdown_table, summary, table, translation_states

    root = find_root(Path(args.root))
    content = Project(root).content
    if args.mark_current:
        return _mark_current(root, content, args.mark_current)
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


def _folders(root: Path, content: Content, given: list[str]) -> dict[Path, list[Item]] | None:
    """The item folders named on the command line, with their items; None (after saying why)
    when one cannot be read."""
    from lft.check.translations import item_folder, read_records
    from lft.source.model import Kind

    folders: dict[Path, list[Item]] = {}
    for name in given:
        path = Path(name)
        if not path.exists() and (root / name).exists():
            path = root / name
        folder = item_folder(root, path) if path.exists() else None
        if folder is None:
            raise UsageError(
                f"'{name}' is not an item folder (or a file in one) under {root / 'content'}"
            )
        rel = folder.relative_to(root.resolve()).as_posix()
        items = [i for i in content.items() if i.folder == rel]
        files = {f"{kind.value}.yml" for kind in Kind}
        if not items or len(items) < sum(1 for p in folder.iterdir() if p.name in files):
            print(
                f"lft translations: {rel} cannot be read; run `lft check` and fix it first",
                file=sys.stderr,
            )
            return None
        broken = read_records(folder, f"{rel}/translations.yml")[1]
        if broken:
            print(f"lft translations: {broken[0]}", file=sys.stderr)
            return None
        folders.setdefault(folder, items)
    return folders


def _mark_current(root: Path, content: Content, given: list[str]) -> int:
    from lft.check.translations import mark_current

    folders = _folders(root, content, given)
    if folders is None:
        return 1
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
