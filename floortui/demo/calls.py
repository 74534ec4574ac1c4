"""What a simulated floor produces, as data: members, calls and queue_log events.

:mod:`floortui.demo.simulate` runs the floor and :mod:`floortui.demo.cdr` renders its
calls as CDR rows; both speak in these types, so they live apart from the event
loop.  A :class:`Call` keeps every :class:`QueueVisit` and every :class:`Offer`
(ring) so a renderer never has to re-derive them from the log.  The queue_log is
one rendering of the :class:`QueueEvent` stream (:func:`render_queue_log`).

Pure Python, no Textual, no SQL.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

TERMINAL_EVENTS = frozenset(
    {
        "COMPLETEAGENT",
        "COMPLETECALLER",
        "ABANDON",
        "EXITWITHTIMEOUT",
        "EXITEMPTY",
        "EXITWITHKEY",
        "BLINDTRANSFER",
        "ATTENDEDTRANSFER",
        "TRANSFER",
    }
)

# fmt: off
_FIRST = (
    "Alice", "Omar", "Priya", "Ben", "Chloe", "Diego", "Fatima", "George", "Hannah", "Ivan",
    "Jasmine", "Kofi", "Laura", "Mateo", "Nadia", "Oliver", "Paula", "Quentin", "Rosa", "Samir",
    "Tara", "Umar", "Vera", "Wei", "Ximena", "Yusuf", "Zoë", "Aoife", "Bruno", "Carmen",
    "Dmitri", "Elena", "Farid", "Grace", "Hugo", "Ingrid", "Jamal", "Keiko", "Liam", "Maya",
    "Noah", "Olga", "Pedro", "Sinéad", "Tom",
)
_LAST = (
    "Archer", "Baker", "Chen", "Dubois", "Evans", "Fischer", "García", "Hughes", "Ibrahim",
    "Jensen", "Kowalski", "Lopez", "Murphy", "Nakamura", "O'Brien", "Patel", "Quinn", "Rossi",
    "Schmidt", "Tanaka", "Usman", "Varga", "Walsh", "Xu", "Yilmaz", "Zimmermann", "Nguyen",
    "Okafor", "Haddad", "Lindqvist", "Moreau", "Novak", "Petrov", "Santos", "Byrne",
)
# fmt: on


@dataclass(slots=True)
class Member:
    """A queue member; ``static`` ones come from queues.conf and never log ADDMEMBER."""

    name: str
    interface: str
    team: str
    queues: list[str]
    static: bool = False


@dataclass(slots=True)
class Transfer:
    """Where an agent sent the caller: kind is blind, attended-bridge or attended-app."""

    kind: str
    destination: str  # extension, bridge id or application name
    context: str = ""
    to_queue: str | None = None  # set when the caller re-entered a queue (same callid)


class Offer(NamedTuple):
    """One time a member was rung for a caller: the member channel's life until the answer.

    ``result`` is ``answered`` (CONNECT), ``noanswer`` (RINGNOANSWER after ringing),
    ``busy`` (RINGNOANSWER 0: the device refused at once) or ``canceled``
    (RINGCANCELED: the caller left while it rang). ``uniqueid`` is the member
    channel's; for a Local member it is the ``;1`` half's, and the ``;2`` half and the
    phone it dials took the next two counters.
    """

    member: Member
    uniqueid: str
    start: int
    end: int
    result: str


@dataclass(slots=True)
class QueueVisit:
    """One ENTERQUEUE ... terminal-event stretch of a call, in one queue."""

    queue: str
    enter: int
    position: int
    answer: int | None = None
    end: int | None = None
    member: Member | None = None
    member_uniqueid: str | None = None
    ringtime: int = 0
    outcome: str = ""  # the terminal queue_log event
    transfer: Transfer | None = None
    offers: list[Offer] = field(default_factory=list)  # every ring, in order


@dataclass(slots=True)
class Call:
    """A caller's channel: ``uniqueid`` is the callid, CDR uniqueid and recording name."""

    uniqueid: str
    caller: str
    created: int  # channel creation (before the IVR), the epoch in the uniqueid
    visits: list[QueueVisit] = field(default_factory=list)


class QueueEvent(NamedTuple):
    """One queue_log record as data; ``data`` holds data1..dataN."""

    epoch: int
    callid: str
    queue: str
    agent: str
    event: str
    data: tuple[str, ...]


def render_queue_log(ev: QueueEvent) -> str:
    """Format an event the way ``ast_queue_log`` does (no trailing newline)."""
    return f"{ev[0]}|{ev[1]}|{ev[2]}|{ev[3]}|{ev[4]}|{'|'.join(ev[5])}"


def demo_members(
    count: int = 40,
    queues: Iterable[str] = ("sales", "support", "billing"),
    teams: Iterable[str] = ("Red", "Blue", "Green", "Gold"),
    seed: int = 7,
) -> list[Member]:
    """Make a believable floor: one primary queue per team, extra teams blended.

    Teams beyond the number of queues take calls from every queue; about a quarter
    of members are cross-trained on a second queue and about one in seven is a
    static (queues.conf) member, because real floors mix all three.
    """
    queues, teams = list(queues), list(teams)
    if not queues or not teams:
        raise ValueError("need at least one queue and one team")
    rng = random.Random(seed)
    names = [f"{f} {la}" for f in _FIRST for la in _LAST]
    rng.shuffle(names)
    if count > len(names):
        names += [f"Agent {i}" for i in range(count - len(names))]
    members = []
    for i in range(count):
        ti = i % len(teams)
        if ti < len(queues) or len(teams) <= len(queues):
            qs = [queues[ti % len(queues)]]
            if len(queues) > 1 and rng.random() < 0.25:
                qs.append(rng.choice([q for q in queues if q not in qs]))
        else:
            qs = list(queues)
        ext = 2001 + i
        iface = f"PJSIP/{ext}" if rng.random() < 0.55 else f"Local/{ext}@agents/n"
        members.append(Member(names[i], iface, teams[ti], qs, static=rng.random() < 0.15))
    return members
