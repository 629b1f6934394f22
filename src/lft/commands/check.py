"""`lft check`: every problem of the content at once."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lft.check import cache
from lft.check.project import Project, check_project, find_root
from lft.commands.report import github_annotation, print_problems, problem_json


def configure(command: argparse.ArgumentParser) -> None:
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
    command.add_argument(
        "--no-cache",
        action="store_true",
        help="check every file anew, and keep nothing for the next check",
    )


def run(args: argparse.Namespace) -> int:
    """Check all content and report every problem at once.

    Exit code: 0 when there are no errors (warnings are allowed), 1 when there are problems,
    2 for a wrong command line. --format github annotates a pull request; --format json is
    for other tools. --allow-drafts lets placeholders pass as warnings, for a preview. What the
    check made of each file is kept in the user's cache folder, and used by the next check while
    nothing but the texts of items changed (`lft.check.cache`); --no-cache checks everything anew.
    Example: lft check --format github
    """
    root = find_root(Path(args.root))
    world = "" if args.no_cache else cache.world(root)
    project = Project(root, kept=cache.load(root, world) if world else None)
    checked = check_project(project, allow_drafts=args.allow_drafts)
    if world and project.made:
        cache.save(root, world, project.kept)
    if args.format == "json":
        print(json.dumps([problem_json(p) for p in checked.problems], ensure_ascii=False, indent=2))
    elif args.format == "github":
        for problem in checked.problems:
            print(github_annotation(problem))
    else:
        print_problems(checked.problems)
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
