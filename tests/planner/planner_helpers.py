"""What the planner tests read off the screen (widget text, never pixels), and small drivers."""

from __future__ import annotations

import datetime as dt

from textual.app import App
from textual.widgets import Static

from kamtui.domain.models import Activity
from kamtui.services.context import Context
from kamtui.store import activities as store_activities
from kamtui.store.tables import table_for

TODAY = dt.date(2026, 11, 26)
HOSTILE_NAMES = ("[red]x[/red]", "Q3 [/] notes", "[@click=app.quit]x[/]", "ACME [EU]")


def static_text(app: App, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    return content.plain if hasattr(content, "plain") else str(content)


def suggestion_lines(app: App) -> list[str]:
    """The planner's suggested activities as their rows read."""
    box = app.screen.query_one("#planner-suggest")
    return [box.get_option_at_index(i).prompt.plain for i in range(box.option_count)]


def screen_text(app: App) -> str:
    """The current screen as the terminal shows it."""
    update = app.screen._compositor.render_full_update(simplify=True)  # type: ignore[attr-defined]
    return "\n".join("".join(strip.text for strip in line) for line in update.strips)


def table_rows(table) -> list[str]:
    """Every row the table holds (shown or not), its cells joined by " | "; headings as they read."""
    if hasattr(table, "get_row_at"):  # the timeline (a DataTable)
        return [" | ".join(cell.plain for cell in table.get_row_at(i)) for i in range(table.row_count)]
    columns = [c for c, _ in table.shown_columns()]
    return [r.heading if r.kind == "group" else " | ".join(table.cells(r, c.key) for c in columns)
            for r in table.rows]


def item_keys(table) -> list[str]:
    return table.item_keys()


def select(screen, activity_id: str) -> None:
    table = screen.table
    index = table.index_of(activity_id)
    assert index is not None, f"{activity_id} is not shown"
    if hasattr(table, "move_to"):
        table.move_to(activity_id)
    else:
        table.move_cursor(row=index)


def activity(ctx_or_ws, activity_id: str) -> Activity:
    db = ctx_or_ws.db
    return table_for(Activity).get(db, activity_id)


def find(ctx: Context, account_id: str, objective_part: str) -> Activity:
    for a in store_activities.activities(ctx.db, account_id, include_archived=True):
        if objective_part in a.objective:
            return a
    raise AssertionError(f"no activity with {objective_part!r}")


async def open_planner(app: App, pilot, account_id: str, **kwargs):
    from kamtui.ui.screens.planner import PlannerScreen

    await app.push_screen(PlannerScreen(account_id, **kwargs))
    await pilot.pause()
    return app.screen


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)
