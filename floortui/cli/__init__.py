"""`floortui import|report|run|demo`: the command line, and the one place that prints.

Every failure a user can cause (a bad config, a missing file, a log of the
wrong kind) ends as one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from floortui.config import SOURCE_FORMATS, Config, ConfigError, load_config

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _needs_reports(argv: Sequence[str]) -> bool:
    """Whether parsing `argv` may need every report kind's options (or their help).

    `run` and `demo` never do, and reading the report_*.py modules to build their
    options is a few ms of a start the supervisor waits for (bench/bench_start.py).
    The word `report` or a help flag anywhere means they may be needed.
    """
    return any(arg == "report" or arg in ("-h", "--help") for arg in argv) or not argv


#: QA commands, each in its cli module: (name, help when not chosen).
_QA_COMMANDS = (
    ("sample", "draw the day's QA sample"),
    ("rubric", "the QA scoring forms"),
    ("evaluations", "QA results: import them from a spreadsheet"),
)


def _add_qa_parsers(argv: Sequence[str], commands, common: argparse.ArgumentParser) -> None:
    """`sample`, `rubric` and `evaluations`, with their options only when `argv` may use
    them (as for `report`: `run` and `demo` start without reading their modules)."""
    wanted = {name for name, _ in _QA_COMMANDS if name in argv}
    if not argv or any(arg in ("-h", "--help") for arg in argv):
        wanted = {name for name, _ in _QA_COMMANDS}
    for name, summary in _QA_COMMANDS:
        if name not in wanted:
            commands.add_parser(name, parents=[common], help=summary)
        elif name == "sample":
            from floortui.cli.sample import add_sample_parser

            add_sample_parser(commands, common)
        elif name == "rubric":
            from floortui.cli.rubric import add_rubric_parser

            add_rubric_parser(commands, common)
        else:
            from floortui.cli.evaluations import add_evaluations_parser

            add_evaluations_parser(commands, common)


def _parser(argv: Sequence[str] = ("report",)) -> argparse.ArgumentParser:
    """The command line; the report kinds' own options only when `argv` may use them."""
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

    if _needs_reports(argv):
        from floortui.cli.reports import add_report_parser

        add_report_parser(commands, common)
    else:  # listed, never chosen: `report` is not in argv
        commands.add_parser("report", parents=[common], help="figures and lists")

    _add_qa_parsers(argv, commands, common)

    run = commands.add_parser("run", parents=[common], help="open the app on the store")
    run.add_argument(
        "--create", action="store_true", help="start an empty store if there is none yet"
    )
    run.add_argument(
        "--at", metavar="T", help="open the floor as it stood at T (10:05, an ISO time, an epoch)"
    )
    demo = commands.add_parser(
        "demo", parents=[common], help="open the app on the demo floor, replayed live"
    )
    demo.add_argument("--speed", type=float, default=10.0, help="replay speed (default 10x)")
    demo.add_argument(
        "--start", type=int, default=10, metavar="HOUR", help="the hour the replay starts at"
    )
    for command in (run, demo):
        command.add_argument(
            "--user", metavar="NAME",
            help="who is acting, as listed under users: (default: your login name)",
        )  # fmt: skip
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


def no_store(command: str, config: Config, hint: str = "") -> int:
    print(
        f"floortui {command}: no store at {config.store.path}; "
        f"import logs first (floortui import PATH... --db FILE){hint}",
        file=sys.stderr,
    )
    return EXIT_FAILED


def _user(command: str, args: argparse.Namespace, config: Config):
    """Who is acting (UserSettings), or None after saying in one line why nobody is."""
    from floortui.domain.people import UnknownUser, resolve_user

    try:
        return resolve_user(config, args.user)
    except UnknownUser as exc:
        print(f"floortui {command}: {exc}", file=sys.stderr)
        return None


def _demo_user(args: argparse.Namespace, config: Config):
    """The demo acts as the login name if listed, else as the config's first supervisor."""
    from floortui.domain.people import UnknownUser, login_name, resolve_user

    if args.user is not None:
        return _user("demo", args, config)
    try:
        return resolve_user(config)
    except UnknownUser:
        pass
    chosen = next((u for u in config.users if u.role == "supervisor"), None)
    if chosen is None:
        chosen = config.users[0] if config.users else None
    if chosen is None:
        return _user("demo", args, config)
    print(f"floortui demo: acting as {chosen.name} ({chosen.role.replace('_', ' ')}); "
          f"{login_name()!r} is not listed under users:, --user NAME chooses another",
          file=sys.stderr)  # fmt: skip
    return chosen


