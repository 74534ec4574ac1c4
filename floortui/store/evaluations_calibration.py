"""Calibration sessions' SQL: a call given to several reviewers, and each one's blind score.

People's writes (`PeopleWriter.write`), rows only added; the rules
(`floortui.domain.calibration`) are applied inside the write's transaction
by a `check` callable from above, which raises to refuse.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence

from sqlite_utils import Database

from floortui.store.people import PeopleWriter, PersonWrite

STARTED = "calibration.started"
SCORED = "calibration.scored"

_SESSION = "SELECT id, callid, form, band_points, started_by, started_at FROM calibration_sessions"


def session(db: Database | sqlite3.Connection, session_id: int) -> tuple | None:
    """(id, callid, form, band_points, started_by, started_at), or None."""
    return db.execute(_SESSION + " WHERE id = ?", (session_id,)).fetchone()


def sessions(db: Database) -> list[tuple]:
    """Every session (see `session`), newest first."""
    return db.execute(_SESSION + " ORDER BY id DESC").fetchall()


def session_reviewers(db: Database | sqlite3.Connection, session_id: int) -> list[str]:
    return [
        row[0]
        for row in db.execute(
            "SELECT reviewer FROM calibration_reviewers WHERE session_id = ? ORDER BY rowid",
            (session_id,),
        )
    ]


def session_scores(db: Database | sqlite3.Connection, session_id: int) -> list[tuple]:
    """(reviewer, answers, total, total_before_critical, submitted_at), in scoring order."""
    return [
        (row[0], json.loads(row[1]), row[2], row[3], row[4])
        for row in db.execute(
            "SELECT reviewer, answers, total, total_before_critical, submitted_at"
            " FROM calibration_scores WHERE session_id = ? ORDER BY id",
            (session_id,),
        )
    ]


def start(writer: PeopleWriter, callid: str, form: str, reviewers: Sequence[str],
          band_points: float, by: str) -> PersonWrite:  # fmt: skip
    """The session, given to `reviewers`; the written payload holds its id."""
    made: list[int] = []

    def rows(conn: sqlite3.Connection, written: PersonWrite) -> None:
        cursor = conn.execute(
            "INSERT INTO calibration_sessions (write_id, callid, form, band_points, started_by,"
            " started_at) VALUES (?,?,?,?,?,?)",
            (written.id, callid, form, band_points, by, written.written_at),
        )
        made.append(cursor.lastrowid)
        conn.executemany(
            "INSERT INTO calibration_reviewers (session_id, reviewer) VALUES (?,?)",
            [(cursor.lastrowid, r) for r in dict.fromkeys(reviewers)],
        )

    payload = {"form": form, "reviewers": list(reviewers)}
    written = writer.write(STARTED, callid, payload, by, rows=rows)
    return PersonWrite(written.id, written.kind, written.subject,
                       {**written.payload, "session_id": made[0]}, written.written_by,
                       written.written_at)  # fmt: skip


#: check(session, reviewers, already scored): raises to refuse.
ScoreCheck = Callable[[tuple | None, list[str], list[str]], None]


def add_score(writer: PeopleWriter, session_id: int, answers: dict, total: float,
              total_before_critical: float, by: str, check: ScoreCheck) -> PersonWrite:  # fmt: skip
    """`by`'s blind score; `check(session, reviewers, already scored)` refuses by raising."""
    text = json.dumps(answers, ensure_ascii=False, sort_keys=True)

    def rows(conn: sqlite3.Connection, written: PersonWrite) -> None:
        scored = [row[0] for row in session_scores(conn, session_id)]
        check(session(conn, session_id), session_reviewers(conn, session_id), scored)
        conn.execute(
            "INSERT INTO calibration_scores (write_id, session_id, reviewer, answers, total,"
            " total_before_critical, submitted_at) VALUES (?,?,?,?,?,?,?)",
            (written.id, session_id, by, text, total, total_before_critical, written.written_at),
        )

    return writer.write(SCORED, str(session_id), {"session_id": session_id}, by, rows=rows)
