"""The command line: click's runner for behaviour, real processes for exit codes and stderr."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kamtui.store.migrations import SCHEMA_VERSION
from click.testing import CliRunner

from kamtui import __version__
from kamtui.cli import cli
from kamtui.domain.enums import Indicator
from kamtui.errors import KamtuiError, WorkspaceError

TODAY = "2026-11-26"
JSON_KEYS = {"id", "name", "org_level", "key_index", "coverage", "red_flags", "key_index_now",
             "coverage_now", "red_flags_now", "extensive_index", "short_board",
             "open_activities", "overdue_activities", "undated_activities", "last_assessed", "pitfalls",
             "next_step"}


@pytest.fixture
def wsdir() -> Path:
    return Path(os.environ["KAMTUI_WORKSPACES"])


@pytest.fixture
def invoke(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(cli, list(args), catch_exceptions=True)

    return run


def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """`kamtui ARGS` as a user runs it: a new interpreter through kamtui.cli.main."""
    return subprocess.run([sys.executable, "-m", "kamtui", *args], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, **(env or {})}, timeout=120)


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _mode(p: Path) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


def assert_one_error_line(r: subprocess.CompletedProcess, *phrases: str) -> str:
    assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr, r.stderr
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("kamtui: error: "), lines[0]
    assert r.stdout == ""
    for phrase in phrases:
        assert phrase in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def demo_ws(invoke, wsdir) -> Path:
    r = invoke("demo", "--no-open", "--today", TODAY)
    assert r.exit_code == 0, r.output
    return wsdir / "demo.sqlite"


# -- --version, --help ------------------------------------------------------------------------

def test_version(invoke):
    r = invoke("--version")
    assert r.exit_code == 0
    assert r.stdout == f"kamtui, version {__version__}\n"


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_lists_the_commands(invoke, flag):
    r = invoke(flag)
    assert r.exit_code == 0
    for command in ("init", "demo", "report", "check", "open"):
        assert f"  {command} " in r.stdout, command
    assert r.stderr == ""


def test_version_and_help_in_a_real_process():
    r = run("--version")
    assert (r.returncode, r.stdout.strip(), r.stderr) == (0, f"kamtui, version {__version__}", "")
    r = run("--help")
    assert r.returncode == 0 and "Usage: kamtui" in r.stdout and r.stderr == ""


# -- init ----------------------------------------------------------------------------------

def test_init_by_team_name(invoke, wsdir):
    r = invoke("init", "alpha")
    assert r.exit_code == 0, r.output
    p = wsdir / "alpha.sqlite"
    assert p.is_file() and _mode(p) == 0o600
    assert r.stdout == "" and str(p) in r.stderr
    from kamtui.services.settings import get
    from kamtui.services.context import Context
    from kamtui.store import Workspace

    ws = Workspace.open(p)
    assert get(Context(ws)).team_name == "alpha"
    ws.close()


def test_init_path_team_and_shared(invoke, tmp_path):
    p = tmp_path / "teams" / "east.sqlite"
    r = invoke("init", str(p), "--team", "Key Accounts East / 华东", "--shared", "--group", "users")
    assert r.exit_code == 0, r.output
    assert _mode(p) == 0o660
    assert _mode(p.parent) == 0o2770
    conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
    assert conn.execute("SELECT team_name FROM settings").fetchone()[0] == "Key Accounts East / 华东"
    conn.close()


def test_init_refuses_an_existing_workspace(invoke, wsdir):
    assert invoke("init", "alpha").exit_code == 0
    p = wsdir / "alpha.sqlite"
    before = sha(p)
    r = invoke("init", "alpha")
    assert r.exit_code == 1 and isinstance(r.exception, WorkspaceError)
    assert "already exists" in str(r.exception)
    r = run("init", "alpha")
    assert_one_error_line(r, "already exists")
    assert sha(p) == before


# -- demo, report ----------------------------------------------------------------------------

def test_demo_no_open_builds_and_reports(invoke, wsdir):
    r = invoke("demo", "--no-open", "--today", TODAY)
    assert r.exit_code == 0, r.output
    p = wsdir / "demo.sqlite"
    assert p.is_file() and _mode(p) == 0o600
    assert "Portfolio" in r.stdout
    assert "Built" in r.stderr and "Built" not in r.stdout
    before = sha(p)
    again = invoke("demo", "--no-open", "--today", TODAY)  # exists: reported, not rebuilt
    assert again.exit_code == 0 and "Built" not in again.stderr
    assert again.stdout == r.stdout
    assert sha(p) == before


def test_report_json(invoke, demo_ws):
    r = invoke("report", "demo", "--format", "json", "--today", TODAY)
    assert r.exit_code == 0, r.output
    assert r.stderr == ""
    rows = json.loads(r.stdout)
    assert len(rows) >= 4
    for row in rows:
        assert set(row) == JSON_KEYS
        assert isinstance(row["id"], str) and isinstance(row["name"], str)
        assert row["org_level"] in {"vendor", "supplier", "strategic_supplier", "partner", None}
        assert row["key_index"] is None or isinstance(row["key_index"], (int, float))
        for key in ("coverage", "coverage_now"):  # null: no decision makers or influencers
            assert row[key] is None or (isinstance(row[key], (int, float)) and 0 <= row[key] <= 1)
        assert row["key_index_now"] is None or isinstance(row["key_index_now"], (int, float))
        assert isinstance(row["red_flags"], int) and isinstance(row["red_flags_now"], int)
        assert row["extensive_index"] is None or 0 <= row["extensive_index"] <= 100
        sb = row["short_board"]
        assert sb is None or set(sb) == {"department", "indicator"}
        assert isinstance(row["open_activities"], int) and isinstance(row["overdue_activities"], int)
        assert 0 <= row["overdue_activities"] <= row["open_activities"]
        assert row["last_assessed"] is None or dt.date.fromisoformat(row["last_assessed"])
        assert isinstance(row["pitfalls"], list) and all(isinstance(k, str) for k in row["pitfalls"])
        step = row["next_step"]  # null until assessed; the path to the next level per layer
        assert step is None or set(step) == {"assessed_on", "organization", "key", "extensive"}
        if step is not None:
            assert step["assessed_on"] == row["last_assessed"]
            assert set(step["key"]) == {"key_index", "levers", "red_flags", "unknown_attitudes"}
            assert len(step["key"]["red_flags"]) == row["red_flags"]
    assert [r_["name"] for r_ in rows] == sorted(r_["name"] for r_ in rows)
    assert any(row["overdue_activities"] for row in rows) and any(row["pitfalls"] for row in rows)

    # the same figures the store computes for that day
    from kamtui.services.report import as_json
    from kamtui.store import Workspace
    from kamtui.store import accounts as store_accounts

    ws = Workspace.open(demo_ws, read_only=True)
    direct = [as_json(x) for x in store_accounts.portfolio(ws.db, dt.date.fromisoformat(TODAY))]
    ws.close()
    assert rows == json.loads(json.dumps(direct))

    # a later day: the same open activities, more of them overdue
    later = json.loads(invoke("report", "demo", "--format", "json", "--today", "2030-01-01").stdout)
    assert [x["open_activities"] for x in later] == [x["open_activities"] for x in rows]
    assert all(x["overdue_activities"] == x["open_activities"] for x in later)


def test_report_lang_zh_table(invoke, demo_ws):
    r = invoke("report", "demo", "--lang", "zh", "--today", TODAY)
    assert r.exit_code == 0, r.output
    for text in ("客户组合", "客户", "组织关系", "短木板", "华信移动通信集团"):
        assert text in r.stdout, text
    assert "Portfolio" not in r.stdout
    assert any(label in r.stdout for label in ("战略级供应商", "供应商", "小贩级", "战略合作伙伴"))
    en = invoke("report", "demo", "--today", TODAY)
    assert "Portfolio" in en.stdout and "客户组合" not in en.stdout
    same = invoke("report", "demo", "--lang", "zh", "--format", "json", "--today", TODAY)
    assert json.loads(same.stdout) == json.loads(
        invoke("report", "demo", "--format", "json", "--today", TODAY).stdout)


def test_report_table_keeps_its_figures_at_80_columns(invoke, demo_ws, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    r = invoke("report", "demo", "--today", TODAY)
    assert r.exit_code == 0
    assert max(len(line) for line in r.stdout.splitlines()) <= 80
    for head in ("Key", "Cover", "Ext", "Open", "Late", "Short board"):
        assert head in r.stdout, head
    rows = json.loads(invoke("report", "demo", "--format", "json", "--today", TODAY).stdout)
    lines = r.stdout.splitlines()
    for row in rows:
        assert f"{row['coverage'] * 100:.0f}%" in r.stdout
        # the short board (the method's main message) is on the account's line: what is
        # weak and how weak, then the department as far as it fits
        line = next(x for x in lines if x.startswith(row["name"][:4]))
        board = row["short_board"]
        assert Indicator(board["indicator"]).short("en") in line, line
        assert f" · {board['department'][:2]}" in line, line


def test_report_resolves_team_names_and_paths(invoke, demo_ws, tmp_path):
    by_name = invoke("report", "demo", "--format", "json", "--today", TODAY)
    by_path = invoke("report", str(demo_ws), "--format", "json", "--today", TODAY)
    only_one = invoke("report", "--format", "json", "--today", TODAY)  # the only workspace
    assert by_name.exit_code == by_path.exit_code == only_one.exit_code == 0
    assert by_name.stdout == by_path.stdout == only_one.stdout


def _backup_next_to(p: Path) -> None:
    from kamtui.store.backup import backup_path, backup_to

    backup_to(p, backup_path(p))


def test_default_workspace_ignores_backups(invoke, wsdir):
    assert invoke("init", "alpha").exit_code == 0
    _backup_next_to(wsdir / "alpha.sqlite")
    r = invoke("report", "--format", "json", "--today", TODAY)
    assert r.exit_code == 0, r.exception
    assert json.loads(r.stdout) == []


def _downgrade_to_v1(p: Path) -> None:
    """A workspace as kamtui 1 (schema 1) left it: what later migrations made removed."""
    conn = sqlite3.connect(p, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DROP TABLE draft")
    conn.execute("DROP TABLE preference")
    conn.execute("DROP TABLE sync_base")
    conn.execute("DROP TABLE workspace_option")
    conn.execute("ALTER TABLE assessment DROP COLUMN evidence_activity_id")  # m008
    conn.execute("ALTER TABLE account_summary DROP COLUMN next_step")
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE '%_cascade_version'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("ALTER TABLE person DROP COLUMN email")  # m006
    conn.execute("ALTER TABLE person DROP COLUMN phone")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name != 'm001_initial'")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("COMMIT")
    conn.close()


def test_check_migrates_an_older_workspace(invoke, wsdir):
    assert invoke("init", "alpha").exit_code == 0
    p = wsdir / "alpha.sqlite"
    _downgrade_to_v1(p)
    r = invoke("check", "alpha")
    assert r.exit_code == 0, r.output
    assert f"schema version: {SCHEMA_VERSION} (this kamtui: {SCHEMA_VERSION})" in r.stdout
    assert len(list(wsdir.glob(f"alpha.pre-v{SCHEMA_VERSION}-*"))) == 1


def test_report_on_an_older_writable_workspace(invoke, wsdir):
    assert invoke("init", "alpha").exit_code == 0
    _downgrade_to_v1(wsdir / "alpha.sqlite")
    r = invoke("report", "alpha", "--format", "json", "--today", TODAY)
    assert r.exit_code == 0, r.exception
    assert json.loads(r.stdout) == []


# -- check ---------------------------------------------------------------------------------

def test_check_a_good_workspace(invoke, demo_ws):
    from kamtui.store.migrations import SCHEMA_VERSION

    r = invoke("check", "demo")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert f"schema version: {SCHEMA_VERSION} (this kamtui: {SCHEMA_VERSION})" in out
    assert f"SQLite library: {sqlite3.sqlite_version}" in out
    assert "journal mode: wal" in out
    assert "file mode: 0600" in out
    assert "quick_check: ok" in out
    assert r.stderr == ""


def test_check_in_a_real_process(demo_ws):
    r = run("check", str(demo_ws))
    assert r.returncode == 0, r.stderr
    assert "quick_check: ok" in r.stdout and r.stderr == ""


# -- errors: one line on stderr, exit 1; usage: exit 2 -----------------------------------------

def _foreign(p: Path) -> None:
    conn = sqlite3.connect(p)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


def _newer(p: Path) -> None:
    from kamtui.store import Workspace

    Workspace.create(p).close()
    conn = sqlite3.connect(p)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()


def _damaged(p: Path) -> None:
    from kamtui.domain.models import Account
    from kamtui.store import Workspace, write

    ws = Workspace.create(p)
    with write(ws) as tx:
        for i in range(200):
            tx.insert(Account(name=f"Account {i:04d} " + "x" * 40))
    root = ws.db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'audit_entity'").fetchone()[0]
    ws.close()
    data = bytearray(p.read_bytes())
    data[(root - 1) * 4096: root * 4096] = b"\xff" * 4096
    p.write_bytes(bytes(data))


ERROR_CASES = {
    "foreign sqlite": (_foreign, ["report", "{p}"], "another program"),
    "toml file": (lambda p: p.write_text('name = "x"\n'), ["check", "{p}"], "not an SQLite database"),
    "empty file": (lambda p: p.write_bytes(b""), ["report", "{p}"], "empty"),
    "newer schema": (_newer, ["report", "{p}"], "upgrade kamtui"),
    "folder": (lambda p: p.mkdir(), ["check", "{p}"], "folder"),
    "missing": (lambda p: None, ["report", "{p}"], "No workspace"),
    "missing team": (lambda p: None, ["report", "nosuchteam"], "No workspace"),
    "bare kamtui, no workspace": (lambda p: None, [], "No workspace in"),
    "damaged": (_damaged, ["check", "{p}"], "damaged"),
    # a report of a damaged file is refused as `check` refuses it (issue 13)
    "damaged, report": (_damaged, ["report", "{p}"], "damaged"),
    "damaged, report --format json": (_damaged, ["report", "{p}", "--format", "json"], "damaged"),
}


@pytest.mark.parametrize("case", list(ERROR_CASES))
def test_errors_are_one_line_and_exit_1(tmp_path, case):
    make, args, phrase = ERROR_CASES[case]
    p = tmp_path / "team.sqlite"
    make(p)
    before = sha(p) if p.is_file() else None
    r = run(*[a.format(p=p) for a in args], cwd=tmp_path)
    assert_one_error_line(r, phrase)
    if before is not None:
        assert sha(p) == before


@pytest.mark.parametrize("args", [
    ["report", "--format", "xml"],
    ["init"],
    ["--no-such-option"],
    ["report", "--today", "26/11/2026"],
    ["demo", "--size", "huge", "--no-open"],
    ["report", "--lang", "fr"],
])
def test_usage_errors_exit_2(args, wsdir):
    from kamtui.store import Workspace

    Workspace.create(wsdir / "alpha.sqlite").close()  # so the workspace is not what fails
    listing = sorted(wsdir.iterdir())
    r = run(*args)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    assert "Usage:" in r.stderr or "Error:" in r.stderr
    assert r.stdout == ""
    assert sorted(wsdir.iterdir()) == listing


def test_runner_surfaces_the_kamtui_error(invoke, tmp_path):
    r = invoke("report", str(tmp_path / "missing.sqlite"))
    assert r.exit_code == 1
    assert isinstance(r.exception, KamtuiError)
    assert "\n" not in str(r.exception)


def test_init_with_an_invalid_team_name_is_one_error_and_no_file(tmp_path, wsdir):
    r = run("init", "alpha", "--team", "x" * 300, cwd=tmp_path)
    assert_one_error_line(r, "team")
    assert list(wsdir.iterdir()) == []


def test_demo_creates_a_private_workspaces_folder(invoke, tmp_path, monkeypatch):
    folder = tmp_path / "new-home" / "workspaces"
    monkeypatch.setenv("KAMTUI_WORKSPACES", str(folder))
    old = os.umask(0)
    try:
        r = invoke("demo", "--no-open", "--today", TODAY)
    finally:
        os.umask(old)
    assert r.exit_code == 0, r.output
    assert _mode(folder / "demo.sqlite") == 0o600
    assert _mode(folder) == 0o700


def test_report_json_is_as_json_of_the_portfolio_on_a_generated_workspace(tmp_path):
    """The report's own read (stored values, no LayerState) against the portfolio's rows,
    on 50 generated accounts and on dates that move the calendar pitfalls."""
    from kamtui.services.context import Context
    from kamtui.services.demo import build_demo
    from kamtui.services.report import as_json, json_report
    from kamtui.store import Workspace
    from kamtui.store import accounts as store_accounts

    path = tmp_path / "small.sqlite"
    build_demo(path, "small")
    ws = Workspace.open(path, read_only=True)
    for day in ("2026-11-26", "2025-01-01", "2031-06-30"):
        today = dt.date.fromisoformat(day)
        want = [as_json(r) for r in store_accounts.portfolio(ws.conn, today)]
        text = json_report(Context(ws, today=today))
        assert json.loads(text) == json.loads(json.dumps(want))
        assert text.count("\n") == len(want) + 1  # one account per line
    ws.close()


def test_quitting_the_app_on_a_damaged_workspace_exits_1(tmp_path, monkeypatch):
    """`kamtui WORKSPACE` ends with the app's return code (1 after the damaged-file dialog)."""
    from kamtui import cli
    from kamtui.store import Workspace
    from kamtui.ui import app as app_module

    path = tmp_path / "ws.sqlite"
    Workspace.create(path).close()

    class Damaged:
        return_code = 1

        def run(self) -> None:
            pass

    monkeypatch.setattr(app_module, "make_app", lambda ws, today, lang, ascii=None: Damaged())
    with pytest.raises(SystemExit) as exited:
        cli._run_app(path, False, None, dt.date(2026, 11, 26))
    assert exited.value.code == 1


