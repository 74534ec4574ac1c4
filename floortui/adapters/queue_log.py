"""Parse Asterisk queue_log lines, as the flat file or the realtime table exported as CSV.

A line that cannot be an event (too few fields, a time that is not a time,
binary garbage) is set aside with its line number and the reason, and the rest
goes on; text that is merely not valid UTF-8 (a caller name in Latin-1) is kept
with the bad bytes replaced, because the event itself is sound.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

#: The columns of a stored event after time: callid, queue, agent, event, data1..5, extra.
FIELDS = 10
_PADS = [[None] * (FIELDS + 1 - n) for n in range(FIELDS + 1)]
_EVENT_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*\Z")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?\Z")
#: Epochs beyond this are typos or garbage, not times a phone system wrote (year 2286).
_MAX_EPOCH = 9_999_999_999


@dataclass
class Parsed:
    """Lines of one batch: events ready to store, and lines set aside."""

    #: [time, callid, queue, agent, event, data1..data5, extra, source_id, line_number]
    events: list[list] = field(default_factory=list)
    #: (line_number, raw text, reason)
    set_aside: list[tuple[int, str, str]] = field(default_factory=list)


def _control_chars(text: str) -> bool:
    return any(ch < " " and ch != "\t" for ch in text)


def _bad_time(raw: str) -> str:
    shown = raw if len(raw) <= 40 else raw[:37] + "..."
    return f"time {shown!r} is not a Unix time in seconds"


def _time_of(raw: str, tz: ZoneInfo) -> int | str:
    """Epoch seconds from a time field, or the reason it is not one."""
    if raw.isdigit():
        value = int(raw)
        return value if value <= _MAX_EPOCH else _bad_time(raw)
    try:
        value = int(float(raw))  # some writers add fractions of a second
    except ValueError:
        if _DATETIME.match(raw):
            stamp = dt.datetime.fromisoformat(raw.replace(" ", "T"))
            return int(stamp.replace(tzinfo=tz).timestamp())
        return _bad_time(raw)
    return value if 0 <= value <= _MAX_EPOCH else _bad_time(raw)


def check_fields(fields: list[str], tz: ZoneInfo) -> str | None:
    """Make `fields` a stored event in place (time as int, padded); or say why it is not one."""
    count = len(fields)
    if count < 5:
        return f"too few fields ({count}; an event needs time|callid|queue|agent|event)"
    raw_time = fields[0]
    if raw_time.isdigit() and len(raw_time) <= 10:
        fields[0] = int(raw_time)
    else:
        value = _time_of(raw_time.strip(), tz)
        if isinstance(value, str):
            return value
        fields[0] = value
    if not _EVENT_NAME.match(fields[4]):
        if _control_chars(fields[4]):
            return "binary data, not text"
        return f"event name {fields[4]!r} is not an event"
    if count > FIELDS:
        fields[FIELDS:] = ["|".join(fields[FIELDS:])]
    else:
        fields.extend(_PADS[count])
    return None


def parse_lines(lines: Iterable[str], first_line_number: int, source_id: int, tz: ZoneInfo,
                out: Parsed) -> int:  # fmt: skip
    """Parse flat-file lines into `out`; returns the number of lines consumed."""
    events = out.events
    set_aside = out.set_aside
    number = first_line_number - 1
    for line in lines:
        number += 1
        if not line or line == "\r":
            continue
        if line[-1] == "\r":
            line = line[:-1]
        if not line.isprintable() and _control_chars(line):
            set_aside.append((number, line, "binary data, not text"))
            continue
        fields = line.split("|")
        count = len(fields)
        raw_time = fields[0]
        if (
            count >= 5
            and count <= FIELDS
            and raw_time.isdigit()
            and len(raw_time) <= 10
            and (fields[4].isupper())
        ):
            # The common case, checked inline because it runs for every line.
            fields[0] = int(raw_time)
            fields.extend(_PADS[count])
        else:
            reason = check_fields(fields, tz)
            if reason is not None:
                set_aside.append((number, line, reason))
                continue
        fields.append(source_id)
        fields.append(number)
        events.append(fields)
    return number - first_line_number + 1


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
                        layout: RealtimeCsv, out: Parsed) -> None:  # fmt: skip
    """Parse CSV records (no header) into `out`; line numbers count physical lines."""
    reader = csv.reader(io.StringIO(text, newline=""))
    number = first_line_number
    for row in reader:
        line_number = number
        number = first_line_number + reader.line_num
        if not row or all(not cell for cell in row):
            continue
        raw = ",".join(row)
        if len(row) < len(REALTIME_COLUMNS) or len(row) > layout.width + 1:
            out.set_aside.append(
                (line_number, raw, f"{len(row)} columns where the header has {layout.width}")
            )
            continue
        fields = layout.fields(row)
        reason = check_fields(fields, tz)
        if reason is not None:
            out.set_aside.append((line_number, raw, reason))
            continue
        fields.append(source_id)
        fields.append(line_number)
        out.events.append(fields)
