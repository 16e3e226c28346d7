"""The bulk import path: rows instead of models, files read in worker processes, summaries of
new accounts computed from the files. Each gives exactly what the plain path gives."""

from __future__ import annotations

import os
import random
import shutil
import time

import pytest
from conftest import dump

from kamtui.domain.models import Policy, Threshold
from kamtui.errors import InputError
from kamtui.services.plans import demo_files, export, import_, reader, rows
from kamtui.services.plans import format as fmt
from kamtui.services.plans.parse import read_path
from kamtui.services.plans.rows import COLUMNS, MODEL, ROW_KINDS, TABLE, row_of
from kamtui.store import queries, summary
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


@pytest.fixture
def force_workers(monkeypatch):
    def force(n: int, method: str = "fork") -> None:
        monkeypatch.setattr(reader, "workers_for", lambda sources: (n, method if n > 1 else None))
    return force


def test_rows_are_what_the_store_would_write(demo_ws):
    for kind in ROW_KINDS:
        t = TABLE[kind]
        assert t is table_for(MODEL[kind])
        assert COLUMNS[kind] == list(t.to_row(next(iter(queries.rows(demo_ws.db, MODEL[kind])))))
        for m in queries.rows(demo_ws.db, MODEL[kind]):
            assert row_of(kind, m) == tuple(t.to_row(m).values())


def test_summaries_from_a_plan_in_any_order_equal_the_stored_ones(demo_ws):
    policy = queries.settings(demo_ws.db).policy
    stored = {r[0]: r for r in demo_ws.db.execute(
        f"SELECT {', '.join(summary._COLUMNS)} FROM account_summary").fetchall()}
    rng = random.Random(7)
    for account_id in queries.account_ids(demo_ws.db):
        plan = queries.plan(demo_ws.db, account_id)
        for name in ("departments", "people", "links", "competitors", "assessments", "targets",
                     "activities", "dismissals"):
            items = list(getattr(plan, name))
            rng.shuffle(items)
            setattr(plan, name, items)
        assert summary.row_of_plan(plan, policy) == stored[account_id]


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_reading_in_worker_processes_imports_the_same(demo_ws, empty_ws, ctx_of, tmp_path, force_workers,
                                                      workers):
    folder = exported(ctx_of(demo_ws), tmp_path / "plans")
    force_workers(1)
    serial_ws = type(empty_ws).create(tmp_path / "serial.sqlite", team_name="Empty team")
    serial = import_.import_path(ctx_of(serial_ws), folder)
    force_workers(workers)
    steps: list[tuple[str, int, int]] = []
    result = import_.import_path(ctx_of(empty_ws), folder, progress=lambda *a: steps.append(a))
    assert result == serial
    assert content(empty_ws) == content(serial_ws)
    files = len(list(folder.iterdir()))
    reads = [s for s in steps if s[0] == "read"]
    assert reads[-1] == ("read", files, files) and all(0 < d <= files for _, d, _ in reads)
    assert steps[-2:] == [("write", 0, 1), ("write", 1, 1)]
    serial_ws.close()


def test_summaries_of_new_accounts_equal_a_recomputation(demo_ws, empty_ws, ctx_of, tmp_path, force_workers,
                                                         refreshed):
    force_workers(2)
    import_.import_path(ctx_of(empty_ws), exported(ctx_of(demo_ws), tmp_path / "plans"))
    assert refreshed == []  # none read back: all four computed from the files
    before = summaries(empty_ws)
    assert len(before) == 4
    with write(empty_ws) as tx:
        summary.refresh(tx.db, queries.account_ids(tx.db))
    assert summaries(empty_ws) == before
    assert before == summaries(demo_ws)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_policy_changed_by_the_files_is_the_one_summaries_use(demo_ws, empty_ws, ctx_of, tmp_path,
                                                                force_workers, workers, refreshed):
    """The files' workspace.toml tightens the thresholds: new accounts are summarised under it."""
    ctx = ctx_of(demo_ws)
    settings = queries.settings(demo_ws.db)
    strict = Policy(thresholds={c: Threshold(per_activity=1.0, per_person_year=1.0) for c in settings.policy.thresholds})
    with write(demo_ws) as tx:
        tx.save_settings(settings.model_copy(update={"policy": strict}))
    folder = exported(ctx, tmp_path / "plans")
    force_workers(workers)
    refreshed.clear()
    import_.import_path(ctx_of(empty_ws), folder)
    assert refreshed == []
    assert queries.settings(empty_ws.db).policy == strict
    imported = summaries(empty_ws)
    with write(empty_ws) as tx:
        summary.refresh(tx.db, queries.account_ids(tx.db))
    assert summaries(empty_ws) == imported
    with write(demo_ws) as tx:
        summary.refresh(tx.db, queries.account_ids(tx.db))
    assert imported == summaries(demo_ws)
    pitfalls = [c[1] for c in empty_ws.conn.execute("PRAGMA table_info(account_summary)")].index("pitfalls")
    assert any("compliance" in r[pitfalls] for r in imported)  # the strict policy did move a pitfall


