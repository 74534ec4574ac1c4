"""`floortui report KIND`: every report's options, its rows and how they are printed.

Each kind lives in a module of its own named `report_<kind>.py` beside this one,
found at start-up, so a new report is one new file: it defines `KINDS`, a dict
of kind name → `ReportKind`. The JSON keys a report prints are a contract
(the README and the issues spell them out); tables and CSV show the same rows.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import pkgutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from floortui.config import Config

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

TIME_HELP = (
    "T is a Unix epoch, an ISO time (2026-11-13T10:00, in day.timezone unless it has an "
    "offset) or a time of day (10:00): today in day.timezone, today being the day of the "
    "store's latest imported line, or the wall clock's date when the store is empty."
)


class ReportUsageError(Exception):
    """An option the report cannot use (a mistyped time or date); one line for the user."""


@dataclass(frozen=True)
class ReportKind:
    """One kind of report: its help, its own options, and how its rows are read."""

    help: str
    #: Adds the kind's own options (--from/--to, --date, --at ...) to its parser.
    add_arguments: Callable[[argparse.ArgumentParser], None]
    #: Checks the options before the store is opened (raise ReportUsageError).
    check: Callable[[argparse.Namespace, Config], None]
    #: The rows to print and their columns, read from the store.
    rows: Callable[[argparse.Namespace, Config, Database], tuple[list[dict], list[str]]]
    formats: tuple[str, ...] = ("table", "csv", "json")


def report_kinds() -> dict[str, ReportKind]:
    """Every report kind, from the report_*.py modules beside this one."""
    kinds: dict[str, ReportKind] = {}
    folder = str(Path(__file__).parent)
    for module in sorted(pkgutil.iter_modules([folder]), key=lambda m: m.name):
        if module.name.startswith("report_"):
            kinds.update(importlib.import_module(f"floortui.cli.{module.name}").KINDS)
    return kinds


def add_report_parser(commands, common: argparse.ArgumentParser) -> None:
    """`report` with one sub-command per kind, each with its own options and formats."""
    report = commands.add_parser(
        "report", parents=[common], help="figures and lists: " + ", ".join(report_kinds()),
        epilog=TIME_HELP,
    )  # fmt: skip
    kinds = report.add_subparsers(dest="kind", required=True, metavar="KIND")
    for name, kind in report_kinds().items():
        parser = kinds.add_parser(name, parents=[common], help=kind.help, epilog=TIME_HELP)
        kind.add_arguments(parser)
        parser.add_argument("--format", choices=kind.formats, default=kind.formats[0])


def cmd_report(args: argparse.Namespace, config: Config) -> int:
    from floortui.cli import no_store
    from floortui.store.db import open_for_reading

    kind = report_kinds()[args.kind]
    try:
        kind.check(args, config)  # a mistyped option fails before the store is touched
    except ReportUsageError as exc:
        print(f"floortui report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not Path(config.store.path).exists():
        return no_store("report", config)
    db, _ = open_for_reading(config.store.path)  # a read-only store reads as well
    try:
        rows, columns = kind.rows(args, config, db)
    except ReportUsageError as exc:
        print(f"floortui report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    write_rows(rows, args.format, columns)
    return EXIT_OK


def write_rows(rows: list[dict], fmt: str, columns: Sequence[str]) -> None:
    """Print rows as JSON (the contract), CSV (nested values as JSON) or a table."""
    if fmt == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(
                json.dumps(row[c], ensure_ascii=False)
                if isinstance(row[c], dict | list)
                else row[c]
                for c in columns
            )
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, header_style="bold", pad_edge=False)
    numeric = {c for c in columns if rows and all(_is_number(r[c]) for r in rows)}
    for column in columns:
        table.add_column(column, justify="right" if column in numeric else "left")
    for row in rows:
        table.add_row(*(_cell(row[column]) for column in columns))
    Console(width=200 if not sys.stdout.isatty() else None).print(table)


def _is_number(value: object) -> bool:
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool))


def _cell(value: object) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k} {_cell(v)}" for k, v in value.items()) or "-"
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value) or "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "-" if value is None else str(value)
