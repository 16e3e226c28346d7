"""The write helper: one BEGIN IMMEDIATE transaction, versioned updates, audit, busy, many processes."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import re
import sqlite3
import time
import uuid

import pytest

import kamtui.store.workspace as workspace_mod
from kamtui.domain.models import Account, Department, Person, TeamMember
from kamtui.errors import BusyError, ConflictError, NotFoundError, WorkspaceError
from kamtui.store import Workspace, write
from kamtui.store import accounts as store_accounts
from kamtui.store import audit as store_audit
from kamtui.store import team as store_team
from kamtui.store.tables import table_for

import store_workers as sw


def _count(ws: Workspace, table: str) -> int:
    return ws.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _seed(ws: Workspace) -> tuple[Account, Person]:
    with write(ws) as tx:
        account = tx.insert(Account(name="Acme"))
        person = tx.insert(Person(account_id=account.id, name="Wang Qiang", title="CIO"))
    return account, person


# -- one transaction -------------------------------------------------------------------

def test_every_write_is_one_begin_immediate_transaction(ws):
    statements: list[str] = []
    ws.db.conn.set_trace_callback(statements.append)
    with write(ws) as tx:
        account = tx.insert(Account(name="Acme"))
        tx.insert(Department(account_id=account.id, name="IT"))
        tx.insert(Person(account_id=account.id, name="Li"))
    ws.db.conn.set_trace_callback(None)
    # the helper polls for the lock itself (busy_timeout pragmas around BEGIN): not statements
    statements = [s for s in statements if not s.strip().upper().startswith("PRAGMA BUSY_TIMEOUT")]
    # (sqlite-utils wraps its reads in savepoints: nested, harmless)
    control = [s.strip().upper() for s in statements if re.match(r"\s*(BEGIN|COMMIT|ROLLBACK|END)\b", s, re.I)]
    assert control == ["BEGIN IMMEDIATE", "COMMIT"], statements
    assert statements[0].strip().upper() == "BEGIN IMMEDIATE"
    assert statements[-1].strip().upper() == "COMMIT"
    assert not ws.db.conn.in_transaction


def test_an_exception_rolls_everything_back_audit_included(ws):
    _seed(ws)
    before = {t: _count(ws, t) for t in ("account", "person", "department", "audit", "account_summary")}
    with pytest.raises(RuntimeError, match="boom"):
        with write(ws) as tx:
            a = tx.insert(Account(name="Never"))
            tx.insert(Department(account_id=a.id, name="Never dept"))
            tx.audit("workspace", "x", None, "import", {})
            raise RuntimeError("boom")
    assert {t: _count(ws, t) for t in before} == before
    assert not ws.db.conn.in_transaction
    assert [a.name for a in store_accounts.accounts(ws.db)] == ["Acme"]
    # and the workspace stays usable
    with write(ws) as tx:
        tx.insert(Account(name="After"))
    assert _count(ws, "account") == 2


def test_a_failed_statement_rolls_back_the_earlier_ones(ws):
    account, _ = _seed(ws)
    audit_before = _count(ws, "audit")
    with pytest.raises(WorkspaceError):
        with write(ws) as tx:
            tx.insert(Account(name="First, then rolled back"))
            tx.insert(Account(id=account.id, name="Same id again"))  # primary key clash
    assert [a.name for a in store_accounts.accounts(ws.db)] == ["Acme"]
    assert _count(ws, "audit") == audit_before


# -- versioned updates -------------------------------------------------------------------

def test_update_bumps_the_version(ws):
    _, person = _seed(ws)
    with write(ws) as tx:
        saved = tx.update(person.model_copy(update={"title": "CEO"}))
    assert saved.version == person.version + 1
    stored = table_for(Person).get(ws.db, person.id)
    assert stored.title == "CEO" and stored.version == saved.version


def test_stale_update_raises_conflict_with_stored_and_attempted_values(ws):
    _, person = _seed(ws)
    with write(ws, who="alice") as tx:
        tx.update(person.model_copy(update={"name": "Wang Qiang (Alice)"}))
    stale = person.model_copy(update={"title": "Chief Digital Officer"})
    with pytest.raises(ConflictError) as err:
        with write(ws, who="bob") as tx:
            tx.update(stale)
    e = err.value
    assert e.entity == "person" and e.entity_id == person.id
    assert e.base_version == 0
    assert e.stored is not None
    assert e.stored["name"] == "Wang Qiang (Alice)" and e.stored["title"] == "CIO"
    assert e.stored["version"] == 1
    assert e.attempted["title"] == "Chief Digital Officer" and e.attempted["name"] == "Wang Qiang"
    assert e.stored_by == "alice"
    assert e.stored_at and dt.datetime.fromisoformat(e.stored_at)
    assert "changed by someone else" in str(e)
    # nothing of bob's was saved, not even an audit entry
    assert table_for(Person).get(ws.db, person.id).title == "CIO"
    assert "bob" not in {r["who"] for r in store_audit.entries(ws.db)}


def test_update_of_a_deleted_row_raises_conflict_with_stored_none(ws):
    from kamtui.domain.models import Competitor

    account, _ = _seed(ws)
    with write(ws) as tx:
        comp = tx.insert(Competitor(account_id=account.id, name="Rival"))
    with write(ws, who="alice") as tx:
        tx.delete(comp)
    with pytest.raises(ConflictError) as err:
        with write(ws) as tx:
            tx.update(comp.model_copy(update={"notes": "edited meanwhile"}))
    e = err.value
    assert e.stored is None
    assert e.attempted["notes"] == "edited meanwhile"
    assert e.stored_by == "alice"
    assert "deleted" in str(e)
    with pytest.raises(NotFoundError):
        with write(ws) as tx:
            tx.delete(comp)


def test_stale_delete_raises_conflict(ws):
    _, person = _seed(ws)
    with write(ws) as tx:
        tx.update(person.model_copy(update={"title": "CTO"}))
    with pytest.raises(ConflictError) as err:
        with write(ws) as tx:
            tx.delete(person)
    assert err.value.stored["title"] == "CTO"
    assert table_for(Person).get(ws.db, person.id).title == "CTO"


def test_stale_settings_raise_conflict(ws):
    current = store_team.settings(ws.db)
    with write(ws) as tx:
        tx.save_settings(current.model_copy(update={"team_name": "First"}))
    with pytest.raises(ConflictError) as err:
        with write(ws) as tx:
            tx.save_settings(current.model_copy(update={"team_name": "Second"}))
    assert err.value.stored["team_name"] == "First"
    assert err.value.attempted["team_name"] == "Second"
    assert store_team.settings(ws.db).team_name == "First"


# -- audit ------------------------------------------------------------------------------

def test_audit_records_who_what_and_before_after(ws, monkeypatch):
    monkeypatch.setenv("KAMTUI_USER", "zhang.wei")
    with write(ws) as tx:
        account = tx.insert(Account(name="Acme", industry="Telecom"))
    with write(ws) as tx:
        account = tx.update(account.model_copy(update={"name": "Acme Group", "region": "华东"}))
    with write(ws, who="li.na") as tx:
        tx.update(account.model_copy(update={"archived": True}))
    entries = store_audit.entries(ws.db, account.id)
    assert [(e["who"], e["entity"], e["entity_id"], e["action"]) for e in entries] == [
        ("zhang.wei", "account", account.id, "create"),
        ("zhang.wei", "account", account.id, "update"),
        ("li.na", "account", account.id, "archive"),
    ]
    assert entries[0]["changes"]["name"] == [None, "Acme"]
    assert entries[0]["changes"]["industry"] == [None, "Telecom"]
    assert entries[1]["changes"] == {"name": ["Acme", "Acme Group"], "region": ["", "华东"]}
    assert entries[2]["changes"] == {"archived": [False, True]}
    for e in entries:
        at = dt.datetime.fromisoformat(e["at"])
        assert at.tzinfo is not None
        assert abs((dt.datetime.now(dt.timezone.utc) - at).total_seconds()) < 120


def test_audit_of_a_delete_and_of_settings(ws):
    from kamtui.domain.models import Competitor

    account, _ = _seed(ws)
    with write(ws) as tx:
        comp = tx.insert(Competitor(account_id=account.id, name="Rival"))
    with write(ws) as tx:
        tx.delete(comp)
    with write(ws) as tx:
        tx.save_settings(store_team.settings(ws.db).model_copy(update={"team_name": "Renamed"}))
    entries = store_audit.entries(ws.db)
    delete = [e for e in entries if e["action"] == "delete"]
    assert len(delete) == 1 and delete[0]["entity"] == "competitor" and delete[0]["who"] == "tester"
    assert delete[0]["changes"]["name"] == ["Rival", None]
    settings = [e for e in entries if e["entity"] == "settings" and e["action"] == "update"]
    assert settings[-1]["changes"]["team_name"] == ["Test team", "Renamed"]


def test_ids_are_uuid_strings(ws):
    account, person = _seed(ws)
    for value in (account.id, person.id):
        assert uuid.UUID(value)


# -- two processes ----------------------------------------------------------------------

def test_conflict_between_two_processes(ws):
    _, person = _seed(ws)
    path = str(ws.path)
    a = Workspace.open(ws.path)  # process A (this one) reads the record
    read_by_a = table_for(Person).get(a.db, person.id)
    with mp.get_context("spawn").Pool(1) as pool:  # process B saves a change to it
        result = pool.apply(sw.rename_person, (path, person.id, "王强 (B)", "bob"))
    assert result["version"] == 1
    with pytest.raises(ConflictError) as err:
        with write(a) as tx:
            tx.update(read_by_a.model_copy(update={"title": "A's title"}))
    e = err.value
    assert e.stored["name"] == "王强 (B)" and e.stored["title"] == "CIO"
    assert e.attempted["title"] == "A's title"
    assert e.stored_by == "bob"
    stored = table_for(Person).get(a.db, person.id)
    assert (stored.name, stored.title, stored.version) == ("王强 (B)", "CIO", 1)
    a.close()


def test_four_processes_times_a_hundred_inserts(tmp_path):
    path = tmp_path / "busy.sqlite"
    Workspace.create(path).close()
    n, each = 4, 100
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(n)
    out = ctx.Queue()
    procs = [ctx.Process(target=sw.insert_accounts, args=(str(path), f"p{i}", each, barrier, out))
             for i in range(n)]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in range(n)]
    for p in procs:
        p.join(timeout=30)
    errors = [r[1] for r in results if r[0] != "ok"]
    assert not errors, errors[0]
    ws = Workspace.open(path)
    names = [a.name for a in store_accounts.accounts(ws.db)]
    assert len(names) == len(set(names)) == n * each
    creates = [e for e in store_audit.entries(ws.db) if e["entity"] == "account" and e["action"] == "create"]
    assert len(creates) == n * each
    assert {e["who"] for e in creates} == {f"writer-p{i}" for i in range(n)}
    assert _count(ws, "account_summary") == n * each
    ws.close()


# -- busy -------------------------------------------------------------------------------

def test_a_writer_holding_the_lock_past_the_timeout_gives_busy(ws, monkeypatch):
    monkeypatch.setattr(workspace_mod, "BUSY_TIMEOUT_MS", 200)
    other = Workspace.open(ws.path)
    assert other.db.execute("PRAGMA busy_timeout").fetchone()[0] == 200
    with write(ws) as tx:  # this connection holds the write lock throughout
        tx.insert(TeamMember(name="Holder"))
        started = time.monotonic()
        with pytest.raises(BusyError, match="Workspace busy") as err:
            with write(other) as tx2:
                tx2.insert(TeamMember(name="Waiter"))
        waited = time.monotonic() - started
    assert waited >= 0.15, "the busy timeout was not honoured"
    assert "\n" not in str(err.value)
    assert not other.db.conn.in_transaction
    names = [m.name for m in store_team.members(other.db)]
    assert names == ["Holder"]
    # once the lock is free, the same connection saves
    with write(other) as tx2:
        tx2.insert(TeamMember(name="Waiter"))
    other.close()


def test_a_writer_in_another_process_gives_busy(ws, monkeypatch, tmp_path):
    monkeypatch.setattr(workspace_mod, "BUSY_TIMEOUT_MS", 150)
    ready = tmp_path / "ready"
    ctx = mp.get_context("spawn")
    holder = ctx.Process(target=sw.hold_write_lock, args=(str(ws.path), 1.5, str(ready)))
    holder.start()
    mine = Workspace.open(ws.path)  # opened with the short timeout
    try:
        deadline = time.monotonic() + 30
        while not ready.exists():
            assert time.monotonic() < deadline and holder.is_alive(), "holder did not start"
            time.sleep(0.02)
        with pytest.raises(BusyError, match="Workspace busy"):
            with write(mine) as tx:
                tx.insert(TeamMember(name="Too late"))
    finally:
        holder.join(timeout=30)
        mine.close()
    assert holder.exitcode == 0
    assert [m.name for m in store_team.members(ws.db)] == ["Slow writer"]


def test_write_waits_within_the_timeout(ws):
    """A short lock is waited for (busy_timeout), not reported as busy."""
    other = Workspace.open(ws.path)
    raw = sqlite3.connect(ws.path, isolation_level=None, check_same_thread=False)
    raw.execute("BEGIN IMMEDIATE")
    import threading

    t = threading.Timer(0.3, lambda: raw.execute("COMMIT"))
    t.start()
    try:
        with write(other) as tx:
            tx.insert(TeamMember(name="Patient"))
    finally:
        t.join()
        raw.close()
    assert [m.name for m in store_team.members(ws.db)] == ["Patient"]
    other.close()


# -- rows changed by a foreign key's ON DELETE SET NULL ------------------------------------

def test_an_update_breaking_a_foreign_key_is_a_kamtui_error(ws):
    from kamtui.errors import KamtuiError

    _, person = _seed(ws)
    with pytest.raises(KamtuiError):
        with write(ws) as tx:
            tx.update(person.model_copy(update={"department_id": "9" * 32}))  # no such department
    assert table_for(Person).get(ws.db, person.id).department_id is None


def test_a_save_after_a_cascaded_change_is_a_conflict(ws):
    from kamtui.domain.models import Competitor

    account, _ = _seed(ws)
    with write(ws) as tx:
        rival = tx.insert(Competitor(account_id=account.id, name="Rival"))
        person = tx.insert(Person(account_id=account.id, name="Leaning", leaning_known=True,
                                  leaning_competitor_id=rival.id))
    read_before = table_for(Person).get(ws.db, person.id)  # e.g. an edit form is open
    with write(ws, who="alice") as tx:
        tx.delete(rival)  # the database sets the person's leaning_competitor_id to NULL
    stored = table_for(Person).get(ws.db, person.id)
    assert stored.leaning_competitor_id is None
    with pytest.raises(ConflictError) as err:
        with write(ws) as tx:
            tx.update(read_before.model_copy(update={"title": "CFO"}))
    assert err.value.stored["leaning_competitor_id"] is None
