"""The bulk import path: rows instead of models, rows parked while the files are read, summaries
of new accounts computed from the files. Each gives exactly what the plain path gives."""

from __future__ import annotations

import random
import shutil
import threading

import pytest
from plans_helpers import dump

from kamtui.domain.models import Policy, Threshold
from kamtui.errors import InputError
from kamtui.services.plans import export, import_
from kamtui.services.plans import format as fmt
from kamtui.services.plans.rows import COLUMNS, MODEL, ROW_KINDS, TABLE, row_of
from kamtui.store import summary
from kamtui.store import accounts as store_accounts
from kamtui.store import team as store_team
from kamtui.store.tables import table_for
from kamtui.store.writes import write


def exported(ctx, folder):
    ids = export.all_account_ids(ctx)
    export.export_accounts(ctx, ids, folder, include_private=True, with_workspace=True)
    return folder


def summaries(ws) -> list[tuple]:
    return sorted(dump(ws)["account_summary"])


def content(ws) -> dict[str, list[tuple]]:
    """Every table; the audit log without its times (two imports run at different moments)."""
    tables = dump(ws)
    tables["audit"] = [r[:1] + r[2:] for r in tables["audit"]]  # (id, at, who, …)
    tables.pop("_sqlite_migrations")
    return tables


@pytest.fixture
def refreshed(monkeypatch) -> list[str]:
    """The accounts whose summary the write helper read back and recomputed."""
    seen: list[str] = []
    real = summary.refresh

    def spy(db, account_ids):
        account_ids = list(account_ids)
        seen.extend(account_ids)
        real(db, account_ids)

    monkeypatch.setattr(summary, "refresh", spy)
    return seen


def test_rows_are_what_the_store_would_write(demo_ws):
    for kind in ROW_KINDS:
        t = TABLE[kind]
        assert t is table_for(MODEL[kind])
        # the table's columns (a migration adds its own at the end: the rows name their columns)
        assert sorted(COLUMNS[kind]) == sorted(r[1] for r in demo_ws.conn.execute(f"PRAGMA table_info({t.name})"))
        for m in t.models(demo_ws.db):  # each record read back encodes to the row as stored
            assert row_of(kind, m) == t.stored(demo_ws.db, t.key_of(m))


def test_summaries_from_a_plan_in_any_order_equal_the_stored_ones(demo_ws):
    policy = store_team.settings(demo_ws.db).policy
    stored = {r[0]: r for r in demo_ws.db.execute(
        f"SELECT {', '.join(summary._COLUMNS)} FROM account_summary").fetchall()}
    rng = random.Random(7)
    for account_id in store_accounts.account_ids(demo_ws.db):
        plan = store_accounts.plan(demo_ws.db, account_id)
        for name in ("departments", "people", "links", "competitors", "assessments", "targets",
                     "activities", "dismissals"):
            items = list(getattr(plan, name))
            rng.shuffle(items)
            setattr(plan, name, items)
        assert summary.row_of_plan(plan, policy) == stored[account_id]


def test_progress_counts_each_file_read_then_the_write(demo_ws, empty_ws, ctx_of, tmp_path):
    folder = exported(ctx_of(demo_ws), tmp_path / "plans")
    steps: list[tuple[str, int, int]] = []
    import_.import_path(ctx_of(empty_ws), folder, progress=lambda *a: steps.append(a))
    files = len(list(folder.iterdir()))
    assert steps == [("read", i, files) for i in range(1, files + 1)] + [("write", 0, 1), ("write", 1, 1)]


def test_summaries_of_new_accounts_equal_a_recomputation(demo_ws, empty_ws, ctx_of, tmp_path, refreshed):
    import_.import_path(ctx_of(empty_ws), exported(ctx_of(demo_ws), tmp_path / "plans"))
    assert refreshed == []  # none read back: all four computed from the files
    before = summaries(empty_ws)
    assert len(before) == 4
    with write(empty_ws) as tx:
        summary.refresh(tx.db, store_accounts.account_ids(tx.db))
    assert summaries(empty_ws) == before
    assert before == summaries(demo_ws)


