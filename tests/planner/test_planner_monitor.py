"""Monitoring, suggestions against the demo's short boards, compliance totals, views, language."""

from __future__ import annotations

import datetime as dt

import pytest

from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import ComplianceCategory, Layer, OrgLevel
from kamtui.domain.rules.suggest import Reason
from kamtui.services import activities
from kamtui.store import people as store_people
from planner_helpers import find, open_planner, screen_text, select, static_text, suggestion_lines, table_rows

# What the demo's short boards look like on 2026-11-26 and which layers' gaps no open activity
# works on (the suggestions' layers), with the red flag to clear first.
DEMO_BOARDS = {
    "Harbourline": ({Layer.organization, Layer.key}, "Daniel Ng", "Information Security", "Daniel Ng"),
    "Rheinwerk": ({Layer.organization, Layer.key, Layer.extensive}, "Jörg Hartmann", "Purchasing", "Markus Klein"),
    "华信移动上海": ({Layer.organization, Layer.key}, "高志远", "计划建设部", None),
    "江淮电网江苏": ({Layer.organization, Layer.key}, "孔令军", "设备管理部", "孔令军"),
}


@pytest.mark.parametrize("short", sorted(DEMO_BOARDS))
def test_suggestions_follow_the_demo_next_steps(ctx, accounts, short):
    layers, key_person, ext_dept, flagged = DEMO_BOARDS[short]
    plan = activities.load(ctx, accounts[short])
    assert plan.boards[Layer.key].en.startswith(key_person)
    assert plan.boards[Layer.extensive].en.startswith(ext_dept)
    found = plan.suggestions()
    assert {s.layer for s in found} == layers
    for s in found:
        assert s.type.spec.layer == s.layer and s.type.spec.scope == s.scope
    if flagged:  # a red flag leads
        assert found[0].reason in (Reason.key_threat, Reason.key_unknown)
        assert plan.people[found[0].person_ids[0]].name == flagged
    # the level strategy: at supplier the key people come first, at strategic supplier the organization
    rest = [s.layer for s in found if s.reason not in (Reason.key_threat, Reason.key_unknown)]
    level = plan.next_step.org.level
    assert rest[0] == (Layer.organization if level == OrgLevel.strategic_supplier else Layer.key)


def test_an_activity_on_a_gap_removes_its_suggestion(ctx, accounts):
    auto = accounts["Rheinwerk"]
    plan = activities.load(ctx, auto)
    board = next(s for s in plan.suggestions() if s.layer == Layer.extensive)
    activities.create(ctx, {"account_id": auto, "type": ActivityType.onsite_meeting,
                            "target_department_id": board.department_id, "planned_on": dt.date(2026, 12, 2)})
    assert Layer.extensive not in {s.layer for s in activities.load(ctx, auto).suggestions()}
    # naming the dimension in the short-board text is enough for the organization layer
    rise = next(s for s in plan.suggestions() if s.reason == Reason.org_rise)
    activities.create(ctx, {"account_id": auto, "type": ActivityType.exec_workshop,
                            "short_board": f"raise {rise.dimension.label('en')}", "planned_on": dt.date(2027, 1, 5)})
    left = activities.load(ctx, auto).suggestions()
    assert rise.dimension not in {s.dimension for s in left if s.reason == Reason.org_rise}


@pytest.mark.parametrize("lang, words", [("en", ("⚑ Overseas visit with Markus Klein", "CXO mutual visit: Communication 2 → 3")),
                                         ("zh", ("⚑ 出国考察：Markus Klein", "高层互访：沟通 2 → 3"))])
async def test_planner_shows_monitoring_and_suggestions(demo_ws, make, accounts, lang, words):
    app = make(demo_ws, lang=lang)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_planner(app, pilot, accounts["Rheinwerk"])
        monitor = static_text(app, "#planner-monitor")
        suggest = "\n".join(suggestion_lines(app))
    for w in words:
        assert w in suggest
    if lang == "en":
        assert "Org Supplier → Strategic supplier by 2027-06-30" in monitor
        assert "Key 11 → 35 by 2027-03-31" in monitor
        assert "Next 30 days: 12-05 Department social · 12-10 Reference-site visit" in monitor
        assert "!overdue 1" in monitor  # the October sponsor meeting is still open
        assert "On-site meeting with Purchasing: Negatives contained 1 → 2" in suggest
    else:
        assert "组织 供应商 → 战略级供应商（2027-06-30）" in monitor
        assert "现场会：Purchasing 负面不扩散 1 → 2" in suggest


def test_monitor_counts(ctx, accounts):
    plan = activities.load(ctx, accounts["江淮电网江苏"])
    by = {m.layer: m for m in plan.monitor()}
    ext = by[Layer.extensive]
    assert (ext.planned, ext.in_progress, ext.done, ext.cancelled, ext.overdue) == (2, 1, 1, 1, 1)
    assert by[Layer.organization].current.value == "supplier"
    assert by[Layer.key].target.index == 30.0
    assert [a.planned_on for a in plan.agenda(30)] == [dt.date(2026, 12, 3), dt.date(2026, 12, 15)]
    assert [a.type for a in plan.overdue()] == [ActivityType.special_study_tour, ActivityType.gift]


