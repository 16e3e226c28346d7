"""The change history of a person, a department, an activity and an account (issue 15.5):
key H shows who changed what, when, before → after, from the audit log, in the reader's
language (the overview, the map and the planner)."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from kamtui.domain.enums import ActivityStatus, Attitude
from kamtui.services import activities, change_log, people
from kamtui.services.context import Context
from kamtui.ui.screens.change_history import ChangeHistoryDialog
from kamtui.store import people as store_people
from kamtui.store import activities as store_activities
from map_helpers import BANK, TODAY, account_id, make, open_map, person_named
from test_map_edits import select_in_chain, select_in_tree


def _shown(app) -> str:
    assert isinstance(app.screen, ChangeHistoryDialog)
    content = app.screen.query_one("#changes-rows", Static).content
    return getattr(content, "plain", str(content))


@pytest.fixture
def changed(demo_ws):
    """Alice makes Daniel Ng an advocate and moves him under another manager."""
    ctx = Context(demo_ws, today=TODAY, user="alice")
    bank = account_id(ctx, BANK)
    daniel = person_named(ctx, bank, "Daniel Ng")
    boss = next(p for p in people.people(ctx, bank) if p.id not in (daniel.id, daniel.reports_to_id))
    people.edit_person(ctx, daniel, {"attitude": Attitude.advocate, "reports_to_id": boss.id})
    return ctx, bank, daniel, boss


def test_the_service_reads_a_records_changes_newest_first(changed):
    ctx, bank, daniel, boss = changed
    h = change_log.record_history(ctx, "person", daniel.id)
    latest = h.entries[0]
    assert (latest.who, latest.action, latest.entity_id) == ("alice", "update", daniel.id)
    got = {c.field: (c.before, c.after) for c in latest.changes}
    assert got["attitude"] == (daniel.attitude.value, "advocate")
    assert got["reports_to_id"][1] == boss.id and h.names[boss.id] == boss.name
    assert "version" not in got
    whole = change_log.account_history(ctx, bank)
    assert whole.entries[0] == latest  # the account's log holds its people's changes


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_H_on_the_map_shows_a_persons_changes_in_the_readers_language(demo_ws, changed, lang):
    ctx, bank, daniel, boss = changed
    app = make(demo_ws, lang=lang)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_map(app, pilot, BANK)
        await select_in_chain(app, pilot, "Daniel Ng")
        await pilot.press("H")
        await pilot.pause()
        text = _shown(app)
        before = daniel.attitude.label(lang)
        after = Attitude.advocate.label(lang)
        if lang == "en":
            assert "alice · changed" in text and f"Attitude: {before} → {after}" in text
            assert "Reports to: " in text and f"→ {boss.name}" in text
        else:
            assert "alice · 修改" in text and f"态度: {before} → {after}" in text
        assert "Daniel Ng" in str(app.screen.query_one("#changes-title", Static).content)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ChangeHistoryDialog)


async def test_H_on_the_map_shows_a_departments_changes(demo_ws):
    ctx = Context(demo_ws, today=TODAY, user="bob")
    bank = account_id(ctx, BANK)
    dept = store_people.departments(ctx.db, bank)[0]  # a top-level one: shown without expanding
    people.edit_department(ctx, dept, {"importance": 3 if dept.importance != 3 else 1})
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_map(app, pilot, BANK)
        screen.show_view("organization")
        await pilot.pause()
        await select_in_tree(app, pilot, dept.id)
        assert screen.person_id is None and screen.department_id == dept.id
        await pilot.press("H")
        await pilot.pause()
        text = _shown(app)
        assert "bob · changed" in text and f"Importance: {dept.importance} → " in text


async def test_H_in_the_planner_shows_an_activitys_changes(demo_ws):
    from kamtui.ui.screens.planner import PlannerScreen

    ctx = Context(demo_ws, today=TODAY, user="carol")
    bank = account_id(ctx, BANK)
    act = next(a for a in store_activities.activities(ctx.db, bank) if a.status == ActivityStatus.planned)
    activities.advance(ctx, act)
    app = make(demo_ws, lang="zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(PlannerScreen(bank, select=act.id))
        await pilot.pause()
        await pilot.press("H")
        await pilot.pause()
        text = _shown(app)
        assert "carol · 修改" in text
        assert f"状态: {ActivityStatus.planned.label('zh')} → {ActivityStatus.in_progress.label('zh')}" in text


async def test_H_on_the_overview_shows_the_account_or_the_selected_record(demo_ws, changed):
    from kamtui.ui.screens.account_overview import AccountOverviewScreen

    ctx, bank, daniel, _ = changed
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = AccountOverviewScreen(bank)
        await app.push_screen(screen)
        await pilot.pause()
        await pilot.press("H")  # the first section (pitfalls) has no records: the account's log
        await pilot.pause()
        text = _shown(app)
        assert "alice · changed person Daniel Ng" in text
        await pilot.press("escape")
        await pilot.pause()
        while screen.section != "people":
            await pilot.press("right_square_bracket")
            await pilot.pause()
        screen.table("people").move_to(daniel.id)
        await pilot.pause()
        await pilot.press("H")
        await pilot.pause()
        assert "Daniel Ng" in str(app.screen.query_one("#changes-title", Static).content)
        assert "changed person" not in _shown(app)  # one record: no need to name it per entry
        assert "Attitude:" in _shown(app)


async def test_H_is_in_help_and_the_palette(demo_ws):
    from kamtui.ui.screens.planner import PlannerScreen

    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_map(app, pilot, BANK)
        await select_in_chain(app, pilot, "Daniel Ng")
        assert "person: change history" in [t for t, _, _ in screen.commands()]
        await app.push_screen(PlannerScreen(account_id(app.ctx, BANK)))
        await pilot.pause()
        assert "plan: activity change history" in [t for t, _, _ in app.screen.commands()]
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Who changed the selected activity" in "\n".join(
            str(getattr(w, "content", "")) for w in app.screen.query("*"))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_change_history_snapshot(snap_compare, demo_ws, changed, size, lang):
    async def run_before(pilot):
        await open_map(pilot.app, pilot, BANK)
        await select_in_chain(pilot.app, pilot, "Daniel Ng")
        await pilot.press("H")
        await pilot.pause()

    # the audit times are the clock's: the snapshot shows them as one fixed time
    with Context(demo_ws, today=TODAY).write() as tx:
        tx.db.execute("UPDATE audit SET at = '2026-11-26T09:30:00+00:00'")
    assert snap_compare(make(demo_ws, lang=lang), terminal_size=size, run_before=run_before)
