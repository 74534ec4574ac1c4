"""A widget's repaint handed to its screen's next frame at once, not through two messages.

Textual hands a widget's `refresh()` to the screen through the widget's message queue: a
Prompt wakes the widget's task, whose idle handler posts an Update to the screen, whose
task wakes to mark the widget dirty and post itself a Prompt, whose idle handler at last
resumes the screen's frame timer. On the floor five widgets repaint each second (the
seats' clocks, the header's, the queue lines, the status, the breaks), so that is twenty
task wake-ups and messages a second for what is one frame (bench/bench_floor.py). On a
screen whose frames come from a FrameTimer (screens/_frames.PromptFrames), a repaint
marks the widget dirty on the screen and resumes the timer itself, as those handlers
would.
"""

from __future__ import annotations

from textual.geometry import Region


class RefreshAtOnce:
    """For a Widget subclass (this before it in the bases). Any other refresh (a layout, a
    recompose, a widget not yet mounted or hidden, a screen under another or in a batch
    update) goes Textual's own way."""

    #: The screen the widget is on, found once (Textual looks through its ancestors).
    _on_screen = None

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False):  # fmt: skip
        widget = self  # a Widget (see the class's docstring)
        screen = None
        if repaint and not layout and not recompose and widget._is_mounted:  # type: ignore[attr-defined]
            screen = self._on_screen
            if screen is None:
                screen = self._on_screen = widget.screen  # type: ignore[attr-defined]
            app = widget.app  # type: ignore[attr-defined]
            stack = app._screen_stack
            if not (getattr(screen, "FRAMES_ON_DEMAND", False) and stack and stack[-1] is screen
                    and not app._batch_count and widget.display  # type: ignore[attr-defined]
                    and screen in screen._compositor):  # fmt: skip
                screen = None
        if screen is None:
            return super().refresh(  # type: ignore[misc]
                *regions, repaint=repaint, layout=layout, recompose=recompose
            )
        # What Widget.refresh does before it prompts the widget's queue, then what the
        # screen's Update and idle handlers do.
        widget._layout_cache.clear()  # type: ignore[attr-defined]
        widget._set_dirty(*regions)  # type: ignore[attr-defined]
        widget.clear_cached_dimensions()  # type: ignore[attr-defined]
        widget._rich_style_cache.clear()  # type: ignore[attr-defined]
        screen._dirty_widgets.add(widget)
        screen._update_timer.resume()
        return widget
