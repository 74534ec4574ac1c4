"""The import panel: every source, how far it is read, what was set aside, and follow status.

It refreshes itself every two seconds (one read at a time, re-armed when the
last one is shown) so a followed log's progress is visible while it grows.
"""

from __future__ import annotations

from sqlite_utils import Database
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, Static

from floortui.config import Config
from floortui.domain.calls import day_and_clock
from floortui.store import sources as source_queries

REFRESH_S = 2.0


class SourcesLoaded(Message):
    def __init__(self, sources: list[dict]) -> None:
        super().__init__()
        self.sources = sources


class ImportsScreen(Screen):
    """Opened with `i`; Enter on a source shows its set-aside lines."""

    BINDINGS = [Binding("enter", "show_set_aside", "Set-aside lines", show=True)]
    DEFAULT_CSS = """
    ImportsScreen #hint { height: 1; padding: 0 1; color: $text-muted; }
    ImportsScreen DataTable { height: 1fr; }
    """

    def __init__(self, db: Database, config: Config, follow_status: dict[str, str]) -> None:
        super().__init__()
        self.db, self.config, self.follow_status = db, config, follow_status

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Sources imported into this store; Enter shows a source's set-aside lines.",
                     id="hint")  # fmt: skip
        table = DataTable(id="sources", cursor_type="row", zebra_stripes=True)
        table.add_columns("source", "format", "lines imported", "set aside", "last line",
                          "read", "status")  # fmt: skip
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Imports"
        self.load()

    @work(thread=True, exclusive=True, group="sources")
    def load(self) -> None:
        self.post_message(SourcesLoaded(source_queries.list_sources(self.db)))

    @on(SourcesLoaded)
    def show(self, message: SourcesLoaded) -> None:
        tz = self.config.day.tz
        table = self.query_one("#sources", DataTable)
        for source in message.sources:
            key = str(source["id"])
            size = source["size_bytes"] or 0
            read = f"{100 * source['offset_bytes'] / size:.0f}%" if size else "-"
            cells = (
                source["path"],
                f"{source['format']} ({source['layout']})",
                f"{source['lines_imported']:,}",
                f"{source['lines_set_aside']:,}",
                day_and_clock(source["last_event_at"], tz),
                read,
                self.follow_status.get(source["path"], "imported"),
            )
            self._show_row(table, key, cells)
        known = {source["path"] for source in message.sources}
        for path, status in self.follow_status.items():
            if path not in known:  # configured, but nothing could be read from it yet
                self._show_row(table, f"config:{path}", (path, "-", "0", "0", "", "-", status))
        self.set_timer(REFRESH_S, self.load)

    @staticmethod
    def _show_row(table: DataTable, key: str, cells: tuple[str, ...]) -> None:
        """Add the row, or update only the cells that changed."""
        if key in table.rows:
            for column, value in zip(table.columns, cells, strict=True):
                if table.get_cell(key, column) != value:
                    table.update_cell(key, column, value)
        else:
            table.add_row(*cells, key=key)

    def action_show_set_aside(self) -> None:
        table = self.query_one("#sources", DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            if key.isdigit():
                self.app.push_screen(SetAsideScreen(self.db, int(key)))

    @on(DataTable.RowSelected, "#sources")
    def row_chosen(self) -> None:
        self.action_show_set_aside()


class SetAsideLoaded(Message):
    def __init__(self, lines: list[dict]) -> None:
        super().__init__()
        self.lines = lines


class SetAsideScreen(ModalScreen):
    """The lines of one source that could not be imported, with line number and reason."""

    BINDINGS = [Binding("escape,q", "dismiss", "Back")]
    DEFAULT_CSS = """
    SetAsideScreen { align: center middle; }
    SetAsideScreen > Vertical {
        width: 95%; height: 80%; border: thick $accent; background: $surface; padding: 0 1;
    }
    SetAsideScreen DataTable { height: 1fr; }
    """

    def __init__(self, db: Database, source_id: int) -> None:
        super().__init__()
        self.db, self.source_id = db, source_id

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Loading…", id="count")
            table = DataTable(id="lines", cursor_type="row")
            table.add_columns("line", "reason", "text as written")
            yield table

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="set-aside")
    def load(self) -> None:
        self.post_message(SetAsideLoaded(source_queries.set_aside_lines(self.db, self.source_id)))

    @on(SetAsideLoaded)
    def show(self, message: SetAsideLoaded) -> None:
        count = len(message.lines)
        self.query_one("#count", Static).update(
            f"{count:,} lines set aside" if count else "No lines were set aside: all imported."
        )
        table = self.query_one("#lines", DataTable)
        for line in message.lines:
            text = (
                line["raw_text"] if len(line["raw_text"]) <= 120 else line["raw_text"][:117] + "…"
            )
            table.add_row(str(line["line_number"]), line["reason"], text)
