"""The scoring form with the keyboard: the total follows each key, as worked out by hand.

The demo's inbound service form: service attitude 40 (8 items of 5 points),
handling skill 35 (5 items of 5), opening and closing 25 (4 yes/no), and two
critical yes/no items (weight 0).
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult

from floortui.config import load_config
from floortui.widgets.score_form import FormItems, ScoreForm
from tests.conftest import settle

CONFIG = load_config(Path(__file__).resolve().parents[1] / "config.yaml")
INBOUND = next(f for f in CONFIG.rubric.forms if f.name == "inbound service")


class FormApp(App):
    def __init__(self) -> None:
        super().__init__()
        self.changed: list = []
        self.submitted: list = []
        self.pins = 0

    def compose(self) -> ComposeResult:
        yield ScoreForm(INBOUND, CONFIG.rubric.grades)

    def on_mount(self) -> None:
        self.query_one(FormItems).focus()

    def on_score_form_changed(self, message: ScoreForm.Changed) -> None:
        self.changed.append(message.answers)

    def on_score_form_submit_requested(self, message: ScoreForm.SubmitRequested) -> None:
        self.submitted.append(message.score)

    def on_score_form_pin_requested(self, _message: ScoreForm.PinRequested) -> None:
        self.pins += 1


def total(app: App) -> str:
    return str(app.query_one("#form-total").render())


async def _keys(pilot, keys: str) -> None:
    for key in keys:
        await pilot.press(key)


async def test_scoring_every_item_by_keys_gives_the_hand_worked_total() -> None:
    """Attitude 39 of 40 points: 40 × 39/40 = 39.0; handling all 5s: 35.0; opening 3 of 4:
    25 × 3/4 = 18.75; critical both yes. Total 39 + 35 + 18.75 = 92.75 → 92.8, 优秀."""
    app = FormApp()
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(app, pilot)
        await _keys(pilot, "4" + "5" * 7)  # each key moves on to the next item not scored
        assert total(app) == "so far 39.0 of 40 · 8 of 19 scored"
        await _keys(pilot, "5" * 5 + "yyyn" + "yy")
        await settle(app, pilot)
        assert total(app) == "total 92.8 · 优秀 · 19 of 19 scored"
        assert app.changed[-1]["polite_phrases"] == 4 and app.changed[-1]["closing_phrase"] == 0
        await pilot.press("S")
        await settle(app, pilot)
        (score,) = app.submitted
        assert str(score.total) == "92.8" and score.grade == "优秀" and not score.critical_failed


async def test_a_critical_no_fails_the_call_and_keeps_the_arithmetic() -> None:
    app = FormApp()
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(app, pilot)
        await _keys(pilot, "5" * 13 + "yyyy" + "n")  # a serious violation: no
        await settle(app, pilot)
        assert total(app).startswith(
            "critical failed (no_serious_violation): total 0 (before 100.0) · 不合格"
        )


async def test_what_a_key_cannot_score_is_said_and_nothing_changes() -> None:
    app = FormApp()
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("7")  # polite phrases has at most 5 points
        await pilot.press("x")  # and no N/A
        await settle(app, pilot)
        notes = [n.message for n in app._notifications]
        assert "Polite phrases: at most 5 points" in notes[0] or "at most 5 points" in notes[0]
        assert any("N/A is not allowed" in n for n in notes)
        assert app.changed == [] and "0 of 19 scored" in total(app)


async def test_na_removes_an_item_and_submit_waits_for_every_item() -> None:
    """corrects_errors N/A, the other 7 attitude items 5: 35 of 35 possible → 40.0."""
    app = FormApp()
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(app, pilot)
        await _keys(pilot, "5555x555")
        await settle(app, pilot)
        assert total(app) == "so far 40.0 of 40 · 8 of 19 scored"
        await pilot.press("S")
        await settle(app, pilot)
        assert app.submitted == []
        assert any("not submitted: grasps_need" in n.message for n in app._notifications)
        form = app.query_one(ScoreForm)
        assert form.highlighted_item().id == "grasps_need", "the first item still to score"
        await pilot.press("m")
        await settle(app, pilot)
        assert app.pins == 1
