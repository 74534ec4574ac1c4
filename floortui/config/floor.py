"""`floor:`: how the live floor shows each seat's state (colour thresholds)."""

from __future__ import annotations

from floortui.config.base import _Section


class FloorSettings(_Section):
    """The live floor's thresholds; see the fields for each."""
