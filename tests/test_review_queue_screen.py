"""The review queue with the keyboard: draw, claim, review, release, find a caller, listen.

The store is one day imported from queue_log text with real recording files:
Alice Archer answers 8 calls, Bob Baker 4, Cora Cole 2 (each caller a number
of its own, 07700 900 1NN). Lena Wolff and Arjun Mehta are the reviewers on
duty. A minimal App holds what FloorApp gives the screen (config, the store,
people, user); one test opens it with the real app's `R`.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual.app import App

from floortui.adapters.importer import Importer
from floortui.adapters.recordings import scan_recordings
from floortui.app import make_app
from floortui.config import Config, parse_config
from floortui.config.users import UserSettings
from floortui.queries.review_queue import claim, draw_today
from floortui.screens.review_queue import WATCHING_ONLY, ReviewQueueScreen
from floortui.store.db import open_database
from floortui.store.people import PeopleWriter
from floortui.widgets.review_table import CallerTable, ReviewTable
from tests.conftest import rows, settle
from tests.screen_helpers import column, wait_for

WAV = Path(__file__).parent / "data/audio/monitor/2026/11/13/1794560455.21.wav"
DAY = dt.date(2026, 11, 13)
NINE = 1794560400  # 2026-11-13 09:00 UTC
LENA, ARJUN = "Lena Wolff", "Arjun Mehta"


def _day(folder: Path) -> list[str]:
    lines, callids, at = [f"{NINE - 60}|NONE|NONE|NONE|QUEUESTART|"], [], NINE
    (folder / "monitor").mkdir()
    plan = [("Alice Archer", 8), ("Bob Baker", 4), ("Cora Cole", 2)]
    for member, count in plan:
        for _ in range(count):
            n = len(callids) + 1
            callid = f"{at}.{n}"
            lines += [
                f"{at}|{callid}|sales|NONE|ENTERQUEUE||07700 900 1{n:02d}|1",
                f"{at + 6}|{callid}|sales|{member}|CONNECT|6|{at + 1}.99|5",
                f"{at + 66}|{callid}|sales|{member}|COMPLETEAGENT|6|60|1",
            ]
            shutil.copy(WAV, folder / "monitor" / f"{callid}.wav")
            callids.append(callid)
            at += 180
    (folder / "queue_log").write_text("".join(f"{line}\n" for line in lines))
    return callids


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return parse_config(
        {
            "store": {"path": "floortui.db"},
            "users": [{"name": LENA, "role": "reviewer"}, {"name": ARJUN, "role": "reviewer"},
                      {"name": "Tess", "role": "supervisor"}],
            "review": {"max_open_claims": 2},
        },
        base=tmp_path,
    )  # fmt: skip


@pytest.fixture
def store(tmp_path: Path, config: Config) -> Database:
    _day(tmp_path)
    db = open_database(config.store.path)
    Importer(db, config).import_path(tmp_path / "queue_log")
    scan_recordings(db, [tmp_path / "monitor"])
    return db


@pytest.fixture
def people(config: Config, store: Database) -> PeopleWriter:
    writer = PeopleWriter(config.store.path)
    yield writer
    writer.close()


def _user(config: Config, name: str) -> UserSettings:
    return next(u for u in config.users if u.name == name)


class ReviewApp(App):
    """Just enough of FloorApp for the screen."""

    def __init__(self, db, config, people, user, read_only: bool = False,
                 clock=time.time) -> None:  # fmt: skip
        super().__init__()
        self.db, self.config, self.people, self.user = db, config, people, user
        self.read_only = read_only
        self.clock = clock

    def on_mount(self) -> None:
        self.push_screen(ReviewQueueScreen(self.db, self.config, DAY, clock=self.clock))


def _table(app: App) -> ReviewTable:
    return app.screen.query_one(ReviewTable)


def _text(app: App, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def _notes(app: App) -> list[str]:
    return [n.message for n in app._notifications]


async def _press(app: App, pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
    await settle(app, pilot)
    await settle(app, pilot)  # the write, then the read it causes


async def _drawn(app: App, pilot) -> None:
    await settle(app, pilot)
    await _press(app, pilot, "s")
    assert await wait_for(lambda: _table(app).row_count > 0)


async def test_s_draws_the_days_sample_and_my_calls_come_first(store, config, people) -> None:
    app = ReviewApp(store, config, people, _user(config, LENA))
    async with app.run_test(size=(150, 30)) as pilot:
        await settle(app, pilot)
        assert "no sample drawn for this day yet — s draws it" in _text(app, "#progress")
        await _drawn(app, pilot)
        sampled = rows(store, "SELECT member, reviewer FROM samples ORDER BY answered_at")
        mine = sum(1 for r in sampled if r["reviewer"] == LENA)
        assert len(sampled) == 3 and mine >= 1  # 10 % of 8, 4, 2, at least 1 a member
        progress = _text(app, "#progress")
        assert f"Lena Wolff: 0 done / {mine} due" in progress
        assert "holding 0 of 2" in progress and "the day: 0 done / 3 sampled" in progress
        table = _table(app)
        marks = [cell.startswith("▸") for cell in column(table, "time")]
        assert marks == [True] * mine + [False] * (3 - mine)
        assert column(table, "reviewer")[:mine] == [LENA] * mine
        assert set(column(table, "status")) == {"new"}
        assert column(table, "talk") == ["1:00"] * 3
        assert set(column(table, "why")) - {""}


async def test_claim_then_mark_reviewed_stores_who_and_shows_done(store, config, people) -> None:
    app = ReviewApp(store, config, people, _user(config, LENA))
    async with app.run_test(size=(150, 30)) as pilot:
        await _drawn(app, pilot)
        await _press(app, pilot, "c")
        assert column(_table(app), "status")[0] == "in progress · you"
        assert "holding 1 of 2" in _text(app, "#progress")
        assert rows(store, "SELECT reviewer FROM review_claims") == [{"reviewer": LENA}]
        assert "d marks reviewed" in _text(app, "#detail")
        await _press(app, pilot, "d")
        assert column(_table(app), "status")[0] == "done · you"
        assert "Lena Wolff: 1 done /" in _text(app, "#progress")
        assert "holding 0 of 2" in _text(app, "#progress")
        assert rows(store, "SELECT done_by, how FROM review_done") == [
            {"done_by": LENA, "how": "marked reviewed"}
        ]
        assert rows(store, "SELECT why, ended_by FROM review_claim_ends") == [
            {"why": "done", "ended_by": LENA}
        ]


async def test_others_calls_show_who_has_them_and_cannot_be_taken(store, config,
                                                                  people) -> None:  # fmt: skip
    app = ReviewApp(store, config, people, _user(config, LENA))
    async with app.run_test(size=(150, 30)) as pilot:
        await _drawn(app, pilot)
        table = _table(app)
        first = table.cursor_item()
        claim(people, config, first.call.id, ARJUN)
        await _press(app, pilot, "r")
        assert column(table, "status")[0] == "in progress · Arjun Mehta"
        assert "Arjun Mehta has it" in _text(app, "#detail")
        await _press(app, pilot, "c")
        assert any("claimed by Arjun Mehta" in note for note in _notes(app))
        assert rows(store, "SELECT reviewer FROM review_claims") == [{"reviewer": ARJUN}]


async def test_u_gives_the_call_back_to_the_queue(store, config, people) -> None:
    app = ReviewApp(store, config, people, _user(config, LENA))
    async with app.run_test(size=(150, 30)) as pilot:
        await _drawn(app, pilot)
        await _press(app, pilot, "c")
        await _press(app, pilot, "u")
        assert column(_table(app), "status")[0] == "new"
        assert "Lena Wolff's claim was released at" in _text(app, "#detail")
        assert rows(store, "SELECT why FROM review_claim_ends") == [{"why": "released"}]


async def test_someone_watching_sees_the_queue_but_claims_nothing(store, config,
                                                                 people) -> None:  # fmt: skip
    app = ReviewApp(store, config, people, None)
    async with app.run_test(size=(150, 30)) as pilot:
        await settle(app, pilot)
        await _press(app, pilot, "s")
        assert WATCHING_ONLY in _notes(app)
        assert rows(store, "SELECT count(*) AS n FROM samples") == [{"n": 0}]
    draw_today(store, config, DAY)  # as someone listed would
    app = ReviewApp(store, config, people, None)
    async with app.run_test(size=(150, 30)) as pilot:
        await settle(app, pilot)
        assert _table(app).row_count == 3
        assert "watching only" in _text(app, "#progress")
        await _press(app, pilot, "c")
        assert _notes(app).count(WATCHING_ONLY) == 1
        assert rows(store, "SELECT count(*) AS n FROM review_claims") == [{"n": 0}]


async def test_slash_finds_a_complaints_call_by_number_and_enter_listens(
    store, config, people
) -> None:
    app = ReviewApp(store, config, people, _user(config, "Tess"))
    async with app.run_test(size=(150, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        for key in "900 105":
            await pilot.press("space" if key == " " else key)
        await settle(app, pilot)
        found = app.screen.query_one(CallerTable)
        assert await wait_for(lambda: found.row_count == 1)
        assert column(found, "caller") == ["07700 900 105"]
        assert column(found, "member") == ["Alice Archer"]
        assert column(found, "recording") == ["yes"]
        await pilot.press("enter")  # from the number to the list
        await pilot.press("enter")  # listen
        await pilot.pause()
        from floortui.screens.listen import ListenScreen

        assert isinstance(app.screen, ListenScreen) and app.screen.call == f"{NINE + 4 * 180}.5"


async def test_brackets_step_through_the_days(store, config, people) -> None:
    app = ReviewApp(store, config, people, _user(config, LENA))
    async with app.run_test(size=(150, 30)) as pilot:
        await _drawn(app, pilot)
        await _press(app, pilot, "left_square_bracket")
        assert _text(app, "#progress").startswith("Thu 12 Nov 2026")
        assert _table(app).row_count == 0
        await _press(app, pilot, "right_square_bracket")
        assert _text(app, "#progress").startswith("Fri 13 Nov 2026")
        assert _table(app).row_count == 3


async def test_R_opens_the_review_queue_from_the_floor(store, config) -> None:
    app = make_app(config, store, user=_user(config, LENA))
    async with app.run_test(size=(150, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("R")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewQueueScreen)
        assert _text(app, "#progress").startswith("Fri 13 Nov 2026")  # the data's today


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


async def test_a_claim_left_untouched_goes_back_to_the_queue(config, store, tmp_path) -> None:
    clock = Clock(1794600000.0)  # 13 Nov 2026 20:00 UTC, when Arjun claims
    people = PeopleWriter(config.store.path, clock=clock)
    draw_today(store, config, DAY)
    first = store.execute("SELECT min(id) FROM samples").fetchone()[0]
    claim(people, config, first, ARJUN)
    clock.now += 31 * 60  # the demo config's timeout is 30 minutes
    app = ReviewApp(store, config, people, _user(config, LENA), clock=clock)
    try:
        async with app.run_test(size=(150, 30)) as pilot:
            await settle(app, pilot)
            table = _table(app)
            table.move_cursor(row=[i.call.id for i in table._by_key.values()].index(first))
            await settle(app, pilot)
            assert column(table, "status")[table.cursor_row] == "new"
            assert "Arjun Mehta's claim timed out at 20:30 · c claims it" in _text(app, "#detail")
            await _press(app, pilot, "c")
            assert column(table, "status")[table.cursor_row] == "in progress · you"
        assert rows(store, "SELECT reviewer, why, ended_by FROM review_claims c LEFT JOIN"
                    " review_claim_ends e ON e.claim_id = c.id ORDER BY c.id") == [
            {"reviewer": ARJUN, "why": "timeout", "ended_by": "floortui"},
            {"reviewer": LENA, "why": None, "ended_by": None},
        ]  # fmt: skip
    finally:
        people.close()


async def test_someone_given_no_calls_spot_checks(store, config, people) -> None:
    draw_today(store, config, DAY)
    app = ReviewApp(store, config, people, _user(config, "Tess"))
    async with app.run_test(size=(150, 30)) as pilot:
        await settle(app, pilot)
        assert "Tess: no calls given to you today · holding 0 of 2" in _text(app, "#progress")
        await _press(app, pilot, "c")
        assert column(_table(app), "status")[0] == "in progress · you"


async def test_escape_closes_the_caller_search(store, config, people) -> None:
    draw_today(store, config, DAY)
    app = ReviewApp(store, config, people, _user(config, LENA))
    async with app.run_test(size=(150, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", "1", "0", "5")
        await settle(app, pilot)
        screen = app.screen
        assert screen.has_class("-finding") and screen.query_one(CallerTable).display
        await pilot.press("escape")
        await settle(app, pilot)
        assert not screen.has_class("-finding")
        assert not screen.query_one(CallerTable).display and _table(app).has_focus
        assert _table(app).row_count == 3


async def test_n_goes_to_my_next_call_to_review(store, config, people) -> None:
    draw_today(store, config, DAY)
    mine = rows(store, "SELECT count(*) AS n FROM samples WHERE reviewer = ?", (ARJUN,))[0]["n"]
    app = ReviewApp(store, config, people, _user(config, ARJUN))
    async with app.run_test(size=(150, 30)) as pilot:
        await settle(app, pilot)
        table = _table(app)
        assert table.cursor_row == 0 and mine == 2  # Bob's and Cora's calls (the seed's draw)
        await _press(app, pilot, "c")
        await _press(app, pilot, "d")  # the first is done: n skips it
        await _press(app, pilot, "n")
        assert table.cursor_row == 1 and column(table, "status")[1] == "new"
        await _press(app, pilot, "c")
        await _press(app, pilot, "d")
        await _press(app, pilot, "n")  # Lena's call below is hers, not Arjun's to do
        assert "nothing left to review in this day's queue" in _notes(app)
        assert table.cursor_row == 1


class TodayApp(ReviewApp):
    """The queue as `R` opens it: following the data's today, not a chosen day."""

    def on_mount(self) -> None:
        self.push_screen(ReviewQueueScreen(self.db, self.config, clock=self.clock))


