"""The conflict dialog at 80×24 in English and Chinese: two fields both sides changed, one
merged silently, their save at a fixed time; and the deleted-record variant.

Update with `--snapshot-update` after looking at the report; the SVGs live in __snapshots__/.
"""

from __future__ import annotations

import pytest

from kamtui.domain.models import Account, Competitor
from kamtui.services.context import changed
from kamtui.store import write
from kamtui.store.tables import table_for
from kamtui.ui.screens.account_overview import AccountOverviewScreen

from sync_helpers import THEIR_TIME, field, settle

HARBOUR = "45897612e6e154048ae20bcd4cc7b83d"
ACCENTURE = "711de48fe2235991911eca8df06fa7af"


def steady(app) -> None:
    from textual.widgets import Input

    for widget in app.query(Input):
        widget.cursor_blink = False


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_conflict_dialog(snap_compare, open_ws, make, lang):
    ws_a, ws_b = open_ws(), open_ws()

    async def conflict(pilot) -> None:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        field(pilot.app, "name").value = "Harbourline Bank (China) — Anna"
        field(pilot.app, "industry").value = "Retail banking"
        field(pilot.app, "region").value = "Pudong"
        with write(ws_b, who="bruno", now=THEIR_TIME) as tx:
            stored = table_for(Account).get(ws_b.db, HARBOUR)
            tx.update(changed(stored, {"name": "海港银行（中国）有限公司", "industry": "Banking, insurance and wealth",
                                       "short_name": "HLB"}))
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        steady(pilot.app)

    assert snap_compare(make(ws_a, lang=lang), terminal_size=(80, 24), run_before=conflict)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_conflict_dialog_deleted(snap_compare, open_ws, make, lang):
    ws_a, ws_b = open_ws(), open_ws()

    async def deleted(pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(AccountOverviewScreen(HARBOUR))
        await settle(pilot)
        pilot.app.screen.show_section("competitors")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        field(pilot.app, "name").value = "Accenture China"
        with write(ws_b, who="bruno", now=THEIR_TIME) as tx:
            tx.delete(table_for(Competitor).get(ws_b.db, ACCENTURE))
        await pilot.press("ctrl+s")
        await settle(pilot)
        steady(pilot.app)

    assert snap_compare(make(ws_a, lang=lang), terminal_size=(80, 24), run_before=deleted)
