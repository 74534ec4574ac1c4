"""The Results screen through Pilot on a small real store: Rita scored Alice's support call
(100) and Bob's sales call; Tom leads the Red team (Alice's), Hana supervises, Quinn is the
QA lead. Each write stores who and when; a refusal says why and stores nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from floortui.queries import evaluations as q
from floortui.queries import evaluations_followup as f
from floortui.screens.results import ResultsScreen
from floortui.screens.results_writes import WATCHING_ONLY
from floortui.widgets.results_table import ResultsTable
from tests.conftest import rows, settle
from tests.evaluation_store import (
    CALLS,
    DAY_S,
    Clock,
    full_marks,
    make_store,
    score_support_then_sales,
    user,
)

pytestmark = pytest.mark.timeout(60)
SUPPORT, SALES = CALLS[0][0], CALLS[1][0]


class ResultsApp(App):
    """Just enough of FloorApp for the screen."""

    def __init__(self, db, config, people, acting, clock) -> None:
        super().__init__()
        self.db, self.config, self.people, self.user = db, config, people, acting
        self.read_only, self.clock = False, clock

    def on_mount(self) -> None:
        self.push_screen(ResultsScreen(self.db, self.config, clock=self.clock))


@pytest.fixture
def scored(tmp_path: Path):
    clock = Clock()
    config, db, writer = make_store(tmp_path, clock)
    score_support_then_sales(db, writer, config, clock)
    yield config, db, writer, clock
    writer.close()


def _app(scored, name: str | None) -> ResultsApp:
    config, db, writer, clock = scored
    return ResultsApp(db, config, writer, user(config, name) if name else None, clock)


def _cells(app: App, row: int = 0) -> list[str]:
    return [str(c) for c in app.screen.query_one(ResultsTable).get_row_at(row)]


def _notes(app: App) -> list[str]:
    return [n.message for n in app._notifications]


async def _type(app: App, pilot, *entries: str) -> None:
    """Each entry typed into the asked line, then Enter."""
    for entry in entries:
        for ch in entry:
            await pilot.press("space" if ch == " " else ch)
        await pilot.press("enter")
    await settle(app, pilot)
    await settle(app, pilot)  # the write, then the read it causes


async def test_results_newest_first_and_the_overdue_list(scored) -> None:
    scored[3].now += 7 * DAY_S - 30  # the support result is 7 days old, the sales one not
    app = _app(scored, "Tom Reyes")
    async with app.run_test(size=(170, 40)) as pilot:
        await settle(app, pilot)
        assert _cells(app, 0)[1:9] == [SALES, "Bob Baker", "Rita Reyes", "outbound sales",
                                       "100.0", "优秀", "", "1"]  # fmt: skip
        assert _cells(app, 0)[9] == "no" and _cells(app, 1)[9] == "overdue 7 d"
        assert "1 not fed back after 7 days" in str(app.screen.query_one("#progress").render())
        await pilot.press("o")
        await settle(app, pilot)
        table = app.screen.query_one(ResultsTable)
        assert table.row_count == 1 and _cells(app)[1] == SUPPORT


async def test_feedback_stores_who_and_when_and_leaves_the_overdue_list(scored) -> None:
    config, db, writer, clock = scored
    clock.now += 8 * DAY_S
    app = _app(scored, "Tom Reyes")
    async with app.run_test(size=(170, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("down")  # Alice's support result (Bob is not in Tom's team)
        await pilot.press("f")
        await settle(app, pilot)
        await _type(app, pilot, "", "went through it")  # the date: the data's today
        assert _cells(app, 1)[9] == "21 Nov · Tom Reyes"
        [write] = writer.history(
            "evaluation.fed_back", str(q.history(db, SUPPORT)[0].evaluation_id)
        )
        assert (write.written_by, write.written_at) == ("Tom Reyes", clock.now)
        assert rows(db, "SELECT note, fed_back_on FROM evaluation_feedback") == [
            {"note": "went through it", "fed_back_on": "2026-11-21"}
        ]
        assert [d.result.callid for d in f.overdue_feedback(db, config, int(clock.now))] == [SALES]


async def test_refusals_say_why_and_store_nothing(scored) -> None:
    _config, db, _writer, _clock = scored
    app = _app(scored, "Tom Reyes")
    async with app.run_test(size=(170, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("f")  # Bob's result: Bob is in Blue
        await settle(app, pilot)
        assert any("Bob Baker is not in your teams (Red)" in n for n in _notes(app))
        assert isinstance(app.screen, ResultsScreen)  # nothing was asked
        await pilot.press("d")
        await settle(app, pilot)
        await _type(app, pilot, "")  # no reason
        assert any("a dispute needs a reason" in n for n in _notes(app))
    assert rows(db, "SELECT * FROM evaluation_feedback") == []
    assert rows(db, "SELECT * FROM evaluation_disputes") == []
    reviewer = _app(scored, "Sam Stone")
    async with reviewer.run_test(size=(170, 40)) as pilot:
        await settle(reviewer, pilot)
        await pilot.press("k")
        await settle(reviewer, pilot)
        assert any("only a supervisor or a team leader logs" in n for n in _notes(reviewer))


async def test_dispute_rejected_and_complaint_judged_show_in_the_history(scored) -> None:
    _config, db, _writer, clock = scored
    app = _app(scored, "Hana Sato")
    async with app.run_test(size=(170, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("d")
        await settle(app, pilot)
        await _type(app, pilot, "the customer asked for the manager")
        await pilot.press("k")
        await settle(app, pilot)
        await pilot.press("ctrl+u")
        await _type(app, pilot, "c", "rushed me off the line")
        assert _cells(app)[10] == "open" and _cells(app)[11] == "1 (1 to judge)"
    assert rows(db, "SELECT raised_by, raised_at FROM evaluation_disputes") == [
        {"raised_by": "Hana Sato", "raised_at": clock.now}
    ]
    assert rows(db, "SELECT kind, logged_by FROM call_remarks") == [
        {"kind": "complaint", "logged_by": "Hana Sato"}
    ]
    qa = _app(scored, "Quinn Lee")
    async with qa.run_test(size=(170, 40)) as pilot:
        await settle(qa, pilot)
        await pilot.press("enter")
        await settle(qa, pilot)
        await pilot.press("a")
        await settle(qa, pilot)
        await _type(qa, pilot, "the manager was offered at 1:10")
        await pilot.press("x")
        await settle(qa, pilot)
        await _type(qa, pilot, "the caller hung up")
        shown = str(qa.screen.query_one("#history-text").render())
        assert "rejected by Quinn Lee" in shown and "the manager was offered at 1:10" in shown
        assert "does not stand (Quinn Lee" in shown and "the caller hung up" in shown
    assert rows(db, "SELECT outcome, answered_by FROM dispute_answers") == [
        {"outcome": "rejected", "answered_by": "Quinn Lee"}
    ]
    assert rows(db, "SELECT valid, judged_by FROM remark_judgements") == [
        {"valid": 0, "judged_by": "Quinn Lee"}
    ]


async def test_the_history_shows_every_revision_and_enter_again_listens(scored) -> None:
    config, db, writer, clock = scored
    answers = full_marks(config, "inbound service")
    answers["closing_phrase"] = 0
    clock.now += 60
    evaluation = q.history(db, SUPPORT)[0].evaluation_id
    q.revise(db, writer, config, user(config, "Quinn Lee"), evaluation, answers,
             "missed the closing")  # fmt: skip
    app = _app(scored, "Tom Reyes")
    async with app.run_test(size=(170, 40)) as pilot:
        await settle(app, pilot)
        assert _cells(app)[1] == SUPPORT and _cells(app)[8] == "2"  # corrected: newest
        await pilot.press("enter")
        await settle(app, pilot)
        shown = str(app.screen.query_one("#history-text").render())
        assert "1. 100.0 优秀 · by Rita Reyes" in shown
        assert "2. " in shown and "by Quinn Lee" in shown and "reason: missed the closing" in shown
        await pilot.press("enter")
        await settle(app, pilot)
        from floortui.screens.listen import ListenScreen

        assert isinstance(app.screen, ListenScreen) and app.screen.call == SUPPORT


async def test_watching_only_writes_nothing(scored) -> None:
    app = _app(scored, None)
    async with app.run_test(size=(170, 40)) as pilot:
        await settle(app, pilot)
        for key in "fdk":
            await pilot.press(key)
        await settle(app, pilot)
        assert _notes(app).count(WATCHING_ONLY) == 3
        assert isinstance(app.screen, ResultsScreen)
    assert (
        rows(
            scored[1],
            "SELECT * FROM person_writes WHERE kind NOT LIKE 'evaluation.sub%'"
            " AND kind NOT LIKE 'evaluation.rev%'",
        )
        == []
    )


@pytest.fixture
def over_days(scored):
    """Friday 13 Nov: Alice's support and Bob's sales results; Monday 16: Bob's support call;
    the screen opens on Tuesday 17 (the centre's day is UTC)."""
    config, db, writer, clock = scored
    clock.now += 3 * DAY_S
    q.submit(db, writer, config, user(config, "Rita Reyes"), CALLS[3][0],
             full_marks(config, "inbound service"))  # fmt: skip
    clock.now += DAY_S
    return scored


async def test_p_narrows_the_list_to_today_this_week_this_month(over_days) -> None:
    app = _app(over_days, "Quinn Lee")
    async with app.run_test(size=(170, 40)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(ResultsTable)
        listed = {}
        for period in ("today", "this week", "this month", "all"):
            await pilot.press("p")
            await settle(app, pilot)
            listed[period] = sorted(_cells(app, row)[1] for row in range(table.row_count))
            progress = str(app.screen.query_one("#progress").render())
            assert (f"scored {period}" in progress) == (period != "all")
        assert listed == {"today": [], "this week": [CALLS[3][0]],
                          "this month": sorted([SUPPORT, SALES, CALLS[3][0]]),
                          "all": sorted([SUPPORT, SALES, CALLS[3][0]])}  # fmt: skip


async def test_find_keeps_the_results_naming_every_word(over_days) -> None:
    app = _app(over_days, "Quinn Lee")
    async with app.run_test(size=(170, 40)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(ResultsTable)

        async def find(words: str) -> list[str]:
            await pilot.press("slash")
            await settle(app, pilot)
            await pilot.press("ctrl+u")
            await _type(app, pilot, words)
            return sorted(_cells(app, row)[1] for row in range(table.row_count))

        assert await find("alice") == [SUPPORT]
        assert await find("bob") == sorted([SALES, CALLS[3][0]])
        assert await find("bob inbound") == [CALLS[3][0]], "every word, not any"
        assert await find("BLUE") == sorted([SALES, CALLS[3][0]]), "the member's team, any case"
        assert "naming 'BLUE'" in str(app.screen.query_one("#progress").render())
        assert await find("") == sorted([SUPPORT, SALES, CALLS[3][0]])


async def test_w_chooses_which_complaint_v_and_x_judge(scored) -> None:
    config, db, writer, _clock = scored
    hana = user(config, "Hana Sato")
    f.log_remark(writer, hana, SALES, "complaint", "put on hold for ages")
    f.log_remark(writer, hana, SALES, "praise", "sorted it in one call")
    app = _app(scored, "Quinn Lee")
    async with app.run_test(size=(170, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")  # Bob's sales result, the newest
        await settle(app, pilot)
        shown = str(app.screen.query_one("#history-text").render())
        assert "▸ complaint" in shown and "▸ praise" not in shown, "the oldest waiting first"
        await pilot.press("w")
        shown = str(app.screen.query_one("#history-text").render())
        assert "▸ praise" in shown and "▸ complaint" not in shown
        await pilot.press("v")
        await settle(app, pilot)
        await _type(app, pilot, "the customer wrote in")
        shown = str(app.screen.query_one("#history-text").render())
        assert "stands (Quinn Lee" in shown and "▸ complaint" in shown, "the next one waits"
    judged = rows(db, "SELECT r.kind, j.valid FROM remark_judgements j"
                      " JOIN call_remarks r ON r.id = j.remark_id")  # fmt: skip
    assert judged == [{"kind": "praise", "valid": 1}]
