"""CDR CSV: every cdr_csv layout, the mapped cdr_custom layout, joins with queue_log calls."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from floortui.adapters.cdr import interface_of_channel
from floortui.adapters.importer import Importer, ImportFailed
from floortui.config import parse_config
from floortui.store.cdr import cdr_legs_for_call
from floortui.store.db import open_database
from tests.conftest import rows

DATA = Path(__file__).parent / "data" / "cdr"

# One answered queue call (1794560455.21) offered to Bob (no answer) then answered by Alice
# on PJSIP/2001, written the way current Asterisk does: numbers and empty dates unquoted.
ROWS_17 = [
    '"sales","3125550101","600","from-pstn","""Jane Roe"" <3125550101>",'
    '"PJSIP/trunk-00000010","PJSIP/2002-00000011","Queue","sales,t,,,300",'
    '"2026-11-13 09:00:55",,"2026-11-13 09:01:03",8,0,"NO ANSWER","DOCUMENTATION",'
    '"1794560455.21"',
    '"sales","3125550101","600","from-pstn","""Jane Roe"" <3125550101>",'
    '"PJSIP/trunk-00000010","PJSIP/2001-00000012","Queue","sales,t,,,300",'
    '"2026-11-13 09:00:55","2026-11-13 09:01:08","2026-11-13 09:02:43",108,95,"ANSWERED",'
    '"DOCUMENTATION","1794560455.21"',
    # the member's own leg: its uniqueid is CONNECT's member uniqueid
    '"","","2001","agents","","PJSIP/2001-00000012","","AppQueue","(Outgoing Line)",'
    '"2026-11-13 09:01:03","2026-11-13 09:01:08","2026-11-13 09:02:43",100,95,"ANSWERED",'
    '"DOCUMENTATION","1794560463.22"',
]
QUEUE_LOG = (
    "1794560400|MANAGER|sales|PJSIP/2001|ADDMEMBER|\n"
    "1794560410|NONE|sales|PJSIP/2001|PAUSE|Briefing\n"  # logged by interface here
    "1794560450|NONE|sales|Alice Archer|UNPAUSE|\n"  # and by name here
    "1794560460|1794560455.21|sales|NONE|ENTERQUEUE||3125550101|1\n"
    "1794560463|1794560455.21|sales|Bob Baker|RINGNOANSWER|5000\n"
    "1794560468|1794560455.21|sales|Alice Archer|CONNECT|8|1794560463.22|5\n"
    "1794560563|1794560455.21|sales|Alice Archer|COMPLETECALLER|8|95|1\n"
)


def _import(tmp_path: Path, files: dict[str, str], config: dict | None = None):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    cfg = parse_config(config or {"day": {"timezone": "UTC"}}, base=tmp_path)
    db = open_database(tmp_path / "store.db")
    importer = Importer(db, cfg)
    return db, importer, [importer.import_path(tmp_path / name) for name in files]


def _widen(row: str, width: int) -> str:
    """The 17-column test row as cdr_csv writes it with other options."""
    cells = row.split(",")
    if width == 16:
        return ",".join(cells[:-1])
    if width == 18:
        return row + ',"vip"'
    if width == 21:
        return row + ',"vip","","1794560455.21",' + "7"
    return row


@pytest.mark.parametrize(
    ("width", "name"),
    [
        (16, "cdr_csv 16 columns"),
        (17, "cdr_csv 17 columns (loguniqueid)"),
        (18, "cdr_csv 18 columns (loguniqueid, loguserfield)"),
        (21, "cdr_csv 21 columns (newcdrcolumns)"),
    ],
)
def test_each_cdr_csv_layout_is_detected_and_named(tmp_path, width, name):
    text = "\n".join(_widen(r, width) for r in ROWS_17) + "\n"
    db, _, [summary] = _import(tmp_path, {"Master.csv": text})
    assert summary.detected.describe() == f"cdr ({name})"
    assert name in summary.describe()
    assert (summary.imported, summary.set_aside) == (3, 0)
    legs = rows(
        db,
        "SELECT clid, dstchannel, start_at, answer_at, billsec_s, disposition, uniqueid,"
        " userfield, linkedid, sequence FROM cdr_legs ORDER BY id",
    )
    assert legs[0]["clid"] == '"Jane Roe" <3125550101>'  # doubled quotes undone
    assert legs[0]["answer_at"] is None  # unquoted empty date
    assert legs[1]["start_at"] == 1794560455  # 09:00:55 UTC
    assert legs[1]["billsec_s"] == 95
    assert legs[1]["uniqueid"] == (None if width == 16 else "1794560455.21")
    assert legs[1]["userfield"] == ("vip" if width in (18, 21) else None)
    assert legs[1]["linkedid"] == ("1794560455.21" if width == 21 else None)
    assert legs[1]["sequence"] == (7 if width == 21 else None)


