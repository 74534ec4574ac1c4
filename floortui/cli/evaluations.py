"""`floortui evaluations import FILE.csv`: past QA results from a spreadsheet into the store.

Each row becomes a submitted evaluation through the same arithmetic as one
scored in the app; a bad row is set aside with its line number and reason
while the rest imports. Every failure a user can cause is one line, never a
traceback.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from floortui.cli.reports import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from floortui.config import Config


def add_evaluations_parser(commands, common: argparse.ArgumentParser) -> None:
    """`evaluations import FILE.csv [--user NAME]` and the common --db/--config."""
    evaluations = commands.add_parser(
        "evaluations", parents=[common], help="QA results: import them from a spreadsheet"
    )
    actions = evaluations.add_subparsers(dest="action", required=True, metavar="ACTION")
    imp = actions.add_parser(
        "import", parents=[common],
        help="import results from CSV: call, form, reviewer, submitted_at, one column per "
        "item id (points, yes/no or na), comment",
    )  # fmt: skip
    imp.add_argument("file", metavar="FILE.csv", type=Path)
    imp.add_argument(
        "--user", metavar="NAME",
        help="who is importing, as listed under users: (default: your login name)",
    )  # fmt: skip


def _importer_name(args: argparse.Namespace, config: Config) -> str | None:
    """Who the writes are recorded as made by: --user (listed) or the login name."""
    from floortui.domain.people import UnknownUser, login_name, resolve_user

    try:
        return resolve_user(config, args.user).name
    except UnknownUser as exc:
        if args.user is not None:
            print(f"floortui evaluations: {exc}", file=sys.stderr)
            return None
    return login_name() or "floortui"


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [name.strip() for name in reader.fieldnames or []]
        reader.fieldnames = header
        rows = []
        for row in reader:
            rows.append((reader.line_num, row))
    return header, rows


def cmd_evaluations(args: argparse.Namespace, config: Config) -> int:
    from floortui.cli import no_store
    from floortui.domain.evaluation_import import missing_columns
    from floortui.queries.evaluations import import_results
    from floortui.store.db import open_for_reading
    from floortui.store.people import PeopleWriter, PersonWriteFailed

    by = _importer_name(args, config)
    if by is None:
        return EXIT_USAGE
    try:
        header, rows = _read_rows(args.file)
    except FileNotFoundError:
        print(f"floortui evaluations: {args.file}: file not found", file=sys.stderr)
        return EXIT_USAGE
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        print(f"floortui evaluations: {args.file}: cannot read it as CSV ({exc})",
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    missing = missing_columns(header)
    if missing:
        print(f"floortui evaluations: {args.file}: the header lacks {', '.join(missing)} "
              "(columns: call, form, reviewer, submitted_at, one per item id, comment)",
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    store = Path(config.store.path)
    if not store.exists():
        return no_store("evaluations", config)
    db, writable = open_for_reading(store)
    if not writable:
        print(f"floortui evaluations: {store} is read-only: nothing was imported",
              file=sys.stderr)  # fmt: skip
        return EXIT_FAILED
    try:
        writer = PeopleWriter.for_store(db)
        try:
            imported, aside = import_results(db, writer, config, rows, by)
        finally:
            writer.close()
    except PersonWriteFailed as exc:
        print(f"floortui evaluations: {exc}", file=sys.stderr)
        return EXIT_FAILED
    results = "evaluation" if imported == 1 else "evaluations"
    rows_aside = "row" if len(aside) == 1 else "rows"
    print(f"{args.file}: {imported} {results} imported, {len(aside)} {rows_aside} set aside "
          f"({len(rows)} rows)")  # fmt: skip
    for bad in aside:
        print(f"{args.file}:{bad.line}: set aside: {bad.reason}", file=sys.stderr)
    return EXIT_OK
