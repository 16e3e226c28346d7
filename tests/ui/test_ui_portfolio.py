"""The portfolio screen, key by key: what the store holds afterwards and what the screen shows."""

from __future__ import annotations

import pytest
from ui_helpers import HOSTILE_NAMES, TODAY, footer_keys, static_text, table_lines
from rich.cells import cell_len

from kamtui.services import accounts
from kamtui.services import settings as settings_service
from kamtui.services.context import Context
from kamtui.ui.screens.account_overview import AccountOverviewScreen
from kamtui.ui.screens.confirm import ConfirmDialog
from kamtui.ui.screens.form import FormDialog
from kamtui.ui.screens.portfolio import PortfolioScreen

HARBOUR = "Harbourline Bank (China) Co., Ltd."


def ctx_of(ws) -> Context:
    return Context(ws, today=TODAY, user="tester")


def names(app) -> list[str]:
    return [r.name for r in app.screen.table.rows]


async def test_demo_portfolio_shows_each_account_with_its_figures(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PortfolioScreen)
        lines = table_lines(app)
        head = lines[0]
        for title in ("Account", "Org level", "Key", "Cover", "Ext", "Open/late", "Assessed", "Short board", "Owner"):
            assert title in head
        harbour = next(line for line in lines if line.startswith("!⚑ Harbourline"))
        # figures as the services computed them (key 33, coverage 89%, extensive 40, 5 open / 1 late)
        for figure in ("Strategic supplier", "33", "89%", "40", "5/1", "2mo", "Info access 1 · Infor",
                       "Sarah Mitchell"):
            assert figure in harbour, figure
        assert "4 accounts" in static_text(app, "#portfolio-status")
        assert len(app.screen.table.rows) == 4