def test_a_worker_that_dies_has_its_files_read_here(demo_ws, empty_ws, ctx_of, tmp_path, force_workers,
                                                    monkeypatch):
    folder = exported(ctx_of(demo_ws), tmp_path / "plans")
    here = os.getpid()
    real = import_.parse_source

    def dying(source):
        if os.getpid() != here:
            os._exit(3)
        return real(source)

    monkeypatch.setattr(import_, "parse_source", dying)
    force_workers(2)
    result = import_.import_path(ctx_of(empty_ws), folder)
    assert result.counts["account"].created == 4
    assert summaries(empty_ws) == summaries(demo_ws)


def test_problems_found_in_workers_are_listed_in_file_order(demo_ws, empty_ws, ctx_of, tmp_path, force_workers):
    folder = exported(ctx_of(demo_ws), tmp_path / "plans")
    names = sorted(p.name for p in folder.iterdir() if p.name != fmt.WORKSPACE_FILE)
    for name in names[:3]:
        path = folder / name
        path.write_text(path.read_text().replace("version = 0", "version = -1", 1) + "\nnonsense = 1\n")
    errors = []
    for workers in (1, 2):
        force_workers(workers)
        with pytest.raises(InputError) as err:
            import_.import_path(ctx_of(empty_ws), folder)
        errors.append((str(err.value), err.value.problems))
    assert errors[0] == errors[1]
    assert [w.split(":")[0] for w, _ in errors[0][1]] == [n for n in names[:3] for _ in range(2)]
    assert dump(empty_ws)["account"] == []


def test_a_dry_run_in_workers_counts_what_an_import_writes(demo_ws, empty_ws, ctx_of, tmp_path, force_workers):
    folder = exported(ctx_of(demo_ws), tmp_path / "plans")
    force_workers(2)
    before = dump(empty_ws)
    dry = import_.import_path(ctx_of(empty_ws), folder, dry_run=True)
    assert dump(empty_ws) == before
    real = import_.import_path(ctx_of(empty_ws), folder)
    assert (dry.counts, dry.conflicts) == (real.counts, real.conflicts)
    again = import_.import_path(ctx_of(empty_ws), folder)
    assert again.written == 0 and sum(c.unchanged for c in again.counts.values()) == real.written


