"""Reports checked against figures worked out by hand (tests/data/handworked/WORKED.md).

The expected JSON files are an independent oracle: they were computed by a person
from `queue_log`, not by running floortui. When a test here fails, re-check the
arithmetic in WORKED.md before touching an expected file.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "handworked"
LOG = DATA / "queue_log"
CONFIG = DATA / "config.yaml"

# [+320, +2300) from T0 = 1794560400: one edge as ISO with a non-UTC offset, one as epoch.
WINDOW = ["--from", "2026-11-13T10:05:20+01:00", "--to", "1794562700"]

QUEUE_KEYS = {
    "queue",
    "offered",
    "answered",
    "abandoned",
    "exit_timeout",
    "exit_empty",
    "exit_key",
    "transferred",
    "avg_wait_answered_s",
    "max_wait_s",
    "service_level_pct",
}
AGENT_KEYS = {"agent", "answered", "talk_s", "ring_no_answer", "paused_s"}


def _main(argv: list[str]) -> int:
    from floortui.cli import main  # imported here so a missing CLI fails each test, not collection

    return main(argv)


def _expected(name: str) -> list[dict]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _import(db: Path) -> None:
    assert _main(["import", str(LOG), "--db", str(db), "--config", str(CONFIG)]) == 0


def _report(capsys, db: Path, kind: str, *extra: str, fmt: str = "json") -> str:
    capsys.readouterr()  # drop anything the import printed
    argv = ["report", kind, "--format", fmt, "--db", str(db), "--config", str(CONFIG), *extra]
    assert _main(argv) == 0
    return capsys.readouterr().out


def _report_json(capsys, db: Path, kind: str, *extra: str) -> list[dict]:
    return json.loads(_report(capsys, db, kind, *extra))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "handworked.db"
    _import(path)
    return path


def _check_rows(got: list[dict], expected: list[dict], keys: set[str], name: str) -> None:
    assert isinstance(got, list)
    for row in got:
        assert set(row) == keys, f"{name}: keys of {row}"
    assert [r.get("queue", r.get("agent")) for r in got] == [
        r.get("queue", r.get("agent")) for r in expected
    ], f"{name}: rows or their order"
    for got_row, exp_row in zip(got, expected, strict=True):
        assert got_row == exp_row, f"{name}: {exp_row.get('queue', exp_row.get('agent'))}"


def test_expected_files_have_the_contract_keys():
    for name in ("expected_queues.json", "expected_queues_window.json"):
        assert all(set(row) == QUEUE_KEYS for row in _expected(name)), name
    for name in ("expected_agents.json", "expected_agents_window.json"):
        assert all(set(row) == AGENT_KEYS for row in _expected(name)), name


def test_queues_whole_log(db, capsys):
    got = _report_json(capsys, db, "queues")
    _check_rows(got, _expected("expected_queues.json"), QUEUE_KEYS, "queues")


def test_agents_whole_log(db, capsys):
    got = _report_json(capsys, db, "agents")
    _check_rows(got, _expected("expected_agents.json"), AGENT_KEYS, "agents")


def test_queues_window(db, capsys):
    got = _report_json(capsys, db, "queues", *WINDOW)
    _check_rows(got, _expected("expected_queues_window.json"), QUEUE_KEYS, "queues window")


def test_agents_window(db, capsys):
    got = _report_json(capsys, db, "agents", *WINDOW)
    _check_rows(got, _expected("expected_agents_window.json"), AGENT_KEYS, "agents window")


def test_reimport_changes_no_figure(db, capsys):
    reports = [
        ("queues", (), "expected_queues.json"),
        ("agents", (), "expected_agents.json"),
        ("queues", tuple(WINDOW), "expected_queues_window.json"),
        ("agents", tuple(WINDOW), "expected_agents_window.json"),
    ]
    before = [_report_json(capsys, db, kind, *extra) for kind, extra, _ in reports]
    _import(db)
    after = [_report_json(capsys, db, kind, *extra) for kind, extra, _ in reports]
    assert after == before
    for got, (_, _, name) in zip(after, reports, strict=True):
        assert got == _expected(name), name


def test_queues_csv_header_matches_json_keys(db, capsys):
    out = _report(capsys, db, "queues", fmt="csv")
    rows = list(csv.reader(io.StringIO(out)))
    rows = [row for row in rows if row]  # tolerate a trailing blank line
    header, body = rows[0], rows[1:]
    assert len(header) == len(set(header))
    assert set(header) == QUEUE_KEYS
    expected = _expected("expected_queues.json")
    assert len(body) == len(expected)
    for row, exp in zip(body, expected, strict=True):
        record = dict(zip(header, row, strict=True))
        assert record["queue"] == exp["queue"]
        for key in ("offered", "answered", "max_wait_s"):
            assert int(record[key]) == exp[key], (exp["queue"], key)
