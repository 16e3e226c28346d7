"""The write: one transaction, all or nothing, decided again under the write lock, a backup
first, one audit entry, the account's figures as a recomputation would make them, and rows
exactly as the store encodes them."""

from __future__ import annotations

import sqlite3

import pytest
from contact_files import csv_bytes, salesforce_csv
from contacts_helpers import ctx_of, new_account, run_import, stored

from kamtui.domain.models import Department, Person
from kamtui.errors import InputError, WorkspaceError
from kamtui.services import people
from kamtui.services.contacts import apply
from kamtui.services.contacts.plan import NEW_DEPARTMENT_FIELDS, NEW_PERSON_FIELDS
from kamtui.store import accounts as store_accounts
from kamtui.store.summary import refresh
from kamtui.store.tables import table_for


def counts(ws) -> tuple[int, int, int]:
    return tuple(ws.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("person", "department", "audit"))


def test_a_failure_half_way_writes_nothing(ws, tmp_path, monkeypatch):
    ctx = ctx_of(ws)
    account = new_account(ctx)
    path = tmp_path / "Contact.csv"
    salesforce_csv(path)
    before = counts(ws)
    original = apply._write

    def breaks_after_the_people(*args):
        original(*args)  # departments and people are in...
        raise sqlite3.IntegrityError("FOREIGN KEY constraint failed")  # ...then the write fails

    monkeypatch.setattr(apply, "_write", breaks_after_the_people)
    with pytest.raises(WorkspaceError, match="nothing was imported"):
        run_import(ctx, account, path)
    assert counts(ws) == before
    monkeypatch.undo()
    run_import(ctx, account, path)
    assert counts(ws)[:2] == (before[0] + 5, before[1] + 5)  # 总经理办公室, 信息技术部 + 安全, 网络, 采购部


def test_one_audit_entry_a_backup_and_figures_as_a_recomputation_makes_them(demo_ws, tmp_path):
    ctx = ctx_of(demo_ws)
    account = next(a.id for a in store_accounts.accounts(demo_ws.db) if a.short_name == "Harbourline")
    victim = people.people(ctx, account)[0]
    path = tmp_path / "p.csv"
    path.write_bytes(csv_bytes([["Name", "Title", "Department", "Email", "Reports To"],
                                [victim.name, "Renamed title", "", "", ""],
                                ["New Person", "Analyst", "IT / Data", "np@x.example", victim.name]]))
    audit_before = demo_ws.conn.execute("SELECT max(id) FROM audit").fetchone()[0]
    result = run_import(ctx, account, path)
    assert (len(result.creates), len(result.updates)) == (1, 1)
    entries = demo_ws.conn.execute("SELECT entity, action, changes FROM audit WHERE id > ? ORDER BY id",
                                   [audit_before]).fetchall()
    assert [(e, a) for e, a, _ in entries] == [("person", "update"), ("account", "import")]
    assert '"people_created": [null, 1]' in entries[1][2] and '"source": [null, "p.csv"]' in entries[1][2]
    assert len(list(demo_ws.path.parent.glob("demo.pre-import-*.sqlite"))) == 1
    kept = demo_ws.conn.execute("SELECT * FROM account_summary WHERE account_id = ?", [account]).fetchone()
    demo_ws.conn.execute("BEGIN IMMEDIATE")
    refresh(demo_ws.db, [account])
    fresh = demo_ws.conn.execute("SELECT * FROM account_summary WHERE account_id = ?", [account]).fetchone()
    demo_ws.conn.execute("ROLLBACK")
    assert tuple(kept) == tuple(fresh)
    assert stored(ctx, account)["New Person"][3] == victim.name


