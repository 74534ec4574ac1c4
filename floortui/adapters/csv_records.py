"""CSV records from complete lines, where one broken row never costs another.

The csv module reading a whole file stops at its first error (a field longer
than its limit) and lets an unclosed quote swallow the rows after it. Here each
record is checked as it comes: a quoted field may span at most MAX_JOINED_LINES
more lines, and only when the result has a width the caller accepts; otherwise
just the record's first line is set aside, with its own text and line number,
and reading starts again on the line after it.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass

#: A quoted field (a note, a userfield) may hold this many line breaks.
MAX_JOINED_LINES = 8
#: Longer fields are set aside: no CDR or queue_log field is a megabyte of text.
MAX_FIELD_CHARS = 1024 * 1024
#: How much of an oversized line is kept in quarantine.
_KEPT_CHARS = 4096

# The module's default (131,072 characters) is below what a long lastdata can hold.
if csv.field_size_limit() < MAX_FIELD_CHARS:
    csv.field_size_limit(MAX_FIELD_CHARS)


@dataclass
class RecordCounts:
    """What the reader saw besides records: blank lines, joined lines, lines held back."""

    blank: int = 0
    joined: int = 0  # lines that continue a quoted field of the record before
    held: int = 0  # lines at the end that may be an unfinished record: read them next time


def _kept(line: str) -> str:
    """A line as kept in quarantine: an oversized one shortened, saying how long it was."""
    line = line.rstrip("\r")
    if len(line) <= _KEPT_CHARS:
        return line
    return line[:_KEPT_CHARS] + f"… ({len(line):,} characters in all)"


def csv_records(text: str, first_line_number: int, fits: Callable[[list[str]], bool],
                counts: RecordCounts, final: bool = True
                ) -> Iterator[tuple[int, list[str] | None, str, str | None]]:  # fmt: skip
    """(line number, row, the line's text, None) per record, (line number, None, text,
    reason) per line set aside.

    `text` is complete lines. `fits` says whether a row has a width the caller
    can use: a record spanning lines must fit to be believed. With `final`
    False, a record still open at the end is held back (`counts.held` lines)
    for the next call, which has the lines after it.
    """
    lines = text.split("\n")
    lines.pop()
    count = len(lines)
    start = 0
    while start < count:
        reader = csv.reader(_with_newlines(lines, start))
        base = start
        try:
            for row in reader:
                end = base + reader.line_num
                first, start = start, end
                if not row or (len(row) == 1 and not row[0].strip()):
                    counts.blank += end - first
                    continue
                spans = end - first
                # The input ran out inside a quoted field: its text ends with our newline.
                still_open = end == count and row[-1].endswith("\n")
                if (
                    not final
                    and end == count
                    and spans <= MAX_JOINED_LINES
                    and (still_open or not fits(row))
                ):
                    counts.held = count - first  # perhaps a quoted field the next lines close
                    return
                if spans == 1 and not still_open:
                    yield first_line_number + first, row, lines[first], None
                    continue
                if spans > 1 + MAX_JOINED_LINES or still_open or not fits(row):
                    reason = "unclosed quote (the row would take the lines after it)"
                    yield first_line_number + first, None, _kept(lines[first]), reason
                    start = first + 1
                    break
                counts.joined += spans - 1
                yield first_line_number + first, row, lines[first], None
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                reason = (
                    f"a field longer than {MAX_FIELD_CHARS:,} characters (the line has "
                    f"{len(lines[start]):,})"
                )
            else:
                reason = f"not CSV ({exc})"
            yield first_line_number + start, None, _kept(lines[start]), reason
            start += 1


def _with_newlines(lines: list[str], start: int) -> Iterator[str]:
    for i in range(start, len(lines)):
        yield lines[i] + "\n"
