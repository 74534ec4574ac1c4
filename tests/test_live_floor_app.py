"""The app keeps every member's state in memory from the followed log, with no SQL per tick."""

from __future__ import annotations

from floortui.app import make_app
from floortui.config import parse_config
from floortui.store.db import open_database
from tests.screen_helpers import wait_for

START = (
    "1794560400|NONE|NONE|NONE|QUEUESTART|\n"
    "1794560410|NONE|sales|PJSIP/2001|ADDMEMBER|\n"
    "1794560411|NONE|support|PJSIP/2001|ADDMEMBER|\n"
    "1794560412|NONE|sales|PJSIP/2002|ADDMEMBER|\n"
)
AGENTS = [
    {"name": "Alice Archer", "interface": "PJSIP/2001"},
    {"name": "Bob Baker", "interface": "PJSIP/2002"},
]


def _state(app, member: str) -> str | None:
    floor = app.floor
    if floor is None or member not in floor.members:
        return None
    return floor.members[member].state


async def test_the_floor_follows_the_log_member_by_member(tmp_path):
    log = tmp_path / "queue_log"
    log.write_text(START)
    config = parse_config(
        {
            "store": {"path": "store.db"},
            "sources": [{"path": "queue_log", "follow": True}],
            "queues": {"sales": {"wrapuptime": 30}},
            "agents": AGENTS,
        },
        base=tmp_path,
    )
    app = make_app(config, open_database(config.store.path))
    async with app.run_test(size=(120, 30)):
        assert await wait_for(lambda: _state(app, "Bob Baker") == "ready")
        assert _state(app, "Alice Archer") == "ready"
        first = app.floor
        with log.open("a") as handle:
            handle.write(
                "1794560500|NONE|sales|Alice Archer|PAUSE|Lunch\n"
                "1794560500|NONE|support|Alice Archer|PAUSE|Lunch\n"
                "1794560510|1794560510.7|sales|NONE|ENTERQUEUE||3125550100|1\n"
                "1794560513|1794560510.7|sales|Bob Baker|CONNECT|3|1794560510.8|2\n"
            )
        assert await wait_for(lambda: _state(app, "Bob Baker") == "on_call")
        alice = app.floor.members["Alice Archer"]
        assert (alice.state, alice.pause_reason, alice.since) == ("paused", "Lunch", 1794560500)
        assert app.floor.members["Bob Baker"].since == 1794560513
        assert first.members["Bob Baker"].state == "ready", "a snapshot never changes"
        with log.open("a") as handle:
            handle.write("1794560573|1794560510.7|sales|Bob Baker|COMPLETECALLER|3|60|1\n")
        assert await wait_for(lambda: _state(app, "Bob Baker") == "wrapup")


async def test_a_store_nothing_follows_shows_its_floor_as_stored(tmp_path):
    """View only (or no sources): the floor as the store last saw it, read once at start."""
    log = tmp_path / "queue_log"
    log.write_text(START + "1794560500|NONE|sales|Bob Baker|PAUSE|Break\n")
    config = parse_config(
        {"store": {"path": "store.db"}, "sources": [{"path": "queue_log"}], "agents": AGENTS},
        base=tmp_path,
    )
    from floortui.adapters.importer import Importer

    db = open_database(config.store.path)
    Importer(db, config).import_path(log)
    app = make_app(config, db, read_only=True)
    async with app.run_test(size=(120, 30)):
        assert await wait_for(lambda: _state(app, "Bob Baker") == "paused")
        assert app.floor.members["Bob Baker"].pause_reason == "Break"
        assert _state(app, "Alice Archer") == "ready"