async def test_chinese_portfolio_uses_chinese_labels(demo_ws, make):
    app = make(demo_ws, lang="zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        lines = table_lines(app)
        assert "客户" in lines[0] and "组织关系" in lines[0] and "短木板" in lines[0]
        assert any("战略级供应商" in line for line in lines)
        assert "4 个客户" in static_text(app, "#portfolio-status")
        assert footer_keys(app)["/"] == "筛选"


async def test_rows_needing_attention_stand_out_with_a_symbol_and_a_class(demo_ws, make):
    accounts.create(ctx_of(demo_ws), {"name": "Quiet Co"})
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.table
        quiet = next(r for r in table.rows if r.name == "Quiet Co")
        harbour = next(r for r in table.rows if r.name == HARBOUR)
        assert table.row_class(harbour) == "alert" and table.row_class(quiet) is None
        assert table.cell(harbour, "flags") == "!⚑" and table.cell(quiet, "flags").strip() == ""
        assert "! overdue" in static_text(app, "#portfolio-status")  # the legend says what they mean


async def test_cursor_sets_the_selected_account(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test() as pilot:
        await pilot.pause()
        rows = app.screen.table.rows
        assert app.selected_account_id == rows[0].id
        await pilot.press("down")
        assert app.selected_account_id == rows[1].id
        await pilot.press("end")
        assert app.selected_account_id == rows[-1].id


async def test_s_cycles_the_sort_column_and_S_reverses(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.sort_column == "name"
        await pilot.press("s")  # level
        assert screen.sort_column == "level"
        await pilot.press("s")  # key index
        assert screen.sort_column == "key"
        keys = [r.state.key_index for r in screen.table.rows]
        assert keys == sorted(keys) == [pytest.approx(v, abs=0.5) for v in (11, 21, 31, 33)]
        assert "Key▲" in table_lines(app)[0]
        assert "sorted by Key ▲" in static_text(app, "#portfolio-status")
        await pilot.press("S")
        assert [r.state.key_index for r in screen.table.rows] == sorted(keys, reverse=True)
        assert "Key▼" in table_lines(app)[0]
        for _ in range(len(accounts.SORT_COLUMNS) - 2):
            await pilot.press("s")
        assert screen.sort_column == "name" and not screen.sort_reverse


async def test_slash_filters_incrementally_and_shows_why_escape_clears(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        assert app.screen.filter_input.has_focus
        await pilot.press("Z", "h", "o", "u")
        assert names(app) == [HARBOUR]
        assert "person: Helen Zhou" in app.screen.table.rows[0].match
        assert any("person: Helen Zhou" in line for line in table_lines(app))
        assert "Matched" in table_lines(app)[0]
        assert "1 of 4 accounts" in static_text(app, "#portfolio-status")
        await pilot.press("enter")  # keeps the filter, back to the table
        assert app.screen.table.has_focus and names(app) == [HARBOUR]
        await pilot.press("escape")
        assert len(names(app)) == 4 and not app.screen.filter_input.display
        assert "Matched" not in table_lines(app)[0]


async def test_filter_matches_departments_and_chinese_names_in_chinese(demo_ws, make):
    app = make(demo_ws, lang="zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("slash", "周")
        assert names(app) == ["华信移动通信集团上海有限公司"]
        assert app.screen.table.rows[0].match.startswith("人员: 周建华")
        await pilot.press("escape")
        await pilot.press("slash", *"Purchasing")
        assert names(app) == ["Rheinwerk Automobil AG"]
        assert app.screen.table.rows[0].match.startswith("部门: Purchasing")
        await pilot.press("escape")
        await pilot.press("slash", *"nothing-like-this")
        assert names(app) == []
        assert "esc" in table_lines(app)[1]  # says how to clear


async def test_n_adds_an_account_through_the_form(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Nordwind GmbH")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PortfolioScreen)
        stored = [a for a in accounts.portfolio(ctx_of(demo_ws)) if a.name == "Nordwind GmbH"]
        assert len(stored) == 1
        assert app.screen.table.current.name == "Nordwind GmbH"  # the cursor is on the new account
        assert app.selected_account_id == stored[0].id


async def test_a_form_with_an_error_names_the_field_and_saves_nothing(empty_ws, make):
    app = make(empty_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        assert "Name: required" in static_text(app, "#error-name")
        assert form.query_one("#row-name").has_class("-invalid")
        assert accounts.portfolio(ctx_of(empty_ws)) == []
        await pilot.press("escape")  # nothing typed: leaves without asking
        assert isinstance(app.screen, PortfolioScreen)


async def test_duplicate_names_are_refused_by_the_service_and_shown_on_the_field(demo_ws, make):
    app = make(demo_ws, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", *"rheinwerk automobil ag", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert static_text(app, "#error-name") == "名称：已有同名客户"
        await pilot.press("escape")  # typed something: asks first
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        assert isinstance(app.screen, PortfolioScreen)
        assert len(accounts.portfolio(ctx_of(demo_ws))) == 4


async def test_e_edits_the_highlighted_account(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        row = app.screen.table.current
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, FormDialog)
        form.query_one("#field-industry").value = "Retail banking"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert accounts.get(ctx_of(demo_ws), row.id).industry == "Retail banking"


async def test_d_asks_naming_the_account_and_what_goes_with_it_then_archives(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        row = app.screen.table.current
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert HARBOUR in dialog.title_text.plain
        body = dialog.body_text.plain
        for part in ("17 people", "7 departments", "9 activities", "2 assessments", "3 competitors"):
            assert part in body
        await pilot.press("n")  # no: nothing changes
        assert not accounts.get(ctx_of(demo_ws), row.id).archived
        await pilot.press("d", "y")
        await pilot.pause()
        assert accounts.get(ctx_of(demo_ws), row.id).archived
        assert HARBOUR not in names(app)
        assert accounts.dependents(ctx_of(demo_ws), row.id).people == 17  # nothing erased
        # A shows archived accounts (marked ×), u restores
        await pilot.press("A")
        assert HARBOUR in names(app)
        assert app.screen.table.move_to(row.id)
        await pilot.pause()
        assert app.screen.table.cell(app.screen.table.current, "flags") == "×"
        assert app.screen.check_action("delete", ()) is None
        await pilot.press("u")
        await pilot.pause()
        assert not accounts.get(ctx_of(demo_ws), row.id).archived
        await pilot.press("A")
        assert HARBOUR in names(app) and "archived shown" not in static_text(app, "#portfolio-status")


async def test_u_is_absent_unless_archived_accounts_are_shown(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen.check_action("restore", ()) is False
        await pilot.press("u")
        assert all(not a.archived for a in accounts.portfolio(ctx_of(demo_ws), include_archived=True))


async def test_enter_opens_the_overview_and_escape_comes_back(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AccountOverviewScreen)
        assert screen.account_id == app.selected_account_id
        await pilot.press("escape")
        assert isinstance(app.screen, PortfolioScreen)
        await pilot.press("enter")
        await pilot.press("1")  # 1 goes to the portfolio from anywhere
        assert isinstance(app.screen, PortfolioScreen)


async def test_empty_workspace_says_how_to_start_and_n_adds_the_first_account(empty_ws, make):
    app = make(empty_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = static_text(app, "#portfolio-empty")
        assert "No accounts yet" in text and "Press n" in text and "kamtui demo" in text
        assert app.screen.query_one("#portfolio-empty").display
        assert not app.screen.table.display
        # nothing to open, edit or delete yet: those keys leave the footer to what to do first
        assert all(app.screen.check_action(a, ()) is False for a in ("open", "edit", "delete"))
        assert "e" not in footer_keys(app) and "n" in footer_keys(app)
        await pilot.press("n", *"First Customer", "ctrl+s")
        await pilot.pause()
        assert names(app) == ["First Customer"]
        assert app.screen.check_action("edit", ()) is True and "e" in footer_keys(app)
        assert app.screen.table.display and not app.screen.query_one("#portfolio-empty").display


async def test_empty_workspace_in_chinese(empty_ws, make):
    app = make(empty_ws, lang="zh")
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "还没有客户" in static_text(app, "#portfolio-empty")


async def test_names_are_shown_literally_never_as_markup(demo_ws, make):
    ctx = ctx_of(demo_ws)
    for name in HOSTILE_NAMES:
        accounts.create(ctx, {"name": name, "industry": "[b]bold?[/b]"})
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        text = "\n".join(table_lines(app))
        for name in HOSTILE_NAMES:
            assert name in text
        await pilot.press("slash", *"[EU]")
        assert names(app) == ["ACME [EU]"]
        await pilot.press("escape")
        app.screen.table.move_to(next(r.id for r in app.screen.table.rows if r.name == "[@click=app.quit]x[/]"))
        await pilot.press("d")
        assert "[@click=app.quit]x[/]" in app.screen.title_text.plain
        await pilot.press("n")
        await pilot.press("enter")
        await pilot.pause()
        assert "[@click=app.quit]x[/]" in static_text(app, "#ov-title")
        await pilot.click("#ov-title")
        assert app.is_running  # the name is not a live action


async def test_columns_give_way_at_80_columns_and_nothing_overflows(demo_ws, make):
    for width, dropped in ((80, ("Owner", "Tier", "Assessed", "Cover")), (120, ())):
        app = make(demo_ws)
        async with app.run_test(size=(width, 24)) as pilot:
            await pilot.pause()
            lines = table_lines(app)
            assert all(cell_len(line) <= width for line in lines)
            for title in dropped:
                assert title not in lines[0]
            assert "Account" in lines[0] and "Org level" in lines[0] and "Key" in lines[0]
            assert "Short board" in lines[0]  # the method's main message never gives way
    app = make(demo_ws, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = table_lines(app)
        assert all(cell_len(line) <= 80 for line in lines)
        assert any("…" in line for line in lines[1:])  # long Chinese names are cut with an ellipsis


async def test_read_only_workspace_shows_a_badge_and_disables_changes(demo_ws, make, tmp_path):
    from kamtui.store import Workspace

    path = demo_ws.path
    demo_ws.close()
    ws = Workspace.open(path, read_only=True)
    try:
        app = make(ws)
        async with app.run_test() as pilot:
            await pilot.pause()
            assert "READ-ONLY" in static_text(app, "#header-badge")
            for action in ("new", "edit", "delete"):
                assert app.screen.check_action(action, ()) is None
            await pilot.press("n")
            assert isinstance(app.screen, PortfolioScreen)
            await pilot.press("L")  # switching language still works; it is not remembered
            assert app.lang == "zh"
    finally:
        ws.close()


async def test_footer_shows_the_screen_keys(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test() as pilot:
        await pilot.pause()
        keys = footer_keys(app)
        for key, label in (("/", "Filter"), ("n", "New"), ("e", "Edit"), ("d", "Archive"),
                           ("?", "Keys"), ("q", "Quit"), ("L", "中文")):
            assert keys[key] == label
        assert settings_service.language(ctx_of(demo_ws)) is None


async def test_big_portfolios_filter_off_the_ui_thread_and_keep_the_last_term(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.screen.THREAD_ABOVE = 0  # as on a workspace of thousands of accounts
        await pilot.press("slash", *"Zhou")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert names(app) == [HARBOUR]
        assert "person: Helen Zhou" in app.screen.table.rows[0].match
        assert "1 of 4 accounts" in static_text(app, "#portfolio-status")
        app.screen._filtered(app.screen.all_rows, "Zho", [])  # a late answer to an older keystroke is dropped
        assert names(app) == [HARBOUR]
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        assert len(names(app)) == 4


async def test_keys_typed_right_after_slash_land_in_the_filter(demo_ws, make):
    from textual import events

    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        table = app.screen.table
        # as a fast typist's keys arrive: all queued for the table before "/" moves the focus
        for key, char in (("slash", "/"), ("Z", "Z"), ("h", "h"), ("o", "o"), ("u", "u")):
            event = events.Key(key, char)
            event._set_forwarded()  # as the app hands keys to the focused widget
            table.post_message(event)
        await pilot.pause()
        await pilot.pause()
        assert app.screen.filter_input.value == "Zhou"
        assert names(app) == [HARBOUR]
        await pilot.press("enter", "n")  # back on the table, keys are commands again
        assert isinstance(app.screen, FormDialog)
        await pilot.press("escape")
        await pilot.press("slash")  # the box has the focus: a stray key still lands there
        event = events.Key("x", "x")
        event._set_forwarded()
        app.screen.post_message(event)
        await pilot.pause()
        assert app.screen.filter_input.value == "Zhoux"
        await pilot.click("#portfolio-table")  # leaving the box ends the type-ahead
        await pilot.press("n")
        assert isinstance(app.screen, FormDialog)


async def test_big_portfolios_load_off_the_ui_thread(demo_ws, make, monkeypatch):
    monkeypatch.setattr(PortfolioScreen, "THREAD_ABOVE", 0)  # as a workspace of thousands
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(names(app)) == 4 and "4 accounts" in static_text(app, "#portfolio-status")
        assert app.selected_account_id == app.screen.table.rows[0].id
        screen = app.screen
        screen._loading = 4  # while rows are on their way, the status says so
        screen.update_status()
        assert "loading 4 accounts" in static_text(app, "#portfolio-status")
        screen._loaded_off_thread(True, [], "", [], None)  # an answer for the other A state: dropped
        assert len(names(app)) == 4
        screen._loading = 0
        await pilot.press("slash", *"Zhou", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert names(app) == [HARBOUR]
        await pilot.press("d", "y")  # archive: the reload runs off the thread too, filter kept
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert names(app) == [] and "0 of 3 accounts" in static_text(app, "#portfolio-status")


async def test_a_big_portfolio_paints_its_first_screenful_before_the_rest_arrives(demo_ws, make, monkeypatch):
    from kamtui.ui.screens import portfolio as portfolio_screen

    monkeypatch.setattr(PortfolioScreen, "THREAD_ABOVE", 0)  # as a workspace of thousands
    monkeypatch.setattr(portfolio_screen, "FIRST_PAGE", 2)
    gate = __import__("threading").Event()
    real = portfolio_screen.accounts.portfolio

    def slow_portfolio(*args, **kwargs):
        if not gate.wait(10):  # the whole list is still being read
            raise AssertionError("the portfolio's read was held and never let go")
        return real(*args, **kwargs)

    monkeypatch.setattr(portfolio_screen.accounts, "portfolio", slow_portfolio)
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.rows_shown and not screen._loaded
        first = names(app)
        assert len(first) == 2 and first == sorted(first, key=str.casefold)
        assert "loading 4 accounts" in static_text(app, "#portfolio-status")
        await pilot.press("down")  # the cursor moves on the first page meanwhile …
        chosen = app.selected_account_id
        assert chosen == screen.table.rows[1].id
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(names(app)) == 4 and names(app)[:2] == first
        assert app.selected_account_id == chosen  # … and stays where it was
        assert "4 accounts" in static_text(app, "#portfolio-status")


async def test_back_from_an_account_the_portfolio_rereads_only_what_was_written(demo_ws, make, monkeypatch):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        reloads = []
        real = screen.reload
        monkeypatch.setattr(screen, "reload", lambda keep=None: (reloads.append(keep), real(keep)))
        await pilot.press("enter")  # the overview, nothing changed: back without a re-read
        await pilot.pause()
        assert isinstance(app.screen, AccountOverviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and reloads == []
        await pilot.press("enter")
        await pilot.pause()
        ctx = app.ctx
        account = accounts.get(ctx, app.selected_account_id)
        accounts.update(ctx, account, {"name": "Renamed meanwhile"})  # as a screen's edit would
        await pilot.press("escape")
        await pilot.pause()
        assert len(reloads) == 1 and "Renamed meanwhile" in names(app)


def _hold_the_rest(monkeypatch):
    """The portfolio's full read waits for the returned event: the first page shows alone."""
    import threading

    from kamtui.ui.screens import portfolio as portfolio_screen

    monkeypatch.setattr(PortfolioScreen, "LOAD_ABOVE", 0)
    monkeypatch.setattr(portfolio_screen, "FIRST_PAGE", 2)
    gate = threading.Event()
    real = portfolio_screen.accounts.portfolio

    def held(*args, **kwargs):
        if not gate.wait(10):  # a test that forgot to open it (or read through it) fails here
            raise AssertionError("the portfolio's read was held and never let go")
        return real(*args, **kwargs)

    monkeypatch.setattr(portfolio_screen.accounts, "portfolio", held)
    return gate


async def test_sort_and_filter_keys_while_the_rest_loads_keep_the_first_page(demo_ws, make, monkeypatch):
    gate = _hold_the_rest(monkeypatch)
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        first = names(app)
        await pilot.press("down")
        chosen = app.selected_account_id
        await pilot.press("s", "slash", "z", "escape")  # sort, and a filter begun and cleared
        await pilot.pause()
        assert names(app) == first and app.selected_account_id == chosen
        assert "No account" not in " ".join(table_lines(app))
        await pilot.press("s")  # the rows arrive sorted as asked meanwhile (twice: by key index)
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert len(names(app)) == 4 and app.selected_account_id == chosen
        assert screen.shown_rows == accounts.sort_rows(screen.all_rows, screen.sort_column)


async def test_another_process_writing_while_the_rows_load_is_read_at_the_next_look(demo_ws, make, monkeypatch):
    from kamtui.store import Workspace

    portfolio = accounts.portfolio  # the real read: the patched one waits for the gate
    gate = _hold_the_rest(monkeypatch)
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        other = Workspace.open(demo_ws.path)  # someone else, in another process
        ctx = Context(other, today=TODAY, user="bob")
        target = portfolio(ctx)[-1]
        accounts.update(ctx, accounts.get(ctx, target.id), {"name": "Zz renamed by bob"})
        other.close()
        assert screen.poll_workspace() is True  # seen while the rows are on their way
        gate.set()
        for _ in range(40):  # the next look at the workspace (each second) reads them again
            await pilot.pause(0.1)
            if "Zz renamed by bob" in names(app):
                break
        assert "Zz renamed by bob" in names(app) and len(names(app)) == 4


async def test_back_on_the_portfolio_the_selected_account_is_the_highlighted_one(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        highlighted = app.selected_account_id
        await pilot.press("enter")
        await pilot.pause()
        app.selected_account_id = app.screen_stack[0].table.rows[2].id  # as the agenda does
        await pilot.press("escape")
        await pilot.pause()
        assert app.selected_account_id == highlighted == app.screen.table.current.id


async def test_a_big_portfolio_filters_names_from_memory_once_they_are_read(demo_ws, make, monkeypatch):
    from kamtui.store import accounts as store_accounts

    monkeypatch.setattr(PortfolioScreen, "LOAD_ABOVE", 0)  # as a workspace of hundreds
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen._names is None  # not read by a start that never filters
        await pilot.press("slash")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen._names is not None
        scans = []
        monkeypatch.setattr(store_accounts, "via_names", lambda *a: scans.append(a) or [])
        await pilot.press("Z", "h", "o", "u")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert names(app) == [HARBOUR] and "person: Helen Zhou" in app.screen.table.rows[0].match
        assert scans == []  # not one query per key
        await pilot.press("escape")
        ctx = app.ctx
        account = accounts.get(ctx, app.screen.table.rows[0].id)
        accounts.update(ctx, account, {"name": account.name + " (renamed)"})
        app.screen.reload()  # as after any write: the names are read again
        assert app.screen._names is None
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen._names is not None


async def test_the_filter_box_is_mounted_by_the_first_slash_and_keys_typed_meanwhile_land_in_it(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert screen._box() is None  # not in the first frames: "/" mounts it
        assert screen.check_action("clear", ()) is False
        from textual import events

        for key, char in (("slash", "/"), ("Z", "Z"), ("h", "h"), ("o", "o"), ("u", "u")):
            burst = events.Key(key, char)  # as fast as a terminal delivers them: no pause between
            burst.set_sender(app)
            app._driver.send_message(burst)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.filter_input.has_focus and screen.filter_input.value == "Zhou"
        assert names(app) == [HARBOUR]
        assert screen.filter_input.placeholder.startswith("filter:")
