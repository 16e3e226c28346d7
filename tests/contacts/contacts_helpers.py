"""What the contact import tests share: a context, an account to import into, and the
account's people as the import left them (name -> title, e-mail, department path, manager,
phone)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kamtui.services.context import Context

TODAY = dt.date(2026, 11, 26)


def ctx_of(ws) -> Context:
    return Context(ws, today=TODAY, user="tester")


def new_account(ctx: Context, name: str = "Huaxin Mobile") -> str:
    from kamtui.services import accounts

    return accounts.create(ctx, {"name": name}).id


def department_paths(ctx: Context, account_id: str) -> dict[str, str]:
    from kamtui.services import people

    depts = {d.id: d for d in people.departments(ctx, account_id)}

    def path(dept_id: str | None) -> str:
        parts = []
        while dept_id in depts:
            parts.append(depts[dept_id].name)
            dept_id = depts[dept_id].parent_id
        return " / ".join(reversed(parts))

    return {d: path(d) for d in depts}


def stored(ctx: Context, account_id: str) -> dict[str, tuple]:
    from kamtui.services import people

    persons = people.people(ctx, account_id)
    names = {p.id: p.name for p in persons}
    paths = department_paths(ctx, account_id)
    return {p.name: (p.title, p.email, paths.get(p.department_id or "", ""), names.get(p.reports_to_id or "", ""),
                     p.phone) for p in persons}


def run_import(ctx: Context, account_id: str, path: Path, **options):
    from kamtui.services.contacts import apply

    maps = options.pop("maps", ())
    prepared = apply.prepare(path, maps=maps, sheet=options.pop("sheet", None),
                             encoding=options.pop("encoding", None), preset=options.pop("preset", None))
    return apply.import_contacts(ctx, account_id, prepared, **options)


# -- the map's import dialog ----------------------------------------------------------------------
TELECOM = "华信移动上海"


def make_app(ws, lang: str = "en"):
    from kamtui.ui.app import make_app as build

    return build(ws, today=TODAY, lang=lang, user="tester")


def account_named(ctx: Context, short_name: str) -> str:
    from kamtui.services import accounts

    return next(r.id for r in accounts.portfolio(ctx) if r.short_name == short_name)


async def open_map(app, pilot, short_name: str = TELECOM):
    from kamtui.ui.screens.stakeholder_map import StakeholderMapScreen

    screen = StakeholderMapScreen(account_named(app.ctx, short_name))
    await app.push_screen(screen)
    await pilot.pause()
    await pilot.pause()
    return screen


async def settle(pilot, until, seconds: float = 20.0) -> None:
    """Let the dialog's worker run until `until()` holds."""
    for _ in range(int(seconds / 0.02)):
        await pilot.pause(0.02)
        if until():
            await pilot.pause()
            return
    raise AssertionError("timed out waiting for the dialog's worker")


async def check_file(pilot, dialog, path: str) -> None:
    """Type a path into the dialog, press ctrl+s, wait for the preview (or the failure)."""
    from textual.widgets import Input

    dialog.query_one("#plan-path", Input).value = path
    await pilot.press("ctrl+s")
    await settle(pilot, lambda: not dialog.busy)


def text_of(app, selector: str) -> str:
    from textual.widgets import Static

    content = app.screen.query_one(selector, Static).content
    return content.plain if hasattr(content, "plain") else str(content)
