"""`report queues` and `report agents`: the figures of calls that entered in [--from, --to)."""

from __future__ import annotations

import argparse
import time
from dataclasses import fields

from sqlite_utils import Database

from floortui.cli.reports import ReportKind, ReportUsageError
from floortui.config import Config


def _window_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", metavar="T", help="from T (inclusive)")
    parser.add_argument("--to", dest="end", metavar="T", help="until T (exclusive)")


def _window(args: argparse.Namespace, config: Config, today: int | None) -> tuple[int | None, ...]:
    """--from and --to as epochs; a time of day is on the day of `today` (else the wall clock's)."""
    from floortui.domain.timewindow import TimeError, parse_time_of_day

    reference = int(time.time()) if today is None else today
    try:
        return tuple(
            None if text is None else parse_time_of_day(text, config.day.tz, reference)
            for text in (args.start, args.end)
        )
    except TimeError as exc:
        raise ReportUsageError(str(exc)) from None


def _check(args: argparse.Namespace, config: Config) -> None:
    _window(args, config, None)


def _queues(args: argparse.Namespace, config: Config, db: Database) -> tuple[list[dict], list[str]]:
    from floortui.domain.figures import QueueFigures
    from floortui.queries.reports import data_now, queue_report

    start, end = _window(args, config, data_now(db))
    rows = [f.as_dict() for f in queue_report(db, config, start, end)]
    return rows, [f.name for f in fields(QueueFigures)]


def _agents(args: argparse.Namespace, config: Config, db: Database) -> tuple[list[dict], list[str]]:
    from floortui.domain.figures import MemberFigures
    from floortui.queries.reports import data_now, member_report

    start, end = _window(args, config, data_now(db))
    rows = [f.as_dict() for f in member_report(db, start, end)]
    return rows, [f.name for f in fields(MemberFigures)]


KINDS = {
    "queues": ReportKind("queue figures: offered, answered, abandoned, service level ...",
                         _window_options, _check, _queues),
    "agents": ReportKind("member figures: answered, talk, rings not answered, paused per queue",
                         _window_options, _check, _agents),
}  # fmt: skip
