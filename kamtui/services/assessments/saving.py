"""Saving an assessment: the people, departments and targets the session changed are merged
field by field against the values it started from."""

from __future__ import annotations

from typing import Any

from kamtui.domain.models import LayerTarget
from kamtui.services import people
from kamtui.services.assessments.draft import (
    PERSON_FIELDS, DraftData, TargetEntry, stored_target_values, target_values,
)
from kamtui.services.context import build
from kamtui.store import assessments
from kamtui.store.tables import DEPARTMENT, PERSON


def merge(tx: Any, account_id: str, data: DraftData, started: DraftData) -> list[tuple[str, str]]:
    """Write what `data` changed against `started`; returns the (whose name / layer, field)
    pairs someone else changed meanwhile too (this session's values are written all the same:
    the caller rolls back unless the user chose to keep them)."""
    conflicts: list[tuple[str, str]] = []

    def merge_fields(current: Any, mine: dict[str, Any], base: dict[str, Any], who: str) -> dict[str, Any]:
        out = {}
        for f, value in mine.items():
            if value == base.get(f):
                continue
            stored = getattr(current, f) if current is not None else None
            if stored != base.get(f) and stored != value:
                conflicts.append((who, f))
            out[f] = value
        return out

    base_people = {e.person_id: e for e in started.people}
    for e in data.people:
        b = base_people.get(e.person_id)
        if b is None or b == e:
            continue
        current = PERSON.get(tx.db, e.person_id)
        fields = merge_fields(current, {PERSON_FIELDS[k]: getattr(e, k) for k in PERSON_FIELDS},
                              {PERSON_FIELDS[k]: getattr(b, k) for k in PERSON_FIELDS}, current.name)
        if fields:
            people.update_in(tx, current, fields, base_version=current.version)
    base_depts = {e.department_id: e for e in started.departments}
    for e in data.departments:
        b = base_depts.get(e.department_id)
        if b is None or b.importance == e.importance:
            continue
        current = DEPARTMENT.get(tx.db, e.department_id)
        fields = merge_fields(current, {"importance": e.importance}, {"importance": b.importance}, current.name)
        if fields:
            people.update_in(tx, current, fields, base_version=current.version)
    stored_targets = {t.layer: t for t in assessments.targets(tx.db, account_id)}
    for layer, entry in data.targets.items():
        mine, base = target_values(entry), target_values(started.targets.get(layer, TargetEntry()))
        current = stored_targets.get(layer)
        fields = merge_fields(current, mine, base, layer.label("en"))
        if not fields:
            continue
        values = {**(stored_target_values(current) if current else base), **fields}
        if current is None and not any(v is not None for v in values.values()):
            continue
        notes = current.notes if current else entry.notes
        target = build(LayerTarget, {"account_id": account_id, "layer": layer,
                                     "notes": notes, **values})
        tx.upsert(target)
    return conflicts
