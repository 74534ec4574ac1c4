"""The Calls screen at 80×24, an SSH window's default: filters fold, essential columns first,
`?` and `q` always in the footer, no dropdown choice wraps."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Select
from textual.widgets._footer import FooterKey
from textual.widgets._select import SelectOverlay

from floortui.adapters.importer import Importer
from floortui.app import make_app
from floortui.config import load_config
from floortui.store.db import open_database
from tests.conftest import settle

DATA = Path(__file__).parent / "data" / "handworked"
ESSENTIAL = ["entered", "queue", "caller", "wait", "member", "talk", "rec"]


def _app(tmp_path: Path):
    config = load_config(DATA / "config.yaml")
    db = open_database(tmp_path / "store.db")
    Importer(db, config).import_path(DATA / "queue_log")
    return make_app(config, db)


async def test_at_80_by_24_the_filters_fold_and_the_essentials_fit(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await settle(app, pilot)
        screen = app.screen
        filters = screen.query_one("#filters")
        assert filters.region.height == 2, "the filters fold into two lines"
        for control in [*screen.query(Select), *screen.query(Input)]:
            region = control.region
            assert region.width >= 8 and region.right <= 80, (control.id, region)
        table = screen.query_one("#calls", DataTable)
        assert table.region.height >= 16, "the list keeps most of the screen"
        keys = [str(c.key.value) for c in table.ordered_columns]
        assert keys[: len(ESSENTIAL)] == ESSENTIAL
        width = sum(c.get_render_width(table) for c in table.ordered_columns[: len(ESSENTIAL)])
        assert width <= 80


async def test_the_footer_always_shows_help_and_quit(tmp_path):
    """On the list, on a filter and on the import panel (typing in a box, ? and q are letters)."""
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await settle(app, pilot)
        for keys in ((), ("tab",), ("escape", "i")):
            await pilot.press(*keys)
            await settle(app, pilot)
            shown = {fk.key: fk.region for fk in app.screen.query(FooterKey)}
            for key in ("question_mark", "q"):
                assert key in shown, (keys, sorted(shown))
                assert shown[key].width > 0 and shown[key].right <= 80, (keys, key, shown[key])


async def test_no_dropdown_choice_wraps(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await settle(app, pilot)
        for select in app.screen.query(Select):
            select.focus()
            select.expanded = True
            await pilot.pause()
            overlay = select.query_one(SelectOverlay)
            assert overlay.option_count > 0
            lines = overlay.virtual_size.height
            assert lines == overlay.option_count, (select.id, lines, overlay.option_count)
            assert overlay.region.right <= 80
            select.expanded = False
            await pilot.pause()


async def test_the_import_panel_at_80_by_24_shows_what_was_set_aside(tmp_path):
    log = tmp_path / "deep" / "folders" / "of" / "a" / "pbx" / "queue_log"
    log.parent.mkdir(parents=True)
    log.write_text((DATA / "queue_log").read_text() + "garbage line here\n")
    config = load_config(DATA / "config.yaml")
    db = open_database(tmp_path / "store.db")
    Importer(db, config).import_path(log)
    app = make_app(config, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await pilot.press("i")
        await settle(app, pilot)
        table = app.screen.query_one("#sources", DataTable)
        labels = [str(c.label) for c in table.ordered_columns]
        assert labels[:3] == ["source", "set aside", "lines imported"]
        assert sum(c.get_render_width(table) for c in table.ordered_columns[:3]) <= 80
        assert str(table.get_row_at(0)[1]) == "1 (Enter)"
        hint = str(app.screen.query_one("#hint").render())
        assert len(hint) <= 78, hint
