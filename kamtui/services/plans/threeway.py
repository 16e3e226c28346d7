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

from dataclasses import dataclass
from typing import Any

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


@dataclass
class Outcome:
    action: str  # "unchanged" (nothing to write), "update", "conflict"
    values: dict[str, Any] | None = None  # what to save (update)
    fields: tuple[FieldConflict, ...] = ()
    resolution: str = ""  # a conflict decided by the import's option: "file" / "workspace"


def _show(value: Any) -> Any:
    return None if value is MISSING else value


def decide(base: dict[str, Any] | None, mine: dict[str, Any], theirs: dict[str, Any], resolve_as: str) -> Outcome:
    """The file's values (`theirs`) against the workspace's (`mine`) since the base (None:
    unknown); `resolve_as` decides conflicting fields ("file", "workspace") or stops them ("")."""
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
    if resolve_as == "file":
        return Outcome("update", resolve(base, mine, theirs, pinned={p: ft.get(p, MISSING) for p in paths}),
                       fields, "file")
    if resolve_as == "workspace":
        return Outcome("unchanged" if equal_records(merged, mine) else "update", merged, fields, "workspace")
    return Outcome("conflict", None, fields)


def decide_rows(kind: str, file_row: tuple, stored: tuple, base: dict[str, Any] | None, resolve_as: str) -> Outcome:
    """`decide` for rows (the file's private fields already filled from the workspace where the
    file has none) and the base's stored columns; the previous format's rule where no base is known."""
    v = INDEX[kind]["version"]
    if base is None and file_row[v] == stored[v]:
        base = base_data(kind, stored)  # (see the module doc)
    b = base_values(kind, base) if base is not None else None
    return decide(b, values_of(kind, stored), values_of(kind, file_row), resolve_as)


def decide_recorded(base: dict[str, Any] | None, mine: dict[str, Any], theirs: dict[str, Any],
                    entries: list[dict], resolve_as: str) -> Outcome:
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
        fields.append(FieldConflict(path, None, _show(have), _show(other)))
        chosen[path] = other if resolve_as == "file" else have
    if not resolve_as:
        return Outcome("conflict", None, tuple(fields))
    merged, paths = merge(base, mine, theirs)
    ft, fm = flatten(theirs), flatten(mine)
    pinned = {p: (ft if resolve_as == "file" else fm).get(p, MISSING) for p in paths}
    values = resolve(base, mine, theirs, pinned={**pinned, **chosen})
    return Outcome("unchanged" if equal_records(values, mine) else "update", values, tuple(fields), resolve_as)


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
        if workspace_by:
            e["ours_by"] = workspace_by
        if file_by:
            e["theirs_by"] = file_by
        out.append(e)
    return out
