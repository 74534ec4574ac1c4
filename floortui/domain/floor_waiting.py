"""The callers waiting in each queue now, kept by `FloorState` beside the members.

"Callers waiting now" and "the longest wait now" tick each second on the
queue panel; asking SQL for open calls each second is what STYLE.md rules out,
so the follower's FloorState keeps them from the events it applies:
ENTERQUEUE opens a wait; CONNECT, ABANDON, EXITWITHTIMEOUT, EXITEMPTY,
EXITWITHKEY, COMPLETE* and the transfers close it when they name the queue the
caller waits in; a caller entering again (the same callid, transferred back
into a queue) supersedes the earlier wait; QUEUESTART closes them all (after an
Asterisk restart nobody is still in a queue).

A wait older than `STALE_WAIT_S` is left out of the view: no Queue() keeps a
caller for hours, so it is an end that was never logged (a log cut short by a
crash before the restart's QUEUESTART), and it must not hold a queue's line on
alert all day. It stays in the state until QUEUESTART or its callid's next
entry, so a checkpoint is the same whenever snapshots were taken.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from floortui.domain.floor_snapshot import EMPTY, WaitingCaller

#: A wait this old is taken for one whose end was never logged (see above).
STALE_WAIT_S = 4 * 3600

#: Events that end a caller's wait in the event's queue.
WAIT_ENDS = frozenset({"CONNECT", "ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY", "EXITWITHKEY",
                       "COMPLETEAGENT", "COMPLETECALLER", "BLINDTRANSFER", "ATTENDEDTRANSFER",
                       "TRANSFER"})  # fmt: skip


class WaitingCallers:
    """callid → [queue, entered at, ENTERQUEUE's data], and a read-only view of it.

    `FloorState.apply_all` opens and closes waits inline (the hot path: a call
    costs two dict operations, not two method calls) and sets `changed`; the
    data (url|caller number|position) is only split when a view is built.
    """

    __slots__ = ("_stale_at", "_view", "calls", "changed")

    def __init__(self) -> None:
        self.calls: dict[str, list] = {}
        self.changed = False
        self._view: Mapping[str, tuple[WaitingCaller, ...]] = EMPTY
        self._stale_at = float("inf")  # when the view's oldest wait turns stale

    def clear(self) -> None:
        if self.calls:
            self.calls.clear()
            self.changed = True

    def view(self, now: int) -> Mapping[str, tuple[WaitingCaller, ...]]:
        """Queue → waiting callers at `now`, longest first, stale ones left out.

        Rebuilt only after a wait opened or closed, or when one turned stale.
        """
        if self.changed or now >= self._stale_at:
            queues: dict[str, list[WaitingCaller]] = {}
            oldest = float("inf")
            for callid, (queue, entered_at, data) in self.calls.items():
                if entered_at <= now - STALE_WAIT_S:
                    continue
                oldest = min(oldest, entered_at)
                fields = (data or "").split("|")
                number = fields[1] if len(fields) > 1 and fields[1] else None
                position = fields[2] if len(fields) > 2 else ""
                queues.setdefault(queue, []).append(
                    WaitingCaller(callid, queue, entered_at,
                                  int(position) if position.isdigit() else None, number)
                )  # fmt: skip
            self._view = MappingProxyType(
                {q: tuple(sorted(c, key=lambda w: (w.entered_at, w.callid)))
                 for q, c in sorted(queues.items())}
            )  # fmt: skip
            self.changed = False
            self._stale_at = oldest + STALE_WAIT_S
        return self._view

    def dump(self) -> dict[str, list]:
        """JSON-ready (it shares the lists: serialise it before applying more events)."""
        return self.calls

    def load(self, data: Mapping[str, list]) -> None:
        """The waits of a dump, in place (FloorState.apply_all holds on to `calls`)."""
        self.calls.clear()
        self.calls.update((callid, list(wait)) for callid, wait in data.items())
        self.changed = True
