"""Type-ahead pickers: any part of a name or title, Chinese included."""

from __future__ import annotations

from map_helpers import BANK, TELECOM, account_id, make, open_map

from kamtui.services import map_data as md
from kamtui.services import stakeholders as st
from kamtui.services.stakeholders import PickItem
from kamtui.ui.screens.person_picker import NOBODY, SHOWN, PersonPickerDialog
from textual.widgets import Input, OptionList


def shown(app) -> list[str]:
    plist = app.screen.query_one(OptionList)
    return [str(plist.get_option_at_index(i).prompt) for i in range(plist.option_count)]


def names(app) -> set[str]:
    return {item.name for item in app.screen.shown}


async def open_picker(app, pilot, short: str, allow_nobody: bool = False) -> PersonPickerDialog:
    await open_map(app, pilot, short)
    data = md.load(app.ctx, account_id(app.ctx, short))
    results: list = []
    dialog = PersonPickerDialog("pick", st.people_items(data), allow_nobody=allow_nobody)
    app.push_screen(dialog, results.append)
    await pilot.pause()
    dialog.results = results
    return dialog


async def test_chinese_name_and_title_parts(demo_ws):
    app = make(demo_ws, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_picker(app, pilot, TELECOM)
        assert len(dialog.shown) == 19
        await pilot.press("建")  # typed like any key
        assert app.screen.query_one(Input).value == "建"
        # 周建华 by name; 高志远 by his title 计划建设部总经理 (not 林芳: only her department matches)
        assert names(app) == {"周建华", "高志远"}
        await pilot.press("backspace", "总", "经", "理")
        assert names(app) >= {"周建华", "孙立群", "钱伟", "马骏", "高志远", "曹斌", "韩雪", "何敏"}
        assert "沈国栋" not in names(app)  # 采购与物流中心主任
        await pilot.press("backspace", "backspace", "backspace", "振", "宇")
        assert names(app) == {"陆振宇"}
        await pilot.press("enter")
        await pilot.pause()
        data = md.load(app.ctx, account_id(app.ctx, TELECOM))
        assert [data.by_id[pid].name for pid in dialog.results] == ["陆振宇"]


async def test_english_is_case_insensitive_and_arrows_choose(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_picker(app, pilot, BANK)
        await pilot.press(*"chief")
        assert names(app) == {"Richard Hale", "Margaret Lin", "Helen Zhou", "Paul Grant", "Thomas Becker",
                              "Daniel Ng"}
        await pilot.press(*" information")
        assert names(app) == {"Thomas Becker", "Daniel Ng"}
        await pilot.press("down", "enter")
        await pilot.pause()
        chosen = dialog.results[0]
        data = md.load(app.ctx, account_id(app.ctx, BANK))
        assert data.by_id[chosen].name == dialog.shown[1].name


async def test_nobody_line_nothing_found_and_escape(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_picker(app, pilot, TELECOM, allow_nobody=True)
        assert shown(app)[0] == "(nobody)"
        await pilot.press("z", "z", "z")
        assert shown(app) == ["Nothing matches."]
        await pilot.press("enter")  # nothing to take: stays open
        assert app.screen is dialog
        await pilot.press("escape")
        await pilot.pause()
        assert dialog.results == [None]
        dialog = PersonPickerDialog("pick", [], allow_nobody=True)
        results: list = []
        app.push_screen(dialog, results.append)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert results == [NOBODY]


async def test_long_lists_are_cut_and_say_how_many_more(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        items = [PickItem(f"p{i}", f"王{i}", "工程师") for i in range(1500)] + [PickItem("x", "[red]李[/red]", "经理")]
        dialog = PersonPickerDialog("pick", items)
        app.push_screen(dialog)
        await pilot.pause()
        assert len(dialog.shown) == SHOWN
        assert shown(app)[-1] == f"… {1501 - SHOWN} more: type to narrow"
        await pilot.press("李")
        assert shown(app) == ["[red]李[/red]  经理"]  # markup-looking names stay literal
        await pilot.press("backspace", "工", "程")
        assert len(dialog.shown) == SHOWN
