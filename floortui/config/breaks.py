"""`breaks:`: the centre's break rules, the defaults of the break rotation."""

from __future__ import annotations

from floortui.config.base import _Section


class BreakSettings(_Section):
    """The break rotation's rules; see the fields for each."""