async def test_opening_today_draws_the_days_sample_and_a_later_tick_tops_it_up(
    store, config, people, monkeypatch
) -> None:
    import floortui.screens.review_queue as screen_module

    app = TodayApp(store, config, people, _user(config, LENA))
    async with app.run_test(size=(150, 30)) as pilot:
        assert await wait_for(lambda: _table(app).row_count == 3), "drawn as the queue opened"
        assert "the day: 0 done / 3 sampled" in _text(app, "#progress")
        assert "drawing the day's sample…" not in _notes(app), "quietly"
        drawn = rows(store, "SELECT id, draw FROM samples ORDER BY id")
        monkeypatch.setattr(screen_module, "TOP_UP_S", 0.0)
        app.screen._tick()
        await settle(app, pilot)
        await settle(app, pilot)
        assert rows(store, "SELECT id, draw FROM samples ORDER BY id") == drawn, (
            "a top-up with no newer calls changes nothing"
        )


async def test_someone_watching_opens_today_without_drawing(store, config, people) -> None:
    app = TodayApp(store, config, people, None)
    async with app.run_test(size=(150, 30)) as pilot:
        await settle(app, pilot)
        await settle(app, pilot)
        assert rows(store, "SELECT * FROM samples") == []
        assert "no sample drawn for this day yet" in _text(app, "#progress")
