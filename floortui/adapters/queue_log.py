"""Parse Asterisk queue_log lines, as the flat file or the realtime table exported as CSV.

A line that cannot be an event (too few fields, a time that is not a time,
binary garbage) is set aside with its line number and the reason, and the rest
goes on; text that is merely not valid UTF-8 (a caller name in Latin-1) is kept
with the bad bytes replaced, because the event itself is sound.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from floortui.adapters.csv_records import RecordCounts, csv_records

_EVENT_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*\Z")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?\Z")
#: Epochs beyond this are typos or garbage, not times a phone system wrote (year 2286).
_MAX_EPOCH = 9_999_999_999
#: Control characters other than tab and newline: binary data where text should be.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")


@dataclass
class Parsed:
    """Lines of one batch as the deriver reads them, and the lines set aside.

    Storing the batch is a second, cheaper pass over the same text
    (`event_rows`), which may run in another process; `set_aside` and
    `time_fixes` are all it needs to agree with this pass line for line.
    """

    #: [time, callid, queue, agent, event, data]: time as epoch digits or int, data as written
    events: list[list] = field(default_factory=list)
    #: (line_number, raw text, reason)
    set_aside: list[tuple[int, str, str]] = field(default_factory=list)
    #: line number → epoch, for events whose time field was not plain epoch digits
    time_fixes: dict[int, int] = field(default_factory=dict)
    #: rows to store, when the text is not flat-file lines (the realtime CSV)
    rows: list[list] | None = None
    #: empty lines: counted, so that every line of a file is accounted for
    blank: int = 0
    #: realtime CSV: lines continuing a quoted field, and lines held for the next batch
    csv_counts: RecordCounts | None = None


def _control_chars(text: str) -> bool:
    return _CONTROL.search(text) is not None


def _bad_time(raw: str) -> str:
    shown = raw if len(raw) <= 40 else raw[:37] + "..."
    return f"time {shown!r} is not a Unix time in seconds"


def _time_of(raw: str, tz: ZoneInfo) -> int | str:
    """Epoch seconds from a time field, or the reason it is not one."""
    if raw.isdigit() and raw.isascii():
        value = int(raw)
        return value if value <= _MAX_EPOCH else _bad_time(raw)
    try:
        value = int(float(raw))  # some writers add fractions of a second
    except OverflowError:  # "inf", "1e999": a float, but no time
        return _bad_time(raw)
    except ValueError:
        if _DATETIME.match(raw):
            stamp = dt.datetime.fromisoformat(raw.replace(" ", "T"))
            return int(stamp.replace(tzinfo=tz).timestamp())
        return _bad_time(raw)
    return value if 0 <= value <= _MAX_EPOCH else _bad_time(raw)


def check_fields(fields: list[str], tz: ZoneInfo) -> int | str:
    """The event's time in epoch seconds, from all its fields; or why it is not an event."""
    count = len(fields)
    if count < 5:
        return f"too few fields ({count}; an event needs time|callid|queue|agent|event)"
    raw_time = fields[0]
    if raw_time.isdigit() and raw_time.isascii() and len(raw_time) <= 10:
        time = int(raw_time)
    else:
        time = _time_of(raw_time.strip(), tz)
        if isinstance(time, str):
            return time
    if not _EVENT_NAME.match(fields[4]):
        if _control_chars(fields[4]):
            return "binary data, not text"
        return f"event name {fields[4]!r} is not an event"
    return time


#: Maps every control byte other than tab and newline to NUL, for a fast "any?" check.
_CONTROL_TO_NUL = bytes(0 if (b < 32 and b not in (9, 10)) else b for b in range(256))


def has_control_bytes(raw: bytes) -> bool:
    """Whether raw log bytes hold binary garbage (translate + memchr, far faster than a regex)."""
    return b"\x00" in raw.translate(_CONTROL_TO_NUL)


