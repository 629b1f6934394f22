"""The build date: SOURCE_DATE_EPOCH, else the time of the last commit; never the wall clock.

Two builds of the same commit therefore agree on every date they print, and an embargo ends
when a build of a later commit (or with a later SOURCE_DATE_EPOCH) runs.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path


def source_date_epoch(root: Path) -> int:
    """SOURCE_DATE_EPOCH if set, else the commit time of HEAD, else the start of today (UTC)."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return int(out)
    except (OSError, subprocess.CalledProcessError, ValueError):
        today = dt.datetime.now(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        return int(today.timestamp())


def build_day(root: Path) -> dt.date:
    """The date the build speaks for."""
    return dt.datetime.fromtimestamp(source_date_epoch(root), dt.UTC).date()
