"""An account's plan file made straight from its stored rows, for `kamtui sync`: no model is
built and no pydantic loaded (the model-based `export.plan_toml` costs the sync of one changed
account more than its git commands). The same bytes as `export.plan_toml` and the same bases
as `synced.plan_for_file`, which tests/plans/test_light_export.py holds for every account of
the demo workspaces, a generated workspace and generated records with hostile text.

What the models declare is restated here as plain data (each record's columns, file keys,
empty defaults, booleans, dates); the same test holds each of them equal to what the models
and `format` say. An account whose file carries kept conflicts is made by `export` (rare: a
conflict an import stopped)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from kamtui.domain import leaning
from kamtui.domain.enums import Evidence, Indicator, Layer, OrgDimension
from kamtui.services.plans.toml_write import document
from kamtui.store import plan_rows, sync_base
from kamtui.store.sync_base import key_text

SCHEMA_VERSION = 1
PRIVATE_FIELDS = ("personal_needs", "career_needs", "private_notes")

# kind -> the stored columns, in the model's field order (a base keeps them, but `version`)
COLUMNS: dict[str, tuple[str, ...]] = {
    "account": ("id", "name", "short_name", "industry", "region", "tier", "owner_id", "strategy_notes",
                "archived", "version"),
    "department": ("id", "account_id", "parent_id", "name", "importance", "business_line", "archived", "version"),
    "person": ("id", "account_id", "department_id", "name", "title", "email", "phone", "reports_to_id", "role",
               "influence", "attitude", "executive", "hidden_decision_maker", "rising_star", "needs_level",
               "personal_needs", "career_needs", "private_notes", "owner_id", "leaning_known",
               "leaning_competitor_id", "last_contact", "archived", "version"),
    "link": ("id", "account_id", "from_id", "to_id", "kind", "version"),
    "competitor": ("id", "account_id", "name", "position", "notes", "version"),
    "assessment": ("id", "account_id", "assessed_on", "recorded_by", "note", "org", "evidence", "people",
                   "departments", "evidence_activity_id", "version"),
    "target": ("account_id", "layer", "level", "target_index", "due", "notes", "version"),
    "activity": ("id", "account_id", "type", "scope", "layer", "target_person_ids", "target_department_id",
                 "target_business_line", "short_board", "objective", "planned_on", "owner_id", "status",
                 "outcome", "cancel_reason", "cost", "currency", "needs_level", "compliance_reviewed",
                 "approval", "archived", "version"),
    "dismissal": ("account_id", "key", "reason", "dismissed_by", "dismissed_on", "version"),
}
# kind -> the keys its records have in a file, in file order (format.KEYS)
KEYS: dict[str, tuple[str, ...]] = {
    "account": ("id", "name", "short_name", "industry", "region", "tier", "owner_id", "strategy_notes", "archived"),
    "department": ("id", "parent_id", "name", "importance", "business_line", "archived"),
    "person": ("id", "department_id", "name", "title", "email", "phone", "reports_to_id", "role", "influence",
               "attitude", "executive", "hidden_decision_maker", "rising_star", "needs_level", "personal_needs",
               "career_needs", "private_notes", "owner_id", "leaning_known", "leaning_competitor_id",
               "last_contact", "archived"),
    "link": ("id", "to_id", "kind"),
    "competitor": ("id", "name", "position", "notes"),
    "assessment": ("id", "assessed_on", "recorded_by", "note", "org", "evidence", "people", "departments",
                   "evidence_activity_id"),
    "target": ("layer", "level", "index", "due", "notes"),
    "activity": ("id", "type", "scope", "layer", "target_person_ids", "target_department_id",
                 "target_business_line", "short_board", "objective", "planned_on", "owner_id", "status",
                 "outcome", "cancel_reason", "cost", "currency", "needs_level", "compliance_reviewed",
                 "approval", "archived"),
    "dismissal": ("key", "reason", "dismissed_by", "dismissed_on"),
    "org_rating": ("value", "note"),
    "person_rating": ("person_id", "attitude", "influence", "needs_level", "role"),
    "department_rating": ("department_id", "importance", "ratings"),
    "approval": ("approver", "approved_on"),
}
# kind -> the keys left out of a file when they hold this (empty) default (format.OMITTABLE)
OMIT: dict[str, dict[str, Any]] = {
    "account": {"short_name": "", "industry": "", "region": "", "owner_id": None, "strategy_notes": "",
                "archived": False},
    "department": {"parent_id": None, "business_line": "", "archived": False},
    "person": {"department_id": None, "title": "", "email": "", "phone": "", "reports_to_id": None, "role": None,
               "executive": False, "hidden_decision_maker": False, "rising_star": False, "needs_level": None,
               "personal_needs": "", "career_needs": "", "private_notes": "", "owner_id": None,
               "leaning_known": False, "leaning_competitor_id": None, "last_contact": None, "archived": False},
    "link": {},
    "competitor": {"notes": ""},
    "assessment": {"recorded_by": "", "note": "", "org": {}, "evidence": {}, "people": [], "departments": [],
                   "evidence_activity_id": None},
    "target": {"level": None, "index": None, "due": None, "notes": ""},
    "activity": {"target_person_ids": [], "target_department_id": None, "target_business_line": "",
                 "short_board": "", "objective": "", "planned_on": None, "owner_id": None, "outcome": "",
                 "cancel_reason": "", "needs_level": None, "compliance_reviewed": False, "approval": None,
                 "archived": False},
    "dismissal": {"dismissed_by": ""},
    "org_rating": {"note": ""},
    "person_rating": {"needs_level": None, "role": None},
    "department_rating": {"ratings": {}},
    "approval": {},
}
# fields stored as 0/1 / as ISO dates / as JSON (the store's codecs)
BOOLS: dict[str, frozenset[str]] = {
    "account": frozenset({"archived"}), "department": frozenset({"archived"}),
    "person": frozenset({"executive", "hidden_decision_maker", "rising_star", "leaning_known", "archived"}),
    "activity": frozenset({"compliance_reviewed", "archived"}),
}
DATES: dict[str, frozenset[str]] = {
    "person": frozenset({"last_contact"}), "assessment": frozenset({"assessed_on"}), "target": frozenset({"due"}),
    "activity": frozenset({"planned_on"}), "dismissal": frozenset({"dismissed_on"}),
}
JSON: dict[str, frozenset[str]] = {
    "assessment": frozenset({"org", "evidence", "people", "departments"}),
    "activity": frozenset({"target_person_ids", "approval"}),
}
FLOATS: dict[str, frozenset[str]] = {"target": frozenset({"index"}), "activity": frozenset({"cost"})}
COLUMN_OF = {"target": {"index": "target_index"}}
_LAYER_ORDER = {layer.value: i for i, layer in enumerate(Layer)}
_FAR_FUTURE = dt.date.max.isoformat()
_DAY = dt.date.fromisoformat


def _nested(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    omit = OMIT[kind]
    out = {}
    for key in KEYS[kind]:
        v = data.get(key, omit.get(key))
        if key in omit and v == omit[key] and type(v) is type(omit[key]):
            continue
        if kind == "approval" and key == "approved_on":
            v = _DAY(v)
        elif kind == "department_rating" and key == "ratings":
            v = {i.value: v[i.value] for i in Indicator if i.value in v}
        out[key] = v
    return out


def _special(kind: str, key: str, v: Any) -> Any:
    if kind == "assessment":
        if key == "org":
            return {d.value: _nested("org_rating", v[d.value]) for d in OrgDimension if d.value in v}
        if key == "evidence":
            return {e.value: _DAY(v[e.value]) for e in Evidence if e.value in v}
        if key == "people":
            return [_nested("person_rating", p) for p in sorted(v, key=lambda p: p["person_id"])]
        return [_nested("department_rating", d) for d in sorted(v, key=lambda d: d["department_id"])]
    if key == "target_person_ids":
        return sorted(v)
    return _nested("approval", v)  # an activity's approval


def _values(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    """The record's fields as the model holds them (decoded: booleans, dates, JSON)."""
    out = {}
    bools, dates, jsons = BOOLS.get(kind, ()), DATES.get(kind, ()), JSON.get(kind, ())
    floats, cols = FLOATS.get(kind, ()), COLUMN_OF.get(kind, {})
    for key in KEYS[kind]:
        v = row[cols.get(key, key)]
        if key in bools:
            v = bool(v)
        elif v is not None and key in floats:
            v = float(v)
        elif v is not None and key in dates:
            v = _DAY(v)
        elif v is not None and key in jsons:
            v = json.loads(v)
        out[key] = v
    if kind == "person":  # the model's rule: naming a competitor is an assessment too
        out["leaning_known"] = leaning.assessed(row["leaning_known"], row["leaning_competitor_id"])
    return out