def test_calls_are_counted_by_uniqueid_not_rows(tmp_path):
    _, _, [_, cdr] = _import(
        tmp_path, {"queue_log": QUEUE_LOG, "Master.csv": "\n".join(ROWS_17) + "\n"}
    )
    assert cdr.imported == 3
    assert cdr.calls == 1  # three rows: two offers to members and the member's own leg
    assert cdr.linked == 1  # the caller's call is in queue_log
    assert "1 call by uniqueid, 1 of them in queue_log" in cdr.describe()


def test_cdr_legs_join_the_call_as_caller_and_member(tmp_path):
    db, _, _ = _import(tmp_path, {"queue_log": QUEUE_LOG, "Master.csv": "\n".join(ROWS_17) + "\n"})
    (call,) = rows(db, "SELECT callid, member_uniqueid FROM calls")
    legs = cdr_legs_for_call(db, call["callid"], call["member_uniqueid"])
    assert [(leg["role"], leg["disposition"]) for leg in legs] == [
        ("caller", "NO ANSWER"),
        ("caller", "ANSWERED"),
        ("member", "ANSWERED"),
    ]


def test_cdr_teaches_which_interface_is_which_member_and_merges_them(tmp_path):
    db, _, _ = _import(tmp_path, {"queue_log": QUEUE_LOG, "Master.csv": "\n".join(ROWS_17) + "\n"})
    links = rows(db, "SELECT interface, member, known_from FROM member_interfaces")
    assert {"interface": "PJSIP/2001", "member": "Alice Archer", "known_from": "cdr"} in links
    # Re-derived: the pause logged by interface and unpaused by name is one pause of Alice's.
    pauses = rows(db, "SELECT member, started_at, ended_at FROM member_pauses")
    assert pauses == [{"member": "Alice Archer", "started_at": 1794560410, "ended_at": 1794560450}]
    sessions = rows(db, "SELECT member, interface FROM member_sessions")
    assert sessions == [{"member": "Alice Archer", "interface": "PJSIP/2001"}]
    names = {r[0] for r in db.execute("SELECT name FROM members")}
    assert "PJSIP/2001" not in names
    assert rows(db, "SELECT count(*) AS n FROM calls") == [{"n": 1}]


def test_config_links_win_over_what_cdr_suggests(tmp_path):
    config = {"agents": [{"name": "Alice A.", "interface": "PJSIP/2001"}]}
    db, _, _ = _import(
        tmp_path, {"queue_log": QUEUE_LOG, "Master.csv": "\n".join(ROWS_17) + "\n"}, config
    )
    links = rows(db, "SELECT member, known_from FROM member_interfaces WHERE interface = ?",
                 ("PJSIP/2001",))  # fmt: skip
    assert links == [{"member": "Alice A.", "known_from": "config"}]


def test_broken_cdr_rows_are_set_aside_with_line_and_reason(tmp_path):
    text = "\n".join(
        [
            ROWS_17[0],
            '"sales","3125550101","600"',  # line 2: truncated row
            ROWS_17[1].replace("2026-11-13 09:00:55", "13/11/2026 9am"),  # line 3: bad date
            ROWS_17[2],
        ]
    )
    db, _, [summary] = _import(tmp_path, {"Master.csv": text + "\n"})
    assert (summary.imported, summary.set_aside) == (2, 2)
    bad = rows(db, "SELECT line_number, reason FROM quarantine ORDER BY line_number")
    assert [b["line_number"] for b in bad] == [2, 3]
    assert bad[0]["reason"] == "3 columns where cdr_csv 17 columns has 17"
    assert bad[1]["reason"].startswith("unreadable time or number")


