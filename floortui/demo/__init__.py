"""Demo data: a simulated call-centre floor that writes real Asterisk logs.

Used for the bundled demo floor and for benchmarks, so neither needs anyone's
real call data.
"""

from floortui.demo.simulate import (
    TERMINAL_EVENTS,
    Call,
    Member,
    QueueEvent,
    QueueVisit,
    Transfer,
    demo_members,
    render_queue_log,
    simulate,
    simulate_events,
    write_queue_log,
)

__all__ = [
    "TERMINAL_EVENTS",
    "Call",
    "Member",
    "QueueEvent",
    "QueueVisit",
    "Transfer",
    "demo_members",
    "render_queue_log",
    "simulate",
    "simulate_events",
    "write_queue_log",
]
