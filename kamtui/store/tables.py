"""How each domain model maps to a table: the one place that knows columns and their encodings.

A `Table` names its model; everything else comes from the model's fields: the columns (one a
field, in the model's order), how each is stored (booleans as 0/1, dates as ISO text, enums
by value, lists, dicts and nested models as JSON), the validating read (`model_of`), the
write encoding (`encode`, `to_row`), and a light row class (`row`) for reads that must be cheap.

A light row is the tuple SQLite returns, with a property per model field decoding its column
on access (enums from their values, 0/1 to booleans, ISO dates, JSON): one small object per
record and no validation, where a model costs ten times as much (a 2,000-person map, a
1,000-activity planner). Only fields holding nested models go through pydantic, when read.
Rows were validated when written; a read checks only that each enum column holds values
this kamtui knows (`light`), so that a value written by a newer kamtui is one sentence, not
a traceback (`unknown_value`). A test holds every field of the light row equal to the
model's, for random records of every table.

The model is loaded on first use: importing this module loads no pydantic (the portfolio's
first read needs none).
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from importlib import import_module
from operator import itemgetter
from typing import Any, TypeVar

from kamtui.domain import leaning
from kamtui.domain.ordering import LAST_WHEN_MISSING, LIST_ORDER
from kamtui.errors import NotFoundError, WorkspaceError, entity_name

E = TypeVar("E", bound=Enum)


def unknown_value(table: str, column: str, value: object) -> WorkspaceError:
    """The one sentence for a stored value this kamtui cannot read (a newer kamtui's enum
    value, a script's out-of-range number)."""
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return WorkspaceError("workspace.unknown_value", table=table, column=column, value=shown)


def enum_of(cls: type[E], table: str, column: str, value: Any) -> E:
    """A stored enum value as its member (the error above for one this kamtui does not know)."""
    try:
        return cls(value)
    except ValueError:
        raise unknown_value(table, column, value) from None


class LightRow(tuple):
    """The base of every generated light row (see the module's docstring)."""

    __slots__ = ()
    _table: "Table"

    def model(self) -> Any:
        """The validated model of the same record (what services that write take)."""
        return self._table.model_of(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self[0]!r})"


@dataclass(frozen=True, eq=False)
class Codec:
    """How one field is stored: `kind` raw | bool | date | enum | json | model."""

    field: str
    column: str
    index: int
    kind: str
    nullable: bool
    enum: type[Enum] | None = None
    annotation: Any = None


