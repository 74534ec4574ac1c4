"""The queue panel: one line per queue, ticking each second from the floor snapshot.

The day's figures (offered, service level, AHT...) change only when new calls
are stored, so the screen hands them over with `show_day(QueuesToday)` after a
read in a worker; each second it calls `tick(snapshot, now)`, which works out
the waits and member counts in memory (floortui.domain.queue_today) and
rewrites only the lines whose text or level changed: no SQL on the tick.

A line's level picks its component class (`queue-panel--ok`, `--warning`,
`--alert`) styled with the theme's colour names ($warning, $error backgrounds;
an ok line's mark in $success), never hex codes.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache
from typing import NamedTuple

from rich.segment import Segment
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from floortui.domain.floor_snapshot import FloorSnapshot
from floortui.domain.queue_hourly import QueuesToday
from floortui.domain.queue_members import QueueMembers
from floortui.domain.queue_today import DEFAULT_BREAK_REASONS, QueueNow, queue_lines
from floortui.widgets.at_once import RefreshAtOnce
from floortui.widgets.cell_text import cells_of, changed_cells, cut, pad
from floortui.widgets.kept_styles import KeptStyles
from floortui.widgets.own_lines import OwnLines

#: (heading, width, right-aligned) of each column.
COLUMNS = (
    ("Queue", 12, False),
    ("Wait", 4, True),
    ("Longest", 7, True),
    ("Offer", 5, True),
    ("Ans", 5, True),
    ("Aband", 5, True),
    ("Other", 5, True),
    ("Conn%", 6, True),
    ("SL%", 6, True),
    ("ASA", 5, True),
    ("AHT", 5, True),
    ("Rdy", 4, True),
    ("Call", 4, True),
    ("Wrap", 4, True),
    ("Paus", 4, True),
    ("Brk", 4, True),
)
MARKS = {"ok": "●", "warning": "!", "alert": "▲"}
#: The columns kept first when the panel is too narrow for all (an 80-column SSH window).
PRIORITY = ("Queue", "Wait", "Longest", "SL%", "Offer", "Ans", "Aband", "Rdy", "Call", "Brk",
            "Paus", "Conn%", "AHT", "ASA", "Other", "Wrap")  # fmt: skip


def fitting(width: int, columns=COLUMNS, priority=PRIORITY) -> tuple[int, ...]:
    """The indexes of the columns that fit in `width`, most wanted first, in their order."""
    index = {heading: i for i, (heading, _, _) in enumerate(columns)}
    kept, used = [], -1
    for heading in priority:
        i = index[heading]
        if used + 1 + columns[i][1] > width:
            break
        kept.append(i)
        used += 1 + columns[i][1]
    return tuple(sorted(kept))


def clock(seconds: float | None) -> str:
    """Seconds as m:ss (h:mm:ss past an hour); a dash for none."""
    if seconds is None:
        return "–"
    s = round(seconds)
    if s >= 3600:
        return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"
    return f"{s // 60}:{s % 60:02d}"


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def cells(values: list[str], columns=COLUMNS, shown: tuple[int, ...] | None = None) -> str:
    """One line of fixed-width columns, a space apart (only the `shown` ones, if given)."""
    out = []
    for i, (value, (_, width, right)) in enumerate(zip(values, columns, strict=True)):
        if shown is not None and i not in shown:
            continue
        out.append(pad(cut(value, width), width, right))
    return " ".join(out)


def line_text(line: QueueNow, shown: tuple[int, ...] | None = None) -> str:
    """The text of a queue's line; what `tick` compares to skip an unchanged line."""
    day, m = line.day, line.members
    text = cells([
        f"{MARKS[line.level]} {day.queue}", str(line.waiting), clock(line.longest_wait_s),
        str(day.offered), str(day.answered), str(day.abandoned), str(day.other_exits),
        pct(day.connection_rate_pct), pct(day.service_level_pct), clock(day.asa_s),
        clock(day.aht_s), str(m.ready), str(m.on_call), str(m.wrapup), str(m.paused),
        str(m.on_break),
    ], COLUMNS, shown)  # fmt: skip
    return f"{text}  {line.why}" if line.why else text


@lru_cache(maxsize=64)
def whole_words(text: str, width: int) -> str:
    """`text` in `width` cells, cut at the last space that fits: a reason too long for a
    narrow window ("SL 50 % under 80 %") is left out, not shown as its first letters.
    (Kept: each tick fits a changed line's words before and after, and the words before
    were the words after one tick ago.)"""
    if cells_of(text) <= width:
        return text
    room = cut(text, width + 2)[:-1]  # the first `width` cells and the one after
    if " " in room:
        return room[: room.rfind(" ")].rstrip()
    return cut(text, width + 1)[:-1]  # one long word: its first `width` cells


class ShownLine(NamedTuple):
    """A queue's line as the panel draws it: its words and its level."""

    text: str
    level: str


