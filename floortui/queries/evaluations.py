"""What the scoring form, the history and the reports ask of evaluations.

Writes (drafts, submissions, corrections) are people's writes through the
app's `PeopleWriter`, made from a worker thread; the rules
(`floortui.domain.evaluation`) and the arithmetic (`floortui.domain.scoring`)
are applied inside the write's transaction to what the store holds then, so
two reviewers submitting the same call at once cannot both make revision 1.
A refusal raises `EvaluationRefused` or `ScoreError` (one line each) and
nothing is written. Reads happen in one read transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from sqlite_utils import Database

from floortui.config import Config
from floortui.config.rubric import RubricForm
from floortui.config.users import UserSettings
from floortui.domain.evaluation import (
    EvaluationRefused,
    StoredRevision,
    check_revise,
    check_submit,
    revisions_of,
)
from floortui.domain.evaluation_import import SetAside, read_row
from floortui.domain.scoring import Answer, Score, ScoreError, score_form
from floortui.domain.workday import day_bounds
from floortui.store import evaluations as store
from floortui.store.db import read_transaction
from floortui.store.people import PeopleWriter, PersonWrite

__all__ = [
    "EvaluationRefused",
    "ScoreError",
    "draft",
    "form_for_call",
    "history",
    "import_results",
    "recent_averages",
    "report_rows",
    "revise",
    "save_draft",
    "submit",
]

#: The keys of `floortui report evaluations`, a contract (issue 10 §5).
REPORT_KEYS = [
    "call",
    "agent",
    "reviewer",
    "form",
    "total",
    "total_before_critical",
    "grade",
    "critical_failed",
    "revision",
    "sections",
    "items",
]


def user_named(config: Config, name: str) -> UserSettings:
    """The listed user `name`; refused in one line when not listed."""
    for user in config.users:
        if user.name == name:
            return user
    raise EvaluationRefused(f"{name} is not listed under users:, so cannot act on results")


def form_for(config: Config, queue: str | None, member: str | None) -> RubricForm:
    """The form scoring a call of `queue` answered by `member` (their project's campaign)."""
    project = next((a.project for a in config.agents if a.name == member), None)
    form = config.rubric.form_for(queue, project)
    if form is None:
        raise EvaluationRefused(f"no rubric form scores queue {queue!r}: add it to a form's queues")
    return form


def form_for_call(
    db: Database, config: Config, callid: str
) -> tuple[str | None, str | None, RubricForm]:
    """(queue, member, form) of a call in the store; refused when the store has no such call."""
    with read_transaction(db):
        call = store.call_of(db, callid)
    if call is None:
        raise EvaluationRefused(f"no call {callid!r} in the store")
    queue, member = call
    return queue, member, form_for(config, queue, member)


def revision_of(
    score: Score,
    form: RubricForm,
    callid: str,
    queue: str | None,
    member: str | None,
    reviewer: str,
    *,
    comment: str = "",
    item_comments: Mapping[str, str] | None = None,
    pins: Sequence[tuple[int, str]] = (),
    **more,
) -> store.Revision:
    """What a scored form stores: the result, every item and section as scored now."""
    comments = item_comments or {}
    items = [
        (
            item.id,
            section.name,
            score.items.get(item.id),
            item.points_max,
            comments.get(item.id, ""),
        )
        for section, item in form.items()
    ]
    sections = [
        (s.name, s.weight, None if s.score is None else float(s.score), s.grade)
        for s in score.sections
    ]
    return store.Revision(
        callid=callid,
        queue=queue,
        member=member,
        form=form.name,
        reviewer=reviewer,
        total=float(score.total),
        total_before_critical=float(score.total_before_critical),
        grade=score.grade,
        critical_failed=score.critical_failed,
        comment=comment,
        items=items,
        sections=sections,
        pins=tuple(pins),
        **more,
    )


def submit(
    db: Database,
    people: PeopleWriter,
    config: Config,
    user: UserSettings,
    callid: str,
    answers: Mapping[str, Answer],
    *,
    comment: str = "",
    item_comments: Mapping[str, str] | None = None,
    pins: Sequence[tuple[int, str]] = (),
) -> PersonWrite:
    """`user` submits the call's evaluation: every item scored (points, yes/no or N/A)."""
    queue, member, form = form_for_call(db, config, callid)
    score = score_form(form, answers, config.rubric.grades)  # ScoreError before any write

    def plan(rows: list[tuple], now: int) -> store.Revision:
        check_submit(user, member, revisions_of(rows))
        return revision_of(
            score,
            form,
            callid,
            queue,
            member,
            user.name,
            comment=comment,
            item_comments=item_comments,
            pins=pins,
        )

    return store.submit(people, store.SUBMITTED, callid, user.name, plan)


def correction_plan(
    config: Config,
    user: UserSettings,
    evaluation_id: int | None,
    answers: Mapping[str, Answer],
    reason: str,
    source: str = "app",
    comment: str = "",
    item_comments: Mapping[str, str] | None = None,
    pins: Sequence[tuple[int, str]] = (),
) -> store.Plan:
    """The plan of a new revision of `evaluation_id` (a correction, or a dispute's answer;
    None: the evaluation of the call the plan is given, a call having one)."""

    def plan(rows: list[tuple], now: int) -> store.Revision:
        revisions = [r for r in revisions_of(rows)
                     if evaluation_id is None or r.evaluation_id == evaluation_id]  # fmt: skip
        evaluation, number = check_revise(user, revisions, reason)
        first = revisions[0]
        form = config.rubric.form(first.form)
        if form is None:
            raise EvaluationRefused(f"the form {first.form!r} is no longer under rubric.forms")
        score = score_form(form, answers, config.rubric.grades)
        return revision_of(
            score,
            form,
            first.callid,
            first.queue,
            first.member,
            first.reviewer,
            comment=comment,
            item_comments=item_comments,
            pins=pins,
            reason=reason.strip(),
            source=source,
            evaluation_id=evaluation,
            revision=number,
        )

    return plan


def revise(
    db: Database,
    people: PeopleWriter,
    config: Config,
    user: UserSettings,
    evaluation_id: int,
    answers: Mapping[str, Answer],
    reason: str,
    **more,
) -> PersonWrite:
    """A correction: a new revision of the result with `reason`; the old ones stay."""
    with read_transaction(db):
        revisions = store.evaluation_revisions(db, evaluation_id)
    if not revisions:
        raise EvaluationRefused("no such evaluation in the store")
    callid = revisions[0][3]
    plan = correction_plan(config, user, evaluation_id, answers, reason, **more)
    return store.submit(people, store.REVISED, callid, user.name, plan)


def save_draft(
    people: PeopleWriter,
    user: UserSettings,
    callid: str,
    form: str,
    answers: Mapping[str, Answer],
    comments: Mapping | None = None,
) -> PersonWrite:
    """Autosave the form as `user` scores it (nothing is checked: a draft may be half done)."""
    return store.save_draft(people, callid, form, dict(answers), dict(comments or {}), user.name)


def draft(db: Database, callid: str, reviewer: str) -> tuple | None:
    """(form, answers, comments, saved_at) of the reviewer's unsubmitted draft, or None."""
    with read_transaction(db):
        return store.latest_draft(db, callid, reviewer)


def history(db: Database, callid: str) -> list[StoredRevision]:
    """Every revision of the call's evaluation, first to latest, with who, when and why."""
    with read_transaction(db):
        return revisions_of(store.call_revisions(db, callid))


def report_rows(db: Database, start: int | None, end: int | None) -> list[dict]:
    """One object per revision submitted in [start, end) with the report's keys."""
    with read_transaction(db):
        revisions = revisions_of(store.revisions_between(db, start, end))
        ids = [r.id for r in revisions]
        items = store.revision_items(db, ids) if ids else []
        sections = store.revision_sections(db, ids) if ids else []
    points: dict[int, dict] = {}
    for revision_id, item, _section, value, _max, _comment in items:
        points.setdefault(revision_id, {})[item] = value
    scores: dict[int, dict] = {}
    for revision_id, section, _weight, score, _grade in sections:
        scores.setdefault(revision_id, {})[section] = score
    return [
        {
            "call": r.callid,
            "agent": r.member,
            "reviewer": r.reviewer,
            "form": r.form,
            "total": r.total,
            "total_before_critical": r.total_before_critical,
            "grade": r.grade,
            "critical_failed": r.critical_failed,
            "revision": r.revision,
            "sections": scores.get(r.id, {}),
            "items": points.get(r.id, {}),
        }
        for r in revisions
    ]


def recent_averages(db: Database, config: Config, day: dt.date,
                    days: int | None = None) -> dict[str, float]:  # fmt: skip
    """Member → average total (%) of their standing results first submitted in the `days`
    (default `sampling.low_score_days`) before `day`: the sample's low-score boost."""
    start_of_day, _ = day_bounds(day, config.day.tz, config.day.day_start_hour)
    start = start_of_day - (config.sampling.low_score_days if days is None else days) * 86400
    with read_transaction(db):
        rows = store.member_totals(db, start, start_of_day)
    totals: dict[str, list[float]] = {}
    for member, total in rows:
        totals.setdefault(member, []).append(total)
    return {member: sum(values) / len(values) for member, values in totals.items()}


def import_results(db: Database, people: PeopleWriter, config: Config,
                   rows: Iterable[tuple[int, Mapping[str, str]]],
                   by: str) -> tuple[int, list[SetAside]]:  # fmt: skip
    """Import spreadsheet rows (line number, row) as submitted evaluations, each one write by
    `by` keeping the row's reviewer and time; (how many imported, the rows set aside)."""
    rows = list(rows)
    with read_transaction(db):
        calls = store.known_calls(db, [(row.get("call") or "").strip() for _, row in rows])
    imported, aside, seen = 0, [], {}
    for line, row in rows:
        result = read_row(line, row, config.rubric, calls, config.day.tz)
        if isinstance(result, SetAside):
            aside.append(result)
            continue
        if result.callid in seen:
            aside.append(SetAside(line, f"call {result.callid!r} is on line {seen[result.callid]}"
                                        " already: one evaluation a call"))  # fmt: skip
            continue
        queue, member = calls[result.callid]

        def plan(existing: list[tuple], now: int, result=result, queue=queue,
                 member=member) -> store.Revision:  # fmt: skip
            if existing:
                raise EvaluationRefused(
                    f"call {result.callid!r} is evaluated already (by {existing[0][7]})"
                )
            return revision_of(result.score, result.form, result.callid, queue, member,
                               result.reviewer, comment=result.comment, source="import",
                               submitted_by=result.reviewer,
                               submitted_at=result.submitted_at)  # fmt: skip

        try:
            store.submit(people, store.IMPORTED, result.callid, by, plan)
        except EvaluationRefused as exc:
            aside.append(SetAside(line, str(exc)))
            continue
        seen[result.callid] = line
        imported += 1
    return imported, aside
