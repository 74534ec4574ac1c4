"""The break panel's words: a BreakBoard at a moment as lines of markup, and the one
notification for the alerts a board read raised.

Apart from the panel (widgets/break_panel.py), which only lays these lines out and
draws them: what a line says is worked out here from plain data, so it is tested
without a terminal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from string import Template
from typing import TYPE_CHECKING

from textual.content import Content, Span

from floortui.domain.breaks import BreakAlert, BreakBoard, minutes_text

if TYPE_CHECKING:
    from floortui.domain.meals import MealSlot

#: (member key such as `out:NAME`, or None for a heading; markup; its $variables).
Line = tuple[str | None, str, tuple[tuple[str, str], ...]]

#: How many names a meal slot's line spells out before "+N more" (two lines at the panel's width).
MEAL_NAMES = 3
#: How many alerts one notification spells out before "and N more".
NOTICE_ALERTS = 3


@dataclass(frozen=True)
class ListRows:
    """How many lines each list shows before "+N more": a long list is cut, so the
    panel's lines stay few and its shape stays put while a large floor moves."""

    out: int = 12
    next_up: int = 6
    held: int = 8
    meals: int = 4
    alerts: int = 6


#: The panel's cuts unless told otherwise.
DEFAULT_ROWS = ListRows()


def board_lines(board: BreakBoard | None, now: int | None, rows: ListRows = DEFAULT_ROWS,
                tz: dt.tzinfo = dt.UTC) -> list[Line]:  # fmt: skip
    """Every line of the panel for `board` at `now` (the clocks run on from the board's
    moment). Names and reasons go in as variables, so a member called "Bo [Red] Baker"
    shows as written and never as markup."""
    if board is None:
        return [(None, "[$text-muted]no floor yet[/]", ())]
    now = now if now is not None else board.at
    moved = now - board.at
    lines: list[Line] = [(None, f"[b]On break ({len(board.out)})[/b]", ())]
    for out in board.out[: rows.out]:
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
    lines += _more(len(board.out) - rows.out, "on break")
    lines.append((None, f"[b]Next up ({len(board.next_up)})[/b]", ()))
    for rank, up in enumerate(board.next_up[: rows.next_up], 1):
        since = minutes_text(up.since_last_break_s + moved)
        lines.append((f"next:{up.member}",
                      f"  [$success]{rank}. $m[/]  $r {up.minutes} min · {since} since last "
                      "break", (("m", up.member), ("r", up.reason))))  # fmt: skip
    lines.append((None, f"[b]Held back ({len(board.held)})[/b]", ()))
    for held in board.held[: rows.held]:
        lines.append((f"held:{held.member}", "  $m  [$warning]$why[/]",
                      (("m", held.member), ("why", "; ".join(held.reasons)))))  # fmt: skip
    if board.meals:
        lines.append((None, f"[b]Meals ({len(board.meals)} slots)[/b]", ()))
        lines += [_meal_line(slot, now, tz) for slot in board.meals[: rows.meals]]
    if board.alerts:
        lines.append((None, f"[b]Alerts ({len(board.alerts)})[/b]", ()))
        for alert in board.alerts[: rows.alerts]:
            colour = "$error" if alert.severity == "error" else "$warning"
            lines.append((None, f"  [{colour}]! $t[/]", (("t", alert.text),)))
        lines += _more(len(board.alerts) - rows.alerts, "in the shift log (L)")
    return lines


def lines_steady_until(board: BreakBoard | None, now: int | None,
                       rows: ListRows = DEFAULT_ROWS) -> int | None:  # fmt: skip
    """The first moment after `now` at which `board_lines` (same board and rows) may give
    other lines: the next minute of a time left, overdue or since the last break, a time
    left crossing into its last two minutes or past its end, a meal slot starting or
    ending. None: never (no board). The panel ticks each second, and on most seconds
    none of its words move."""
    if board is None or now is None:
        return None
    moved = now - board.at
    edges = [_left_changes(out.left_s - moved) for out in board.out[: rows.out]]
    edges += [60 - max(0, up.since_last_break_s + moved) % 60
              for up in board.next_up[: rows.next_up]]  # fmt: skip
    for slot in board.meals[: rows.meals]:
        edges += [e - now for e in (slot.start, slot.start + slot.minutes * 60) if e > now]
    return now + min(edges) if edges else None


