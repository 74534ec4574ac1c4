"""The queue panel: one line per queue, ticking each second from the floor snapshot.

The day's figures (offered, service level, AHT...) change only when new calls
are stored, so the screen hands them over with `show_day(QueuesToday)` after a
read in a worker; each second it calls `tick(snapshot, now)`, which works out
the waits and member counts in memory (floortui.domain.queue_today) and
rewrites only the lines whose text or level changed: no SQL on the tick.

A line's level is a CSS class (`-ok`, `-warning`, `-alert`) styled with the
theme's colour names ($warning, $error backgrounds; an ok line's mark in
$success), never hex codes.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from floortui.domain.floor_snapshot import FloorSnapshot
from floortui.domain.queue_hourly import QueuesToday
from floortui.domain.queue_members import QueueMembers
from floortui.domain.queue_today import DEFAULT_BREAK_REASONS, MemberCounts, QueueNow, queue_lines
from floortui.widgets.cell_text import cut, pad

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
#: The mark's style per level (the line's background carries warning and alert).
MARK_STYLES = {"ok": "$success", "warning": "bold", "alert": "bold"}
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


class QueueLine(Static):
    """One queue's line; its level is its class."""

    def __init__(self, queue: str) -> None:
        super().__init__(classes="queue-line -ok", markup=False)
        self.queue = queue
        self.text = ""
        self.level = "ok"

    def show(self, line: QueueNow, shown: tuple[int, ...] | None = None) -> None:
        text = line_text(line, shown)
        if text != self.text:
            self.text = text
            mark = Content.styled(text[0], MARK_STYLES[line.level])
            # One line of fixed height (CSS): a changed figure needs no layout of the screen.
            self.update(Content.assemble(mark, text[1:]), layout=False)
        if line.level != self.level:
            self.remove_class(f"-{self.level}")
            self.level = line.level
            self.add_class(f"-{line.level}")


class QueuePanel(Vertical):
    """Per queue: callers waiting, the longest wait, the day's figures and the members now.

    `show_day(today)` when the day's figures were read again; `tick(snapshot,
    now)` each second (the app's `floor` snapshot and `data_clock.now()`).
    `break_reasons`: the pause reasons counted as on break (config `breaks:`).
    """

    DEFAULT_CSS = """
    QueuePanel { height: auto; }
    QueuePanel > .queue-head { height: 1; color: $text-muted; text-style: bold; }
    QueuePanel > .queue-line { height: 1; }
    QueuePanel > .queue-line.-warning { background: $warning 25%; }
    QueuePanel > .queue-line.-alert { background: $error 45%; text-style: bold; }
    QueuePanel > .queue-empty { height: 1; color: $text-muted; }
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

    def compose(self) -> ComposeResult:
        yield Static(Text(cells([h for h, _, _ in COLUMNS])), classes="queue-head")
        yield Static("No queue has a call or a member yet.", classes="queue-empty")

    def on_resize(self) -> None:
        """Keep the columns that fit, most wanted first (PRIORITY), and redraw."""
        shown = fitting(self.size.width)
        if shown == self.shown:
            return
        self.shown = shown
        head = self.query_one(".queue-head", Static)
        head.update(Text(cells([h for h, _, _ in COLUMNS], COLUMNS, shown)))
        if self.now is not None:
            self.tick(self.snapshot, self.now)

    def show_day(self, today: QueuesToday | None) -> None:
        """The day's figures, read again (on new calls); redraws at once."""
        self.today = today
        if self.now is not None:
            self.tick(self.snapshot, self.now)
        elif today is not None:
            self.tick(None, today.now)

    def _member_counts(self, snapshot: FloorSnapshot | None,
                       now: int) -> Mapping[str, MemberCounts] | None:  # fmt: skip
        return None if snapshot is None else self._counts.counts(snapshot, now)

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
        self.lines = queue_lines(days, snapshot, now, self.break_reasons, targets,
                                 self._member_counts(snapshot, now))  # fmt: skip
        shown = {child.queue: child for child in self.query_children(QueueLine)}
        if [line.day.queue for line in self.lines] != list(shown):
            for child in shown.values():
                child.remove()
            shown = {line.day.queue: QueueLine(line.day.queue) for line in self.lines}
            self.mount_all(shown.values())
        self.query_one(".queue-empty").display = not self.lines
        for line in self.lines:
            shown[line.day.queue].show(line, self.shown)
