"""In 中文, what the services and the store refuse is said in 中文: on the field of a form, in a
notification, in the CLI when --lang asks for it (issue 14: "名称: an account with this name
exists already" was shown before)."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from map_helpers import TELECOM, account_id, make as make_map_app, open_map, person_named
from ui_helpers import static_text

from kamtui.services import accounts
from kamtui.ui.screens.confirm import ConfirmDialog
from kamtui.ui.screens.form import FormDialog
from kamtui.ui.screens.person_picker import PersonPickerDialog
from kamtui.ui.screens.portfolio import PortfolioScreen
from kamtui.ui.widgets.decision_chain import DecisionChain

ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


def notes(app) -> list[str]:
    return [str(getattr(n.message, "plain", n.message)) for n in app._notifications]


async def test_an_existing_name_is_refused_in_chinese_on_the_field(demo_ws, make):
    app = make(demo_ws, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", *"rheinwerk automobil ag", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert static_text(app, "#error-name") == "名称：已有同名客户"
        assert static_text(app, "#form-message") == "请修正标记的字段：名称：已有同名客户"
        assert "-invalid" in app.screen.query_one("#row-name").classes
        app.set_lang("en")  # (L would type into the field) the same refusal, in English at the next save
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert static_text(app, "#error-name") == "Name: an account with this name exists already"


async def test_the_models_checks_are_said_in_chinese_too(demo_ws, make):
    """The form's own parsing (an amount), then pydantic's check of the settings (a currency)."""
    app = make(demo_ws, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_settings()
        await pilot.pause()
        await pilot.press("w")
        app.screen.query_one("#field-currency").value = "EURO"
        app.screen.query_one("#field-gift__per_activity").value = "lots"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert static_text(app, "#error-gift__per_activity").endswith("：必须是金额，如 1200.50")
        app.screen.query_one("#field-gift__per_activity").value = "100"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert static_text(app, "#error-currency") == "币种（3 个字母）：必须是三个大写字母，如 EUR"
        said = [str(w.content) for w in app.screen.query(".form-error") if str(w.content)]
        assert said and not any(ENGLISH_WORD.search(s.replace("EUR", "")) for s in said), said


async def test_a_busy_workspace_is_said_in_chinese(demo_ws, make, monkeypatch):
    """The store's refusal (another process holds the write lock) reaches the 中文 screen worded."""
    from kamtui.store import workspace

    monkeypatch.setattr(workspace, "BUSY_TIMEOUT_MS", 200)
    app = make(demo_ws, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        other = sqlite3.connect(demo_ws.path, isolation_level=None)  # someone else, saving
        try:
            other.execute("BEGIN IMMEDIATE")
            await pilot.press("d")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await pilot.pause()
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert isinstance(app.screen, PortfolioScreen)
        assert "工作区繁忙（他人正在保存）：请重试。" in notes(app)
        assert not any(a.archived for a in accounts.portfolio(app.ctx, include_archived=True))


async def test_a_refused_move_on_the_map_is_said_in_chinese(demo_ws):
    app = make_map_app(demo_ws, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        aid = account_id(app.ctx, TELECOM)
        screen = await open_map(app, pilot)
        screen.show_view("chain")
        await pilot.pause()
        chain = screen.query_one(DecisionChain)
        # 马骏 reports to 孙立群 who reports to 周建华: 周建华 cannot report to 马骏
        chain.cursor = next(i for i, r in enumerate(chain.rows) if r.key and r.payload.name == "周建华")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PersonPickerDialog)
        app.screen.query_one("#picker-input").value = "马骏"
        await pilot.pause()
        # the picker no longer offers who already reports to 周建华 (issue 15.7) …
        majun = person_named(app.ctx, aid, "马骏")
        assert majun.id not in [item.id for item in app.screen.shown]
        await pilot.press("escape")
        await pilot.pause()
        # … and the service's refusal, should such a move reach it (another window's stale
        # list), is said on the map in Chinese
        from kamtui.services import people as st

        zhou = person_named(app.ctx, aid, "周建华")
        assert screen._attempt(lambda: st.set_reports_to(app.ctx, zhou, majun.id)) is None
        await pilot.pause()
        assert person_named(app.ctx, aid, "周建华").reports_to_id is None
        assert "所选人员已（间接）汇报给此人。" in notes(app)


def _kamtui(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    script = Path(sys.executable).parent / "kamtui"  # the installed command, as users run it
    return subprocess.run([str(script), *args], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.mark.parametrize(("lang", "said"), [
    (None, "No workspace at {path}: create one with `kamtui init {path}`."),
    ("en", "No workspace at {path}: create one with `kamtui init {path}`."),
    ("zh", "{path} 处没有工作区：用 `kamtui init {path}` 新建一个。"),
])
def test_the_cli_says_an_error_in_one_line_in_the_language_asked(tmp_path, lang, said):
    path = tmp_path / "nowhere.sqlite"
    done = _kamtui("report", str(path), *(["--lang", lang] if lang else []), cwd=tmp_path)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == f"kamtui: error: {said.format(path=path)}\n"


def test_the_cli_words_plurals(tmp_path, demo_file):
    import shutil

    ws = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, ws)
    done = _kamtui("export", str(ws), cwd=tmp_path)  # several accounts and no --account
    assert done.returncode == 1
    assert re.fullmatch(r"kamtui: error: .*demo\.sqlite holds [2-9] accounts: name one with --account, "
                        r"or export them all with --all\.\n", done.stderr), done.stderr
