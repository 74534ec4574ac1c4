"""The review queue's SQL: claims on sampled calls, their ends and activity, calls reviewed.

Every change is a person's write (`PeopleWriter.write`): the `person_writes`
row and the claim rows commit together, under the importer's write lock and
after the importer's current batch (the writer takes the person's turn).
Inside that one transaction the store reads what the rules need (the
sample, every open claim, whether the call is done) and hands it to a
`decide` callable from above, which applies the rules
(`floortui.domain.review`) and returns a plan; the store writes the plan.
A refused change raises from `decide`, and nothing at all is written. So two
reviewers claiming the same call at once cannot both get it: the second
reads the first's claim.

`samples` is only ever read here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Protocol

from sqlite_utils import Database

from floortui.store.people import PeopleWriter, PersonWrite

CLAIMED = "review.claimed"
RELEASED = "review.released"
LISTENED = "review.listened"
REVIEWED = "review.reviewed"
#: Who a timeout's end is recorded as ended by.
TIMEOUT_BY = "floortui"

#: (claim_id, sample_id, reviewer, claimed_at, last_activity_at, ended_at, why, ended_by)
_CLAIMS = """
    SELECT c.id, c.sample_id, c.reviewer, c.claimed_at,
           max(c.claimed_at, coalesce((SELECT max(a.at) FROM review_activity a
                                       WHERE a.claim_id = c.id), 0)),
           e.ended_at, e.why, e.ended_by
    FROM review_claims c LEFT JOIN review_claim_ends e ON e.claim_id = c.id
"""
_SAMPLE = "SELECT id, day, callid, queue, member, reviewer FROM samples"


class ClaimPlan(Protocol):
    """What one change writes, as decided by the rules (floortui.domain.review.ClaimPlan)."""

    #: (claim_id, ended_at) of open claims that went stale: ended as `timeout`.
    timeouts: Sequence[tuple[int, int]]
    #: Add a claim on the sample for the person writing.
    new_claim: bool
    #: (claim_id, why) of a claim the person ends: `released` or `done`.
    end: tuple[int, str] | None
    #: Record the sample as reviewed (`how`), by the person writing.
    done: str | None
    #: A claim whose holder did something with the call (`touch_what`).
    touch: int | None
    touch_what: str


#: decide(sample, open_claims, done, now) -> plan; raises to refuse the change.
Decide = Callable[[tuple | None, list[tuple], tuple | None, int], ClaimPlan]


def day_samples(db: Database, day: str) -> list[tuple]:
    """(id, callid, queue, member, reason, reviewer, answered_at, talk_s) drawn for `day`."""
    return db.execute(
        "SELECT id, callid, queue, member, reason, reviewer, answered_at, talk_s FROM samples"
        " WHERE day = ? ORDER BY answered_at, callid, queue, member",
        (day,),
    ).fetchall()


def day_claims(db: Database, day: str) -> list[tuple]:
    """Every claim on the day's samples, open or ended, oldest first (see _CLAIMS)."""
    sql = _CLAIMS + " WHERE c.sample_id IN (SELECT id FROM samples WHERE day = ?) ORDER BY c.id"
    return db.execute(sql, (day,)).fetchall()


def open_claims(db: Database | sqlite3.Connection) -> list[tuple]:
    """Every claim not ended yet, on any day (see _CLAIMS): what the limit counts."""
    return db.execute(_CLAIMS + " WHERE e.claim_id IS NULL ORDER BY c.id").fetchall()


#: A sample is done when marked reviewed, or when an evaluation of its call was submitted
#: (revision 1): (sample_id, done_by, done_at, how, write_id), oldest write first.
EVALUATION_SUBMITTED = "evaluation submitted"
_DONE_ANY_WAY = f"""
    SELECT sample_id, done_by, done_at, how, write_id FROM review_done
    UNION ALL
    SELECT s.id, e.submitted_by, e.submitted_at, '{EVALUATION_SUBMITTED}', e.write_id
    FROM samples s JOIN evaluations e ON e.callid = s.callid AND e.revision = 1
"""


def day_done(db: Database, day: str) -> list[tuple]:
    """(sample_id, done_by, done_at, how) of the day's samples done, the first way each was:
    marked reviewed, or an evaluation of its call submitted."""
    sql = (
        f"SELECT sample_id, done_by, done_at, how FROM ({_DONE_ANY_WAY}) WHERE sample_id IN"
        " (SELECT id FROM samples WHERE day = ?) ORDER BY write_id"
    )
    return db.execute(sql, (day,)).fetchall()


