"""The build date: SOURCE_DATE_EPOCH, else the time of the last commit, never after today.

Two builds of the same commit therefore agree on every date they print, and an embargo ends
when a build of a later commit (or with a later SOURCE_DATE_EPOCH) runs, but never before the
machine's own clock says so: a commit dated in the future lifts no embargo. A release speaks for
its own day (`release_day`).
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


def wall_today() -> dt.date:
    """Today by the machine's clock (UTC): the latest day any build may speak for."""
    return dt.datetime.now(dt.UTC).date()


def build_day(root: Path) -> dt.date:
    """The date the build speaks for: the build date, or today if that lies in the future."""
    return min(dt.datetime.fromtimestamp(source_date_epoch(root), dt.UTC).date(), wall_today())


class ReleaseDayError(Exception):
    """A release day that is not a date, or lies after today."""


def release_day(root: Path, version: str, given: str | None) -> dt.date:
    """The day a release speaks for: `given` (YYYY-MM-DD), else its tag's date, else today.

    Never later than today by the machine's clock: an embargo ends with the release of its day.
    """
    today = wall_today()
    if given is not None:
        try:
            day = dt.date.fromisoformat(given)
        except ValueError:
            raise ReleaseDayError(f"--date {given!r} is not a date like 2027-01-31") from None
        where = f"--date {given}"
    else:
        tagged = _tag_time(root, version)
        if tagged is None:
            return today
        day = dt.datetime.fromtimestamp(tagged, dt.UTC).date()
        where = f"the tag {version} is dated {day.isoformat()}, which"
    if day > today:
        raise ReleaseDayError(
            f"{where} is after today ({today.isoformat()} on this machine's clock); "
            "a release cannot speak for a day that has not come"
        )
    return day


def _tag_time(root: Path, version: str) -> int | None:
    try:
        out = subprocess.run(
            [
                "git",
                "-C",
                str(root),
                "for-each-ref",
                "--format=%(creatordate:unix)",
                f"refs/tags/{version}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return int(out) if out.isdigit() else None
