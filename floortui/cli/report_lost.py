"""`report lost --date D`: every unanswered queue entry of a working day, to win callers back."""

from __future__ import annotations

import argparse
import time

from sqlite_utils import Database

from floortui.cli.reports import ReportKind, ReportUsageError
from floortui.config import Config


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--date", dest="date", metavar="D", default="today",
        help="the working day (from day.day_start_hour in day.timezone): YYYY-MM-DD, today or"
        " yesterday, today being the day of the store's latest imported line (default today)",
    )  # fmt: skip


def _check(args: argparse.Namespace, config: Config) -> None:
    from floortui.domain.workday import DayError, parse_day

    try:
        parse_day(args.date, config.day.tz, config.day.day_start_hour, time.time())
    except DayError as exc:
        raise ReportUsageError(str(exc)) from None


def _rows(args: argparse.Namespace, config: Config, db: Database) -> tuple[list[dict], list[str]]:
    from floortui.domain.lost_calls import REPORT_COLUMNS
    from floortui.domain.workday import DayError
    from floortui.queries.lost_calls import lost_report

    try:
        rows = lost_report(db, config, args.date)
    except DayError as exc:
        raise ReportUsageError(str(exc)) from None
    return rows, list(REPORT_COLUMNS)


KINDS = {
    "lost": ReportKind(
        "lost calls of a day: abandoned, timed out, left; reached later, called back",
        _options, _check, _rows,
    ),
}  # fmt: skip
