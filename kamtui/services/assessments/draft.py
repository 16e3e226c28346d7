"""The wizard's working state: what each step edits, as kept in a user's draft.

`fresh_draft` starts from the latest snapshot and the people's, departments' and targets'
current values; `reconcile` lays a stored draft over today's account. Typed text (dates,
target indices) is kept as typed and checked by `target_problems` and the session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from kamtui.domain import ordering
from kamtui.domain.enums import Attitude, ChainRole, Evidence, Indicator, Layer, OrgDimension, OrgLevel
from kamtui.domain.models import Assessment, Department, LayerTarget, Person
from kamtui.domain.plan import AccountPlan
from kamtui.errors import KamtuiError
from kamtui.messages import Message
from kamtui.services.context import Context

KIND = "assessment"
STEPS = 4  # organization, people, departments, review
ROLE_ORDER = [ChainRole.decision_maker, ChainRole.influencer, ChainRole.coach, ChainRole.evaluator,
              ChainRole.gatekeeper, ChainRole.user]


class Problem(NamedTuple):
    field: str  # e.g. "org.alliance", "evidence.cxo_visits", "target.key.index", "assessed_on"
    message: Message

    @classmethod
    def of(cls, field: str, code: str, **params: Any) -> "Problem":
        return cls(field, Message(code, **params))

    def text(self, lang: str) -> str:
        return self.message.text(lang)


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class PersonEntry(_Entry):
    """What step 2 edits for one person of the decision chain."""

    person_id: str
    role: ChainRole | None = None
    attitude: Attitude = Attitude.unknown
    influence: int = Field(3, ge=1, le=5)
    needs_level: int | None = Field(None, ge=1, le=5)
    hidden: bool = False
    rising_star: bool = False
    leaning_known: bool = False
    leaning_competitor_id: str | None = None


# entry field -> Person field
PERSON_FIELDS = {"attitude": "attitude", "influence": "influence", "needs_level": "needs_level",
                 "hidden": "hidden_decision_maker", "rising_star": "rising_star",
                 "leaning_known": "leaning_known", "leaning_competitor_id": "leaning_competitor_id"}


class DepartmentEntry(_Entry):
    department_id: str
    importance: int = Field(2, ge=1, le=3)
    ratings: dict[Indicator, int] = Field(default_factory=dict)


class TargetEntry(_Entry):
    level: OrgLevel | None = None  # organization layer
    index: str = ""  # key / extensive layers, as typed
    due: str = ""  # as typed
    notes: str = ""


class DraftData(_Entry):
    assessed_on: str  # as typed; today by default
    note: str = ""
    org: dict[OrgDimension, int] = Field(default_factory=dict)
    org_notes: dict[OrgDimension, str] = Field(default_factory=dict)
    evidence: dict[Evidence, str] = Field(default_factory=dict)  # ticked items -> date as typed
    people: list[PersonEntry] = Field(default_factory=list)
    departments: list[DepartmentEntry] = Field(default_factory=list)
    targets: dict[Layer, TargetEntry] = Field(default_factory=dict)
    dismissals: dict[str, str] = Field(default_factory=dict)  # pitfall key -> reason
    step: int = 0


class ChangedMeanwhile(KamtuiError):
    """Someone changed a person, department or target this session also changed."""

    def __init__(self, items: list[tuple[str, str]]):
        self.items = items  # (whose name / layer, field)
        super().__init__("assessment.changed_meanwhile", items=[f"{who} ({what})" for who, what in items])


def parse_day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def person_entry(p: Person) -> PersonEntry:
    # A stored person is valid already: construct without validating (2,000 people add up).
    return PersonEntry.model_construct(
        person_id=p.id, role=p.role, attitude=p.attitude, influence=p.influence,
        needs_level=p.needs_level, hidden=p.hidden_decision_maker, rising_star=p.rising_star,
        leaning_known=p.leaning_known, leaning_competitor_id=p.leaning_competitor_id)


def chain_order(people: Iterable[Person]) -> list[Person]:
    rank = {r: i for i, r in enumerate(ROLE_ORDER)}
    return sorted(people, key=lambda p: (rank.get(p.role, len(rank)), -p.influence, p.name, p.id))


def tree_order(departments: list[Department]) -> list[tuple[Department, int]]:
    ids = {d.id for d in departments}
    children: dict[str | None, list[Department]] = {}
    for d in departments:
        children.setdefault(d.parent_id if d.parent_id in ids else None, []).append(d)
    out: list[tuple[Department, int]] = []
    by_name = ordering.sort_key("Department")
    stack = [(d, 0) for d in sorted(children.get(None, []), key=by_name, reverse=True)]
    while stack:
        d, depth = stack.pop()
        out.append((d, depth))
        kids = sorted(children.get(d.id, []), key=by_name, reverse=True)
        stack.extend((k, depth + 1) for k in kids)
    return out


def fresh_draft(ctx: Context, plan: AccountPlan) -> DraftData:
    """A new draft from the latest snapshot and the account's current values."""
    people, departments = fresh_chain(plan.latest, plan.people, plan.departments)
    return fresh_head(ctx, plan.latest, plan.targets).model_copy(
        update={"people": people, "departments": departments})


