"""`floortui import|report|run|demo`: the command line, and the one place that prints.

Every failure a user can cause (a bad config, a missing file, a log of the
wrong kind) ends as one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from floortui.config import SOURCE_FORMATS, Config, ConfigError, load_config

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="floortui",
        description="A call centre's floor, QA review and coaching in the terminal.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config", metavar="PATH", help="config file (default: ./config.yaml if present)"
    )
    common.add_argument("--db", metavar="FILE", help="the store's SQLite file (overrides config)")
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

    rep = commands.add_parser("report", parents=[common], help="queue or agent figures")
    rep.add_argument("kind", choices=("queues", "agents"))
    rep.add_argument("--from", dest="start", metavar="T", help="epoch or ISO time (inclusive)")
    rep.add_argument("--to", dest="end", metavar="T", help="epoch or ISO time (exclusive)")
    rep.add_argument("--format", choices=("table", "csv", "json"), default="table")

    commands.add_parser("run", parents=[common], help="open the app on the store")
    demo = commands.add_parser(
        "demo", parents=[common], help="open the app on the demo floor, replayed live"
    )
    demo.add_argument("--speed", type=float, default=10.0, help="replay speed (default 10x)")
    demo.add_argument(
        "--start", type=int, default=10, metavar="HOUR", help="the hour the replay starts at"
    )
    return parser


def _config(args: argparse.Namespace) -> Config:
    path = args.config
    if path is None and Path("config.yaml").exists():
        path = "config.yaml"
    config = load_config(path)
    if args.db:
        config = config.model_copy(
            update={"store": config.store.model_copy(update={"path": Path(args.db)})}
        )
    return config


def _open_db(config: Config):
    from floortui.store.db import open_database

    return open_database(config.store.path)


def _progress_bar():
    """A rich progress bar with lines/s on a terminal; nothing when output is piped."""
    if not sys.stderr.isatty():
        return None
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TextColumn("{task.fields[lines]:,} lines, {task.fields[rate]:,.0f} lines/s"),
        TimeRemainingColumn(),
        transient=True,
        console=None,
    )


def _cmd_import(args: argparse.Namespace, config: Config) -> int:
    import time

    if not args.paths and not args.recordings:
        print("floortui import: give log files to import, --recordings DIR, or both",
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    from floortui.adapters.importer import Importer, ImportFailed

    db = _open_db(config)
    importer = Importer(db, config)
    status = EXIT_OK
    total_imported = total_set_aside = 0
    bar = _progress_bar()
    # With --follow, the follower's first pass imports what is there (and waits for a
    # file not written yet instead of failing on it).
    for path in [] if args.follow else args.paths:
        started = time.perf_counter()
        try:
            if bar is None:
                summary = importer.import_path(path, args.format)
            else:
                with bar:
                    task = bar.add_task(Path(path).name, total=None, lines=0, rate=0.0)

                    def show(done: int, size: int, lines: int, task=task, started=started) -> None:
                        rate = lines / max(time.perf_counter() - started, 1e-6)
                        bar.update(task, completed=done, total=size, lines=lines, rate=rate)

                    summary = importer.import_path(path, args.format, show)
        except ImportFailed as exc:
            print(f"floortui import: {exc}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        elapsed = time.perf_counter() - started
        total_imported += summary.imported
        total_set_aside += summary.set_aside
        rate = (
            f" in {elapsed:.1f} s ({summary.lines_read / elapsed:,.0f} lines/s)"
            if elapsed > 1
            else ""
        )
        print(summary.describe() + rate)
        if summary.set_aside:
            print(
                f"  lines set aside are kept with their line numbers: "
                f"sqlite-utils rows {config.store.path} quarantine"
            )
    if len(args.paths) > 1 and not args.follow:
        print(f"total: {total_imported:,} lines imported, {total_set_aside:,} set aside")
    folders = list(args.recordings)
    for path in args.paths:
        settings = importer.source_settings(Path(path))
        folders += settings.recordings if settings is not None else []
    folders = list({folder.resolve(): folder for folder in folders}.values())
    if folders:
        from floortui.adapters.recordings import scan_recordings

        scan = scan_recordings(db, folders)
        print(scan.describe())
        for path, problem in scan.problems[:20]:
            print(f"  {path}: {problem}")
        if len(scan.problems) > 20:
            print(
                f"  … {len(scan.problems) - 20} more: sqlite-utils rows {config.store.path} "
                "recordings --where \"status != 'ok'\""
            )
        missing = {str(folder) for folder, _ in scan.directory_problems}
        if any(str(folder) in missing for folder in args.recordings):
            status = EXIT_FAILED
    if args.follow and args.paths:
        _follow(importer, [Path(p) for p in args.paths], args.format)
    return status


def _follow(importer, paths: list[Path], fmt: str) -> None:
    """Print what each pass imports, and each change of a file's status, until Ctrl-C."""
    import threading

    from floortui.adapters.follow import Follower

    print(f"following {', '.join(map(str, paths))}; Ctrl-C stops", flush=True)
    shown: dict[Path, str] = {}
    with Follower(importer, paths, fmt) as follower:
        stop = threading.Event()
        while not stop.is_set():
            for summary in follower.poll():
                print(summary.describe(), flush=True)
            for path, state in follower.status.items():
                if shown.get(path) != state:
                    print(f"{path}: {state}", flush=True)
                    shown[path] = state
            stop.wait(follower.poll_s)


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


