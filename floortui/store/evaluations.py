"""Evaluations' SQL: drafts, submitted results and their revisions, read back for reports.

Every write is a person's write (`PeopleWriter.write`: who and when in
`person_writes`, under the importer's write lock, after its current batch).
Inside that one transaction the store reads what the rules need (the call's
revisions so far) and hands it to a `plan` callable from above
(`floortui.queries.evaluations`), which applies the rules and the scoring
arithmetic and returns the `Revision` to store, or raises to refuse: then
nothing at all is written. Nothing here updates or deletes; the tables'
triggers would refuse it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlite_utils import Database

from floortui.store.claims import end_claims_on_call
from floortui.store.people import PeopleWriter, PersonWrite

DRAFT_SAVED = "evaluation.draft_saved"
SUBMITTED = "evaluation.submitted"
REVISED = "evaluation.revised"
IMPORTED = "evaluation.imported"

#: (id, evaluation_id, revision, callid, queue, member, form, reviewer, total,
#:  total_before_critical, grade, critical_failed, comment, reason, source, submitted_by,
#:  submitted_at)
_REVISIONS = """
    SELECT id, evaluation_id, revision, callid, queue, member, form, reviewer, total,
           total_before_critical, grade, critical_failed, comment, reason, source,
           submitted_by, submitted_at
    FROM evaluations
"""


@dataclass(frozen=True)
class Revision:
    """One revision to store, as the rules and the arithmetic made it."""

    callid: str
    queue: str | None
    member: str | None
    form: str
    reviewer: str
    total: float
    total_before_critical: float
    grade: str
    critical_failed: bool
    source: str = "app"
    comment: str = ""
    reason: str | None = None
    #: The evaluation it corrects (None: a new evaluation, revision 1).
    evaluation_id: int | None = None
    revision: int = 1
    #: (item, section, points or None for N/A, max, comment)
    items: Sequence[tuple[str, str, int | None, int, str]] = ()
    #: (section, weight, score or None, grade or None)
    sections: Sequence[tuple[str, int, float | None, str | None]] = ()
    #: (milliseconds into the call, comment)
    pins: Sequence[tuple[int, str]] = field(default_factory=tuple)
    #: An imported result keeps the spreadsheet's reviewer and time (the write itself still
    #: records who imported it and when); None: the person writing, now.
    submitted_by: str | None = None
    submitted_at: int | None = None


#: plan(the call's revisions so far as rows (see _REVISIONS), now) -> Revision; raises to refuse.
Plan = Callable[[list[tuple], int], Revision]


def call_revisions(db: Database | sqlite3.Connection, callid: str) -> list[tuple]:
    """Every revision of every evaluation of the call, oldest first (see _REVISIONS)."""
    return db.execute(_REVISIONS + " WHERE callid = ? ORDER BY id", (callid,)).fetchall()


def evaluation_revisions(db: Database | sqlite3.Connection, evaluation_id: int) -> list[tuple]:
    """The revisions of one evaluation, first to latest (see _REVISIONS)."""
    return db.execute(
        _REVISIONS + " WHERE evaluation_id = ? ORDER BY revision", (evaluation_id,)
    ).fetchall()


def revisions_between(db: Database, start: int | None, end: int | None) -> list[tuple]:
    """Every revision submitted in [start, end), oldest first (see _REVISIONS)."""
    return db.execute(
        _REVISIONS + " WHERE submitted_at >= coalesce(?, submitted_at)"
        " AND submitted_at < coalesce(?, submitted_at + 1) ORDER BY submitted_at, id",
        (start, end),
    ).fetchall()


def latest_revisions(db: Database | sqlite3.Connection) -> list[tuple]:
    """The latest revision of every evaluation (see _REVISIONS): the results that stand."""
    return db.execute(
        _REVISIONS + " WHERE id IN (SELECT max(id) FROM evaluations GROUP BY evaluation_id)"
        " ORDER BY submitted_at, id"
    ).fetchall()


def first_submitted(db: Database | sqlite3.Connection) -> dict[int, int]:
    """evaluation_id → when its revision 1 was submitted (the feedback and dispute clocks)."""
    rows = db.execute("SELECT evaluation_id, submitted_at FROM evaluations WHERE revision = 1")
    return dict(rows.fetchall())


def member_totals(db: Database, start: int, end: int) -> list[tuple[str, float]]:
    """(member, total) of the standing result of each evaluation first submitted in
    [start, end): what a member's recent QA average is made of."""
    return db.execute(
        "SELECT e.member, e.total FROM evaluations e"
        " WHERE e.id IN (SELECT max(id) FROM evaluations GROUP BY evaluation_id)"
        " AND e.member IS NOT NULL AND e.evaluation_id IN (SELECT id FROM evaluations"
        " WHERE revision = 1 AND submitted_at >= ? AND submitted_at < ?)",
        (start, end),
    ).fetchall()


def revision_items(db: Database, revision_ids: Sequence[int]) -> list[tuple]:
    """(revision_id, item, section, points, max, comment) of the revisions, in form order."""
    marks = ",".join("?" * len(revision_ids))
    return db.execute(
        f"SELECT revision_id, item, section, points, max, comment FROM evaluation_items"
        f" WHERE revision_id IN ({marks}) ORDER BY revision_id, rowid",
        tuple(revision_ids),
    ).fetchall()


