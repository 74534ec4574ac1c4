"""Floor checkpoints: every member's state saved every few minutes of data time.

"Who was doing what at 14:05" from the derived tables means reading every
pause and session a member ever had, and grows with the store's history
(0.3 s on a 60,000-call store). From the newest checkpoint before 14:05 it is
one row plus the few minutes of queue_log_events after it. The state itself is
the domain's `FloorState` as JSON; this module only stores it and reads the
raw events back, in file order (the id order), without knowing what they mean.
"""

from __future__ import annotations

import json
import time as _time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from sqlite_utils import Database

#: A checkpoint every 15 minutes of data time: a state at T replays at most that much.
CHECKPOINT_EVERY_S = 900
#: Rows read per query while replaying.
CHUNK_ROWS = 20_000

#: One stored event as the domain reads it: time, callid, queue, agent, event, data, then id.
EVENT_COLUMNS = "time, callid, queue, agent, event, data, id"


class DumpsState(Protocol):
    """What a checkpoint needs from a floor state (floortui.domain.floor_state.FloorState)."""

    last_time: int | None

    def dump(self) -> dict: ...

    def basis(self) -> str: ...


@dataclass(frozen=True)
class Checkpoint:
    """A saved floor state: it includes every event up to `event_id`, none after."""

    event_id: int
    time: int  # the newest event time up to event_id
    state: dict


def _conn(db: Database | Any) -> Any:
    """The connection under a sqlite-utils Database, or the connection itself (apsw too)."""
    return getattr(db, "conn", db)


def _in_transaction(conn: Any) -> bool:
    flag = getattr(conn, "in_transaction", None)
    if flag is not None:
        return bool(flag)
    return not conn.getautocommit()  # apsw


def latest_checkpoint(db: Database, basis: str, at_most: int | None = None) -> Checkpoint | None:
    """The newest checkpoint of this basis whose time is `at_most` or earlier (any, if None)."""
    sql = "SELECT event_id, time, state_json FROM floor_checkpoints WHERE basis = ?"
    params: tuple = (basis,)
    if at_most is not None:
        sql += " AND time <= ?"
        params += (at_most,)
    row = _conn(db).execute(sql + " ORDER BY time DESC, event_id DESC LIMIT 1", params).fetchone()
    if row is None:
        return None
    return Checkpoint(row[0], row[1], json.loads(row[2]))


def _latest_position(conn: Any, basis: str) -> tuple[int, int] | None:
    row = conn.execute(
        "SELECT event_id, time FROM floor_checkpoints WHERE basis = ?"
        " ORDER BY time DESC, event_id DESC LIMIT 1",
        (basis,),
    ).fetchone()
    return None if row is None else (row[0], row[1])


def _write(conn: Any, sql: str, args: tuple) -> Any:
    """Run one write in the caller's transaction if one is open, else under the write lock.

    The lock is `BEGIN IMMEDIATE`, the importer's, waited for with the
    connection's busy timeout.
    """
    if _in_transaction(conn):
        return conn.execute(sql, args)
    conn.execute("BEGIN IMMEDIATE")
    try:
        cursor = conn.execute(sql, args)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return cursor


def write_checkpoint(db: Database | Any, basis: str, event_id: int, time: int,
                     state: dict) -> None:  # fmt: skip
    """Store one checkpoint (see `_write` for the transaction it goes in)."""
    _write(
        _conn(db),
        "INSERT INTO floor_checkpoints (event_id, time, basis, state_json, written_at)"
        " VALUES (?,?,?,?,?)",
        (event_id, time, basis, json.dumps(state, separators=(",", ":")), int(_time.time())),
    )


def maybe_checkpoint(db: Database | Any, state: DumpsState, last_event_id: int,
                     last_time: int, every_s: int = CHECKPOINT_EVERY_S) -> bool:  # fmt: skip
    """Save `state` if the last checkpoint is `every_s` of data time old; True if it did.

    For the importer or follower that keeps a FloorState alongside its
    deriver: call it after a batch is stored, with the state having applied
    exactly the events up to `last_event_id` (the batch's last id) and
    `last_time` the newest event time among them. Inside the batch's own
    transaction (sqlite3 or apsw connection) the checkpoint commits with the
    batch; outside it takes the write lock for one short insert.
    """
    conn = _conn(db)
    basis = state.basis()
    newest = max(last_time, state.last_time or last_time)
    last = _latest_position(conn, basis)
    if last is not None and (last_event_id <= last[0] or newest - last[1] < every_s):
        return False
    write_checkpoint(conn, basis, last_event_id, newest, state.dump())
    return True


def has_checkpoints(db: Database, basis: str) -> bool:
    return _latest_position(_conn(db), basis) is not None


def drop_checkpoints(db: Database, keep_basis: str | None = None) -> int:
    """Remove checkpoints of every other basis (links or wrap-up times changed); the count."""
    conn = _conn(db)
    other = "SELECT 1 FROM floor_checkpoints WHERE basis IS NOT ? LIMIT 1"
    if conn.execute(other, (keep_basis,)).fetchone() is None:
        return 0  # the usual case: no write, no lock
    cursor = _write(conn, "DELETE FROM floor_checkpoints WHERE basis IS NOT ?", (keep_basis,))
    return cursor.rowcount


def events_after(db: Database, event_id: int, chunk: int = CHUNK_ROWS) -> Iterator[list[tuple]]:
    """Stored events after `event_id`, in file (id) order, in chunks of up to `chunk` rows.

    The first chunks are small and grow: a replay to T usually needs a few
    hundred rows, a rebuild millions.
    """
    conn = _conn(db)
    last, size = event_id, min(chunk, 256)
    while True:
        rows = conn.execute(
            f"SELECT {EVENT_COLUMNS} FROM queue_log_events WHERE id > ? ORDER BY id LIMIT ?",
            (last, size),
        ).fetchall()
        if not rows:
            return
        yield rows
        last, size = rows[-1][6], min(chunk, size * 4)


def last_event_time(db: Database) -> int:
    """The newest event time in the store (0 on an empty one): the data's "now".

    From the sources' own record and the last stored line, not a scan of
    queue_log_events (it has no time index, on purpose: imports stay fast).
    """
    conn = _conn(db)
    sources = conn.execute("SELECT max(last_event_at) FROM import_sources").fetchone()[0]
    last = conn.execute("SELECT time FROM queue_log_events ORDER BY id DESC LIMIT 1").fetchone()
    return max(sources or 0, last[0] if last else 0)


def first_event_id(db: Database) -> int:
    """The smallest stored event id (1 on an empty store)."""
    return _conn(db).execute("SELECT min(id) FROM queue_log_events").fetchone()[0] or 1


def first_event_id_from(db: Database, time: int) -> int:
    """The first event id at `time` or later, found by halving the id range (no time index).

    Times in a log are nearly in order, so this lands within a few lines of
    the exact answer; a window replayed from it starts about there.
    """
    conn = _conn(db)
    low, high = conn.execute("SELECT min(id), max(id) FROM queue_log_events").fetchone()
    if low is None:
        return 1
    while low < high:
        middle = (low + high) // 2
        row = conn.execute(
            "SELECT time FROM queue_log_events WHERE id >= ? ORDER BY id LIMIT 1", (middle,)
        ).fetchone()
        if row[0] < time:
            low = middle + 1
        else:
            high = middle
    return low


def interfaces(db: Database) -> dict[str, str]:
    """interface → member name, as the importer has learnt and config has set them."""
    return dict(_conn(db).execute("SELECT interface, member FROM member_interfaces"))
