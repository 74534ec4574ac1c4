"""Migrations for QA evaluations (range 0080-0089): results nobody can quietly change.

Every row here is a person's write and points at its `person_writes` row
(who and when). Nothing is ever updated or deleted, and triggers refuse it:

- `evaluation_drafts`: each autosave of a form being scored is a new row;
  the latest row of a reviewer on a call is their draft;
- `evaluations`: one row per **revision** of a submitted result. Revision 1
  is the submission; a correction is revision 2, 3... of the same
  `evaluation_id` (revision 1's id) with the `reason`, so the history stays
  as it happened. The scored items, section scores and comments pinned to
  the playhead of each revision are in `evaluation_items`,
  `evaluation_sections` and `evaluation_pins`, computed when it was
  submitted (a rubric changed later never changes an archived result);
- `evaluation_feedback`: a team leader went through a result with the member;
- `call_remarks` and `remark_judgements`: a customer's complaint or praise
  logged against a call, and QA's judgement whether it stands;
- `evaluation_disputes` and `dispute_answers`: a dispute on the member's
  behalf, answered by a new revision or a rejection, each with its reason;
- `calibration_sessions`, `calibration_reviewers`, `calibration_scores`:
  one call scored blind by several reviewers.
"""

from __future__ import annotations

from sqlite_utils import Database

# Submitting an evaluation ends the reviewer's claim on the call (0070), and both refer
# to the people's writes (0011): those register first whatever order modules load in.
from floortui.store import schema_claims as _schema_claims  # noqa: F401
from floortui.store.schema import migrations

_TABLES = (
    "evaluation_drafts", "evaluations", "evaluation_items", "evaluation_sections",
    "evaluation_pins", "evaluation_feedback", "call_remarks", "remark_judgements",
    "evaluation_disputes", "dispute_answers", "calibration_sessions", "calibration_reviewers",
    "calibration_scores",
)  # fmt: skip


def _never_changed(table: str) -> str:
    return "\n".join(
        f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} BEGIN"
        f" SELECT RAISE(ABORT, '{table} is never changed in place: a correction is a new"
        " row (a revision with its reason)'); END;"
        for op in ("UPDATE", "DELETE")
    )


