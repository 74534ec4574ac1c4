"""Following a file rewritten in place with the same first line (a CSV export's header)."""

from __future__ import annotations

import os
import shutil

from floortui.adapters.follow import Follower
from floortui.adapters.importer import Importer
from floortui.config import parse_config
from floortui.store.db import open_database
from tests.test_import_integrity import REALTIME_HEADER, realtime_export


def test_copytruncate_of_a_file_with_a_header_reads_the_copy_s_tail_and_the_new_rows(tmp_path):
    log, copy = tmp_path / "queue_log.csv", tmp_path / "queue_log.csv.1"
    old = realtime_export(0, 4).splitlines(keepends=True)  # header + 12 rows
    log.write_text("".join(old[:7]))
    db = open_database(tmp_path / "floortui.db")
    follower = Follower(Importer(db, parse_config({"day": {"timezone": "UTC"}}, base=tmp_path)),
                        [log])  # fmt: skip
    try:
        follower.poll()
        with log.open("a") as handle:  # after the follower's pass, before logrotate's copy
            handle.write("".join(old[7:]))
        shutil.copy2(log, copy)
        os.truncate(log, 0)
        new = realtime_export(30, 6)  # same header, more rows than were read
        with log.open("a") as handle:
            handle.write(new)
        follower.poll()
        assert follower.status[log] == "copied and truncated, reading it anew"
        assert follower.poll() == []
    finally:
        follower.close()
    assert new.startswith(REALTIME_HEADER)
    assert db.execute("SELECT count(*) FROM queue_log_events").fetchone() == (12 + 18,)
    assert db.execute("SELECT count(*) FROM calls WHERE outcome IS NOT NULL").fetchone() == (10,)
