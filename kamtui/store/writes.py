"""The one write helper: BEGIN IMMEDIATE … COMMIT, versioned updates, audit in the same transaction."""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from kamtui.errors import BusyError, ConflictError, NotFoundError, ReadOnlyError, WorkspaceError, entity_name
from kamtui.paths import current_user
from kamtui.domain.ordering import INSERT_ORDER
from kamtui.store import accounts, audit, team
from kamtui.store.tables import TABLES, Table, table_for

if TYPE_CHECKING:  # pydantic and the models load when a write builds one, not with this module
    from pydantic import BaseModel

    from kamtui.domain.models import Settings
    from kamtui.store.workspace import Workspace

M = TypeVar("M", bound="BaseModel")


def _diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, list[Any]]:
    keys = set(before or {}) | set(after or {})
    keys.discard("version")
    out = {}
    for k in sorted(keys):
        b = (before or {}).get(k)
        a = (after or {}).get(k)
        if b != a:
            out[k] = [b, a]
    return out


class Tx:
    """An open write transaction. Every mutation records its audit entry here."""

    def __init__(self, ws: "Workspace", who: str, now: dt.datetime):
        self.ws = ws
        self.db = ws.db
        self.who = who
        self.now = now
        self.touched: set[str] = set()  # accounts whose summary must be recomputed
        # Summary rows a bulk writer computed from the records it wrote (summary.row_of_plan):
        # stored at commit instead of reading those accounts back; any later change to one of
        # these accounts drops its row, so it is recomputed as usual.
        self.summaries: dict[str, tuple] = {}

    # -- audit ---------------------------------------------------------------------
    def audit(self, entity: str, entity_id: str, account_id: str | None, action: str,
              changes: dict[str, Any]) -> None:
        self.db.execute(
            "INSERT INTO audit(at, who, entity, entity_id, account_id, action, changes) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [self.now.isoformat(timespec="seconds"), self.who, entity, entity_id, account_id,
             action, json.dumps(changes, ensure_ascii=False, sort_keys=True)],
        )

    def _account_of(self, t: Table, row: dict[str, Any]) -> str | None:
        return row.get("id") if t.name == "account" else row.get("account_id")

    def _stored(self, t: Table, key: dict[str, Any]) -> dict[str, Any] | None:
        found = t.stored(self.db, key)
        return None if found is None else dict(zip(t.columns, found))

    def _touch(self, account_id: str | None) -> None:
        if account_id:
            self.touched.add(account_id)
            self.summaries.pop(account_id, None)

    # -- records -------------------------------------------------------------------
    def insert(self, obj: M, *, audit: bool = True) -> M:
        t = table_for(obj)
        row = t.to_row(obj)
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        try:
            self.db.execute(f"INSERT INTO {t.name} ({cols}) VALUES ({marks})", list(row.values()))
        except sqlite3.IntegrityError as exc:
            raise WorkspaceError("record.cannot_add", entity=entity_name(t.name), why=str(exc)) from None
        account = self._account_of(t, row)
        if audit:
            self.audit(t.name, _key_str(t, obj), account, "create", _diff(None, obj.model_dump(mode="json")))
        self._touch(account)
        return obj

    def insert_many(self, objs: Iterable[BaseModel]) -> int:
        """Bulk insert of new records (demo, import): one executemany per table, no per-row audit."""
        by_table: dict[str, tuple[Table, list[tuple]]] = {}
        cols: dict[str, list[str]] = {}
        n = 0
        for obj in objs:
            t = table_for(obj)
            row = t.to_row(obj)
            if t.name not in by_table:
                by_table[t.name] = (t, [])
                cols[t.name] = list(row)
            by_table[t.name][1].append(tuple(row.values()))
            self._touch(self._account_of(t, row))
            n += 1
        for name in sorted(by_table, key=lambda n: INSERT_ORDER.index(TABLES[n].kind)):
            t, values = by_table[name]
            c = cols[name]
            self.db.conn.executemany(
                f"INSERT INTO {name} ({', '.join(c)}) VALUES ({', '.join('?' for _ in c)})", values
            )
        return n

    def insert_rows(self, table: str, columns: list[str], rows: list[tuple],
                    accounts: Iterable[str]) -> None:
        """Bulk insert of new rows already in the table's encoding (`Table.to_row` order), for
        a writer that validated them itself (import); `accounts` are the ones they belong to.
        Like `insert_many`, no per-row audit: the caller records one entry per account."""
        if rows:
            self.db.conn.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                rows,
            )
        for account in accounts:
            self._touch(account)

    def use_summaries(self, rows: Iterable[tuple]) -> None:
        """Summary rows (`summary.row_of_plan`) of accounts whose records are now exactly the
        plans they were computed from: stored at commit unless the account changes again."""
        for row in rows:
            self.touched.add(row[0])
            self.summaries[row[0]] = row

    def update(self, obj: M, *, base_version: int | None = None) -> M:
        """Save `obj` over the stored row if nobody changed it since `base_version` was read."""
        t = table_for(obj)
        base = obj.version if base_version is None else base_version
        key = t.key_of(obj)
        before = self._stored(t, key)
        attempted = obj.model_dump(mode="json")
        if before is None or before["version"] != base:
            stored = t.model_of(before.values()).model_dump(mode="json") if before else None
            who, at = audit.last_change(self.db, t.name, _key_str(t, obj))
            raise ConflictError(t.name.replace("_", " "), _key_str(t, obj), base, stored, attempted, who, at)
        new = obj.model_copy(update={"version": base + 1})
        row = t.to_row(new)
        sets = ", ".join(f"{c} = ?" for c in row if c not in key)
        where = " AND ".join(f"{c} = ?" for c in key)
        try:
            self.db.execute(
                f"UPDATE {t.name} SET {sets} WHERE {where} AND version = ?",
                [v for c, v in row.items() if c not in key] + list(key.values()) + [base],
            )
        except sqlite3.IntegrityError as exc:
            raise WorkspaceError("record.cannot_save", entity=entity_name(t.name), why=str(exc)) from None
        changes = _diff(t.model_of(before.values()).model_dump(mode="json"), new.model_dump(mode="json"))
        account = self._account_of(t, row)
        if changes:
            action = "update"
            if "archived" in changes:
                action = "archive" if new.archived else "restore"  # type: ignore[attr-defined]
            self.audit(t.name, _key_str(t, obj), account, action, changes)
        self._touch(account)
        return new

    def upsert(self, obj: M) -> M:
        """Insert, or update whatever version is stored (used by import with --overwrite)."""
        t = table_for(obj)
        before = self._stored(t, t.key_of(obj))
        if before is None:
            return self.insert(obj)
        return self.update(obj, base_version=before["version"])

    def delete(self, obj: M, *, base_version: int | None = None) -> None:
        t = table_for(obj)
        base = obj.version if base_version is None else base_version
        key = t.key_of(obj)
        before = self._stored(t, key)
        if before is None:
            raise NotFoundError("record.already_deleted", entity=entity_name(t.name))
        if before["version"] != base:
            who, at = audit.last_change(self.db, t.name, _key_str(t, obj))
            raise ConflictError(t.name.replace("_", " "), _key_str(t, obj), base,
                                t.model_of(before.values()).model_dump(mode="json"), {}, who, at)
        where = " AND ".join(f"{c} = ?" for c in key)
        self.db.execute(f"DELETE FROM {t.name} WHERE {where}", list(key.values()))
        account = self._account_of(t, before)
        self.audit(t.name, _key_str(t, obj), account, "delete",
                   _diff(t.model_of(before.values()).model_dump(mode="json"), None))
        if t.name != "account":
            self._touch(account)

    def save_settings(self, settings: Settings, *, base_version: int | None = None) -> Settings:
        base = settings.version if base_version is None else base_version
        before = team.settings(self.db)
        if before.version != base:
            who, at = audit.last_change(self.db, "settings", "1")
            raise ConflictError("settings", "1", base, before.model_dump(mode="json"),
                                settings.model_dump(mode="json"), who, at)
        new = settings.model_copy(update={"version": base + 1})
        self.db.execute(
            "UPDATE settings SET team_name = ?, default_lang = ?, policy = ?, version = ? WHERE id = 1",
            [new.team_name, new.default_lang, new.policy.model_dump_json(), new.version],
        )
        self.audit("settings", "1", None, "update",
                   _diff(before.model_dump(mode="json"), new.model_dump(mode="json")))
        # Thresholds move the compliance pitfall of every account.
        for account_id in accounts.account_ids(self.db):
            self._touch(account_id)
        return new

    def set_preference(self, key: str, value: str) -> None:
        """A personal setting of the acting user (language…): not team data, not audited."""
        self.db.execute(
            "INSERT INTO preference(owner, key, value) VALUES (?, ?, ?) "
            "ON CONFLICT(owner, key) DO UPDATE SET value = excluded.value",
            [self.who, key, value],
        )


