"""The Results screen through Pilot on a small real store: Rita scored Alice's support call
(100) and Bob's sales call; Tom leads the Red team (Alice's), Hana supervises, Quinn is the
QA lead. Each write stores who and when; a refusal says why and stores nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from floortui.queries import evaluations as q
from floortui.queries import evaluations_followup as f
from floortui.screens.results import WATCHING_ONLY, ResultsScreen
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
