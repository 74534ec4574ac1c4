"""What follows a result, in SQL: feedback to the member, complaints and praise, disputes.

Each is a person's write (`PeopleWriter.write`, who and when). As for
evaluations, the rules are applied inside the write's transaction to what
the store holds at that moment, by a `check` callable from above that raises
to refuse (then nothing is written). Rows are only ever added.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from sqlite_utils import Database

from floortui.store.evaluations import (
    Plan,
    call_revisions,
    evaluation_revisions,
    insert_revision,
)
from floortui.store.people import PeopleWriter, PersonWrite

FED_BACK = "evaluation.fed_back"
REMARK_LOGGED = "call.remark_logged"
REMARK_JUDGED = "call.remark_judged"
DISPUTED = "evaluation.disputed"
DISPUTE_ANSWERED = "evaluation.dispute_answered"

#: (id, evaluation_id, reason, raised_by, raised_at, outcome, revision_id, answer_reason,
#:  answered_by, answered_at)
_DISPUTES = """
    SELECT d.id, d.evaluation_id, d.reason, d.raised_by, d.raised_at, a.outcome,
           a.revision_id, a.reason, a.answered_by, a.answered_at
    FROM evaluation_disputes d LEFT JOIN dispute_answers a ON a.dispute_id = d.id
"""
#: (id, callid, kind, text, logged_by, logged_at, valid, reason, judged_by, judged_at)
_REMARKS = """
    SELECT r.id, r.callid, r.kind, r.text, r.logged_by, r.logged_at, j.valid, j.reason,
           j.judged_by, j.judged_at
    FROM call_remarks r LEFT JOIN remark_judgements j ON j.remark_id = r.id
"""


def feedback(db: Database | sqlite3.Connection, evaluation_id: int | None = None) -> list[tuple]:
    """(evaluation_id, fed_back_on, note, recorded_by, recorded_at) of every feedback (of one
    evaluation, or all), oldest first."""
    sql = (
        "SELECT evaluation_id, fed_back_on, note, recorded_by, recorded_at FROM evaluation_feedback"
    )
    if evaluation_id is None:
        return db.execute(sql + " ORDER BY id").fetchall()
    return db.execute(sql + " WHERE evaluation_id = ? ORDER BY id", (evaluation_id,)).fetchall()


def record_feedback(writer: PeopleWriter, evaluation_id: int, fed_back_on: str, note: str,
                    by: str, check: Callable[[list[tuple]], None]) -> PersonWrite:  # fmt: skip
    """`by` went through the result with the member on `fed_back_on` (a date)."""

    def rows(conn: sqlite3.Connection, written: PersonWrite) -> None:
        check(evaluation_revisions(conn, evaluation_id))
        conn.execute(
            "INSERT INTO evaluation_feedback (write_id, evaluation_id, fed_back_on, note,"
            " recorded_by, recorded_at) VALUES (?,?,?,?,?,?)",
            (written.id, evaluation_id, fed_back_on, note, by, written.written_at),
        )

    payload = {"evaluation_id": evaluation_id, "fed_back_on": fed_back_on}
    return writer.write(FED_BACK, str(evaluation_id), payload, by, rows=rows)


# -- complaints and praise -----------------------------------------------------------------


def remarks(db: Database | sqlite3.Connection, callid: str | None = None) -> list[tuple]:
    """Complaints and praise (of one call, or all), oldest first (see _REMARKS)."""
    if callid is None:
        return db.execute(_REMARKS + " ORDER BY r.id").fetchall()
    return db.execute(_REMARKS + " WHERE r.callid = ? ORDER BY r.id", (callid,)).fetchall()


def log_remark(writer: PeopleWriter, callid: str, kind: str, text: str, by: str,
               check: Callable[[], None]) -> PersonWrite:  # fmt: skip
    """A customer's complaint or praise about the call, as `by` took it."""

    def rows(conn: sqlite3.Connection, written: PersonWrite) -> None:
        check()
        conn.execute(
            "INSERT INTO call_remarks (write_id, callid, kind, text, logged_by, logged_at)"
            " VALUES (?,?,?,?,?,?)",
            (written.id, callid, kind, text, by, written.written_at),
        )

    return writer.write(REMARK_LOGGED, callid, {"kind": kind}, by, rows=rows)


