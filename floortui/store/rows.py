"""Rows of the derived tables as the importer builds them, column for column.

The adapters fill these and the store writes them; keeping them here means the
column order lives beside the schema, in one place.
"""

from __future__ import annotations

import operator

CALL_COLUMNS = (
    "id", "callid", "queue", "entered_at", "answered_at", "ended_at", "wait_s", "talk_s",
    "ring_s", "outcome", "member", "caller_number", "position", "original_position",
    "exit_key", "member_uniqueid", "transferred_to", "entered_logged", "source_id",
    "first_event_id", "last_event_id",
)  # fmt: skip
PAUSE_COLUMNS = (
    "id", "member", "queue", "started_at", "ended_at", "reason", "reason_history",
    "started_by", "ended_by", "source_id",
)  # fmt: skip
SESSION_COLUMNS = (
    "id", "member", "interface", "queue", "added_at", "removed_at", "added_paused",
    "added_by", "ended_by", "source_id",
)  # fmt: skip
RING_COLUMNS = ("call_id", "callid", "queue", "member", "time", "event", "ring_ms")

#: A call row is a list in CALL_COLUMNS order; these name its positions.
(
    C_ID, C_CALLID, C_QUEUE, C_ENTERED_AT, C_ANSWERED_AT, C_ENDED_AT, C_WAIT_S, C_TALK_S,
    C_RING_S, C_OUTCOME, C_MEMBER, C_CALLER_NUMBER, C_POSITION, C_ORIGINAL_POSITION,
    C_EXIT_KEY, C_MEMBER_UNIQUEID, C_TRANSFERRED_TO, C_ENTERED_LOGGED, C_SOURCE_ID,
    C_FIRST_EVENT_ID, C_LAST_EVENT_ID,
) = range(len(CALL_COLUMNS))  # fmt: skip


class _Row:
    """A mutable row whose attributes are the table's columns, in order."""

    __slots__ = ()
    COLUMNS: tuple[str, ...] = ()

    def as_tuple(self) -> tuple:
        return self._getter(self)

    def __init_subclass__(cls) -> None:
        cls._getter = staticmethod(operator.attrgetter(*cls.COLUMNS))

    @classmethod
    def from_mapping(cls, values: dict) -> _Row:
        row = cls.__new__(cls)
        for name in cls.COLUMNS:
            setattr(row, name, values[name])
        return row


class PauseRow(_Row):
    __slots__ = PAUSE_COLUMNS
    COLUMNS = PAUSE_COLUMNS


class SessionRow(_Row):
    __slots__ = SESSION_COLUMNS
    COLUMNS = SESSION_COLUMNS


class Changes:
    """Rows touched since the last flush, keyed by id so each is written once.

    `take_changes` hands them over as lists of tuples, the form the store writes.
    """

    def __init__(self) -> None:
        self.calls: dict[int, list | tuple] = {}
        self.pauses: dict[int, PauseRow | tuple] = {}
        self.sessions: dict[int, SessionRow | tuple] = {}
        self.rings: list[tuple] = []
        self.new_members: list[str] = []

    def __bool__(self) -> bool:
        return bool(self.calls or self.pauses or self.sessions or self.rings or self.new_members)
