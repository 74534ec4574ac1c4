"""One member's breaks on one day: what `report breaks` prints and the break panel counts.

Breaks come from two places that never alter each other:

- the PBX: a pause whose reason is one of `breaks.break_reasons` (a pause in
  several queues at once, PAUSEALL, is one break; an Auto-Pause turned Break
  is a break from the moment the reason became Break);
- the supervisor: "sent on break" (and "returned") stored through the
  PeopleWriter. A PBX break starting within `confirm_window_minutes` of a
  "sent" confirms it, and the PBX's times are the break's; a "sent" the PBX
  never confirmed is a break from "sent" to "returned" (or still open).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from floortui.config.breaks import BreakSettings
from floortui.domain.roster import Shift, adherence
from floortui.domain.sign_in import (
    MemberDayLog,
    Span,
    signed_in_at,
    signed_in_spans,
    worked_seconds,
)


@dataclass(frozen=True, slots=True)
class PauseRecord:
    """One stored pause (one queue), with every reason it had: [(time, reason), ...]."""

    start: int
    end: int | None
    reasons: tuple[tuple[int, str | None], ...]
    started_by: str = "PAUSE"


@dataclass(frozen=True, slots=True)
class BreakAction:
    """A supervisor's break action as stored: sent, returned or skipped, at data time `at`."""

    at: int
    action: str  # sent | returned | skipped
    reason: str | None = None
    minutes: int | None = None
    note: str | None = None
    by: str | None = None


@dataclass(frozen=True, slots=True)
class Break:
    """A break taken: `end` None while it goes on; `confirmed` when the PBX logged it."""

    start: int
    end: int | None
    reason: str
    allowance_minutes: int
    confirmed: bool = True

    def seconds(self, now: int) -> int:
        return max(0, (self.end if self.end is not None else now) - self.start)

    def as_report(self, now: int) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "minutes": one_decimal(self.seconds(now) / 60),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class MemberBreakDay:
    """Everything about one member's breaks that day, up to `now`."""

    member: str
    spans: tuple[Span, ...]
    breaks: tuple[Break, ...]
    earned_minutes: int
    worked_s: int
    violations: tuple[str, ...]
    skips: tuple[BreakAction, ...] = field(default=())
    now: int = 0

    @property
    def signed_in_at(self) -> int | None:
        return signed_in_at(list(self.spans))

    @property
    def last_sign_in(self) -> int | None:
        """The start of the latest signed-in span: what the quiet time after signing in counts."""
        return self.spans[-1][0] if self.spans else None

    @property
    def break_minutes(self) -> float:
        return one_decimal(sum(b.seconds(self.now) for b in self.breaks) / 60)

    def as_report(self) -> dict:
        """The object `floortui report breaks` prints (issue 8 §4: these keys exactly)."""
        return {
            "agent": self.member,
            "signed_in_at": self.signed_in_at,
            "breaks": [b.as_report(self.now) for b in self.breaks],
            "break_minutes": self.break_minutes,
            "earned_minutes": self.earned_minutes,
            "violations": list(self.violations),
        }


def one_decimal(value: float) -> float:
    """Rounded half up to one decimal, as every figure of floortui is."""
    return int(value * 10 + 0.5 + 1e-9) / 10


def earned_minutes(worked_s: int, settings: BreakSettings) -> int:
    """Break minutes earned by `worked_s` signed in: whole hours, or pro rata rounded down."""
    return earned(worked_s, settings.earned_minutes_per_hour, settings.earning == "whole_hours")


