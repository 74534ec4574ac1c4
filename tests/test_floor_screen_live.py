"""The floor screen follows a live log: a member's new state shows without a key."""

from __future__ import annotations

import asyncio

from floortui.screens.floor import FloorScreen
from tests.floor_helpers import row_of
from tests.screen_helpers import T0, append, followed_app, wait_for

START = (
    f"{T0 + 10}|NONE|sales|Alice Archer|ADDMEMBER|\n{T0 + 12}|NONE|support|Bob Baker|ADDMEMBER|\n"
)


async def test_the_grid_shows_each_new_state_as_the_follower_hands_it_over(tmp_path):
    clock = {"now": T0 + 60}
    app, log = followed_app(tmp_path, now=lambda: clock["now"], first=START)
    async with app.run_test(size=(140, 30)):
        screen = app.screen
        assert isinstance(screen, FloorScreen)
        grid = screen.grid
        assert await wait_for(lambda: grid.members.get("Bob Baker") is not None)
        assert grid.members["Bob Baker"].state == "ready"
        append(log, f"{T0 + 70}|NONE|support|Bob Baker|PAUSE|Break\n")
        clock["now"] = T0 + 75
        assert await wait_for(lambda: grid.members["Bob Baker"].state == "paused")
        assert await wait_for(lambda: "paused: Break" in str(grid._cells_of("Bob Baker")))
        assert grid._cells_of("Bob Baker").time == "0:05"
        assert grid.rows[0] == "Bob Baker", "paused sorts before ready"
        status = screen.query_one("#floor-status")
        assert await wait_for(lambda: "1 paused" in str(status.render()))


async def test_a_member_new_to_the_floor_has_todays_figures_at_once(tmp_path):
    """Today's figures are read every `summary_every_s` (a minute here), however busy the log,
    and at once for members the floor has not been read for: Cara signs in and answers."""
    clock = {"now": T0 + 60}
    app, log = followed_app(tmp_path, now=lambda: clock["now"], first=START,
                            floor={"summary_every_s": 60})  # fmt: skip
    async with app.run_test(size=(160, 30)):
        screen = app.screen
        grid = screen.grid
        assert await wait_for(lambda: screen._summaries is not None and "Bob Baker" in grid.rows)
        reads = []
        real_read = screen.read
        screen.read = lambda *args: (reads.append(args), real_read(*args))
        append(log, f"{T0 + 62}|1.1|sales|NONE|ENTERQUEUE||3125550101|1\n"
                    f"{T0 + 64}|1.1|sales|Alice Archer|CONNECT|2|1.2|1\n"
                    f"{T0 + 70}|1.1|sales|Alice Archer|COMPLETECALLER|2|6|1\n")  # fmt: skip
        clock["now"] = T0 + 75
        assert await wait_for(lambda: grid.members["Alice Archer"].since == T0 + 70)
        await asyncio.sleep(1.5)  # a store that grew reads nothing before the minute is up
        assert reads == [] and grid._answered.get("Alice Archer", 0) == 0
        append(log, f"{T0 + 80}|NONE|sales|Cara Quinn|ADDMEMBER|\n"
                    f"{T0 + 82}|2.1|sales|NONE|ENTERQUEUE||3125550102|1\n"
                    f"{T0 + 84}|2.1|sales|Cara Quinn|CONNECT|2|2.2|1\n"
                    f"{T0 + 90}|2.1|sales|Cara Quinn|COMPLETECALLER|2|6|1\n")  # fmt: skip
        clock["now"] = T0 + 95
        assert await wait_for(lambda: "Cara Quinn" in grid.rows)
        assert await wait_for(lambda: " 1 " in row_of(grid, "Cara Quinn"))
        assert " 1 " in row_of(grid, "Alice Archer"), "read with her: the same read"
        assert len(reads) == 1


async def test_the_first_floor_from_the_log_has_its_break_board_at_once(tmp_path):
    """Before the log is read the floor is every configured member logged off; the first
    floor read from it is weighed for breaks at once, not at the next read a minute on."""
    from types import MappingProxyType

    from floortui.app import FloorChanged, make_app
    from floortui.config import parse_config
    from floortui.domain.floor_snapshot import EMPTY, FloorSnapshot, MemberState, QueueStatus
    from floortui.store.db import open_database

    now = T0 + 3600
    config = parse_config({"store": {"path": "store.db"}, "floor": {"summary_every_s": 60},
                           "agents": [{"name": "Ann Archer", "team": "Red"}]},
                          base=tmp_path)  # fmt: skip
    app = make_app(config, open_database(config.store.path), now=lambda: now)
    async with app.run_test(size=(160, 30)):
        screen = app.screen
        assert await wait_for(lambda: screen.panels_up and screen.break_panel.board is not None)
        assert screen.break_panel.board.out == ()
        ann = MemberState(
            member="Ann Archer", state="paused", since=now - 60, pause_reason="Break",
            reason_since=now - 60, queues=MappingProxyType({"sales": QueueStatus(True, "Break")}),
            queue_since=EMPTY, paused_since=EMPTY, call=None, wrapup_until=None,
            signed_in_at=T0, last_event_at=now - 60,
        )  # fmt: skip
        app.post_message(FloorChanged(FloorSnapshot(now, MappingProxyType({"Ann Archer": ann}),
                                                    now - 60)))  # fmt: skip
        assert await wait_for(lambda: "Ann Archer" in " ".join(screen.break_panel.line_texts()))