def test_reimporting_cdr_adds_nothing(tmp_path):
    db, importer, _ = _import(tmp_path, {"Master.csv": "\n".join(ROWS_17) + "\n"})
    again = importer.import_path(tmp_path / "Master.csv")
    assert again.imported == 0
    assert db.execute("SELECT count(*) FROM cdr_legs").fetchone() == (3,)


CUSTOM_COLUMNS = [
    "clid", "src", "dst", "dcontext", "channel", "dstchannel", "lastapp", "lastdata", "start",
    "answer", "end", "duration", "billsec", "disposition", "amaflags", "accountcode", "uniqueid",
    "userfield", "sequence",
]  # fmt: skip


def test_the_real_cdr_custom_sample_through_a_column_mapping(tmp_path):
    shutil.copy(DATA / "cdr_custom_Master.csv", tmp_path / "Master.csv")
    config = {
        "day": {"timezone": "UTC"},
        "sources": [{"path": "Master.csv", "format": "csv", "columns": CUSTOM_COLUMNS}],
    }
    cfg = parse_config(config, base=tmp_path)
    db = open_database(tmp_path / "store.db")
    summary = Importer(db, cfg).import_path(tmp_path / "Master.csv")
    assert summary.detected.describe() == "csv (columns mapped in config.yaml)"
    assert (summary.imported, summary.set_aside) == (14, 0)
    assert summary.calls == 14
    first = rows(db, "SELECT clid, src, channel, start_at, answer_at, billsec_s, disposition,"
                     " uniqueid, sequence FROM cdr_legs ORDER BY id LIMIT 2")  # fmt: skip
    assert first[0] == {
        "clid": '"" <client1>',
        "src": "client1",
        "channel": "PJSIP/client1-00000002",
        "start_at": 1690336292,  # 2023-07-26 01:51:32 UTC
        "answer_at": 1690336310,
        "billsec_s": 13,
        "disposition": "ANSWERED",
        "uniqueid": "1690325492.2",
        "sequence": 2,
    }
    assert first[1]["answer_at"] is None and first[1]["disposition"] == "NO ANSWER"


def test_a_19_column_file_is_not_guessed_without_a_mapping(tmp_path):
    shutil.copy(DATA / "cdr_custom_Master.csv", tmp_path / "Master.csv")
    db = open_database(tmp_path / "store.db")
    with pytest.raises(ImportFailed, match="describe its columns under sources"):
        Importer(db, parse_config({}, base=tmp_path)).import_path(tmp_path / "Master.csv")
    with pytest.raises(ImportFailed, match="a csv source needs its columns"):
        Importer(db, parse_config({}, base=tmp_path)).import_path(tmp_path / "Master.csv", "csv")


@pytest.mark.parametrize(
    ("channel", "interface"),
    [
        ("PJSIP/2001-0000001a", "PJSIP/2001"),
        ("SIP/0004f2040001-000000b1", "SIP/0004f2040001"),
        ("Local/1006@agents-0000004d;1", "Local/1006@agents/n"),
        ("", None),
        ("not a channel", None),
    ],
)
def test_member_interface_from_a_channel_name(channel, interface):
    assert interface_of_channel(channel) == interface


def test_cdr_imported_before_its_queue_log_still_links_the_members(tmp_path):
    files = {"Master.csv": "\n".join(ROWS_17) + "\n", "queue_log": QUEUE_LOG}
    db, _, [cdr, _] = _import(tmp_path, files)
    assert cdr.linked == 0  # no calls yet when the CDR came in
    links = rows(db, "SELECT interface, member, known_from FROM member_interfaces")
    assert {"interface": "PJSIP/2001", "member": "Alice Archer", "known_from": "cdr"} in links
    pauses = rows(db, "SELECT member, started_at, ended_at FROM member_pauses")
    assert pauses == [{"member": "Alice Archer", "started_at": 1794560410, "ended_at": 1794560450}]