def test_yearly_totals_per_person(ctx, accounts):
    bank = accounts["Harbourline"]
    people = {p.name: p.id for p in store_people.people(ctx.db, bank)}
    becker, kevin = people["Thomas Becker"], people["Kevin Wu"]
    # the October dinner (650, shared by two) and the planned year-end gift (1,500, shared by two)
    assert [(t.category, t.total, t.limit) for t in activities.person_compliance_totals(ctx, becker, 2026)] == [
        (ComplianceCategory.entertainment, 325.0, 3000.0)]
    totals = {t.category: t for t in activities.person_compliance_totals(ctx, kevin, 2026)}
    assert totals[ComplianceCategory.gift].total == 750.0 and totals[ComplianceCategory.entertainment].total == 325.0
    assert activities.person_compliance_totals(ctx, kevin, 2025) == []
    plan = activities.load(ctx, bank)
    assert plan.totals_of(kevin, 2026) == activities.person_compliance_totals(ctx, kevin, 2026)
    # small gifts (each under the 500 per-activity threshold) add up past the 2,000 a year
    def small_gift(day: int):
        return activities.create(ctx, {"account_id": bank, "type": ActivityType.gift, "target_person_ids": [kevin],
                                       "planned_on": dt.date(2026, 12, day), "cost": 450.0})

    first = [small_gift(22), small_gift(23)]
    assert not activities.load(ctx, bank).check(first[0]).needs_approval  # 1,650 so far
    made = small_gift(24)
    over = {t.category: t for t in activities.person_compliance_totals(ctx, kevin, 2026)}[ComplianceCategory.gift]
    assert over.total == 2100.0 and over.over
    check = activities.load(ctx, bank).check(made)
    assert check.needs_approval and kevin in check.over_person and not check.over_activity
    # cancelled activities do not count
    activities.cancel(ctx, made, "budget")
    assert {t.category: t for t in activities.person_compliance_totals(ctx, kevin, 2026)}[
        ComplianceCategory.gift].total == 1650.0


async def test_planner_shows_each_targets_yearly_total(demo_ws, make, ctx, accounts):
    bank = accounts["Harbourline"]
    dinner = find(ctx, bank, "Dinner with Thomas Becker")
    app = make(demo_ws, lang="zh")
    async with app.run_test(size=(120, 36)) as pilot:
        planner = await open_planner(app, pilot, bank)
        select(planner, dinner.id)
        await pilot.pause()
        detail = static_text(app, "#planner-detail")
    assert "娱乐：已合规审查 · 2026 年每人累计：Thomas Becker 325 / 3,000, Kevin Wu 325 / 3,000" in detail


async def test_overdue_rows_carry_a_mark_and_a_word(demo_ws, make, ctx, accounts):
    tel = accounts["华信移动上海"]
    dinner = find(ctx, tel, "晚餐")  # 2026-11-12, still planned: overdue
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        planner = await open_planner(app, pilot, tel)
        rows = table_rows(planner.table)
        row = rows[planner.table.index_of(dinner.id)]
        assert row.startswith("!$") and "! overdue" in row
        select(planner, dinner.id)
        await pilot.pause()
        assert static_text(app, "#planner-detail").startswith("! overdue")
        assert app.screen.query_one("#planner-detail").has_class("-overdue")
        on_time = find(ctx, tel, "年终联谊")
        assert not rows[planner.table.index_of(on_time.id)].startswith("!")


async def test_timeline_and_back_keep_the_selection(demo_ws, make, ctx, accounts):
    bank = accounts["Harbourline"]
    signing = find(ctx, bank, "framework contract")  # 2027-02-25
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        planner = await open_planner(app, pilot, bank)
        select(planner, signing.id)
        await pilot.press("v")
        await pilot.pause()
        assert planner.view == "timeline" and planner.current_id == signing.id
        assert static_text(app, "#planner-title").startswith("Timeline")
        timeline = planner.table
        months = [str(c.label).split("\n")[1] for c in timeline.ordered_columns[2:]]
        assert months[:3] == ["Sep", "Oct", "Nov"]
        row = timeline.get_row_at(timeline.index_of(signing.id))
        assert [c.plain for c in row[2:] if c.plain] == ["○25"]
        assert row[2 + months.index("Feb")].plain == "○25"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert [str(c.label).split("\n")[1] for c in planner.table.ordered_columns[2:]][0] == "Aug"
        await pilot.press("v")
        await pilot.pause()
        assert planner.view == "list" and planner.current_id == signing.id


async def test_language_switch_relabels_everything(demo_ws, make, accounts):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        planner = await open_planner(app, pilot, accounts["江淮电网江苏"])
        assert "Activities ·" in static_text(app, "#planner-title")
        await pilot.press("L")
        await pilot.pause()
        text = screen_text(app)
        assert "拓展活动 ·" in text and "计划中" in text and "未来 30 天" in text
        assert "新建" in text and "筛选" in text
        assert [c.title for c in planner.table.columns][1:3] == ["活动", "对象"]


async def test_help_lists_every_planner_key(demo_ws, make, accounts):
    from kamtui.ui.screens.help import HelpDialog

    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        planner = await open_planner(app, pilot, accounts["Harbourline"])
        keys = dict(planner.help_rows())
        for key in ("v", "f", "n", "e", "space", "c", "a", "d", "r", "i", "escape", "[", "]"):
            assert key in keys, key
        assert "planned → in progress → done" in keys["space"]
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)


@pytest.mark.parametrize("lang, prefix", [("en", "plan: "), ("zh", "计划：")])
async def test_palette_entries(demo_ws, make, accounts, lang, prefix):
    app = make(demo_ws, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        planner = await open_planner(app, pilot, accounts["Harbourline"])
        entries = planner.commands()
        titles = [title for title, _, _ in entries]
        assert len(titles) == 13 and all(t.startswith(prefix) for t in titles)  # 10 verbs, search, suggestions, changes
        assert all(help_text and callable(cb) for _, help_text, cb in entries)
        system = [c.title for c in app.get_system_commands(planner)]
        assert set(titles) <= set(system)