def record(kind: str, row: dict[str, Any], private: bool = True) -> dict[str, Any]:
    """One stored row as its file record (format.record of its model)."""
    omit = OMIT[kind]
    out: dict[str, Any] = {}
    for key, v in _values(kind, row).items():
        if key in omit and v == omit[key] and type(v) is type(omit[key]):
            continue
        if not private and kind == "person" and key in PRIVATE_FIELDS:
            continue
        out[key] = _special(kind, key, v) if key in JSON.get(kind, ()) and v is not None else v
    return out


def base(kind: str, row: dict[str, Any]) -> tuple[str, str, str | None, dict[str, Any]]:
    """The record's base as the export stores it (threeway.base_data of its encoded model)."""
    data: dict[str, Any] = {}
    bools, jsons = BOOLS.get(kind, ()), JSON.get(kind, ())
    for c in COLUMNS[kind]:
        if c == "version":
            continue
        v = row[c]
        if c in bools:
            v = int(bool(v))
        elif v is not None and c in jsons:
            decoded = json.loads(v)
            v = "[]" if decoded == [] else json.dumps(decoded, ensure_ascii=False, sort_keys=True)
        data[c] = v
    if kind == "person":
        data["leaning_known"] = int(leaning.assessed(row["leaning_known"], row["leaning_competitor_id"]))
    if kind == "target":
        key = key_text((row["account_id"], row["layer"]))
    elif kind == "dismissal":
        key = key_text((row["account_id"], row["key"]))
    else:
        key = key_text(row["id"])
    return (kind, key, row["id"] if kind == "account" else row["account_id"], data)


