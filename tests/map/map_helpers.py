"""Helpers of the stakeholder-map tests."""

from __future__ import annotations

import datetime as dt

TODAY = dt.date(2026, 11, 26)
TELECOM = "华信移动上海"
BANK = "Harbourline"


def make(ws, lang: str = "en"):
    from kamtui.ui.app import make_app

    return make_app(ws, today=TODAY, lang=lang, user="tester")


def account_id(ctx, short_name: str) -> str:
    from kamtui.services import accounts

    return next(r.id for r in accounts.portfolio(ctx) if r.short_name == short_name)


async def open_map(app, pilot, short_name: str = TELECOM):
    """Push the map of a demo account and let it finish its first read."""
    from kamtui.ui.screens.stakeholder_map import StakeholderMapScreen

    screen = StakeholderMapScreen(account_id(app.ctx, short_name))
    await app.push_screen(screen)
    await pilot.pause()
    await pilot.pause()
    return screen


def screen_text(app) -> str:
    """What the terminal shows, as plain text lines."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


def person_named(ctx, account: str, name: str):
    from kamtui.services import people

    return next(p for p in people.people(ctx, account) if p.name == name)
