"""config.yaml as a supervisor writes it: every mistake in tests/data/bad_config is one line.

Each bad file is listed in bad_config/expected.yaml with the exact message it
must produce, and the command line must print that same line, exit 2, and
never show a traceback.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from floortui.cli import main
from floortui.config import Config, ConfigError, load_config, parse_config
from floortui.store.db import open_database

BAD = Path(__file__).parent / "data" / "bad_config"
EXPECTED: dict[str, str | None] = yaml.safe_load((BAD / "expected.yaml").read_text("utf-8"))
REPO_CONFIG = Path(__file__).parents[1] / "config.yaml"


def _message(name: str) -> str | None:
    template = EXPECTED[name]
    if template is None:
        return None
    path = BAD / name
    return template.replace("{path}", str(path)).replace("{dir}", str(path.parent))


def test_every_bad_config_has_its_message() -> None:
    files = {p.name for p in BAD.glob("*.yaml")} - {"expected.yaml"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_load_config_gives_the_expected_line(name: str) -> None:
    expected = _message(name)
    if expected is None:
        config = load_config(BAD / name)
        assert config.sources == [] and config.agents == [] and config.queues == {}
        assert config.day == Config().day
        assert config.store.path == BAD / "floortui.db"
        return
    with pytest.raises(ConfigError) as caught:
        load_config(BAD / name)
    message = str(caught.value)
    assert message == expected
    assert "\n" not in message and "\r" not in message


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_prints_the_same_line_and_exits_2(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "floortui.db"
    if _message(name) is None:  # a good config: the report needs a store to read
        open_database(db).conn.close()
    status = main(["report", "queues", "--config", str(BAD / name), "--db", str(db)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    expected = _message(name)
    if expected is None:
        assert status == 0, err
        assert err == ""
        return
    assert status == 2
    assert err == f"floortui: config error: {expected}\n"
    assert out == ""
    assert not db.exists(), "a bad config must stop before the store is touched"


def test_missing_config_file_is_one_line(tmp_path: Path, capsys) -> None:
    path = tmp_path / "config.yaml"
    assert main(["report", "queues", "--config", str(path), "--db", str(tmp_path / "x.db")]) == 2
    assert capsys.readouterr().err == f"floortui: config error: {path}: config file not found\n"


def test_repo_config_loads_cleanly() -> None:
    if not REPO_CONFIG.exists():
        pytest.skip("no config.yaml at the repository root yet")
    load_config(REPO_CONFIG)


def test_handworked_config_loads_with_its_dates_and_interfaces() -> None:
    config = load_config(Path(__file__).parent / "data" / "handworked" / "config.yaml")
    carol = next(agent for agent in config.agents if agent.name == "Carol Chen")
    assert carol.hire_date == dt.date(2025, 3, 17)
    assert carol.interface == ["PJSIP/2003", "Local/2003@agents/n"]
    assert config.service_level_s("support") == 30


def test_relative_paths_resolve_against_the_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "centre"
    (folder / "logs").mkdir(parents=True)
    (folder / "logs" / "queue_log").write_text("", encoding="utf-8")
    (folder / "recordings").mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    absolute_log = elsewhere / "queue_log.1"
    absolute_log.write_text("", encoding="utf-8")
    (folder / "config.yaml").write_text(
        "store: {path: data/floortui.db}\n"
        "sources:\n"
        "  - path: logs/queue_log\n"
        "    recordings: [recordings]\n"
        f"  - path: {absolute_log}\n"
        "  - path: logs/queue_log.tomorrow\n"
        "    follow: true\n",
        encoding="utf-8",
    )
    # Run from another folder, naming the config relatively, as a shell user would.
    monkeypatch.chdir(elsewhere)
    config = load_config(Path("..") / "centre" / "config.yaml")
    first, second, followed = config.sources
    assert first.path.resolve() == folder / "logs" / "queue_log"
    assert first.recordings[0].resolve() == folder / "recordings"
    assert second.path == absolute_log
    # A followed file may not exist yet (the PBX creates it); it still resolves.
    assert followed.path.resolve() == folder / "logs" / "queue_log.tomorrow"
    assert config.store.path.resolve() == folder / "data" / "floortui.db"


def test_interface_is_a_string_or_a_list(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(
        "agents:\n"
        "  - name: Alice Archer\n"
        "    interface: PJSIP/2001\n"
        "  - name: Carol Chen\n"
        "    interface: [PJSIP/2003, Local/2003@agents/n]\n"
        "  - name: Dan Diaz\n"
        "    interface:\n"
        "      - PJSIP/2004\n"
        "  - name: Erin Eve\n",
        encoding="utf-8",
    )
    config = load_config(path)
    assert [agent.interface for agent in config.agents] == [
        ["PJSIP/2001"],
        ["PJSIP/2003", "Local/2003@agents/n"],
        ["PJSIP/2004"],
        [],
    ]
    assert config.interfaces() == {
        "PJSIP/2001": "Alice Archer",
        "PJSIP/2003": "Carol Chen",
        "Local/2003@agents/n": "Carol Chen",
        "PJSIP/2004": "Dan Diaz",
    }


def test_parse_config_names_the_duplicate_interface_given_as_a_string() -> None:
    agents = [
        {"name": "Alice Archer", "interface": "PJSIP/2001"},
        {"name": "Bob Baker", "interface": "PJSIP/2001"},
    ]
    with pytest.raises(ConfigError) as caught:
        parse_config({"agents": agents}, name="config.yaml")
    assert str(caught.value) == (
        "config.yaml: agents[1].interface = 'PJSIP/2001': "
        "expected an interface no other agent has, but 'Alice Archer' has it too"
    )


def test_a_long_value_is_cut_short_in_the_message() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config({"sources": {f"file{i}": "queue_log" for i in range(50)}})
    message = str(caught.value)
    assert message.startswith("config.yaml: sources = {'file0': 'queue_log', ")
    assert message.endswith("...: expected a list (lines starting with '- ')")
    assert len(message) < 200


def test_a_section_left_empty_means_its_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(
        "agents:\n"
        "  # - name: Alice Archer\n"
        "  #   interface: PJSIP/2001\n"
        "queues:\n"
        "  sales:\n"
        "  support:\n"
        "    service_level_s: 30\n"
        "sources:\n",
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.agents == [] and config.sources == []
    assert config.service_level_s("sales") == 20
    assert config.service_level_s("support") == 30


@pytest.mark.parametrize(
    ("agent", "expected"),
    [
        ({"name": ""}, "agents[0].name = '': expected some text"),
        ({"name": None}, "agents[0].name = (nothing): expected string"),
        ({"interface": "PJSIP/2001"}, "agents[0].name: required key is missing"),
    ],
)
def test_an_agent_needs_a_name(agent: dict, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config({"agents": [agent]})
    assert str(caught.value) == f"config.yaml: {expected}"


def test_queue_targets_default_to_80_pct_and_no_waiting_limit() -> None:
    config = parse_config({"queues": {"sales": {"service_level_s": 20}}})
    assert config.queues["sales"].service_level_target_pct == 80
    assert config.queues["sales"].max_waiting is None
    config = parse_config({"queues": {"sales": {"service_level_target_pct": 90, "max_waiting": 3}}})
    assert (
        config.queues["sales"].service_level_target_pct,
        config.queues["sales"].max_waiting,
    ) == (
        90,
        3,
    )


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (
            {"service_level_target_pct": 100},
            "queues.sales.service_level_target_pct = 100: expected a number of at most 99",
        ),
        (
            {"service_level_target_pct": 0},
            "queues.sales.service_level_target_pct = 0: expected a number of at least 1",
        ),
        (
            {"max_waiting": -1},
            "queues.sales.max_waiting = -1: expected a number of at least 0",
        ),
    ],
)
def test_a_queue_target_out_of_range_is_one_line(settings: dict, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config({"queues": {"sales": settings}})
    assert str(caught.value) == f"config.yaml: {expected}"
