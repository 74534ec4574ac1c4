"""Who may do what with an evaluation, and what its history says. Pure.

Our rules (issue 10 §4), one by one:

- reviewers and QA leads submit evaluations; nobody scores their own call;
  a call has one evaluation (a second reviewer's view is a calibration);
- a submitted result is never changed in place: a correction is a new
  revision, with a reason, by the reviewer who scored it or a QA lead;
- a team leader (of the member's team, or of every team when they list
  none) or a supervisor records that a result was gone through with the
  member; results not fed back `feedback_days` after submission are listed;
- a supervisor or team leader logs a customer's complaint or praise against
  a call; a reviewer or QA lead judges whether it stands, with a reason;
- a team leader or supervisor disputes a result on the member's behalf
  within `dispute_days` of its submission, with a reason, one open dispute
  at a time; the reviewer who scored it or a QA lead answers with a new
  revision or a rejection, each with a reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from floortui.config.evaluation import EvaluationSettings
from floortui.config.users import UserSettings

SCORERS = ("reviewer", "qa_lead")
QA_LEAD = "qa_lead"
LEADERS = ("team_leader", "supervisor")


class EvaluationRefused(Exception):
    """A change the rules refuse; the message is one line for the person."""


@dataclass(frozen=True)
class StoredRevision:
    """One revision of an evaluation as stored (the store's _REVISIONS row)."""

    id: int
    evaluation_id: int
    revision: int
    callid: str
    queue: str | None
    member: str | None
    form: str
    reviewer: str
    total: float
    total_before_critical: float
    grade: str
    critical_failed: bool
    comment: str
    reason: str | None
    source: str
    submitted_by: str
    submitted_at: int

    @classmethod
    def from_row(cls, row: Sequence) -> StoredRevision:
        values = list(row)
        values[11] = bool(values[11])
        return cls(*values)


def revisions_of(rows: Iterable[Sequence]) -> list[StoredRevision]:
    return [StoredRevision.from_row(row) for row in rows]


def _reason(reason: str | None, what: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise EvaluationRefused(f"{what} needs a reason")
    return text


def check_submit(user: UserSettings, member: str | None,
                 existing: Sequence[StoredRevision]) -> None:  # fmt: skip
    """`user` may submit the first evaluation of a call of `member`, or raise why not."""
    if user.role not in SCORERS:
        raise EvaluationRefused("only reviewers and QA leads submit evaluations")
    if member is not None and member == user.name:
        raise EvaluationRefused("this is one of your own calls: another reviewer scores it")
    if existing:
        first = existing[0]
        raise EvaluationRefused(
            f"already evaluated by {first.reviewer}: correct it with a new revision and a reason"
        )


def check_revise(user: UserSettings, revisions: Sequence[StoredRevision],
                 reason: str | None) -> tuple[int, int]:  # fmt: skip
    """(evaluation_id, next revision number) if `user` may correct the result, else raise."""
    if not revisions:
        raise EvaluationRefused("no such evaluation in the store")
    first = revisions[0]
    if user.role != QA_LEAD and user.name != first.reviewer:
        raise EvaluationRefused(
            f"only {first.reviewer} (who scored it) or a QA lead may correct this result"
        )
    _reason(reason, "a correction")
    return first.evaluation_id, max(r.revision for r in revisions) + 1


def check_feedback(user: UserSettings, member_team: str | None,
                   revisions: Sequence[StoredRevision]) -> None:  # fmt: skip
    """`user` may record going through the result with its member, or raise why not."""
    if not revisions:
        raise EvaluationRefused("no such evaluation in the store")
    if user.role not in LEADERS:
        raise EvaluationRefused("only the member's team leader or a supervisor records feedback")
    if user.role == "team_leader" and user.teams and member_team not in user.teams:
        raise EvaluationRefused(
            f"{revisions[0].member} is not in your teams ({', '.join(user.teams)})"
        )


@dataclass(frozen=True)
class FeedbackDue:
    """A standing result not yet gone through with its member, and how late it is."""

    result: StoredRevision
    #: When revision 1 was submitted: the feedback clock starts then.
    submitted_at: int
    days_waiting: int


def feedback_overdue(latest: Iterable[StoredRevision], first_submitted: dict[int, int],
                     fed_back: Iterable[int], now: int,
                     settings: EvaluationSettings) -> list[FeedbackDue]:  # fmt: skip
    """The standing results not fed back `feedback_days` after submission, oldest first."""
    done = set(fed_back)
    due = []
    for result in latest:
        if result.evaluation_id in done:
            continue
        since = first_submitted.get(result.evaluation_id, result.submitted_at)
        if now - since >= settings.feedback_s:
            due.append(FeedbackDue(result, since, (now - since) // 86400))
    due.sort(key=lambda d: (d.submitted_at, d.result.evaluation_id))
    return due


REMARK_KINDS = ("complaint", "praise")


def check_log_remark(user: UserSettings, kind: str, text: str) -> None:
    if user.role not in LEADERS:
        raise EvaluationRefused("only a supervisor or a team leader logs complaints and praise")
    if kind not in REMARK_KINDS:
        raise EvaluationRefused(f"{kind!r} is not a complaint or praise")
    if not text.strip():
        raise EvaluationRefused(f"a {kind} needs what the customer said")


def check_judge_remark(user: UserSettings, remark: Sequence | None, reason: str) -> None:
    """QA judges a logged remark once; `remark` is the store's row (judged: index 6 set)."""
    if user.role not in SCORERS:
        raise EvaluationRefused("only a reviewer or a QA lead judges a complaint or praise")
    if remark is None:
        raise EvaluationRefused("no such complaint or praise in the store")
    if remark[6] is not None:
        raise EvaluationRefused(f"already judged by {remark[8]}")
    _reason(reason, "a judgement")


def check_dispute(user: UserSettings, revisions: Sequence[StoredRevision],
                  disputes: Sequence[Sequence], reason: str, now: int,
                  settings: EvaluationSettings) -> None:  # fmt: skip
    """`disputes`: the store's rows for the evaluation (answered: index 5 set)."""
    if user.role not in LEADERS:
        raise EvaluationRefused("only a team leader or a supervisor disputes a result")
    if not revisions:
        raise EvaluationRefused("no such evaluation in the store")
    _reason(reason, "a dispute")
    first = revisions[0]
    if now - first.submitted_at > settings.dispute_s:
        raise EvaluationRefused(
            f"too late: a result may be disputed within {settings.dispute_days} days of its"
            " submission"
        )
    if open_dispute(disputes) is not None:
        raise EvaluationRefused("already disputed: the dispute waits for its answer")


def open_dispute(disputes: Iterable[Sequence]) -> Sequence | None:
    """The dispute still waiting for its answer (index 5, the outcome, unset), or None: a
    result has at most one open at a time (check_raise_dispute refuses a second)."""
    return next((d for d in disputes if d[5] is None), None)


def check_answer_dispute(user: UserSettings, dispute: Sequence | None,
                         revisions: Sequence[StoredRevision], reason: str) -> None:  # fmt: skip
    if dispute is None or not revisions:
        raise EvaluationRefused("no such dispute in the store")
    if dispute[5] is not None:
        raise EvaluationRefused(f"already answered by {dispute[8]} ({dispute[5]})")
    first = revisions[0]
    if user.role != QA_LEAD and user.name != first.reviewer:
        raise EvaluationRefused(
            f"only {first.reviewer} (who scored it) or a QA lead answers this dispute"
        )
    _reason(reason, "an answer to a dispute")