def earned(worked_s: int, per_hour: int, by_whole_hours: bool) -> int:
    """earned_minutes with its settings read once: the break board asks it of each member."""
    return per_hour * (worked_s // 3600) if by_whole_hours else worked_s * per_hour // 3600


def pbx_breaks(pauses: Iterable[PauseRecord], settings: BreakSettings) -> list[Break]:
    """The break parts of the member's pauses, one break across queues while they overlap."""
    reasons = set(settings.break_reasons)
    parts: list[tuple[int, int | None, str]] = []
    for pause in pauses:
        history = list(pause.reasons) or [(pause.start, None)]
        for i, (t, reason) in enumerate(history):
            if reason not in reasons:
                continue
            start = max(t, pause.start)
            end = history[i + 1][0] if i + 1 < len(history) else pause.end
            parts.append((start, end, reason))
    parts.sort(key=lambda p: p[0])
    merged: list[list] = []
    for start, end, reason in parts:
        last = merged[-1] if merged else None
        if last is not None and (last[1] is None or start <= last[1]):
            last[1] = None if last[1] is None or end is None else max(last[1], end)
        else:
            merged.append([start, end, reason])
    return [Break(s, e, r, settings.allowance(r)) for s, e, r in merged]


def with_actions(breaks: list[Break], actions: Sequence[BreakAction],
                 settings: BreakSettings) -> list[Break]:  # fmt: skip
    """The PBX's breaks plus each "sent" the PBX did not confirm (to its "returned")."""
    window = settings.confirm_window_minutes * 60
    result = list(breaks)
    ordered = sorted(actions, key=lambda a: a.at)
    for i, action in enumerate(ordered):
        if action.action != "sent":
            continue
        if any(abs(b.start - action.at) <= window for b in breaks):
            continue  # confirmed: the PBX's break is the one counted
        back = next((a.at for a in ordered[i + 1 :] if a.action in ("returned", "sent")), None)
        reason = action.reason or settings.break_reasons[0]
        allowance = action.minutes or settings.allowance(reason)
        result.append(Break(action.at, back, reason, allowance, confirmed=False))
    return sorted(result, key=lambda b: b.start)


def member_break_day(log: MemberDayLog, pauses: Sequence[PauseRecord],
                     actions: Sequence[BreakAction], settings: BreakSettings,
                     day_start: int, day_end: int, now: int,
                     shift: Shift | None = None) -> MemberBreakDay:  # fmt: skip
    """The member's day up to `now` (clipped to the day): breaks, earned minutes, violations."""
    until = min(now, day_end)
    spans = signed_in_spans(log, day_start, day_end, until)
    in_day = [b for b in pbx_breaks(pauses, settings) if day_start <= b.start < day_end]
    breaks = [b for b in with_actions(in_day, actions, settings) if b.start <= until]
    worked = worked_seconds(spans, until)
    found = _violations(spans, breaks, pauses, settings, until, day_start)
    roster = adherence(shift, spans, settings.late_sign_in_minutes, settings.left_early_minutes)
    late = [v for v in roster if v.startswith("late")]
    early = [v for v in roster if not v.startswith("late")]
    return MemberBreakDay(
        member=log.member,
        spans=tuple(spans),
        breaks=tuple(breaks),
        earned_minutes=earned_minutes(worked, settings),
        worked_s=worked,
        violations=tuple(late + found + early),
        skips=tuple(a for a in actions if a.action == "skipped"),
        now=until,
    )


def _violations(spans: list[Span], breaks: list[Break], pauses: Sequence[PauseRecord],
                settings: BreakSettings, until: int, day_start: int) -> list[str]:  # fmt: skip
    """The rule breaches in time order (each as its string, with its time to sort by).

    A span carried over from the day before starts at the day's start: that is not a
    sign-in, so the quiet-time rules do not apply to it.
    """
    quiet = settings.quiet_after_sign_in_minutes * 60
    starts = [s for s, _ in spans if s != day_start]

    def soon_after_sign_in(t: int) -> bool:
        return any(0 <= t - s < quiet for s in starts)

    found: list[tuple[int, str]] = []
    for b in breaks:
        if soon_after_sign_in(b.start):
            found.append((b.start, f"break within {quiet // 60} min of sign-in"))
        over = b.seconds(until) - b.allowance_minutes * 60
        if over >= 60:
            found.append((b.start + 1, f"overdue {over // 60} min"))
    reasons = set(settings.break_reasons) | set(settings.exempt_pause_reasons)
    flagged: list[int] = []
    for pause in sorted(pauses, key=lambda p: p.start):
        first = pause.reasons[0][1] if pause.reasons else None
        if pause.started_by == "ADDMEMBER" or first in reasons:
            continue  # paused from the sign-in itself, a break (above) or the PBX's own pause
        if soon_after_sign_in(pause.start) and pause.start not in flagged:
            flagged.append(pause.start)
            found.append((pause.start, f"pause within {quiet // 60} min of sign-in"))
    for start, end in spans:
        if end is not None and end - start < quiet and start != day_start:
            found.append((end, f"sign-out within {quiet // 60} min of sign-in"))
    limit = settings.longest_without_break_minutes * 60
    for start, end in spans:
        stop = until if end is None else min(end, until)
        edge = start
        for b in breaks:
            if start <= b.start <= stop:
                if b.start - edge > limit:
                    found.append((b.start, f"no break for {(b.start - edge) // 60} min"))
                edge = b.end if b.end is not None else stop
        if stop - edge > limit:
            found.append((stop, f"no break for {(stop - edge) // 60} min"))
    return [text for _, text in sorted(found, key=lambda f: f[0])]
