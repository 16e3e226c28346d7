"""One record of an import, decided three ways: the file, the workspace, and the last synced
state of the record (its base, `store.sync_base`).

- the file equals the workspace: nothing to do;
- the file equals the base: only the workspace changed since, and it stays as it is;
- the workspace equals the base: only the file changed, and the workspace takes it;
- both changed: their fields merge (`domain.merge`); only a field both changed differently
  is a conflict, which stops the record (or is decided by the import's `resolve` option).

Where no base is known (a workspace that never exchanged this record through a file), the
previous format's rule stands in: a file whose record carries the version the workspace
holds (files of the previous format wrote it; current files carry none, read as 0) was made
from the workspace's record, which is then the base; otherwise every differing field is a
conflict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Union

from kamtui.domain.merge import MISSING, flatten, merge, resolve, same, unflatten
from kamtui.domain.plan_merge import equal_records
from kamtui.services.plans.results import FieldConflict
from kamtui.services.plans.rows import COLUMNS, INDEX, MODEL, model_of, row_of
from kamtui.services.sync import record_values


def values_of(kind: str, row: tuple) -> dict[str, Any]:
    return record_values(model_of(kind, row))


def base_data(kind: str, row: tuple) -> dict[str, Any]:
    """A row as its base is stored: its columns without `version`."""
    return {c: v for c, v in zip(COLUMNS[kind], row) if c != "version"}


def base_values(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    row = tuple(0 if c == "version" else data.get(c) for c in COLUMNS[kind])
    return values_of(kind, row)


def with_version(kind: str, values: dict[str, Any], version: int) -> tuple:
    """Merged values as a row to save over the stored `version`."""
    return row_of(kind, MODEL[kind].model_validate({**values, "version": version}))


# How conflicting fields are met: "" stops the record, "file" takes the file's values,
# "workspace" keeps the workspace's; or one of those per conflicting field's path (a person's
# choice in the app), where a field left out stops the record.
Resolve = Union[str, Mapping[str, str]]


def side_of(resolve_as: Resolve, path: str) -> str:
    return resolve_as if isinstance(resolve_as, str) else resolve_as.get(path, "")


def resolution_of(resolve_as: Resolve, paths: list[str]) -> str:
    """"" (the record stops), "file", "workspace", or "chosen" (field by field, both sides)."""
    sides = {side_of(resolve_as, p) for p in paths}
    if not sides or "" in sides or not sides <= {"file", "workspace"}:
        return ""
    return sides.pop() if len(sides) == 1 else "chosen"


@dataclass
class Outcome:
    action: str  # "unchanged" (nothing to write), "update", "conflict"
    values: dict[str, Any] | None = None  # what to save (update)
    fields: tuple[FieldConflict, ...] = ()
    resolution: str = ""  # a conflict decided: "file" / "workspace" / "chosen" (see resolution_of)


def _show(value: Any) -> Any:
    return None if value is MISSING else value


def decide(base: dict[str, Any] | None, mine: dict[str, Any], theirs: dict[str, Any], resolve_as: Resolve) -> Outcome:
    """The file's values (`theirs`) against the workspace's (`mine`) since the base (None:
    unknown); `resolve_as` decides conflicting fields (see `Resolve`) or stops them."""
    if equal_records(theirs, mine) or (base is not None and equal_records(theirs, base)):
        return Outcome("unchanged")
    if base is not None and equal_records(mine, base):
        return Outcome("update", theirs)
    merged, paths = merge(base, mine, theirs)
    if not paths:
        return Outcome("update", merged)
    fb, fm, ft = flatten(base), flatten(mine), flatten(theirs)
    fields = tuple(FieldConflict(p, _show(fb.get(p, MISSING)), _show(fm.get(p, MISSING)),
                                 _show(ft.get(p, MISSING))) for p in paths)
    resolution = resolution_of(resolve_as, paths)
    if not resolution:
        return Outcome("conflict", None, fields)
    pinned = {p: (ft if side_of(resolve_as, p) == "file" else fm).get(p, MISSING) for p in paths}
    values = resolve(base, mine, theirs, pinned=pinned)
    return Outcome("unchanged" if equal_records(values, mine) else "update", values, fields, resolution)


def decide_rows(kind: str, file_row: tuple, stored: tuple, base: dict[str, Any] | None,
                resolve_as: Resolve) -> Outcome:
    """`decide` for rows (the file's private fields already filled from the workspace where the
    file has none) and the base's stored columns; the previous format's rule where no base is known."""
    v = INDEX[kind]["version"]
    if base is None and file_row[v] == stored[v]:
        base = base_data(kind, stored)  # (see the module doc)
    b = base_values(kind, base) if base is not None else None
    return decide(b, values_of(kind, stored), values_of(kind, file_row), resolve_as)


def decide_recorded(base: dict[str, Any] | None, mine: dict[str, Any], theirs: dict[str, Any],
                    entries: list[dict], resolve_as: Resolve) -> Outcome:
    """A record the file itself marks as conflicting (`[[conflicts]]` of a merge): each entry's
    field holds two values; the workspace's is the one it has, the file's the other. The
    record stops whole until decided; decided, the file's other changes merge as usual and
    each entry's field takes the side chosen."""
    flat = flatten(mine)
    fields, chosen = [], {}
    for e in entries:
        path = e["field"]
        have = flat.get(path, MISSING)
        ours, theirs_v = e.get("ours", MISSING), e.get("theirs", MISSING)
        other = theirs_v if same(have, ours) else ours
        # the value both sides last agreed on, where the merge that wrote the entry knew it
        fields.append(FieldConflict(path, _show(e["base"]) if "base" in e else None, _show(have), _show(other)))
        chosen[path] = other if side_of(resolve_as, path) == "file" else have
    resolution = resolution_of(resolve_as, [f.path for f in fields])
    if not resolution:
        return Outcome("conflict", None, tuple(fields))
    _, paths = merge(base, mine, theirs)
    ft, fm = flatten(theirs), flatten(mine)
    # fields the merge finds in conflict besides the entries' follow the side of a single
    # decision; chosen field by field, the workspace keeps what it has there
    pinned = {p: (ft if side_of(resolve_as, p) == "file" else fm).get(p, MISSING) for p in paths}
    values = resolve(base, mine, theirs, pinned={**pinned, **chosen})
    return Outcome("unchanged" if equal_records(values, mine) else "update", values, tuple(fields), resolution)


def entry_values(fields: tuple[FieldConflict, ...], kind: str, record_id: str, workspace_by: str | None,
                 file_by: str | None) -> list[dict[str, Any]]:
    """An import's conflict as the `[[conflicts]]` entries an export writes next to the record."""
    out = []
    for f in fields:
        e: dict[str, Any] = {"kind": kind, "id": record_id, "field": f.path}
        if f.workspace is not None:
            e["ours"] = f.workspace
        if f.file is not None:
            e["theirs"] = f.file
        if f.base is not None:
            e["base"] = f.base
        if workspace_by:
            e["ours_by"] = workspace_by
        if file_by:
            e["theirs_by"] = file_by
        out.append(e)
    return out
