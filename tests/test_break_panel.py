"""The break panel in a minimal app: what it shows, and its actions stored with who and when."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Input

from floortui.config import parse_config
from floortui.config.users import UserSettings
from floortui.domain.breaks import BreakAlert, BreakBoard, HeldBack, NextUp, OutNow
from floortui.domain.dataclock import DataClock
from floortui.screens.break_actions import BreakActions
from floortui.store.db import open_database
from floortui.store.people import PeopleWriter
from floortui.widgets.break_panel import BreakPanel
from tests.conftest import rows, settle

NOW = 1794567600  # 11:00 UTC, Fri 13 Nov 2026
M = 60
OVERDUE = "Ann Archer is overdue back from Break (out at 10:39, 15 min)"
BOARD = BreakBoard(
    at=NOW,
    out=(
        OutNow("Ann Archer", "Red", "Break", NOW - 21 * M, 15, -6 * M, True),
        OutNow("Bo [Red] Baker", "Red", "Lunch", NOW - 10 * M, 30, 20 * M, False),
    ),
    next_up=(NextUp("Cat Quinn", "Blue", "Break", 10, 2 * 3600 + 10 * M, 4 * 3600, 15),),
    held=(HeldBack("Dan Murphy", "Blue", ("sales has 4 waiting", "signed in 12 min ago"), 1800),),
    alerts=(BreakAlert("Ann Archer", "overdue", OVERDUE, "error"),),
)


class PanelScreen(BreakActions, Screen):
    def __init__(self) -> None:
        super().__init__()
        self.saved: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield BreakPanel(id="breaks")

    def on_mount(self) -> None:
        self.query_one(BreakPanel).show(BOARD)

    def break_action_saved(self, action: str, member: str) -> None:
        self.saved.append((action, member))


class PanelApp(App):
    """What the panel and BreakActions need of the app: config, people, user, data_clock."""

    def __init__(self, tmp_path: Path, view_only: bool = False, user: str | None = "Hana Sato"):
        super().__init__()
        self.config = parse_config({"day": {"timezone": "UTC", "day_start_hour": 6}},
                                   base=tmp_path)  # fmt: skip
        self.db = open_database(tmp_path / "floortui.db")
        self.people = None if view_only else PeopleWriter.for_store(self.db)
        self.user = UserSettings(name=user, role="supervisor") if user else None
        self.data_clock = DataClock(lambda: NOW + 30)
        self.read_only = view_only

    def on_mount(self) -> None:
        self.push_screen(PanelScreen())


def option_text(panel: BreakPanel) -> list[str]:
    """Each line of the panel as the supervisor reads it."""
    return panel.line_texts()


def highlight(panel: BreakPanel, key: str) -> None:
    assert panel.highlight_member(key)


async def test_the_panel_shows_out_next_held_and_alerts(tmp_path):
    app = PanelApp(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        panel = app.screen.query_one(BreakPanel)
        text = option_text(panel)
        assert text[0] == "On break (2)"
        assert "Ann Archer  Break  6 min overdue" in text[1]
        assert "Bo [Red] Baker  Lunch (sent)  20 min left" in text[2]
        assert "1. Cat Quinn  Break 10 min · 2 h 10 min since last break" in text[4]
        assert "Dan Murphy  sales has 4 waiting; signed in 12 min ago" in text[6]
        assert text[-1].strip() == f"! {OVERDUE}"
        panel.tick(NOW + 19 * M)  # Bo's 20 min left is 1 min left, Ann 25 min overdue
        text = option_text(panel)
        assert "25 min overdue" in text[1] and "1 min left" in text[2]
        panel.tick(NOW + 20 * M - 30)  # Bo has 30 s left
        assert "Bo [Red] Baker  Lunch (sent)  under a minute left" in option_text(panel)[2]
        panel.tick(NOW + 20 * M + 59)  # 59 s past his time: due, not yet a minute overdue
        assert "Bo [Red] Baker  Lunch (sent)  due back now" in option_text(panel)[2]
        panel.tick(NOW + 21 * M)
        assert "Bo [Red] Baker  Lunch (sent)  1 min overdue" in option_text(panel)[2]


async def test_send_return_and_skip_are_stored_with_who_and_when(tmp_path):
    app = PanelApp(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        panel = app.screen.query_one(BreakPanel)
        panel.focus()
        highlight(panel, "next:Cat Quinn")
        await pilot.press("s")
        await settle(app, pilot)
        highlight(panel, "out:Ann Archer")
        await pilot.press("r")
        await settle(app, pilot)
        highlight(panel, "held:Dan Murphy")
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one(Input).value = "sales peak"
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert screen.saved == [("sent", "Cat Quinn"), ("returned", "Ann Archer"),
                                ("skipped", "Dan Murphy")]  # fmt: skip
    found = rows(app.db, "SELECT member, action, at, reason, minutes, note, written_by"
                         " FROM break_actions ORDER BY id")  # fmt: skip
    assert found == [
        {"member": "Cat Quinn", "action": "sent", "at": NOW + 30, "reason": "Break",
         "minutes": 10, "note": None, "written_by": "Hana Sato"},
        {"member": "Ann Archer", "action": "returned", "at": NOW + 30, "reason": None,
         "minutes": None, "note": None, "written_by": "Hana Sato"},
        {"member": "Dan Murphy", "action": "skipped", "at": NOW + 30, "reason": None,
         "minutes": None, "note": "sales peak", "written_by": "Hana Sato"},
    ]  # fmt: skip
    log = rows(app.db, "SELECT category, text, automatic, written_by FROM shift_log ORDER BY id")
    assert log[0] == {"category": "alert", "text": OVERDUE,
                      "automatic": 1, "written_by": "Hana Sato"}  # fmt: skip
    assert [e["text"] for e in log[1:]] == [
        "Cat Quinn sent on Break for 10 min", "Ann Archer back from break",
        "Dan Murphy's break skipped: sales peak"]  # fmt: skip


@pytest.mark.parametrize(("view_only", "user", "message"), [
    (True, "Hana Sato", "view only: break actions cannot be saved here"),
    (False, None, "nobody to save it as: start floortui with --user NAME"),
])  # fmt: skip
async def test_without_a_writer_or_a_user_nothing_is_written_and_it_says_why(
    tmp_path, view_only, user, message
):
    app = PanelApp(tmp_path, view_only=view_only, user=user)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        panel = app.screen.query_one(BreakPanel)
        panel.focus()
        highlight(panel, "next:Cat Quinn")
        await pilot.press("s")
        await settle(app, pilot)
        assert message in [n.message for n in app._notifications]
    assert rows(app.db, "SELECT * FROM break_actions") == []


def test_the_panel_look(snap_compare, tmp_path):
    app = PanelApp(tmp_path, view_only=True)
    assert snap_compare(app, terminal_size=(80, 16), run_before=lambda pilot: settle(app, pilot))


async def test_the_meal_plan_shows_its_coming_slots_with_who_eats_when(tmp_path):
    """The meal plan's slots in the panel: clock times in the centre's zone, the slot running
    now marked, long lists of names cut to three and a count."""
    from dataclasses import replace

    from floortui.domain.meals import MealSlot

    crowd = ("Ann Archer", "Bo Baker", "Cat Quinn", "Dan Murphy", "Eve Stone", "Fay Ng")
    board = replace(BOARD, meals=(
        MealSlot("Lunch", NOW - 10 * M, 30, ("Gil Park",)),
        MealSlot("Lunch", NOW + 30 * M, 30, crowd),
    ))  # fmt: skip
    app = PanelApp(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        panel = app.screen.query_one(BreakPanel)
        panel.show(board)
        text = option_text(panel)
        at = text.index("Meals (2 slots)")
        assert text[at + 1].strip() == "10:50-11:20 now Lunch  Gil Park"
        assert text[at + 2].strip() == (
            "11:30-12:00 Lunch  Ann Archer, Bo Baker, Cat Quinn +3 more"
        )
        assert text[-1].strip().startswith("! Ann Archer")  # alerts stay last
        panel.tick(NOW + 21 * M)  # 11:21: the first slot is over, it is no longer "now"
        assert option_text(panel)[at + 1].strip() == "10:50-11:20 Lunch  Gil Park"


async def test_an_alert_on_the_board_read_after_read_is_notified_and_logged_once(tmp_path):
    from dataclasses import replace

    app = PanelApp(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        panel = app.screen.query_one(BreakPanel)
        for minutes in (1, 2, 3):  # the board is read again every few seconds
            panel.show(replace(BOARD, at=NOW + minutes * 60))
            await settle(app, pilot)
        notes = [n.message for n in app._notifications]
    assert notes.count(BOARD.alerts[0].text) == 1
    log = rows(app.db, "SELECT text FROM shift_log WHERE category = 'alert'")
    assert log == [{"text": BOARD.alerts[0].text}]


async def test_many_alerts_at_once_are_one_notification_and_each_is_logged(tmp_path):
    """Fifty members back late from one lunch slot: one toast naming three and counting the
    rest, not fifty toasts over the floor; the shift log still writes every alert."""
    from dataclasses import replace

    late = tuple(
        BreakAlert(f"Member {i:02d}", "overdue",
                   f"Member {i:02d} is overdue back from Lunch (out at 10:0{i % 10}, 30 min)",
                   "error" if i == 4 else "warning")
        for i in range(50)
    )  # fmt: skip
    app = PanelApp(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        before = len(app._notifications)
        app.screen.query_one(BreakPanel).show(replace(BOARD, alerts=late))
        await settle(app, pilot)
        notes = list(app._notifications)[before:]
    assert [n.message.splitlines() for n in notes] == [
        [
            "Member 00 is overdue back from Lunch (out at 10:00, 30 min)",
            "Member 01 is overdue back from Lunch (out at 10:01, 30 min)",
            "Member 02 is overdue back from Lunch (out at 10:02, 30 min)",
            "and 47 more alerts: see the break panel",
        ]
    ]
    assert notes[0].severity == "error"  # the worst of them, though it is not spelt out
    logged = rows(app.db, "SELECT text FROM shift_log WHERE category = 'alert' ORDER BY id")
    assert [r["text"] for r in logged] == [OVERDUE] + [a.text for a in late]


async def test_the_keys_move_along_the_members_and_skip_the_headings(tmp_path):
    app = PanelApp(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        panel = app.screen.query_one(BreakPanel)
        panel.focus()
        chosen = []
        for key in ("down", "down", "down", "down", "down", "up", "end", "home", "up"):
            await pilot.press(key)
            chosen.append(panel.keys[panel.highlighted])
        assert chosen == [
            "out:Ann Archer", "out:Bo [Red] Baker", "next:Cat Quinn",  # past "Next up (1)"
            "held:Dan Murphy", "held:Dan Murphy",  # the last member: the alerts are not chosen
            "next:Cat Quinn", "held:Dan Murphy", "out:Ann Archer", "out:Ann Archer",
        ]  # fmt: skip
        await pilot.press("pagedown")
        assert panel.keys[panel.highlighted] == "held:Dan Murphy"


async def test_a_click_on_a_members_line_highlights_it_and_on_a_heading_does_not(tmp_path):
    app = PanelApp(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        panel = app.screen.query_one(BreakPanel)
        region = panel.content_region
        await pilot.click(offset=(region.x + 5, region.y + 4))  # Cat Quinn's row
        assert panel.keys[panel.highlighted] == "next:Cat Quinn"
        await pilot.click(offset=(region.x + 5, region.y + 3))  # "Next up (1)"
        assert panel.keys[panel.highlighted] == "next:Cat Quinn"
        await pilot.press("s")  # the keys act on the member clicked
        await settle(app, pilot)
        assert app.screen.saved == [("sent", "Cat Quinn")]


def test_a_wrapped_line_hangs_under_its_words():
    from textual.content import Content

    from floortui.widgets.break_lines import wrapped_rows

    line = Content("  Dmitri Murphy  billing is at 71.3 % against 80 %; sales is at 71.7 %")
    rows = [row.plain for row in wrapped_rows(line, 40)]
    assert rows == [
        "  Dmitri Murphy  billing is at 71.3 %",
        "    against 80 %; sales is at 71.7 %",
    ]
    assert [row.plain for row in wrapped_rows(Content("Next up (1)"), 40)] == ["Next up (1)"]
    assert len(wrapped_rows(line, 6)) == len(line.wrap(6)), "too narrow to indent: as wrapped"
