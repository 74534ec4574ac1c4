"""What the Calls screen and a call's timeline ask: each answer read in one snapshot.

A page of calls, their count, the filters' choices and the data's latest time
are read in one read transaction, so while a follower writes the count never
disagrees with the rows shown and "12 newer calls" counts the same calls the
list holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from floortui.store import calls as call_store
from floortui.store.cdr import cdr_legs_for_call
from floortui.store.db import read_transaction
from floortui.store.recordings import recordings_for_call
from floortui.store.reports import last_event_at
from floortui.vocabulary import CallFilter


@dataclass(frozen=True)
class CallsPage:
    """A page of matching calls, newest first, and what the screen shows with it."""

    calls: list[dict]
    total: int
    queues: list[str]
    members: list[str]
    #: the latest time any source logged: the data's own "now"
    latest_event_at: int | None
    #: matching calls above the anchor the caller asked about (0 without an anchor)
    newer: int = 0


@dataclass(frozen=True)
class CallDetail:
    """One call with everything its timeline shows."""

    call: dict
    events: list[dict] = field(default_factory=list)
    legs: list[dict] = field(default_factory=list)
    recordings: list[dict] = field(default_factory=list)


def calls_page(db: Database, flt: CallFilter, limit: int,
               anchor: tuple[int, int] | None = None) -> CallsPage:  # fmt: skip
    """The newest `limit` calls matching `flt`, newest first.

    With an `anchor` (entered_at, id of the top row the reader was shown), the
    page starts at that call, so calls that arrived since do not push the rows
    the reader is looking at; `newer` says how many are waiting above.
    """
    with read_transaction(db):
        newer = call_store.count_newer(db, flt, *anchor) if anchor is not None else 0
        return CallsPage(
            calls=call_store.list_calls(db, flt, limit, not_newer_than=anchor),
            total=call_store.count_calls(db, flt),
            queues=call_store.queue_names(db),
            members=call_store.member_names(db),
            latest_event_at=last_event_at(db),
            newer=newer,
        )


def call_detail(db: Database, call_id: int) -> CallDetail | None:
    """One call, its queue_log lines, its CDR legs and its recordings; None once it is gone."""
    with read_transaction(db):
        call = call_store.call(db, call_id)
        if call is None:
            return None
        return CallDetail(
            call=call,
            events=call_store.call_events(db, call_id),
            legs=cdr_legs_for_call(db, call["callid"], call["member_uniqueid"]),
            recordings=recordings_for_call(db, call["callid"]),
        )


def latest_event_at(db: Database) -> int | None:
    """The latest time any source logged, for the header's data clock."""
    with read_transaction(db):
        return last_event_at(db)
