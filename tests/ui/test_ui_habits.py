"""Keys people bring from other tools: j/k/g/G in every list, y copies, keys rebound in the
config file (Textual's keymap), and the map's link and the agenda on keys of their own."""

from __future__ import annotations

import pytest
from ui_helpers import TODAY

from kamtui.errors import KamtuiError
from kamtui.messages import say
from kamtui.services import accounts
from kamtui.services.context import Context
from kamtui.ui.app import make_app
from kamtui.ui.screens.stakeholder_map import StakeholderMapScreen
from kamtui.ui.widgets.org_tree import OrgTree, PersonData

TELECOM = "华信移动上海"


def make(ws, lang="en"):
    return make_app(ws, today=TODAY, lang=lang, user="tester")


async def open_map(app, pilot) -> StakeholderMapScreen:
    aid = next(r.id for r in accounts.portfolio(Context(app.ctx.ws, today=TODAY, user="tester"))
               if r.short_name == TELECOM)
    screen = StakeholderMapScreen(aid)
    await app.push_screen(screen)
    for _ in range(3):
        await pilot.pause()
    return screen


async def test_j_k_g_G_move_in_the_portfolio_table(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        table = app.screen.table
        assert table.cursor == 0 and len(table.rows) == 4
        await pilot.press("j", "j")
        assert table.cursor == 2
        await pilot.press("k")
        assert table.cursor == 1
        await pilot.press("G")
        assert table.cursor == 3
        await pilot.press("g")
        assert table.cursor == 0
        await pilot.press("end")
        assert table.cursor == 3


async def test_j_k_g_G_move_in_the_map_tree_and_k_no_longer_links(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = await open_map(app, pilot)
        tree = screen.query_one(OrgTree)
        tree.focus()
        await pilot.pause()
        start = tree.cursor_line
        await pilot.press("j", "j")
        assert tree.cursor_line == start + 2
        await pilot.press("k")
        assert tree.cursor_line == start + 1
        assert app.screen is screen  # k moved up: no link dialog
        await pilot.press("G")
        assert tree.cursor_line == tree.last_line
        await pilot.press("g")
        assert tree.cursor_line == 0
        rows = dict(screen.help_rows())
        assert rows["l"].startswith("Add a typed link")
        assert rows["k"].startswith("Up") and rows["G"].startswith("To the last")


async def test_y_copies_the_selected_row_and_the_selected_person(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        row = app.screen.table.current
        await pilot.press("y")
        await pilot.pause()
        cells = app.clipboard.split("\t")
        assert row.name in cells and len(cells) >= 5
        assert any(n.message.plain.startswith("Copied: ") for n in app._notifications)
        screen = await open_map(app, pilot)
        tree = screen.query_one(OrgTree)
        tree.focus()
        await pilot.pause()
        while not isinstance(tree.cursor_node.data, PersonData):
            await pilot.press("j")
        await pilot.press("y")
        assert app.clipboard == tree.cursor_node.data.node.person.name  # the name, not its marks


async def test_o_opens_my_agenda(demo_ws):
    from kamtui.ui.screens.agenda import AgendaScreen

    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)


def write_config(text: str):
    import platformdirs

    folder = platformdirs.user_config_path("kamtui", appauthor=False)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text, encoding="utf-8")
    return folder / "config.toml"


async def test_keys_rebound_in_the_config_file(demo_ws):
    write_config('workspaces = ""\n\n[keys]\ncopy = "c"\nnav_down = "n,down"\nagenda = "ctrl+o"\n')
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        table = app.screen.table
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert type(app.screen).__name__ == "AgendaScreen"
        await pilot.press("escape")
        await pilot.pause()
        rows = dict(app.screen.help_rows())
        assert rows["c"].startswith("Copy the selected")
        assert "y" not in rows
        await pilot.press("c")
        assert table.current.name in app.clipboard.split("\t")


@pytest.mark.parametrize("entry, expected", [
    ('cpy = "c"', "line 3: [keys] `cpy` is not the id of a kamtui key; did you mean `copy`?"),
    ('copy = "ctrl-c"', 'line 3: [keys] `copy` = "ctrl-c" is not a key'),
    ('copy = 3', 'line 3: [keys] `copy` = "3" is not a key'),
])
def test_a_bad_key_entry_is_one_sentence_naming_the_entry_and_its_line(demo_ws, entry, expected):
    path = write_config(f"[keys]\n# mine\n{entry}\n")
    with pytest.raises(KamtuiError) as caught:
        make(demo_ws)
    sentence = say(caught.value.code, "en", **caught.value.params)
    assert sentence.startswith(f"In the config file {path}, ") and expected in sentence
    assert "\n" not in sentence


async def test_a_click_on_a_key_of_the_main_footer_presses_it(demo_ws):
    from kamtui.ui.screens.help import HelpDialog
    from kamtui.ui.widgets.footer import KamFooter

    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KamFooter)
        footer.refresh()
        await pilot.pause()
        [(start, _end, _key)] = [s for s in footer._spans if s[2] == "question_mark"]
        assert await pilot.click(KamFooter, offset=(start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)


async def test_theme_sort_and_screen_are_remembered_per_user_across_runs(demo_ws):
    from kamtui.ui.screens.agenda import AgendaScreen

    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.theme != "nord"
        app.theme = "nord"
        await pilot.press("s", "S")  # second sort column, reversed
        await pilot.pause()
        sorted_by = (app.screen.sort_column, app.screen.sort_reverse)
        order = [r.name for r in app.screen.table.rows]
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        await pilot.press("q")
    assert sorted_by[0] != "name" and sorted_by[1] is True

    again = make(demo_ws)
    async with again.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert again.theme == "nord"
        assert isinstance(again.screen, AgendaScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert (again.screen.sort_column, again.screen.sort_reverse) == sorted_by
        assert [r.name for r in again.screen.table.rows] == order

    other = make_app(demo_ws, today=TODAY, lang="en", user="someone-else")
    async with other.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert other.theme != "nord" and type(other.screen).__name__ == "PortfolioScreen"


async def test_an_account_screen_is_reopened_on_its_account(demo_ws, real_screens):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = await open_map(app, pilot)
        await pilot.press("q")
    again = make(demo_ws)
    async with again.run_test(size=(120, 36)) as pilot:
        for _ in range(4):
            await pilot.pause()
        assert isinstance(again.screen, StakeholderMapScreen)
        assert again.screen.account_id == screen.account_id == again.selected_account_id
        await pilot.press("escape")
        await pilot.pause()
        assert type(again.screen).__name__ == "AccountOverviewScreen"


def symbols_in(text: str) -> set[str]:
    """What a terminal without Unicode symbols could not show: all but ASCII and CJK (names)."""
    return {c for c in text if not c.isascii() and not 0x4E00 <= ord(c) <= 0x9FFF and c not in "：，（）、"}


@pytest.mark.parametrize("env, expected", [
    ({"TERM": "linux", "LANG": "C.UTF-8"}, True),
    ({"TERM": "vt100"}, True),
    ({"TERM": "xterm-256color", "LANG": "en_US.ISO-8859-1"}, True),
    ({"TERM": "xterm-256color", "LC_ALL": "zh_CN.GB18030", "LANG": "zh_CN.UTF-8"}, True),
    ({"TERM": "xterm-256color", "LANG": "C"}, True),
    ({"TERM": "xterm-256color", "LANG": "zh_CN.UTF-8"}, False),
    ({"TERM": "xterm-256color", "LC_CTYPE": "en_GB.utf8"}, False),
    ({"TERM": "xterm-256color"}, False),
])
def test_ascii_is_chosen_for_terminals_that_cannot_show_the_symbols(env, expected):
    from kamtui.ui.ascii import needs_ascii

    assert needs_ascii(env) is expected


async def test_ascii_option_replaces_every_symbol_on_the_portfolio_and_the_map(demo_ws, monkeypatch):
    from ui_helpers import screen_text

    from kamtui.ui.ascii import SYMBOLS

    app = make_app(demo_ws, today=TODAY, lang="en", user="tester", ascii=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "!F Harbourline" in shown and symbols_in(shown) == set(), shown
        await open_map(app, pilot)
        shown = screen_text(app)
        assert "F red flag  H hidden decision maker  * rising star" in shown
        assert symbols_in(shown) == set()
        assert not any(s in shown for s in SYMBOLS)
    plain = make(demo_ws)
    async with plain.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert "!⚑ Harbourline" in screen_text(plain)


async def test_slash_on_the_map_moves_to_matching_people_and_escape_goes_back(demo_ws):
    from ui_helpers import screen_text

    from kamtui.ui.widgets.search_bar import SearchBar

    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = await open_map(app, pilot)
        people = screen._ensure().people
        target = people[-1]
        start = (screen.person_id, screen.department_id)
        await pilot.press("slash")
        await pilot.pause()
        bar = screen.query_one(SearchBar)
        assert bar.is_open and app.focused is bar.input
        await pilot.press(*target.name[:4].lower())  # typed letters go to the bar, not to j/k/g
        await pilot.pause()
        assert screen.person_id in {p.id for p in people if target.name[:4].lower() in p.name.lower()}
        assert "1/" in screen_text(app)
        tree = screen.query_one(OrgTree)
        assert tree.selected[0] == screen.person_id  # the tree's cursor is on that person
        await pilot.press("escape")
        await pilot.pause()
        assert not bar.is_open and (screen.person_id, screen.department_id) == start
        assert app.screen is screen  # escape closed the search, not the map
        await pilot.press("slash", *target.name.lower(), "enter")
        await pilot.pause()
        assert screen.person_id == target.id and not bar.is_open and app.focused is tree


async def test_slash_on_the_map_finds_chinese_names_by_pinyin(demo_ws):
    from kamtui.services import pinyin

    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = await open_map(app, pilot)
        chinese = [p for p in screen._ensure().people if pinyin.has_han(p.name)]
        assert chinese
        target = chinese[0]
        initials = pinyin.key(target.name).split(pinyin.SEP)
        full = next(k for k in initials if k)  # the whole name's syllables, run together
        await pilot.press("slash", *full, "enter")
        await pilot.pause()
        assert screen._ensure().by_id[screen.person_id].name == target.name or \
            pinyin.matches(screen._ensure().by_id[screen.person_id].name, full)


def test_spare_width_goes_to_the_name_first_then_to_the_columns_that_are_cut_narrowest_need_first():
    from kamtui.ui.widgets.window_table import Column, layout

    cols = [Column("name", "Name", 10, flex=True), Column("a", "A", 5), Column("b", "B", 5), Column("c", "C", 5)]
    wants = {"name": 40, "a": 7, "b": 30, "c": 3}
    widths = {c.key: w for c, w in layout(cols, 40, wants=wants)}
    # 12 spare: the name first takes half (6), then a gets its 2, then b and name share the other 4
    assert widths == {"name": 18, "a": 7, "b": 7, "c": 5}
    widths = {c.key: w for c, w in layout(cols, 100, wants=wants)}
    assert widths["a"] == 7 and widths["b"] == 30 and widths["c"] == 5
    assert widths["name"] == 100 - 3 - 7 - 30 - 5  # every want met: the rest to the flex column
    assert {c.key: w for c, w in layout(cols, 40)}["name"] == 22  # no measure: all to the flex column


async def test_at_200_columns_no_column_is_cut_and_the_account_column_takes_what_is_left(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(200, 36)) as pilot:
        await pilot.pause()
        table = app.screen.table
        lines = [line for line in table.visible_lines() if line.strip()]
        assert len(lines) == 5 and not any("…" in line for line in lines), lines
        widths = dict((c.key, w) for c, w in table.shown_columns())
        assert widths["name"] < 70  # (was ~95: the rest now goes to the others first)
    async with make(demo_ws).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("…" in line for line in pilot.app.screen.table.visible_lines())  # no room at 80


async def test_an_unreadable_config_leaves_the_keys_as_shipped_and_says_so(demo_ws, monkeypatch):
    from kamtui import paths

    def unreadable():
        raise KamtuiError("config.unreadable", path="/x/config.toml", why="permission denied")

    monkeypatch.setattr(paths, "config", unreadable)
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert any("Cannot read the config file /x/config.toml" in str(n.message) for n in app._notifications)
        await pilot.press("o")
        await pilot.pause()
        assert type(app.screen).__name__ == "AgendaScreen"


def test_every_id_readme_lists_for_rebinding_is_a_binding_id():
    import re
    from pathlib import Path

    from kamtui.ui.keymap import binding_ids

    text = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    start = text.index("The ids: everywhere")
    listed = set(re.findall(r"`([a-z_]+)`", text[start:text.index("A key that is no binding", start)]))
    assert len(listed) > 40 and listed <= binding_ids()
