"""Helpers for the store tests, importable by multiprocessing's spawned children.

Everything here takes plain arguments (paths as str) and returns plain data, so it can
cross a process boundary.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
import traceback
from pathlib import Path

ACCOUNT_ID = "a" * 32
PERSON_ID = "b" * 32
DEPT_ID = "c" * 32
MEMBER_ID = "d" * 32
ACTIVITY_ID = "e" * 32
ASSESSMENT_ID = "f" * 32


def sha256(path: Path | str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def make_v1(path: Path | str, journal_mode: str = "wal") -> None:
    """A workspace as kamtui with only m001 left it: the way Workspace._migrate applies one step
    (BEGIN IMMEDIATE, MIGRATIONS.apply(stop_before=m002), user_version = 1, COMMIT), then
    old-shaped rows written with plain SQL against the version-1 tables."""
    from sqlite_utils import Database

    from kamtui.store.fileinfo import APPLICATION_ID
    from kamtui.store.migrations import MIGRATIONS

    names = [m.name for m in MIGRATIONS._migrations]
    assert names[:2] == ["m001_initial", "m002_drafts"], names
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA journal_mode = {journal_mode}")
    db = Database(conn, execute_plugins=False)
    db.execute("BEGIN IMMEDIATE")
    MIGRATIONS.apply(db, stop_before="m002_drafts")
    db.execute("PRAGMA user_version = 1")
    db.execute("COMMIT")
    rows = [
        ("INSERT INTO settings(id, team_name, default_lang, policy, version) VALUES (1, ?, 'zh', ?, 3)",
         ["Old team 老团队", '{"currency": "CNY", "thresholds": {}}']),
        ("INSERT INTO team_member(id, name, login) VALUES (?, 'Li Lei', 'lilei')", [MEMBER_ID]),
        ("INSERT INTO account(id, name, short_name, industry, tier, owner_id, version) "
         "VALUES (?, '华信移动 Old Account', 'HX', 'Telecom', 'key', ?, 4)", [ACCOUNT_ID, MEMBER_ID]),
        ("INSERT INTO department(id, account_id, name, importance) VALUES (?, ?, '采购部', 3)",
         [DEPT_ID, ACCOUNT_ID]),
        ("INSERT INTO person(id, account_id, department_id, name, title, role, influence, attitude, "
         "version) VALUES (?, ?, ?, '王强', '总经理', 'decision_maker', 5, 'advocate', 2)",
         [PERSON_ID, ACCOUNT_ID, DEPT_ID]),
        ("INSERT INTO assessment(id, account_id, assessed_on, org, evidence, people, departments) "
         "VALUES (?, ?, '2026-06-01', ?, '{}', ?, ?)",
         [ASSESSMENT_ID, ACCOUNT_ID,
          '{"communication": {"value": 2, "note": ""}, "business_fit": {"value": 3, "note": ""}, '
          '"alliance": {"value": 2, "note": ""}, "identification": {"value": 2, "note": ""}}',
          f'[{{"person_id": "{PERSON_ID}", "attitude": "advocate", "influence": 5, '
          f'"needs_level": null, "role": "decision_maker"}}]',
          f'[{{"department_id": "{DEPT_ID}", "importance": 3, "ratings": {{}}}}]']),
        ("INSERT INTO activity(id, account_id, type, scope, layer, target_person_ids, planned_on, status) "
         "VALUES (?, ?, 'company_visit', 'point', 'key', ?, '2026-07-01', 'done')",
         [ACTIVITY_ID, ACCOUNT_ID, f'["{PERSON_ID}"]']),
        ("INSERT INTO audit(at, who, entity, entity_id, account_id, action, changes) "
         "VALUES ('2026-06-01T10:00:00+00:00', 'old-user', 'account', ?, ?, 'create', '{}')",
         [ACCOUNT_ID, ACCOUNT_ID]),
    ]
    db.execute("BEGIN IMMEDIATE")
    for sql, params in rows:
        db.execute(sql, params)
    db.execute("COMMIT")
    conn.close()


def _with_cause(exc: BaseException) -> str:
    """The traceback, and that of the SQLite error a WorkspaceError was raised from."""
    text = "".join(traceback.format_exception(exc))
    inner = exc.__cause__ or exc.__context__
    if inner is not None:
        text += "\ncaused by:\n" + "".join(traceback.format_exception(inner))
    return text


# -- workers (run in spawned processes) --------------------------------------------------

def open_at_once(path: str, barrier, out) -> None:
    """Wait for every sibling, then open the workspace; report the schema version or the error."""
    try:
        from kamtui.store import Workspace

        barrier.wait(timeout=60)
        ws = Workspace.open(Path(path))
        out.put(("ok", ws.schema_version))
        ws.close()
    except BaseException as exc:
        out.put(("error", _with_cause(exc)))


def insert_accounts(path: str, tag: str, n: int, barrier, out) -> None:
    """n separate write() transactions, each inserting one account."""
    try:
        from kamtui.domain.models import Account
        from kamtui.store import Workspace, write

        ws = Workspace.open(Path(path), verify=False)
        barrier.wait(timeout=60)
        for i in range(n):
            with write(ws, who=f"writer-{tag}") as tx:
                tx.insert(Account(name=f"{tag} account {i:03d}"))
        ws.close()
        out.put(("ok", tag))
    except BaseException as exc:
        out.put(("error", _with_cause(exc)))


def rename_person(path: str, person_id: str, new_name: str, who: str) -> dict:
    """Process B: open, read the person, save a new name."""
    os.environ["KAMTUI_USER"] = who
    from kamtui.domain.models import Person
    from kamtui.store import Workspace, write
    from kamtui.store.tables import table_for

    ws = Workspace.open(Path(path), verify=False)
    person = table_for(Person).get(ws.db, person_id)
    with write(ws) as tx:
        saved = tx.update(person.model_copy(update={"name": new_name}))
    ws.close()
    return {"version": saved.version, "pid": os.getpid()}


def hold_write_lock(path: str, seconds: float, ready: str) -> None:
    """Take the write lock, tell the parent, keep it for `seconds`."""
    from kamtui.domain.models import TeamMember
    from kamtui.store import Workspace, write

    ws = Workspace.open(Path(path), verify=False)
    with write(ws, who="slow") as tx:
        tx.insert(TeamMember(name="Slow writer"))
        Path(ready).write_text("ready")
        time.sleep(seconds)
    ws.close()
