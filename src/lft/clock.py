"""The build date: SOURCE_DATE_EPOCH, else the time of the last commit, never after today.

Two builds of the same commit therefore agree on every date they print, and an embargo ends
when a build of a later commit (or with a later SOURCE_DATE_EPOCH) runs, but never before the
machine's own clock says so: a commit dated in the future lifts no embargo. A release speaks for
its own day (`release_day`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

_SECONDS = re.compile(r"[0-9]{1,12}")
"""SOURCE_DATE_EPOCH as the reproducible-builds specification writes it: ASCII digits only."""
LAST_SECOND = int(dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.UTC).timestamp())
"""The last moment a date can name."""


class ClockError(ValueError):
    """SOURCE_DATE_EPOCH is set to something that is not a moment in time."""


def given_epoch() -> int | None:
    """SOURCE_DATE_EPOCH from the environment, or None when it is not set (or empty).

    Anything but a whole number of seconds up to the year 9999 is a ClockError that says what
    to write instead: a value the build would silently ignore would change every date it prints.
    """
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not _SECONDS.fullmatch(value) or int(value) > LAST_SECOND:
        raise ClockError(
            f"SOURCE_DATE_EPOCH={value!r} is not a time: write the number of seconds since "
            "1970-01-01 in the digits 0-9, like $(git log -1 --format=%ct), or unset it"
        )
    return int(value)


def source_date_epoch(root: Path) -> int:
    """SOURCE_DATE_EPOCH if set, else the commit time of HEAD, else the start of today (UTC)."""
    given = given_epoch()
    if given is not None:
        return given
    commit = _git_time(root, "log", "-1", "--format=%ct")
    if commit is not None:
        return commit
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
    changed = _last_change(root)
    if given is not None and changed is not None and day < changed:
        raise ReleaseDayError(
            f"--date {given} is before the last change of the content "
            f"({changed.isoformat()}); a release speaks for a day on which its content "
            "existed: give that day or a later one"
        )
    return day


CONTENT = ("content", "docs", "publisher.yml")
"""What a page says comes from here; the day of its last commit is the earliest release day."""


def _git_time(root: Path, *args: str) -> int | None:
    """The Unix time `git -C root ARGS` prints, or None outside a git checkout or without one."""
    try:
        out = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return int(out) if out.isdigit() else None


def _last_change(root: Path) -> dt.date | None:
    """The day of the last commit that changed CONTENT, or None outside a git checkout."""
    time = _git_time(root, "log", "-1", "--format=%ct", "--", *CONTENT)
    return None if time is None else dt.datetime.fromtimestamp(time, dt.UTC).date()


def _tag_time(root: Path, version: str) -> int | None:
    return _git_time(root, "for-each-ref", "--format=%(creatordate:unix)", f"refs/tags/{version}")
