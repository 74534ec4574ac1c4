"""`floortui rubric show [--form NAME] [--format table|json]`: the scoring forms as configured.

The JSON is a contract (issue 10 §1): `forms` (name, queues, sections with
their weight and items) and `grades` (name, min). A yes/no item has max 1,
as it is scored.
"""

from __future__ import annotations

import argparse
import json
import sys

from floortui.cli.reports import EXIT_OK, EXIT_USAGE
from floortui.config import Config
from floortui.config.rubric import RubricForm, RubricSettings


def add_rubric_parser(commands, common: argparse.ArgumentParser) -> None:
    """`rubric show` with --form NAME and --format table|json."""
    rubric = commands.add_parser("rubric", parents=[common], help="the QA scoring forms")
    actions = rubric.add_subparsers(dest="action", required=True, metavar="ACTION")
    show = actions.add_parser("show", parents=[common], help="print the forms and grade bands")
    show.add_argument("--form", metavar="NAME", help="only this form")
    show.add_argument("--format", choices=("table", "json"), default="table")


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def form_json(form: RubricForm) -> dict:
    return {
        "name": form.name,
        "queues": list(form.queues),
        "sections": [
            {
                "name": section.name,
                "weight": section.weight,
                "items": [
                    {
                        "id": item.id,
                        "label": item.label,
                        "kind": item.kind,
                        "max": item.points_max,
                        "critical": item.critical,
                        "na_allowed": item.na_allowed,
                    }
                    for item in section.items
                ],
            }
            for section in form.sections
        ],
    }


def rubric_json(rubric: RubricSettings, forms: list[RubricForm]) -> dict:
    """The contract's shape: {"forms": [...], "grades": [{"name", "min"}]}."""
    return {
        "forms": [form_json(form) for form in forms],
        "grades": [{"name": g.name, "min": _number(g.min)} for g in rubric.grades],
    }


def cmd_rubric(args: argparse.Namespace, config: Config) -> int:
    rubric = config.rubric
    forms = list(rubric.forms)
    if args.form is not None:
        forms = [f for f in forms if f.name == args.form]
        if not forms:
            known = ", ".join(repr(f.name) for f in rubric.forms) or "none"
            print(f"floortui rubric: no form {args.form!r} under rubric.forms (forms: {known})",
                  file=sys.stderr)  # fmt: skip
            return EXIT_USAGE
    if args.format == "json":
        print(json.dumps(rubric_json(rubric, forms), indent=2, ensure_ascii=False))
        return EXIT_OK
    _print_tables(rubric, forms)
    return EXIT_OK


def _print_tables(rubric: RubricSettings, forms: list[RubricForm]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=200 if not sys.stdout.isatty() else None)
    if not forms:
        console.print("No forms under rubric.forms in the config.")
    for form in forms:
        where = ", ".join(form.queues) or "-"
        if form.campaign:
            where += f"; campaign {form.campaign}"
        table = Table(
            title=f"{form.name} (queues: {where})", box=None, header_style="bold",
            pad_edge=False, title_justify="left",
        )  # fmt: skip
        for column in ("section", "weight", "item", "label", "kind", "max", "N/A", "critical"):
            table.add_column(column, justify="right" if column in ("weight", "max") else "left")
        for section in form.sections:
            for index, item in enumerate(section.items):
                table.add_row(
                    section.name if index == 0 else "",
                    str(section.weight) if index == 0 else "",
                    item.id, item.label, item.kind.replace("_", "/"), str(item.points_max),
                    "yes" if item.na_allowed else "", "CRITICAL" if item.critical else "",
                )  # fmt: skip
        console.print(table)
        console.print()
    bands = ", ".join(f"{g.name} ≥ {_number(g.min)}" for g in rubric.grades)
    console.print(f"Grades: {bands}")
