"""`floortui import` as a supervisor runs it: logs, recordings, and what it prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from floortui.cli import main

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _away_from_the_repo_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_import_with_recordings_prints_what_it_linked_and_what_is_wrong(tmp_path, capsys):
    status = main([
        "import", str(DATA / "handworked" / "queue_log"), "--db", "store.db",
        "--recordings", str(DATA / "audio" / "monitor"),
    ])  # fmt: skip
    out = capsys.readouterr().out.splitlines()
    assert status == 0
    assert out[0].endswith("queue_log: queue_log (flat file); 74 lines imported, 0 set aside")
    assert out[1].startswith("recordings in ")
    assert "16 found, 16 new, 5 linked to a call" in out[1]
    assert "2 with problems (1 empty, 1 unreadable)" in out[1]
    problems = [line for line in out[2:] if line.startswith("  ")]
    assert len(problems) == 2
    assert any(line.endswith("empty: 0 bytes") for line in problems)


def test_a_missing_recordings_folder_is_named_and_fails_the_command(tmp_path, capsys):
    status = main(["import", "--db", "store.db", "--recordings", str(tmp_path / "nowhere")])
    out = capsys.readouterr().out
    assert status == 1
    assert f"{tmp_path / 'nowhere'}: directory not found" in out


def test_nothing_to_import_is_a_usage_error(capsys):
    assert main(["import", "--db", "store.db"]) == 2
    assert "give log files to import, --recordings DIR, or both" in capsys.readouterr().err


def test_cdr_without_uniqueids_says_its_legs_cannot_be_joined(tmp_path, capsys):
    rows = (DATA / "cdr" / "cdr_custom_Master.csv").read_text().splitlines()
    # The same legs in cdr_csv's own 16-column order: accountcode first, no uniqueid.
    master = tmp_path / "Master.csv"
    master.write_text(
        "\n".join(
            '"","client1","6789","default","""""<client1>","PJSIP/client1-00000002",'
            '"PJSIP/client2-00000003","Dial","PJSIP/client2","2023-07-26 01:51:32",'
            '"2023-07-26 01:51:50","2023-07-26 01:52:04",31,13,"ANSWERED","DOCUMENTATION"'
            for _ in rows[:3]
        )
        + "\n"
    )
    assert main(["import", str(master), "--db", "store.db"]) == 0
    out = capsys.readouterr().out
    assert "cdr (cdr_csv 16 columns); no uniqueid column (loguniqueid=no)" in out
    assert "3 lines imported, 0 set aside" in out


def test_a_report_on_a_store_that_does_not_exist_says_so(tmp_path, capsys):
    assert main(["report", "queues", "--db", "typo.db"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("floortui report: no store at typo.db; import logs first")
    assert not (tmp_path / "typo.db").exists()
