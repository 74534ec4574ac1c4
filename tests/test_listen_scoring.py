"""Scoring while listening: the form beside the player, its draft, its submission.

One support call (the demo's inbound service form scores support) answered by
Alice Archer, with a real recording; Lena Wolff reviews it. The player runs
with no audio output: scoring does not need sound to be heard.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Static

from floortui.adapters.importer import Importer
from floortui.adapters.listening import AudioServices
from floortui.adapters.recordings import scan_recordings
from floortui.config import load_config, parse_config
from floortui.screens.listen import ListenScreen
from floortui.store.db import open_database
from floortui.store.people import PeopleWriter
from floortui.widgets.score_form import ScoreForm
from floortui.widgets.waveform import WaveformView
from tests.conftest import rows, settle
from tests.screen_helpers import wait_for
from tests.test_listen_screen import no_output

pytestmark = pytest.mark.timeout(60)

WAV = Path(__file__).parent / "data/audio/monitor/2026/11/13/1794560455.21.wav"
DEMO = load_config(Path(__file__).resolve().parents[1] / "config.yaml")
NINE = 1794560400
CALL = f"{NINE}.1"
LENA, ARJUN, MEI = "Lena Wolff", "Arjun Mehta", "Mei Chen"


@pytest.fixture
def app(tmp_path: Path):
    (tmp_path / "monitor").mkdir()
    shutil.copy(WAV, tmp_path / "monitor" / f"{CALL}.wav")
    (tmp_path / "queue_log").write_text(
        f"{NINE - 60}|NONE|NONE|NONE|QUEUESTART|\n"
        f"{NINE}|{CALL}|support|NONE|ENTERQUEUE||07700900101|1\n"
        f"{NINE + 6}|{CALL}|support|Alice Archer|CONNECT|6|{NINE + 1}.99|5\n"
        f"{NINE + 66}|{CALL}|support|Alice Archer|COMPLETEAGENT|6|60|1\n"
    )
    config = parse_config({
        "store": {"path": "floortui.db"},
        "users": [{"name": LENA, "role": "reviewer"}, {"name": ARJUN, "role": "reviewer"},
                  {"name": MEI, "role": "qa_lead"}, {"name": "Tess", "role": "supervisor"}],
        "rubric": DEMO.rubric.model_dump(),
    }, base=tmp_path)  # fmt: skip
    db = open_database(config.store.path)
    Importer(db, config).import_path(tmp_path / "queue_log")
    scan_recordings(db, [tmp_path / "monitor"])
    people = PeopleWriter(config.store.path)
    screen = ListenScreen(CALL, listening=AudioServices(no_output))
    yield ScoringApp(db, config, people, screen)
    people.close()


class ScoringApp(App):
    def __init__(self, db, config, people, screen) -> None:
        super().__init__()
        self.db, self.config, self.people, self._first = db, config, people, screen
        self.user = next(u for u in config.users if u.name == LENA)
        self.read_only = False

    def on_mount(self) -> None:
        self.push_screen(self._first)


async def _keys(pilot, keys: str) -> None:
    for key in keys:
        await pilot.press(key)


async def _correct_the_closing(app, pilot, form, reason: str) -> None:
    """Score the closing phrase "yes" on a scored call, submit, give the reason: revision 2."""
    form.query_one("FormItems").highlighted = form._keys().index("closing_phrase")
    await pilot.press("y")
    await pilot.press("S")
    await settle(app, pilot)
    await _keys(pilot, reason)
    await pilot.press("enter")
    assert await wait_for(lambda: len(rows(app.db, "SELECT * FROM evaluations")) == 2)


async def test_score_the_call_by_keys_and_submit_it_as_an_evaluation(app) -> None:
    """All 5s but polite phrases 4, opening 3 yes 1 no, critical both yes: 92.8 优秀
    (39.0 + 35.0 + 18.75, worked out in tests/test_score_form.py)."""
    async with app.run_test(size=(160, 45)) as pilot:
        assert await wait_for(lambda: bool(app.screen.query(ScoreForm)))
        await settle(app, pilot)
        await _keys(pilot, "4" + "5" * 12 + "yyyn" + "yy")
        await pilot.press("S")
        assert await wait_for(lambda: bool(rows(app.db, "SELECT * FROM evaluations")))
        (evaluation,) = rows(app.db, "SELECT * FROM evaluations")
        assert evaluation["total"] == 92.8 and evaluation["grade"] == "优秀"
        assert evaluation["reviewer"] == LENA and evaluation["member"] == "Alice Archer"
        await settle(app, pilot)
        assert "submitted: 92.8 优秀" in [n.message for n in app._notifications]
        # The form shows the result now: a further change would be a correction.
        assert await wait_for(
            lambda: any("revision 1" in str(f.border_subtitle) for f in app.screen.query(ScoreForm))
        )


async def test_a_pinned_comment_is_a_marker_and_the_draft_keeps_it(app) -> None:
    async with app.run_test(size=(160, 45)) as pilot:
        assert await wait_for(lambda: bool(app.screen.query(ScoreForm)))
        await settle(app, pilot)
        await _keys(pilot, "44")
        await pilot.press("m")
        await settle(app, pilot)
        await _keys(pilot, "interrupts")
        await pilot.press("enter")
        await settle(app, pilot)
        view = app.screen.query_one(WaveformView)
        assert await wait_for(lambda: [m.label for m in view.markers] == ["interrupts"])
        saved = "SELECT * FROM evaluation_drafts WHERE comments LIKE '%interrupts%'"
        assert await wait_for(lambda: bool(rows(app.db, saved)), timeout=20)
        (draft,) = rows(app.db, "SELECT * FROM evaluation_drafts ORDER BY id DESC LIMIT 1")
        assert draft["reviewer"] == LENA and '"polite_phrases": 4' in draft["answers"]
        assert '"interrupts"' in draft["comments"]
        assert rows(app.db, "SELECT * FROM evaluations") == [], "a draft is not a result"


async def test_watching_only_listens_and_says_why_there_is_no_form(app) -> None:
    app.user = None
    async with app.run_test(size=(160, 45)) as pilot:
        assert await wait_for(lambda: bool(app.screen.query("#score-why")))
        await settle(app, pilot)
        assert "watching only" in str(app.screen.query_one("#score-why", Static).render())
        assert not app.screen.query(ScoreForm)


async def test_a_scored_call_opens_with_its_result_and_a_correction_is_a_new_revision(app) -> None:
    """Lena scored it 92.8; she opens it again, changes closing_phrase to yes (25 × 4/4:
    39 + 35 + 25 = 99.0) and saves with a reason: revision 2, revision 1 untouched."""
    from floortui.queries.evaluations import submit

    answers = {item.id: item.points_max for _, item in app.config.rubric.forms[0].items()}
    answers["polite_phrases"], answers["closing_phrase"] = 4, 0
    form = next(f for f in app.config.rubric.forms if f.name == "inbound service")
    assert set(answers) == {item.id for _, item in form.items()}
    submit(app.db, app.people, app.config, app.user, CALL, answers)
    async with app.run_test(size=(160, 45)) as pilot:
        assert await wait_for(lambda: bool(app.screen.query(ScoreForm)))
        await settle(app, pilot)
        shown = app.screen.query_one(ScoreForm)
        assert shown.answers["closing_phrase"] == 0 and "revision 1" in str(shown.border_subtitle)
        assert "total 92.8" in str(app.screen.query_one("#form-total").render())
        await _correct_the_closing(app, pilot, shown, "heard the closing again")
        first, second = rows(app.db, "SELECT * FROM evaluations ORDER BY id")
        assert (first["revision"], first["total"]) == (1, 92.8)
        assert (second["revision"], second["total"]) == (2, 99.0)
        assert second["reason"] == "heard the closing again"


def _as(app, name: str) -> None:
    app.user = next(u for u in app.config.users if u.name == name)


def _screen_text(app) -> str:
    return "\n".join(strip.text.rstrip() for strip in app.screen._compositor.render_strips())


def _again(app, name: str):
    """The same store, a new app run: `name` opens the call afresh."""
    again = ScoringApp(app.db, app.config, app.people,
                       ListenScreen(CALL, listening=AudioServices(no_output)))  # fmt: skip
    _as(again, name)
    return again


async def test_a_calibration_is_started_scored_blind_and_shows_the_spread(app, tmp_path) -> None:
    """Mei (QA lead) gives the call to Lena, Arjun and herself; Lena scores every item full
    (100.0) blind; Arjun gives polite phrases 0 and gives_number no: 40 × 35/40 + 35 +
    25 × 3/4 = 35 + 35 + 18.75 = 88.75 → 88.8; Mei 100. Mean (100 + 88.8 + 100) / 3 = 96.27:
    Arjun is 7.47 below, outside ±5; Lena and Mei 3.73 above, within."""
    from floortui.queries.calibration import score_session

    _as(app, MEI)
    async with app.run_test(size=(160, 45)) as pilot:
        assert await wait_for(lambda: bool(app.screen.query(ScoreForm)))
        await settle(app, pilot)
        await pilot.press("K")  # the form does not take K: the screen starts the calibration
        assert await wait_for(lambda: bool(rows(app.db, "SELECT * FROM calibration_sessions")))
    form = next(f for f in app.config.rubric.forms if f.name == "inbound service")
    full = {item.id: item.points_max for _, item in form.items()}
    app = _again(app, LENA)
    async with app.run_test(size=(160, 45)) as pilot:
        assert await wait_for(lambda: bool(app.screen.query(ScoreForm)))
        shown = app.screen.query_one(ScoreForm)
        assert "calibration #1" in str(shown.border_subtitle) and shown.answers == {}
        await _keys(pilot, "5" * 13 + "yyyy" + "yy")
        await pilot.press("S")
        assert await wait_for(lambda: bool(rows(app.db, "SELECT * FROM calibration_scores")))
        assert await wait_for(lambda: "hidden until everyone" in _screen_text(app))
        assert "Arjun Mehta" in _screen_text(app)
    arjun = dict(full, polite_phrases=0, gives_number=0)
    score_session(app.people, app.config, next(u for u in app.config.users if u.name == ARJUN),
                  1, arjun)  # fmt: skip
    score_session(app.people, app.config, next(u for u in app.config.users if u.name == MEI),
                  1, full)  # fmt: skip
    app = _again(app, LENA)
    async with app.run_test(size=(160, 45)) as pilot:
        assert await wait_for(lambda: "3 of 3 scored" in _screen_text(app))
        text = _screen_text(app)
        assert "88.8" in text
        assert "Arjun Mehta outside ±5 points" in text


async def test_the_calibrations_list_puts_mine_to_score_first_and_opens_the_call(app) -> None:
    from floortui.queries.calibration import start_session
    from floortui.screens.calibrations import CalibrationsScreen

    mei = next(u for u in app.config.users if u.name == MEI)
    start_session(app.db, app.people, app.config, mei, CALL, [MEI, ARJUN])
    start_session(app.db, app.people, app.config, mei, CALL, [LENA, ARJUN])
    app = _again(app, LENA)
    app._first = CalibrationsScreen()
    async with app.run_test(size=(160, 30)) as pilot:
        assert await wait_for(lambda: "1 to score blind" in _screen_text(app))
        table = app.screen.query_one("#sessions")
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[0] == "#2" and first[-1] == "yours to score (blind)"
        assert [str(c) for c in table.get_row_at(1)][-1] == "waiting for Mei Chen, Arjun Mehta"
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ListenScreen) and app.screen.call == CALL


async def test_a_correction_while_a_dispute_is_open_answers_it(app) -> None:
    """Tess (supervisor) disputes Lena's 92.8; Lena corrects closing_phrase to yes: the
    new revision (99.0) is the dispute's answer, with Lena's reason."""
    from floortui.queries.evaluations import submit
    from floortui.queries.evaluations_followup import disputes, raise_dispute

    form = next(f for f in app.config.rubric.forms if f.name == "inbound service")
    answers = {item.id: item.points_max for _, item in form.items()}
    answers["polite_phrases"], answers["closing_phrase"] = 4, 0
    submit(app.db, app.people, app.config, app.user, CALL, answers)
    tess = next(u for u in app.config.users if u.name == "Tess")
    (evaluation,) = rows(app.db, "SELECT evaluation_id FROM evaluations")
    raise_dispute(app.people, app.config, tess, evaluation["evaluation_id"],
                  "the closing phrase was said at 1:58")  # fmt: skip
    async with app.run_test(size=(160, 45)) as pilot:
        assert await wait_for(lambda: bool(app.screen.query(ScoreForm)))
        await settle(app, pilot)
        shown = app.screen.query_one(ScoreForm)
        await _correct_the_closing(app, pilot, shown, "it was said")
    (dispute,) = disputes(app.db, evaluation["evaluation_id"])
    assert dispute[5] is not None and dispute[7] == "it was said"
    latest = rows(app.db, "SELECT total, revision FROM evaluations ORDER BY id DESC LIMIT 1")
    assert latest == [{"total": 99.0, "revision": 2}]
