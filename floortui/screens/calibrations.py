"""The calibration sessions (`K` on the review queue): which calls to score blind, and how far.

Each session: its call, form, who it was given to and how many have scored;
the viewer's own ones still to score come first. Enter opens the call in the
listen screen, where the form scores it for the session (blind), or shows
the spread once everyone has scored (floortui.screens.listen_scoring).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from floortui.domain.calibration import SessionView
from floortui.screens._loading import StoreReader
from floortui.widgets.header import DataHeader


def session_row(view: SessionView, viewer: str | None) -> tuple[str, ...]:
    """The list's words for one session, as `viewer` sees it."""
    if view.result is not None:
        status = "done: " + (", ".join(view.result.outside) + " outside the band"
                             if view.result.outside else "everyone within the band")  # fmt: skip
    elif viewer in view.reviewers and viewer not in view.scored:
        status = "yours to score (blind)"
    else:
        status = "waiting for " + ", ".join(r for r in view.reviewers if r not in view.scored)
    return (f"#{view.id}", view.callid, view.form, f"{len(view.scored)} of {len(view.reviewers)}",
            status)  # fmt: skip


class CalibrationsScreen(StoreReader, Screen):
    """Every calibration session, the viewer's to score first."""

    SCREEN_NAME = "Calibration"
    BINDINGS = [
        Binding("enter", "listen", "Listen", tooltip="Open the call: score it, or see the spread"),
        Binding("escape", "back", "Back", tooltip="Back to the review queue"),
    ]
    DEFAULT_CSS = """
    CalibrationsScreen #calibration-note { height: 1; padding: 0 1; color: $text-muted; }
    CalibrationsScreen DataTable { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield DataHeader()
        yield Static("", id="calibration-note")
        yield DataTable(cursor_type="row", id="sessions")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        super().on_mount()
        table = self.query_one(DataTable)
        for title in ("session", "call", "form", "scored", "status"):
            table.add_column(title, key=title)
        self.views: list[SessionView] = []
        self.reload()

    @property
    def viewer(self) -> str | None:
        user = getattr(self.app, "user", None)
        return user.name if user is not None else None

    def reload(self) -> None:
        from floortui.queries.calibration_calls import sessions_for

        app, viewer = self.app, self.viewer
        self.read(lambda: sessions_for(app.db, app.config, viewer), "read the calibrations")

    def loaded(self, views: list[SessionView]) -> None:
        viewer = self.viewer
        mine = [v for v in views if viewer in v.reviewers and viewer not in v.scored]
        self.views = mine + [v for v in views if v not in mine]
        table = self.query_one(DataTable)
        table.clear()
        for view in self.views:
            table.add_row(*session_row(view, viewer), key=str(view.id))
        note = (f"{len(mine)} to score blind" if mine else "nothing to score") + (
            " · a QA lead starts one with K on a call being listened to")  # fmt: skip
        if not views:
            note = "no calibration yet · " + note
        self.query_one("#calibration-note", Static).update(note)

    def read_failed(self, error: str) -> None:
        self.query_one("#calibration-note", Static).update(error)

    def action_listen(self) -> None:
        row = self.query_one(DataTable).cursor_row
        if 0 <= row < len(self.views):
            from floortui.screens.listen import ListenScreen

            self.app.push_screen(ListenScreen(self.views[row].callid))

    def on_data_table_row_selected(self) -> None:
        """Enter on the list (the table takes the key): open the call."""
        self.action_listen()

    def action_back(self) -> None:
        self.app.pop_screen()
