"""`lft serve`: the preview, rebuilt on every change."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lft.check.project import find_root
from lft.commands.logs import setup_logging
from lft.environment import changed
from lft.problems import visible


def configure(command: argparse.ArgumentParser) -> None:
    command.add_argument("-v", "--verbose", action="store_true", help="show debug output")
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


def run(args: argparse.Namespace) -> int:
    """Preview the site at http://127.0.0.1:8000/, rebuilding on every change.

    Each change is named in the terminal with its problems, if any; while a change has
    problems, the last valid version stays on screen. --lang builds one language only
    (served at /) for a faster loop; --allow-drafts shows drafts and lets placeholders pass.
    Example: lft serve --lang en --allow-drafts
    """
    from lft.check.identity import overrides
    from lft.engine.mkdocs import EngineFailed, serve

    root = find_root(Path(args.root))
    for note in overrides(root):
        print(f"note: {note}", file=sys.stderr)
    setup_logging(args.verbose)
    # Only for this preview: a later build in the same process obeys neither switch anyway
    # (`lft.build`), but a release would refuse them.
    switches = {
        "LFT_ONLY_LANGUAGE": args.lang,
        "LFT_ALLOW_DRAFTS": "true" if args.allow_drafts else None,
    }
    try:
        with changed({name: value for name, value in switches.items() if value}):
            serve(root, args.dev_addr)
    except EngineFailed as exc:
        print(f"lft serve: {visible(str(exc))}", file=sys.stderr)
        return 1
    return 0
