"""Who is acting: `--user NAME` (default: the login name) must be listed under users:."""

from __future__ import annotations

import shutil
import sys
import threading
import types
from pathlib import Path

import pytest

from floortui.domain import people
from tests.conftest import Run, one_line

DATA = Path(__file__).parent / "data" / "floor"
T0 = 1794560400


class _FakeApp:
    """Stands in for the Textual app: records what it was given instead of taking the tty."""

    opened: list[dict] = []

    def __init__(self, config, db, **options) -> None:
        self.options = options

    def run(self) -> None:
        _FakeApp.opened.append(self.options)


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> type[_FakeApp]:
    module = types.ModuleType("floortui.app")
    module.make_app = lambda config, db, **options: _FakeApp(config, db, **options)
    monkeypatch.setitem(sys.modules, "floortui.app", module)
    _FakeApp.opened = []
    return _FakeApp


@pytest.fixture
def floor(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store of the hand-worked floor, with its config (users mei and ravi) beside it."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(DATA / "config.yaml", tmp_path / "config.yaml")
    assert run("import", str(DATA / "queue_log"), "--db", "floor.db")[0] == 0
    return tmp_path / "floor.db"


def test_a_listed_user_acts_and_the_app_is_told_who(run: Run, floor: Path, fake_app) -> None:
    status, _, err = run("run", "--db", str(floor), "--user", "ravi")
    assert (status, err) == (0, "")
    [options] = fake_app.opened
    assert (options["user"].name, options["user"].role) == ("ravi", "reviewer")
    assert options["at"] is None


def test_the_login_name_is_who_acts_by_default(run: Run, floor, fake_app, monkeypatch) -> None:
    monkeypatch.setattr(people, "login_name", lambda: "mei")
    assert run("run", "--db", str(floor))[0] == 0
    assert fake_app.opened[0]["user"].name == "mei"


def test_an_unknown_user_is_one_line_and_nothing_opens(run: Run, floor: Path, fake_app) -> None:
    status, _, err = run("run", "--db", str(floor), "--user", "bob")
    assert status == 2
    assert one_line(err) == (
        "floortui run: --user 'bob' is not a floortui user (users: lists mei, ravi); add them"
        " under users: with their role, or give --user NAME"
    )
    assert fake_app.opened == []


def test_an_unlisted_login_name_only_watches(run: Run, floor, fake_app, monkeypatch) -> None:
    """Whoever can read the store may watch the floor; only a listed user's actions are written."""
    monkeypatch.setattr(people, "login_name", lambda: "intruder")
    status, _, err = run("run", "--db", str(floor))
    assert status == 0
    assert one_line(err).startswith(
        "floortui run: watching only, nothing you do is written: the login name 'intruder' is"
        " not a floortui user (users: lists mei, ravi)"
    )
    assert fake_app.opened[0]["user"] is None


def test_run_at_opens_the_floor_at_that_moment(run: Run, floor: Path, fake_app) -> None:
    assert run("run", "--db", str(floor), "--user", "mei", "--at", "09:06")[0] == 0
    assert fake_app.opened[0]["at"] == T0 + 360, "a time of day is on the store's day"


def test_run_at_a_time_that_is_not_one_is_one_line(run: Run, floor: Path, fake_app) -> None:
    status, _, err = run("run", "--db", str(floor), "--user", "mei", "--at", "nine")
    assert status == 2
    assert one_line(err).startswith("floortui run: --at: 'nine' is not a time")
    assert fake_app.opened == []


@pytest.fixture
def fake_demo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """The demo without its replay: the app is what is looked at."""
    import floortui.demo.floor as demo

    def live_demo(config, speed, start):
        store = config.store.model_copy(update={"path": tmp_path / "demo.db"})
        return config.model_copy(update={"store": store}), types.SimpleNamespace(now=lambda: 0)

    monkeypatch.setattr(demo, "live_demo", live_demo)
    monkeypatch.setattr(demo, "start_replay", lambda replay: threading.Event())
    shutil.copy(DATA / "queue_log", tmp_path / "queue_log")
    with (tmp_path / "config.yaml").open("a", encoding="utf-8") as config:
        config.write("sources:\n  - {path: queue_log}\n")


def test_the_demo_acts_as_the_login_name_when_listed(run: Run, floor, fake_app, fake_demo,
                                                    monkeypatch) -> None:  # fmt: skip
    monkeypatch.setattr(people, "login_name", lambda: "ravi")
    status, _, err = run("demo")
    assert status == 0 and err == ""
    assert fake_app.opened[0]["user"].name == "ravi"


def test_the_demo_acts_as_the_first_supervisor_and_says_so(run: Run, floor, fake_app, fake_demo,
                                                         monkeypatch) -> None:  # fmt: skip
    monkeypatch.setattr(people, "login_name", lambda: "intruder")
    status, _, err = run("demo")
    assert status == 0
    assert one_line(err) == (
        "floortui demo: acting as mei (supervisor); 'intruder' is not listed under users:,"
        " --user NAME chooses another"
    )
    assert fake_app.opened[0]["user"].name == "mei"


def test_the_demo_with_an_unknown_user_is_refused(run: Run, floor, fake_app, fake_demo) -> None:
    status, _, err = run("demo", "--user", "bob")
    assert status == 2
    assert one_line(err).startswith("floortui demo: --user 'bob' is not a floortui user")
    assert fake_app.opened == []


def test_the_demo_removes_the_recordings_it_built_and_keeps_its_store(
    run: Run, floor, fake_app, fake_demo, tmp_path: Path, monkeypatch
) -> None:
    """A whole demo day is gigabytes of built recordings: they go at exit, the store stays."""
    monkeypatch.setattr(people, "login_name", lambda: "ravi")
    built = tmp_path / "recordings"
    built.mkdir()
    (built / "1.1.wav").write_bytes(b"\0" * 1_500_000)
    (built / "2.2.gsm").write_bytes(b"\0" * 500_000)
    status, out, _ = run("demo")
    assert status == 0
    assert not built.exists()
    assert out.strip().endswith("(the 2 recordings it built, 2 MB, were removed)")
    assert f"The demo store is kept at {tmp_path / 'demo.db'}" in out