def _activity_key(r: dict) -> tuple:
    return (r["planned_on"] is None, r["planned_on"] or _FAR_FUTURE, r["id"])


_SORT = {
    "department": lambda r: r["id"], "person": lambda r: r["id"], "competitor": lambda r: r["id"],
    "assessment": lambda r: (r["assessed_on"], r["id"]), "target": lambda r: _LAYER_ORDER[r["layer"]],
    "activity": _activity_key, "dismissal": lambda r: (r["dismissed_on"], r["key"]),
}
_SECTIONS = (("departments", "department"), ("people", "person"), ("competitors", "competitor"),
             ("assessments", "assessment"), ("targets", "target"), ("activities", "activity"),
             ("dismissals", "dismissal"))
_BASE_ORDER = ("department", "person", "link", "competitor", "assessment", "target", "activity", "dismissal")


def account_file(conn: Any, account_id: str, *, include_private: bool = False
                 ) -> tuple[str, list, dict[str, Any]] | None:
    """(the account's TOML text, its records' bases, its stored account row), or None when
    the file is the model-based export's to make (kept conflicts, or no such account)."""
    if plan_rows.has_kept_conflicts(conn, account_id):
        return None
    rows = plan_rows.account_rows(conn, account_id)
    if not rows["account"]:
        return None
    account = rows["account"][0]
    links: dict[str, list] = {}
    for link in sorted(rows["link"], key=lambda r: r["id"]):
        links.setdefault(link["from_id"], []).append(record("link", link))
    sections: list[tuple[str, Any]] = [("account", record("account", account))]
    for name, kind in _SECTIONS:
        made = []
        for r in sorted(rows[kind], key=_SORT[kind]):
            rec = record(kind, r, private=include_private if kind == "person" else True)
            if kind == "person" and r["id"] in links:
                rec["links"] = links[r["id"]]
            made.append(rec)
        sections.append((name, made))
    sections.append(("conflicts", []))
    text = document({"schema_version": SCHEMA_VERSION, "private": include_private}, sections)
    bases = [base("account", account)] + [base(kind, r) for kind in _BASE_ORDER for r in rows[kind]]
    return text, bases, account


def export_changed(ctx: Any, account_ids: list[str], folder: Any, *, with_workspace: bool,
                   after_writing: Any = None) -> list:
    """`export.export_accounts` as the sync calls it (its plan files, private fields left out,
    into the clone), each account's file made here from its rows; the workspace file and an
    account with kept conflicts by `export`. The same files, renames and bases."""
    import unicodedata
    from types import SimpleNamespace

    from kamtui.services.files import workspace_mode, write_file
    from kamtui.services.plans import file_names
    from kamtui.services.plans.bulk import gc_paused

    conn = ctx.ws.conn
    made: list[tuple[str, str, list[Any]]] = []  # (file name, text, stale files)
    bases: list = []
    taken: set[str] = set()
    if with_workspace:
        from kamtui.services.plans import export

        text, found = export._workspace_file(ctx)
        made.append((file_names.WORKSPACE_FILE, text, []))
        taken.add(file_names.same_file_key(file_names.WORKSPACE_FILE))
        bases += found
    earlier = file_names.files_by_id(folder, ".toml")
    with gc_paused():
        for account_id in account_ids:
            light = account_file(conn, account_id)
            if light is None:
                from kamtui.services.plans import export

                text, found = export._account_file(ctx, account_id, False)
                name = file_names.file_name(export.accounts.account(conn, account_id))
            else:
                text, found, row = light
                name = file_names.file_name(SimpleNamespace(**row))
            key = file_names.same_file_key(name)
            if key in taken:
                from kamtui.errors import KamtuiError

                raise KamtuiError("plan.export.same_file", path=folder / name)
            taken.add(key)
            bases += found
            made.append((name, text, [old for old in earlier.get(account_id, ())
                                      if unicodedata.normalize("NFC", old.name) != unicodedata.normalize("NFC", name)]))
    mode = workspace_mode(ctx)
    written = []
    for name, text, stale in made:
        written.append(write_file(folder / name, text, mode))
        for old in stale:  # the file of an earlier export under the account's old name
            old.unlink(missing_ok=True)
    if after_writing is not None:
        after_writing(written)
    if bases and not ctx.read_only:
        with ctx.write() as tx:
            sync_base.put(tx.db, bases)
    return written
