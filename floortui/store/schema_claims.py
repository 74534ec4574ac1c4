"""Migrations for the review queue's claims (range 0070-0079).

A claim is a person's write: each row points at its `person_writes` row (who
and when, wall clock) and is never changed. A claim ends by a row of its own
in `review_claim_ends` (released by the reviewer, by timeout, or done), the
reviewer's activity on a claimed call (listening, later scoring) is a row in
`review_activity`, and a call marked reviewed is a row in `review_done`. The
sample itself (`samples`) is never touched: what was drawn stays drawn, and
who is working on it is read from these tables.
"""

from __future__ import annotations

from sqlite_utils import Database

# Claims refer to samples: their migration (0060) registers before this one (0070),
# whatever order the kinds of writes are imported in.
from floortui.store import schema_samples as _schema_samples  # noqa: F401
from floortui.store.schema import migrations


def _append_only(table: str) -> str:
    return "\n".join(
        f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} BEGIN"
        f" SELECT RAISE(ABORT, '{table} is append-only: write a new row instead'); END;"
        for op in ("UPDATE", "DELETE")
    )


@migrations(name="0070_review_claims")
def _review_claims(db: Database) -> None:
    """Claims on sampled calls, how each ended, the activity on them, and calls reviewed.

    `review_claim_ends.ended_at` is when the claim stopped holding the call: the
    moment of the release, of the review, or for a timeout the moment it went
    stale (last activity + the timeout), whenever floortui noticed it;
    `write_id` is the write that recorded the end, `ended_by` who ended it
    (`floortui` for a timeout).
    """
    db.executescript(
        """
        CREATE TABLE review_claims (
            id INTEGER PRIMARY KEY,
            write_id INTEGER NOT NULL REFERENCES person_writes(id),
            sample_id INTEGER NOT NULL REFERENCES samples(id),
            reviewer TEXT NOT NULL,
            claimed_at INTEGER NOT NULL
        );
        CREATE INDEX review_claims_sample ON review_claims(sample_id);
        CREATE TABLE review_claim_ends (
            claim_id INTEGER PRIMARY KEY REFERENCES review_claims(id),
            write_id INTEGER NOT NULL REFERENCES person_writes(id),
            ended_at INTEGER NOT NULL,
            why TEXT NOT NULL CHECK (why IN ('released', 'timeout', 'done')),
            ended_by TEXT NOT NULL
        );
        CREATE TABLE review_activity (
            id INTEGER PRIMARY KEY,
            write_id INTEGER NOT NULL REFERENCES person_writes(id),
            claim_id INTEGER NOT NULL REFERENCES review_claims(id),
            at INTEGER NOT NULL,
            what TEXT NOT NULL
        );
        CREATE INDEX review_activity_claim ON review_activity(claim_id, at);
        CREATE TABLE review_done (
            id INTEGER PRIMARY KEY,
            write_id INTEGER NOT NULL REFERENCES person_writes(id),
            sample_id INTEGER NOT NULL REFERENCES samples(id),
            done_at INTEGER NOT NULL,
            done_by TEXT NOT NULL,
            how TEXT NOT NULL
        );
        CREATE INDEX review_done_sample ON review_done(sample_id);
        CREATE VIEW review_claims_readable AS
            SELECT c.id, c.sample_id, s.day, s.callid, s.member, c.reviewer,
                   datetime(c.claimed_at, 'unixepoch') AS claimed_utc,
                   datetime(e.ended_at, 'unixepoch') AS ended_utc, e.why, e.ended_by
            FROM review_claims c JOIN samples s ON s.id = c.sample_id
            LEFT JOIN review_claim_ends e ON e.claim_id = c.id;
        """
        + "\n".join(
            _append_only(t)
            for t in ("review_claims", "review_claim_ends", "review_activity", "review_done")
        )
    )