@migrations(name="0080_evaluations")
def _evaluations(db: Database) -> None:
    """Drafts, revisions with their items, sections and pins, and what follows a result."""
    db.executescript(
        """
        CREATE TABLE evaluation_drafts (
            id INTEGER PRIMARY KEY,
            write_id INTEGER NOT NULL REFERENCES person_writes(id),
            callid TEXT NOT NULL,
            form TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            answers TEXT NOT NULL,
            comments TEXT NOT NULL,
            saved_at INTEGER NOT NULL
        );
        CREATE INDEX evaluation_drafts_call ON evaluation_drafts(callid, reviewer);
        CREATE TABLE evaluations (
            id INTEGER PRIMARY KEY,
            write_id INTEGER NOT NULL REFERENCES person_writes(id),
            evaluation_id INTEGER NOT NULL,
            revision INTEGER NOT NULL CHECK (revision >= 1),
            callid TEXT NOT NULL,
            queue TEXT,
            member TEXT,
            form TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            total REAL NOT NULL,
            total_before_critical REAL NOT NULL,
            grade TEXT NOT NULL,
            critical_failed INTEGER NOT NULL,
            comment TEXT NOT NULL DEFAULT '',
            reason TEXT,
            source TEXT NOT NULL CHECK (source IN ('app', 'import', 'dispute')),
            submitted_by TEXT NOT NULL,
            submitted_at INTEGER NOT NULL,
            UNIQUE (evaluation_id, revision),
            CHECK (revision = 1 OR length(trim(coalesce(reason, ''))) > 0)
        );
        CREATE INDEX evaluations_call ON evaluations(callid);
        CREATE INDEX evaluations_time ON evaluations(submitted_at);
        CREATE INDEX evaluations_member ON evaluations(member, submitted_at);
        CREATE TABLE evaluation_items (
            revision_id INTEGER NOT NULL REFERENCES evaluations(id),
            item TEXT NOT NULL,
            section TEXT NOT NULL,
            points INTEGER,
            max INTEGER NOT NULL,
            comment TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (revision_id, item)
        );
        CREATE TABLE evaluation_sections (
            revision_id INTEGER NOT NULL REFERENCES evaluations(id),
            section TEXT NOT NULL,
            weight INTEGER NOT NULL,
            score REAL,
            grade TEXT,
            PRIMARY KEY (revision_id, section)
        );
        CREATE TABLE evaluation_pins (
            revision_id INTEGER NOT NULL REFERENCES evaluations(id),
            at_ms INTEGER NOT NULL,
            text TEXT NOT NULL
        );
        CREATE TABLE evaluation_feedback (
            id INTEGER PRIMARY KEY,
            write_id INTEGER NOT NULL REFERENCES person_writes(id),
            evaluation_id INTEGER NOT NULL,
            fed_back_on TEXT NOT NULL,
            note TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            recorded_at INTEGER NOT NULL
        );
        CREATE TABLE call_remarks (
            id INTEGER PRIMARY KEY,
            write_id INTEGER NOT NULL REFERENCES person_writes(id),
            callid TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('complaint', 'praise')),
            text TEXT NOT NULL,
            logged_by TEXT NOT NULL,
            logged_at INTEGER NOT NULL
        );
        CREATE TABLE remark_judgements (
            remark_id INTEGER PRIMARY KEY REFERENCES call_remarks(id),
            write_id INTEGER NOT NULL REFERENCES person_writes(id),
            valid INTEGER NOT NULL,
            reason TEXT NOT NULL,
            judged_by TEXT NOT NULL,
            judged_at INTEGER NOT NULL
        );
        CREATE TABLE evaluation_disputes (
            id INTEGER PRIMARY KEY,
            write_id INTEGER NOT NULL REFERENCES person_writes(id),
            evaluation_id INTEGER NOT NULL,
            reason TEXT NOT NULL,
            raised_by TEXT NOT NULL,
            raised_at INTEGER NOT NULL
        );
        CREATE TABLE dispute_answers (
            dispute_id INTEGER PRIMARY KEY REFERENCES evaluation_disputes(id),
            write_id INTEGER NOT NULL REFERENCES person_writes(id),
            outcome TEXT NOT NULL CHECK (outcome IN ('revised', 'rejected')),
            revision_id INTEGER REFERENCES evaluations(id),
            reason TEXT NOT NULL,
            answered_by TEXT NOT NULL,
            answered_at INTEGER NOT NULL
        );
        CREATE TABLE calibration_sessions (
            id INTEGER PRIMARY KEY,
            write_id INTEGER NOT NULL REFERENCES person_writes(id),
            callid TEXT NOT NULL,
            form TEXT NOT NULL,
            band_points REAL NOT NULL,
            started_by TEXT NOT NULL,
            started_at INTEGER NOT NULL
        );
        CREATE TABLE calibration_reviewers (
            session_id INTEGER NOT NULL REFERENCES calibration_sessions(id),
            reviewer TEXT NOT NULL,
            PRIMARY KEY (session_id, reviewer)
        );
        CREATE TABLE calibration_scores (
            id INTEGER PRIMARY KEY,
            write_id INTEGER NOT NULL REFERENCES person_writes(id),
            session_id INTEGER NOT NULL REFERENCES calibration_sessions(id),
            reviewer TEXT NOT NULL,
            answers TEXT NOT NULL,
            total REAL NOT NULL,
            total_before_critical REAL NOT NULL,
            submitted_at INTEGER NOT NULL,
            UNIQUE (session_id, reviewer)
        );
        CREATE VIEW evaluations_readable AS
            SELECT id, evaluation_id, revision, callid, queue, member, form, reviewer, total,
                   total_before_critical, grade, critical_failed, reason, source, submitted_by,
                   datetime(submitted_at, 'unixepoch') AS submitted_utc
            FROM evaluations;
        """
        + "\n".join(_never_changed(table) for table in _TABLES)
    )
