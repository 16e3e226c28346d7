"""Three versions of one plan file (or workspace.toml) merged record by record, field by field:
what `kamtui merge-driver` does for git.

The records of the common ancestor, ours and theirs are merged with `domain.plan_merge`; a
field both sides changed differently keeps ours in the record and is written as a
`[[conflicts]]` entry with both values (and who made them, where git knows), which
`kamtui import` and the app's conflict dialog show. Entries already in the files merge like
records: one a side removed (it decided the conflict) goes. The result is written exactly as
an export writes it, so a merged file equals what either site would export of that content.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from kamtui.domain.models import Settings
from kamtui.domain.plan import AccountPlan
from kamtui.domain.plan_merge import FieldConflict, merge_records
from kamtui.services.plans.parse import ParsedPlan, ParsedWorkspace, Source, parse_source
from kamtui.services.plans.rows import MODEL, PLAN_KINDS
from kamtui.services.sync import record_values

_ATTR = {"department": "departments", "person": "people", "link": "links", "competitor": "competitors",
         "assessment": "assessments", "target": "targets", "activity": "activities", "dismissal": "dismissals"}


@dataclass
class Merged:
    text: str
    conflicts: list[FieldConflict]  # the fields both sides changed differently in this merge
    entries: int  # [[conflicts]] entries in the result (these and earlier ones still open)


def _record_id(kind: str, model: Any) -> str:
    if kind == "target":
        return model.layer.value
    if kind == "dismissal":
        return model.key
    if kind == "settings":
        return "1"
    return model.id


def _records(parsed: ParsedPlan | ParsedWorkspace | None) -> dict[Hashable, dict]:
    """(kind, id) -> values, in file order; entries as ("conflict", kind, id, field) -> entry."""
    out: dict[Hashable, dict] = {}
    if isinstance(parsed, ParsedPlan):
        items = [("account", parsed.account)] + [(k, i) for k in PLAN_KINDS for i in parsed.items.get(k, [])]
    elif isinstance(parsed, ParsedWorkspace):
        items = ([("settings", parsed.settings)] if parsed.settings else []) + [("member", m) for m in parsed.members]
    else:
        return out
    for kind, item in items:
        out[(kind, _record_id(kind, item.model))] = record_values(item.model)
    for e in parsed.entries:
        out[("conflict", e.get("kind"), str(e.get("id")), e.get("field"))] = dict(e)
    return out


def _parse(name: str, data: bytes) -> tuple[ParsedPlan | ParsedWorkspace | None, bool]:
    """(parsed, ok): an empty ancestor (both sides added the file) is no records, and fine."""
    if not data.strip():
        return None, True
    parsed, problems = parse_source(Source(name, data))
    return parsed, not problems and parsed is not None


def merge_texts(base: bytes, ours: bytes, theirs: bytes, name: str, ours_by: str | None = None,
                theirs_by: str | None = None) -> Merged | None:
    """The merged file, or None when a version is not a plan file kamtui can read (git's own
    line merge is then the fallback)."""
    parsed = [_parse(name, data) for data in (base, ours, theirs)]
    if not all(ok for _, ok in parsed) or parsed[1][0] is None or parsed[2][0] is None:
        return None
    (b, _), (o, _), (t, _) = parsed
    if type(o) is not type(t) or (b is not None and type(b) is not type(o)):
        return None
    merged, conflicts = merge_records(_records(b), _records(o), _records(t))
    for c in conflicts:  # written beside the record, which keeps ours meanwhile
        kind, rid = c.key  # type: ignore[misc]
        entry: dict[str, Any] = {"kind": kind, "id": rid, "field": c.path}
        for side, value in (("ours", c.ours), ("theirs", c.theirs), ("base", c.base)):
            if value is not None and not _missing(value):
                entry[side] = value
        if ours_by:
            entry["ours_by"] = ours_by
        if theirs_by:
            entry["theirs_by"] = theirs_by
        merged[("conflict", kind, rid, c.path)] = entry
    entries = [v for k, v in merged.items() if k[0] == "conflict"]  # type: ignore[index]
    records = {k: v for k, v in merged.items() if k[0] != "conflict"}  # type: ignore[index]
    from kamtui.services.plans.export import plan_toml, workspace_toml

    if isinstance(o, ParsedPlan):
        plan = _plan(records)
        if plan is None:
            return None
        text = plan_toml(plan, include_private=o.private or bool(t and t.private), conflicts=entries)  # type: ignore[union-attr]
    else:
        settings = records.get(("settings", "1"))
        members = [MODEL["member"].model_validate(v) for k, v in records.items() if k[0] == "member"]  # type: ignore[index]
        text = workspace_toml(Settings.model_validate(settings) if settings else Settings(), members, entries)
    return Merged(text, conflicts, len(entries))


def _missing(value: Any) -> bool:
    from kamtui.domain.merge import MISSING

    return value is MISSING


def _plan(records: dict[Hashable, dict]) -> AccountPlan | None:
    lists: dict[str, list] = {attr: [] for attr in _ATTR.values()}
    account = None
    for (kind, _rid), values in records.items():  # type: ignore[misc]
        model = MODEL[kind].model_validate(values)
        if kind == "account":
            account = model
        else:
            lists[_ATTR[kind]].append(model)
    if account is None:
        return None
    return AccountPlan.model_construct(account=account, **lists)
