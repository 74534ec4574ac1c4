"""Erlang C: how many members a queue needs for its service-level target.

The hourly table says, next to who was staffed, how many members the hour's
calls needed. The PyPI packages for this drag in hundreds of megabytes or call
a remote server; the model itself is a few lines (issue 8 §2), so here it is,
checked against hand-worked numbers in tests/data/queues/ERLANG.md.

The model: calls arrive at random (Poisson), handle times are exponential with
mean `aht_s`, callers wait as long as it takes and N members serve one queue.
With traffic A = calls × AHT ÷ interval (Erlangs) and N > A members:

- Erlang B by its recursion B(0) = 1, B(n) = A·B(n-1) / (n + A·B(n-1)), which
  never forms A^N or N! and so stays exact for thousands of Erlangs;
- the probability a caller waits, C = N·B / (N - A·(1 - B));
- service level SL = 1 - C·exp(-(N - A)·T / AHT) for a threshold of T seconds;
- average speed of answer ASA = C·AHT / (N - A).

With N ≤ A the queue grows without end: C = 1 and SL = 0 by definition here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Staffing:
    """The members a volume needs, and what that many would achieve."""

    #: The smallest N > traffic whose service level reaches the target (0 with no calls).
    members: int
    #: Calls × AHT ÷ interval: how many members would be busy all the time.
    traffic_erlangs: float
    #: Erlang C at `members`: the share of callers who wait at all (0..1).
    wait_probability: float
    #: Share of callers answered within the threshold at `members` (0..1).
    service_level: float
    #: Average speed of answer over all callers at `members`, seconds.
    asa_s: float


def traffic(calls: float, interval_s: float, aht_s: float) -> float:
    """Offered traffic in Erlangs: calls × AHT ÷ interval."""
    if interval_s <= 0:
        raise ValueError(f"interval_s must be positive, not {interval_s!r}")
    if calls < 0 or aht_s < 0:
        raise ValueError("calls and aht_s cannot be negative")
    return calls * aht_s / interval_s


def erlang_b(a: float, members: int) -> float:
    """Erlang B (blocking probability) by the stable recursion."""
    b = 1.0
    for n in range(1, members + 1):
        b = a * b / (n + a * b)
    return b


def erlang_c(a: float, members: int) -> float:
    """The probability a caller has to wait, for traffic `a` Erlangs and `members` members."""
    if a <= 0:
        return 0.0
    if members <= a:
        return 1.0
    return _c_from_b(a, members, erlang_b(a, members))


def _c_from_b(a: float, n: int, b: float) -> float:
    return n * b / (n - a * (1.0 - b))


def service_level(a: float, members: int, aht_s: float, threshold_s: float) -> float:
    """Share of callers answered within `threshold_s` (0..1)."""
    if a <= 0:
        return 1.0
    if members <= a:
        return 0.0
    return _sl(a, members, erlang_c(a, members), aht_s, threshold_s)


def _sl(a: float, n: int, c: float, aht_s: float, threshold_s: float) -> float:
    if aht_s <= 0:
        return 1.0
    return max(0.0, 1.0 - c * math.exp(-(n - a) * threshold_s / aht_s))


def asa(a: float, members: int, aht_s: float) -> float:
    """Average speed of answer in seconds, over every caller (those who never wait count 0)."""
    if a <= 0:
        return 0.0
    if members <= a:
        return math.inf
    return erlang_c(a, members) * aht_s / (members - a)


def members_needed(calls: float, interval_s: float, aht_s: float, target_pct: float,
                   threshold_s: float) -> Staffing:  # fmt: skip
    """The fewest members for `target_pct` % of callers answered within `threshold_s`.

    One pass up from N = 1: Erlang B moves on by one step per N, so finding
    N costs N steps whatever the traffic (a thousand Erlangs is a thousand steps).
    """
    if not 0 < target_pct < 100:
        raise ValueError(f"target_pct must be between 0 and 100, not {target_pct!r}")
    if threshold_s < 0:
        raise ValueError(f"threshold_s cannot be negative, not {threshold_s!r}")
    a = traffic(calls, interval_s, aht_s)
    if a == 0:
        return Staffing(0, 0.0, 0.0, 1.0, 0.0)
    target = target_pct / 100
    b, n = 1.0, 0
    while True:
        n += 1
        b = a * b / (n + a * b)
        if n <= a:
            continue
        c = _c_from_b(a, n, b)
        sl = _sl(a, n, c, aht_s, threshold_s)
        if sl >= target:
            return Staffing(n, a, c, sl, c * aht_s / (n - a))
