"""`floor:`: how the live floor shows each seat's state (colour thresholds).

Supervisors know these thresholds from VICIdial's and QueueMetrics' real-time
screens: a seat turns to the theme's warning colour, then to its alert
colour, as time in a state (or in a pause with a given reason) passes what
the centre allows. A pause reason listed under `pause_reasons` has its own
thresholds; any other pause uses `states.paused`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from floortui.config.base import _Section

#: What a seat's time in state amounts to: fine, past the warning threshold, past the alert.
Level = Literal["ok", "warning", "alert"]


class Threshold(_Section):
    """When time in one state (or pause reason) turns a seat to warning, then to alert."""

    warning_s: int | None = Field(
        None, ge=0, description="Seconds in the state after which the seat shows as a warning."
    )
    alert_s: int | None = Field(
        None, ge=0, description="Seconds in the state after which the seat shows as an alert."
    )

    @model_validator(mode="after")
    def _alert_after_warning(self) -> Threshold:
        if (
            self.warning_s is not None
            and self.alert_s is not None
            and self.alert_s < self.warning_s
        ):
            raise ValueError("an alert_s of at least warning_s (the alert comes after the warning)")
        return self

    def level(self, seconds: int) -> Level:
        """The level `seconds` in the state reach."""
        if self.alert_s is not None and seconds >= self.alert_s:
            return "alert"
        if self.warning_s is not None and seconds >= self.warning_s:
            return "warning"
        return "ok"


def _state_defaults() -> dict[str, Threshold]:
    return {
        "ringing": Threshold(warning_s=15, alert_s=30),
        "on_call": Threshold(warning_s=900, alert_s=1800),
        "wrapup": Threshold(warning_s=60, alert_s=180),
        "paused": Threshold(warning_s=300, alert_s=600),
    }


def _reason_defaults() -> dict[str, Threshold]:
    return {
        "Break": Threshold(warning_s=300, alert_s=420),
        "Lunch": Threshold(warning_s=1800, alert_s=2100),
        "Auto-Pause": Threshold(warning_s=60, alert_s=180),
    }


StateName = Literal["ready", "ringing", "on_call", "wrapup", "paused", "logged_off"]


class FloorSettings(_Section):
    """The live floor's thresholds; see the fields for each."""

    states: dict[StateName, Threshold] = Field(
        default_factory=_state_defaults,
        description=(
            "Per state (ready, ringing, on_call, wrapup, paused, logged_off): when time in it "
            "turns the seat to warning, then alert. A state not listed never changes colour; "
            "listing a state replaces its default."
        ),
    )
    pause_reasons: dict[str, Threshold] = Field(
        default_factory=_reason_defaults,
        description=(
            "Per pause reason as the PBX writes it (Break, Lunch, Auto-Pause ...): its own "
            "thresholds, e.g. Lunch's allowance; other reasons use states.paused."
        ),
    )
    new_member_s: int = Field(
        1800,
        ge=0,
        description="Seconds after signing in during which a seat is marked as just signed in.",
    )
    summary_every_s: int = Field(
        5,
        ge=1,
        le=300,
        description="Seconds between reads of each member's calls answered and last break today.",
    )

    @model_validator(mode="before")
    @classmethod
    def _keep_defaults(cls, data: object) -> object:
        """Listing one state or reason changes that one; the other defaults stay."""
        if isinstance(data, dict):
            data = dict(data)
            for key, defaults in (("states", _state_defaults), ("pause_reasons", _reason_defaults)):
                given = data.get(key)
                if isinstance(given, dict):
                    merged: dict = dict(defaults())
                    merged.update({k: {} if v is None else v for k, v in given.items()})
                    data[key] = merged
        return data

    def threshold(self, state: str, pause_reason: str | None = None) -> Threshold | None:
        """The threshold that applies to a seat: its pause reason's, else its state's."""
        if state == "paused" and pause_reason is not None:
            found = self.pause_reasons.get(pause_reason)
            if found is not None:
                return found
        return self.states.get(state)  # type: ignore[call-overload]

    def level(self, state: str, pause_reason: str | None, seconds: int | None) -> Level:
        """How a seat `seconds` into its state (and pause reason) is coloured."""
        if seconds is None:
            return "ok"
        threshold = self.threshold(state, pause_reason)
        return "ok" if threshold is None else threshold.level(seconds)
