"""The Results screen's writes: feedback, disputes, complaints and praise, and their answers.

Each is a person's write, made in a worker through the queries (never SQL here).
The rules refuse in one line before anything is asked where they can tell, and
again inside the write; someone watching only, or on a view-only store, writes
nothing. A mixin of ResultsScreen, which supplies the result the keys act on
(`_row`), the open history and the wall clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from textual.worker import Worker, WorkerState

from floortui.domain import evaluation as rules
from floortui.domain.evaluation import EvaluationRefused
from floortui.queries import evaluations_followup as followup
from floortui.queries.results import ResultRow
from floortui.screens._acting import acting_or_say_why
from floortui.widgets.results_ask import AskFields

WRITE_GROUP = "results-write"
WATCHING_ONLY = "watching only: you are not listed under users:, so nothing is recorded"
VIEW_ONLY = "view only: nothing can be recorded on a read-only store"
#: Filled in before the write's own check, which sees the real reason.
_ASKED_NEXT = "(asked next)"


class ResultWrites:
    """Feedback (`f`), dispute (`d`), complaint or praise (`k`), reject a dispute (`a`), judge a
    remark (`v` / `x`)."""

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
        history = self._open_history("to answer its dispute")
        if history is None:
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
        history = self._open_history("to judge its complaints and praise")
        if history is None:
            return
        remark = history.remark_to_judge(self._remark_chosen)
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
