"""A broken CSV row is set aside alone, with its own text and line number; the rest imports."""

from __future__ import annotations

import pytest

from floortui.adapters import chunks
from floortui.adapters.csv_records import MAX_FIELD_CHARS
from floortui.adapters.importer import Importer
from floortui.config import parse_config
from floortui.store.db import open_database
from tests.conftest import rows
from tests.test_import_integrity import CDR_17, REALTIME_HEADER


def cdr_row(second: int, lastdata: str = "sales", userfield: str | None = None) -> str:
    row = CDR_17.format(s=second).replace('"Queue","sales"', f'"Queue","{lastdata}"')
    if userfield is not None:  # 18 columns: loguserfield
        row = row.rstrip("\n") + f',"{userfield}"\n'
    return row


def import_cdr(tmp_path, text: str, name: str = "Master.csv"):
    (tmp_path / name).write_text(text)
    db = open_database(tmp_path / "floortui.db")
    importer = Importer(db, parse_config({"day": {"timezone": "UTC"}}, base=tmp_path))
    return db, importer, importer.import_path(tmp_path / name)


def legs(db) -> list[int]:
    return [r["line_number"] for r in rows(db, "SELECT line_number FROM cdr_legs ORDER BY id")]


def test_a_field_longer_than_the_csv_module_s_default_limit_imports(tmp_path):
    long_data = "x" * 200_000  # over the csv module's 131,072, under floortui's cap
    text = cdr_row(0) + cdr_row(1, lastdata=long_data) + cdr_row(2)
    db, _, summary = import_cdr(tmp_path, text)
    assert (summary.imported, summary.set_aside) == (3, 0)
    assert db.execute("SELECT length(lastdata) FROM cdr_legs WHERE line_number = 2").fetchone() == (
        200_000,
    )


def test_an_oversized_field_sets_aside_its_row_alone_and_the_rest_imports(tmp_path):
    huge = "y" * (MAX_FIELD_CHARS + 10)
    text = cdr_row(0) + cdr_row(1, lastdata=huge) + "".join(cdr_row(s) for s in range(2, 6))
    db, importer, summary = import_cdr(tmp_path, text)
    assert (summary.imported, summary.set_aside) == (5, 1)
    assert legs(db) == [1, 3, 4, 5, 6]
    (aside,) = rows(db, "SELECT line_number, reason, length(raw_text) AS kept FROM quarantine")
    assert aside["line_number"] == 2
    assert aside["reason"].startswith(f"a field longer than {MAX_FIELD_CHARS:,} characters")
    assert f"{len(cdr_row(1, lastdata=huge)) - 1:,}" in aside["reason"]  # the line's size
    assert aside["kept"] < 5000
    (tmp_path / "Master.csv").open("a").write(cdr_row(6))
    again = importer.import_path(tmp_path / "Master.csv")
    assert (again.imported, again.resumed_at_line) == (1, 6)


def test_an_unclosed_quote_does_not_swallow_the_next_row(tmp_path):
    broken = '"","2001","600","from-inter\n'  # a row cut off inside a quoted field
    text = cdr_row(0) + broken + cdr_row(2) + cdr_row(3)
    db, _, summary = import_cdr(tmp_path, text)
    assert (summary.imported, summary.set_aside) == (3, 1)
    assert legs(db) == [1, 3, 4]
    (aside,) = rows(db, "SELECT line_number, raw_text, reason FROM quarantine")
    assert aside == {
        "line_number": 2,
        "raw_text": broken.rstrip("\n"),
        "reason": "unclosed quote (the row would take the lines after it)",
    }


def test_a_quoted_field_holding_a_line_break_is_one_row(tmp_path):
    text = cdr_row(0, userfield="a") + cdr_row(1, userfield="first\nsecond") + cdr_row(2, "q", "b")
    db, _, summary = import_cdr(tmp_path, text)
    assert (summary.imported, summary.set_aside, summary.joined) == (3, 0, 1)
    assert legs(db) == [1, 2, 4]
    assert db.execute("SELECT userfield FROM cdr_legs WHERE line_number = 2").fetchone() == (
        "first\nsecond",
    )


@pytest.mark.parametrize("chunk_bytes", [64, 300, 700])
def test_a_row_split_across_two_batches_is_read_whole(tmp_path, monkeypatch, chunk_bytes):
    monkeypatch.setattr(chunks, "CHUNK_BYTES", chunk_bytes)
    text = "".join(
        cdr_row(s, userfield="line one\nline two\nline three" if s % 3 == 1 else "plain")
        for s in range(9)
    )
    db, _, summary = import_cdr(tmp_path, text)
    assert (summary.imported, summary.set_aside) == (9, 0)
    assert legs(db) == [1, 2, 5, 6, 7, 10, 11, 12, 15]
    (source,) = rows(db, "SELECT offset_bytes, lines_read FROM import_sources")
    assert source == {"offset_bytes": len(text.encode()), "lines_read": 15}


def test_the_realtime_table_csv_sets_aside_a_broken_row_alone(tmp_path):
    text = (
        REALTIME_HEADER + "1,2026-11-13 08:20:00,1.1,sales,NONE,ENTERQUEUE,,3125550143,1,,\n"
        '2,2026-11-13 08:20:05,1.1,sales,"Alice Archer,PAUSE,unclosed,,,,\n'
        "3,2026-11-13 08:20:07,1.1,sales,Alice Archer,CONNECT,7,1.2,3,,\n"
        "4,2026-11-13 08:21:07,1.1,sales,Alice Archer,COMPLETEAGENT,7,60,1,,\n"
    )
    (tmp_path / "queue_log.csv").write_text(text)
    db = open_database(tmp_path / "floortui.db")
    config = parse_config({"day": {"timezone": "UTC"}}, base=tmp_path)
    summary = Importer(db, config).import_path(tmp_path / "queue_log.csv")
    assert (summary.imported, summary.set_aside) == (3, 1)
    assert rows(db, "SELECT line_number FROM quarantine") == [{"line_number": 3}]
    (call,) = rows(db, "SELECT wait_s, talk_s, outcome FROM calls")
    assert call == {"wait_s": 7, "talk_s": 60, "outcome": "COMPLETEAGENT"}


def test_a_cdr_backup_overlapping_the_master_adds_only_its_new_rows(tmp_path):
    db, importer, _ = import_cdr(tmp_path, "".join(cdr_row(s) for s in range(6)))
    (tmp_path / "Master.csv.bak").write_text("".join(cdr_row(s) for s in range(3, 9)))
    summary = importer.import_path(tmp_path / "Master.csv.bak")
    assert (summary.imported, summary.already_imported) == (3, 3)
    assert f"3 lines already imported from {tmp_path / 'Master.csv'}" in summary.describe()
    assert db.execute("SELECT count(*), count(DISTINCT uniqueid) FROM cdr_legs").fetchone() == (
        9,
        9,
    )
    (source,) = rows(db, "SELECT lines_read, lines_imported, lines_already_imported"
                         " FROM import_sources WHERE id = 2")  # fmt: skip
    assert source == {"lines_read": 6, "lines_imported": 3, "lines_already_imported": 3}
