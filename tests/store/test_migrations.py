"""Old workspaces are migrated forward once, after a verified backup, one transaction per step."""

from __future__ import annotations

import multiprocessing as mp
import os
import re
import sqlite3
import stat
import threading
import time
from pathlib import Path

import pytest

from kamtui.domain.enums import Attitude, ChainRole
from kamtui.domain.models import Account, Assessment, Person
from kamtui.errors import WorkspaceError
from kamtui.store import Workspace, fileinfo
from kamtui.store import accounts as store_accounts
from kamtui.store import audit as store_audit
from kamtui.store import team as store_team
from kamtui.store.tables import table_for
from kamtui.store.migrations import MIGRATIONS, SCHEMA_VERSION
from kamtui.store.file_checks import check_file

import store_workers as sw

# Each migration and the test below that upgrades old-shaped rows through it. A new
# migration must be appended here together with its own upgrade test.
UPGRADE_TESTS = {
    "m001_initial": "test_create_applies_every_migration_to_an_empty_file",
    "m002_drafts": "test_version_1_workspace_is_migrated_with_rows_intact",
    "m003_cascade_versions": "test_version_2_workspace_gets_versions_bumped_by_cascades",
    "m004_summary_rules_version": "test_version_3_workspace_gets_its_figures_recomputed_under_the_current_rules",
    "m005_sync_base": "test_version_4_workspace_gets_an_empty_sync_base_and_imports_by_its_records_versions",
    "m006_person_contact": "test_version_5_workspace_gets_empty_contact_fields_and_keeps_its_people",
    "m007_tier": "test_workspace_before_m007_gets_tier_criteria_and_the_period_index",
    "m008_rerating": "test_version_7_workspace_reads_its_assessments_as_full_ones_and_caches_the_next_step",
    "m009_team_facts": "test_workspace_before_m009_gets_its_awaiting_approval_counts_on_open",
    "m010_execution_facts": "test_workspace_before_m010_gets_its_completion_days_and_execution_months",
}


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def _backups(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*.pre-v{SCHEMA_VERSION}-*"))


def test_migrations_are_named_in_order_and_each_has_an_upgrade_test():
    names = [m.name for m in MIGRATIONS._migrations]
    assert SCHEMA_VERSION == len(names)
    for i, name in enumerate(names, start=1):
        assert re.fullmatch(rf"m{i:03d}_[a-z0-9_]+", name), name
    assert names == list(UPGRADE_TESTS), "a migration was added, removed or renamed: give it an upgrade test"
    for test in UPGRADE_TESTS.values():
        assert test in globals(), test


def test_create_applies_every_migration_to_an_empty_file(tmp_path):
    ws = Workspace.create(tmp_path / "new.sqlite")
    applied = [r["name"] for r in ws.db.query("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == [m.name for m in MIGRATIONS._migrations]
    assert ws.schema_version == SCHEMA_VERSION
    assert {"account", "person", "audit", "account_summary", "search", "draft", "preference"} <= set(
        ws.db.table_names())
    ws.close()


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_version_1_workspace_is_migrated_with_rows_intact(tmp_path, journal_mode):
    p = tmp_path / "old.sqlite"
    sw.make_v1(p, journal_mode)
    assert fileinfo.read_header(p).user_version == 1
    assert "draft" not in _tables(p)
    original = sw.sha256(p)

    ws = Workspace.open(p)
    assert ws.schema_version == SCHEMA_VERSION
    assert {"draft", "preference"} <= set(ws.db.table_names())
    applied = [r["name"] for r in ws.db.query("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == [m.name for m in MIGRATIONS._migrations]
    assert ws.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1

    # the old rows read back as domain objects, unchanged
    s = store_team.settings(ws.db)
    assert (s.team_name, s.default_lang, s.version) == ("Old team 老团队", "zh", 3)
    plan = store_accounts.plan(ws.db, sw.ACCOUNT_ID)
    assert plan.account == Account(id=sw.ACCOUNT_ID, name="华信移动 Old Account", short_name="HX",
                                   industry="Telecom", owner_id=sw.MEMBER_ID, version=4)
    assert [(p.name, p.attitude, p.role, p.version) for p in plan.people] == [
        ("王强", Attitude.advocate, ChainRole.decision_maker, 2)]
    assert [d.name for d in plan.departments] == ["采购部"]
    (a,) = plan.assessments
    assert isinstance(a, Assessment) and a.people[0].person_id == sw.PERSON_ID
    assert [x.id for x in plan.activities] == [sw.ACTIVITY_ID]
    assert [r["who"] for r in store_audit.entries(ws.db, sw.ACCOUNT_ID)] == ["old-user"]
    assert table_for(Person).get(ws.db, sw.PERSON_ID).title == "总经理"
    # the new tables work on the migrated file
    from kamtui.store import write

    with write(ws) as tx:
        tx.set_preference("lang", "zh")
    assert store_team.preference(ws.db, "tester", "lang") == "zh"
    ws.close()

    # one backup, next to it, itself a sound version-1 workspace with the old rows
    (backup,) = _backups(tmp_path)
    assert ws.last_backup == backup
    header = check_file(backup)
    assert header.application_id == fileinfo.APPLICATION_ID and header.user_version == 1
    assert stat.S_IMODE(os.stat(backup).st_mode) == stat.S_IMODE(os.stat(p).st_mode)
    conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT name FROM account").fetchall() == [("华信移动 Old Account",)]
    assert [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")] == ["m001_initial"]
    conn.close()
    assert "draft" not in _tables(backup)
    assert original  # (the migrated file itself changes, by design)


def test_reopening_a_migrated_workspace_changes_nothing(tmp_path):
    p = tmp_path / "old.sqlite"
    sw.make_v1(p)
    Workspace.open(p).close()
    backups = _backups(tmp_path)
    ws = Workspace.open(p)
    assert ws.last_backup is None
    ws.close()
    assert _backups(tmp_path) == backups


def test_a_failing_step_leaves_the_old_version(tmp_path, monkeypatch):
    """Each migration and its version bump are one transaction: a failure leaves version 1."""
    p = tmp_path / "old.sqlite"
    sw.make_v1(p)
    step = MIGRATIONS._migrations[1]
    original_fn = step.fn

    def half_done(db):
        original_fn(db)  # creates its tables, then fails
        raise RuntimeError("migration failed half-way")

    monkeypatch.setattr(step, "fn", half_done)
    with pytest.raises(Exception, match="half-way"):
        Workspace.open(p)
    conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")] == ["m001_initial"]
    conn.close()
    assert "draft" not in _tables(p)

    monkeypatch.setattr(step, "fn", original_fn)
    ws = Workspace.open(p)
    assert ws.schema_version == SCHEMA_VERSION
    ws.close()


def test_ten_processes_opening_an_old_workspace_migrate_it_once(tmp_path):
    p = tmp_path / "old.sqlite"
    sw.make_v1(p, "wal")  # as kamtui 1 left it (a rollback-journal file: see the xfail below)
    n = 10
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(n)
    out = ctx.Queue()
    procs = [ctx.Process(target=sw.open_at_once, args=(str(p), barrier, out)) for _ in range(n)]
    for proc in procs:
        proc.start()
    results = [out.get(timeout=90) for _ in range(n)]
    for proc in procs:
        proc.join(timeout=30)
    errors = [r[1] for r in results if r[0] != "ok"]
    assert not errors, errors[0]
    assert [r[1] for r in results] == [SCHEMA_VERSION] * n
    assert all(proc.exitcode == 0 for proc in procs)

    assert len(_backups(tmp_path)) == 1
    conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
    counts = dict(conn.execute("SELECT name, count(*) FROM _sqlite_migrations GROUP BY name"))
    assert counts == {m.name: 1 for m in MIGRATIONS._migrations}
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT count(*) FROM account").fetchone()[0] == 1
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_opening_waits_for_a_writer_on_a_rollback_journal_workspace(tmp_path):
    p = tmp_path / "old.sqlite"
    sw.make_v1(p, "delete")  # e.g. a built demo, a backup put back in place by hand
    writer = sqlite3.connect(p, isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")  # another process is saving right now
    release = threading.Timer(0.3, lambda: writer.execute("COMMIT"))
    release.start()
    try:
        started = time.monotonic()
        ws = Workspace.open(p)
    finally:
        release.join()
        writer.close()
    assert time.monotonic() - started >= 0.25
    assert ws.schema_version == SCHEMA_VERSION and ws.journal_mode == "wal"
    ws.close()


def test_version_2_workspace_gets_versions_bumped_by_cascades(tmp_path):
    """m003 on a schema-2 file: its rows stay, and a cascaded SET NULL now bumps versions."""
    import datetime as dt

    from kamtui.domain.models import Account, Competitor, Person
    from kamtui.store.tables import table_for
    from kamtui.store.writes import write

    p = tmp_path / "v2.sqlite"
    ws = Workspace.create(p, team_name="v2")
    with write(ws) as tx:
        a = tx.insert(Account(name="Old"))
        c = tx.insert(Competitor(account_id=a.id, name="Rival"))
        person = tx.insert(Person(account_id=a.id, name="Lean", leaning_competitor_id=c.id))
    ws.close()
    conn = sqlite3.connect(p, isolation_level=None)  # as kamtui with schema 2 left it
    conn.execute("BEGIN IMMEDIATE")
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE '%_cascade_version'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm003_cascade_versions'")
    conn.execute("PRAGMA user_version = 2")
    conn.execute("COMMIT")
    conn.close()

    ws = Workspace.open(p)
    assert ws.schema_version == SCHEMA_VERSION
    stored = table_for(Person).get(ws.db, person.id)
    assert (stored.name, stored.leaning_competitor_id, stored.version) == ("Lean", c.id, 0)
    with write(ws) as tx:
        tx.delete(table_for(Competitor).get(ws.db, c.id))
    after = table_for(Person).get(ws.db, person.id)
    assert after.leaning_competitor_id is None and after.version == 1
    assert _backups(tmp_path)
    ws.close()
    del dt


def test_version_3_workspace_gets_its_figures_recomputed_under_the_current_rules(tmp_path, demo_template):
    """m004 on a schema-3 file: the old-shaped cache (no rules version, coverage NOT NULL, a
    stale figure in it) is replaced, and opening fills it again under this program's rules."""
    import shutil

    from kamtui.domain.rules.state import layer_state
    from kamtui.domain.rules.version import RULES_VERSION
    from kamtui.services import accounts
    from kamtui.services.context import Context
    from kamtui.services.workspaces import open_workspace
    from kamtui.store import accounts as store_accounts
    from kamtui.store import team as store_team

    p = tmp_path / "v3.sqlite"
    shutil.copy(demo_template, p)
    conn = sqlite3.connect(p, isolation_level=None)  # as kamtui with schema 3 left it
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DROP TABLE account_summary")
    conn.execute("""CREATE TABLE account_summary (
        account_id TEXT PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
        org_level TEXT, org_holding TEXT NOT NULL DEFAULT '[]', org_target TEXT,
        key_index REAL, key_target REAL, coverage REAL NOT NULL DEFAULT 0,
        red_flags INTEGER NOT NULL DEFAULT 0, extensive_index REAL, extensive_target REAL,
        sb_department TEXT, sb_indicator TEXT, sb_value INTEGER, last_assessed TEXT,
        dated_facts TEXT NOT NULL DEFAULT '{}', pitfalls TEXT NOT NULL DEFAULT '[]',
        dismissed TEXT NOT NULL DEFAULT '[]', people INTEGER NOT NULL DEFAULT 0,
        departments INTEGER NOT NULL DEFAULT 0, activities INTEGER NOT NULL DEFAULT 0,
        assessments INTEGER NOT NULL DEFAULT 0)""")
    conn.execute("INSERT INTO account_summary(account_id, key_index) SELECT id, 33.0 FROM account")
    # and without what the later migrations added
    conn.execute("DROP TABLE sync_base")
    conn.execute("DROP TABLE workspace_option")
    conn.execute("ALTER TABLE assessment DROP COLUMN evidence_activity_id")  # m008
    conn.execute("ALTER TABLE person DROP COLUMN email")  # m006
    conn.execute("ALTER TABLE person DROP COLUMN phone")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name >= 'm004'")
    conn.execute("PRAGMA user_version = 3")
    conn.execute("COMMIT")
    conn.close()

    seen = []
    ws, _ = open_workspace(p, progress=lambda done, total: seen.append((done, total)))
    try:
        assert ws.schema_version == SCHEMA_VERSION
        assert _backups(tmp_path)
        versions = {r[0] for r in ws.conn.execute("SELECT rules_version FROM account_summary")}
        assert versions == {RULES_VERSION}
        assert seen and seen[-1][0] == seen[-1][1] == 4
        ctx = Context(ws)
        policy = store_team.settings(ws.db).policy
        for row in accounts.portfolio(ctx):
            expected = layer_state(store_accounts.plan(ws.db, row.id), policy)
            assert row.state.key_index == expected.key_index != 33.0
            assert row.state.coverage == expected.coverage
    finally:
        ws.close()


def test_version_4_workspace_gets_an_empty_sync_base_and_imports_by_its_records_versions(tmp_path, demo_template):
    """m005 on a schema-4 file: the synced-state and option tables appear, empty. Until a
    record has a synced state, an import falls back on the record versions of the previous
    file format: a file carrying the version the workspace holds was made from it."""
    import datetime as dt
    import shutil

    from kamtui.services.context import Context
    from kamtui.services.plans import import_
    from kamtui.services.plans.export import find_account, plan_toml

    p = tmp_path / "v4.sqlite"
    shutil.copy(demo_template, p)
    conn = sqlite3.connect(p, isolation_level=None)  # as kamtui with schema 4 left it
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DROP TABLE sync_base")
    conn.execute("DROP TABLE workspace_option")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm005_sync_base'")
    conn.execute("UPDATE person SET version = 3 WHERE name = 'Thomas Becker'")
    conn.execute("PRAGMA user_version = 4")
    conn.execute("COMMIT")
    conn.close()

    ws = Workspace.open(p)
    try:
        assert ws.schema_version == SCHEMA_VERSION and _backups(tmp_path)
        assert ws.db.execute("SELECT count(*) FROM sync_base").fetchone()[0] == 0
        assert ws.db.execute("SELECT count(*) FROM workspace_option").fetchone()[0] == 0
        ctx = Context(ws, today=dt.date(2026, 11, 26), user="tester")
        plan = store_accounts.plan(ws.db, find_account(ctx, "Harbourline").id)
        text = plan_toml(plan)
        becker = next(x for x in plan.people if x.name == "Thomas Becker")
        # a file of the previous format: every record with its version line
        old = text.replace(f'name = "Thomas Becker"\n', 'name = "Thomas Becker"\nversion = 3\n')
        old = old.replace('title = "Chief Information Officer"', 'title = "CIO (file)"', 1)
        assert "version = 3" in old and "CIO (file)" in old
        result = import_.import_sources(ctx, [import_.Source("old.toml", old.encode())])
        assert result.conflicts == [] and result.counts["person"].updated == 1
        assert table_for(type(becker)).get(ws.db, becker.id).title == "CIO (file)"
        # a file made from an older version of the record: each differing field is a conflict
        stale = old.replace("version = 3", "version = 1").replace("CIO (file)", "CIO (older file)")
        ws.db.execute("DELETE FROM sync_base")  # (as if no synced state were known yet)
        result = import_.import_sources(ctx, [import_.Source("stale.toml", stale.encode())])
        assert [(c.kind, [f.path for f in c.fields]) for c in result.conflicts] == [("person", ["title"])]
    finally:
        ws.close()


def test_version_5_workspace_gets_empty_contact_fields_and_keeps_its_people(tmp_path, demo_template):
    """m006 on a schema-5 file (the person table without e-mail and phone): every person reads
    back as before with both empty, and the new fields are then saved like any other."""
    import shutil

    from kamtui.services import people
    from kamtui.services.context import Context
    from kamtui.store import accounts, people as store_people

    p = tmp_path / "v5.sqlite"
    shutil.copy(demo_template, p)
    conn = sqlite3.connect(p, isolation_level=None)  # as kamtui with schema 5 left it
    before = sorted(conn.execute("SELECT id, name, title, version FROM person").fetchall())
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("ALTER TABLE person DROP COLUMN email")
    conn.execute("ALTER TABLE person DROP COLUMN phone")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm006_person_contact'")
    conn.execute("PRAGMA user_version = 5")
    conn.execute("COMMIT")
    columns = [r[1] for r in conn.execute("PRAGMA table_info(person)")]
    conn.close()
    assert "email" not in columns and "phone" not in columns

    ws = Workspace.open(p)
    try:
        assert ws.schema_version == SCHEMA_VERSION and _backups(tmp_path)
        after = sorted(ws.conn.execute("SELECT id, name, title, version FROM person").fetchall())
        assert after == before and len(after) > 10
        assert set(ws.conn.execute("SELECT email, phone FROM person").fetchall()) == {("", "")}
        account = accounts.account_ids(ws.db)[0]
        person = people.people(Context(ws), account)[0]
        saved = people.edit_person(Context(ws), person, {"email": "wang@example.cn", "phone": "+86 21 5555 0101"})
        assert (saved.email, saved.phone, saved.version) == ("wang@example.cn", "+86 21 5555 0101",
                                                             person.version + 1)
        assert store_people.person(ws.db, person.id).email == "wang@example.cn"
    finally:
        ws.close()


def test_workspace_before_m007_gets_tier_criteria_and_the_period_index(tmp_path, demo_template):
    """m007_tier on a file without it: a backup first, the criteria table appears empty, the
    accounts keep their tiers, and the period read uses its index."""
    import shutil

    p = tmp_path / "pre_tier.sqlite"
    shutil.copy(demo_template, p)
    conn = sqlite3.connect(p, isolation_level=None)  # as kamtui before m007 left it
    tiers = sorted(conn.execute("SELECT id, tier FROM account").fetchall())
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DROP TABLE tier_criteria")
    conn.execute("DROP INDEX activity_period")
    conn.execute("DROP INDEX account_tier")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm007_tier'")
    conn.execute("PRAGMA user_version = 6")  # before m007 (m008 stays applied)
    conn.execute("COMMIT")
    conn.close()

    ws = Workspace.open(p)
    try:
        assert ws.schema_version == SCHEMA_VERSION and _backups(tmp_path)
        assert ws.db.execute("SELECT count(*) FROM tier_criteria").fetchone()[0] == 0
        assert sorted(ws.db.execute("SELECT id, tier FROM account").fetchall()) == tiers
        plan = " ".join(r[3] for r in ws.db.execute(
            "EXPLAIN QUERY PLAN SELECT account_id, status FROM activity WHERE archived = 0 "
            "AND planned_on BETWEEN '2026-10-01' AND '2026-12-31'"))
        assert "activity_period" in plan
    finally:
        ws.close()


def test_version_7_workspace_reads_its_assessments_as_full_ones_and_caches_the_next_step(tmp_path, demo_template):
    """m008 on a schema-7 file: every old assessment reads back as a full one (no activity as
    its evidence), and opening fills the new `next_step` of the cached figures (the rules
    version moved), equal to what the rules compute from the account."""
    import shutil

    from kamtui.domain.rules.state import layer_state
    from kamtui.domain.rules.version import RULES_VERSION
    from kamtui.services import accounts
    from kamtui.services.context import Context
    from kamtui.services.workspaces import open_workspace

    p = tmp_path / "v7.sqlite"
    shutil.copy(demo_template, p)
    conn = sqlite3.connect(p, isolation_level=None)  # as kamtui with schema 7 left it
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("ALTER TABLE assessment DROP COLUMN evidence_activity_id")
    conn.execute("ALTER TABLE account_summary DROP COLUMN next_step")
    conn.execute(f"UPDATE account_summary SET rules_version = {RULES_VERSION - 1}")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm008_rerating'")
    conn.execute("PRAGMA user_version = 7")
    conn.execute("COMMIT")
    assessed = conn.execute("SELECT count(*) FROM assessment").fetchone()[0]
    conn.close()
    assert assessed > 0

    ws, _ = open_workspace(p)
    try:
        assert ws.schema_version == SCHEMA_VERSION and _backups(tmp_path)
        rows = ws.conn.execute("SELECT evidence_activity_id FROM assessment").fetchall()
        assert len(rows) == assessed and {r[0] for r in rows} == {None}
        assert {r[0] for r in ws.conn.execute("SELECT rules_version FROM account_summary")} == {RULES_VERSION}
        policy = store_team.settings(ws.db).policy
        cached = 0
        for row in accounts.portfolio(Context(ws)):
            plan = store_accounts.plan(ws.db, row.id)
            assert all(a.evidence_activity_id is None for a in plan.assessments)
            assert row.state.next_step == layer_state(plan, policy).next_step
            cached += row.state.next_step is not None
        assert cached == sum(1 for r in accounts.portfolio(Context(ws)) if r.state.last_assessed)
        assert cached > 0
    finally:
        ws.close()


def test_workspace_before_m009_gets_its_awaiting_approval_counts_on_open(tmp_path, demo_template):
    """m009_team_facts on a file without it: a backup first, the cached figures gain the count
    awaiting approval and each assessment its point, and opening (RULES_VERSION 4) fills them:
    the count with what the compliance rules give for each account's activities."""
    import shutil

    from kamtui.domain.rules.version import RULES_VERSION
    from kamtui.services import team
    from kamtui.services.context import Context
    from kamtui.services.workspaces import open_workspace

    p = tmp_path / "pre_team_facts.sqlite"
    shutil.copy(demo_template, p)
    conn = sqlite3.connect(p, isolation_level=None)  # as kamtui before m009 left it
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("ALTER TABLE account_summary DROP COLUMN awaiting_approval")
    conn.execute("DROP TABLE assessment_point")
    conn.execute(f"UPDATE account_summary SET rules_version = {RULES_VERSION - 1}")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name >= 'm009'")  # and the later ones, which it lacked
    conn.execute("PRAGMA user_version = 8")  # the version before m009
    conn.execute("COMMIT")
    conn.close()

    ws, _ = open_workspace(p)
    try:
        assert ws.schema_version == SCHEMA_VERSION and _backups(tmp_path)
        rows = ws.conn.execute("SELECT account_id, rules_version, awaiting_approval FROM account_summary").fetchall()
        assert rows and {r[1] for r in rows} == {RULES_VERSION} and None not in {r[2] for r in rows}
        expected = team.computed_awaiting_approval(Context(ws))
        assert {r[0]: r[2] for r in rows} == {a: expected.get(a, 0) for a, _, _ in rows}
        assert sum(expected.values()) > 0  # the demo has activities waiting: the check can fail
        points = ws.conn.execute("SELECT count(*), min(rules_version), max(rules_version) FROM assessment_point").fetchone()
        assert points == (ws.conn.execute("SELECT count(*) FROM assessment").fetchone()[0], RULES_VERSION, RULES_VERSION)
        assert points[0] > 0
    finally:
        ws.close()


def test_workspace_before_m010_gets_its_completion_days_and_execution_months(tmp_path, demo_template):
    """m010_execution_facts on a file without it: a backup first; each activity's completion
    day is taken from the audit already written (the latest 'update' to done), each account's
    execution per month is counted as a write would count it, each point gets its order."""
    import json
    import shutil

    from kamtui.services.workspaces import open_workspace
    from kamtui.store import activities
    from kamtui.store.writes import write

    p = tmp_path / "pre_execution_facts.sqlite"
    shutil.copy(demo_template, p)
    conn = sqlite3.connect(p, isolation_level=None)  # as kamtui before m010 left it
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DROP TRIGGER audit_activity_done")
    conn.execute("DROP TABLE activity_done")
    conn.execute("DROP TABLE execution_month")
    conn.execute("DROP INDEX assessment_point_day")
    conn.execute("ALTER TABLE assessment_point DROP COLUMN seq")
    conn.execute("ALTER TABLE assessment_point DROP COLUMN figures")
    ids = [r[0] for r in conn.execute(
        "SELECT id FROM activity WHERE status = 'planned' AND planned_on IS NOT NULL AND archived = 0 ORDER BY id LIMIT 2")]
    for activity_id, days in zip(ids, (["2026-01-05T09:00:00+00:00", "2026-02-07T09:00:00+00:00"],
                                       ["2025-12-30T23:00:00+00:00"])):
        conn.execute("UPDATE activity SET status = 'done', version = version + 1 WHERE id = ?", [activity_id])
        for at in days:  # done, re-opened and done again: the latest counts
            conn.execute("INSERT INTO audit (at, who, entity, entity_id, account_id, action, changes) "
                         "VALUES (?, 'old kamtui', 'activity', ?, NULL, 'update', ?)",
                         [at, activity_id, '{"status": ["planned", "done"]}'])
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm010_execution_facts'")
    conn.execute("PRAGMA user_version = 9")  # the version before m010
    conn.execute("COMMIT")
    conn.close()
    assert len(ids) == 2

    ws, _ = open_workspace(p)
    try:
        assert ws.schema_version == SCHEMA_VERSION and _backups(tmp_path)
        days = dict(ws.conn.execute("SELECT activity_id, day FROM activity_done"))
        assert days == {ids[0]: "2026-02-07", ids[1]: "2025-12-30"}
        migrated = ws.conn.execute("SELECT * FROM execution_month ORDER BY month, account_id").fetchall()
        assert sum(r[2] for r in migrated) == ws.conn.execute(
            "SELECT count(*) FROM activity WHERE archived = 0").fetchone()[0] > 0
        assert sum(r[3] + r[4] for r in migrated) == 2  # the two completed with a day, late or on time
        with write(ws, who="tester") as tx:
            activities.refresh_execution(tx.db, [r[0] for r in tx.db.execute("SELECT id FROM account")])
        assert ws.conn.execute("SELECT * FROM execution_month ORDER BY month, account_id").fetchall() == migrated
        assert ws.conn.execute("SELECT count(*) FROM assessment_point p JOIN assessment a "
                               "ON a.id = p.assessment_id AND a.rowid = p.seq").fetchone()[0] == \
            ws.conn.execute("SELECT count(*) FROM assessment").fetchone()[0] > 0
        for *columns, figures in ws.conn.execute(
                "SELECT account_id, assessed_on, org_level, key_index, extensive_index, key_people, key_known, "
                "flagged, seq, figures FROM assessment_point"):
            assert json.loads(figures) == columns  # floats exactly
    finally:
        ws.close()
