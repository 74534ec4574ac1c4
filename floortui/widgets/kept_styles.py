"""A widget's styles for drawing its own lines, worked out once and kept until they change.

Textual works a widget's style (and its component classes' styles) out again after every
refresh; a widget that draws its lines itself and refreshes every second (the seat grid,
the queue panel, the floor's status and clock) would ask for them each second
(bench/bench_floor.py). Each is Textual's visual style, every colour blended over the one
under it as the theme means it: a see-through cursor or muted words keep their see-through
part, which a component's partial Rich style drops.
"""

from __future__ import annotations

from rich.style import Style


class KeptStyles:
    """For a Widget subclass (this before it in the bases): `kept_style(*classes)`."""

    _kept_styles: dict[tuple[tuple[str, ...], bool], Style] | None = None

    def kept_style(self, *classes: str) -> Style:
        """The widget's style with these component classes over it, in order (none: the
        widget's own), per focus (a `:focus` rule may change it)."""
        kept = self._kept_styles
        if kept is None:
            kept = self._kept_styles = {}
        key = (classes, self.has_focus)  # type: ignore[attr-defined]
        style = kept.get(key)
        if style is None:
            style = kept[key] = self._worked_out(classes)
        return style

    def _worked_out(self, classes: tuple[str, ...]) -> Style:
        if not classes:  # the widget's own, as Textual draws its content (text opacity too)
            return self.rich_style  # type: ignore[attr-defined]
        return self.get_visual_style(*classes).rich_style  # type: ignore[attr-defined]

    def notify_style_update(self) -> None:
        super().notify_style_update()  # type: ignore[misc]
        self._kept_styles = None
