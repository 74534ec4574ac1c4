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
worker). New alerts are notified once each (one toast per board read, the
first few spelt out) and posted as `AlertsRaised` (BreakActions logs each in
the shift log).
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

#: Prompts kept measured (`BreakPanel._measure`): a few boards' worth of lines.
_MEASURED_KEPT = 512
#: How many names a meal slot's line spells out before "+N more" (two lines at the panel's width).
MEAL_NAMES = 3
#: How many alerts one notification spells out before "and N more".
NOTICE_ALERTS = 3


def alerts_notice(alerts: tuple[BreakAlert, ...]) -> tuple[str, str]:
    """One notification for the alerts a board read raised: (text, severity).

    At shift start, or after a lull, one read can raise dozens at once (every
    member back late from the same lunch slot); one toast each would bury the
    screen. The first few are spelt out, the rest counted: each stays on the
    panel and is written to the shift log on its own.
    """
    severity = "error" if any(a.severity == "error" for a in alerts) else "warning"
    shown = [a.text for a in alerts[:NOTICE_ALERTS]]
    if len(alerts) > NOTICE_ALERTS:
        shown.append(f"and {len(alerts) - NOTICE_ALERTS} more alerts: see the break panel")
    return "\n".join(shown), severity


class BreakPanel(OptionList):
    """The rotation's three lists in one keyboard-driven list; headings are not selectable."""

    #: The scrollbar's columns are kept even while the list fits, so lines are wrapped at
    #: one width: a list that starts to scroll does not wrap every line again (and a line
    #: counted at the wider width would lose its last words).
    DEFAULT_CSS = """
    BreakPanel { height: auto; max-height: 24; border: round $primary;
                 scrollbar-gutter: stable; }
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
        #: The lines as the options show them now, blank ones included (`_replace`).
        self._shown: list[tuple[str | None, str, tuple]] = []
        self._measured: dict[tuple, tuple[Content, int]] = {}

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
            text, severity = alerts_notice(fresh)
            self.notify(text, severity=severity, timeout=8)
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
        """Put the new lines up, changing as little as it can. Under the board one blank
        option fills the panel to its foot, so the list's length stays put; and when the
        board has as many lines as before (someone out in place of someone next), like a
        clock moving on, only the changed options' words are replaced in place: no
        rebuild, no layout of the screen. The highlight stays on its member."""
        lines = self.lines()
        if lines == self._drawn:
            return
        self._drawn = lines
        chosen = self._keys[self.highlighted] if self.highlighted is not None and (
            self.highlighted < len(self._keys)) else None  # fmt: skip
        width = self._option_width()
        measured = [self._measure(line, width) for line in lines]
        blanks = self._blank_lines(sum(height for _, height in measured), width)
        padded = [*lines, (None, "\n".join([" "] * blanks), ())] if blanks else lines
        measured += [self._measure(padded[-1], width)] if blanks else []
        if not self._replace(padded, measured, width):
            scroll_y = self.scroll_y
            # One set_options (not clear, then add): the list never goes empty between, so
            # its height and scrollbar do not change and the screen is not laid out again.
            self.set_options(
                Option(prompt, disabled=key is None)
                for (key, _, _), (prompt, _) in zip(padded, measured, strict=True)
            )
            self.scroll_y = scroll_y
        self._shown = padded
        self._keys = [key for key, _, _ in padded]
        index = self._line_of(chosen) if chosen is not None else None
        if index is not None:
            if self.highlighted != index:
                self.highlighted = index
        elif self.highlighted is not None and self._keys[self.highlighted] is None:
            self.highlighted = None  # their line is a heading now: nothing is chosen

    def _line_of(self, key: str) -> int | None:
        """Where `key` (`next:NAME`) is now: its own line, else the same member's line in
        another list (sent on break, they move from next up to on break)."""
        if key in self._keys:
            return self._keys.index(key)
        member = key.split(":", 1)[1]
        return next((i for i, k in enumerate(self._keys)
                     if k is not None and k.split(":", 1)[1] == member), None)  # fmt: skip

    def _measure(self, line: tuple[str | None, str, tuple], width: int) -> tuple[Content, int]:
        """The line's prompt and how many lines it takes at `width`, each worked out once:
        on a tick most lines are the ones already shown."""
        found = self._measured.get((line, width))
        if found is None:
            _, text, values = line
            prompt = Content.from_markup(text, **dict(values))
            found = (prompt, prompt.get_height(self.styles, width) if width > 0 else 1)
            if len(self._measured) >= _MEASURED_KEPT:
                self._measured.clear()
            self._measured[(line, width)] = found
        return found

    def on_resize(self) -> None:
        """Another size: the blank lines under the list are counted again, so a panel that
        grew or shrank (a notice above it, a taller terminal) shows no stray scrollbar."""
        if self._drawn and self._fills():
            self._drawn, self._shown, self._rows = [], [], 0
            self._redraw()

    def _blank_lines(self, used: int, width: int) -> int:
        """How many blank lines go under the `used` lines of the board (one option of that
        many lines), so the list's length changes as seldom as it can.

        A panel of fixed height (the floor screen's) would otherwise have another scroll
        height each time someone goes out or comes back, and Textual lays out the whole
        screen again for that: most of the floor's cost per second (bench/bench_floor.py).
        So the list fills the panel; a list longer than the panel keeps its longest length
        (and one blank line) until it fits again. A panel as tall as its list (height auto)
        has none."""
        if not self._fills() or width < 1:
            return 0
        shown = self.scrollable_content_region.height
        rows = max(used + 1, shown, self._rows if used >= shown else 0)
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

    def _replace(self, lines: list, measured: list[tuple[Content, int]], width: int) -> bool:
        """As many options as shown, some with new words or now a heading or a member:
        change those in place (rebuilding the list renders every line again). When they
        all take the lines they took, only those lines are redrawn; when some take more
        or fewer (a wrapped line moved), the lines are counted again and the panel redrawn
        from the options already rendered: its length is the same, so no layout either.
        False when the count of options differs or the list was never measured (it had
        no room yet): rebuild then."""
        shown = self._shown
        if width < 1 or len(lines) != len(shown) or len(shown) != self.option_count:
            return False
        changed = [i for i, (old, new) in enumerate(zip(shown, lines, strict=True)) if old != new]
        heights, index_to_line = self._heights, self._index_to_line
        if any(i not in index_to_line for i in changed):
            return False
        cache = self._option_render_cache
        for i in changed:
            option = self.get_option_at_index(i)
            option._set_prompt(measured[i][0])
            option.disabled = lines[i][0] is None
            for key in [key for key in list(cache.keys()) if key[0] is option]:
                cache.discard(key)
        if any(heights[i] != measured[i][1] for i in changed):
            self._line_cache.clear()
            self._update_lines()
            self.refresh()
            return True
        top = int(self.scroll_offset.y)
        for i in changed:
            self.refresh(Region(0, index_to_line[i] - top, self.size.width, heights[i]))
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