class Stage:
    """New rows parked in a private in-memory database attached to this connection, before
    the transaction that copies them in, one `INSERT … SELECT` per table (bulk import).

    Parking takes no lock on the workspace and maintains no index, so it is done while the
    files are still being read; the copy inside the transaction then costs about half an
    executemany of the same rows into the indexed tables (measured on the `large` workspace:
    1.0 s instead of 2.0 s), which also halves how long other writers wait. Rows are copied
    in the order of their `pos`. In memory rather than in TEMP tables: no temporary file to
    write, and `close` drops it all at once (≈ 50 MiB for the `large` workspace meanwhile).
    """

    SCHEMA = "kamtui_stage"
    # The workspace's page cache while the rows go in (KiB; SQLite's default is 2 MiB): the
    # copy adds to every index of its tables in key order, not row order, and with the default
    # cache each insert reads back pages it had just pushed out (measured on the `large`
    # workspace's import: the activities' copy took 40 % less CPU with 128 MiB). Only what
    # the copy touches is held, and the size goes back when the stage closes.
    COPY_CACHE_KIB = 128 * 1024

    def __init__(self, db: Any):
        self.db = db
        self.columns: dict[str, list[str]] = {}
        self._cache_was: int | None = None

    def _name(self, table: str) -> str:
        return f"{self.SCHEMA}.{table}"

    def add(self, table: str, columns: list[str], rows: list[tuple]) -> None:
        """`rows` are (pos, *values in `columns` order)."""
        if not self.columns:
            self._detach()  # left over by an import that died before its `close`
            self.db.execute(f"ATTACH DATABASE ':memory:' AS {self.SCHEMA}")
        if table not in self.columns:
            self.db.execute(f"CREATE TABLE {self._name(table)} (pos INTEGER PRIMARY KEY, {', '.join(columns)})")
            self.columns[table] = list(columns)
        self.db.conn.executemany(
            f"INSERT INTO {self._name(table)} VALUES (?, {', '.join('?' for _ in columns)})", rows)

    def copy(self, tx: Tx, table: str, accounts: Iterable[str]) -> None:
        """Insert every parked row of `table` in `tx` (the caller checked they are all new)."""
        cols = ", ".join(self.columns[table])
        if self._cache_was is None:
            self._cache_was = tx.db.execute("PRAGMA main.cache_size").fetchone()[0]
            tx.db.execute(f"PRAGMA main.cache_size = -{self.COPY_CACHE_KIB}")
        tx.db.execute(f"INSERT INTO main.{table} ({cols}) SELECT {cols} FROM {self._name(table)} ORDER BY pos")
        for account in accounts:
            tx._touch(account)

    def close(self) -> None:
        if self.columns:
            self._detach()
            self.columns.clear()
        if self._cache_was is not None:
            self.db.execute(f"PRAGMA main.cache_size = {self._cache_was}")
            self._cache_was = None

    def _detach(self) -> None:
        try:
            self.db.execute(f"DETACH DATABASE {self.SCHEMA}")
        except sqlite3.OperationalError:  # not attached
            pass