@dataclass(frozen=True, eq=False)
class Table:
    name: str
    kind: str  # the model's class name in kamtui.domain.models
    pk: tuple[str, ...] = ("id",)
    column_map: dict[str, str] = field(default_factory=dict)  # model field -> column
    # A field read from several columns through a domain rule (the model's validator says the
    # same): field -> (the fields passed, in order; the rule).
    derived: dict[str, tuple[tuple[str, ...], Callable[..., Any]]] = field(default_factory=dict)

    # -- what the model says ---------------------------------------------------------
    @cached_property
    def model(self) -> Any:
        return getattr(import_module("kamtui.domain.models"), self.kind)

    @cached_property
    def fields(self) -> list[str]:
        return list(self.model.model_fields)

    @cached_property
    def columns(self) -> list[str]:
        return [self.col(f) for f in self.fields]

    def col(self, f: str) -> str:
        return self.column_map.get(f, f)

    @cached_property
    def codecs(self) -> list[Codec]:
        return [_codec(self, i, f, info.annotation) for i, (f, info) in enumerate(self.model.model_fields.items())]

    # -- SQL -------------------------------------------------------------------------
    def column_list(self, alias: str = "") -> str:
        prefix = f"{alias}." if alias else ""
        return ", ".join(prefix + c for c in self.columns)

    def order_by(self, alias: str = "") -> str:
        """The kind's list order (kamtui.domain.ordering) as an ORDER BY list."""
        prefix = f"{alias}." if alias else ""
        missing_last = LAST_WHEN_MISSING.get(self.kind, frozenset())
        out = []
        for f in LIST_ORDER[self.kind]:
            if f in missing_last:
                out.append(f"{prefix}{self.col(f)} IS NULL")
            out.append(prefix + self.col(f))
        return ", ".join(out)

    def select(self, where: str = "", order: str | None = None) -> str:
        sql = f"SELECT {self.column_list()} FROM {self.name}"
        if where:
            sql += f" WHERE {where}"
        return sql + f" ORDER BY {order or self.order_by()}"

    # -- reading ---------------------------------------------------------------------
    def models(self, db: Any, where: str = "", params: Any = (), order: str | None = None) -> list[Any]:
        """The table's records as validated models (db: sqlite3 or sqlite-utils alike)."""
        return [self.model_of(r) for r in db.execute(self.select(where, order), params)]

    def rows(self, db: Any, where: str = "", params: Any = (), order: str | None = None) -> list[Any]:
        """The table's records as light rows."""
        return self.light(db.execute(self.select(where, order), params).fetchall())

    def get(self, db: Any, id: str) -> Any:
        found = self.models(db, "id = ?", [id])
        if not found:
            raise NotFoundError("record.no_such", entity=entity_name(self.name), id=id)
        return found[0]

    def stored(self, db: Any, key: dict[str, Any]) -> tuple | None:
        """The row under `key` as stored (columns in `columns` order), or None."""
        where = " AND ".join(f"{k} = ?" for k in key)
        return db.execute(f"SELECT {self.column_list()} FROM {self.name} WHERE {where}",
                          list(key.values())).fetchone()

    def model_of(self, values: Iterable[Any]) -> Any:
        """The validated model of a stored row (its values in `columns` order)."""
        values = tuple(values)
        data = {}
        for c, v in zip(self.codecs, values):
            if v is not None and c.kind in ("json", "model"):
                try:
                    v = json.loads(v)
                except ValueError:
                    raise unknown_value(self.name, c.column, v) from None
            elif c.kind == "bool":
                v = bool(v)
            data[c.field] = v
        from pydantic import ValidationError

        try:
            return self.model.model_validate(data)
        except ValidationError as exc:
            raise self._refused(exc, values) from None

    def _refused(self, exc: Any, values: tuple) -> WorkspaceError:
        err = exc.errors()[0]
        loc = err.get("loc") or ("",)
        # a model's own check has no location: its message starts with the field it names
        f = loc[0] if loc[0] in self.fields else next(
            (f for f in self.fields if f"{f}:" in err.get("msg", "")), self.fields[0])
        return unknown_value(self.name, self.col(f), values[self.fields.index(f)])

    @cached_property
    def row(self) -> type[LightRow]:
        return _row_class(self)

    @cached_property
    def _enum_checks(self) -> list[tuple[int, str, frozenset]]:
        return [(c.index, c.column, frozenset(m.value for m in c.enum) | ({None} if c.nullable else set()))
                for c in self.codecs if c.kind == "enum"]

    def light(self, values: list[tuple]) -> list[Any]:
        """Stored rows (tuples in `columns` order) as light rows, after checking that every
        enum column holds values this kamtui knows."""
        for i, column, known in self._enum_checks:
            bad = {r[i] for r in values} - known
            if bad:
                raise unknown_value(self.name, column, sorted(bad, key=str)[0])
        cls, new = self.row, tuple.__new__
        return [new(cls, r) for r in values]

    # -- writing ---------------------------------------------------------------------
    @cached_property
    def encode(self) -> Callable[[Any], tuple]:
        """A record as the stored row's values (in `columns` order): the field lookups done
        once per table, not per record (the bulk import encodes a million this way)."""
        json_ix = tuple(c.index for c in self.codecs if c.kind in ("json", "model"))
        bool_ix = tuple(c.index for c in self.codecs if c.kind == "bool")
        dump = self.model.__pydantic_serializer__.to_python
        dumps = json.dumps

        def encode(obj: Any) -> tuple:
            values = list(dump(obj, mode="json").values())
            for i in json_ix:
                v = values[i]
                if v is not None:
                    values[i] = "[]" if v == [] else dumps(v, ensure_ascii=False, sort_keys=True)
            for i in bool_ix:
                values[i] = int(bool(values[i]))
            return tuple(values)
        return encode

    def to_row(self, obj: Any) -> dict[str, Any]:
        return dict(zip(self.columns, self.encode(obj)))

    def key_of(self, obj: Any) -> dict[str, Any]:
        return {self.col(k): _plain(getattr(obj, k)) for k in self.pk}


