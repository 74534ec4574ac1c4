"""Why the rotation holds a member back that is not about the member: their queues (callers
waiting, service level under target) and the limits on how many of a team or a queue are
out at once.

On a busy floor most of a thousand members are held by the same few teams' and queues'
words, so break_board (floortui.domain.breaks) asks for them once per (team, queues)
while the counts of members out and proposed stand, not once per member.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from floortui.config.breaks import BreakSettings

if TYPE_CHECKING:
    from floortui.domain.breaks import QueueLoad


@dataclass
class OutCounts:
    """Members out (and proposed) per team and per queue, as the limits count them."""

    team_out: dict[str, int] = field(default_factory=dict)
    team_next: dict[str, int] = field(default_factory=dict)
    queue_out: dict[str, int] = field(default_factory=dict)
    queue_next: dict[str, int] = field(default_factory=dict)

    def add(self, team: str | None, queues, proposed: bool) -> None:
        teams, per_queue = (self.team_next, self.queue_next) if proposed else (
            self.team_out, self.queue_out)  # fmt: skip
        if team is not None:
            teams[team] = teams.get(team, 0) + 1
        for queue in queues:
            per_queue[queue] = per_queue.get(queue, 0) + 1


def queue_reasons(queue: str, load: QueueLoad, settings: BreakSettings) -> tuple[str, ...]:
    """Why no one in `queue` goes now (callers waiting, service level): the same words for
    every member in it, so worked out once per board."""
    reasons = []
    if load.waiting > settings.max_waiting:
        reasons.append(f"{queue} has {load.waiting} waiting")
    target = load.target_pct
    if (settings.hold_below_service_level and load.service_level_pct is not None
            and load.service_level_pct < target):  # fmt: skip
        reasons.append(f"{queue} is at {_pct(load.service_level_pct)} % against "
                       f"{_pct(target)} %")  # fmt: skip
    return tuple(reasons)


def group_reasons(team: str | None, queues: Mapping[str, object],
                  queue_words: Mapping[str, tuple[str, ...]], counts: OutCounts,
                  settings: BreakSettings,
                  limits: dict[tuple, list[str]]) -> tuple[str, ...]:  # fmt: skip
    """Why no one of `team` in `queues` goes now: the queues' own words (`queue_words`,
    from queue_reasons), then the team's and the queues' limits reached (a rule that
    cannot hold is passed over before its words are made, and a limit's words are made
    once per count: `limits`)."""
    reasons: list[str] = []
    in_queues = sorted(queues) if len(queues) > 1 else queues
    for queue in in_queues:
        words = queue_words.get(queue)
        if words:
            reasons.extend(words)
    limit = settings.max_out_per_team
    out, proposed = counts.team_out, counts.team_next
    if team is not None and limit is not None and out.get(team, 0) + proposed.get(team, 0) >= limit:
        reasons.extend(_limit_words(limits, team, out, proposed, limit))
    limit = settings.max_out_per_queue
    if limit is not None:
        out, proposed = counts.queue_out, counts.queue_next
        for queue in in_queues:
            if out.get(queue, 0) + proposed.get(queue, 0) >= limit:
                reasons.extend(_limit_words(limits, queue, out, proposed, limit))
    return tuple(reasons)


def _limit_words(limits: dict[tuple, list[str]], group: str, out: dict[str, int],
                 proposed: dict[str, int], limit: int) -> list[str]:  # fmt: skip
    key = (group, out.get(group, 0), proposed.get(group, 0), limit)
    words = limits.get(key)
    if words is None:
        words = limits[key] = _limit(group, out, proposed, limit)
    return words


def _limit(group: str, out: dict[str, int], proposed: dict[str, int], limit: int) -> list[str]:
    gone, going = out.get(group, 0), proposed.get(group, 0)
    if gone + going < limit:
        return []
    if going:
        return [f"{gone + going} of {group} are out or next (max {limit})"]
    return [f"{gone} of {group} are out (max {limit})"]


def _pct(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