def revision_sections(db: Database, revision_ids: Sequence[int]) -> list[tuple]:
    """(revision_id, section, weight, score, grade) of the revisions, in form order."""
    marks = ",".join("?" * len(revision_ids))
    return db.execute(
        f"SELECT revision_id, section, weight, score, grade FROM evaluation_sections"
        f" WHERE revision_id IN ({marks}) ORDER BY revision_id, rowid",
        tuple(revision_ids),
    ).fetchall()


def revision_pins(db: Database, revision_id: int) -> list[tuple[int, str]]:
    """(ms into the call, text) of the comments pinned to the playhead, in call order."""
    return db.execute(
        "SELECT at_ms, text FROM evaluation_pins WHERE revision_id = ? ORDER BY at_ms, rowid",
        (revision_id,),
    ).fetchall()


def call_of(db: Database | sqlite3.Connection, callid: str) -> tuple | None:
    """(queue, member) of the call's answered queue entry (the first), or None if unknown."""
    row = db.execute(
        "SELECT queue, member FROM calls WHERE callid = ?"
        " ORDER BY answered_at IS NULL, answered_at, id LIMIT 1",
        (callid,),
    ).fetchone()
    return tuple(row) if row else None


def known_calls(db: Database, callids: Sequence[str]) -> dict[str, tuple]:
    """callid → (queue, member) for those of `callids` the store holds (an import's check)."""
    found: dict[str, tuple] = {}
    for callid in dict.fromkeys(callids):
        row = call_of(db, callid)
        if row is not None:
            found[callid] = row
    return found


def submit(writer: PeopleWriter, kind: str, callid: str, by: str, plan: Plan) -> PersonWrite:
    """Store the revision `plan` makes of what the call has so far (submit, revise, import)."""
    stored: list[int] = []

    def rows(conn: sqlite3.Connection, written: PersonWrite) -> None:
        revision = plan(call_revisions(conn, callid), written.written_at)
        stored.append(insert_revision(conn, written, revision))
        end_claims_on_call(conn, callid, by, written.id, written.written_at)

    payload = {"callid": callid}
    written = writer.write(kind, callid, payload, by, rows=rows)
    return PersonWrite(written.id, written.kind, written.subject,
                       {**written.payload, "revision_id": stored[0]}, written.written_by,
                       written.written_at)  # fmt: skip


def insert_revision(conn: sqlite3.Connection, written: PersonWrite, r: Revision) -> int:
    """Add one revision with its items, sections and pins; its id."""
    new_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM evaluations").fetchone()[0]
    evaluation_id = r.evaluation_id if r.evaluation_id is not None else new_id
    conn.execute(
        "INSERT INTO evaluations (id, write_id, evaluation_id, revision, callid, queue, member,"
        " form, reviewer, total, total_before_critical, grade, critical_failed, comment,"
        " reason, source, submitted_by, submitted_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (new_id, written.id, evaluation_id, r.revision, r.callid, r.queue, r.member, r.form,
         r.reviewer, r.total, r.total_before_critical, r.grade, int(r.critical_failed),
         r.comment, r.reason, r.source, r.submitted_by or written.written_by,
         written.written_at if r.submitted_at is None else r.submitted_at),
    )  # fmt: skip
    conn.executemany(
        "INSERT INTO evaluation_items (revision_id, item, section, points, max, comment)"
        " VALUES (?,?,?,?,?,?)",
        [(new_id, *item) for item in r.items],
    )
    conn.executemany(
        "INSERT INTO evaluation_sections (revision_id, section, weight, score, grade)"
        " VALUES (?,?,?,?,?)",
        [(new_id, *section) for section in r.sections],
    )
    conn.executemany(
        "INSERT INTO evaluation_pins (revision_id, at_ms, text) VALUES (?,?,?)",
        [(new_id, at_ms, text) for at_ms, text in r.pins],
    )
    return new_id


# -- drafts --------------------------------------------------------------------------------


def save_draft(writer: PeopleWriter, callid: str, form: str, answers: dict, comments: dict,
               by: str) -> PersonWrite:  # fmt: skip
    """Autosave `by`'s form on the call: a new row each time, the latest is the draft."""
    answers_text = json.dumps(answers, ensure_ascii=False, sort_keys=True)
    comments_text = json.dumps(comments, ensure_ascii=False, sort_keys=True)

    def rows(conn: sqlite3.Connection, written: PersonWrite) -> None:
        conn.execute(
            "INSERT INTO evaluation_drafts (write_id, callid, form, reviewer, answers, comments,"
            " saved_at) VALUES (?,?,?,?,?,?,?)",
            (written.id, callid, form, by, answers_text, comments_text, written.written_at),
        )

    return writer.write(DRAFT_SAVED, callid, {"form": form}, by, rows=rows)


def latest_draft(db: Database, callid: str, reviewer: str) -> tuple | None:
    """(form, answers, comments, saved_at) of the reviewer's draft on the call, unless they
    submitted (or revised) the call after saving it."""
    row = db.execute(
        "SELECT form, answers, comments, saved_at FROM evaluation_drafts d"
        " WHERE callid = ? AND reviewer = ? AND write_id > coalesce((SELECT max(write_id)"
        " FROM evaluations e WHERE e.callid = d.callid AND e.submitted_by = d.reviewer), 0)"
        " ORDER BY id DESC LIMIT 1",
        (callid, reviewer),
    ).fetchone()
    if row is None:
        return None
    return row[0], json.loads(row[1]), json.loads(row[2]), row[3]