def test_the_plan_is_made_again_under_the_write_lock(ws, tmp_path):
    """Someone adds the person between the check and the import: updated, not duplicated."""
    ctx = ctx_of(ws)
    account = new_account(ctx)
    path = tmp_path / "p.csv"
    path.write_bytes(csv_bytes([["Name", "Email", "Title"], ["Ann Lee", "ann@x.example", "CFO"]]))
    prepared = apply.prepare(path)
    checked = apply.import_contacts(ctx, account, prepared, dry_run=True)
    assert [e.action for e in checked.entries] == ["create"]
    people.add_person(ctx, {"account_id": account, "name": "Ann", "email": "ANN@x.example"})
    done = apply.import_contacts(ctx, account, prepared)
    assert [e.action for e in done.entries] == ["update"]
    assert stored(ctx, account) == {"Ann Lee": ("CFO", "ANN@x.example", "", "", "")}


def test_rows_are_what_the_store_encodes(ws):
    """The bulk rows (one encoded, the others copied with their own fields) equal Table.to_row's."""
    ctx = ctx_of(ws)
    account = new_account(ctx)
    depts = [Department(account_id=account, name="IT"), Department(account_id=account, name="Sec", parent_id=None)]
    depts[1] = depts[1].model_copy(update={"parent_id": depts[0].id})
    template = Person(account_id=account, name="-")
    persons = [template.model_copy(update=dict(zip(NEW_PERSON_FIELDS, values))) for values in (
        ("a" * 32, depts[0].id, "王强", "总经理", "wq@x.example", "+86 1", None),
        ("b" * 32, None, "Ann", "", "", "", "a" * 32))]
    for models, varying in ((depts, NEW_DEPARTMENT_FIELDS), (persons, NEW_PERSON_FIELDS)):
        t = table_for(models[0])
        columns, rows = apply._rows(t, models, varying)
        assert [dict(zip(columns, r)) for r in rows] == [t.to_row(m) for m in models]
    assert set(NEW_PERSON_FIELDS) <= set(Person.model_fields)


def test_a_read_only_workspace_is_refused_and_a_dry_run_needs_no_write(tmp_path):
    from kamtui.errors import ReadOnlyError
    from kamtui.store import Workspace

    path = tmp_path / "ro.sqlite"
    ws = Workspace.create(path, team_name="t")
    account = new_account(ctx_of(ws))
    ws.close()
    contacts = tmp_path / "p.csv"
    contacts.write_bytes(csv_bytes([["Name"], ["Ann"]]))
    ro = Workspace.open(path, read_only=True)
    try:
        assert [e.action for e in run_import(ctx_of(ro), account, contacts, dry_run=True).entries] == ["create"]
        with pytest.raises(ReadOnlyError):
            run_import(ctx_of(ro), account, contacts)
    finally:
        ro.close()


def test_new_people_are_the_persons_the_model_would_make():
    """plan._copy (a quick model_copy) gives what validating the same values gives."""
    from kamtui.services.contacts.new_people import copy_person

    template = Person(account_id="a" * 32, name="-")
    values = dict(zip(NEW_PERSON_FIELDS, ("b" * 32, "c" * 32, "王强", "总经理", "wq@x.example", "+86 1", "d" * 32)))
    made = copy_person(template, values)
    validated = Person.model_validate({**template.model_dump(), **values})
    assert made == validated and made.model_dump() == validated.model_dump()
    assert made.model_copy(update={"title": "CIO"}).title == "CIO" and template.name == "-"
    assert table_for(Person).to_row(made) == table_for(Person).to_row(validated)


def test_the_workspace_itself_is_refused_as_a_contact_file_before_it_is_read(ws, tmp_path):
    """Our own descriptor on the workspace (or its -wal), once closed, would drop the process's
    SQLite locks: the import refuses those paths by inode, without opening them (the file guard
    of tests/conftest.py fails the test on any such open)."""
    ctx = ctx_of(ws)
    new_account(ctx)  # a write: the -wal is there while the connection is open
    wal = tmp_path / "ws.sqlite-wal"
    assert wal.exists()
    linked = tmp_path / "people.csv"
    linked.hardlink_to(ws.path)  # another name, the same file
    for path in (ws.path, wal, linked):
        with pytest.raises(InputError, match="this is the workspace itself"):
            apply.prepare(path, ctx=ctx)
    other = tmp_path / "Contact.csv"
    salesforce_csv(other)
    assert len(apply.prepare(other, ctx=ctx).contacts) == 5