class QueuePanel(RefreshAtOnce, OwnLines, KeptStyles, Widget):
    """Per queue: callers waiting, the longest wait, the day's figures and the members now.

    `show_day(today)` when the day's figures were read again; `tick(snapshot,
    now)` each second (the app's `floor` snapshot and `data_clock.now()`).
    `break_reasons`: the pause reasons counted as on break (config `breaks:`).

    Drawn with the Line API: the column titles, then one row per queue (or a row
    saying there is none); a tick redraws only the rows whose words or level changed,
    and the screen is laid out again only when a queue comes or goes.
    """

    COMPONENT_CLASSES = {
        "queue-panel--head", "queue-panel--ok", "queue-panel--warning", "queue-panel--alert",
        "queue-panel--mark-ok", "queue-panel--mark-warning", "queue-panel--mark-alert",
        "queue-panel--empty",
    }  # fmt: skip
    DEFAULT_CSS = """
    QueuePanel { height: auto; }
    QueuePanel > .queue-panel--head { color: $text-muted; text-style: bold; }
    QueuePanel > .queue-panel--warning { background: $warning 25%; }
    QueuePanel > .queue-panel--alert { background: $error 45%; text-style: bold; }
    QueuePanel > .queue-panel--mark-ok { color: $success; }
    QueuePanel > .queue-panel--mark-warning { text-style: bold; }
    QueuePanel > .queue-panel--mark-alert { text-style: bold; }
    QueuePanel > .queue-panel--empty { color: $text-muted; }
    """

    def __init__(self, break_reasons: Collection[str] = DEFAULT_BREAK_REASONS, *,
                 name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:  # fmt: skip
        super().__init__(name=name, id=id, classes=classes)
        self.break_reasons = frozenset(break_reasons)
        #: The members' counts, moved on as snapshots come (only changed members recounted).
        self._counts = QueueMembers(self.break_reasons)
        self.today: QueuesToday | None = None
        self.snapshot: FloorSnapshot | None = None
        self.now: int | None = None
        self.lines: list[QueueNow] = []
        self.shown: tuple[int, ...] | None = None  # every column until the width is known
        #: Queue → its line as drawn, in the panel's order.
        self._shown: dict[str, ShownLine] = {}
        self._strips: dict[tuple, Strip] = {}

    def shown_lines(self) -> dict[str, ShownLine]:
        """Each queue's line as drawn now, in order (the same object while unchanged)."""
        return dict(self._shown)

    def head_text(self) -> str:
        """The column titles as drawn."""
        return cells([h for h, _, _ in COLUMNS], COLUMNS, self.shown)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + max(1, len(self._shown))

    def on_resize(self) -> None:
        """Keep the columns that fit, most wanted first (PRIORITY), and redraw."""
        shown = fitting(self.size.width)
        self._strips.clear()
        if shown == self.shown:
            return
        self.shown = shown
        self._shown = {}
        if self.now is not None:
            self.tick(self.snapshot, self.now)
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self.refresh()

    def show_day(self, today: QueuesToday | None) -> None:
        """The day's figures, read again (on new calls); redraws at once."""
        self.today = today
        if self.now is not None:
            self.tick(self.snapshot, self.now)
        elif today is not None:
            self.tick(None, today.now)

    def tick(self, snapshot: FloorSnapshot | None, now: int | None) -> None:
        """Each second: waits and member counts from `snapshot` at `now`, no SQL."""
        self.snapshot, self.now = snapshot, now
        if now is None:
            return
        today = self.today
        # Past the day's end the figures are yesterday's: they reset until the next read.
        fresh = today is not None and (today.end is None or now < today.end)
        days = today.queues if fresh else ()
        targets = today.targets if today is not None else None
        counts = None if snapshot is None else self._counts.counts(snapshot, now)
        self.lines = queue_lines(days, snapshot, now, self.break_reasons, targets, counts)
        before = self._shown
        after: dict[str, ShownLine] = {}
        for line in self.lines:
            drawn = ShownLine(line_text(line, self.shown), line.level)
            kept = before.get(line.day.queue)
            after[line.day.queue] = kept if kept == drawn else drawn
        self._shown = after
        if list(before) != list(after):  # a queue came or went: the panel's height too
            self.refresh(layout=max(1, len(before)) != max(1, len(after)))
            return
        width = self.size.width
        pairs = zip(before.values(), after.values(), strict=True)
        spans = [self._changed_span(old, new, y, width)
                 for y, (old, new) in enumerate(pairs, 1) if old is not new]  # fmt: skip
        if spans:
            self.refresh(*spans)

    @staticmethod
    def _changed_span(old: ShownLine, new: ShownLine, y: int, width: int) -> Region:
        """The part of line `y` to redraw: on a tick, usually a wait or a count alone, so
        the frame the seats' clocks are drawn in stays off the break panel beside them."""
        if old.level != new.level:
            return Region(0, y, width, 1)
        start, end = changed_cells(whole_words(old.text, width), whole_words(new.text, width))
        return Region(start, y, max(1, min(end, width) - start), 1)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        rows = list(self._shown.values())
        if y == 0:
            key: tuple = ("head", self.head_text(), width)
        elif not rows:
            key = ("empty", "No queue has a call or a member yet.", width) if y == 1 else (
                "blank", "", width)  # fmt: skip
        elif y <= len(rows):
            key = ("line", rows[y - 1], width)
        else:
            key = ("blank", "", width)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 256:
                self._strips.clear()
            strip = self._strips[key] = self._draw(key, width)
        return strip

    def _draw(self, key: tuple, width: int) -> Strip:
        kind, what = key[0], key[1]
        if kind == "line":
            style = self.kept_style(f"queue-panel--{what.level}")
            mark = self.kept_style(f"queue-panel--{what.level}", f"queue-panel--mark-{what.level}")
            text = whole_words(what.text, width)  # no wider than the panel
            # Filled out to the width from its own measure: Strip.crop_extend would measure
            # it with Rich, which goes letter by letter through a line with a "–" in it.
            segments = [Segment(text[:1], mark), Segment(text[1:], style)]
            room = width - cells_of(text)
            if room >= 0:
                if room:
                    segments.append(Segment(" " * room, style))
                return Strip(segments, width)
        else:
            style = (
                self.kept_style() if kind == "blank" else self.kept_style(f"queue-panel--{kind}")
            )
            segments = [Segment(what, style)]
        return Strip(segments).crop_extend(0, width, style)