def parse_text(text: str, first_line_number: int, tz: ZoneInfo, out: Parsed,
               check_control: bool | None = None) -> int:  # fmt: skip
    """Parse complete flat-file lines (text ending in a newline) into `out`; returns the count.

    Each event is [time, callid, queue, agent, event, data]: data stays as
    written (`a|b|c`, or None), split later only by what needs its fields.
    Line endings and control characters are checked once for the whole chunk
    (the caller may pass `check_control`, worked out on the raw bytes), so a
    clean chunk costs one split per line and little else.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if check_control is None:
        check_control = _CONTROL.search(text) is not None
    lines = text.split("\n")
    lines.pop()
    events = out.events
    set_aside = out.set_aside
    number = first_line_number - 1
    for line in lines:
        number += 1
        if not line:
            out.blank += 1
            continue
        if check_control and _CONTROL.search(line):
            set_aside.append((number, line, "binary data, not text"))
            continue
        fields = line.split("|", 5)
        raw_time = fields[0]
        # The common case is checked inline, as it runs for every line; its time
        # stays text (event_rows stores it the same way), ten digits: every other
        # time is worked out and listed in time_fixes. An event name with a space or
        # a symbol in it (`ENTER QUEUE`) takes the full check, which sets it aside.
        if not (
            len(fields) == 6 and raw_time.isdigit() and raw_time.isascii()
            and len(raw_time) == 10 and fields[4].isupper() and fields[4].isalnum()
        ):  # fmt: skip
            time = check_fields(line.split("|"), tz)
            if isinstance(time, str):
                set_aside.append((number, line, time))
                continue
            if len(fields) == 5:
                fields.append(None)
            fields[0] = time
            out.time_fixes[number] = time
        events.append(fields)
    return len(lines)


def event_line_numbers(text: str, first_line_number: int, skip: set[int]) -> list[int]:
    """The line number of each event `parse_text` read from `text`, in order.

    Only needed when some events are dropped after parsing (an implausible time,
    a line already imported), which is rare: the hot path never calls it.
    """
    numbers = []
    number = first_line_number - 1
    for line in text.split("\n")[:-1]:
        number += 1
        if line and line != "\r" and number not in skip:
            numbers.append(number)
    return numbers


def event_rows(text: str, first_line_number: int, source_id: int, skip: set[int],
               time_fixes: dict[int, int]) -> list[list]:  # fmt: skip
    """The rows to store for flat-file text that `parse_text` has read.

    [time, callid, queue, agent, event, data, source_id, line_number], with the
    lines `parse_text` set aside skipped and its times used where it had to
    work them out; a plain epoch stays text here and the column's INTEGER
    affinity stores it as a number.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    lines.pop()
    rows = []
    number = first_line_number - 1
    for line in lines:
        number += 1
        if not line or (skip and number in skip):
            continue
        fields = line.split("|", 5)
        if len(fields) == 5:
            fields.append(None)
        if time_fixes and number in time_fixes:
            fields[0] = time_fixes[number]
        fields.append(source_id)
        fields.append(number)
        rows.append(fields)
    return rows


# -- the realtime table, exported as CSV -------------------------------------

REALTIME_COLUMNS = ("time", "callid", "queuename", "agent", "event")
_REALTIME_ALIASES = {"queue": "queuename", "queue_name": "queuename", "created": "time"}


def is_realtime_header(row: list[str]) -> bool:
    """Whether a CSV header is the queue_log realtime table's (time, callid, queuename, ...)."""
    names = {_REALTIME_ALIASES.get(n.strip().lower(), n.strip().lower()) for n in row}
    return {"time", "callid", "agent", "event"} <= names and "queuename" in names


class RealtimeCsv:
    """Reads the MySQL/ODBC realtime queue_log table exported as CSV.

    Columns are found by name from the header (`time, callid, queuename, agent,
    event, data1..data5`, or one `data` column holding `a|b|c`); the time is a
    datetime in the PBX's timezone.
    """

    def __init__(self, header: list[str]) -> None:
        names = [_REALTIME_ALIASES.get(n.strip().lower(), n.strip().lower()) for n in header]
        self.width = len(names)
        self.index = {name: i for i, name in enumerate(names)}
        self.data_columns = [
            self.index[f"data{i}"] for i in range(1, 6) if f"data{i}" in self.index
        ]
        self.single_data = self.index.get("data") if not self.data_columns else None

    def fields(self, row: list[str]) -> list[str]:
        """The row as flat-file fields: time, callid, queue, agent, event, data..."""
        index = self.index
        fields = [row[index[name]] if index[name] < len(row) else "" for name in REALTIME_COLUMNS]
        if self.single_data is not None:
            fields.extend((row[self.single_data] if self.single_data < len(row) else "").split("|"))
        else:
            fields.extend(row[i] if i < len(row) else "" for i in self.data_columns)
        while len(fields) > 5 and fields[-1] == "":
            fields.pop()
        return fields


def parse_realtime_rows(text: str, first_line_number: int, source_id: int, tz: ZoneInfo,
                        layout: RealtimeCsv, out: Parsed, final: bool = True) -> int:  # fmt: skip
    """Parse CSV records (no header) into `out`, rows included; returns the lines taken.

    Line numbers count physical lines; a broken record is set aside alone (see
    csv_records), and with `final` False a record open at the end is left for
    the next batch (not counted in the lines taken).
    """
    out.rows = rows = []
    counts = out.csv_counts = RecordCounts()
    width = layout.width

    def whole(row: list[str]) -> bool:  # a row spanning lines must have every column
        return len(row) == width

    for line_number, row, raw, reason in csv_records(text, first_line_number, whole, counts,
                                                     final):  # fmt: skip
        if row is None:
            out.set_aside.append((line_number, raw, reason))
            continue
        if not len(REALTIME_COLUMNS) <= len(row) <= width + 1:
            out.set_aside.append(
                (line_number, raw.rstrip("\r"), f"{len(row)} columns where the header has {width}")
            )
            continue
        fields = layout.fields(row)
        time = check_fields(fields, tz)
        if isinstance(time, str):
            out.set_aside.append((line_number, raw.rstrip("\r"), time))
            continue
        data = "|".join(fields[5:]) if len(fields) > 5 else None
        event = [time, *fields[1:5], data]
        out.events.append(event)
        rows.append([*event, source_id, line_number])
    out.blank = counts.blank
    return text.count("\n") - counts.held