def _sample_done(conn: sqlite3.Connection, sample_id: int) -> tuple | None:
    return conn.execute(
        f"SELECT sample_id, done_by, done_at, how FROM ({_DONE_ANY_WAY}) WHERE sample_id = ?"
        " ORDER BY write_id LIMIT 1",
        (sample_id,),
    ).fetchone()


def end_claims_on_call(conn: sqlite3.Connection, callid: str, by: str, write_id: int,
                       at: int) -> None:  # fmt: skip
    """`by`'s open claims on samples of the call end as done (they submitted its evaluation),
    so they no longer count against how many calls `by` may hold."""
    conn.execute(
        "INSERT INTO review_claim_ends (claim_id, write_id, ended_at, why, ended_by)"
        " SELECT c.id, ?, ?, 'done', ? FROM review_claims c JOIN samples s ON s.id = c.sample_id"
        " WHERE s.callid = ? AND c.reviewer = ? AND NOT EXISTS"
        " (SELECT 1 FROM review_claim_ends e WHERE e.claim_id = c.id)",
        (write_id, at, by, callid, by),
    )


def day_calls_with_caller(db: Database, start: int, end: int) -> list[tuple]:
    """(callid, queue, member, caller_number, entered_at, answered_at, talk_s, recorded) of
    the queue entries of [start, end) with a caller number: what a complaint is looked up in."""
    return db.execute(
        "SELECT c.callid, c.queue, c.member, c.caller_number, c.entered_at, c.answered_at,"
        " c.talk_s, EXISTS (SELECT 1 FROM recordings r WHERE r.callid = c.callid"
        " AND r.status = 'ok') FROM calls c WHERE c.entered_at >= ? AND c.entered_at < ?"
        " AND c.caller_number IS NOT NULL ORDER BY c.entered_at, c.id",
        (start, end),
    ).fetchall()


def change(writer: PeopleWriter, kind: str, sample_id: int, by: str,
           decide: Decide) -> PersonWrite:  # fmt: skip
    """Make one claim change (`kind`: claimed, released, listened, reviewed) on `sample_id`
    by `by`, as `decide` plans it from what the store holds at that moment."""

    def rows(conn: sqlite3.Connection, written: PersonWrite) -> None:
        sample = conn.execute(_SAMPLE + " WHERE id = ?", (sample_id,)).fetchone()
        done = _sample_done(conn, sample_id)
        plan = decide(sample, open_claims(conn), done, written.written_at)
        _write(conn, written, sample_id, by, plan)

    return writer.write(kind, str(sample_id), {"sample_id": sample_id}, by, rows=rows)


def _write(conn: sqlite3.Connection, written: PersonWrite, sample_id: int, by: str,
           plan: ClaimPlan) -> None:  # fmt: skip
    for claim_id, ended_at in plan.timeouts:
        conn.execute(
            "INSERT INTO review_claim_ends (claim_id, write_id, ended_at, why, ended_by)"
            " VALUES (?,?,?,?,?)",
            (claim_id, written.id, ended_at, "timeout", TIMEOUT_BY),
        )
    if plan.end is not None:
        claim_id, why = plan.end
        conn.execute(
            "INSERT INTO review_claim_ends (claim_id, write_id, ended_at, why, ended_by)"
            " VALUES (?,?,?,?,?)",
            (claim_id, written.id, written.written_at, why, by),
        )
    if plan.done is not None:
        conn.execute(
            "INSERT INTO review_done (write_id, sample_id, done_at, done_by, how)"
            " VALUES (?,?,?,?,?)",
            (written.id, sample_id, written.written_at, by, plan.done),
        )
    if plan.new_claim:
        conn.execute(
            "INSERT INTO review_claims (write_id, sample_id, reviewer, claimed_at)"
            " VALUES (?,?,?,?)",
            (written.id, sample_id, by, written.written_at),
        )
    if plan.touch is not None:
        conn.execute(
            "INSERT INTO review_activity (write_id, claim_id, at, what) VALUES (?,?,?,?)",
            (written.id, plan.touch, written.written_at, plan.touch_what),
        )
