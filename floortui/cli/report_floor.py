"""`report floor --at T`: every member's state as it stood at T (issue 8 §7).

One object per member, keys `agent`, `state`, `since`, `pause_reason` and
`queues` (queue → {"paused", "reason"}), from the newest floor checkpoint at
or before T plus the events after it: the cost is one checkpoint and a few
minutes of events, however long the store's history. Members listed under
`agents:` whom the log has not shown signed in are listed logged off.
"""

from __future__ import annotations

import argparse
import time

from sqlite_utils import Database

from floortui.cli.reports import ReportKind, ReportUsageError
from floortui.config import Config

COLUMNS = ["agent", "state", "since", "pause_reason", "queues"]


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--at", metavar="T", required=True, help="the moment to show")


def _at(args: argparse.Namespace, config: Config, today: int | None) -> int:
    from floortui.domain.timewindow import TimeError, parse_time_of_day

    try:
        return parse_time_of_day(
            args.at, config.day.tz, int(time.time()) if today is None else today
        )
    except TimeError as exc:
        raise ReportUsageError(f"--at: {exc}") from None


def _check(args: argparse.Namespace, config: Config) -> None:
    _at(args, config, None)


def _rows(args: argparse.Namespace, config: Config, db: Database) -> tuple[list[dict], list[str]]:
    from floortui.queries.floor_view import floor_at
    from floortui.queries.reports import data_now

    at = _at(args, config, data_now(db))
    snapshot = floor_at(db, config, at)
    rows = [snapshot.members[name].as_report() for name in sorted(snapshot.members)]
    if args.format == "table":  # one readable cell: the queues, `(paused: why)` after some
        for row in rows:
            row["queues"] = (
                ", ".join(
                    f"{q} (paused: {s['reason'] or 'no reason'})" if s["paused"] else q
                    for q, s in row["queues"].items()
                )
                or None
            )
    return rows, COLUMNS


KINDS = {
    "floor": ReportKind(
        "every member's state at --at T: ready, ringing, on call, wrap-up, paused, logged off",
        _options, _check, _rows, formats=("table", "json"),
    ),
}  # fmt: skip
