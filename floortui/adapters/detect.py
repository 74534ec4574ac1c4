"""Tell what kind of log a file is from its first lines, and say so in words.

A supervisor points floortui at whatever the PBX left in /var/log/asterisk;
the importer must say which format and layout it read, and refuse a file of
the wrong kind with one clear message instead of quarantining every line.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from floortui.adapters.compressed import compression_of, read_start
from floortui.adapters.queue_log import is_realtime_header

_SAMPLE_BYTES = 64 * 1024
_SAMPLE_LINES = 40
_EVENT = re.compile(r"[A-Z][A-Z0-9_]+\Z")
_EPOCH = re.compile(r"\d{1,10}(\.\d+)?\Z")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}")
#: cdr_csv column counts and the options that produce them.
CDR_LAYOUTS = {
    16: "cdr_csv 16 columns",
    17: "cdr_csv 17 columns (loguniqueid)",
    18: "cdr_csv 18 columns (loguniqueid, loguserfield)",
    21: "cdr_csv 21 columns (newcdrcolumns)",
}


class FormatError(Exception):
    """The file is not a log floortui can read; the message says what it looks like."""


@dataclass(frozen=True)
class Detected:
    format: str  # queue_log | cdr | csv
    layout: str  # e.g. "flat file", "realtime table CSV", "cdr_csv 17 columns (loguniqueid)"
    columns: int | None = None  # cdr_csv: how many columns a row has
    #: gzip | xz | bzip2 for a rotated log logrotate compressed (None: plain text).
    compression: str | None = None

    def describe(self) -> str:
        if self.compression:
            return f"{self.format} ({self.layout}, {self.compression}-compressed)"
        return f"{self.format} ({self.layout})"


def _looks_like_queue_log_line(line: str) -> bool:
    fields = line.split("|")
    return len(fields) >= 5 and bool(_EPOCH.match(fields[0])) and bool(_EVENT.match(fields[4]))


def _cdr_date_columns(row: list[str]) -> bool:
    return len(row) >= 12 and bool(_DATETIME.match(row[9])) and bool(_DATETIME.match(row[11]))


REALTIME_NO_HEADER = "realtime table CSV without header"


def _realtime_row(row: list[str]) -> int:
    """How many leading columns precede the datetime in a headless realtime row (0 or 1), or -1."""
    for skip in (0, 1):
        if len(row) >= 5 + skip and _DATETIME.match(row[skip]) and _EVENT.match(row[skip + 4]):
            return skip
    return -1


def headless_realtime_width(rows: list[list[str]]) -> int:
    """For a realtime export without its header: its width (columns), or 0 if it is not one.

    The table's columns are `[id,] time, callid, queuename, agent, event, data1..data5`.
    """
    skips = [_realtime_row(row) for row in rows]
    if not rows or sum(s >= 0 for s in skips) * 2 < len(rows):
        return 0
    skip = max(set(skips), key=skips.count)
    return 10 + skip if skip >= 0 else 0


def detect_text(sample: str, name: str) -> Detected:
    """Detect from decoded text of the file's start."""
    lines = [line.rstrip("\r") for line in sample.split("\n")[:_SAMPLE_LINES] if line.strip()]
    if not lines:
        raise FormatError(f"{name}: the file is empty; nothing to import yet")
    if sum(map(_looks_like_queue_log_line, lines)) * 2 >= len(lines):
        return Detected("queue_log", "flat file")
    try:
        rows = [row for row in csv.reader(io.StringIO("\n".join(lines))) if row]
    except csv.Error:  # e.g. bare carriage returns: not a CSV floortui knows
        rows = []
    if rows and is_realtime_header(rows[0]):
        return Detected("queue_log", "realtime table CSV")
    headless = headless_realtime_width(rows)
    if headless:
        return Detected("queue_log", REALTIME_NO_HEADER, headless)
    # The width most rows share decides (a truncated row is set aside later).
    count, rows_of_width = Counter(map(len, rows)).most_common(1)[0] if rows else (0, 0)
    if (
        count in CDR_LAYOUTS
        and rows_of_width * 2 > len(rows)
        and sum(map(_cdr_date_columns, rows)) * 2 >= len(rows)
    ):
        return Detected("cdr", CDR_LAYOUTS[count], count)
    first = lines[0] if len(lines[0]) <= 80 else lines[0][:77] + "..."
    raise FormatError(
        f"{name}: not a queue_log or cdr_csv file (first line: {first!r}); "
        "for another CSV layout, describe its columns under sources: in config.yaml"
    )


def detect_file(path: Path) -> Detected:
    """Detect a file's format; FormatError for files floortui cannot read."""
    with open(path, "rb") as handle:
        sample = handle.read(_SAMPLE_BYTES)
    compression = compression_of(sample)
    if compression is not None:
        expanded, broke_off = read_start(path, compression, _SAMPLE_BYTES)
        if not expanded:
            raise FormatError(f"{path}: a {compression} file that does not expand (damaged)")
        try:
            detected = _detect_sample(expanded, path)
        except FormatError:
            if broke_off and b"\n" not in expanded:  # cut inside its first line: no whole
                raise FormatError(  # line to judge by, so the file is the fault, not its kind
                    f"{path}: a {compression} file that does not expand past its first line "
                    "(damaged or cut short)") from None  # fmt: skip
            raise
        return replace(detected, compression=compression)
    return _detect_sample(sample, path)


def _detect_sample(sample: bytes, path: Path) -> Detected:
    if len(sample) == _SAMPLE_BYTES and b"\n" in sample:
        sample = sample[: sample.rfind(b"\n") + 1]  # a line cut short would not parse
    # A crash can leave a run of NULs inside a real log; only a file that is
    # mostly binary is the wrong kind (its few bad lines are set aside instead).
    head = sample[:4096]
    text = sample.decode("utf-8", "replace")
    # Control bytes and bytes that are not UTF-8 (compressed files, audio) both count.
    binary = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    binary += text[: len(head)].count("\ufffd")
    if binary * 5 > len(head):
        raise FormatError(f"{path}: binary data, not a text log")
    return detect_text(text, str(path))
