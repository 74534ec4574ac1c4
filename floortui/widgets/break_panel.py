"""The break panel: who is out (time left or overdue), who goes next, who is held back and why.

Fed plain data: `show(board)` with a BreakBoard (floortui.queries.breaks.
live_break_board, read in a worker) and `tick(now)` each second, which only
moves the clocks (no SQL, and a line is redrawn only when its text changes).
Colours are the theme's (`$error` overdue, `$warning` held back or nearly
due back, `$success` next up).

Keys on the panel: `s` sends the highlighted member on break (the proposal's
reason and minutes; a held-back member can still be sent: the supervisor
decides), `r` marks them returned, `x` skips them (the screen asks why).
Each posts `ActionRequested`; the screen stores it (a widget never reaches
the queries: floortui.screens.break_actions.BreakActions does it in a
worker). New alerts are notified once each and posted as `AlertsRaised`
(BreakActions logs them in the shift log).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from floortui.domain.breaks import BreakAlert, BreakBoard, minutes_text

if TYPE_CHECKING:
    from floortui.domain.meals import MealSlot

#: How many names a meal slot's line spells out before "+N more" (two lines at the panel's width).
MEAL_NAMES = 3


class BreakPanel(OptionList):
    """The rotation's three lists in one keyboard-driven list; headings are not selectable."""

    DEFAULT_CSS = """
    BreakPanel { height: auto; max-height: 24; border: round $primary; }
    """
    BORDER_TITLE = "Breaks"
    BINDINGS = [
        Binding("s", "send", "Send on break", tooltip="Send the highlighted member on break"),
        Binding("r", "returned", "Back", tooltip="Mark the highlighted member back from break"),
        Binding("x", "skip", "Skip break", tooltip="Skip the highlighted member's break, why"),
    ]

    class ActionRequested(Message):
        """The supervisor asked for a break action on a member (`sent|returned|skipped`).

        The screen stores it (floortui.screens.break_actions.BreakActions does).
        """

        def __init__(self, action: str, member: str, reason: str | None = None,
                     minutes: int | None = None) -> None:  # fmt: skip
            super().__init__()
            self.action, self.member, self.reason, self.minutes = action, member, reason, minutes

    class AlertsRaised(Message):
        """Alerts that were not on the board before (each raised once)."""

        def __init__(self, alerts: tuple[BreakAlert, ...]) -> None:
            super().__init__()
            self.alerts = alerts

    def __init__(self, *, out_rows: int = 12, next_rows: int = 6, held_rows: int = 8,
                 meal_rows: int = 4, alert_rows: int = 6, tz: dt.tzinfo = dt.UTC,
                 id: str | None = None) -> None:  # fmt: skip
        super().__init__(id=id)
        self.out_rows, self.meal_rows, self.alert_rows, self.tz = (
            out_rows,
            meal_rows,
            alert_rows,
            tz,
        )
        self.board: BreakBoard | None = None
        self.now: int | None = None
        self.next_rows, self.held_rows = next_rows, held_rows
        self._drawn: list[tuple[str | None, str, tuple]] = []
        #: Each line's member (`out:NAME`, …) or None for a heading: options carry no ids,
        #: so a line can take another member's words without the list being rebuilt.
        self._keys: list[str | None] = []
        self._seen_alerts: set[tuple[str, str, str]] = set()
        self._rows = 0  # lines in the list, blank ones under it included (`_blank_lines`)

    # -- data in ---------------------------------------------------------------------------

    def show(self, board: BreakBoard) -> None:
        """A freshly computed board."""
        self.board = board
        self.now = board.at if self.now is None or self.now < board.at else self.now
        self._redraw()
        fresh = tuple(a for a in board.alerts if (a.member, a.kind, a.text) not in
                      self._seen_alerts)  # fmt: skip
        if fresh:
            self._seen_alerts.update((a.member, a.kind, a.text) for a in fresh)
            for alert in fresh:
                self.notify(alert.text, severity="error" if alert.severity == "error" else
                            "warning", timeout=8)  # fmt: skip
            self.post_message(self.AlertsRaised(fresh))

    def tick(self, now: int) -> None:
        """The clock moved: time left and overdue follow (only changed text is redrawn)."""
        self.now = now
        self._redraw()

    # -- drawing ---------------------------------------------------------------------------

    def lines(self) -> list[tuple[str | None, str, tuple]]:
        """(option id or None for a heading, markup, its $variables) of every line.

        Names and reasons go in as variables, so a member called "Bo [Red] Baker"
        shows as written and never as markup.
        """
        board = self.board
        if board is None:
            return [(None, "[$text-muted]no floor yet[/]", ())]
        now = self.now if self.now is not None else board.at
        moved = now - board.at
        lines: list[tuple[str | None, str, tuple]] = [
            (None, f"[b]On break ({len(board.out)})[/b]", ())
        ]
        for out in board.out[: self.out_rows]:
            left = out.left_s - moved
            if left < 0:  # under a minute over is "due back now", never "0 min overdue"
                late = f"{minutes_text(-left)} overdue" if left <= -60 else "due back now"
                when = f"[$error][b]{late}[/b][/]"
            elif left < 60:
                when = "[$warning]under a minute left[/]"
            elif left < 120:
                when = f"[$warning]{minutes_text(left)} left[/]"
            else:
                when = f"{minutes_text(left)} left"
            sent = "" if out.confirmed else " [$text-muted](sent)[/]"
            lines.append((f"out:{out.member}", f"  $m  $r{sent}  {when}",
                          (("m", out.member), ("r", out.reason))))  # fmt: skip
        lines += self._more(len(board.out) - self.out_rows, "on break")
        lines.append((None, f"[b]Next up ({len(board.next_up)})[/b]", ()))
        for rank, up in enumerate(board.next_up[: self.next_rows], 1):
            since = minutes_text(up.since_last_break_s + moved)
            lines.append((f"next:{up.member}",
                          f"  [$success]{rank}. $m[/]  $r {up.minutes} min · {since} since last "
                          "break", (("m", up.member), ("r", up.reason))))  # fmt: skip
        lines.append((None, f"[b]Held back ({len(board.held)})[/b]", ()))
        for held in board.held[: self.held_rows]:
            lines.append((f"held:{held.member}", "  $m  [$warning]$why[/]",
                          (("m", held.member), ("why", "; ".join(held.reasons)))))  # fmt: skip
        if board.meals:
            lines.append((None, f"[b]Meals ({len(board.meals)} slots)[/b]", ()))
            lines += [self._meal_line(slot, now) for slot in board.meals[: self.meal_rows]]
        if board.alerts:
            lines.append((None, f"[b]Alerts ({len(board.alerts)})[/b]", ()))
            for alert in board.alerts[: self.alert_rows]:
                colour = "$error" if alert.severity == "error" else "$warning"
                lines.append((None, f"  [{colour}]! $t[/]", (("t", alert.text),)))
            lines += self._more(len(board.alerts) - self.alert_rows, "in the shift log (L)")
        return lines

    @staticmethod
    def _more(hidden: int, where: str) -> list[tuple[str | None, str, tuple]]:
        """`+118 more on break`: a long list is cut, so the panel's lines stay few and its
        shape (and so its layout) stays put while a large floor moves."""
        return [(None, f"  [$text-muted]+{hidden} more {where}[/]", ())] if hidden > 0 else []

    def _meal_line(self, slot: MealSlot, now: int) -> tuple[str | None, str, tuple]:
        """`12:00-12:30 Lunch  Ann, Bo +3 more`; the slot running now is marked."""
        start = dt.datetime.fromtimestamp(slot.start, self.tz)
        end = start + dt.timedelta(minutes=slot.minutes)
        names = ", ".join(slot.members[:MEAL_NAMES])
        more = len(slot.members) - MEAL_NAMES
        running = slot.start <= now < slot.start + slot.minutes * 60
        when = f"{start:%H:%M}-{end:%H:%M}"
        when = f"[$success][b]{when} now[/b][/]" if running else when
        extra = f" [$text-muted]+{more} more[/]" if more > 0 else ""
        return (None, f"  {when} $r  $n{extra}", (("r", slot.reason), ("n", names)))

    def _redraw(self) -> None:
        """Put the new lines up, changing as little as it can: the same shape of list (the
        same headings, the same number of members under each) only has its changed lines'
        words replaced, with no layout of the screen; the highlight stays on its member."""
        lines = self.lines()
        if lines == self._drawn:
            return
        drawn, self._drawn = self._drawn, lines
        chosen = self._keys[self.highlighted] if self.highlighted is not None and (
            self.highlighted < len(self._keys)) else None  # fmt: skip
        shape = [key is None for key, _, _ in lines]
        if shape != [key is None for key, _, _ in drawn] or not self._retext(drawn, lines):
            prompts = [Content.from_markup(text, **dict(values)) for _, text, values in lines]
            blanks = self._blank_lines(prompts)
            self._keys = [key for key, _, _ in lines] + [None] * blanks
            scroll_y = self.scroll_y
            # One set_options (not clear, then add): the list never goes empty between, so
            # its height and scrollbar do not change and the screen is not laid out again.
            self.set_options(
                [Option(prompt, disabled=key is None) for (key, _, _), prompt in
                 zip(lines, prompts, strict=True)]
                + [Option(" ", disabled=True) for _ in range(blanks)]
            )  # fmt: skip
            self.scroll_y = scroll_y
        else:
            self._keys = [key for key, _, _ in lines] + self._keys[len(lines) :]
        if chosen is not None and chosen in self._keys:
            index = self._keys.index(chosen)
            if self.highlighted != index:
                self.highlighted = index

    def on_resize(self) -> None:
        """Another size: the blank lines under the list are counted again, so a panel that
        grew or shrank (a notice above it, a taller terminal) shows no stray scrollbar."""
        if self._drawn and self._fills():
            self._drawn, self._rows = [], 0
            self._redraw()

    def _blank_lines(self, prompts: list[Content]) -> int:
        """How many blank lines go under the list, so its length changes as seldom as it can.

        A panel of fixed height (the floor screen's) would otherwise have another scroll
        height each time someone goes out or comes back, and Textual lays out the whole
        screen again for that: most of the floor's cost per second (bench/bench_floor.py).
        So the list fills the panel; a list longer than the panel keeps its longest length
        until it fits again. A panel as tall as its list (height auto) has none."""
        width = self._option_width()
        if not self._fills() or width < 1:
            return 0
        used = sum(prompt.get_height(self.styles, width) for prompt in prompts)
        shown = self.scrollable_content_region.height
        rows = max(used, shown, self._rows if used > shown else 0)
        self._rows = rows
        return rows - used

    def _fills(self) -> bool:
        """Whether the list fills the panel with blank lines: not when it is as tall as its
        list (height auto)."""
        height = self.styles.height
        return height is not None and not height.is_auto

    def _option_width(self) -> int:
        """The width an option's words wrap at (0: the panel has no room, e.g. hidden)."""
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        return width - self.get_component_styles("option-list--option").padding.width

    def highlight_member(self, key: str) -> bool:
        """Move the highlight to `key` (`out:NAME`, `next:NAME`, `held:NAME`); False when it
        is not on the panel."""
        if key not in self._keys:
            return False
        self.highlighted = self._keys.index(key)
        return True

    def _retext(self, drawn: list, lines: list) -> bool:
        """The same options, some with new words (the clocks on a tick): change those
        prompts in place and redraw their lines only, with no layout of the screen
        (rebuilding the list re-measures it: most of the floor's cost per second).
        False when a prompt would take another number of lines: rebuild then."""
        changed = [i for i, (old, new) in enumerate(zip(drawn, lines, strict=True)) if old != new]
        prompts = {i: Content.from_markup(lines[i][1], **dict(lines[i][2])) for i in changed}
        width = self._option_width()
        if width < 1:  # hidden (a narrow terminal): no width to measure lines in
            return False
        heights = self._heights
        if any(i not in heights or i not in self._index_to_line for i in prompts):
            return False  # the list was never measured (it had no room yet): rebuild it
        for i, prompt in prompts.items():
            if prompt.get_height(self.styles, width) != heights.get(i, 1):
                return False
        for i, prompt in prompts.items():
            option = self.get_option_at_index(i)
            option._set_prompt(prompt)
            cache = self._option_render_cache
            for key in [key for key in list(cache.keys()) if key[0] is option]:
                cache.discard(key)
        for i in prompts:
            line = self._index_to_line[i] - int(self.scroll_offset.y)
            self.refresh(Region(0, line, self.size.width, heights.get(i, 1)))
        return True

    # -- actions ---------------------------------------------------------------------------

    def _selected(self) -> tuple[str, str] | None:
        index = self.highlighted
        if index is None or index >= len(self._keys) or self._keys[index] is None:
            return None
        kind, member = self._keys[index].split(":", 1)
        return kind, member

    def action_send(self) -> None:
        selected = self._selected()
        if selected is None or self.board is None:
            return
        kind, member = selected
        if kind == "out":
            self.notify(f"{member} is on break already", severity="warning")
            return
        proposal = next((n for n in self.board.next_up if n.member == member), None)
        self.post_message(self.ActionRequested(
            "sent", member, proposal.reason if proposal else None,
            proposal.minutes if proposal else None))  # fmt: skip

    def action_returned(self) -> None:
        selected = self._selected()
        if selected is not None:
            self.post_message(self.ActionRequested("returned", selected[1]))

    def action_skip(self) -> None:
        selected = self._selected()
        if selected is not None:
            self.post_message(self.ActionRequested("skipped", selected[1]))
