"""The Calls screen's filter bar: one line on a wide terminal, a two-line panel at 80 columns.

Every control is compact (one row, no border), so at 80×24 the filters take
two lines and the list keeps the rest; each dropdown is wider than its longest
choice, so no choice wraps.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import Input, Select

from floortui.domain.calls import OUTCOME_GROUPS, RECORDING_CHOICES


class CallFilters(Grid):
    DEFAULT_CSS = """
    CallFilters {
        height: auto;
        padding: 0 1;
        grid-size: 7 1;
        grid-columns: 18 18 22 22 13 13 1fr;
        grid-gutter: 0 1;
        grid-rows: 1;
    }
    CallFilters Select > SelectOverlay { width: 26; constrain: inside inside; }
    CallFilters Input.-invalid { background: $error 30%; }
    CallFilters.-narrow { grid-size: 4 2; grid-columns: 1fr 1fr 1fr 1fr; }
    CallFilters.-narrow #search { column-span: 2; }
    """

    def compose(self) -> ComposeResult:
        yield Select([], prompt="All queues", id="queue", compact=True)
        yield Select([], prompt="All members", id="member", compact=True)
        yield Select(
            [(g, g) for g in OUTCOME_GROUPS], prompt="All outcomes", id="outcome", compact=True
        )
        yield Select(
            [(label, label) for label in RECORDING_CHOICES], prompt="Any recording",
            id="recording", compact=True,
        )  # fmt: skip
        yield Input(placeholder="from 09:30", id="since", classes="time", compact=True)
        yield Input(placeholder="to 12:00", id="until", classes="time", compact=True)
        yield Input(placeholder="caller number or callid", id="search", compact=True)

    def on_resize(self) -> None:
        self.set_class(self.size.width < 140, "-narrow")

    def set_choices(self, queues: list[str], members: list[str], queue: str | None,
                    member: str | None) -> None:  # fmt: skip
        """Offer the store's queues and members, keeping what is chosen."""
        with self.prevent(Select.Changed):
            self.query_one("#queue", Select).set_options((q, q) for q in queues)
            self.query_one("#member", Select).set_options((m, m) for m in members)
            if queue in queues:
                self.query_one("#queue", Select).value = queue
            if member in members:
                self.query_one("#member", Select).value = member

    def clear(self) -> None:
        with self.prevent(Select.Changed, Input.Changed):
            for select in self.query(Select):
                select.clear()
            for field in self.query(Input):
                field.value = ""
                field.remove_class("-invalid")
