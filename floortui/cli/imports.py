"""`floortui import`: import log files once or follow them, and say what happened.

Part of the command line (floortui.cli): one summary line per file on stdout,
one line per problem on stderr. A store that fails half-way (disk full,
read-only) keeps every batch committed before, and the same command run again
carries on from there; an import in which every file failed leaves no store.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

from floortui.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from floortui.config import Config


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


def cmd_import(args: argparse.Namespace, config: Config) -> int:
    if not args.paths and not args.recordings:
        print("floortui import: give log files to import, --recordings DIR, or both",
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    from floortui.adapters.importer import Importer
    from floortui.store.db import StoreReadOnly, holds_no_import, open_database, writable

    store = Path(config.store.path)
    created = not store.exists()
    try:
        if not created and not writable(store):
            raise StoreReadOnly(f"{store}")
        db = open_database(store)
    except StoreReadOnly:
        print(f"floortui import: the store {store} is read-only (the file, its folder or its "
              "disk): nothing was imported", file=sys.stderr)  # fmt: skip
        return EXIT_FAILED
    importer = Importer(db, config)
    status, imported_any = (EXIT_OK, True) if args.follow else _import_files(args, importer)
    if status is None:  # the store failed: stop here, what was committed stays
        return EXIT_FAILED
    folders = list(args.recordings)
    for path in args.paths:
        settings = importer.source_settings(Path(path))
        folders += settings.recordings if settings is not None else []
    folders = list({folder.resolve(): folder for folder in folders}.values())
    if created and not imported_any and not folders and holds_no_import(db):
        _remove_store(db, store)  # every file failed: leave no empty store behind
        return status
    if folders:
        status = max(status, _scan_recordings(db, config, folders, args.recordings))
    if args.follow and args.paths:
        _follow(importer, [Path(p) for p in args.paths], args.format)
    return status


def _import_files(args: argparse.Namespace, importer) -> tuple[int | None, bool]:
    """Import each file once, printing its summary: (exit status or None, imported any)."""
    import sqlite3
    import time

    from floortui.adapters.importer import ImportFailed
    from floortui.store.db import store_problem

    status, imported_any = EXIT_OK, False
    total_imported = total_set_aside = 0
    bar = _progress_bar()
    for path in args.paths:
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
        except sqlite3.Error as exc:
            print(f"floortui import: {path}: {store_problem(exc)}; the lines imported before"
                  " are kept, and the same import run again carries on",
                  file=sys.stderr)  # fmt: skip
            return None, True
        imported_any = True
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
                f"sqlite-utils rows {importer.store.path()} quarantine"
            )
    if len(args.paths) > 1 and imported_any:
        print(f"total: {total_imported:,} lines imported, {total_set_aside:,} set aside")
    return status, imported_any


def _remove_store(db, store: Path) -> None:
    db.conn.close()
    for suffix in ("", "-wal", "-shm"):
        store.with_name(store.name + suffix).unlink(missing_ok=True)


def _scan_recordings(db, config: Config, folders: list[Path], asked: list[Path]) -> int:
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
    return EXIT_FAILED if any(str(folder) in missing for folder in asked) else EXIT_OK


def _follow(importer, paths: list[Path], fmt: str) -> None:
    """Print what each pass imports, and each change of a file's status, until Ctrl-C."""
    import threading

    from floortui.adapters.follow import Follower
    from floortui.live import follow_sources

    print(f"following {', '.join(map(str, paths))}; Ctrl-C stops", flush=True)
    shown: dict[str, str] = {}

    def show_status(status: dict[str, str]) -> None:
        for path, state in status.items():
            if shown.get(path) != state:
                print(f"{path}: {state}", flush=True)
                shown[path] = state

    with Follower(importer, paths, fmt) as follower, _ctrl_c_noted() as pressed:

        def stop_if_pressed() -> None:
            if pressed:
                raise KeyboardInterrupt

        follow_sources(
            [follower],
            threading.Event(),
            on_summary=lambda summary: print(summary.describe(), flush=True),
            on_status=show_status,
            on_poll=stop_if_pressed,
        )


@contextlib.contextmanager
def _ctrl_c_noted() -> Iterator[list[int]]:
    """Ctrl-C raises KeyboardInterrupt as usual, and is also noted in the list yielded.

    Python drops an exception raised while a finaliser runs ("Exception ignored
    in ..."): a Ctrl-C landing there would leave the follow loop running for
    ever. The loop looks at the note after each pass, so the second chance is
    never more than a pass away.
    """
    pressed: list[int] = []

    def note(signum: int, frame: object) -> None:
        pressed.append(signum)
        raise KeyboardInterrupt

    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:  # started in the background (`&`)
        yield pressed
        return
    try:
        previous = signal.signal(signal.SIGINT, note)
    except ValueError:  # not the main thread (a test calling main() from a worker)
        yield pressed
        return
    try:
        yield pressed
    finally:
        signal.signal(signal.SIGINT, previous)
