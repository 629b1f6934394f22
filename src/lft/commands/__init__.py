"""The commands of `lft`, one module each: `configure` adds its options, `run` does the work.

`lft.cli` puts them together; a command's help is the docstring of its `run`.
"""

from __future__ import annotations


class UsageError(Exception):
    """A wrong or missing argument: printed as one line on stderr, exit code 2."""
