"""The draft table: per (account, owner, kind), versioned, audited, no summary refresh."""

from __future__ import annotations

import pytest

from assess_helpers import BANK, TELECOM
from kamtui.errors import ConflictError
from kamtui.store import drafts
from kamtui.store import audit as store_audit


def test_save_get_update_delete_with_versions(ctx):
    assert drafts.get(ctx.db, BANK, "tester", "assessment") is None
    with ctx.write() as tx:
        assert drafts.save(tx, BANK, "tester", "assessment", {"n": 1, "name": "王强 [EU]"}, None) == 0
    found = drafts.get(ctx.db, BANK, "tester", "assessment")
    assert found.data == {"n": 1, "name": "王强 [EU]"} and found.version == 0 and found.updated_at
    with ctx.write() as tx:
        assert drafts.save(tx, BANK, "tester", "assessment", {"n": 2}, 0) == 1
    assert drafts.get(ctx.db, BANK, "tester", "assessment").data == {"n": 2}
    with ctx.write() as tx:
        assert drafts.delete(tx, BANK, "tester", "assessment", 1)
    assert drafts.get(ctx.db, BANK, "tester", "assessment") is None
    with ctx.write() as tx:
        assert not drafts.delete(tx, BANK, "tester", "assessment")


def test_stale_versions_and_double_creates_conflict(ctx):
    with ctx.write() as tx:
        drafts.save(tx, BANK, "tester", "assessment", {"n": 1}, None)
    with pytest.raises(ConflictError) as err:
        with ctx.write() as tx:
            drafts.save(tx, BANK, "tester", "assessment", {"n": 9}, None)
    assert err.value.entity == "draft" and err.value.stored["version"] == 0
    with ctx.write() as tx:
        drafts.save(tx, BANK, "tester", "assessment", {"n": 2}, 0)
    with pytest.raises(ConflictError):
        with ctx.write() as tx:
            drafts.save(tx, BANK, "tester", "assessment", {"n": 3}, 0)
    with pytest.raises(ConflictError):
        with ctx.write() as tx:
            drafts.delete(tx, BANK, "tester", "assessment", 0)
    assert drafts.get(ctx.db, BANK, "tester", "assessment").data == {"n": 2}


def test_drafts_are_kept_per_account_owner_and_kind(ctx):
    with ctx.write() as tx:
        drafts.save(tx, BANK, "tester", "assessment", {"who": "t"}, None)
        drafts.save(tx, BANK, "bob", "assessment", {"who": "b"}, None)
        drafts.save(tx, TELECOM, "tester", "assessment", {"who": "t2"}, None)
        drafts.save(tx, BANK, "tester", "other", {"who": "o"}, None)
    assert drafts.get(ctx.db, BANK, "bob", "assessment").data == {"who": "b"}
    assert drafts.owners(ctx.db, BANK, "assessment") == ["bob", "tester"]


def test_writes_are_audited_and_leave_the_summary_alone(ctx):
    before = ctx.db.execute("SELECT * FROM account_summary WHERE account_id = ?", [BANK]).fetchone()
    with ctx.write() as tx:
        drafts.save(tx, BANK, "tester", "assessment", {"n": 1}, None)
        assert tx.touched == set()
    with ctx.write() as tx:
        drafts.delete(tx, BANK, "tester", "assessment")
    entries = [e for e in store_audit.entries(ctx.db, BANK) if e["entity"] == "draft"]
    assert [(e["action"], e["who"], e["entity_id"]) for e in entries] == [
        ("create", "tester", f"{BANK}:tester:assessment"), ("delete", "tester", f"{BANK}:tester:assessment")]
    assert ctx.db.execute("SELECT * FROM account_summary WHERE account_id = ?", [BANK]).fetchone() == before