def judge_remark(writer: PeopleWriter, remark_id: int, valid: bool, reason: str, by: str,
                 check: Callable[[tuple | None], None]) -> PersonWrite:  # fmt: skip
    """QA's judgement whether the complaint or praise stands, with the reason."""

    def rows(conn: sqlite3.Connection, written: PersonWrite) -> None:
        check(conn.execute(_REMARKS + " WHERE r.id = ?", (remark_id,)).fetchone())
        conn.execute(
            "INSERT INTO remark_judgements (remark_id, write_id, valid, reason, judged_by,"
            " judged_at) VALUES (?,?,?,?,?,?)",
            (remark_id, written.id, int(valid), reason, by, written.written_at),
        )

    payload = {"remark_id": remark_id, "valid": valid}
    return writer.write(REMARK_JUDGED, str(remark_id), payload, by, rows=rows)


# -- disputes ------------------------------------------------------------------------------


def disputes(db: Database | sqlite3.Connection, evaluation_id: int | None = None) -> list[tuple]:
    """Disputes with their answers, oldest first (see _DISPUTES)."""
    if evaluation_id is None:
        return db.execute(_DISPUTES + " ORDER BY d.id").fetchall()
    return db.execute(
        _DISPUTES + " WHERE d.evaluation_id = ? ORDER BY d.id", (evaluation_id,)
    ).fetchall()


#: check(revisions, disputes so far, now): raises to refuse.
DisputeCheck = Callable[[list[tuple], list[tuple], int], None]


def raise_dispute(writer: PeopleWriter, evaluation_id: int, reason: str, by: str,
                  check: DisputeCheck) -> PersonWrite:  # fmt: skip
    """`by` disputes the result on the member's behalf; `check(revisions, disputes, now)`."""

    def rows(conn: sqlite3.Connection, written: PersonWrite) -> None:
        check(evaluation_revisions(conn, evaluation_id), disputes(conn, evaluation_id),
              written.written_at)  # fmt: skip
        conn.execute(
            "INSERT INTO evaluation_disputes (write_id, evaluation_id, reason, raised_by,"
            " raised_at) VALUES (?,?,?,?,?)",
            (written.id, evaluation_id, reason, by, written.written_at),
        )

    return writer.write(DISPUTED, str(evaluation_id), {"evaluation_id": evaluation_id}, by,
                        rows=rows)  # fmt: skip


def answer_dispute(writer: PeopleWriter, dispute_id: int, reason: str, by: str,
                   check: Callable[[tuple | None, list[tuple]], None],
                   plan: Plan | None = None, callid: str | None = None) -> PersonWrite:  # fmt: skip
    """Answer a dispute: with `plan`, a new revision of the result (outcome `revised`);
    without, a rejection. `check(dispute, revisions)` refuses by raising."""

    def rows(conn: sqlite3.Connection, written: PersonWrite) -> None:
        dispute = conn.execute(_DISPUTES + " WHERE d.id = ?", (dispute_id,)).fetchone()
        revisions = evaluation_revisions(conn, dispute[1]) if dispute else []
        check(dispute, revisions)
        revision_id = None
        if plan is not None:
            revision = plan(call_revisions(conn, revisions[0][3]), written.written_at)
            revision_id = insert_revision(conn, written, revision)
        conn.execute(
            "INSERT INTO dispute_answers (dispute_id, write_id, outcome, revision_id, reason,"
            " answered_by, answered_at) VALUES (?,?,?,?,?,?,?)",
            (dispute_id, written.id, "revised" if plan else "rejected", revision_id, reason,
             by, written.written_at),
        )  # fmt: skip

    payload = {"dispute_id": dispute_id, "outcome": "revised" if plan else "rejected"}
    return writer.write(DISPUTE_ANSWERED, callid or str(dispute_id), payload, by, rows=rows)
