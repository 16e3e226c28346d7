"""How each domain model maps to a table row: the one place that knows column encodings."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pydantic import BaseModel

from kamtui.domain.models import (
    Account, Activity, Assessment, Competitor, Department, LayerTarget, Person, PersonLink,
    PitfallDismissal, TeamMember,
)


@dataclass(frozen=True)
class Table:
    name: str
    model: type[BaseModel]
    pk: tuple[str, ...] = ("id",)
    json_fields: frozenset[str] = field(default_factory=frozenset)
    bool_fields: frozenset[str] = field(default_factory=frozenset)
    column_map: dict[str, str] = field(default_factory=dict)  # model field -> column

    @property
    def fields(self) -> list[str]:
        return list(self.model.model_fields)

    def col(self, f: str) -> str:
        return self.column_map.get(f, f)

    def to_row(self, obj: BaseModel) -> dict[str, Any]:
        data = obj.model_dump(mode="json")
        row = {}
        for f, v in data.items():
            if f in self.json_fields:
                v = json.dumps(v, ensure_ascii=False, sort_keys=True) if v is not None else None
            elif f in self.bool_fields:
                v = int(bool(v))
            row[self.col(f)] = v
        return row

    def from_row(self, row: dict[str, Any]) -> Any:
        data = {}
        for f in self.fields:
            v = row[self.col(f)]
            if f in self.json_fields and v is not None:
                v = json.loads(v)
            elif f in self.bool_fields:
                v = bool(v)
            data[f] = v
        return self.model.model_validate(data)

    def key_of(self, obj: BaseModel) -> dict[str, Any]:
        return {self.col(k): _plain(getattr(obj, k)) for k in self.pk}


def _plain(v: Any) -> Any:
    if isinstance(v, Enum):
        return v.value
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


TABLES: dict[type[BaseModel], Table] = {
    t.model: t
    for t in [
        Table("team_member", TeamMember, bool_fields=frozenset({"archived"})),
        Table("account", Account, bool_fields=frozenset({"archived"})),
        Table("competitor", Competitor),
        Table("department", Department, bool_fields=frozenset({"archived"})),
        Table(
            "person", Person,
            bool_fields=frozenset({"executive", "hidden_decision_maker", "rising_star",
                                   "leaning_known", "archived"}),
        ),
        Table("person_link", PersonLink),
        Table("assessment", Assessment, json_fields=frozenset({"org", "evidence", "people", "departments"})),
        Table("layer_target", LayerTarget, pk=("account_id", "layer"), column_map={"index": "target_index"}),
        Table(
            "activity", Activity,
            json_fields=frozenset({"target_person_ids", "approval"}),
            bool_fields=frozenset({"compliance_reviewed", "archived"}),
        ),
        Table("pitfall_dismissal", PitfallDismissal, pk=("account_id", "key")),
    ]
}

BY_NAME: dict[str, Table] = {t.name: t for t in TABLES.values()}


def table_for(obj_or_cls: BaseModel | type[BaseModel]) -> Table:
    cls = obj_or_cls if isinstance(obj_or_cls, type) else type(obj_or_cls)
    return TABLES[cls]
