"""Read Asterisk CDR CSV: cdr_csv's Master.csv (16, 17, 18 or 21 columns) or a mapped layout.

One row is one call leg, written when the leg ends; a queue call leaves one
`Queue` row per member it was offered to, all with the caller's uniqueid, so
calls are counted by uniqueid, never by rows. Times are the PBX's local time
unless it logs in UTC, so they are read in `day.timezone`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from floortui.adapters.csv_records import RecordCounts, csv_records
from floortui.vocabulary import CDR_FIELDS

#: cdr_csv's layouts: the first N of CDR_FIELDS.
CDR_CSV_WIDTHS = (16, 17, 18, 21)
_TIME_FIELDS = ("start", "answer", "end")
_NUMBER_FIELDS = ("duration", "billsec", "sequence")
DEFAULT_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


@dataclass(frozen=True)
class CdrLayout:
    """Which field each CSV column holds (None: ignored), and how times are written."""

    name: str
    columns: tuple[str | None, ...]
    time_format: str = DEFAULT_TIME_FORMAT
    header: bool = False

    @classmethod
    def cdr_csv(cls, width: int) -> CdrLayout:
        return cls(f"cdr_csv {width} columns", CDR_FIELDS[:width])


@dataclass
class ParsedCdr:
    """One batch of CDR rows ready for the store, and the rows set aside."""

    #: values in CDR_FIELDS order with times as epochs, then source_id, line_number
    rows: list[list] = field(default_factory=list)
    set_aside: list[tuple[int, str, str]] = field(default_factory=list)
    uniqueids: set[str] = field(default_factory=set)
    blank: int = 0  # empty lines
    joined: int = 0  # lines continuing a quoted field of the row before


def _epoch(text: str, time_format: str, tz: ZoneInfo) -> int | None:
    """Epoch seconds for a CDR time; None for an empty field. ValueError if unreadable."""
    text = text.strip()
    if not text:
        return None
    if time_format == DEFAULT_TIME_FORMAT and len(text) > 19 and text[19] == ".":
        text = text[:19]  # some versions log fractions of a second
    if time_format in ("epoch", "%s"):
        return _whole(text)
    stamp = dt.datetime.strptime(text, time_format)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=tz)
    return int(stamp.timestamp())


def _number(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    return _whole(text)


def _whole(text: str) -> int:
    """A whole number from a field that may have a fraction; ValueError for anything else,
    "inf" and "1e999" included (Python's float takes them, int cannot)."""
    try:
        return int(float(text))
    except OverflowError:
        raise ValueError(f"{text!r} is not a finite number") from None


def parse_cdr(text: str, first_line_number: int, source_id: int, layout: CdrLayout,
              tz: ZoneInfo, out: ParsedCdr, final: bool = True) -> int:  # fmt: skip
    """Parse complete CSV lines into `out`; returns the number of physical lines taken.

    Quoted fields may hold commas, doubled quotes (`""`) and line breaks;
    current Asterisk leaves numbers and empty dates unquoted. A row with the
    wrong number of columns, an unreadable time or number, or no start time is
    set aside, and so is a line that is not CSV (an unclosed quote, a field
    over the size limit), alone: the rows after it import. With `final` False,
    a record still open at the end is not taken (the next batch reads it).
    """
    width = len(layout.columns)
    counts = RecordCounts()

    def fits(row: list[str]) -> bool:
        return len(row) == width

    for line_number, row, raw, reason in csv_records(text, first_line_number, fits, counts,
                                                     final):  # fmt: skip
        if row is None:
            out.set_aside.append((line_number, raw, reason))
            continue
        raw = raw.rstrip("\r")
        if len(row) != width:
            out.set_aside.append(
                (line_number, raw, f"{len(row)} columns where {layout.name} has {width}")
            )
            continue
        values = dict.fromkeys(CDR_FIELDS)
        for name, cell in zip(layout.columns, row, strict=True):
            if name is not None:
                values[name] = cell
        try:
            for name in _TIME_FIELDS:
                if values[name] is not None:
                    values[name] = _epoch(values[name], layout.time_format, tz)
            for name in _NUMBER_FIELDS:
                if values[name] is not None:
                    values[name] = _number(values[name])
        except ValueError as exc:
            out.set_aside.append((line_number, raw, f"unreadable time or number ({exc})"))
            continue
        if values["start"] is None:
            out.set_aside.append((line_number, raw, "no start time"))
            continue
        if values["uniqueid"] and is_call_leg(values):
            out.uniqueids.add(values["uniqueid"])
        out.rows.append([*values.values(), source_id, line_number])
    out.blank, out.joined = counts.blank, counts.joined
    return text.count("\n") - counts.held


def is_call_leg(values: dict) -> bool:
    """Whether a row stands for a call rather than a member's side of one.

    A queue call's member leg (AppQueue) and the second half of a Local
    channel (`;2`) carry uniqueids of their own; counting them would count
    one call two or three times.
    """
    channel = values["channel"] or ""
    return values["lastapp"] != "AppQueue" and not channel.endswith(";2")


_CHANNEL_SUFFIX = re.compile(r"-[0-9a-fA-F]{8}(;[12])?$")


def interface_of_channel(channel: str) -> str | None:
    """The queue member interface a channel name belongs to.

    `PJSIP/2001-0000001a` → `PJSIP/2001`; `Local/1006@agents-0000004d;1` →
    `Local/1006@agents/n` (queue members on Local channels are added with /n).
    """
    if not channel or "/" not in channel:
        return None
    base = _CHANNEL_SUFFIX.sub("", channel)
    if base == channel and not channel.startswith("Local/"):
        return None
    if base.startswith("Local/") and not base.endswith("/n"):
        base += "/n"
    return base
