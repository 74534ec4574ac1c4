"""Who is acting on a screen that records people's writes, or why nothing can be recorded.

Every write a person makes stores who and when, so a screen first needs the
app's people writer and a listed user. Each screen says the refusal in its own
words (what "nothing" means there: a claim, a feedback); the order of the
checks is the same everywhere and lives here.
"""

from __future__ import annotations

from typing import Any, Protocol


class _Notifying(Protocol):
    app: Any

    def notify(self, message: str, *, severity: str = ...) -> None: ...


def acting_or_say_why(screen: _Notifying, user: Any, view_only: str,
                      watching_only: str) -> tuple[Any, Any] | None:  # fmt: skip
    """(people writer, user), or None after telling the user why nothing is recorded: a
    read-only store, a user not listed under `users:`, or a store that refuses writes."""
    app = screen.app
    if getattr(app, "read_only", False):
        screen.notify(view_only, severity="warning")
        return None
    if user is None:
        screen.notify(watching_only, severity="warning")
        return None
    try:
        people = getattr(app, "people", None)
    except Exception as exc:  # a store that cannot take writes: say so, stay up
        screen.notify(f"cannot write: {exc}", severity="error")
        return None
    if people is None:
        screen.notify(view_only, severity="warning")
        return None
    return people, user
