"""The floor as the screen and `report floor` show it: every listed member, at a moment.

`floor_snapshot_at` knows the members the log names up to T; a member listed
under `agents:` who has not signed in yet still has a seat on the floor, shown
logged off, as the live floor (LiveFloor, which `know`s them) shows them.
"""

from __future__ import annotations

from types import MappingProxyType

from sqlite_utils import Database

from floortui.config import Config
from floortui.domain.floor_snapshot import EMPTY, FloorSnapshot, MemberState
from floortui.queries.floor import floor_snapshot_at


def logged_off(name: str) -> MemberState:
    """A member the log has not shown signed in: on the floor, in no queue."""
    return MemberState(
        member=name, state="logged_off", since=None, pause_reason=None, reason_since=None,
        queues=EMPTY, queue_since=EMPTY, paused_since=EMPTY, call=None, wrapup_until=None,
        signed_in_at=None, last_event_at=None,
    )  # fmt: skip


def with_listed_members(snapshot: FloorSnapshot, config: Config) -> FloorSnapshot:
    """The snapshot with a logged-off seat for each listed member it does not know."""
    missing = [m.name for m in config.agents if m.name not in snapshot.members]
    if not missing:
        return snapshot
    members = dict(snapshot.members)
    members.update((name, logged_off(name)) for name in missing)
    return FloorSnapshot(snapshot.at, MappingProxyType(members), snapshot.last_event_at,
                         snapshot.waiting)  # fmt: skip


def floor_at(db: Database, config: Config, at: int) -> FloorSnapshot:
    """Every member as they stood at `at`, by the config's wrap-up times (for replay)."""
    snapshot = floor_snapshot_at(db, at, None, config.wrapup_s())
    return with_listed_members(snapshot, config)
