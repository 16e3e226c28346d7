"""The account overview: three layers, pitfalls, activities, and the simple forms."""

from __future__ import annotations

import asyncio
import time

import pytest

from ui_helpers import TODAY, footer_keys, static_text, table_lines

from kamtui.domain.enums import Attitude, ChainRole
from kamtui.domain.models import Account, Department, Person
from kamtui.services import accounts, people
from kamtui.services import overview as overview_service
from kamtui.services.context import Context
from kamtui.ui.screens.account_overview import AccountOverviewScreen
from kamtui.ui.screens.form import FormDialog

HARBOUR = "Harbourline Bank (China) Co., Ltd."


def ctx_of(ws) -> Context:
    return Context(ws, today=TODAY, user="tester")


def harbour_id(ws) -> str:
    return next(r.id for r in accounts.portfolio(ctx_of(ws)) if r.name == HARBOUR)


async def open_overview(app, pilot, account_id: str) -> AccountOverviewScreen:
    await pilot.pause()
    app.screen.table.move_to(account_id)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, AccountOverviewScreen)
    return app.screen


async def test_three_layers_side_by_side_with_what_holds_each_down(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_overview(app, pilot, harbour_id(demo_ws))
        assert app.selected_account_id == screen.account_id
        org, key, ext = (static_text(app, f"#ov-{n}") for n in ("org", "key", "ext"))
        assert "Strategic supplier" in org and "held down by: Corporate alliance (2)" in org
        assert "goal: Strategic supplier · 2027-03-31" in org
        assert "Key 33 · Cover 89%" in key and "Daniel Ng: threat, influence 4" in key
        # every card says what its figures are measured on
        assert app.screen.query_one("#ov-key").border_subtitle == "assessed 2026-09-08"
        assert "⚑" in key and screen.query_one("#ov-key").has_class("-alert")
        assert "index 40" in ext and "Information Security · Information access (1)" in ext
        cards = [screen.query_one(f"#ov-{n}") for n in ("org", "key", "ext")]
        assert cards[0].region.y == cards[1].region.y == cards[2].region.y  # side by side
        assert cards[0].border_title == "Organization relationship"
        title = static_text(app, "#ov-title")
        assert HARBOUR in title and "owner Sarah Mitchell" in title


async def test_open_pitfalls_show_the_data_that_triggered_them(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_overview(app, pilot, harbour_id(demo_ws))
        text = static_text(app, "#ov-pitfalls")
        ov = overview_service.overview(ctx_of(demo_ws), harbour_id(demo_ws))
        for pitfall in ov.open_pitfalls:
            assert pitfall.key.label("en") in text
            assert pitfall.detail("en") in text
            for datum in pitfall.data:
                assert datum in text
        assert "Gift 2026-12-20" in text  # the compliance pitfall's data, literally


async def test_activities_tab_lists_overdue_and_next(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_overview(app, pilot, harbour_id(demo_ws))
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.section == "activities"
        text = static_text(app, "#ov-activities")
        assert "Overdue" in text and "! 2026-11-10  Business exchange" in text
        assert "Next" in text and "2026-11-30  Training" in text
        assert text.index("Overdue") < text.index("Next")


async def test_competitors_are_listed_added_and_edited(demo_ws, make):
    app = make(demo_ws)
    account_id = harbour_id(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_overview(app, pilot, account_id)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert screen.section == "competitors"
        assert [c.name for c in screen.table("competitors").rows] == ["Accenture", "Cisco", "IBM"]
        await pilot.press("n")
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Huawei", "ctrl+s")
        await pilot.pause()
        stored = people.competitors(ctx_of(demo_ws), account_id)
        assert "Huawei" in [c.name for c in stored]
        assert screen.table("competitors").current.name == "Huawei"
        assert "Competitors (4)" in str(screen.query_one("#ov-tabs").get_tab("tab-competitors").label)
        await pilot.press("e")
        app.screen.query_one("#field-name").value = "Huawei Technologies"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Huawei Technologies" in [c.name for c in people.competitors(ctx_of(demo_ws), account_id)]


async def test_people_are_added_and_edited_with_a_simple_form(demo_ws, make):
    app = make(demo_ws)
    account_id = harbour_id(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_overview(app, pilot, account_id)
        for _ in range(4):
            await pilot.press("right_square_bracket")
        assert screen.section == "people"
        assert len(screen.table("people").rows) == 17
        await pilot.press("n")
        form = app.screen
        form.query_one("#field-name").value = "王强"
        form.query_one("#field-title").value = "CIO"
        form.query_one("#field-role").value = ChainRole.decision_maker
        form.query_one("#field-attitude").value = Attitude.advocate
        form.query_one("#field-influence").value = "5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        added = next(p for p in people.people(ctx_of(demo_ws), account_id) if p.name == "王强")
        assert added.role == ChainRole.decision_maker and added.attitude == Attitude.advocate
        assert added.influence == 5 and not added.leaning_known
        assert screen.table("people").current.id == added.id
        line = next(line for line in table_lines(app, "#ov-people") if "王强" in line)
        assert line.startswith("++")  # attitude by symbol as well as word
        await pilot.press("e")
        app.screen.query_one("#field-attitude").value = Attitude.threat
        await pilot.press("ctrl+s")
        await pilot.pause()
        edited = next(p for p in people.people(ctx_of(demo_ws), account_id) if p.id == added.id)
        assert edited.attitude == Attitude.threat and edited.version == added.version + 1


async def test_an_invalid_influence_is_named_and_nothing_is_saved(demo_ws, make):
    app = make(demo_ws, lang="zh")
    account_id = harbour_id(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_overview(app, pilot, account_id)
        screen.show_section("people")
        await pilot.press("n")
        form = app.screen
        form.query_one("#field-name").value = "Li"
        form.query_one("#field-influence").value = "9"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "影响力" in static_text(app, "#error-influence")
        assert "Li" not in [p.name for p in people.people(ctx_of(demo_ws), account_id)]


async def test_departments_are_added_and_edited(demo_ws, make):
    app = make(demo_ws)
    account_id = harbour_id(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_overview(app, pilot, account_id)
        await pilot.press("left_square_bracket")  # wraps around to the last section
        assert screen.section == "departments"
        await pilot.press("n")
        app.screen.query_one("#field-name").value = "Digital Channels 数字渠道"
        app.screen.query_one("#field-importance").value = 3
        await pilot.press("ctrl+s")
        await pilot.pause()
        dept = next(d for d in people.departments(ctx_of(demo_ws), account_id) if d.name.startswith("Digital"))
        assert dept.importance == 3
        assert screen.table("departments").current.id == dept.id
        await pilot.press("e")
        app.screen.query_one("#field-business_line").value = "Retail"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert people.departments(ctx_of(demo_ws), account_id)[0].account_id == account_id
        assert next(d for d in people.departments(ctx_of(demo_ws), account_id)
                    if d.id == dept.id).business_line == "Retail"


def dept_named(ws, account_id: str, name: str) -> Department:
    return next(d for d in people.departments(ctx_of(ws), account_id) if d.name == name)


async def edit_department(app, pilot, screen, dept: Department) -> FormDialog:
    if screen.section != "departments":
        await pilot.press("left_square_bracket")  # wraps around to the last section
    assert screen.section == "departments"
    assert screen.table("departments").move_to(dept.id)
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, FormDialog)
    return app.screen


async def test_the_department_form_offers_no_place_under_itself(demo_ws, make):
    """"Part of" lists neither the department nor any department below it."""
    app = make(demo_ws)
    account_id = harbour_id(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_overview(app, pilot, account_id)
        top = dept_named(demo_ws, account_id, "Executive Committee")
        tech = dept_named(demo_ws, account_id, "Technology & Operations")
        below_tech = {dept_named(demo_ws, account_id, n).id for n in ("Information Security", "Infrastructure & Cloud")}
        form = await edit_department(app, pilot, screen, tech)
        offered = form.query_one("#field-parent_id")._legal_values
        assert tech.id not in offered and not below_tech & offered
        assert {top.id, dept_named(demo_ws, account_id, "Procurement").id} <= offered
        await pilot.press("escape")
        await pilot.pause()
        form = await edit_department(app, pilot, screen, top)  # everything is below the top
        assert not {d.id for d in people.departments(ctx_of(demo_ws), account_id)} & form.query_one(
            "#field-parent_id")._legal_values


async def test_a_department_saved_under_its_own_sub_department_is_refused(demo_ws, make):
    """The form offered Procurement; before the save, someone else put Procurement under Risk &
    Compliance: saving Risk & Compliance under Procurement now would make a loop (and leave the
    map without a root for both), so it is refused and nothing is saved."""
    app = make(demo_ws)
    account_id = harbour_id(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_overview(app, pilot, account_id)
        risk = dept_named(demo_ws, account_id, "Risk & Compliance")
        procurement = dept_named(demo_ws, account_id, "Procurement")
        form = await edit_department(app, pilot, screen, risk)
        assert procurement.id in form.query_one("#field-parent_id")._legal_values
        people.move_department(Context(demo_ws, today=TODAY, user="bob"), procurement, risk.id)
        form.query_one("#field-parent_id").value = procurement.id
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # still open, saying why
        assert "cannot move under itself" in static_text(app, "#error-parent_id")
        assert dept_named(demo_ws, account_id, "Risk & Compliance").parent_id == risk.parent_id
        assert dept_named(demo_ws, account_id, "Procurement").parent_id == risk.id


async def test_E_edits_the_account_and_the_title_follows(demo_ws, make):
    app = make(demo_ws)
    account_id = harbour_id(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_overview(app, pilot, account_id)
        await pilot.press("E")
        app.screen.query_one("#field-industry").value = "Private banking"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert accounts.get(ctx_of(demo_ws), account_id).industry == "Private banking"
        assert "Private banking" in static_text(app, "#ov-title")


async def test_overview_in_chinese_and_after_switching_language(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_overview(app, pilot, harbour_id(demo_ws))
        assert "Pitfalls (4)" in str(screen.query_one("#ov-tabs").get_tab("tab-pitfalls").label)
        await pilot.press("L")
        assert "战略级供应商" in static_text(app, "#ov-org")
        assert "受限于" in static_text(app, "#ov-org") and "企业联合 (2)" in static_text(app, "#ov-org")
        assert "短木板" in static_text(app, "#ov-ext")
        assert "常见问题 (4)" in str(screen.query_one("#ov-tabs").get_tab("tab-pitfalls").label)
        assert "隐性决策链未挖掘" in static_text(app, "#ov-pitfalls")
        assert footer_keys(app)["n"] == "添加"
        await pilot.press("escape")
        assert "组织关系" in table_lines(app)[0]  # the portfolio below was relabelled too


async def test_add_is_disabled_on_sections_without_records(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test() as pilot:
        screen = await open_overview(app, pilot, harbour_id(demo_ws))
        assert screen.section == "next"  # the overview opens on the next step
        assert screen.check_action("new", ()) is None and screen.check_action("edit", ()) is None
        await pilot.press("n")
        assert app.screen is screen


async def test_an_unassessed_account_says_so(demo_ws, make):
    account = accounts.create(ctx_of(demo_ws), {"name": "Fresh Start"})
    app = make(demo_ws)
    async with app.run_test() as pilot:
        await open_overview(app, pilot, account.id)
        for card in ("org", "key", "ext"):
            assert "not assessed yet" in static_text(app, f"#ov-{card}")
        assert "No open activities." in static_text(app, "#ov-activities")


async def test_user_data_in_the_overview_stays_literal(demo_ws, make):
    ctx = ctx_of(demo_ws)
    account = accounts.create(ctx, {"name": "ACME [EU]", "industry": "Q3 [/] notes"})
    people.add_competitor(ctx, {"account_id": account.id, "name": "[red]x[/red]"})
    people.add_person(ctx, {"account_id": account.id, "name": "[@click=app.quit]x[/]",
                            "role": "decision_maker"})
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_overview(app, pilot, account.id)
        assert "ACME [EU]" in static_text(app, "#ov-title") and "Q3 [/] notes" in static_text(app, "#ov-title")
        screen.show_section("competitors")
        await pilot.pause()
        assert any("[red]x[/red]" in line for line in table_lines(app, "#ov-competitors"))
        screen.show_section("people")
        await pilot.pause()
        assert any("[@click=app.quit]x[/]" in line for line in table_lines(app, "#ov-people"))
        assert "[@click=app.quit]x[/]" in static_text(app, "#ov-pitfalls")  # pitfall data, literally


async def test_a_2000_person_account_opens_like_a_small_one(demo_ws, make):
    ctx = ctx_of(demo_ws)
    big = Account(name="Big Org")
    small = accounts.create(ctx, {"name": "Small Org"})
    dept = Department(account_id=big.id, name="Everyone")
    crowd = [Person(account_id=big.id, department_id=dept.id, name=f"Person {i:04d}", influence=1 + i % 5)
             for i in range(2000)]
    with ctx.write() as tx:
        tx.insert_many([big, dept, *crowd])
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        times = {}
        for account_id in (small.id, big.id):
            started = time.perf_counter()
            screen = await open_overview(app, pilot, account_id)
            times[account_id] = time.perf_counter() - started
            if account_id == big.id:
                screen.show_section("people")
                await pilot.pause()
                lines = table_lines(app, "#ov-people")
                assert len(screen.table("people").rows) == 2000
                assert len(lines) < 30 and "Person 0000" in lines[1]
            await pilot.press("escape")
        assert times[big.id] < max(1.0, 4 * times[small.id])


async def test_overview_keys_are_in_help_and_the_palette(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_overview(app, pilot, harbour_id(demo_ws))
        titles = [c.title for c in app.get_system_commands(screen)]
        for title in ("account: edit", "competitor: add", "person: add", "department: add",
                      "view: next section", "view: previous section", "view: back"):
            assert title in titles, title
        keys = dict(screen.help_rows())
        for key in ("escape", "n", "e", "enter", "E", "]", "["):
            assert key in keys, key
        await pilot.press("L")
        assert "人员：添加" in [c.title for c in app.get_system_commands(screen)]


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_question_mark_says_what_the_figures_are_measured_on(demo_ws, make, lang, isolated_screens):
    from kamtui.ui.i18n import t
    from kamtui.ui.screens.account_overview import AccountOverviewScreen
    from kamtui.ui.screens.help import HelpDialog
    from kamtui.ui.screens.stakeholder_map import StakeholderMapScreen

    async def help_rows():
        await pilot.press("question_mark")
        await pilot.pause(0.3)
        assert isinstance(app.screen, HelpDialog)
        rows = app.screen.rows
        await pilot.press("escape")
        await pilot.pause()
        return rows

    async def go(key, screen):
        await pilot.press(key)
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, screen):
                return
        raise AssertionError(f"{key} did not open {screen.__name__}")

    isolated_screens["map"] = StakeholderMapScreen  # key 3 (this folder isolates them)
    app = make(demo_ws, lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        note = (t("help.figures", lang), t("help.figures.portfolio", lang))
        assert note in await help_rows()
        await go("enter", AccountOverviewScreen)
        assert (t("help.figures", lang), t("help.figures.overview", lang)) in await help_rows()
        await go("3", StakeholderMapScreen)
        assert (t("help.figures", lang), t("help.figures.map", lang)) in await help_rows()


async def test_the_next_step_says_what_it_takes_per_layer(demo_ws, make):
    ov = overview_service.overview(ctx_of(demo_ws), harbour_id(demo_ws))
    step = ov.next_step
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_overview(app, pilot, harbour_id(demo_ws))
        assert screen.section == "next"
        text = static_text(app, "#ov-next")
    assert "As assessed on 2026-09-08" in text
    # organization: the smallest rises that reach Partner, and the evidence it still lacks
    assert [(r.dimension.value, r.before, r.after) for r in step.org.steps[0].rises] == [
        ("communication", 3, 4), ("business_fit", 3, 4), ("alliance", 2, 4)]
    assert "Communication 3 → 4, Business fit 3 → 4,\n    Corporate alliance 2 → 4 reaches Partner" in text
    assert "still unticked: Framework contract · Strategic agreement ·" in text
    # key: the red flag first, then the people whose attitude one step up moves the index most
    assert "⚑ Daniel Ng: threat, influence 4: clear this red flag" in text
    assert "Daniel Ng threat → commodity: key index 33 → 41 (+8)" in text
    assert round(step.key.levers[0].key_index_after) == 41
    # extensive: the short board one step up and the index after it
    assert "Information Security · Information access 1 → 2: index 40 → 41 (+1)" in text
    assert f"Suggested activities ({len(ov.suggestions)})" in text
    assert all(len(line) <= 78 for line in text.splitlines())  # reads at 80 columns


async def test_p_opens_the_planner_on_the_suggestions(demo_ws, make, isolated_screens):
    from kamtui.ui.screens.planner import PlannerScreen
    from kamtui.ui.widgets.suggestion_list import SuggestionList

    isolated_screens["activities"] = PlannerScreen  # key 4 (this folder isolates them)
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_overview(app, pilot, harbour_id(demo_ws))
        assert footer_keys(app)["p"] == "Plan"
        titles = [title for title, _, _ in screen.commands()]
        assert "plan: suggested activities" in titles
        await pilot.press("p")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, PlannerScreen)
        assert app.screen.query_one(SuggestionList).has_focus
        await pilot.press("escape", "escape")  # out of the suggestions, then back to the overview
        await pilot.pause()
        assert app.screen is screen
        screen.show_section("people")
        assert screen.check_action("plan", ()) is False  # only on the next step


@pytest.mark.parametrize("lang,starts,ends", [
    ("en", "kamtui: error: The workspace holds a value this kamtui does not know",
     "(person.attitude = 'besotted'): upgrade kamtui or fix the value."),
    ("zh", "kamtui: error: 工作区中有本版本 kamtui 不认识的值", "（person.attitude = 'besotted'）：请升级 kamtui 或修正该值。"),
])
async def test_a_value_this_kamtui_does_not_know_ends_the_app_with_one_sentence(demo_ws, make, capsys,
                                                                                lang, starts, ends):
    """A person's attitude written by a newer kamtui (or a script): the portfolio shows, opening
    the account meets the value, and the app ends with the one sentence the CLI says, in the
    app's language, and exit status 1, not a traceback."""
    account_id = harbour_id(demo_ws)
    demo_ws.conn.execute("UPDATE person SET attitude = 'besotted' WHERE id = (SELECT min(id) FROM person "
                         "WHERE account_id = ?)", [account_id])
    app = make(demo_ws, lang=lang)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.screen.table.move_to(account_id)
        await app._press_keys(["enter"])  # (not pilot.press: it waits on screens of an app that has ended)
        for _ in range(100):
            if app._exit:
                break
            await asyncio.sleep(0.05)
    assert app.return_code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err

    def bare(text: str) -> str:  # (wrapped at the terminal's width, not cut off)
        return "".join(text.split())
    assert bare(err).startswith(bare(starts)) and bare(err).endswith(bare(ends)), err


async def test_a_rerating_dates_only_the_layer_it_rated(demo_ws, make):
    """A one-department re-rating after an activity leaves the organization and key cards
    dated by the wizard's run (walk-through defect: all three said "assessed" today)."""
    from kamtui.domain.enums import Indicator
    from kamtui.domain.rules.rerate import Rerating
    from kamtui.services.assessments import rerating
    from kamtui.store import activities as store_activities

    ctx = ctx_of(demo_ws)
    bank = harbour_id(demo_ws)
    a = next(x for x in store_activities.activities(ctx.db, bank)
             if x.type.value == "business_exchange" and x.status.is_open)
    o = rerating.offer(ctx, a)
    dept = o.departments[0].department_id
    rerating.complete(ctx, o, "tender calendar shared", Rerating(indicators={(dept, Indicator.information_access): 2}))
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_overview(app, pilot, bank)
        dates = {n: screen.query_one(f"#ov-{n}").border_subtitle for n in ("org", "key", "ext")}
    assert dates == {"org": "assessed 2026-09-08", "key": "assessed 2026-09-08",
                     "ext": f"assessed {TODAY.isoformat()}"}


@pytest.mark.parametrize("key", ["down", "j", "pagedown"])
async def test_the_next_step_scrolls_from_the_keyboard_at_once(demo_ws, make, key):
    """Walk-through defect: at 80×24 ↓, j and page down moved nothing until a tab; the
    extensive layer and the suggestions stayed below the fold."""
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_overview(app, pilot, harbour_id(demo_ws))
        box = screen.query_one("#tab-next .ov-scroll")
        assert app.focused is box and box.max_scroll_y > 0
        await pilot.press(key)
        await pilot.pause()
        assert box.scroll_y > 0
        await pilot.press("]")  # the next section's content takes the keys in turn
        await pilot.pause()
        pane = screen.query_one(f"#tab-{screen.section}")
        assert screen.section == "pitfalls" and app.focused in pane.query("*")