def _replay_at(args: argparse.Namespace, config: Config, db) -> tuple[bool, int | None]:
    # `db`: the StoreOpener, opened already when --at is given
    """--at as an epoch (a time of day on the store's latest day); (False, None) if unreadable."""
    if getattr(args, "at", None) is None:
        return True, None
    import time

    from floortui.domain.timewindow import TimeError, parse_time_of_day
    from floortui.queries.reports import data_now

    reference = data_now(db.get())
    try:
        return True, parse_time_of_day(args.at, config.day.tz, reference or int(time.time()))
    except TimeError as exc:
        print(f"floortui run: --at: {exc}", file=sys.stderr)
        return False, None


def _cmd_run(args: argparse.Namespace, config: Config) -> int:
    from floortui.app import make_app
    from floortui.queries.opening import StoreOpener
    from floortui.store.opening import probe, writable

    store = Path(config.store.path)
    if not store.exists() and not (args.create or config.sources):
        return no_store("run", config, ", or give --create to start an empty one")
    user = None
    if args.user is not None:  # a name given on purpose must be a listed user
        user = _user("run", args, config)  # before anything is opened or created
        if user is None:
            return EXIT_USAGE
    else:
        from floortui.domain.people import UnknownUser, resolve_user

        try:
            user = resolve_user(config)
        except UnknownUser as exc:  # the floor can still be watched; nothing is written
            print(f"floortui run: watching only, nothing you do is written: {exc}",
                  file=sys.stderr)  # fmt: skip
    if store.exists():
        probe(store)  # a file that is no store is refused here, not in the app
        may_write = writable(store)
    else:  # an empty store, or one the sources will fill
        may_write = True
    if not may_write:
        print(f"floortui run: {store} is read-only: opening it view-only, nothing is imported",
              file=sys.stderr)  # fmt: skip
        config = config.model_copy(update={"sources": []})
    opener = StoreOpener(partial(_open_store, store, may_write))
    if getattr(args, "at", None) is not None or not store.exists():
        opener.get()  # --at reads the store's day first; a new store is made now
    readable, at = _replay_at(args, config, opener)
    if not readable:
        return EXIT_USAGE
    make_app(config, opener, read_only=not may_write, user=user, at=at).run()
    return EXIT_OK


def _open_store(store: Path, may_write: bool):
    """Open (and upgrade) the store for the app, read-only when it may not be written."""
    from floortui.store.db import open_database, open_for_reading

    if not store.exists():
        return open_database(store)
    if not may_write:
        return open_database(store, read_only=True)
    return open_for_reading(store)[0]


def _cmd_demo(args: argparse.Namespace, config: Config) -> int:
    from floortui.app import make_app
    from floortui.demo.floor import live_demo, start_replay
    from floortui.demo.replay import check_options

    if not config.sources:
        print("floortui demo: the config names no sources to replay", file=sys.stderr)
        return EXIT_USAGE
    try:
        check_options(args.speed, args.start)  # a --start or --speed that cannot replay
        user = _demo_user(args, config)
        if user is None:
            return EXIT_USAGE
        # The app imports and follows the replayed copies and scans the recordings itself.
        config, replay = live_demo(config, args.speed, args.start)
    except ValueError as exc:  # a --start or --speed that cannot replay
        print(f"floortui demo: {exc}", file=sys.stderr)
        return EXIT_USAGE
    db = _open_db(config)
    stop = start_replay(replay)
    try:
        make_app(config, db, now=replay.now, user=user).run()
    finally:
        stop.set()
    built = config.store.path.parent / "recordings"
    gone = _remove_built_recordings(built)
    print(f"The demo store is kept at {config.store.path}" + gone)
    return EXIT_OK


def _remove_built_recordings(folder: Path) -> str:
    """Remove the recordings the demo built (a whole day is gigabytes; the next demo builds
    them again); what to add to the goodbye line."""
    import shutil

    if not folder.is_dir():
        return ""
    files = [path for path in folder.rglob("*") if path.is_file()]
    size = sum(path.stat().st_size for path in files)
    shutil.rmtree(folder, ignore_errors=True)
    amount = f"{size / 1e9:.1f} GB" if size >= 1e9 else f"{size / 1e6:.0f} MB"
    return f" (the {len(files)} recordings it built, {amount}, were removed)"


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


def _command(name: str):
    """The function running command `name`; import and report load only when chosen."""
    if name == "import":
        from floortui.cli.imports import cmd_import

        return cmd_import
    if name == "report":
        from floortui.cli.reports import cmd_report

        return cmd_report
    if name == "rubric":
        from floortui.cli.rubric import cmd_rubric

        return cmd_rubric
    if name == "sample":
        from floortui.cli.sample import cmd_sample

        return cmd_sample
    if name == "evaluations":
        from floortui.cli.evaluations import cmd_evaluations

        return cmd_evaluations
    return {"run": _cmd_run, "demo": _cmd_demo}[name]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the process exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _parser(argv).parse_args(argv)
    try:
        config = _config(args)
    except ConfigError as exc:
        print(f"floortui: config error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    import sqlite3

    from floortui.store.opening import StoreError, store_problem

    try:
        status = _command(args.command)(args, config)
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
