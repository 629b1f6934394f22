"""The `lft` command: check, build and preview the LFT site."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from lft.problems import Problem
from lft.project import check_project, find_root


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem)


def cmd_check(args: argparse.Namespace) -> int:
    """Check all content and report every problem at once.

    Example: lft check
    """
    root = find_root(Path(args.root))
    checked = check_project(root)
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


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def cmd_build(args: argparse.Namespace) -> int:
    """Check the content and build the site in both languages into site/.

    The previous site/ is replaced only when the new build is complete.
    Example: lft build --site-dir site
    """
    from lft.build import BuildFailed, build_site

    root = find_root(Path(args.root))
    checked = check_project(root)
    if checked.errors:
        _print_problems(checked.problems)
        print(
            f"{len(checked.errors)} problem(s): the site was not built; "
            f"the previous site is unchanged",
            file=sys.stderr,
        )
        return 1
    _setup_logging(args.verbose)
    site_dir = Path(args.site_dir) if args.site_dir else root / "site"
    try:
        build_site(root, site_dir)
    except BuildFailed as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        print("the previous site is unchanged", file=sys.stderr)
        return 1
    print(f"site built in {site_dir}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Preview the site at http://127.0.0.1:8000/, rebuilding on every change.

    Example: lft serve --dev-addr 127.0.0.1:8000
    """
    from mkdocs.commands.serve import serve

    root = find_root(Path(args.root))
    _setup_logging(args.verbose)
    serve(
        config_file=str(root / "mkdocs.yml"), livereload=True, dev_addr=args.dev_addr, strict=False
    )
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="lft",
        description="Check, build and preview the website of the Landelijke Fenomeentafels "
        "Ondermijning.",
    )
    main.add_argument("--root", default=".", help="project folder (default: the current one)")
    sub = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, func in (("check", cmd_check), ("build", cmd_build), ("serve", cmd_serve)):
        doc = (func.__doc__ or "").strip()
        summary = doc.split("\n", 1)[0]
        command = sub.add_parser(
            name,
            help=summary,
            description=doc,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.set_defaults(func=func)
        if name in ("build", "serve"):
            command.add_argument("-v", "--verbose", action="store_true", help="show debug output")
        if name == "build":
            command.add_argument("--site-dir", help="where to build (default: site/)")
        if name == "serve":
            command.add_argument(
                "--dev-addr",
                default="127.0.0.1:8000",
                help="address to serve on (default: 127.0.0.1:8000)",
            )
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
