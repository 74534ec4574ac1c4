"""What the Results screen reads: the standing results with what followed each, and one
result's history. Reads only, each in one read transaction (a list and its counts agree
while people write)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from floortui.config import Config
from floortui.domain.evaluation import (
    StoredRevision,
    feedback_overdue,
    open_dispute,
    revisions_of,
)
from floortui.store import evaluations as store
from floortui.store import evaluations_followup as followup
from floortui.store.db import read_transaction


@dataclass(frozen=True)
class ResultRow:
    """One standing result (the latest revision of an evaluation) and what followed it."""

    result: StoredRevision
    #: When revision 1 was submitted: the feedback and dispute clocks start then.
    first_submitted_at: int
    #: (fed_back_on, note, recorded_by, recorded_at) of the latest feedback, or None.
    fed_back: tuple | None
    #: Days waiting for feedback past `evaluation.feedback_days`; None: not overdue.
    overdue_days: int | None
    #: The evaluation's disputes (see queries.evaluations_followup.disputes), oldest first.
    disputes: tuple[tuple, ...]
    #: How many complaints or praise the call has, and how many wait for QA's judgement.
    remarks: int
    unjudged: int

    @property
    def open_dispute(self) -> tuple | None:
        return open_dispute(self.disputes)


@dataclass(frozen=True)
class Results:
    """The standing results, newest first, and how many wait for feedback too long."""

    rows: list[ResultRow]
    overdue: int
    feedback_days: int


@dataclass(frozen=True)
class ResultHistory:
    """Everything kept about one evaluation: every revision, disputes, remarks, feedback."""

    revisions: list[StoredRevision]
    #: (id, evaluation_id, reason, raised_by, raised_at, outcome, revision_id, answer_reason,
    #:  answered_by, answered_at), oldest first
    disputes: list[tuple]
    #: (id, callid, kind, text, logged_by, logged_at, valid, reason, judged_by, judged_at)
    remarks: list[tuple]
    #: (fed_back_on, note, recorded_by, recorded_at), oldest first
    feedback: list[tuple]

    @property
    def open_dispute(self) -> tuple | None:
        return open_dispute(self.disputes)

    @property
    def next_remark(self) -> tuple | None:
        """The oldest complaint or praise QA has not judged yet."""
        return next((r for r in self.remarks if r[6] is None), None)

    def remark_to_judge(self, chosen: int | None) -> tuple | None:
        """The remark `chosen` (its id) while it waits for a judgement, else the oldest waiting."""
        waiting = [r for r in self.remarks if r[6] is None]
        return next((r for r in waiting if r[0] == chosen), waiting[0] if waiting else None)

    def remark_after(self, chosen: int | None) -> int | None:
        """The id of the waiting remark after `chosen` (round to the first): `w` on the screen."""
        waiting = [r[0] for r in self.remarks if r[6] is None]
        if not waiting:
            return None
        current = self.remark_to_judge(chosen)
        at = waiting.index(current[0]) if current is not None else -1
        return waiting[(at + 1) % len(waiting)]


#: What the Results list can be narrowed to, by the day a result was first scored (the
#: centre's timezone): a trainer's "this month's scores".
PERIODS = ("all", "today", "this week", "this month")


def scored_in(rows: Iterable[ResultRow], period: str, now: int, tz: ZoneInfo) -> list[ResultRow]:
    """The rows first scored in `period` (see PERIODS) up to `now`; a week starts on Monday."""
    if period == "all":
        return list(rows)
    today = dt.datetime.fromtimestamp(now, tz).date()
    first_day = {"today": today, "this week": today - dt.timedelta(days=today.weekday()),
                 "this month": today.replace(day=1)}[period]  # fmt: skip
    start = int(dt.datetime.combine(first_day, dt.time(), tz).timestamp())
    return [row for row in rows if row.first_submitted_at >= start]


def mentioning(rows: Iterable[ResultRow], words: str,
               teams: Mapping[str, str]) -> list[ResultRow]:  # fmt: skip
    """The rows whose call, member, the member's team, reviewer, queue, form or grade hold
    every one of `words` (any case); empty words keep every row."""
    wanted = words.casefold().split()
    kept = []
    for row in rows:
        r = row.result
        said = " ".join(str(part) for part in (r.callid, r.member, teams.get(r.member or ""),
                        r.reviewer, r.queue, r.form, r.grade) if part).casefold()  # fmt: skip
        if all(word in said for word in wanted):
            kept.append(row)
    return kept


def results(db: Database, config: Config, now: int) -> Results:
    """Every standing result, newest first, with its feedback, disputes and remarks; `now`
    (the wall clock people's writes are stamped with) dates the overdue feedback."""
    with read_transaction(db):
        latest = revisions_of(store.latest_revisions(db))
        first = store.first_submitted(db)
        feedback = followup.feedback(db)
        disputes = followup.disputes(db)
        remarks = followup.remarks(db)
    fed: dict[int, tuple] = {row[0]: tuple(row[1:]) for row in feedback}  # latest wins
    due = {d.result.evaluation_id: d.days_waiting
           for d in feedback_overdue(latest, first, fed, now, config.evaluation)}  # fmt: skip
    by_evaluation: dict[int, list[tuple]] = {}
    for dispute in disputes:
        by_evaluation.setdefault(dispute[1], []).append(tuple(dispute))
    counts: dict[str, list[int]] = {}
    for remark in remarks:
        count = counts.setdefault(remark[1], [0, 0])
        count[0] += 1
        count[1] += remark[6] is None
    rows = [
        ResultRow(
            result=r,
            first_submitted_at=first.get(r.evaluation_id, r.submitted_at),
            fed_back=fed.get(r.evaluation_id),
            overdue_days=due.get(r.evaluation_id),
            disputes=tuple(by_evaluation.get(r.evaluation_id, ())),
            remarks=counts.get(r.callid, [0, 0])[0],
            unjudged=counts.get(r.callid, [0, 0])[1],
        )
        for r in reversed(latest)
    ]
    return Results(rows, len(due), config.evaluation.feedback_days)


def result_history(db: Database, evaluation_id: int) -> ResultHistory:
    """One evaluation's revisions (first to latest), disputes, its call's remarks, feedback."""
    with read_transaction(db):
        revisions = revisions_of(store.evaluation_revisions(db, evaluation_id))
        disputes = [tuple(d) for d in followup.disputes(db, evaluation_id)]
        callid = revisions[0].callid if revisions else None
        remarks = [tuple(r) for r in followup.remarks(db, callid)] if callid else []
        feedback = [tuple(row[1:]) for row in followup.feedback(db, evaluation_id)]
    return ResultHistory(revisions, disputes, remarks, feedback)
