"""The demo day's answered calls, as the importer will derive them: who talked, how long.

The demo's recordings must last exactly what the store will say each call's
talk was, so the calls are derived from the replayed queue_log by the
importer's own deriver (floortui.adapters.queue_log_derive), not re-read
from the simulator. A caller answered in a second queue after a transfer
(the same uniqueid) has a second leg, recorded as `<uniqueid>-transfer`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from floortui.adapters.queue_log_derive import QueueLogDeriver
from floortui.demo.replay import TimedLine
from floortui.store.rows import C_ANSWERED_AT, C_CALLID, C_ENDED_AT, C_MEMBER, C_QUEUE, C_TALK_S


@dataclass(frozen=True)
class AnsweredLeg:
    """One answered stay in a queue: its recording appears when the call ends."""

    callid: str
    queue: str
    member: str | None
    answered_at: int
    ended_at: int
    talk_s: int
    #: "" for the call's first answered stay, "transfer" for the next one.
    leg: str = ""

    @property
    def stem(self) -> str:
        return f"{self.callid}-{self.leg}" if self.leg else self.callid


def answered_legs(lines: Iterable[TimedLine],
                  interfaces: Mapping[str, str] | None = None) -> list[AnsweredLeg]:  # fmt: skip
    """Every answered, ended stay with some talk, by the time it ended (then uniqueid)."""
    events = []
    for line in lines:
        fields = line.text.rstrip("\r\n").split("|", 5)
        if len(fields) < 5 or not fields[0].isdigit():
            continue
        if len(fields) == 5:
            fields.append(None)
        events.append(fields)
    deriver = QueueLogDeriver(dict(interfaces or {}))
    deriver.feed_all(1, events)
    calls = deriver.take_changes().calls
    by_callid: dict[str, list] = {}
    for call in calls:
        if call[C_ANSWERED_AT] is None or call[C_ENDED_AT] is None or not call[C_TALK_S]:
            continue
        by_callid.setdefault(call[C_CALLID], []).append(call)
    legs = []
    for callid, stays in by_callid.items():
        stays.sort(key=lambda c: int(c[C_ANSWERED_AT]))
        for leg, call in zip(("", "transfer"), stays, strict=False):
            legs.append(
                AnsweredLeg(
                    callid,
                    call[C_QUEUE],
                    call[C_MEMBER],
                    int(call[C_ANSWERED_AT]),
                    int(call[C_ENDED_AT]),
                    int(call[C_TALK_S]),
                    leg,
                )
            )
    legs.sort(key=lambda leg: (leg.ended_at, leg.callid, leg.leg))
    return legs