def _left_changes(left: int) -> int:
    """Seconds until an out line's words about `left` seconds left (as board_lines puts
    them; `left` counts down) say something else."""
    if left >= 60:  # "12 min left" (the last two minutes in the warning's colour)
        return left % 60 + 1
    if left >= 0:  # "under a minute left"
        return left + 1
    if left > -60:  # "due back now"
        return left + 60
    return 60 - (-left) % 60  # "3 min overdue"


def _more(hidden: int, where: str) -> list[Line]:
    """`+118 more on break`."""
    return [(None, f"  [$text-muted]+{hidden} more {where}[/]", ())] if hidden > 0 else []


def _meal_line(slot: MealSlot, now: int, tz: dt.tzinfo) -> Line:
    """`12:00-12:30 Lunch  Ann, Bo +3 more`; the slot running now is marked."""
    start = dt.datetime.fromtimestamp(slot.start, tz)
    end = start + dt.timedelta(minutes=slot.minutes)
    names = ", ".join(slot.members[:MEAL_NAMES])
    more = len(slot.members) - MEAL_NAMES
    running = slot.start <= now < slot.start + slot.minutes * 60
    when = f"{start:%H:%M}-{end:%H:%M}"
    when = f"[$success][b]{when} now[/b][/]" if running else when
    extra = f" [$text-muted]+{more} more[/]" if more > 0 else ""
    return (None, f"  {when} $r  $n{extra}", (("r", slot.reason), ("n", names)))


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


def wrapped_rows(content: Content, width: int) -> list[Content]:
    """The line's rows at `width`, the rows after the first indented under its words (two
    more than the line's own indent): a wrapped reason does not read as a line of its own.
    """
    if width < 1:
        return [content]
    plain = content.plain
    if content.cell_length <= width and "\t" not in plain and "\n" not in plain:
        return [content]  # most lines fit: as Content.wrap gives them, without its work
    rows = content.wrap(width)
    if len(rows) < 2:
        return rows or [Content("")]
    hang = len(plain) - len(plain.lstrip(" ")) + 2
    if hang * 2 > width:  # too narrow to indent: as wrapped
        return rows
    rest = content[len(rows[0].plain) :]
    rest = rest[len(rest.plain) - len(rest.plain.lstrip(" ")) :]
    indent = Content(" " * hang)
    return [rows[0], *(indent + row for row in rest.wrap(width - hang))]


def line_content(line: Line) -> Content:
    """The line's words and styles: `Content.from_markup(markup, **values)`, span for span,
    from its markup parsed once. A board read brings dozens of new lines, each the same
    few markups with other names in them, and parsing markup is most of making a line."""
    _, markup, values = line
    if not values:
        return _parsed(markup)[0]
    content, holes = _parsed(markup)
    if not holes:
        return content
    named = dict(values)
    plain, pieces, moved, shift, at = content.plain, [], [], 0, 0
    for start, end, escaped, name in holes:
        words = "$" if escaped else named.get(name) if name is not None else None
        if words is None:  # as safe_substitute leaves it
            continue
        pieces += (plain[at:start], words)
        at, shift = end, shift + len(words) - (end - start)
        moved.append((end, shift))
    pieces.append(plain[at:])
    return Content("".join(pieces), [Span(_moved(s.start, moved), _moved(s.end, moved), s.style)
                                     for s in content.spans])  # fmt: skip


def _moved(position: int, moved: list[tuple[int, int]]) -> int:
    """Where `position` of the markup's words is once the holes before it are filled (a
    span's edge is a tag's place, never inside a hole)."""
    shift = 0
    for end, after in moved:
        if end > position:
            break
        shift = after
    return position + shift


@lru_cache(maxsize=512)
def _parsed(markup: str) -> tuple[Content, tuple[tuple[int, int, bool, str | None], ...]]:
    """The markup's Content with its `$name` holes unfilled, and each hole's place in its
    words: (start, end, `$$`, name). Textual fills them in the words between tags as
    string.Template's safe_substitute does, and so does line_content."""
    content = Content.from_markup(markup)
    holes = tuple((m.start(), m.end(), m.group("escaped") is not None,
                   m.group("named") or m.group("braced"))
                  for m in Template.pattern.finditer(content.plain))  # fmt: skip
    return content, holes
