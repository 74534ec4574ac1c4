"""The day's lost calls as a table: who to ring back, who was reached later, who was called back.

Rows are keyed by the entry itself (caller uniqueid, queue, entry time), not
the store's row id, so a read after new lines (or after the calls were
derived again) keeps the cursor on the same caller.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from rich.text import Text
from textual.widgets import DataTable

from floortui.domain.calls import duration
from floortui.domain.lost_calls import LOST_LABELS, LostCall

#: (key, header) in the order shown: whom to ring and whether that is done come first,
#: so an 80-column window shows them; how the call was lost follows.
COLUMNS = (
    ("time", "time"), ("queue", "queue"), ("caller", "caller"), ("reached", "reached"),
    ("called_back", "called back"), ("wait", "wait"), ("position", "pos (in)"),
    ("outcome", "outcome"),
)  # fmt: skip
NOT_CALLABLE = "not callable"


def row_key(call: LostCall) -> str:
    return f"{call.callid}|{call.queue}|{call.entered_at}"


def position_text(call: LostCall) -> str:
    """Where the caller was when they left, and (when it differs) where they joined."""
    if call.position is None:
        return ""
    if call.original_position is None or call.original_position == call.position:
        return str(call.position)
    return f"{call.position} ({call.original_position})"


def caller_cell(call: LostCall) -> Text:
    if call.callable:
        return Text(call.caller or "")
    shown = call.caller or "no number"
    return Text.assemble((shown, "dim"), " · ", (NOT_CALLABLE, "italic"))


def called_back_text(call: LostCall, tz: ZoneInfo) -> str:
    """Who called back and when: the date too only when it was not the day of the call."""
    mark = call.callback
    if mark is None:
        return ""
    at = dt.datetime.fromtimestamp(mark.written_at, tz)
    called = dt.datetime.fromtimestamp(call.entered_at, tz)
    at = at.strftime("%H:%M" if at.date() == called.date() else "%d %b %H:%M")
    again = f" ×{mark.attempts}" if mark.attempts > 1 else ""
    return f"✓ {mark.written_by} {at}{again}"


def cells(call: LostCall, tz: ZoneInfo) -> tuple:
    clock = dt.datetime.fromtimestamp(call.entered_at, tz).strftime("%H:%M:%S")
    reached = ""
    if call.reached_at is not None:
        reached = "✓ " + dt.datetime.fromtimestamp(call.reached_at, tz).strftime("%H:%M")
    return (
        clock, call.queue, caller_cell(call), reached, called_back_text(call, tz),
        duration(call.wait_s), position_text(call), LOST_LABELS.get(call.outcome, call.outcome),
    )  # fmt: skip


class LostTable(DataTable):
    """One row per lost call, oldest first; the cursor stays on its caller across reads."""

    def __init__(self, tz: ZoneInfo, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self._tz = tz
        self.calls: list[LostCall] = []
        self._by_key: dict[str, LostCall] = {}
        self._cells: dict[str, tuple] = {}

    def on_mount(self) -> None:
        for key, label in COLUMNS:
            self.add_column(label, key=key)

    def show(self, calls: list[LostCall]) -> None:
        """Show `calls`, keeping the cursor on the same caller when they are still listed.

        While the day goes on a read mostly brings the same rows plus a few new
        ones at the end: then only the cells that changed are rewritten and the
        new rows appended, so a long day's list does not redraw every second.
        """
        current = self.cursor_call()
        keys = [row_key(call) for call in calls]
        shown = [row_key(call) for call in self.calls]
        rows = {key: cells(call, self._tz) for key, call in zip(keys, calls, strict=True)}
        if keys[: len(shown)] == shown:
            for key in shown:
                for (column, _), old, new in zip(COLUMNS, self._cells[key], rows[key],
                                                 strict=True):  # fmt: skip
                    if old != new:
                        self.update_cell(key, column, new)
            for key in keys[len(shown) :]:
                self.add_row(*rows[key], key=key)
        else:
            self.clear()
            for key in keys:
                self.add_row(*rows[key], key=key)
            if current is not None and row_key(current) in rows:
                self.move_cursor(row=self.get_row_index(row_key(current)))
        self.calls = list(calls)
        self._by_key = dict(zip(keys, self.calls, strict=True))
        self._cells = rows

    def cursor_call(self) -> LostCall | None:
        """The lost call under the cursor, or None on an empty table."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return self._by_key.get(key)
