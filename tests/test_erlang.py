"""Erlang C against the hand-worked numbers of tests/data/queues/ERLANG.md, and its properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from floortui.domain.erlang import (
    asa,
    erlang_b,
    erlang_c,
    members_needed,
    service_level,
    traffic,
)


def test_textbook_100_calls_in_30_minutes_needs_14_members() -> None:
    got = members_needed(100, 1800, 180, 80, 20)
    assert got.traffic_erlangs == 10
    assert got.members == 14
    assert got.service_level == pytest.approx(0.8884, abs=5e-5)
    assert got.wait_probability == pytest.approx(0.1741, abs=5e-5)
    assert got.asa_s == pytest.approx(7.8, abs=0.05)


def test_textbook_steps_at_11_and_13_members() -> None:
    assert erlang_b(10, 11) == pytest.approx(0.163232, abs=5e-7)
    assert erlang_c(10, 11) == pytest.approx(0.6821, abs=5e-5)
    assert service_level(10, 11, 180, 20) == pytest.approx(0.3896, abs=5e-5)
    assert asa(10, 11, 180) == pytest.approx(122.8, abs=0.05)
    assert service_level(10, 13, 180, 20) == pytest.approx(0.7956, abs=5e-5)  # just short of 80


def test_m_m_2_closed_form() -> None:
    assert erlang_c(1, 2) == pytest.approx(1 / 3)
    assert service_level(1, 2, 300, 20) == pytest.approx(0.688164, abs=5e-7)
    assert asa(1, 2, 300) == pytest.approx(100)
    got = members_needed(6, 1800, 300, 80, 20)
    assert (got.members, round(got.service_level, 6)) == (3, 0.920439)


def test_no_calls_need_nobody() -> None:
    got = members_needed(0, 3600, 180, 80, 20)
    assert (got.members, got.service_level, got.wait_probability, got.asa_s) == (0, 1, 0, 0)


def test_too_few_members_never_catch_up() -> None:
    assert erlang_c(10, 10) == 1
    assert service_level(10, 9, 180, 20) == 0
    assert asa(10, 10, 180) == math.inf


def test_large_traffic_is_stable() -> None:
    """5,000 Erlangs: a factorial form overflows floats long before this."""
    got = members_needed(60_000, 3600, 300, 80, 20)
    assert got.traffic_erlangs == 5000
    assert 5000 < got.members < 5100
    assert 0.8 <= got.service_level < 1
    assert service_level(5000, got.members - 1, 300, 20) < 0.8


@pytest.mark.parametrize("bad", [0, 100, -5, 120])
def test_a_target_outside_0_to_100_is_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="target_pct"):
        members_needed(10, 3600, 180, bad, 20)


def test_interval_must_be_positive() -> None:
    with pytest.raises(ValueError, match="interval_s"):
        traffic(10, 0, 180)


calls = st.integers(min_value=1, max_value=3000)
aht = st.integers(min_value=10, max_value=1200)
threshold = st.integers(min_value=0, max_value=120)


@given(calls, aht, threshold, st.integers(min_value=1, max_value=200))
def test_more_members_never_lower_service_level(n_calls, aht_s, threshold_s, extra) -> None:
    a = traffic(n_calls, 3600, aht_s)
    base = math.floor(a) + 1
    for n in range(base, base + extra, max(1, extra // 10)):
        assert (
            service_level(a, n + 1, aht_s, threshold_s)
            >= service_level(a, n, aht_s, threshold_s) - 1e-12
        )


@given(calls, aht, threshold, st.floats(min_value=1, max_value=99))
def test_needed_is_more_than_traffic_and_the_smallest_that_meets(
    n_calls, aht_s, threshold_s, target
) -> None:
    got = members_needed(n_calls, 3600, aht_s, target, threshold_s)
    a = got.traffic_erlangs
    assert got.members >= math.ceil(a) and got.members > a
    assert got.service_level >= target / 100
    below = got.members - 1
    if below > a:
        assert service_level(a, below, aht_s, threshold_s) < target / 100
    assert 0 <= got.wait_probability <= 1
