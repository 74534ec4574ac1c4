"""Reading the roster CSV: member, date, shift start, shift end (one shift a row).

A header line (`member,date,start,end`, any wording whose date column is not
a date) is skipped. Times are the centre's wall clock (`day.timezone`),
HH:MM or HH:MM:SS; a shift ending at or before its start ends the next day.
A row that cannot be a shift is set aside with its line number and why, and
every other row is read: one typo must not turn adherence off for the floor.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from pathlib import Path
from zoneinfo import ZoneInfo

from floortui.config import Config
from floortui.domain.roster import EMPTY_ROSTER, Roster, SetAside, Shift, make_shift


class RosterError(Exception):
    """The roster file cannot be read at all; one line for the user."""


def _time(text: str) -> dt.time:
    parts = text.strip().split(":")
    if not 2 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        raise ValueError
    return dt.time(*map(int, parts))


def parse_roster(text: str, tz: ZoneInfo) -> Roster:
    """Every shift in `text`; rows that are not shifts are set aside, not fatal."""
    shifts: dict[tuple[str, dt.date], Shift] = {}
    first_line: dict[tuple[str, dt.date], int] = {}
    aside: list[SetAside] = []
    reader = csv.reader(io.StringIO(text))
    for row in reader:
        line = reader.line_num
        shown = ",".join(row)
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 4:
            aside.append(SetAside(line, shown, f"{len(row)} columns; a shift has 4: "
                                  "member, date, shift start, shift end"))  # fmt: skip
            continue
        member, date_text, start_text, end_text = (cell.strip() for cell in row)
        try:
            date = dt.date.fromisoformat(date_text)
        except ValueError:
            if line == 1 and not shifts and not aside:
                continue  # the header
            aside.append(SetAside(line, shown, f"{date_text!r} is not a date (YYYY-MM-DD)"))
            continue
        if not member:
            aside.append(SetAside(line, shown, "no member name"))
            continue
        try:
            start, end = _time(start_text), _time(end_text)
        except ValueError:
            bad = start_text if not _is_time(start_text) else end_text
            aside.append(SetAside(line, shown, f"{bad!r} is not a time of day (HH:MM)"))
            continue
        key = (member, date)
        if key in shifts:
            aside.append(SetAside(line, shown, f"{member}'s shift on {date} is given twice "
                                  f"(first at line {first_line[key]})"))  # fmt: skip
            continue
        shifts[key] = make_shift(member, date, start, end, tz)
        first_line[key] = line
    return Roster(shifts, tuple(aside))


def _is_time(text: str) -> bool:
    try:
        _time(text)
    except ValueError:
        return False
    return True


def read_roster(path: str | os.PathLike[str], tz: ZoneInfo) -> Roster:
    """The roster file at `path` (UTF-8, a BOM allowed)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RosterError(f"{path}: roster file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RosterError(f"{path}: cannot read the roster ({exc})") from None
    return parse_roster(text, tz)


def configured_roster(config: Config, base: str | os.PathLike[str] | None = None) -> Roster:
    """The roster `breaks.roster` names (relative to `base`, config.yaml's folder; default
    the working folder), or an empty one when none is configured."""
    path = config.breaks.roster
    if path is None:
        return EMPTY_ROSTER
    if not path.is_absolute():
        path = Path(base or Path.cwd()) / path
    return read_roster(path, config.day.tz)
