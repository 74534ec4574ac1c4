"""The floor as it stood at a time T: for start-up, `floortui run --at T` and `report floor`.

The newest checkpoint at or before T (floortui.store.floor) plus the events
after it up to T, so the cost is one checkpoint and at most
`CHECKPOINT_EVERY_S` of events, whatever the length of the store's history.

"Up to T" is, in file (id) order, every event whose time is T or earlier,
reading on until an event is more than `LATE_S` past T: times in a log are
only nearly in order, and a line a second out of place still counts. A state
replayed from the very first event by the same rule is the same state.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlite_utils import Database

from floortui.domain.floor_snapshot import FloorSnapshot
from floortui.domain.floor_state import FloorState
from floortui.store import floor as store
from floortui.store.db import read_transaction

#: Read on this far past T for lines written slightly out of time order.
LATE_S = 60
#: The longest ring looked for after T (queues.conf `timeout` is 15-60 s in practice).
RING_LOOKAHEAD_S = 120
#: A store without checkpoints is replayed from this long before T (then it is approximate:
#: members signed in before the window show as they are seen again).
FALLBACK_WINDOW_S = 16 * 3600


@dataclass(frozen=True)
class FloorAt:
    """A state at T and how it was had (for the CLI's --verbose and the benchmarks)."""

    state: FloorState
    from_checkpoint: bool
    #: False: no checkpoint, and the window reached neither the store's start nor a
    #: QUEUESTART (after which nobody's earlier state matters). Either way, a window
    #: leaves out members not seen in it (they were logged off, or are static members
    #: not heard of since): `FloorState.know(config members)` lists them.
    exact: bool
    replayed: int  # events applied after the checkpoint or the window's start
    #: The last event id applied: every event up to it stamped `at` or earlier is in the
    #: state. A follower carrying on live from a start-up state (`at` = the newest event
    #: time) applies the events after it.
    last_event_id: int


def replay_until(state: FloorState, chunks: Iterable[list[tuple]], at: int) -> tuple[int, int]:
    """Apply stored rows (time first, id last) up to `at`; (events applied, last id applied)."""
    applied, last_id, late = 0, 0, at + LATE_S
    for rows in chunks:
        stop = None
        for i, row in enumerate(rows):
            if row[0] > late:
                stop = i
                break
        batch = rows if stop is None else rows[:stop]
        due = [row for row in batch if row[0] <= at]
        state.apply_all(due)
        applied += len(due)
        if due:
            last_id = due[-1][6]
        if stop is not None:
            break
    return applied, last_id


def floor_state_at(db: Database, at: int, interfaces: Mapping[str, str] | None = None,
                   wrapup_s: Mapping[str, int] | None = None,
                   default_wrapup_s: int = 0) -> FloorAt:  # fmt: skip
    """Every member's state at `at`, from the newest usable checkpoint plus replay.

    `interfaces` defaults to the store's own links (member_interfaces). The
    state goes on being fed by a follower from there (`FloorAt.last_event_id`
    says from which event on).
    """
    with read_transaction(db):
        links = store.interfaces(db) if interfaces is None else dict(interfaces)
        state = FloorState(links, wrapup_s, default_wrapup_s)
        checkpoint = store.latest_checkpoint(db, state.basis(), at)
        if checkpoint is not None:
            state = FloorState.load(checkpoint.state, links, wrapup_s, default_wrapup_s)
            after, exact = checkpoint.event_id, True
        else:
            first = store.first_event_id_from(db, at - FALLBACK_WINDOW_S)
            after = first - 1
            exact = after < store.first_event_id(db)
        restarts = _Restarts()
        applied, last_id = replay_until(state, restarts.watch(store.events_after(db, after)), at)
    exact = exact or restarts.seen_by(at)
    return FloorAt(state, checkpoint is not None, exact, applied, max(last_id, after))


class _Restarts:
    """Notices a QUEUESTART among replayed rows: from there on a window's state is exact."""

    def __init__(self) -> None:
        self.first_at: int | None = None

    def watch(self, chunks: Iterable[list[tuple]]) -> Iterable[list[tuple]]:
        for rows in chunks:
            if self.first_at is None:
                self.first_at = next((r[0] for r in rows if r[4] == "QUEUESTART"), None)
            yield rows

    def seen_by(self, at: int) -> bool:
        return self.first_at is not None and self.first_at <= at


def floor_snapshot_at(db: Database, at: int, interfaces: Mapping[str, str] | None = None,
                      wrapup_s: Mapping[str, int] | None = None,
                      default_wrapup_s: int = 0) -> FloorSnapshot:  # fmt: skip
    """The floor at `at` as `report floor --at T` prints it (MemberState.as_report).

    A past moment, so who was ringing then is known from the rings that
    ended in the next `RING_LOOKAHEAD_S` (queue_log never logs a ring's start).
    """
    with read_transaction(db):
        found = floor_state_at(db, at, interfaces, wrapup_s, default_wrapup_s)
        later: list[tuple] = []
        for rows in store.events_after(db, found.last_event_id):
            later.extend(row for row in rows if row[0] > at)
            if rows[-1][0] > at + RING_LOOKAHEAD_S:
                break
    found.state.rings_seen_later((row for row in later if row[0] <= at + RING_LOOKAHEAD_S), at)
    return found.state.snapshot(at)


def build_checkpoints(db: Database, interfaces: Mapping[str, str] | None = None,
                      wrapup_s: Mapping[str, int] | None = None, default_wrapup_s: int = 0,
                      every_s: int = store.CHECKPOINT_EVERY_S) -> int:  # fmt: skip
    """Checkpoint the stored events from the last checkpoint on (all, on an old store).

    The first use on a store imported before checkpoints existed pays once
    (about a second per million events); later calls only cover what was
    imported since. Checkpoints of another basis (links or wrap-up times have
    changed since) are dropped. Events are read by id in chunks, each its own
    read, and the checkpoints are written between chunks under the write lock,
    so a running import is held up for one insert at a time. Returns how many
    were written.
    """
    links = store.interfaces(db) if interfaces is None else dict(interfaces)
    state = FloorState(links, wrapup_s, default_wrapup_s)
    basis = state.basis()
    store.drop_checkpoints(db, keep_basis=basis)
    checkpoint = store.latest_checkpoint(db, basis)
    after = 0
    if checkpoint is not None:
        state = FloorState.load(checkpoint.state, links, wrapup_s, default_wrapup_s)
        after = checkpoint.event_id
    newest = state.last_time
    due = (newest // every_s + 1) * every_s if newest is not None else None
    written = 0
    for rows in store.events_after(db, after):
        start = 0
        for i, row in enumerate(rows):
            t = row[0]
            if newest is None or t > newest:
                newest = t
            if due is None:
                due = (t // every_s + 1) * every_s
            elif newest >= due:
                state.apply_all(rows[start : i + 1])
                start = i + 1
                store.write_checkpoint(
                    db, basis, row[6], max(newest, state.last_time), state.dump()
                )
                written += 1
                due = (newest // every_s + 1) * every_s
        state.apply_all(rows[start:])
    return written


class LiveFloor:
    """The floor kept live from the store: the state at start-up, then each poll's new events.

    For the follower's side of the app: after each import poll, `poll()` reads
    only the events stored since the last one (by id, one short read), applies
    them and returns a fresh immutable snapshot to post to the floor screen,
    which draws from it each second without SQL. Links the importer learns
    meanwhile (a CDR telling which interface is whom) are taken in as they come.
    """

    def __init__(self, db: Database, wrapup_s: Mapping[str, int] | None = None,
                 default_wrapup_s: int = 0, members: Iterable[str] = ()) -> None:  # fmt: skip
        self.db = db
        self.wrapup_s = dict(wrapup_s or {})
        self.default_wrapup_s = default_wrapup_s
        self.members = list(members)
        self.state: FloorState | None = None
        self.last_event_id = 0
        self._replaying = False  # started at a past moment: not every stored event is in

    def start(self, at: int | None = None) -> FloorSnapshot:
        """The floor as the store last saw it (or at `at`, for a replay), from checkpoints."""
        self._replaying = at is not None
        if at is None:
            at = store.last_event_time(self.db)
        found = floor_state_at(self.db, at, None, self.wrapup_s, self.default_wrapup_s)
        self.state, self.last_event_id = found.state, found.last_event_id
        self.state.know(self.members)
        return self.state.snapshot(at)

    def poll(self, now: int | None = None) -> FloorSnapshot:
        """Apply what was stored since the last poll; the floor at `now` (default: data time)."""
        if self.state is None:
            return self.start(now)
        state = self.state
        with read_transaction(self.db):
            for interface, member in store.interfaces(self.db).items():
                if state.interfaces.get(interface) != member:
                    state.learn_interface(interface, member)
            for rows in store.events_after(self.db, self.last_event_id):
                state.apply_all(rows)
                self.last_event_id = rows[-1][6]
        return state.snapshot(now if now is not None else state.last_time or 0)

    def checkpoint(self, db: Database | None = None) -> bool:
        """Save the state as a checkpoint when one is due (`maybe_checkpoint`); True if saved.

        For the side that imports (pass its writable store, or the reader's is
        used): call it after a poll. A floor started at a past moment is never
        saved, since it does not hold every event up to its last id.
        """
        state = self.state
        if state is None or self._replaying or state.last_time is None or not self.last_event_id:
            return False
        target = self.db if db is None else db
        return store.maybe_checkpoint(target, state, self.last_event_id, state.last_time)
