"""SQL for CDR legs: storing rows, and what they tell about calls and members."""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

_CDR_COLUMNS = (
    "accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp",
    "lastdata", "start_at", "answer_at", "end_at", "duration_s", "billsec_s", "disposition",
    "amaflags", "uniqueid", "userfield", "peeraccount", "linkedid", "sequence", "source_id",
    "line_number",
)  # fmt: skip
CDR_INSERT = (
    f"INSERT INTO cdr_legs ({', '.join(_CDR_COLUMNS)})"
    f" VALUES ({', '.join('?' * len(_CDR_COLUMNS))})"
)

#: (member name from CONNECT, a channel that was that member's) pairs, from both joins:
#: the member's own leg (uniqueid = CONNECT's member uniqueid), and the caller's
#: answered Queue row, whose dstchannel is the member's channel.
_MEMBER_CHANNELS = """
SELECT c.member, m.channel FROM calls c JOIN cdr_legs m ON m.uniqueid = c.member_uniqueid
WHERE c.member IS NOT NULL AND c.member_uniqueid IS NOT NULL
  AND c.id >= :since_call AND m.id >= :since_leg
UNION ALL
SELECT c.member, l.dstchannel FROM calls c JOIN cdr_legs l ON l.uniqueid = c.callid
WHERE c.member IS NOT NULL AND l.lastapp = 'Queue' AND l.disposition = 'ANSWERED'
  AND l.answer_at BETWEEN c.answered_at - 2 AND c.answered_at + 2
  AND c.id >= :since_call AND l.id >= :since_leg
"""


def member_channels(db: Database, since_call: int = 0, since_leg: int = 0) -> list[tuple[str, str]]:
    """Pairs from calls with id >= since_call and legs with id >= since_leg (what is new)."""
    params = {"since_call": since_call, "since_leg": since_leg}
    return [
        (member, channel) for member, channel in db.execute(_MEMBER_CHANNELS, params) if channel
    ]


def legs_between(db: Database, low: int, high: int, source_ids: Iterable[int]) -> list[tuple]:
    """(id, source_id, *the CDR fields in CDR_INSERT order) of legs from these sources that
    started in [low, high]: to recognise rows another file already brought in."""
    wanted = set(source_ids)
    fields = ", ".join(_CDR_COLUMNS[:-2])
    found = db.execute(
        f"SELECT id, source_id, {fields} FROM cdr_legs WHERE start_at BETWEEN ? AND ?",
        (low, high),
    ).fetchall()
    return [row for row in found if row[1] in wanted]


def next_leg_id(db: Database) -> int:
    return (db.execute("SELECT max(id) FROM cdr_legs").fetchone()[0] or 0) + 1


def has_legs(db: Database) -> bool:
    return db.execute("SELECT 1 FROM cdr_legs LIMIT 1").fetchone() is not None


def known_interfaces(db: Database) -> dict[str, tuple[str, str]]:
    """interface → (member, where it was learned)."""
    return {
        iface: (member, known)
        for iface, member, known in db.execute(
            "SELECT interface, member, known_from FROM member_interfaces"
        )
    }


def learn_interfaces(db: Database, pairs: Iterable[tuple[str, str]]) -> None:
    """Record interface → member links learned from CDR (config's links stay as they are)."""
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO member_interfaces (interface, member, known_from) VALUES (?, ?, 'cdr')"
            " ON CONFLICT(interface) DO UPDATE SET member = excluded.member"
            " WHERE member_interfaces.known_from = 'cdr'",
            list(pairs),
        )


def members_named_like_interfaces(db: Database, interfaces: Iterable[str]) -> list[str]:
    """Interfaces that the logs made into members of their own before the link was known."""
    names = list(interfaces)
    if not names:
        return []
    marks = ",".join("?" * len(names))
    return [r[0] for r in db.execute(f"SELECT name FROM members WHERE name IN ({marks})", names)]


def cdr_legs_for_call(db: Database, callid: str, member_uniqueid: str | None) -> list[dict]:
    """The caller's legs and the member's leg of one call, oldest first."""
    return list(
        db.query(
            "SELECT *, CASE WHEN uniqueid = ? THEN 'caller' ELSE 'member' END AS role"
            " FROM cdr_legs WHERE uniqueid = ? OR uniqueid = ? ORDER BY start_at, id",
            [callid, callid, member_uniqueid or ""],
        )
    )


def count_linked_calls(db: Database, source_id: int) -> int:
    """How many calls queue_log knows have a CDR leg from this source."""
    return db.execute(
        "SELECT count(DISTINCT c.callid) FROM calls c"
        " JOIN cdr_legs l ON l.uniqueid = c.callid WHERE l.source_id = ?",
        [source_id],
    ).fetchone()[0]