def stored_rows(db: Any, table: str, column: str, values: list[str]) -> tuple[list[str], list[tuple]]:
    """(columns, rows) of `table` whose `column` is one of `values`, in the stored encoding: what
    a bulk writer compares the rows it would write against (one query per table)."""
    t = TABLES[table]
    if db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is None:
        return list(t.columns), []  # an empty table (a first import): no IN list of every id to build
    cur = db.execute(f"SELECT {t.column_list()} FROM {table} WHERE {column} IN (SELECT value FROM json_each(?))",
                     [json.dumps(values)])
    return list(t.columns), cur.fetchall()


def _key_str(t: Table, obj: BaseModel) -> str:
    return ":".join(str(v) for v in t.key_of(obj).values())


@contextmanager
def write(ws: "Workspace", who: str | None = None, now: dt.datetime | None = None) -> Iterator[Tx]:
    """The only way to change a workspace: one BEGIN IMMEDIATE transaction, all or nothing."""
    if ws.read_only:
        raise ReadOnlyError("save.read_only_open", path=ws.path)
    ws.ensure_current()
    ws.ensure_verified()
    tx = Tx(ws, who or current_user(), now or dt.datetime.now(dt.timezone.utc))
    _begin_immediate(ws)
    try:
        yield tx
        if tx.touched:
            from kamtui.store.summary import refresh, store_rows

            stale = tx.touched - tx.summaries.keys()
            if stale:
                refresh(ws.db, sorted(stale))
            if tx.summaries:
                store_rows(ws.db, tx.summaries.values())
        ws.db.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        _rollback(ws)
        raise _translate(ws, exc) from None
    except BaseException:
        _rollback(ws)
        raise


