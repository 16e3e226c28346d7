"""The four views at 80×24 and 120×36, in English and Chinese, on the demo telecom account."""

from __future__ import annotations

import pytest
from map_helpers import TELECOM, account_id, make

VIEWS = {"organization": 0, "chain": 1, "grid": 2, "coverage": 3}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_map_view_snapshot(demo_ws, snap_compare, view, size, lang):
    app = make(demo_ws, lang)

    async def open_view(pilot):
        from kamtui.ui.screens.stakeholder_map import StakeholderMapScreen

        await app.push_screen(StakeholderMapScreen(account_id(app.ctx, TELECOM)))
        await pilot.pause()
        for _ in range(VIEWS[view]):
            await pilot.press("v")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_view)
