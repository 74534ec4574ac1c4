"""The callers waiting in each queue now, kept by `FloorState` beside the members.

"Callers waiting now" and "the longest wait now" tick each second on the
queue panel; asking SQL for open calls each second is what STYLE.md rules out,
so the follower's FloorState keeps them from the events it applies:
ENTERQUEUE opens a wait; CONNECT, ABANDON, EXITWITHTIMEOUT, EXITEMPTY,
EXITWITHKEY, COMPLETE* and the transfers close it when they name the queue the
caller waits in; a caller entering again (the same callid, transferred back
into a queue) supersedes the earlier wait; QUEUESTART closes them all (after an
Asterisk restart nobody is still in a queue).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from floortui.domain.floor_snapshot import EMPTY, WaitingCaller

#: Events that end a caller's wait in the event's queue.
WAIT_ENDS = ("CONNECT", "ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY", "EXITWITHKEY",
             "COMPLETEAGENT", "COMPLETECALLER", "BLINDTRANSFER", "ATTENDEDTRANSFER",
             "TRANSFER")  # fmt: skip
_CALLID, _QUEUE, _DATA = 1, 2, 5


class WaitingCallers:
    """callid → [queue, entered at, position, caller number], and a read-only view of it."""

    __slots__ = ("_view", "calls")

    def __init__(self) -> None:
        self.calls: dict[str, list] = {}
        self._view: Mapping[str, tuple[WaitingCaller, ...]] | None = EMPTY

    def enter(self, t: int, ev: Sequence) -> None:
        """ENTERQUEUE (url|caller number|position): a wait opens, superseding the callid's last."""
        fields = (ev[_DATA] or "").split("|")
        number = fields[1] if len(fields) > 1 and fields[1] else None
        position = fields[2] if len(fields) > 2 else ""
        calls = self.calls
        calls.pop(ev[_CALLID], None)  # entering again: the earlier wait is over
        calls[ev[_CALLID]] = [ev[_QUEUE], t, int(position) if position.isdigit() else None,
                              number]  # fmt: skip
        self._view = None

    def leave(self, t: int, ev: Sequence) -> None:
        """An event that ends the caller's wait, if it is in the queue they wait in."""
        wait = self.calls.get(ev[_CALLID])
        if wait is not None and wait[0] == ev[_QUEUE]:
            del self.calls[ev[_CALLID]]
            self._view = None

    def clear(self) -> None:
        if self.calls:
            self.calls.clear()
            self._view = None

    def view(self) -> Mapping[str, tuple[WaitingCaller, ...]]:
        """Queue → waiting callers, longest first; rebuilt only after a wait opened or closed."""
        view = self._view
        if view is None:
            queues: dict[str, list[WaitingCaller]] = {}
            for callid, (queue, entered_at, position, number) in self.calls.items():
                queues.setdefault(queue, []).append(
                    WaitingCaller(callid, queue, entered_at, position, number)
                )
            view = self._view = MappingProxyType(
                {q: tuple(sorted(c, key=lambda w: (w.entered_at, w.callid)))
                 for q, c in sorted(queues.items())}
            )  # fmt: skip
        return view

    def dump(self) -> dict[str, list]:
        """JSON-ready (it shares the lists: serialise it before applying more events)."""
        return self.calls

    def load(self, data: Mapping[str, list]) -> None:
        self.calls = {callid: list(wait) for callid, wait in data.items()}
        self._view = None
