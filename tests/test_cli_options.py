"""Options as the README promises them: --config anywhere, --from 10:00, run on no store.

The window test reads the hand-worked log with times of day in Europe/Paris
and must give the same figures as the hand-worked window given as ISO/epoch.
"""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

from floortui.cli import main

DATA = Path(__file__).parent / "data" / "handworked"


@pytest.fixture(autouse=True)
def _away_from_the_repo_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def paris(tmp_path: Path) -> Path:
    """The hand-worked config, its store named in it, in a timezone one hour from UTC."""
    config = tmp_path / "paris.yaml"
    text = DATA.joinpath("config.yaml").read_text(encoding="utf-8")
    store = tmp_path / "paris.db"
    config.write_text(
        text + f"\nday:\n  timezone: Europe/Paris\nstore:\n  path: {store}\n", encoding="utf-8"
    )
    assert main(["import", str(DATA / "queue_log"), "--config", str(config)]) == 0
    return config


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> list[dict]:
    capsys.readouterr()
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return json.loads(out)


def _expected(name: str) -> list[dict]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


# The hand-worked window [T0+320, T0+2300) as times of day: T0 is 10:00 in Paris.
TODAY = ["--from", "10:05:20", "--to", "10:38:20"]


@pytest.mark.parametrize(
    "argv",
    [
        ["--config", "{config}", "report", "queues", "--format", "json", *TODAY],
        ["report", "queues", "--format", "json", *TODAY, "--config", "{config}"],
        ["--config", "{config}", "report", "queues", "--config", "{config}", "--format", "json",
         *TODAY],
    ],
    ids=["before the command", "after the command", "both"],
)  # fmt: skip
def test_config_before_or_after_the_command(capsys, paris: Path, argv: list[str]) -> None:
    argv = [str(paris) if a == "{config}" else a for a in argv]
    assert _json(capsys, argv) == _expected("expected_queues_window.json")


def test_db_before_the_command_is_not_lost(capsys, paris: Path, tmp_path: Path) -> None:
    """--db before the command wins over the config's store.path given after it."""
    other = tmp_path / "other.db"
    config = ["--config", str(paris)]
    assert main(["--db", str(other), "import", str(DATA / "queue_log"), *config]) == 0
    assert other.exists()
    rows = _json(capsys, ["--db", str(other), "report", "agents", "--format", "json", *config])
    assert rows == _expected("expected_agents.json")


def test_a_time_of_day_is_on_the_day_of_the_data_in_day_timezone(capsys, paris: Path) -> None:
    got = _json(capsys, ["report", "agents", "--format", "json", *TODAY, "--config", str(paris)])
    assert got == _expected("expected_agents_window.json")


def test_a_time_of_day_on_an_empty_store_is_today_by_the_clock(capsys, tmp_path: Path) -> None:
    from floortui.store.db import open_database

    open_database(tmp_path / "empty.db").conn.close()
    assert _json(capsys, ["report", "queues", "--from", "10:00", "--db", "empty.db",
                          "--format", "json"]) == []  # fmt: skip


def test_report_help_says_what_a_time_of_day_means(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "a time of day (10:00): today in day.timezone" in text
    assert "the day of the store's latest imported line" in text


# -- floortui run on a store that is not there --------------------------------------


class _FakeApp:
    """Stands in for the Textual app: records what `run` was given instead of taking the tty."""

    opened: list[tuple] = []

    def __init__(self, config, db, **options) -> None:
        self.config, self.db, self.options, self.sub_title = config, db, options, ""

    def run(self) -> None:
        _FakeApp.opened.append((self.config, self.db, self.options, self.sub_title))


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> type[_FakeApp]:
    module = types.ModuleType("floortui.app")
    module.make_app = lambda config, db, **options: _FakeApp(config, db, **options)
    monkeypatch.setitem(sys.modules, "floortui.app", module)
    _FakeApp.opened = []
    return _FakeApp


def test_run_on_a_missing_store_says_so(capsys, tmp_path: Path, fake_app) -> None:
    assert main(["run", "--db", "typo.db"]) == 1
    assert capsys.readouterr().err == (
        "floortui run: no store at typo.db; import logs first (floortui import PATH... --db FILE), "
        "or give --create to start an empty one\n"
    )
    assert not (tmp_path / "typo.db").exists()
    assert fake_app.opened == []


def test_run_create_starts_an_empty_store(capsys, tmp_path: Path, fake_app) -> None:
    Path("config.yaml").write_text("users:\n  - {name: hana, role: supervisor}\n",
                                   encoding="utf-8")  # fmt: skip
    assert main(["run", "--create", "--db", "new.db", "--user", "hana"]) == 0
    assert (tmp_path / "new.db").exists()
    [(_, _, options, _)] = fake_app.opened
    assert options["user"].name == "hana"


def test_an_unlisted_login_watches_the_floor_and_writes_nothing(
    capsys, tmp_path: Path, fake_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    from floortui.domain import people

    monkeypatch.setattr(people, "login_name", lambda: "visitor")
    assert main(["run", "--create", "--db", "new.db"]) == 0
    assert capsys.readouterr().err == (
        "floortui run: watching only, nothing you do is written: the login name 'visitor' is"
        " not a floortui user (users: in config.yaml lists nobody yet); add them under users:"
        " with their role, or give --user NAME\n"
    )
    [(_, _, options, _)] = fake_app.opened
    assert options == {"read_only": False, "user": None, "at": None}


def test_an_unlisted_user_given_on_purpose_is_refused(capsys, tmp_path: Path, fake_app) -> None:
    assert main(["run", "--create", "--db", "new.db", "--user", "nobody"]) == 2
    assert "--user 'nobody' is not a floortui user" in capsys.readouterr().err
    assert not (tmp_path / "new.db").exists()
    assert fake_app.opened == []


def test_run_with_sources_in_config_creates_the_store_they_fill(tmp_path: Path, fake_app) -> None:
    (tmp_path / "queue_log").write_bytes(DATA.joinpath("queue_log").read_bytes())
    Path("config.yaml").write_text(
        "store: {path: live.db}\nsources:\n  - {path: queue_log, follow: true}\n",
        encoding="utf-8",
    )
    assert main(["run"]) == 0
    assert (tmp_path / "live.db").exists()
    assert [len(config.sources) for config, *_ in fake_app.opened] == [1]


def test_run_on_a_read_only_store_opens_it_view_only(
    capsys, tmp_path: Path, fake_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    import floortui.store.opening as opening

    assert main(["import", str(DATA / "queue_log"), "--db", "shared.db"]) == 0
    Path("config.yaml").write_text(
        "store: {path: shared.db}\nsources:\n  - {path: queue_log, follow: true}\n"
        "users:\n  - {name: hana, role: supervisor}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(opening, "writable", lambda path: False)
    capsys.readouterr()
    assert main(["run", "--user", "hana"]) == 0
    assert capsys.readouterr().err == (
        "floortui run: shared.db is read-only: opening it view-only, nothing is imported\n"
    )
    [(config, db, options, _)] = fake_app.opened
    assert config.sources == [], "nothing may try to import into a read-only store"
    assert options["read_only"] is True and options["user"].name == "hana"
    assert not db.opened, "the store is opened by the app's first worker, not before"
    assert db.get()["calls"].count > 0


def test_an_interrupted_report_says_only_that(capsys, paris: Path, monkeypatch) -> None:
    import floortui.queries.reports as reports

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(reports, "queue_report", interrupted)
    capsys.readouterr()
    assert main(["report", "queues", "--config", str(paris)]) == 130
    assert capsys.readouterr().err == "floortui: interrupted\n"
