"""The queue panel and the hourly table in a minimal app, fed the hand-worked day.

Data from tests/data/queues (WORKED.md): the panel shows each queue's line,
ticks its waits each second from one snapshot without reading the store, and
colours its lines by level with classes; the table highlights understaffed hours.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult

from floortui.adapters.importer import Importer
from floortui.config import load_config
from floortui.queries.floor import floor_snapshot_at
from floortui.queries.queues_today import queues_today
from floortui.store.db import open_database
from floortui.widgets.hourly_table import HourlyTable
from floortui.widgets.queue_board import QueueBoard
from floortui.widgets.queue_panel import QueuePanel, ShownLine

DATA = Path(__file__).parent / "data" / "queues"
D = 1794546000
NOW = D + 6300


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    config = load_config(DATA / "config.yaml")
    db = open_database(tmp_path_factory.mktemp("panel") / "store.db")
    Importer(db, config).import_path(DATA / "queue_log")
    today = queues_today(db, config, NOW)
    snapshot = floor_snapshot_at(db, NOW, None, config.wrapup_s())
    db.conn.close()  # the widgets never touch the store
    return today, snapshot


class PanelApp(App):
    def compose(self) -> ComposeResult:
        yield QueuePanel(id="queues")
        yield HourlyTable(id="hours")


def lines(app: App) -> dict[str, ShownLine]:
    """Each queue's line as the panel draws it."""
    return app.query_one(QueuePanel).shown_lines()


async def test_the_panel_shows_each_queue_and_its_level(day) -> None:
    today, snapshot = day
    app = PanelApp()
    async with app.run_test(size=(140, 20)) as pilot:
        panel = app.query_one(QueuePanel)
        panel.show_day(today)
        panel.tick(snapshot, NOW)
        await pilot.pause()
        shown = lines(app)
        assert list(shown) == ["sales", "support"]
        sales, support = shown["sales"], shown["support"]
        assert sales.level == "alert" and support.level == "warning"
        assert sales.text.split()[:5] == ["▲", "sales", "1", "5:00", "5"]
        assert "40.0" in sales.text and "20.0" in sales.text and "2:40" in sales.text
        assert sales.text.endswith("waiting 300 s, over 20 s")
        figures = support.text.removesuffix("  SL 75 % under 80 %").split()
        assert figures[-5:] == ["1", "1", "0", "1", "0"]  # ready, call, wrap-up, paused, break


async def test_the_wait_ticks_each_second_from_one_snapshot(day) -> None:
    today, snapshot = day
    app = PanelApp()
    async with app.run_test(size=(140, 20)) as pilot:
        panel = app.query_one(QueuePanel)
        panel.show_day(today)
        panel.tick(snapshot, NOW)
        await pilot.pause()
        before = lines(app)["support"]
        kept = before.text
        panel.tick(snapshot, NOW + 61)
        await pilot.pause()
        assert lines(app)["sales"].text.split()[3] == "6:01"
        assert lines(app)["support"] is before and before.text == kept


async def test_a_tick_redraws_the_wait_that_moved_and_nothing_else(day) -> None:
    """Sales has a caller waiting 5:00, support has none: a second later sales' line is
    drawn again from the wait's last digit (5:01) to the reason's ("waiting 301 s"), and
    nothing of support's; the panel draws the line that says the new wait."""
    today, snapshot = day
    app = PanelApp()
    async with app.run_test(size=(140, 20)) as pilot:
        panel = app.query_one(QueuePanel)
        panel.show_day(today)
        panel.tick(snapshot, NOW)
        await pilot.pause()
        drawn: list = []
        panel.refresh = lambda *regions, **kw: drawn.extend(regions)  # type: ignore[method-assign]
        panel.tick(snapshot, NOW + 1)
        [region] = drawn
        text = lines(app)["sales"].text
        assert region.y == 1, "sales' line alone"
        assert region.x == text.index("5:01") + 3, (region, text)
        assert region.right == text.index("301 s") + 3, (region, text)
        assert "5:01" in panel.render_line(1).text
        drawn.clear()
        panel.tick(snapshot, NOW + 1)
        assert drawn == [], "nothing moved, nothing drawn"