def _plain(v: Any) -> Any:
    if isinstance(v, Enum):
        return v.value
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def _codec(table: Table, index: int, name: str, annotation: Any) -> Codec:
    from pydantic import BaseModel

    inner, nullable = _unwrap(annotation)
    origin = typing.get_origin(inner)
    column = table.col(name)
    if origin in (list, dict) or (isinstance(inner, type) and issubclass(inner, BaseModel)):
        plain = origin is list and _unwrap(typing.get_args(inner)[0])[0] is str
        return Codec(name, column, index, "json" if plain else "model", nullable, annotation=annotation)
    if inner is bool:
        return Codec(name, column, index, "bool", nullable)
    if inner is dt.date:
        return Codec(name, column, index, "date", nullable)
    if isinstance(inner, type) and issubclass(inner, Enum):
        return Codec(name, column, index, "enum", nullable, enum=inner)
    if inner in (str, int, float):
        return Codec(name, column, index, "raw", nullable)
    raise TypeError(f"{table.kind}.{name}: no stored encoding for {annotation!r}")


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(the type without Annotated metadata and None, whether None is allowed)."""
    nullable = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            nullable = nullable or len(args) < len(typing.get_args(annotation))
            if len(args) != 1:
                return annotation, nullable
            annotation = args[0]
        else:
            return annotation, nullable


def _row_class(table: Table) -> type[LightRow]:
    from pydantic import BaseModel, TypeAdapter, ValidationError

    ns: dict[str, Any] = {"__slots__": (), "_table": table, "_fields": tuple(table.fields)}
    at = {c.field: c.index for c in table.codecs}
    for c in table.codecs:
        ns[c.field] = property(_getter(table, c, TypeAdapter, ValidationError), doc=f"{table.kind}.{c.field}")
    for name, (args, rule) in table.derived.items():
        ix = tuple(at[a] for a in args)
        ns[name] = property(lambda self, ix=ix, rule=rule: rule(*(self[i] for i in ix)))
    traits = tuple(b for b in table.model.__bases__ if not issubclass(b, BaseModel))
    return type(f"{table.kind}Row", (*traits, LightRow), ns)


def _getter(table: Table, c: Codec, adapter_cls: Any, invalid: type[Exception]) -> Callable[[tuple], Any]:
    i = c.index
    if c.kind == "raw":
        return itemgetter(i)
    if c.kind == "bool":
        return lambda self: bool(self[i])
    if c.kind == "date":
        day = dt.date.fromisoformat
        return lambda self: None if self[i] is None else day(self[i])
    if c.kind == "enum":
        members = {m.value: m for m in c.enum}  # type: ignore[union-attr]
        if c.nullable:
            members[None] = None  # type: ignore[index]
        return lambda self: members[self[i]]
    if c.kind == "json":
        loads = json.loads
        return lambda self: None if self[i] is None else ([] if self[i] == "[]" else loads(self[i]))
    adapter = adapter_cls(c.annotation)

    def decoded(self: tuple) -> Any:
        raw = self[i]
        try:
            return adapter.validate_python(None if raw is None else json.loads(raw))
        except (ValueError, invalid):
            raise unknown_value(table.name, c.column, raw) from None
    return decoded


TABLES: dict[str, Table] = {t.name: t for t in [
    Table("team_member", "TeamMember"),
    Table("account", "Account"),
    Table("competitor", "Competitor"),
    Table("department", "Department"),
    Table("person", "Person",
          derived={"leaning_known": (("leaning_known", "leaning_competitor_id"), leaning.assessed)}),
    Table("person_link", "PersonLink"),
    Table("assessment", "Assessment"),
    Table("layer_target", "LayerTarget", pk=("account_id", "layer"), column_map={"index": "target_index"}),
    Table("activity", "Activity"),
    Table("pitfall_dismissal", "PitfallDismissal", pk=("account_id", "key")),
]}
_BY_KIND = {t.kind: t for t in TABLES.values()}

ACCOUNT, MEMBER, COMPETITOR = TABLES["account"], TABLES["team_member"], TABLES["competitor"]
DEPARTMENT, PERSON, LINK = TABLES["department"], TABLES["person"], TABLES["person_link"]
ASSESSMENT, TARGET, ACTIVITY = TABLES["assessment"], TABLES["layer_target"], TABLES["activity"]
DISMISSAL = TABLES["pitfall_dismissal"]


def table_for(obj_or_cls: Any) -> Table:
    """The table of a model class or record (KeyError: not a stored kind)."""
    cls = obj_or_cls if isinstance(obj_or_cls, type) else type(obj_or_cls)
    table = _BY_KIND[cls.__name__]
    if table.model is not cls:
        raise KeyError(cls)
    return table


def identity(record: Any) -> tuple[str, str]:
    """("person", "<id>"), ("layer target", "<account>:<layer>"), ("settings", "1"): the
    names `Tx.update` / `Tx.save_settings` give the record in a ConflictError."""
    if type(record).__name__ == "Settings":
        return "settings", "1"
    try:
        table = table_for(record)
    except KeyError:
        return type(record).__name__, ""
    key = table.key_of(record)
    return table.name.replace("_", " "), ":".join(str(v) for v in key.values())
