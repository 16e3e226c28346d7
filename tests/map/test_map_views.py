"""The four views, the header figures and the card against the demo data, in both languages."""

from __future__ import annotations

import pytest
from map_helpers import BANK, TELECOM, account_id, make, open_map, screen_text

from kamtui.domain.enums import Attitude
from kamtui.domain.rules.key import coverage, key_index, red_flags
from kamtui.formatting import index as fmt_index, percent
from kamtui.services import people as people_service
from kamtui.ui.widgets.coverage_matrix import CoverageMatrix
from kamtui.ui.widgets.decision_chain import DecisionChain
from kamtui.ui.widgets.influence_grid import InfluenceGrid
from kamtui.ui.widgets.org_tree import DeptData, OrgTree, PersonData
from kamtui.ui.widgets.person_card import PersonCard


def card_text(app) -> str:
    return app.screen.query_one(PersonCard).text


async def to_person(pilot, lines, name: str) -> None:
    """Move a line view's cursor to a person, from the top."""
    await pilot.press("home")
    for _ in range(len(lines.rows)):
        if lines.selected and lines.rows[lines.cursor].payload and _name(lines.rows[lines.cursor].payload) == name:
            return
        await pilot.press("down")
    raise AssertionError(f"{name} not in the view")


def _name(payload) -> str:
    return getattr(payload, "name", None) or payload.person.name


@pytest.mark.parametrize("short", [TELECOM, BANK])
async def test_header_figures_come_from_the_domain_rules(demo_ws, short):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        aid = account_id(app.ctx, short)
        await open_map(app, pilot, short)
        everyone = people_service.people(app.ctx, aid)
        # the map's figures are the people as recorded now, and say so
        expected = (f"Now: Key {fmt_index(key_index(everyone))} · Cover {percent(coverage(everyone))} · "
                    f"⚑ {len(red_flags(everyone))} · People {len(everyone)} │ assessed ")
        assert expected in screen_text(app)


