"""The plan file format: which keys, in which order, sorted how, and how a document is written.

Both the exporter and the importer use this module, so a record is compared in exactly the
form it is written in. The rules (also in the package docstring):

- every record's keys come in the fixed order below (the models' declaration order);
- arrays are sorted by a stable key: the date, then the id (the id alone when undated);
- a key is left out when its value is empty (no value, "", false, an empty array or table)
  *and* that is the field's default, so a missing key always means "empty";
- `account_id` is never written (a plan file holds one account), nor a link's `from_id`
  (links sit under the person they start from).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from kamtui.domain.enums import ComplianceCategory, Evidence, Indicator, Layer, OrgDimension
from kamtui.domain.models import (
    PRIVATE_PERSON_FIELDS, Account, Activity, Approval, Assessment, Competitor, Department,
    DepartmentRating, LayerTarget, OrgRating, Person, PersonLink, PersonRating, PitfallDismissal,
    Policy, Settings, TeamMember, Threshold,
)
from kamtui.services.plans.file_names import (  # noqa: F401 (names of this module's API)
    SUFFIXES, WORKSPACE_FILE, account_id_of, file_name, id_part, name_slug,
)

SCHEMA_VERSION = 1
MAX_BYTES = 5 * 1024 * 1024  # a plan file larger than this is refused before parsing
MAX_DEPTH = 50  # bracket nesting deeper than this is refused before parsing
PRIVATE_FIELDS = PRIVATE_PERSON_FIELDS

# Top-level keys, in file order.
PLAN_KEYS = ("schema_version", "private", "account", "departments", "people", "competitors",
             "assessments", "targets", "activities", "dismissals", "conflicts")
WORKSPACE_KEYS = ("schema_version", "settings", "members", "conflicts")
# A field two sites changed differently, left by a merge (`kamtui merge-driver`) or kept by an
# import until someone decides: `[[conflicts]]` after the records, one table per field.
CONFLICT_KEYS = ("kind", "id", "field", "ours", "theirs", "ours_by", "theirs_by", "base")

# Each record's keys in file order (a test checks these against the models' fields).
KEYS: dict[type[BaseModel], tuple[str, ...]] = {
    Account: ("id", "name", "short_name", "industry", "region", "tier", "owner_id",
              "strategy_notes", "archived"),
    Department: ("id", "parent_id", "name", "importance", "business_line", "archived"),
    Person: ("id", "department_id", "name", "title", "email", "phone", "reports_to_id", "role", "influence",
             "attitude", "executive", "hidden_decision_maker", "rising_star", "needs_level",
             "personal_needs", "career_needs", "private_notes", "owner_id", "leaning_known",
             "leaning_competitor_id", "last_contact", "archived"),
    PersonLink: ("id", "to_id", "kind"),
    Competitor: ("id", "name", "position", "notes"),
    Assessment: ("id", "assessed_on", "recorded_by", "note", "org", "evidence", "people",
                 "departments", "evidence_activity_id"),
    OrgRating: ("value", "note"),
    PersonRating: ("person_id", "attitude", "influence", "needs_level", "role"),
    DepartmentRating: ("department_id", "importance", "ratings"),
    LayerTarget: ("layer", "level", "index", "due", "notes"),
    Activity: ("id", "type", "scope", "layer", "target_person_ids", "target_department_id",
               "target_business_line", "short_board", "objective", "planned_on", "owner_id",
               "status", "outcome", "cancel_reason", "cost", "currency", "needs_level",
               "compliance_reviewed", "approval", "archived"),
    Approval: ("approver", "approved_on"),
    PitfallDismissal: ("key", "reason", "dismissed_by", "dismissed_on"),
    TeamMember: ("id", "name", "title", "login", "archived"),
    Settings: ("team_name", "default_lang", "policy"),
    Policy: ("currency", "thresholds"),
    Threshold: ("per_activity", "per_person_year"),
}
# Kept in the workspace, never written: a record's `version` counts its saves, so writing it
# would change the file at every save and make two sites' edits of different fields collide
# on that line. Files of the previous format carry it: it is read (and used only where the
# workspace knows no synced state of the record, see changes.py) and never written back.
NOT_WRITTEN = ("version",)
# Keys a file leaves out because the file's structure implies them.
IMPLIED: dict[type[BaseModel], tuple[str, ...]] = {
    Department: ("account_id",), Person: ("account_id",), PersonLink: ("account_id", "from_id"),
    Competitor: ("account_id",), Assessment: ("account_id",), LayerTarget: ("account_id",),
    Activity: ("account_id",), PitfallDismissal: ("account_id",),
}

# Kinds of record, in the order the import reports them: kind -> (model, plan file key).
KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "settings": (Settings, "settings"),
    "member": (TeamMember, "members"),
    "account": (Account, "account"),
    "department": (Department, "departments"),
    "person": (Person, "people"),
    "link": (PersonLink, "people[].links"),
    "competitor": (Competitor, "competitors"),
    "assessment": (Assessment, "assessments"),
    "target": (LayerTarget, "targets"),
    "activity": (Activity, "activities"),
    "dismissal": (PitfallDismissal, "dismissals"),
}
KIND_OF: dict[type[BaseModel], str] = {model: kind for kind, (model, _) in KINDS.items()}

_LAYER_ORDER = {layer: i for i, layer in enumerate(Layer)}
_FAR_FUTURE = dt.date.max


def _default(model: type[BaseModel], name: str) -> Any:
    info = model.model_fields[name]
    if info.default_factory is not None:
        try:
            return info.default_factory()  # type: ignore[call-arg]
        except TypeError:
            return PydanticUndefined
    return info.default


def _omittable(model: type[BaseModel]) -> dict[str, Any]:
    """The fields whose default is empty: left out of the file when they hold that default."""
    out = {}
    for name in model.model_fields:
        d = _default(model, name)
        if d is None or d == "" or d is False or (isinstance(d, (list, dict)) and not d):
            out[name] = d
    return out


OMITTABLE: dict[type[BaseModel], dict[str, Any]] = {m: _omittable(m) for m in KEYS}


# --- canonical record dicts -------------------------------------------------------------------

def _plain(v: Any) -> Any:
    if isinstance(v, Enum):
        return v.value
    if isinstance(v, BaseModel):
        return record(v)
    return v


def record(obj: BaseModel, *, private: bool = True) -> dict[str, Any]:
    """One record as written to a file: fixed key order, empties left out, arrays sorted."""
    model = type(obj)
    omit = OMITTABLE[model]
    out: dict[str, Any] = {}
    for key in KEYS[model]:
        v = getattr(obj, key)
        if key in omit and v == omit[key] and type(v) is type(omit[key]):
            continue
        if not private and model is Person and key in PRIVATE_FIELDS:
            continue
        special = _SPECIAL.get((model, key))
        out[key] = special(v) if special else _plain(v)
    return out


def _ordered_map(order: Iterable[Enum], convert: Callable[[Any], Any] = _plain) -> Callable[[dict], dict]:
    order = tuple(order)

    def build(mapping: dict) -> dict:
        return {k.value: convert(mapping[k]) for k in order if k in mapping}
    return build


_SPECIAL: dict[tuple[type[BaseModel], str], Callable[[Any], Any]] = {
    (Assessment, "org"): _ordered_map(OrgDimension),
    (Assessment, "evidence"): _ordered_map(Evidence),
    (Assessment, "people"): lambda v: [record(p) for p in sorted(v, key=lambda p: p.person_id)],
    (Assessment, "departments"): lambda v: [record(d) for d in sorted(v, key=lambda d: d.department_id)],
    (DepartmentRating, "ratings"): _ordered_map(Indicator),
    (Activity, "target_person_ids"): sorted,
    (Policy, "thresholds"): _ordered_map(ComplianceCategory),
}


def comparable(obj: BaseModel, *, private: bool = True) -> dict[str, Any]:
    """What decides whether two versions of a record differ: the file form."""
    return record(obj, private=private)


def conflict_entries(entries: list[dict]) -> list[dict]:
    """`[[conflicts]]` in a stable order (by record, then field), keys in CONFLICT_KEYS order;
    a value that is empty on one side is left out (a missing key means empty)."""
    rows = [{k: e[k] for k in CONFLICT_KEYS if k in e and e[k] is not None} for e in entries]
    unique = {(r.get("kind"), str(r.get("id")), r.get("field")): r for r in rows}
    return [unique[k] for k in sorted(unique, key=lambda k: tuple(str(x) for x in k))]


# --- sort keys ---------------------------------------------------------------------------------

def by_id(obj: Any) -> str:
    return obj.id


def assessment_key(a: Assessment) -> tuple:
    return (a.assessed_on, a.id)


def activity_key(a: Activity) -> tuple:
    return (a.planned_on is None, a.planned_on or _FAR_FUTURE, a.id)


def target_key(t: LayerTarget) -> int:
    return _LAYER_ORDER[t.layer]


def dismissal_key(d: PitfallDismissal) -> tuple:
    return (d.dismissed_on, d.key)


# --- writing TOML: plans.toml_write (no pydantic: the sync's light export writes with it too)

from kamtui.services.plans.toml_write import document  # noqa: E402,F401 (this module's API)
