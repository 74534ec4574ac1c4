"""`report breaks --date D`: per member that day, their breaks, earned minutes and violations."""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from sqlite_utils import Database

from floortui.cli.reports import ReportKind, ReportUsageError
from floortui.config import Config

COLUMNS = ["agent", "signed_in_at", "breaks", "break_minutes", "earned_minutes", "violations"]


def day_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--date", metavar="D", default="today",
        help="the working day: YYYY-MM-DD, today or yesterday (the store's last day: today)",
    )  # fmt: skip


def _breaks_options(parser: argparse.ArgumentParser) -> None:
    day_option(parser)
    parser.add_argument(
        "--roster", metavar="CSV", type=Path, default=None,
        help="a roster CSV (member, date, shift start, shift end); default: breaks.roster",
    )  # fmt: skip


def the_day(args: argparse.Namespace, config: Config, now: int | None) -> dt.date:
    """--date as a working day; `today` is the day of the store's last line."""
    from floortui.domain.workday import DayError, parse_day

    try:
        return parse_day(args.date, config.day.tz, config.day.day_start_hour,
                         time.time() if now is None else now)  # fmt: skip
    except DayError as exc:
        raise ReportUsageError(str(exc)) from None


def _check(args: argparse.Namespace, config: Config) -> None:
    the_day(args, config, None)
    _roster(args, config)


def _roster(args: argparse.Namespace, config: Config):
    """The roster given, or the configured one (relative to the config's folder), or none."""
    from floortui.adapters.roster import RosterError, configured_roster, read_roster

    base = getattr(args, "config", None)
    try:
        if args.roster is not None:
            return read_roster(args.roster, config.day.tz)
        return configured_roster(config, Path(base).parent if base else None)
    except RosterError as exc:
        raise ReportUsageError(str(exc)) from None


def _rows(args: argparse.Namespace, config: Config, db: Database) -> tuple[list[dict], list[str]]:
    import sys

    from floortui.queries.breaks import break_report
    from floortui.queries.reports import data_now

    roster = _roster(args, config)
    for row in roster.set_aside:
        print(f"floortui report: roster line {row.line} set aside: {row.reason}", file=sys.stderr)
    rows = break_report(db, config, the_day(args, config, data_now(db)), roster)
    if args.format != "json":
        tz = config.day.tz
        rows = [_readable(row, tz) for row in rows]
    return rows, COLUMNS


def clock(epoch: int | None, tz: dt.tzinfo) -> str | None:
    """HH:MM:SS in the centre's timezone, for the table."""
    return None if epoch is None else dt.datetime.fromtimestamp(epoch, tz).strftime("%H:%M:%S")


def _readable(row: dict, tz: dt.tzinfo) -> dict:
    """The table's row: times of day instead of epochs, each break as `HH:MM-HH:MM Break 5.0`."""
    breaks = [
        f"{clock(b['start'], tz)[:5]}-{(clock(b['end'], tz) or '…')[:5]} {b['reason']} "
        f"{b['minutes']}"
        for b in row["breaks"]
    ]
    return {**row, "signed_in_at": clock(row["signed_in_at"], tz), "breaks": breaks}


KINDS = {
    "breaks": ReportKind(
        "per member that day: sign-in, breaks, minutes taken and earned, rule breaches",
        _breaks_options, _check, _rows, formats=("table", "json"),
    ),
}  # fmt: skip
