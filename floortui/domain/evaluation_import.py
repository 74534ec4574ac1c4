"""Reading a spreadsheet of past QA results: each row checked against the rubric. Pure.

Centres move from spreadsheets (issue 10 §5). A row has `call` (the caller's
uniqueid), `form`, `reviewer`, `submitted_at` (ISO or epoch), one column per
item id (points, `yes` / `no`, or `na`) and an optional `comment`. A row
that cannot be a result (an unknown call, form or item, points above the
item's max, N/A where the item does not allow it, an item left empty, a
call evaluated already) is set aside with its line number and the reason;
every other row becomes a submitted evaluation through the same arithmetic
as one scored in the app.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from floortui.config.rubric import RubricForm, RubricSettings
from floortui.domain.scoring import Answer, Score, ScoreError, parse_answer, score_form
from floortui.domain.timewindow import TimeError, parse_time

FIXED_COLUMNS = ("call", "form", "reviewer", "submitted_at", "comment")


@dataclass(frozen=True)
class ImportedResult:
    line: int
    callid: str
    form: RubricForm
    reviewer: str
    submitted_at: int
    answers: dict[str, Answer]
    score: Score
    comment: str


@dataclass(frozen=True)
class SetAside:
    line: int
    reason: str


def missing_columns(header: Sequence[str]) -> list[str]:
    """The required columns the header lacks."""
    return [c for c in FIXED_COLUMNS[:4] if c not in header]


def read_row(line: int, row: Mapping[str, str], rubric: RubricSettings, known_calls: Container[str],
             tz: ZoneInfo) -> ImportedResult | SetAside:  # fmt: skip
    """One spreadsheet row as a scored result, or the reason it is set aside."""
    callid = (row.get("call") or "").strip()
    if not callid:
        return SetAside(line, "no call (the caller's uniqueid) in the call column")
    if callid not in known_calls:
        return SetAside(line, f"unknown call {callid!r}: not in the store")
    name = (row.get("form") or "").strip()
    form = rubric.form(name)
    if form is None:
        return SetAside(line, f"unknown form {name!r}: not under rubric.forms")
    reviewer = (row.get("reviewer") or "").strip()
    if not reviewer:
        return SetAside(line, "no reviewer")
    try:
        submitted_at = parse_time(row.get("submitted_at") or "", tz)
    except TimeError as exc:
        return SetAside(line, f"submitted_at: {exc}")
    answers: dict[str, Answer] = {}
    for column, raw in row.items():
        if column in FIXED_COLUMNS or column is None:
            continue
        item = form.item(column)
        if item is None:
            if (raw or "").strip():
                return SetAside(line, f"unknown item {column!r} for the form {form.name!r}")
            continue
        if not (raw or "").strip():
            return SetAside(line, f"{column}: left empty (points, yes/no or na)")
        try:
            answers[column] = parse_answer(item, raw)
        except ScoreError as exc:
            return SetAside(line, str(exc))
    try:
        score = score_form(form, answers, rubric.grades)
    except ScoreError as exc:
        return SetAside(line, str(exc))
    comment = (row.get("comment") or "").strip()
    return ImportedResult(line, callid, form, reviewer, submitted_at, answers, score, comment)
