"""The `lft` command: check, build and preview the LFT site; start new content; follow
translations. Each command is a module of `lft.commands` with its options and its work."""

from __future__ import annotations

import argparse
import inspect
import sys
from types import ModuleType

from lft import engine
from lft.commands import UsageError, build, check, new, serve, translations
from lft.problems import visible

COMMANDS: dict[str, ModuleType] = {
    "check": check,
    "build": build,
    "serve": serve,
    "new": new,
    "translations": translations,
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
    for name, module in COMMANDS.items():
        doc = (module.run.__doc__ or "").strip()
        command = sub.add_parser(
            name,
            help=doc.split("\n", 1)[0],
            description=inspect.cleandoc(doc),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.set_defaults(func=module.run)
        command.add_argument(  # also accepted after the command: `lft check --root X`
            "--root", default=argparse.SUPPRESS, help="project folder (default: the current one)"
        )
        module.configure(command)
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
