"""Scoring while listening: the rubric form beside the player, its draft, its submission.

(A mixin: its handlers go by Textual's naming convention, `on_score_form_changed`,
as `@on` is read only from the Screen classes themselves.)

A mixin for ListenScreen. When the call's recordings are known the form that
scores its queue (config `rubric:`) is read in a worker with the acting
reviewer's draft, and the form (floortui.widgets.score_form) is mounted in
`#score-slot`. Every answer, comment and pin saves the draft (a person's
write, in a worker, a second after the last key: a crash or a quit loses at
most that second); `m` pins a comment to the playhead, shown as a marker on
the waveform, `j` jumps to the next pin; `S` submits, and the evaluation is
stored as the first revision (floortui.queries.evaluations), never changed
in place afterwards. Someone watching only, a read-only store or a queue no
form scores: the form is not shown and a line says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input, Static

from floortui.config.rubric import RubricForm
from floortui.domain.listening import Marker, clock_text
from floortui.domain.scoring import Answer
from floortui.screens._loading import _READ_LOCK
from floortui.widgets.score_form import FormItems, ScoreForm

#: Seconds after the last change before the draft is saved.
DRAFT_AFTER_S = 1.0


@dataclass(frozen=True)
class FormToScore:
    """The form for the call, and what the reviewer left in their draft (or submitted)."""

    form: RubricForm | None
    answers: dict[str, Answer]
    comments: dict[str, str]
    pins: tuple[tuple[int, str], ...]
    #: Why there is no form to fill (no form for the queue, watching only, scored by another).
    why_not: str | None = None
    #: The evaluation this form corrects (its latest revision), when the call has a result.
    revising: Any = None
    #: The calibration session (queries.calibration.SessionView) the viewer is in.
    calibration: Any = None


class FormRead(Message):
    def __init__(self, result: FormToScore) -> None:
        super().__init__()
        self.result = result


class Stored(Message):
    """A draft saved or an evaluation submitted (`error` None), or why not."""

    def __init__(self, what: str, error: str | None) -> None:
        super().__init__()
        self.what, self.error = what, error


def read_form(db: Any, config: Any, callid: str, reviewer: str | None) -> FormToScore:
    """The call's form and the reviewer's draft (runs in a worker: it reads the store)."""
    from floortui.domain.evaluation import EvaluationRefused
    from floortui.queries import evaluations

    try:
        _queue, _member, form = evaluations.form_for_call(db, config, callid)
    except EvaluationRefused as exc:
        return FormToScore(None, {}, {}, (), str(exc))
    if reviewer is None:
        return FormToScore(None, {}, {}, (), "watching only: listed users score calls")
    from floortui.queries.calibration_calls import session_of_call
    from floortui.queries.evaluation_form import latest_result

    session = session_of_call(db, config, callid, reviewer)
    if session is not None:  # blind: a blank form, then only the session's own view
        scoring = reviewer not in session.scored and config.rubric.form(session.form)
        return FormToScore(scoring or None, {}, {}, (), calibration=session)

    latest = latest_result(db, callid)
    if latest is not None:  # never scored again in place: a correction is a new revision
        last = latest.revision
        user = next((u for u in config.users if u.name == reviewer), None)
        if last.reviewer != reviewer and (user is None or user.role != "qa_lead"):
            why = (f"scored by {last.reviewer}: {last.total:g} {last.grade} (revision"
                   f" {last.revision}); they or a QA lead may correct it")  # fmt: skip
            return FormToScore(None, {}, {}, (), why)
        return FormToScore(form, latest.answers, latest.comments, latest.pins, revising=last)
    saved = evaluations.draft(db, callid, reviewer)
    if saved is None or saved[0] != form.name:
        return FormToScore(form, {}, {}, ())
    _form, answers, comments, _at = saved
    comments = comments or {}
    pins = tuple((int(at), str(text)) for at, text in comments.get("pins", []))
    return FormToScore(form, dict(answers or {}), dict(comments.get("items", {})), pins)


def _correct(db: Any, people: Any, config: Any, user: Any, evaluation_id: int, answers: dict,
             reason: str, comments: dict, pins: list) -> None:  # fmt: skip
    """A correction as a new revision; with a dispute open on the result, the revision
    answers it (the dispute then shows it was settled by this revision)."""
    from floortui.domain.evaluation import open_dispute
    from floortui.queries import evaluations, evaluations_followup

    dispute = open_dispute(evaluations_followup.disputes(db, evaluation_id))
    if dispute is not None:
        evaluations_followup.answer_dispute(people, config, user, dispute[0], reason,
                                            answers, item_comments=comments,
                                            pins=pins)  # fmt: skip
        return
    evaluations.revise(db, people, config, user, evaluation_id, answers, reason,
                       item_comments=comments, pins=pins)  # fmt: skip


class ListenScoring:
    """The scoring half of the listen screen (see the module's docstring)."""

    SCORING_BINDINGS = [
        Binding("j", "next_pin", "Next pin", tooltip="Jump to the next comment pinned to a time"),
        Binding("K", "calibrate", "Calibrate", show=False,
                tooltip="QA lead: give this call to every reviewer to score blind"),
    ]  # fmt: skip

    def action_calibrate(self) -> None:
        """`K`: a QA lead starts a calibration of this call with every reviewer listed."""
        people, user = self._writer()
        if people is None:
            self.notify("nothing is written here: watching only or view only",  # type: ignore[attr-defined]
                        severity="warning")  # fmt: skip
            return
        app = self.app  # type: ignore[attr-defined]
        db, config, callid = app.db, app.config, self.call  # type: ignore[attr-defined]
        reviewers = [u.name for u in config.users if u.role in ("reviewer", "qa_lead")]

        def start() -> None:
            from floortui.queries.calibration import start_session

            try:
                with _READ_LOCK:  # it reads the call on the app's connection
                    number = start_session(db, people, config, user, callid, reviewers)
                what, error = f"calibration #{number}: given to {', '.join(reviewers)}", None
            except Exception as exc:  # refused (not a QA lead, too few reviewers): one line
                what, error = "calibration", str(exc)
            self.post_message(Stored(what, error))  # type: ignore[attr-defined]

        self.run_worker(start, thread=True, group="score-submit", exit_on_error=False,  # type: ignore[attr-defined]
                        description="start a calibration")  # fmt: skip

    def _start_scoring(self) -> None:
        """Read the form and the draft (once the call is known)."""
        app = self.app  # type: ignore[attr-defined]
        user = getattr(app, "user", None)
        reviewer = user.name if user is not None else None
        self._pins: list[tuple[int, str]] = []
        self._comment_for: str | None = None
        config = getattr(app, "config", None)
        if config is None or not config.rubric.forms:
            return  # no rubric: listening only
        db, callid = app.db, self.call  # type: ignore[attr-defined]

        def fetch() -> None:
            try:
                with _READ_LOCK:  # the app's one connection: one reading thread at a time
                    result = read_form(db, config, callid, reviewer)
            except Exception as exc:  # a store that cannot be read: say so, keep listening
                result = FormToScore(None, {}, {}, (), f"cannot read the form: {exc}")
            self.post_message(FormRead(result))  # type: ignore[attr-defined]

        self.run_worker(fetch, thread=True, group="score-read", exit_on_error=False,  # type: ignore[attr-defined]
                        description="read the scoring form and its draft")  # fmt: skip

    async def on_form_read(self, message: FormRead) -> None:
        result = message.result
        slot = self.query_one("#score-slot")  # type: ignore[attr-defined]
        await slot.remove_children()
        self._calibration = result.calibration
        if result.form is None:
            if result.calibration is not None:
                from floortui.widgets.calibration_view import session_text

                shown = session_text(result.calibration)
                await slot.mount(Static(shown, id="score-why"))
            else:
                await slot.mount(Static(result.why_not or "", id="score-why"))
            return
        config = self.app.config  # type: ignore[attr-defined]
        form = ScoreForm(result.form, config.rubric.grades, result.answers, result.comments)
        self._pins = list(result.pins)
        self._revising = result.revising
        if result.calibration is not None:
            form.border_subtitle = (f"calibration #{result.calibration.id}: scored blind,"
                                    " final once given")  # fmt: skip
        elif result.revising is not None:
            last = result.revising
            form.border_subtitle = (f"revision {last.revision} by {last.reviewer}: {last.total:g}"
                                    f" {last.grade} · S saves a correction")  # fmt: skip
        await slot.mount(form)
        self._show_pins()
        form.query_one(FormItems).focus()

    # -- the draft ----------------------------------------------------------------------

    def on_score_form_changed(self) -> None:
        self._form_changed()

    def _form_changed(self) -> None:
        timer = getattr(self, "_draft_timer", None)
        if timer is not None:
            timer.stop()
        self._draft_timer = self.set_timer(DRAFT_AFTER_S, self._save_draft)  # type: ignore[attr-defined]

    def _save_draft(self) -> None:
        form = self._form()
        people, user = self._writer()
        whole = getattr(self, "_revising", None) or getattr(self, "_calibration", None)
        if form is None or people is None or whole is not None:
            return  # a correction or a calibration score is saved whole, once
        callid, answers = self.call, dict(form.answers)  # type: ignore[attr-defined]
        comments = {"items": dict(form.comments), "pins": [list(p) for p in self._pins]}
        name = form.form.name

        def save() -> None:
            from floortui.queries import evaluations

            try:
                evaluations.save_draft(people, user, callid, name, answers, comments)
                error = None
            except Exception as exc:  # the form stays; the next change tries again
                error = str(exc)
            self.post_message(Stored("draft", error))  # type: ignore[attr-defined]

        self.run_worker(save, thread=True, group="score-draft", exit_on_error=False,  # type: ignore[attr-defined]
                        description="save the draft")  # fmt: skip

    def _writer(self) -> tuple[Any, Any]:
        app = self.app  # type: ignore[attr-defined]
        user = getattr(app, "user", None)
        if user is None or getattr(app, "read_only", False):
            return None, None
        try:
            return getattr(app, "people", None), user
        except Exception:  # a store that takes no writes: nothing is saved, the form stays
            return None, None

    def _form(self) -> ScoreForm | None:
        found = self.query(ScoreForm)  # type: ignore[attr-defined]
        return found.first() if found else None

    # -- submitting -----------------------------------------------------------------------

    def on_score_form_submit_requested(self, message: ScoreForm.SubmitRequested) -> None:
        form = self._form()
        people, _user = self._writer()
        if form is None or people is None:
            self.notify("nothing is written here: watching only or view only",  # type: ignore[attr-defined]
                        severity="warning")  # fmt: skip
            return
        if getattr(self, "_revising", None) is not None:
            self._score_to_save = message.score
            self._ask("why is this result corrected? (a reason is kept with the revision)", "",
                      None, reason=True)  # fmt: skip
            return
        self._store_result(message.score, None)

    def _store_result(self, score: Any, reason: str | None) -> None:
        """Submit (reason None) or save a correction as a new revision, in a worker."""
        form = self._form()
        people, user = self._writer()
        if form is None or people is None:
            return
        app = self.app  # type: ignore[attr-defined]
        db, config, callid = app.db, app.config, self.call  # type: ignore[attr-defined]
        answers, comments, pins = dict(form.answers), dict(form.comments), list(self._pins)
        revising = getattr(self, "_revising", None)
        calibration = getattr(self, "_calibration", None)

        def submit() -> None:
            from floortui.queries import calibration as calibrating
            from floortui.queries import evaluations

            try:
                with _READ_LOCK:  # the call is read on the app's connection
                    if calibration is not None:
                        calibrating.score_session(people, config, user, calibration.id, answers)
                    elif revising is None:
                        evaluations.submit(db, people, config, user, callid, answers,
                                           item_comments=comments, pins=pins)  # fmt: skip
                    else:
                        _correct(db, people, config, user, revising.evaluation_id, answers,
                                 reason or "", comments, pins)  # fmt: skip
                error = None
            except Exception as exc:  # refused (already scored, not allowed): one line
                error = str(exc)
            what = (f"submitted: {score.total} {score.grade}" if revising is None else
                    f"corrected: {score.total} {score.grade}"
                    f" (revision {revising.revision + 1})")  # fmt: skip
            if calibration is not None:
                what = f"calibration #{calibration.id} scored: {score.total} (final)"
            self.post_message(Stored(what, error))  # type: ignore[attr-defined]

        self.run_worker(submit, thread=True, group="score-submit", exit_on_error=False,  # type: ignore[attr-defined]
                        description="submit the evaluation")  # fmt: skip

    def on_stored(self, message: Stored) -> None:
        if message.error is not None:
            self.notify(f"{message.what} not saved: {message.error}", severity="error")  # type: ignore[attr-defined]
            return
        if message.what != "draft":
            self.notify(message.what)  # type: ignore[attr-defined]
            self.set_focus(None)  # type: ignore[attr-defined]
            self._start_scoring()  # what the call shows now: the result, or the session

    # -- comments and pins ------------------------------------------------------------------

    def on_score_form_comment_requested(self, message: ScoreForm.CommentRequested) -> None:
        form = self._form()
        self._ask(f"comment on {message.item_id}", form.comments.get(message.item_id, "")
                  if form else "", message.item_id)  # fmt: skip

    def on_score_form_pin_requested(self) -> None:
        at = self.status().position_s  # type: ignore[attr-defined]
        self._pin_at = int(at * 1000)
        self._ask(f"comment at {clock_text(at)}", "", None)

    def _ask(self, placeholder: str, value: str, item_id: str | None,
             reason: bool = False) -> None:  # fmt: skip
        box = self.query_one("#score-comment", Input)  # type: ignore[attr-defined]
        self._comment_for = item_id
        self._asking_reason = reason
        box.placeholder, box.value, box.disabled = placeholder, value, False
        self.add_class("-commenting")  # type: ignore[attr-defined]
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "score-comment":
            return  # the go-to box has its own handler
        form = self._form()
        text = event.value.strip()
        if getattr(self, "_asking_reason", False):
            if not text:
                self.notify("a correction needs a reason", severity="warning")  # type: ignore[attr-defined]
                return
            self._stop_commenting()
            self._store_result(self._score_to_save, text)
            return
        if self._comment_for is not None and form is not None:
            form.set_comment(self._comment_for, text)
        elif text and form is not None:
            self._pins.append((getattr(self, "_pin_at", 0), text))
            self._pins.sort()
            self._show_pins()
            self._form_changed()
        self._stop_commenting()

    def _stop_commenting(self) -> None:
        self._asking_reason = False
        self.remove_class("-commenting")  # type: ignore[attr-defined]
        self.query_one("#score-comment", Input).disabled = True  # type: ignore[attr-defined]
        form = self._form()
        if form is not None:
            form.query_one(FormItems).focus()

    def _show_pins(self) -> None:
        self.markers = [Marker(at / 1000, text) for at, text in self._pins]  # type: ignore[attr-defined]

    def action_next_pin(self) -> None:
        """`j`: the first pin after the playhead (from the start after the last one)."""
        if not self._pins:
            self.notify("no comment pinned to a time yet (m pins one)")  # type: ignore[attr-defined]
            return
        now_ms = int(self.status().position_s * 1000)  # type: ignore[attr-defined]
        later = [at for at, _ in self._pins if at > now_ms + 500]
        target = (later or [self._pins[0][0]])[0]
        self._tell("seek_to", target / 1000)  # type: ignore[attr-defined]
