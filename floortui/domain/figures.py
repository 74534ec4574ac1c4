"""Queue and member figures as a supervisor reads them, from the store's sums.

Definitions (the JSON keys of `floortui report` are a contract):
- A call counts in a window by the time it entered the queue.
- Service level = calls answered within the queue's threshold over calls
  offered, so abandoned and timed-out calls count against it (Asterisk's
  strictest definition).
- Rounding is half up, to one decimal, as a person would round by hand.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal


def ratio_1dp(numerator: int, denominator: int, scale: int = 1) -> float | None:
    """numerator × scale / denominator rounded half up to one decimal; None for 0/0."""
    if not denominator:
        return None
    value = Decimal(numerator * scale) / Decimal(denominator)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class QueueFigures:
    queue: str
    offered: int
    answered: int
    abandoned: int
    exit_timeout: int
    exit_empty: int
    exit_key: int
    transferred: int
    avg_wait_answered_s: float | None
    max_wait_s: int | None
    service_level_pct: float | None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class MemberFigures:
    agent: str
    answered: int
    talk_s: int
    ring_no_answer: int
    paused_s: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def queue_figures(totals: dict) -> QueueFigures:
    """Figures for one queue from the store's per-queue sums."""
    return QueueFigures(
        queue=totals["queue"],
        offered=totals["offered"] or 0,
        answered=totals["answered"] or 0,
        abandoned=totals["abandoned"] or 0,
        exit_timeout=totals["exit_timeout"] or 0,
        exit_empty=totals["exit_empty"] or 0,
        exit_key=totals["exit_key"] or 0,
        transferred=totals["transferred"] or 0,
        avg_wait_answered_s=ratio_1dp(
            totals["wait_answered_sum"] or 0, totals["wait_answered_count"] or 0
        ),
        max_wait_s=totals["max_wait_s"],
        service_level_pct=ratio_1dp(
            totals["answered_in_threshold"] or 0, totals["offered"] or 0, 100
        ),
    )


def member_figures(name: str, totals: dict) -> MemberFigures:
    return MemberFigures(
        agent=name,
        answered=totals["answered"],
        talk_s=totals["talk_s"],
        ring_no_answer=totals["ring_no_answer"],
        paused_s=dict(sorted(totals["paused_s"].items())),
    )