def _begin_immediate(ws: "Workspace") -> None:
    """BEGIN IMMEDIATE, waiting up to the busy timeout for the write lock.

    SQLite's own busy handler backs off to 100 ms sleeps, so with many writers a waiting
    process can be overtaken for seconds (seen here: 1 BEGIN in ~2,000 timed out with 8
    writers in tight loops). Polling every few milliseconds keeps the wait fair enough.
    """
    from kamtui.store.workspace import BUSY_TIMEOUT_MS

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    ws.db.execute("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                ws.db.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                err = _translate(ws, exc)
                if not isinstance(err, BusyError) or time.monotonic() > deadline:
                    raise err from None
            time.sleep(random.uniform(0.0005, 0.003))
    finally:
        ws.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _rollback(ws: "Workspace") -> None:
    if ws.db.conn.in_transaction:
        try:
            ws.db.execute("ROLLBACK")
        except sqlite3.OperationalError:
            pass


def _translate(ws: "Workspace", exc: sqlite3.OperationalError) -> Exception:
    msg = str(exc)
    if "locked" in msg or "busy" in msg:
        err = BusyError("save.busy")
        err.detail = msg  # SQLite's own words, for logs and tests
        return err
    if "readonly" in msg:
        return ReadOnlyError("save.read_only_here", path=ws.path)
    if "disk is full" in msg or "disk I/O" in msg:
        return WorkspaceError("save.failed_unchanged", why=msg)
    return WorkspaceError("save.failed", why=msg)


def initial_settings(ws: "Workspace", team_name: str) -> None:
    from kamtui.domain.models import Settings

    s = Settings(team_name=team_name)
    with write(ws) as tx:
        tx.db.execute(
            "INSERT INTO settings(id, team_name, default_lang, policy, version) VALUES (1, ?, ?, ?, 0)",
            [s.team_name, s.default_lang, s.policy.model_dump_json()],
        )
        tx.audit("settings", "1", None, "create", _diff(None, s.model_dump(mode="json")))
