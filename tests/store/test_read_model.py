"""One read model per table: for random records of every table (values drawn from each model
field's own type and constraints, so a new field is drawn too), written through the write
helper and read back both ways, every model field of the light row equals the model's.

Also: the declared columns are the table's columns in the workspace, every read of a table
selects them, and a value this kamtui does not know is one sentence, not a traceback.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import typing
from enum import Enum
from types import UnionType

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from kamtui.domain.models import Account, Competitor, Department, Person, TeamMember
from kamtui.domain.ordering import sort_key
from kamtui.errors import WorkspaceError
from kamtui.store import Workspace, write
from kamtui.store.tables import TABLES, LightRow

TODAY = dt.date(2026, 11, 26)
# What other records a reference field may name (the workspace holds these before each table's run).
SCAFFOLD = {"account_id": ["acc1"], "owner_id": ["mem1", "mem2"], "department_id": ["dep1", "dep2"],
            "parent_id": ["dep1", "dep2"], "target_department_id": ["dep1", "dep2"],
            "reports_to_id": ["per1", "per2"], "from_id": ["per1"], "to_id": ["per2"],
            "person_id": ["per1", "per2"], "target_person_ids": ["per1", "per2"],
            "leaning_competitor_id": ["com1", "com2"]}
TEXT = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.lists(st.sampled_from(list("aZ 中文\U0001F600[]{}\"'\\\n\t#=.-_|*<>&~`$%") + ["\x1b[31m", "\u202e", "\x00"]),
             max_size=20).map("".join),
)


def _scaffold(ws: Workspace) -> None:
    with write(ws, who="t") as tx:
        tx.insert_many([
            TeamMember(id="mem1", name="Ann"), TeamMember(id="mem2", name="Bo", archived=True),
            Account(id="acc1", name="Acme"),
            Competitor(id="com1", account_id="acc1", name="Rival"), Competitor(id="com2", account_id="acc1", name="R2"),
            Department(id="dep1", account_id="acc1", name="Sales"),
            Department(id="dep2", account_id="acc1", name="IT", parent_id="dep1"),
            Person(id="per1", account_id="acc1", name="Li"), Person(id="per2", account_id="acc1", name="Wang"),
        ])


def _parts(annotation: typing.Any) -> tuple[typing.Any, list, bool]:
    """(the bare type, its constraints, whether None is allowed)."""
    constraints: list = []
    nullable = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            for e in extra:
                constraints += e.metadata if isinstance(e, FieldInfo) else [e]
        elif origin in (typing.Union, UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            nullable = nullable or len(args) < len(typing.get_args(annotation))
            assert len(args) == 1, annotation
            annotation = args[0]
        else:
            return annotation, constraints, nullable


def values(annotation: typing.Any, constraints: list, name: str) -> st.SearchStrategy:
    """Values a field of this type and these constraints may hold (some the model refuses:
    those examples are dropped)."""
    kind, more, nullable = _parts(annotation)
    constraints = [*constraints, *more]
    bound = {type(c).__name__: c for c in constraints}
    pattern = next((getattr(c, "pattern", None) for c in constraints if getattr(c, "pattern", None)), None)
    origin = typing.get_origin(kind)
    if name in SCAFFOLD and origin is not list:
        found: st.SearchStrategy = st.sampled_from(SCAFFOLD[name])
    elif origin is list:
        if name in SCAFFOLD:
            found = st.lists(st.sampled_from(SCAFFOLD[name]), unique=True, max_size=2)
        else:
            found = st.lists(values(typing.get_args(kind)[0], [], name), max_size=3)
    elif origin is dict:
        key, value = typing.get_args(kind)
        found = st.dictionaries(values(key, [], name), values(value, [], name), max_size=4)
    elif isinstance(kind, type) and issubclass(kind, BaseModel):
        found = models(kind)
    elif isinstance(kind, type) and issubclass(kind, Enum):
        found = st.sampled_from(list(kind))
    elif kind is bool:
        found = st.booleans()
    elif kind is dt.date:
        found = st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31))
    elif kind is int:
        found = st.integers(getattr(bound.get("Ge"), "ge", -5), getattr(bound.get("Le"), "le", 10**6))
    elif kind is float:
        found = st.floats(getattr(bound.get("Ge"), "ge", -1e6), getattr(bound.get("Le"), "le", 1e6),
                          allow_nan=False, allow_infinity=False)
    elif kind is str and name == "id":
        found = st.from_regex(re.compile(r"[A-Za-z0-9_-]{1,20}"), fullmatch=True).map(lambda s: "r" + s)
    elif kind is str and pattern:
        found = st.from_regex(re.compile(pattern), fullmatch=True)
        if "MaxLen" in bound:
            found = found.filter(lambda s, n=bound["MaxLen"].max_length: len(s) <= n)
    elif kind is str:
        found = TEXT
    else:
        raise AssertionError(f"no strategy for {name}: {annotation!r}")
    return st.one_of(st.none(), found) if nullable else found


def models(cls: type[BaseModel]) -> st.SearchStrategy:
    fields = {name: values(info.annotation, info.metadata, name) for name, info in cls.model_fields.items()}

    @st.composite
    def build(draw):
        data = {name: draw(s) for name, s in fields.items()}
        try:
            return cls.model_validate(data)
        except ValidationError:
            assume(False)
    return build()


def _traits(row: LightRow) -> list[str]:
    return [n for b in type(row).__mro__ if b not in (LightRow, tuple, object) and b.__name__ != type(row).__name__
            for n in vars(b) if not n.startswith("_")]


@pytest.mark.parametrize("name", sorted(TABLES))
def test_the_light_row_equals_the_model_for_random_records(tmp_path, name):
    table = TABLES[name]
    ws = Workspace.create(tmp_path / "ws.sqlite")
    _scaffold(ws)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much,
                                                                     HealthCheck.too_slow])
    @given(record=models(table.model))
    def check(record):
        key = table.key_of(record)
        assume(table.stored(ws.db, key) is None)  # (a scaffold record's key)
        with write(ws, who="t") as tx:
            tx.insert(record)
        try:
            compare(record, key)
        finally:  # the next example may draw the same key
            with write(ws, who="t") as tx:
                tx.delete(record)

    def compare(record, key):
        where = " AND ".join(f"{c} = ?" for c in key)
        [model] = table.models(ws.db, where, list(key.values()))
        [row] = table.rows(ws.conn, where, list(key.values()))
        assert model == record
        for f in table.model.model_fields:  # every field, so a new one cannot be missed
            light, validated = getattr(row, f), getattr(model, f)
            assert light == validated and type(light) is type(validated), f
        assert row.model() == model
        for trait in _traits(row):  # what the model and the row share (is_key, is_overdue …)
            mine, theirs = getattr(row, trait), getattr(model, trait)
            if callable(mine) and inspect.signature(mine).parameters:  # asked of a day
                for day in (TODAY, dt.date(1990, 1, 1), dt.date(2100, 1, 1)):
                    assert mine(day) == theirs(day), trait
            elif callable(mine):
                assert mine() == theirs(), trait
            else:
                assert mine == theirs, trait

    try:
        check()
    finally:
        ws.close()


@pytest.mark.parametrize("name", sorted(TABLES))
def test_reads_and_code_list_records_in_the_one_list_order(tmp_path, name):
    """The ORDER BY of every read and `ordering.sort_key` (what code that sorts records in
    memory uses) come from the one list order of kamtui.domain.ordering: they agree."""
    table = TABLES[name]
    ws = Workspace.create(tmp_path / "ws.sqlite")
    _scaffold(ws)

    def key(record) -> tuple:
        return tuple(table.key_of(record).values())

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.filter_too_much,
                                                                     HealthCheck.too_slow])
    @given(records=st.lists(models(table.model), min_size=2, max_size=6, unique_by=key))
    def check(records):
        assume(all(table.stored(ws.db, table.key_of(r)) is None for r in records))
        with write(ws, who="t") as tx:
            for r in records:
                tx.insert(r)
        try:
            where = " OR ".join("(" + " AND ".join(f"{c} = ?" for c in table.key_of(r)) + ")" for r in records)
            params = [v for r in records for v in key(r)]
            read = [key(m) for m in table.models(ws.db, where, params)]
            assert read == [key(r) for r in sorted(records, key=sort_key(table.kind))]
            assert [key(m) for m in table.rows(ws.conn, where, params)] == read
        finally:
            with write(ws, who="t") as tx:
                for r in records:
                    tx.delete(r)

    try:
        check()
    finally:
        ws.close()


def test_the_declared_columns_are_the_workspaces(ws):
    stored = {r[0] for r in ws.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for name, table in TABLES.items():
        columns = [r[1] for r in ws.conn.execute(f"PRAGMA table_info({name})")]
        # (same columns, not the same order: a migration adds its columns at the end, where the
        # model may list them earlier; every read and write names its columns)
        assert sorted(table.columns) == sorted(columns) and len(set(columns)) == len(columns), name
    # every table of records has its model (the others: settings and the team's tier criteria,
    # the log, caches, indexes)
    assert stored - set(TABLES) <= {"settings", "tier_criteria", "audit", "account_summary", "assessment_point",
                                    "activity_done", "execution_month",
                                    "draft", "preference",
                                    "sync_base", "workspace_option",
                                    "_sqlite_migrations", "sqlite_sequence"} | {n for n in stored if n.startswith("search")}


def test_every_read_selects_the_declared_columns():
    for table in TABLES.values():
        assert table.select().startswith(f"SELECT {', '.join(table.columns)} FROM {table.name} ")
        assert "*" not in table.select()


def test_the_leaning_a_competitor_implies_is_read_the_same_both_ways(ws):
    """A row another program wrote names a competitor without saying the leaning is known:
    both reads say it is (the one rule, kamtui.domain.leaning)."""
    _scaffold(ws)
    ws.conn.execute("UPDATE person SET leaning_known = 0, leaning_competitor_id = 'com1' WHERE id = 'per1'")
    person = TABLES["person"]
    [row] = person.rows(ws.conn, "id = 'per1'")
    [model] = person.models(ws.conn, "id = 'per1'")
    assert row.leaning_known is True and model.leaning_known is True


@pytest.mark.parametrize("table,column,value", [
    ("account", "tier", "Z"), ("person", "attitude", "besotted"), ("activity", "status", "snoozed"),
    ("department", "importance", 7), ("competitor", "position", "absent"),
])
def test_a_value_this_kamtui_does_not_know_is_one_sentence(ws, table, column, value):
    _scaffold(ws)
    if table == "activity":
        with write(ws, who="t") as tx:
            tx.insert(TABLES["activity"].model.model_validate(
                {"id": "act1", "account_id": "acc1", "type": "gift", "scope": "surface", "layer": "key"}))
    ws.conn.execute(f"UPDATE {table} SET {column} = ?", [value])
    t = TABLES[table]
    with pytest.raises(WorkspaceError) as err:
        t.models(ws.conn)
    said = str(err.value)
    assert f"({table}.{column} = {value!r})" in said and "upgrade kamtui or fix the value" in said
    if any(c.column == column and c.kind == "enum" for c in t.codecs):
        with pytest.raises(WorkspaceError) as err:
            t.rows(ws.conn)
        assert f"({table}.{column} = {value!r})" in str(err.value)
