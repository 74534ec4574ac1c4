"""`floortui sample --date D`: draw the day's QA sample (or top it up) and print it.

Drawing a day again prints the same rows; calls imported since are added to
them. Every failure a user can cause is one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from floortui.cli.report_breaks import day_option, the_day
from floortui.cli.reports import EXIT_FAILED, EXIT_OK, EXIT_USAGE, ReportUsageError, write_rows
from floortui.config import Config

#: The columns of the table, the keys of the JSON (a contract: issue 9 §1).
COLUMNS = ["call", "queue", "agent", "reason", "reviewer"]


def add_sample_parser(commands, common: argparse.ArgumentParser) -> None:
    """The `sample` sub-command: --date D [--format table|json], and the common --db/--config."""
    sample = commands.add_parser(
        "sample", parents=[common],
        help="draw the day's QA sample (again: the same rows, topped up by later calls)",
    )  # fmt: skip
    day_option(sample)
    sample.add_argument("--format", choices=("table", "json"), default="table")


def cmd_sample(args: argparse.Namespace, config: Config) -> int:
    """Draw (or top up) the day's sample in the store and print every row with its reason."""
    from floortui.cli import no_store
    from floortui.queries.reports import data_now
    from floortui.queries.sampling import draw_day
    from floortui.store.db import open_for_reading

    try:
        the_day(args, config, None)  # a mistyped date fails before the store is touched
    except ReportUsageError as exc:
        print(f"floortui sample: {exc}", file=sys.stderr)
        return EXIT_USAGE
    store = Path(config.store.path)
    if not store.exists():
        return no_store("sample", config)
    db, writable = open_for_reading(store)
    if not writable:
        print(f"floortui sample: {store} is read-only: the day's sample cannot be stored",
              file=sys.stderr)  # fmt: skip
        return EXIT_FAILED
    day = the_day(args, config, data_now(db))
    rows = draw_day(db, config, day)
    if not rows and args.format == "table":
        print(f"floortui sample: {day}: no answered call with a usable recording to sample",
              file=sys.stderr)  # fmt: skip
        return EXIT_OK
    write_rows(rows, args.format, COLUMNS)
    return EXIT_OK