async def test_a_level_that_clears_drops_its_class(day) -> None:
    today, snapshot = day
    app = PanelApp()
    async with app.run_test(size=(140, 20)) as pilot:
        panel = app.query_one(QueuePanel)
        panel.show_day(today)
        panel.tick(snapshot, NOW)
        await pilot.pause()
        panel.tick(None, NOW)  # no floor known (a replay being read): nobody waiting
        await pilot.pause()
        assert lines(app)["sales"].level == "warning"


async def test_an_empty_day_says_so(day) -> None:
    app = PanelApp()
    async with app.run_test(size=(140, 20)) as pilot:
        panel = app.query_one(QueuePanel)
        panel.tick(None, NOW)
        await pilot.pause()
        assert not lines(app)
        assert app.query_one(QueuePanel).render_line(1).text.startswith("No queue has a call")


async def test_the_hourly_table_highlights_understaffed_hours(day) -> None:
    today, _ = day
    app = PanelApp()
    async with app.run_test(size=(140, 20)) as pilot:
        table = app.query_one(HourlyTable)
        table.show_day(today)
        await pilot.pause()
        rows = list(table.query(".hourly-row"))
        assert [r.has_class("-understaffed") for r in rows] == [True, False]  # all queues
        table.show_queue("sales")
        await pilot.pause()
        rows = list(table.query(".hourly-row"))
        assert [r.has_class("-understaffed") for r in rows] == [False, False]
        assert str(rows[0].render()).split() == ["06:00", "3", "2", "1", "33.3", "2:40", "1.5",
                                                 "1"]  # fmt: skip
        table.show_queue("support")
        await pilot.pause()
        rows = list(table.query(".hourly-row"))
        assert str(rows[0].render()).endswith("understaffed")
        assert rows[-1].has_class("-current")


async def test_an_80_column_window_keeps_the_most_wanted_columns(day) -> None:
    today, snapshot = day
    app = PanelApp()
    async with app.run_test(size=(80, 20)) as pilot:
        panel = app.query_one(QueuePanel)
        panel.show_day(today)
        panel.tick(snapshot, NOW)
        await pilot.pause()
        head = app.query_one(QueuePanel).head_text()
        assert head.split() == ["Queue", "Wait", "Longest", "Offer", "Ans", "Aband", "Conn%",
                                "SL%", "Rdy", "Call", "Paus", "Brk"]  # fmt: skip
        assert len(head) <= 80
        sales = lines(app)["sales"].text
        assert sales.split()[:4] == ["▲", "sales", "1", "5:00"]
        assert len(sales.removesuffix("  waiting 300 s, over 20 s")) == len(head)


async def test_figures_reset_at_the_day_start_before_the_next_read(day) -> None:
    today, snapshot = day
    app = PanelApp()
    async with app.run_test(size=(140, 20)) as pilot:
        panel = app.query_one(QueuePanel)
        panel.show_day(today)
        panel.tick(snapshot, today.end - 1)
        await pilot.pause()
        assert lines(app)["sales"].text.split()[4] == "5"  # offered today
        panel.tick(snapshot, today.end)  # 06:00 the next day, the store not read again yet
        await pilot.pause()
        assert lines(app)["sales"].text.split()[4] == "0"


class BoardApp(App):
    def compose(self) -> ComposeResult:
        yield QueueBoard(break_reasons={"Break", "Lunch"})


async def test_the_board_shows_the_panel_and_the_hours_on_demand(day) -> None:
    today, snapshot = day
    app = BoardApp()
    async with app.run_test(size=(140, 30)) as pilot:
        board = app.query_one(QueueBoard)
        board.show_day(today)
        board.tick(snapshot, NOW)
        await pilot.pause()
        assert lines(app)["sales"].level == "alert"
        assert not board.hourly.display
        assert board.toggle_hourly() and board.hourly.display
        assert [board.next_queue() for _ in range(3)] == ["sales", "support", None]
        assert not board.toggle_hourly()


def test_a_reason_too_long_for_the_window_is_left_out_not_cut_to_its_first_letters() -> None:
    from floortui.widgets.queue_panel import whole_words

    line = "! support   0   2  SL 50 % under 80 %"
    assert whole_words(line, 21) == "! support   0   2  SL"  # just room for "SL"
    assert whole_words(line, 20) == "! support   0   2"  # "S" alone never shows
    assert whole_words(line, 40) == line
    assert whole_words("Überlauf-Warteschlange", 8) == "Überlauf"  # one long word: cut