async def test_demo_figures_and_pitfalls(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_map(app, pilot, TELECOM)
        text = screen_text(app)
        assert "Now: Key 31 · Cover 100% · ⚑ 1 · People 19 │ assessed 2026-" in text
        assert "Pitfalls: none open in the key layer" in text
        await open_map(app, pilot, BANK)
        text = screen_text(app)
        assert "⚑ 1 · People 17 │ assessed 2026-09-08: Key 33" in text
        assert "Pitfalls: Hidden decision chain not explored" in text
        assert "Daniel Ng" not in app.screen.query_one("#map-pitfalls").tooltip.plain  # the detail, not names
        assert "none of 17 people is flagged" in app.screen.query_one("#map-pitfalls").tooltip.plain


async def test_demo_figures_in_chinese(demo_ws):
    app = make(demo_ws, "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await open_map(app, pilot, BANK)
        text = screen_text(app)
        assert "当前：关键 33 · 覆盖 89% · ⚑ 1 · 人员 17 │ 2026-09-08 评估：关键 33" in text
        assert "常见问题：隐性决策链未挖掘" in text
        assert "▸ 组织" in text


async def test_organization_opens_one_level_and_loads_children_on_demand(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_map(app, pilot, TELECOM)
        tree = app.screen.query_one(OrgTree)
        assert app.focused is tree
        text = screen_text(app)
        assert "总经理室 · 公司管理 (5 people)" in text
        assert "网络部 · 无线与核心网 (4 people)" in text
        net = next(n for n in tree.walk() if isinstance(n.data, DeptData) and n.data.id and
                   n.data.department.name == "网络部")
        assert not net.data.loaded and not net.children  # nothing read below a closed node
        assert "马骏" not in text
        tree.move_cursor(net)
        await pilot.press("space")
        await pilot.pause()
        assert net.data.loaded
        heads = [n.data.node.person.name for n in net.children if isinstance(n.data, PersonData)]
        assert heads == ["马骏"]  # the others report to him inside the department
        assert "马骏" in screen_text(app)
        # the department's card
        assert "Business line" in card_text(app) and "无线与核心网" in card_text(app)


async def test_person_card_shows_links_both_ways_activities_and_spend(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_map(app, pilot, TELECOM)
        await pilot.press("v")
        chain = app.screen.query_one(DecisionChain)
        assert app.focused is chain
        await to_person(pilot, chain, "徐晓东")
        text = card_text(app)
        assert "★ rising star" in text
        assert "← Opposes 高志远" in text and "→ Close to 蒋涛" in text
        assert "Professional support · Done" in text
        assert "陈静 Chen Jing" in text
        assert "2026-11-20 (6d)" in text  # last contact and its age
        await to_person(pilot, chain, "高志远")
        text = card_text(app)
        assert "⚑ red flag: a threat with high influence" in text
        assert "华为 Huawei" in text  # competitor leaning
        assert "2026 regulated spend: 600 CNY" in text  # half of the 1,200 dinner


async def test_decision_chain_groups_by_role_with_marks(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_map(app, pilot, TELECOM)
        await pilot.press("v")
        text = screen_text(app)
        assert "▸ Decision chain" in text
        for heading in ("▾ Decision maker · 5", "▾ Influencer · 4", "▾ Evaluator · 4", "▾ User · 2",
                        "▾ Gatekeeper · 3", "▾ Coach / sponsor · 1"):
            assert heading in text
        line = next(l for l in text.splitlines() if "高志远" in l)
        assert line.lstrip().startswith("⚑") and "!!" in line and "Threat" in line and " 4 " in line
        assert "◆" in next(l for l in text.splitlines() if "陆振宇" in l)  # hidden decision maker
        assert "★" in next(l for l in text.splitlines() if "徐晓东" in l)  # rising star
        chain = app.screen.query_one(DecisionChain)
        assert [r.payload.name for r in chain.rows if r.key][:3] == ["周建华", "孙立群", "马骏"]


async def test_grid_marks_the_danger_corner_and_the_unknown_column(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_map(app, pilot, TELECOM)
        await pilot.press("v", "v")
        grid = app.screen.query_one(InfluenceGrid)
        assert app.screen.view == "grid"
        assert grid.danger == {(5, Attitude.threat), (4, Attitude.threat)}
        assert grid.cell_text(4, Attitude.threat) == "1 ⚑ 高志远"
        assert grid.cell_text(2, Attitude.unknown) == "1 董文博"
        assert grid.cell_text(1, Attitude.threat) == "·"
        text = screen_text(app)
        assert "!!" in text and "Threat" in text and "Unknown" in text and "▸1" in text
        assert "高志远" in text and "董文博" in text
        # arrows move the cell; the list and the card follow
        grid.at = (0, 0)
        await pilot.press("down", "right", "right")  # influence 4, accepting
        assert grid.key() == (4, Attitude.accepting)
        assert "马骏" in card_text(app)
        await pilot.press("left", "left")  # influence 4, threat
        assert "高志远" in card_text(app)
        await pilot.press("tab")
        assert app.focused is grid.query_one("#grid-people")


async def test_coverage_flags_single_threads_and_unowned_decision_makers(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        aid = account_id(app.ctx, TELECOM)
        people_service.add_person(app.ctx, {"account_id": aid, "name": "无主决策者", "role": "decision_maker",
                                            "influence": 4, "attitude": "accepting"})
        await open_map(app, pilot, TELECOM)
        await pilot.press("v", "v", "v")
        matrix = app.screen.query_one(CoverageMatrix)
        rows = {r.payload.person.name: r.payload for r in matrix.rows}
        assert rows["无主决策者"].unowned_decision_maker and not rows["无主决策者"].knowers
        assert rows["周建华"].single_thread and not rows["周建华"].unowned_decision_maker
        assert "董文博" not in rows  # an evaluator: not a key person
        text = screen_text(app)
        assert "no owner" in next(l for l in text.splitlines() if "无主决策者" in l)
        assert "1 only" in next(l for l in text.splitlines() if "周建华" in l and "●" in l)
        header = next(l for l in text.splitlines() if "Key people" in l)
        assert "李娜" in header and "陈静" in header


async def test_views_in_chinese_and_switching_language_live(demo_ws):
    app = make(demo_ws, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_map(app, pilot, TELECOM)
        await pilot.press("v")
        assert "▾ 决策者 · 5" in screen_text(app)
        await pilot.press("v")
        assert "威胁" in screen_text(app) and "未知" in screen_text(app)
        await pilot.press("v")
        assert "单线" in screen_text(app)
        await pilot.press("L")
        await pilot.pause()
        text = screen_text(app)
        assert "▸ Coverage" in text and "1 only" in text
        await pilot.press("v")
        assert "▸ Organization" in screen_text(app)


async def test_keys_help_and_palette(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_map(app, pilot, TELECOM)
        keys = dict(screen.help_rows())
        for key in "nedmrkauvx":
            assert key in keys, key
        assert keys["esc"] if "esc" in keys else keys["escape"]
        titles = [title for title, _, _ in screen.commands()]
        for title in ("person: new", "map: next view", "map: export view", "map: organization view",
                      "map: decision chain view", "map: influence × attitude view", "map: coverage view",
                      "department: new", "map: back"):
            assert title in titles
        assert "person: edit" in titles  # a department is selected: it can be edited
        assert "person: add link" not in titles  # needs a person
        app.lang = "zh"
        assert "关系图：下一视图" in [t for t, _, _ in screen.commands()]
        # a palette entry runs its action
        dict((t, cb) for t, _, cb in screen.commands())["关系图：覆盖视图"]()
        await pilot.pause()
        assert screen.view == "coverage"


async def test_escape_goes_back(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_map(app, pilot, TELECOM)
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen


NASTY = ["[red]x[/red]", "Q3 [/] notes", "[@click=app.quit]x[/]", "ACME [EU]"]


async def test_names_that_look_like_markup_show_literally(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(120, 60)) as pilot:
        aid = account_id(app.ctx, TELECOM)
        dept = people_service.add_department(app.ctx, {"account_id": aid, "name": "ACME [EU]",
                                                       "business_line": "[b]line[/b]"})
        for name in NASTY:
            people_service.add_person(app.ctx, {"account_id": aid, "name": name, "title": "[i]t[/i]",
                                                "department_id": dept.id, "role": "influencer"})
        await open_map(app, pilot, TELECOM)
        assert "ACME [EU] · [b]line[/b]" in screen_text(app)
        await pilot.press("v")  # decision chain: names are cut at 14 cells
        text = screen_text(app)
        for name in NASTY:
            assert name[:13] in text
        assert "[i]t[/i]" in text
        await pilot.press("v")  # grid: influence 3, unknown
        assert "[red]x[/red]" in app.screen.query_one(InfluenceGrid).cell_text(3, Attitude.unknown)
        assert "ACME [EU]" in screen_text(app)  # the cell's first names, cut to its width
        await pilot.press("v")  # coverage: influencers are key people
        text = screen_text(app)
        for name in NASTY:
            assert name[:13] in text
        assert app.is_running
