"""The demo team ships as plan files and `kamtui demo` builds its workspace by importing them."""

from __future__ import annotations

import shutil

from kamtui.services.demo import build_demo
from kamtui.services.demo_content import TEAM_NAME, demo_team
from kamtui.services.plans import demo_files, export
from kamtui.services.plans import format as fmt
from kamtui.store import Workspace
from kamtui.store import accounts as store_accounts
from kamtui.store import audit as store_audit
from kamtui.store import team as store_team


def test_the_shipped_files_equal_a_fresh_export_of_the_demo_content():
    folder = demo_files.DEMO_FOLDER
    assert folder.is_dir(), f"{folder} is missing: run `python -m kamtui.services.plans.demo_files`"
    shipped = {p.name: p.read_bytes() for p in folder.glob("*.toml")}
    fresh = {name: text.encode() for name, text in demo_files.demo_texts().items()}
    assert shipped.keys() == fresh.keys(), "run `python -m kamtui.services.plans.demo_files`"
    for name in fresh:
        assert shipped[name] == fresh[name], f"{name} drifted: run `python -m kamtui.services.plans.demo_files`"


def test_the_shipped_files_hold_private_fields_and_the_whole_team():
    texts = demo_files.demo_texts()
    assert fmt.WORKSPACE_FILE in texts
    _, members, plans = demo_team()
    assert len(texts) == len(plans) + 1
    assert all("private = true" in t for n, t in texts.items() if n != fmt.WORKSPACE_FILE)


def test_the_demo_is_built_by_importing_the_shipped_files(tmp_path, monkeypatch):
    copy = tmp_path / "demo-files"
    shutil.copytree(demo_files.DEMO_FOLDER, copy)
    ws_file = copy / fmt.WORKSPACE_FILE
    ws_file.write_text(ws_file.read_text().replace(TEAM_NAME, "Team read from the files"))
    monkeypatch.setattr(demo_files, "DEMO_FOLDER", copy)
    build_demo(tmp_path / "demo.sqlite", "demo")
    with Workspace.open(tmp_path / "demo.sqlite") as ws:
        assert store_team.settings(ws.db).team_name == "Team read from the files"
        entries = store_audit.entries(ws.db)
        assert sum(e["action"] == "import" and e["entity"] == "account" for e in entries) == 4


def test_without_the_shipped_files_the_demo_content_is_exported_in_memory(tmp_path, monkeypatch, demo_file):
    monkeypatch.setattr(demo_files, "DEMO_FOLDER", tmp_path / "missing")
    build_demo(tmp_path / "demo.sqlite", "demo")
    from kamtui.services.context import Context

    with Workspace.open(tmp_path / "demo.sqlite") as a, Workspace.open(demo_file) as b:
        for ws in (a, b):
            ctx = Context(ws)
            ids = export.all_account_ids(ctx)
            assert len(ids) == 4
        assert [export.plan_toml(store_accounts.plan(a.db, i), include_private=True) for i in store_accounts.account_ids(a.db)] == \
               [export.plan_toml(store_accounts.plan(b.db, i), include_private=True) for i in store_accounts.account_ids(b.db)]
