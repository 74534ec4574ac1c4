"""The import panel: every source, how far it is read, what was set aside, and follow status.

It reads again every two seconds (one read at a time, re-armed when the last
one is shown) so a followed log's progress is visible while it grows. Below
the list, the highlighted source's lines are accounted for: every line of the
file is imported, set aside, blank, or already imported from another file.
"""

from __future__ import annotations

from rich.markup import escape
from sqlite_utils import Database
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Static

from floortui.config import Config
from floortui.domain.calls import count_of, day_and_clock
from floortui.queries.imports import SetAside, set_aside, sources
from floortui.screens._loading import StoreReader
from floortui.widgets.header import DataHeader

REFRESH_S = 2.0


def short_path(path: str, width: int = 36) -> str:
    """The path's end, which names the file, when the whole is too wide for the list."""
    return path if len(path) <= width else "…" + path[-(width - 1) :]


def line_accounting(source: dict) -> str:
    """'12,000 lines: 11,990 imported, 5 set aside, 3 blank, 2 already imported'."""
    imported = source.get("lines_imported", 0) or 0
    aside = source.get("lines_set_aside", 0) or 0
    blank = source.get("lines_blank", 0) or 0
    already = source.get("lines_already_imported", 0) or 0
    total = source.get("lines_read") or (imported + aside + blank + already)
    parts = [f"{imported:,} imported", f"{aside:,} set aside"]
    if blank:
        parts.append(f"{blank:,} blank")
    if already:
        parts.append(f"{already:,} already imported")
    return f"{count_of(total, 'line')}: {', '.join(parts)}"


class ImportsScreen(StoreReader, Screen):
    """Opened with `i`; Enter on a source shows its set-aside lines."""

    SCREEN_NAME = "Imports"
    BINDINGS = [
        Binding("enter", "show_set_aside", "Set-aside lines", show=True,
                tooltip="Show the lines of the highlighted source that could not be imported"),
    ]  # fmt: skip
    DEFAULT_CSS = """
    ImportsScreen #hint { height: 1; padding: 0 1; color: $text-muted; }
    ImportsScreen #accounting { height: auto; padding: 0 1; }
    ImportsScreen DataTable { height: 1fr; }
    """

    def __init__(self, db: Database, config: Config, follow_status: dict[str, str]) -> None:
        super().__init__()
        self.db, self.config, self.follow_status = db, config, follow_status
        self._sources: dict[str, dict] = {}

    def compose(self) -> ComposeResult:
        yield DataHeader()
        yield Static("Every source of this store. Enter on one lists its set-aside lines.",
                     id="hint")  # fmt: skip
        table = DataTable(id="sources", cursor_type="row", zebra_stripes=True)
        table.add_columns("source", "set aside", "lines imported", "read", "status", "last line",
                          "format")  # fmt: skip
        yield table
        yield Static("", id="accounting")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.read(lambda: sources(self.db), "read the import sources")

    def read_failed(self, error: str) -> None:
        self.query_one("#accounting", Static).update(f"[b]{escape(error)}[/b]")
        self.set_timer(REFRESH_S, self.reload)

    def loaded(self, rows: list[dict]) -> None:
        tz = self.config.day.tz
        table = self.query_one("#sources", DataTable)
        self._sources = {str(source["id"]): source for source in rows}
        for source in rows:
            size = source["size_bytes"] or 0
            read = f"{100 * source['offset_bytes'] / size:.0f}%" if size else "-"
            aside = source["lines_set_aside"]
            cells = (
                short_path(source["path"]),
                f"{aside:,} (Enter)" if aside else "0",
                f"{source['lines_imported']:,}",
                read,
                self.follow_status.get(source["path"], "imported"),
                day_and_clock(source["last_event_at"], tz),
                f"{source['format']} ({source['layout']})",
            )
            self._show_row(table, str(source["id"]), cells)
        known = {source["path"] for source in rows}
        for path, status in self.follow_status.items():
            if path not in known:  # configured, but nothing could be read from it yet
                cells = (short_path(path), "0", "0", "-", status, "", "-")
                self._show_row(table, f"config:{path}", cells)
        self._show_accounting()
        self.set_timer(REFRESH_S, self.reload)

    def data_changed(self) -> None:
        """Nothing to do: the panel reads again every REFRESH_S anyway."""

    @staticmethod
    def _show_row(table: DataTable, key: str, cells: tuple[str, ...]) -> None:
        """Add the row, or update only the cells that changed."""
        if key in table.rows:
            for column, value in zip(table.columns, cells, strict=True):
                if table.get_cell(key, column) != value:
                    table.update_cell(key, column, value)
        else:
            table.add_row(*cells, key=key)

    def _highlighted(self) -> str | None:
        table = self.query_one("#sources", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @on(DataTable.RowHighlighted, "#sources")
    def _show_accounting(self) -> None:
        source = self._sources.get(self._highlighted() or "")
        text = ""
        if source is not None:
            text = f"{escape(source['path'])}\n{line_accounting(source)}"
            if source["lines_set_aside"]:
                text += " — Enter lists the lines set aside, with their line numbers and reasons"
        self.query_one("#accounting", Static).update(text)

    def action_show_set_aside(self) -> None:
        key = self._highlighted()
        if key is not None and key.isdigit():
            self.app.push_screen(SetAsideScreen(self.db, int(key)))

    @on(DataTable.RowSelected, "#sources")
    def row_chosen(self) -> None:
        self.action_show_set_aside()


class SetAsideScreen(StoreReader, ModalScreen):
    """The lines of one source that could not be imported, with line number and reason."""

    BINDINGS = [Binding("escape,q", "dismiss", "Back", tooltip="Back to the import panel")]
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
        self.reload()

    def reload(self) -> None:
        self.read(lambda: set_aside(self.db, self.source_id), "read set-aside lines")

    def read_failed(self, error: str) -> None:
        self.query_one("#count", Static).update(f"[b]{escape(error)}[/b]")

    def loaded(self, answer: SetAside) -> None:
        count = len(answer.lines)
        name = escape(answer.path or "this source")
        self.query_one("#count", Static).update(
            f"{count_of(count, 'line')} set aside from [b]{name}[/b] (Escape goes back)"
            if count
            else f"No lines of [b]{name}[/b] were set aside: all imported. Escape goes back."
        )
        table = self.query_one("#lines", DataTable)
        for line in answer.lines:
            key = str(line["line_number"])
            if key in table.rows:
                continue
            raw = line["raw_text"]
            text = raw if len(raw) <= 120 else raw[:117] + "…"
            table.add_row(key, line["reason"], text, key=key)
