"""`floortui import|report|run|demo`: the command line, and the one place that prints.

Every failure a user can cause (a bad config, a missing file, a log of the
wrong kind) ends as one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from floortui.config import SOURCE_FORMATS, Config, ConfigError, load_config

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

TIME_HELP = (
    "T is a Unix epoch, an ISO time (2026-11-13T10:00, in day.timezone unless it has an "
    "offset) or a time of day (10:00): today in day.timezone, today being the day of the "
    "store's latest imported line, or the wall clock's date when the store is empty."
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="floortui",
        description="A call centre's floor, QA review and coaching in the terminal.",
    )
    # --config and --db go before or after the command; SUPPRESS keeps a value given
    # before it from being overwritten by the command's own default.
    common = argparse.ArgumentParser(add_help=False)
    for options in (parser, common):
        options.add_argument(
            "--config", metavar="PATH", default=argparse.SUPPRESS,
            help="config file (default: ./config.yaml if present)",
        )  # fmt: skip
        options.add_argument(
            "--db", metavar="FILE", default=argparse.SUPPRESS,
            help="the store's SQLite file (overrides config)",
        )  # fmt: skip
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    imp = commands.add_parser(
        "import", parents=[common], help="import queue_log / CDR files into the store"
    )
    imp.add_argument("paths", nargs="*", metavar="PATH", help="log files to import")
    imp.add_argument(
        "--format", choices=SOURCE_FORMATS, default="auto", help="the files' format (default: auto)"
    )
    imp.add_argument(
        "--recordings", action="append", default=[], metavar="DIR", type=Path,
        help="a folder of call recordings to link to calls (repeatable)",
    )  # fmt: skip
    imp.add_argument(
        "--follow", action="store_true",
        help="keep importing lines as they are appended, until Ctrl-C",
    )  # fmt: skip

    rep = commands.add_parser(
        "report", parents=[common], help="queue or agent figures",
        epilog=TIME_HELP,
    )  # fmt: skip
    rep.add_argument("kind", choices=("queues", "agents"))
    rep.add_argument("--from", dest="start", metavar="T", help="from T (inclusive)")
    rep.add_argument("--to", dest="end", metavar="T", help="until T (exclusive)")
    rep.add_argument("--format", choices=("table", "csv", "json"), default="table")

    run = commands.add_parser("run", parents=[common], help="open the app on the store")
    run.add_argument(
        "--create", action="store_true", help="start an empty store if there is none yet"
    )
    demo = commands.add_parser(
        "demo", parents=[common], help="open the app on the demo floor, replayed live"
    )
    demo.add_argument("--speed", type=float, default=10.0, help="replay speed (default 10x)")
    demo.add_argument(
        "--start", type=int, default=10, metavar="HOUR", help="the hour the replay starts at"
    )
    return parser


def _config(args: argparse.Namespace) -> Config:
    path = getattr(args, "config", None)
    if path is None and Path("config.yaml").exists():
        path = "config.yaml"
    config = load_config(path)
    if getattr(args, "db", None):
        config = config.model_copy(
            update={"store": config.store.model_copy(update={"path": Path(args.db)})}
        )
    return config


def _open_db(config: Config):
    from floortui.store.db import open_database

    return open_database(config.store.path)


def _no_store(command: str, config: Config, hint: str = "") -> int:
    print(
        f"floortui {command}: no store at {config.store.path}; "
        f"import logs first (floortui import PATH... --db FILE){hint}",
        file=sys.stderr,
    )
    return EXIT_FAILED


def _write_rows(rows: list[dict], fmt: str, columns: Sequence[str]) -> None:
    if fmt == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(
                json.dumps(row[c], ensure_ascii=False) if isinstance(row[c], dict) else row[c]
                for c in columns
            )
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in columns:
        table.add_column(column, justify="left" if column in ("queue", "agent") else "right")
    for row in rows:
        cells = []
        for column in columns:
            value = row[column]
            if isinstance(value, dict):
                value = ", ".join(f"{k} {v}" for k, v in value.items()) or "-"
            cells.append("-" if value is None else str(value))
        table.add_row(*cells)
    Console(width=200 if not sys.stdout.isatty() else None).print(table)


def _window(args: argparse.Namespace, config: Config, today: int | None) -> tuple[int | None, ...]:
    """--from and --to as epochs; a time of day is on the day of `today` (else the wall clock's)."""
    import time

    from floortui.domain.timewindow import parse_time_of_day

    reference = int(time.time()) if today is None else today
    tz = config.day.tz
    return tuple(
        None if text is None else parse_time_of_day(text, tz, reference)
        for text in (args.start, args.end)
    )


def _cmd_report(args: argparse.Namespace, config: Config) -> int:
    from floortui.domain.timewindow import TimeError
    from floortui.queries.reports import data_now, member_report, queue_report
    from floortui.store.db import open_for_reading

    try:
        _window(args, config, None)  # a mistyped time fails before the store is touched
    except TimeError as exc:
        print(f"floortui report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not Path(config.store.path).exists():
        return _no_store("report", config)
    db, _ = open_for_reading(config.store.path)  # a read-only store reads as well
    start, end = _window(args, config, data_now(db))
    if args.kind == "queues":
        figures = [f.as_dict() for f in queue_report(db, config, start, end)]
        columns = list(figures[0]) if figures else _columns("queues")
    else:
        figures = [f.as_dict() for f in member_report(db, start, end)]
        columns = list(figures[0]) if figures else _columns("agents")
    _write_rows(figures, args.format, columns)
    return EXIT_OK


def _columns(kind: str) -> list[str]:
    from dataclasses import fields

    from floortui.domain.figures import MemberFigures, QueueFigures

    return [f.name for f in fields(QueueFigures if kind == "queues" else MemberFigures)]


def _cmd_run(args: argparse.Namespace, config: Config) -> int:
    from floortui.app import make_app
    from floortui.store.db import open_database, open_for_reading

    store = Path(config.store.path)
    if store.exists():
        db, writable = open_for_reading(store)
    elif args.create or config.sources:  # an empty store, or one the sources will fill
        db, writable = open_database(store), True
    else:
        return _no_store("run", config, ", or give --create to start an empty one")
    if not writable:
        print(f"floortui run: {store} is read-only: opening it view-only, nothing is imported",
              file=sys.stderr)  # fmt: skip
        config = config.model_copy(update={"sources": []})
    make_app(config, db, read_only=not writable).run()
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace, config: Config) -> int:
    from floortui.app import make_app
    from floortui.demo.floor import live_demo, start_replay

    if not config.sources:
        print("floortui demo: the config names no sources to replay", file=sys.stderr)
        return EXIT_USAGE
    # The app imports and follows the replayed copies and scans the recordings itself.
    try:
        config, replay = live_demo(config, args.speed, args.start)
    except ValueError as exc:  # a --start or --speed that cannot replay
        print(f"floortui demo: {exc}", file=sys.stderr)
        return EXIT_USAGE
    db = _open_db(config)
    stop = start_replay(replay)
    try:
        make_app(config, db, now=replay.now).run()
    finally:
        stop.set()
    print(f"The demo store is kept at {config.store.path}")
    return EXIT_OK


def _quiet_stdout() -> None:
    """After a broken pipe (`| head -1`), send what is left to /dev/null, as Python advises.

    Python flushes stdout on exit; without this, that flush fails again and
    prints a traceback of its own.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the process exit code."""
    args = _parser().parse_args(argv)
    try:
        config = _config(args)
    except ConfigError as exc:
        print(f"floortui: config error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    import sqlite3

    from floortui.cli.imports import cmd_import
    from floortui.store.db import StoreError, store_problem

    commands = {"import": cmd_import, "report": _cmd_report, "run": _cmd_run, "demo": _cmd_demo}
    try:
        status = commands[args.command](args, config)
        sys.stdout.flush()  # a closed pipe shows here, not in Python's flush at exit
        return status
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_FAILED
    except StoreError as exc:
        print(f"floortui: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except sqlite3.Error as exc:
        print(f"floortui {args.command}: {config.store.path}: {store_problem(exc)}",
              file=sys.stderr)  # fmt: skip
        return EXIT_FAILED
    except KeyboardInterrupt:
        again = "; run the same import again to carry on" if args.command == "import" else ""
        print(f"floortui: interrupted{again}", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
