"""What the floor's widgets keep of the lines they drew (widgets/kept.py): whatever was set
or found among the last `size` keys used is there, with its value; nothing past twice
`size` is kept. Checked against a plain list of the keys in the order they were used."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from floortui.widgets.kept import Kept

steps = st.lists(st.tuples(st.sampled_from(["set", "get"]), st.integers(0, 30)), max_size=300)


@given(st.integers(1, 8), steps)
def test_the_keys_used_last_are_kept_and_no_more_than_twice_the_size(size, steps):
    kept: Kept[str] = Kept(size)
    values: dict[int, str] = {}  # each key's last value set
    used: list[int] = []  # keys set or found, the latest last
    for at, (step, key) in enumerate(steps):
        if step == "set":
            values[key] = f"{key}@{at}"
            kept[key] = values[key]
            used.append(key)
        else:
            found = kept.get(key)
            assert found is None or found == values[key], "a value is the one last set"
            if found is not None:
                used.append(key)
        recent = list(dict.fromkeys(reversed(used)))[:size]
        for key in recent:
            assert key in kept and kept._new.get(key, kept._old.get(key)) == values[key]
        assert len(kept) <= 2 * size


def test_a_key_found_in_the_older_half_is_kept_over_the_next_turn():
    kept: Kept[str] = Kept(2)
    kept["a"], kept["b"] = "A", "B"
    kept["c"] = "C"  # the turn: a and b are the older half
    assert kept.get("a") == "A"  # found: moved to the newer half, with c
    kept["d"] = "D"  # the next turn: a and c are older now, b is let go
    assert kept.get("b") is None and kept.get("a") == "A" and kept.get("c") == "C"
    assert kept.get("zz", "none") == "none"
    kept.clear()
    assert len(kept) == 0 and "a" not in kept
