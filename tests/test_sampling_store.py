"""The day's sample on a real store: queue_log text and recording files imported by
`floortui import`, drawn by `floortui.queries.sampling.draw_day` and `floortui sample`.

The day (2026-11-13, UTC): Alice Archer (a new hire, started 2026-10-01) answers
20 calls with a good recording, Bob Baker 5, Rita Reyes (also a reviewer) 12;
Dora Diaz answers one whose file is empty and one with none, Eli Evans one of
5 s talk (with a recording): neither is sampled, though the daily minimum is 1.
By hand: Alice 10 % × 2 × 20 = 4, Bob 10 % × 5 = 0.5 -> 1, Rita 1.2 -> 1; 6 rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from sqlite_utils import Database

from floortui.config import parse_config
from floortui.config.sampling import SamplingSettings
from floortui.domain.sampling import Reviewer
from floortui.queries.sampling import draw_day, draw_day_rows, reviewers_on_duty
from floortui.store.db import open_database
from tests.conftest import Run, one_line

WAV = Path(__file__).parent / "data/audio/monitor/2026/11/13/1794560455.21.wav"
DAY = dt.date(2026, 11, 13)
NINE = 1794560400  # 2026-11-13 09:00 UTC
CONFIG = {
    "agents": [{"name": "Alice Archer", "hire_date": "2026-10-01"}, {"name": "Bob Baker"},
               {"name": "Rita Reyes"}],
    "users": [{"name": "Rita Reyes", "role": "reviewer"}, {"name": "Sam", "role": "reviewer"},
              {"name": "Tess", "role": "supervisor"}],
}  # fmt: skip


def _call(lines: list[str], at: int, callid: str, member: str, talk: int) -> None:
    """One answered call as Asterisk logs it: enter, connect after 6 s, complete."""
    lines.append(f"{at}|{callid}|sales|NONE|ENTERQUEUE||3125550100|1")
    lines.append(f"{at + 6}|{callid}|sales|{member}|CONNECT|6|{at + 1}.99|5")
    lines.append(f"{at + 6 + talk}|{callid}|sales|{member}|COMPLETEAGENT|6|{talk}|1")


def write_day(folder: Path, start: int, plan: list[tuple[str, int, int]],
              extra: list[str] = ()) -> list[str]:  # fmt: skip
    """Append calls (member, how many, talk s) from `start`, 3 minutes apart, to
    folder/queue_log, each with its recording in folder/monitor; returns the callids."""
    lines, callids, at = list(extra), [], start
    for member, count, talk in plan:
        for _ in range(count):
            callid = f"{at}.{len(callids) + 1}"
            _call(lines, at, callid, member, talk)
            shutil.copy(WAV, folder / "monitor" / f"{callid}.wav")
            callids.append(callid)
            at += 180
    with (folder / "queue_log").open("a", encoding="utf-8") as log:
        log.write("".join(f"{line}\n" for line in lines))
    return callids


@pytest.fixture
def day(tmp_path: Path, run: Run) -> tuple[Path, Path]:
    """The store of the day above, imported with its recordings: (store, folder)."""
    (tmp_path / "monitor").mkdir()
    write_day(tmp_path, NINE, [("Alice Archer", 20, 60), ("Bob Baker", 5, 60),
                               ("Rita Reyes", 12, 60)],
              extra=[f"{NINE - 60}|NONE|NONE|NONE|QUEUESTART|"])  # fmt: skip
    lines: list[str] = []
    _call(lines, NINE + 10000, "1794570400.1", "Eli Evans", 5)  # too short
    _call(lines, NINE + 10300, "1794570700.1", "Dora Diaz", 60)  # empty recording
    _call(lines, NINE + 10600, "1794571000.1", "Dora Diaz", 60)  # no recording
    lines.append(f"{NINE + 10900}|1794571300.1|sales|NONE|ENTERQUEUE||3125550199|1")
    lines.append(f"{NINE + 10950}|1794571300.1|sales|NONE|ABANDON|1|1|50")
    shutil.copy(WAV, tmp_path / "monitor" / "1794570400.1.wav")
    (tmp_path / "monitor" / "1794570700.1.wav").write_bytes(b"")
    with (tmp_path / "queue_log").open("a", encoding="utf-8") as log:
        log.write("".join(f"{line}\n" for line in lines))
    store = tmp_path / "floortui.db"
    status, _, _ = run("import", str(tmp_path / "queue_log"), "--recordings",
                       str(tmp_path / "monitor"), "--db", str(store))  # fmt: skip
    assert status == 0
    return store, tmp_path


def _imported(db: Database) -> list:
    return [
        db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in ("calls", "recordings")
    ]


def test_the_day_by_hand_stored_with_its_seed(day: tuple[Path, Path], tmp_path: Path) -> None:
    db = open_database(day[0])
    config = parse_config(CONFIG, base=tmp_path)
    before = _imported(db)
    rows = draw_day(db, config, DAY, clock=lambda: 1794600000)
    assert [set(r) for r in rows] == [{"call", "queue", "agent", "reason", "reviewer"}] * 6
    by = {}
    for row in rows:
        by.setdefault(row["agent"], []).append(row)
    assert {m: len(r) for m, r in by.items()} == {"Alice Archer": 4, "Bob Baker": 1,
                                                 "Rita Reyes": 1}  # fmt: skip
    assert {r["reason"] for r in by["Alice Archer"]} == {
        "10 % of answered calls; new hire (started 2026-10-01) ×2"
    }
    assert by["Bob Baker"][0]["reason"] == "10 % of answered calls"
    sampled = {r["call"] for r in rows}
    assert not sampled & {"1794570400.1", "1794570700.1", "1794571000.1", "1794571300.1"}
    assert by["Rita Reyes"][0]["reviewer"] == "Sam"  # never her own
    reviewers = [r["reviewer"] for r in rows]
    assert sorted(reviewers) == ["Rita Reyes"] * 3 + ["Sam"] * 3
    stored = db.execute("SELECT day, seed, draw, drawn_at FROM samples").fetchall()
    assert set(stored) == {("2026-11-13", 0, 1, "2026-11-13T20:00:00+00:00")}
    assert _imported(db) == before  # the sample never changes what was imported
    with pytest.raises(Exception, match="append-only"):
        db.execute("UPDATE samples SET reviewer = 'Tess'")


def test_reproducible_again_and_in_another_store(day: tuple[Path, Path], tmp_path: Path,
                                                 run: Run) -> None:  # fmt: skip
    config = parse_config(CONFIG, base=tmp_path)
    db = open_database(day[0])
    first = draw_day(db, config, DAY)
    assert draw_day(db, config, DAY) == first
    assert db.execute("SELECT max(draw), count(*) FROM samples").fetchone() == (1, 6)
    # the same log and files in another store: the same sample, seed and day alike
    other = tmp_path / "other.db"
    assert run("import", str(day[1] / "queue_log"), "--recordings", str(day[1] / "monitor"),
               "--db", str(other))[0] == 0  # fmt: skip
    assert draw_day(open_database(other), config, DAY) == first
    reseeded = draw_day(open_database(tmp_path / "third.db"), config, DAY)
    assert reseeded == []  # an empty store has nothing to draw
    seeded = parse_config(CONFIG, base=tmp_path)
    another = open_database(tmp_path / "fourth.db")
    assert run("import", str(day[1] / "queue_log"), "--recordings", str(day[1] / "monitor"),
               "--db", str(tmp_path / "fourth.db"))[0] == 0  # fmt: skip
    assert draw_day(another, seeded, DAY, settings=SamplingSettings(seed=99)) != first


def test_calls_imported_later_top_it_up(day: tuple[Path, Path], tmp_path: Path,
                                        run: Run) -> None:  # fmt: skip
    store, folder = day
    config = parse_config(CONFIG, base=tmp_path)
    first = draw_day_rows(open_database(store), config, DAY)
    # the afternoon: Alice 20 more (40: 8, so 5 at most: 1 more), Bob 15 more (20: 2, 1 more)
    write_day(folder, NINE + 6 * 3600, [("Alice Archer", 20, 60), ("Bob Baker", 15, 60)])
    assert run("import", str(folder / "queue_log"), "--recordings", str(folder / "monitor"),
               "--db", str(store))[0] == 0  # fmt: skip
    db = open_database(store)
    topped = draw_day_rows(db, config, DAY)
    assert set(first) < set(topped)  # every row drawn first is there, unchanged
    added = [r for r in topped if r not in first]
    assert sorted(r.member for r in added) == ["Alice Archer", "Bob Baker"]
    assert db.execute("SELECT draw, count(*) FROM samples GROUP BY draw").fetchall() == [
        (1, 6), (2, 2)
    ]  # fmt: skip
    assert draw_day_rows(db, config, DAY) == topped


def test_monthly_counts_come_from_earlier_days(day: tuple[Path, Path], tmp_path: Path) -> None:
    """With no daily minimum, Bob's 0.5 still rounds to 1; Rita's 1.2 to 1: a month's
    earlier draws are what `monthly minimum: n of 3 so far` counts."""
    db = open_database(day[0])
    config = parse_config(CONFIG, base=tmp_path)
    policy = SamplingSettings(ratio=0.01, min_per_day=0)
    # 1 % of 20, 5, 12: nothing by the ratio; 18 days left: ceil(3/18) = 1 each by the month
    rows = draw_day(db, config, DAY, settings=policy)
    assert {r["reason"] for r in rows} == {"monthly minimum: 0 of 3 so far"}
    assert len(rows) == 3


def test_reviewers_are_the_users_with_that_role() -> None:
    config = parse_config(CONFIG)
    assert reviewers_on_duty(config) == [
        Reviewer("Rita Reyes", "Rita Reyes"),
        Reviewer("Sam", "Sam"),
    ]


# -- floortui sample ----------------------------------------------------------------------


def sample(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`floortui sample ARGS` through the sub-command's own parser and runner."""
    from floortui.cli import _config
    from floortui.cli.sample import add_sample_parser, cmd_sample

    parser = argparse.ArgumentParser(prog="floortui")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", default=argparse.SUPPRESS)
    common.add_argument("--db", default=argparse.SUPPRESS)
    add_sample_parser(parser.add_subparsers(dest="command"), common)
    args = parser.parse_args(["sample", *argv])
    status = cmd_sample(args, _config(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def test_cli_json_and_table(day: tuple[Path, Path], tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    config = tmp_path / "config.yaml"
    config.write_text(json.dumps(CONFIG), encoding="utf-8")
    capsys.readouterr()
    status, out, err = sample(capsys, "--date", "2026-11-13", "--format", "json",
                              "--db", str(day[0]), "--config", str(config))  # fmt: skip
    assert status == 0 and err == ""
    rows = json.loads(out)
    assert len(rows) == 6 and list(rows[0]) == ["call", "queue", "agent", "reason", "reviewer"]
    status, out, _ = sample(capsys, "--date", "today", "--db", str(day[0]),
                            "--config", str(config))  # fmt: skip
    assert status == 0
    assert out.splitlines()[0].split() == ["call", "queue", "agent", "reason", "reviewer"]
    assert len(out.splitlines()) == 7 and "new hire (started 2026-10-01)" in out


def test_cli_errors_are_one_line(day: tuple[Path, Path], tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    capsys.readouterr()
    status, _, err = sample(capsys, "--date", "13/11/2026", "--db", str(day[0]))
    assert status == 2
    assert one_line(err) == ("floortui sample: '13/11/2026' is not a day: give YYYY-MM-DD "
                             "(e.g. 2026-11-13), today or yesterday")  # fmt: skip
    status, _, err = sample(capsys, "--date", "2026-11-13", "--db", str(tmp_path / "none.db"))
    assert status == 1 and one_line(err).startswith("floortui sample: no store at ")
    status, out, err = sample(capsys, "--date", "2026-11-20", "--db", str(day[0]))
    assert status == 0 and out == ""
    assert one_line(err) == (
        "floortui sample: 2026-11-20: no answered call with a usable recording to sample"
    )
