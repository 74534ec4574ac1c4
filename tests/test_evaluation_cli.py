"""`floortui evaluations import FILE.csv` (bad rows set aside with line and reason, the rest
imported through the same arithmetic), `floortui report evaluations` (the contract's keys),
and the sample's low-score boost fed by the results."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import yaml

from floortui.config import parse_config
from floortui.queries.evaluations import import_results, recent_averages
from floortui.queries.sampling import draw_day
from floortui.store.db import open_database
from floortui.store.people import PeopleWriter
from tests.conftest import Run
from tests.evaluation_store import CALLS, CONFIG, DEMO, full_marks, make_store
from tests.test_sampling_store import CONFIG as SAMPLING_CONFIG
from tests.test_sampling_store import DAY, day  # noqa: F401 (the fixture)

SUPPORT, SALES, OWN, SUPPORT_BOB = (c[0] for c in CALLS)
KEYS = ["call", "agent", "reviewer", "form", "total", "total_before_critical", "grade",
        "critical_failed", "revision", "sections", "items"]  # fmt: skip


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    _config, _db, writer = make_store(tmp_path)
    writer.close()
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(CONFIG, allow_unicode=True), encoding="utf-8")
    return path, tmp_path / "floortui.db"


def _csv(path: Path, config_path: Path, rows: list[dict]) -> Path:
    config = parse_config(yaml.safe_load(config_path.read_text("utf-8")))
    items = [i.id for f in config.rubric.forms for _, i in f.items()]
    header = ["call", "form", "reviewer", "submitted_at", *items, "bogus", "comment"]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, header, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_import_sets_bad_rows_aside_and_imports_the_rest(tmp_path: Path, run: Run) -> None:
    config_path, store = _setup(tmp_path)
    config = parse_config(yaml.safe_load(config_path.read_text("utf-8")))
    inbound = {k: str(v) for k, v in full_marks(config, "inbound service").items()}
    inbound.update(greeting="no", gives_number="yes", corrects_errors="na")
    sales = {k: str(v) for k, v in full_marks(config, "outbound sales").items()}
    sales.update(clear_consent="no")
    good = {"call": SUPPORT, "form": "inbound service", "reviewer": "Rita Reyes",
            "submitted_at": "2026-11-13T10:30", **inbound, "comment": "from the sheet"}  # fmt: skip
    rows = [
        good,                                                            # line 2
        {**good, "call": "999.9"},                                       # line 3
        {**good, "call": SUPPORT_BOB, "form": "complaints"},             # line 4
        {**good, "call": SUPPORT_BOB, "polite_phrases": "6"},            # line 5
        {**good, "call": SUPPORT_BOB, "patient": "na"},                  # line 6
        {"call": SALES, "form": "outbound sales", "reviewer": "Sam Stone",
         "submitted_at": "1794567600", **sales},                         # line 7
        {**good, "reviewer": "Sam Stone"},                               # line 8
        {**good, "call": SUPPORT_BOB, "bogus": "3"},                     # line 9
        {**good, "call": SUPPORT_BOB, "submitted_at": "yesterday"},      # line 10
        {**good, "call": SUPPORT_BOB, "greeting": ""},                   # line 11
    ]  # fmt: skip
    sheet = _csv(tmp_path / "results.csv", config_path, rows)
    status, out, err = run("--config", str(config_path), "evaluations", "import", str(sheet),
                           "--db", str(store), "--user", "Quinn Lee")  # fmt: skip
    assert status == 0
    assert out == f"{sheet}: 2 evaluations imported, 8 rows set aside (10 rows)\n"
    assert err.splitlines() == [
        f"{sheet}:3: set aside: unknown call '999.9': not in the store",
        f"{sheet}:4: set aside: unknown form 'complaints': not under rubric.forms",
        f"{sheet}:5: set aside: polite_phrases: 6 points is above its max of 5",
        f"{sheet}:6: set aside: patient: N/A is not allowed for this item",
        f"{sheet}:8: set aside: call '{SUPPORT}' is on line 2 already: one evaluation a call",
        f"{sheet}:9: set aside: unknown item 'bogus' for the form 'inbound service'",
        f"{sheet}:10: set aside: submitted_at: 'yesterday' is not a time: give a Unix epoch or"
        " an ISO time like 2026-11-13T08:30",
        f"{sheet}:11: set aside: greeting: left empty (points, yes/no or na)",
    ]
    status, out, _ = run("--config", str(config_path), "report", "evaluations", "--db",
                         str(store))  # fmt: skip
    assert status == 0
    first, second = json.loads(out)
    assert list(first) == KEYS
    # inbound: attitude 35/35 × 40 = 40 (corrects_errors N/A), skill 35, opening 3/4 × 25 = 18.75
    assert (first["call"], first["agent"], first["reviewer"], first["total"]) == (
        SUPPORT, "Alice Archer", "Rita Reyes", 93.8,
    )  # fmt: skip
    assert first["items"]["corrects_errors"] is None and first["items"]["greeting"] == 0
    assert first["sections"] == {"service attitude": 40.0, "handling skill": 35.0,
                                 "opening and closing": 18.8, "critical": 0.0}  # fmt: skip
    assert (second["call"], second["critical_failed"], second["total"]) == (SALES, True, 0.0)
    assert (second["total_before_critical"], second["grade"]) == (100.0, "不合格")
    db = open_database(store)
    stored = db.execute("SELECT callid, submitted_by, submitted_at, source, comment"
                        " FROM evaluations ORDER BY id").fetchall()  # fmt: skip
    assert stored == [(SUPPORT, "Rita Reyes", 1794565800, "import", "from the sheet"),
                      (SALES, "Sam Stone", 1794567600, "import", "")]  # fmt: skip
    writes = db.execute("SELECT kind, written_by FROM person_writes").fetchall()
    assert writes == [("evaluation.imported", "Quinn Lee")] * 2
    # Importing the same sheet again adds nothing: each call is evaluated already.
    status, out, err = run("--config", str(config_path), "evaluations", "import", str(sheet),
                           "--db", str(store), "--user", "Quinn Lee")  # fmt: skip
    assert out.endswith(": 0 evaluations imported, 10 rows set aside (10 rows)\n")
    assert f"{sheet}:2: set aside: call '{SUPPORT}' is evaluated already (by Rita Reyes)" in err


def test_report_window_and_formats(tmp_path: Path, run: Run) -> None:
    config_path, store = _setup(tmp_path)
    config = parse_config(yaml.safe_load(config_path.read_text("utf-8")))
    inbound = {k: str(v) for k, v in full_marks(config, "inbound service").items()}
    rows = [{"call": SUPPORT, "form": "inbound service", "reviewer": "Rita Reyes",
             "submitted_at": "2026-11-13T10:30", **inbound},
            {"call": SUPPORT_BOB, "form": "inbound service", "reviewer": "Rita Reyes",
             "submitted_at": "2026-11-13T12:30", **inbound}]  # fmt: skip
    sheet = _csv(tmp_path / "results.csv", config_path, rows)
    assert run("--config", str(config_path), "evaluations", "import", str(sheet), "--db",
               str(store))[0] == 0  # fmt: skip
    base = ("--config", str(config_path), "report", "evaluations", "--db", str(store))
    _, out, _ = run(*base, "--from", "2026-11-13T11:00")
    assert [r["call"] for r in json.loads(out)] == [SUPPORT_BOB]
    _, out, _ = run(*base, "--to", "2026-11-13T11:00", "--format", "csv")
    lines = out.splitlines()
    assert lines[0] == ",".join(KEYS) and len(lines) == 2 and lines[1].startswith(SUPPORT)
    _, out, _ = run(*base, "--format", "table")
    assert "优秀" in out and SUPPORT_BOB in out


def test_import_refuses_a_sheet_without_the_columns(tmp_path: Path, run: Run) -> None:
    config_path, store = _setup(tmp_path)
    sheet = tmp_path / "bad.csv"
    sheet.write_text("call,form\n1,inbound service\n", encoding="utf-8")
    status, _, err = run("--config", str(config_path), "evaluations", "import", str(sheet),
                         "--db", str(store))  # fmt: skip
    assert status == 2
    assert err == (
        f"floortui evaluations: {sheet}: the header lacks reviewer, submitted_at "
        "(columns: call, form, reviewer, submitted_at, one per item id, comment)\n"
    )


def test_low_qa_results_boost_the_members_sample(day, tmp_path: Path) -> None:  # noqa: F811
    """Bob's one result before the day scores 40 (below 70): his ratio doubles."""
    store, _folder = day
    config = parse_config({**SAMPLING_CONFIG, "rubric": DEMO["rubric"]}, base=tmp_path)
    db = open_database(store)
    assert recent_averages(db, config, DAY) == {}
    bob_call = db.execute("SELECT callid FROM calls WHERE member = 'Bob Baker' LIMIT 1").fetchone()[
        0
    ]
    form = config.rubric.form("outbound sales")
    answers = {i.id: ("yes" if i.kind == "yes_no" else "2") for _, i in form.items()}
    # language 8/20 × 30 = 12, attitude 12/30 × 45 = 18, knowledge 4/10 × 25 = 10: 40
    row = {"call": bob_call, "form": "outbound sales", "reviewer": "Sam",
           "submitted_at": "2026-11-12T15:00", **answers}  # fmt: skip
    writer = PeopleWriter.for_store(db)
    assert import_results(db, writer, config, [(2, row)], "Tess") == (1, [])
    writer.close()
    assert recent_averages(db, config, DAY) == {"Bob Baker": 40.0}
    rows = draw_day(db, config, DAY)
    [bob] = [r for r in rows if r["agent"] == "Bob Baker"]
    assert bob["reason"] == "10 % of answered calls; low QA average 40 % ×2"
    # A result from the day itself is not "recent" for that day's draw.
    assert recent_averages(db, config, DAY.replace(day=12)) == {}
