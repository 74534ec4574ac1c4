"""The list of calls: newest first, following new calls like `tail -f`, open calls ticking.

Rows are keyed by call id. A read that brings the same rows only rewrites the
cells that changed, so the cursor and the view stay where the reader left
them; a read with new rows redraws the list with the cursor on the same call.
Each second the waits of callers still waiting and the talk of calls still
going on are advanced from the data's clock, with no read of the store.
"""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from textual.binding import Binding
from textual.widgets import DataTable

from floortui.domain.calls import duration, outcome_label, recording_marks, when

#: (key, header) in the order shown: what a supervisor needs first, ids last.
COLUMNS = (
    ("entered", "entered"), ("queue", "queue"), ("caller", "caller"), ("wait", "wait"),
    ("member", "member"), ("talk", "talk"), ("rec", "rec"), ("outcome", "outcome"),
    ("answered", "answered"), ("callid", "callid"),
)  # fmt: skip


class CallTable(DataTable):
    """The Calls screen's list; Home goes to the newest call and follows from there."""

    BINDINGS = [Binding("home", "screen.newest", "Newest", show=False)]

    def __init__(self, tz: ZoneInfo, now: Callable[[], int | None], **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self._tz = tz
        self._clock = now
        self.calls: list[dict] = []
        self._open: dict[str, dict] = {}

    def on_mount(self) -> None:
        for key, label in COLUMNS:
            self.add_column(label, key=key)
        self.set_interval(1.0, self.tick, name="open calls tick")

    @property
    def at_newest(self) -> bool:
        """Whether the reader is on the newest row (or there is none): the list follows."""
        return self.row_count == 0 or self.cursor_row == 0

    def cursor_call_id(self) -> int | None:
        if not self.row_count:
            return None
        return int(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value)

    @staticmethod
    def _running_column(call: dict, now: int | None) -> tuple[str, int] | None:
        """The column that runs on an open call (wait, or talk once answered), and its value."""
        if call["ended_at"] is not None or now is None:
            return None
        if call["answered_at"] is None:
            return ("wait", max(0, now - call["entered_at"])) if call["wait_s"] is None else None
        return ("talk", max(0, now - call["answered_at"])) if call["talk_s"] is None else None

    def _cells(self, call: dict, today: int | None) -> tuple[str, ...]:
        answered = call["answered_at"] is not None
        values = {"wait": call["wait_s"], "talk": call["talk_s"]}
        running = self._running_column(call, today)
        if running is not None:
            values[running[0]] = running[1]
        wait, talk = values["wait"], values["talk"]
        return (
            when(call["entered_at"], self._tz, today),
            call["queue"],
            call["caller_number"] or "",
            duration(wait),
            call["member"] or "",
            duration(talk),
            recording_marks(call["recordings"], call.get("recordings_bad", 0)),
            outcome_label(call["outcome"], answered),
            when(call["answered_at"], self._tz, today),
            call["callid"],
        )

    def show_calls(self, calls: list[dict], follow: bool) -> None:
        """Draw `calls`; with `follow` the cursor goes to the newest, else it stays on its call."""
        today = self._clock()
        keys = [str(call["id"]) for call in calls]
        rows = {key: self._cells(call, today) for key, call in zip(keys, calls, strict=True)}
        self.calls = calls
        self._open = {
            key: call for key, call in zip(keys, calls, strict=True) if call["ended_at"] is None
        }
        if keys == [row.value for row in self.ordered_rows_keys()]:
            with self.app.batch_update():
                for key, cells in rows.items():
                    self._update_row(key, cells)
            if follow and self.cursor_row != 0:
                self.move_cursor(row=0)
            return
        current = self.cursor_call_id()
        index = self.cursor_row
        offset = self.cursor_row - int(self.scroll_y)
        self.clear()
        for key, cells in rows.items():
            self.add_row(*cells, key=key)
        if not keys:
            return
        if follow:
            self.move_cursor(row=0, scroll=False)
            self.scroll_to(y=0, animate=False)
            return
        if current is not None and str(current) in self.rows:
            index = self.get_row_index(str(current))
        index = min(index, len(keys) - 1)
        self.move_cursor(row=index, scroll=False)
        self.scroll_to(y=max(0, index - offset), animate=False)

    def ordered_rows_keys(self) -> list:
        return [row.key for row in self.ordered_rows]

    def _update_row(self, key: str, cells: tuple[str, ...]) -> None:
        for (column, _), value in zip(COLUMNS, cells, strict=True):
            if self.get_cell(key, column) != value:
                self.update_cell(key, column, value)

    def tick(self) -> None:
        """Advance the running wait or talk of every open call from the data's clock."""
        now = self._clock()
        if now is None or not self._open:
            return
        with self.app.batch_update():
            for key, call in self._open.items():
                running = self._running_column(call, now)
                if running is not None and key in self.rows:
                    column, seconds = running
                    if self.get_cell(key, column) != duration(seconds):
                        self.update_cell(key, column, duration(seconds))
