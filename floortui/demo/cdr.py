"""Render the simulated floor's calls as Asterisk `cdr_csv` rows (Master.csv, loguniqueid=yes).

The demo floor ships a CDR next to its queue_log so that the joins a real site
relies on can be shown and tested: the caller's `Queue` rows carry the queue_log
callid as uniqueid, their `dstchannel` names the member's channel, and the
member's own leg carries CONNECT's member uniqueid. Together they tell which
interface (`PJSIP/2001`, `Local/2004@agents/n`) belongs to which member name,
the link queue_log never writes.

How a queue call is written (see shared/formats/asterisk-cdr-csv.md):

- one `Queue` row per member the call was offered to, all with the caller's
  uniqueid: NO ANSWER (BUSY for a device that refused at once) for each miss,
  then ANSWERED for the member who took it; a stay in a queue that nobody
  answered ends with a NO ANSWER row and an empty answer time;
- the rows of one caller follow each other: each starts where the previous one
  ended (the first at channel creation), so their durations add up to the
  caller channel's life;
- the answering member's own leg (`AppQueue`, `(Outgoing Line)`), whose uniqueid
  is CONNECT's member uniqueid and whose channel is the caller row's dstchannel;
- now and then the `;2` half of a Local member channel, answered at once and
  still NO ANSWER when the member did not pick up.

Rows are written in the order their legs ended, as Asterisk does. Pure Python:
which rows get a Local half and which caller name goes with a number follow from
the uniqueid and the number, so the same calls always give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterable, Mapping, Sequence
from os import PathLike
from typing import NamedTuple
from zoneinfo import ZoneInfo

from floortui.demo.simulate import Call, Offer, QueuePlan, QueueVisit, queue_plan

#: The caller's side: calls come in on one SIP trunk.
TRUNK = "PJSIP/trunk"
INBOUND_CONTEXT = "from-pstn"
TRANSFER_CONTEXT = "queues"  # where the simulator's blind transfers to a queue go
AGENT_CONTEXT = "agents"  # the context Local/20xx@agents/n members dial through
AMAFLAGS = "DOCUMENTATION"
#: One Local member ring in this many also logs the row of its ;2 half.
LOCAL_HALF_EVERY = 4

# CNAM as carriers deliver it: a city for a landline, a surname for some, often nothing useful.
_CITIES = {
    "212": "NEW YORK    NY", "312": "CHICAGO     IL", "415": "SN FRANCISCO CA",
    "617": "BOSTON      MA", "702": "LAS VEGAS   NV", "305": "MIAMI       FL",
    "206": "SEATTLE     WA", "512": "AUSTIN      TX", "404": "ATLANTA     GA",
    "720": "DENVER      CO",
}  # fmt: skip
_SURNAMES = (
    "SMITH J", "JOHNSON M", "WILLIAMS R", "BROWN K", "O'NEILL P", "GARCIA L", "MILLER D",
    "DAVIS A", "RODRIGUEZ C", "WILSON T", "NGUYEN H", "KIM S", "PATEL R", "COHEN E",
)  # fmt: skip


class CdrRow(NamedTuple):
    """One cdr_csv row before formatting; times are epochs, answer None when unanswered."""

    accountcode: str
    src: str
    dst: str
    dcontext: str
    clid: str
    channel: str
    dstchannel: str
    lastapp: str
    lastdata: str
    start: int
    answer: int | None
    end: int
    disposition: str
    amaflags: str
    uniqueid: str

    @property
    def duration(self) -> int:
        return self.end - self.start

    @property
    def billsec(self) -> int:
        return 0 if self.answer is None else self.end - self.answer


def _counter(uniqueid: str) -> int:
    """The channel counter in `<epoch>.<counter>`."""
    return int(uniqueid.rpartition(".")[2])


def _epoch_of(uniqueid: str) -> str:
    return uniqueid.partition(".")[0]


def member_extension(interface: str) -> str:
    """`PJSIP/2001` → `2001`; `Local/2004@agents/n` → `2004`."""
    return interface.partition("/")[2].partition("@")[0]


def channel_name(interface: str, uniqueid: str) -> str:
    """The channel Asterisk creates to ring `interface`, named from its uniqueid's counter.

    `PJSIP/2001` → `PJSIP/2001-0000001a`; `Local/2004@agents/n` →
    `Local/2004@agents-0000004d;1` (the half the queue talks to: its uniqueid is
    the one CONNECT logs).
    """
    suffix = f"{_counter(uniqueid):08x}"
    if interface.startswith("Local/"):
        return f"{interface.removesuffix('/n')}-{suffix};1"
    return f"{interface}-{suffix}"


def caller_clid(number: str) -> str:
    """The caller id as cdr_csv's clid shows it: `"Name" <number>`, empty when none was sent."""
    if not number:
        return ""
    if number == "anonymous":
        return '"Anonymous" <anonymous>'
    pick = zlib.crc32(number.encode("ascii"))
    if pick % 3 == 0:
        name = _CITIES.get(number[:3], "WIRELESS CALLER")
    elif pick % 3 == 1:
        name = _SURNAMES[pick // 3 % len(_SURNAMES)]
    else:
        name = "WIRELESS CALLER"
    return f'"{name}" <{number}>'


def call_rows(call: Call, plans: Mapping[str, QueuePlan]) -> list[CdrRow]:
    """Every CDR row one finished call leaves, in the order they were created."""
    rows: list[CdrRow] = []
    clid = caller_clid(call.caller)
    channel = f"{TRUNK}-{_counter(call.uniqueid):08x}"
    since = call.created
    dst, dcontext = plans[call.visits[0].queue].extension, INBOUND_CONTEXT
    previous: QueueVisit | None = None
    for visit in call.visits:
        plan = plans[visit.queue]
        if previous is not None and previous.outcome != "EXITWITHTIMEOUT":
            dst, dcontext = plan.extension, TRANSFER_CONTEXT  # transferred, not overflowed
        head = (visit.queue, call.caller, dst, dcontext, clid, channel)
        app = ("Queue", f"{visit.queue},t,,,{plan.timeout}")
        tail = (AMAFLAGS, call.uniqueid)
        end = visit.end if visit.end is not None else since
        for offer in visit.offers:
            member_channel = channel_name(offer.member.interface, offer.uniqueid)
            if offer.result == "answered":
                times = (since, offer.end, end)
                rows.append(CdrRow(*head, member_channel, *app, *times, "ANSWERED", *tail))
                rows.append(_member_leg(call, offer, member_channel, channel, clid, end))
                rows.extend(_local_half(call, offer, clid, offer.end, end, "ANSWERED"))
                since = end
            else:
                disposition = "BUSY" if offer.result == "busy" else "NO ANSWER"
                times = (since, None, offer.end)
                rows.append(CdrRow(*head, member_channel, *app, *times, disposition, *tail))
                rows.extend(_local_half(call, offer, clid, offer.start, offer.end, "NO ANSWER"))
                since = offer.end
        if visit.answer is None and (since < end or not visit.offers):
            rows.append(CdrRow(*head, "", *app, since, None, end, "NO ANSWER", *tail))
            since = end
        previous = visit
    return rows


def _member_leg(call: Call, offer: Offer, member_channel: str, caller_channel: str,
                clid: str, end: int) -> CdrRow:  # fmt: skip
    """The answering member's channel as its own CDR: its uniqueid is CONNECT's."""
    ext = member_extension(offer.member.interface)
    head = ("", call.caller, ext, AGENT_CONTEXT, clid, member_channel, caller_channel)
    app = ("AppQueue", "(Outgoing Line)")
    return CdrRow(*head, *app, offer.start, offer.end, end, "ANSWERED", AMAFLAGS, offer.uniqueid)


def _local_half(call: Call, offer: Offer, clid: str, answer: int, end: int,
                disposition: str) -> list[CdrRow]:  # fmt: skip
    """The `;2` half of a Local member channel, for one ring in LOCAL_HALF_EVERY.

    The half is answered as soon as its dialplan runs, so even a ring nobody
    picked up shows an answer time (equal to start) and ends NO ANSWER.
    """
    interface = offer.member.interface
    counter = _counter(offer.uniqueid)
    if not interface.startswith("Local/") or counter % LOCAL_HALF_EVERY:
        return []
    ext = member_extension(interface)
    epoch = _epoch_of(offer.uniqueid)
    half = channel_name(interface, offer.uniqueid).removesuffix(";1") + ";2"
    phone = f"PJSIP/{ext}-{counter + 2:08x}"
    head = ("", call.caller, ext, AGENT_CONTEXT, clid, half, phone, "Dial", f"PJSIP/{ext},,t")
    return [
        CdrRow(*head, offer.start, answer, end, disposition, AMAFLAGS, f"{epoch}.{counter + 1}")
    ]


def cdr_rows(calls: Iterable[Call], queues: Sequence[str]) -> list[CdrRow]:
    """Every row of every call, in the order Asterisk writes them: by the time the leg ended."""
    plans = queue_plan(queues)
    rows = [row for call in calls for row in call_rows(call, plans)]
    rows.sort(key=lambda row: row.end)  # stable: legs ending together keep their order
    return rows


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def render_cdr_row(row: CdrRow, tz: ZoneInfo) -> str:
    """One Master.csv line (no newline) as current cdr_csv writes it with loguniqueid=yes.

    Text and times are quoted with inner quotes doubled; duration, billsec and an
    empty answer time are not.
    """

    def when(epoch: int | None) -> str:
        if epoch is None:
            return ""
        return _quoted(dt.datetime.fromtimestamp(epoch, tz).strftime("%Y-%m-%d %H:%M:%S"))

    text = (row.accountcode, row.src, row.dst, row.dcontext, row.clid, row.channel,
            row.dstchannel, row.lastapp, row.lastdata)  # fmt: skip
    return ",".join(
        (
            *map(_quoted, text),
            when(row.start),
            when(row.answer),
            when(row.end),
            str(row.duration),
            str(row.billsec),
            _quoted(row.disposition),
            _quoted(row.amaflags),
            _quoted(row.uniqueid),
        )
    )


def write_master_csv(path: str | PathLike[str], rows: Iterable[CdrRow],
                     timezone: str = "UTC") -> int:  # fmt: skip
    """Write rows as Master.csv (UTF-8, `\\n` endings) in the PBX's local time; return the count."""
    tz = ZoneInfo(timezone)
    n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(render_cdr_row(row, tz) + "\n")
            n += 1
    return n
