"""`report evaluations`: one object per evaluation revision submitted in [--from, --to)."""

from __future__ import annotations

import argparse

from sqlite_utils import Database

from floortui.cli.report_figures import _check, _window, _window_options
from floortui.cli.reports import ReportKind
from floortui.config import Config


def _evaluations(args: argparse.Namespace, config: Config,
                 db: Database) -> tuple[list[dict], list[str]]:  # fmt: skip
    from floortui.queries.evaluations import REPORT_KEYS, report_rows
    from floortui.queries.reports import data_now

    start, end = _window(args, config, data_now(db))
    return report_rows(db, start, end), list(REPORT_KEYS)


KINDS = {
    "evaluations": ReportKind(
        "QA results, one per revision: total, grade, critical, sections and items",
        _window_options, _check, _evaluations, formats=("json", "csv", "table"),
    ),
}  # fmt: skip
