"""Who is acting: every write a person makes names them, so they must be known.

The person is `--user NAME`, or the login name of whoever runs floortui, and
must be listed under `users:` in config.yaml; an unknown name is refused with
a message saying how to fix it, before anything is opened.
"""

from __future__ import annotations

import getpass

from floortui.config import Config
from floortui.config.users import UserSettings


class UnknownUser(Exception):
    """The person is not listed under users:; the message is one line for them."""


def login_name() -> str | None:
    """The operating system's name for whoever runs floortui, if it has one."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None


def resolve_user(config: Config, name: str | None = None) -> UserSettings:
    """The user named `name` (default: the login name), as config.yaml lists them."""
    given = name if name is not None else login_name()
    for user in config.users:
        if user.name == given:
            return user
    listed = ", ".join(user.name for user in config.users)
    how = f"users: lists {listed}" if listed else "users: in config.yaml lists nobody yet"
    who = f"--user {given!r}" if name is not None else f"the login name {given!r}"
    raise UnknownUser(
        f"{who} is not a floortui user ({how}); add them under users: with their role,"
        " or give --user NAME"
    )
