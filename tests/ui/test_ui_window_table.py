"""The windowed table: cell fitting in terminal cells, columns giving way, painting only what shows;
and the services behind the portfolio's order (sort_rows) and the overview's extras."""

from __future__ import annotations

import datetime as dt

from ui_helpers import TODAY
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.app import App, ComposeResult

from kamtui.domain.enums import Tier
from kamtui.domain.portfolio import LayerState, PortfolioRow
from kamtui.services import accounts
from kamtui.services import overview as overview_service
from kamtui.services.context import Context
from kamtui.ui.widgets.window_table import ELLIPSIS, Column, WindowTable, fit, layout


@given(st.text(alphabet=st.sampled_from("ab 中文ÄÉ[]/"), max_size=30), st.integers(1, 25),
       st.sampled_from(["left", "right"]))
def test_fit_always_fills_exactly_its_width(text, width, align):
    out = fit(text, width, align)
    assert cell_len(out) == width
    if cell_len(text) <= width:
        assert text in out
    else:
        assert out.rstrip().endswith(ELLIPSIS)


def test_fit_cuts_wide_characters_without_a_gap():
    assert fit("华信移动通信", 6) == "华信…" + " "
    assert fit("华信移动通信", 7) == "华信移…"
    assert fit("12", 5, "right") == "   12"


def test_layout_drops_the_highest_priority_numbers_first_and_gives_the_rest_to_flex():
    cols = [Column("a", "A", 10, 0, flex=True), Column("b", "B", 10, 1), Column("c", "C", 10, 3),
            Column("d", "D", 10, 2)]
    assert [c.key for c, _ in layout(cols, 100)] == ["a", "b", "c", "d"]
    assert dict((c.key, w) for c, w in layout(cols, 100))["a"] == 100 - 30 - 3
    assert [c.key for c, _ in layout(cols, 35)] == ["a", "b", "d"]
    assert [c.key for c, _ in layout(cols, 21)] == ["a", "b"]
    assert [c.key for c, _ in layout(cols, 5)] == ["a"]  # priority 0 never gives way


class TableApp(App):
    def __init__(self, n: int) -> None:
        super().__init__()
        self.n = n
        self.calls = 0

    def compose(self) -> ComposeResult:
        def cells(row, key):
            self.calls += 1
            return f"{key}{row}"

        yield WindowTable([Column("name", "Name", 10, 0, flex=True), Column("x", "X", 6, 1, "right")], cells,
                          row_key=lambda r: r, empty="nothing here")

    def on_mount(self) -> None:
        self.query_one(WindowTable).set_rows(list(range(self.n)))


async def test_only_visible_rows_are_painted_whatever_the_length():
    app = TableApp(100_000)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(WindowTable)
        assert app.calls < 12 * 2 * 4  # a few screens' worth of cells, not 200,000
        assert table.visible_lines()[1].startswith("name0")
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor == 99_999 and table.visible_lines()[-1].startswith("name99999")
        await pilot.press("pageup")
        assert table.cursor == 99_999 - (table.scrollable_content_region.height - 1)
        await pilot.press("home")
        assert table.cursor == 0 and table.visible_lines()[1].startswith("name0")


async def test_empty_table_says_so_and_keeps_the_cursor_on_the_same_row_when_rows_change():
    app = TableApp(0)
    async with app.run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        table = app.query_one(WindowTable)
        assert "nothing here" in table.visible_lines()[1] and table.current is None
        table.set_rows([5, 6, 7])
        table.move_to(6)
        table.set_rows([1, 6, 9, 12])
        assert table.current == 6
        table.set_rows([1, 2])  # gone: stays in range
        assert table.current in (1, 2)


def _row(name, key=None, level_rank=None, overdue=0, assessed=None, tier=Tier.key, owner=""):
    from kamtui.domain.enums import OrgLevel

    state = LayerState(key_index=key, org_level=OrgLevel.of_rank(level_rank) if level_rank else None,
                       last_assessed=assessed)
    return PortfolioRow(id=name, name=name, short_name="", industry="", tier=tier, owner=owner,
                        archived=False, state=state, open_activities=overdue, overdue_activities=overdue,
                        pitfalls=[])


def test_sort_rows_orders_each_column_and_keeps_missing_values_last():
    rows = [_row("b", 10, 2, 1, dt.date(2026, 1, 1), Tier.standard, "Zed"), _row("a", None),
            _row("c", -40, 4, 3, dt.date(2026, 6, 1), Tier.strategic, "amy")]
    assert [r.name for r in accounts.sort_rows(rows, "key")] == ["c", "b", "a"]
    assert [r.name for r in accounts.sort_rows(rows, "key", reverse=True)] == ["b", "c", "a"]
    assert [r.name for r in accounts.sort_rows(rows, "level", reverse=True)] == ["c", "b", "a"]
    assert [r.name for r in accounts.sort_rows(rows, "activities", reverse=True)] == ["c", "b", "a"]
    assert [r.name for r in accounts.sort_rows(rows, "assessed")] == ["b", "c", "a"]
    assert [r.name for r in accounts.sort_rows(rows, "tier")] == ["c", "a", "b"]
    assert [r.name for r in accounts.sort_rows(rows, "owner")] == ["c", "b", "a"]
    for column in accounts.SORT_COLUMNS:
        assert sorted(r.name for r in accounts.sort_rows(rows, column)) == ["a", "b", "c"]


def test_default_owner_is_the_member_logged_in(demo_ws):
    ctx = Context(demo_ws, today=TODAY, user="sarah")
    owner = accounts.default_owner(ctx)
    from kamtui.services import settings as settings_service

    assert next(m.name for m in settings_service.members(ctx) if m.id == owner) == "Sarah Mitchell"
    assert accounts.default_owner(Context(demo_ws, today=TODAY, user="nobody")) is None


def test_overview_extras_come_from_the_plan(demo_ws):
    ctx = Context(demo_ws, today=TODAY)
    account_id = next(r.id for r in accounts.portfolio(ctx) if r.name.startswith("Harbourline"))
    ov = overview_service.overview(ctx, account_id)
    assert [d.value for d, _ in ov.org_holding()] == ["alliance"]
    assert sum(ov.people_per_department().values()) == len(ov.plan.active_people())
    assert ov.members[ov.plan.account.owner_id] == ov.owner_name == "Sarah Mitchell"
    assert len(ov.open_pitfalls) + len(ov.dismissed_pitfalls) == len(ov.pitfalls)
