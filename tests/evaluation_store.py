"""A small store for the evaluation tests: answered calls imported from queue_log text, the
demo's rubric, and people with every role an evaluation meets."""

from __future__ import annotations

from pathlib import Path

import yaml

from floortui.adapters.importer import Importer
from floortui.config import Config, parse_config
from floortui.store.db import open_database
from floortui.store.people import PeopleWriter

DEMO = yaml.safe_load((Path(__file__).parents[1] / "config.yaml").read_text("utf-8"))
NINE = 1794560400  # 2026-11-13 09:00 UTC
DAY_S = 86400
CONFIG = {
    "rubric": DEMO["rubric"],
    "evaluation": DEMO["evaluation"],
    "agents": [{"name": "Alice Archer", "team": "Red"}, {"name": "Bob Baker", "team": "Blue"},
               {"name": "Rita Reyes", "team": "Red"}],
    "users": [{"name": "Rita Reyes", "role": "reviewer"}, {"name": "Sam Stone", "role": "reviewer"},
              {"name": "Una Ueda", "role": "reviewer"}, {"name": "Quinn Lee", "role": "qa_lead"},
              {"name": "Tom Reyes", "role": "team_leader", "teams": ["Red"]},
              {"name": "Hana Sato", "role": "supervisor"}],
}  # fmt: skip
#: (callid, queue, member) of the day's answered calls.
CALLS = [
    ("1794560400.1", "support", "Alice Archer"),
    ("1794560700.2", "sales", "Bob Baker"),
    ("1794561000.3", "billing", "Rita Reyes"),
    ("1794561300.4", "support", "Bob Baker"),
]


class Clock:
    """The wall clock people's writes are stamped with, moved on by the test."""

    def __init__(self, now: int = NINE + 3600) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def queue_log() -> str:
    lines = []
    for index, (callid, queue, member) in enumerate(CALLS):
        at = NINE + index * 300
        lines.append(f"{at}|{callid}|{queue}|NONE|ENTERQUEUE||3125550100|1")
        lines.append(f"{at + 6}|{callid}|{queue}|{member}|CONNECT|6|{at + 1}.99|5")
        lines.append(f"{at + 126}|{callid}|{queue}|{member}|COMPLETEAGENT|6|120|1")
    return "".join(f"{line}\n" for line in lines)


def make_store(folder: Path, clock: Clock | None = None):
    """(config, db, writer) on a fresh store of CALLS."""
    config: Config = parse_config(CONFIG, base=folder)
    (folder / "queue_log").write_text(queue_log(), encoding="utf-8")
    db = open_database(folder / "floortui.db")
    Importer(db, config).import_path(folder / "queue_log", "queue_log")
    writer = PeopleWriter.for_store(db, clock=clock or Clock())
    return config, db, writer


def user(config: Config, name: str):
    return next(u for u in config.users if u.name == name)


def full_marks(config: Config, form: str) -> dict:
    return {item.id: item.points_max for _, item in config.rubric.form(form).items()}


def score_support_then_sales(db, writer: PeopleWriter, config: Config, clock: Clock) -> None:
    """Rita's full marks on Alice's support call, and a minute later on Bob's sales call."""
    from floortui.queries import evaluations

    rita = user(config, "Rita Reyes")
    support, sales = CALLS[0][0], CALLS[1][0]
    evaluations.submit(db, writer, config, rita, support, full_marks(config, "inbound service"))
    clock.now += 60
    evaluations.submit(db, writer, config, rita, sales, full_marks(config, "outbound sales"))
