"""`users:`: the people who work in floortui, so every write names who made it.

A person is `--user NAME` or the OS login name, and must be listed here; the
role decides later what they may do (role checks and project scoping come
with the screens that need them), the teams and projects what they see.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from floortui.config.base import _Section

ROLES = ("supervisor", "team_leader", "reviewer", "qa_lead", "trainer", "admin")


class UserSettings(_Section):
    """One person who uses floortui."""

    name: str = Field(min_length=1, description="The name they give with --user (or log in as).")
    role: Literal["supervisor", "team_leader", "reviewer", "qa_lead", "trainer", "admin"] = Field(
        description="What they do: supervisor, team_leader, reviewer, qa_lead (corrects any "
        "reviewer's results), trainer or admin."
    )
    teams: list[str] = Field(default_factory=list, description="The teams they look after.")
    projects: list[str] = Field(
        default_factory=list, description="The projects (campaigns) they work on."
    )
