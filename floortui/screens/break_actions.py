"""Storing what the break panel asks for: a mixin for the screen that shows a BreakPanel.

The panel (a widget) never reaches the queries; the screen does, in a thread
worker, with `app.people` (the PeopleWriter; None in view-only mode, when
nothing is written and the screen says so), `app.user` (who is acting) and
`app.data_clock.now()` (the floor's time, which the PBX's pauses are matched
against). Each action logs itself in the shift log in the same transaction;
alerts the panel raises are logged there once a day each.

Mix `BreakActions` into a Screen and define `break_action_saved(action, member)`
to read the board again.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from floortui.widgets.break_panel import BreakPanel


class AskText(ModalScreen[str | None]):
    """One line of text asked for (a skip's reason); Escape gives None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    AskText { align: center middle; }
    AskText > Vertical { width: 64; height: auto; border: thick $accent; background: $surface;
                         padding: 1 2; }
    """

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question)
            yield Input(id="answer")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class BreakActions:
    """Mixin for a Screen: stores the panel's actions and logs its alerts.

    Its handlers go by Textual's naming convention (`on_break_panel_...`), which a
    mixin's methods take part in (an `@on` decorator in a mixin is not seen).
    """

    def break_action_saved(self, action: str, member: str) -> None:
        """An action was stored: read the board again (each screen its own way)."""

    def _writer_and_user(self, quiet: bool = False):
        app = self.app  # type: ignore[attr-defined]
        writer, user = getattr(app, "people", None), getattr(app, "user", None)
        if writer is None:
            if not quiet:
                self.notify("view only: break actions cannot be saved here",  # type: ignore[attr-defined]
                            severity="warning")  # fmt: skip
            return None
        if user is None:
            if not quiet:
                self.notify("nobody to save it as: start floortui with --user NAME",  # type: ignore[attr-defined]
                            severity="error")  # fmt: skip
            return None
        return writer, user

    def on_break_panel_action_requested(self, message: BreakPanel.ActionRequested) -> None:
        message.stop()
        if self._writer_and_user() is None:
            return
        if message.action == "skipped":

            def skip(why: str | None) -> None:
                if why:
                    self._store_break_action("skipped", message.member, None, None, why)

            self.app.push_screen(AskText(f"Why is {message.member}'s break skipped?"), skip)  # type: ignore[attr-defined]
            return
        self._store_break_action(message.action, message.member, message.reason,
                                 message.minutes, None)  # fmt: skip

    @work(thread=True, exit_on_error=False, group="break-action", description="break action")
    def _store_break_action(self, action: str, member: str, reason: str | None,
                            minutes: int | None, why: str | None) -> None:  # fmt: skip
        from floortui.queries import breaks

        app = self.app  # type: ignore[attr-defined]
        found = self._writer_and_user(quiet=True)
        if found is None:
            return
        writer, user = found
        at = int(app.data_clock.now())
        try:
            if action == "sent":
                breaks.mark_sent(writer, member, user.name, at, reason, minutes)
            elif action == "returned":
                breaks.mark_returned(writer, member, user.name, at)
            else:
                breaks.mark_skipped(writer, member, user.name, at, why or "")
        except Exception as exc:  # nothing was saved: say why, keep the screen up
            app.call_from_thread(self.notify, str(exc), severity="error", timeout=8)  # type: ignore[attr-defined]
            return
        app.call_from_thread(self.break_action_saved, action, member)

    def on_break_panel_alerts_raised(self, message: BreakPanel.AlertsRaised) -> None:
        message.stop()
        if self._writer_and_user(quiet=True) is not None:
            self._log_break_alerts(message.alerts)

    @work(thread=True, exit_on_error=False, group="break-alerts", description="log alerts")
    def _log_break_alerts(self, alerts) -> None:
        from floortui.queries.shift_log import record_alert

        app = self.app  # type: ignore[attr-defined]
        found = self._writer_and_user(quiet=True)
        if found is None:
            return
        writer, user = found
        at = int(app.data_clock.now())
        for alert in alerts:
            try:
                record_alert(writer, app.config, user.name, at, alert.text, alert.member)
            except Exception as exc:  # logging an alert must never take the screen down
                app.call_from_thread(self.notify, f"shift log: {exc}", severity="error")  # type: ignore[attr-defined]
                return
