"""Results (`E`): the standing QA results, and what follows each, for team leaders,
supervisors, reviewers and QA leads.

The list holds the latest revision of every evaluation, newest first, with whether it
was gone through with the member (`o` keeps only those not fed back
`evaluation.feedback_days` after submission; `p` those first scored today, this week or
this month; `/` those naming every word typed). Enter shows a result's history: every
revision with who, when and why, its disputes and the call's complaints and praise;
Enter again listens to the call (a correction, or a dispute answered by a new
revision, is made there). `f` records feedback, `d` disputes, `k` logs a complaint or
praise; in the history `a` rejects the open dispute, `w` chooses which complaint or
praise waiting and `v` / `x` judge it. The writes are in screens.results_writes.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text
from sqlite_utils import Database
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from floortui.config import Config
from floortui.queries.results import (
    PERIODS,
    ResultHistory,
    ResultRow,
    Results,
    mentioning,
    result_history,
    results,
    scored_in,
)
from floortui.screens._loading import StoreReader
from floortui.screens.results_writes import ResultWrites
from floortui.widgets.header import DataHeader
from floortui.widgets.results_ask import AskFields
from floortui.widgets.results_table import ResultsTable, history_text


class ResultsScreen(ResultWrites, StoreReader, Screen):
    """The standing results; one result's history; feedback, disputes, complaints and praise."""

    SCREEN_NAME = "Results"
    BINDINGS = [
        Binding("enter", "open", "History / listen", show=True,
                tooltip="The highlighted result's history; in the history, listen to the call"),
        Binding("f", "feedback", "Feedback", show=True,
                tooltip="Record going through the result with the member (date, note)"),
        Binding("d", "dispute", "Dispute", show=True,
                tooltip="Dispute the result on the member's behalf, with a reason"),
        Binding("k", "remark", "Complaint/praise", show=True,
                tooltip="Log a customer's complaint or praise against the call"),
        Binding("a", "answer", "Reject dispute", show=True,
                tooltip="Answer the result's open dispute by rejecting it, with a reason"),
        Binding("v", "judge(True)", "Stands", show=False,
                tooltip="Judge the next complaint or praise of the call: it stands (a reason)"),
        Binding("x", "judge(False)", "Does not stand", show=False,
                tooltip="Judge the next complaint or praise of the call: it does not stand"),
        Binding("o", "overdue", "Overdue", show=True,
                tooltip="Only results not fed back within evaluation.feedback_days; again: all"),
        Binding("p", "period", "Period", show=True,
                tooltip="Only results first scored today, this week, this month; again: all"),
        Binding("slash", "find", "Find", show=True,
                tooltip="Only results naming these words: member, team, reviewer, queue, form,"
                        " grade or call"),
        Binding("w", "next_remark", "Which remark", show=False,
                tooltip="In the history: the next complaint or praise waiting, for v / x"),
        Binding("escape", "back", "Back", show=False, tooltip="Close the history"),
        Binding("r", "refresh", "Refresh", show=False, tooltip="Read the results again now"),
    ]  # fmt: skip
    DEFAULT_CSS = """
    ResultsScreen #progress { height: auto; padding: 0 1; }
    ResultsScreen #progress.-error { color: $error; }
    ResultsScreen ResultsTable { height: 1fr; }
    ResultsScreen #history { display: none; height: 1fr; padding: 0 1; }
    ResultsScreen.-history #history { display: block; }
    ResultsScreen.-history ResultsTable { display: none; }
    ResultsScreen #detail { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, db: Database, config: Config,
                 clock: Callable[[], float] = time.time) -> None:  # fmt: skip
        super().__init__()
        self.db, self.config = db, config
        #: The wall clock people's writes are stamped with: the feedback and dispute clocks.
        self.clock = clock
        self.shown: Results | None = None
        self.history: ResultHistory | None = None
        self.only_overdue = False
        self.period = PERIODS[0]
        self.words = ""
        self._history_of: int | None = None  # the evaluation whose history is open
        self._remark_chosen: int | None = None  # the remark v / x judge (None: the oldest)

    def compose(self) -> ComposeResult:
        yield DataHeader()
        yield Static("Loading the results…", id="progress")
        yield ResultsTable(self.config.day.tz, id="results")
        with VerticalScroll(id="history", can_focus=True):
            yield Static("", id="history-text")
        yield Static("", id="detail")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(ResultsTable).focus()
        self.reload()

    def reload(self) -> None:
        evaluation, now = self._history_of, int(self.clock())

        def fetch() -> tuple[Results, ResultHistory | None]:
            shown = results(self.db, self.config, now)
            return shown, result_history(self.db, evaluation) if evaluation else None

        self.read(fetch, "read the results")

    def loaded(self, result: tuple[Results, ResultHistory | None]) -> None:
        self.shown, self.history = result
        rows = [r for r in self.shown.rows if r.overdue_days is not None or not self.only_overdue]
        rows = scored_in(rows, self.period, int(self.clock()), self.config.day.tz)
        rows = mentioning(rows, self.words, {a.name: a.team for a in self.config.agents if a.team})
        self.query_one(ResultsTable).show(rows)
        progress = self.query_one("#progress", Static)
        progress.remove_class("-error")
        progress.update(self._progress(self.shown, len(rows)))
        self._show_history()
        self._show_detail()

    def _show_history(self) -> None:
        if self.history is not None and self.history.revisions and self.shown is not None:
            chosen = self.history.remark_to_judge(self._remark_chosen)
            text = history_text(self.history, self.config.day.tz, self.shown.feedback_days,
                                chosen[0] if chosen else None)  # fmt: skip
            self.query_one("#history-text", Static).update(text)

    def read_failed(self, error: str) -> None:
        progress = self.query_one("#progress", Static)
        progress.add_class("-error")
        progress.update(Text(f"{error} — r tries again"))

    def _progress(self, shown: Results, listed: int) -> Text:
        text = Text(f"{len(shown.rows):,} results", "bold")
        if self.only_overdue:
            text.append(f"  showing the {listed:,} not fed back after {shown.feedback_days}"
                        " days — o shows all")  # fmt: skip
        elif shown.overdue:
            text.append(f"  {shown.overdue:,} not fed back after {shown.feedback_days} days"
                        " — o lists them", "bold red")  # fmt: skip
        else:
            text.append(f"  none waiting for feedback past {shown.feedback_days} days")
        narrowed = [f"scored {self.period}" if self.period != PERIODS[0] else "",
                    f"naming {self.words!r}" if self.words else ""]  # fmt: skip
        if any(narrowed):
            text.append(f"  · {listed:,} listed, " + " and ".join(n for n in narrowed if n)
                        + " — p period, / find", "bold")  # fmt: skip
        return text

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        row = self._row()
        detail = self.query_one("#detail", Static)
        if self.has_class("-history"):
            detail.update("Enter listens (correct it there) · f feedback · d dispute · k complaint"
                          " / praise · a reject dispute · w which remark, v / x judge it"
                          " · Escape back")  # fmt: skip
        elif row is None:
            detail.update("no results yet" if self.shown is not None else "")
        else:
            detail.update(Text(f"{row.result.callid} · {row.result.member} · Enter: history"))

    def _row(self) -> ResultRow | None:
        """The result the keys act on: the open history's, else the highlighted one."""
        if self.has_class("-history") and self.shown is not None:
            found = [r for r in self.shown.rows if r.result.evaluation_id == self._history_of]
            return found[0] if found else None
        return self.query_one(ResultsTable).cursor_item()

    # -- moving about ---------------------------------------------------------------------------

    def action_open(self) -> None:
        row = self._row()
        if row is None:
            return
        if self.has_class("-history"):
            self._listen(row.result.callid)
            return
        self._history_of = row.result.evaluation_id
        self._remark_chosen = None
        self.query_one("#history-text", Static).update("Reading the history…")
        self.add_class("-history")
        self.query_one("#history").focus()
        self.reload()

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    def _listen(self, callid: str) -> None:
        from floortui.screens.listen import ListenScreen

        self.app.push_screen(ListenScreen(callid))

    def action_back(self) -> None:
        if self.has_class("-history"):
            self.remove_class("-history")
            self._history_of = None
            self.query_one(ResultsTable).focus()
            self._show_detail()

    def action_overdue(self) -> None:
        self.only_overdue = not self.only_overdue
        if self.shown is not None:
            self.loaded((self.shown, self.history))

    def action_period(self) -> None:
        self.period = PERIODS[(PERIODS.index(self.period) + 1) % len(PERIODS)]
        if self.shown is not None:
            self.loaded((self.shown, self.history))

    def action_find(self) -> None:
        def asked(answer: tuple[str, ...] | None) -> None:
            if answer is not None:
                self.words = answer[0].strip()
                if self.shown is not None:
                    self.loaded((self.shown, self.history))

        self.app.push_screen(AskFields(
            "Only the results naming (member, team, reviewer, queue, form, grade, call)",
            [("words, all of them; empty: every result", self.words, ())]), asked)  # fmt: skip

    def action_next_remark(self) -> None:
        history = self._open_history("to choose a complaint or praise")
        if history is None:
            return
        self._remark_chosen = history.remark_after(self._remark_chosen)
        if self._remark_chosen is None:
            self.notify("no complaint or praise of this call waits for a judgement")
        self._show_history()

    def _open_history(self, doing: str) -> ResultHistory | None:
        """The history on screen, or None after saying to open it first (`doing` is why)."""
        if self.has_class("-history") and self.history is not None:
            return self.history
        self.notify(f"open the result's history (Enter) {doing}")
        return None

    def action_refresh(self) -> None:
        self.reload()
