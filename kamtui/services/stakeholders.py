"""The stakeholder map's person and department cards and its pickers (method.md §2).

The map's views and figures are `map_data`; its edits go through `people`, as every other
screen's do."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kamtui.domain import ordering
from kamtui.domain.tree import reports_below
from kamtui.domain.enums import ComplianceCategory, LinkKind
from kamtui.domain.models import Activity, Department, Person, PersonLink
from kamtui.domain.rules.compliance import person_year_totals
from kamtui.formatting import age
from kamtui.services.context import Context
from kamtui.services.map_data import MapData, OrgIndex, flags_of
from kamtui.services.people import get_person, parent_options
from kamtui.store import activities as store_activities
from kamtui.store import people as store_people
from kamtui.store import team


# -- the card --------------------------------------------------------------------------
@dataclass(frozen=True)
class LinkLine:
    outgoing: bool
    kind: LinkKind
    other_id: str
    other_name: str
    link: PersonLink


@dataclass(frozen=True)
class Card:
    person: Person
    department: str
    reports_to: str
    owner: str
    leaning: str | None  # competitor name; "" leans to nobody; None: not assessed
    links: list[LinkLine]
    activities: list[Activity]  # newest first
    year: int
    year_totals: dict[ComplianceCategory, float]
    currency: str
    contact_age: str
    flag: str | None
    knowers: list[str] = field(default_factory=list)


def card(ctx: Context, data: MapData, person_id: str) -> Card:
    p = get_person(ctx, person_id)
    links = []
    for link in store_people.links_of(ctx.db, person_id):
        out = link.from_id == person_id
        other = data.by_id.get(link.to_id if out else link.from_id)
        if other is not None:
            links.append(LinkLine(out, link.kind, other.id, other.name, link))
    acts = sorted(store_activities.targeting(ctx.db, person_id, include_archived=False),
                  key=lambda a: (a.planned_on is not None, a.planned_on, a.id), reverse=True)
    year = ctx.today.year
    manager = data.by_id.get(p.reports_to_id or "")
    leaning = None
    if p.leaning_known:
        comp = data.competitors.get(p.leaning_competitor_id or "")
        leaning = comp.name if comp else ""
    owner = data.members.get(p.owner_id or "")
    return Card(
        person=p, department=data.department_name(p.department_id),
        reports_to=manager.name if manager else "", owner=owner.name if owner else "",
        leaning=leaning, links=links, activities=acts, year=year,
        year_totals=person_year_totals(acts, year).get(person_id, {}),
        currency=team.settings(ctx.db).policy.currency,
        contact_age=age(p.last_contact, ctx.today), flag=flags_of([p]).get(p.id),
        knowers=sorted(data.members[m].name for m in data.knows.get(p.id, ()) if m in data.members),
    )


@dataclass(frozen=True)
class DepartmentCard:
    department: Department
    parent: str
    people: int
    subdepartments: int


def department_card(ctx: Context, index: OrgIndex, department_id: str) -> DepartmentCard:
    d = index.departments[department_id]
    parent = index.departments.get(d.parent_id or "")
    return DepartmentCard(d, parent.name if parent else "", index.people_count.get(d.id, 0),
                          len(index.children.get(d.id, [])))


# -- pickers ---------------------------------------------------------------------------
@dataclass(frozen=True)
class PickItem:
    id: str
    name: str
    title: str = ""  # matched like the name: a person's title, a department's business line
    detail: str = ""  # shown only (the person's department)

    def matches(self, needle: str, spelled: str = "") -> bool:
        """Any part of the name or title, case-insensitive (Chinese needs no folding), or
        the name's pinyin: `spelled` is `pinyin.needle(term)` (`zq`, `zhouqiang` → 周强)."""
        if needle in self.name.casefold() or needle in self.title.casefold():
            return True
        if not spelled:
            return False
        from kamtui.services import pinyin

        return pinyin.matches(self.name, spelled) or pinyin.matches(self.title, spelled)

    def pinyin_keys(self) -> None:
        """Compute (and cache) the pinyin keys `matches` uses: from a worker, once per picker."""
        from kamtui.services import pinyin

        pinyin.key(self.name)
        pinyin.key(self.title)


def people_items(data: MapData, exclude: set[str] = frozenset(), archived: bool = False) -> list[PickItem]:
    source = data.archived_people() if archived else data.people
    return [PickItem(p.id, p.name, p.title, data.department_name(p.department_id))
            for p in source if p.id not in exclude]


def manager_items(data: MapData, person_id: str) -> list[PickItem]:
    """Whom the person may report to: nobody below them (that would make a cycle)."""
    return people_items(data, reports_below(data.people, person_id) | {person_id})


def department_items(data: MapData, exclude: Iterable[str] = frozenset()) -> list[PickItem]:
    leave_out = set(exclude)
    return _department_items(d for d in data.departments.values() if d.id not in leave_out)


def parent_items(data: MapData, dept: Department) -> list[PickItem]:
    """The departments `dept` may move under: neither itself nor one below it."""
    return _department_items(parent_options(list(data.departments.values()), dept))


def _department_items(departments: Iterable[Department]) -> list[PickItem]:
    return [PickItem(d.id, d.name, d.business_line)
            for d in sorted(departments, key=ordering.sort_key("Department"))]
