"""The review queue's tables: the day's sampled calls, and a caller's calls for a complaint.

Rows are keyed by the sample's id (a caller's call: its uniqueid and queue),
so a read after a claim keeps the cursor on the same call, and only cells
whose words changed are rewritten (a claim changes one status cell).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from zoneinfo import ZoneInfo

from rich.text import Text
from textual.widgets import DataTable

from floortui.domain.calls import duration
from floortui.domain.review import ReviewStatus
from floortui.domain.review_queue import CallerCall, QueueItem

QUEUE_COLUMNS = (
    ("time", "time"), ("member", "member"), ("queue", "queue"), ("talk", "talk"),
    ("status", "status"), ("reviewer", "for"), ("why", "why sampled"),
)  # fmt: skip
CALLER_COLUMNS = (
    ("time", "time"), ("caller", "caller"), ("member", "member"), ("queue", "queue"),
    ("talk", "talk"), ("recording", "recording"), ("sampled", "sampled"),
)  # fmt: skip
_STYLE = {ReviewStatus.NEW: "", ReviewStatus.IN_PROGRESS: "bold", ReviewStatus.DONE: "dim"}


def _clock(epoch: int | None, tz: ZoneInfo) -> str:
    return dt.datetime.fromtimestamp(epoch, tz).strftime("%H:%M:%S") if epoch else ""


def status_text(item: QueueItem, me: str | None) -> Text:
    """`new`, `in progress · Lena Wolff` (`· you`), `done · Arjun Mehta`."""
    who = None
    if item.status is ReviewStatus.IN_PROGRESS:
        who = "you" if item.holder == me else item.holder
    elif item.status is ReviewStatus.DONE and item.done is not None:
        who = "you" if item.done.by == me else item.done.by
    text = Text(str(item.status), _STYLE[item.status])
    if who:
        text.append(f" · {who}", _STYLE[item.status])
    return text


def queue_cells(item: QueueItem, tz: ZoneInfo, me: str | None) -> tuple:
    call = item.call
    mark = "▸ " if item.mine else "  "
    return (
        mark + _clock(call.answered_at, tz), call.member, call.queue, duration(call.talk_s),
        status_text(item, me), call.reviewer or "nobody", call.reason,
    )  # fmt: skip


def caller_cells(call: CallerCall, tz: ZoneInfo) -> tuple:
    return (
        _clock(call.entered_at, tz), call.caller, call.member or "", call.queue,
        duration(call.talk_s) if call.answered_at else "not answered",
        "yes" if call.recorded else "none", "yes" if call.sample_id is not None else "",
    )  # fmt: skip


class KeyedTable(DataTable):
    """A row-cursor table shown from a list of items, each with a stable key."""

    def __init__(self, columns: Sequence[tuple[str, str]], **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self._columns = columns
        self._by_key: dict[Hashable, object] = {}
        self._cells: dict[Hashable, tuple] = {}
        self._order: list[Hashable] = []

    def on_mount(self) -> None:
        for key, label in self._columns:
            self.add_column(label, key=key)

    def show_rows(self, items: Sequence, key: Callable[[object], Hashable],
                  cells: Callable[[object], tuple]) -> None:  # fmt: skip
        """Show `items`; the same keys in the same order rewrite only the changed cells."""
        keys = [str(key(item)) for item in items]
        rows = {k: cells(item) for k, item in zip(keys, items, strict=True)}
        current = self.cursor_item()
        current_key = None if current is None else str(key(current))
        if keys == self._order:
            for k in keys:
                for (column, _), old, new in zip(self._columns, self._cells[k], rows[k],
                                                 strict=True):  # fmt: skip
                    if old != new:
                        self.update_cell(k, column, new)
        else:
            self.clear()
            for k in keys:
                self.add_row(*rows[k], key=k)
            if current_key in rows:
                self.move_cursor(row=self.get_row_index(current_key))
        self._order = keys
        self._by_key = dict(zip(keys, items, strict=True))
        self._cells = rows

    def ordered_keys(self) -> list[str]:
        """The rows' keys, top to bottom."""
        return list(self._order)

    def cursor_item(self):
        """The item under the cursor, or None on an empty table."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return self._by_key.get(key)


class ReviewTable(KeyedTable):
    """The day's sampled calls: the reviewer's own first (marked ▸), then everyone else's."""

    def __init__(self, tz: ZoneInfo, **kwargs) -> None:
        super().__init__(QUEUE_COLUMNS, **kwargs)
        self._tz = tz

    def show(self, items: Sequence[QueueItem], me: str | None) -> None:
        self.show_rows(items, lambda i: i.call.id, lambda i: queue_cells(i, self._tz, me))


class CallerTable(KeyedTable):
    """A caller's calls of the day, newest first: the one a complaint is about is among them."""

    def __init__(self, tz: ZoneInfo, **kwargs) -> None:
        super().__init__(CALLER_COLUMNS, **kwargs)
        self._tz = tz

    def show(self, calls: Sequence[CallerCall]) -> None:
        self.show_rows(calls, lambda c: (c.callid, c.queue, c.entered_at),
                       lambda c: caller_cells(c, self._tz))  # fmt: skip