def test_a_policy_changed_by_the_files_is_the_one_summaries_use(demo_ws, empty_ws, ctx_of, tmp_path, refreshed):
    """The files' workspace.toml tightens the thresholds: new accounts are summarised under it."""
    ctx = ctx_of(demo_ws)
    settings = store_team.settings(demo_ws.db)
    strict = Policy(thresholds={c: Threshold(per_activity=1.0, per_person_year=1.0) for c in settings.policy.thresholds})
    with write(demo_ws) as tx:
        tx.save_settings(settings.model_copy(update={"policy": strict}))
    folder = exported(ctx, tmp_path / "plans")
    refreshed.clear()
    import_.import_path(ctx_of(empty_ws), folder)
    assert refreshed == []
    assert store_team.settings(empty_ws.db).policy == strict
    imported = summaries(empty_ws)
    with write(empty_ws) as tx:
        summary.refresh(tx.db, store_accounts.account_ids(tx.db))
    assert summaries(empty_ws) == imported
    with write(demo_ws) as tx:
        summary.refresh(tx.db, store_accounts.account_ids(tx.db))
    assert imported == summaries(demo_ws)
    pitfalls = [c[1] for c in empty_ws.conn.execute("PRAGMA table_info(account_summary)")].index("pitfalls")
    assert any("compliance" in r[pitfalls] for r in imported)  # the strict policy did move a pitfall


def test_problems_are_listed_in_file_order(demo_ws, empty_ws, ctx_of, tmp_path):
    folder = exported(ctx_of(demo_ws), tmp_path / "plans")
    names = sorted(p.name for p in folder.iterdir() if p.name != fmt.WORKSPACE_FILE)
    for name in names[:3]:
        path = folder / name
        path.write_text(path.read_text().replace("[account]\n", "[account]\nversion = -1\n", 1) + "\nnonsense = 1\n")
    with pytest.raises(InputError) as err:
        import_.import_path(ctx_of(empty_ws), folder)
    assert str(err.value) == "3 files have problems, 6 in all (nothing was imported)"
    assert [w.split(":")[0] for w, _ in err.value.problems] == [n for n in names[:3] for _ in range(2)]
    assert dump(empty_ws)["account"] == []


def test_a_dry_run_counts_what_an_import_writes(demo_ws, empty_ws, ctx_of, tmp_path):
    folder = exported(ctx_of(demo_ws), tmp_path / "plans")
    before = dump(empty_ws)
    dry = import_.import_path(ctx_of(empty_ws), folder, dry_run=True)
    assert dump(empty_ws) == before
    real = import_.import_path(ctx_of(empty_ws), folder)
    assert (dry.counts, dry.conflicts) == (real.counts, real.conflicts)
    again = import_.import_path(ctx_of(empty_ws), folder)
    assert again.written == 0 and sum(c.unchanged for c in again.counts.values()) == real.written


@pytest.mark.parametrize("policy_changes", [False, True])
def test_an_import_in_a_worker_thread_gives_what_one_in_the_main_thread_gives(
        demo_ws, empty_ws, ctx_of, tmp_path, policy_changes, refreshed):
    """As the TUI runs it: in a thread, beside the app's own."""
    if policy_changes:
        settings = store_team.settings(demo_ws.db)
        strict = Policy(thresholds={c: Threshold(per_activity=1.0) for c in settings.policy.thresholds})
        with write(demo_ws) as tx:
            tx.save_settings(settings.model_copy(update={"policy": strict}))
    folder = exported(ctx_of(demo_ws), tmp_path / "plans")
    main_ws = type(empty_ws).create(tmp_path / "main.sqlite", team_name="Empty team")
    in_main = import_.import_path(ctx_of(main_ws), folder)
    refreshed.clear()
    got = []
    worker = threading.Thread(target=lambda: got.append(import_.import_path(ctx_of(empty_ws), folder)))
    worker.start()
    worker.join()
    assert got == [in_main]
    assert refreshed == []
    assert content(empty_ws) == content(main_ws)
    main_ws.close()


