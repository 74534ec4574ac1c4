"""The lost-calls screen with the keyboard: what it shows, and what `b` stores, with who and when.

The store is the hand-worked log of tests/data/lost (see WORKED.md for every
answer). app.py is not this screen's, so a minimal App pushes it, holding
`people` (a PeopleWriter on the store) and `user` as the real app will.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual.app import App

from floortui.adapters.importer import Importer
from floortui.config import Config, load_config
from floortui.config.users import UserSettings
from floortui.screens.lost_calls import VIEW_ONLY, LostCallsScreen, NoteModal
from floortui.store.db import open_database
from floortui.store.people import PeopleWriter
from floortui.widgets.lost_table import LostTable
from tests.conftest import rows, settle
from tests.screen_helpers import column, wait_for

DATA = Path(__file__).parent / "data" / "lost"
THE_13TH = dt.date(2026, 11, 13)
MARKED_AT = 1794600000  # 13 Nov 2026 21:00 CET
A6_ROW = 4  # 1794551000.11, 3125550203: lost at 07:23, answered only before (WORKED.md)


class LostApp(App):
    """Just enough of FloorApp for the screen: config, the store, people and user."""

    def __init__(self, db: Database, config: Config, people: PeopleWriter | None,
                 user: UserSettings | None, read_only: bool = False,
                 day: dt.date | None = THE_13TH) -> None:  # fmt: skip
        super().__init__()
        self.db, self.config, self.people, self.user = db, config, people, user
        self.read_only = read_only
        self.day = day

    def on_mount(self) -> None:
        self.push_screen(LostCallsScreen(self.db, self.config, self.day))


@pytest.fixture
def config() -> Config:
    return load_config(DATA / "config.yaml")


@pytest.fixture
def store(db_path: Path, config: Config) -> Database:
    db = open_database(db_path)
    Importer(db, config).import_path(DATA / "queue_log")
    return db


@pytest.fixture
def people(db_path: Path, store: Database) -> PeopleWriter:
    writer = PeopleWriter(db_path, clock=lambda: MARKED_AT + 0.6)
    yield writer
    writer.close()


@pytest.fixture
def sam(config: Config) -> UserSettings:
    return next(user for user in config.users if user.name == "Sam Supervisor")


def _table(app: App) -> LostTable:
    return app.screen.query_one(LostTable)


def _text(app: App, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def _notes(app: App) -> list[str]:
    return [n.message for n in app._notifications]


async def _mark(app: App, pilot, row: int, note: str) -> None:
    _table(app).move_cursor(row=row)
    await pilot.press("b")
    await pilot.pause()
    assert isinstance(app.screen, NoteModal)
    for char in note:
        await pilot.press("space" if char == " " else char)
    await pilot.press("enter")
    await settle(app, pilot)
    await settle(app, pilot)  # the write, then the read it causes


async def test_the_days_lost_calls_with_who_was_reached_and_who_cannot_be_called(
    store, config, people, sam
) -> None:
    app = LostApp(store, config, people, sam)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(app, pilot)
        table = _table(app)
        assert column(table, "time") == [
            "06:00:00", "06:01:40", "06:03:20", "06:05:00", "07:23:20", "07:40:00", "07:41:40",
            "08:13:20", "08:15:00", "08:30:00", "00:30:00",
        ]  # fmt: skip
        assert column(table, "caller") == [
            "3125550201", "anonymous · not callable", "+49301234567", "3125550202",
            "3125550203", "3125550204", "3125550204", "no number · not callable",
            "0 · not callable", "Unknown · not callable", "3125550205",
        ]  # fmt: skip
        assert column(table, "reached") == [
            "✓ 07:00", "", "✓ 08:38", "✓ 06:05", "", "✓ 07:56", "✓ 07:56", "", "", "", "",
        ]  # fmt: skip
        assert column(table, "outcome")[:4] == [
            "abandoned",
            "timed out",
            "left: no members",
            "left by key",
        ]
        assert column(table, "wait")[:2] == ["0:30", "1:00"]
        assert column(table, "position")[0] == "2 (3)"
        assert set(column(table, "called_back")) == {""}
        summary = _text(app, "#summary")
        assert "Fri 13 Nov 2026 (from 06:00)" in summary
        assert "11 lost calls · 2 to call back" in summary
        assert "per hour: 06h 4 · 07h 3 · 08h 3 · 00h 1" in summary


async def test_b_marks_the_caller_called_back_with_a_note_who_and_when(
    store, config, people, sam
) -> None:
    app = LostApp(store, config, people, sam)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(app, pilot)
        await _mark(app, pilot, A6_ROW, "rang back ok")
        table = _table(app)
        assert column(table, "called_back")[A6_ROW] == "✓ Sam Supervisor 21:00"
        assert table.cursor_row == A6_ROW  # still on the same caller after the read
        assert "1 to call back" in _text(app, "#summary")
        assert "called back Sam Supervisor 21:00: rang back ok" in _text(app, "#detail")
        assert any("called back, by Sam Supervisor" in n for n in _notes(app))
        # A later attempt: the latest counts, both are kept.
        await _mark(app, pilot, A6_ROW, "no answer")
        assert column(table, "called_back")[A6_ROW] == "✓ Sam Supervisor 21:00 ×2"
    marks = rows(store, "SELECT callid, queue, caller_number, note FROM lost_call_callbacks"
                        " ORDER BY write_id")  # fmt: skip
    a6 = {"callid": "1794551000.11", "queue": "sales", "caller_number": "3125550203"}
    assert marks == [{**a6, "note": "rang back ok"}, {**a6, "note": "no answer"}]
    assert rows(store, "SELECT kind, subject, written_by, written_at FROM person_writes") == [
        {"kind": "lost.called_back", "subject": "1794551000.11", "written_by": "Sam Supervisor",
         "written_at": MARKED_AT},
    ] * 2  # fmt: skip


async def test_escape_in_the_note_writes_nothing(store, config, people, sam) -> None:
    app = LostApp(store, config, people, sam)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(app, pilot)
        _table(app).move_cursor(row=A6_ROW)
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("x", "escape")
        await settle(app, pilot)
        assert isinstance(app.screen, LostCallsScreen)
    assert rows(store, "SELECT count(*) AS n FROM person_writes") == [{"n": 0}]


@pytest.mark.parametrize("how", ["no writer", "read-only store"])
async def test_a_view_only_app_cannot_mark(store, config, people, sam, how: str) -> None:
    app = LostApp(store, config, None if how == "no writer" else people, sam,
                  read_only=how == "read-only store")  # fmt: skip
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(app, pilot)
        _table(app).move_cursor(row=A6_ROW)
        await pilot.press("b")
        await settle(app, pilot)
        assert isinstance(app.screen, LostCallsScreen)  # no note asked
        assert VIEW_ONLY in _notes(app)
    assert rows(store, "SELECT count(*) AS n FROM person_writes") == [{"n": 0}]


async def test_an_anonymous_caller_cannot_be_marked(store, config, people, sam) -> None:
    app = LostApp(store, config, people, sam)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(app, pilot)
        _table(app).move_cursor(row=1)  # anonymous
        await pilot.press("b")
        await settle(app, pilot)
        assert isinstance(app.screen, LostCallsScreen)
        assert "anonymous: not callable" in _notes(app)
        assert "not callable" in _text(app, "#detail")
    assert rows(store, "SELECT count(*) AS n FROM person_writes") == [{"n": 0}]


async def test_t_narrows_to_the_callers_still_to_call_back(store, config, people, sam) -> None:
    app = LostApp(store, config, people, sam)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        table = _table(app)
        assert column(table, "caller") == ["3125550203", "3125550205"]
        assert "showing 2 still to call back" in _text(app, "#summary")
        await _mark(app, pilot, 0, "done")
        assert column(table, "caller") == ["3125550205"]
        await pilot.press("t")
        await pilot.pause()
        assert len(column(table, "caller")) == 11


async def test_the_brackets_step_through_the_days_from_the_datas_today(
    store, config, people, sam
) -> None:
    app = LostApp(store, config, people, sam, day=None)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(app, pilot)
        # The store's latest line is 14 Nov 08:01 CET: today is the 14th, nothing lost.
        assert "Sat 14 Nov 2026" in _text(app, "#summary")
        assert _table(app).row_count == 0
        assert "no lost calls this day" in _text(app, "#detail")
        await pilot.press("left_square_bracket")
        await settle(app, pilot)
        assert "Fri 13 Nov 2026" in _text(app, "#summary")
        assert _table(app).row_count == 11
        await pilot.press("left_square_bracket")
        await settle(app, pilot)
        assert column(_table(app), "time") == ["05:50:00"]  # the 12th's working day
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(app, pilot)
        assert "Sat 14 Nov 2026" in _text(app, "#summary")


async def test_a_mark_that_cannot_be_saved_says_so_and_stores_nothing(
    store, config, db_path, sam
) -> None:
    import sqlite3

    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # an import batch that holds the write lock
    writer = PeopleWriter(db_path, busy_timeout_s=0.05, give_up_after_s=0.2)
    app = LostApp(store, config, writer, sam)
    try:
        async with app.run_test(size=(140, 30)) as pilot:
            await settle(app, pilot)
            _table(app).move_cursor(row=A6_ROW)
            await pilot.press("b")
            await pilot.pause()
            await pilot.press("x", "enter")
            # (settle would re-raise the failed worker: this waits for what the screen says)
            failed = lambda: any("stayed busy" in n and "nothing was saved" in n  # noqa: E731
                                 for n in _notes(app))  # fmt: skip
            assert await wait_for(failed)
            await pilot.pause()
            assert column(_table(app), "called_back")[A6_ROW] == ""
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
        writer.close()
    assert rows(store, "SELECT count(*) AS n FROM person_writes") == [{"n": 0}]


async def test_new_lost_calls_appear_and_the_cursor_stays_on_its_caller(
    store, config, people, sam, tmp_path
) -> None:
    app = LostApp(store, config, people, sam)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(app, pilot)
        _table(app).move_cursor(row=A6_ROW)
        more = tmp_path / "queue_log.2"
        # 14 Nov 05:00 CET (still the 13th's working day) and 13 Nov 09:00 CET.
        more.write_text(
            "1794628800|1794628800.30|sales|NONE|ENTERQUEUE||3125550299|1\n"
            "1794628830|1794628800.30|sales|NONE|ABANDON|1|1|30\n"
        )
        Importer(store, config).import_path(more)
        app.screen.reload()
        await settle(app, pilot)
        table = _table(app)
        assert column(table, "time")[-2:] == ["00:30:00", "05:00:00"]
        assert table.cursor_row == A6_ROW and table.cursor_call().caller == "3125550203"
        assert "12 lost calls · 3 to call back" in _text(app, "#summary")
        more.write_text(
            more.read_text() + "1794556800|1794556800.31|support|NONE|ENTERQUEUE||3125550298|1\n"
            "1794556840|1794556800.31|support|NONE|EXITWITHTIMEOUT|1|1|40\n"
        )
        Importer(store, config).import_path(more)
        app.screen.reload()
        await settle(app, pilot)
        assert column(table, "time")[10] == "09:00:00"  # in its place, not at the end
        assert table.cursor_call().caller == "3125550203"


async def test_a_writer_the_app_cannot_open_is_a_message(store, config, sam) -> None:
    from floortui.store.people import PersonWriteFailed

    class NoWriter(LostApp):
        @property
        def people(self):  # as FloorApp opens its writer on first use
            raise PersonWriteFailed("an in-memory store cannot take writes from the app")

        @people.setter
        def people(self, value) -> None:
            pass

    app = NoWriter(store, config, None, sam)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(app, pilot)
        _table(app).move_cursor(row=A6_ROW)
        await pilot.press("b")
        await settle(app, pilot)
        assert isinstance(app.screen, LostCallsScreen)
        assert "cannot mark: an in-memory store cannot take writes from the app" in _notes(app)
