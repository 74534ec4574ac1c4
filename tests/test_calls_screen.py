"""The Calls screen as a supervisor uses it: browse, filter, open a call's timeline."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Select, Static

from floortui.adapters.importer import Importer
from floortui.app import make_app
from floortui.config import load_config
from floortui.screens.call_detail import CallDetailScreen
from floortui.store.db import open_database
from tests.conftest import settle

DATA = Path(__file__).parent / "data" / "handworked"


def _app(tmp_path):
    config = load_config(DATA / "config.yaml")
    db = open_database(tmp_path / "store.db")
    Importer(db, config).import_path(DATA / "queue_log")
    return make_app(config, db)


def _column(table: DataTable, key: str) -> list[str]:
    """One column's cells, top to bottom, by the column's key (entered, queue, outcome, ...)."""
    return [str(cell) for cell in table.get_column(key)]


async def test_calls_are_listed_newest_first_with_a_count(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await settle(app, pilot)
        table = app.screen.query_one("#calls", DataTable)
        assert table.row_count == 17
        entered = _column(table, "entered")
        assert entered == sorted(entered, reverse=True)
        assert "17 calls" in str(app.screen.query_one("#status", Static).render())
        assert set(_column(table, "queue")) == {"sales", "support"}


async def test_filters_narrow_the_list(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await settle(app, pilot)
        app.screen.query_one("#queue", Select).value = "support"
        await settle(app, pilot)
        table = app.screen.query_one("#calls", DataTable)
        assert table.row_count == 8
        assert set(_column(table, "queue")) == {"support"}

        app.screen.query_one("#outcome", Select).value = "abandoned"
        await settle(app, pilot)
        assert set(_column(table, "outcome")) == {"abandoned"}
        abandoned_support = table.row_count
        assert 0 < abandoned_support < 8

        await pilot.press("escape")
        await settle(app, pilot)
        assert table.row_count == 17


async def test_search_by_caller_number(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await settle(app, pilot)
        table = app.screen.query_one("#calls", DataTable)
        caller = _column(table, "caller")[0]
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*caller)
        await settle(app, pilot)
        assert table.row_count >= 1
        assert set(_column(table, "caller")) == {caller}


async def test_enter_opens_the_timeline_and_escape_comes_back(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await settle(app, pilot)
        table = app.screen.query_one("#calls", DataTable)
        table.focus()
        # Find an answered call and open it.
        row = _column(table, "outcome").index(
            next(o for o in _column(table, "outcome") if o.startswith("answered"))
        )
        table.move_cursor(row=row)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CallDetailScreen)
        timeline = app.screen.query_one("#timeline", DataTable)
        events = [str(timeline.get_row_at(i)[3]) for i in range(timeline.row_count)]
        assert events[0] == "ENTERQUEUE"
        assert "CONNECT" in events
        assert events[-1] in ("COMPLETEAGENT", "COMPLETECALLER")
        summary = str(app.screen.query_one("#summary", Static).render())
        assert "answered by" in summary
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CallDetailScreen)


async def test_question_mark_shows_the_keys(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await app.workers.wait_for_complete()
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one(Static).render())
        assert "Timeline" in text and "Search" in text and "Quit" in text


async def test_time_filter_narrows_to_the_morning_window(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await settle(app, pilot)
        table = app.screen.query_one("#calls", DataTable)
        app.screen.query_one("#since", Input).value = "09:20"
        await settle(app, pilot)
        entered = _column(table, "entered")
        assert entered and all(t >= "09:20:00" for t in entered)
        assert len(entered) < 17
        app.screen.query_one("#until", Input).value = "not a time"
        await pilot.pause()
        assert app.screen.query_one("#until", Input).has_class("-invalid")


async def test_recording_filter_without_recordings_shows_none(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await settle(app, pilot)
        app.screen.query_one("#recording", Select).value = "with a recording"
        await settle(app, pilot)
        assert app.screen.query_one("#calls", DataTable).row_count == 0
        status = str(app.screen.query_one("#status", Static).render())
        assert status == "no calls match — esc clears the filters"


async def test_a_recorded_call_lists_its_recordings_in_the_timeline(tmp_path):
    from floortui.adapters.recordings import scan_recordings

    app = _app(tmp_path)
    scan_recordings(app.db, [Path(__file__).parent / "data" / "audio" / "monitor"])
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await settle(app, pilot)
        app.screen.query_one("#search", Input).value = "1794560455.21"
        await settle(app, pilot)
        table = app.screen.query_one("#calls", DataTable)
        assert table.row_count == 1
        assert _column(table, "rec")[0] == "●●"  # two recordings: mixed and transfer leg
        table.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        listed = str(app.screen.query_one("#recordings", Static).render())
        assert "mixed: 1794560455.21.wav" in listed
        assert "transfer: 1794560455.21-transfer.wav" in listed
        assert "pcm_s16le" in listed


async def test_the_command_palette_offers_the_screens_actions(tmp_path):
    from textual.command import CommandPalette

    app = _app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"imports")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen.sub_title == "Imports"


async def test_m_shows_older_calls_a_page_at_a_time(tmp_path, monkeypatch):
    from floortui.screens import calls as calls_screen

    monkeypatch.setattr(calls_screen, "PAGE", 10)
    app = _app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await settle(app, pilot)
        table = app.screen.query_one("#calls", DataTable)
        assert table.row_count == 10
        status = str(app.screen.query_one("#status", Static).render())
        assert "17 calls (newest 10 shown; m shows more)" in status
        await pilot.press("m")
        await settle(app, pilot)
        assert table.row_count == 17
        assert "newest" not in str(app.screen.query_one("#status", Static).render())


async def test_c_puts_the_keyboard_back_on_the_call_table(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await settle(app, pilot)
        calls = app.screen
        table = calls.query_one("#calls", DataTable)
        calls.query_one("#queue", Select).focus()
        await pilot.press("c")
        await pilot.pause()
        assert app.focused is table
        calls.query_one("#outcome", Select).focus()
        await pilot.press("i")
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        assert app.screen is calls and app.focused is table
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CallDetailScreen)
        await pilot.press("c")
        await settle(app, pilot)
        assert app.screen is calls and app.focused is table


async def test_only_a_playable_recording_counts_and_a_broken_one_has_its_own_mark(tmp_path):
    from floortui.adapters.recordings import scan_recordings

    folder = tmp_path / "recordings"
    folder.mkdir()
    (folder / "1794562694.52.wav").write_bytes(b"")  # empty: the PBX wrote nothing
    (folder / "1794562396.50.wav").write_bytes(
        (Path(__file__).parent / "data" / "audio" / "real" / "auth-thankyou.wav").read_bytes()
    )
    app = _app(tmp_path)
    scan_recordings(app.db, [folder])
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await settle(app, pilot)
        table = app.screen.query_one("#calls", DataTable)
        marks = dict(zip(_column(table, "callid"), _column(table, "rec"), strict=True))
        assert marks["1794562694.52"] == "○"
        assert marks["1794562396.50"] == "●"
        app.screen.query_one("#recording", Select).value = "with a recording"
        await settle(app, pilot)
        assert _column(table, "callid") == ["1794562396.50"]
        assert str(app.screen.query_one("#status", Static).render()) == "1 call"
        app.screen.query_one("#recording", Select).value = "without a recording"
        await settle(app, pilot)
        assert "1794562694.52" in _column(table, "callid")
        assert str(app.screen.query_one("#status", Static).render()) == "16 calls"


async def test_rows_show_the_date_when_it_is_not_the_datas_today(tmp_path):
    config = load_config(DATA / "config.yaml")
    db = open_database(tmp_path / "store.db")
    Importer(db, config).import_path(DATA / "queue_log")
    next_day = 1794562800 + 86_400
    app = make_app(config, db, now=lambda: next_day)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await settle(app, pilot)
        entered = _column(app.screen.query_one("#calls", DataTable), "entered")
        assert entered[0] == "13 Nov 09:38" and entered[-1] == "13 Nov 09:01"
    (tmp_path / "today").mkdir()
    app = _app(tmp_path / "today")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await settle(app, pilot)
        assert _column(app.screen.query_one("#calls", DataTable), "entered")[0] == "09:38:20"


async def test_each_palette_entry_says_what_it_does_once(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await settle(app, pilot)
        for _ in range(2):
            commands = list(app.get_system_commands(app.screen))
            titles = [c.title.lower() for c in commands]
            assert len(titles) == len(set(titles)), sorted(titles)
            for command in commands:
                assert len(command.help) > len(command.title) + 10, command
                assert not command.help.startswith("key:"), command
            await pilot.press("i")
            await settle(app, pilot)
        assert "go to the list of calls" in " ".join(c.help.lower() for c in commands)


async def test_view_only_says_so_in_the_header(tmp_path):
    config = load_config(DATA / "config.yaml")
    db = open_database(tmp_path / "store.db")
    Importer(db, config).import_path(DATA / "queue_log")
    app = make_app(config, db, read_only=True)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await settle(app, pilot)
        assert app.screen.sub_title == "Calls · view only"
        assert app.screen.query_one("#calls", DataTable).row_count == 17
        await pilot.press("i")
        await settle(app, pilot)
        assert app.screen.sub_title == "Imports · view only"


async def test_a_time_of_day_on_an_empty_store_is_today_not_an_error(tmp_path):
    config = load_config(DATA / "config.yaml")
    app = make_app(config, open_database(tmp_path / "empty.db"))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await settle(app, pilot)
        box = app.screen.query_one("#since", Input)
        box.value = "10:00"
        await settle(app, pilot)
        assert not box.has_class("-invalid")
        assert app.screen.filter.since is not None
