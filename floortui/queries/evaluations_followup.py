"""What follows a result, as the team leader, the supervisor and QA ask for it: feedback
to the member, complaints and praise against a call, disputes and their answers.

People's writes through the app's `PeopleWriter`; the rules
(`floortui.domain.evaluation`) are applied inside each write's transaction.
A refusal raises `EvaluationRefused` (one line) and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlite_utils import Database

from floortui.config import Config
from floortui.config.users import UserSettings
from floortui.domain.evaluation import (
    FeedbackDue,
    check_answer_dispute,
    check_dispute,
    check_feedback,
    check_judge_remark,
    check_log_remark,
    feedback_overdue,
    revisions_of,
)
from floortui.domain.scoring import Answer
from floortui.queries.evaluations import correction_plan
from floortui.store import evaluations as store
from floortui.store import evaluations_followup as followup
from floortui.store.db import read_transaction
from floortui.store.people import PeopleWriter, PersonWrite


def record_feedback(
    people: PeopleWriter,
    config: Config,
    user: UserSettings,
    evaluation_id: int,
    fed_back_on: dt.date,
    note: str,
) -> PersonWrite:
    """`user` went through the result with its member on `fed_back_on`."""
    teams = {a.name: a.team for a in config.agents}

    def check(rows: list[tuple]) -> None:
        revisions = revisions_of(rows)
        member = revisions[0].member if revisions else None
        check_feedback(user, teams.get(member or ""), revisions)

    return followup.record_feedback(
        people, evaluation_id, fed_back_on.isoformat(), note.strip(), user.name, check
    )


def overdue_feedback(db: Database, config: Config, now: int) -> list[FeedbackDue]:
    """Standing results not gone through with the member `evaluation.feedback_days` after
    they were submitted, oldest first."""
    with read_transaction(db):
        latest = revisions_of(store.latest_revisions(db))
        fed = [row[0] for row in followup.feedback(db)]
        first = store.first_submitted(db)
    return feedback_overdue(latest, first, fed, now, config.evaluation)


def log_remark(
    people: PeopleWriter, user: UserSettings, callid: str, kind: str, text: str
) -> PersonWrite:
    """A customer's complaint or praise about the call, logged by a supervisor or team leader."""
    return followup.log_remark(
        people, callid, kind, text.strip(), user.name, lambda: check_log_remark(user, kind, text)
    )


def judge_remark(
    people: PeopleWriter, user: UserSettings, remark_id: int, valid: bool, reason: str
) -> PersonWrite:
    """QA's judgement: does the complaint or praise stand, and why."""
    return followup.judge_remark(
        people,
        remark_id,
        valid,
        reason.strip(),
        user.name,
        lambda remark: check_judge_remark(user, remark, reason),
    )


def remarks(db: Database, callid: str | None = None) -> list[tuple]:
    """(id, callid, kind, text, logged_by, logged_at, valid, reason, judged_by, judged_at)."""
    with read_transaction(db):
        return followup.remarks(db, callid)


def raise_dispute(
    people: PeopleWriter, config: Config, user: UserSettings, evaluation_id: int, reason: str
) -> PersonWrite:
    """A team leader or supervisor disputes the result on the member's behalf."""

    def check(rows: list[tuple], disputes: list[tuple], now: int) -> None:
        check_dispute(user, revisions_of(rows), disputes, reason, now, config.evaluation)

    return followup.raise_dispute(people, evaluation_id, reason.strip(), user.name, check)


def answer_dispute(
    people: PeopleWriter,
    config: Config,
    user: UserSettings,
    dispute_id: int,
    reason: str,
    answers: Mapping[str, Answer] | None = None,
    **more,
) -> PersonWrite:
    """Answer a dispute: with `answers`, a new revision of the result carrying the reason
    (and `more` of correction_plan's: the item comments and pins it keeps); without, a
    rejection with the reason. Both are kept with the dispute."""

    def check(dispute: tuple | None, rows: list[tuple]) -> None:
        check_answer_dispute(user, dispute, revisions_of(rows), reason)

    plan = None
    if answers is not None:  # the dispute's evaluation is the call's, read in the write
        plan = correction_plan(config, user, None, answers, reason, source="dispute", **more)
    return followup.answer_dispute(people, dispute_id, reason.strip(), user.name, check, plan)


def disputes(db: Database, evaluation_id: int | None = None) -> list[tuple]:
    """(id, evaluation_id, reason, raised_by, raised_at, outcome, revision_id, answer_reason,
    answered_by, answered_at), oldest first."""
    with read_transaction(db):
        return followup.disputes(db, evaluation_id)
