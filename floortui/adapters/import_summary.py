"""What one run of the importer did to one file, in the words the CLI and the app show."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from floortui.adapters.detect import Detected


@dataclass
class ImportSummary:
    """What one run of the importer did to one file.

    Every line read is accounted for: lines_read = imported + set_aside +
    blank + already_imported + joined (lines that continue a CSV row's quoted
    field, which imports as one row).
    """

    path: str
    detected: Detected
    lines_read: int = 0
    imported: int = 0
    set_aside: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    resumed_at_line: int = 0
    partial_line_waiting: bool = False
    source_id: int | None = None
    note: str | None = None  # something a person should know about this file
    calls: int | None = None  # CDR: distinct uniqueids, the calls behind the rows
    linked: int | None = None  # CDR: of those, calls queue_log knows
    blank: int = 0  # empty lines: counted, never silently skipped
    already_imported: int = 0  # lines stored before from another file
    already_from: Counter[str] = field(default_factory=Counter)  # that file's path → lines
    joined: int = 0  # CSV: lines continuing a quoted field of the row before

    def add(self, lines_read: int, imported: int, set_aside: list[tuple[int, str, str]],
            blank: int = 0) -> None:  # fmt: skip
        """Count one batch."""
        self.lines_read += lines_read
        self.imported += imported
        self.set_aside += len(set_aside)
        self.blank += blank
        self.reasons.update(reason_kind(reason) for _, _, reason in set_aside)

    def describe(self) -> str:
        parts = [f"{self.path}: {self.detected.describe()}"]
        if self.calls is not None:
            parts.append(
                f"{self.calls:,} {'call' if self.calls == 1 else 'calls'} by uniqueid, "
                f"{self.linked or 0:,} of them in queue_log"
            )
        if self.note:
            parts.append(self.note)
        if self.resumed_at_line:
            parts.append(f"resumed after line {self.resumed_at_line:,}")
        lines = "line" if self.imported == 1 else "lines"
        counted = f"{self.imported:,} {lines} imported, {self.set_aside:,} set aside"
        if self.blank:
            counted += f", {self.blank:,} blank"
        parts.append(counted)
        text = "; ".join(parts)
        if self.reasons:
            worst = ", ".join(
                f"{count} × {reason}" for reason, count in self.reasons.most_common(3)
            )
            text += f" ({worst})"
        if self.already_imported:
            where = ", ".join(path for path, _ in self.already_from.most_common(3))
            lines = "line" if self.already_imported == 1 else "lines"
            text += f"; {self.already_imported:,} {lines} already imported from {where}"
        if self.joined:
            text += f"; {self.joined:,} more lines inside quoted fields"
        if self.partial_line_waiting:
            text += "; the last line has no newline yet and waits"
        return text


def reason_kind(reason: str) -> str:
    """Group set-aside reasons for the summary ('time 'x' is not ...' → 'bad time')."""
    if reason.startswith("time "):
        return "bad time"
    if reason.startswith("event name"):
        return "bad event name"
    return reason.split(" (")[0]
