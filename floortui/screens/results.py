"""Results (`E`): the standing QA results, and what follows each, for team leaders,
supervisors, reviewers and QA leads.

The list holds the latest revision of every evaluation, newest first, with whether it
was gone through with the member (`o` keeps only those not fed back
`evaluation.feedback_days` after submission). Enter shows a result's history: every
revision with who, when and why, its disputes and the call's complaints and praise;
Enter again listens to the call (a correction, or a dispute answered by a new
revision, is made there). `f` records feedback, `d` disputes, `k` logs a complaint or
praise; in the history `a` rejects the open dispute and `v` / `x` judge the next
complaint or praise. Every write is a person's write made in a worker through the
queries; the rules refuse in one line, before anything is asked where they can tell,
and again inside the write. Someone watching only or on a view-only store writes nothing.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from rich.text import Text
from sqlite_utils import Database
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import Worker, WorkerState

from floortui.config import Config
from floortui.domain import evaluation as rules
from floortui.domain.evaluation import EvaluationRefused
from floortui.queries import evaluations_followup as followup
from floortui.queries.results import ResultHistory, ResultRow, Results, result_history, results
from floortui.screens._acting import acting_or_say_why
from floortui.screens._loading import StoreReader
from floortui.widgets.header import DataHeader
from floortui.widgets.results_ask import AskFields
from floortui.widgets.results_table import ResultsTable, history_text

WRITE_GROUP = "results-write"
WATCHING_ONLY = "watching only: you are not listed under users:, so nothing is recorded"
VIEW_ONLY = "view only: nothing can be recorded on a read-only store"
#: Filled in before the write's own check, which sees the real reason.
_ASKED_NEXT = "(asked next)"


class ResultsScreen(StoreReader, Screen):
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
        self._history_of: int | None = None  # the evaluation whose history is open

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
        self.query_one(ResultsTable).show(rows)
        progress = self.query_one("#progress", Static)
        progress.remove_class("-error")
        progress.update(self._progress(self.shown, len(rows)))
        if self.history is not None and self.history.revisions:
            text = history_text(self.history, self.config.day.tz, self.shown.feedback_days)
            self.query_one("#history-text", Static).update(text)
        self._show_detail()

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
        return text

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        row = self._row()
        detail = self.query_one("#detail", Static)
        if self.has_class("-history"):
            detail.update("Enter listens (correct it there) · f feedback · d dispute · k complaint"
                          " / praise · a reject dispute · v / x judge · Escape back")  # fmt: skip
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

    def action_refresh(self) -> None:
        self.reload()

    # -- writes ---------------------------------------------------------------------------------

    def _acting(self):
        """(people writer, user) of who is acting, or None after saying why nothing is written."""
        return acting_or_say_why(self, getattr(self.app, "user", None), VIEW_ONLY, WATCHING_ONLY)

    def _target(self) -> tuple[ResultRow, object, object] | None:
        """(the result the keys act on, people writer, user), or None (said why)."""
        row = self._row()
        acting = self._acting() if row is not None else None
        return None if acting is None else (row, *acting)

    def _allowed(self, check: Callable[[], None]) -> bool:
        """Run a rule before asking anything: its refusal is said at once."""
        try:
            check()
        except EvaluationRefused as exc:
            self.notify(str(exc), severity="warning", timeout=8)
            return False
        return True

    def _write(self, change: Callable[[], object], said: str) -> None:
        self.run_worker(change, thread=True, group=WRITE_GROUP, exit_on_error=False,
                        description=said)  # fmt: skip

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != WRITE_GROUP:
            return
        if event.state == WorkerState.SUCCESS:
            self.notify(worker.description)
            self.reload()
        elif event.state == WorkerState.ERROR:
            self.notify(str(worker.error), severity="warning", timeout=8)

    def _today(self) -> dt.date:
        """The data's today (the floor's clock), else the wall clock's."""
        clock = getattr(self.app, "data_clock", None)
        now = clock.now() if clock is not None else None
        return dt.datetime.fromtimestamp(self.clock() if now is None else now,
                                         self.config.day.tz).date()  # fmt: skip

    def action_feedback(self) -> None:
        target = self._target()
        if target is None:
            return
        row, people, user = target
        team = next((a.team for a in self.config.agents if a.name == row.result.member), None)
        if not self._allowed(lambda: rules.check_feedback(user, team, [row.result])):
            return
        evaluation = row.result.evaluation_id

        def asked(answer: tuple[str, ...] | None) -> None:
            if answer is None:
                return
            day_text, note = answer
            try:
                day = dt.date.fromisoformat(day_text.strip())
            except ValueError:
                self.notify(f"{day_text!r} is not a date: write it as YYYY-MM-DD",
                            severity="warning")  # fmt: skip
                return
            self._write(partial(followup.record_feedback, people, self.config, user, evaluation,
                                day, note),
                        f"feedback recorded: {row.result.member}'s result of {row.result.callid}"
                        f" went through on {day.isoformat()}")  # fmt: skip

        self.app.push_screen(AskFields(
            f"Feedback to {row.result.member} on {row.result.callid}",
            [("gone through with the member on (YYYY-MM-DD)", self._today().isoformat(), ()),
             ("note", "", ())]), asked)  # fmt: skip

    def action_dispute(self) -> None:
        target = self._target()
        if target is None:
            return
        row, people, user = target
        first = replace(row.result, submitted_at=row.first_submitted_at)
        if not self._allowed(lambda: rules.check_dispute(
                user, [first], row.disputes, _ASKED_NEXT, int(self.clock()),
                self.config.evaluation)):  # fmt: skip
            return
        self._ask_reason(f"Dispute {row.result.member}'s result of {row.result.callid}: why?",
                         lambda reason: self._write(
                             partial(followup.raise_dispute, people, self.config, user,
                                     row.result.evaluation_id, reason),
                             f"disputed: {row.result.callid} waits for QA's answer"))  # fmt: skip

    def action_remark(self) -> None:
        target = self._target()
        if target is None:
            return
        row, people, user = target
        if not self._allowed(lambda: rules.check_log_remark(user, "complaint", _ASKED_NEXT)):
            return
        callid = row.result.callid

        def asked(answer: tuple[str, ...] | None) -> None:
            if answer is None:
                return
            typed, said = answer[0].strip().lower(), answer[1]
            kind = next((k for k in rules.REMARK_KINDS if typed and k.startswith(typed)), typed)
            self._write(partial(followup.log_remark, people, user, callid, kind, said),
                        f"{kind} logged against {callid}")  # fmt: skip

        self.app.push_screen(AskFields(
            f"A customer's complaint or praise about {callid}",
            [("complaint or praise (c / p)", "complaint", rules.REMARK_KINDS),
             ("what the customer said", "", ())]), asked)  # fmt: skip

    def action_answer(self) -> None:
        history = self.history if self.has_class("-history") else None
        if history is None:
            self.notify("open the result's history (Enter) to answer its dispute")
            return
        dispute = history.open_dispute
        if dispute is None:
            self.notify("no open dispute on this result")
            return
        acting = self._acting()
        if acting is None:
            return
        people, user = acting
        if not self._allowed(lambda: rules.check_answer_dispute(
                user, dispute, history.revisions, _ASKED_NEXT)):  # fmt: skip
            return
        self._ask_reason(f"Reject {dispute[3]}'s dispute: why does the result stand?",
                         lambda reason: self._write(
                             partial(followup.answer_dispute, people, self.config, user,
                                     dispute[0], reason),
                             f"dispute rejected: {history.revisions[0].callid}"))  # fmt: skip

    def action_judge(self, valid: bool) -> None:
        history = self.history if self.has_class("-history") else None
        if history is None:
            self.notify("open the result's history (Enter) to judge its complaints and praise")
            return
        remark = history.next_remark
        if remark is None:
            self.notify("no complaint or praise of this call waits for a judgement")
            return
        acting = self._acting()
        if acting is None:
            return
        people, user = acting
        if not self._allowed(lambda: rules.check_judge_remark(user, remark, _ASKED_NEXT)):
            return
        verdict = "stands" if valid else "does not stand"
        self._ask_reason(f"The {remark[2]} {verdict}: why?",
                         lambda reason: self._write(
                             partial(followup.judge_remark, people, user, remark[0], valid,
                                     reason),
                             f"the {remark[2]} {verdict}: judged"))  # fmt: skip

    def _ask_reason(self, question: str, then: Callable[[str], None]) -> None:
        def asked(answer: tuple[str, ...] | None) -> None:
            if answer is not None:
                then(answer[0])

        self.app.push_screen(AskFields(question, [("reason", "", ())]), asked)
