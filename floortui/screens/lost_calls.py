"""The lost-calls screen (呼損): a day's unanswered callers, to find the peaks and win them back.

The supervisor goes through the day's lost calls: `b` marks the highlighted
caller as called back with a note (stored with who and when, through the
app's PeopleWriter in a worker, so the screen never waits on the import's
lock), `[` and `]` step through the days, `t` narrows the list to the
callers still to ring. Reads follow the one worker convention
(screens/_loading.py); the list reads again when the followed log grows.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from rich.text import Text
from sqlite_utils import Database
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, Static
from textual.worker import Worker, WorkerState

from floortui.config import Config
from floortui.domain.calls import count_of
from floortui.domain.lost_calls import LostCall
from floortui.queries.lost_calls import LostDay, lost_calls_of_day, mark_called_back
from floortui.screens._loading import StoreReader
from floortui.screens.call_detail import CallDetailScreen
from floortui.widgets.header import DataHeader
from floortui.widgets.lost_table import LostTable, called_back_text

VIEW_ONLY = "view only: cannot mark"
MARK_GROUP = "lost-mark"


class NoteModal(ModalScreen[str | None]):
    """Asks the note that goes with a "called back" mark; Escape cancels, nothing is written."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Close without marking")]
    DEFAULT_CSS = """
    NoteModal { align: center middle; }
    NoteModal > Vertical {
        width: 70; height: auto; border: thick $accent; background: $surface; padding: 1 2;
    }
    NoteModal .hint { color: $text-muted; }
    """

    def __init__(self, prompt: str) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.prompt, id="prompt")
            yield Input(placeholder="what happened (optional)", id="note")
            yield Static("Enter saves · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class LostCallsScreen(StoreReader, Screen):
    """Every unanswered queue entry of one working day, oldest first."""

    SCREEN_NAME = "Lost calls"
    BINDINGS = [
        Binding("b", "mark_called_back", "Called back", show=True,
                tooltip="Mark the highlighted caller as called back, with a note"),
        Binding("t", "toggle_to_call", "To call back", show=True,
                tooltip="Show only the callers still to call back, or every lost call again"),
        Binding("left_square_bracket", "previous_day", "Day before", show=True, key_display="[",
                tooltip="The lost calls of the day before"),
        Binding("right_square_bracket", "next_day", "Day after", show=True, key_display="]",
                tooltip="The lost calls of the day after"),
        Binding("enter", "open_call", "Timeline", show=False,
                tooltip="Open the highlighted call's timeline"),
        Binding("r", "refresh", "Refresh", show=False, tooltip="Read the store again now"),
    ]  # fmt: skip
    DEFAULT_CSS = """
    LostCallsScreen #summary { height: auto; padding: 0 1; }
    LostCallsScreen #summary.-error { color: $error; }
    LostCallsScreen LostTable { height: 1fr; }
    LostCallsScreen #detail { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, db: Database, config: Config, day: dt.date | None = None) -> None:
        super().__init__()
        self.db = db
        self.config = config
        #: The day shown; None follows the data's today.
        self.day: dt.date | None = day
        self.only_to_call_back = False
        self.lost: LostDay | None = None

    def compose(self) -> ComposeResult:
        yield DataHeader()
        yield Static("Loading lost calls…", id="summary")
        yield LostTable(self.config.day.tz, id="lost")
        yield Static("", id="detail")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(LostTable).focus()
        self.reload()

    def reload(self) -> None:
        day = self.day
        self.read(lambda: lost_calls_of_day(self.db, self.config, day), "read the lost calls")

    def loaded(self, lost: LostDay) -> None:
        clock = getattr(self.app, "data_clock", None)
        if clock is not None:
            clock.saw(lost.latest_event_at)
        self.lost = lost
        calls = [c for c in lost.calls if c.to_call_back] if self.only_to_call_back else lost.calls
        self.query_one(LostTable).show(calls)
        summary = self.query_one("#summary", Static)
        summary.remove_class("-error")
        summary.update(self._summary(lost, len(calls)))
        self._show_detail()

    def _summary(self, lost: LostDay, shown: int) -> Text:
        start = dt.datetime.fromtimestamp(lost.start, self.config.day.tz)
        text = Text.assemble(
            (start.strftime("%a %d %b %Y"), "bold"), f" (from {start:%H:%M})  ",
            count_of(len(lost.calls), "lost call"), f" · {lost.to_call_back:,} to call back",
        )  # fmt: skip
        if self.only_to_call_back:
            text.append(f" · showing {shown:,} still to call back (t shows all)", "italic")
        peaks = _peaks(lost.by_hour)
        if peaks:
            text.append("\nper hour: ")
            text.append_text(peaks)
        return text

    def read_failed(self, error: str) -> None:
        summary = self.query_one("#summary", Static)
        summary.add_class("-error")
        summary.update(Text(f"{error} — r tries again"))

    @on(DataTable.RowHighlighted, "#lost")
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        call = self.query_one(LostTable).cursor_call()
        detail = self.query_one("#detail", Static)
        if call is None:
            empty = "no lost calls this day" if not self.only_to_call_back else "no one to call"
            detail.update(empty)
            return
        parts = [call.callid]
        if not call.callable:
            parts.append("not callable: the number was withheld or is not a number")
        elif call.callback is not None:
            mark = call.callback
            note = f": {mark.note}" if mark.note else ""
            parts.append(f"called back {called_back_text(call, self.config.day.tz)[2:]}{note}")
        elif call.reached_later:
            parts.append("reached later: no call-back needed")
        else:
            parts.append("still to call back — b marks it")
        detail.update(Text(" · ".join(parts)))

    # Marking a caller as called back -------------------------------------------------------

    def action_mark_called_back(self) -> None:
        call = self.query_one(LostTable).cursor_call()
        if call is None:
            return
        app = self.app
        try:
            people = getattr(app, "people", None)  # the app may open its writer on first use
        except Exception as exc:  # a store that cannot take writes: say so, stay up
            self.notify(f"cannot mark: {exc}", severity="error")
            return
        user = getattr(app, "user", None)
        if people is None or getattr(app, "read_only", False):
            self.notify(VIEW_ONLY, severity="warning")
            return
        if user is None:
            self.notify("who is acting is not known: cannot mark", severity="warning")
            return
        if not call.callable:
            self.notify(f"{call.caller or 'no number'}: not callable", severity="warning")
            return
        attempt = call.callback.attempts + 1 if call.callback else 1
        again = f" (attempt {attempt})" if attempt > 1 else ""
        prompt = f"Called back {call.caller}{again} — note:"
        self.app.push_screen(NoteModal(prompt), partial(self._noted, call, people, user.name))

    def _noted(self, call: LostCall, people, user_name: str, note: str | None) -> None:
        if note is None:
            return
        self.run_worker(
            partial(mark_called_back, people, call, note, user_name),
            thread=True,
            group=MARK_GROUP,
            exit_on_error=False,
            description=f"mark {call.caller} called back",
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != MARK_GROUP:
            return
        if event.state == WorkerState.SUCCESS:
            written = worker.result
            self.notify(f"{written.payload['caller']}: called back, by {written.written_by}")
            self.reload()
        elif event.state == WorkerState.ERROR:
            self.notify(str(worker.error), severity="error", timeout=8)

    # Days, filter, timeline ------------------------------------------------------------------

    def _step(self, days: int) -> None:
        shown = self.day or (self.lost.day if self.lost is not None else None)
        if shown is None:
            return
        self.day = shown + dt.timedelta(days=days)
        self.reload()

    def action_previous_day(self) -> None:
        self._step(-1)

    def action_next_day(self) -> None:
        self._step(1)

    def action_toggle_to_call(self) -> None:
        self.only_to_call_back = not self.only_to_call_back
        if self.lost is not None:
            self.loaded(self.lost)

    def action_open_call(self) -> None:
        call = self.query_one(LostTable).cursor_call()
        if call is not None:
            self.app.push_screen(CallDetailScreen(self.db, self.config, call.id))

    @on(DataTable.RowSelected, "#lost")
    def _selected(self) -> None:
        self.action_open_call()

    def action_refresh(self) -> None:
        self.reload()


def _peaks(by_hour: dict[int, int]) -> Text:
    """Hours with lost calls, the day's peak in bold: where to look for why."""
    busy = {hour: n for hour, n in by_hour.items() if n}
    if not busy:
        return Text()
    top = max(busy.values())
    text = Text()
    for i, (hour, count) in enumerate(busy.items()):
        if i:
            text.append(" · ")
        text.append(f"{hour:02d}h {count}", "bold" if count == top else "")
    return text
