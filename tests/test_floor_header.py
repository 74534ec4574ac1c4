"""The floor's header (widgets/header.FloorHeader) is one line drawn whole, where Textual's
Header is four widgets: it must look as the header of every other screen does, cell for
cell, follow the title, and open the command palette from its icon."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.command import CommandPalette

from floortui.widgets.header import DataHeader, FloorHeader


class Headers(App):
    TITLE = "floortui"
    CSS = "DataHeader { dock: bottom; }"  # Textual's, on the last line

    def compose(self) -> ComposeResult:
        yield FloorHeader()
        yield DataHeader()


def _cells(app: App, y: int) -> list[tuple[str, str]]:
    strip = app.screen._compositor.render_strips()[y]
    return [(ch, str(seg.style)) for seg in strip for ch in seg.text]


async def test_it_looks_as_textuals_header_does_and_follows_the_title():
    app = Headers()
    async with app.run_test(size=(90, 4)) as pilot:
        app.screen.sub_title = "Floor"
        await pilot.pause()
        ours, textuals = _cells(app, 0), _cells(app, 3)
        assert "".join(ch for ch, _ in ours).split() == ["⭘", "floortui", "—", "Floor", "no",
                                                        "data", "yet"]  # fmt: skip
        assert ours == textuals
        app.title = "floortui demo"
        await pilot.pause()
        assert "floortui demo — Floor" in "".join(ch for ch, _ in _cells(app, 0))
        assert _cells(app, 0) == _cells(app, 3)


async def test_the_icon_lights_up_under_the_mouse_and_opens_the_command_palette():
    app = Headers()
    async with app.run_test(size=(90, 4)) as pilot:
        await pilot.pause()
        before = _cells(app, 0)
        await pilot.hover(FloorHeader, offset=(2, 0))
        await pilot.pause()
        lit = _cells(app, 0)
        assert lit[1][1] != before[1][1] and lit[20] == before[20], "the icon's cells alone"
        await pilot.click(FloorHeader, offset=(40, 0))  # the title: nothing opens
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        await pilot.click(FloorHeader, offset=(2, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
