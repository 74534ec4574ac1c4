"""The waveform of the leg being heard: where the talking is, the playhead, comment markers.

Two lines: the peaks as block characters (the part already heard in the
accent colour, the playhead's column reversed) and under them a `▲` for each
marker (a reviewer's comment; the scoring form sets `markers`). The peaks are
computed in the screen's worker; this only fits them to its width and draws,
so moving the playhead ten times a second costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from floortui.domain.listening import Marker, fit_peaks
from floortui.domain.waveform import bar_line, column_of


class WaveformView(Widget):
    """Peaks, playhead and markers of one leg; a line of text while there are no peaks."""

    DEFAULT_CSS = """
    WaveformView { height: 2; width: 1fr; }
    """

    position_s: reactive[float] = reactive(0.0)
    duration_s: reactive[float] = reactive(0.0)
    note: reactive[str] = reactive("computing the waveform…")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._peaks: tuple[float, ...] = ()
        self._markers: tuple[Marker, ...] = ()

    def show(self, peaks: Sequence[float], duration_s: float) -> None:
        """The leg's peaks (any resolution) and its length."""
        self._peaks = tuple(peaks)
        self.duration_s = duration_s
        self.note = ""
        self.refresh()

    def clear(self, note: str) -> None:
        """No peaks (computing, or the recording cannot be read): say so instead."""
        self._peaks = ()
        self.note = note
        self.refresh()

    @property
    def markers(self) -> tuple[Marker, ...]:
        return self._markers

    @markers.setter
    def markers(self, markers: Sequence[Marker]) -> None:
        self._markers = tuple(markers)
        self.refresh()

    @property
    def playhead_column(self) -> int:
        return column_of(self.position_s, self.duration_s, max(1, self.size.width))

    def render(self) -> Text:
        width = max(1, self.size.width)
        if not self._peaks:
            return Text(self.note, style="italic", no_wrap=True, overflow="ellipsis")
        bars = bar_line(fit_peaks(self._peaks, width))
        head = self.playhead_column
        line = Text(no_wrap=True)
        line.append(bars[:head], style="bold")
        line.append(bars[head] if bars[head] != " " else "│", style="reverse")
        line.append(bars[head + 1 :], style="dim")
        marks = [" "] * width
        for marker in self._markers:
            marks[column_of(marker.position_s, self.duration_s, width)] = "▲"
        line.append("\n" + "".join(marks), style="bold")
        return line
