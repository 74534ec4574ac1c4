"""The Results screen's pieces: the standing results table and one result's history in words.

Rows are keyed by the evaluation, so a read after feedback or a dispute keeps the
cursor on the same result and rewrites only the cells whose words changed. The
rows are the queries' `ResultRow`s (read by attribute: widgets do not import queries).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from rich.text import Text

from floortui.widgets.review_table import KeyedTable

RESULT_COLUMNS = (
    ("submitted", "submitted"), ("call", "call"), ("member", "member"),
    ("reviewer", "reviewer"), ("form", "form"), ("total", "total"), ("grade", "grade"),
    ("critical", "critical"), ("revision", "rev"), ("fed_back", "fed back"),
    ("dispute", "dispute"), ("remarks", "remarks"),
)  # fmt: skip


def _when(epoch: int | None, tz: ZoneInfo, fmt: str = "%d %b %H:%M") -> str:
    return dt.datetime.fromtimestamp(epoch, tz).strftime(fmt) if epoch is not None else ""


def fed_back_text(row) -> Text:
    """`20 Nov · Tom Reyes`, `overdue 8 d`, or `no`."""
    if row.fed_back is not None:
        on, _note, by, _at = row.fed_back
        day = dt.date.fromisoformat(on).strftime("%d %b")
        return Text(f"{day} · {by}")
    if row.overdue_days is not None:
        return Text(f"overdue {row.overdue_days} d", "bold red")
    return Text("no", "dim")


def dispute_text(row) -> str:
    if not row.disputes:
        return ""
    last = row.disputes[-1]
    return "open" if last[5] is None else str(last[5])


def result_cells(row, tz: ZoneInfo) -> tuple:
    r = row.result
    return (
        _when(r.submitted_at, tz), r.callid, r.member or "", r.reviewer, r.form,
        f"{r.total:.1f}", r.grade, Text("failed", "bold red") if r.critical_failed else "",
        str(r.revision), fed_back_text(row), dispute_text(row),
        f"{row.remarks} ({row.unjudged} to judge)" if row.unjudged else str(row.remarks or ""),
    )  # fmt: skip


class ResultsTable(KeyedTable):
    """The standing results, newest first."""

    def __init__(self, tz: ZoneInfo, **kwargs) -> None:
        super().__init__(RESULT_COLUMNS, **kwargs)
        self._tz = tz

    def show(self, rows: Sequence) -> None:
        self.show_rows(rows, lambda row: row.result.evaluation_id,
                       lambda row: result_cells(row, self._tz))  # fmt: skip


def history_text(history, tz: ZoneInfo, feedback_days: int, chosen: int | None = None) -> Text:
    """Every revision with who, when and why; the disputes with their answers; the call's
    complaints and praise with QA's judgement (▸ marks `chosen`, the remark v / x judge,
    else the oldest waiting); the feedback to the member."""
    text = Text()
    first = history.revisions[0]
    text.append(f"{first.callid} · {first.member or 'no member'} · {first.form}\n", "bold")
    text.append("\nRevisions\n", "bold underline")
    for r in history.revisions:
        fail = " · critical failed" if r.critical_failed else ""
        text.append(f"  {r.revision}. {r.total:.1f} {r.grade}{fail} · by {r.submitted_by}"
                    f" ({r.reviewer} scored it) · {_when(r.submitted_at, tz)}")  # fmt: skip
        if r.source != "app":
            text.append(f" · {r.source}")
        text.append(f"\n     reason: {r.reason}\n" if r.reason else "\n")
    text.append("\nDisputes\n", "bold underline")
    if not history.disputes:
        text.append("  none\n", "dim")
    for d in history.disputes:
        _id, _ev, reason, by, at, outcome, _rev, answer, answered_by, answered_at = d
        text.append(f"  {by} · {_when(at, tz)}: {reason}\n")
        if outcome is None:
            text.append("     open: a answers by rejecting it with a reason; a new revision"
                        " answers it by correcting while listening (Enter)\n", "bold")  # fmt: skip
        else:
            text.append(f"     {outcome} by {answered_by} · {_when(answered_at, tz)}: {answer}\n")
    text.append("\nComplaints and praise\n", "bold underline")
    if not history.remarks:
        text.append("  none\n", "dim")
    waiting = history.remark_to_judge(chosen)
    for m in history.remarks:
        _id, _call, kind, said, by, at, valid, reason, judged_by, judged_at = m
        mark = "▸ " if waiting is not None and m[0] == waiting[0] else "  "
        text.append(f"{mark}{kind} · {by} · {_when(at, tz)}: {said}\n")
        if valid is None:
            text.append("     not judged yet" + (": v stands, x does not" if mark != "  " else "")
                        + "\n", "bold" if mark != "  " else "dim")  # fmt: skip
        else:
            verdict = "stands" if valid else "does not stand"
            text.append(f"     {verdict} ({judged_by} · {_when(judged_at, tz)}): {reason}\n")
    text.append("\nFeedback to the member\n", "bold underline")
    if not history.feedback:
        text.append(f"  not yet (due within {feedback_days} days of the first submission)\n",
                    "dim")  # fmt: skip
    for on, note, by, at in history.feedback:
        text.append(f"  {on} with {by} (recorded {_when(at, tz)}): {note}\n")
    return text
