"""A OnceStrip (widgets/once_strip) is a Strip in all but its caches: whatever Textual asks
of a line (crop, divide, styles, filters, its text and length, its render) comes out as
from a Strip of the same segments, however often it is asked."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import Monochrome
from textual.strip import Strip

from floortui.widgets.once_strip import OnceStrip

words = st.lists(
    st.tuples(st.sampled_from(["Ann", "佐藤", " 4:07 ", "", "paused: Lunch"]),
              st.sampled_from([Style(), Style(bold=True), Style(color="red", bgcolor="black")])),
    min_size=1, max_size=6,
)  # fmt: skip


def _same(a: Strip, b: Strip) -> None:
    assert list(a) == list(b)
    assert a.cell_length == b.cell_length


@settings(max_examples=200, deadline=None)
@given(words, st.integers(0, 40), st.integers(0, 40), st.lists(st.integers(0, 40), max_size=4))
def test_a_once_strip_is_a_strip_but_for_its_caches(texts, start, end, cuts) -> None:
    segments = [Segment(text, style) for text, style in texts]
    width = Strip(segments).cell_length
    kept, once = Strip(segments, width), OnceStrip(list(segments), width)
    for _ in range(2):  # twice: the second time a Strip answers from its caches
        _same(once.crop(start, end), kept.crop(start, end))
        for a, b in zip(once.divide(sorted(cuts)), kept.divide(sorted(cuts)), strict=True):
            _same(a, b)
        _same(once.apply_style(Style(italic=True)), kept.apply_style(Style(italic=True)))
        grey, black = Monochrome(), Color(0, 0, 0)
        _same(once.apply_filter(grey, black), kept.apply_filter(grey, black))
        _same(once.crop_extend(start, end + 5, None), kept.crop_extend(start, end + 5, None))
        assert once.text == kept.text
        console = Console()
        assert once.render(console) == kept.render(console)


def test_it_keeps_nothing() -> None:
    once = OnceStrip([Segment("Ann Archer  ready  4:07")], 23)
    once.crop(0, 5)
    once.divide([5, 23])
    assert not len(once._crop_cache) and not len(once._divide_cache)
