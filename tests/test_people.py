"""Who is acting: --user or the login name, and it must be a listed user."""

from __future__ import annotations

import pytest

from floortui.config import parse_config
from floortui.domain import people
from floortui.domain.people import UnknownUser, resolve_user

USERS = {
    "users": [
        {"name": "mei", "role": "supervisor", "teams": ["North"]},
        {"name": "ravi", "role": "reviewer"},
    ]
}


def test_a_listed_user_is_found_by_name() -> None:
    user = resolve_user(parse_config(USERS), "ravi")
    assert (user.name, user.role) == ("ravi", "reviewer")


def test_the_login_name_is_the_default(monkeypatch) -> None:
    monkeypatch.setattr(people, "login_name", lambda: "mei")
    assert resolve_user(parse_config(USERS)).teams == ["North"]


def test_an_unknown_user_is_told_who_is_listed_and_how_to_fix_it() -> None:
    with pytest.raises(UnknownUser) as caught:
        resolve_user(parse_config(USERS), "bob")
    assert str(caught.value) == (
        "--user 'bob' is not a floortui user (users: lists mei, ravi); add them under users:"
        " with their role, or give --user NAME"
    )


def test_an_unknown_login_name_on_a_config_without_users(monkeypatch) -> None:
    monkeypatch.setattr(people, "login_name", lambda: "root")
    with pytest.raises(UnknownUser, match=r"the login name 'root' is not a floortui user"):
        resolve_user(parse_config({}))


def test_a_role_outside_the_list_is_a_config_error() -> None:
    from floortui.config import ConfigError

    with pytest.raises(ConfigError, match=r"users\[0\]\.role"):
        parse_config({"users": [{"name": "mei", "role": "boss"}]})
