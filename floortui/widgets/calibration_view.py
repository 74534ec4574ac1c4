"""A calibration session drawn for the screen: blind until everyone has scored.

Before then it says who has scored and who is still to; afterwards each
reviewer's points per item against the group's average, the spread per item,
the totals, and who is outside the band (marked), as a Rich table.
"""

from __future__ import annotations

from fractions import Fraction

from rich.console import Group
from rich.table import Table
from rich.text import Text

from floortui.domain.calibration import SessionView


def _points(value: int | None) -> str:
    return "N/A" if value is None else str(value)


def _mean(value: Fraction | None) -> str:
    return "–" if value is None else f"{float(value):.1f}"


def session_text(view: SessionView) -> Group | Text:
    """What the session shows to whoever looks at it now (see the module's docstring)."""
    waiting = [r for r in view.reviewers if r not in view.scored]
    head = Text(f"Calibration #{view.id} · {view.form} · {len(view.scored)} of "
                f"{len(view.reviewers)} scored", style="bold")  # fmt: skip
    if view.result is None:
        lines = [head, Text("scores stay hidden until everyone has scored (blind)")]
        if waiting:
            lines.append(Text("still to score: " + ", ".join(waiting)))
        if view.own is not None:
            lines.append(Text("you have scored it; your score is final"))
        return Group(*lines)
    result = view.result
    table = Table(box=None, padding=(0, 1), show_edge=False)
    table.add_column("item", no_wrap=True, overflow="ellipsis", max_width=24)
    reviewers = list(result.totals)
    for reviewer in reviewers:
        style = "bold red" if reviewer in result.outside else ""
        table.add_column(reviewer.split()[0], justify="right", header_style=style)
    table.add_column("mean", justify="right")
    table.add_column("spread", justify="right")
    for item in result.items:
        cells = [_points(item.points.get(r)) for r in reviewers]
        spread = Text(str(item.spread), style="bold yellow" if item.spread else "")
        table.add_row(item.label, *cells, _mean(item.mean), spread)
    totals = [f"{result.totals[r]:g}" for r in reviewers]
    table.add_row(Text("total", style="bold"), *totals, _mean(result.mean_total),
                  f"{result.spread_total:g}")  # fmt: skip
    band = f"±{result.band_points:g} points of the group's average"
    outside = (", ".join(result.outside) + f" outside {band}") if result.outside else (
        f"everyone within {band}")  # fmt: skip
    return Group(head, table, Text(outside, style="bold red" if result.outside else "green"))
