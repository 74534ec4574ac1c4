"""The seat grid's order, words and colours, and that a tick redraws only what changed."""

from __future__ import annotations

import random
from dataclasses import replace
from types import MappingProxyType

from textual.app import App, ComposeResult
from textual.color import Color

from floortui.config.floor import FloorSettings
from floortui.domain.floor_snapshot import EMPTY, FloorSnapshot, MemberState, QueueStatus
from floortui.domain.seat_rows import SeatOrder, SeatView, after_wrapup, arrange, seat_cells
from floortui.widgets.seat_grid import SeatGrid

NOW = 1794561000


def member(name: str, state: str = "ready", since: int | None = NOW - 60, **more) -> MemberState:
    queues = more.pop("queues", {"sales": QueueStatus(False, None)})
    fields = dict(
        member=name, state=state, since=since, pause_reason=None, reason_since=None,
        queues=MappingProxyType(queues), queue_since=EMPTY, paused_since=EMPTY, call=None,
        wrapup_until=None, signed_in_at=None, last_event_at=since,
    )  # fmt: skip
    fields.update(more)
    return MemberState(**fields)


def test_the_search_box_reads_filters_and_a_name() -> None:
    view = SeatView.parse("team:Red state:on-call  ann queue:sales", sort="name")
    assert (view.team, view.state, view.queue, view.search, view.sort) == (
        "Red", "on_call", "sales", "ann", "name",
    )  # fmt: skip


def test_kept_order_is_the_order_sorted_afresh() -> None:
    """5 % changing a step, 40 steps: the kept order never drifts from a fresh sort."""
    rng = random.Random(3)
    states = ["ready", "ringing", "on_call", "wrapup", "paused", "logged_off"]
    members = {f"m{i:03d}": member(f"m{i:03d}", rng.choice(states), NOW - rng.randrange(900))
               for i in range(200)}  # fmt: skip
    for sort in ("state", "time", "name"):
        kept = SeatOrder(SeatView(sort=sort))
        for step in range(40):
            members = dict(members)  # each floor a new one, as each snapshot is
            for name in rng.sample(sorted(members), 10):
                members[name] = member(name, rng.choice(states), NOW + step)
            view = SeatView(sort=sort)
            assert arrange(members, {}, view, kept) == arrange(members, {}, view)


def test_levels_follow_the_thresholds_per_state_and_per_reason() -> None:
    settings = FloorSettings()
    lunch = member("a", "paused", NOW - 1900, pause_reason="Lunch", reason_since=NOW - 1900)
    coffee = member("b", "paused", NOW - 400, pause_reason="Coffee", reason_since=NOW - 400)
    auto_then_break = member("c", "paused", NOW - 1000, pause_reason="Break",
                             reason_since=NOW - 100)  # fmt: skip
    assert seat_cells(lunch, None, 0, None, NOW, settings).level == "warning"
    assert seat_cells(coffee, None, 0, None, NOW, settings).level == "warning", "states.paused"
    cells = seat_cells(auto_then_break, None, 0, None, NOW, settings)
    assert (cells.level, cells.time) == ("ok", "16:40"), "Break's clock from its own start"
    ringing = member("d", "ringing", NOW - 31)
    assert seat_cells(ringing, None, 0, None, NOW, settings).level == "alert"


def test_a_wrap_up_that_ended_without_an_event_is_ready_then() -> None:
    wrapped = member("a", "wrapup", NOW - 20, wrapup_until=NOW - 5)
    assert (after_wrapup(wrapped).state, after_wrapup(wrapped).since) == ("ready", NOW - 5)
    paused = replace(wrapped, queues=MappingProxyType({"sales": QueueStatus(True, "Break")}),
                     paused_since=MappingProxyType({"sales": NOW - 300}))  # fmt: skip
    settled = after_wrapup(paused)
    assert (settled.state, settled.pause_reason) == ("paused", "Break")


class GridApp(App):
    def __init__(self, members: dict[str, MemberState]) -> None:
        super().__init__()
        self.members = members

    def compose(self) -> ComposeResult:
        yield SeatGrid(FloorSettings())

    def on_mount(self) -> None:
        grid = self.query_one(SeatGrid)
        grid.show_floor(FloorSnapshot(NOW, MappingProxyType(self.members), NOW), NOW)


async def test_a_tick_redraws_only_the_lines_that_changed_and_only_those_on_screen() -> None:
    members = {f"m{i:04d}": member(f"m{i:04d}", "logged_off", None, queues={})
               for i in range(1000)}  # fmt: skip
    members["m0001"] = member("m0001", "ready", NOW - 10)  # the only clock that ticks
    app = GridApp(members)
    async with app.run_test(size=(100, 20)) as pilot:
        grid = app.query_one(SeatGrid)
        await pilot.pause()
        drawn: list = []
        grid.refresh = lambda *regions, **kw: drawn.extend(regions)  # type: ignore[method-assign]
        grid.tick(NOW + 1)
        assert len(drawn) == 1, "one seat's time moved on"
        (region,) = drawn
        assert region.y == 1 and region.width == 8, "its time column alone"
        drawn.clear()
        grid.tick(NOW + 1)
        assert drawn == [], "nothing changed, nothing drawn"
        assert len(grid._shown) <= 20, "lines off screen are never worked out"


async def test_a_name_that_fills_its_column_is_cut_and_never_runs_into_the_team() -> None:
    """At 80 columns the member column is 14 wide: "Keiko Kowalski" is 14 letters."""
    app = GridApp({"Keiko Kowalski": member("Keiko Kowalski", "ready", NOW - 5)})
    async with app.run_test(size=(80, 6)) as pilot:
        grid = app.query_one(SeatGrid)
        grid.teams = {"Keiko Kowalski": "Red"}
        grid.tick(NOW + 1)
        await pilot.pause()
        line = grid.render_line(1).text
        assert "Keiko Kowals… Red" in line, line


def _backgrounds(strip) -> set:
    return {segment.style.bgcolor for segment in strip if segment.text.strip()}


async def test_the_cursor_shows_whether_the_grid_has_the_keys() -> None:
    """Focused, the cursor line is the theme's cursor colour; with the keys elsewhere (the
    break panel), it is the theme's see-through blurred cursor over the grid's surface, a
    colour of its own; and the column titles are muted beside the members' names."""
    app = GridApp({"Ann Archer": member("Ann Archer"), "Bo Brand": member("Bo Brand")})
    async with app.run_test(size=(100, 8)) as pilot:
        grid = app.query_one(SeatGrid)
        grid.focus()
        await pilot.pause()
        theme = app.theme_variables
        surface = Color.parse(theme["surface"])
        focused = _backgrounds(grid.render_line(1))
        assert focused == {Color.parse(theme["block-cursor-background"]).rich_color}
        app.set_focus(None)
        await pilot.pause()
        blurred = _backgrounds(grid.render_line(1))
        see_through = surface + Color.parse(theme["block-cursor-blurred-background"])
        assert blurred == {see_through.rich_color} and blurred != focused
        assert _backgrounds(grid.render_line(2)) == {surface.rich_color}, "Bo: no cursor"
        titles = {s.style.color for s in grid.render_line(0) if s.text.strip()}
        names = {s.style.color for s in grid.render_line(2) if "Bo Brand" in s.text}
        assert titles and names and titles != names, "the titles are muted"