def fresh_head(ctx: Context, latest: Assessment | None, targets: Iterable[LayerTarget]) -> DraftData:
    """A new draft without its people and departments: what the organization step needs."""
    by_layer = {t.layer: t for t in targets}
    return DraftData(
        assessed_on=ctx.today.isoformat(),
        org={d: r.value for d, r in latest.org.items()} if latest else {},
        org_notes={d: r.note for d, r in latest.org.items() if r.note} if latest else {},
        evidence={e: day.isoformat() for e, day in latest.evidence.items()} if latest else {},
        targets={
            layer: TargetEntry(
                level=by_layer[layer].level if layer in by_layer else None,
                index="" if layer not in by_layer or by_layer[layer].index is None
                else f"{by_layer[layer].index:g}",
                due=by_layer[layer].due.isoformat() if layer in by_layer and by_layer[layer].due else "",
                notes=by_layer[layer].notes if layer in by_layer else "",
            )
            for layer in Layer
        },
    )


def chain_member(p: Person, rated: set[str]) -> bool:
    """Step 2 lists the active people with a chain role, and anyone the latest snapshot rated."""
    return not p.archived and (p.role is not None or p.id in rated)


def fresh_chain(latest: Assessment | None, people: Iterable[Person],
                departments: Iterable[Department]) -> tuple[list[PersonEntry], list[DepartmentEntry]]:
    """A new draft's people (in chain order) and departments (in tree order)."""
    rated = {r.person_id for r in latest.people} if latest else set()
    old_depts = {d.department_id: d for d in latest.departments} if latest else {}
    return (
        [person_entry(p) for p in chain_order(p for p in people if chain_member(p, rated))],
        [DepartmentEntry(department_id=d.id, importance=d.importance,
                         ratings=dict(old_depts[d.id].ratings) if d.id in old_depts else {})
         for d, _ in tree_order([d for d in departments if not d.archived])],
    )


def clone(d: DraftData) -> DraftData:
    """An independent copy (cheaper than a deep copy: entries hold immutable values)."""
    return d.model_copy(update={
        "org": dict(d.org), "org_notes": dict(d.org_notes), "evidence": dict(d.evidence),
        "people": [e.model_copy() for e in d.people],
        "departments": [e.model_copy(update={"ratings": dict(e.ratings)}) for e in d.departments],
        "targets": {k: v.model_copy() for k, v in d.targets.items()},
        "dismissals": dict(d.dismissals),
    })


def reconcile(stored: DraftData, fresh: DraftData) -> DraftData:
    """A stored draft over today's account: people and departments gone are dropped, new ones added."""
    people = {e.person_id: e for e in fresh.people}
    depts = {e.department_id: e for e in fresh.departments}
    kept_people = [e for e in stored.people if e.person_id in people]
    seen = {e.person_id for e in kept_people}
    kept_depts = [e for e in stored.departments if e.department_id in depts]
    seen_d = {e.department_id for e in kept_depts}
    return stored.model_copy(update={
        "people": kept_people + [e for e in fresh.people if e.person_id not in seen],
        "departments": kept_depts + [e for e in fresh.departments if e.department_id not in seen_d],
    })


def target_values(entry: TargetEntry) -> dict[str, Any]:
    text = entry.index.strip()
    try:
        index = float(text) if text else None
    except ValueError:
        index = None
    return {"level": entry.level, "index": index, "due": parse_day(entry.due) if entry.due.strip() else None}


def stored_target_values(t: LayerTarget) -> dict[str, Any]:
    return {"level": t.level, "index": t.index, "due": t.due}


def target_problems(layer: Layer, entry: TargetEntry) -> list[Problem]:
    found = []
    name = f"target.{layer.value}"
    if entry.index.strip():
        try:
            value = float(entry.index.strip())
        except ValueError:
            found.append(Problem.of(f"{name}.index", "value.not_number"))
        else:
            low = 0 if layer == Layer.extensive else -100
            if not low <= value <= 100:
                found.append(Problem.of(f"{name}.index", "value.between", low=low, high=100))
    if entry.due.strip() and parse_day(entry.due) is None:
        found.append(Problem.of(f"{name}.due", "value.needs_date"))
    return found