def test_a_summary_given_to_the_transaction_is_dropped_when_its_account_changes_again(demo_ws):
    account_id = store_accounts.account_ids(demo_ws.db)[0]
    good = demo_ws.db.execute("SELECT * FROM account_summary WHERE account_id = ?", [account_id]).fetchone()
    people = summary._COLUMNS.index("people")
    wrong = good[:people] + (999,) + good[people + 1:]
    with write(demo_ws) as tx:
        tx.use_summaries([wrong])
        acc = table_for(MODEL["account"]).get(tx.db, account_id)
        tx.update(acc.model_copy(update={"industry": acc.industry + " (edited)"}))
    row = demo_ws.db.execute("SELECT * FROM account_summary WHERE account_id = ?", [account_id]).fetchone()
    assert row == good  # recomputed from the records, not the row handed in
    with write(demo_ws) as tx:
        tx.use_summaries([wrong])
    row = demo_ws.db.execute("SELECT * FROM account_summary WHERE account_id = ?", [account_id]).fetchone()
    assert row == wrong  # stored as given when nothing changed the account afterwards


def parked(ws) -> list[str]:
    """What an import left next to the workspace: attached databases, temporary tables."""
    attached = [r[1] for r in ws.db.execute("PRAGMA database_list") if r[1] not in ("main", "temp")]
    return attached + [r[0] for r in ws.db.execute("SELECT name FROM sqlite_temp_master WHERE type = 'table'")]


def test_a_first_import_copies_the_rows_parked_while_reading(demo_ws, empty_ws, ctx_of, tmp_path, monkeypatch):
    from kamtui.store.writes import Stage

    folder = exported(ctx_of(demo_ws), tmp_path / "plans")
    copied: list[str] = []
    real = Stage.copy
    monkeypatch.setattr(Stage, "copy", lambda self, tx, table, accounts: (copied.append(table),
                                                                          real(self, tx, table, accounts)))
    import_.import_path(ctx_of(empty_ws), folder)
    assert {"account", "person", "activity", "department"} <= set(copied) <= {
        "account", "competitor", "department", "person", "person_link", "assessment", "layer_target",
        "activity", "pitfall_dismissal"}
    assert parked(empty_ws) == []
    tables = dump(empty_ws)
    for name in ("account", "department", "person", "activity"):
        assert sorted(tables[name]) == sorted(dump(demo_ws)[name])


def test_an_import_into_filled_accounts_inserts_only_the_new_records(ctx_of, demo_ws, tmp_path, monkeypatch):
    """Parked rows are only copied when they are exactly the records to create."""
    from kamtui.store.writes import Stage

    ctx = ctx_of(demo_ws)
    account_id = store_accounts.account_ids(demo_ws.db)[0]
    text = export.account_text(ctx, account_id, include_private=True)
    new_id = "0123456789abcdef0123456789abcdef"
    text += f'\n[[competitors]]\nid = "{new_id}"\nname = "Newcomer"\nversion = 0\n'
    (tmp_path / "p.toml").write_text(text)
    copied: list[str] = []
    monkeypatch.setattr(Stage, "copy", lambda *a: copied.append(a[2]))
    result = import_.import_path(ctx, tmp_path / "p.toml")
    assert copied == [] and result.counts["competitor"].created == 1 and result.written == 1
    assert table_for(MODEL["competitor"]).get(demo_ws.db, new_id).name == "Newcomer"
    assert parked(demo_ws) == []


def test_parked_rows_are_dropped_when_the_import_is_refused(demo_ws, empty_ws, ctx_of, tmp_path):
    folder = exported(ctx_of(demo_ws), tmp_path / "plans")
    bad = sorted(p for p in folder.iterdir() if p.name != fmt.WORKSPACE_FILE)[-1]
    bad.write_text(bad.read_text() + "\nnonsense = 1\n")
    with pytest.raises(InputError):
        import_.import_path(ctx_of(empty_ws), folder)
    assert parked(empty_ws) == [] and dump(empty_ws)["account"] == []


def test_an_import_into_a_read_only_workspace_parks_nothing_and_says_why(demo_ws, demo_file, ctx_of, tmp_path):
    from kamtui.errors import ReadOnlyError
    from kamtui.store import Workspace

    folder = exported(ctx_of(demo_ws), tmp_path / "plans")
    copy = tmp_path / "copy.sqlite"
    shutil.copy(demo_file, copy)
    with Workspace.open(copy, read_only=True) as ws:
        with pytest.raises(ReadOnlyError):
            import_.import_path(ctx_of(ws), folder)
        assert parked(ws) == []
    assert [p.name for p in tmp_path.iterdir() if "pre-import" in p.name] == []  # no backup for it
