"""`kamtui export` and `kamtui import` through click: data on stdout only, diagnostics on stderr."""

from __future__ import annotations

import shutil
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from plans_helpers import TODAY_ISO, dump

from kamtui.cli import cli, main
from kamtui.store import Workspace


@pytest.fixture(autouse=True)
def workspaces(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "workspaces"
    folder.mkdir()
    monkeypatch.setenv("KAMTUI_WORKSPACES", str(folder))
    monkeypatch.setenv("KAMTUI_USER", "tester")
    return folder


@pytest.fixture
def team(demo_file, workspaces) -> Path:
    """The demo workspace as the team `team` in the workspaces folder."""
    path = workspaces / "team.sqlite"
    shutil.copy(demo_file, path)
    return path


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=True)


def run_main(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    """The real entry point: its exit code, stdout and stderr."""
    monkeypatch.setattr(sys, "argv", ["kamtui", *args])
    with pytest.raises(SystemExit) as ended:
        main()
        raise SystemExit(0)
    out = capsys.readouterr()
    return ended.value.code or 0, out.out, out.err


def test_export_one_account_to_stdout(team):
    for args in ((), ("-o", "-")):
        result = run("export", "team", "--account", "Harbourline", *args)
        assert result.exit_code == 0, result.output
        doc = tomllib.loads(result.stdout)
        assert doc["account"]["name"] == "Harbourline Bank (China) Co., Ltd."
        assert doc["private"] is False
        assert result.stderr == ""


def test_export_one_account_to_a_file_and_into_a_folder(team, tmp_path):
    result = run("export", str(team), "--account", "harbourline", "-o", str(tmp_path / "h.toml"),
                 "--include-private")
    assert result.exit_code == 0 and result.stdout == ""
    assert "Wrote" in result.stderr and tomllib.loads((tmp_path / "h.toml").read_text())["private"] is True
    (tmp_path / "folder").mkdir()
    result = run("export", "team", "--account", "Harbourline", "-o", str(tmp_path / "folder"))
    assert result.exit_code == 0
    assert [p.name for p in (tmp_path / "folder").iterdir()] == ["harbourline.45897612e6e154048ae20bcd4cc7b83d.toml"]


def test_export_all_writes_one_file_per_account_and_the_workspace_file(team, tmp_path):
    out = tmp_path / "plans"
    result = run("export", "team", "--all", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 5 and "workspace.toml" in names
    assert "Exported 5 files" in result.stderr and "private fields left out" in result.stderr


def test_export_several_accounts_needs_a_folder(team, tmp_path):
    result = run("export", "team", "--account", "Harbourline", "--account", "Rheinwerk", "-o", "-")
    assert result.exit_code == 2 and "cannot go to stdout" in result.output
    result = run("export", "team", "--account", "Harbourline", "--account", "Rheinwerk",
                 "-o", str(tmp_path / "two"))
    assert result.exit_code == 0 and len(list((tmp_path / "two").iterdir())) == 2


def test_export_brief_as_markdown(team):
    result = run("export", "team", "--account", "Harbourline", "--format", "md", "--today", TODAY_ISO)
    assert result.exit_code == 0
    assert result.stdout.startswith("# Harbourline Bank (China) Co., Ltd.\n")
    for heading in ("## Three layers", "## Short boards", "## Pitfalls", "## Key people", "## Next activities"):
        assert heading in result.stdout


def test_export_without_an_account_in_a_team_of_several(team, capsys, monkeypatch):
    code, out, err = run_main(capsys, monkeypatch, "export", "team")
    assert code == 1 and out == ""
    assert err == (f"kamtui: error: {team} holds 4 accounts: name one with --account, "
                   "or export them all with --all.\n")
    code, out, err = run_main(capsys, monkeypatch, "export", "team", "--account", "Nobody Ltd")
    assert code == 1 and "No account named 'Nobody Ltd'" in err


def test_import_prints_counts_per_kind(team, workspaces, tmp_path):
    run("export", "team", "--all", "--include-private", "-o", str(tmp_path / "plans"))
    assert run("init", "fresh").exit_code == 0
    result = run("import", "fresh", str(tmp_path / "plans"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["kind", "created", "updated", "unchanged", "conflicts"]
    assert "person 73 0 0 0" in [" ".join(line.split()) for line in lines]
    assert "Imported 5 files" in result.stderr


def test_import_dry_run_writes_nothing(team, tmp_path):
    run("export", "team", "--account", "Harbourline", "-o", str(tmp_path / "h.toml"))
    text = (tmp_path / "h.toml").read_text().replace('attitude = "threat"', 'attitude = "advocate"', 1)
    (tmp_path / "h.toml").write_text(text)
    with Workspace.open(team) as ws:
        before = dump(ws)
    result = run("import", "team", str(tmp_path / "h.toml"), "--dry-run")
    assert result.exit_code == 0
    assert "person 0 1 16 0" in [" ".join(line.split()) for line in result.stdout.splitlines()]
    assert "Dry run: nothing was written." in result.stderr
    with Workspace.open(team) as ws:
        assert dump(ws) == before


def test_import_from_stdin(team):
    plan = run("export", "team", "--account", "Harbourline").stdout
    result = run("import", "team", "-", input=plan)
    assert result.exit_code == 0 and "person 0 0 17 0" in [" ".join(x.split()) for x in result.stdout.splitlines()]


def test_import_of_a_bad_file_lists_every_problem_and_exits_1(team, tmp_path, capsys, monkeypatch):
    plan = run("export", "team", "--account", "Harbourline").stdout
    bad = plan.replace('attitude = "threat"', 'attitude = "hostile"', 1).replace("influence = 5", "influence = 50", 1)
    (tmp_path / "bad.toml").write_text(bad)
    with Workspace.open(team) as ws:
        before = dump(ws)
    code, out, err = run_main(capsys, monkeypatch, "import", "team", str(tmp_path / "bad.toml"))
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert len(lines) == 3
    assert any(".attitude: must be one of advocate, accepting" in line for line in lines[:2])
    assert any(".influence: must be 5 or less" in line for line in lines[:2])
    assert lines[2] == "kamtui: error: bad.toml: 2 problems (nothing was imported)"
    with Workspace.open(team) as ws:
        assert dump(ws) == before


def test_import_syntax_error_is_one_line(team, tmp_path, capsys, monkeypatch):
    (tmp_path / "broken.toml").write_text("schema_version = 1\n[account\n")
    code, out, err = run_main(capsys, monkeypatch, "import", "team", str(tmp_path / "broken.toml"))
    assert code == 1
    assert err.startswith("kamtui: error: broken.toml, line 2, column 9: ") and err.count("\n") == 1


def _rename_in_workspace(path: Path, name: str) -> None:
    import datetime as dt

    from kamtui.domain.models import Account
    from kamtui.services.context import Context
    from kamtui.services.plans.export import find_account

    with Workspace.open(path) as ws:
        ctx = Context(ws, today=dt.date(2026, 11, 26), user="alice")
        account = find_account(ctx, "Harbourline")
        with ctx.write() as tx:
            tx.update(account.model_copy(update={"name": name}))
        assert isinstance(account, Account)


def test_import_conflicts_are_listed_on_stderr_with_exit_status_3(team, tmp_path, capsys, monkeypatch):
    assert run("export", "team", "--account", "Harbourline", "-o", str(tmp_path / "h.toml")).exit_code == 0
    text = (tmp_path / "h.toml").read_text()
    old = 'name = "Harbourline Bank (China) Co., Ltd."'
    (tmp_path / "h.toml").write_text(text.replace(old, 'name = "Harbourline (CN)"')
                                     .replace('tier = "key"', 'tier = "strategic"'))
    _rename_in_workspace(team, "Harbourline Bank")  # the same field, differently, since the export
    code, _out, err = run_main(capsys, monkeypatch, "import", "team", str(tmp_path / "h.toml"))
    assert code == 3
    assert ("kamtui: conflict: h.toml: account: account 'Harbourline (CN)' changed both in the workspace "
            "by alice") in err
    assert "name: workspace 'Harbourline Bank', file 'Harbourline (CN)'" in err
    assert "kamtui: error: 1 record with conflicts was left as it is" in err
    with Workspace.open(team) as ws:  # the record stopped whole: its other change waits with it
        assert ws.db.execute("SELECT name, tier FROM account WHERE name LIKE 'Harbourline%'").fetchone() == (
            "Harbourline Bank", "key")
    code, _out, err = run_main(capsys, monkeypatch, "import", "team", str(tmp_path / "h.toml"), "--overwrite")
    assert code == 0 and "the file's values taken" in err
    with Workspace.open(team) as ws:
        assert ws.db.execute("SELECT name, tier FROM account WHERE name LIKE 'Harbourline%'").fetchone() == (
            "Harbourline (CN)", "strategic")


def test_no_progress_bar_without_a_terminal(team, tmp_path):
    result = run("export", "team", "--all", "-o", str(tmp_path / "p"))
    assert "━" not in result.stderr and "━" not in result.stdout


def test_an_import_backs_up_the_workspace_first(tmp_path):
    """Issue 8: an automatic backup before every import that writes (never for a dry run)."""
    import datetime as dt

    from kamtui.services.context import Context
    from kamtui.services.demo import build_demo
    from kamtui.services.plans import export, import_
    from kamtui.store import Workspace
    from kamtui.store.backup import verify

    path = tmp_path / "team.sqlite"
    build_demo(path, "demo")
    ws = Workspace.open(path)
    ctx = Context(ws, today=dt.date(2026, 11, 26), user="tester")
    first = export.find_account(ctx, "Harbourline").id
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(export.account_text(ctx, first, include_private=True), encoding="utf-8")
    import_.import_path(ctx, plan_file, dry_run=True)
    assert not list(tmp_path.glob("team.pre-import-*"))
    import_.import_path(ctx, plan_file)
    backups = list(tmp_path.glob("team.pre-import-*.sqlite"))
    assert len(backups) == 1 and verify(backups[0]) == "ok"
    assert backups[0].stat().st_mode & 0o777 == path.stat().st_mode & 0o777
    ws.close()


def test_exports_take_the_workspace_files_permission_bits(tmp_path):
    """Issue 8: an exported plan is as private (or as shared) as its workspace."""
    import datetime as dt
    import os

    from kamtui.services.context import Context
    from kamtui.services.demo import build_demo
    from kamtui.services.plans import export
    from kamtui.store import Workspace

    path = tmp_path / "team.sqlite"
    build_demo(path, "demo")
    for mode in (0o600, 0o660):
        os.chmod(path, mode)
        ws = Workspace.open(path)
        ctx = Context(ws, today=dt.date(2026, 11, 26), user="tester")
        folder = tmp_path / f"out-{mode:o}"
        written = export.export_accounts(ctx, export.all_account_ids(ctx), folder, with_workspace=True)
        ws.close()
        assert written and all(os.stat(w.path).st_mode & 0o777 == mode for w in written)
