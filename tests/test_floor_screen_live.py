"""The floor screen follows a live log: a member's new state shows without a key."""

from __future__ import annotations

from floortui.screens.floor import FloorScreen
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