def test_only_a_single_threaded_process_forks(monkeypatch):
    sources, _ = read_path(demo_files.DEMO_FOLDER)
    size = sum(len(s.data) for s in sources)
    monkeypatch.setattr(reader, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(reader, "FORKSERVER_MIN_BYTES", size + 1)
    monkeypatch.setattr(reader, "_cpus", lambda: 2)
    monkeypatch.setattr(reader.threading, "active_count", lambda: 1)
    assert reader.workers_for(sources) == (2, "fork")
    assert reader.workers_for(sources[:1]) == (1, None)
    monkeypatch.setattr(reader.threading, "active_count", lambda: 3)  # the TUI: its import runs in a thread
    assert reader.workers_for(sources) == (1, None)  # too little to read to start a fork server
    monkeypatch.setattr(reader, "FORKSERVER_MIN_BYTES", size)
    assert reader.workers_for(sources) == (2, "forkserver")
    monkeypatch.setattr(reader, "_cpus", lambda: 1)
    assert reader.workers_for(sources) == (1, None)
    monkeypatch.setattr(reader, "_cpus", lambda: 2)
    monkeypatch.setattr(reader, "PARALLEL_MIN_BYTES", size + 1)
    monkeypatch.setattr(reader.threading, "active_count", lambda: 1)
    assert reader.workers_for(sources) == (1, None)


@pytest.mark.parametrize("policy_changes", [False, True])
def test_a_threaded_process_reads_in_fork_server_children(demo_ws, empty_ws, ctx_of, tmp_path, force_workers,
                                                          policy_changes, refreshed):
    if policy_changes:
        settings = queries.settings(demo_ws.db)
        strict = Policy(thresholds={c: Threshold(per_activity=1.0) for c in settings.policy.thresholds})
        with write(demo_ws) as tx:
            tx.save_settings(settings.model_copy(update={"policy": strict}))
    folder = exported(ctx_of(demo_ws), tmp_path / "plans")
    force_workers(1)
    serial_ws = type(empty_ws).create(tmp_path / "serial.sqlite", team_name="Empty team")
    serial = import_.import_path(ctx_of(serial_ws), folder)
    force_workers(2, "forkserver")
    refreshed.clear()
    assert import_.import_path(ctx_of(empty_ws), folder) == serial
    assert refreshed == []
    assert content(empty_ws) == content(serial_ws)
    serial_ws.close()


def test_a_summary_given_to_the_transaction_is_dropped_when_its_account_changes_again(demo_ws):
    account_id = queries.account_ids(demo_ws.db)[0]
    good = demo_ws.db.execute("SELECT * FROM account_summary WHERE account_id = ?", [account_id]).fetchone()
    people = summary._COLUMNS.index("people")
    wrong = good[:people] + (999,) + good[people + 1:]
    with write(demo_ws) as tx:
        tx.use_summaries([wrong])
        acc = queries.get(tx.db, MODEL["account"], account_id)
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


def test_a_first_import_copies_the_rows_parked_while_reading(demo_ws, empty_ws, ctx_of, tmp_path,
                                                             force_workers, monkeypatch):
    from kamtui.store.writes import Stage

    folder = exported(ctx_of(demo_ws), tmp_path / "plans")
    copied: list[str] = []
    real = Stage.copy
    monkeypatch.setattr(Stage, "copy", lambda self, tx, table, accounts: (copied.append(table),
                                                                          real(self, tx, table, accounts)))
    force_workers(2)
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
    account_id = queries.account_ids(demo_ws.db)[0]
    text = export.account_text(ctx, account_id, include_private=True)
    new_id = "0123456789abcdef0123456789abcdef"
    text += f'\n[[competitors]]\nid = "{new_id}"\nname = "Newcomer"\nversion = 0\n'
    (tmp_path / "p.toml").write_text(text)
    copied: list[str] = []
    monkeypatch.setattr(Stage, "copy", lambda *a: copied.append(a[2]))
    result = import_.import_path(ctx, tmp_path / "p.toml")
    assert copied == [] and result.counts["competitor"].created == 1 and result.written == 1
    assert queries.get(demo_ws.db, MODEL["competitor"], new_id).name == "Newcomer"
    assert parked(demo_ws) == []


def test_parked_rows_are_dropped_when_the_import_is_refused(demo_ws, empty_ws, ctx_of, tmp_path):
    folder = exported(ctx_of(demo_ws), tmp_path / "plans")
    bad = sorted(p for p in folder.iterdir() if p.name != fmt.WORKSPACE_FILE)[-1]
    bad.write_text(bad.read_text() + "\nnonsense = 1\n")
    with pytest.raises(InputError):
        import_.import_path(ctx_of(empty_ws), folder)
    assert parked(empty_ws) == [] and dump(empty_ws)["account"] == []


@pytest.mark.parametrize("method", ["fork", "forkserver"])
def test_children_read_their_share_and_answer_for_another_policy(demo_ws, ctx_of, tmp_path, force_workers,
                                                                  method):
    sources, _ = read_path(exported(ctx_of(demo_ws), tmp_path / "plans"))
    policy = queries.settings(demo_ws.db).policy
    force_workers(1)
    with reader.Reader(sources) as r:
        serial = r.read()
    force_workers(2, method)
    seen: list[int] = []

    def slowly(i, p):  # this process dawdles over its first file: the child takes the others
        if not seen:
            time.sleep(3)
        seen.append(i)

    with reader.Reader(sources, on_plan=slowly) as r:
        assert r.read() == serial
        assert len(r._children) == 1  # the child did its part and is waiting for a policy
        assert len(r.kept) < 4  # … so this process did not read every plan
        assert sorted(seen) == [i for i, (p, _) in enumerate(serial) if isinstance(p, reader.PlanRows)]
        strict = Policy(thresholds={c: Threshold(per_activity=1.0) for c in policy.thresholds})
        accounts = {p.account_id for p, _ in serial if isinstance(p, reader.PlanRows)}
        r.start_summaries(strict, accounts)
        got = r.summaries(accounts)
        r._children[0][0].join(5)
        assert not r._children[0][0].is_alive()  # told it is no longer needed, the child left
    force_workers(1)
    with reader.Reader(sources) as r:
        r.read()
        assert r._children == [] and len(r.kept) == 4
    assert got == {a: summary.row_of_plan(rows.account_plan(plan), strict) for a, plan in r.kept.items()}


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


def test_when_no_child_can_start_this_process_reads_everything(demo_ws, empty_ws, ctx_of, tmp_path,
                                                               force_workers, monkeypatch):
    import multiprocessing.process

    def refuse(self):
        raise OSError("no processes left")

    folder = exported(ctx_of(demo_ws), tmp_path / "plans")
    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", refuse)
    force_workers(2)
    result = import_.import_path(ctx_of(empty_ws), folder)
    assert result.counts["account"].created == 4
    assert summaries(empty_ws) == summaries(demo_ws)
