"""Lost calls (呼損): every unanswered queue entry of a day, and whether the caller was won back.

Supervisors go through the day's lost calls to find the hours where they
peak and to ring those callers back. A lost caller who rang again later that
day and was answered (in any queue) no longer needs a call-back; a caller
whose number was withheld cannot be rung at all. This module decides both,
from the day's queue entries as plain values, so the rules are tested here
without a store or a screen.

Callable numbers: the caller-id number ENTERQUEUE logged, with spaces,
`-`, `.`, `(`, `)` and one leading `+` removed, must be digits only, at
least `MIN_DIGITS` of them and not all zeros. Everything else is *not
callable*: `anonymous`, `unknown`, `restricted`, `private`, `withheld`,
`unavailable`, an empty field, `0`, `00`, a SIP URI or any other text.
Two entries are the same caller when these digits are equal, so
`+49 30 1234567` and `49301234567` match (no country-code rewriting:
`0049...` and `+49...` do not). A not-callable entry is never matched,
so two anonymous callers are never taken for one person.

Reached later: an answered entry (answered_at set) of the same callable
number that entered after this one did, on the same working day: strictly
later in time, or in the same second and later in the log.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from floortui.domain.workday import HOUR, local_hours

#: The queue_log outcome of an unanswered entry → the word reports use.
LOST_OUTCOMES = {
    "ABANDON": "abandoned",
    "EXITWITHTIMEOUT": "exit_timeout",
    "EXITEMPTY": "exit_empty",
    "EXITWITHKEY": "exit_key",
}
#: The same outcomes as the screen shows them.
LOST_LABELS = {
    "abandoned": "abandoned",
    "exit_timeout": "timed out",
    "exit_empty": "left: no members",
    "exit_key": "left by key",
}
#: A number shorter than this is no number one can ring back (`0`, `99`).
MIN_DIGITS = 3
_SEPARATORS = str.maketrans("", "", " -.()\t")


def callable_number(caller: str | None) -> str | None:
    """The digits to ring back and to match callers on, or None when the caller is not callable."""
    if not caller:
        return None
    if caller.isdigit() and caller.isascii():  # the common case, a day's worth of times
        return caller if len(caller) >= MIN_DIGITS and caller.strip("0") else None
    digits = caller.translate(_SEPARATORS)
    if digits.startswith("+"):
        digits = digits[1:]
    if len(digits) < MIN_DIGITS or not digits.isascii() or not digits.isdigit():
        return None
    if digits.strip("0") == "":
        return None
    return digits


@dataclass(frozen=True)
class QueueEntry:
    """One queue entry of the day, as the store holds it (a row of `calls`)."""

    id: int
    callid: str
    queue: str
    caller: str | None
    entered_at: int
    answered_at: int | None
    outcome: str | None
    wait_s: int | None = None
    position: int | None = None
    original_position: int | None = None


@dataclass(frozen=True)
class CallbackMark:
    """The latest "called back" mark on a lost call, and how many marks it has had."""

    callid: str
    note: str
    written_by: str
    written_at: int
    attempts: int = 1


@dataclass(frozen=True)
class LostCall:
    """An unanswered queue entry, with what the supervisor needs to win the caller back."""

    id: int
    callid: str
    queue: str
    caller: str | None
    #: The digits to ring, None when the caller is not callable (withheld, unknown...).
    number: str | None
    entered_at: int
    wait_s: int | None
    outcome: str
    position: int | None
    original_position: int | None
    #: When the caller's first later answered call of the day entered its queue.
    reached_at: int | None = None
    callback: CallbackMark | None = None

    @property
    def callable(self) -> bool:
        return self.number is not None

    @property
    def reached_later(self) -> bool:
        return self.reached_at is not None

    @property
    def called_back(self) -> bool:
        return self.callback is not None

    @property
    def to_call_back(self) -> bool:
        """Still to ring: callable, not reached by a later call and not yet called back."""
        return self.callable and not self.reached_later and not self.called_back

    def as_report(self) -> dict:
        """The row `floortui report lost` prints; its keys are a contract."""
        return {
            "call": self.callid,
            "queue": self.queue,
            "caller": self.caller,
            "time": self.entered_at,
            "wait_s": self.wait_s,
            "outcome": self.outcome,
            "reached_later": self.reached_later,
            "called_back": self.called_back,
        }


REPORT_COLUMNS = (
    "call", "queue", "caller", "time", "wait_s", "outcome", "reached_later", "called_back",
)  # fmt: skip


def find_lost_calls(entries: Iterable[QueueEntry],
                    marks: Mapping[str, CallbackMark] | None = None) -> list[LostCall]:  # fmt: skip
    """The lost calls among one working day's entries, oldest first.

    `entries` must be every entry of the day (answered ones too: they are
    what "reached later" is matched against) and nothing from other days.
    `marks` are the latest call-back marks by callid.
    """
    lost, answered = [], []
    for entry in entries:
        if entry.answered_at is not None:
            answered.append((entry.caller, entry.entered_at, entry.id))
        elif entry.outcome in LOST_OUTCOMES:
            lost.append(entry)
    return match_lost_calls(lost, answered, marks)


#: (caller, entered_at, id) of an answered entry: all that matching needs of it.
Answered = tuple[str | None, int, int]


def match_lost_calls(
    lost: Iterable[QueueEntry],
    answered: Iterable[Answered],
    marks: Mapping[str, CallbackMark] | None = None,
) -> list[LostCall]:
    """`find_lost_calls` from the day's unanswered entries and its answered ones apart.

    The store hands them over apart, so a busy day's tens of thousands of
    answered calls cost three values each, not a whole entry.
    """
    marks = marks or {}
    lost = sorted(
        (e for e in lost if e.answered_at is None and e.outcome in LOST_OUTCOMES),
        key=lambda e: (e.entered_at, e.id),
    )
    numbers = {e.id: callable_number(e.caller) for e in lost}
    wanted = set(numbers.values())
    later: dict[str, list[tuple[int, int]]] = {}
    for caller, entered_at, id_ in answered:
        number = callable_number(caller)
        if number is not None and number in wanted:
            later.setdefault(number, []).append((entered_at, id_))
    for keys in later.values():
        keys.sort()
    found = []
    for entry in lost:
        number = numbers[entry.id]
        reached_at = None
        keys = later.get(number) if number is not None else None
        if keys:
            i = bisect_right(keys, (entry.entered_at, entry.id))
            if i < len(keys):
                reached_at = keys[i][0]
        found.append(
            LostCall(
                entry.id, entry.callid, entry.queue, entry.caller, number, entry.entered_at,
                entry.wait_s, LOST_OUTCOMES[entry.outcome], entry.position,
                entry.original_position, reached_at, marks.get(entry.callid),
            )
        )  # fmt: skip
    return found


def hourly_counts(buckets: Mapping[int, int], start: int, end: int, tz: ZoneInfo) -> dict[int, int]:
    """Counts per clock hour (0-23) of the day [start, end), from counts per hour since start.

    Every hour of the day is a key, in the day's order (06, 07 ... 05 for a day
    starting at 06:00), zero when nothing was lost, so the peaks stand out in
    a table. On the night the clocks go back the repeated hour adds up both.
    """
    hours = local_hours(start, end, tz)
    counts = dict.fromkeys(hours, 0)
    for bucket, count in buckets.items():
        if 0 <= bucket < len(hours):
            counts[hours[bucket]] += count
    return counts


def lost_per_hour(lost: Iterable[LostCall], start: int, end: int, tz: ZoneInfo) -> dict[int, int]:
    """`hourly_counts` of a list of lost calls (the screen's own list)."""
    buckets: dict[int, int] = {}
    for call in lost:
        bucket = (call.entered_at - start) // HOUR
        buckets[bucket] = buckets.get(bucket, 0) + 1
    return hourly_counts(buckets, start, end, tz)
