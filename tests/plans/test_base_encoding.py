"""The records' bases (`store.sync_base`) stored as JSON arrays of their columns' values: the
same bases read back as were put, whichever writer stored them (an export's `put`, a bulk
import's `put_from_table`), bases stored as objects (a workspace synced before) read as they
were, and the columns the arrays follow are the models' own."""

from __future__ import annotations

import datetime as dt
import json

from kamtui.services.context import Context
from kamtui.services.plans import export, import_, rows
from kamtui.services.plans.threeway import base_data
from kamtui.store import sync_base

TODAY = dt.date(2026, 11, 26)


def _stored(ws) -> list[tuple[str, str, str]]:
    return ws.conn.execute("SELECT kind, key, data FROM sync_base WHERE data IS NOT NULL ORDER BY kind, key").fetchall()


def _current_bases(ws) -> dict[tuple[str, str], dict]:
    """Every record's base as the export computes it from its stored row (threeway.base_data)."""
    out = {}
    for kind, table in rows.TABLE.items():
        for row in ws.conn.execute(f"SELECT {', '.join(rows.COLUMNS[kind])} FROM [{table.name}]").fetchall():
            record = dict(zip(rows.COLUMNS[kind], row))
            key = (record["account_id"], record["layer"]) if kind == "target" else (
                (record["account_id"], record["key"]) if kind == "dismissal" else record["id"])
            out[(kind, sync_base.key_text(key))] = base_data(kind, row)
    return out


def _read_back(ws) -> dict[tuple[str, str], dict]:
    out = {}
    for kind in {k for k, _key, _d in _stored(ws)}:
        keys = [key for k, key, _d in _stored(ws) if k == kind]
        for key, (data, _conflict) in sync_base.bases(ws.conn, kind, keys).items():
            out[(kind, key)] = data
    return out


def test_the_arrays_follow_the_models_columns():
    assert set(sync_base.ARRAY_COLUMNS) == set(rows.COLUMNS)
    for kind, columns in rows.COLUMNS.items():
        assert sync_base.ARRAY_COLUMNS[kind] == tuple(c for c in columns if c != "version"), kind


def test_an_export_stores_arrays_that_read_back_as_its_bases(demo_ws, tmp_path):
    ctx = Context(demo_ws, today=TODAY, user="tester")
    export.export_accounts(ctx, export.all_account_ids(ctx), tmp_path / "out", with_workspace=True)
    stored = _stored(demo_ws)
    kinds = {kind for kind, _key, _data in stored}
    assert {"account", "person", "activity", "member", "settings"} <= kinds
    for kind, key, data in stored:
        # the compact form wherever the kind has one; the settings' base stays an object
        assert data.startswith("[") == (kind in sync_base.ARRAY_COLUMNS), (kind, key, data[:40])
    read = _read_back(demo_ws)
    current = _current_bases(demo_ws)
    compared = [k for k in read if k in current]
    assert len(compared) > 100
    for k in compared:
        assert read[k] == current[k], k


def test_a_bulk_import_stores_the_same_bases_as_arrays(demo_ws, empty_ws, tmp_path, monkeypatch):
    built_by_sqlite = []
    real = sync_base.put_from_table
    monkeypatch.setattr(sync_base, "put_from_table", lambda db, kind, *a: built_by_sqlite.append(kind) or real(db, kind, *a))
    ctx = Context(demo_ws, today=TODAY, user="tester")
    export.export_accounts(ctx, export.all_account_ids(ctx), tmp_path / "out", with_workspace=True,
                           include_private=True)
    into = Context(empty_ws, today=TODAY, user="tester")
    done = import_.import_path(into, tmp_path / "out")
    assert done.written > 100 and not done.skipped
    assert {"person", "activity"} <= set(built_by_sqlite)
    stored = _stored(empty_ws)
    assert all(data.startswith("[") for kind, _key, data in stored if kind in sync_base.ARRAY_COLUMNS)
    read = _read_back(empty_ws)
    current = _current_bases(empty_ws)
    compared = [k for k in read if k in current]
    assert len(compared) > 100
    for k in compared:
        assert read[k] == current[k], k


def test_bases_stored_as_objects_read_as_they_were(demo_ws, tmp_path):
    ctx = Context(demo_ws, today=TODAY, user="tester")
    export.export_accounts(ctx, export.all_account_ids(ctx), tmp_path / "out")
    before = _read_back(demo_ws)
    # as a kamtui before the arrays stored them
    with demo_ws.conn:
        demo_ws.conn.executemany("UPDATE sync_base SET data = ? WHERE kind = ? AND key = ?",
                                 [(json.dumps(data, ensure_ascii=False), kind, key)
                                  for (kind, key), data in before.items()])
    assert all(data.startswith("{") for _kind, _key, data in _stored(demo_ws))
    assert _read_back(demo_ws) == before


def test_other_columns_are_stored_as_an_object():
    person = dict.fromkeys(sync_base.ARRAY_COLUMNS["person"], "x")
    assert sync_base.encode("person", person).startswith("[")
    assert sync_base.decode("person", sync_base.encode("person", person)) == person
    for other in ({k: v for k, v in person.items() if k != "title"},  # a column fewer
                  {**person, "extra": 1},  # one more
                  dict(reversed(person.items()))):  # another order
        text = sync_base.encode("person", other)
        assert text.startswith("{")
        assert sync_base.decode("person", text) == other
    assert sync_base.encode("settings", {"a": 1}) == '{"a": 1}'