def _cmd_report(args: argparse.Namespace, config: Config) -> int:
    from floortui.domain.timewindow import TimeError, parse_time
    from floortui.queries.reports import agent_report, queue_report

    try:
        start = parse_time(args.start, config.day.tz) if args.start else None
        end = parse_time(args.end, config.day.tz) if args.end else None
    except TimeError as exc:
        print(f"floortui report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not Path(config.store.path).exists():
        print(
            f"floortui report: no store at {config.store.path}; "
            "import logs first (floortui import PATH... --db FILE)",
            file=sys.stderr,
        )
        return EXIT_FAILED
    db = _open_db(config)
    if args.kind == "queues":
        figures = [f.as_dict() for f in queue_report(db, config, start, end)]
        columns = list(figures[0]) if figures else _columns("queues")
    else:
        figures = [f.as_dict() for f in agent_report(db, start, end)]
        columns = list(figures[0]) if figures else _columns("agents")
    _write_rows(figures, args.format, columns)
    return EXIT_OK


def _columns(kind: str) -> list[str]:
    from dataclasses import fields

    from floortui.domain.figures import AgentFigures, QueueFigures

    return [f.name for f in fields(QueueFigures if kind == "queues" else AgentFigures)]


def _cmd_run(args: argparse.Namespace, config: Config) -> int:
    from floortui.app import make_app

    make_app(config, _open_db(config)).run()
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace, config: Config) -> int:
    from floortui.app import make_app
    from floortui.demo.floor import live_demo, start_replay

    if not config.sources:
        print("floortui demo: the config names no sources to replay", file=sys.stderr)
        return EXIT_USAGE
    # The app imports and follows the replayed copies and scans the recordings itself.
    config, replay = live_demo(config, args.speed, args.start)
    db = _open_db(config)
    stop = start_replay(replay)
    try:
        make_app(config, db).run()
    finally:
        stop.set()
    print(f"The demo store is kept at {config.store.path}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the process exit code."""
    args = _parser().parse_args(argv)
    try:
        config = _config(args)
    except ConfigError as exc:
        print(f"floortui: config error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from floortui.store.db import StoreError

    commands = {"import": _cmd_import, "report": _cmd_report, "run": _cmd_run, "demo": _cmd_demo}
    try:
        return commands[args.command](args, config)
    except StoreError as exc:
        print(f"floortui: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("floortui: interrupted; run the same import again to carry on", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
