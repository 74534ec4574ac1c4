"""What a widget drew lately, kept by what it said: the lines asked for again and again.

Textual's LRUCache keeps its order in a linked list of Python lists, so each look-up and
each new line moves links in Python; the floor asks once a second for every visible
seat line, twice (the line, then the line but for its clock), and nearly every one is
new (its clock moved: bench/bench_floor.py). `Kept` is two plain dicts: what was asked
for since the last turn and what was asked for in the turn before. A line found in the
older is moved to the newer; when the newer holds `size`, the older is let go and the
newer becomes it. So what was used in the last `size` new lines is always kept, and
never more than twice that, each look-up one or two dict look-ups.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class Kept(Generic[Value]):
    """At least the `size` values last set or found, at most twice that many. A value is
    never None (None is what a look-up that found nothing gives)."""

    __slots__ = ("_new", "_old", "size")

    def __init__(self, size: int) -> None:
        self.size = size
        self._new: dict[Hashable, Value] = {}
        self._old: dict[Hashable, Value] = {}

    def get(self, key: Hashable, default: Value | None = None) -> Value | None:
        value = self._new.get(key)
        if value is None:
            value = self._old.pop(key, None)
            if value is None:
                return default
            self[key] = value
        return value

    def __setitem__(self, key: Hashable, value: Value) -> None:
        new = self._new
        if len(new) >= self.size and key not in new:
            self._old, self._new = new, {}
            new = self._new
        new[key] = value

    def __len__(self) -> int:
        return len(self._new) + len(self._old.keys() - self._new.keys())

    def __contains__(self, key: object) -> bool:
        return key in self._new or key in self._old

    def clear(self) -> None:
        self._new.clear()
        self._old.clear()
