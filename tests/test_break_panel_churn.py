"""The break panel through a busy shift's boards: whatever changes, it shows the board.

The panel redraws only the rows whose words changed (widgets/break_panel.py), which
is where a row could be left stale, a heading left choosable or a member not, or
the list left longer or shorter than the panel. 150 boards drawn at random (people
out and back, next up and held back reordered, reasons that wrap, names in wide
characters, alerts coming and going), each checked against the board itself.
"""

from __future__ import annotations

import random

from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget

from floortui.domain.breaks import BreakAlert, BreakBoard, HeldBack, NextUp, OutNow
from floortui.widgets.break_lines import wrapped_rows
from floortui.widgets.break_panel import BreakPanel
from tests.test_break_panel import NOW
from tests.test_break_panel_fill import FixedApp, panel_of

NAMES = ["Ann Archer", "Bo Baker", "Cat Quinn", "Dan Murphy", "佐藤 花子", "Fay Ng",
         "Gus O'Hara", "ฟ้า ใจดี", "Ida Lee", "Jon Park", "Kim Bo-ra", "Lou Diaz"]  # fmt: skip
WHYS = ["sales has 4 waiting", "signed in 12 min ago", "2 of Red are out (max 2)",
        "billing is at 70.5 % against 80 %", "support is at 61.0 % against 80 %"]  # fmt: skip


def _board(rng: random.Random, at: int) -> BreakBoard:
    names = rng.sample(NAMES, rng.randint(0, len(NAMES)))
    out_n, next_n = rng.randint(0, len(names)), rng.randint(0, 4)
    out = tuple(OutNow(n, "Red", rng.choice(["Break", "Lunch"]), at - 60, 15,
                       rng.randint(-900, 900), rng.random() < 0.7)
                for n in names[:out_n])  # fmt: skip
    rest = names[out_n:]
    next_up = tuple(NextUp(n, "Blue", "Break", 10, rng.randint(0, 9000), 3600, 10)
                    for n in rest[:next_n])  # fmt: skip
    held = tuple(HeldBack(n, "Blue", tuple(rng.sample(WHYS, rng.randint(1, 2))), 600)
                 for n in rest[next_n:])  # fmt: skip
    alerts = tuple(BreakAlert(o.member, "overdue", f"{o.member} is late back", "error")
                   for o in out if o.left_s < 0 and rng.random() < 0.5)  # fmt: skip
    return BreakBoard(at=at, out=out, next_up=next_up, held=held, alerts=alerts)


def _check(panel: BreakPanel) -> None:
    lines = panel.lines()
    texts = [Content.from_markup(text, **dict(values)).plain for _, text, values in lines]
    assert panel.line_texts() == texts, "every line says what the board says"
    assert panel.keys == [key for key, _, _ in lines], "members can be chosen, headings not"
    if panel.highlighted is not None:
        assert panel.keys[panel.highlighted] is not None, "the highlight is on a member"
    width = panel.scrollable_content_region.width
    heights = [len(wrapped_rows(Content.from_markup(t, **dict(v)), width)) for _, t, v in lines]
    assert panel.line_heights() == heights, "each line takes the rows it wraps to"
    room = panel.scrollable_content_region.height
    if sum(heights) <= room:
        assert panel.virtual_size.height == room, "it fills the panel, no more"
    else:
        assert panel.virtual_size.height >= sum(heights), "every row can be scrolled to"
    shown = _rows_on_screen(panel)
    rows = [row.plain.rstrip() for _, t, v in lines
            for row in wrapped_rows(Content.from_markup(t, **dict(v)), width)]  # fmt: skip
    top = int(panel.scroll_offset.y)
    expected = (rows + [""] * room)[top : top + room]
    assert shown == expected, "the rows on screen are the board's, then blank"
    # Rows kept by what they show (widgets/kept_rows) are what Textual would draw now.
    whole = Region(0, 0, *panel.outer_size)
    kept = panel.render_lines(whole)
    panel._styles_cache.clear()
    drawn = Widget.render_lines(panel, whole)
    assert [list(strip) for strip in kept] == [list(strip) for strip in drawn], "cell for cell"


def _rows_on_screen(panel: BreakPanel) -> list[str]:
    """The panel's rows as drawn now, inside its border and padding."""
    region = panel.content_region
    strips = panel.screen._compositor.render_strips()
    return [strips[y].crop(region.x, region.right - panel.scrollbar_size_vertical).text.rstrip()
            for y in range(region.y, region.bottom)]  # fmt: skip


async def test_150_boards_at_random_each_shown_as_it_is(tmp_path) -> None:
    rng = random.Random(8)
    app = FixedApp(tmp_path)
    async with panel_of(app) as (pilot, panel):
        for step in range(150):
            at = NOW + 5 * step
            panel.show(_board(rng, at))
            if rng.random() < 0.3 and panel.keys:  # the supervisor moves along the list
                members = [k for k in panel.keys if k is not None]
                if members:
                    panel.highlight_member(rng.choice(members))
            panel.tick(at + rng.randint(0, 4))
            box = Region(0, 0, *panel.outer_size)  # a row marked off the panel widens the
            assert all(box.contains_region(r) for r in panel._dirty_regions), (  # frame's box
                "only rows on the panel are marked to be drawn again")  # fmt: skip
            await pilot.pause()
            _check(panel)
