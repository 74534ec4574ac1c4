"""`report shift --date D`: the shift log of a day, to print and hand over at the shift's end."""

from __future__ import annotations

import argparse

from sqlite_utils import Database

from floortui.cli.report_breaks import clock, day_option, the_day
from floortui.cli.reports import ReportKind
from floortui.config import Config

COLUMNS = ["time", "category", "text", "by", "automatic"]


def _check(args: argparse.Namespace, config: Config) -> None:
    the_day(args, config, None)


def _rows(args: argparse.Namespace, config: Config, db: Database) -> tuple[list[dict], list[str]]:
    from floortui.queries.reports import data_now
    from floortui.queries.shift_log import entries

    rows = [e.as_report() for e in entries(db, config, the_day(args, config, data_now(db)))]
    if args.format != "json":
        rows = [{**row, "time": clock(row["time"], config.day.tz)} for row in rows]
    return rows, COLUMNS


KINDS = {
    "shift": ReportKind(
        "the shift log: the supervisor's notes, alerts raised and break actions taken",
        day_option, _check, _rows, formats=("table", "json"),
    ),
}  # fmt: skip