def test_report_next_says_the_path_per_layer(invoke, demo_ws, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    rows = json.loads(invoke("report", "demo", "--format", "json", "--today", TODAY).stdout)
    r = invoke("report", "demo", "--next", "--today", TODAY)
    assert r.exit_code == 0, r.output
    assert max(len(line) for line in r.stdout.splitlines()) <= 80
    block = r.stdout.split("Next step (as assessed)\n", 1)[1]
    assert "Harbourline Bank (China) Co., Ltd.\n" in block
    assert "  Org   → Partner: Communication 3 → 4, Business fit 3 → 4," in block
    assert "  Ext   Information Security · Information access 1 → 2: 40 → 41" in block
    for row in rows:  # every flagged person is named on the key line
        for flag in row["next_step"]["key"]["red_flags"]:
            assert f"⚑ {flag['name']}" in block
    zh = invoke("report", "demo", "--next", "--lang", "zh", "--today", TODAY)
    assert "下一步（按最近评估）" in zh.stdout and "  组织  → 战略合作伙伴: 沟通 3 → 4" in zh.stdout
    assert "Next step" not in invoke("report", "demo", "--today", TODAY).stdout  # only when asked


# -- a value this kamtui does not know (written by a newer kamtui or a script) -------------------

def _newer_value(p: Path, sql: str) -> None:
    """The demo workspace with one stored value changed behind kamtui's back."""
    from kamtui.services.demo import build_demo

    build_demo(p, "demo")
    conn = sqlite3.connect(p)
    conn.execute(sql)
    conn.commit()
    conn.close()


UNKNOWN_VALUES = {
    "report": ("UPDATE account SET tier = 'Z' WHERE short_name = 'Harbourline'", ["report", "{p}"],
               "(account.tier = 'Z')"),
    "export --all": ("UPDATE person SET attitude = 'besotted' WHERE name = 'Margaret Lin'",
                     ["export", "{p}", "--all", "-o", "{out}"], "(person.attitude = 'besotted')"),
    "export one account": ("UPDATE activity SET status = 'snoozed' WHERE rowid = (SELECT min(rowid) FROM "
                           "activity WHERE account_id = (SELECT id FROM account WHERE short_name = 'Harbourline'))",
                           ["export", "{p}", "--account", "Harbourline", "-o", "{out}/h.toml"],
                           "(activity.status = 'snoozed')"),
}


@pytest.mark.parametrize("case", list(UNKNOWN_VALUES))
def test_a_value_this_kamtui_does_not_know_is_one_line(tmp_path, case):
    sql, args, phrase = UNKNOWN_VALUES[case]
    p = tmp_path / "team.sqlite"
    _newer_value(p, sql)
    out = tmp_path / "out"
    out.mkdir()
    r = run(*[a.format(p=p, out=out) for a in args], cwd=tmp_path)
    assert_one_error_line(r, phrase, "does not know", "upgrade kamtui or fix the value")
    import tomllib

    for f in out.iterdir():  # files written before the record that stopped it are whole
        assert f.suffix == ".toml" and tomllib.loads(f.read_text(encoding="utf-8")) is not None, f


def test_a_value_this_kamtui_does_not_know_is_said_in_the_language_asked(tmp_path):
    p = tmp_path / "team.sqlite"
    _newer_value(p, "UPDATE account SET tier = 'Z' WHERE short_name = 'Harbourline'")
    r = run("report", str(p), "--lang", "zh", cwd=tmp_path)
    assert_one_error_line(r, "工作区中有本版本 kamtui 不认识的值（account.tier = 'Z'）：请升级 kamtui 或修正该值。")


APP_PROBE = r"""
import datetime as dt, functools, sys
from pathlib import Path
from textual.app import App
from kamtui import cli
from kamtui.ui.app import KamtuiApp

KamtuiApp.run = functools.partialmethod(App.run, headless=True, size=(100, 30))
cli._run_app(Path(sys.argv[1]), False, "en", dt.date(2026, 11, 26))
print("the app ran on")
"""


def test_the_app_starts_into_one_line_on_a_value_it_does_not_know(tmp_path):
    """`kamtui WORKSPACE` as the CLI runs it (headless): the portfolio's first read meets the
    value, and the app ends with the sentence and exit status 1, not a traceback."""
    p = tmp_path / "team.sqlite"
    _newer_value(p, "UPDATE account SET tier = 'Z' WHERE short_name = 'Harbourline'")
    r = subprocess.run([sys.executable, "-c", APP_PROBE, str(p)], capture_output=True, text=True,
                       timeout=120, env={**os.environ, "COLUMNS": "200"})
    assert r.returncode == 1, (r.stdout[-2000:], r.stderr[-2000:])
    assert "Traceback" not in r.stderr and "the app ran on" not in r.stdout
    said = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(said) == 1 and said[0].startswith("kamtui: error: "), r.stderr
    assert "(account.tier = 'Z'): upgrade kamtui or fix the value" in said[0]
